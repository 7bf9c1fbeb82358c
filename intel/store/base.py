"""The store interface every backend implements, and the algorithms they share.

A backend supplies transactions (``_read``/``_write`` running a function with a ``Tx``) and a
few dialect pieces; upserts, neighbourhoods, shortest paths and exports are written once here
against parameterised Cypher that both LadybugDB and Neo4j accept. Every public call takes
the ``Principal`` who asks; what they may see is limited to their cases (``_scope``).

Transaction functions must be idempotent: the Neo4j driver retries them, and the embedded
backend retries on a busy lock. They read what exists before writing, so a retry writes
nothing twice.
"""

from __future__ import annotations

import contextlib
import sys
from abc import ABC, abstractmethod
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol, Sequence, TypeVar

import pandas as pd

from graph_models.ddl import META_LABEL, schema_fingerprint
from graph_models.ids import prefix_of
from graph_models.schema import NODE_SYSTEM_COLUMNS, REL_SYSTEM_COLUMNS, load_schema
from graph_models.types import name_key
from graph_models.validate import CleanEdge, CleanNode, ValidationError, clean_edge, clean_node
from intel.errors import InvalidInput, NotFound
from intel.gc_pause import paused_gc
from intel.principal import Principal
from intel.store.records import EdgeRecord, NodeRecord, Path, Subgraph, WriteResult

T = TypeVar("T")
NodeRows = Mapping[str, Sequence[Mapping[str, Any]]]
DATE_PROPS = ("at", "date")


class Tx(Protocol):
    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]: ...


def column_types(kind: str) -> dict[str, str]:
    """Column -> storage type for a node label or relationship type (system columns first)."""
    schema = load_schema()
    system = NODE_SYSTEM_COLUMNS if kind in schema.nodes else REL_SYSTEM_COLUMNS
    cols = dict(system)
    for name, prop in schema.columns(kind).items():
        cols.setdefault(name, prop.ptype.storage)
    return cols


def node_columns(label: str) -> list[str]:
    return list(column_types(label))


def edge_columns(rtype: str) -> list[str]:
    return list(column_types(rtype))


def check_names(labels: Sequence[str] | None = None, rel_types: Sequence[str] | None = None) -> None:
    """Labels and relationship types are interpolated into Cypher, so only schema names pass."""
    schema = load_schema()
    for label in labels or ():
        if label not in schema.nodes:
            raise InvalidInput(f"unknown label {label!r} (known: {', '.join(schema.nodes)})")
    for rtype in rel_types or ():
        if rtype not in schema.relationships:
            raise InvalidInput(f"unknown relationship type {rtype!r} (known: {', '.join(schema.relationships)})")


def label_of(node_id: str) -> str:
    ntype = load_schema().by_prefix.get(prefix_of(node_id))
    if ntype is None:
        raise NotFound(f"{node_id!r} is not a Halqa node id")
    return ntype.label


def admit(node_id: str, seen: set[str], nxt: list[str], limit: int) -> bool:
    """One step of the neighbourhood walk: a node not yet seen joins ``seen`` and the next
    frontier unless ``limit`` nodes are already kept (False: the result is truncated and the
    relationship to it is left out). Shared by every backend's walk, so all keep the same
    nodes."""
    if node_id in seen:
        return True
    if len(seen) >= limit:
        return False
    seen.add(node_id)
    nxt.append(node_id)
    return True


class GraphStore(ABC):
    """One interface, two backends (embedded LadybugDB and Neo4j)."""

    backend_name = "abstract"
    write_chunk = 20_000

    # ---- what a backend supplies -------------------------------------------------------
    @abstractmethod
    def _read(self, fn: Callable[[Tx], T]) -> T: ...

    @abstractmethod
    def _write(self, fn: Callable[[Tx], T]) -> T: ...

    @abstractmethod
    def _apply_ddl(self) -> None:
        """Create tables/constraints/indexes from graph_models (idempotent)."""

    @abstractmethod
    def _existing_edges(self, tx: Tx, rtype: str, edges: Sequence[CleanEdge]) -> dict[str, str]:
        """{edge id: content hash} for those of ``edges`` that exist (a backend may look
        them up by id or from their endpoints)."""

    @abstractmethod
    def _record_edge_keys(self, tx: Tx, rtype: str, rows: list[dict[str, Any]], created: bool) -> None:
        """Called after edges are created or updated (embedded keeps an indexed id registry)."""

    def _before_logged_write(self, tx: Tx) -> None:
        """Called before an update of existing rows (embedded: see ``EmbeddedStore._plan_write``)."""

    def _plan_write(self, rows: int, updates: bool) -> None:
        """Called in an upsert transaction after its reads and before its first write, with
        its number of rows and whether it updates existing ones (a backend may choose how to
        write them)."""

    def _forget_edge_keys(self, tx: Tx, rtype: str, ids: list[str]) -> None:
        """Called after edges are deleted (embedded drops them from its id registry)."""

    def _each(self, var: str, values: list[Any]) -> tuple[str, dict[str, Any]]:
        """A clause binding ``var`` to each of ``values`` in turn, and its parameters (an
        engine that joins a table parameter faster than an unwound list may override)."""
        return f"UNWIND ${var}s AS {var}", {f"{var}s": values}

    def _create_node_records(self, tx: Tx, label: str, cols: list[str], nodes: list[CleanNode]) -> None:
        """Create new nodes from cleaned records (ids known not to exist). A backend may
        build its engine's input straight from the records (embedded: Arrow columns)."""
        # Only the columns some new row fills: an unset column is null anyway, and every
        # column sent costs a conversion per row in the engine's parameter binding.
        present, rows = _present_columns(cols, [_node_row(n, cols) for n in nodes], ("id",))
        self._create_nodes(tx, label, present, rows)

    def _create_edge_records(self, tx: Tx, rtype: str, a: str, b: str, cols: list[str],
                             edges: list[CleanEdge]) -> int:
        """Create new relationships from ``a`` to ``b`` nodes and record their keys; returns
        how many were created (fewer when an endpoint is missing: nothing is recorded then)."""
        present, rows = _present_columns(cols, [_edge_row(e, cols) for e in edges], ("id", "src", "dst", "h"))
        made = self._create_edges(tx, rtype, a, b, [c for c in present if c not in ("src", "dst")], rows)
        if made == len(rows):
            self._record_edge_keys(tx, rtype, rows, created=True)
        return made

    def _create_nodes(self, tx: Tx, label: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        """Create new nodes (rows hold exactly ``columns``); ids are known not to exist."""
        types = column_types(label)
        assign = ", ".join(f"`{c}`: {self._param(c, types[c])}" for c in columns)
        tx.run(f"UNWIND $rows AS r CREATE (n:`{label}` {{{assign}}})", {"rows": rows})

    def _create_edges(self, tx: Tx, rtype: str, a: str, b: str, columns: list[str],
                      rows: list[dict[str, Any]]) -> int:
        """Create new relationships from ``a`` to ``b`` nodes (rows hold ``src``, ``dst`` and
        ``columns``); returns how many were created (fewer when an endpoint is missing)."""
        types = column_types(rtype)
        assign = ", ".join(f"`{c}`: {self._param(c, types[c])}" for c in columns)
        found = tx.run(f"UNWIND $rows AS r MATCH (a:`{a}` {{id: r.src}}) MATCH (b:`{b}` {{id: r.dst}}) "
                       f"CREATE (a)-[e:`{rtype}` {{{assign}}}]->(b) RETURN count(*) AS c", {"rows": rows})
        return found[0]["c"] if found else 0

    def _param(self, column: str, storage: str) -> str:
        """How a row field is read in an UNWIND write (a backend may add a cast)."""
        return f"r.`{column}`"

    def _list_overlap(self, column: str, param: str) -> str:
        """A Cypher condition: the list ``column`` shares an element with list ``$param``."""
        return f"any(x IN ${param} WHERE x IN {column})"

    @abstractmethod
    def _expand_rows(self, tx: Tx, label: str, ids: list[str], rel_types: Sequence[str] | None
                     ) -> Iterable[tuple[str, str, str, str, bool, dict[str, Any]]]:
        """Every relationship (of ``rel_types``, or any) touching the ``label`` nodes ``ids``,
        both directions in one pass: (frontier id, other id, other label, type, outgoing,
        properties). Outgoing rows come first, in frontier order, so truncation at ``limit``
        does not depend on how a backend batches the lookups."""

    def get_meta(self, key: str) -> str | None:
        """A store fact (schema fingerprint, key ids) kept on a ``HalqaMeta`` node."""
        rows = self._read(lambda tx: tx.run(f"MATCH (m:`{META_LABEL}` {{key: $k}}) RETURN m.value AS v", {"k": key}))
        return rows[0]["v"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._write(lambda tx: tx.run(f"MERGE (m:`{META_LABEL}` {{key: $k}}) SET m.value = $v", {"k": key, "v": value}))

    @abstractmethod
    def version(self) -> str: ...

    @abstractmethod
    def execute(self, principal: Principal, cypher: str, params: Mapping[str, Any] | None = None,
                write: bool = False) -> list[dict[str, Any]]:
        """Run parameterised Cypher: maintenance and services only, never user text."""

    def close(self) -> None:
        """Release connections (embedded: nothing is held between calls)."""

    # ---- schema ------------------------------------------------------------------------
    def init_schema(self) -> str:
        self._apply_ddl()
        fp = schema_fingerprint()
        self.set_meta("schema", fp)
        return fp

    def schema_status(self) -> tuple[str | None, str]:
        """(fingerprint stored at init, fingerprint of the code's schema)."""
        return self.get_meta("schema"), schema_fingerprint()

    # ---- access scope ------------------------------------------------------------------
    @staticmethod
    def _scope(principal: Principal, cases: Iterable[str] | None = None) -> frozenset[str] | None:
        """None means every case (system work); otherwise the cases this call may touch."""
        wanted = frozenset(cases) if cases is not None else None
        if principal.all_cases:
            return wanted
        return principal.cases & wanted if wanted is not None else principal.cases

    @staticmethod
    def _edge_visible(case_id: str | None, scope: frozenset[str] | None) -> bool:
        return scope is None or case_id is None or case_id in scope

    @staticmethod
    def _node_visible(cases: Sequence[str] | None, scope: frozenset[str] | None) -> bool:
        return scope is None or not cases or bool(scope.intersection(cases))

    # ---- writes ------------------------------------------------------------------------
    def validate(self, nodes: NodeRows | None = None, edges: NodeRows | None = None
                 ) -> tuple[list[CleanNode], list[CleanEdge]]:
        """Clean every row first: one bad row names itself and nothing is written."""
        clean_nodes: list[CleanNode] = []
        clean_edges: list[CleanEdge] = []
        for part_n, part_e in self.validated_chunks(nodes, edges, sys.maxsize):
            clean_nodes += part_n
            clean_edges += part_e
        return clean_nodes, clean_edges

    @staticmethod
    def validated_chunks(nodes: NodeRows | None, edges: NodeRows | None, step: int
                         ) -> Iterator[tuple[list[CleanNode], list[CleanEdge]]]:
        """The rows cleaned, in chunks of ``step``: node chunks (labels in turn), then
        relationship chunks. A bad row raises ``InvalidInput`` naming it when it is reached,
        so a caller that must write nothing on bad input consumes every chunk first."""
        kind, i = "", 0
        try:
            part_n: list[CleanNode] = []
            for kind, rows in (nodes or {}).items():
                for i, row in enumerate(rows, start=1):
                    part_n.append(clean_node(kind, row))
                    if len(part_n) == step:
                        yield part_n, []
                        part_n = []
            if part_n:
                yield part_n, []
            part_e: list[CleanEdge] = []
            for kind, rows in (edges or {}).items():
                for i, row in enumerate(rows, start=1):
                    part_e.append(clean_edge(kind, row))
                    if len(part_e) == step:
                        yield [], part_e
                        part_e = []
            if part_e:
                yield [], part_e
        except ValidationError as exc:
            # The row's place is named only on failure (an f-string per row costs time).
            raise InvalidInput(f"{kind} row {i}: {exc}") from None

    def write(self, principal: Principal, nodes: NodeRows | None = None,
              edges: NodeRows | None = None) -> WriteResult:
        """Upsert nodes and relationships in one transaction, idempotent by key.

        Nodes are matched by their deterministic id: new ones are created, changed ones get
        their non-empty new values merged in (cases are unioned), identical ones are left
        alone. Relationships are matched by id (type, ends, case, source and key props).
        """
        with paused_gc():
            clean_nodes, clean_edges = self.validate(nodes, edges)
            return self._write(lambda tx: self._write_clean(tx, clean_nodes, clean_edges))

    def write_chunks(self, principal: Principal, nodes: NodeRows | None = None,
                     edges: NodeRows | None = None,
                     progress: Callable[[int], None] | None = None) -> WriteResult:
        """Bulk load: validated up front, then written in transactions of ``write_chunk`` rows
        (nodes first). Each chunk is atomic and idempotent, so a re-run finishes the job."""
        with paused_gc():
            return self._write_chunks(nodes, edges, progress)

    def _write_chunks(self, nodes: NodeRows | None, edges: NodeRows | None,
                      progress: Callable[[int], None] | None) -> WriteResult:
        chunks = list(self.validated_chunks(nodes, edges, self.write_chunk))
        total = WriteResult()
        with self._bulk():
            for part_n, part_e in chunks:
                total += self._write(lambda tx, part_n=part_n, part_e=part_e: self._write_clean(tx, part_n, part_e))
                if progress:
                    progress(len(part_n) + len(part_e))
        return total

    def write_clean(self, principal: Principal, nodes: Sequence[CleanNode] = (),
                    edges: Sequence[CleanEdge] = ()) -> WriteResult:
        """``write`` for records already cleaned (by ``validate``, or by a caller that cleans
        the same way, e.g. the table importer): the same idempotent upsert in one
        transaction, without cleaning every row again."""
        nodes, edges = list(nodes), list(edges)
        check_names(sorted({n.label for n in nodes}), sorted({e.type for e in edges}))
        return self._write(lambda tx: self._write_clean(tx, nodes, edges))

    def _bulk(self) -> contextlib.AbstractContextManager[Any]:
        """Around a bulk load's transactions (a backend may defer housekeeping to the end)."""
        return contextlib.nullcontext()

    def _write_clean(self, tx: Tx, nodes: list[CleanNode], edges: list[CleanEdge]) -> WriteResult:
        """Upsert in two passes: first read what exists (no writes), then write. The backend
        learns before the first write whether the transaction only creates or also updates
        (``_plan_write``)."""
        result = WriteResult()
        by_label: dict[str, dict[str, CleanNode]] = defaultdict(dict)
        for n in nodes:
            prev = by_label[n.label].get(n.id)
            by_label[n.label][n.id] = n if prev is None else _merge_clean(prev, n)
        by_type: dict[str, dict[str, CleanEdge]] = defaultdict(dict)
        for e in edges:
            by_type[e.type][e.id] = e
        node_plans = [(label, *self._classify_nodes(tx, label, list(batch.values()), result))
                      for label, batch in by_label.items()]
        edge_plans = [(rtype, list(batch_e.values()), *self._classify_edges(tx, rtype, list(batch_e.values()), result))
                      for rtype, batch_e in by_type.items()]
        updates = any(changed for _, _, changed in node_plans) or any(p[3] for p in edge_plans)
        self._plan_write(len(nodes) + len(edges), updates)
        for label, create, changed in node_plans:
            self._apply_nodes(tx, label, create, changed, result)
        # Endpoints are checked where relationships are created (an existing relationship's
        # id already names its ends): a short count there names the missing node.
        for rtype, batch_e, groups, changed_e, existing in edge_plans:
            self._apply_edges(tx, rtype, batch_e, groups, changed_e, existing, result)
        return result

    def _existing_nodes(self, tx: Tx, label: str, ids: list[str]) -> dict[str, tuple[str | None, list[str] | None]]:
        """{node id: (content hash, cases)} for those of ``ids`` that exist (a backend may
        read them in a form its driver decodes faster)."""
        each, params = self._each("i", ids)
        return {r["id"]: (r["h"], r["cases"]) for r in tx.run(
            f"{each} MATCH (n:`{label}` {{id: i}}) RETURN n.id AS id, n.h AS h, n.cases AS cases", params)}

    def _classify_nodes(self, tx: Tx, label: str, batch: list[CleanNode], result: WriteResult
                        ) -> tuple[list[CleanNode], list[CleanNode]]:
        """(new nodes, changed nodes) of ``batch``; identical ones are counted unchanged."""
        existing = self._existing_nodes(tx, label, [n.id for n in batch])
        create: list[CleanNode] = []
        changed: list[CleanNode] = []
        for n in batch:
            old = existing.get(n.id)
            if old is None:
                create.append(n)
            elif old[0] == n.h and set(n.cases) <= set(old[1] or []):
                result.nodes_unchanged += 1
            else:
                changed.append(n)
        return create, changed

    def _apply_nodes(self, tx: Tx, label: str, create: list[CleanNode], changed: list[CleanNode],
                     result: WriteResult) -> None:
        cols = node_columns(label)
        types = column_types(label)
        if create:
            self._create_node_records(tx, label, cols, create)
            result.nodes_created += len(create)
        if changed:
            current = {r["id"]: r for r in self._fetch_rows(tx, label, [n.id for n in changed])}
            rows = []
            for n in changed:
                merged = _merge_props(current[n.id], n)
                if merged is None:
                    result.nodes_unchanged += 1
                else:
                    rows.append(merged)
            if rows:
                self._before_logged_write(tx)
                sets = ", ".join(f"n.`{c}` = {self._param(c, types[c])}" for c in cols if c != "id")
                tx.run(f"UNWIND $rows AS r MATCH (n:`{label}` {{id: r.id}}) SET {sets}", {"rows": rows})
                result.nodes_updated += len(rows)

    def _check_endpoints(self, tx: Tx, edges: list[CleanEdge]) -> None:
        wanted: dict[str, set[str]] = defaultdict(set)
        for e in edges:
            wanted[e.src_label].add(e.src)
            wanted[e.dst_label].add(e.dst)
        for label, ids in wanted.items():
            each, params = self._each("i", sorted(ids))
            found = {r["id"] for r in tx.run(f"{each} MATCH (n:`{label}` {{id: i}}) RETURN n.id AS id", params)}
            missing = sorted(ids - found)
            if missing:
                e = next(e for e in edges if missing[0] in (e.src, e.dst))
                end = "src" if e.src == missing[0] else "dst"
                raise InvalidInput(f"{e.type}: field {end!r}: node {missing[0]} does not exist")

    def _classify_edges(self, tx: Tx, rtype: str, batch: list[CleanEdge], result: WriteResult):
        """(new relationships by endpoint labels, changed rows by endpoint labels, {existing
        id: hash}); identical ones are counted unchanged."""
        cols = edge_columns(rtype)
        existing = self._existing_edges(tx, rtype, batch)
        groups: dict[tuple[str, str], list[CleanEdge]] = defaultdict(list)
        changed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for e in batch:
            if e.id not in existing:
                groups[(e.src_label, e.dst_label)].append(e)
            elif existing[e.id] == e.h:
                result.edges_unchanged += 1
            else:
                changed[(e.src_label, e.dst_label)].append(_edge_row(e, cols))
        return groups, changed, existing

    def _apply_edges(self, tx: Tx, rtype: str, batch: list[CleanEdge],
                     groups: Mapping[tuple[str, str], list[CleanEdge]],
                     changed: Mapping[tuple[str, str], list[dict[str, Any]]], existing: Mapping[str, str],
                     result: WriteResult) -> None:
        cols = edge_columns(rtype)
        types = column_types(rtype)
        for (a, b), new in groups.items():
            made = self._create_edge_records(tx, rtype, a, b, cols, new)
            if made != len(new):
                # Raising inside the transaction rolls the whole batch back.
                self._check_endpoints(tx, [e for e in batch if e.id not in existing])
                raise InvalidInput(f"{rtype}: {len(new) - made} relationships name a node that does not exist")
            result.edges_created += len(new)
        sets = ", ".join(f"e.`{c}` = {self._param(c, types[c])}" for c in cols if c != "id")
        for (a, b), rows in changed.items():
            self._before_logged_write(tx)
            tx.run(f"UNWIND $rows AS r MATCH (a:`{a}` {{id: r.src}})-[e:`{rtype}`]->(b:`{b}` {{id: r.dst}}) "
                   f"WHERE e.id = r.id SET {sets}", {"rows": rows})
            self._record_edge_keys(tx, rtype, rows, created=False)
            result.edges_updated += len(rows)

    # ---- reads -------------------------------------------------------------------------
    def _fetch_rows(self, tx: Tx, label: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        cols = node_columns(label)
        ret = ", ".join(f"n.`{c}` AS `{c}`" for c in cols)
        return tx.run(f"UNWIND $ids AS i MATCH (n:`{label}` {{id: i}}) RETURN {ret}", {"ids": list(ids)})

    def _fetch_nodes(self, tx: Tx, ids: Iterable[str], scope: frozenset[str] | None) -> dict[str, NodeRecord]:
        by_label: dict[str, list[str]] = defaultdict(list)
        for node_id in ids:
            ntype = load_schema().by_prefix.get(prefix_of(node_id))
            if ntype is not None:
                by_label[ntype.label].append(node_id)
        out = {}
        for label, label_ids in by_label.items():
            for row in self._fetch_rows(tx, label, label_ids):
                if self._node_visible(row.get("cases"), scope):
                    out[row["id"]] = _record(label, row)
        return out

    def get(self, principal: Principal, node_id: str) -> NodeRecord | None:
        """The node, or None when it does not exist or lies outside the caller's cases."""
        label_of(node_id)
        scope = self._scope(principal)
        return self._read(lambda tx: self._fetch_nodes(tx, [node_id], scope)).get(node_id)

    def find(self, principal: Principal, text: str, labels: Sequence[str] | None = None,
             limit: int = 25, extra_keys: Sequence[str] = ()) -> list[NodeRecord]:
        """Nodes whose name key equals the query's (or one of ``extra_keys``), then those
        whose caption contains it (case-insensitive)."""
        key = name_key(text)
        keys = sorted({key, *extra_keys} - {""})
        words = key.split()[:6]
        if not keys:
            return []
        check_names(labels)
        scope = self._scope(principal)
        labels = list(labels or [n for n, t in load_schema().nodes.items() if not t.system])

        def fn(tx: Tx) -> list[NodeRecord]:
            found: dict[str, NodeRecord] = {}
            for label in labels:
                cols = ", ".join(f"n.`{c}` AS `{c}`" for c in node_columns(label))
                contains = " AND ".join(f"n.search CONTAINS $w{i}" for i in range(len(words))) or "false"
                params: dict[str, Any] = {f"w{i}": w for i, w in enumerate(words)}
                params.update(keys=keys, limit=limit * 4)
                rows = tx.run(f"MATCH (n:`{label}`) WHERE {self._list_overlap('n.name_keys', 'keys')} "
                              f"OR ({contains}) RETURN {cols} LIMIT $limit", params)
                for row in rows:
                    if self._node_visible(row.get("cases"), scope):
                        found[row["id"]] = _record(label, row)
            exact = [n for n in found.values() if key and key in n.props.get("name_keys", [])]
            rest = sorted((n for n in found.values() if n not in exact), key=lambda n: n.caption)
            return (exact + rest)[:limit]

        return self._read(fn)

    def _expand(self, tx: Tx, frontier: Iterable[str], rel_types: Sequence[str] | None,
                scope: frozenset[str] | None, since: str | None, until: str | None
                ) -> list[tuple[str, str, str, EdgeRecord]]:
        """One hop from ``frontier``: (from id, to id, to label, edge) for visible edges."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for node_id in frontier:
            by_label[label_of(node_id)].append(node_id)
        out = []
        for label, ids in by_label.items():
            for a, b, b_label, rtype, outgoing, props in self._expand_rows(tx, label, ids, rel_types):
                case_id = props.pop("case_id", None)
                if not self._edge_visible(case_id, scope) or not _in_dates(props, since, until):
                    continue
                edge_id = props.pop("id")
                props.pop("h", None)
                src, dst = (a, b) if outgoing else (b, a)
                edge = EdgeRecord(id=edge_id, type=rtype, src=src, dst=dst, case_id=case_id,
                                  props={k: v for k, v in props.items() if v is not None})
                out.append((a, b, b_label, edge))
        return out

    def neighbourhood(self, principal: Principal, node_id: str, hops: int = 1,
                      labels: Sequence[str] | None = None, rel_types: Sequence[str] | None = None,
                      since: str | None = None, until: str | None = None,
                      cases: Iterable[str] | None = None, limit: int = 500) -> Subgraph:
        """Nodes within ``hops`` of ``node_id`` (the start node always included), filtered by
        node labels, relationship types, a date window and cases; at most ``limit`` nodes."""
        if hops < 0 or hops > 6:
            raise InvalidInput(f"hops must be between 0 and 6, not {hops}")
        label_of(node_id)
        check_names(labels, rel_types)
        scope = self._scope(principal, cases)
        allowed = set(labels) if labels else None

        def fn(tx: Tx) -> Subgraph:
            start = self._fetch_nodes(tx, [node_id], scope)
            if node_id not in start:
                return Subgraph()
            seen = {node_id}
            edges: dict[str, EdgeRecord] = {}
            frontier = [node_id]
            truncated = False
            for _ in range(hops):
                nxt: list[str] = []
                for a, b, b_label, edge in self._expand(tx, frontier, rel_types, scope, since, until):
                    if allowed is not None and b_label not in allowed:
                        continue
                    if not admit(b, seen, nxt, limit):
                        truncated = True
                        continue
                    edges[edge.id] = edge
                frontier = nxt
                if not frontier:
                    break
            nodes = self._fetch_nodes(tx, seen, scope)
            kept = [e for e in edges.values() if e.src in nodes and e.dst in nodes]
            ordered = [nodes[node_id]] + sorted((n for i, n in nodes.items() if i != node_id),
                                                key=lambda n: (n.label, n.caption))
            return Subgraph(nodes=ordered, edges=kept, truncated=truncated)

        return self._read(fn)

    def shortest_paths(self, principal: Principal, source: str, target: str, max_hops: int = 6,
                       rel_types: Sequence[str] | None = None, cases: Iterable[str] | None = None,
                       limit: int = 10) -> list[Path]:
        """All shortest paths (up to ``limit``) between two nodes, by bidirectional BFS over
        visible edges; each hop carries its relationship (and so its provenance)."""
        label_of(source)
        label_of(target)
        check_names(None, rel_types)
        scope = self._scope(principal, cases)

        def fn(tx: Tx) -> list[Path]:
            ends = self._fetch_nodes(tx, [source, target], scope)
            if source not in ends or target not in ends:
                return []
            if source == target:
                return [Path(nodes=[ends[source]], edges=[])]
            parents = ({source: []}, {target: []})  # node -> [(neighbour closer to the end, edge)]
            frontiers = ([source], [target])
            meet: set[str] = set()
            depth = 0
            while depth < max_hops and not meet and frontiers[0] and frontiers[1]:
                side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
                mine, other = parents[side], parents[1 - side]
                nxt: dict[str, None] = {}
                for a, b, _, edge in self._expand(tx, frontiers[side], rel_types, scope, None, None):
                    if b in mine and b not in nxt:
                        continue
                    mine.setdefault(b, []).append((a, edge))
                    nxt[b] = None
                    if b in other:
                        meet.add(b)
                frontiers = (list(nxt), frontiers[1]) if side == 0 else (frontiers[0], list(nxt))
                depth += 1
            chains = []
            for m in sorted(meet):
                for left in _walk(parents[0], m, limit):
                    for right in _walk(parents[1], m, limit):
                        chains.append((list(reversed(left)), right))
                        if len(chains) >= limit:
                            break
            node_ids = {source, target}
            for left, right in chains:
                for _, edge in left + right:
                    node_ids.update((edge.src, edge.dst))
            nodes = self._fetch_nodes(tx, node_ids, scope)
            paths = []
            for left, right in chains[:limit]:
                hop_edges = [e for _, e in left] + [e for _, e in right]
                seq = [source]
                for e in hop_edges:
                    seq.append(e.other(seq[-1]))
                if all(i in nodes for i in seq):
                    paths.append(Path(nodes=[nodes[i] for i in seq], edges=hop_edges))
            return paths

        return self._read(fn)

    def export(self, principal: Principal, labels: Sequence[str] | None = None,
               rel_types: Sequence[str] | None = None, cases: Iterable[str] | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The visible subgraph as tables: nodes (id, label, caption, cases) and edges
        (id, type, src, dst, case_id, source, grading) for analytics."""
        schema = load_schema()
        check_names(labels, rel_types)
        scope = self._scope(principal, cases)
        labels = list(labels or [n for n, t in schema.nodes.items() if not t.system])
        rel_types = list(rel_types or schema.relationships)

        def fn(tx: Tx) -> tuple[pd.DataFrame, pd.DataFrame]:
            node_rows, edge_rows = [], []
            for label in labels:
                for r in tx.run(f"MATCH (n:`{label}`) RETURN n.id AS id, n.caption AS caption, n.cases AS cases"):
                    if self._node_visible(r["cases"], scope):
                        node_rows.append({"id": r["id"], "label": label, "caption": r["caption"],
                                          "cases": list(r["cases"] or [])})
            visible = {r["id"] for r in node_rows}
            for rtype in rel_types:
                extra = [c for c in ("at", "date", "seconds", "role") if c in edge_columns(rtype)]
                ret = ", ".join(f"e.`{c}` AS `{c}`" for c in extra)
                q = (f"MATCH (a)-[e:`{rtype}`]->(b) RETURN e.id AS id, a.id AS src, b.id AS dst, "
                     f"e.case_id AS case_id, e.source AS source, e.grading AS grading"
                     + (f", {ret}" if ret else ""))
                for r in tx.run(q):
                    if r["src"] in visible and r["dst"] in visible and self._edge_visible(r["case_id"], scope):
                        edge_rows.append({"type": rtype, **r})
            nodes = pd.DataFrame(node_rows, columns=["id", "label", "caption", "cases"])
            edges = pd.DataFrame(edge_rows)
            if edges.empty:
                edges = pd.DataFrame(columns=["id", "type", "src", "dst", "case_id", "source", "grading"])
            return nodes, edges

        return self._read(fn)

    def remove_edges(self, principal: Principal, rtype: str, ids: Sequence[str]) -> int:
        """Delete relationships of ``rtype`` by id, in one transaction; only those visible to
        the caller. For reversible links (SAME_AS undone): returns how many were removed."""
        check_names(None, [rtype])
        scope = self._scope(principal)

        def fn(tx: Tx) -> int:
            found = tx.run(f"UNWIND $ids AS i MATCH ()-[e:`{rtype}`]->() WHERE e.id = i "
                           "RETURN e.id AS id, e.case_id AS case_id", {"ids": list(ids)})
            gone = sorted({r["id"] for r in found if self._edge_visible(r["case_id"], scope)})
            if gone:
                tx.run(f"UNWIND $ids AS i MATCH ()-[e:`{rtype}`]->() WHERE e.id = i DELETE e", {"ids": gone})
                self._forget_edge_keys(tx, rtype, gone)
            return len(gone)

        return self._write(fn)

    def counts(self, principal: Principal) -> dict[str, int]:
        """Number of nodes per label and relationships per type (system maintenance view)."""
        schema = load_schema()

        def fn(tx: Tx) -> dict[str, int]:
            out = {}
            for label in schema.nodes:
                out[label] = tx.run(f"MATCH (n:`{label}`) RETURN count(n) AS c")[0]["c"]
            for rtype in schema.relationships:
                out[rtype] = tx.run(f"MATCH ()-[e:`{rtype}`]->() RETURN count(e) AS c")[0]["c"]
            return out

        return self._read(fn)

    def scan(self, principal: Principal, label: str, order_by: str = "id",
             where: Mapping[str, Any] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Rows of one label as dicts, ordered by a schema column; equality filters only."""
        check_names([label])
        cols = node_columns(label)
        if order_by not in cols or any(k not in cols for k in (where or {})):
            raise InvalidInput(f"{label}: unknown column in order_by/where")
        conds = " AND ".join(f"n.`{k}` = $w_{k}" for k in (where or {}))
        params: dict[str, Any] = {f"w_{k}": v for k, v in (where or {}).items()}
        q = (f"MATCH (n:`{label}`)" + (f" WHERE {conds}" if conds else "")
             + " RETURN " + ", ".join(f"n.`{c}` AS `{c}`" for c in cols) + f" ORDER BY n.`{order_by}`")
        if limit is not None:
            q += " LIMIT $limit"
            params["limit"] = int(limit)
        scope = self._scope(principal)
        rows = self._read(lambda tx: tx.run(q, params))
        return [r for r in rows if self._node_visible(r.get("cases"), scope)]

    # ---- raw copy (migration between backends; system only) ------------------------------
    def dump(self, principal: Principal, label: str, after: str | None = None, limit: int = 20_000,
             columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Raw rows of ``label`` with every column (or ``columns``), ordered by id, the page
        after id ``after``: what a migration copies and checksums."""
        _system_only(principal)
        check_names([label])
        cols = _pick(node_columns(label), columns, label)
        ret = ", ".join(f"n.`{c}` AS `{c}`" for c in cols)
        q = f"MATCH (n:`{label}`) WHERE n.id > $after RETURN {ret} ORDER BY n.id LIMIT $limit"
        return self._read(lambda tx: tx.run(q, {"after": after or "", "limit": int(limit)}))

    def dump_edges(self, principal: Principal, rtype: str, after: str | None = None, limit: int = 20_000,
                   columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Raw relationships of ``rtype``: src, dst and every column (or ``columns``), by id."""
        _system_only(principal)
        check_names(None, [rtype])
        cols = _pick(edge_columns(rtype), columns, rtype)
        ret = ", ".join(f"e.`{c}` AS `{c}`" for c in cols)
        q = (f"MATCH (a)-[e:`{rtype}`]->(b) WHERE e.id > $after "
             f"RETURN a.id AS src, b.id AS dst, {ret} ORDER BY e.id LIMIT $limit")
        return self._read(lambda tx: tx.run(q, {"after": after or "", "limit": int(limit)}))

    def restore(self, principal: Principal, nodes: NodeRows | None = None,
                edges: NodeRows | None = None) -> WriteResult:
        """Write rows exactly as ``dump``/``dump_edges`` returned them (ids, hashes, captions
        kept, nothing re-derived), through the same idempotent upsert in one transaction."""
        _system_only(principal)
        check_names(list(nodes or {}), list(edges or {}))
        clean_nodes = [_clean_from_dump(label, row) for label, rows in (nodes or {}).items() for row in rows]
        clean_edges = [_edge_from_dump(rtype, row) for rtype, rows in (edges or {}).items() for row in rows]
        return self._write(lambda tx: self._write_clean(tx, clean_nodes, clean_edges))


def _system_only(principal: Principal) -> None:
    if not principal.is_system:
        from intel.errors import AccessDenied

        raise AccessDenied("raw dumps and restores are for system maintenance only")


def _pick(cols: list[str], wanted: Sequence[str] | None, kind: str) -> list[str]:
    if wanted is None:
        return cols
    unknown = [c for c in wanted if c not in cols]
    if unknown:
        raise InvalidInput(f"{kind}: unknown column {unknown[0]!r}")
    return list(dict.fromkeys(["id", *wanted]))


def _clean_from_dump(label: str, row: Mapping[str, Any]) -> CleanNode:
    system = set(NODE_SYSTEM_COLUMNS)
    props = {k: v for k, v in row.items() if k not in system and v is not None and v != []}
    return CleanNode(id=row["id"], label=label, props=props, cases=list(row.get("cases") or []),
                     name_keys=list(row.get("name_keys") or []), caption=row.get("caption") or row["id"],
                     h=row.get("h") or "")


def _edge_from_dump(rtype: str, row: Mapping[str, Any]) -> CleanEdge:
    system = {*REL_SYSTEM_COLUMNS, "src", "dst"}
    props = {k: v for k, v in row.items() if k not in system and v is not None}
    return CleanEdge(id=row["id"], type=rtype, src=row["src"], dst=row["dst"], src_label=label_of(row["src"]),
                     dst_label=label_of(row["dst"]), props=props, case_id=row.get("case_id"), h=row.get("h") or "")


# ---- helpers shared by the backends ---------------------------------------------------------
def _node_row(n: CleanNode, cols: list[str]) -> dict[str, Any]:
    row = {c: n.props.get(c) for c in cols}
    row.update(id=n.id, caption=n.caption, name_keys=n.name_keys, cases=n.cases, h=n.h,
               search=search_text(n.name_keys))
    for c in cols:
        if row[c] is None and c in ("aliases",):
            row[c] = []
    return row


def _present_columns(cols: list[str], rows: list[dict[str, Any]], always: Sequence[str]
                     ) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns at least one row fills (plus ``always``), and the rows cut down to them."""
    present = [c for c in cols if c in always or any(r.get(c) is not None for r in rows)]
    keep = present + [c for c in always if c not in present]
    if len(keep) == len(rows[0]):
        return present, rows
    return present, [{c: r.get(c) for c in keep} for r in rows]


def _edge_row(e: CleanEdge, cols: list[str]) -> dict[str, Any]:
    row = {c: e.props.get(c) for c in cols}
    row.update(id=e.id, case_id=e.case_id, h=e.h, src=e.src, dst=e.dst)
    return row


def _merge_clean(a: CleanNode, b: CleanNode) -> CleanNode:
    props = {**a.props, **b.props}
    from graph_models.ids import content_hash

    h = content_hash({k: v for k, v in props.items() if k != "recorded_at"})
    return CleanNode(id=a.id, label=a.label, props=props, cases=sorted(set(a.cases) | set(b.cases)),
                     name_keys=sorted(set(a.name_keys) | set(b.name_keys)), caption=b.caption, h=h)


def _merge_props(current: dict[str, Any], n: CleanNode) -> dict[str, Any] | None:
    """Merge a changed row into what is stored; None when nothing would change."""
    from graph_models.ids import content_hash

    merged = dict(current)
    for k, v in n.props.items():
        if k == "recorded_at" and current.get(k):
            continue
        merged[k] = v
    merged["cases"] = sorted(set(current.get("cases") or []) | set(n.cases))
    merged["name_keys"] = sorted(set(current.get("name_keys") or []) | set(n.name_keys))
    merged["caption"] = n.caption
    merged["search"] = search_text(merged["name_keys"])
    system = set(NODE_SYSTEM_COLUMNS)
    merged["h"] = content_hash({k: v for k, v in merged.items()
                                if k not in system and k != "recorded_at" and v not in (None, [])})
    same = all(merged.get(k) == current.get(k) for k in merged if k != "h")
    return None if same else merged


def search_text(name_keys: Sequence[str]) -> str:
    return " | ".join(name_keys)


def _record(label: str, row: Mapping[str, Any]) -> NodeRecord:
    props = {k: v for k, v in row.items()
             if v is not None and v != [] and k not in ("id", "caption", "cases", "h", "search")}
    return NodeRecord(id=row["id"], label=label, caption=row.get("caption") or row["id"],
                      props=props, cases=tuple(row.get("cases") or ()))


def _in_dates(props: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    when = next((props[k] for k in DATE_PROPS if props.get(k)), None)
    if when is None:
        return True
    day = str(when)[:10]
    return (since is None or day >= since[:10]) and (until is None or day <= until[:10])


def _walk(parents: dict[str, list], node: str, limit: int) -> list[list[tuple[str, EdgeRecord]]]:
    """Chains of (node, edge) from ``node`` back to the BFS root."""
    if not parents.get(node):
        return [[]]
    out = []
    for prev, edge in parents[node]:
        for rest in _walk(parents, prev, limit):
            out.append([(node, edge)] + rest)
            if len(out) >= limit:
                return out
    return out

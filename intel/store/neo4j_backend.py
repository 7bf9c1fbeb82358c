"""The Neo4j backend: the official ``neo4j`` driver, for a single server, a cluster or Aura.

``bolt://`` talks to one server, ``neo4j://`` routes across a cluster; both go through the
same code. Reads and writes run as managed transactions (``execute_read``/``execute_write``):
the driver retries them on transient failures, which is safe because the shared write path
reads what exists before it writes. The driver is created on first use and checked once
(reachable, credentials accepted); every connection problem becomes one ``BackendUnavailable``
line naming the URI, what failed and what to check.

Traversals (``neighbourhood``, ``shortest_paths``) are Cypher queries here, with the case,
date, label and type filters inside them, returning what the shared algorithms return (the
contract tests run on both backends): a neighbourhood of up to three hops that stays within
its node limit in one pass, any other in one level-by-level query. Node and relationship
columns come back as value lists in schema order, which the driver decodes much faster than
property maps (measured: 2.4x the decoding time, and more to build records from).
"""

from __future__ import annotations

import contextlib
import functools
import operator
import re
import threading
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, ConstraintError, ServiceUnavailable,
                              SessionExpired)

from graph_models.ddl import neo4j_ddl
from graph_models.schema import load_schema
from graph_models.validate import CleanEdge, CleanNode
from intel.errors import AccessDenied, BackendUnavailable, InvalidInput
from intel.principal import Principal
from intel.store.ahead import load_ahead
from intel.store.base import GraphStore, admit, check_names, edge_columns, label_of, node_columns, search_text
from intel.store.records import EdgeRecord, NodeRecord, Path, Subgraph, WriteResult

T = TypeVar("T")
_DB_MISSING = "Neo.ClientError.Database.DatabaseNotFound"
_INDEX_WAIT_S = 300
_CONFLICT_RETRIES = 5
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class _Tx:
    """The ``Tx`` the shared algorithms use: rows as plain dicts (lists stay lists)."""

    def __init__(self, tx: neo4j.ManagedTransaction | neo4j.Transaction):
        self.tx = tx

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return [record.data() for record in self.tx.run(cypher, dict(params or {}))]

    def values(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        """Rows as value lists, as decoded (for queries returning only plain values: no
        ``Record.data()`` pass over every nested list and map)."""
        return [record.values() for record in self.tx.run(cypher, dict(params or {}))]


class _OpenTx:
    """An explicit transaction for ``load_ahead`` (committed only when every row is clean)."""

    def __init__(self, store: "Neo4jStore"):
        self.store = store
        self.session = store._session()
        try:
            self.tx = self.session.begin_transaction()
        except BaseException:
            self.session.close()
            raise

    def write(self, part_n: list[CleanNode], part_e: list[CleanEdge]) -> WriteResult:
        return self.store._write_clean(_Tx(self.tx), part_n, part_e)

    def commit(self) -> None:
        self.tx.commit()

    def close(self) -> None:
        try:
            self.tx.close()
        finally:
            self.session.close()


class Neo4jStore(GraphStore):
    backend_name = "neo4j"
    write_chunk = 10_000

    def __init__(self, uri: str, user: str = "neo4j", password: str = "", database: str = "neo4j",
                 connection_timeout: float = 10.0):
        self.uri = uri
        self.user = user
        self.database = database
        self._password = password
        self._connection_timeout = connection_timeout
        self._driver: neo4j.Driver | None = None
        self._lock = threading.Lock()

    # ---- connection ------------------------------------------------------------------------
    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn the driver's connection errors into one clear ``BackendUnavailable`` line."""
        try:
            yield
        except AuthError as exc:
            raise BackendUnavailable(
                f"Neo4j at {self.uri}: authentication failed for user {self.user!r} "
                f"({_first_line(exc)}); check HALQA_NEO4J_USER and HALQA_NEO4J_PASSWORD") from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise BackendUnavailable(
                f"Neo4j at {self.uri} is not reachable ({_reason(exc)}); check that the server "
                f"is running and that HALQA_NEO4J_URI names its Bolt address") from None
        except ClientError as exc:
            if exc.code == _DB_MISSING:
                raise BackendUnavailable(
                    f"Neo4j at {self.uri}: database {self.database!r} does not exist; check "
                    f"HALQA_NEO4J_DATABASE (or create the database)") from None
            raise

    def _connect(self) -> neo4j.Driver:
        with self._lock:
            if self._driver is not None:
                return self._driver
            with self._translated():
                scheme = self.uri.partition("://")[0].lower()
                if scheme not in _SCHEMES:
                    raise BackendUnavailable(
                        f"Neo4j URI {self.uri!r} is not usable: the scheme must be one of "
                        f"{', '.join(_SCHEMES)} (set HALQA_NEO4J_URI, e.g. bolt://localhost:7687)")
                try:
                    # Server notifications (e.g. "property key does not exist" for a schema
                    # column no row has filled yet) are noise for the store's fixed queries.
                    driver = GraphDatabase.driver(self.uri, auth=(self.user, self._password),
                                                  connection_timeout=self._connection_timeout,
                                                  notifications_min_severity="OFF")
                except (ConfigurationError, ValueError) as exc:
                    raise BackendUnavailable(
                        f"Neo4j URI {self.uri!r} is not usable ({_first_line(exc)}); use "
                        f"bolt://host:7687 or neo4j://host:7687 in HALQA_NEO4J_URI") from None
                try:
                    driver.verify_connectivity()
                except BaseException:
                    driver.close()
                    raise
            self._driver = driver
            return driver

    def _session(self) -> neo4j.Session:
        return self._connect().session(database=self.database)

    def _read(self, fn: Callable[[_Tx], T]) -> T:
        with self._translated(), self._session() as session:
            return session.execute_read(lambda tx: fn(_Tx(tx)))

    def _write(self, fn: Callable[[_Tx], T]) -> T:
        # A unique-id conflict means another writer created one of our new nodes between our
        # read and our CREATE (``_create_nodes``); the driver does not retry client errors,
        # so run the idempotent function again: it now reads the node as existing.
        for attempt in range(1, _CONFLICT_RETRIES + 1):
            try:
                with self._translated(), self._session() as session:
                    return session.execute_write(lambda tx: fn(_Tx(tx)))
            except ConstraintError:
                if attempt == _CONFLICT_RETRIES:
                    raise
        raise AssertionError("unreachable")

    def _write_chunks(self, nodes: Any, edges: Any, progress: Callable[[int], None] | None) -> WriteResult:
        # The server writes one chunk while this process cleans the next (``intel.store.ahead``);
        # nothing is committed before every row is clean.
        return load_ahead(self.validated_chunks(nodes, edges, self.write_chunk), lambda: _OpenTx(self),
                          lambda part_n, part_e: self._write(lambda tx: self._write_clean(tx, part_n, part_e)),
                          progress)

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
            self._driver = None

    # ---- dialect ---------------------------------------------------------------------------
    def _apply_ddl(self) -> None:
        # Schema commands run each in its own auto-commit transaction; then wait until the
        # new indexes are online so the first bulk load already uses them.
        with self._translated(), self._session() as session:
            for stmt in neo4j_ddl():
                session.run(stmt).consume()
            session.run("CALL db.awaitIndexes($timeout)", {"timeout": _INDEX_WAIT_S}).consume()

    def _create_node_records(self, tx: _Tx, label: str, cols: list[str], nodes: list[CleanNode]) -> None:
        # Each row holds only what its record has (a key a row lacks reads as null, which
        # CREATE does not store, as with the shared rows' explicit nulls): no pass filling
        # every schema column of every row, then another finding the columns some row fills.
        aliases = "aliases" in cols
        rows = []
        for n in nodes:
            row = dict(n.props)
            row.update(id=n.id, caption=n.caption, name_keys=n.name_keys, cases=n.cases, h=n.h,
                       search=search_text(n.name_keys))
            if aliases and row.get("aliases") is None:
                row["aliases"] = []  # as ``_node_row``
            rows.append(row)
        filled = set().union(*rows)
        self._create_nodes(tx, label, [c for c in cols if c in filled], rows)

    def _create_edge_records(self, tx: _Tx, rtype: str, a: str, b: str, cols: list[str],
                             edges: list[CleanEdge]) -> int:
        # Rows as in ``_create_node_records``: only what each record has.
        rows = []
        for e in edges:
            row = dict(e.props)
            row.update(id=e.id, case_id=e.case_id, h=e.h, src=e.src, dst=e.dst)
            rows.append(row)
        filled = set().union(*rows)
        made = self._create_edges(tx, rtype, a, b, [c for c in cols if c in filled and c not in ("src", "dst")],
                                  rows)
        if made == len(rows):
            self._record_edge_keys(tx, rtype, rows, created=True)
        return made

    def _create_nodes(self, tx: _Tx, label: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        # CREATE, not MERGE: the transaction has just read that these ids are new. A writer
        # creating the same node at the same moment makes this CREATE fail on the unique id
        # constraint after the other commits; ``_write`` then runs the whole (idempotent)
        # function again, which now finds the node and merges into it.
        assign = ", ".join(f"`{c}`: r.`{c}`" for c in columns)
        tx.run(f"UNWIND $rows AS r CREATE (n:`{label}` {{{assign}}})", {"rows": rows})

    def _create_edges(self, tx: _Tx, rtype: str, a: str, b: str, columns: list[str],
                      rows: list[dict[str, Any]]) -> int:
        # CREATE, not MERGE: the transaction has just read which ids exist (``_existing_edges``)
        # and MERGE on a relationship pattern measured ~9x slower at 300k relationships.
        # (Looking up and creating in one query, OPTIONAL MATCH + FOREACH CREATE, measured
        # ~3x slower than this index seek followed by a plain CREATE.)
        assign = ", ".join(f"`{c}`: r.`{c}`" for c in columns)
        found = tx.run(f"UNWIND $rows AS r MATCH (a:`{a}` {{id: r.src}}) MATCH (b:`{b}` {{id: r.dst}}) "
                       f"CREATE (a)-[e:`{rtype}` {{{assign}}}]->(b) RETURN count(*) AS c", {"rows": rows})
        return found[0]["c"] if found else 0

    def _existing_nodes(self, tx: _Tx, label: str, ids: list[str]) -> dict[str, tuple[str | None, list[str] | None]]:
        # Parallel lists in one record (see ``_existing_edges``); a unique-constraint seek per id.
        found = tx.values(f"UNWIND $ids AS i MATCH (n:`{label}` {{id: i}}) RETURN collect(n.id), "
                          f"collect({_KEEP_NULL.format('n.h')}), collect({_KEEP_NULL.format('n.cases')})",
                          {"ids": ids})
        return {i: (_null(h), _null(cases)) for i, h, cases in zip(*found[0])} if found else {}

    def _existing_edges(self, tx: _Tx, rtype: str, edges: Sequence[CleanEdge]) -> dict[str, str]:
        # One index seek over the whole id list (``IN $ids``), not an UNWIND with a seek per
        # id: planned while the type had (almost) no relationships, the UNWIND form was cached
        # as an index *scan* per id (a ``USING INDEX`` hint allows that), and until Neo4j
        # replanned, 10,000 ids against 10,000 relationships ran for 35-45 s. The IN form is
        # planned as a seek even on an empty type, and any plan of it stays linear (the list
        # is tested as a set). The answer comes back as two lists in one record: the driver
        # decodes that about 3x faster than a record per relationship (a re-upsert reads all).
        found = tx.values(f"MATCH ()-[e:`{rtype}`]->() WHERE e.id IN $ids "
                          f"RETURN collect(e.id), collect({_KEEP_NULL.format('e.h')})",
                          {"ids": [e.id for e in edges]})
        return {i: _null(h) for i, h in zip(*found[0])} if found else {}

    def _record_edge_keys(self, tx: _Tx, rtype: str, rows: list[dict[str, Any]], created: bool) -> None:
        """Nothing to do: relationship ids are indexed natively (``rel_<type>_id``)."""

    def _expand_rows(self, tx: _Tx, label: str, ids: list[str], rel_types: Sequence[str] | None
                     ) -> list[tuple[str, str, str, str, bool, dict[str, Any]]]:
        # One query for the whole frontier and both directions (an index seek per id); the
        # stored direction comes back as ``out``.
        types = ":" + "|".join(f"`{t}`" for t in rel_types) if rel_types else ""
        rows = tx.tx.run(f"UNWIND $ids AS i MATCH (a:`{label}` {{id: i}})-[e{types}]-(b) "
                         "RETURN a.id AS a, b.id AS b, labels(b)[0] AS b_label, type(e) AS type, "
                         "startNode(e) = a AS out, properties(e) AS e", {"ids": ids})
        outs: list[tuple[str, str, str, str, bool, dict[str, Any]]] = []
        ins: list[tuple[str, str, str, str, bool, dict[str, Any]]] = []
        for a, b, b_label, rtype, outgoing, props in rows:
            (outs if outgoing else ins).append((a, b, b_label, rtype, outgoing, props))
        return outs + ins

    # ---- traversals in one Cypher query -----------------------------------------------------
    def neighbourhood(self, principal: Principal, node_id: str, hops: int = 1,
                      labels: Sequence[str] | None = None, rel_types: Sequence[str] | None = None,
                      since: str | None = None, until: str | None = None,
                      cases: Iterable[str] | None = None, limit: int = 500) -> Subgraph:
        """The shared breadth-first neighbourhood, run inside Neo4j.

        Up to three hops, one pass first (``_hood_fast_query``): the nodes less than
        ``hops`` away, then all their visible relationships; within ``limit`` nodes, that
        is the answer. Otherwise (more hops, or over the limit: a second query then) level
        by level, one query expands the frontier over visible relationships (case scope,
        date window, types) to neighbours of the wanted labels, keeps the new ones and
        collects the relationships it crossed: exactly what the shared algorithm does,
        without a round trip per hop. Nodes outside the caller's cases are traversed, then
        dropped with their relationships, as there. When the result would pass ``limit``
        the query expands one level more (for the links among the nodes kept) and stops;
        it returns each relationship with the node it was reached from, and the shared
        algorithm's loop is replayed on those rows in its own order (``_replay_truncated``),
        so truncation keeps the same nodes as there.
        """
        if hops < 0 or hops > 6:
            raise InvalidInput(f"hops must be between 0 and 6, not {hops}")
        label = label_of(node_id)
        check_names(labels, rel_types)
        scope = self._scope(principal, cases)
        shape = (label, hops, tuple(rel_types or ()), labels is not None and len(labels) > 0,
                 scope is not None, since is not None or until is not None)
        params = {"id": node_id, "limit": limit, "scope": sorted(scope or ()), "allowed": list(labels or ()),
                  "since": since[:10] if since else None, "until": until[:10] if until else None}
        if 1 <= hops <= _FAST_HOPS:
            rows = self._read(lambda tx: tx.values(_hood_fast_query(*shape), params))
            if not rows:
                return Subgraph()
            over, node_rows, edge_rows = rows[0]
            if not over:
                return _whole_hood(node_id, node_rows, edge_rows, scope, self._node_visible)
        rows = self._read(lambda tx: tx.values(_hood_query(*shape), params))
        if not rows:
            return Subgraph()
        over, node_rows, edge_rows = rows[0]
        if over:
            return _replay_truncated(node_id, node_rows, edge_rows, hops, limit, scope, self._node_visible)
        return _whole_hood(node_id, node_rows, [row[1:] for row in edge_rows], scope, self._node_visible)

    def shortest_paths(self, principal: Principal, source: str, target: str, max_hops: int = 6,
                       rel_types: Sequence[str] | None = None, cases: Iterable[str] | None = None,
                       limit: int = 10) -> list[Path]:
        """All shortest paths over visible relationships, by Neo4j's ``allShortestPaths``
        with the case filter evaluated during its search; as in the shared algorithm, a path
        through a node outside the caller's cases is then dropped (not routed around)."""
        a_label, b_label = label_of(source), label_of(target)
        check_names(None, rel_types)
        scope = self._scope(principal, cases)
        if source == target:
            end = self._read(lambda tx: self._fetch_nodes(tx, [source], scope)).get(source)
            return [Path(nodes=[end], edges=[])] if end is not None else []
        if max_hops < 1:
            return []
        q = _paths_query(a_label, b_label, int(max_hops), tuple(rel_types or ()), scope is not None)
        params = {"a": source, "b": target, "scope": sorted(scope or ()), "limit": int(limit)}
        rows = self._read(lambda tx: tx.values(q, params))
        paths = []
        for node_rows, edge_rows in rows:
            nodes, _ = _node_records(node_rows, scope, self._node_visible)
            every = _element_ids(node_rows)
            edges = [_edge_record(every[row[1]], every[row[2]], row) for row in edge_rows]
            seq = [source]
            for e in edges:
                seq.append(e.other(seq[-1]))
            if all(i in nodes for i in seq):  # else a node on it lies outside the caller's cases
                paths.append(Path(nodes=[nodes[i] for i in seq], edges=edges))
        return paths

    def version(self) -> str:
        rows = self._read(lambda tx: tx.run(
            "CALL dbms.components() YIELD name, versions, edition WHERE name = $name "
            "RETURN versions[0] AS version, edition", {"name": "Neo4j Kernel"}))
        if not rows:
            return "Neo4j (version unknown)"
        return f"Neo4j {rows[0]['version']} {rows[0]['edition']}"

    def execute(self, principal: Principal, cypher: str, params: Mapping[str, Any] | None = None,
                write: bool = False) -> list[dict[str, Any]]:
        if not principal.is_system:
            raise AccessDenied("raw Cypher is for system maintenance only")
        run = self._write if write else self._read
        return run(lambda tx: tx.run(cypher, params))


# ``collect`` drops nulls, which would shift parallel lists: a missing value travels as
# ``false`` (no stored hash or case list is a boolean) and is turned back into None.
_KEEP_NULL = "coalesce({}, false)"


def _null(value: Any) -> Any:
    return None if value is False else value


def _reason(exc: BaseException) -> str:
    """The useful part of a connection failure ("[Errno 111] Connection refused")."""
    text = str(exc).strip()
    found = re.search(r"\(reason (.+)\)\s*$", text)
    return found.group(1) if found else _first_line(exc).rstrip(":")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ---- the traversal queries (labels and types come from the schema via ``check_names``) --------
_NODE_VISIBLE = "({v}.cases IS NULL OR size({v}.cases) = 0 OR any(c IN {v}.cases WHERE c IN $scope))"
_EDGE_VISIBLE = "(e.case_id IS NULL OR e.case_id IN $scope)"
# The day of the first non-empty of ``at`` / ``date`` (ISO strings), as ``_in_dates`` reads it.
_EDGE_DAY = ("CASE WHEN e.at IS NOT NULL AND toString(e.at) <> '' THEN substring(toString(e.at), 0, 10) "
             "WHEN e.date IS NOT NULL AND toString(e.date) <> '' THEN substring(toString(e.date), 0, 10) END")
_IN_DATES = (f" WITH f, e, b, {_EDGE_DAY} AS day WHERE day IS NULL OR "
             "(($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until))")
# The same test as one expression (inside a quantified path pattern, where WITH cannot go).
_IN_DATES_EXPR = (f"all(day IN [{_EDGE_DAY}] WHERE day IS NULL OR "
                  "(($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until)))")
# Up to this many hops, a neighbourhood within the node limit is answered by one pass
# (``_hood_fast_query``); its path pattern grows with the degree to the power hops - 1.
_FAST_HOPS = 3


def _node_values(labels: Sequence[str], var: str = "n") -> str:
    """``[element id, label, id, caption, cases, [values of the props columns]]`` for a node
    (``_node_props`` order; null for a label outside the schema), which costs far less to
    decode than a property map with its key strings."""
    cases = " ".join(f"WHEN '{label}' THEN [{', '.join(f'{var}.`{c}`' for c in _node_props(label))}]"
                     for label in labels)
    return (f"[elementId({var}), labels({var})[0], {var}.id, {var}.caption, {var}.cases, "
            f"CASE labels({var})[0] {cases} END]")


def _edge_values(rel_types: Sequence[str], var: str = "e") -> str:
    """``[type, start element id, end element id, id, case id, [values of the props
    columns]]`` for a relationship (``_edge_props`` order). Its ends come as element ids,
    which the node rows of the same answer map to Halqa ids: reading each end's ``id``
    property instead cost about as much as all the relationship's own columns."""
    cases = " ".join(f"WHEN '{rtype}' THEN [{', '.join(f'{var}.`{c}`' for c in _edge_props(rtype))}]"
                     for rtype in rel_types)
    return (f"[type({var}), elementId(startNode({var})), elementId(endNode({var})), {var}.id, {var}.case_id, "
            f"CASE type({var}) {cases} END]")


def _types(rel_types: tuple[str, ...]) -> str:
    return ":" + "|".join(f"`{t}`" for t in rel_types) if rel_types else ""


@functools.lru_cache(maxsize=256)
def _hood_query(label: str, hops: int, rel_types: tuple[str, ...], by_label: bool, scoped: bool,
                dated: bool) -> str:
    """Breadth-first expansion, one CALL per level; ``over`` once more than $limit nodes,
    after which one more level is expanded (its relationships only) and the rest skipped
    (``stop``). Relationships come back as ``[element id of the node expanded, ...]``."""
    conds = [c for c, on in ((_EDGE_VISIBLE, scoped), ("labels(b)[0] IN $allowed", by_label)) if on]
    where = (f" WHERE {' AND '.join(conds)}" if conds else "") + (_IN_DATES if dated else "")
    parts = [f"MATCH (s:`{label}` {{id: $id}})"
             + (f" WHERE {_NODE_VISIBLE.format(v='s')}" if scoped else "")
             + " WITH [s] AS seen, [s] AS frontier, [] AS crossed, false AS over, false AS stop"]
    level = ("CALL {{ WITH frontier, stop UNWIND CASE WHEN stop THEN [] ELSE frontier END AS f "
             "MATCH (f)-[e{types}]-(b){where} RETURN collect([f, e]) AS fes, collect(DISTINCT b) AS bs }} "
             "WITH seen, crossed + fes AS crossed, over, "
             "CASE WHEN over THEN [] ELSE [b IN bs WHERE NOT b IN seen] END AS frontier "
             "WITH seen + frontier AS seen, frontier, crossed, over AS stop, "
             "over OR size(seen) + size(frontier) > $limit AS over")
    parts += [level.format(types=_types(rel_types), where=where)] * hops
    # Visibility of the nodes reached is checked by the caller (in the query, Neo4j 5.26's
    # planner fails on the start node's cached ``cases`` read again here).
    schema = load_schema()
    parts.append(f"RETURN over, [n IN seen | {_node_values(list(schema.nodes))}] AS nodes, "
                 f"[x IN crossed | [elementId(x[0])] + {_edge_values(rel_types or list(schema.relationships), 'x[1]')}]"
                 " AS edges")
    return " ".join(parts)


@functools.lru_cache(maxsize=256)
def _hood_fast_query(label: str, hops: int, rel_types: tuple[str, ...], by_label: bool, scoped: bool,
                     dated: bool) -> str:
    """The whole neighbourhood in one pass when it stays within $limit nodes: the nodes
    less than ``hops`` away (``inner``, by a quantified path over visible relationships,
    to nodes of the wanted labels), then every visible relationship from them to a node of
    a wanted label. That is what the level-by-level walk keeps when it never reaches the
    limit: each node within ``hops``, and each relationship it crossed, i.e. one with an
    end less than ``hops`` away. ``over`` (nothing else returned) when the nodes pass
    $limit: the caller then runs the exact walk (``_hood_query``)."""
    types = _types(rel_types)
    conds = [c for c, on in ((_EDGE_VISIBLE, scoped), ("labels(b)[0] IN $allowed", by_label),
                             (_IN_DATES_EXPR, dated)) if on]
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    q = (f"MATCH (s:`{label}` {{id: $id}})" + (f" WHERE {_NODE_VISIBLE.format(v='s')}" if scoped else ""))
    if hops > 1:
        q += (f" CALL {{ WITH s MATCH (s) ((x)-[e{types}]-(b){where}){{0,{hops - 1}}} (a) "
              "RETURN collect(DISTINCT a) AS inner }")
    else:
        q += " WITH s, [s] AS inner"
    schema = load_schema()
    # A node list longer than $limit is over already: its relationships are not expanded.
    q += (" CALL { WITH inner UNWIND CASE WHEN size(inner) > $limit THEN [] ELSE inner END AS f "
          f"MATCH (f)-[e{types}]-(b){where} RETURN collect(DISTINCT e) AS rels, collect(DISTINCT b) AS outer }} "
          "WITH rels, CASE WHEN s IN outer THEN outer ELSE [s] + outer END AS seen, size(inner) > $limit AS over "
          "WITH rels, seen, over OR size(seen) > $limit AS over "
          f"RETURN over, CASE WHEN over THEN [] ELSE [n IN seen | {_node_values(list(schema.nodes))}] END AS nodes, "
          f"CASE WHEN over THEN [] ELSE [e IN rels | {_edge_values(rel_types or list(schema.relationships))}] END"
          " AS edges")
    return q


@functools.lru_cache(maxsize=256)
def _paths_query(a_label: str, b_label: str, max_hops: int, rel_types: tuple[str, ...], scoped: bool) -> str:
    ends = f" WHERE {_NODE_VISIBLE.format(v='a')} AND {_NODE_VISIBLE.format(v='b')}" if scoped else ""
    edges = f" WHERE all(e IN relationships(p) WHERE {_EDGE_VISIBLE})" if scoped else ""
    return (f"MATCH (a:`{a_label}` {{id: $a}}) MATCH (b:`{b_label}` {{id: $b}}){ends} "
            f"MATCH p = allShortestPaths((a)-[{_types(rel_types)}*..{max_hops}]-(b)){edges} "
            "WITH p LIMIT $limit "
            f"RETURN [n IN nodes(p) | {_node_values(list(load_schema().nodes))}] AS nodes, "
            f"[e IN relationships(p) | {_edge_values(rel_types or list(load_schema().relationships))}] AS edges")


def _node_records(rows: list[list[Any]], scope: frozenset[str] | None,
                  visible: Callable[[Sequence[str] | None, frozenset[str] | None], bool]
                  ) -> tuple[dict[str, NodeRecord], dict[str, str]]:
    """({id: record}, {element id: id}) of the visible nodes among ``_node_values`` rows;
    the records ``base._record`` makes of the same columns (built straight from the value lists:
    at a few hundred nodes an answer, an intermediate dict per node cost milliseconds)."""
    out: dict[str, NodeRecord] = {}
    ids: dict[str, str] = {}
    names = _NODE_PROPS
    for element_id, label, node_id, caption, cases, values in rows:
        if values is None:
            continue  # not a schema label (the shared reads skip such nodes too)
        if scope is not None and not visible(cases, scope):
            continue
        out[node_id] = NodeRecord(
            id=node_id, label=label, caption=caption or node_id,
            props={c: v for c, v in zip(names[label], values) if v is not None and v != []},
            cases=tuple(cases or ()))
        ids[element_id] = node_id
    return out, ids


def _whole_hood(start_id: str, node_rows: list[list[Any]], edge_rows: list[list[Any]],
                scope: frozenset[str] | None,
                visible: Callable[[Sequence[str] | None, frozenset[str] | None], bool]) -> Subgraph:
    """The subgraph of a neighbourhood within the limit, from ``_node_values`` rows and
    ``_edge_values`` rows: the visible nodes, and the relationships between two of them."""
    nodes, ids = _node_records(node_rows, scope, visible)
    if start_id not in nodes:
        return Subgraph()
    edges: dict[str, EdgeRecord] = {}
    names = _EDGE_PROPS
    for rtype, start, end, edge_id, case_id, values in edge_rows:
        src, dst = ids.get(start), ids.get(end)
        # (a relationship between two nodes of one level may come once from each end)
        if src is not None and dst is not None and edge_id not in edges:
            edges[edge_id] = EdgeRecord(id=edge_id, type=rtype, src=src, dst=dst, case_id=case_id,
                                        props={c: v for c, v in zip(names[rtype], values) if v is not None})
    ordered = [nodes.pop(start_id)] + sorted(nodes.values(), key=_NODE_ORDER)
    return Subgraph(nodes=ordered, edges=list(edges.values()), truncated=False)


def _replay_truncated(start_id: str, node_rows: list[list[Any]], edge_rows: list[list[Any]], hops: int,
                      limit: int, scope: frozenset[str] | None,
                      visible: Callable[[Sequence[str] | None, frozenset[str] | None], bool]) -> Subgraph:
    """``GraphStore.neighbourhood``'s loop over the rows of a query that went over ``limit``.

    The rows hold every level up to the one that passed the limit, and the next one: per
    node expanded, its relationships in the engine's order (what ``_expand_rows`` reads).
    They are taken as the shared loop takes them (frontier grouped by label, outgoing
    before incoming, frontier order), so the same nodes are kept."""
    label = {row[0]: row[1] for row in node_rows}
    blocks: dict[str, list[list[Any]]] = {}
    for row in edge_rows:
        blocks.setdefault(row[0], []).append(row)
    start = node_rows[0][0]  # ``seen`` begins with the start node
    seen = {start}
    frontier = [start]
    crossed: dict[str, list[Any]] = {}
    truncated = False
    for _ in range(hops):
        groups: dict[str, list[str]] = {}
        for x in frontier:
            groups.setdefault(label[x], []).append(x)
        nxt: list[str] = []
        for xs in groups.values():
            rows = [r for x in xs for r in blocks.get(x, ()) if r[2] == x]
            rows += [r for x in xs for r in blocks.get(x, ()) if r[2] != x]
            for row in rows:
                x, _, start_node, end_node, edge_id = row[:5]
                b = end_node if start_node == x else start_node
                if not admit(b, seen, nxt, limit):
                    truncated = True
                    continue
                crossed[edge_id] = row
        frontier = nxt
        if not frontier:
            break
    records, ids = _node_records(node_rows, scope, visible)
    ids = {element_id: i for element_id, i in ids.items() if element_id in seen}
    nodes = {i: records[i] for i in ids.values()}
    edges = [_edge_record(ids[row[2]], ids[row[3]], row[1:]) for row in crossed.values()
             if row[2] in ids and row[3] in ids]
    ordered = [nodes[start_id]] + sorted((n for i, n in nodes.items() if i != start_id), key=_NODE_ORDER)
    return Subgraph(nodes=ordered, edges=edges, truncated=truncated)


def _element_ids(rows: list[list[Any]]) -> dict[str, str | None]:
    """{element id: id} of every ``_node_values`` row (None for a node of no schema label)."""
    return {row[0]: row[2] if row[5] is not None else None for row in rows}


def _edge_record(src: str, dst: str, row: list[Any]) -> EdgeRecord:
    """The record ``_expand`` builds, from an ``_edge_values`` row."""
    rtype, _, _, edge_id, case_id, values = row
    return EdgeRecord(id=edge_id, type=rtype, src=src, dst=dst, case_id=case_id,
                      props={c: v for c, v in zip(_EDGE_PROPS[rtype], values) if v is not None})


_NODE_ORDER = operator.attrgetter("label", "caption")  # after the start node, as the shared walk


@functools.lru_cache(maxsize=None)
def _node_props(label: str) -> tuple[str, ...]:
    """The columns a traversal reads into a node record's ``props`` (as ``base._record``):
    every column but id, caption, cases, the hash and the search text."""
    return tuple(c for c in node_columns(label) if c not in ("id", "caption", "cases", "h", "search"))


@functools.lru_cache(maxsize=None)
def _edge_props(rtype: str) -> tuple[str, ...]:
    """The columns of a relationship record's ``props`` (as ``_expand``): all but id, case id, hash."""
    return tuple(c for c in edge_columns(rtype) if c not in ("id", "case_id", "h"))


_NODE_PROPS = {label: _node_props(label) for label in load_schema().nodes}
_EDGE_PROPS = {rtype: _edge_props(rtype) for rtype in load_schema().relationships}

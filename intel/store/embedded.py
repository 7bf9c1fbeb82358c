"""The embedded backend: LadybugDB (in-process Cypher, data in one file), the zero-set-up
default.

LadybugDB lets one process at a time open a database for writing. So that the UI and a CLI
ingest can share a store, this backend holds the database only for the length of one
transaction (or of a ``hold()`` block) and waits, with a bound, for a busy lock. A store still
busy after ``lock_timeout`` seconds raises ``StoreBusy`` with one clear line; an interrupted
transaction is rolled back by the engine's write-ahead log, never half-applied.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

import ladybug
import pyarrow as pa

from graph_models.ddl import EDGE_KEY_TABLE, META_LABEL, ladybug_ddl, ladybug_upgrade
from graph_models.schema import load_schema
from intel.errors import AccessDenied, BackendUnavailable, InvalidInput, StoreBusy
from intel.principal import Principal
from graph_models.validate import CleanEdge, CleanNode
from intel.store.base import GraphStore, column_types, search_text

T = TypeVar("T")
_LOCK_MSG = "Could not set lock"
_MISSING_KEY = re.compile(r"Unable to find primary key value (.+?)\.?$", re.M)
RECYCLE_EVERY = 16
# Batches at least this big are written with COPY; smaller ones with LOAD FROM/UNWIND CREATE
# (each COPY pins a few MB of buffer pool until the database closes: fine for 100k rows, not
# for hundreds of three-row transactions in one open database).
COPY_MIN_ROWS = 4096
# Lookups of at most this many ids (a traversal's hops, its nodes) run on one engine thread:
# on the 2-core machine, shared, a second thread costs more to schedule than it saves (1M
# persons, 3-hop neighbourhoods, load ~4: p50 31 ms, p95 67-81 ms on one thread; p50 36-46 ms,
# p95 103-135 ms on two).
ONE_THREAD_MAX_IDS = 4096
_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "STRING[]": pa.list_(pa.string())}


# How each system column of a node table is read off a batch of cleaned records.
_NODE_SYSTEM: dict[str, Callable[[list[CleanNode]], list[Any]]] = {
    "id": lambda ns: [n.id for n in ns],
    "caption": lambda ns: [n.caption for n in ns],
    "name_keys": lambda ns: [n.name_keys for n in ns],
    "cases": lambda ns: [n.cases for n in ns],
    "h": lambda ns: [n.h for n in ns],
    "search": lambda ns: [search_text(n.name_keys) for n in ns],
}


class _Relog(Exception):
    """Raised inside a COPY transaction before a logged write: it is run again, logged."""


class _Tx:
    def __init__(self, conn: ladybug.Connection):
        self.conn = conn

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self.conn.execute(cypher, dict(params or {}))
        rows = result.rows_as_dict().get_all() if result.has_next() else []
        result.close()
        return rows

    def exec(self, cypher: str, params: Mapping[str, Any] | None = None) -> None:
        """Run a statement that returns nothing (COPY)."""
        self.conn.execute(cypher, dict(params or {})).close()


class EmbeddedStore(GraphStore):
    backend_name = "embedded"
    write_chunk = 100_000

    def __init__(self, path: Path | str, lock_timeout: float = 30.0, buffer_pool_mb: int = 1024):
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self.buffer_pool_mb = buffer_pool_mb
        self._db: ladybug.Database | None = None
        self._conn: ladybug.Connection | None = None
        self._holds = 0
        self._since_open = 0
        self._mutex = threading.RLock()
        self._schema_checked = False
        self._bulk_depth = 0
        self._copy_pending = False  # a bulk COPY not yet checkpointed (see ``_bulk``)
        self._tx_copy = False  # this transaction writes new rows with COPY (``_plan_write``)
        self._force_logged = False  # this attempt must not COPY (a COPY attempt met an update)

    # ---- opening and holding the database -----------------------------------------------
    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            try:
                self._db = ladybug.Database(str(self.path), buffer_pool_size=self.buffer_pool_mb * 1024 * 1024)
                self._conn = ladybug.Connection(self._db)
                return
            except RuntimeError as exc:
                text = str(exc)
                if _LOCK_MSG not in text:
                    raise BackendUnavailable(f"cannot open embedded store {self.path}: {text.splitlines()[0]}") from None
                if time.monotonic() >= deadline:
                    pid = re.search(r"PID (\d+)", text)
                    who = f"process {pid.group(1)}" if pid else "another process"
                    raise StoreBusy(
                        f"embedded store {self.path} is busy: {who} has held it for more than "
                        f"{self.lock_timeout:g}s; try again, or raise HALQA_LOCK_TIMEOUT") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def _release(self) -> None:
        self._since_open = 0
        if self._conn is not None:
            if self._copy_pending:
                self._checkpoint()
            self._conn.close()
        if self._db is not None:
            self._db.close()
        self._conn = self._db = None

    @contextlib.contextmanager
    def hold(self) -> Iterator["EmbeddedStore"]:
        """Keep the database open (and its lock held) for a block of calls, e.g. a benchmark
        or one long import. Outside a hold, every call opens and releases it."""
        with self._mutex:
            if self._holds == 0:
                self._open()
            self._holds += 1
            try:
                if not self._schema_checked:
                    self._ensure_schema()
                yield self
            finally:
                self._holds -= 1
                if self._holds == 0:
                    self._release()

    def _ensure_schema(self) -> None:
        self._schema_checked = True
        assert self._conn is not None
        tables = {r[0] for r in self._conn.execute("CALL show_tables() RETURN name").get_all()}
        if META_LABEL not in tables:
            from graph_models.ddl import schema_fingerprint

            for stmt in ladybug_ddl():
                self._conn.execute(stmt)
            self._conn.execute(f"MERGE (m:`{META_LABEL}` {{key: 'schema'}}) SET m.value = $v",
                               {"v": schema_fingerprint()})

    def _run_tx(self, fn: Callable[[_Tx], T], write: bool) -> T:
        with self.hold():
            try:
                for attempt in (1, 2):
                    assert self._conn is not None
                    tx = _Tx(self._conn)
                    self._tx_copy = False
                    self._conn.execute("BEGIN TRANSACTION" if write else "BEGIN TRANSACTION READ ONLY")
                    try:
                        out = fn(tx)
                    except _Relog:
                        # An updating transaction in a bulk load after COPYs: roll back (it has
                        # written nothing yet), make the COPYs durable, run the (idempotent)
                        # function again with every write logged (see ``_plan_write``).
                        with contextlib.suppress(RuntimeError):
                            self._conn.execute("ROLLBACK")
                        if attempt == 2:
                            raise RuntimeError("embedded store: a logged retry asked to be logged again") from None
                        if self._copy_pending:
                            self._checkpoint()
                        self._force_logged = True
                        continue
                    except BaseException:
                        with contextlib.suppress(RuntimeError):
                            self._conn.execute("ROLLBACK")
                        raise
                    self._conn.execute("COMMIT")
                    if write:  # only writes load Arrow tables (reads would lose their warm cache)
                        self._recycle_if_due()
                    return out
            finally:
                self._force_logged = False
                self._tx_copy = False
        raise AssertionError("unreachable")

    def _checkpoint(self) -> None:
        assert self._conn is not None
        self._conn.execute("CHECKPOINT")
        self._copy_pending = False

    def _plan_write(self, rows: int, updates: bool) -> None:
        """How this upsert transaction writes new rows: all with COPY (big batches that only
        create, and every such batch of a bulk load) or all logged (LOAD FROM ... CREATE).

        Never both in one transaction: a COPY reaches the database file only at the
        checkpoint after its commit, while logged writes are replayed from the write-ahead
        log, so a crash in that checkpoint would keep the logged half of a mixed
        transaction (an import's batch node) and lose the COPY half (its rows). Updates are
        always logged, so a transaction that updates writes everything logged; in a bulk
        load, COPYs of earlier transactions are checkpointed first (``_Relog``, raised here
        before this transaction has written anything: LadybugDB 0.22 aborts on a checkpoint
        after a rolled-back COPY). Small transactions never COPY: each COPY pins buffer-pool
        pages until the database closes."""
        if updates and self._copy_pending:
            raise _Relog()
        self._tx_copy = (not updates and not self._force_logged
                         and (self._bulk_depth > 0 or rows >= COPY_MIN_ROWS))

    def _before_logged_write(self, tx: _Tx) -> None:
        if self._tx_copy or self._copy_pending:  # ``_plan_write`` prevents this
            raise AssertionError("embedded store: a logged write in a COPY transaction")

    def _recycle_if_due(self) -> None:
        """LadybugDB 0.22 keeps buffer-pool pages pinned after each ``LOAD FROM $table`` until
        the database is closed, so a long-lived open database (a ``hold()`` around a big
        import, the demo load) would fill its pool. Inside a hold, the database is closed and
        reopened every ``RECYCLE_EVERY`` transactions, between transactions, so nothing is
        lost; the lock is re-taken with the usual bounded wait. Only write transactions count:
        reads load no tables, and a reopen costs a read ~0.1 s and its warm pages."""
        self._since_open += 1
        if self._holds > 1 and self._since_open >= RECYCLE_EVERY:
            self._release()
            self._open()
            if self._bulk_depth:
                assert self._conn is not None
                self._conn.execute("CALL auto_checkpoint=false")

    @contextlib.contextmanager
    def _bulk(self) -> Iterator[None]:
        """A bulk load holds the database open, writes every new row with COPY and checkpoints
        once, at the end, instead of at every commit (each COPY commit otherwise forces a
        checkpoint: 220 of 243 s at 1M nodes / 3M relationships).

        What that costs in durability, and why the store stays consistent: with automatic
        checkpoints off, a committed COPY lives in the database file only after the next
        checkpoint, so a crash mid-load loses the COPYs since the last one (never half of one;
        the load is idempotent, so running it again finishes the job). A logged write (an
        update of an existing row) is never allowed to follow an un-checkpointed COPY
        (``_Relog``: the transaction is rolled back, the COPYs checkpointed and the
        transaction run again, logged), so the log never refers to rows a crash could lose.
        The load returns only after its final checkpoint."""
        with self.hold():
            assert self._conn is not None
            self._bulk_depth += 1
            self._conn.execute("CALL auto_checkpoint=false")
            try:
                yield
            finally:
                self._bulk_depth -= 1
                if self._bulk_depth == 0 and self._conn is not None:
                    self._checkpoint()
                    self._conn.execute("CALL auto_checkpoint=true")

    def _read(self, fn: Callable[[_Tx], T]) -> T:
        return self._run_tx(fn, write=False)

    def _write(self, fn: Callable[[_Tx], T]) -> T:
        return self._run_tx(fn, write=True)

    # ---- dialect ---------------------------------------------------------------------------
    def _apply_ddl(self) -> None:
        with self.hold():
            assert self._conn is not None
            for stmt in ladybug_ddl():
                self._conn.execute(stmt)
            # a store made by an older schema: add the columns it has gained
            names = {r[0] for r in self._conn.execute("CALL show_tables() RETURN name").get_all()}
            schema = load_schema()
            wanted = set(schema.nodes) | set(schema.relationships)
            existing = {t: {r[0] for r in self._conn.execute(
                f"CALL table_info('{t}') RETURN name").get_all()} for t in sorted(names & wanted)}
            for stmt in ladybug_upgrade(existing):
                self._conn.execute(stmt)

    # Bulk paths: rows travel as one Arrow table (``LOAD FROM $t`` / ``COPY ... FROM $t``),
    # several times faster than an unwound list of structs; both run inside the open
    # transaction, so a failure later in the batch rolls them back too (tested: a COPY that
    # fails aborts its transaction, and a rolled-back COPY leaves nothing behind).
    #
    # New nodes and relationships are written with ``COPY``: at 1M nodes / 3M relationships
    # it is about twice as fast as ``LOAD FROM $t CREATE`` and its commit writes almost
    # nothing to the write-ahead log. Its ids are known not to exist (read in the same
    # transaction), so the primary-key check never fires. COPY pins buffer-pool pages until
    # the database closes, which ``_recycle_if_due`` handles.
    def _create_node_records(self, tx: _Tx, label: str, cols: list[str], nodes: list[CleanNode]) -> None:
        # Arrow columns straight from the records: no per-row dict (a third of the write time).
        types = column_types(label)
        filled: set[str] = set()
        for n in nodes:
            filled.update(n.props)
        data: dict[str, pa.Array] = {}
        for c in cols:
            if c in _NODE_SYSTEM:
                values = _NODE_SYSTEM[c](nodes)
            elif c == "aliases":  # stored as [] rather than null, as the row path does
                values = [n.props.get(c) or [] for n in nodes]
            elif c in filled:
                values = [n.props.get(c) for n in nodes]
            else:
                continue
            data[c] = pa.array(values, type=_ARROW[types[c]])
        table = pa.table(data)
        if not self._copying():
            assign = ", ".join(f"`{c}`: `{c}`" for c in data)
            tx.run(f"LOAD FROM $t CREATE (_new:`{label}` {{{assign}}})", {"t": table})
            return
        tx.exec(f"COPY `{label}`({', '.join(f'`{c}`' for c in data)}) FROM $t", {"t": table})

    def _create_edge_records(self, tx: _Tx, rtype: str, a: str, b: str, cols: list[str],
                             edges: list[CleanEdge]) -> int:
        types = column_types(rtype)
        filled: set[str] = set()
        for e in edges:
            filled.update(e.props)
        ids = [e.id for e in edges]
        hashes = [e.h for e in edges]
        data: dict[str, pa.Array] = {"src": pa.array([e.src for e in edges], type=pa.string()),
                                     "dst": pa.array([e.dst for e in edges], type=pa.string())}
        for c in cols:
            if c == "id":
                values: list[Any] = ids
            elif c == "h":
                values = hashes
            elif c == "case_id":
                values = [e.case_id for e in edges]
                if not any(v is not None for v in values):
                    continue
            elif c in filled:
                values = [e.props.get(c) for e in edges]
            else:
                continue
            data[c] = pa.array(values, type=_ARROW[types[c]])
        columns = [c for c in data if c not in ("src", "dst")]
        table = pa.table(data)
        if self._copying():
            made = self._copy_edges(tx, rtype, a, b, columns, table.rename_columns(["from", "to", *columns]), edges)
        else:
            assign = ", ".join(f"`{c}`: `{c}`" for c in columns)
            found = tx.run(f"LOAD FROM $t MATCH (a:`{a}` {{id: `src`}}) MATCH (b:`{b}` {{id: `dst`}}) "
                           f"CREATE (a)-[e:`{rtype}` {{{assign}}}]->(b) RETURN count(*) AS c", {"t": table})
            made = found[0]["c"] if found else 0
        if made == len(edges):
            self._record_edge_key_columns(tx, rtype, ids, hashes, len(edges))
        return made

    def _copy_edges(self, tx: _Tx, rtype: str, a: str, b: str, columns: list[str], table: pa.Table,
                    edges: list[CleanEdge]) -> int:
        cols = ", ".join(f"`{c}`" for c in columns)
        try:
            tx.exec(f"COPY `{rtype}`({cols}) FROM $t (from='{a}', to='{b}')", {"t": table})
        except RuntimeError as exc:
            missing = _MISSING_KEY.search(str(exc))
            if missing is None:
                raise
            # The failed COPY has already aborted the transaction: name the row and stop.
            node = missing.group(1)
            edge = next((e for e in edges if node in (e.src, e.dst)), None)
            end = "src" if edge is not None and edge.src == node else "dst"
            raise InvalidInput(f"{rtype}: field {end!r}: node {node} does not exist") from None
        return len(edges)

    def _record_edge_key_columns(self, tx: _Tx, rtype: str, ids: list[str], hashes: list[str], n: int) -> None:
        table = pa.table({"id": pa.array(ids, type=pa.string()), "type": pa.array([rtype] * n, type=pa.string()),
                          "h": pa.array(hashes, type=pa.string())})
        if self._copying():
            tx.exec(f"COPY `{EDGE_KEY_TABLE}` FROM $t", {"t": table})
        else:
            tx.run(f"LOAD FROM $t CREATE (_key:`{EDGE_KEY_TABLE}` {{id: id, type: type, h: h}})", {"t": table})

    def _copying(self) -> bool:
        """Whether this transaction's new rows go in with COPY (decided by ``_plan_write``)."""
        if self._tx_copy and self._bulk_depth:
            self._copy_pending = True
        return self._tx_copy

    def _existing_edges(self, tx: _Tx, rtype: str, edges: Sequence[CleanEdge]) -> dict[str, str]:
        each, params = self._each("i", [e.id for e in edges])
        rows = tx.run(f"{each} MATCH (k:`{EDGE_KEY_TABLE}` {{id: i}}) RETURN k.id AS id, k.h AS h", params)
        found = {r["id"]: r["h"] for r in rows}
        if found and len(found) < len(edges):
            # Part known, part not (a re-import with some new rows): the registry's key index
            # lost an entry at 1M relationships in LadybugDB 0.22, and the re-import created
            # that relationship twice. Ids it does not know are looked up on the relationships
            # themselves, through their source node's key. (A wholly new batch, a first load,
            # trusts the registry: the check costs ~20% of a 1M-relationship load.)
            found.update(self._edges_at_sources(tx, rtype, [e for e in edges if e.id not in found]))
        return found

    def _edges_at_sources(self, tx: _Tx, rtype: str, edges: Sequence[CleanEdge]) -> dict[str, str]:
        """{id: hash} of those of ``edges`` stored as relationships, read from their source
        nodes (UNWIND + key MATCH + OPTIONAL MATCH keeps the key seek, see ``_expand_rows``)."""
        by_label: dict[str, list[dict[str, str]]] = defaultdict(list)
        for e in edges:
            by_label[e.src_label].append({"id": e.id, "src": e.src})
        out: dict[str, str] = {}
        for label, rows in by_label.items():
            for r in tx.run(f"UNWIND $rows AS r MATCH (a:`{label}` {{id: r.src}}) "
                            f"OPTIONAL MATCH (a)-[e:`{rtype}`]->() WHERE e.id = r.id "
                            "RETURN e.id AS id, e.h AS h", {"rows": rows}):
                if r["id"] is not None:
                    out[r["id"]] = r["h"]
        return out

    def _record_edge_keys(self, tx: _Tx, rtype: str, rows: list[dict[str, Any]], created: bool) -> None:
        if created:
            self._record_edge_key_columns(tx, rtype, [r["id"] for r in rows], [r["h"] for r in rows], len(rows))
        else:
            self._before_logged_write(tx)
            tx.run(f"UNWIND $rows AS r MATCH (k:`{EDGE_KEY_TABLE}` {{id: r.id}}) SET k.h = r.h",
                   {"rows": [{"id": r["id"], "h": r["h"]} for r in rows]})

    def _forget_edge_keys(self, tx: _Tx, rtype: str, ids: list[str]) -> None:
        tx.run(f"UNWIND $ids AS i MATCH (k:`{EDGE_KEY_TABLE}` {{id: i}}) DELETE k", {"ids": ids})

    def _param(self, column: str, storage: str) -> str:
        # The engine types a parameter struct's field from its values; a field that is null in
        # every row comes out as STRING, so typed columns are cast explicitly.
        if storage == "STRING":
            return f"r.`{column}`"
        return f"CAST(r.`{column}` AS {storage})"

    def _list_overlap(self, column: str, param: str) -> str:
        return f"list_has_any({column}, ${param})"

    @staticmethod
    @contextlib.contextmanager
    def _threads_for(tx: _Tx, ids: int) -> Iterator[None]:
        """Run a lookup of ``ids`` ids on one engine thread when it is small (see
        ``ONE_THREAD_MAX_IDS``), on the database's usual number otherwise."""
        if ids > ONE_THREAD_MAX_IDS:
            yield
            return
        tx.conn.set_max_threads_for_exec(1)
        try:
            yield
        finally:
            tx.conn.set_max_threads_for_exec(0)  # 0: the database's limit

    def _fetch_rows(self, tx: _Tx, label: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        with self._threads_for(tx, len(ids)):
            return super()._fetch_rows(tx, label, ids)

    def _expand_rows(self, tx: _Tx, label: str, ids: list[str], rel_types: Sequence[str] | None
                     ) -> list[tuple[str, str, str, str, bool, dict[str, Any]]]:
        # A single node is matched by a primary-key seek (`MATCH (a {id: $id})`), several in one
        # query: LadybugDB plans `UNWIND $ids ... MATCH (a {id: i})-[e]-(b)` as a scan of every
        # relationship hash-joined with the list (O(graph) per hop), but a node matched alone
        # by `UNWIND $ids ... MATCH (a {id: i})` as a primary-key lookup per id, and the
        # relationships are then read from the matched nodes by an OPTIONAL MATCH (a plain
        # MATCH is planned as the scan again). A 3-hop frontier of ~40 nodes at 1M nodes / 3M
        # relationships: one query of a few ms instead of 40 of ~1 ms. Only the property
        # columns are returned (a whole relationship value costs ~30% more to convert).
        #
        # The order of a node's relationships is made explicit: truncation at ``limit`` keeps
        # the nodes met first, and the engine's own order depends on the plan (one node: by the
        # other end's storage position, parallel relationships latest first; several: the
        # reverse; with named types: yet another) and, with several engine threads, varies
        # from run to run. Per frontier node and direction, rows are sorted by the other end's
        # (table, offset), then the relationship's (table, offset) descending: the usual
        # one-node order, the same however the frontier is batched, and the same every time.
        unique = list(dict.fromkeys(ids))
        rtypes = tuple(rel_types or ())
        if len(unique) == 1:
            query, cols = self._q_expand(label, rtypes)
            params: dict[str, Any] = {"id": unique[0]}
        else:
            query, cols = self._q_expand_many(label, rtypes)
            params = {"ids": unique}
        with self._threads_for(tx, len(unique)):
            result = tx.conn.execute(query, params)
            rows = result.get_all()
            result.close()
        groups: dict[tuple[str, bool], list[tuple[tuple[int, int, int, int], tuple]]] = {}
        for a, b, b_label, rtype, outgoing, bk, ek, *values in rows:
            if b is None:  # the OPTIONAL MATCH row of a node with no relationship that way
                continue
            key = (bk["table"], bk["offset"], -ek["table"], -ek["offset"])
            groups.setdefault((a, outgoing), []).append(
                (key, (a, b, b_label, rtype, outgoing, dict(zip(cols, values)))))
        out: list[tuple[str, str, str, str, bool, dict[str, Any]]] = []
        for outgoing in (True, False):
            for node_id in ids:
                out.extend(row for _, row in sorted(groups.get((node_id, outgoing), ()), key=lambda kr: kr[0]))
        return out

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def _q_expand(label: str, rel_types: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """The one-node expansion query for ``label`` and its property columns (the union of
        the columns of ``rel_types``, or of every relationship type)."""
        # Two directed patterns joined by UNION ALL: at 1M nodes / 3M relationships about
        # 40% faster than one undirected pattern that reads the direction off the
        # relationship. No relationship table touches the EdgeKey table, so b needs no filter.
        return EmbeddedStore._q_expand_parts(label, rel_types, "MATCH (a:`{label}` {{id: $id}}){arrow}(b)",
                                             "$id")

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def _q_expand_many(label: str, rel_types: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """The expansion query for a list ``$ids`` of ``label`` nodes (see ``_expand_rows``)."""
        return EmbeddedStore._q_expand_parts(
            label, rel_types, "UNWIND $ids AS i MATCH (a:`{label}` {{id: i}}) OPTIONAL MATCH (a){arrow}(b)", "i")

    @staticmethod
    def _q_expand_parts(label: str, rel_types: tuple[str, ...], match: str, a_id: str
                        ) -> tuple[str, tuple[str, ...]]:
        kinds = rel_types or tuple(load_schema().relationships)
        cols = tuple(sorted({c for t in kinds for c in column_types(t)}))
        types = ":" + "|".join(f"`{t}`" for t in rel_types) if rel_types else ""
        ret = ", ".join(f"e.`{c}` AS `{c}`" for c in cols)
        part = (match + " RETURN {a_id} AS a, b.id AS b, label(b) AS b_label, label(e) AS type, "
                "{out} AS outgoing, id(b) AS b_key, id(e) AS e_key, {ret}")
        out = part.format(label=label, arrow=f"-[e{types}]->", a_id=a_id, out="true", ret=ret)
        inc = part.format(label=label, arrow=f"<-[e{types}]-", a_id=a_id, out="false", ret=ret)
        return f"{out} UNION ALL {inc}", cols

    def version(self) -> str:
        return f"LadybugDB {ladybug.__version__}"

    def execute(self, principal: Principal, cypher: str, params: Mapping[str, Any] | None = None,
                write: bool = False) -> list[dict[str, Any]]:
        if not principal.is_system:
            raise AccessDenied("raw Cypher is for system maintenance only")
        return self._run_tx(lambda tx: tx.run(cypher, params), write=write)

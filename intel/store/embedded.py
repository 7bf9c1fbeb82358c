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
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

import ladybug
import pyarrow as pa

from graph_models.ddl import EDGE_KEY_TABLE, META_LABEL, ladybug_ddl
from graph_models.schema import load_schema
from intel.errors import AccessDenied, BackendUnavailable, StoreBusy
from intel.principal import Principal
from intel.store.base import GraphStore, column_types

T = TypeVar("T")
_LOCK_MSG = "Could not set lock"
RECYCLE_EVERY = 16
_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "STRING[]": pa.list_(pa.string())}


def _table(rows: list[dict[str, Any]], columns: list[str], types: Mapping[str, str]) -> pa.Table:
    """Rows as an Arrow table typed from the schema (so an all-null column keeps its type)."""
    return pa.table({c: pa.array([r.get(c) for r in rows], type=_ARROW[types[c]]) for c in columns})


class _Tx:
    def __init__(self, conn: ladybug.Connection):
        self.conn = conn

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self.conn.execute(cypher, dict(params or {}))
        rows = result.rows_as_dict().get_all() if result.has_next() else []
        result.close()
        return rows


class EmbeddedStore(GraphStore):
    backend_name = "embedded"

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
            assert self._conn is not None
            tx = _Tx(self._conn)
            self._conn.execute("BEGIN TRANSACTION" if write else "BEGIN TRANSACTION READ ONLY")
            try:
                out = fn(tx)
            except BaseException:
                with contextlib.suppress(RuntimeError):
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            self._recycle_if_due()
            return out

    def _recycle_if_due(self) -> None:
        """LadybugDB 0.22 keeps buffer-pool pages pinned after each ``LOAD FROM $table`` until
        the database is closed, so a long-lived open database (a ``hold()`` around a big
        import, the demo load) would fill its pool. Inside a hold, the database is closed and
        reopened every ``RECYCLE_EVERY`` transactions, between transactions, so nothing is
        lost; the lock is re-taken with the usual bounded wait."""
        self._since_open += 1
        if self._holds > 1 and self._since_open >= RECYCLE_EVERY:
            self._release()
            self._open()

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

    # Bulk paths: rows travel as one Arrow table (``LOAD FROM $t`` / ``COPY ... FROM $t``),
    # several times faster than an unwound list of structs; both run inside the open
    # transaction, so a failure later in the batch rolls them back too.
    def _each(self, var: str, values: list[Any]) -> tuple[str, dict[str, Any]]:
        return f"LOAD FROM ${var}s", {f"{var}s": pa.table({var: pa.array(values, type=pa.string())})}

    # Not ``COPY ... FROM $t``: in LadybugDB 0.22 a COPY inside a transaction leaks buffer-pool
    # pages, and after some dozens of transactions in one open database the post-commit
    # checkpoint fails ("buffer pool is full"). ``LOAD FROM $t CREATE`` is as fast and does not.
    def _create_nodes(self, tx: _Tx, label: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        assign = ", ".join(f"`{c}`: `{c}`" for c in columns)
        tx.run(f"LOAD FROM $t CREATE (_new:`{label}` {{{assign}}})", {"t": _table(rows, columns, column_types(label))})

    def _create_edges(self, tx: _Tx, rtype: str, a: str, b: str, columns: list[str],
                      rows: list[dict[str, Any]]) -> int:
        types = {**column_types(rtype), "src": "STRING", "dst": "STRING"}
        assign = ", ".join(f"`{c}`: `{c}`" for c in columns)
        found = tx.run(f"LOAD FROM $t MATCH (a:`{a}` {{id: `src`}}) MATCH (b:`{b}` {{id: `dst`}}) "
                       f"CREATE (a)-[e:`{rtype}` {{{assign}}}]->(b) RETURN count(*) AS c",
                       {"t": _table(rows, ["src", "dst", *columns], types)})
        return found[0]["c"] if found else 0

    def _existing_edges(self, tx: _Tx, rtype: str, ids: list[str]) -> dict[str, str]:
        each, params = self._each("i", ids)
        rows = tx.run(f"{each} MATCH (k:`{EDGE_KEY_TABLE}` {{id: i}}) RETURN k.id AS id, k.h AS h", params)
        return {r["id"]: r["h"] for r in rows}

    def _record_edge_keys(self, tx: _Tx, rtype: str, rows: list[dict[str, Any]], created: bool) -> None:
        keys = [{"id": r["id"], "h": r["h"]} for r in rows]
        if created:
            table = pa.table({"id": pa.array([r["id"] for r in rows], type=pa.string()),
                              "type": pa.array([rtype] * len(rows), type=pa.string()),
                              "h": pa.array([r["h"] for r in rows], type=pa.string())})
            tx.run(f"LOAD FROM $t CREATE (_key:`{EDGE_KEY_TABLE}` {{id: id, type: type, h: h}})", {"t": table})
        else:
            tx.run(f"UNWIND $rows AS r MATCH (k:`{EDGE_KEY_TABLE}` {{id: r.id}}) SET k.h = r.h", {"rows": keys})

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

    def _expand_rows(self, tx: _Tx, label: str, ids: list[str], rel_types: Sequence[str] | None
                     ) -> list[tuple[str, str, str, str, bool, dict[str, Any]]]:
        # One query per frontier node: LadybugDB plans `UNWIND $ids ... MATCH (a {id: i})-[e]-(b)`
        # as a scan of every relationship hash-joined with the list (O(graph) per hop), but
        # `MATCH (a {id: $id})` as a primary-key seek (~1000x faster on 100k nodes). The pattern
        # is undirected (one seek for both directions, half the queries); the stored direction
        # is read from the relationship's source node id, and only the property columns are
        # returned (a whole relationship value costs ~30% more to convert).
        query, cols = self._q_expand(label, tuple(rel_types or ()))
        outs: list[tuple[str, str, str, str, bool, dict[str, Any]]] = []
        ins: list[tuple[str, str, str, str, bool, dict[str, Any]]] = []
        conn = tx.conn
        for node_id in ids:
            result = conn.execute(query, {"id": node_id})
            rows = result.get_all()
            result.close()
            for b, b_label, rtype, outgoing, *values in rows:
                row = (node_id, b, b_label, rtype, outgoing, dict(zip(cols, values)))
                (outs if outgoing else ins).append(row)
        return outs + ins

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def _q_expand(label: str, rel_types: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """The one-node expansion query for ``label`` and its property columns (the union of
        the columns of ``rel_types``, or of every relationship type)."""
        kinds = rel_types or tuple(load_schema().relationships)
        cols = tuple(sorted({c for t in kinds for c in column_types(t)}))
        types = ":" + "|".join(f"`{t}`" for t in rel_types) if rel_types else ""
        ret = ", ".join(f"e.`{c}`" for c in cols)
        return (f"MATCH (a:`{label}` {{id: $id}})-[e{types}]-(b) WHERE label(b) <> '{EDGE_KEY_TABLE}' "
                f"RETURN b.id, label(b), label(e), struct_extract(e, '_SRC') = id(a), {ret}"), cols

    def version(self) -> str:
        return f"LadybugDB {ladybug.__version__}"

    def execute(self, principal: Principal, cypher: str, params: Mapping[str, Any] | None = None,
                write: bool = False) -> list[dict[str, Any]]:
        if not principal.is_system:
            raise AccessDenied("raw Cypher is for system maintenance only")
        return self._run_tx(lambda tx: tx.run(cypher, params), write=write)

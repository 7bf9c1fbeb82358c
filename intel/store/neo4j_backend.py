"""The Neo4j backend: the official ``neo4j`` driver, for a single server, a cluster or Aura.

``bolt://`` talks to one server, ``neo4j://`` routes across a cluster; both go through the
same code. Reads and writes run as managed transactions (``execute_read``/``execute_write``):
the driver retries them on transient failures, which is safe because the shared write path
reads what exists before it writes. The driver is created on first use and checked once
(reachable, credentials accepted); every connection problem becomes one ``BackendUnavailable``
line naming the URI, what failed and what to check.
"""

from __future__ import annotations

import contextlib
import re
import threading
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, ServiceUnavailable, SessionExpired

from graph_models.ddl import neo4j_ddl
from intel.errors import AccessDenied, BackendUnavailable
from intel.principal import Principal
from intel.store.base import GraphStore

T = TypeVar("T")
_DB_MISSING = "Neo.ClientError.Database.DatabaseNotFound"
_INDEX_WAIT_S = 300
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class _Tx:
    """The ``Tx`` the shared algorithms use: rows as plain dicts (lists stay lists)."""

    def __init__(self, tx: neo4j.ManagedTransaction):
        self.tx = tx

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return [record.data() for record in self.tx.run(cypher, dict(params or {}))]


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
        with self._translated(), self._session() as session:
            return session.execute_write(lambda tx: fn(_Tx(tx)))

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

    def _create_nodes(self, tx: _Tx, label: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
        # MERGE on the id (unique constraint): two writers creating the same new node at
        # once serialise on the constraint's lock instead of one failing with a
        # ConstraintValidationFailed the driver does not retry.
        sets = ", ".join(f"n.`{c}` = r.`{c}`" for c in columns if c != "id")
        tx.run(f"UNWIND $rows AS r MERGE (n:`{label}` {{id: r.id}})" + (f" SET {sets}" if sets else ""),
               {"rows": rows})

    def _create_edges(self, tx: _Tx, rtype: str, a: str, b: str, columns: list[str],
                      rows: list[dict[str, Any]]) -> int:
        # CREATE, not MERGE: the transaction has just read which ids exist (``_existing_edges``)
        # and MERGE on a relationship pattern measured ~9x slower at 300k relationships.
        assign = ", ".join(f"`{c}`: r.`{c}`" for c in columns)
        found = tx.run(f"UNWIND $rows AS r MATCH (a:`{a}` {{id: r.src}}) MATCH (b:`{b}` {{id: r.dst}}) "
                       f"CREATE (a)-[e:`{rtype}` {{{assign}}}]->(b) RETURN count(*) AS c", {"rows": rows})
        return found[0]["c"] if found else 0

    def _existing_edges(self, tx: _Tx, rtype: str, ids: list[str]) -> dict[str, str]:
        rows = tx.run(f"UNWIND $ids AS i MATCH ()-[e:`{rtype}` {{id: i}}]->() RETURN e.id AS id, e.h AS h",
                      {"ids": ids})
        return {r["id"]: r["h"] for r in rows}

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


def _reason(exc: BaseException) -> str:
    """The useful part of a connection failure ("[Errno 111] Connection refused")."""
    text = str(exc).strip()
    found = re.search(r"\(reason (.+)\)\s*$", text)
    return found.group(1) if found else _first_line(exc).rstrip(":")


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

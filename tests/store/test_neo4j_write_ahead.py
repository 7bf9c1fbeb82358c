"""Neo4j bulk loads write their first chunks while later rows are still being cleaned, in one
transaction committed only when every row is clean (``intel.store.ahead``). When that
transaction fails, here because another writer commits one of its new nodes first, every
chunk is written again the usual way and the store ends as if nothing had gone wrong."""

from __future__ import annotations

import threading
import time

from intel.principal import SYSTEM
from intel.store.neo4j_backend import Neo4jStore

PROV = {"source": "test-ahead", "recorded_by": "tester"}


def _people(n: int) -> list[dict]:
    return [{"id": f"w{i}", "name": f"Ahead Person {i}", "cases": ["C-1"], **PROV} for i in range(n)]


def test_a_failed_write_ahead_transaction_is_redone_chunk_by_chunk(neo4j_clean):
    store = Neo4jStore(uri=neo4j_clean.uri, user=neo4j_clean.user, password=neo4j_clean.password)
    store.init_schema()
    store.write_chunk = 50
    people = _people(400)
    edges = [{"src": f"person:w{i}", "dst": f"person:w{i + 1}", "case_id": "C-1", **PROV} for i in range(399)]
    rival = Neo4jStore(uri=neo4j_clean.uri, user=neo4j_clean.user, password=neo4j_clean.password)
    session = rival._session()
    tx = session.begin_transaction()
    # Another writer creates one of the load's new nodes and holds its transaction open: the
    # write-ahead transaction's CREATE of that id waits for it, then fails on the unique id.
    tx.run("CREATE (n:Person {id: 'person:w7', name: 'Ahead Person 7', cases: ['C-1']})").consume()
    outcome: dict = {}

    def load() -> None:
        try:
            outcome["result"] = store.write_chunks(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": edges})
        except BaseException as exc:  # noqa: BLE001 - asserted below
            outcome["error"] = exc

    loader = threading.Thread(target=load)
    loader.start()
    time.sleep(2.0)
    assert loader.is_alive(), "the load did not wait for the rival's node"
    tx.commit()
    session.close()
    loader.join(timeout=120)
    try:
        assert "error" not in outcome, outcome.get("error")
        result = outcome["result"]
        assert result.nodes_created == 399 and result.edges_created == 399
        counts = store.counts(SYSTEM)
        assert counts["Person"] == 400 and counts["ASSOCIATE_OF"] == 399
        assert store.get(SYSTEM, "person:w7").caption == "Ahead Person 7"
    finally:
        store.close()
        rival.close()

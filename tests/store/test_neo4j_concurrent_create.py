"""Neo4j creates new nodes with CREATE (not MERGE) once the transaction has read that their
ids are new; two writers creating the same new nodes at once must both succeed, the loser
re-running its transaction (a unique-id conflict), and the store must hold each node once."""

from __future__ import annotations

import threading

from intel.principal import SYSTEM
from intel.store.neo4j_backend import Neo4jStore
from intel.store.records import WriteResult

PROV = {"source": "test-concurrent", "recorded_by": "tester"}


def test_two_writers_creating_the_same_nodes(neo4j_clean):
    stores = [Neo4jStore(uri=neo4j_clean.uri, user=neo4j_clean.user, password=neo4j_clean.password)
              for _ in range(2)]
    stores[0].init_schema()
    rounds, size = 4, 2000
    results: list[list[WriteResult]] = [[], []]
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def writer(k: int) -> None:
        try:
            for r in range(rounds):
                rows = [{"id": f"r{r}-{i}", "name": f"Same Person {r} {i}", "cases": ["C-1"], **PROV}
                        for i in range(size)]
                edges = [{"src": f"person:r{r}-{i}", "dst": f"person:r{r}-{i + 1}", "case_id": "C-1", **PROV}
                         for i in range(size - 1)]
                barrier.wait(timeout=120)
                results[k].append(stores[k].write(SYSTEM, nodes={"Person": rows}, edges={"ASSOCIATE_OF": edges}))
        except BaseException as exc:  # reported below, with the thread's own traceback lost
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    try:
        assert not errors, errors
        counts = stores[0].counts(SYSTEM)
        assert counts["Person"] == rounds * size
        assert counts["ASSOCIATE_OF"] == rounds * (size - 1)
        for r in range(rounds):
            a, b = results[0][r], results[1][r]
            assert a.nodes_created + b.nodes_created == size
            assert a.nodes_created + a.nodes_unchanged == size and b.nodes_created + b.nodes_unchanged == size
    finally:
        for s in stores:
            s.close()

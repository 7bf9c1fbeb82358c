"""Neo4j answers a neighbourhood that passes its node limit from the rows of its one query,
replaying the shared breadth-first loop on them: it must keep exactly the nodes and
relationships the shared algorithm (``GraphStore.neighbourhood``, a query per hop) keeps,
whichever level passes the limit, with and without a case scope, labels, types and dates."""

from __future__ import annotations

import random

from intel.principal import SYSTEM
from intel.store.base import GraphStore
from intel.store.neo4j_backend import Neo4jStore
from hood_graph import C1, hood_key as _key, person_links, phones

PROV = {"source": "test-truncation", "recorded_by": "tester"}


def _graph(store: Neo4jStore) -> None:
    """A random graph of persons and phones over two cases, some dated links."""
    rng = random.Random(11)
    people, assoc, family = person_links(rng, 120, 360, PROV)
    store.write(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": assoc, "FAMILY_OF": family})
    phone_ids = phones(store, 20, "+99450", PROV)
    uses = [{"src": f"person:p{rng.randrange(120)}", "dst": phone_ids[i % len(phone_ids)], "case_id": "C-1", **PROV}
            for i in range(60)]
    store.write(SYSTEM, edges={"USES": uses})


def test_truncated_neighbourhood_keeps_what_the_shared_loop_keeps(neo4j_clean):
    store = Neo4jStore(uri=neo4j_clean.uri, user=neo4j_clean.user, password=neo4j_clean.password)
    try:
        store.init_schema()
        _graph(store)
        truncated = 0
        for who in (SYSTEM, C1):
            for hops, limit in ((1, 3), (2, 5), (2, 30), (3, 40), (4, 70), (3, 500)):
                for start in ("person:p1", "person:p5", "person:p42", "person:p77"):
                    for extra in ({}, {"labels": ["Person"]}, {"rel_types": ["ASSOCIATE_OF", "USES"]},
                                  {"since": "2024-01-01"}):
                        ours = store.neighbourhood(who, start, hops=hops, limit=limit, **extra)
                        shared = GraphStore.neighbourhood(store, who, start, hops=hops, limit=limit, **extra)
                        assert _key(ours) == _key(shared), (who, hops, limit, start, extra)
                        truncated += shared.truncated
        assert truncated > 20  # the comparison did cover truncation at several levels
    finally:
        store.close()

"""Neo4j answers a neighbourhood of up to three hops that stays within its node limit in one
pass (the nodes less than ``hops`` away, then their relationships), not level by level: it
must keep exactly what the shared breadth-first loop (``GraphStore.neighbourhood``) keeps,
with case scopes (hidden nodes passed through, then dropped), labels (a start node of
another label), types, date windows, parallel relationships and a self-loop."""

from __future__ import annotations

import random

from intel.principal import SYSTEM
from intel.store.base import GraphStore
from intel.store.neo4j_backend import Neo4jStore
from hood_graph import C1, hood_key as _key, person_links, phones

PROV = {"source": "test-whole-hood", "recorded_by": "tester"}


def _graph(store: Neo4jStore) -> list[str]:
    """A sparse random graph of persons (a quarter only in case C-2) and phones with dated
    calls; returns the phone ids."""
    rng = random.Random(23)
    people, assoc, family = person_links(rng, 40, 45, PROV)
    assoc.append({"src": "person:p1", "dst": "person:p1", "case_id": "C-1", **PROV})  # a self-loop
    assoc.append({"src": "person:p1", "dst": "person:p2", "case_id": "C-2", **PROV})  # parallel to a C-1 one
    assoc.append({"src": "person:p2", "dst": "person:p1", "case_id": "C-1", **PROV})
    store.write(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": assoc, "FAMILY_OF": family})
    phone_ids = phones(store, 8, "+99455", PROV)
    uses = [{"src": f"person:p{i}", "dst": phone_ids[i % len(phone_ids)], "case_id": "C-1", **PROV}
            for i in range(0, 40, 3)]
    calls = [{"src": phone_ids[i], "dst": phone_ids[(i + 3) % len(phone_ids)], "case_id": "C-1",
              "at": f"2024-0{1 + i % 6}-1{i}T10:00:00", **PROV} for i in range(len(phone_ids))]
    store.write(SYSTEM, edges={"USES": uses, "CALLED": calls})
    return phone_ids


def test_whole_neighbourhood_in_one_pass_keeps_what_the_shared_loop_keeps(neo4j_clean):
    store = Neo4jStore(uri=neo4j_clean.uri, user=neo4j_clean.user, password=neo4j_clean.password)
    try:
        store.init_schema()
        phones = _graph(store)
        starts = ["person:p1", "person:p2", "person:p9", "person:p30", phones[5]]
        extras = ({}, {"labels": ["Person"]}, {"labels": ["Phone"]}, {"rel_types": ["ASSOCIATE_OF", "USES"]},
                  {"rel_types": ["CALLED"]}, {"since": "2024-03-01"}, {"until": "2024-03-31"},
                  {"since": "2024-02-01", "until": "2024-04-30", "labels": ["Phone", "Person"]},
                  {"cases": ["C-2"]})
        compared = nonempty = 0
        for who in (SYSTEM, C1):
            for hops in (1, 2, 3):
                for start in starts:
                    for extra in extras:
                        ours = store.neighbourhood(who, start, hops=hops, **extra)
                        shared = GraphStore.neighbourhood(store, who, start, hops=hops, **extra)
                        assert _key(ours) == _key(shared), (who, hops, start, extra)
                        compared += 1
                        nonempty += len(shared.edges) > 0
        assert compared == 2 * 3 * len(starts) * len(extras) and nonempty > compared // 2
        # the self-loop and both parallel p1-p2 relationships (two cases) come back once each
        hood = store.neighbourhood(SYSTEM, "person:p1", hops=1)
        p1_p2 = [e for e in hood.edges if {e.src, e.dst} == {"person:p1", "person:p2"}]
        assert sum(e.src == e.dst == "person:p1" for e in hood.edges) == 1
        assert len(p1_p2) >= 2 and len({e.id for e in hood.edges}) == len(hood.edges)
        assert {e.case_id for e in store.neighbourhood(C1, "person:p1", hops=1).edges} == {"C-1"}
    finally:
        store.close()

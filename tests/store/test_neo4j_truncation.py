"""Neo4j answers a neighbourhood that passes its node limit from the rows of its one query,
replaying the shared breadth-first loop on them: it must keep exactly the nodes and
relationships the shared algorithm (``GraphStore.neighbourhood``, a query per hop) keeps,
whichever level passes the limit, with and without a case scope, labels, types and dates."""

from __future__ import annotations

import random

from intel.principal import SYSTEM, Principal, Role
from intel.store.base import GraphStore
from intel.store.neo4j_backend import Neo4jStore

PROV = {"source": "test-truncation", "recorded_by": "tester"}
C1 = Principal("ana", Role.ANALYST, frozenset({"C-1"}))


def _graph(store: Neo4jStore) -> None:
    """A random graph of persons and phones over two cases, some dated links."""
    rng = random.Random(11)
    people = [{"id": f"p{i}", "name": f"Person {i}", "cases": ["C-1" if i % 4 else "C-2"], **PROV}
              for i in range(120)]
    phones = [{"number": f"+99450{i:07d}", "cases": ["C-1"], **PROV} for i in range(20)]
    assoc, family, uses = [], [], []
    for _ in range(360):
        a, b = rng.randrange(120), rng.randrange(120)
        if a != b:
            row = {"src": f"person:p{a}", "dst": f"person:p{b}", "case_id": rng.choice(["C-1", "C-1", "C-2"]),
                   **PROV}
            if rng.random() < 0.3:
                family.append({**row, "relation": "cousin"})
            else:
                assoc.append(row)
    store.write(SYSTEM, nodes={"Person": people, "Phone": phones},
                edges={"ASSOCIATE_OF": assoc, "FAMILY_OF": family})
    phone_ids = [n["id"] for n in store.scan(SYSTEM, "Phone")]
    for i in range(60):
        uses.append({"src": f"person:p{rng.randrange(120)}", "dst": phone_ids[i % len(phone_ids)],
                     "case_id": "C-1", **PROV})
    store.write(SYSTEM, edges={"USES": uses})


def _key(g):
    return ([n.id for n in g.nodes], [(n.caption, n.cases, sorted(n.props.items())) for n in g.nodes],
            sorted((e.id, e.type, e.src, e.dst, e.case_id, sorted(e.props.items())) for e in g.edges),
            g.truncated)


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

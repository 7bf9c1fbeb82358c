"""A random two-case graph of persons and phones for comparing a backend's neighbourhood with
the shared breadth-first loop (``GraphStore.neighbourhood``), and the key they are compared on."""

from __future__ import annotations

import random
from typing import Any

from intel.principal import SYSTEM, Principal, Role

C1 = Principal("ana", Role.ANALYST, frozenset({"C-1"}))


def person_links(rng: random.Random, persons: int, links: int, prov: dict[str, str]
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(person rows, ASSOCIATE_OF rows, FAMILY_OF rows): a quarter of the persons only in case
    C-2, links in C-1 twice as often as in C-2, three in ten of them family."""
    people = [{"id": f"p{i}", "name": f"Person {i}", "cases": ["C-1" if i % 4 else "C-2"], **prov}
              for i in range(persons)]
    assoc, family = [], []
    for _ in range(links):
        a, b = rng.randrange(persons), rng.randrange(persons)
        if a != b:
            row = {"src": f"person:p{a}", "dst": f"person:p{b}", "case_id": rng.choice(["C-1", "C-1", "C-2"]),
                   **prov}
            if rng.random() < 0.3:
                family.append({**row, "relation": "cousin"})
            else:
                assoc.append(row)
    return people, assoc, family


def phones(store, count: int, prefix: str, prov: dict[str, str]) -> list[str]:
    """``count`` phones in case C-1; their ids."""
    store.write(SYSTEM, nodes={"Phone": [{"number": f"{prefix}{i:07d}", "cases": ["C-1"], **prov}
                                         for i in range(count)]})
    return sorted(n["id"] for n in store.scan(SYSTEM, "Phone"))


def hood_key(g):
    return ([n.id for n in g.nodes], [(n.label, n.caption, n.cases, sorted(n.props.items())) for n in g.nodes],
            sorted((e.id, e.type, e.src, e.dst, e.case_id, sorted(e.props.items())) for e in g.edges),
            g.truncated)

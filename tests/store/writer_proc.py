"""A separate process writing to the store named by HALQA_* variables (contract tests)."""

from __future__ import annotations

import sys

from intel.config import Settings
from intel.principal import SYSTEM
from intel.store import open_store

PROV = {"source": "proc", "recorded_by": "proc"}


def bulk_people(n: int) -> list[dict]:
    """n persons, then the first hundred again with a birth date (an update inside the load)."""
    rows = [{"id": f"bulk{i}", "name": f"Bulk Person {i}", "cases": ["C-9"], **PROV} for i in range(n)]
    return rows + [{**r, "birth_date": "1991-02-03"} for r in rows[:100]]


def bulk_edges(n: int) -> list[dict]:
    return [{"src": f"person:bulk{i}", "dst": f"person:bulk{i + 1}", "case_id": "C-9", **PROV} for i in range(n - 1)]


def main(argv: list[str]) -> int:
    store = open_store(Settings(_env_file=None))
    if argv[0] == "big":
        n = int(argv[1])
        rows = [{"id": f"big{i}", "name": f"Bulk Person {i}", "cases": ["C-9"], **PROV} for i in range(n)]
        edges = [{"src": f"person:big{i}", "dst": f"person:big{i + 1}", "case_id": "C-9", **PROV}
                 for i in range(n - 1)]
        print("writing", flush=True)
        for _ in range(50):  # one transaction each; the test kills us during the first
            store.write(SYSTEM, nodes={"Person": rows}, edges={"ASSOCIATE_OF": edges})
        return 0
    if argv[0] == "bulk":
        n = int(argv[1])
        store.write_chunk = 4000
        print("writing", flush=True)
        for _ in range(50):  # the test kills us during the first load or a re-run
            store.write_chunks(SYSTEM, nodes={"Person": bulk_people(n)}, edges={"ASSOCIATE_OF": bulk_edges(n)})
        return 0
    if argv[0] == "alternate":
        tag, rounds = argv[1], int(argv[2])
        for i in range(rounds):
            nodes = {"Person": [{"id": f"{tag}{i}", "name": f"Writer {tag} {i}", "cases": ["C-1"], **PROV}]}
            edges = {}
            if i:
                edges = {"ASSOCIATE_OF": [{"src": f"person:{tag}{i - 1}", "dst": f"person:{tag}{i}",
                                           "case_id": "C-1", **PROV}]}
            store.write(SYSTEM, nodes=nodes, edges=edges)
        return 0
    raise SystemExit(f"unknown mode {argv[0]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

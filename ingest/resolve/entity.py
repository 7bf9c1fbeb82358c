"""The entity view: the canonical cluster of a person, i.e. every Person id linked to it by
live SAME_AS edges (the ones no undo has removed), for the UI and analytics."""

from __future__ import annotations

from intel.errors import NotFound
from intel.principal import Principal
from intel.store import GraphStore

__all__ = ["canonical_cluster", "canonical_id"]


def canonical_cluster(store: GraphStore, principal: Principal, person_id: str) -> list[str]:
    """Sorted ids of the persons the caller may see that are the same person as ``person_id``
    (itself included), following SAME_AS in both directions however long the chain."""
    if store.get(principal, person_id) is None:
        raise NotFound(f"{person_id}: not found")
    seen = {person_id}
    frontier = [person_id]
    while frontier:
        nxt = []
        for pid in frontier:
            sub = store.neighbourhood(principal, pid, hops=6, rel_types=["SAME_AS"])
            for node in sub.nodes:
                if node.id not in seen:
                    seen.add(node.id)
                    nxt.append(node.id)
        frontier = nxt
    return sorted(seen)


def canonical_id(store: GraphStore, principal: Principal, person_id: str) -> str:
    """One stable id for the whole cluster (its smallest member id)."""
    return canonical_cluster(store, principal, person_id)[0]

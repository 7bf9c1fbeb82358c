"""Where ingest writes: one call, one transaction.

With a ``Crypto`` the rows go through ``GraphService.write`` (role policy, case grants,
encryption of protected fields, audit). Without one (benchmarks, system loads) they go straight
to the store, and protected properties such as ``Statement.text`` are left out: they are never
stored in clear.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from graph_models.schema import load_schema
from intel.principal import Principal
from intel.store import GraphStore, WriteResult

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def protected_properties(label: str) -> set[str]:
    ntype = load_schema().nodes[label]
    return {p.name for p in ntype.properties.values() if p.sensitivity == "protected"}


def write_graph(store: GraphStore, principal: Principal, nodes: Rows, edges: Rows, crypto: Any = None) -> WriteResult:
    if crypto is not None:
        from intel.services.graph import GraphService

        return GraphService(store, principal, crypto).write(nodes, edges)
    plain = {}
    for label, rows in nodes.items():
        hidden = protected_properties(label)
        plain[label] = [{k: v for k, v in r.items() if k not in hidden} for r in rows] if hidden else rows
    return store.write(principal, plain, edges)

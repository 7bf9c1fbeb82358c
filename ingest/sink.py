"""Where ingest writes: one call, one transaction.

With a ``Crypto`` the rows go through ``GraphService.write`` (role policy, case grants,
encryption of protected fields, audit). Without one (benchmarks, system loads) they go straight
to the store, and protected properties such as ``Statement.text`` are left out: they are never
stored in clear. ``clean_nodes`` and ``clean_edges`` are records the caller has already cleaned
(the table importer); they are checked and written like rows, not cleaned again. Labels that
can hold protected values are only ever written as rows.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from graph_models.schema import load_schema
from graph_models.validate import CleanEdge, CleanNode
from intel.errors import InvalidInput
from intel.principal import Principal
from intel.security.protection import needs_sealing
from intel.store import GraphStore, WriteResult

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def protected_properties(label: str) -> set[str]:
    ntype = load_schema().nodes[label]
    return {p.name for p in ntype.properties.values() if p.sensitivity == "protected"}


def write_graph(store: GraphStore, principal: Principal, nodes: Rows, edges: Rows | None = None, crypto: Any = None,
                clean_nodes: Sequence[CleanNode] = (), clean_edges: Sequence[CleanEdge] = ()) -> WriteResult:
    if crypto is not None:
        from intel.services.graph import GraphService

        return GraphService(store, principal, crypto).write(nodes, edges, clean_nodes, clean_edges)
    sealed = sorted({n.label for n in clean_nodes if needs_sealing(n.label)})
    if sealed:
        raise InvalidInput(f"{sealed[0]}: may hold protected values, so it is written as rows, not as cleaned records")
    plain = {}
    for label, rows in nodes.items():
        hidden = protected_properties(label)
        plain[label] = [{k: v for k, v in r.items() if k not in hidden} for r in rows] if hidden else rows
    records, cleaned = store.validate(plain, edges)
    return store.write_clean(principal, [*records, *clean_nodes], [*cleaned, *clean_edges])

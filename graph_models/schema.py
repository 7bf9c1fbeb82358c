"""The schema as Python objects, loaded once from ``schema.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from graph_models.types import REGISTRY, PropertyType

SENSITIVITIES = ("open", "restricted", "protected")

# Columns every node and relationship has besides its own properties. ``cases`` on nodes lists
# the cases the entity appears in; ``case_id`` on relationships is the case the fact belongs to;
# ``h`` is a content hash so re-upserting identical data writes nothing; ``search`` joins the
# name keys so a query's words can be looked up with CONTAINS on either backend.
NODE_SYSTEM_COLUMNS = {"id": "STRING", "caption": "STRING", "name_keys": "STRING[]",
                       "search": "STRING", "cases": "STRING[]", "h": "STRING"}
REL_SYSTEM_COLUMNS = {"id": "STRING", "case_id": "STRING", "h": "STRING"}


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    required: bool = False
    sensitivity: str = "open"
    description: str = ""
    values: tuple[str, ...] = ()

    @property
    def ptype(self) -> PropertyType:
        return REGISTRY[self.type]


@dataclass(frozen=True)
class NodeType:
    label: str
    description: str
    key: tuple[str, ...]
    caption: str
    properties: dict[str, Property]
    system: bool = False

    @property
    def prefix(self) -> str:
        return self.label.lower()


@dataclass(frozen=True)
class RelType:
    type: str
    description: str
    endpoints: tuple[tuple[str, str], ...]
    properties: dict[str, Property]
    key: tuple[str, ...] = ()

    def allows(self, src_label: str, dst_label: str) -> bool:
        return (src_label, dst_label) in self.endpoints


@dataclass(frozen=True)
class Schema:
    provenance: dict[str, Property]
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]
    by_prefix: dict[str, NodeType] = field(default_factory=dict)

    def columns(self, label: str) -> dict[str, Property]:
        """Own properties plus provenance, for a node label or relationship type."""
        kind = self.nodes.get(label) or self.relationships[label]
        return {**kind.properties, **self.provenance}


def _prop(name: str, raw: dict) -> Property:
    ptype = raw.get("type", "string")
    if ptype not in REGISTRY:
        raise ValueError(f"schema: property {name!r} has unknown type {ptype!r}")
    sens = raw.get("sensitivity", "open")
    if sens not in SENSITIVITIES:
        raise ValueError(f"schema: property {name!r} has unknown sensitivity {sens!r}")
    return Property(name=name, type=ptype, required=bool(raw.get("required", False)),
                    sensitivity=sens, description=raw.get("description", ""),
                    values=tuple(raw.get("values", ())))


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    raw = yaml.safe_load(resources.files("graph_models").joinpath("schema.yaml").read_text("utf-8"))
    provenance = {k: _prop(k, v) for k, v in raw["provenance"].items()}
    nodes = {}
    for label, spec in raw["nodes"].items():
        props = {k: _prop(k, v) for k, v in spec["properties"].items()}
        for k in spec.get("key", []):
            if k not in props:
                raise ValueError(f"schema: {label} key {k!r} is not a property")
        nodes[label] = NodeType(label=label, description=spec.get("description", ""),
                                key=tuple(spec.get("key", [])), caption=spec.get("caption", "id"),
                                properties=props, system=bool(spec.get("system", False)))
    rels = {}
    for rtype, spec in raw["relationships"].items():
        endpoints = tuple((a, b) for a, b in spec["endpoints"])
        for a, b in endpoints:
            if a not in nodes or b not in nodes:
                raise ValueError(f"schema: {rtype} endpoint {a}->{b} names an unknown label")
        props = {k: _prop(k, v) for k, v in (spec.get("properties") or {}).items()}
        rels[rtype] = RelType(type=rtype, description=spec.get("description", ""),
                              endpoints=endpoints, properties=props, key=tuple(spec.get("key", [])))
    return Schema(provenance=provenance, nodes=nodes, relationships=rels,
                  by_prefix={n.prefix: n for n in nodes.values()})

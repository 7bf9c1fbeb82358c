"""What the store returns: plain records, the same for every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


# Not frozen: a frozen dataclass sets each field through ``object.__setattr__`` (1.25 us a
# record against 0.35 us with slots), and a neighbourhood builds hundreds of records; ``props``
# was a mutable dict in a frozen record anyway. Records are never changed in place: services
# make changed copies with ``dataclasses.replace``.
@dataclass(slots=True)
class NodeRecord:
    id: str
    label: str
    caption: str
    props: dict[str, Any]
    cases: tuple[str, ...] = ()


@dataclass(slots=True)
class EdgeRecord:
    id: str
    type: str
    src: str
    dst: str
    case_id: str | None
    props: dict[str, Any]

    def other(self, node_id: str) -> str:
        return self.dst if node_id == self.src else self.src


@dataclass
class Subgraph:
    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)
    truncated: bool = False

    def node(self, node_id: str) -> NodeRecord | None:
        return next((n for n in self.nodes if n.id == node_id), None)


@dataclass
class Path:
    nodes: list[NodeRecord]
    edges: list[EdgeRecord]

    @property
    def length(self) -> int:
        return len(self.edges)


@dataclass
class WriteResult:
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_unchanged: int = 0
    edges_created: int = 0
    edges_updated: int = 0
    edges_unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.nodes_created + self.nodes_updated + self.edges_created + self.edges_updated

    def __iadd__(self, other: "WriteResult") -> "WriteResult":
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

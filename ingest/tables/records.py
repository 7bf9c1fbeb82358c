"""Records of an import batch, cleaned once.

A table makes a relationship per row and a node per distinct value, so cleaning them all again
in the store (``graph_models.validate.clean_edge``/``clean_node`` clean a row) would repeat the
work the mapper has just done. ``EdgeRecords`` and ``NodeRecords`` build the ``CleanEdge`` and
``CleanNode`` those functions would build from the same rows: the mapper gives each value in
stored form (cleaned by the schema property's type, allowed values checked; the schema's
cleaners give a stored value back unchanged), the provenance is cleaned once per batch, and
ids, name keys and content hashes are computed with the same functions (``graph_models.ids``,
``graph_models.types.name_key``). So the stored data is the same either way;
``tests/test_ingest_tables.py`` checks it record by record against ``clean_edge``/``clean_node``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping

from graph_models import ids
from graph_models.ids import content_hash
from graph_models.schema import Property, load_schema
from graph_models.validate import CleanEdge, CleanNode, ValidationError, node_identity
from intel.errors import InvalidInput
from intel.security.protection import needs_sealing

UNHASHED = "recorded_at"
BUILT = ("aliases",)  # values the mapper builds by merging rows: cleaned here, like the store would


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if isinstance(value, (list, tuple)) and not value:
        return True
    return isinstance(value, str) and not value.strip()


def _clean_fixed(kind: str, own: Mapping[str, Property], provenance: Mapping[str, Any]
                 ) -> tuple[tuple[str, ...], dict[str, Any]]:
    """(own fields read from each row, the cleaned provenance shared by every row). The row the
    store would see is {**own values, **provenance}: a provenance key hides an own property of
    the same name, and fields are read in schema order, own ones first."""
    fields = {**own, **load_schema().provenance}
    unknown = sorted(k for k in provenance if k not in fields and k != "cases")
    if unknown:
        raise InvalidInput(f"{kind}: unknown provenance field {unknown[0]!r}")
    fixed: dict[str, Any] = {}
    for name, prop in fields.items():
        if name not in provenance and name in own:
            continue
        value = provenance.get(name)
        if name == UNHASHED and _missing(value):
            value = datetime.now(timezone.utc)
        if _missing(value):
            if prop.required:
                raise InvalidInput(f"{kind}: provenance field {name!r} is missing")
            continue
        try:
            cleaned = prop.ptype.clean(value)
        except ValueError as exc:
            raise InvalidInput(f"{kind}: provenance field {name!r}: {exc}") from None
        if cleaned == []:
            continue
        if prop.values and cleaned not in prop.values:
            raise InvalidInput(f"{kind}: provenance field {name!r}: {cleaned!r} is not one of {', '.join(prop.values)}")
        fixed[name] = cleaned
    return tuple(name for name in own if name not in provenance), fixed


class EdgeRecords:
    """``CleanEdge`` records of one relationship type for one batch (one case, one provenance)."""

    def __init__(self, rtype: str, provenance: Mapping[str, Any], case: str):
        self.spec = load_schema().relationships[rtype]
        self.type = rtype
        self.case_id = None if _missing(case) else str(case).strip()
        self.own, self.fixed = _clean_fixed(rtype, self.spec.properties, provenance)
        self.fixed_hashed = {k: v for k, v in self.fixed.items() if k != UNHASHED}
        self.key = self.spec.key
        self.plain = self.own == tuple(self.spec.properties) and UNHASHED not in self.own

    def make(self, src: str, src_label: str, dst: str, dst_label: str, values: Mapping[str, Any]) -> CleanEdge:
        """The record for one relationship; ``values`` holds its own properties in stored form
        (empty ones left out)."""
        if self.plain:  # the usual case: nothing hidden by provenance, no own recorded_at
            own = values
        else:
            own = {name: values[name] for name in self.own if name in values}
        props = {**own, **self.fixed}
        hashed = {**own, **self.fixed_hashed}
        if not self.plain:
            hashed.pop(UNHASHED, None)
        key = [props.get(k) for k in self.key]
        rel_id = ids.edge_id(self.type, src, dst, self.case_id, props.get("source"), key)
        h = content_hash(hashed)
        return CleanEdge(id=rel_id, type=self.type, src=src, dst=dst, src_label=src_label, dst_label=dst_label,
                         props=props, case_id=self.case_id, h=h)


class NodeRecords:
    """``CleanNode`` records of one label for one batch."""

    def __init__(self, label: str, provenance: Mapping[str, Any]):
        self.ntype = load_schema().nodes[label]
        self.label = label
        self.own, self.fixed = _clean_fixed(label, self.ntype.properties, provenance)
        self.fixed_hashed = {k: v for k, v in self.fixed.items() if k != UNHASHED}
        self.required = tuple(n for n in self.own if self.ntype.properties[n].required)

    def make(self, row: Mapping[str, Any]) -> CleanNode:
        """The record for one merged node row of the mapper (own values in stored form,
        ``cases``, ``id`` for labels whose ids the caller gives)."""
        ntype = self.ntype
        own = {}
        for name in self.own:
            value = row.get(name)
            if value is None:
                continue
            if name in BUILT:
                value = ntype.properties[name].ptype.clean(value)
                if value == []:
                    continue
            own[name] = value
        for name in self.required:
            if name not in own:
                raise InvalidInput(f"{self.label}: missing required field {name!r}")
        props = {**own, **self.fixed}
        try:
            node_id, caption, keys = node_identity(ntype, props, row)
        except ValidationError as exc:
            raise InvalidInput(str(exc)) from None
        hashed = {**own, **self.fixed_hashed}
        hashed.pop(UNHASHED, None)
        cases = sorted({str(c).strip() for c in row.get("cases") or [] if str(c).strip()})
        return CleanNode(id=node_id, label=self.label, props=props, cases=cases, name_keys=keys,
                         caption=caption, h=content_hash(hashed))


def node_records(nodes: Mapping[str, Mapping[str, Mapping[str, Any]]], provenance: Mapping[str, Any]
                 ) -> tuple[dict[str, list[dict[str, Any]]], list[CleanNode]]:
    """The mapper's merged nodes (label -> id -> row) split into rows of labels that may hold
    protected values (they go through sealing) and records of all the others."""
    rows: dict[str, list[dict[str, Any]]] = {}
    records: list[CleanNode] = []
    for label, by_id in nodes.items():
        if needs_sealing(label):
            rows[label] = [dict(r) for r in by_id.values()]
        else:
            make = NodeRecords(label, provenance).make
            records.extend(make(r) for r in by_id.values())
    return rows, records

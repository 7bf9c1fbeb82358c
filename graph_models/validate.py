"""Validation and cleaning of node and relationship rows against the schema.

``clean_node`` and ``clean_edge`` either return a fully cleaned record or raise
``ValidationError`` whose message names the row and the field. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

from graph_models.ids import content_hash, make_node_id, prefix_of, prefixed
from graph_models.schema import NodeType, Property, load_schema
from graph_models.types import name_key

RESERVED_NODE = {"id", "cases", "name_keys"}
RESERVED_EDGE = {"src", "dst", "case_id", "id"}
UNHASHED = {"recorded_at"}


class ValidationError(ValueError):
    """A row does not fit the schema. The message names the row and field."""


@dataclass
class CleanNode:
    id: str
    label: str
    props: dict[str, Any]
    cases: list[str] = field(default_factory=list)
    name_keys: list[str] = field(default_factory=list)
    caption: str = ""
    h: str = ""


@dataclass
class CleanEdge:
    id: str
    type: str
    src: str
    dst: str
    src_label: str
    dst_label: str
    props: dict[str, Any]
    case_id: str | None = None
    h: str = ""


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and not value.strip()


def _clean_props(kind: str, spec: Mapping[str, Property], row: Mapping[str, Any],
                 reserved: set[str], where: str) -> dict[str, Any]:
    unknown = sorted(k for k in row if k not in spec and k not in reserved)
    if unknown:
        raise ValidationError(f"{where}{kind}: unknown field {unknown[0]!r}")
    out: dict[str, Any] = {}
    for name, prop in spec.items():
        value = row.get(name)
        if _missing(value) or (isinstance(value, (list, tuple)) and not value):
            if prop.required:
                raise ValidationError(f"{where}{kind}: missing required field {name!r}")
            continue
        try:
            cleaned = prop.ptype.clean(value)
        except ValueError as exc:
            raise ValidationError(f"{where}{kind}: field {name!r}: {exc}") from None
        if cleaned == []:
            continue
        if prop.values and cleaned not in prop.values:
            raise ValidationError(
                f"{where}{kind}: field {name!r}: {cleaned!r} is not one of {', '.join(prop.values)}")
        out[name] = cleaned
    return out


def _cases(value: Any, where: str, kind: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    try:
        return sorted({str(v).strip() for v in value if str(v).strip()})
    except TypeError:
        raise ValidationError(f"{where}{kind}: field 'cases' must be a list of case ids") from None


def node_type(label: str, where: str = "") -> NodeType:
    schema = load_schema()
    if label not in schema.nodes:
        raise ValidationError(f"{where}unknown label {label!r} (known: {', '.join(schema.nodes)})")
    return schema.nodes[label]


def _with_defaults(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    if _missing(out.get("recorded_at")):
        out["recorded_at"] = datetime.now(timezone.utc)
    return out


def clean_node(label: str, row: Mapping[str, Any], where: str = "") -> CleanNode:
    ntype = node_type(label, where)
    schema = load_schema()
    spec = {**ntype.properties, **schema.provenance}
    props = _clean_props(label, spec, _with_defaults(row), RESERVED_NODE, where)
    if ntype.key:
        node_id = make_node_id(ntype.prefix, [props.get(k) for k in ntype.key])
        for k in ntype.key:
            if k not in props and ntype.properties[k].required:
                raise ValidationError(f"{where}{label}: missing key field {k!r}")
    else:
        given = row.get("id")
        if _missing(given):
            raise ValidationError(f"{where}{label}: missing key field 'id' ({label} ids are assigned by the caller)")
        node_id = prefixed(ntype.prefix, str(given))
    caption = str(props.get(ntype.caption, node_id))
    keys = set(row.get("name_keys") or [])
    if ntype.caption in props and isinstance(props[ntype.caption], str):
        keys.add(name_key(props[ntype.caption]))
    for alias in props.get("aliases", []) or []:
        keys.add(name_key(alias))
    keys.discard("")
    hashed = {k: v for k, v in props.items() if k not in UNHASHED}
    return CleanNode(id=node_id, label=label, props=props, cases=_cases(row.get("cases"), where, label),
                     name_keys=sorted(keys), caption=caption, h=content_hash(hashed))


def clean_edge(rtype: str, row: Mapping[str, Any], where: str = "") -> CleanEdge:
    schema = load_schema()
    if rtype not in schema.relationships:
        raise ValidationError(
            f"{where}unknown relationship type {rtype!r} (known: {', '.join(schema.relationships)})")
    spec_r = schema.relationships[rtype]
    ends = []
    for end in ("src", "dst"):
        value = row.get(end)
        if _missing(value):
            raise ValidationError(f"{where}{rtype}: missing key field {end!r}")
        label = schema.by_prefix.get(prefix_of(str(value)))
        if label is None:
            raise ValidationError(f"{where}{rtype}: field {end!r}: {value!r} is not a Halqa node id")
        ends.append((str(value), label.label))
    (src, src_label), (dst, dst_label) = ends
    if not spec_r.allows(src_label, dst_label):
        allowed = ", ".join(f"{a}->{b}" for a, b in spec_r.endpoints)
        raise ValidationError(f"{where}{rtype}: {src_label}->{dst_label} is not allowed (allowed: {allowed})")
    props = _clean_props(rtype, {**spec_r.properties, **schema.provenance}, _with_defaults(row),
                         RESERVED_EDGE, where)
    case_id = None if _missing(row.get("case_id")) else str(row["case_id"]).strip()
    edge_id = "rel:" + make_node_id(rtype.lower(), [src, dst, case_id, props.get("source"),
                                                    *[props.get(k) for k in spec_r.key]]).split(":", 1)[1]
    hashed = {k: v for k, v in props.items() if k not in UNHASHED}
    return CleanEdge(id=edge_id, type=rtype, src=src, dst=dst, src_label=src_label, dst_label=dst_label,
                     props=props, case_id=case_id, h=content_hash(hashed))

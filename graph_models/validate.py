"""Validation and cleaning of node and relationship rows against the schema.

``clean_node`` and ``clean_edge`` either return a fully cleaned record or raise
``ValidationError`` whose message names the row and the field. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any, Mapping

from graph_models.ids import content_hash, edge_id, make_node_id, prefixed
from graph_models.schema import NodeType, load_schema
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


@dataclass(frozen=True)
class _Spec:
    """One label's or type's properties, prepared once: the per-row loop reads tuples
    instead of rebuilding dicts and looking up the schema for every row."""
    kind: str
    fields: dict[str, tuple[Any, tuple[str, ...], dict[str, Any]]]  # name -> cleaner, values, memo
    required: tuple[str, ...]
    known: frozenset[str]


# Cleaned text values are remembered per field (provenance, case ids, relation words and
# phone numbers repeat on almost every row of a batch); a full memo stops remembering.
MEMO_SIZE = 4096


@lru_cache(maxsize=None)
def _spec(kind: str, reserved: frozenset[str]) -> _Spec:
    schema = load_schema()
    owner = schema.nodes.get(kind) or schema.relationships[kind]
    spec = {**owner.properties, **schema.provenance}
    fields = {name: (prop.ptype.clean, prop.values, {}) for name, prop in spec.items()}
    required = tuple(name for name, prop in spec.items() if prop.required)
    return _Spec(kind=kind, fields=fields, required=required, known=frozenset(spec) | reserved)


_SKIP = object()  # a value that cleans to nothing (an empty list)


def _clean_value(kind: str, name: str, clean: Any, values: tuple[str, ...], value: Any, where: str) -> Any:
    """One present value in stored form (or ``_SKIP``), its allowed values checked."""
    try:
        cleaned = clean(value)
    except ValueError as exc:
        raise ValidationError(f"{where}{kind}: field {name!r}: {exc}") from None
    if cleaned == []:
        return _SKIP
    if values and cleaned not in values:
        raise ValidationError(f"{where}{kind}: field {name!r}: {cleaned!r} is not one of {', '.join(values)}")
    return cleaned


def _clean_props(spec: _Spec, row: Mapping[str, Any], where: str) -> dict[str, Any]:
    kind = spec.kind
    fields = spec.fields
    out: dict[str, Any] = {}
    for name, value in row.items():
        field_spec = fields.get(name)
        if field_spec is None:
            if name in spec.known:
                continue  # reserved (id, cases, ends): handled by the caller
            unknown = sorted(k for k in row if k not in spec.known)
            raise ValidationError(f"{where}{kind}: unknown field {unknown[0]!r}")
        clean, values, memo = field_spec
        if type(value) is str:
            cleaned = memo.get(value)
            if cleaned is None:
                if not value or value.isspace():
                    continue
                cleaned = _clean_value(kind, name, clean, values, value, where)
                if cleaned is _SKIP:
                    continue
                if len(memo) < MEMO_SIZE:
                    memo[value] = cleaned
        elif _missing(value) or (isinstance(value, (list, tuple)) and not value):
            continue
        else:
            cleaned = _clean_value(kind, name, clean, values, value, where)
            if cleaned is _SKIP:
                continue
        out[name] = cleaned
    if "recorded_at" not in out and "recorded_at" in fields:
        out["recorded_at"] = fields["recorded_at"][0](datetime.now(timezone.utc))
    for name in spec.required:
        if name not in out:
            raise ValidationError(f"{where}{kind}: missing required field {name!r}")
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


_NODE_RESERVED = frozenset(RESERVED_NODE)
_EDGE_RESERVED = frozenset(RESERVED_EDGE)


def _hash(props: dict[str, Any]) -> str:
    if not UNHASHED.isdisjoint(props):
        props = props.copy()
        for name in UNHASHED:
            props.pop(name, None)
    return content_hash(props)


def node_identity(ntype: NodeType, props: Mapping[str, Any], row: Mapping[str, Any], where: str = ""
                  ) -> tuple[str, str, list[str]]:
    """A node's id, caption and name keys, from its cleaned properties (and the row's ``id``
    for labels whose ids the caller assigns, and any ``name_keys`` it brings)."""
    label = ntype.label
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
    if isinstance(props.get(ntype.caption), str):
        keys.add(name_key(props[ntype.caption]))
    for alias in props.get("aliases", []) or []:
        keys.add(name_key(alias))
    keys.discard("")
    return node_id, caption, sorted(keys)


def clean_node(label: str, row: Mapping[str, Any], where: str = "") -> CleanNode:
    ntype = node_type(label, where)
    props = _clean_props(_spec(label, _NODE_RESERVED), row, where)
    node_id, caption, keys = node_identity(ntype, props, row, where)
    return CleanNode(id=node_id, label=label, props=props, cases=_cases(row.get("cases"), where, label),
                     name_keys=keys, caption=caption, h=_hash(props))


@lru_cache(maxsize=None)
def _edge_spec(rtype: str) -> tuple[Any, dict[str, str], _Spec]:
    """A relationship type's schema entry, {id prefix: label}, and its property spec."""
    schema = load_schema()
    spec_r = schema.relationships[rtype]
    return spec_r, {p: n.label for p, n in schema.by_prefix.items()}, _spec(rtype, _EDGE_RESERVED)


def _end(rtype: str, end: str, value: Any, labels: dict[str, str], where: str) -> tuple[str, str]:
    """(node id, label) of one relationship end."""
    if type(value) is not str:
        if _missing(value):
            raise ValidationError(f"{where}{rtype}: missing key field {end!r}")
        value = str(value)
    prefix, colon, _ = value.partition(":")
    label = labels.get(prefix) if colon else None
    if label is None:
        if not value.strip():
            raise ValidationError(f"{where}{rtype}: missing key field {end!r}")
        raise ValidationError(f"{where}{rtype}: field {end!r}: {value!r} is not a Halqa node id")
    return value, label


def clean_edge(rtype: str, row: Mapping[str, Any], where: str = "") -> CleanEdge:
    if rtype not in load_schema().relationships:
        raise ValidationError(
            f"{where}unknown relationship type {rtype!r} (known: {', '.join(load_schema().relationships)})")
    spec_r, labels, spec = _edge_spec(rtype)
    src, src_label = _end(rtype, "src", row.get("src"), labels, where)
    dst, dst_label = _end(rtype, "dst", row.get("dst"), labels, where)
    if (src_label, dst_label) not in spec_r.endpoints:
        allowed = ", ".join(f"{a}->{b}" for a, b in spec_r.endpoints)
        raise ValidationError(f"{where}{rtype}: {src_label}->{dst_label} is not allowed (allowed: {allowed})")
    props = _clean_props(spec, row, where)
    case_id = row.get("case_id")
    case_id = None if _missing(case_id) else str(case_id).strip()
    rel_id = edge_id(rtype, src, dst, case_id, props.get("source"), [props.get(k) for k in spec_r.key])
    return CleanEdge(rel_id, rtype, src, dst, src_label, dst_label, props, case_id, _hash(props))

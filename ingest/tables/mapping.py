"""A table mapping: which columns make which nodes and relationships, declared in YAML.

A mapping names the columns a file must have (``required``), the entities one row makes
(``entities``: a label and, per schema property, where its value comes from) and the
relationships between them. Values are cleaned with the schema property's type from
``graph_models.types`` (or another registry type named by ``clean``). A value comes from:

- ``column: NAME`` — the cell (header names match case-insensitively);
- ``value: X`` — a constant;
- ``map: {raw: value}`` — a translation of the cell (case-insensitive), ``default`` otherwise;
- ``patterns: [[regex, value], ...]`` — the value of the first regex the cell matches in full;
- ``international: true`` — a digits-only phone is read as international (operator form).

An entity with ``optional: true`` (or a ``when`` regex its column must match) is left out of
a row whose cells are empty or do not match; relationships to it are left out too. Labels whose
id the caller gives (Person, Event) take ``id: [columns]``: the id is a hash of the case and
the cleaned cells, so the same row always makes the same node in a case.
The mappings shipped with Halqa live in ``ingest/tables/mappings/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from graph_models.schema import load_schema
from graph_models.types import REGISTRY
from intel.errors import InvalidInput

SOURCES = ("column", "value", "map", "patterns")


@dataclass(frozen=True)
class ValueSpec:
    prop: str
    column: str | None = None
    constant: Any = None
    mapping: dict[str, str] | None = None
    patterns: tuple[tuple[re.Pattern, str], ...] = ()
    default: str | None = None
    clean: str | None = None
    international: bool = False


@dataclass(frozen=True)
class EntitySpec:
    name: str
    label: str
    values: tuple[ValueSpec, ...]
    id_columns: tuple[str, ...] = ()
    optional: bool = False
    when: tuple[str, re.Pattern] | None = None
    name_aliases: bool = True

    def columns(self) -> set[str]:
        cols = {v.column for v in self.values if v.column}
        cols.update(self.id_columns)
        if self.when:
            cols.add(self.when[0])
        return cols


@dataclass(frozen=True)
class RelSpec:
    type: str
    src: str
    dst: str
    values: tuple[ValueSpec, ...] = ()


@dataclass(frozen=True)
class Mapping:
    name: str
    description: str
    required: tuple[str, ...]
    entities: dict[str, EntitySpec]
    relationships: tuple[RelSpec, ...]
    grading: str | None = None
    handling: str | None = None
    columns: frozenset[str] = field(default_factory=frozenset)


def _fail(where: str, why: str) -> InvalidInput:
    return InvalidInput(f"mapping {where}: {why}")


def _value_spec(where: str, prop: str, raw: Any, allowed: dict) -> ValueSpec:
    if prop not in allowed:
        raise _fail(where, f"{prop!r} is not a property here (known: {', '.join(sorted(allowed))})")
    if isinstance(raw, str):
        raw = {"column": raw}
    if not isinstance(raw, dict):
        raise _fail(where, f"{prop}: expected a column name or a mapping")
    unknown = set(raw) - {*SOURCES, "default", "clean", "international"}
    if unknown:
        raise _fail(where, f"{prop}: unknown option {sorted(unknown)[0]!r}")
    if not any(k in raw for k in SOURCES):
        raise _fail(where, f"{prop}: needs one of {', '.join(SOURCES)}")
    if ("map" in raw or "patterns" in raw) and "column" not in raw:
        raise _fail(where, f"{prop}: map and patterns need a column")
    if raw.get("clean") is not None and raw["clean"] not in REGISTRY:
        raise _fail(where, f"{prop}: unknown cleaner {raw['clean']!r} (known: {', '.join(REGISTRY)})")
    patterns = []
    for item in raw.get("patterns") or []:
        try:
            regex, value = item
            patterns.append((re.compile(str(regex), re.IGNORECASE), str(value)))
        except (TypeError, ValueError, re.error) as exc:
            raise _fail(where, f"{prop}: bad pattern {item!r} ({exc})") from None
    mapping = raw.get("map")
    if mapping is not None and not isinstance(mapping, dict):
        raise _fail(where, f"{prop}: map must be a mapping of raw value to value")
    column = raw.get("column")
    return ValueSpec(prop=prop, column=str(column).strip().casefold() if column else None,
                     constant=raw.get("value"),
                     mapping={str(k).strip().casefold(): str(v) for k, v in mapping.items()} if mapping else None,
                     patterns=tuple(patterns), default=raw.get("default"), clean=raw.get("clean"),
                     international=bool(raw.get("international", False)))


def parse_mapping(raw: Any, where: str) -> Mapping:
    """Check a mapping against the schema; every mistake is one line naming the mapping."""
    schema = load_schema()
    if not isinstance(raw, dict):
        raise _fail(where, "expected a YAML mapping at the top")
    entities: dict[str, EntitySpec] = {}
    for name, spec in (raw.get("entities") or {}).items():
        here = f"{where} entity {name!r}"
        if not isinstance(spec, dict) or spec.get("label") not in schema.nodes:
            raise _fail(here, f"label must be one of {', '.join(n for n, t in schema.nodes.items() if not t.system)}")
        ntype = schema.nodes[spec["label"]]
        if ntype.system:
            raise _fail(here, f"{ntype.label} is not case data")
        values = tuple(_value_spec(here, p, v, ntype.properties) for p, v in (spec.get("properties") or {}).items())
        id_cols = tuple(str(c).strip().casefold() for c in (spec.get("id") or []))
        if not ntype.key and not id_cols:
            raise _fail(here, f"{ntype.label} ids are given by the caller: list the columns under 'id'")
        missing = [k for k in ntype.key if ntype.properties[k].required and k not in {v.prop for v in values}]
        if missing:
            raise _fail(here, f"key property {missing[0]!r} has no value")
        missing = [p for p, prop in ntype.properties.items() if prop.required and p not in {v.prop for v in values}]
        if missing:
            raise _fail(here, f"required property {missing[0]!r} has no value")
        when = None
        if spec.get("when"):
            w = spec["when"]
            try:
                when = (str(w["column"]).strip().casefold(), re.compile(str(w["matches"]), re.IGNORECASE))
            except (TypeError, KeyError, re.error) as exc:
                raise _fail(here, f"when needs column and matches (a regex): {exc}") from None
        entities[name] = EntitySpec(name=name, label=ntype.label, values=values, id_columns=id_cols,
                                    optional=bool(spec.get("optional", False)) or when is not None, when=when)
    if not entities:
        raise _fail(where, "no entities")
    rels = []
    for i, spec in enumerate(raw.get("relationships") or [], start=1):
        here = f"{where} relationship {i}"
        if not isinstance(spec, dict) or spec.get("type") not in schema.relationships:
            raise _fail(here, f"type must be one of {', '.join(schema.relationships)}")
        rtype = schema.relationships[spec["type"]]
        src, dst = spec.get("src"), spec.get("dst")
        if src not in entities or dst not in entities:
            raise _fail(here, f"src and dst must name entities ({', '.join(entities)})")
        if not rtype.allows(entities[src].label, entities[dst].label):
            raise _fail(here, f"{rtype.type} does not go {entities[src].label}->{entities[dst].label}")
        values = tuple(_value_spec(here, p, v, rtype.properties) for p, v in (spec.get("properties") or {}).items())
        missing = [p for p, prop in rtype.properties.items() if prop.required and p not in {v.prop for v in values}]
        if missing:
            raise _fail(here, f"required property {missing[0]!r} has no value")
        rels.append(RelSpec(type=rtype.type, src=src, dst=dst, values=values))
    required = tuple(str(c).strip().casefold() for c in raw.get("required") or [])
    columns = set(required)
    for e in entities.values():
        columns |= e.columns()
    for r in rels:
        columns |= {v.column for v in r.values if v.column}
    for code, kind in ((raw.get("grading"), "grading"), (raw.get("handling"), "handling")):
        if code is not None:
            try:
                REGISTRY[kind].clean(code)
            except ValueError as exc:
                raise _fail(where, f"{kind}: {exc}") from None
    return Mapping(name=str(raw.get("name") or where), description=str(raw.get("description") or ""),
                   required=required, entities=entities, relationships=tuple(rels),
                   grading=raw.get("grading"), handling=raw.get("handling"), columns=frozenset(columns))


def shipped_mappings() -> list[str]:
    folder = resources.files("ingest.tables").joinpath("mappings")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_mapping(name_or_path: str) -> Mapping:
    """A shipped mapping by name (``cdr``) or a YAML file by path."""
    path = Path(name_or_path)
    if name_or_path.endswith((".yaml", ".yml")) or path.is_file():
        if not path.is_file():
            raise InvalidInput(f"mapping {name_or_path}: file not found")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"mapping {name_or_path}: cannot read it as UTF-8 YAML ({type(exc).__name__})") from None
        where = str(path)
    else:
        if name_or_path not in shipped_mappings():
            raise InvalidInput(f"mapping {name_or_path!r}: no such mapping (shipped: {', '.join(shipped_mappings())}; "
                               "or give a path to a .yaml file)")
        text = resources.files("ingest.tables").joinpath("mappings", f"{name_or_path}.yaml").read_text("utf-8")
        where = name_or_path
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidInput(f"mapping {where}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return parse_mapping(raw, where)

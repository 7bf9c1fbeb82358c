"""Applying a mapping to a table: cleaned node and relationship rows, and row errors.

A row with any error contributes nothing; each error names ``file:row:column: why``. Nodes are
merged by id across rows (the same phone in a thousand calls is one row to write), a person's
other spellings under the same id become aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from graph_models.ids import digest, make_node_id
from graph_models.schema import Property, load_schema
from graph_models.types import REGISTRY
from ingest.tables.mapping import EntitySpec, Mapping, ValueSpec
from ingest.tables.reader import Table
from intel.errors import InvalidInput

_DIGITS = re.compile(r"^\d{11,15}$")
_ID_NOISE = re.compile(r"[\s\-./]")


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    column: str
    why: str

    def line(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.why}"


@dataclass
class Batch:
    nodes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # label -> id -> row
    edges: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rows_ok: int = 0
    errors: list[RowError] = field(default_factory=list)

    def node_rows(self) -> dict[str, list[dict[str, Any]]]:
        return {label: list(rows.values()) for label, rows in self.nodes.items()}

    def count(self) -> int:
        return sum(len(r) for r in self.nodes.values()) + sum(len(r) for r in self.edges.values())


class _Skip(Exception):
    """The entity is optional and absent from this row."""


class RowMapper:
    """Turns rows of one table into graph rows under one mapping, for one case."""

    def __init__(self, mapping: Mapping, table: Table, case: str, provenance: dict[str, Any]):
        self.mapping = mapping
        self.table = table
        self.case = case
        self.provenance = provenance
        self.file = table.path.name
        self.index = {k: i for i, k in enumerate(table.keys) if k}
        self.names = {k: h.strip() for k, h in zip(table.keys, table.header)}
        self._cache: dict[tuple[str, str], Any] = {}
        self.schema = load_schema()
        self._check_header()

    def _check_header(self) -> None:
        seen: set[str] = set()
        for k in self.table.keys:
            if k and k in seen:
                raise InvalidInput(f"{self.table.path}: column {k!r} appears twice in the header")
            seen.add(k)
        missing = [c for c in self.mapping.required if c not in self.index]
        if missing:
            raise InvalidInput(f"{self.table.path}: missing required column{'s' if len(missing) > 1 else ''} "
                               f"{', '.join(missing)} for mapping {self.mapping.name} "
                               f"(the header has: {', '.join(h.strip() for h in self.table.header) or 'nothing'})")

    # ---- one value ---------------------------------------------------------------------
    def _col(self, column: str) -> str:
        return self.names.get(column, column)

    def _clean(self, kind: str, clean: Callable[[Any], Any], raw: str) -> Any:
        key = (kind, raw)
        try:
            return self._cache[key]
        except KeyError:
            pass
        try:
            value = clean(raw)
        except ValueError as exc:
            value = exc
        if len(self._cache) < 500_000:
            self._cache[key] = value
        return value

    def _value(self, spec: ValueSpec, prop: Property, cells: list[str]) -> Any:
        """The cleaned value, None when empty; raises ValueError with the reason."""
        if spec.column is None:
            raw = "" if spec.constant is None else str(spec.constant)
        else:
            i = self.index.get(spec.column)
            raw = cells[i].strip() if i is not None else ""
            if raw and spec.mapping is not None:
                hit = spec.mapping.get(raw.casefold())
                if hit is None and spec.default is None:
                    raise ValueError(f"{raw!r} is not one of {', '.join(sorted(spec.mapping))}")
                raw = hit if hit is not None else str(spec.default)
            elif raw and spec.patterns:
                raw = next((v for rx, v in spec.patterns if rx.fullmatch(raw)), spec.default or "")
                if not raw:
                    raise ValueError(f"{cells[i].strip()!r} matches none of the expected forms")
            if raw and spec.international and _DIGITS.match(raw.replace(" ", "")) and not raw.startswith("0"):
                raw = "+" + raw.replace(" ", "")
        if not raw:
            return None
        kind = spec.clean or prop.type
        value = self._clean(kind, REGISTRY[kind].clean, raw)
        if isinstance(value, ValueError):
            raise value
        if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**63:
            raise ValueError(f"{raw!r} is out of range for a whole number")
        if prop.values and value not in prop.values:
            raise ValueError(f"{value!r} is not one of {', '.join(prop.values)}")
        return value

    def _props(self, values: tuple[ValueSpec, ...], spec_props: dict[str, Property], cells: list[str],
               errors: list[tuple[str, str]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in values:
            try:
                value = self._value(spec, spec_props[spec.prop], cells)
            except ValueError as exc:
                errors.append((self._col(spec.column or spec.prop), f"{spec.prop}: {exc}"))
                continue
            if value is not None:
                out[spec.prop] = value
        return out

    # ---- one entity ----------------------------------------------------------------------
    def _entity(self, ent: EntitySpec, cells: list[str], errors: list[tuple[str, str]]) -> tuple[str, dict]:
        ntype = self.schema.nodes[ent.label]
        if ent.when is not None:
            i = self.index.get(ent.when[0])
            if i is None or not ent.when[1].fullmatch(cells[i].strip()):
                raise _Skip
        sourced = [v.column for v in ent.values if v.column] + list(ent.id_columns)
        if ent.optional and not any(cells[self.index[c]].strip() for c in sourced if c in self.index):
            raise _Skip
        mine: list[tuple[str, str]] = []
        props = self._props(ent.values, ntype.properties, cells, mine)
        for spec in ent.values:
            prop = ntype.properties[spec.prop]
            if prop.required and spec.prop not in props and not any(c == self._col(spec.column or "") for c, _ in mine):
                mine.append((self._col(spec.column or spec.prop), f"{spec.prop}: is empty ({ent.label} needs it)"))
        row = {**props, **self.provenance, "cases": [self.case]}
        if ntype.key:
            node_id = make_node_id(ntype.prefix, [props.get(k) for k in ntype.key])
        else:
            parts = []
            for c in ent.id_columns:
                i = self.index.get(c)
                cell = _ID_NOISE.sub("", cells[i]).upper() if i is not None else ""
                if not cell:
                    mine.append((self._col(c), f"is empty (it identifies the {ent.name})"))
                parts.append(f"{c}={cell}")
            node_id = f"{ntype.prefix}:{digest(self.case, *parts)}"
            row["id"] = node_id
        errors.extend(mine)
        return node_id, row

    def _merge(self, label: str, node_id: str, row: dict[str, Any]) -> None:
        rows = self.batch.nodes.setdefault(label, {})
        old = rows.get(node_id)
        if old is None:
            rows[node_id] = row
            return
        for k, v in row.items():
            if k == "name" and v != old.get("name"):
                aliases = set(old.get("aliases") or [])
                aliases.add(v)
                old["aliases"] = sorted(aliases)
            elif k not in old:
                old[k] = v

    # ---- the table -------------------------------------------------------------------
    def run(self) -> Batch:
        self.batch = Batch()
        width = len(self.table.header)
        schema = self.schema
        for number, cells in self.table.rows:
            if len(cells) != width:
                self.batch.errors.append(RowError(self.file, number, "*", f"has {len(cells)} fields, the header has {width}"))
                continue
            errors: list[tuple[str, str]] = []
            for c in self.mapping.required:
                if not cells[self.index[c]].strip():
                    errors.append((self._col(c), "required value is empty"))
            made: dict[str, tuple[str, str, dict]] = {}
            for ent in self.mapping.entities.values():
                try:
                    node_id, row = self._entity(ent, cells, errors)
                except _Skip:
                    continue
                made[ent.name] = (ent.label, node_id, row)
            edges: list[tuple[str, dict]] = []
            for rel in self.mapping.relationships:
                if rel.src not in made or rel.dst not in made:
                    continue
                props = self._props(rel.values, schema.relationships[rel.type].properties, cells, errors)
                edges.append((rel.type, {**props, **self.provenance, "src": made[rel.src][1],
                                         "dst": made[rel.dst][1], "case_id": self.case}))
            if errors:
                seen = set()
                for column, why in errors:
                    if (column, why) not in seen:
                        seen.add((column, why))
                        self.batch.errors.append(RowError(self.file, number, column, why))
                continue
            for label, node_id, row in made.values():
                self._merge(label, node_id, row)
            for rtype, row in edges:
                self.batch.edges.setdefault(rtype, []).append(row)
            self.batch.rows_ok += 1
        return self.batch

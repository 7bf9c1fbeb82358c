"""Applying a mapping to a table: node rows, relationship records and row errors.

Every value comes out in its stored form (cleaned by its schema property's type), so the
rows and records need no cleaning after this: ``ingest.tables.records`` turns them into what
the store writes.

A row with any error contributes nothing; each error names ``file:row:column: why``. Nodes are
merged by id across rows (the same phone in a thousand calls is one row to write), a person's
other spellings under the same id become aliases. Relationships come out as ``CleanEdge``
records (``ingest.tables.records``): their values are cleaned here, once, with the schema's
cleaners, and the store writes them without cleaning them again.

Call records and the like repeat the same few values (a phone in thousands of calls): each
value is cleaned once per distinct cell, and each entity is built once per distinct set of
the cells it reads, then reused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from graph_models.ids import digest, make_node_id
from graph_models.schema import Property, load_schema
from graph_models.types import REGISTRY
from graph_models.validate import CleanEdge
from ingest.tables.mapping import EntitySpec, Mapping, RelSpec, ValueSpec
from ingest.tables.reader import Table
from ingest.tables.records import EdgeRecords
from intel.errors import InvalidInput

_DIGITS = re.compile(r"^\d{11,15}$")
_ID_NOISE = re.compile(r"[\s\-./]")
CACHE_LIMIT = 200_000  # distinct cells remembered per value (a column of unique values stops there)


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
    edges: list[CleanEdge] = field(default_factory=list)
    rows_ok: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class _Bad:
    """A value that failed cleaning, and why (kept in the cache instead of an exception)."""
    why: str


@dataclass
class _Value:
    """One mapped value: where it comes from and the cells already cleaned for it."""
    spec: ValueSpec
    prop: Property
    index: int | None  # the cell's position, None for a constant or a column the file lacks
    column: str  # how errors name it
    simple: Callable[[str], Any] | None  # the cleaner, when the cell goes to it as it is (no map, range or list)
    cache: dict[str | None, Any] = field(default_factory=dict)


@dataclass
class _Entity:
    spec: EntitySpec
    values: list[_Value]
    key: tuple[int, ...]  # the cells the entity reads: same cells, same node
    cache: dict[tuple[str, ...], Any] = field(default_factory=dict)


@dataclass
class _Rel:
    spec: RelSpec
    values: list[_Value]
    records: EdgeRecords


class _Skip(Exception):
    """The entity is optional and absent from this row."""


_SKIP = object()


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
        self.schema = load_schema()
        self._check_header()
        self._caches: dict[str, dict[str | None, Any]] = {}
        self._entities = [self._plan_entity(e) for e in mapping.entities.values()]
        self._rels = [self._plan_rel(r) for r in mapping.relationships]

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

    def _plan_values(self, specs: tuple[ValueSpec, ...], props: dict[str, Property]) -> list[_Value]:
        out = []
        for v in specs:
            prop = props[v.prop]
            # Values cleaned the same way share their cache (caller and callee are both phones).
            how = (v.constant if v.column is None else None, repr(v.mapping), v.patterns, v.default, v.clean,
                   v.international, prop.type, prop.values)
            clean = REGISTRY[v.clean or prop.type].clean
            simple = (clean if v.column and v.mapping is None and not v.patterns and not v.international
                      and not prop.values and clean is prop.ptype.clean
                      and prop.ptype.storage in ("STRING", "DOUBLE", "BOOLEAN") else None)
            out.append(_Value(spec=v, prop=prop, index=self.index.get(v.column) if v.column else None,
                              column=self._col(v.column or v.prop), simple=simple,
                              cache=self._caches.setdefault(repr(how), {})))
        return out

    def _plan_entity(self, ent: EntitySpec) -> _Entity:
        ntype = self.schema.nodes[ent.label]
        key = tuple(sorted(self.index[c] for c in ent.columns() if c in self.index))
        return _Entity(spec=ent, values=self._plan_values(ent.values, ntype.properties), key=key)

    def _plan_rel(self, rel: RelSpec) -> _Rel:
        rtype = self.schema.relationships[rel.type]
        return _Rel(spec=rel, values=self._plan_values(rel.values, rtype.properties),
                    records=EdgeRecords(rel.type, self.provenance, self.case))

    # ---- one value ---------------------------------------------------------------------
    def _col(self, column: str) -> str:
        return self.names.get(column, column)

    def _value(self, v: _Value, cells: list[str]) -> Any:
        """The cleaned value (None when empty, ``_Bad`` when it does not clean), once per
        distinct cell."""
        cell = cells[v.index] if v.index is not None else None
        cache = v.cache
        try:
            return cache[cell]
        except KeyError:
            pass
        try:
            value = self._clean(v, cell)
        except ValueError as exc:
            value = _Bad(str(exc))
        if len(cache) < CACHE_LIMIT:
            cache[cell] = value
        return value

    @staticmethod
    def _clean(v: _Value, cell: str | None) -> Any:
        """The value of ``cell`` under ``v``; raises ValueError with the reason."""
        spec, prop = v.spec, v.prop
        if spec.column is None:
            raw = "" if spec.constant is None else str(spec.constant)
        else:
            raw = cell.strip() if cell is not None else ""
            if raw and spec.mapping is not None:
                hit = spec.mapping.get(raw.casefold())
                if hit is None and spec.default is None:
                    raise ValueError(f"{raw!r} is not one of {', '.join(sorted(spec.mapping))}")
                raw = hit if hit is not None else str(spec.default)
            elif raw and spec.patterns:
                stripped = raw
                raw = next((val for rx, val in spec.patterns if rx.fullmatch(raw)), spec.default or "")
                if not raw:
                    raise ValueError(f"{stripped!r} matches none of the expected forms")
            if raw and spec.international and _DIGITS.match(raw.replace(" ", "")) and not raw.startswith("0"):
                raw = "+" + raw.replace(" ", "")
        if not raw:
            return None
        clean = REGISTRY[spec.clean or prop.type].clean
        value = clean(raw)
        if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**63:
            raise ValueError(f"{raw!r} is out of range for a whole number")
        if prop.values and value not in prop.values:
            raise ValueError(f"{value!r} is not one of {', '.join(prop.values)}")
        if clean is not prop.ptype.clean:
            # Cleaned as another type: now in the property's stored form, as the store would
            # (graph_models.validate._clean_props). A value cleaned by its own type already is.
            value = prop.ptype.clean(value)
            if value == []:
                return None
            if prop.values and value not in prop.values:
                raise ValueError(f"{value!r} is not one of {', '.join(prop.values)}")
        return value

    def _props(self, values: list[_Value], cells: list[str], errors: list[tuple[str, str]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for v in values:
            value = self._value(v, cells)
            if value is None:
                continue
            if type(value) is _Bad:
                errors.append((v.column, f"{v.spec.prop}: {value.why}"))
                continue
            out[v.spec.prop] = value
        return out

    # ---- one entity ----------------------------------------------------------------------
    def _entity(self, plan: _Entity, cells: list[str]) -> Any:
        """``_SKIP`` or [node id, row, errors, merged]: once per distinct set of cells read."""
        key = tuple([cells[i] for i in plan.key])
        cache = plan.cache
        entry = cache.get(key)
        if entry is None:
            try:
                entry = [*self._make_entity(plan, cells), False]
            except _Skip:
                entry = _SKIP
            if len(cache) < CACHE_LIMIT:
                cache[key] = entry
        return entry

    def _make_entity(self, plan: _Entity, cells: list[str]) -> tuple[str, dict, list[tuple[str, str]]]:
        ent = plan.spec
        ntype = self.schema.nodes[ent.label]
        if ent.when is not None:
            i = self.index.get(ent.when[0])
            if i is None or not ent.when[1].fullmatch(cells[i].strip()):
                raise _Skip
        sourced = [v.column for v in ent.values if v.column] + list(ent.id_columns)
        if ent.optional and not any(cells[self.index[c]].strip() for c in sourced if c in self.index):
            raise _Skip
        mine: list[tuple[str, str]] = []
        props = self._props(plan.values, cells, mine)
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
        return node_id, row, mine

    def _merge(self, label: str, entry: list) -> None:
        node_id, row = entry[0], entry[1]
        rows = self.batch.nodes.setdefault(label, {})
        old = rows.get(node_id)
        if old is None:
            rows[node_id] = dict(row)  # merges change the batch's copy, never the cached row
            entry[3] = True
            return
        if entry[3]:
            return  # this very row is merged already: merging it again changes nothing
        entry[3] = True
        for k, v in row.items():
            if k == "name" and v != old.get("name"):
                aliases = set(old.get("aliases") or [])
                aliases.add(v)
                old["aliases"] = sorted(aliases)
            elif k not in old:
                old[k] = v

    # ---- the table -------------------------------------------------------------------
    def run(self) -> Batch:
        self.batch = batch = Batch()
        for plan in self._entities:
            plan.cache.clear()  # its entries remember being merged into the previous batch
        width = len(self.table.header)
        required = [(self.index[c], self._col(c)) for c in self.mapping.required]
        entities = [(p.spec.name, p.spec.label, p, p.key, p.cache) for p in self._entities]
        rels = [(r.spec.src, r.spec.dst, r, [(v, v.index, v.cache, v.simple) for v in r.values])
                for r in self._rels]
        edges_out = batch.edges
        entity, value, merge = self._entity, self._value, self._merge
        for number, cells in self.table.rows:
            if len(cells) != width:
                batch.errors.append(RowError(self.file, number, "*", f"has {len(cells)} fields, the header has {width}"))
                continue
            errors: list[tuple[str, str]] = []
            for i, column in required:
                if not cells[i].strip():
                    errors.append((column, "required value is empty"))
            made: dict[str, tuple[str, list]] = {}
            for name, label, plan, key, cache in entities:
                entry = cache.get(tuple([cells[i] for i in key]))
                if entry is None:
                    entry = entity(plan, cells)
                if entry is _SKIP:
                    continue
                if entry[2]:
                    errors.extend(entry[2])
                made[name] = (label, entry)
            edges = []
            for src, dst, rel, values in rels:
                a, b = made.get(src), made.get(dst)
                if a is None or b is None:
                    continue
                props: dict[str, Any] = {}
                for v, i, cache, simple in values:
                    cell = cells[i] if i is not None else None
                    got = cache.get(cell, _SKIP)
                    if got is _SKIP:
                        if simple is not None and cell is not None:  # _clean's work, without the detours
                            raw = cell.strip()
                            try:
                                got = simple(raw) if raw else None
                            except ValueError as exc:
                                got = _Bad(str(exc))
                            if len(cache) < CACHE_LIMIT:
                                cache[cell] = got
                        else:
                            got = value(v, cells)
                    if got is None:
                        if v.prop.required and not any(c == v.column for c, _ in errors):
                            errors.append((v.column, f"{v.spec.prop}: is empty ({rel.spec.type} needs it)"))
                    elif type(got) is _Bad:
                        errors.append((v.column, f"{v.spec.prop}: {got.why}"))
                    else:
                        props[v.spec.prop] = got
                edges.append((rel, a, b, props))
            if errors:
                seen = set()
                for column, why in errors:
                    if (column, why) not in seen:
                        seen.add((column, why))
                        batch.errors.append(RowError(self.file, number, column, why))
                continue
            for label, entry in made.values():
                if not entry[3]:
                    merge(label, entry)
            for rel, (a_label, a), (b_label, b), props in edges:
                edges_out.append(rel.records.make(a[0], a_label, b[0], b_label, props))
            batch.rows_ok += 1
        return batch

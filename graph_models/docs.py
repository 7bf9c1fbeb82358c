"""The schema reference (docs/schema.md), generated from schema.yaml."""

from __future__ import annotations

from graph_models.schema import Property, load_schema
from graph_models.types import REGISTRY


def _row(p: Property) -> str:
    typ = p.type + (f" ({', '.join(p.values)})" if p.values else "")
    return f"| `{p.name}` | {typ} | {'yes' if p.required else ''} | {p.sensitivity} | {p.description} |"


def schema_markdown() -> str:
    s = load_schema()
    lines = ["# Schema reference", "",
             "Generated from `graph_models/schema.yaml` by `halqa docs`; do not edit by hand.", "",
             "Sensitivity: `open` (anyone granted the case), `restricted` (case members only),",
             "`protected` (victim/witness identity, shelter, statement text: encrypted at rest, shown",
             "only to cleared roles with a recorded justification).", "",
             "## Provenance (on every node and relationship)", "",
             "| property | type | required | sensitivity | description |", "|---|---|---|---|---|"]
    lines += [_row(p) for p in s.provenance.values()]
    lines += ["", "## Property types", "", "| type | stored as | meaning |", "|---|---|---|"]
    lines += [f"| {t.name} | {t.storage} | {t.description} |" for t in REGISTRY.values()]
    lines += ["", "## Nodes", ""]
    for n in s.nodes.values():
        key = ", ".join(n.key) if n.key else "assigned by the caller (entity resolution)"
        lines += [f"### {n.label}", "", n.description, "", f"Key: {key}. Id prefix: `{n.prefix}:`.", "",
                  "| property | type | required | sensitivity | description |", "|---|---|---|---|---|"]
        lines += [_row(p) for p in n.properties.values()] + [""]
    lines += ["## Relationships", ""]
    for r in s.relationships.values():
        ends = ", ".join(f"{a} -> {b}" for a, b in r.endpoints)
        lines += [f"### {r.type}", "", r.description, "", f"Endpoints: {ends}."]
        if r.key:
            lines += [f"Distinguished by: {', '.join(r.key)}."]
        lines += [""]
        if r.properties:
            lines += ["| property | type | required | sensitivity | description |", "|---|---|---|---|---|"]
            lines += [_row(p) for p in r.properties.values()] + [""]
    return "\n".join(lines).rstrip() + "\n"

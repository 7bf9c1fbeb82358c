"""DDL generated from the schema, one function per backend. Labels and property names come
from schema.yaml (identifiers checked below), never from user input."""

from __future__ import annotations

import re

from graph_models.schema import NODE_SYSTEM_COLUMNS, REL_SYSTEM_COLUMNS, Schema, load_schema

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EDGE_KEY_TABLE = "EdgeKey"  # embedded only: an indexed registry of relationship ids
META_LABEL = "HalqaMeta"  # both backends: schema fingerprint and other store facts


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"schema identifier {name!r} is not a plain name")
    return name


def _columns(schema: Schema, kind: str, system: dict[str, str]) -> list[tuple[str, str]]:
    cols = dict(system)
    for name, prop in schema.columns(kind).items():
        cols.setdefault(name, prop.ptype.storage)
    return [(f"`{_ident(k)}`", v) for k, v in cols.items()]


def ladybug_ddl(schema: Schema | None = None) -> list[str]:
    """CREATE NODE/REL TABLE statements for LadybugDB (one table per label and type)."""
    schema = schema or load_schema()
    out = []
    for label in schema.nodes:
        cols = _columns(schema, label, NODE_SYSTEM_COLUMNS)
        body = ", ".join(f"{n} {t}" + (" PRIMARY KEY" if n == "`id`" else "") for n, t in cols)
        out.append(f"CREATE NODE TABLE IF NOT EXISTS `{_ident(label)}`({body})")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS {EDGE_KEY_TABLE}(id STRING PRIMARY KEY, type STRING, h STRING)")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS {META_LABEL}(key STRING PRIMARY KEY, value STRING)")
    for rtype, spec in schema.relationships.items():
        ends = ", ".join(f"FROM `{_ident(a)}` TO `{_ident(b)}`" for a, b in spec.endpoints)
        cols = ", ".join(f"{n} {t}" for n, t in _columns(schema, rtype, REL_SYSTEM_COLUMNS))
        out.append(f"CREATE REL TABLE IF NOT EXISTS `{_ident(rtype)}`({ends}, {cols})")
    return out


def ladybug_upgrade(existing: dict[str, set[str]], schema: Schema | None = None) -> list[str]:
    """ALTER TABLE ... ADD for the columns the schema has gained since a table was created
    (``existing``: table -> its column names). ``CREATE ... IF NOT EXISTS`` leaves an existing
    table as it was, so ``halqa init`` on an older store adds them here; old rows read NULL."""
    schema = schema or load_schema()
    out = []
    for kind, system in ([(n, NODE_SYSTEM_COLUMNS) for n in schema.nodes]
                         + [(r, REL_SYSTEM_COLUMNS) for r in schema.relationships]):
        have = existing.get(kind)
        if have is None:
            continue
        for col, storage in _columns(schema, kind, system):
            if col.strip("`") not in have:
                out.append(f"ALTER TABLE `{_ident(kind)}` ADD {col} {storage}")
    return out


def neo4j_ddl(schema: Schema | None = None) -> list[str]:
    """Constraints and indexes for Neo4j 5: unique id per label, id index per relationship
    type, lookups on name keys and cases."""
    schema = schema or load_schema()
    out = []
    for label in schema.nodes:
        lab = _ident(label)
        low = lab.lower()
        out.append(f"CREATE CONSTRAINT {low}_id IF NOT EXISTS FOR (n:`{lab}`) REQUIRE n.id IS UNIQUE")
        out.append(f"CREATE INDEX {low}_name_keys IF NOT EXISTS FOR (n:`{lab}`) ON (n.name_keys)")
    for rtype in schema.relationships:
        rt = _ident(rtype)
        low = rt.lower()
        out.append(f"CREATE INDEX rel_{low}_id IF NOT EXISTS FOR ()-[e:`{rt}`]-() ON (e.id)")
        out.append(f"CREATE INDEX rel_{low}_case IF NOT EXISTS FOR ()-[e:`{rt}`]-() ON (e.case_id)")
    out.append(f"CREATE CONSTRAINT halqameta_key IF NOT EXISTS FOR (n:`{META_LABEL}`) REQUIRE n.key IS UNIQUE")
    return out


def schema_fingerprint(schema: Schema | None = None) -> str:
    """A hash of the DDL: `halqa doctor` compares it with the one stored at `halqa init`."""
    import hashlib

    ddl = "\n".join(ladybug_ddl(schema) + neo4j_ddl(schema))
    return hashlib.sha256(ddl.encode()).hexdigest()[:16]

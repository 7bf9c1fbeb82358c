"""Ingesting one statement file into a case: read it safely, detect its language, extract
mentions, and write the Statement, its entities and MENTIONS edges in one transaction.

The text is a protected property: with a ``Crypto`` it is encrypted (AES-256-GCM, bound to the
statement's id) on its way through ``GraphService``; without one it is not stored at all (the
content hash, title, language and mentions still are). Re-ingesting the same file changes
nothing: every id is deterministic and the ciphertext of the same text is the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from graph_models.ids import make_node_id, prefixed
from graph_models.types import name_key
from ingest.extract import detect_language, extract
from ingest.extract.source import read_statement
from ingest.sink import write_graph
from ingest.statements.graph_rows import person_id, statement_rows
from intel.errors import InvalidInput
from intel.principal import Principal
from intel.store import GraphStore, NodeRecord, WriteResult

LANGS = ("auto", "az", "ru", "en")


@dataclass
class StatementReport:
    file: str
    statement_id: str
    lang: str
    mentions: int
    entities: int
    result: WriteResult = field(default_factory=WriteResult)
    encrypted: bool = False
    skipped: list[str] = field(default_factory=list)

    @property
    def already(self) -> bool:
        return self.result.changed == 0


def _given_by(store: GraphStore, principal: Principal, given_by: str, case: str) -> tuple[str, dict | None]:
    """(person id, a Person row to write or None) for --given-by: an existing person's id, or
    a name (the case's person of that name, created when new)."""
    value = given_by.strip()
    if not value:
        raise InvalidInput("--given-by: empty")
    as_id = prefixed("person", value)
    if store.get(principal, as_id) is not None:
        return as_id, None
    if value.startswith("person:") or any(ch.isdigit() for ch in value) or not name_key(value):
        raise InvalidInput(f"--given-by: no person {value!r} in your cases (give an existing person id or a name)")
    return person_id(case, value), {"id": person_id(case, value), "name": value, "aliases": [value]}


def _record_role(rows: Any, giver_id: str, giver_row: dict | None, existing: dict[str, NodeRecord], case: str,
                 role: str, provenance: dict[str, Any]) -> None:
    """INVOLVED_IN {role} from the giver to the case; victims and witnesses are protected."""
    people = rows.nodes.setdefault("Person", [])
    row = next((r for r in people if r["id"] == giver_id), None)
    if role in PROTECTED_ROLES:
        if row is None:
            known = existing.get(giver_id)
            name = known.caption if known is not None else (giver_row or {}).get("name", giver_id)
            row = {**provenance, "source": rows.statement_id, "cases": [case], "id": giver_id, "name": name}
            people.append(row)
            rows.ids.setdefault("Person", []).append(giver_id)
        row["protected"] = True
    rows.nodes.setdefault("Case", []).append({**provenance, "source": rows.statement_id, "cases": [case],
                                              "number": case})
    rows.edges.setdefault("INVOLVED_IN", []).append(
        {**provenance, "source": rows.statement_id, "case_id": case, "src": giver_id,
         "dst": make_node_id("case", [case]), "role": role})


def _existing(store: GraphStore, principal: Principal, ids: list[str]) -> dict[str, NodeRecord]:
    out = {}
    for node_id in dict.fromkeys(ids):
        node = store.get(principal, node_id)
        if node is not None:
            out[node_id] = node
    return out


def _new_or_changed(nodes: dict[str, list[dict]], ids: dict[str, list[str]], existing: dict[str, NodeRecord],
                    case: str) -> dict[str, list[dict]]:
    """Entity rows that would add something: new nodes, nodes not yet in the case, persons with
    new spellings. A node already known keeps the provenance of its first statement."""
    out: dict[str, list[dict]] = {}
    for label, rows in nodes.items():
        kept = []
        for node_id, row in zip(ids[label], rows):
            old = existing.get(node_id)
            if (label == "Statement" or old is None or case not in old.cases
                    or not set(row.get("aliases") or []) <= set(old.props.get("aliases") or [])):
                kept.append(row)
        if kept:
            out[label] = kept
    return out


GIVER_ROLES = ("victim", "potential_victim", "witness", "suspect", "relative", "other")
PROTECTED_ROLES = ("victim", "potential_victim", "witness")


def ingest_statement(store: GraphStore, principal: Principal, path: Path | str, case: str, lang: str = "auto",
                     given_by: str | None = None, *, crypto: Any = None,
                     giver_role: str | None = None) -> StatementReport:
    """Write one statement. ``giver_role`` records the role of the person who gave it in the
    case (INVOLVED_IN); victims and witnesses become protected persons: their identity is
    sealed and everyone without clearance sees a pseudonym."""
    case = (case or "").strip()
    if giver_role is not None and giver_role not in GIVER_ROLES:
        raise InvalidInput(f"--role: {giver_role!r} is not one of {', '.join(GIVER_ROLES)}")
    if giver_role is not None and not given_by:
        raise InvalidInput("--role needs --given-by (whose role it is)")
    if not case:
        raise InvalidInput("--case: a case number is required")
    if lang not in LANGS:
        raise InvalidInput(f"--lang: {lang!r} is not one of {', '.join(LANGS)}")
    path = Path(path)
    text = read_statement(path)
    language = detect_language(text) if lang == "auto" else lang
    mentions = extract(text, language)
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    provenance = {"recorded_by": principal.user, "recorded_at": now}
    giver_id, giver_row = _given_by(store, principal, given_by, case) if given_by else (None, None)
    draft = statement_rows(text, mentions, case=case, lang=language, title=path.name, provenance=provenance,
                           given_by=giver_id)
    giver = [giver_row["id"]] if giver_row is not None else []
    existing = _existing(store, principal, [i for ids in draft.ids.values() for i in ids] + giver)
    known = {i: list(n.props.get("aliases") or []) for i, n in existing.items() if n.label == "Person"}
    rows = statement_rows(text, mentions, case=case, lang=language, title=path.name, provenance=provenance,
                          given_by=giver_id, known_aliases=known)
    if giver_row is not None:
        people = rows.nodes.setdefault("Person", [])
        same = next((r for r in people if r["id"] == giver_row["id"]), None)
        if same is None:
            people.append({**provenance, "source": rows.statement_id, "cases": [case], **giver_row,
                           "aliases": sorted(set(giver_row["aliases"]) | set(known.get(giver_row["id"], [])))})
            rows.ids.setdefault("Person", []).append(giver_row["id"])
        else:
            same["aliases"] = sorted(set(same["aliases"]) | set(giver_row["aliases"]))
    if giver_id is not None and giver_role is not None:
        _record_role(rows, giver_id, giver_row, existing, case, giver_role, provenance)
    if crypto is not None:
        # Encrypt the exact text here: the schema's string cleaner would collapse whitespace, and
        # the MENTIONS offsets point into the text as written. The service keeps a ciphertext
        # that opens for this node as it is.
        rows.nodes["Statement"][0]["text"] = crypto.encrypt(text, rows.statement_id, "text")
    nodes = _new_or_changed(rows.nodes, rows.ids, existing, case)
    result = write_graph(store, principal, nodes, rows.edges, crypto)
    return StatementReport(file=str(path), statement_id=rows.statement_id, lang=language, mentions=len(mentions),
                           entities=rows.entities, result=result, encrypted=crypto is not None,
                           skipped=rows.skipped)

"""A statement and its mentions as graph rows (pure: nothing is read or written here).

Entities are matched by exact natural key: the same E.164 phone, document number, plate,
place (kind, canonical name, country) or organisation name is the same node everywhere.
Persons, until entity resolution decides, are one node per person of the statement (id = hash
of case, statement and name key): the same name in two statements of a case may be two
people (namesakes), so joining them is entity resolution's decision (``halqa resolve run``,
with its reasons); the spellings seen are kept as aliases. Within the
statement, a short form that can only mean one fuller name of it ("Elçin" after "Məmmədov
Elçin Rauf oğlu") is that person's node (``ingest.resolve.coref``); a phone tied to a person
there (the speaker's own number, "X called me from ...") becomes a USES edge. Dates and
amounts are not entities of their own and are only counted.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from graph_models.ids import digest, make_node_id
from graph_models.types import name_key
from graph_models.validate import ValidationError, clean_node
from ingest.extract.mention import Mention
from ingest.resolve.coref import Span, link_statement
from ingest.resolve.declension import nominative

_PASSPORT_SHAPE = re.compile(r"^(?:AZE\d{8}|C\d{8}|[A-Z]{2}\d{7})$")
_PASSPORT_CUE = re.compile(r"(pasport|passport|паспорт)", re.IGNORECASE)
_IDCARD_CUE = re.compile(r"(vəsiqə|id card|identity card|удостоверени)", re.IGNORECASE)


@dataclass
class StatementRows:
    statement_id: str
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edges: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    person_ids: dict[str, str] = field(default_factory=dict)  # name key -> id
    ids: dict[str, list[str]] = field(default_factory=dict)  # label -> node ids, aligned with nodes
    skipped: list[str] = field(default_factory=list)  # mentions that make no node, with why
    entities: int = 0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def statement_id(text: str) -> str:
    return make_node_id("statement", [content_hash(text)])


def person_id(case: str, name: str, statement: str = "", n: int = 0) -> str:
    """A case's person by name (``--given-by``), or with ``statement`` one person of that
    statement (``n``: the how-many-th person of the statement with this name key, 0 for the
    first: a speaker and a namesake they mention are two persons)."""
    if not statement:
        return f"person:{digest(case, name_key(name))}"
    return f"person:{digest(case, statement, name_key(name), str(n))}"


def _doc_type(text: str, m: Mention) -> str:
    before = text[max(0, m.start - 40):m.start]
    if _IDCARD_CUE.search(before):
        return "id_card"
    if _PASSPORT_CUE.search(before) or _PASSPORT_SHAPE.match(m.value):
        return "passport"
    return "other"


def _entity(text: str, m: Mention, case: str) -> tuple[str, dict[str, Any]] | None:
    """(label, row) of the entity a mention names, or None for dates and amounts."""
    if m.type == "phone":
        return "Phone", {"number": m.value}
    if m.type == "document":
        return "Document", {"doc_type": _doc_type(text, m), "number": m.value}
    if m.type == "plate":
        return "Vehicle", {"plate": m.value}
    if m.type == "organization":
        return "Organization", {"name": m.value}
    if m.type == "place":
        row: dict[str, Any] = {"name": m.value, "kind": m.parts.get("kind", "city")}
        country = m.parts.get("country")
        if country:
            row["country"] = country
        return "Location", row
    if m.type == "person":
        parts = _nominative_parts(m)
        row = {"name": m.value, "aliases": sorted({m.text, m.value})}
        for ours, theirs in (("given_name", "given"), ("surname", "surname"), ("patronymic", "patronymic")):
            if parts.get(theirs):
                row[ours] = parts[theirs]
        return "Person", row
    return None


def _nominative_parts(m: Mention) -> dict[str, str]:
    """The name's parts in their dictionary form: a statement names people in every
    grammatical case ("Ахмедовым Руфатом Рашад оглы", "Rüfətlə"), and the parts are what a
    person's given name, surname and father's name are matched on."""
    words = m.text.split()
    base, _ = nominative(words)
    form = dict(zip(words, base)) if len(base) == len(words) else {}
    return {k: " ".join(form.get(w, w) for w in str(v).split()) if k in ("given", "surname", "patronymic")
            else v for k, v in m.parts.items()}


def _node(label: str, row: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Clean a row; a place whose country is not a known code keeps its name and kind."""
    try:
        return clean_node(label, row).id, row
    except ValidationError:
        if label == "Location" and "country" in row:
            row = {k: v for k, v in row.items() if k != "country"}
            return clean_node(label, row).id, row
        raise


def statement_rows(text: str, mentions: Iterable[Mention], *, case: str, lang: str, title: str,
                   provenance: dict[str, Any], given_by: str | None = None,
                   known_aliases: dict[str, list[str]] | None = None) -> StatementRows:
    """Rows for one statement: the Statement (attached to the case), its entities and the
    MENTIONS edges (start, end, confidence), GIVEN_BY when ``given_by`` (a Person id) is set."""
    sid = statement_id(text)
    out = StatementRows(statement_id=sid)
    base = {**provenance, "cases": [case]}
    edge_base = {**provenance, "source": sid, "case_id": case}
    node_base = {**base, "source": sid}
    out.nodes["Statement"] = [{**base, "content_hash": content_hash(text), "title": title, "lang": lang,
                               "text": text, "source": sid}]
    out.nodes["Case"] = [{**node_base, "number": case}]
    out.ids = {"Statement": [sid], "Case": [make_node_id("case", [case])]}
    out.edges["ATTACHED_TO"] = [{**edge_base, "src": sid, "dst": make_node_id("case", [case])}]
    mentions = list(mentions)
    owner, phones_of, born, roles = _coreference(text, mentions)
    person_of: dict[int, str] = {}  # group head -> the statement's person node id
    seen_keys: dict[str, int] = {}
    for n, m in enumerate(mentions):
        head = owner.get(n, n)
        if m.type == "person" and head not in person_of:
            key = name_key(mentions[head].value)
            if given_by is not None and given_by == person_id(case, mentions[head].value) \
                    and given_by not in person_of.values():
                person_of[head] = given_by  # the giver named in their statement: their node
            else:  # (a protected giver's identity is then sealed on that one node)
                person_of[head] = person_id(case, mentions[head].value, sid, seen_keys.get(key, 0))
                seen_keys[key] = seen_keys.get(key, 0) + 1
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    mentions_rows = []
    phone_ids: dict[int, str] = {}
    for n, m in enumerate(mentions):
        found = _entity(text, m, case)
        if found is not None and m.type == "person":
            label, row = found  # the group's node: the fuller mention's name, this spelling an alias
            head = owner.get(n, n)
            row = {**row, "id": person_of[head], "name": mentions[head].value}
            if head in born:  # the speaker's own birth date, from the introduction
                row["birth_date"] = born[head]
            found = label, row
        if found is None:
            out.skipped.append(f"{m.type} {m.start}-{m.end}: not an entity")
            continue
        label, row = found
        try:
            node_id, row = _node(label, {**node_base, **row})
        except ValidationError as exc:
            out.skipped.append(f"{m.type} {m.start}-{m.end}: {exc}")
            continue
        prev = merged.get((label, node_id))
        if prev is None:
            merged[(label, node_id)] = row
        elif label == "Person":
            prev["aliases"] = sorted(set(prev["aliases"]) | set(row["aliases"]))
        if label == "Person":
            out.person_ids[name_key(m.value)] = node_id
        if label == "Phone":
            phone_ids[n] = node_id
        edge = {**edge_base, "src": sid, "dst": node_id, "start": m.start, "end": m.end,
                "confidence": round(m.confidence, 3)}
        role = roles.get(owner.get(n, n)) if label == "Person" else None
        if role:
            edge["role"] = role
        mentions_rows.append(edge)
    for (label, node_id), row in merged.items():
        if label == "Person" and known_aliases and node_id in known_aliases:
            row["aliases"] = sorted(set(row["aliases"]) | set(known_aliases[node_id]))
        out.nodes.setdefault(label, []).append(row)
        out.ids.setdefault(label, []).append(node_id)
    out.entities = len(merged)
    if mentions_rows:
        out.edges["MENTIONS"] = mentions_rows
    uses = {(person_of[p], phone_ids[v]) for p, vs in phones_of.items() for v in vs
            if v in phone_ids and p in person_of}
    if uses:
        out.edges["USES"] = [{**edge_base, "src": src, "dst": dst} for src, dst in sorted(uses)]
    if given_by:
        out.edges["GIVEN_BY"] = [{**edge_base, "src": sid, "dst": given_by}]
    return out


def _coreference(text: str, mentions: list[Mention]
                 ) -> tuple[dict[int, int], dict[int, list[int]], dict[int, str], dict[int, str]]:
    """(person mention -> the mention whose node it is, person mention -> phone mentions it
    uses, speaker's mention -> their full birth date from the introduction, group head ->
    its MENTIONS role), by index into ``mentions``. A protected speaker's birth date is sealed
    with the rest of their identity by the service (``IDENTITY_FIELDS``).

    The role is what entity resolution needs to link the statement's persons within its case
    as it would link the mentions themselves: ``speaker`` (``disputing_speaker`` when they say
    they are not the person the case names), ``official`` (named only in the protocol's
    header) or ``unclear`` (a short name the statement gives to two people)."""
    persons = [Span(str(n), m.start, m.end, m.text) for n, m in enumerate(mentions)
               if m.type == "person"]
    values = [Span(str(n), m.start, m.end, m.text, m.type, str(m.value)) for n, m in enumerate(mentions)
              if m.type in ("phone", "date")]
    if not persons:
        return {}, {}, {}, {}
    links = link_statement(text, persons, values)
    owner = {int(m): int(head) for m, head in links.group_of().items()}
    phone_at = {v.value: int(v.id) for v in values if v.kind == "phone"}
    phones_of = {int(h): [phone_at[p] for p in sorted(ps) if p in phone_at]
                 for h, ps in links.phones.items()}
    born = {int(h): d for h, d in links.birth_date.items() if len(d) == 10}
    roles = {int(h): "unclear" for h in links.ambiguous}
    roles.update({int(h): "official" for h in links.header})
    if links.speaker is not None:
        roles[int(links.speaker)] = "disputing_speaker" if links.contested else "speaker"
    return owner, phones_of, born, roles

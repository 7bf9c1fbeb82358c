"""The extraction pipeline: a blank spaCy pipeline with Halqa's rule components.

``spacy.blank("xx")`` gives a tokenizer for Latin and Cyrillic text; the components add
candidate mentions to ``doc._.mentions`` (patterns for identifiers, dates and money; the place
gazetteer; organisations; persons) and the last one resolves overlaps, longest span first.
Built once per process.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.date import find_dates
from ingest.extract.document import find_documents
from ingest.extract.language import detect_language
from ingest.extract.mention import Mention
from ingest.extract.money import find_money
from ingest.extract.organization import find_organizations
from ingest.extract.person import PersonFinder
from ingest.extract.phone import find_phones
from ingest.extract.place import PlaceIndex
from ingest.extract.plate import find_plates
from ingest.extract import statistical

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)

# Which type wins when two candidates cover exactly the same characters.
_PRIORITY = {"document": 0, "date": 1, "phone": 2, "money": 3, "plate": 4, "organization": 5, "place": 6, "person": 7}


def _add(doc: Doc, found: list[Mention]) -> None:
    if doc._.mentions is None:
        doc._.mentions = []
    doc._.mentions.extend(found)


@Language.component("halqa_patterns")
def patterns_component(doc: Doc) -> Doc:
    """Identifiers, dates and money: regular patterns on the raw text."""
    text = doc.text
    _add(doc, find_documents(text) + find_dates(text) + find_phones(text) + find_money(text) + find_plates(text))
    return doc


@Language.factory("halqa_places")
def make_places(nlp: Language, name: str) -> "PlacesComponent":
    return PlacesComponent(nlp)


class PlacesComponent:
    def __init__(self, nlp: Language) -> None:
        self.index = PlaceIndex(lambda s: [t.text for t in nlp.make_doc(s)])

    def __call__(self, doc: Doc) -> Doc:
        _add(doc, self.index.find(doc))
        return doc


@Language.component("halqa_organizations")
def organizations_component(doc: Doc) -> Doc:
    _add(doc, find_organizations(doc.text))
    return doc


@Language.factory("halqa_persons")
def make_persons(nlp: Language, name: str) -> "PersonsComponent":
    return PersonsComponent(nlp)


class PersonsComponent:
    """Person names; tokens already inside a place, organisation or identifier are skipped."""

    def __init__(self, nlp: Language) -> None:
        self.finder = PersonFinder(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        covered = bytearray(len(doc.text) + 1)
        for m in doc._.mentions or []:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        blocked = {t.i for t in doc if any(covered[t.idx : t.idx + len(t)])}
        _add(doc, self.finder.find(doc, blocked))
        return doc


@Language.component("halqa_resolve")
def resolve_component(doc: Doc) -> Doc:
    doc._.mentions = resolve(doc._.mentions or [])
    return doc


def resolve(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longer spans first, then type priority, then confidence."""
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), _PRIORITY[m.type], -m.confidence, m.start))
    taken: list[tuple[int, int]] = []
    kept: list[Mention] = []
    for m in ordered:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        taken.append((m.start, m.end))
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


@cache
def nlp() -> Language:
    pipeline = spacy.blank("xx")
    pipeline.add_pipe("halqa_patterns")
    pipeline.add_pipe("halqa_places")
    pipeline.add_pipe("halqa_organizations")
    pipeline.add_pipe("halqa_persons")
    pipeline.add_pipe("halqa_resolve")
    return pipeline


def extract(text: str, lang: str | None = None) -> list[Mention]:
    """Mentions in ``text`` (a statement in az, ru or en; detected when ``lang`` is None)."""
    if not text:
        return []
    language = lang or detect_language(text)
    doc = nlp()(text)
    mentions = doc._.mentions or []
    extra = statistical.person_candidates(text, language)
    if extra:
        mentions = resolve(mentions + extra)
    return mentions

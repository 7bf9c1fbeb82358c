"""The extraction pipeline: rule components over the text and one shared token table.

1. identifiers, dates, money, plates and addresses: regular patterns on the raw text;
2. places from the gazetteer and organisations;
3. persons, on the tokens no earlier mention covers;
4. overlaps resolved, longest span first.

Everything that is costly to build (gazetteer indexes, compiled patterns) is built once per
process. The rules need tokens and nothing else, so no spaCy ``Doc`` is made: on ~2 KB
statements the spaCy tokenizer and ``Token`` objects cost more than all the rules together.
spaCy remains the door for a trained model (``statistical.py``), used when one is installed.
"""

from __future__ import annotations

from functools import cache

from ingest.extract import statistical
from ingest.extract.address import find_addresses
from ingest.extract.date import find_dates
from ingest.extract.document import find_documents
from ingest.extract.language import detect_language
from ingest.extract.mention import Mention
from ingest.extract.money import find_money
from ingest.extract.organization import find_organizations
from ingest.extract.person import PersonFinder
from ingest.extract.phone import find_phones
from ingest.extract.place import place_index
from ingest.extract.plate import find_plates
from ingest.extract.tokens import tokenize

# Which type wins when two candidates cover exactly the same characters.
_PRIORITY = {"document": 0, "date": 1, "phone": 2, "money": 3, "plate": 4, "organization": 5, "place": 6, "person": 7}


def resolve(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longer spans first, then type priority, then confidence."""
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), _PRIORITY[m.type], -m.confidence, m.start))
    taken = bytearray(max((m.end for m in candidates), default=0) + 1)
    kept: list[Mention] = []
    for m in ordered:
        if any(taken[m.start : m.end]):
            continue
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


@cache
def _persons() -> PersonFinder:
    return PersonFinder()


def extract(text: str, lang: str | None = None) -> list[Mention]:
    """Mentions in ``text`` (a statement in az, ru or en; detected when ``lang`` is None)."""
    if not text:
        return []
    language = lang or detect_language(text)
    tokens = tokenize(text)
    found = find_documents(text) + find_dates(text) + find_phones(text) + find_money(text) + find_plates(text)
    found += find_addresses(text)
    places = place_index().find(tokens)
    found += places
    found += find_organizations(text, places)
    covered = bytearray(len(text) + 1)
    for m in found:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    blocked = [any(covered[s:e]) for s, e in zip(tokens.starts, tokens.ends)]
    found += _persons().find(tokens, blocked, language)
    extra = statistical.person_candidates(text, language)
    return resolve(found + extra)

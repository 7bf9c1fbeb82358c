"""Places from the gazetteer, with case endings: Bakıya, Bakıdan, в Москве, из Дубая.

Each spelling is tokenised like the statement; Azerbaijani spellings inflect on their last
word, Russian ones on every word (Красном Мосту), English ones take a possessive. The value is
the canonical English name; ``parts`` carry kind and country. A country name used for a
language ("Azərbaycan dilində", "на азербайджанском языке") is not a place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ingest.extract.folding import fold
from ingest.extract.gazetteer import Place, places
from ingest.extract.inflection import forms
from ingest.extract.mention import Mention
from ingest.extract.tokens import Tokens, tokenize

_LANGUAGE_WORDS = frozenset(fold(w) for w in "dili dilində dilinə dilindən dilinde language языке язык языка".split())


@dataclass(frozen=True, slots=True)
class _Entry:
    rest: tuple[frozenset[str], ...]
    capitalised: bool
    place: Place


class PlaceIndex:
    """First-word surface form -> candidate spellings starting with it (longest first)."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Entry]] = {}
        for spelling, lang, place in places():
            words = tokenize(spelling).words
            if not words:
                continue
            sets = []
            for i, w in enumerate(words):
                last = i == len(words) - 1
                if w.isalpha() and (lang == "ru" or last):
                    sets.append(frozenset(forms(w, lang)))
                else:
                    sets.append(frozenset({fold(w)}))
            entry = _Entry(tuple(sets[1:]), words[0][:1].isupper(), place)
            for form in sets[0]:
                self._index.setdefault(form, []).append(entry)
        for entries in self._index.values():
            entries.sort(key=lambda e: len(e.rest), reverse=True)

    def lookup(self, tokens: Tokens, i: int) -> tuple[Place, int] | None:
        """The place whose spelling starts at token ``i`` and the index of its last token."""
        entries = self._index.get(tokens.folded[i])
        if not entries:
            return None
        folded, n = tokens.folded, len(tokens)
        for entry in entries:
            if entry.capitalised and not tokens.words[i][:1].isupper():
                continue
            k = len(entry.rest)
            if i + k >= n:
                continue
            if all(folded[i + 1 + j] in entry.rest[j] for j in range(k)):
                return entry.place, i + k
        return None

    def find(self, tokens: Tokens) -> list[Mention]:
        out: list[Mention] = []
        text, n = tokens.text, len(tokens)
        i = 0
        while i < n:
            hit = self.lookup(tokens, i)
            if hit is None:
                i += 1
                continue
            place, j = hit
            if not (place.kind == "country" and j + 1 < n and tokens.folded[j + 1] in _LANGUAGE_WORDS):
                start, end = tokens.starts[i], tokens.ends[j]
                out.append(Mention("place", text[start:end], start, end, place.name, 0.9,
                                   {"kind": place.kind, "country": place.country}))
            i = j + 1
        return out


@cache
def place_index() -> PlaceIndex:
    return PlaceIndex()

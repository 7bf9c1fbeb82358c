"""Places from the gazetteer, with case endings: Bakıya, Bakıdan, в Москве, из Дубая.

Each spelling is tokenised with the pipeline's own tokenizer; Azerbaijani spellings inflect
on their last word, Russian ones on every word (Красном Мосту), English ones take a
possessive. The value is the canonical English name; ``parts`` carry kind and country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from spacy.tokens import Doc

from ingest.extract.folding import fold
from ingest.extract.gazetteer import Place, places
from ingest.extract.inflection import forms
from ingest.extract.mention import Mention


@dataclass(frozen=True)
class _Entry:
    rest: tuple[frozenset[str], ...]
    capitalised: bool
    place: Place


class PlaceIndex:
    """First-word surface form -> candidate spellings starting with it."""

    def __init__(self, split: Callable[[str], Iterable[str]]) -> None:
        self._index: dict[str, list[_Entry]] = {}
        for spelling, lang, place in places():
            words = [w for w in split(spelling)]
            if not words:
                continue
            sets = []
            for i, w in enumerate(words):
                last = i == len(words) - 1
                if lang == "ru" and w.isalpha():
                    sets.append(frozenset(forms(w, "ru")))
                elif last and w.isalpha():
                    sets.append(frozenset(forms(w, lang)))
                else:
                    sets.append(frozenset({fold(w)}))
            entry = _Entry(tuple(sets[1:]), words[0][:1].isupper(), place)
            for form in sets[0]:
                self._index.setdefault(form, []).append(entry)
        for entries in self._index.values():
            entries.sort(key=lambda e: len(e.rest), reverse=True)

    def find(self, doc: Doc) -> list[Mention]:
        out: list[Mention] = []
        text = doc.text
        folded = [fold(t.text) for t in doc]
        i = 0
        n = len(doc)
        while i < n:
            entries = self._index.get(folded[i])
            hit = None
            if entries:
                for entry in entries:
                    if entry.capitalised and not doc[i].text[:1].isupper():
                        continue
                    k = len(entry.rest)
                    if i + k >= n:
                        continue
                    if all(folded[i + 1 + j] in entry.rest[j] for j in range(k)):
                        hit = (entry, k)
                        break
            if hit is None:
                i += 1
                continue
            entry, k = hit
            start = doc[i].idx
            end = doc[i + k].idx + len(doc[i + k].text)
            out.append(
                Mention(
                    "place", text[start:end], start, end, entry.place.name, 0.9,
                    {"kind": entry.place.kind, "country": entry.place.country},
                )
            )
            i += k + 1
        return out

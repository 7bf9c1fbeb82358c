"""The data files shipped in ``ingest/extract/data``: places, streets, names, months.

Loaded once per process (``functools.cache``); nothing is fetched from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ingest.extract.folding import fold
from ingest.extract.inflection import forms
from ingest.extract.spelling import english_spellings, russian_spellings


def _load(name: str):
    with resources.files("ingest.extract").joinpath("data").joinpath(name).open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class Place:
    name: str  # canonical English name
    kind: str
    country: str


@dataclass(frozen=True)
class Names:
    given_forms: frozenset[str]  # folded surface forms of given names, all languages, inflected
    given_bases: frozenset[str]  # folded given names as listed and spelled, not inflected
    surnames: frozenset[str]  # folded surface forms of listed surnames, inflected
    surname_endings: tuple[str, ...]  # folded
    patronymic_markers: frozenset[str]
    patronymic_endings: tuple[str, ...]
    nicknames: dict[str, str]  # folded surface form of a nickname, inflected -> its folded base
    ambiguous: dict[str, str]  # folded form of a given name that is also an everyday word -> base
    common_words: frozenset[str]  # folded capitalised words that are never part of a name
    rank_followers: frozenset[str]  # "полиции": the word before is a rank, not a name
    subject_followers: frozenset[str]  # "mənə", "говорила", "said": the word before acts as a subject


def _word_forms(word: str, lang: str) -> set[str]:
    """Folded, inflected forms of one word; an Azerbaijani word with its Russian and English
    spellings."""
    out = forms(word, lang)
    if lang == "az":
        for sp in english_spellings(word):
            out |= forms(sp, "en")
        for sp in russian_spellings(word):
            out |= forms(sp, "ru")
    return out


def _all_scripts(az_words, ru_words, en_words, inflect: bool = True) -> set[str]:
    out: set[str] = set()
    for lang, words in (("az", az_words), ("ru", ru_words), ("en", en_words)):
        for w in words:
            if inflect:
                out |= _word_forms(str(w), lang)
            else:
                out.add(fold(str(w)))
                if lang == "az":
                    out |= {fold(sp) for sp in english_spellings(str(w)) | russian_spellings(str(w))}
    return out


@cache
def places() -> list[tuple[str, str, Place]]:
    """(spelling, language, place) for every spelling of every place."""
    out = []
    for name, entry in _load("places.yaml").items():
        place = Place(name=name, kind=entry["kind"], country=entry.get("country", name))
        for lang in ("az", "ru", "en"):
            for spelling in entry.get(lang, []):
                out.append((str(spelling), lang, place))
    return out


@cache
def streets() -> dict[str, str]:
    """Folded street spelling (words joined by one space, all languages) -> canonical English name."""
    out: dict[str, str] = {}
    for name, entry in _load("streets.yaml").items():
        for lang in ("az", "ru", "en"):
            for spelling in entry.get(lang, []):
                out[" ".join(fold(str(spelling)).split())] = str(name)
    return out


@cache
def months() -> dict[str, int]:
    """Folded month name (all languages and forms) -> month number."""
    out: dict[str, int] = {}
    for number, names in _load("months.yaml").items():
        for n in names:
            out[fold(str(n))] = int(number)
    return out


@cache
def names() -> Names:
    data = _load("names.yaml")
    common = _load("common_words.yaml")
    given = _all_scripts(data["given_az"], data["given_ru"], data["given_en"])
    nicknames: dict[str, str] = {}
    for lang in ("az", "ru", "en"):
        for nick in data[f"nicknames_{lang}"]:
            for form in _word_forms(str(nick), lang) - given:
                nicknames.setdefault(form, fold(str(nick)))
    surnames = _all_scripts(data["surnames_az"], [], [])
    for other in data["surnames_other"]:
        lang = "ru" if _cyrillic(other) else "az"
        surnames |= forms(other, lang)
    endings = {fold(e) for lang_endings in data["surname_endings"].values() for e in lang_endings}
    patro = {fold(e) for lang_endings in data["patronymic_endings"].values() for e in lang_endings}
    return Names(
        given_forms=frozenset(given),
        given_bases=frozenset(_all_scripts(data["given_az"], data["given_ru"], data["given_en"], inflect=False)),
        surnames=frozenset(surnames),
        surname_endings=tuple(sorted(endings, key=len, reverse=True)),
        patronymic_markers=frozenset(fold(m) for m in data["patronymic_markers"]),
        patronymic_endings=tuple(sorted(patro, key=len, reverse=True)),
        nicknames=nicknames,
        ambiguous={f: fold(str(w)) for w in data["ambiguous_given"] for f in forms(str(w), "ru" if _cyrillic(str(w)) else "az")},
        common_words=frozenset(fold(str(w)) for lang in ("az", "ru", "en") for w in common[lang]) - given,
        rank_followers=frozenset(fold(str(w)) for w in common["rank_followers"]),
        subject_followers=frozenset(fold(str(w)) for w in common["subject_followers"]),
    )


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)

"""The data files shipped in ``ingest/extract/data``: places, names, months.

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
    surnames: frozenset[str]  # folded surface forms of listed surnames, inflected
    surname_endings: tuple[str, ...]  # folded
    patronymic_markers: frozenset[str]
    patronymic_endings: tuple[str, ...]


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
    given: set[str] = set()
    for az in data["given_az"]:
        given |= forms(az, "az")
        for sp in english_spellings(az):
            given |= forms(sp, "en")
        for sp in russian_spellings(az):
            given |= forms(sp, "ru")
    for ru in data["given_ru"]:
        given |= forms(ru, "ru")
    for en in data["given_en"]:
        given |= forms(en, "en")
    surnames: set[str] = set()
    for az in data["surnames_az"]:
        surnames |= forms(az, "az")
        for sp in english_spellings(az):
            surnames |= forms(sp, "en")
        for sp in russian_spellings(az):
            surnames |= forms(sp, "ru")
    for other in data["surnames_other"]:
        lang = "ru" if any("\u0400" <= ch <= "\u04ff" for ch in other) else "az"
        surnames |= forms(other, lang)
    endings = {fold(e) for lang_endings in data["surname_endings"].values() for e in lang_endings}
    patro = {fold(e) for lang_endings in data["patronymic_endings"].values() for e in lang_endings}
    return Names(
        given_forms=frozenset(given),
        surnames=frozenset(surnames),
        surname_endings=tuple(sorted(endings, key=len, reverse=True)),
        patronymic_markers=frozenset(fold(m) for m in data["patronymic_markers"]),
        patronymic_endings=tuple(sorted(patro, key=len, reverse=True)),
    )

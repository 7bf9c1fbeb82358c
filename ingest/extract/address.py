"""Street addresses as places of kind ``address``, written the way records give them:

    az  "Bakı şəhəri, Nizami küçəsi, ev 12, mənzil 5"   "Səməd Vurğun küç. 7"
    ru  "г. Баку, ул. Низами, д. 12, кв. 5"              "пр. Ататюрка, д. 3"
    en  "12 Nizami St., apt. 5, Baku"                    "3 Ataturk Avenue"

The value is one English form: "12 Nizami St., apt. 5, Baku" (house, street, kind, flat, city;
the parts that were written). Street names come from ``data/streets.yaml`` or, when not
listed, as written (Azerbaijani transliterated to English letters); cities from the place
gazetteer. ``parts`` hold kind "address", the country when the city is known, and the pieces.
An address covers the words of its street name, so "Səməd Vurğun" there is not a person.
"""

from __future__ import annotations

import re

from ingest.extract.folding import fold
from ingest.extract.gazetteer import names, streets
from ingest.extract.mention import Mention
from ingest.extract.place import place_index
from ingest.extract.spelling import english_spelling
from ingest.extract.tokens import UPPER, tokenize

_W = rf"[{UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*"  # one capitalised word
_STREET = rf"(?:\d{{1,2}}\s)?{_W}(?:\s(?:{_W}|bəy|бек)){{0,3}}"
_CITY = rf"{_W}(?:[-\s]{_W})?"
_HOUSE = r"\d{1,4}(?:\s?[A-Za-zА-Яа-яƏə](?![^\W\d_]))?(?:/\d{1,3})?"

_KINDS = {
    "St.": "küçəsi küç. street st. st ул. ул улица",
    "Ave.": "prospekti pr. prosp. avenue ave. ave пр. пр пр-т проспект",
    "Ln.": "döngəsi dalanı lane ln. пер. пер переулок тупик",
    "Blvd.": "bulvarı boulevard blvd. бульвар бул.",
    "Hwy.": "şossesi highway шоссе ш.",
    "Sq.": "meydanı square sq. площадь пл.",
}
_KIND_OF = {w: kind for kind, words in _KINDS.items() for w in words.split()}

_AZ = re.compile(
    rf"(?<![\w-])(?:(?P<city>{_CITY})\s(?:şəhəri|rayonu|qəsəbəsi|kəndi),\s)?"
    rf"(?P<street>{_STREET})\s(?P<kind>küçəsi|prospekti|döngəsi|dalanı|bulvarı|şossesi|meydanı|küç\.|prosp\.|pr\.)"
    rf"(?:,?\s(?:ev|bina|həyət)\s(?P<house>{_HOUSE})|\s(?P<house2>\d{{1,4}}[A-Za-z]?)(?!\d|[.,]\d))?"
    rf"(?:,\s?(?:mənzil|m\.)\s?(?P<apt>\d{{1,4}}))?(?![\w])"
)
_RU = re.compile(
    rf"(?<![\w-])(?:(?:г\.|город|пос\.|посёлок|с\.)\s?(?P<city>{_CITY}),\s)?"
    rf"(?<![\w-])(?P<kind>ул\.|улица|пр-т|пр\.|проспект|пер\.|переулок|бульвар|бул\.|шоссе|пл\.|площадь)\s?(?P<street>{_STREET})"
    rf"(?:,?\s(?:д\.|дом)\s?(?P<house>{_HOUSE}))?"
    rf"(?:,\s?(?:кв\.|квартира)\s?(?P<apt>\d{{1,4}}))?(?![\w])"
)
_EN = re.compile(
    rf"(?<![\w-])(?P<house>\d{{1,4}}[A-Za-z]?),?\s(?P<street>{_STREET})\s(?P<kind>St\.|Street|Ave\.|Avenue|Lane|Blvd\.|Boulevard|Highway|Square)"
    rf"(?:,\s(?:apt\.|apartment|flat)\s?(?P<apt>\d{{1,4}}))?(?P<tail>,\s(?P<city>{_CITY}))?(?![\w])"
)


def _street_name(raw: str, lang: str) -> str:
    key = " ".join(fold(raw).split())
    known = streets().get(key)
    if known:
        return known
    return english_spelling(raw) if lang == "az" else raw


def _city(raw: str | None) -> tuple[str, str | None] | None:
    """(canonical name, country) of a city as written; None when it is not a known place."""
    if not raw:
        return None
    tokens = tokenize(raw)
    hit = place_index().lookup(tokens, 0) if len(tokens) else None
    if hit and hit[1] == len(tokens) - 1:
        return hit[0].name, hit[0].country
    return None


# A quick look for a street word first: most text has none, and the full patterns are slow
# to try at every position.
_HINTS = {
    "az": re.compile(r"küç|prosp|pr\.|döngə|dalan|bulvar|şosse|meydan"),
    "ru": re.compile(r"ул\.|улиц|пр\.|пр-т|проспект|пер\.|переул|бул|шоссе|пл\.|площад"),
    "en": re.compile(r"St\.|Street|Ave|Lane|Blvd|Boulevard|Highway|Square"),
}


def find_addresses(text: str) -> list[Mention]:
    out = []
    for lang, pattern in (("az", _AZ), ("ru", _RU), ("en", _EN)):
        if not _HINTS[lang].search(text):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            house = m.group("house") or (m.groupdict().get("house2"))
            apt = m.group("apt")
            city_raw = m.group("city")
            city = _city(city_raw)
            if city is None and city_raw and " " in city_raw and m.start("city") == start:
                last = city_raw.rsplit(" ", 1)[1]  # "Hazırda Bakı şəhəri": the city is the last word
                if _city(last):
                    start, city_raw, city = m.end("city") - len(last), last, _city(last)
            street_raw, street_start = m.group("street"), m.start("street")
            if street_start == start:  # nothing before the street: drop leading sentence words
                words = street_raw.split(" ")
                while len(words) > 1 and fold(words[0]) in names().common_words:
                    start += len(words[0]) + 1
                    words = words[1:]
                street_raw = " ".join(words)
            if lang == "en" and m.group("tail") and city is None:
                end = m.start("tail")  # ", My phone ..." is not a city
                city_raw = None
            if not house and not apt and lang != "ru":
                continue  # "Nizami küçəsi" alone is a street named in passing, not an address
            kind = _KIND_OF.get(m.group("kind").lower(), "St.")
            street = _street_name(street_raw, lang)
            value = f"{house} {street} {kind}" if house else f"{street} {kind}"
            if apt:
                value += f", apt. {apt}"
            city_name = city[0] if city else (city_raw if city_raw else None)
            if city_name:
                value += f", {city_name}"
            parts = {"kind": "address", "street": street}
            if city and city[1]:
                parts["country"] = city[1]
            if city_name:
                parts["city"] = city_name
            out.append(Mention("place", text[start:end], start, end, value, 0.85, parts))
    return out

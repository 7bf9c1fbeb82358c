"""Organisations: legal forms (MMC, ASC, ООО, LLC), quoted names after a kind noun
("агентство «Восток»", "ресторан «Сахиль»"), and names before a kind noun ("Sahil Turizm
MMC", "Xəzər nikah agentliyi", "Atlas Construction", "Hotel Palma").

The value is the name as written with quotes removed and spaces collapsed.
"""

from __future__ import annotations

import re
from typing import Iterable

from ingest.extract.folding import fold
from ingest.extract.gazetteer import names
from ingest.extract.inflection import strip_az
from ingest.extract.mention import Mention

_UP = "A-ZƏÜÖĞIŞÇİА-ЯЁ"
_LOW = "a-zəüöğışçа-яё"
_NAME_WORD = rf"[{_UP}][{_LOW}{_UP}'’\-]*"
_QUOTED = r"(?:[«“\"„][^«»“”\"„\n]{1,40}[»”\"])"
_NAME = rf"(?:{_QUOTED}|{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})"

# Azerbaijani: Name [kind words] HEAD(+case suffix)
_AZ_HEADS = (
    r"MMC|ASC|QSC|ATSC|şirkəti\w*|agentliyi\w*|[Mm]ərkəzi\w*|restoranı\w*|oteli\w*|salonu\w*|"
    r"sexi\w*|fabriki\w*|firması\w*|klubu\w*|kafesi\w*|mehmanxanası\w*"
)
_AZ_KIND = r"(?:\s(?:[Tt]urizm|İş|iş|masaj|tikiş|nikah|[İi]nşaat|səyahət|turizm|gözəllik|[Tt]ikinti))*"
_AZ = re.compile(rf"(?<![\w«“\"]){_NAME}{_AZ_KIND}\s(?:{_AZ_HEADS})(?![\w])")
# Russian: [descriptor] KIND-NOUN «Name» | ООО «Name»
_RU_KINDS = (
    r"агентств\w*|ресторан\w*|отел\w*|салон\w*|компани\w*|цех\w*|фирм\w*|кафе|клуб\w*|"
    r"саун\w*|гостиниц\w*|фабрик\w*|центр\w*|предприяти\w*"
)
_RU = re.compile(
    rf"(?<![\w])(?:(?:ООО|ОАО|ЗАО|ПАО|АО|ИП|ТОО)\s?{_QUOTED}|(?:[а-яё]+(?:ое|ая|ый|ий|ой|ом|ую|ого|ей|ым)\s)?(?:{_RU_KINDS})\s{_QUOTED})"
)
# English: Name HEAD | Hotel Name
_EN_HEADS = (
    r"LLC|Ltd\.?|Inc\.?|Restaurant|Spa|Construction|Agency|Centre|Center|Workshop|Company|"
    r"Travel|Tourism LLC|Group"
)
_EN = re.compile(rf"(?<![\w]){_NAME}\s(?:{_EN_HEADS})(?![\w])|(?<![\w])(?:Hotel|Cafe|Club)\s{_NAME_WORD}(?:\s{_NAME_WORD}(?=[\s,.;]|$)){{0,2}}(?![\w])")
_AZ_HINT = re.compile(rf"\s(?:{_AZ_HEADS})(?![\w])")
_RU_HINT = re.compile(rf"(?:ООО|ОАО|ЗАО|ПАО|АО|ИП|ТОО|{_RU_KINDS})\s?[«“\"„]")
_EN_HINT = re.compile(rf"\s(?:{_EN_HEADS})(?![\w])|(?:Hotel|Cafe|Club)\s")
_HEAD = re.compile(rf"(?<=\s)(?:MMC|ASC|QSC|ATSC|LLC|Ltd\.?|Inc\.?|{_AZ_HEADS})(?![\w])")
_KIND_WORDS = frozenset(fold(w) for w in "turizm iş masaj tikiş nikah inşaat səyahət gözəllik tikinti".split())
_LEADING_STOP = frozenset(
    "The Then And But In At On From To With After Before When He She They We I It My Our His Her "
    "Sonra Və Amma Mən O Biz Onlar Bu Həmin Orada Burada Onun Mənim Bizim".split()
)


def _value(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[«»“”\"„]", "", text)).strip()


def _not_name(word: str, start: int, place_starts: set[int]) -> bool:
    """A leading word that is not part of the name: a sentence word, a place ("Dubayda Nur
    masaj salonu"), or a common word with a case ending ("İnstaqramda")."""
    if word in _LEADING_STOP or start in place_starts:
        return True
    common = names().common_words
    return any(base in common for base in strip_az(fold(word)))


def find_organizations(text: str, places: Iterable[Mention] = ()) -> list[Mention]:
    out = []
    place_starts = {p.start for p in places}
    for pattern, hint in ((_AZ, _AZ_HINT), (_RU, _RU_HINT), (_EN, _EN_HINT)):
        if not hint.search(text):
            continue  # no head word anywhere: skip the slow full pattern
        for m in pattern.finditer(text):
            start, raw = m.start(), m.group(0)
            head = _HEAD.search(raw)
            if head and head.end() < len(raw):
                raw = raw[: head.end()]  # "Sahil Turizm MMC şirkətinin": the name ends at its first head
            if pattern is not _RU:
                words = raw.split(" ")
                # the name starts after the last sentence word, place or common word before it
                cut, offset = 0, 0
                for k, word in enumerate(words[:-1]):
                    if fold(word) in _KIND_WORDS:
                        break
                    if _not_name(word, start + offset, place_starts):
                        cut = k + 1
                    offset += len(word) + 1
                start += sum(len(w) + 1 for w in words[:cut])
                words = words[cut:]
                if len(words) < 2 or not words[0][:1].isupper():
                    continue  # "gözəllik salonunda": a kind of place, no name
                if words[0] in ("Hotel", "Cafe", "Club"):
                    keep = 2
                    while keep < len(words) and fold(words[keep]) not in names().given_forms:
                        keep += 1
                    words = words[:keep]  # "Hotel Gunesh Zahra said": Zahra is not the hotel's
                raw = " ".join(words)
            out.append(Mention("organization", raw, start, start + len(raw), _value(raw), 0.8))
    return out

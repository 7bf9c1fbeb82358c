"""Organisations: legal forms (MMC, ASC, ООО, LLC), quoted names after a kind noun
("агентство «Восток»", "ресторан «Сахиль»"), and names before a kind noun ("Sahil Turizm
MMC", "Xəzər nikah agentliyi", "Atlas Construction", "Hotel Palma").

The value is the name as written with quotes removed and spaces collapsed.
"""

from __future__ import annotations

import re

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
_EN = re.compile(rf"(?<![\w]){_NAME}\s(?:{_EN_HEADS})(?![\w])|(?<![\w])(?:Hotel|Cafe|Club)\s{_NAME_WORD}(?![\w])")
_LEADING_STOP = frozenset(
    "The Then And But In At On From To With After Before When He She They We I It My Our His Her "
    "Sonra Və Amma Mən O Biz Onlar Bu Həmin Orada Burada Onun Mənim Bizim".split()
)


def _value(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[«»“”\"„]", "", text)).strip()


def find_organizations(text: str) -> list[Mention]:
    out = []
    for pattern in (_AZ, _RU, _EN):
        for m in pattern.finditer(text):
            start, raw = m.start(), m.group(0)
            words = raw.split(" ")
            while len(words) > 2 and words[0] in _LEADING_STOP:
                start += len(words[0]) + 1
                words = words[1:]
            raw = " ".join(words)
            if raw.split(" ")[0] in _LEADING_STOP:
                continue
            out.append(Mention("organization", raw, start, start + len(raw), _value(raw), 0.8))
    return out

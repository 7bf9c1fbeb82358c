"""Calendar dates -> ISO 8601 ("2023-03-12").

Numeric (12.03.2023, 12/03/2023, 2023-03-12) and written with a month name in Azerbaijani,
Russian (genitive: "12 марта 2023 г.") or English ("12 March 2023", "March 12, 2023").
A date without a year is not reported: it cannot be normalised.

A year of birth on its own ("1990 г.р.", "1990 года рождения", "1987-ci ildə anadan
olmuşam", "1995-ci il təvəllüdlü", "born in 1997") is a date of year precision, value "1990"
(ISO 8601 reduced precision, as FollowTheMoney dates allow); it matters for telling persons
apart. The span is the year with an Azerbaijani ordinal suffix when written ("1987-ci"), not
the words around it ("г.р." and "года рождения" say what the date is, like "born").
Other bare years ("в 2019 году") are not reported: a year alone is too often something else.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ingest.extract.folding import fold
from ingest.extract.gazetteer import months
from ingest.extract.mention import Mention

_YEAR_TAIL = r"(?:\s?(?:г\.(?!\s?р\.)|года?\b(?!\s+рождения))|-(?:ci|cı|cu|cü)\s+il(?:in|də|)(?!\w))?"
_ORDINAL = r"(?:-?(?:ci|cı|cu|cü)|st|nd|rd|th)?"
_NUMERIC = (
    re.compile(rf"(?<![\w.\-/])(?P<d>\d{{1,2}})(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_YEAR_TAIL}(?![\w/]|-\d|\.\d)"),
    re.compile(r"(?<![\w.\-/])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/]|-\d|\.\d)"),
)


_Y = r"(?:19|20)\d\d"
_AZ_ORD = r"-(?:ci|cı|cu|cü)"
# group "span" is the mention, group "y" the year
_BIRTH_YEAR = (
    re.compile(rf"(?<![\w.\-/])(?P<span>(?P<y>{_Y}))\s?(?:г\.\s?р\.|г\.р(?!\w)|(?:г\.|года)\s+рождения)"),
    re.compile(rf"\bродил(?:ся|ась)\s+в\s+(?P<span>(?P<y>{_Y}))\s?(?:г\.|году)"),
    re.compile(rf"(?<![\w.\-/])(?P<span>(?P<y>{_Y}){_AZ_ORD})\s+il(?:də)?\s+(?:[^\W\d_]+\s+)?(?:anadan|doğul|təvəllüd)", re.IGNORECASE),
    re.compile(rf"\btəvəllüdü:?\s(?P<span>(?P<y>{_Y})(?:{_AZ_ORD})?)(?!\w)", re.IGNORECASE),
    re.compile(rf"\b(?:born(?:\s+in)?|year\s+of\s+birth:?|b\.)\s(?P<span>(?P<y>{_Y}))(?![\w/]|[.\-]\d)", re.IGNORECASE),
)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted(months(), key=len, reverse=True)
    # a first-letter check up front lets the engine skip most positions quickly
    initials = "".join(sorted({ch for n in names for ch in (n[0], n[0].upper())}))
    month = f"(?=[{re.escape(initials)}])(?P<mon>" + "|".join(re.escape(n) for n in names) + r")\.?"
    flags = re.IGNORECASE
    return (
        re.compile(rf"(?<![\w.])«?(?P<d>\d{{1,2}})»?{_ORDINAL}\s+(?:of\s+)?{month}(?!\w),?\s+(?P<y>\d{{4}})(?!\d){_YEAR_TAIL}", flags),
        re.compile(rf"(?<![\w.])(?P<y>\d{{4}})-(?:ci|cı|cu|cü)\s+il(?:in|də)?\s+(?P<d>\d{{1,2}})\s+{month}(?!\w)", flags),
        re.compile(rf"(?<![\w.]){month}(?!\w)\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})(?!\d)", flags),
    )


def _iso(y: str, m: int | str, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[Mention]:
    out = []
    for pattern in _NUMERIC:
        for m in pattern.finditer(text):
            iso = _iso(m.group("y"), m.group("m"), m.group("d"))
            if iso:
                out.append(Mention("date", m.group(0), m.start(), m.end(), iso, 0.95))
    for pattern in _BIRTH_YEAR:
        for m in pattern.finditer(text):
            a, b = m.span("span")
            out.append(Mention("date", text[a:b], a, b, m.group("y"), 0.85, {"precision": "year"}))
    table = months()
    for pattern in _patterns():
        for m in pattern.finditer(text):
            number = table.get(fold(m.group("mon").rstrip(".")))
            iso = _iso(m.group("y"), number, m.group("d")) if number else None
            if iso:
                out.append(Mention("date", m.group(0), m.start(), m.end(), iso, 0.95))
    return out

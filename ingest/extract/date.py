"""Calendar dates -> ISO 8601 ("2023-03-12").

Numeric (12.03.2023, 12/03/2023, 2023-03-12) and written with a month name in Azerbaijani,
Russian (genitive: "12 марта 2023 г.") or English ("12 March 2023", "March 12, 2023").
A date without a year is not reported: it cannot be normalised.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ingest.extract.folding import fold
from ingest.extract.gazetteer import months
from ingest.extract.mention import Mention

_YEAR_TAIL = r"(?:\s?(?:г\.|года?\b)|-(?:ci|cı|cu|cü)\s+il(?:in|də|)(?!\w))?"
_ORDINAL = r"(?:-?(?:ci|cı|cu|cü)|st|nd|rd|th)?"
_NUMERIC = (
    re.compile(rf"(?<![\w.\-/])(?P<d>\d{{1,2}})(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}){_YEAR_TAIL}(?![\w/]|-\d|\.\d)"),
    re.compile(r"(?<![\w.\-/])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/]|-\d|\.\d)"),
)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted(months(), key=len, reverse=True)
    month = "(?P<mon>" + "|".join(re.escape(n) for n in names) + r")\.?"
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
    table = months()
    for pattern in _patterns():
        for m in pattern.finditer(text):
            number = table.get(fold(m.group("mon").rstrip(".")))
            iso = _iso(m.group("y"), number, m.group("d")) if number else None
            if iso:
                out.append(Mention("date", m.group(0), m.start(), m.end(), iso, 0.95))
    return out

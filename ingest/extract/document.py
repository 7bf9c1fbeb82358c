"""Passport and identity-card numbers. The value is upper case without spaces.

Azerbaijani passports (C01234567, AZE12345678), Azerbaijani ID cards (AA1234567), Russian
internal passports ("45 12 345678", series and number) and other numbers that follow a
document word ("pasport", "паспорт", "passport No.").
"""

from __future__ import annotations

import re

from ingest.extract.mention import Mention

_PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(?<![\w-])(?i:AZE|AZ)\s?\d{4}\s?\d{4}(?!\w|-\d)"), 0.97),
    (re.compile(r"(?<![\w-])(?i:C)\s?\d{8}(?!\w|-\d)"), 0.95),
    (re.compile(r"(?<![\w-])(?i:AA|AB|MYI)\s?\d{7}(?!\w|-\d)"), 0.95),
    (re.compile(r"(?<![\w-])\d{2}\s?\d{2}\s\d{6}(?!\w|-\d)"), 0.9),  # Russian series+number
    (re.compile(r"(?<![\w-])[A-Z]{1,2}\d{7,8}(?!\w|-\d)"), 0.8),
)
_CUE = re.compile(
    r"(?:pasport|passport|паспорт|şəxsiyyət vəsiqəsi|vəsiqə|ID card|удостоверени)\w*"
    r"[^\S\n]*(?:No\.?|№|N|nömrəsi|номер|number|seriyası|серия)?[^\S\n]*:?[^\S\n]*"
    r"(?P<num>[A-ZА-Я]{0,3}[^\S\n]?\d{2}[^\S\n]?\d{2}[^\S\n]?\d{3,6})(?!\w|-\d)",
    re.IGNORECASE,
)


def _value(raw: str) -> str:
    return re.sub(r"\s+", "", raw).upper()


def find_documents(text: str) -> list[Mention]:
    seen: dict[tuple[int, int], Mention] = {}
    for pattern, confidence in _PATTERNS:
        for m in pattern.finditer(text):
            seen.setdefault(m.span(), Mention("document", m.group(0), m.start(), m.end(), _value(m.group(0)), confidence))
    for m in _CUE.finditer(text):
        s, e = m.span("num")
        if not any(a <= s < b or s <= a < e for a, b in seen):
            seen[(s, e)] = Mention("document", m.group("num"), s, e, _value(m.group("num")), 0.85)
    return list(seen.values())

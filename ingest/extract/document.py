"""Passport and identity-card numbers. The value is upper case without spaces.

Azerbaijani passports (C01234567, AZE12345678), Azerbaijani ID cards (AA1234567), Russian
internal passports ("45 12 345678", series and number) and other numbers that follow a
document word ("pasport", "паспорт", "passport No.").
"""

from __future__ import annotations

import re

from ingest.extract.mention import Mention

_KINDS = (  # (pattern, confidence), tried in this order at each position
    (r"(?i:AZE|AZ)\s?\d{4}\s?\d{4}", 0.97),
    (r"(?i:C)\s?\d{8}", 0.95),
    (r"(?i:AA|AB|MYI)\s?\d{7}", 0.95),
    (r"\d{2}\s?\d{2}\s\d{6}", 0.9),  # Russian series+number
    (r"[A-Z]{1,2}\d{7,8}", 0.8),
)
# one pass over the text for all kinds: the group that matched tells the confidence
_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KINDS)) + r")(?!\w|-\d)"
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
    for m in _PATTERN.finditer(text):
        confidence = _KINDS[int(m.lastgroup[1:])][1]
        seen.setdefault(m.span(), Mention("document", m.group(0), m.start(), m.end(), _value(m.group(0)), confidence))
    for m in _CUE.finditer(text):
        s, e = m.span("num")
        if not any(a <= s < b or s <= a < e for a, b in seen):
            seen[(s, e)] = Mention("document", m.group("num"), s, e, _value(m.group("num")), 0.85)
    return list(seen.values())

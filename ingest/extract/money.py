"""Sums of money -> "1500.00 AZN".

Amounts with the currency as a code (AZN, USD), a sign (₼ $ € ₽) or a word in any of the
three languages (manat, dollar, доллар, avro, евро, rubl, руб.), before or after the number;
"5 min manat" / "5 тыс. рублей" / "5 thousand dollars" multiply by a thousand.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ingest.extract.mention import Mention

_WORDS = {
    "AZN": r"AZN|manat\w*|man\.|манат\w*|ман\.|₼",
    "USD": r"USD|US\$|\$|(?:ABŞ|US) dollar\w*|dollar\w*|доллар\w* США|доллар\w*|долл\.",
    "EUR": r"EUR|€|euro\w*|avro\w*|yevro\w*|евро",
    "RUB": r"RUB|₽|Rusiya rubl\w*|rubl\w*|ruble\w*|rouble\w*|рубл\w*|руб\.",
    "TRY": r"TRY|lira\w*|лир\w*|₺",
    "GEL": r"GEL|lari\w*|лари",
}
_CURRENCY = "|".join(f"(?P<{code}>{pattern})" for code, pattern in _WORDS.items())
_AMOUNT = r"(?P<amount>\d{1,3}(?:(?:[ \u00a0\u202f]|[.,](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
_SCALE = r"(?:[ \u00a0](?P<scale>min|мин|тыс\.|тысяч\w*|thousand|million|milyon|млн\.?|миллион\w*))?"
_AFTER = re.compile(rf"(?<![\w.,]){_AMOUNT}{_SCALE}[ \u00a0]?(?:{_CURRENCY})(?![^\W\d_])", re.IGNORECASE)
_SIGNS = {"$": "USD", "€": "EUR", "₼": "AZN", "₽": "RUB", "₺": "TRY"}
_BEFORE = re.compile(r"(?P<sign>[$€₼₽₺]|USD|EUR|AZN|RUB)[ \u00a0]?" + _AMOUNT + r"(?![\d])")
_MULTIPLIERS = {"min": 1000, "мин": 1000, "тыс": 1000, "thousand": 1000, "million": 1_000_000,
                "milyon": 1_000_000, "млн": 1_000_000, "миллион": 1_000_000}


def _number(raw: str) -> Decimal | None:
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", s):
        s = re.sub(r"[.,]", "", s)
    else:
        m = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})*)([.,]\d{1,2})?", s)
        if m and m.group(2):
            s = re.sub(r"[.,]", "", m.group(1)) + "." + m.group(2)[1:]
        elif m:
            s = re.sub(r"[.,]", "", m.group(1))
        else:
            s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _scale(word: str | None) -> int:
    if not word:
        return 1
    w = word.lower().rstrip(".")
    for key, mult in _MULTIPLIERS.items():
        if w.startswith(key):
            return mult
    return 1


def find_money(text: str) -> list[Mention]:
    out = []
    for m in _AFTER.finditer(text):
        code = next(c for c in _WORDS if m.group(c))
        amount = _number(m.group("amount"))
        if amount is None:
            continue
        amount *= _scale(m.group("scale"))
        end = m.end()
        out.append(Mention("money", text[m.start():end], m.start(), end, f"{amount:.2f} {code}", 0.95))
    for m in _BEFORE.finditer(text):
        sign = m.group("sign")
        code = _SIGNS.get(sign, sign)
        amount = _number(m.group("amount"))
        if amount is None:
            continue
        out.append(Mention("money", m.group(0), m.start(), m.end(), f"{amount:.2f} {code}", 0.95))
    return out

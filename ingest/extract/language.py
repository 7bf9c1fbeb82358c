"""Which language a statement is written in: Azerbaijani (Latin), Russian or English.

Decided by letters first (Cyrillic -> ru; ə, ğ, ı, ş ... -> az), then by stop-words.
"""

from __future__ import annotations

import re

LANGUAGES = ("az", "ru", "en")

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_AZ_LETTERS = re.compile(r"[əƏğĞıİşŞçÇöÖüÜ]")
_WORD = re.compile(r"[^\W\d_]+")

_STOP = {
    "az": frozenset(
        "və ki bu ilə üçün da də mən o biz onlar idi olan sonra amma çox nə bir məni onu "
        "mənə ona dedi oldu var yox ilə kimi həm isə də gedib gəldi".split()
    ),
    "en": frozenset(
        "the and of to a in that he she was it for on with as his her they me my i we at by "
        "from had said then but not this there told".split()
    ),
}


def detect_language(text: str) -> str:
    """Return "az", "ru" or "en" (English when nothing else fits, e.g. an empty text)."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr > lat:
        return "ru"
    if lat == 0:
        return "en"
    az_letters = len(_AZ_LETTERS.findall(text))
    words = [w.lower() for w in _WORD.findall(text)]
    az_stop = sum(w in _STOP["az"] for w in words)
    en_stop = sum(w in _STOP["en"] for w in words)
    # Azerbaijani letters are strong evidence, but English statements quote names such as
    # "Məmmədov", so weigh them per word against English stop-words.
    az_score = az_stop + min(az_letters, len(words)) * 0.5
    return "az" if az_score > en_stop else "en"

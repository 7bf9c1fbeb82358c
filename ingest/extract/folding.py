"""The comparison key for words: case- and dotted/dotless-i-insensitive.

Azerbaijani "I"/"ı" and "İ"/"i" and plain typing without diacritics ("Baki") all meet on "i";
Russian "ё" meets "е"; curly apostrophes meet "'".
"""

from __future__ import annotations

_TABLE = str.maketrans({"İ": "i", "I": "i", "ı": "i", "Ё": "е", "ё": "е", "’": "'", "ʼ": "'", "`": "'"})


def fold(word: str) -> str:
    return word.translate(_TABLE).lower()

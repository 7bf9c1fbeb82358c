"""Azerbaijani vehicle plates: "10-AB-123", "90 RR 456", "10AB123" -> "10-AB-123"."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention

_PLATE = re.compile(r"(?<![\w-])(\d{2})(?:[ \-]?([A-Z]{2})[ \-]?|-([a-z]{2})-)(\d{3})(?!\w|-\d)")


def find_plates(text: str) -> list[Mention]:
    out = []
    for m in _PLATE.finditer(text):
        letters = (m.group(2) or m.group(3)).upper()
        value = f"{m.group(1)}-{letters}-{m.group(4)}"
        out.append(Mention("plate", m.group(0), m.start(), m.end(), value, 0.9 if m.group(0)[2] in " -" else 0.8))
    return out

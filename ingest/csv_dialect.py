"""What a CSV file from the unit's office software is written in: the legacy encodings to
detect among, and the delimiter. Shared by the table importer and ``halqa resolve file``; no
heavy imports, so a file-to-file command does not load the store stack."""

from __future__ import annotations

import csv

__all__ = ["DELIMITERS", "LEGACY", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t", "|")
# Legacy encodings of the unit's tables (Russian and Azerbaijani office software). Detection
# picks among these only: a short Cyrillic sample must not be read as a Japanese code page.
LEGACY = ["cp1251", "koi8_r", "cp866", "mac_cyrillic", "cp1254", "iso8859_9", "cp1252"]


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, equally many, fields."""
    lines = [ln for ln in text[:64 * 1024].splitlines() if ln.strip()][:20]
    best, best_score = ",", (-1, -1)
    for d in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
        if not counts or counts[0] < 2:
            continue
        score = (sum(c == counts[0] for c in counts), counts[0])
        if score > best_score:
            best, best_score = d, score
    return best

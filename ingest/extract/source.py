"""Reading a statement file for extraction: size, binary and encoding checks.

UTF-8 first; other encodings (Windows-1251, KOI8-R, UTF-16 ...) are detected with
``charset-normalizer``. Every failure is an ``InvalidInput`` naming the file.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from ingest.input_file import read_input
from intel.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024


def read_statement(path: Path) -> str:
    data = read_input(Path(path), MAX_BYTES, "statement")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(f"{path}: not decodable as UTF-16 text") from None
    else:
        if b"\x00" in data:
            raise InvalidInput(f"{path}: binary file (contains NUL bytes), not a text statement")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise InvalidInput(f"{path}: cannot decode the text (not UTF-8, no known encoding fits)") from None
            text = str(best)
    if not text.strip():
        raise InvalidInput(f"{path}: file is empty")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    if printable < 0.95 * len(text):
        raise InvalidInput(f"{path}: binary file (mostly unprintable characters), not a text statement")
    return text

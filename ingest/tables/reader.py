"""Reading a table file (CSV or XLSX) into a header and rows of text, with its content hash.

CSV: any common encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1251 and other
legacy encodings detected by ``charset-normalizer``), delimiter sniffed among , ; tab |.
XLSX: one sheet (or the one named), values only — a workbook with formulas is refused, since
a formula's cached result may be stale or missing. Every failure is one ``InvalidInput`` line
naming the file. Rows keep their spreadsheet number (the header is row 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from charset_normalizer import from_bytes

from ingest.csv_dialect import LEGACY, sniff_delimiter
from ingest.input_file import read_input
from intel.errors import InvalidInput

MAX_BYTES = 512 * 1024 * 1024


@dataclass
class Table:
    path: Path
    sha256: str
    header: list[str]  # as written in the file
    rows: list[tuple[int, list[str]]]  # (row number, cells)
    encoding: str = ""
    sheet: str = ""

    @property
    def keys(self) -> list[str]:
        """Header names as matched by mappings: trimmed, case-folded."""
        return [h.strip().casefold() for h in self.header]


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data[:4096]:
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        if odd > len(data[:4096]) // 4 and even == 0:
            encoding = "utf-16-le"
        elif even > len(data[:4096]) // 4 and odd == 0:
            encoding = "utf-16-be"
        else:
            raise InvalidInput(f"{path}: binary file (contains NUL bytes), not a CSV table")
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(data[:256 * 1024], cp_isolation=LEGACY).best()
            if best is None:
                raise InvalidInput(f"{path}: cannot decode the text (not UTF-8, no known encoding fits)") from None
            encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InvalidInput(f"{path}: not decodable as {encoding} text") from None
    if "\x00" in text:
        raise InvalidInput(f"{path}: binary file (contains NUL characters), not a CSV table")
    return text, encoding


def read_csv(path: Path, data: bytes, sha: str) -> Table:
    text, encoding = _decode(path, data)
    if not text.strip():
        raise InvalidInput(f"{path}: file is empty")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:64 * 1024])
    if printable < 0.95 * len(text[:64 * 1024]):
        raise InvalidInput(f"{path}: binary file (mostly unprintable characters), not a CSV table")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise InvalidInput(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    header_i = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if header_i is None:
        raise InvalidInput(f"{path}: file is empty")
    header = records[header_i]
    rows = [(i + 1, r) for i, r in enumerate(records) if i > header_i and "".join(r).strip()]  # not blank
    return Table(path=path, sha256=sha, header=header, rows=rows, encoding=encoding)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path, sha: str, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInput(f"{path}: not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        names = wb.sheetnames
        if sheet is None:
            if len(names) != 1:
                raise InvalidInput(f"{path}: workbook has {len(names)} sheets ({', '.join(names)}); "
                                   "name the one to import with --sheet")
            sheet = names[0]
        elif sheet not in names:
            raise InvalidInput(f"{path}: no sheet {sheet!r} (sheets: {', '.join(names)})")
        ws = wb[sheet]
        records: list[tuple[int, list[str]]] = []
        for r, row in enumerate(ws.iter_rows(), start=1):
            cells = []
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    ref = getattr(cell, "coordinate", f"row {r}")
                    raise InvalidInput(f"{path}: sheet {sheet!r} cell {ref} holds a formula ({str(cell.value)[:40]}); "
                                       "import values only (paste as values or save as CSV)")
                cells.append(_cell(cell.value))
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                records.append((r, cells))
    finally:
        wb.close()
    if not records:
        raise InvalidInput(f"{path}: sheet {sheet!r} is empty")
    (_, header), rows = records[0], records[1:]
    width = len(header)
    rows = [(n, cells + [""] * (width - len(cells)) if len(cells) < width else cells) for n, cells in rows]
    return Table(path=path, sha256=sha, header=header, rows=rows, encoding="xlsx", sheet=sheet)


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Header and rows of a CSV or XLSX file; ``sheet`` picks one sheet of a workbook."""
    data = read_input(path, MAX_BYTES, "table")
    sha = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".xlsb"):
        raise InvalidInput(f"{path}: {suffix} workbooks are not supported; save it as .xlsx or .csv")
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        if not data.startswith(b"PK\x03\x04"):
            raise InvalidInput(f"{path}: not an XLSX workbook (no zip signature)")
        return read_xlsx(path, sha, sheet)
    if sheet is not None:
        raise InvalidInput(f"{path}: --sheet applies to XLSX workbooks only")
    return read_csv(path, data, sha)

"""A CSV of person records read one row at a time, for ``halqa resolve file`` (a table of a
million rows is never held in memory).

Encoding and delimiter are detected as ``ingest.tables.reader`` does, on the first 256 KB
(UTF-8 with or without BOM, UTF-16 with BOM, the legacy Cyrillic and Turkish code pages);
the header names the columns (case and spaces do not matter, several spellings each):

    id (required) · name, or given / surname / patronymic (at least one) · birth_date ·
    phone · passport · document (+ document_type) · gender · address · locality ·
    postcode · region · case · protected

Several phones, documents or cases in one cell are separated by ``;`` ``,`` or ``|``. Other
columns are ignored (``ignored`` lists them). Rows are numbered as in a spreadsheet (the header
is row 1). A bad row raises ``InvalidInput`` naming the file, the row and the field.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path
from typing import BinaryIO, Iterator

from charset_normalizer import from_bytes

from ingest.csv_dialect import LEGACY, sniff_delimiter
from intel.errors import InvalidInput

from .record import Record

__all__ = ["PersonTable", "COLUMNS"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "record_id", "person_id", "rec_id"),
    "name": ("name", "full_name", "fio", "person", "person_name"),
    "given": ("given", "given_name", "first_name", "forename"),
    "surname": ("surname", "last_name", "family_name"),
    "patronymic": ("patronymic", "father_name", "fathers_name", "middle_name"),
    "birth_date": ("birth_date", "birthdate", "date_of_birth", "dob"),
    "phone": ("phone", "phones", "tel", "telephone", "mobile", "phone_number"),
    "passport": ("passport", "passport_number"),
    "document": ("document", "documents", "document_number", "doc_number", "soc_sec_id"),
    "document_type": ("document_type", "doc_type"),
    "gender": ("gender", "sex"),
    "address": ("address", "street", "address_1"),
    "locality": ("locality", "city", "town", "suburb"),
    "postcode": ("postcode", "postal_code", "zip", "zip_code"),
    "region": ("region", "state", "province"),
    "case": ("case", "case_id", "case_ids", "cases", "case_number"),
    "protected": ("protected",),
}
_BY_NAME = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}
_SPLIT = re.compile(r"[;,|]")
_YES = {"1", "true", "yes", "y", "da", "да", "bəli", "beli"}
_NO = {"", "0", "false", "no", "n", "net", "нет", "xeyr"}
_PREFIX = 256 * 1024
def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def _encoding(path: Path, head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:4096]:
        raise InvalidInput(f"{path}: binary file (contains NUL bytes), not a CSV table")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < _PREFIX)
        return "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(head, cp_isolation=LEGACY).best()
        if best is None:
            raise InvalidInput(f"{path}: cannot decode the text (not UTF-8, no known encoding fits)") from None
        return best.encoding


class PersonTable:
    """Iterate to get one ``Record`` per non-blank row; ``bytes_read`` / ``size`` for progress."""

    def __init__(self, path: Path):
        self.path = path
        if not path.exists():
            raise InvalidInput(f"{path}: file not found")
        if not path.is_file():
            raise InvalidInput(f"{path}: not a regular file")
        self.size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(_PREFIX)
        if not head.strip():
            raise InvalidInput(f"{path}: file is empty")
        self.encoding = _encoding(path, head)
        sample = codecs.getincrementaldecoder(self.encoding)(errors="replace").decode(head, final=False)
        self.delimiter = sniff_delimiter(sample)
        self.columns: dict[str, int] = {}
        self.header: list[str] = []
        self.ignored: list[str] = []
        self._raw: BinaryIO | None = None

    @property
    def bytes_read(self) -> int:
        return self._raw.tell() if self._raw is not None and not self._raw.closed else 0

    def _map_header(self, header: list[str]) -> None:
        self.header = [h.strip() for h in header]
        for col, text in enumerate(header):
            field = _BY_NAME.get(_header_key(text))
            if field is None:
                if text.strip():
                    self.ignored.append(text.strip())
                continue
            if field in self.columns:
                raise InvalidInput(f"{self.path}: row 1: columns {header[self.columns[field]]!r} and "
                                   f"{text!r} both give the {field}")
            self.columns[field] = col
        if "id" not in self.columns:
            raise InvalidInput(f"{self.path}: row 1: no id column (one of {', '.join(COLUMNS['id'])})")
        if not {"name", "given", "surname"} & set(self.columns):
            raise InvalidInput(f"{self.path}: row 1: no name column (name, or given and surname)")

    def __iter__(self) -> Iterator[Record]:
        path = self.path
        with open(path, "rb") as raw:
            self._raw = raw
            text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
            reader = csv.reader(text, delimiter=self.delimiter)
            row_no = width = header_row = 0
            try:
                for cells in reader:
                    row_no += 1
                    if not self.columns:
                        if not "".join(cells).strip():
                            continue  # blank lines before the header
                        self._map_header(cells)
                        width = len(cells)
                        header_row = row_no
                        continue
                    if not "".join(cells).strip():
                        continue
                    if len(cells) > width and "".join(cells[width:]).strip():
                        raise InvalidInput(f"{path}: row {row_no}: {len(cells)} cells, the header has {width}")
                    yield self._record(cells, row_no)
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{path}: row {row_no + 1}: not valid {self.encoding} text ({exc.reason})") from None
            except csv.Error as exc:
                raise InvalidInput(f"{path}: row {row_no + 1}: not valid CSV ({exc})") from None
            if not self.columns:
                raise InvalidInput(f"{path}: file is empty")
            if row_no == header_row:
                raise InvalidInput(f"{path}: no rows after the header")

    def _record(self, cells: list[str], row_no: int) -> Record:
        col = self.columns

        def get(field: str) -> str:
            i = col.get(field)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        def many(field: str) -> list[str]:
            return [v.strip() for v in _SPLIT.split(get(field)) if v.strip()]

        where = f"{self.path}: row {row_no}"
        rid = get("id")
        if not rid:
            raise InvalidInput(f"{where}: id: empty")
        protected = get("protected").casefold()
        if protected not in _YES and protected not in _NO:
            raise InvalidInput(f"{where}: protected: {get('protected')!r} is not yes or no")
        kind = get("document_type").casefold() or "document"
        documents = [("passport", d) for d in many("passport")] + [(kind, d) for d in many("document")]
        try:
            return Record.build(
                rid, [get("name")] if get("name") else [],
                given=get("given") or None, surname=get("surname") or None,
                patronymic=get("patronymic") or None, birth_date=get("birth_date") or None,
                phones=many("phone"), documents=documents, gender=get("gender"),
                case_ids=many("case"), protected=protected in _YES, source=where,
                address=get("address"), locality=get("locality"), postcode=get("postcode"),
                region=get("region"),
            )
        except InvalidInput as exc:
            detail = str(exc).removeprefix(f"record {rid}: ")
            field, _, why = detail.partition(": ")
            cols = [self.header[col[f]] for f in ((field,) if field != "document" else ("passport", "document"))
                    if f in col]
            if cols:  # name the column as the file does, and the value when the reason does not
                value = " / ".join(get(f) for f in ((field,) if field != "document" else ("passport", "document"))
                                   if f in col)
                shown = why if value in why else f"{value!r}: {why}"
                detail = f"{field} (column {' / '.join(map(repr, cols))}): {shown}"
            raise InvalidInput(f"{where} (id {rid}): {detail}") from None

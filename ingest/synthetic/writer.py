"""The one place a scenario touches the disk.

Everything is written into a temporary folder beside OUT and renamed into place at the end, so a
failed or interrupted run leaves nothing behind. Files are written incrementally (cluster by
cluster) so memory stays bounded; the XLSX goes through openpyxl's write-only mode and is then
repacked with fixed timestamps so the same seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import os
import queue
import re
import shutil
import threading
import zipfile
from datetime import datetime
from pathlib import Path

from intel.errors import InvalidInput

from ingest.synthetic.tables import CDR_COLUMNS, CROSSING_COLUMNS, HOTLINE_COLUMNS
from ingest.synthetic.truth import (GROUP_COLUMNS, NAMESAKE_COLUMNS, ORG_COLUMNS, PERSON_COLUMNS,
                                    ROUTE_COLUMNS)

INDEX_COLUMNS = ("statement_id", "file", "lang", "script", "case_id", "given_by", "speaker_role", "date")
CSV_FILES = {
    "index": ("statements/index.csv", INDEX_COLUMNS),
    "cdr": ("tables/cdr.csv", CDR_COLUMNS),
    "crossings": ("tables/border_crossings.csv", CROSSING_COLUMNS),
    "hotline": ("tables/hotline_referrals.csv", HOTLINE_COLUMNS),
    "persons": ("truth/persons.csv", PERSON_COLUMNS),
    "groups": ("truth/groups.csv", GROUP_COLUMNS),
    "routes": ("truth/routes.csv", ROUTE_COLUMNS),
    "organizations": ("truth/organizations.csv", ORG_COLUMNS),
    "namesakes": ("truth/namesakes.csv", NAMESAKE_COLUMNS),
}
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
_XLSX_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def check_target(out: Path, force: bool) -> None:
    """Refuse an output folder we must not write to, before anything is written."""
    if out.exists() and not out.is_dir():
        raise InvalidInput(f"--out {out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InvalidInput(f"--out {out}: folder exists and is not empty (use --force to replace it)")
    parent = out.parent
    probe = parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise InvalidInput(f"--out {out}: {probe} is not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise InvalidInput(f"--out {out}: folder {probe} is not writable")


class ScenarioWriter:
    """Streams a scenario into ``out`` through a temporary sibling folder."""

    def __init__(self, out: Path, force: bool, xlsx_max_rows: int) -> None:
        check_target(out, force)
        self.out = out
        self.force = force
        self.xlsx_max_rows = xlsx_max_rows
        self.xlsx_rows = 0
        self.xlsx_skipped = 0
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
            if self.tmp.exists():
                shutil.rmtree(self.tmp)
            for sub in ("statements", "tables", "truth"):
                (self.tmp / sub).mkdir(parents=True)
        except OSError as exc:
            raise InvalidInput(f"--out {out}: cannot write there ({exc.strerror or exc})") from None
        self._files = {}
        self._csv = {}
        for key, (rel, columns) in CSV_FILES.items():
            fh = open(self.tmp / rel, "w", encoding="utf-8", newline="")
            self._files[key] = fh
            self._csv[key] = csv.writer(fh, lineterminator="\n")
            self._csv[key].writerow(columns)
        self._mentions = open(self.tmp / "truth/mentions.jsonl", "w", encoding="utf-8", newline="\n")
        from openpyxl import Workbook

        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("border_crossings")
        self._ws.append(list(CROSSING_COLUMNS))
        # statement files are created by a background thread (file creation waits on the disk,
        # generation on the CPU); the bounded queue keeps memory bounded
        self._texts: queue.Queue = queue.Queue(maxsize=2048)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write_texts, name="statement-writer", daemon=True)
        self._thread.start()

    def _write_texts(self) -> None:
        while True:
            item = self._texts.get()
            if item is None:
                return
            if self._error is not None:
                continue
            try:
                with open(item[0], "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(item[1])
            except BaseException as exc:  # reported by finish()
                self._error = exc

    def statement(self, statement_id: str, text: str, index_row: tuple, mention_lines: list[str]) -> None:
        self._texts.put((self.tmp / "statements" / f"{statement_id}.txt", text))
        self._csv["index"].writerow(index_row)
        self._mentions.writelines(mention_lines)

    def rows(self, key: str, rows: list[tuple]) -> None:
        self._csv[key].writerows(rows)
        if key == "crossings":
            room = self.xlsx_max_rows - self.xlsx_rows
            take = rows[:max(0, room)]
            for row in take:
                self._ws.append(list(row))
            self.xlsx_rows += len(take)
            self.xlsx_skipped += len(rows) - len(take)

    def write_json(self, rel: str, text: str) -> None:
        (self.tmp / rel).write_text(text, encoding="utf-8")

    def _close(self) -> None:
        if self._thread.is_alive():
            self._texts.put(None)
            self._thread.join()
        for fh in self._files.values():
            fh.close()
        self._mentions.close()

    def finish(self) -> None:
        """Close everything, make the XLSX reproducible and move the folder into place."""
        self._close()
        if self._error is not None:
            raise InvalidInput(f"--out {self.out}: writing a statement failed ({self._error})")
        self._wb.properties.creator = "halqa generate"
        xlsx = self.tmp / "tables/border_crossings.xlsx"
        self._wb.save(xlsx)
        _repack_reproducibly(xlsx)
        if self.out.exists():
            shutil.rmtree(self.out)  # only reached with --force or an empty folder
        os.replace(self.tmp, self.out)

    def abort(self) -> None:
        try:
            self._close()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _repack_reproducibly(path: Path) -> None:
    """Rewrite a zip with fixed entry timestamps and fixed document created/modified dates."""
    stamp = datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            if info.filename == "docProps/core.xml":
                data = _XLSX_STAMP.sub(lambda m: m.group(1) + stamp + m.group(3), src.read(info.filename))
                dst.writestr(entry, data)
                continue
            # streamed: the sheet of a million rows is far larger than we want in memory
            with src.open(info) as fin, dst.open(entry, "w", force_zip64=True) as fout:
                shutil.copyfileobj(fin, fout, 1 << 20)
    os.replace(tmp, path)

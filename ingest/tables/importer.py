"""Importing one table file into a case: read, map, validate every row, write in one
transaction, record the batch. Values are cleaned once, by the mapper, and written as records;
nodes that may hold protected values (persons) go as rows through sealing and cleaning.

The batch is the file's content: its facts carry ``source = "import:<sha256[:16]>"`` and an
``ImportBatch`` node (keyed by the file's SHA-256 and the case) is written in the same
transaction, so importing the same file again into the same case is recognised and writes
nothing. A file with any invalid row writes nothing unless ``skip_invalid``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from graph_models.ids import make_node_id
from ingest.sink import write_graph
from ingest.tables.mapping import Mapping, load_mapping
from ingest.tables.reader import read_table
from ingest.tables.records import node_records
from ingest.tables.rows import RowError, RowMapper
from intel.errors import InvalidInput
from intel.principal import Principal
from intel.store import GraphStore, WriteResult


class TableInvalid(InvalidInput):
    """Rows of a table failed validation; ``errors`` lists every one."""

    def __init__(self, path: Path, errors: list[RowError], rows: int):
        self.errors = errors
        first = errors[0].line()
        more = f"; {len(errors)} errors in all" if len(errors) > 1 else ""
        super().__init__(f"{first} ({len({e.row for e in errors})} of {rows} rows invalid{more}; nothing written: "
                         "fix them, or use --skip-invalid to import the valid rows)")


@dataclass
class ImportReport:
    file: str
    mapping: str
    case: str
    source: str
    rows: int
    written: int = 0
    errors: list[RowError] = field(default_factory=list)
    result: WriteResult = field(default_factory=WriteResult)
    already: bool = False
    imported_at: str = ""


def batch_id(sha256: str, case: str) -> str:
    return make_node_id("importbatch", [sha256, case])


def import_table(store: GraphStore, principal: Principal, path: Path, mapping: Mapping | str, case: str,
                 skip_invalid: bool = False, sheet: str | None = None, crypto: Any = None) -> ImportReport:
    case = (case or "").strip()
    if not case:
        raise InvalidInput("--case: a case number is required")
    if isinstance(mapping, str):
        mapping = load_mapping(mapping)
    table = read_table(Path(path), sheet=sheet)
    source = f"import:{table.sha256[:16]}"
    report = ImportReport(file=str(path), mapping=mapping.name, case=case, source=source, rows=len(table.rows))
    existing = store.get(principal, batch_id(table.sha256, case))
    if existing is not None:
        report.already = True
        report.written = int(existing.props.get("rows") or 0)
        report.imported_at = str(existing.props.get("recorded_at") or "")
        return report
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    provenance: dict[str, Any] = {"source": source, "recorded_by": principal.user, "recorded_at": now}
    if mapping.grading:
        provenance["grading"] = mapping.grading
    if mapping.handling:
        provenance["handling"] = mapping.handling
    batch = RowMapper(mapping, table, case, provenance).run()
    report.errors = batch.errors
    if batch.errors and not skip_invalid:
        raise TableInvalid(Path(path), batch.errors, len(table.rows))
    if batch.rows_ok == 0:
        raise InvalidInput(f"{path}: no valid rows to import" + (f" ({len(batch.errors)} errors)" if batch.errors else ""))
    nodes, records = node_records(batch.nodes, provenance)
    nodes.setdefault("Case", []).append({"number": case, "cases": [case], **provenance})
    nodes["ImportBatch"] = [{"sha256": table.sha256, "case": case, "file": Path(path).name, "mapping": mapping.name,
                             "rows": batch.rows_ok, "skipped": len(table.rows) - batch.rows_ok, "cases": [case],
                             **provenance}]
    report.result = write_graph(store, principal, nodes, None, crypto, clean_nodes=records, clean_edges=batch.edges)
    report.written = batch.rows_ok
    report.imported_at = now
    return report

"""Tables (CSV/XLSX: call records, border crossings, hotline referrals) into the graph through
declarative YAML mappings; row-level errors name file, row and column; a file is all-or-nothing
unless invalid rows are skipped on purpose."""

from ingest.tables.importer import ImportReport, TableInvalid, import_table
from ingest.tables.mapping import load_mapping, shipped_mappings
from ingest.tables.reader import read_table

__all__ = ["ImportReport", "TableInvalid", "import_table", "load_mapping", "read_table", "shipped_mappings"]

"""Statements into the graph: a Statement node attached to its case, the entities its mentions
name (matched by natural key), MENTIONS edges with offsets, all in one transaction per file."""

from ingest.statements.ingest import StatementReport, ingest_statement

__all__ = ["StatementReport", "ingest_statement"]

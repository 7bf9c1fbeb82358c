"""Copy a whole store from one backend to the other, then prove the copy.

Every node label and relationship type of the schema is read page by page (``dump``, ordered
by id) and written through the shared idempotent upsert (``restore``: ids, hashes and captions
kept as they are), nodes first. Afterwards both sides are read again and compared per label and
type: the count and a checksum over the sorted ids with their content hashes ``h``. A re-run
after an interruption finishes the job, because every page is an idempotent upsert.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from typing import Callable

from graph_models.schema import load_schema
from intel.errors import InvalidInput
from intel.principal import SYSTEM
from intel.store.base import GraphStore

PAGE = 20_000


@dataclass(frozen=True)
class Tally:
    """What one side holds of one label or type."""

    count: int
    checksum: str


@dataclass
class MigrationReport:
    source: str
    target: str
    copied: int = 0
    kinds: dict[str, tuple[Tally, Tally]] = field(default_factory=dict)  # kind -> (source, target)

    @property
    def mismatches(self) -> list[str]:
        return [k for k, (a, b) in self.kinds.items() if a != b]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def kinds() -> tuple[list[str], list[str]]:
    schema = load_schema()
    return list(schema.nodes), list(schema.relationships)


def tally(store: GraphStore, kind: str, is_edge: bool) -> Tally:
    """Count and checksum (sha256 of "id h" lines in id order) of one label or type."""
    digest = hashlib.sha256()
    count = 0
    after = None
    read = store.dump_edges if is_edge else store.dump
    while True:
        rows = read(SYSTEM, kind, after=after, limit=PAGE, columns=["h"])
        for r in rows:
            digest.update(f"{r['id']} {r['h'] or ''}\n".encode())
        count += len(rows)
        if len(rows) < PAGE:
            return Tally(count, digest.hexdigest()[:16])
        after = rows[-1]["id"]


def prepare_target(target: GraphStore, allow_non_empty: bool = False) -> None:
    """Create the target's schema; refuse a target that already holds data unless resuming."""
    target.init_schema()
    if allow_non_empty:
        return
    held = {k: n for k, n in target.counts(SYSTEM).items() if n}
    if held:
        first = next(iter(held))
        more = sum(held.values()) - held[first]
        raise InvalidInput(f"the {target.backend_name} target is not empty ({held[first]} {first}"
                           + (f" and {more} more rows" if more else "") + "); empty it first, or pass "
                           "--resume to finish an interrupted migration")


def migrate(source: GraphStore, target: GraphStore, progress: Callable[[str, int], None] | None = None,
            allow_non_empty: bool = False) -> MigrationReport:
    """Copy everything from ``source`` into ``target`` and verify; ``progress(kind, rows)``
    is called after every page written."""
    with contextlib.ExitStack() as held:
        for store in (source, target):
            hold = getattr(store, "hold", None)  # embedded: keep the database open throughout
            if hold is not None:
                held.enter_context(hold())
        return _copy_and_verify(source, target, progress, allow_non_empty)


def _copy_and_verify(source: GraphStore, target: GraphStore, progress: Callable[[str, int], None] | None,
                     allow_non_empty: bool) -> MigrationReport:
    labels, rel_types = kinds()
    prepare_target(target, allow_non_empty)
    report = MigrationReport(source=source.backend_name, target=target.backend_name)
    for is_edge, names in ((False, labels), (True, rel_types)):
        for kind in names:
            after = None
            while True:
                rows = (source.dump_edges if is_edge else source.dump)(SYSTEM, kind, after=after, limit=PAGE)
                if rows:
                    target.restore(SYSTEM, **({"edges": {kind: rows}} if is_edge else {"nodes": {kind: rows}}))
                    report.copied += len(rows)
                    if progress:
                        progress(kind, len(rows))
                if len(rows) < PAGE:
                    break
                after = rows[-1]["id"]
    for is_edge, names in ((False, labels), (True, rel_types)):
        for kind in names:
            report.kinds[kind] = (tally(source, kind, is_edge), tally(target, kind, is_edge))
    return report

"""``resolve_stream``: ``resolve`` for tables too large to hold in memory (a million records).

The same keys, candidate pairs, scorer, thresholds, vetoes, best-first conflict-aware unions
and cluster numbering as ``resolver.resolve`` (without judgements or a focus: a file of
records, not the store), with memory bounded by fixed budgets (the caches below) plus a few
integers per record. Everything else goes to an sqlite database and files in ``folder``:

1. the records are read once, pickled to a file (``record_file``), their blocking keys to
   sqlite (``block_index``), ids checked for repeats in sqlite;
2. sqlite sorts the keys into blocks; per record only its block memberships stay in memory;
3. a table (``estimate.is_tabular``) gets EM weights fitted on its candidate pairs (all of
   them up to ``em_pairs``, else an even sample) and ``random_pairs`` random pairs;
4. the blocks are walked one at a time, reading only their records (an LRU cache); each
   candidate pair is scored once: a veto goes to a table of forbidden pairs on disk, a pair
   for review goes to ``review_sink`` at once, an automatic merge is kept as (score, i, k) in
   sqlite, without its features;
5. the merges are applied best first (sqlite sorts them) through ``BoundedClusters``; a
   refused merge is scored again for its features and sent to review;
6. each record's cluster number and size go to ``cluster_sink`` in input order.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from intel.errors import InvalidInput

from .block_index import BlockIndex
from .blocking import BlockingStats
from .bounded_clusters import BoundedClusters, ForbiddenPairs
from .estimate import fit, is_rich, random_pairs_of, tabular
from .features import compare
from .record import Record
from .record_file import RecordFile
from .resolver import ALREADY_LINKED, AUTOMATIC, PairDecision, _protected_across_cases
from .scorer import Scored, score_pair
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["StreamReport", "resolve_stream", "WEIGHTS"]

WEIGHTS = ("auto", "fixed", "estimated")
Progress = Callable[[str, int, int], None]  # (stage, advance, total of the stage)


@dataclass
class StreamReport:
    records: int = 0
    stats: BlockingStats = field(default_factory=BlockingStats)
    scorer: str = ""
    em_pairs: int = 0  # candidate pairs the EM weights were fitted on
    vetoed: int = 0
    merged: int = 0  # merges that joined two clusters
    already_linked: int = 0
    refused: int = 0  # merges refused by the cluster checks (sent to review)
    review: int = 0
    clusters: int = 0
    record_reads: int = 0  # records unpickled (cache misses)
    summaries_rebuilt: int = 0
    index_bytes: int = 0  # memory of the block memberships
    seconds: dict[str, float] = field(default_factory=dict)


def _connect(path: Path) -> sqlite3.Connection:
    """A scratch database: one transaction for the whole run, no journal (it is thrown away)."""
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE",
                   "cache_size = -32768", "locking_mode = EXCLUSIVE"):
        db.execute(f"PRAGMA {pragma}")
    db.execute("BEGIN")
    return db


class _Ids:
    """Record ids by row in sqlite; a repeated id fails naming both records."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._buf: list[tuple[int, str, str]] = []
        db.execute("CREATE TABLE ids (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT)")

    def add(self, row: int, record: Record) -> None:
        self._buf.append((row, record.id, record.source))
        if len(self._buf) >= 20_000:
            self.flush()

    def flush(self) -> None:
        if not self._buf:
            return
        try:
            self.db.executemany("INSERT INTO ids VALUES (?, ?, ?)", self._buf)
        except sqlite3.IntegrityError:
            for row, rid, source in self._buf:
                first = self.db.execute("SELECT row, source FROM ids WHERE id = ?", (rid,)).fetchone()
                if first is not None and first[0] != row:
                    raise InvalidInput(f"{source or f'record {row + 1}'}: id: {rid!r} appears twice "
                                       f"(first at {first[1] or f'record {first[0] + 1}'})") from None
                if first is None:  # after the row that failed: not inserted yet
                    self.db.execute("INSERT INTO ids VALUES (?, ?, ?)", (row, rid, source))
        self._buf.clear()

    def in_order(self) -> Iterable[str]:
        cur = self.db.execute("SELECT id FROM ids ORDER BY row")
        while chunk := cur.fetchmany(10_000):
            for (rid,) in chunk:
                yield rid


def resolve_stream(records: Iterable[Record], folder: Path, *,
                   thresholds: Thresholds = DEFAULT_THRESHOLDS, weights: str = "auto",
                   scorer: Callable[[Record, Record], Scored] | None = None,
                   review_sink: Callable[[PairDecision], None] | None = None,
                   cluster_sink: Callable[[int, str, int, int], None] | None = None,
                   merge_sink: Callable[[int, int, float, str], None] | None = None,
                   progress: Progress | None = None, em_pairs: int = 1_000_000,
                   random_pairs: int = 50_000, record_cache: int = 20_000,
                   summary_cache: int = 50_000) -> StreamReport:
    """Resolve ``records`` (an iterable read once) using ``folder`` (empty, private) for the
    on-disk parts. ``cluster_sink(row, id, cluster number, cluster size)`` is called for every
    record in input order; ``merge_sink(i, k, score, reason)`` for every automatic merge (rows).
    ``weights``: ``auto`` (EM for a table, as ``estimate.default_scorer``), ``fixed``,
    ``estimated``; or pass a ``scorer``. Raises ``InvalidInput`` (from the records, or on a
    repeated id) before any sink is called."""
    if weights not in WEIGHTS:
        raise InvalidInput(f"weights: {weights!r} is not one of {', '.join(WEIGHTS)}")
    tick = progress or (lambda stage, advance, total: None)
    review_sink = review_sink or (lambda item: None)
    out = StreamReport()
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out.seconds[stage] = round(now - clock, 2)
        clock = now

    db = _connect(folder / "resolve.sqlite")
    store = RecordFile(folder / "records.pickle", record_cache)
    try:
        ids = _Ids(db)
        index = BlockIndex(db, folder, thresholds)
        n = rich = 0
        for rec in records:
            row = store.append(rec)
            ids.add(row, rec)
            index.add(row, rec)
            rich += is_rich(rec)
            n += 1
        ids.flush()
        store.seal()
        out.records = n
        lap("read")
        tick("sorting blocks", 0, 0)
        index.seal(n)
        out.stats = index.stats
        out.index_bytes = index.nbytes()
        lap("sort")

        if scorer is None:
            if weights == "fixed" or (weights == "auto" and not tabular(n, rich)):
                scorer, out.scorer = score_pair, "fixed weights"
            else:
                model, out.em_pairs = _fit(index, store, em_pairs, random_pairs, tick)
                scorer = model.score_pair
                out.scorer = f"estimated (EM) weights on {out.em_pairs} candidate pairs"
        else:
            out.scorer = getattr(scorer, "__qualname__", "given scorer")
        lap("estimate")

        forbidden = ForbiddenPairs(db, n)
        db.execute("CREATE TABLE auto (score REAL, i INTEGER, k INTEGER)")
        auto_buf: list[tuple[float, int, int]] = []
        tick("scoring pairs", 0, index.pair_bound)  # advanced by each block's bound: ends at 100%
        pairs = work = 0
        for rank, members, small in index.blocks():
            work += index.bound(len(members))
            for i, k in index.pairs(rank, members, small, index.membership):
                pairs += 1
                a, b = store[i], store[k]
                scored = scorer(a, b)
                if scored.veto is not None:
                    forbidden.add(i, k)
                    continue
                if scored.score < thresholds.review:
                    continue
                if _protected_across_cases(a, b):
                    out.review += 1
                    review_sink(PairDecision(a.id, b.id, scored.score, scored.features,
                                             "protected person, records from different cases"))
                elif scored.score >= thresholds.auto_merge:
                    auto_buf.append((scored.score, i, k))
                    if len(auto_buf) >= 20_000:
                        db.executemany("INSERT INTO auto VALUES (?, ?, ?)", auto_buf)
                        auto_buf.clear()
                else:
                    out.review += 1
                    review_sink(PairDecision(a.id, b.id, scored.score, scored.features,
                                             "score between the review and merge thresholds"))
            if rank % 1000 == 999:
                tick("scoring pairs", work, index.pair_bound)
                work = 0
        if auto_buf:
            db.executemany("INSERT INTO auto VALUES (?, ?, ?)", auto_buf)
        out.stats.pairs = pairs
        out.vetoed = forbidden.count
        forbidden.seal()
        lap("score")

        clusters = BoundedClusters(store, forbidden, getattr(scorer, "hard_vetoes", scorer is score_pair),
                                   summary_cache)
        n_auto = db.execute("SELECT count(*) FROM auto").fetchone()[0]
        tick("merging", 0, n_auto)
        cur = db.execute("SELECT score, i, k FROM auto ORDER BY score DESC, i, k")
        while chunk := cur.fetchmany(10_000):
            for score, i, k in chunk:
                if clusters.find(i) == clusters.find(k):
                    out.already_linked += 1
                    if merge_sink:
                        merge_sink(i, k, score, ALREADY_LINKED)
                    continue
                why = clusters.union(i, k)
                if why:
                    a, b = store[i], store[k]
                    out.refused += 1
                    out.review += 1
                    review_sink(PairDecision(a.id, b.id, score, scorer(a, b).features,
                                             f"merge refused: {why}"))
                else:
                    out.merged += 1
                    if merge_sink:
                        merge_sink(i, k, score, AUTOMATIC)
            tick("merging", len(chunk), n_auto)
        out.summaries_rebuilt = clusters.rebuilt
        lap("merge")

        tick("writing clusters", 0, n)
        seen = 0
        for row, (rid, (number, size)) in enumerate(zip(ids.in_order(), clusters.labels())):
            out.clusters = max(out.clusters, number + 1)
            if cluster_sink:
                cluster_sink(row, rid, number, size)
            seen += 1
            if seen % 10_000 == 0:
                tick("writing clusters", 10_000, n)
        out.record_reads = store.reads
        lap("write")
        return out
    finally:
        store.close()
        db.close()


def _fit(index: BlockIndex, store, em_pairs: int, random_pairs: int, tick: Progress):
    """EM weights from the candidate pairs (every pair up to ``em_pairs``, else an even,
    deterministic sample of about that many) and random pairs, as ``estimate.estimate``."""
    every = index.pair_bound <= em_pairs
    cut = int(em_pairs / max(index.pair_bound, 1) * 2**32)
    used = 0

    def candidates():
        nonlocal used
        total = index.stats.blocks
        tick("estimating weights", 0, total)
        for rank, members, small in index.blocks():
            for i, k in index.pairs(rank, members, small, index.membership):
                if every or ((i * 2654435761 + k * 2246822519 + 374761393) & 0xFFFFFFFF) < cut:
                    used += 1
                    yield compare(store[i], store[k])
            if rank % 1000 == 999:
                tick("estimating weights", 1000, total)

    n = len(store)
    model = fit(candidates(), (compare(store[i], store[k]) for i, k in random_pairs_of(n, random_pairs)))
    return model, used

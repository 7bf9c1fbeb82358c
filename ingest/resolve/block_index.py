"""Blocking on disk for the streaming resolver: the candidate pairs of
``blocking.candidate_pairs`` (the same keys, sort key, ``max_block`` and ``window``), with
memory that grows with the records only by a few integers each.

- ``add`` (pass 1): each record's ``blocking_keys`` and sort key go to an sqlite table in the
  run's folder (nothing held in memory);
- ``seal``: sqlite sorts them by key and sort key on disk; walking that order numbers each
  block of two or more records (its rank) and writes its members, in sort order, to a file.
  Per record only its memberships stay in memory: block rank and, in an oversized block, its
  position (8 bytes a membership, plus an 8-byte offset a record);
- ``blocks`` then ``pairs``: one block at a time, each candidate pair of the whole run once,
  as ``candidate_pairs`` yields it: a pair sharing small blocks comes from the first of them
  (by rank); in an oversized block the sorted neighbourhood pairs, less those sharing a small
  block and those already neighbours in an earlier oversized block (``candidate_pairs``
  remembers such pairs in a set; here the stored positions tell, so nothing is remembered).
"""

from __future__ import annotations

import sqlite3
from array import array
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from .blocking import BlockingStats, blocking_keys, sort_key  # the same keys and order
from .record import Record
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["BlockIndex", "Membership"]

_SEP = "\x1f"  # never inside a key part (names are folded keys, values cleaned)
_BATCH = 20_000

Membership = tuple[tuple[int, ...], frozenset[int], dict[int, int]]  # small ranks, as a set, oversized


class BlockIndex:
    def __init__(self, db: sqlite3.Connection, folder: Path, thresholds: Thresholds = DEFAULT_THRESHOLDS):
        self.db = db
        self.folder = folder
        self.thresholds = thresholds
        self.stats = BlockingStats()
        self.pair_bound = 0  # at most this many candidate pairs (known after ``seal``)
        db.execute("CREATE TABLE block_keys (key TEXT, s1 TEXT, s2 TEXT, s3 TEXT, s4 TEXT, row INTEGER)")
        self._buf: list[tuple] = []
        self._n = 0

    # --- pass 1 ---------------------------------------------------------------------------
    def add(self, row: int, record: Record) -> None:
        s1, s2, s3, s4 = sort_key(record)
        for key in blocking_keys(record):
            self._buf.append((_SEP.join(key), s1, s2, s3, s4, row))
        self._n = max(self._n, row + 1)
        if len(self._buf) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            self.db.executemany("INSERT INTO block_keys VALUES (?, ?, ?, ?, ?, ?)", self._buf)
            self._buf.clear()

    # --- sorting ----------------------------------------------------------------------------
    def seal(self, n: int) -> None:
        """Sort the keys into blocks; ``n`` records were added (rows 0..n-1)."""
        self._flush()
        self._n = n
        rows_path = self.folder / "block_rows.i32"
        max_block = self.thresholds.max_block
        starts = array("q", [0])
        m_rows, m_rank, m_pos = array("i"), array("i"), array("i")  # flushed to files in chunks
        files = [open(self.folder / name, "wb") for name in ("block_rows.i32", "m_rank.i32", "m_pos.i32")]
        stats = self.stats
        stats.records = n
        bound = 0

        def close_block(members: list[int]) -> None:
            nonlocal bound
            size = len(members)
            if size < 2:
                return
            rank = stats.blocks
            stats.blocks += 1
            stats.largest_block = max(stats.largest_block, size)
            small = size <= max_block
            bound += self.bound(size)
            if not small:
                stats.oversized_blocks += 1
            for p, row in enumerate(members):
                m_rows.append(row)
                m_rank.append(rank)
                m_pos.append(-1 if small else p)
            starts.append(starts[-1] + size)
            if len(m_rows) >= 1_000_000:
                for fh, arr in zip(files, (m_rows, m_rank, m_pos)):
                    arr.tofile(fh)
                    del arr[:]

        cur = self.db.execute("SELECT key, row FROM block_keys ORDER BY key, s1, s2, s3, s4")
        prev: str | None = None
        members: list[int] = []
        while True:
            chunk = cur.fetchmany(10_000)
            if not chunk:
                break
            for key, row in chunk:
                if key != prev:
                    close_block(members)
                    members = []
                    prev = key
                members.append(row)
        close_block(members)
        for fh, arr in zip(files, (m_rows, m_rank, m_pos)):
            arr.tofile(fh)
            fh.close()
            del arr[:]
        self.db.execute("DROP TABLE block_keys")
        self.pair_bound = bound
        self._starts = np.frombuffer(starts, dtype=np.int64)
        self._rows = np.memmap(rows_path, dtype=np.int32, mode="r") if starts[-1] else np.zeros(0, np.int32)
        # memberships by record: offsets + (rank, position), sorted by rank within a record
        total = int(starts[-1])
        if total:
            ranks = np.memmap(self.folder / "m_rank.i32", dtype=np.int32, mode="r")
            pos = np.memmap(self.folder / "m_pos.i32", dtype=np.int32, mode="r")
            order = np.argsort(self._rows, kind="stable")  # block order within a record: by rank
            self._rank = np.ascontiguousarray(ranks[order])
            self._pos = np.ascontiguousarray(pos[order])
            counts = np.bincount(self._rows, minlength=n)
            del order, ranks, pos
        else:
            self._rank = self._pos = np.zeros(0, np.int32)
            counts = np.zeros(n, np.int64)
        self._offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=self._offsets[1:])

    def bound(self, size: int) -> int:
        """At most this many candidate pairs from a block of ``size`` records."""
        if size <= self.thresholds.max_block:
            return size * (size - 1) // 2
        w = self.thresholds.window
        return (w - 1) * size - (w - 1) * w // 2 if size >= w else size * (size - 1) // 2

    @property
    def memberships(self) -> int:
        return int(self._starts[-1])

    def nbytes(self) -> int:
        """Memory held per run (record memberships, offsets, block starts)."""
        return int(self._rank.nbytes + self._pos.nbytes + self._offsets.nbytes + self._starts.nbytes)

    # --- pass 2 ---------------------------------------------------------------------------
    def membership(self, row: int) -> Membership:
        lo, hi = int(self._offsets[row]), int(self._offsets[row + 1])
        ranks = self._rank[lo:hi].tolist()
        pos = self._pos[lo:hi].tolist()
        small = tuple(r for r, p in zip(ranks, pos) if p < 0)
        return small, frozenset(small), {r: p for r, p in zip(ranks, pos) if p >= 0}

    def blocks(self) -> Iterator[tuple[int, list[int], bool]]:
        """(rank, member rows in sort order, small) for each block, by rank."""
        starts, rows, max_block = self._starts, self._rows, self.thresholds.max_block
        for rank in range(len(starts) - 1):
            members = rows[starts[rank]:starts[rank + 1]].tolist()
            yield rank, members, len(members) <= max_block

    def pairs(self, rank: int, members: list[int], small: bool,
              info: Callable[[int], Membership]) -> Iterator[tuple[int, int]]:
        """The block's candidate pairs (i < k) that no other block yields."""
        if small:
            infos = [info(m) for m in members]
            for x in range(len(members)):
                i, (si, _, _) = members[x], infos[x]
                for y in range(x + 1, len(members)):
                    sj = infos[y][1]
                    if any(r < rank and r in sj for r in si):
                        continue  # an earlier small block yields it
                    j = members[y]
                    yield (i, j) if i < j else (j, i)
            return
        w = self.thresholds.window
        size = len(members)
        infos: dict[int, Membership] = {}
        for x in range(size):
            i = members[x]
            ii = infos.get(i) or info(i)
            for y in range(x + 1, min(x + w, size)):
                j = members[y]
                jj = infos.get(j) or info(j)
                infos[j] = jj
                if ii[1] & jj[1]:
                    continue  # a small block they share yields them
                oj = jj[2]
                if any(r < rank and r in oj and abs(p - oj[r]) < w for r, p in ii[2].items()):
                    continue  # neighbours in an earlier oversized block
                yield (i, j) if i < j else (j, i)
            infos.pop(i, None)

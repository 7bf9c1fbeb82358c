"""``clustering.Clusters`` with memory bounded for a million records (the streaming resolver).

The same conflict checks (``Clusters.conflict``: field conflicts across the two clusters,
pairs marked different, protected persons), the same union by size and the same member order,
so the clusters come out as ``resolve`` makes them. What changes is where things are kept:
- parent and member links: two int32 arrays (8 bytes a record); a cluster's members are a
  circular list through ``_next`` with its tail in ``_tail``;
- cluster summaries: an LRU cache of ``summaries`` clusters; an evicted one is rebuilt from its
  members' records when needed again;
- pairs marked different (vetoes): an sqlite table on disk, looked up only for records flagged
  as having one (one byte a record).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import OrderedDict
from typing import Iterator, Sequence

from .clustering import Clusters, _Summary
from .record import Record

__all__ = ["BoundedClusters", "ForbiddenPairs"]


class ForbiddenPairs:
    """Pairs that must never share a cluster, on disk; ``get`` like the dict it replaces."""

    def __init__(self, db: sqlite3.Connection, n: int):
        self.db = db
        self.count = 0
        self._flag = bytearray(n)
        self._buf: list[tuple[int, int]] = []
        self._sealed = False
        db.execute("CREATE TABLE forbidden (a INTEGER, b INTEGER)")

    def add(self, i: int, j: int) -> None:
        self._buf.append((i, j))
        self._buf.append((j, i))
        self._flag[i] = self._flag[j] = 1
        self.count += 1
        if len(self._buf) >= 40_000:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            self.db.executemany("INSERT INTO forbidden VALUES (?, ?)", self._buf)
            self._buf.clear()

    def seal(self) -> None:
        self._flush()
        self.db.execute("CREATE INDEX forbidden_a ON forbidden (a)")
        self._sealed = True

    def get(self, i: int, default=()):
        if not self._flag[i]:
            return default
        if not self._sealed:
            self.seal()
        return [b for (b,) in self.db.execute("SELECT b FROM forbidden WHERE a = ?", (i,))]


class _LRU(OrderedDict):
    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get(self, key, default=None):
        value = super().get(key, default)
        if value is not default:
            self.move_to_end(key)
        return value

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            self.popitem(last=False)


class BoundedClusters(Clusters):
    def __init__(self, records: Sequence[Record], forbidden: ForbiddenPairs, check_fields: bool = True,
                 summaries: int = 50_000):
        self.records = records
        self.check_fields = check_fields
        n = len(records)
        self._parent = array("i", range(n))
        self._next = array("i", range(n))
        self._tail = array("i", range(n))
        self._summary = _LRU(max(summaries, 4))
        self._forbidden = forbidden
        self.rebuilt = 0  # summaries rebuilt after eviction

    def forbid(self, i: int, j: int) -> None:
        self._forbidden.add(i, j)

    def _summary_of(self, root: int) -> _Summary:
        s = self._summary.get(root)
        if s is None:
            s = self._fresh_summary(root)
            m = self._next[root]
            if m != root:
                self.rebuilt += 1
            while m != root:  # members in the order ``Clusters`` keeps them
                s.absorb(self._fresh_summary(m))
                m = self._next[m]
            self._summary[root] = s
        return s

    def _joined(self, root: int, absorbed: int) -> None:
        nxt, tail = self._next, self._tail
        nxt[tail[root]] = absorbed
        nxt[tail[absorbed]] = root
        tail[root] = tail[absorbed]

    def labels(self) -> Iterator[tuple[int, int]]:
        """(cluster number, cluster size) for each record in order. Clusters are numbered by
        their first record, as ``Resolution.cluster_of`` numbers ``Resolution.clusters``. Reuses
        the member links' memory: call it once, after the last union."""
        n = len(self._parent)
        parent, size, number = self._parent, self._tail, self._next
        for i in range(n):
            parent[i] = self.find(i)
            size[i] = 0
            number[i] = -1
        for i in range(n):
            size[parent[i]] += 1
        self._summary.clear()
        next_no = 0
        for i in range(n):
            r = parent[i]
            if number[r] < 0:
                number[r] = next_no
                next_no += 1
            yield number[r], size[r]

"""Records kept on disk for the streaming resolver: appended once, read back by row number.

Each ``Record`` is pickled into one file, one after the other; an array of byte offsets (8
bytes a record) finds row ``i``. Reading is one ``pread`` and an unpickle, keeping the last
``cache`` records in a small LRU cache (a block's members are read together). Not a memory
map: the pages of a mapped file read at random would count in the process's resident memory
(the operating system's file cache holds them either way). The file lives in the run's
private temporary folder and is read only by the process that wrote it.
"""

from __future__ import annotations

import os
import pickle
from array import array
from collections import OrderedDict
from pathlib import Path

from .record import Record

__all__ = ["RecordFile"]


class RecordFile:
    """Append with ``append`` while writing, ``seal``, then index like a sequence."""

    def __init__(self, path: Path, cache: int = 20_000):
        self.path = path
        self._out = open(path, "wb")
        self._offsets = array("q", [0])
        self._fd: int | None = None
        self._cache: OrderedDict[int, Record] = OrderedDict()
        self._cache_size = max(cache, 64)
        self.reads = 0  # unpickled (cache misses)

    def append(self, record: Record) -> int:
        """Store a record; returns its row number."""
        data = pickle.dumps(record, protocol=5)
        self._out.write(data)
        self._offsets.append(self._offsets[-1] + len(data))
        return len(self._offsets) - 2

    def seal(self) -> None:
        self._out.close()
        self._fd = os.open(self.path, os.O_RDONLY)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> Record:
        cache = self._cache
        rec = cache.get(i)
        if rec is not None:
            cache.move_to_end(i)
            return rec
        if self._fd is None or not 0 <= i < len(self):
            raise IndexError(i)
        start = self._offsets[i]
        rec = pickle.loads(os.pread(self._fd, self._offsets[i + 1] - start, start))
        self.reads += 1
        cache[i] = rec
        if len(cache) > self._cache_size:
            cache.popitem(last=False)
        return rec

    def close(self) -> None:
        if not self._out.closed:
            self._out.close()
        self._cache.clear()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

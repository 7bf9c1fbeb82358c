"""A bulk load that writes while it is still validating, and commits nothing until every row
has passed.

Cleaning a row is Python work on the client; writing it is work on a server (Neo4j) while the
client waits. Done one after the other (``GraphStore._write_chunks``) the two add up. Here a
writer thread sends each chunk as soon as it is clean into one open transaction, while the
caller's thread cleans the next; the transaction is committed only once the last row has been
cleaned, and rolled back if any row is bad, so bad input still writes nothing. It holds at most
``AHEAD`` chunks (a bounded transaction); the remaining chunks are then written one transaction
each, as usual. If anything goes wrong in the writer (a transient server error, a conflict with
another writer, a failed commit), its transaction is abandoned and every chunk is written the
usual way, whose managed transactions retry: each chunk is idempotent, so a chunk that was in
fact committed is found unchanged.
"""

from __future__ import annotations

import threading
from typing import Callable, Iterator, Protocol

from graph_models.validate import CleanEdge, CleanNode
from intel.store.records import WriteResult

AHEAD = 8  # chunks in the transaction that is written while rows are still being cleaned

Chunk = tuple[list[CleanNode], list[CleanEdge]]


class OpenTransaction(Protocol):
    def write(self, part_n: list[CleanNode], part_e: list[CleanEdge]) -> WriteResult: ...

    def commit(self) -> None: ...

    def close(self) -> None:
        """Roll back unless committed, and release the connection."""


class _Writer(threading.Thread):
    def __init__(self, begin: Callable[[], OpenTransaction]):
        super().__init__(name="halqa-write-ahead", daemon=True)
        self.begin = begin
        self.cond = threading.Condition()
        self.chunks: list[Chunk] = []
        self.cleaned: bool | None = None  # None while cleaning; then whether every row passed
        self.written = 0  # chunks written (and, after a commit, committed)
        self.committed = False
        self.result = WriteResult()
        self.error: BaseException | None = None

    def offer(self, chunk: Chunk) -> None:
        with self.cond:
            self.chunks.append(chunk)
            self.cond.notify_all()

    def finish(self, cleaned: bool) -> None:
        with self.cond:
            self.cleaned = cleaned
            self.cond.notify_all()

    def _next(self) -> Chunk | None:
        with self.cond:
            while self.written >= len(self.chunks) and self.cleaned is None:
                self.cond.wait()
            if self.written < len(self.chunks) and self.written < AHEAD:
                return self.chunks[self.written]
            while self.cleaned is None:
                self.cond.wait()
            return None

    def run(self) -> None:
        tx: OpenTransaction | None = None
        try:
            tx = self.begin()
            while (chunk := self._next()) is not None:
                self.result += tx.write(*chunk)
                self.written += 1
            if self.cleaned:
                tx.commit()
                self.committed = True
        except BaseException as exc:  # noqa: BLE001 - the caller redoes the chunks the usual way
            self.error = exc
        finally:
            if tx is not None:
                try:
                    tx.close()
                except BaseException as exc:  # noqa: BLE001
                    self.error = self.error or exc


def load_ahead(chunks: Iterator[Chunk], begin: Callable[[], OpenTransaction],
               write: Callable[[list[CleanNode], list[CleanEdge]], WriteResult],
               progress: Callable[[int], None] | None = None) -> WriteResult:
    """Write ``chunks`` (cleaned lazily: iterating may raise on a bad row). ``begin`` opens the
    write-ahead transaction; ``write`` writes one chunk in its own transaction."""
    writer = _Writer(begin)
    writer.start()
    done: list[Chunk] = []
    try:
        for chunk in chunks:
            done.append(chunk)
            writer.offer(chunk)
    except BaseException:
        writer.finish(cleaned=False)
        writer.join()
        raise
    writer.finish(cleaned=True)
    writer.join()
    total = WriteResult()
    start = 0
    if writer.committed:
        total += writer.result
        start = writer.written
        if progress:
            for part_n, part_e in done[:start]:
                progress(len(part_n) + len(part_e))
    for part_n, part_e in done[start:]:
        total += write(part_n, part_e)
        if progress:
            progress(len(part_n) + len(part_e))
    return total


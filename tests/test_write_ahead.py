"""``load_ahead`` on its own, with a transaction kept in lists: what is committed, when, and
how much the write-ahead transaction may hold."""

from __future__ import annotations

import pytest

from intel.store import ahead
from intel.store.records import WriteResult


class ListTransaction:
    def __init__(self, log: list):
        self.log, self.pending, self.committed, self.closed = log, [], False, False

    def write(self, part_n, part_e):
        self.pending.append(part_n)
        return WriteResult(nodes_created=len(part_n))

    def commit(self):
        self.log.extend(self.pending)
        self.committed = True

    def close(self):
        self.closed = True


def _chunks(n: int, bad_at: int | None = None):
    for i in range(n):
        if i == bad_at:
            raise ValueError(f"row in chunk {i}")
        yield [f"n{i}"], []


def _run(n: int, bad_at: int | None = None, fail_writer: bool = False):
    log, txs, usual, seen = [], [], [], []

    def begin():
        if fail_writer:
            raise ConnectionError("server went away")
        txs.append(ListTransaction(log))
        return txs[-1]

    def write(part_n, part_e):
        usual.append(part_n)
        log.append(part_n)
        return WriteResult(nodes_created=len(part_n))

    result = ahead.load_ahead(_chunks(n, bad_at), begin, write, seen.append)
    return result, log, txs, usual, seen


def test_everything_is_written_once_and_the_ahead_transaction_holds_at_most_AHEAD_chunks():
    n = ahead.AHEAD * 3
    result, log, txs, usual, seen = _run(n)
    assert result.nodes_created == n
    assert sorted(x for part in log for x in part) == sorted(f"n{i}" for i in range(n))
    assert len(txs) == 1 and txs[0].committed and txs[0].closed
    assert 1 <= len(txs[0].pending) <= ahead.AHEAD
    assert len(txs[0].pending) + len(usual) == n
    assert sum(seen) == n


def test_a_bad_row_commits_nothing():
    with pytest.raises(ValueError, match="chunk 5"):
        _run(10, bad_at=5)


def test_a_bad_row_rolls_the_ahead_transaction_back():
    log: list = []
    txs: list[ListTransaction] = []

    def begin():
        txs.append(ListTransaction(log))
        return txs[-1]

    with pytest.raises(ValueError):
        ahead.load_ahead(_chunks(6, bad_at=4), begin, lambda a, b: WriteResult(), None)
    assert log == [] and txs and not txs[0].committed and txs[0].closed


def test_a_writer_that_cannot_begin_leaves_every_chunk_to_the_usual_path():
    result, log, txs, usual, seen = _run(12, fail_writer=True)
    assert result.nodes_created == 12 and len(usual) == 12 and txs == []
    assert sum(seen) == 12

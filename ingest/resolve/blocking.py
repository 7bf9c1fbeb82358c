"""Candidate pairs from blocking keys, near-linear in the number of records.

Keys (a record may have several; all its name spellings contribute):
- ``n``: surname key + first symbol of the given name's key (or of the initial)
- ``g``: given-name key + first symbol of the surname key (catches surname typos)
- ``f``: surname key + the given name's key without its first symbol (catches a slip in the
  first letter of the given name, which both keys above start from: "Şahin"/"Sahin",
  "Cavid"/"Чавид" under one surname)
- ``p``: phone; ``d``: document type + number
- ``b``: birth date + first symbol of the surname key
- ``a``: postcode + first symbol of the given name
Records without a usable name key still block on phone, document and birth date.

A block larger than ``max_block`` is not compared all-pairs (a common surname with a common
initial would otherwise cost O(n^2)): its records are sorted by their name keys and birth
date and each is paired only with the next ``window - 1`` records (sorted neighbourhood).
The number of pairs is therefore at most about ``records * keys * max(max_block, window)``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator, Sequence

from .record import Record
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["BlockingStats", "blocking_keys", "candidate_pairs", "sort_key"]


def blocking_keys(record: Record) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    surname_initial = ""
    for n in record.names:
        init = n.initial_key
        if n.keyable and init:
            keys.add(("n", n.surname_key, init))
        if len(n.given_key) >= 2 and n.surname_key:
            keys.add(("g", n.given_key, n.surname_key[0]))
        if n.keyable and len(n.given_key) >= 3:
            keys.add(("f", n.surname_key, n.given_key[1:]))
        if n.surname_key and not surname_initial:
            surname_initial = n.surname_key[0]
    for p in record.phones:
        keys.add(("p", p))
    for kind, number in record.documents:
        keys.add(("d", kind, number))
    if record.birth_date and len(record.birth_date) == 10:
        keys.add(("b", record.birth_date, surname_initial))
    if record.postcode:
        given_initial = next((n.initial_key for n in record.names if n.initial_key), "")
        if given_initial:
            keys.add(("a", record.postcode, given_initial))
    return keys


def sort_key(record: Record) -> tuple[str, str, str, str]:
    n = record.names[0] if record.names else None
    return (
        n.surname_key if n else "",
        n.given_key if n else "",
        record.birth_date or "",
        record.id,
    )


@dataclass
class BlockingStats:
    records: int = 0
    blocks: int = 0
    oversized_blocks: int = 0
    largest_block: int = 0
    pairs: int = 0


def candidate_pairs(records: Sequence[Record], thresholds: Thresholds = DEFAULT_THRESHOLDS,
                    stats: BlockingStats | None = None) -> Iterator[tuple[int, int]]:
    """Yield each candidate pair (i, j), i < j, once (indexes into ``records``)."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    keys_of: list[tuple[tuple[str, ...], ...]] = []
    canon: dict[tuple[str, ...], tuple[str, ...]] = {}  # one key object per key, not per record
    for idx, rec in enumerate(records):
        keys = tuple(sorted(canon.setdefault(k, k) for k in blocking_keys(rec)))
        keys_of.append(keys)
        for key in keys:
            blocks[key].append(idx)
    small = {k for k, m in blocks.items() if 2 <= len(m) <= thresholds.max_block}
    stats = stats if stats is not None else BlockingStats()
    stats.records = len(records)
    # A pair sharing small blocks is yielded by the first of them in key order only (decided
    # from the two records' own keys: nothing remembered); only pairs found solely through
    # oversized (windowed) blocks are remembered, so memory is bounded by those (at most
    # records x keys x window), not by all candidate pairs.
    seen: set[int] = set()
    n = len(records)
    for key in sorted(blocks):
        members = blocks[key]
        if len(members) < 2:
            continue
        stats.blocks += 1
        stats.largest_block = max(stats.largest_block, len(members))
        if len(members) <= thresholds.max_block:
            for x in range(len(members)):
                i = members[x]
                ki = keys_of[i]
                for y in range(x + 1, len(members)):
                    j = members[y]
                    if i == j:
                        continue
                    kj = keys_of[j]
                    first = next((k for k in ki if k in small and k in kj), key)
                    if first < key:
                        continue  # yielded by an earlier small block
                    stats.pairs += 1
                    yield (i, j) if i < j else (j, i)
            continue
        else:
            stats.oversized_blocks += 1
            ordered = sorted(members, key=lambda i: sort_key(records[i]))
            w = thresholds.window
            pairs = ((ordered[x], ordered[y]) for x in range(len(ordered))
                     for y in range(x + 1, min(x + w, len(ordered))))
        for i, j in pairs:
            if i == j or any(k in small and k in keys_of[j] for k in keys_of[i]):
                continue  # a small block they share yields them
            if i > j:
                i, j = j, i
            code = i * n + j
            if code in seen:
                continue
            seen.add(code)
            stats.pairs += 1
            yield i, j

"""Linking the persons of one case before linking across cases: what ``halqa resolve run``
does with the Person nodes that statement ingest writes (one per person of a statement).

The persons of each case are joined with the rules of ``mentions.join_case`` (the same code
the scenario benchmark's gold-span path uses): full names that agree *and* share a phone or a
full birth date are one person (the father's name is part of the name); the same full name with nothing else in
common is left for review (namesakes); a short name ("Elçin", "Babayeva S.") joins the one
full-name person of the case it fits. Two persons of one statement were already kept apart
by that statement's coreference, and stay apart; so do pairs a reviewer rejected or undid.

Each case's joined persons then become one record (every spelling, phone and document of
its members) for the resolver, whose merges and review items name that record's first
member.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Iterable, Mapping, Sequence

from .judgement import pair_key
from .mentions import _Group, join_case
from .record import Record

__all__ = ["CaseLinking", "link_within_cases"]


@dataclass
class CaseLinking:
    records: list[Record] = field(default_factory=list)  # one per case-level person
    root_of: dict[str, str] = field(default_factory=dict)  # person id -> its record's id
    joined: list[tuple[str, str, str]] = field(default_factory=list)  # (person, person, why)
    unsure: list[tuple[str, str, str]] = field(default_factory=list)  # (person, person, why)


def _group(rec: Record) -> _Group:
    # a name from the extractor's parts may lack what the written form has ("Əliyeva" of
    # "Əliyeva L."): with a given name or initial somewhere, a bare surname would fit anyone
    names = [n for n in rec.names if n.given_key or n.given_initial] or list(rec.names)
    return _Group(case=next(iter(rec.case_ids)), mentions=[rec.id], names=names,
                  phones=set(rec.phones),
                  birth_dates={rec.birth_date} if rec.birth_date else set(),
                  protected=rec.protected)


def link_within_cases(records: Sequence[Record], statements_of: Mapping[str, Iterable[str]],
                      apart: Iterable[tuple[str, str]] = ()) -> CaseLinking:
    """``statements_of``: person id -> the statements that mention it; ``apart``: person pairs
    never joined here (rejected or undone by a reviewer). Persons of several cases (or none)
    are left as they are."""
    out = CaseLinking()
    keep_apart = {pair_key(a, b) for a, b in apart}
    by_case: dict[str, list[Record]] = {}
    for rec in records:
        if len(rec.case_ids) == 1:
            by_case.setdefault(next(iter(rec.case_ids)), []).append(rec)
        else:
            out.records.append(rec)
            out.root_of[rec.id] = rec.id
    for case, members in sorted(by_case.items()):
        members.sort(key=lambda r: r.id)
        groups = [_group(r) for r in members]
        index = {r.id: n for n, r in enumerate(members)}
        in_statement: dict[str, list[int]] = {}
        for r in members:
            for sid in statements_of.get(r.id, ()):
                in_statement.setdefault(sid, []).append(index[r.id])
        for ns in in_statement.values():
            for i, j in combinations(sorted(set(ns)), 2):
                groups[i].apart.add(j)
                groups[j].apart.add(i)
        for a, b in keep_apart:
            if a in index and b in index:
                groups[index[a]].apart.add(index[b])
                groups[index[b]].apart.add(index[a])
        done = join_case(case, groups)
        out.joined += [(members[i].id, members[j].id, why) for i, j, why in done.joined]
        out.unsure += [(members[i].id, members[j].id, why) for i, j, why in done.unsure
                       if done.find(i) != done.find(j)]
        roots: dict[int, list[int]] = {}
        for n in range(len(members)):
            roots.setdefault(done.find(n), []).append(n)
        for root, ns in sorted(roots.items()):
            head = members[ns[0]]
            for n in ns:
                out.root_of[members[n].id] = head.id
            if len(ns) == 1:
                out.records.append(head)
                continue
            names = tuple(nm for n in ns for nm in members[n].names)
            dates = sorted({members[n].birth_date for n in ns if members[n].birth_date}, key=len)
            out.records.append(replace(
                head, names=names, birth_date=dates[-1] if dates else None,
                phones=frozenset().union(*(members[n].phones for n in ns)),
                documents=frozenset().union(*(members[n].documents for n in ns)),
                protected=any(members[n].protected for n in ns)))
    return out

"""Linking the persons of one case before linking across cases: what ``halqa resolve run``
does with the Person nodes that statement ingest writes (one per person of a statement).

The persons of each case are joined with the rules of ``mentions.join_case`` (the same code
the scenario benchmark's gold-span path uses): full names that agree *and* share a phone or a
full birth date are one person (the father's name is part of the name); the same full name
with nothing else in common is one person when the case shows only one person of that name,
else left for review (namesakes); a short name ("Elçin", "Babayeva S.") joins the one
full-name person of the case it fits. How a statement names each person (the role on its
MENTIONS edges, from that statement's coreference) gives ``join_case`` what it knows of the
mentions themselves: the speaker is another person than everyone named in their own
statement, and joins the one person of the case they fit unless they dispute being that
person; the protocol's official is not a first name of the account; a short name the
statement gives to two people joins no one by name. Other persons of one statement were kept
apart by its coreference for want of evidence within it (a short name before the full name
it fits, a short name fitting several), and the case decides for them as it does for the
mentions. Pairs a reviewer rejected or undid stay apart.

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


SPEAKER_ROLES = ("speaker", "disputing_speaker")


def _group(rec: Record, roles: Mapping[str, str | None]) -> _Group:
    # a name from the extractor's parts may lack what the written form has ("Əliyeva" of
    # "Əliyeva L."): with a given name or initial somewhere, a bare surname would fit anyone
    names = [n for n in rec.names if n.given_key or n.given_initial] or list(rec.names)
    said = set(roles.values())
    return _Group(case=next(iter(rec.case_ids)), mentions=[rec.id], names=names,
                  phones=set(rec.phones),
                  birth_dates={rec.birth_date} if rec.birth_date else set(),
                  protected=rec.protected,
                  speaker=bool(said & set(SPEAKER_ROLES)),
                  statement=next(iter(roles)) if len(roles) == 1 else "",
                  official=said == {"official"},
                  ambiguous="unclear" in said,
                  contested="disputing_speaker" in said)


def _apart_in_statement(a: str | None, b: str | None) -> bool:
    """Two persons of one statement its coreference says are two people: the speaker and
    anyone named in their statement, or two persons it gives one short name."""
    return a in SPEAKER_ROLES or b in SPEAKER_ROLES or a == b == "unclear"


def link_within_cases(records: Sequence[Record],
                      statements_of: Mapping[str, Mapping[str, str | None]],
                      apart: Iterable[tuple[str, str]] = ()) -> CaseLinking:
    """``statements_of``: person id -> the statements that mention it, each with the role
    its MENTIONS edges give the person there (``speaker``, ``disputing_speaker``,
    ``official``, ``unclear`` or None); ``apart``: person pairs never joined here (rejected or
    undone by a reviewer). Persons of several cases (or none) are left as they are."""
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
        groups = [_group(r, statements_of.get(r.id, {})) for r in members]
        index = {r.id: n for n, r in enumerate(members)}
        in_statement: dict[str, list[tuple[int, str | None]]] = {}
        for r in members:
            for sid, role in statements_of.get(r.id, {}).items():
                in_statement.setdefault(sid, []).append((index[r.id], role))
        for found in in_statement.values():
            for (i, ri), (j, rj) in combinations(found, 2):  # each person once a statement
                if _apart_in_statement(ri, rj):
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

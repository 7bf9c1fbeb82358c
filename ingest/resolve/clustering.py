"""Clusters from accepted pairs (union-find), refusing to chain records that conflict.

If A ~ B and B ~ C are accepted but A and C have a veto between them (different birth dates,
patronymics, genders or documents of one type, or a human "not the same" judgement), merging
would put both into one person through B. Each union therefore checks the two whole clusters:
- the distinct values of every veto field across the two clusters must not conflict;
- no pair across the two clusters may be in ``forbidden`` (explicit vetoes, negative
  judgements);
- a protected record (victim, witness) may only join records that share a case with it.
A refused union is reported with its reason so the pair can go to review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .features import birth_dates_conflict, documents_conflict, word_similarity
from .record import Record

__all__ = ["Clusters"]


@dataclass
class _Summary:
    members: list[int]
    birth_dates: set[str] = field(default_factory=set)
    patronymics: set[tuple[str, str]] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)
    documents: dict[str, set[str]] = field(default_factory=dict)
    protected: list[int] = field(default_factory=list)

    def absorb(self, other: "_Summary") -> None:
        """Take in the members and values of another cluster (after this one's)."""
        self.members.extend(other.members)
        self.birth_dates |= other.birth_dates
        self.patronymics |= other.patronymics
        self.genders |= other.genders
        for kind, numbers in other.documents.items():
            self.documents.setdefault(kind, set()).update(numbers)
        self.protected.extend(other.protected)


class Clusters:
    """Union-find over record indexes with conflict-aware unions."""

    def __init__(self, records: Sequence[Record], forbidden: Iterable[tuple[int, int]] = (),
                 check_fields: bool = True):
        """``check_fields`` False: only explicit prohibitions and the protected-person rule are
        checked (for scores whose conflicts are soft, see ``estimate``)."""
        self.records = records
        self.check_fields = check_fields
        self._parent = list(range(len(records)))
        self._summary: dict[int, _Summary] = {}
        self._forbidden: dict[int, set[int]] = {}
        for i, j in forbidden:
            self.forbid(i, j)

    def forbid(self, i: int, j: int) -> None:
        self._forbidden.setdefault(i, set()).add(j)
        self._forbidden.setdefault(j, set()).add(i)

    def find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _summary_of(self, root: int) -> _Summary:
        s = self._summary.get(root)
        if s is None:
            s = self._fresh_summary(root)
            self._summary[root] = s
        return s

    def _fresh_summary(self, i: int) -> _Summary:
        """The summary of record ``i`` alone."""
        rec = self.records[i]
        s = _Summary(members=[i])
        if rec.birth_date:
            s.birth_dates.add(rec.birth_date)
        for n in rec.names:
            if n.patronymic:
                s.patronymics.add((n.patronymic, n.patronymic_key))
        if rec.gender:
            s.genders.add(rec.gender)
        for kind, number in rec.documents:
            s.documents.setdefault(kind, set()).add(number)
        if rec.protected:
            s.protected.append(i)
        return s

    def conflict(self, i: int, j: int) -> str | None:
        """Why the clusters of i and j must not be merged, or None."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        a, b = self._summary_of(ri), self._summary_of(rj)
        why = self._field_conflict(a, b) if self.check_fields else None
        if why:
            return why
        return self._rule_conflict(a, b, ri, rj)

    def _field_conflict(self, a: _Summary, b: _Summary) -> str | None:
        if a.genders and b.genders and a.genders != b.genders:
            return "genders in the two clusters differ"
        # the same contest rule as the scorer: an identical document number outweighs a
        # conflicting date or father's name; an identical full birth date a document conflict
        shared_doc = any(a.documents.get(kind, set()) & numbers
                         for kind, numbers in b.documents.items())
        shared_dob = any(len(d) == 10 for d in a.birth_dates & b.birth_dates)
        if not shared_doc:
            for x in a.birth_dates:
                for y in b.birth_dates:
                    if birth_dates_conflict(x, y)[0] == 0.0:
                        return f"cluster members' birth dates conflict: {x} vs {y}"
            for px, kx in a.patronymics:
                for py, ky in b.patronymics:
                    if word_similarity(px, kx, py, ky)[0] < 0.5:
                        return f"cluster members' father's names differ: {px} vs {py}"
        if not shared_dob:
            for kind, numbers in a.documents.items():
                for y in b.documents.get(kind, ()):
                    for x in numbers:
                        if documents_conflict(x, y)[0] == 0.0:
                            return f"cluster members hold different {kind} numbers: {x} vs {y}"
        return None

    def _rule_conflict(self, a: _Summary, b: _Summary, ri: int, rj: int) -> str | None:
        small, other_root = (a, rj) if len(a.members) <= len(b.members) else (b, ri)
        for m in small.members:
            for f in self._forbidden.get(m, ()):
                if self.find(f) == other_root:
                    return (f"{self.records[m].id} and {self.records[f].id} are marked "
                            "as different people")
        for prot, others in ((a.protected, b.members), (b.protected, a.members)):
            for p in prot:
                cases = self.records[p].case_ids
                for m in others:
                    if not (cases & self.records[m].case_ids):
                        return (f"{self.records[p].id} is a protected person and "
                                f"{self.records[m].id} comes from another case")
        return None

    def union(self, i: int, j: int, check: bool = True) -> str | None:
        """Merge the clusters of i and j; returns the refusal reason instead if they conflict."""
        if check:
            why = self.conflict(i, j)
            if why:
                return why
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        a, b = self._summary_of(ri), self._summary_of(rj)
        if len(a.members) < len(b.members):
            ri, rj, a, b = rj, ri, b, a
        self._parent[rj] = ri
        a.absorb(b)
        del self._summary[rj]
        self._joined(ri, rj)
        return None

    def _joined(self, root: int, absorbed: int) -> None:
        """Called after the cluster of ``absorbed`` was merged into that of ``root`` (for
        ``bounded_clusters``, which keeps the member lists outside the summaries)."""

    def groups(self) -> list[list[int]]:
        """Every cluster as a sorted list of record indexes (singletons included)."""
        out: dict[int, list[int]] = {}
        for i in range(len(self._parent)):
            out.setdefault(self.find(i), []).append(i)
        return sorted(out.values(), key=lambda g: g[0])

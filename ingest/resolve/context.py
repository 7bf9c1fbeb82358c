"""Relational evidence across cases: the people two records' cases have in common.

Two mentions with the same full name in two unrelated cases may well be namesakes; in two
cases that also name several *other* people in common (by identical surname and given-name
keys), they are most likely the same network, and the same name is then strong evidence.
``ContextScorer`` adds this as a ``companions`` feature to the fixed-weight scorer (hard
vetoes kept; its weight is ``scorer.WEIGHTS['companions']``): its reason names the people the two cases share. It only applies to pairs of
records whose surnames and given names both agree (``NAME_AGREES``); a pair from one case, or cases sharing fewer than
``MIN_SHARED`` other people, gets no companion evidence; nor does a pair where only one side has a birth date (someone who
gave their own statement against a bare same-name mention: the classic namesake confusion).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from .features import FeatureResult, compare
from .record import Record
from .scorer import Scored, score_features

__all__ = ["ContextScorer", "MIN_SHARED"]

MIN_SHARED = 2  # other people two cases must share before the feature says anything
NAME_AGREES = 0.85  # surname and given name must both agree at least this well (a typo)


def _full_keys(rec: Record) -> set[tuple[str, str]]:
    return {(n.surname_key, n.given_key) for n in rec.names
            if len(n.surname_key) >= 3 and len(n.given_key) >= 2}


class ContextScorer:
    """A ``score_pair`` replacement for ``resolve``: the fixed weights plus ``companions``."""

    hard_vetoes = True  # conflicts stay vetoes, clusters re-check fields (as score_pair)

    def __init__(self, records: Sequence[Record]):
        self._keys = {r.id: _full_keys(r) for r in records}
        by_case: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
        for r in records:
            if r.protected:  # never named in another pair's reasons
                continue
            for case in r.case_ids:
                for k in self._keys[r.id]:
                    by_case[case].setdefault(k, r.display)
        self._by_case = by_case
        self._shared: dict[tuple[str, str], dict[tuple[str, str], str]] = {}

    def _shared_between(self, x: str, y: str) -> dict[tuple[str, str], str]:
        key = (x, y) if x <= y else (y, x)
        got = self._shared.get(key)
        if got is None:
            a, b = self._by_case.get(x, {}), self._by_case.get(y, {})
            got = {k: a[k] for k in a.keys() & b.keys()}
            self._shared[key] = got
        return got

    def companions(self, a: Record, b: Record) -> FeatureResult:
        own = self._keys.get(a.id, set()) | self._keys.get(b.id, set())
        if not self._keys.get(a.id) or not self._keys.get(b.id) or a.case_ids & b.case_ids:
            return FeatureResult("companions", None, "not two named persons of different cases")
        if bool(a.birth_date) != bool(b.birth_date):
            return FeatureResult("companions", None, "only one side has a birth date: a namesake "
                                 "is as likely as the same person")
        best: dict[tuple[str, str], str] = {}
        for x in a.case_ids:
            for y in b.case_ids:
                shared = {k: v for k, v in self._shared_between(x, y).items() if k not in own}
                if len(shared) > len(best):
                    best = shared
        if len(best) < MIN_SHARED:
            return FeatureResult("companions", None, f"their cases share {len(best)} other people")
        names = ", ".join(sorted(best.values())[:4])
        return FeatureResult("companions", 1.0,
                             f"their cases also both name {len(best)} other people ({names})")

    def __call__(self, a: Record, b: Record) -> Scored:
        feats = compare(a, b)
        by_name = {f.feature: f.score for f in feats}
        if (by_name.get("surname") or 0) >= NAME_AGREES and (by_name.get("given") or 0) >= NAME_AGREES:
            return score_features(feats + (self.companions(a, b),))
        return score_features(feats)

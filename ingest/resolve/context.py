"""Relational evidence across cases: the people two records' cases have in common.

Two mentions with the same full name in two unrelated cases may well be namesakes; in two
cases that also name several *other* people in common (by identical surname and given-name
keys), they are most likely the same network, and the same name is then strong evidence.
``ContextScorer`` adds this as a ``companions`` feature to the fixed-weight scorer (hard
vetoes kept; its weight is ``scorer.WEIGHTS['companions']``): its reason names the people the two cases share. It only applies to pairs of
records whose surnames and given names both agree (``NAME_AGREES``); a pair from one case, or cases sharing fewer than
``MIN_SHARED`` other people, gets no companion evidence (one other person in common counts when no third case names
them: a rare companion, not a common name that many cases share); nor does a pair where only one side has a birth date (someone who
gave their own statement against a bare same-name mention: the classic namesake confusion), unless their patronymics
agree too (a father's name is the person's own detail, not what a namesake shares).

A record known only by a given name or nickname ("Айгюн", no surname) that shares a phone number with a record of another
case, the given names agreeing, gets the same evidence (``phone_link``; each record's own first names must agree with one
another and with the other record's, ``first_names_agree``, a nickname it is also known by, "Xala", not counting as a
second first name): the shared number, not a name, ties the two, so the
birth-date caution does not apply; companions are what lift "same first name and same phone" above the review queue.

A phone number both cases tie to a person (other than the pair's own numbers) counts as a person they have in common,
also when one case knows that person only by a first name ("Парвин" with Pərvin Məmmədova's number), and is not
counted again when that person is also shared by name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from ingest.extract.folding import fold

from .features import FeatureResult, compare, word_similarity
from .record import Record
from .scorer import Scored, score_features

__all__ = ["ContextScorer", "MIN_SHARED", "first_names_agree", "one_given_name", "phone_link"]

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
        # phone numbers of each case's (unprotected) records, with the name keys of their holders
        phones: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(dict)
        for r in records:
            if r.protected:
                continue
            for case in r.case_ids:
                for phone in r.phones:
                    phones[case].setdefault(phone, set()).update(self._keys[r.id])
        self._phones = phones
        self._cases_naming: dict[tuple[str, str], int] = defaultdict(int)
        for names in by_case.values():
            for k in names:
                self._cases_naming[k] += 1
        for numbers in phones.values():
            for phone in numbers:
                self._cases_naming[("phone", phone)] += 1
        self._shared: dict[tuple[str, str], dict[tuple[str, str], str]] = {}

    def _shared_between(self, x: str, y: str) -> dict[tuple[str, str], str]:
        key = (x, y) if x <= y else (y, x)
        got = self._shared.get(key)
        if got is None:
            a, b = self._by_case.get(x, {}), self._by_case.get(y, {})
            got = {k: a[k] for k in a.keys() & b.keys()}
            # a number that both cases tie to a person is a person they have in common, also
            # when one case knows them only by a first name or nickname ("Парвин" with Pərvin
            # Məmmədova's number); not counted again when that person is shared by name
            pa, pb = self._phones.get(x, {}), self._phones.get(y, {})
            for phone in sorted(pa.keys() & pb.keys()):
                if not (pa[phone] | pb[phone]) & got.keys():
                    got[("phone", phone)] = f"the holder of {phone}"
            self._shared[key] = got
        return got

    def companions(self, a: Record, b: Record,
                   by_name: dict[str, float | None] | None = None) -> FeatureResult:
        """``by_name``: the pair's feature scores (computed here when not given)."""
        if by_name is None:
            by_name = {f.feature: f.score for f in compare(a, b)}
        ka, kb = self._keys.get(a.id, set()), self._keys.get(b.id, set())
        linked = phone_link(by_name) and first_names_agree(a, b)
        if a.case_ids & b.case_ids or not (linked or (ka and kb)):
            return FeatureResult("companions", None, "not two named persons of different cases")
        if not linked and bool(a.birth_date) != bool(b.birth_date) \
                and (by_name.get("patronymic") or 0) < NAME_AGREES:
            return FeatureResult("companions", None, "only one side has a birth date: a namesake "
                                 "is as likely as the same person")
        own = ka | kb | {("phone", p) for p in a.phones | b.phones}
        best: dict[tuple[str, str], str] = {}
        for x in a.case_ids:
            for y in b.case_ids:
                shared = {k: v for k, v in self._shared_between(x, y).items() if k not in own}
                if len(shared) > len(best):
                    best = shared
        if len(best) < MIN_SHARED and not (
                len(best) == 1 and self._cases_naming[next(iter(best))] <= 2):
            return FeatureResult("companions", None, f"their cases share {len(best)} other people")
        if len(best) < MIN_SHARED:
            return FeatureResult("companions", 1.0, f"their cases also both name "
                                 f"{next(iter(best.values()))}, whom no other case names")
        names = ", ".join(sorted(best.values())[:4])
        return FeatureResult("companions", 1.0,
                             f"their cases also both name {len(best)} other people ({names})")

    def __call__(self, a: Record, b: Record) -> Scored:
        feats = compare(a, b)
        by_name = {f.feature: f.score for f in feats}
        same_name = (by_name.get("surname") or 0) >= NAME_AGREES \
            and (by_name.get("given") or 0) >= NAME_AGREES
        if same_name or (phone_link(by_name) and first_names_agree(a, b)):
            return score_features(feats + (self.companions(a, b, by_name),))
        return score_features(feats)


def phone_link(by_name: dict[str, float | None]) -> bool:
    """A shared phone and agreeing given names, the surnames not against it (one side without
    a surname, a first name or nickname only, or two spellings near enough to count for the
    pair): the number, not the name, says they may be one person."""
    surname = by_name.get("surname")
    return (by_name.get("phone") == 1.0 and (surname is None or surname >= 0.5)
            and (by_name.get("given") or 0) >= NAME_AGREES)


def _first_names(rec: Record) -> list[tuple[str, str]]:
    """The record's given-name spellings, a nickname standing alone left out ("Xala",
    "Dayı": what people call someone, not a second first name)."""
    nick = _nicknames()
    return list(dict.fromkeys((n.given, n.given_key) for n in rec.names if n.given and not (
        not n.surname_key and fold(n.original) in nick)))


def _nicknames():
    from ingest.extract.gazetteer import names
    return names().nicknames


def _agree(given: list[tuple[str, str]]) -> bool:
    return all(word_similarity(x, kx, y, ky)[0] >= NAME_AGREES
               for i, (x, kx) in enumerate(given) for y, ky in given[i + 1:])


def one_given_name(rec: Record) -> bool:
    """Every given-name spelling of the record agrees with every other (a record answering to
    two first names, "Kəmalə" and "Lələ", is not tied to a person by one of them); a
    nickname the record is also known by ("Abdullayeva Nurlanə", "Xala") is no second name."""
    return _agree(_first_names(rec))


def first_names_agree(a: Record, b: Record) -> bool:
    """``one_given_name`` for each record and for the two together: the number ties a
    nickname or first name to a person whose own first name does not contradict it."""
    return one_given_name(a) and one_given_name(b) and _agree(_first_names(a) + _first_names(b))

"""Field-wise comparisons of two records. Each returns a :class:`FeatureResult`: a score in
[0, 1] (``None`` when a side lacks the field: no evidence either way) and a reason a reviewer
can read, like nomenklatura's ``FtResult(score, detail)``. A veto (``veto=True``) is a hard
conflict: the pair is never merged automatically, nor chained through a third record.

Score scale (the scorer reads 0.5 as neutral):
  1.0 same spelling · 0.95 same transliteration key · 0.85/0.75 a one/two-letter slip ·
  0.65 an initial agrees · <= 0.4 different.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from rapidfuzz.distance import JaroWinkler, OSA
from rapidfuzz.fuzz import ratio as ratio_
from rapidfuzz.fuzz import token_sort_ratio

from .names import PersonName, fold
from .record import Record

__all__ = ["FeatureResult", "FEATURES", "compare", "birth_dates_conflict",
           "patronymics_conflict", "documents_conflict"]


@dataclass(frozen=True, slots=True)
class FeatureResult:
    feature: str
    score: float | None
    detail: str
    veto: bool = False

    def __str__(self) -> str:
        mark = " VETO" if self.veto else ""
        shown = "n/a" if self.score is None else f"{self.score:.2f}"
        return f"{self.feature}: {self.detail} ({shown}){mark}"


# --- words (given name, surname, patronymic) --------------------------------------------------


@lru_cache(maxsize=500_000)
def word_similarity(a: str, a_key: str, b: str, b_key: str) -> tuple[float, str]:
    """Similarity of two name words (Latin text, key) with its reason. Cached: names repeat."""
    fa, fb = fold(a), fold(b)
    if fa and fa == fb:
        return 1.0, "same spelling"
    if a_key and a_key == b_key and len(a_key) >= 2:
        return 0.95, f"same transliteration key {a_key}"
    shortest = min(len(fa), len(fb))
    dist = OSA.distance(fa, fb)
    if dist == 1 and shortest >= 4:
        return 0.85, "one letter apart"
    if a_key and b_key and OSA.distance(a_key, b_key) == 1 and min(len(a_key), len(b_key)) >= 5:
        return 0.8, f"keys {a_key}/{b_key} one sound apart"
    if dist == 2 and shortest >= 8:
        return 0.75, "two letters apart"
    jw = JaroWinkler.similarity(fa, fb)
    return round(0.4 * jw, 3), f"different (Jaro-Winkler {jw:.2f})"


def _best_pair(a: Record, b: Record, get: Callable[[PersonName], tuple[str, str, str]]):
    """Best (score, reason, a as written, b as written) over both records' spellings."""
    if len(a.names) == 1 and len(b.names) == 1:  # the common case, without the loops
        ta, ka, wa = get(a.names[0])
        tb, kb, wb = get(b.names[0])
        if not ta or not tb:
            return None
        score, why = word_similarity(ta, ka, tb, kb)
        return score, why, wa or ta, wb or tb
    best: tuple[float, str, str, str] | None = None
    for na in a.names:
        ta, ka, wa = get(na)
        if not ta:
            continue
        for nb in b.names:
            tb, kb, wb = get(nb)
            if not tb:
                continue
            score, why = word_similarity(ta, ka, tb, kb)
            if best is None or score > best[0]:
                best = (score, why, wa or ta, wb or tb)
    return best


def _swapped(a: Record, b: Record) -> tuple[str, str] | None:
    """(a's surname, a's given) when the two records hold the same two name words in the
    opposite fields (word order guessed wrongly on one side: "Tural Əlizadə")."""
    for na in a.names:
        for nb in b.names:
            if not (na.surname and na.given and nb.surname and nb.given):
                continue
            s1 = word_similarity(na.surname + na.surname_suffix, na.surname_key, nb.given,
                                 nb.given_key)[0]
            s2 = word_similarity(na.given, na.given_key, nb.surname + nb.surname_suffix,
                                 nb.surname_key)[0]
            if s1 >= 0.85 and s2 >= 0.85:
                return na.surname + na.surname_suffix, na.given
    return None


def surname(a: Record, b: Record) -> FeatureResult:
    best = _best_pair(a, b, lambda n: (n.surname + n.surname_suffix, n.surname_key,
                                      n.surname_written))
    if best is None:
        return FeatureResult("surname", None, "missing on one side")
    score, why, ta, tb = best
    if score < 0.75 and (swap := _swapped(a, b)):
        return FeatureResult("surname", 0.85, f"{swap[0]} is the given name on the other side "
                             "(name order swapped)")
    return FeatureResult("surname", score, f"{ta} ~ {tb} {why}")


def given_name(a: Record, b: Record) -> FeatureResult:
    best = _best_pair(a, b, lambda n: (n.given, n.given_key, n.given_written))
    if best is not None and best[0] < 0.75 and (swap := _swapped(a, b)):
        return FeatureResult("given", 0.85, f"{swap[1]} is the surname on the other side "
                             "(name order swapped)")
    if best is not None:
        score, why, ta, tb = best
        return FeatureResult("given", score, f"{ta} ~ {tb} {why}")
    # initials: "Mamedov E." against "Elçin"
    ia = {n.initial_key: n.given or n.given_initial for n in a.names if n.initial_key}
    ib = {n.initial_key: n.given or n.given_initial for n in b.names if n.initial_key}
    if not ia or not ib:
        return FeatureResult("given", None, "missing on one side")
    shared = set(ia) & set(ib)
    if shared:
        k = next(iter(shared))
        return FeatureResult("given", 0.65, f"initial {ia[k][:1]}. agrees with {ib[k]}"
                             if len(ia[k]) == 1 else f"{ia[k]} agrees with initial {ib[k][:1]}.")
    return FeatureResult("given", 0.1, f"initials differ ({'/'.join(ia.values())} vs "
                         f"{'/'.join(ib.values())})")


def patronymics_conflict(a: PersonName, b: PersonName) -> tuple[float, str] | None:
    """(score, reason) when both names carry a patronymic; a score < 0.5 is a conflict."""
    if not a.patronymic or not b.patronymic:
        return None
    return word_similarity(a.patronymic, a.patronymic_key, b.patronymic, b.patronymic_key)


def patronymic(a: Record, b: Record) -> FeatureResult:
    best: tuple[float, str, str, str] | None = None
    for na in a.names:
        for nb in b.names:
            res = patronymics_conflict(na, nb)
            if res and (best is None or res[0] > best[0]):
                best = (res[0], res[1], na.patronymic, nb.patronymic)
    if best is None:
        return FeatureResult("patronymic", None, "missing on one side")
    score, why, pa, pb = best
    if score < 0.5:
        return FeatureResult("patronymic", score, f"father's names differ: {pa} vs {pb}", veto=True)
    return FeatureResult("patronymic", score, f"{pa} ~ {pb} {why}")


# --- birth date ---------------------------------------------------------------------------------


def birth_dates_conflict(x: str, y: str) -> tuple[float, str]:
    """Compare 'YYYY[-MM[-DD]]' dates: (score, reason); a score of 0 is a conflict."""
    if x == y:
        return 1.0, f"same birth date {x}"
    n = min(len(x), len(y))
    if len(x) != len(y):
        if x[:n] == y[:n]:
            return 0.7, f"{x} and {y} agree as far as both go"
        return 0.0, f"birth dates conflict: {x} vs {y}"
    dx, dy = x.replace("-", ""), y.replace("-", "")
    if len(dx) == 8 and dx[:4] == dy[:4] and dx[4:6] == dy[6:8] and dx[6:8] == dy[4:6]:
        return 0.7, f"{x} and {y}: day and month swapped"
    diffs = [i for i in range(len(dx)) if dx[i] != dy[i]]
    if len(diffs) == 1:
        return 0.6, f"{x} and {y}: one digit apart (typo?)"
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and dx[diffs[0]] == dy[diffs[1]] \
            and dx[diffs[1]] == dy[diffs[0]]:
        return 0.6, f"{x} and {y}: two digits transposed (typo?)"
    return 0.0, f"birth dates conflict: {x} vs {y}"


def birth_date(a: Record, b: Record) -> FeatureResult:
    if not a.birth_date or not b.birth_date:
        return FeatureResult("birth_date", None, "missing on one side")
    score, why = birth_dates_conflict(a.birth_date, b.birth_date)
    return FeatureResult("birth_date", score, why, veto=score == 0.0)


# --- identifiers --------------------------------------------------------------------------------


def phone(a: Record, b: Record) -> FeatureResult:
    if not a.phones or not b.phones:
        return FeatureResult("phone", None, "missing on one side")
    shared = sorted(a.phones & b.phones)
    if shared:
        return FeatureResult("phone", 1.0, f"shares phone {shared[0]}")
    # people hold several numbers: different phones are no evidence against
    return FeatureResult("phone", None, "no phone in common")


def documents_conflict(x: str, y: str) -> tuple[float, str]:
    if x == y:
        return 1.0, f"same number {x}"
    if OSA.distance(x, y) == 1:
        return 0.5, f"{x} and {y} one character apart (typo or next in a series)"
    return 0.0, f"numbers conflict: {x} vs {y}"


def document(a: Record, b: Record) -> FeatureResult:
    if not a.documents or not b.documents:
        return FeatureResult("document", None, "missing on one side")
    shared = sorted(a.documents & b.documents)
    if shared:
        kind, number = shared[0]
        return FeatureResult("document", 1.0, f"same {kind} {number}")
    worst: FeatureResult | None = None
    for ka, na in sorted(a.documents):
        for kb, nb in sorted(b.documents):
            if ka != kb:
                continue
            score, why = documents_conflict(na, nb)
            res = FeatureResult("document", score, f"{ka}: {why}", veto=score == 0.0)
            if worst is None or score < (worst.score or 0):
                worst = res
    return worst or FeatureResult("document", None, "no document of the same type")


# --- sex, address-like fields ------------------------------------------------------------------


def gender(a: Record, b: Record) -> FeatureResult:
    if not a.gender or not b.gender:
        return FeatureResult("gender", None, "missing on one side")
    if a.gender != b.gender:
        return FeatureResult("gender", 0.0, f"genders differ: {a.gender} vs {b.gender}", veto=True)
    return FeatureResult("gender", 0.6, f"both {a.gender}")


def _text_field(name: str, x: str, y: str) -> FeatureResult:
    if not x or not y:
        return FeatureResult(name, None, "missing on one side")
    if x == y:
        return FeatureResult(name, 1.0, f"same {name}")
    # plain ratio catches typos ("atreet"), token-sort ratio catches reordered words
    ratio = max(ratio_(x, y), token_sort_ratio(x, y)) / 100.0
    if ratio >= 0.85:
        return FeatureResult(name, 0.8, f"{x} ~ {y} ({ratio:.2f})")
    if ratio >= 0.7:
        return FeatureResult(name, 0.6, f"{x} ~ {y} ({ratio:.2f})")
    return FeatureResult(name, 0.2, f"{x} vs {y} differ ({ratio:.2f})")


def address(a: Record, b: Record) -> FeatureResult:
    return _text_field("address", a.address, b.address)


def locality(a: Record, b: Record) -> FeatureResult:
    return _text_field("locality", a.locality, b.locality)


def postcode(a: Record, b: Record) -> FeatureResult:
    if not a.postcode or not b.postcode:
        return FeatureResult("postcode", None, "missing on one side")
    if a.postcode == b.postcode:
        return FeatureResult("postcode", 1.0, f"same postcode {a.postcode}")
    if OSA.distance(a.postcode, b.postcode) == 1:
        return FeatureResult("postcode", 0.6, f"{a.postcode} and {b.postcode} one character apart")
    return FeatureResult("postcode", 0.2, f"postcodes differ: {a.postcode} vs {b.postcode}")


def region(a: Record, b: Record) -> FeatureResult:
    if not a.region or not b.region:
        return FeatureResult("region", None, "missing on one side")
    if a.region == b.region:
        return FeatureResult("region", 1.0, f"same region {a.region}")
    return FeatureResult("region", 0.3, f"regions differ: {a.region} vs {b.region}")


FEATURES: tuple[Callable[[Record, Record], FeatureResult], ...] = (
    surname, given_name, patronymic, birth_date, gender, phone, document,
    address, locality, postcode, region,
)


_CORE = (surname, given_name, patronymic, birth_date, gender, phone, document)
_PLACE = (address, locality, postcode, region)


def compare(a: Record, b: Record) -> tuple[FeatureResult, ...]:
    """Every feature for the pair, in a fixed order. The address-like features are left out
    when neither record has any of those fields (they would all say "missing")."""
    if (a.address or a.locality or a.postcode or a.region) and (
            b.address or b.locality or b.postcode or b.region):
        return tuple(f(a, b) for f in FEATURES)
    return tuple(f(a, b) for f in _CORE)

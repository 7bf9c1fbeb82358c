"""Combine feature results into one score, with fixed weights (no training).

Each feature has a weight for agreement and one for disagreement, in log-odds units
(Fellegi-Sunter style, set by hand from what each field means, not fitted to any data).
A feature score ``s`` contributes linearly around the neutral 0.5:

    s >= 0.5:  + w_agree    * (s - 0.5) * 2
    s <  0.5:  - w_disagree * (0.5 - s) * 2

A missing field (``score is None``) contributes nothing. The total, starting from ``PRIOR``
(two records in one block are, a priori, different people), goes through the logistic
function to [0, 1]. Any veto makes the score 0.

Worked examples (prior -6):
- same surname and given name only: -6 + 4 + 3 = 1.0 -> 0.73 (review)
- the same plus the same birth date: 5.0 -> 0.993 (automatic merge)
- same surname and given name across scripts (same keys): -6 + 3.6 + 2.7 = 0.3 -> 0.57 (review)
- "Mamedov E." vs "Məmmədov Elçin" sharing a phone: -6 + 3.6 + 0.9 + 4 = 2.5 -> 0.92 (review)
- same name, patronymic and phone: -6 + 4 + 3 + 2.5 + 4 = 7.5 -> 0.9994 (automatic merge)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .features import FeatureResult, compare
from .record import Record

__all__ = ["WEIGHTS", "PRIOR", "Scored", "score_features", "score_pair"]

PRIOR = -6.0
WEIGHTS: dict[str, tuple[float, float]] = {
    # feature: (w_agree, w_disagree)
    "surname": (4.0, 4.0),
    "given": (3.0, 3.0),
    "patronymic": (2.5, 2.0),
    "birth_date": (4.0, 3.0),
    "gender": (0.0, 0.0),  # only its veto counts
    "phone": (4.0, 0.0),
    "document": (6.0, 2.0),
    "address": (2.0, 1.0),
    "locality": (1.0, 0.5),
    "postcode": (1.5, 0.5),
    "region": (0.3, 0.3),
    # see ``context``: the two cases name >= 2 other people in common (the same network): a
    # likelihood ratio of ~30 for a same-name pair, enough with an exactly spelled full name
    # (-6 + 4 + 3 + 3.5 = 4.5 -> 0.989), not with a name known only by its key or initial
    "companions": (3.5, 0.0),
}


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    features: tuple[FeatureResult, ...]
    veto: FeatureResult | None

    @property
    def reasons(self) -> list[str]:
        return [str(f) for f in self.features if f.score is not None]


def contest_vetoes(features: tuple[FeatureResult, ...]) -> tuple[FeatureResult, ...]:
    """A conflict contradicted by an identical official identifier is contested, not a veto.

    - a birth-date or patronymic conflict between records holding the same document number
      (same type) is most likely a miswritten date or name;
    - a document-number conflict between records with the same full birth date is most
      likely a renewed document or a typo.
    A contested conflict keeps its full disagreement weight (score 0) and says why it was
    not a veto; namesakes (nothing identical but the name) are still vetoed.
    """
    if not any(f.veto for f in features):
        return features
    by_name = {f.feature: f for f in features}
    doc, dob = by_name.get("document"), by_name.get("birth_date")
    same_doc = doc is not None and doc.score == 1.0
    same_dob = dob is not None and dob.score == 1.0 and dob.detail.count("-") >= 2
    out = []
    for f in features:
        if f.veto and f.feature in ("birth_date", "patronymic") and same_doc:
            f = FeatureResult(f.feature, 0.0, f"{f.detail}; contested: {doc.detail}")
        elif f.veto and f.feature == "document" and same_dob:
            f = FeatureResult(f.feature, 0.0, f"{f.detail}; contested: {dob.detail}")
        out.append(f)
    return tuple(out)


def score_features(features: tuple[FeatureResult, ...]) -> Scored:
    features = contest_vetoes(features)
    veto = next((f for f in features if f.veto), None)
    if veto is not None:
        return Scored(0.0, features, veto)
    total = PRIOR
    for f in features:
        if f.score is None:
            continue
        agree, disagree = WEIGHTS[f.feature]
        if f.score >= 0.5:
            total += agree * (f.score - 0.5) * 2
        else:
            total -= disagree * (0.5 - f.score) * 2
    return Scored(1.0 / (1.0 + math.exp(-total)), features, None)


def score_pair(a: Record, b: Record) -> Scored:
    return score_features(compare(a, b))

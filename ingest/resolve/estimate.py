"""Field weights estimated from the data itself, without labels (Fellegi-Sunter, EM), as
splink does: an alternative to the fixed hand weights of ``scorer`` for a batch of records
whose fields behave differently from ours (a registry extract, a benchmark).

Each feature's score is cut into agreement levels (exact, near, typo, partial, weak,
conflict). ``u`` (how often two *different* people reach a level) is counted on random record
pairs; ``m`` (how often the *same* person does) and the share of matches among the candidate
pairs are estimated by expectation-maximisation over the candidate pairs. A pair's score is
then the posterior probability of a match. Conflicts (different birth date, document number)
are soft here: they weigh what the data says they weigh, and strong agreement elsewhere can
outweigh them. Nothing is fitted to labels; the thresholds stay the library defaults.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

import numpy as np

from .blocking import candidate_pairs
from .features import FeatureResult, compare
from .record import Record
from .scorer import Scored
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["EstimatedModel", "estimate", "fit", "level_of", "is_tabular", "is_rich", "tabular",
           "random_pairs_of", "default_scorer", "WEIGHT_CAP", "MIN_TABULAR"]

WEIGHT_CAP = 10.0  # no single field level may weigh more than this (log-odds), either way
MIN_TABULAR = 500  # records: fewer give EM too few pairs to estimate m
TABULAR_SHARE = 0.5  # of records with at least two of address, locality, postcode, region

LEVELS = ("exact", "near", "typo", "partial", "weak", "conflict")
_CUTS = (0.99, 0.9, 0.75, 0.55, 0.3)


def level_of(score: float | None) -> int:
    """-1 (missing) or the index into LEVELS."""
    if score is None:
        return -1
    for n, cut in enumerate(_CUTS):
        if score >= cut:
            return n
    return len(_CUTS)


@dataclass
class EstimatedModel:
    features: tuple[str, ...]
    weights: np.ndarray  # features x levels: log(m/u)
    prior: float  # log-odds of a match among candidate pairs
    iterations: int

    def score_features(self, feats: tuple[FeatureResult, ...]) -> Scored:
        total = self.prior
        shown = []
        for f in feats:
            lv = level_of(f.score)
            if lv >= 0 and f.feature in self._index:
                w = float(self.weights[self._index[f.feature], lv])
                total += w
                f = replace(f, veto=False, detail=f"{f.detail} [weight {w:+.1f}]")
            shown.append(f)
        total = max(min(total, 50.0), -50.0)
        return Scored(1.0 / (1.0 + math.exp(-total)), tuple(shown), None)

    def score_pair(self, a: Record, b: Record) -> Scored:
        return self.score_features(compare(a, b))

    def __post_init__(self) -> None:
        self._index = {f: n for n, f in enumerate(self.features)}


Pattern = tuple[tuple[str, int], ...]  # (feature, level) for each feature a pair has


def _pattern(feats: tuple[FeatureResult, ...]) -> Pattern:
    return tuple((f.feature, level_of(f.score)) for f in feats)


def random_pairs_of(n: int, count: int, seed: int = 1) -> Iterator[tuple[int, int]]:
    """The random record pairs ``u`` is counted on (indexes; the same for a seed and n)."""
    rng = random.Random(seed)
    for _ in range(count if n > 1 else 0):
        i, k = rng.randrange(n), rng.randrange(n)
        if i != k:
            yield i, k


def estimate(records: Sequence[Record], thresholds: Thresholds = DEFAULT_THRESHOLDS,
             random_pairs: int = 50_000, iterations: int = 30, seed: int = 1) -> EstimatedModel:
    """Estimate u on random pairs and m (and the match share) by EM on the candidate pairs."""
    return fit((compare(records[i], records[k]) for i, k in candidate_pairs(records, thresholds)),
               (compare(records[i], records[k])
                for i, k in random_pairs_of(len(records), random_pairs, seed)), iterations)


def fit(candidates: Iterable[tuple[FeatureResult, ...]], randoms: Iterable[tuple[FeatureResult, ...]],
        iterations: int = 30) -> EstimatedModel:
    """EM over the features of the candidate pairs, ``u`` from those of random pairs.

    Pairs are counted by their pattern of agreement levels (a few thousand distinct ones,
    however many pairs), so memory does not grow with the pairs, and the result does not
    depend on the order they come in (``streaming`` feeds them block by block)."""
    cand_counts = Counter(_pattern(feats) for feats in candidates)
    rand_counts = Counter(_pattern(feats) for feats in randoms)
    features = tuple(sorted({name for pat in cand_counts for name, _ in pat}))
    index = {f: n for n, f in enumerate(features)}
    n_levels = len(LEVELS)

    def rows(counts: Counter) -> tuple[np.ndarray, np.ndarray]:
        patterns = sorted(counts)  # a fixed order: sums do not depend on the pairs' order
        lv = np.full((len(patterns), len(features)), -1, dtype=np.int8)
        for row, pat in enumerate(patterns):
            for name, level in pat:
                if name in index:
                    lv[row, index[name]] = level
        return lv, np.array([counts[p] for p in patterns], dtype=np.float64)

    u = np.ones((len(features), n_levels))  # add-one smoothing
    lv_rand, n_rand = rows(rand_counts)
    for f in range(len(features)):
        for lv in range(n_levels):
            u[f, lv] += n_rand[lv_rand[:, f] == lv].sum()
    u /= u.sum(axis=1, keepdims=True)
    lv_c, n_c = rows(cand_counts)
    total = n_c.sum()
    # start: the same person mostly agrees exactly
    m = np.tile(np.array([0.6, 0.15, 0.1, 0.07, 0.05, 0.03]), (len(features), 1))
    lam = 0.1
    it = 0
    for it in range(iterations):
        w = np.log(m / u)
        logit = np.full(len(n_c), math.log(lam / (1 - lam)))
        for f in range(len(features)):
            present = lv_c[:, f] >= 0
            logit[present] += w[f, lv_c[present, f]]
        p = n_c / (1.0 + np.exp(-np.clip(logit, -50, 50)))  # expected matches per pattern
        new_m = np.full_like(m, 0.5)  # light smoothing keeps every level possible
        for f in range(len(features)):
            for lv in range(n_levels):
                new_m[f, lv] += p[lv_c[:, f] == lv].sum()
        new_m /= new_m.sum(axis=1, keepdims=True)
        if total:
            lam = float(min(max(p.sum() / total, 1e-6), 1 - 1e-6))
        done = np.abs(new_m - m).max() < 1e-5
        m = new_m
        if done:
            break
    return EstimatedModel(features=features, weights=np.clip(np.log(m / u), -WEIGHT_CAP, WEIGHT_CAP),
                          prior=math.log(lam / (1 - lam)), iterations=it + 1)


def is_rich(record: Record) -> bool:
    """At least two of the address-like fields (a registration rather than a mention)."""
    return sum(map(bool, (record.address, record.locality, record.postcode, record.region))) >= 2


def tabular(n: int, rich: int) -> bool:
    """``is_tabular`` from counts: ``n`` records of which ``rich`` are ``is_rich``."""
    return n >= MIN_TABULAR and rich >= TABULAR_SHARE * n


def is_tabular(records: Sequence[Record]) -> bool:
    """A table of registrations (many fields per record, FEBRL-like) rather than person
    mentions from statements: at least ``MIN_TABULAR`` records, most with two or more of the
    address-like fields."""
    if len(records) < MIN_TABULAR:
        return False
    return tabular(len(records), sum(1 for r in records if is_rich(r)))


def default_scorer(records: Sequence[Record], thresholds: Thresholds = DEFAULT_THRESHOLDS):
    """(scorer, what it is) the resolver uses when none is given.

    - a table (``is_tabular``): weights estimated on the records themselves (EM, each capped at
      ``WEIGHT_CAP``). With many fields, each field's errors are typos and missing values the
      other fields outvote, and EM learns how much each agreement means in *this* table (a
      FEBRL date of birth is corrupted in a third of duplicates: a hard veto there loses true
      pairs);
    - person mentions (statements, call records: a name, sometimes a phone or a birth date):
      the fixed hand weights with hard vetoes. Here EM has too few fields to separate people
      from namesakes, and a phone attached to the wrong person in one statement would get an
      estimated weight that outvotes everything (precision 0.13 on the generated scenarios).
    """
    from .scorer import score_pair

    if is_tabular(records):
        return estimate(records, thresholds).score_pair, "estimated (EM) weights: a table"
    return score_pair, "fixed weights: person mentions"

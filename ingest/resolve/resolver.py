"""``resolve(records, thresholds) -> Resolution``: pure, in memory, near-linear.

1. blocking proposes candidate pairs;
2. each pair is scored from its features (``scorer``); vetoed pairs are kept apart;
3. standing human judgements are applied first: ``positive`` merges, ``negative`` forbids,
   ``unsure`` keeps the pair in review;
4. pairs at or above ``auto_merge`` are merged, best first, through the conflict-aware
   union-find; a refused union (chaining, protected person across cases) goes to review;
5. pairs between ``review`` and ``auto_merge`` go to the review queue with their features.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from intel.errors import InvalidInput

from .blocking import BlockingStats, candidate_pairs
from .clustering import Clusters
from .estimate import default_scorer
from .features import FeatureResult
from .judgement import Decision, JudgementLog, pair_key
from .record import Record
from .scorer import Scored, score_pair
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["ALREADY_LINKED", "AUTOMATIC", "PairDecision", "Resolution", "resolve"]

AUTOMATIC = "automatic"  # a merge that joined two clusters
ALREADY_LINKED = "automatic, already linked through other records"


@dataclass(frozen=True, slots=True)
class PairDecision:
    left: str
    right: str
    score: float
    features: tuple[FeatureResult, ...]
    reason: str = ""  # why a pair is in review rather than merged, or who merged it

    @property
    def reasons(self) -> list[str]:
        return [str(f) for f in self.features if f.score is not None]


@dataclass
class Resolution:
    merges: list[PairDecision] = field(default_factory=list)
    review: list[PairDecision] = field(default_factory=list)
    vetoed: list[tuple[str, str, FeatureResult]] = field(default_factory=list)
    clusters: list[list[str]] = field(default_factory=list)
    stats: BlockingStats = field(default_factory=BlockingStats)
    review_count: int = 0  # review items, also when streamed to a ``review_sink``
    seconds: float = 0.0

    def cluster_of(self) -> dict[str, int]:
        """Record id -> cluster number."""
        return {rid: n for n, members in enumerate(self.clusters) for rid in members}


def _protected_across_cases(a: Record, b: Record) -> bool:
    return (a.protected or b.protected) and not (a.case_ids & b.case_ids)


def resolve(records: Sequence[Record], thresholds: Thresholds = DEFAULT_THRESHOLDS,
            judgements: JudgementLog | None = None, focus: Iterable[str] | None = None,
            scorer: Callable[[Record, Record], Scored] | None = None,
            review_sink: Callable[[PairDecision], None] | None = None) -> Resolution:
    """``focus``: record ids; when given, only candidate pairs with at least one side in it are
    scored (resolve one case's persons against everything known). ``scorer``: by default
    ``estimate.default_scorer`` (EM weights for a table, else the fixed ones); the fixed-weight
    scorer with hard vetoes, or an estimated model's ``score_pair`` whose conflicts are
    soft (``estimate``); with the latter, clusters do not re-check field conflicts either. A
    scorer with ``hard_vetoes = True`` (``context.ContextScorer``) keeps the cluster checks."""
    started = time.perf_counter()
    out = Resolution()
    if review_sink is None:
        review_sink = out.review.append
    else:  # streamed (a million records): counted, not held
        def review_sink(item: PairDecision, _to=review_sink) -> None:
            out.review_count += 1
            _to(item)
    if scorer is None:  # a table: weights estimated on it; person mentions: the fixed weights
        scorer, _ = default_scorer(records, thresholds)
    index: dict[str, int] = {}
    for i, rec in enumerate(records):
        if rec.id in index:
            raise InvalidInput(f"resolve: record id {rec.id!r} appears twice")
        index[rec.id] = i
    clusters = Clusters(records, check_fields=getattr(scorer, "hard_vetoes", scorer is score_pair))
    judged = judgements.state() if judgements is not None else {}
    reopened = judgements.reopened() if judgements is not None else set()
    unsure: set[tuple[int, int]] = set()
    decided: set[tuple[int, int]] = set()
    for (left, right), j in judged.items():
        if left not in index or right not in index:
            continue
        i, k = sorted((index[left], index[right]))
        decided.add((i, k))
        if j.decision is Decision.POSITIVE:
            clusters.union(i, k, check=False)
            out.merges.append(PairDecision(records[i].id, records[k].id, j.score or 1.0,
                                           (), f"judged the same by {j.user}"))
        elif j.decision is Decision.NEGATIVE:
            clusters.forbid(i, k)
        elif j.decision is Decision.UNSURE:
            unsure.add((i, k))
            decided.discard((i, k))
    for left, right in reopened:
        if left in index and right in index:
            unsure.add(tuple(sorted((index[left], index[right]))))
    in_focus = None if focus is None else {index[r] for r in focus if r in index}

    auto: list[tuple[float, int, int, tuple[FeatureResult, ...]]] = []
    for i, k in candidate_pairs(records, thresholds, out.stats):
        if (i, k) in decided:
            continue
        if in_focus is not None and i not in in_focus and k not in in_focus:
            continue
        a, b = records[i], records[k]
        scored = scorer(a, b)
        if scored.veto is not None:
            clusters.forbid(i, k)
            out.vetoed.append((a.id, b.id, scored.veto))
            continue
        if scored.score < thresholds.review and (i, k) not in unsure:
            continue
        if (i, k) in unsure:
            why = ("an earlier decision was undone" if pair_key(a.id, b.id) in reopened
                   else "judged unsure earlier")
            review_sink(PairDecision(a.id, b.id, scored.score, scored.features, why))
        elif _protected_across_cases(a, b):
            review_sink(PairDecision(a.id, b.id, scored.score, scored.features,
                                           "protected person, records from different cases"))
        elif scored.score >= thresholds.auto_merge:
            auto.append((scored.score, i, k, scored.features))
        else:
            review_sink(PairDecision(a.id, b.id, scored.score, scored.features,
                                           "score between the review and merge thresholds"))

    auto.sort(key=lambda t: (-t[0], t[1], t[2]))
    for score, i, k, features in auto:
        a, b = records[i], records[k]
        if clusters.find(i) == clusters.find(k):
            out.merges.append(PairDecision(a.id, b.id, score, features, ALREADY_LINKED))
            continue
        why = clusters.union(i, k)
        if why:
            review_sink(PairDecision(a.id, b.id, score, features, f"merge refused: {why}"))
        else:
            out.merges.append(PairDecision(a.id, b.id, score, features, AUTOMATIC))
    out.review.sort(key=lambda d: -d.score)
    out.review_count = out.review_count or len(out.review)
    out.clusters = [[records[i].id for i in group] for group in clusters.groups()]
    out.seconds = time.perf_counter() - started
    return out

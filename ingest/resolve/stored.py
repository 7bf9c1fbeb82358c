"""Judgements as ``Judgement`` nodes in the store, and the ``SAME_AS`` links they make.

Append-only: a judgement node is written once and never changed; the standing decision per
pair, the review queue and the live links are all derived by replaying them in order (``n``,
nanoseconds, strictly increasing). A positive judgement writes one ``SAME_AS`` edge
(left -> right, ``judgement`` = its id, ``source`` = its id); undoing it appends an ``undo``
judgement and removes exactly that edge.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from graph_models.ids import digest
from graph_models.validate import clean_edge
from intel.principal import Principal
from intel.store import GraphStore

from .features import FeatureResult
from .judgement import Decision, Judgement, JudgementLog, pair_key

__all__ = ["AUTO_USER", "StoredJudgement", "load_judgements", "to_log", "judgement_rows",
           "same_as_row", "same_as_edge_id", "features_json", "next_order"]

AUTO_USER = "auto"
SOURCE = "entity-resolution"
# Feature details that would show a protected person's identity in the clear.
IDENTITY_FEATURES = {"surname", "given", "patronymic", "birth_date", "gender"}


@dataclass(frozen=True)
class StoredJudgement:
    id: str
    left: str
    right: str
    decision: Decision
    user: str
    n: int
    score: float | None
    features: tuple[dict[str, Any], ...]
    reason: str
    undoes: str
    recorded_at: str
    cases: tuple[str, ...]

    @property
    def pair(self) -> tuple[str, str]:
        return pair_key(self.left, self.right)


_last_n = 0


def next_order() -> int:
    """Nanoseconds since the epoch, strictly increasing within the process."""
    global _last_n
    _last_n = max(time.time_ns(), _last_n + 1)
    return _last_n


def features_json(features: Iterable[FeatureResult], redact: bool = False) -> str:
    """The features a reviewer is shown, as JSON. ``redact``: a protected person is in the
    pair, so name and birth-date details are replaced (the scores stay)."""
    out = []
    for f in features:
        if f.score is None:
            continue
        detail = "protected identity (reveal with a justification to see)" \
            if redact and f.feature in IDENTITY_FEATURES else f.detail
        out.append({"feature": f.feature, "score": round(f.score, 3), "detail": detail,
                    **({"veto": True} if f.veto else {})})
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def _features(text: str | None) -> tuple[dict[str, Any], ...]:
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ({"feature": "?", "score": None, "detail": str(text)},)
    return tuple(v for v in value if isinstance(v, dict)) if isinstance(value, list) else ()


def load_judgements(store: GraphStore, principal: Principal) -> list[StoredJudgement]:
    """Every judgement the caller may see, in the order they were made."""
    out = []
    for r in store.scan(principal, "Judgement"):
        out.append(StoredJudgement(
            id=r["id"], left=r["left"], right=r["right"], decision=Decision(r["decision"]),
            user=r.get("recorded_by") or "", n=int(r.get("n") or 0), score=r.get("score"),
            features=_features(r.get("features")), reason=r.get("reason") or "",
            undoes=r.get("undoes") or "", recorded_at=str(r.get("recorded_at") or ""),
            cases=tuple(r.get("cases") or ()),
        ))
    out.sort(key=lambda j: (j.n, j.id))
    return out


def to_log(stored: Sequence[StoredJudgement]) -> JudgementLog:
    log = JudgementLog()
    for j in stored:
        log.append(Judgement(left=j.left, right=j.right, decision=j.decision, user=j.user or "?",
                             timestamp=datetime.now(timezone.utc), score=j.score,
                             features=tuple(f.get("detail", "") for f in j.features)))
    return log


def judgement_rows(left: str, right: str, decision: Decision, user: str, cases: Iterable[str],
                   score: float | None = None, features: str = "[]", reason: str = "",
                   undoes: str = "") -> dict[str, Any]:
    """One Judgement node row (its id is a hash of the pair, decision, user and order)."""
    left, right = pair_key(left, right)
    n = next_order()
    row: dict[str, Any] = {
        "id": digest(left, right, decision.value, user, n), "left": left, "right": right,
        "decision": decision.value, "features": features, "n": n, "source": SOURCE,
        "recorded_by": user, "recorded_at": datetime.now(timezone.utc), "cases": sorted(set(cases)),
    }
    if score is not None:
        row["score"] = round(float(score), 6)
    if reason:
        row["reason"] = reason
    if undoes:
        row["undoes"] = undoes
    return row


def node_id(row: dict[str, Any]) -> str:
    return f"judgement:{row['id']}"


def same_as_row(judgement_id: str, left: str, right: str, user: str) -> dict[str, Any]:
    left, right = pair_key(left, right)
    return {"src": left, "dst": right, "judgement": judgement_id, "source": judgement_id,
            "recorded_by": user, "recorded_at": datetime.now(timezone.utc)}


def same_as_edge_id(judgement_id: str, left: str, right: str) -> str:
    return clean_edge("SAME_AS", same_as_row(judgement_id, left, right, "x")).id

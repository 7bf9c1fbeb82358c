"""The review queue and a reviewer's decisions, derived from and appended to the stored
judgements.

The queue is every pair whose standing judgement is ``unsure``, plus every pair whose
decisions were all undone (reopened). An item's id is the id of that judgement (the unsure
one, or the undo). ``accept`` appends a ``positive`` judgement and its SAME_AS link,
``reject`` a ``negative`` one; ``undo`` appends an ``undo`` for the standing positive or
negative judgement of a pair and, for a positive one, removes exactly the SAME_AS edge it made,
so the graph's entities and relationships are as before the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from intel.errors import AccessDenied, InvalidInput, NotFound
from intel.principal import Principal
from intel.security.protection import is_protected_person
from intel.store import GraphStore

from .judgement import Decision
from .stored import (StoredJudgement, judgement_rows, load_judgements, node_id, same_as_edge_id,
                     same_as_row)

__all__ = ["QueueItem", "review_queue", "review_names", "accept", "reject", "undo",
           "standing_judgements"]

WITHHELD = "name withheld (paired with a protected person: reveal that identity to compare)"


@dataclass(frozen=True)
class QueueItem:
    id: str  # the judgement to name when accepting or rejecting
    left: str
    right: str
    score: float | None
    features: tuple[dict[str, Any], ...]
    reason: str
    cases: tuple[str, ...]


def standing_judgements(stored: list[StoredJudgement]) -> tuple[dict[tuple[str, str], StoredJudgement],
                                                                   dict[tuple[str, str], StoredJudgement]]:
    """(standing judgement per pair, undo judgement per reopened pair), by replaying."""
    stacks: dict[tuple[str, str], list[StoredJudgement]] = {}
    last_undo: dict[tuple[str, str], StoredJudgement] = {}
    for j in stored:
        stack = stacks.setdefault(j.pair, [])
        if j.decision is Decision.UNDO:
            if stack:
                stack.pop()
                last_undo[j.pair] = j
        else:
            stack.append(j)
    standing = {p: s[-1] for p, s in stacks.items() if s}
    reopened = {p: u for p, u in last_undo.items() if p not in standing}
    return standing, reopened


def review_queue(store: GraphStore, principal: Principal) -> list[QueueItem]:
    """Pairs waiting for a reviewer, best score first."""
    stored = load_judgements(store, principal)
    by_id = {j.id: j for j in stored}
    standing, reopened = standing_judgements(stored)
    visible = None if principal.all_cases else {r["id"] for r in store.scan(principal, "Person")}
    items = []
    for j in standing.values():
        if j.decision is Decision.UNSURE:
            items.append(QueueItem(j.id, j.left, j.right, j.score, j.features, j.reason, j.cases))
    for u in reopened.values():
        undone = by_id.get(u.undoes)
        src = undone or u
        items.append(QueueItem(u.id, u.left, u.right, src.score, src.features,
                               f"an earlier decision was undone ({u.reason or 'no reason given'})",
                               src.cases))
    if visible is not None:  # a pair is shown only to someone who may see both persons
        items = [i for i in items if i.left in visible and i.right in visible]
    items.sort(key=lambda i: (-(i.score or 0.0), i.id))
    return items


def review_names(store: GraphStore, principal: Principal, present: Callable[[Any], Any],
                 items: list[QueueItem]) -> dict[str, tuple[str, str]]:
    """Item id -> the (left, right) names a reviewer is shown. ``present`` is the protection
    service's view of a node (a protected person's pseudonym). When one side of a pair is a
    protected person, the other side's name is withheld too: "Victim V-… may be <name>" would
    give away the identity the pseudonym hides. The reviewer reveals the protected identity
    (with a justification, audited) to compare."""
    seen: dict[str, tuple[str, bool]] = {}
    out: dict[str, tuple[str, str]] = {}
    for item in items:
        for pid in (item.left, item.right):
            if pid not in seen:
                node = store.get(principal, pid)
                seen[pid] = ((present(node).caption, is_protected_person(node.label, node.props))
                             if node is not None else (pid, False))
        (left, left_hidden), (right, right_hidden) = seen[item.left], seen[item.right]
        out[item.id] = (WITHHELD if right_hidden and not left_hidden else left,
                        WITHHELD if left_hidden and not right_hidden else right)
    return out


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if len(text) < 3:
        raise InvalidInput("--reason: say why (at least a few words); it is kept with the decision")
    return text


def _decide(store: GraphStore, principal: Principal, item_id: str, decision: Decision,
            reason: str) -> str:
    text = _reason(reason)
    item = next((i for i in review_queue(store, principal) if i.id == item_id), None)
    if item is None:
        raise NotFound(f"{item_id}: not in the review queue (see 'halqa resolve review')")
    row = judgement_rows(item.left, item.right, decision, principal.user, item.cases, item.score,
                         _features_text(item.features), reason=text)
    edges = None
    if decision is Decision.POSITIVE:
        edges = {"SAME_AS": [same_as_row(node_id(row), item.left, item.right, principal.user)]}
    store.write(principal, nodes={"Judgement": [row]}, edges=edges)
    return node_id(row)


def _features_text(features: tuple[dict[str, Any], ...]) -> str:
    import json

    return json.dumps(list(features), ensure_ascii=False, sort_keys=True)


def accept(store: GraphStore, principal: Principal, item_id: str, reason: str) -> str:
    """The two are the same person: a positive judgement and a SAME_AS link. Returns its id."""
    return _decide(store, principal, item_id, Decision.POSITIVE, reason)


def reject(store: GraphStore, principal: Principal, item_id: str, reason: str) -> str:
    """The two are different people: a negative judgement (never merged, nor chained)."""
    return _decide(store, principal, item_id, Decision.NEGATIVE, reason)


def undo(store: GraphStore, principal: Principal, judgement_id: str, reason: str = "") -> str:
    """Reverse the standing merge or rejection ``judgement_id``: append an undo judgement and,
    for a merge, remove the SAME_AS edge it created. Returns the undo's id."""
    stored = load_judgements(store, principal)
    target = next((j for j in stored if j.id == judgement_id), None)
    if target is None:
        raise NotFound(f"{judgement_id}: no such judgement")
    if any(store.get(principal, pid) is None for pid in target.pair):
        raise AccessDenied(f"{judgement_id}: links a person outside the cases you are granted")
    standing, _ = standing_judgements(stored)
    if standing.get(target.pair) is not target:
        raise InvalidInput(f"{judgement_id}: only the latest standing decision of a pair can be undone")
    if target.decision not in (Decision.POSITIVE, Decision.NEGATIVE):
        raise InvalidInput(f"{judgement_id}: is {target.decision.value}; only a merge (positive) or a "
                           "rejection (negative) can be undone")
    row = judgement_rows(target.left, target.right, Decision.UNDO, principal.user, target.cases,
                         target.score, _features_text(target.features),
                         reason=(reason or "").strip(), undoes=target.id)
    store.write(principal, nodes={"Judgement": [row]})
    if target.decision is Decision.POSITIVE:
        store.remove_edges(principal, "SAME_AS", [same_as_edge_id(target.id, target.left, target.right)])
    return node_id(row)

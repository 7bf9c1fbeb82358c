"""Human judgements on pairs, appended and never overwritten (nomenklatura's resolver style).

A judgement says: these two records are the same person (``positive``), different people
(``negative``), or the reviewer cannot tell (``unsure``). ``undo`` withdraws the latest
standing judgement on that pair, so a wrong merge is reversed by appending, not by deleting.
The current state of a pair is derived by replaying the log; the log itself is the record
of who decided what, when, on which score and which features they were shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Iterable, Iterator

from intel.errors import InvalidInput

__all__ = ["Decision", "Judgement", "JudgementLog", "pair_key"]


class Decision(str, Enum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNSURE = "unsure"
    UNDO = "undo"


def pair_key(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left <= right else (right, left)


@dataclass(frozen=True, slots=True)
class Judgement:
    left: str
    right: str
    decision: Decision
    user: str
    timestamp: datetime
    score: float | None = None
    features: tuple[str, ...] = ()  # the reasons the reviewer was shown

    @property
    def pair(self) -> tuple[str, str]:
        return pair_key(self.left, self.right)


class JudgementLog:
    """An append-only list of judgements with the state derived from it."""

    def __init__(self, judgements: Iterable[Judgement] = ()):
        self._items: list[Judgement] = []
        for j in judgements:
            self.append(j)

    def __iter__(self) -> Iterator[Judgement]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def append(self, judgement: Judgement) -> Judgement:
        if not judgement.left or not judgement.right or judgement.left == judgement.right:
            raise InvalidInput("judgement: left and right must be two different record ids")
        if not judgement.user:
            raise InvalidInput("judgement: user is empty")
        if not isinstance(judgement.decision, Decision):
            raise InvalidInput(f"judgement: decision {judgement.decision!r} is not one of "
                               f"{', '.join(d.value for d in Decision)}")
        self._items.append(judgement)
        return judgement

    def decide(self, left: str, right: str, decision: Decision | str, user: str,
               score: float | None = None, features: Iterable[object] = (),
               timestamp: datetime | None = None) -> Judgement:
        try:
            decision = Decision(decision)
        except ValueError:
            raise InvalidInput(f"judgement: decision {decision!r} is not one of "
                               f"{', '.join(d.value for d in Decision)}") from None
        return self.append(Judgement(
            left=left, right=right, decision=decision, user=user,
            timestamp=timestamp or datetime.now(timezone.utc), score=score,
            features=tuple(str(f) for f in features),
        ))

    def state(self) -> dict[tuple[str, str], Judgement]:
        """The standing judgement per pair after replaying the log (undos applied)."""
        stacks: dict[tuple[str, str], list[Judgement]] = {}
        for j in self._items:
            stack = stacks.setdefault(j.pair, [])
            if j.decision is Decision.UNDO:
                if stack:
                    stack.pop()
            else:
                stack.append(j)
        return {pair: stack[-1] for pair, stack in stacks.items() if stack}

    def reopened(self) -> set[tuple[str, str]]:
        """Pairs whose every decision was undone: back in the review queue, never merged
        automatically again (someone has looked at the pair and taken the merge back)."""
        stacks: dict[tuple[str, str], int] = {}
        undone: set[tuple[str, str]] = set()
        for j in self._items:
            if j.decision is Decision.UNDO:
                if stacks.get(j.pair):
                    stacks[j.pair] -= 1
                    undone.add(j.pair)
            else:
                stacks[j.pair] = stacks.get(j.pair, 0) + 1
        return {pair for pair in undone if not stacks.get(pair)}

    def decision(self, left: str, right: str) -> Decision | None:
        j = self.state().get(pair_key(left, right))
        return j.decision if j else None

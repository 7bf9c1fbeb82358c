"""The two decision thresholds of entity resolution.

A pair's score (see ``scorer``) is a probability-like number in [0, 1]:
- ``score >= auto_merge``: merged automatically (unless a veto, the chaining check or the
  protected-person rule says otherwise);
- ``review <= score < auto_merge``: put in the review queue with its features;
- below ``review``: left apart.
A pair where either record is protected (victim, witness, sheltered person) and the two
records share no case is never merged automatically: it goes to review, whatever its score.
"""

from __future__ import annotations

from dataclasses import dataclass

from intel.errors import InvalidInput

__all__ = ["Thresholds", "DEFAULT_THRESHOLDS"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    auto_merge: float = 0.98
    review: float = 0.5
    max_block: int = 50  # blocks larger than this are windowed, not compared all-pairs
    window: int = 8  # sorted-neighbourhood window used inside an oversized block

    def __post_init__(self) -> None:
        if not 0.0 < self.review < self.auto_merge <= 1.0:
            raise InvalidInput(
                f"thresholds: need 0 < review ({self.review}) < auto_merge ({self.auto_merge}) <= 1"
            )
        if self.max_block < 2 or self.window < 2:
            raise InvalidInput("thresholds: max_block and window must be at least 2")


DEFAULT_THRESHOLDS = Thresholds()

"""Entity resolution for person mentions across Azerbaijani Latin, Cyrillic and English.

names -> record -> blocking -> features -> scorer -> clustering -> resolver, with
thresholds and the append-only judgement log: pure and in memory. ``estimate`` fits field
weights without labels (EM) for data whose fields behave unlike ours. The store wiring:
``case_links`` (the persons of one case first), ``graph`` (run over Person nodes), ``stored`` (Judgement nodes, SAME_AS links), ``review``
(queue, accept, reject, undo) and ``entity`` (the canonical cluster of a person).
"""

from .judgement import Decision, Judgement, JudgementLog
from .names import PersonName, parse_name, parse_parts, phonetic_key
from .record import Record
from .resolver import PairDecision, Resolution, resolve
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = [
    "DEFAULT_THRESHOLDS", "Decision", "Judgement", "JudgementLog", "PairDecision",
    "PersonName", "Record", "Resolution", "Thresholds", "parse_name", "parse_parts",
    "phonetic_key", "resolve",
]

"""The realism knobs of a generated scenario, with defaults that keep the problem honest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Knobs:
    cluster_min: int = 20  # persons around one trafficking group (members, victims, ...)
    cluster_max: int = 42
    statements_per_person: float = 0.2  # 300 persons -> about 60 interviews
    calls_per_person: float = 10.0  # 300 persons -> a few thousand call records
    namesake_share: float = 0.04  # planted unrelated persons sharing a suspect's/victim's name
    lang_weights: tuple[float, float, float] = (0.45, 0.35, 0.20)  # az, ru, en statements
    informal_share: float = 0.2  # statements naming others by first name or nickname only
    typo_rate: float = 0.12  # a (statement, person) spelling carries a typo
    alt_scheme_rate: float = 0.45  # a (statement, person) spelling uses a less usual transliteration
    nickname_rate: float = 0.35  # suspects known by a nickname
    xlsx_max_rows: int = 1_048_575  # Excel's sheet limit (one header row)


MIN_PERSONS = 10

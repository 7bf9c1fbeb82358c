"""Counts of a generated scenario and the realism figures its knobs promise."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ingest.synthetic.population import Cluster


@dataclass(slots=True)
class Summary:
    seed: int
    persons_requested: int
    persons: int = 0
    groups: int = 0
    cases: int = 0
    by_role: Counter = field(default_factory=Counter)
    statements_by_lang: Counter = field(default_factory=Counter)
    statements_by_role: Counter = field(default_factory=Counter)
    mentions_by_type: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)
    namesake_pairs: int = 0
    persons_with_namesake: int = 0
    in_two_plus_statements: int = 0
    with_spelling_variants: int = 0
    mentioned: int = 0
    cross_script: int = 0
    informal_statements: int = 0
    xlsx_rows: int = 0
    xlsx_rows_left_out: int = 0

    def add_cluster(self, cluster: Cluster) -> None:
        self.groups += 1
        self.cases += len(cluster.cases)
        self.persons += len(cluster.persons)
        self.namesake_pairs += len(cluster.namesakes)
        self.persons_with_namesake += len({p for a, b, _ in cluster.namesakes for p in (a, b)})
        for p in cluster.persons.values():
            self.by_role[p.role] += 1
            if p.statements:
                self.mentioned += 1
            if len(p.scripts) > 1:
                self.cross_script += 1
            if len(p.statements) >= 2:
                self.in_two_plus_statements += 1
                if len(p.variants) >= 2:
                    self.with_spelling_variants += 1

    def as_dict(self) -> dict:
        share = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
        return {
            "seed": self.seed, "persons_requested": self.persons_requested, "persons": self.persons,
            "groups": self.groups, "cases": self.cases, "persons_by_role": dict(sorted(self.by_role.items())),
            "statements": sum(self.statements_by_lang.values()),
            "statements_by_lang": dict(sorted(self.statements_by_lang.items())),
            "statements_by_speaker_role": dict(sorted(self.statements_by_role.items())),
            "informal_statements": self.informal_statements,
            "mentions_by_type": dict(sorted(self.mentions_by_type.items())),
            "rows": dict(sorted(self.rows.items())),
            "namesake_pairs": self.namesake_pairs,
            "share_persons_with_namesake": share(self.persons_with_namesake, self.persons),
            "persons_in_two_plus_statements": self.in_two_plus_statements,
            "share_multi_statement_persons_with_spelling_variants":
                share(self.with_spelling_variants, self.in_two_plus_statements),
            "share_mentioned_persons_with_cross_script_variants": share(self.cross_script, self.mentioned),
            "xlsx_rows": self.xlsx_rows, "xlsx_rows_left_out": self.xlsx_rows_left_out,
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"

"""A whole synthetic scenario, generated cluster by cluster (one trafficking group with its
victims, witnesses, relatives and namesakes at a time) and streamed to disk.

Each cluster draws from its own ``random.Random(f"{seed}:{index}")``, so the output depends only
on the seed and the size, and memory holds one cluster at a time.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from intel.errors import InvalidInput

from ingest.synthetic.events import build_stories
from ingest.synthetic.knobs import MIN_PERSONS, Knobs
from ingest.synthetic.population import build_cluster
from ingest.synthetic.statements import plan_statements, render_statement
from ingest.synthetic.summary import Summary
from ingest.synthetic.tables import cdr_rows, crossing_rows, hotline_rows
from ingest.synthetic.truth import group_row, mention_lines, org_rows, person_rows, route_rows
from ingest.synthetic.writer import ScenarioWriter

MAX_PERSONS = 50_000_000


def cluster_sizes(seed: int, persons: int, knobs: Knobs):
    """Yield the size of each cluster; they add up to ``persons`` exactly."""
    rng = random.Random(f"{seed}:sizes")
    left = persons
    while left > 0:
        size = rng.randint(knobs.cluster_min, knobs.cluster_max)
        if left - size < knobs.cluster_min:
            size = left
        yield size
        left -= size


def generate(seed: int, persons: int, out: Path, force: bool = False, knobs: Knobs | None = None,
             progress: Callable[[int], None] | None = None) -> dict:
    """Write a scenario of ``persons`` persons into ``out``; returns the summary figures."""
    knobs = knobs or Knobs()
    if isinstance(persons, bool) or not isinstance(persons, int) or persons < MIN_PERSONS:
        raise InvalidInput(f"--persons {persons}: must be a whole number of at least {MIN_PERSONS}")
    if persons > MAX_PERSONS:
        raise InvalidInput(f"--persons {persons}: at most {MAX_PERSONS:,}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInput(f"--seed {seed}: must be a whole number >= 0")
    writer = ScenarioWriter(Path(out), force, knobs.xlsx_max_rows)
    summary = Summary(seed, persons)
    try:
        for index, size in enumerate(cluster_sizes(seed, persons, knobs), start=1):
            rng = random.Random(f"{seed}:{index}")
            cluster = build_cluster(rng, index, size, knobs)
            stories = build_stories(rng, cluster)
            for plan in plan_statements(rng, cluster, stories, knobs):
                text, mentions, informal = render_statement(rng, plan, cluster, knobs)
                writer.statement(plan.statement_id, text,
                                 (plan.statement_id, f"{plan.statement_id}.txt", plan.lang, plan.script,
                                  plan.case_id, plan.speaker, plan.speaker_role, plan.day.isoformat()),
                                 mention_lines(plan.statement_id, mentions))
                summary.statements_by_lang[plan.lang] += 1
                summary.statements_by_role[plan.speaker_role] += 1
                summary.informal_statements += informal
                for m in mentions:
                    summary.mentions_by_type[m.type] += 1
            tables = {"cdr": cdr_rows(rng, cluster, stories, knobs.calls_per_person),
                      "crossings": crossing_rows(rng, cluster, stories),
                      "hotline": hotline_rows(rng, cluster, stories),
                      "persons": person_rows(cluster), "groups": [group_row(cluster)],
                      "routes": route_rows(cluster, stories), "organizations": org_rows(cluster),
                      "namesakes": cluster.namesakes}
            for key, rows in tables.items():
                writer.rows(key, rows)
                summary.rows[key] += len(rows)
            summary.add_cluster(cluster)
            if progress:
                progress(size)
        summary.xlsx_rows, summary.xlsx_rows_left_out = writer.xlsx_rows, writer.xlsx_skipped
        result = summary.as_dict()
        writer.write_json("summary.json", summary.to_json())
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return result

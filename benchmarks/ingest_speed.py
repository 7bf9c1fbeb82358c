"""Ingest speed: statement extraction (statements/s) and table import (rows/s) into a store.

Generates a scenario (``ingest.synthetic``), extracts every statement with N worker processes
(median statement size reported; the target assumes ~2 KB), then imports the call records
(``cdr`` mapping) the way ``halqa ingest table`` does: an investigator granted the case, the
data key opened (``open_crypto``), the audit journal attached, the store held for the command,
``import_table(..., crypto=...)``. The figure times that one call: read the file, map and clean
every row, the service's access checks, sealing of protected values and audit event, and the
write in one transaction (``GraphService.write`` -> ``GraphStore.write_clean``). A second timed
call imports the same file again (a no-op). Alongside, read + map alone is timed in a separate
pass. Embedded goes into a fresh store; with ``--backend neo4j`` into the Neo4j at
``HALQA_TEST_NEO4J_URI``/``_USER``/``_PASSWORD`` (or the harness started with
``.venv/bin/python tests/neo4j_harness.py start``, read from ``tests/neo4j/run/env``), which is
emptied first. Compared with the named baseline ``issue-5-targets`` (extraction 200
statements/s on 2 cores; import 20,000 rows/s embedded, 5,000 rows/s Neo4j) as ratios. The
last line is one JSON object.

    .venv/bin/python benchmarks/ingest_speed.py [--persons 3000] [--workers 2] [--backend embedded|neo4j|both]
        [--skip-extraction] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASELINE = {"name": "issue-5-targets", "extract_per_s": 200, "embedded_rows_per_s": 20_000, "neo4j_rows_per_s": 5_000}


def _warm(_: int) -> None:
    from ingest.extract import extract

    extract("Bakı 0501234567 Rəşad Məmmədov", "az")


def _work(item: tuple[str, str]) -> int:
    from ingest.extract import extract

    text, lang = item
    return len(extract(text, lang))


def extraction(out: Path, workers: int) -> dict:
    index = list(csv.DictReader((out / "statements" / "index.csv").open(encoding="utf-8")))
    items = [((out / "statements" / r["file"]).read_text("utf-8"), r["lang"]) for r in index]
    sizes = [len(t.encode("utf-8")) for t, _ in items]
    with Pool(workers) as pool:
        pool.map(_warm, range(workers * 2))
        t0 = time.perf_counter()
        mentions = sum(pool.map(_work, items, chunksize=8))
        secs = time.perf_counter() - t0
    return {"statements": len(items), "median_bytes": int(statistics.median(sizes)), "mentions": mentions,
            "seconds": round(secs, 2), "per_s": round(len(items) / secs, 1), "workers": workers}


def _neo4j_settings(data_dir: Path):
    import os

    from intel.config import Settings

    env = {k: v for k, v in os.environ.items() if k.startswith("HALQA_TEST_NEO4J_")}
    if "HALQA_TEST_NEO4J_URI" not in env:
        env_file = REPO / "tests" / "neo4j" / "run" / "env"
        if not env_file.exists():
            raise SystemExit("no test Neo4j: set HALQA_TEST_NEO4J_URI/_PASSWORD, or run "
                             ".venv/bin/python tests/neo4j_harness.py start")
        env = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    return Settings(_env_file=None, backend="neo4j", neo4j_uri=env["HALQA_TEST_NEO4J_URI"],
                    neo4j_user=env.get("HALQA_TEST_NEO4J_USER", "neo4j"),
                    neo4j_password=env["HALQA_TEST_NEO4J_PASSWORD"], data_dir=data_dir)


def table_import(out: Path, backend: str, tmp: Path) -> dict:
    """One import of the call records through the user's path, timed; see the module doc."""
    import contextlib

    from ingest.tables import import_table, load_mapping, read_table
    from ingest.tables.rows import RowMapper
    from intel.audit import attach_journal, flush
    from intel.config import Settings
    from intel.principal import SYSTEM
    from intel.security.crypto import open_crypto
    from intel.security.session import principal_for
    from intel.security.users import Users
    from intel.services.cases import CaseService
    from intel.store import open_store

    settings = (Settings(_env_file=None, backend="embedded", data_dir=tmp / "store") if backend == "embedded"
                else _neo4j_settings(tmp / "neo4j"))
    store = open_store(settings)
    if backend == "neo4j":
        store.execute(SYSTEM, "MATCH (n) DETACH DELETE n", write=True)
    store.init_schema()
    path = out / "tables" / "cdr.csv"
    mapping = load_mapping("cdr")
    t0 = time.perf_counter()
    table = read_table(path)
    batch = RowMapper(mapping, table, "BENCH", {"source": "bench", "recorded_by": "bench",
                                                "recorded_at": "2024-01-01T00:00:00"}).run()
    map_secs = time.perf_counter() - t0
    hold = store.hold() if hasattr(store, "hold") else contextlib.nullcontext()
    with hold:
        crypto = open_crypto(settings, store, env={})
        attach_journal(store, tmp / f"audit-journal-{backend}")
        Users(store).add("bench-investigator", "investigator", "bench password 12345", by="bench")
        cases = CaseService(store, SYSTEM, crypto)
        cases.create_case("BENCH")
        cases.grant("bench-investigator", "BENCH")
        who = principal_for(store, "bench-investigator")
        t0 = time.perf_counter()
        rep = import_table(store, who, path, mapping, "BENCH", crypto=crypto)
        secs = time.perf_counter() - t0
        t1 = time.perf_counter()
        again = import_table(store, who, path, mapping, "BENCH", crypto=crypto)
        re_secs = time.perf_counter() - t1
        flush(store)
        audited = store.execute(SYSTEM, "MATCH (a:AuditEvent) WHERE a.action = 'case.write' RETURN count(a) AS c")[0]["c"]
    store.close()
    assert rep.written == len(table.rows) and again.already and audited >= 1
    return {"rows": rep.written, "nodes": rep.result.nodes_created, "relationships": rep.result.edges_created,
            "seconds": round(secs, 3), "rows_per_s": round(rep.written / secs), "map_only_rows_per_s":
            round(len(table.rows) / map_secs), "reimport_seconds": round(re_secs, 3), "errors": len(batch.errors)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--persons", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--backend", choices=("embedded", "neo4j", "both"), default="embedded")
    ap.add_argument("--skip-extraction", action="store_true", help="time the table import only")
    ap.add_argument("--repeat", type=int, default=1, help="imports per backend (each into a fresh store); "
                    "the best is reported, all are listed (the machine is shared, figures are noisy)")
    args = ap.parse_args()
    import logging
    import os

    from rich.console import Console
    from rich.table import Table

    from ingest.synthetic import generate

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "property key does not exist" noise

    figures: dict = {"baseline": BASELINE["name"], "load_average": [round(x, 2) for x in os.getloadavg()]}
    ex = None
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        out = tmp / "scenario"
        generate(args.seed, args.persons, out)
        if not args.skip_extraction:
            ex = extraction(out, args.workers)
            figures["extraction"] = {**ex, "ratio": round(ex["per_s"] / BASELINE["extract_per_s"], 2)}
        backends = ("embedded", "neo4j") if args.backend == "both" else (args.backend,)
        for backend in backends:
            runs = [table_import(out, backend, tmp / f"{backend}-{i}") for i in range(max(1, args.repeat))]
            imp = max(runs, key=lambda r: r["rows_per_s"])
            target = BASELINE[f"{backend}_rows_per_s"]
            figures[f"import_{backend}"] = {**imp, "all_rows_per_s": [r["rows_per_s"] for r in runs],
                                            "ratio": round(imp["rows_per_s"] / target, 2)}
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    table = Table(title=f"ingest speed (scenario seed {args.seed}, {args.persons} persons) vs {BASELINE['name']}")
    for col in ("measure", "value", "target", "ratio"):
        table.add_column(col, justify="right" if col != "measure" else "left")
    if ex is not None:
        table.add_row(f"extraction, {ex['workers']} workers (median {ex['median_bytes']} B, {ex['statements']} stmts)",
                      f"{ex['per_s']:,} stmt/s", f"{BASELINE['extract_per_s']:,}", f"{figures['extraction']['ratio']:.2f}")
    for backend in backends:
        imp = figures[f"import_{backend}"]
        table.add_row(f"cdr import into {backend} ({imp['rows']:,} rows: read, map, check, seal, audit, "
                      "write in one transaction)",
                      f"{imp['rows_per_s']:,} rows/s", f"{BASELINE[f'{backend}_rows_per_s']:,}", f"{imp['ratio']:.2f}")
        table.add_row("  read + map alone (separate pass)", f"{imp['map_only_rows_per_s']:,} rows/s", "", "")
        table.add_row("  re-import of the same file (no-op)", f"{imp['reimport_seconds']} s", "", "")
        if len(imp["all_rows_per_s"]) > 1:
            table.add_row("  every run (best above)", ", ".join(f"{r:,}" for r in imp["all_rows_per_s"]), "", "")
    table.caption = f"load average {figures['load_average']} before, {figures['load_average_after']} after (2 cores)"
    Console().print(table)
    sys.stdout.flush()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

"""Scenario generator benchmark: time and peak memory of `halqa generate` at given sizes.

    python benchmarks/generate.py [SIZE ...] [--seed S] [--keep DIR]

Each size (default 1,000,000 persons) runs `halqa generate` as a child process into a fresh
temporary folder; wall time is measured around the child and peak memory is the child's
ru_maxrss (resource.getrusage(RUSAGE_CHILDREN), read after each run; each child runs in its own
process so the figure is that run's peak only when sizes go up). The baseline is the acceptance
budget for 1,000,000 persons on this 2-core machine (900 s, 2048 MB), scaled linearly in time
to the size; ratios below 1.0 are within budget. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
BUDGET_SECONDS_PER_MILLION = 900.0
BUDGET_MB = 2048.0


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(size: int, seed: int, keep: Path | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix="halqa-gen-bench-", dir=keep))
    out = base / "scenario"
    cmd = [sys.executable, "-c", "from intel.cli import main; main()", "generate", "--seed", str(seed),
           "--persons", str(size), "--out", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"generate failed at {size}: {proc.stderr.strip() or proc.stdout.strip()}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    disk = _dir_size(out)
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    budget_s = BUDGET_SECONDS_PER_MILLION * size / 1_000_000
    peak_mb = max(peak_kb, before) / 1024
    return {"persons": size, "seconds": round(seconds, 1), "peak_mb": round(peak_mb, 1),
            "statements": summary["statements"], "call_records": summary["rows"]["cdr"],
            "border_crossings": summary["rows"]["crossings"], "xlsx_rows": summary["xlsx_rows"],
            "disk_mb": round(disk / 2**20, 1), "persons_per_s": round(size / seconds),
            "time_vs_budget": round(seconds / budget_s, 3), "memory_vs_budget": round(peak_mb / BUDGET_MB, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1_000_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="write under this folder and keep the output")
    args = ap.parse_args()
    results = [run(size, args.seed, args.keep) for size in sorted(args.sizes)]
    table = Table(title="halqa generate: time and peak memory (baseline: 900 s per 1M persons, 2048 MB)")
    for col in ("persons", "seconds", "peak MB", "statements", "call records", "crossings", "XLSX rows",
                "disk MB", "persons/s", "time/budget", "memory/budget"):
        table.add_column(col, justify="right")
    for r in results:
        table.add_row(f"{r['persons']:,}", f"{r['seconds']:.1f}", f"{r['peak_mb']:.0f}", f"{r['statements']:,}",
                      f"{r['call_records']:,}", f"{r['border_crossings']:,}", f"{r['xlsx_rows']:,}",
                      f"{r['disk_mb']:.0f}", f"{r['persons_per_s']:,}", f"{r['time_vs_budget']:.2f}x",
                      f"{r['memory_vs_budget']:.2f}x")
    Console(width=180).print(table)
    print(json.dumps({"benchmark": "generate", "baseline": "acceptance budget 900 s/1M persons, 2048 MB",
                      "results": results}))


if __name__ == "__main__":
    main()

"""Statement extraction quality and speed against a generated scenario.

Generates a scenario with a seed never used while writing the rules (default 9001; rules
were developed on hand-written sentences and seeds 1-10), runs ``ingest.extract.extract`` on
every statement, and scores mentions against ``truth/mentions.jsonl``: exact span and
normalised value (persons: exact span). Prints precision / recall / F1 per language and type,
statements per second (2 worker processes) and the median statement size; compares F1 with the
named baseline ``issue-5-targets`` (person 0.92; phone, document, date 0.97) as ratios.
The last line is one JSON object.

    .venv/bin/python benchmarks/extraction.py [--seed 9001] [--persons 500] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

BASELINE = {"name": "issue-5-targets", "f1": {"person": 0.92, "phone": 0.97, "document": 0.97, "date": 0.97}}
TYPES = ("person", "phone", "document", "date", "money", "place", "organization", "plate")


def _generate(seed: int, persons: int, out: Path) -> None:
    cmd = [sys.executable, "-c", "from intel.cli import main; main()", "generate",
           "--seed", str(seed), "--persons", str(persons), "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"generator failed ({' '.join(cmd[3:])}): {done.stderr.strip()[-500:]}")


def _work(item: tuple[str, str, str]) -> tuple[str, list[dict]]:
    from ingest.extract import extract

    sid, text, lang = item
    return sid, [m.as_dict() for m in extract(text, lang)]


def _warm(_: int) -> None:
    from ingest.extract import extract

    extract("Bakı 0501234567", "az")


def _key(sid: str, m: dict) -> tuple:
    if m["type"] == "person":
        return (sid, m["type"], m["start"], m["end"])
    return (sid, m["type"], m["start"], m["end"], m["value"])


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=9001)
    ap.add_argument("--persons", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scenario", type=Path, help="use an already generated scenario directory")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses per type")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = args.scenario or Path(tmp) / "scenario"
        if args.scenario is None:
            _generate(args.seed, args.persons, out)
        rows = list(csv.DictReader((out / "statements" / "index.csv").open(encoding="utf-8")))
        items = []
        for row in rows:
            text = (out / "statements" / row["file"]).read_text(encoding="utf-8")
            items.append((row["statement_id"], text, row["lang"]))
        truth: dict[str, list[dict]] = {}
        with (out / "truth" / "mentions.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    m = json.loads(line)
                    truth.setdefault(m["statement_id"], []).append(m)

    lang_of = {sid: lang for sid, _, lang in items}
    texts = {sid: text for sid, text, _ in items}
    with Pool(args.workers) as pool:
        pool.map(_warm, range(args.workers))
        t0 = time.perf_counter()
        results = dict(pool.map(_work, items, chunksize=8))
        elapsed = time.perf_counter() - t0
    rate = len(items) / elapsed if elapsed else 0.0
    median_bytes = statistics.median(len(t.encode("utf-8")) for t in texts.values()) if texts else 0

    counts: Counter = Counter()
    misses: dict[str, list[str]] = {}
    for sid, lang in lang_of.items():
        gold = {_key(sid, m): m for m in truth.get(sid, []) if m["type"] in TYPES}
        pred = {_key(sid, m): m for m in results[sid]}
        for k, m in pred.items():
            hit = "tp" if k in gold else "fp"
            counts[(lang, m["type"], hit)] += 1
            if hit == "fp":
                misses.setdefault(m["type"], []).append(f"FP {lang} {m['text']!r} -> {m['value']!r}")
        for k, m in gold.items():
            if k not in pred:
                counts[(lang, m["type"], "fn")] += 1
                misses.setdefault(m["type"], []).append(f"FN {lang} {m['text']!r} -> {m.get('value')!r}")

    langs = sorted({lang for lang in lang_of.values()})
    figures: dict[str, dict] = {"by_type": {}, "by_lang_type": {}}
    print(f"extraction benchmark: seed {args.seed}, {len(items)} statements, {sum(len(v) for v in truth.values())} gold mentions")
    print(f"{'lang':<5}{'type':<14}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for lang in langs + ["all"]:
        for t in TYPES:
            sel = [lg for lg in langs] if lang == "all" else [lang]
            tp = sum(counts[(lg, t, "tp")] for lg in sel)
            fp = sum(counts[(lg, t, "fp")] for lg in sel)
            fn = sum(counts[(lg, t, "fn")] for lg in sel)
            if tp + fp + fn == 0:
                continue
            p, r, f = _prf(tp, fp, fn)
            print(f"{lang:<5}{t:<14}{tp + fn:>6}{tp + fp:>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
            entry = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": tp + fn}
            if lang == "all":
                figures["by_type"][t] = entry
            else:
                figures["by_lang_type"][f"{lang}/{t}"] = entry
    print(f"\nspeed: {rate:.1f} statements/s on {args.workers} workers; median statement {median_bytes:.0f} bytes")
    print(f"\nbaseline {BASELINE['name']}: F1 / target")
    ratios = {}
    for t, target in BASELINE["f1"].items():
        f1 = figures["by_type"].get(t, {}).get("f1", 0.0)
        ratios[t] = round(f1 / target, 4)
        print(f"  {t:<10} F1 {f1:.3f}  target {target:.2f}  ratio {ratios[t]:.3f}  {'ok' if f1 >= target else 'BELOW'}")
    speed_ratio = round(rate / 200.0, 3)
    print(f"  {'speed':<10} {rate:.1f}/s  target 200/s  ratio {speed_ratio:.3f}")
    if args.errors:
        for t, lines in sorted(misses.items()):
            print(f"\n-- {t} --")
            for line in lines[: args.errors]:
                print("  " + line)
    figures.update(
        seed=args.seed, statements=len(items), statements_per_s=round(rate, 1), workers=args.workers,
        median_statement_bytes=median_bytes, baseline=BASELINE["name"], ratio_to_baseline=ratios,
        speed_ratio_to_200_per_s=speed_ratio,
    )
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()

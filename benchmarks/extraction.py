"""Statement extraction quality and speed against a generated scenario.

Generates a scenario with a seed never used while writing the rules (default 9001; the rules
were developed on hand-written sentences and seeds 1-10), runs ``ingest.extract.extract`` on
every statement, and scores mentions against ``truth/mentions.jsonl``: exact span and
normalised value, except persons and organisations (exact span; see SCORING). Prints precision
/ recall / F1 per language and type, then the speed: statements/s in one process and with N
worker processes, by wall clock and by CPU time (the rate on cores of its own, which other work
on a shared machine does not change), also as the rate for 2 KB statements (bytes/s / 2048;
the target assumes a 2 KB median; cost grows with length about linearly). Compares F1 and speed with the named baseline ``issue-5-targets`` (person 0.92;
phone, document, date 0.97 per language; 200 statements/s of 2 KB on 2 cores) as ratios.
The last line is one JSON object.

    .venv/bin/python benchmarks/extraction.py [--seed 9001] [--persons 500] [--workers 2]
        [--scenario DIR] [--errors N] [--min-seconds 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

BASELINE = {"name": "issue-5-targets", "f1": {"person": 0.92, "phone": 0.97, "document": 0.97, "date": 0.97},
            "statements_per_s_2kb": 200}
TYPES = ("person", "phone", "document", "date", "money", "place", "organization", "plate")
# SCORING: what the generator's truth means, and where it is scored differently.
# - person: the truth value is the person's id (who it is), which extraction cannot know; the
#   span is scored. Linking mentions to persons is entity resolution's job.
# - organization: likewise the truth value is an organisation id ("O000001-2"), not a
#   normalised name; the span is scored.
# - date: a year of birth written alone ("1990 г.р.", "1987-ci ildə anadan olmuşam", "born in
#   1997") is gold with value "1990". That is right: a date of year precision (ISO 8601
#   reduced precision, as FollowTheMoney dates allow), and it tells persons apart; the
#   extractor reports it with parts {"precision": "year"}.
# - money: the truth leaves out amounts promised as wages ("1000 dollars a month"), which the
#   extractor reports; those show as false positives here, and we think the truth should list
#   them (an amount is an amount; the wage promised is part of the recruitment story).
SPAN_ONLY = frozenset({"person", "organization"})
KNOWN_TRUTH_GAPS = {
    "money": "wages promised ('1000 dollars a month') are not in the truth; reported by the extractor",
}


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


def _cpu(item: tuple[str, str, str]) -> float:
    """CPU seconds this process spent extracting one statement."""
    from ingest.extract import extract

    t0 = time.process_time()
    extract(item[1], item[2])
    return time.process_time() - t0


def _warm(_: int) -> None:
    from ingest.extract import extract

    extract("Bakı 0501234567 Rəşad Məmmədov", "az")


def _key(sid: str, m: dict) -> tuple:
    if m["type"] in SPAN_ONLY:
        return (sid, m["type"], m["start"], m["end"])
    return (sid, m["type"], m["start"], m["end"], m["value"])


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _speed(items: list[tuple[str, str, str]], workers: int, min_seconds: float) -> dict:
    """Statements/s and bytes/s, one process and ``workers`` processes; the statements are run
    again as often as needed to measure at least ``min_seconds`` each."""
    from ingest.extract import extract

    total_bytes = sum(len(t.encode("utf-8")) for _, t, _ in items)
    _warm(0)
    done, t0, c0 = 0, time.perf_counter(), time.process_time()
    while True:
        for _, text, lang in items:
            extract(text, lang)
        done += 1
        single = time.perf_counter() - t0
        if single >= min_seconds:
            break
    single_cpu = time.process_time() - c0
    one = {"statements_per_s": len(items) * done / single, "bytes_per_s": total_bytes * done / single,
           "cpu_statements_per_s": len(items) * done / single_cpu}
    rounds = max(1, round(min_seconds * one["statements_per_s"] * workers / len(items)))
    work = items * rounds
    with Pool(workers) as pool:
        pool.map(_warm, range(workers * 2))
        t0 = time.perf_counter()
        cpu = sum(pool.map(_cpu, work, chunksize=8))
        multi = time.perf_counter() - t0
    # what the workers would do on cores of their own: CPU seconds shared over the workers
    many = {"statements_per_s": len(work) / multi, "bytes_per_s": total_bytes * rounds / multi,
            "cpu_statements_per_s": len(work) / (cpu / workers)}
    for figures, n in ((one, 1), (many, rounds)):
        figures["statements_per_s_2kb"] = figures["bytes_per_s"] / 2048
        figures["cpu_statements_per_s_2kb"] = figures["cpu_statements_per_s"] * (total_bytes / len(items)) / 2048
    return {"single": one, "workers": many}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=9001)
    ap.add_argument("--persons", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scenario", type=Path, help="use an already generated scenario directory")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses per type")
    ap.add_argument("--min-seconds", type=float, default=3.0, help="measure speed for at least this long")
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
        results = dict(pool.map(_work, items, chunksize=8))
    load_before = os.getloadavg()
    speed = _speed(items, args.workers, args.min_seconds)
    median_bytes = statistics.median(len(t.encode("utf-8")) for t in texts.values()) if texts else 0

    counts: Counter = Counter()
    misses: dict[str, list[str]] = {}

    def context(sid: str, m: dict) -> str:
        text = texts[sid]
        return (text[max(0, m["start"] - 30) : m["start"]] + "[" + m["text"] + "]" + text[m["end"] : m["end"] + 20]).replace("\n", " ")

    for sid, lang in lang_of.items():
        gold = {_key(sid, m): m for m in truth.get(sid, []) if m["type"] in TYPES}
        pred = {_key(sid, m): m for m in results[sid]}
        for k, m in pred.items():
            hit = "tp" if k in gold else "fp"
            counts[(lang, m["type"], hit)] += 1
            if hit == "fp":
                misses.setdefault(m["type"], []).append(f"FP {lang} {m['value']!r}: {context(sid, m)}")
        for k, m in gold.items():
            if k not in pred:
                counts[(lang, m["type"], "fn")] += 1
                misses.setdefault(m["type"], []).append(f"FN {lang} {m.get('value')!r}: {context(sid, m)}")

    langs = sorted({lang for lang in lang_of.values()})
    figures: dict[str, dict] = {"by_type": {}, "by_lang_type": {}}
    print(f"extraction benchmark: seed {args.seed}, {len(items)} statements, "
          f"{sum(len(v) for v in truth.values())} gold mentions; persons and organisations scored by span")
    print(f"{'lang':<5}{'type':<14}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for lang in langs + ["all"]:
        for t in TYPES:
            sel = list(langs) if lang == "all" else [lang]
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
    for t, note in KNOWN_TRUTH_GAPS.items():
        print(f"note ({t}): {note}")

    one, many = speed["single"], speed["workers"]
    print(f"\nspeed (load average before {load_before[0]:.2f}; median statement {median_bytes:.0f} bytes, "
          f"{os.cpu_count()} CPUs). Wall clock, then CPU time: the first depends on other work on the "
          f"machine, the second gives the rate on cores of its own.")
    for label, fig in (("1 process", one), (f"{args.workers} workers", many)):
        print(f"  {label:<10}  wall {fig['statements_per_s']:7.1f} statements/s  {fig['bytes_per_s'] / 1024:7.1f} KB/s"
              f"  = {fig['statements_per_s_2kb']:6.1f}/s of 2 KB   |   CPU {fig['cpu_statements_per_s']:7.1f}/s"
              f"  = {fig['cpu_statements_per_s_2kb']:6.1f}/s of 2 KB")

    print(f"\nbaseline {BASELINE['name']}: F1 / target (each language must reach it too)")
    ratios: dict[str, float] = {}
    for t, target in BASELINE["f1"].items():
        f1 = figures["by_type"].get(t, {}).get("f1", 0.0)
        worst = min((figures["by_lang_type"].get(f"{lg}/{t}", {}).get("f1", 0.0) for lg in langs), default=0.0)
        ratios[t] = round(f1 / target, 4)
        ratios[f"{t}_worst_language"] = round(worst / target, 4)
        ok = "ok" if f1 >= target and worst >= target else "BELOW"
        print(f"  {t:<10} F1 {f1:.3f} (worst language {worst:.3f})  target {target:.2f}  ratio {ratios[t]:.3f}  {ok}")
    target_speed = BASELINE["statements_per_s_2kb"]
    speed_ratio = round(many["statements_per_s_2kb"] / target_speed, 3)
    cpu_ratio = round(many["cpu_statements_per_s_2kb"] / target_speed, 3)
    print(f"  {'speed':<10} {many['statements_per_s_2kb']:.1f} statements/s of 2 KB on {args.workers} workers (wall)  "
          f"target {target_speed}/s  ratio {speed_ratio:.3f}  {'ok' if speed_ratio >= 1 else 'BELOW'}")
    print(f"  {'':<10} {many['cpu_statements_per_s_2kb']:.1f} statements/s of 2 KB on {args.workers} free cores (CPU time)  "
          f"ratio {cpu_ratio:.3f}  {'ok' if cpu_ratio >= 1 else 'BELOW'}")
    if args.errors:
        for t, lines in sorted(misses.items()):
            print(f"\n-- {t} --")
            for line in lines[: args.errors]:
                print("  " + line)
    figures.update(
        seed=args.seed, statements=len(items), workers=args.workers, median_statement_bytes=median_bytes,
        load_average=round(load_before[0], 2),
        speed={k: {m: round(v, 1) for m, v in d.items()} for k, d in speed.items()},
        statements_per_s=round(many["statements_per_s"], 1),
        baseline=BASELINE["name"], ratio_to_baseline=ratios, speed_ratio_to_200_per_s_2kb=speed_ratio,
        cpu_speed_ratio_to_200_per_s_2kb=cpu_ratio,
    )
    sys.stdout.flush()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()

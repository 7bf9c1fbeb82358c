"""Entity-resolution benchmark: FEBRL (against recordlinkage and splink), cross-script name
pairs, speed on synthetic mentions, and generated scenarios when ``halqa generate`` exists.

    .venv/bin/python benchmarks/resolution.py [--size 100000] [--skip-baselines] [--million]
        [--seed 5] [--persons 1000] [--skip-product]
    .venv/bin/python benchmarks/resolution.py --only-scenarios [--only-product] --seeds 5,11,23,37,41

Thresholds and weights are the library defaults (``ingest.resolve.thresholds``,
``ingest.resolve.scorer``), fixed in code before any label was looked at; the baselines use
the standard setups from their own documentation with thresholds fixed the same way.
Prints a table and, as the last line, one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

# Python puts this script's folder first on sys.path, where a module named like one of our
# packages would shadow it (benchmarks/ingest.py did, now ingest_speed.py): drop it, load
# the name table by path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]


def _load_name_table():
    import importlib.util

    spec = importlib.util.spec_from_file_location("resolve_name_table",
                                                  _HERE / "resolve_name_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SURNAMES, module.GIVEN


SURNAMES, GIVEN = _load_name_table()

from graph_models.types import name_key  # noqa: E402
from ingest.resolve.features import given_name, surname  # noqa: E402
from ingest.resolve.names import fold  # noqa: E402
from ingest.resolve.estimate import is_tabular  # noqa: E402
from ingest.resolve.scorer import score_pair  # noqa: E402
from ingest.resolve.record import Record, clean_birth_date  # noqa: E402
from ingest.resolve.resolver import resolve  # noqa: E402
from ingest.resolve.thresholds import DEFAULT_THRESHOLDS  # noqa: E402

SAME_NAME = 0.9  # a name feature at or above this counts as "the same name" (key level)
RL_SUM_THRESHOLD = 3  # recordlinkage docs' example: more than 3 of 6 features agree
SPLINK_THRESHOLD = 0.9  # splink match probability for a predicted link


# --- pair metrics -------------------------------------------------------------------------------


def prf(tp: int, predicted: int, actual: int) -> dict:
    p = tp / predicted if predicted else 1.0
    r = tp / actual if actual else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def c2(n: int) -> int:
    return n * (n - 1) // 2


def cluster_pair_scores(clusters: list[list[str]], truth: dict[str, str]) -> dict:
    """Pairwise precision/recall/F1 of clusters against true entity ids, via counts."""
    predicted = sum(c2(len(c)) for c in clusters)
    actual = sum(c2(n) for n in Counter(truth.values()).values())
    tp = 0
    for c in clusters:
        tp += sum(c2(n) for n in Counter(truth[r] for r in c).values())
    return prf(tp, predicted, actual)


def bcubed_scores(clusters: list[list[str]], truth: dict[str, str]) -> dict:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998), the usual score of mention
    clustering: each mention counts once, so a person named forty times does not outweigh
    forty people named twice, as it does in pair counts."""
    size = Counter(truth.values())
    p = r = 0.0
    n = 0
    for c in clusters:
        found = Counter(truth[m] for m in c if m in truth)
        for pid, k in found.items():  # k mentions of pid in this cluster, each scores k/...
            p += k * k / len(c)
            r += k * k / size[pid]
            n += k
    if not n:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairs_scores(pairs: set[tuple[str, str]], true_pairs: set[tuple[str, str]]) -> dict:
    norm = {tuple(sorted(p)) for p in pairs}
    truth = {tuple(sorted(p)) for p in true_pairs}
    return prf(len(norm & truth), len(norm), len(truth))


def cluster_pairs(clusters: list[list[str]]) -> set[tuple[str, str]]:
    out = set()
    for c in clusters:
        for i in range(len(c)):
            for j in range(i + 1, len(c)):
                out.add(tuple(sorted((c[i], c[j]))))
    return out


# --- FEBRL ----------------------------------------------------------------------------------------


def _s(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def febrl_record(rid: str, row) -> Record:
    try:
        dob = clean_birth_date(_s(row["date_of_birth"])) if _s(row["date_of_birth"]) else None
    except ValueError:
        dob = None  # FEBRL corrupts some dates into impossible ones: treat as missing
    ssn = _s(row["soc_sec_id"])
    return Record.build(
        rid,
        given=_s(row["given_name"]) or None,
        surname=_s(row["surname"]) or None,
        birth_date=dob,
        documents=[("ssn", ssn)] if ssn.isalnum() else [],
        address=" ".join(x for x in (_s(row["street_number"]), _s(row["address_1"]),
                                     _s(row["address_2"])) if x),
        locality=_s(row["suburb"]),
        postcode=_s(row["postcode"]),
        region=_s(row["state"]),
        source="febrl",
    )


def _resolve(records, estimated: bool):
    """Resolve with the fixed hand weights and hard vetoes, or (``estimated``) the library's
    default path, which for a table like FEBRL (``estimate.is_tabular``) uses weights estimated
    on these records without labels (``ingest.resolve.estimate``: u from random pairs, m by EM
    on the candidate pairs, each weight capped at ``WEIGHT_CAP``; conflicts soft); statement
    mentions keep the fixed weights. What was tuned on what: the
    thresholds (0.98 / 0.5), the level cut points and EM's starting m are library constants set
    from the feature score scale before FEBRL was run; nothing is fitted to the FEBRL labels,
    which are read only afterwards to score the result."""
    if estimated:  # the default path: ``resolve`` picks EM weights for a table like FEBRL
        if not is_tabular(records):
            raise SystemExit("FEBRL is not seen as a table: the default path would use fixed weights")
        return resolve(records, DEFAULT_THRESHOLDS)
    return resolve(records, DEFAULT_THRESHOLDS, scorer=score_pair)


def ours_febrl4(dfa, dfb, links, estimated: bool = False) -> dict:
    t0 = time.perf_counter()
    records = [febrl_record(f"A:{i}", r) for i, r in dfa.iterrows()]
    records += [febrl_record(f"B:{i}", r) for i, r in dfb.iterrows()]
    res = _resolve(records, estimated)
    secs = time.perf_counter() - t0
    predicted = cluster_pairs(res.clusters)
    truth = {(f"A:{a}", f"B:{b}") for a, b in links}
    out = pairs_scores(predicted, truth)
    out.update(seconds=round(secs, 2), review=len(res.review), candidate_pairs=res.stats.pairs)
    out["with_perfect_review"] = _with_review(res, predicted, lambda x, y: (x, y) in truth
                                              or (y, x) in truth, len(truth))
    return out


def _with_review(res, predicted: set, is_true, actual: int) -> dict:
    """Pair scores if a reviewer answered every review-queue item correctly (an upper bound
    on what the review queue adds; the automatic figures above are the headline)."""
    tp = sum(1 for p in predicted if is_true(*p))
    extra = {tuple(sorted((r.left, r.right))) for r in res.review if is_true(r.left, r.right)}
    extra -= predicted
    return prf(tp + len(extra), len(predicted) + len(extra), actual)


def ours_febrl3(df, truth: dict[str, str], estimated: bool = False) -> dict:
    t0 = time.perf_counter()
    records = [febrl_record(str(i), r) for i, r in df.iterrows()]
    res = _resolve(records, estimated)
    secs = time.perf_counter() - t0
    out = cluster_pair_scores(res.clusters, truth)
    out.update(seconds=round(secs, 2), review=len(res.review), candidate_pairs=res.stats.pairs)
    actual = sum(c2(n) for n in Counter(truth.values()).values())
    out["with_perfect_review"] = _with_review(res, cluster_pairs(res.clusters),
                                              lambda x, y: truth[x] == truth[y], actual)
    return out


def _rl_compare(rl):
    # the recordlinkage documentation's FEBRL example
    comp = rl.Compare()
    comp.exact("given_name", "given_name", label="given_name")
    comp.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    comp.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    comp.exact("suburb", "suburb", label="suburb")
    comp.exact("state", "state", label="state")
    comp.string("address_1", "address_1", threshold=0.85, label="address_1")
    return comp


def recordlinkage_febrl(dfa, dfb, true_index, dedup: bool) -> dict:
    import recordlinkage as rl

    t0 = time.perf_counter()
    indexer = rl.Index()
    indexer.block("given_name")
    indexer.block("surname")
    cands = indexer.index(dfa) if dedup else indexer.index(dfa, dfb)
    feats = _rl_compare(rl).compute(cands, dfa) if dedup else _rl_compare(rl).compute(cands, dfa, dfb)
    matches = feats[feats.sum(axis=1) > RL_SUM_THRESHOLD].index
    secs_sum = time.perf_counter() - t0
    t1 = time.perf_counter()
    ecm = rl.ECMClassifier(binarize=None)
    ecm_matches = ecm.fit_predict(feats)
    secs_ecm = time.perf_counter() - t1 + secs_sum - 0  # indexing+comparing shared
    truth = {tuple(sorted(map(str, p))) for p in true_index}
    as_pairs = lambda idx: {tuple(sorted(map(str, p))) for p in idx}  # noqa: E731
    out_sum = pairs_scores(as_pairs(matches), truth)
    out_sum["seconds"] = round(secs_sum, 2)
    out_ecm = pairs_scores(as_pairs(ecm_matches), truth)
    out_ecm["seconds"] = round(secs_ecm, 2)
    return {"threshold": out_sum, "ecm": out_ecm}


def splink_febrl(dfa, dfb, true_pairs: set[tuple[str, str]], dedup: bool) -> dict:
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    t0 = time.perf_counter()
    frames = []
    for name, df in ([("a", dfa)] if dedup else [("a", dfa), ("b", dfb)]):
        d = df.reset_index().rename(columns={"rec_id": "unique_id"}).copy()
        for col in d.columns:
            d[col] = d[col].astype("string").str.strip().replace("", None)
        frames.append((name, d))
    db = DuckDBAPI()
    sdfs = [db.register(d, dataset_display_name=f"febrl_{name}") for name, d in frames]
    settings = SettingsCreator(
        link_type="dedupe_only" if dedup else "link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name"), block_on("surname"), block_on("date_of_birth"),
            block_on("soc_sec_id"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("suburb"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("state"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(sdfs if not dedup else sdfs[0], settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    pred = linker.inference.predict(threshold_match_probability=SPLINK_THRESHOLD).as_pandas_dataframe()
    secs = time.perf_counter() - t0
    pairs = set(zip(pred["unique_id_l"].astype(str), pred["unique_id_r"].astype(str)))
    out = pairs_scores(pairs, true_pairs)
    out["seconds"] = round(secs, 2)
    return out


def febrl_section(skip_baselines: bool) -> dict:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    results: dict = {}
    dfa, dfb, links = load_febrl4(return_links=True)
    results["febrl4_ours"] = ours_febrl4(dfa, dfb, list(links))
    df3, links3 = load_febrl3(return_links=True)
    truth3 = {str(i): str(i).split("-")[1] for i in df3.index}
    results["febrl3_ours"] = ours_febrl3(df3, truth3)
    results["febrl4_ours_estimated"] = ours_febrl4(dfa, dfb, list(links), estimated=True)
    results["febrl3_ours_estimated"] = ours_febrl3(df3, truth3, estimated=True)
    if skip_baselines:
        return results
    results["febrl4_recordlinkage"] = recordlinkage_febrl(dfa, dfb, links, dedup=False)
    results["febrl3_recordlinkage"] = recordlinkage_febrl(df3, None, links3, dedup=True)
    true4 = {(str(a), str(b)) for a, b in links}
    true3 = {tuple(sorted((str(a), str(b)))) for a, b in links3}
    results["febrl4_splink"] = splink_febrl(dfa, dfb, true4, dedup=False)
    results["febrl3_splink"] = splink_febrl(df3, None, true3, dedup=True)
    return results


# --- cross-script names ---------------------------------------------------------------------


def _surname_score(x: str, y: str) -> float:
    return surname(Record.build("x", surname=x), Record.build("y", surname=y)).score or 0.0


def _given_score(x: str, y: str) -> float:
    return given_name(Record.build("x", given=x), Record.build("y", given=y)).score or 0.0


def cross_script_section() -> dict:
    out = {}
    for label, table, scorer in (("surname", SURNAMES, _surname_score),
                                 ("given", GIVEN, _given_score)):
        spellings = [(row_i, s) for row_i, row in enumerate(table) for s in dict.fromkeys(row)]
        same = diff = same_hit = diff_hit = same_typo = diff_typo = 0
        base_same = base_diff = 0
        misses = []
        for a in range(len(spellings)):
            for b in range(a + 1, len(spellings)):
                (ra, x), (rb, y) = spellings[a], spellings[b]
                score = scorer(x, y)
                # baseline: the plain search key (accents dropped, Turkic i folded)
                base = name_key(x) == name_key(y)
                if ra == rb:
                    same += 1
                    same_hit += score >= SAME_NAME
                    same_typo += score >= 0.75
                    base_same += base
                    if score < SAME_NAME:
                        misses.append(f"{x}/{y}")
                else:
                    diff += 1
                    diff_hit += score >= SAME_NAME
                    diff_typo += score >= 0.75
                    base_diff += base
        out[label] = {
            "true_pairs": same, "different_pairs": diff,
            "true_matched": round(same_hit / same, 4),
            "different_matched": round(diff_hit / diff, 5),
            "true_matched_incl_typo_level": round(same_typo / same, 4),
            "different_matched_incl_typo_level": round(diff_typo / diff, 5),
            "baseline_name_key_true_matched": round(base_same / same, 4),
            "baseline_name_key_different_matched": round(base_diff / diff, 5),
            "missed_examples": misses[:12],
        }
    return out


# --- synthetic mentions for speed -----------------------------------------------------------------

_RU_FEMALE = {"ов": "ова", "ев": "ева"}


def _feminine(spelling: str) -> str:
    if spelling.endswith(("ov", "ev")):
        return spelling + "a"
    if spelling.endswith(("ов", "ев")):
        return spelling + "а"
    return spelling


def synthetic_mentions(n_mentions: int, seed: int = 7) -> tuple[list[Record], dict[str, str]]:
    """Persons drawn from the name table, each mentioned ~4 times in varying scripts and
    forms (full official form, Russian, English, "Surname I."), with phones, passports and
    birth dates present only some of the time. Many namesakes by construction."""
    rng = random.Random(seed)
    n_persons = max(1, n_mentions // 4)
    female_given = {"Səbinə", "Aynur", "Günay", "Leyla", "Nigar", "Şəhla", "Nərmin",
                    "Gülnarə", "Aygün"}
    persons = []
    for p in range(n_persons):
        s_row = rng.choice(SURNAMES)
        g_row = rng.choice(GIVEN)
        f_row = rng.choice([g for g in GIVEN if g[0] not in female_given])
        female = g_row[0] in female_given
        dob = f"{rng.randint(1955, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        phone = f"+99450{rng.randint(0, 9_999_999):07d}"
        passport = f"C{rng.randint(0, 99_999_999):08d}"
        persons.append((f"P{p}", s_row, g_row, f_row, female, dob, phone, passport))
    records: list[Record] = []
    truth: dict[str, str] = {}
    for m in range(n_mentions):
        pid, s_row, g_row, f_row, female, dob, phone, passport = persons[m % n_persons]
        style = rng.random()
        if style < 0.3:  # official Azerbaijani form
            sname = _feminine(s_row[0]) if female else s_row[0]
            text = f"{sname} {g_row[0]} {f_row[0]} {'qızı' if female else 'oğlu'}"
        elif style < 0.55:  # Russian
            cyr = [s for s in s_row if any("\u0400" <= ch <= "\u04ff" for ch in s)] or [s_row[0]]
            gcyr = [s for s in g_row if any("\u0400" <= ch <= "\u04ff" for ch in s)] or [g_row[0]]
            sname = rng.choice(cyr)
            text = f"{_feminine(sname) if female else sname} {rng.choice(gcyr)}"
        elif style < 0.8:  # English, given name first
            lat = [s for s in s_row[1:] if s.isascii()] or [s_row[0]]
            glat = [s for s in g_row[1:] if s.isascii()] or [g_row[0]]
            sname = rng.choice(lat)
            text = f"{rng.choice(glat)} {_feminine(sname) if female else sname}"
        else:  # call-record style: surname and initial
            lat = [s for s in s_row[1:] if s.isascii()] or [s_row[0]]
            sname = rng.choice(lat)
            text = f"{_feminine(sname) if female else sname} {fold(g_row[0])[:1].upper()}."
        rid = f"M{m}"
        records.append(Record.build(
            rid, [text],
            birth_date=dob if rng.random() < 0.5 else None,
            phones=[phone] if rng.random() < 0.4 else [],
            documents=[("passport", passport)] if rng.random() < 0.2 else [],
            source="synthetic",
        ))
        truth[rid] = pid
    return records, truth


def speed_section(size: int, clusters_out: list | None = None) -> dict:
    """In memory (``resolve``); ``clusters_out`` receives the clusters (for the streaming check)."""
    t0 = time.perf_counter()
    records, truth = synthetic_mentions(size)
    build = time.perf_counter() - t0
    cpu0 = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:  # the review queue streamed to disk in batches
        with open(Path(tmp) / "review.jsonl", "w", encoding="utf-8") as fh:
            batch: list[str] = []

            def sink(item) -> None:
                batch.append(json.dumps([item.left, item.right, round(item.score, 4),
                                         item.reason, item.reasons], ensure_ascii=False))
                if len(batch) >= 10_000:
                    fh.write("\n".join(batch) + "\n")
                    batch.clear()

            res = resolve(records, DEFAULT_THRESHOLDS, review_sink=sink)
            fh.write("\n".join(batch) + ("\n" if batch else ""))
        review_mb = (Path(tmp) / "review.jsonl").stat().st_size / 2**20
    cpu = time.process_time() - cpu0  # CPU time: not inflated by other jobs on the machine
    scores = cluster_pair_scores(res.clusters, truth)
    if clusters_out is not None:
        clusters_out.extend(res.clusters)
    merges = [m for m in res.merges]
    good = sum(truth[m.left] == truth[m.right] for m in merges)
    return {
        "mentions": size,
        "build_seconds": round(build, 2),
        "resolve_seconds": round(res.seconds, 2),
        "resolve_cpu_seconds": round(cpu, 2),
        "load_average_1min": round(__import__("os").getloadavg()[0], 2),
        "candidate_pairs": res.stats.pairs,
        "oversized_blocks": res.stats.oversized_blocks,
        "largest_block": res.stats.largest_block,
        "auto_merges": len(merges),
        "auto_merge_precision": round(good / len(merges), 4) if merges else 1.0,
        "review": res.review_count,
        "review_file_mb": round(review_mb, 1),
        "cluster_pairs": scores,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def write_synthetic_csv(size: int, path: Path) -> None:
    """The ``synthetic_mentions(size)`` records as the CSV ``halqa resolve file`` reads (the
    same values; ``truth`` is ignored by the resolver)."""
    import csv

    records, truth = synthetic_mentions(size)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "name", "birth_date", "phone", "passport", "truth"])
        for r in records:
            out.writerow([r.id, r.names[0].original, r.birth_date or "", ";".join(sorted(r.phones)),
                          ";".join(n for _, n in sorted(r.documents)), truth[r.id]])


_PEAK = """
import atexit, runpy, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("\\npeak-rss-kb " + line.split()[1] + "\\n")
atexit.register(_peak)
target, sys.argv = sys.argv[1], sys.argv[1:]
if target == "halqa":
    from intel.cli import main
    main()
else:
    runpy.run_path(target, run_name="__main__")
"""


def _child(args: list[str]) -> tuple[subprocess.CompletedProcess, dict]:
    """Run ``halqa ...`` or a script in a child: its wall time, CPU time and peak RSS (its own
    VmHWM: ``ru_maxrss`` of a child includes the parent's memory at the fork)."""
    import os

    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-c", _PEAK, *args], stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(args, proc.returncode, out.read(), err.read())
    peak = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("peak-rss-kb ")]
    return done, {"wall_seconds": round(time.perf_counter() - t0, 1),
                  "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
                  "peak_rss_mb": round(int(peak[-1]) / 1024, 1) if peak else None}


def _read_clusters(path: Path) -> dict[str, int]:
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        return {row["id"]: int(row["cluster"]) for row in csv.DictReader(fh)}


def _groups(cluster_of: dict[str, int]) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for rid, c in cluster_of.items():
        groups.setdefault(c, []).append(rid)
    return list(groups.values())


def streaming_section(size: int, reference: list[list[str]] | None = None) -> dict:
    """``halqa resolve file`` (``ingest.resolve.streaming``) on ``synthetic_mentions(size)``
    written as CSV, in a child process (its own peak RSS); against the truth and, when given,
    the in-memory resolver's clusters on the same records."""
    import os

    with tempfile.TemporaryDirectory() as tmp:
        data, out, review = Path(tmp) / "persons.csv", Path(tmp) / "clusters.csv", Path(tmp) / "review.jsonl"
        t0 = time.perf_counter()
        made = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--write-synthetic", str(size),
                               str(data)], capture_output=True, text=True)
        if made.returncode != 0:
            return {"error": (made.stderr or made.stdout).strip()[-300:]}
        write = time.perf_counter() - t0
        run, usage = _child(["halqa", "resolve", "file", str(data), "--out", str(out), "--review", str(review),
                             "--work-dir", tmp])
        load = os.getloadavg()[0]
        if run.returncode != 0:
            return {"error": (run.stderr or run.stdout).strip()[-300:]}
        import csv

        with open(data, encoding="utf-8", newline="") as fh:
            truth = {row["id"]: row["truth"] for row in csv.DictReader(fh)}
        cluster_of = _read_clusters(out)
        review_items = sum(1 for _ in open(review, encoding="utf-8"))
        figures = {"records": size, "csv_write_seconds": round(write, 1), **usage,
                   "load_average_1min": round(load, 2), "review": review_items,
                   "review_file_mb": round(review.stat().st_size / 2**20, 1),
                   "summary": run.stdout.strip().splitlines()[0] if run.stdout.strip() else "",
                   "cluster_pairs": cluster_pair_scores(_groups(cluster_of), truth)}
    if reference is not None:
        ref_pairs = cluster_pairs(reference)
        got_pairs = cluster_pairs(_groups(cluster_of))
        figures["vs_in_memory"] = {**pairs_scores(got_pairs, ref_pairs),
                                   "same_clusters": sorted(map(sorted, reference)) == sorted(map(sorted, _groups(cluster_of)))}
    figures["under_15_min"] = figures["wall_seconds"] < 900
    return figures


def million_section(in_memory: bool = False) -> dict:
    """1,000,000 records through the streaming resolver (``streaming_section``); with
    ``in_memory`` also ``speed_section(1_000_000)`` in a child process (its own peak RSS, about
    4 GB) and the two compared."""
    out: dict = {}
    reference = None
    if in_memory:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "clusters.csv"
            run, usage = _child([str(Path(__file__).resolve()), "--speed-only", "1000000",
                                 "--clusters-to", str(path)])
            if run.returncode != 0:
                out["in_memory"] = {"error": (run.stderr or run.stdout).strip()[-300:]}
            else:
                mem = json.loads(run.stdout.strip().splitlines()[-1])
                mem["under_15_min"] = mem["build_seconds"] + mem["resolve_seconds"] < 900
                mem["child"] = usage
                out["in_memory"] = mem
                reference = _groups(_read_clusters(path))
    out["streaming"] = streaming_section(1_000_000, reference)
    return out


# --- generated scenarios --------------------------------------------------------------------------


_PROTECTED_TITLE = ("zərərçəkmiş", "şahid", "потерпевш", "свидетел", "victim", "witness")


def _statement_inputs(root: Path, rows: list[dict]) -> tuple[list, dict[str, str]]:
    """What statement ingest has: each statement's text, case number (from its text), the
    person mention spans and the phone/date values with their spans, and whether its speaker
    is protected (a victim's or witness's statement, from its title). Truth person ids are
    returned separately and only used for scoring."""
    from ingest.resolve.coref import Span
    from ingest.resolve.mentions import StatementInput

    by_statement: dict[str, list[tuple[int, dict]]] = {}
    for n, row in enumerate(rows):
        by_statement.setdefault(row["statement_id"], []).append((n, row))
    inputs, truth = [], {}
    for sid, found in sorted(by_statement.items()):
        text = (root / "statements" / f"{sid}.txt").read_text(encoding="utf-8")
        case = re.search(r"CASE-\d+-\d+", text)
        title = text.strip().splitlines()[0].casefold() if text.strip() else ""
        persons = [Span(f"m{n}", r["start"], r["end"], r["text"]) for n, r in found
                   if r["type"] == "person" and r.get("person_id")]
        values = [Span(f"m{n}", r["start"], r["end"], r["text"], r["type"], str(r["value"]))
                  for n, r in found if r["type"] in ("phone", "date")]
        inputs.append(StatementInput(sid, case.group(0) if case else sid, text, persons, values,
                                     protected_speaker=any(w in title for w in _PROTECTED_TITLE)))
        truth.update({f"m{n}": str(r["person_id"]) for n, r in found
                      if r["type"] == "person" and r.get("person_id")})
    return inputs, truth


def scenario_section(seed: int, persons: int, errors: int = 0) -> dict:
    """Resolve the person mentions of the statements written by ``halqa generate``: gold
    mention spans (as an extractor would give), linked within each statement and case
    (``ingest.resolve.mentions``), then across cases by the resolver with the companions
    feature (``ingest.resolve.context``). The truth is read only to score the result."""
    import csv

    from ingest.resolve.context import ContextScorer
    from ingest.resolve.mentions import mention_records

    halqa = shutil.which("halqa") or str(Path(sys.executable).parent / "halqa")
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run([halqa, "generate", "--seed", str(seed), "--persons", str(persons),
                              "--out", tmp], capture_output=True, text=True)
        truth_dir = Path(tmp) / "truth"
        if run.returncode != 0 or not (truth_dir / "mentions.jsonl").exists():
            return {"available": False, "why": (run.stderr or run.stdout).strip()[-300:]}
        rows = [json.loads(line) for line in
                (truth_dir / "mentions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        inputs, truth = _statement_inputs(Path(tmp), rows)
        with open(truth_dir / "namesakes.csv", encoding="utf-8", newline="") as fh:
            namesakes = [(r["person_a"], r["person_b"]) for r in csv.DictReader(fh)]
    t0 = time.perf_counter()
    linked = mention_records(inputs)
    res = resolve(linked.records, DEFAULT_THRESHOLDS, scorer=ContextScorer(linked.records))
    secs = time.perf_counter() - t0
    members: dict[str, list[str]] = {}
    for m, rid in linked.record_of.items():
        members.setdefault(rid, []).append(m)
    case_level = list(members.values())
    clusters = [[m for rid in c for m in members[rid]] for c in res.clusters]
    majority = {rid: Counter(truth[m] for m in ms).most_common(1)[0][0] for rid, ms in members.items()}
    cross = res.merges
    good = sum(majority[m.left] == majority[m.right] for m in cross)
    cluster_of = {m: n for n, c in enumerate(clusters) for m in c}
    person_clusters: dict[str, set[int]] = {}
    for m, pid in truth.items():
        person_clusters.setdefault(pid, set()).add(cluster_of[m])
    mentioned = [(a, b) for a, b in namesakes if a in person_clusters and b in person_clusters]
    merged = sum(bool(person_clusters[a] & person_clusters[b]) for a, b in mentioned)
    actual = sum(c2(n) for n in Counter(truth.values()).values())
    from ingest.resolve.resolver import PairDecision

    queue = res.review + [PairDecision(a, b, 0.5, (), why) for a, b, why in linked.review]
    review_true = sum(majority[r.left] == majority[r.right] for r in queue)
    reviewed = clusters_after_review(clusters, members, queue, majority)
    if errors:
        _print_errors(errors, inputs, truth, linked, res, clusters, cross, majority)
        _print_namesakes(errors, inputs, truth, linked, clusters, mentioned, person_clusters)
    return {
        "available": True, "seed": seed, "mentions": len(truth), "persons": len(set(truth.values())),
        "seconds": round(secs, 2),
        "cluster_pairs": cluster_pair_scores(clusters, truth),
        "bcubed": bcubed_scores(clusters, truth),
        "within_case_only": cluster_pair_scores(case_level, truth),
        "with_perfect_review": cluster_pair_scores(reviewed, truth),
        "case_records": len(linked.records),
        "auto_merges_across_cases": len(cross),
        "auto_merge_precision_across_cases": round(good / len(cross), 4) if cross else 1.0,
        "review": len(queue), "review_within_case": len(linked.review), "review_true": review_true,
        "true_pairs": actual,
        "namesake_pairs_mentioned": len(mentioned), "namesake_pairs_merged": merged,
    }


def _print_errors(limit: int, inputs, truth, linked, res, clusters, cross, majority) -> None:
    """Debug print (``--errors N``): wrong joins within cases, wrong merges across cases, then
    missed pairs, each with the mentions, their statements and the reasons recorded. Reads the
    truth only to pick the errors to show."""
    text_of, st_of = {}, {}
    for st in inputs:
        for p in st.persons:
            text_of[p.id], st_of[p.id] = p.text, st.id
    members: dict[str, list[str]] = {}
    for m, rid in linked.record_of.items():
        members.setdefault(rid, []).append(m)

    def show(ms):
        return "; ".join(f"{text_of[m]!r}@{st_of[m]}[{truth[m]}] <{linked.reasons.get(m, '')}>"
                         for m in ms[:6])

    print("\n--- wrong joins within cases (record mixing true persons) ---")
    n = 0
    for rid, ms in sorted(members.items()):
        by_pid: dict[str, list[str]] = {}
        for m in ms:
            by_pid.setdefault(truth[m], []).append(m)
        if len(by_pid) > 1 and n < limit:
            n += 1
            print(f"* {rid}:")
            for pid, xs in by_pid.items():
                print(f"    {pid}: {show(xs)}")
    print(f"({sum(len({truth[m] for m in ms}) > 1 for ms in members.values())} records mix persons)")
    print("\n--- wrong merges across cases ---")
    bad = [m for m in cross if majority[m.left] != majority[m.right]]
    for m in bad[:limit]:
        print(f"* {m.left} + {m.right} score {m.score:.3f} {m.reason}: {'; '.join(m.reasons)}")
        print(f"    L: {show(members[m.left])}\n    R: {show(members[m.right])}")
    print(f"({len(bad)} wrong cross-case merges)")
    print("\n--- missed: true persons split over clusters ---")
    cluster_of = {m: k for k, c in enumerate(clusters) for m in c}
    by_pid: dict[str, dict[int, list[str]]] = {}
    for m, pid in truth.items():
        by_pid.setdefault(pid, {}).setdefault(cluster_of[m], []).append(m)
    split = sorted(((pid, cs) for pid, cs in by_pid.items() if len(cs) > 1),
                   key=lambda x: -sum(len(v) for v in x[1].values()))
    for pid, cs in split[:limit]:
        print(f"* {pid}: {len(cs)} clusters")
        for k, ms in cs.items():
            print(f"    {show(ms)}")
    print(f"({len(split)} persons split)")


def _print_namesakes(limit, inputs, truth, linked, clusters, mentioned, person_clusters) -> None:
    """Debug print (``--errors N``): namesake pairs that share a cluster, each cluster's
    mentions of the two, by record (a record mixing both is a within-case join)."""
    text_of, st_of = {}, {}
    for st in inputs:
        for p in st.persons:
            text_of[p.id], st_of[p.id] = p.text, st.id
    print("\n--- namesake pairs merged ---")
    n = 0
    for a, b in mentioned:
        common = person_clusters[a] & person_clusters[b]
        if not common or n >= limit:
            continue
        n += 1
        print(f"* {a} / {b}")
        for k in sorted(common):
            by_record: dict[str, list[str]] = {}
            for m in clusters[k]:
                if truth[m] in (a, b):
                    by_record.setdefault(linked.record_of[m], []).append(m)
            for rid, ms in sorted(by_record.items()):
                print(f"    {rid}: " + "; ".join(
                    f"{text_of[m]!r}@{st_of[m]}[{truth[m]}] <{linked.reasons.get(m, '')}>"
                    for m in ms[:6]))


def product_scenario_section(seed: int, persons: int) -> dict:
    """The product path on the same generated scenario: every statement ingested with
    ``halqa ingest statement``'s code (the real extractor, one Person per person of a
    statement) into a temporary embedded store, then ``halqa resolve run``'s code (linking
    within each case, then across cases). Gold mentions are matched to the Person node their
    span was written to (MENTIONS start/end); a gold mention the extractor missed counts as a
    person of its own. The truth is read only to score the result."""
    import csv

    from graph_models.ids import make_node_id
    from ingest.resolve.graph import run as resolve_run
    from ingest.statements import ingest_statement
    from ingest.statements.graph_rows import content_hash
    from intel.config import Settings
    from intel.principal import SYSTEM
    from intel.store import open_store

    halqa = shutil.which("halqa") or str(Path(sys.executable).parent / "halqa")
    with tempfile.TemporaryDirectory() as tmp:
        gen = Path(tmp) / "gen"
        run = subprocess.run([halqa, "generate", "--seed", str(seed), "--persons", str(persons),
                              "--out", str(gen)], capture_output=True, text=True)
        if run.returncode != 0:
            return {"available": False, "why": (run.stderr or run.stdout).strip()[-300:]}
        rows = [json.loads(line) for line in (gen / "truth" / "mentions.jsonl").read_text(
            encoding="utf-8").splitlines() if line.strip()]
        with open(gen / "truth" / "namesakes.csv", encoding="utf-8", newline="") as fh:
            namesakes = [(r["person_a"], r["person_b"]) for r in csv.DictReader(fh)]
        index = list(csv.DictReader((gen / "statements" / "index.csv").open(encoding="utf-8")))
        store = open_store(Settings(_env_file=None, backend="embedded", data_dir=Path(tmp) / "data"))
        try:
            store.init_schema()
            t0 = time.perf_counter()
            node_of_statement = {}
            for row in index:
                f = gen / "statements" / row["file"]
                ingest_statement(store, SYSTEM, f, row["case_id"], row["lang"])
                node_of_statement[row["statement_id"]] = make_node_id(
                    "statement", [content_hash(f.read_text(encoding="utf-8"))])
            ingest_secs = time.perf_counter() - t0
            t1 = time.perf_counter()
            rep = resolve_run(store, SYSTEM)
            resolve_secs = time.perf_counter() - t1
            return _score_product(store, rows, namesakes, node_of_statement, rep, seed, len(index),
                                  ingest_secs, resolve_secs)
        finally:
            store.close()


def _score_product(store, rows, namesakes, node_of_statement, rep, seed, statements, ingest_secs,
                   resolve_secs) -> dict:
    from intel.principal import SYSTEM

    at = {(r["s"], int(r["start"]), int(r["stop"])): r["p"] for r in store.execute(
        SYSTEM, "MATCH (s:Statement)-[m:MENTIONS]->(p:Person) "
                "RETURN s.id AS s, m.start AS start, m.`end` AS stop, p.id AS p")}
    same_as = [(r["a"], r["b"]) for r in store.execute(
        SYSTEM, "MATCH (a:Person)-[:SAME_AS]->(b:Person) RETURN a.id AS a, b.id AS b")]
    judged = store.scan(SYSTEM, "Judgement")
    parent: dict[str, str] = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in same_as:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    truth, node_of, missed = {}, {}, 0
    for n, r in enumerate(rows):
        if r["type"] != "person" or not r.get("person_id"):
            continue
        m = f"m{n}"
        truth[m] = str(r["person_id"])
        node = at.get((node_of_statement.get(r["statement_id"]), r["start"], r["end"]))
        if node is None:
            missed += 1
        node_of[m] = node or f"missed:{m}"
    clusters: dict[str, list[str]] = {}
    for m, node in node_of.items():
        clusters.setdefault(find(node), []).append(m)
    members: dict[str, list[str]] = {}
    for m, node in node_of.items():
        members.setdefault(node, []).append(m)
    majority = {node: Counter(truth[m] for m in ms).most_common(1)[0][0] for node, ms in members.items()}
    links = [(a, b) for a, b in same_as if a in majority and b in majority]
    good = sum(majority[a] == majority[b] for a, b in links)
    cluster_of = {m: find(node) for m, node in node_of.items()}
    person_clusters: dict[str, set[str]] = {}
    for m, pid in truth.items():
        person_clusters.setdefault(pid, set()).add(cluster_of[m])
    mentioned = [(a, b) for a, b in namesakes if a in person_clusters and b in person_clusters]
    merged = sum(bool(person_clusters[a] & person_clusters[b]) for a, b in mentioned)
    unsure = [j for j in judged if j["decision"] == "unsure"]
    return {
        "available": True, "seed": seed, "statements": statements, "mentions": len(truth),
        "gold_mentions_not_extracted": missed, "ingest_seconds": round(ingest_secs, 2),
        "resolve_seconds": round(resolve_secs, 2), "person_nodes": rep.records,
        "cluster_pairs": cluster_pair_scores(list(clusters.values()), truth),
        "links": len(links), "links_within_case": rep.case_joined,
        "link_precision": round(good / len(links), 4) if links else 1.0,
        "review": len(unsure),
        "review_true": sum(majority.get(j["left"]) == majority.get(j["right"]) is not None
                           for j in unsure),
        "namesake_pairs_mentioned": len(mentioned), "namesake_pairs_merged": merged,
    }


def clusters_after_review(clusters, members, review, majority) -> list[list[str]]:
    """Clusters if a reviewer accepted exactly the review items whose two records are (by
    majority of their mentions) the same person: an upper bound on what the queue adds."""
    parent = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    rec_cluster = {}
    for n, c in enumerate(clusters):
        for m in c:
            rec_cluster[m] = n
    for r in review:
        if majority[r.left] == majority[r.right]:
            a, b = find(rec_cluster[members[r.left][0]]), find(rec_cluster[members[r.right][0]])
            if a != b:
                parent[b] = a
    out: dict[int, list[str]] = {}
    for n, c in enumerate(clusters):
        out.setdefault(find(n), []).extend(c)
    return list(out.values())


# --- main ------------------------------------------------------------------------------------------


def print_speed(figures: dict) -> None:
    s = figures["speed"]
    print(f"\nSpeed: {s['mentions']} mentions resolved in {s['resolve_seconds']} s wall, "
          f"{s['resolve_cpu_seconds']} s CPU (load average {s['load_average_1min']}) "
          f"(+{s['build_seconds']} s parsing), {s['candidate_pairs']} candidate pairs, "
          f"peak RSS {s['peak_rss_mb']} MB; auto-merge precision {s['auto_merge_precision']}, "
          f"cluster-pair F1 {s['cluster_pairs']['f1']}, review {s['review']}")
    mi = (figures.get("million") or {}).get("in_memory")
    if mi and "error" in mi:
        print(f"1,000,000 records in memory: failed: {mi['error']}")
    elif mi:
        print(f"1,000,000 records in memory: resolved in {mi['resolve_seconds']} s wall, "
              f"{mi['resolve_cpu_seconds']} s CPU (+{mi['build_seconds']} s parsing; load average "
              f"{mi['load_average_1min']}), {mi['candidate_pairs']} candidate pairs, peak RSS "
              f"{mi['peak_rss_mb']} MB (child process); auto-merge precision "
              f"{mi['auto_merge_precision']}, under 15 min: {mi['under_15_min']}")
    for label, st in (("streaming", figures.get("streaming")),
                      ("1,000,000 streaming", (figures.get("million") or {}).get("streaming"))):
        if not st:
            continue
        if "error" in st:
            print(f"{label}: failed: {st['error']}")
            continue
        vs = st.get("vs_in_memory")
        print(f"{label} ({st['records']} records, halqa resolve file): {st['wall_seconds']} s wall, "
              f"{st['cpu_seconds']} s CPU, peak RSS {st['peak_rss_mb']} MB (child process; load average "
              f"{st['load_average_1min']}); cluster-pair F1 {st['cluster_pairs']['f1']}"
              + (f"; vs in memory: precision {vs['precision']}, recall {vs['recall']}, same clusters "
                 f"{vs['same_clusters']}" if vs else "") + f"; under 15 min: {st['under_15_min']}")


def print_scenarios(sc: dict) -> None:
    if sc.get("available"):
        cp, wr, wc = sc["cluster_pairs"], sc["with_perfect_review"], sc["within_case_only"]
        print(f"Scenarios (seed {sc['seed']}): {sc['mentions']} person mentions of {sc['persons']} "
              f"persons, {sc['case_records']} case-level persons; person-mention P/R/F1 "
              f"{cp['precision']}/{cp['recall']}/{cp['f1']} (within cases only F1 {wc['f1']}; with "
              f"the review queue answered correctly F1 {wr['f1']}); {sc['auto_merges_across_cases']} "
              f"auto-merges across cases, precision {sc['auto_merge_precision_across_cases']}; "
              f"{sc['review']} review items ({sc['review_true']} true); namesake pairs merged "
              f"{sc['namesake_pairs_merged']} of {sc['namesake_pairs_mentioned']}")
    else:
        print(f"Scenarios: skipped ({sc['why']})")


def print_product(pp: dict | None) -> None:
    if pp and pp.get("available"):
        cp = pp["cluster_pairs"]
        print(f"Scenarios through the product (halqa ingest statement + halqa resolve run, seed "
              f"{pp['seed']}): {pp['statements']} statements ingested in {pp['ingest_seconds']} s, "
              f"resolved in {pp['resolve_seconds']} s; {pp['gold_mentions_not_extracted']} of "
              f"{pp['mentions']} gold person mentions not extracted; person-mention P/R/F1 "
              f"{cp['precision']}/{cp['recall']}/{cp['f1']}; {pp['links']} SAME_AS links "
              f"({pp['links_within_case']} within cases), precision {pp['link_precision']}; "
              f"{pp['review']} review items ({pp['review_true']} true); namesake pairs merged "
              f"{pp['namesake_pairs_merged']} of {pp['namesake_pairs_mentioned']}")
    elif pp:
        print(f"Scenarios through the product: skipped ({pp['why']})")


def print_seed_table(figures: dict) -> None:
    """One row per seed and path: pair P/R/F1 against the targets (F1 >= 0.90, automatic-merge
    precision >= 0.99), the precision of automatic merges across cases (gold spans) or of
    SAME_AS links (product), and the namesake pairs merged."""
    print(f"\n{'path':12} {'seed':>5} {'P':>7} {'R':>7} {'F1':>7} {'merges':>7} {'merge P':>8} "
          f"{'namesakes merged':>17}")
    for path, rows in (("gold spans", figures["gold_spans"]), ("product", figures["product_path"])):
        for r in rows:
            if not r.get("available"):
                print(f"{path:12} skipped ({r.get('why', '')})")
                continue
            cp = r["cluster_pairs"]
            merges, merge_p = ((r["auto_merges_across_cases"], r["auto_merge_precision_across_cases"])
                               if "auto_merges_across_cases" in r else (r["links"], r["link_precision"]))
            print(f"{path:12} {r['seed']:>5} {cp['precision']:>7.4f} {cp['recall']:>7.4f} {cp['f1']:>7.4f} "
                  f"{merges:>7} {merge_p:>8.4f} {r['namesake_pairs_merged']:>9} of {r['namesake_pairs_mentioned']:<4}")
    print("(targets: F1 >= 0.90, P >= 0.99; merges = automatic merges across cases (gold spans) or "
          "SAME_AS links (product), merge P their precision by the majority person of each side)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000, help="synthetic mentions for speed")
    ap.add_argument("--skip-baselines", action="store_true")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--persons", type=int, default=1000)
    ap.add_argument("--million", action="store_true",
                    help="also resolve 1,000,000 synthetic records in a child process (its own peak RSS)")
    ap.add_argument("--skip-product", action="store_true",
                    help="skip ingesting the scenario's statements into a store (slow: the extractor)")
    ap.add_argument("--million-in-memory", action="store_true",
                    help="with --million, also resolve the million in memory (about 4 GB, 8 min) to compare")
    ap.add_argument("--only-speed", action="store_true",
                    help="only the speed sections (in memory, streaming, --million)")
    ap.add_argument("--only-scenarios", action="store_true",
                    help="only the generated scenarios on gold spans (scenario_section)")
    ap.add_argument("--only-product", action="store_true",
                    help="only the generated scenarios through the product path")
    ap.add_argument("--seeds", default="",
                    help="with --only-scenarios and/or --only-product: several seeds (5,11,23,37,41), "
                         "one row each")
    ap.add_argument("--errors", type=int, default=0,
                    help="with --only-scenarios, print up to N wrong joins and missed pairs")
    ap.add_argument("--speed-only", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--clusters-to", default="", help=argparse.SUPPRESS)
    ap.add_argument("--write-synthetic", nargs=2, metavar=("SIZE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.write_synthetic:  # the child of streaming_section: the CSV to resolve
        write_synthetic_csv(int(args.write_synthetic[0]), Path(args.write_synthetic[1]))
        return 0
    if args.speed_only:  # the child of --million: one JSON line
        clusters: list = []
        figures = speed_section(args.speed_only, clusters)
        if args.clusters_to:
            with open(args.clusters_to, "w", encoding="utf-8") as fh:
                fh.write("id,cluster\n")
                fh.writelines(f"{rid},{n}\n" for n, group in enumerate(clusters) for rid in group)
        print(json.dumps(figures))
        return 0

    if args.seeds and (args.only_scenarios or args.only_product):
        seeds = [int(x) for x in args.seeds.split(",") if x.strip()]
        figures = {"gold_spans": [], "product_path": []}
        for seed in seeds:
            if args.only_scenarios:
                figures["gold_spans"].append(scenario_section(seed, args.persons))
            if args.only_product:
                figures["product_path"].append(product_scenario_section(seed, args.persons))
        print_seed_table(figures)
        print(json.dumps(figures, ensure_ascii=False, default=str))
        return 0
    if args.only_scenarios:
        sc = scenario_section(args.seed, args.persons, args.errors)
        print_scenarios(sc)
        print(json.dumps(sc, ensure_ascii=False, default=str))
        return 0
    if args.only_product:
        pp = product_scenario_section(args.seed, args.persons)
        print_product(pp)
        print(json.dumps(pp, ensure_ascii=False, default=str))
        return 0

    figures: dict = {}
    in_memory_clusters: list = []
    figures["speed"] = speed_section(args.size, in_memory_clusters)  # first: its peak memory is its own
    figures["streaming"] = streaming_section(args.size, in_memory_clusters)
    del in_memory_clusters
    if args.million:
        figures["million"] = million_section(args.million_in_memory)
    if args.only_speed:
        print_speed(figures)
        print(json.dumps(figures, ensure_ascii=False, default=str))
        return 0
    figures.update(febrl_section(args.skip_baselines))
    figures["cross_script"] = cross_script_section()
    figures["scenarios"] = scenario_section(args.seed, args.persons)
    if not args.skip_product:
        figures["scenarios_product_path"] = product_scenario_section(args.seed, args.persons)

    print("\nEntity resolution benchmark")
    print(f"{'data / system':38} {'precision':>9} {'recall':>7} {'F1':>7} {'seconds':>8}")
    rows = [("FEBRL4 pairs: halqa fixed weights", figures["febrl4_ours"]),
            ("FEBRL4 pairs: halqa default (EM)", figures["febrl4_ours_estimated"]),
            ("FEBRL3 cluster pairs: halqa fixed", figures["febrl3_ours"]),
            ("FEBRL3 cluster pairs: halqa default", figures["febrl3_ours_estimated"])]
    for ds in ("febrl4", "febrl3"):
        rl = figures.get(f"{ds}_recordlinkage")
        if rl:
            rows.append((f"{ds.upper()}: recordlinkage sum>3", rl["threshold"]))
            rows.append((f"{ds.upper()}: recordlinkage ECM", rl["ecm"]))
        sp = figures.get(f"{ds}_splink")
        if sp:
            rows.append((f"{ds.upper()}: splink EM (DuckDB)", sp))
    for label, r in rows:
        print(f"{label:38} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} "
              f"{r.get('seconds', float('nan')):>8.2f}")
        if "with_perfect_review" in r:
            w = r["with_perfect_review"]
            print(f"{'  + review queue answered correctly':38} {w['precision']:>9.4f} "
                  f"{w['recall']:>7.4f} {w['f1']:>7.4f}   ({r['review']} review items)")
    for ds in ("febrl4", "febrl3"):
        ours = figures[f"{ds}_ours_estimated"]
        for base in ("recordlinkage", "splink"):
            b = figures.get(f"{ds}_{base}")
            if b:
                b = b.get("ecm", b)
                figures.setdefault("ratios", {})[f"{ds}_f1_vs_{base}"] = round(ours["f1"] / b["f1"], 3) if b["f1"] else None
                figures["ratios"][f"{ds}_time_vs_{base}"] = round(ours["seconds"] / b["seconds"], 3) if b["seconds"] else None
    print("\nCross-script names (same name = feature score >= 0.9)")
    print(f"{'':10} {'true pairs matched':>19} {'different matched':>18} "
          f"{'baseline true':>14} {'baseline diff':>14}")
    for label, c in figures["cross_script"].items():
        print(f"{label:10} {c['true_matched']:>19.2%} {c['different_matched']:>18.3%} "
              f"{c['baseline_name_key_true_matched']:>14.2%} "
              f"{c['baseline_name_key_different_matched']:>14.3%}")
        print(f"{'':10} missed: {', '.join(c['missed_examples'])}")
    print_speed(figures)
    print_scenarios(figures["scenarios"])
    print_product(figures.get("scenarios_product_path"))
    print(json.dumps(figures, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

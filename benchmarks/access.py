"""Access-check benchmark: an audited, access-checked neighbourhood query through
``GraphService`` against the same store query without checks (the baseline).

    python benchmarks/access.py [--persons N] [--queries Q] [--hops H] [--seed S]

Builds a deterministic person network on a fresh embedded store (10 cases, a tenth of the
persons protected victims, written through the service so their identities are encrypted),
then, inside ``store.hold()``, runs the same neighbourhood queries twice for one analyst
granted half of the cases:

* baseline: ``store.neighbourhood(principal, ...)`` (the store's case scope only);
* checked: ``GraphService.neighbourhood`` (policy check, grant check, pseudonyms, and one
  audit event per call, made durable before the result is returned).

Audit design measured here: each event is first written as one fsync'd line to the process's
journal (``intel.audit.attach_journal``, as the CLI does), then appended to the hash chain in
batches of 32 (or after 1 s, or whenever the log is read, or at exit) in one transaction; a
process that dies leaves its journal, which the next process replays. So no event is lost, and
the chain costs one write transaction per batch instead of per read. ``--sync`` measures the
unbatched path (one chain append per read) for comparison.

Target: checked / baseline <= 1.5. The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from intel import audit  # noqa: E402
from intel.config import Settings  # noqa: E402
from intel.principal import SYSTEM  # noqa: E402
from intel.security.crypto import open_crypto  # noqa: E402
from intel.security.grants import Grants  # noqa: E402
from intel.security.users import Users  # noqa: E402
from intel.services.graph import GraphService  # noqa: E402
from intel.store import open_store  # noqa: E402

PROV = {"source": "bench", "recorded_by": "bench"}
CASES = [f"C-{i}" for i in range(10)]


def build(store, crypto, persons: int, rng: random.Random) -> None:
    rows = []
    for i in range(persons):
        row = {"id": f"p{i}", "name": f"Person {i} Məmmədov", "cases": [CASES[i % len(CASES)]], **PROV}
        if i % 10 == 0:
            row.update(protected=True, birth_date="2000-01-01")
        rows.append(row)
    edges = []
    for i in range(persons):
        for _ in range(2):
            j = rng.randrange(persons)
            if j != i:
                edges.append({"src": f"person:p{i}", "dst": f"person:p{j}", "case_id": CASES[i % len(CASES)], **PROV})
    GraphService(store, SYSTEM, crypto).write(nodes={"Person": rows}, edges={"ASSOCIATE_OF": edges})


def timed(fn, starts) -> list[float]:
    out = []
    for s in starts:
        t = time.perf_counter()
        fn(s)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=3000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--hops", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sync", action="store_true", help="append every event to the chain at once (no journal)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="halqa-access-"))
    try:
        settings = Settings(_env_file=None, backend="embedded", data_dir=tmp)
        store = open_store(settings)
        store.init_schema()
        with store.hold():
            crypto = open_crypto(settings, store, env={})
            if not args.sync:
                audit.attach_journal(store, tmp / "audit-journal")
            t0 = time.perf_counter()
            build(store, crypto, args.persons, rng)
            load_s = time.perf_counter() - t0
            Users(store).add("ana", "analyst", "bench-password", by="bench")
            for case in CASES[:5]:
                Grants(store).give("ana", case, by="bench")
            from intel.security.session import principal_for

            principal = principal_for(store, "ana")
            service = GraphService(store, principal, crypto)
            granted = [i for i in range(args.persons) if CASES[i % len(CASES)] in principal.cases]
            starts = [f"person:p{rng.choice(granted)}" for _ in range(args.queries)]
            hops = args.hops
            # warm up both paths
            timed(lambda s: store.neighbourhood(principal, s, hops=hops), starts[:10])
            timed(lambda s: service.neighbourhood(s, hops=hops), starts[:10])
            audit.flush(store)
            before = audit.head(store)[0]
            base, checked = [], []
            for k in range(0, len(starts), 20):  # interleave so drift hits both equally
                part = starts[k:k + 20]
                base += timed(lambda s: store.neighbourhood(principal, s, hops=hops), part)
                checked += timed(lambda s: service.neighbourhood(s, hops=hops), part)
            audit.flush(store)
            written = audit.head(store)[0] - before
            sizes = [len(store.neighbourhood(principal, s, hops=hops).nodes) for s in starts[:50]]
            t = time.perf_counter()
            verified = audit.verify(store)
            verify_ms = (time.perf_counter() - t) * 1000
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def stats(xs):
        xs = sorted(xs)
        return {"mean_ms": round(statistics.fmean(xs), 3), "p50_ms": round(xs[len(xs) // 2], 3),
                "p95_ms": round(xs[int(len(xs) * 0.95) - 1], 3)}

    b, c = stats(base), stats(checked)
    ratio_mean = round(c["mean_ms"] / b["mean_ms"], 3)
    ratio_p50 = round(c["p50_ms"] / b["p50_ms"], 3)
    table = Table(title=f"{hops}-hop neighbourhood, {args.persons} persons, {args.queries} queries "
                        f"(mean {statistics.fmean(sizes):.1f} nodes per result), embedded store in hold()")
    for col in ("path", "mean ms", "p50 ms", "p95 ms", "ratio (mean)"):
        table.add_column(col)
    table.add_row("baseline: store.neighbourhood", str(b["mean_ms"]), str(b["p50_ms"]), str(b["p95_ms"]), "1.00")
    table.add_row(f"checked + audited ({'sync' if args.sync else 'journal'}): GraphService", str(c["mean_ms"]), str(c["p50_ms"]), str(c["p95_ms"]),
                  f"{ratio_mean:.2f}")
    Console().print(table)
    print(f"load {load_s:.1f}s; audit entries written by the checked run: {written} (one per query); "
          f"chain of {verified.count} verified in {verify_ms:.0f} ms: {'ok' if verified.ok else verified.line()}")
    print(f"target: checked/baseline <= 1.5 -> {'met' if ratio_mean <= 1.5 else 'NOT met'}")
    print(json.dumps({"benchmark": "access", "backend": "embedded", "audit": "sync" if args.sync else "journal", "persons": args.persons, "queries": args.queries,
                      "hops": hops, "baseline": b, "checked": c, "ratio_mean": ratio_mean, "ratio_p50": ratio_p50,
                      "audit_entries_written": written, "chain_ok": verified.ok, "verify_ms": round(verify_ms, 1),
                      "target_ratio": 1.5, "target_met": ratio_mean <= 1.5}))


if __name__ == "__main__":
    main()

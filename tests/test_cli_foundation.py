"""`halqa init`, `demo`, `doctor` as a user runs them: real subprocesses on a real store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent / "halqa"


def run(args: list[str], data: Path, **env) -> subprocess.CompletedProcess:
    full = dict(os.environ, HALQA_DATA_DIR=str(data), HALQA_BACKEND="embedded", **env)
    full.pop("HALQA_DATA_KEY", None)
    return subprocess.run([str(BIN), *args], env=full, capture_output=True, text=True, timeout=600)


def test_init_demo_doctor(tmp_path):
    data = tmp_path / "store"
    missing = run(["doctor"], data)
    assert missing.returncode == 1 and "no store at" in missing.stdout
    assert run(["init"], data).returncode == 0
    first = run(["demo", "--persons", "30", "--seed", "5"], data)
    assert first.returncode == 0, first.stderr
    assert "demo loaded into embedded store" in first.stdout
    assert " new)" in first.stdout and "(0 new)" not in first.stdout
    again = run(["demo", "--persons", "30", "--seed", "5"], data)
    assert again.returncode == 0, again.stderr
    assert "(0 new)" in again.stdout and "0 persons merged, 0 pairs queued" in again.stdout
    doc = run(["doctor"], data)
    assert doc.returncode == 0 and "current" in doc.stdout and "LadybugDB" in doc.stdout


def test_unknown_command_gives_one_line(tmp_path):
    bad = run(["no-such-command"], tmp_path)
    assert bad.returncode == 2 and "No such command" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_busy_store_is_reported_not_corrupted(tmp_path):
    data = tmp_path / "store"
    assert run(["init"], data).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from intel.store.embedded import EmbeddedStore as E; "
         "s=E(sys.argv[1]); h=s.hold(); h.__enter__(); print('held', flush=True); time.sleep(30)",
         str(data / "graph.lbdb")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        busy = run(["init"], data, HALQA_LOCK_TIMEOUT="1")
        assert busy.returncode == 5
        assert "is busy" in busy.stderr and "HALQA_LOCK_TIMEOUT" in busy.stderr
        assert "Traceback" not in busy.stderr
    finally:
        holder.kill()
        holder.wait()
    ok = run(["doctor"], data)
    assert ok.returncode == 0 and "current" in ok.stdout

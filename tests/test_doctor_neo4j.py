"""`halqa doctor` as a user runs it against Neo4j: a stopped server and a wrong password are
each reported in one line, naming the URI; a good connection shows the version."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


BIN = Path(sys.executable).parent / "halqa"


def doctor(tmp_path, uri: str, password: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, HALQA_BACKEND="neo4j", HALQA_NEO4J_URI=uri, HALQA_NEO4J_PASSWORD=password,
               HALQA_DATA_DIR=str(tmp_path), COLUMNS="200")
    return subprocess.run([str(BIN), "doctor"], env=env, capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_doctor_on_a_stopped_neo4j(tmp_path):
    uri = f"bolt://127.0.0.1:{_free_port()}"
    out = doctor(tmp_path, uri, "whatever")
    assert out.returncode == 5
    errors = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and uri in errors[0] and "not reachable" in errors[0]
    assert "Traceback" not in out.stderr


def test_doctor_with_a_wrong_password(tmp_path, neo4j_server):
    out = doctor(tmp_path, neo4j_server.uri, neo4j_server.password + "-wrong")
    assert out.returncode == 5
    errors = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "authentication failed" in errors[0].lower()
    assert neo4j_server.password not in out.stderr + out.stdout


def test_doctor_with_the_right_password_shows_the_version(tmp_path, neo4j_server):
    out = doctor(tmp_path, neo4j_server.uri, neo4j_server.password)
    assert "Neo4j" in out.stdout and "5.26" in out.stdout

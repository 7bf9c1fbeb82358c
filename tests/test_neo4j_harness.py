"""The test Neo4j itself: it answers, authentication is on, the wipe helper empties it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

import neo4j_harness
from neo4j_fixture import Neo4jServer, neo4j_clean, neo4j_server, wipe_database  # noqa: F401

pytestmark = pytest.mark.neo4j


def test_server_answers_and_reports_its_version(neo4j_server: Neo4jServer, capsys, record_property):
    uri, user, password = neo4j_server
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        assert driver.execute_query("RETURN $x + 1 AS y", x=41).records[0]["y"] == 42
        component = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition "
            "WHERE name = $name RETURN versions[0] AS version, edition",
            name="Neo4j Kernel",
        ).records[0]
    version, edition = component["version"], component["edition"]
    assert version.startswith("5.26."), f"tests must run against the 5.26 LTS line, got {version}"
    record_property("neo4j_version", f"{version} {edition}")
    with capsys.disabled():
        print(f"\n[neo4j] tests run against Neo4j {version} {edition} at {uri}")


def test_wrong_password_is_rejected(neo4j_server: Neo4jServer):
    uri, user, password = neo4j_server
    with GraphDatabase.driver(uri, auth=(user, password + "-wrong")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()


def test_test_harness_binds_loopback_only(neo4j_server: Neo4jServer):
    uri = neo4j_server.uri
    if os.environ.get(neo4j_harness.ENV_URI):
        pytest.skip("server given through the environment, not started by the harness")
    assert uri.startswith("bolt://127.0.0.1:"), uri


def test_wipe_database_removes_data_constraints_and_indexes(neo4j_server: Neo4jServer):
    uri, user, password = neo4j_server
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query(
            "CREATE CONSTRAINT harness_person_id IF NOT EXISTS "
            "FOR (p:HarnessPerson) REQUIRE p.id IS UNIQUE"
        )
        driver.execute_query(
            "CREATE INDEX harness_phone IF NOT EXISTS FOR (p:HarnessPhone) ON (p.number)"
        )
        driver.execute_query(
            "UNWIND $rows AS row CREATE (:HarnessPerson {id: row.id})-[:USES]->"
            "(:HarnessPhone {number: row.number})",
            rows=[{"id": "p1", "number": "+994501234567"}, {"id": "p2", "number": "+994551234567"}],
        )
        assert driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"] >= 4

        wipe_database(neo4j_server)

        assert driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"] == 0
        assert driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name").records == []
        left = driver.execute_query("SHOW INDEXES YIELD name, type RETURN name, type").records
        assert {record["type"] for record in left} <= {"LOOKUP"}, left


def test_clean_fixture_starts_empty(neo4j_clean: Neo4jServer):
    uri, user, password = neo4j_clean
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        assert driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"] == 0


def test_stop_never_signals_a_process_that_is_not_the_harness(tmp_path):
    # A pid file left behind whose pid now belongs to an unrelated process.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "pid").write_text(f"{other.pid}\n", encoding="utf-8")
        assert neo4j_harness.running(tmp_path) is None
        assert neo4j_harness.stop(tmp_path) is False
        assert other.poll() is None, "stop() signalled a process that is not the harness JVM"
        assert not (tmp_path / "pid").exists()
    finally:
        other.send_signal(signal.SIGTERM)
        other.wait(timeout=10)


def test_malformed_env_file_is_reported_with_file_and_line(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("HALQA_TEST_NEO4J_URI=bolt://127.0.0.1:7687\nno equals sign\n",
                        encoding="utf-8")
    with pytest.raises(neo4j_harness.HarnessError, match=r"env: line 2: expected NAME=value"):
        neo4j_harness.read_key_values(env_file)

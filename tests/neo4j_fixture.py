"""pytest fixtures for the test Neo4j (see ``neo4j_harness.py``).

Use from a test module (or list ``"neo4j_fixture"`` in a conftest's ``pytest_plugins``)::

    from neo4j_fixture import neo4j_clean, neo4j_server  # noqa: F401

``neo4j_server`` (session scope) gives a :class:`Neo4jServer` ``(uri, user, password)``. It looks,
in this order, at ``HALQA_TEST_NEO4J_URI`` / ``HALQA_TEST_NEO4J_PASSWORD`` (and optional
``HALQA_TEST_NEO4J_USER``) in the environment, at a harness started with
``python tests/neo4j_harness.py start``, and otherwise starts a harness of its own (when ``java``
and ``mvn`` are on PATH; in a private run directory, tied to this process) and stops it when the
session ends. When no server can be had, the
test is skipped with the reason, except under ``CI=true``, where it fails: CI must not pass
by skipping the Neo4j backend.

``neo4j_clean`` (function scope) gives the same server with its default database emptied:
every node and relationship, every constraint and every index except the built-in token
lookup indexes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, NoReturn

import pytest

import neo4j_harness


class Neo4jServer(NamedTuple):
    uri: str
    user: str
    password: str


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> NoReturn:
    """Skip the test with ``reason``, or fail it under CI=true."""
    message = f"test Neo4j unavailable: {reason}"
    if in_ci():
        pytest.fail(f"{message} (CI=true: the Neo4j tests must run, not skip)", pytrace=False)
    pytest.skip(message)


def _answers(server: Neo4jServer) -> str | None:
    """None if ``server`` answers a query with its credentials, else why not (one line)."""
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        neo4j_harness.query_server(*server, timeout=10.0)
    except (DriverError, Neo4jError, OSError, neo4j_harness.HarnessError) as exc:
        return f"{server.uri} does not answer: {type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    uri = os.environ.get(neo4j_harness.ENV_URI)
    password = os.environ.get(neo4j_harness.ENV_PASSWORD)
    if uri and password:
        user = os.environ.get(neo4j_harness.ENV_USER) or neo4j_harness.USER
        server = Neo4jServer(uri, user, password)
        problem = _answers(server)
        if problem:
            unavailable(f"{problem} (from {neo4j_harness.ENV_URI})")
        yield server
        return

    try:
        existing = neo4j_harness.running()
    except neo4j_harness.HarnessError as exc:
        unavailable(str(exc))
    if existing is not None:
        server = Neo4jServer(*existing.credentials)
        problem = _answers(server)
        if problem:
            unavailable(f"{problem} (harness pid {existing.pid})")
        yield server
        return

    missing = neo4j_harness.tools_missing()
    if missing:
        unavailable(
            f"not on PATH: {', '.join(missing)}; install Java 17+ and Maven, or set "
            f"{neo4j_harness.ENV_URI} and {neo4j_harness.ENV_PASSWORD}"
        )
    # A server of this session's own, in a private run directory: another pytest process (a
    # parallel worker, a colleague's run) never finds it, so never uses it after we stop it.
    run_dir = Path(tempfile.mkdtemp(prefix="halqa-test-neo4j-"))
    try:
        started = neo4j_harness.start(run_dir=run_dir, watch_stdin=True)
    except neo4j_harness.HarnessError as exc:
        unavailable(str(exc))  # run_dir is kept: the message points at its neo4j.log
    try:
        yield Neo4jServer(*started.credentials)
    finally:
        neo4j_harness.stop(run_dir=run_dir, server=started)
        shutil.rmtree(run_dir, ignore_errors=True)


def wipe_database(server: Neo4jServer, database: str = "neo4j") -> None:
    """Empty ``database``: all data, constraints, and indexes other than token lookups."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
        constraints = driver.execute_query(
            "SHOW CONSTRAINTS YIELD name RETURN name", database_=database
        ).records
        for record in constraints:
            driver.execute_query("DROP CONSTRAINT $name IF EXISTS", name=record["name"],
                                 database_=database)
        indexes = driver.execute_query(
            "SHOW INDEXES YIELD name, type WHERE type <> $lookup RETURN name",
            lookup="LOOKUP",
            database_=database,
        ).records
        for record in indexes:
            driver.execute_query("DROP INDEX $name IF EXISTS", name=record["name"],
                                 database_=database)


@pytest.fixture
def neo4j_clean(neo4j_server: Neo4jServer) -> Neo4jServer:
    wipe_database(neo4j_server)
    return neo4j_server

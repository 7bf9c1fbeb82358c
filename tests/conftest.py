"""Shared fixtures. ``store`` runs a test on every backend: the embedded engine always, and
real Neo4j (the harness under tests/neo4j) when it is available; under CI=true a Neo4j that
does not start fails the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intel.config import Settings
from intel.principal import SYSTEM
from intel.store import open_store

pytest_plugins = ["neo4j_fixture"]

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
BACKENDS = ["embedded", "neo4j"]


def settings_for(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    if backend == "embedded":
        return Settings(_env_file=None, backend="embedded", data_dir=tmp_path / "data", lock_timeout=20)
    uri, user, password = request.getfixturevalue("neo4j_server")
    return Settings(_env_file=None, backend="neo4j", neo4j_uri=uri, neo4j_user=user,
                    neo4j_password=password, data_dir=tmp_path / "data")


@pytest.fixture(params=BACKENDS)
def backend_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return settings_for(request.param, tmp_path, request)


@pytest.fixture
def store(backend_settings: Settings):
    s = open_store(backend_settings)
    if backend_settings.backend == "neo4j":
        s.execute(SYSTEM, "MATCH (n) DETACH DELETE n", write=True)
    s.init_schema()
    yield s
    s.close()


@pytest.fixture
def embedded_store(tmp_path: Path):
    s = open_store(Settings(_env_file=None, backend="embedded", data_dir=tmp_path / "data"))
    s.init_schema()
    yield s
    s.close()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data not found at {SHARED_DATA} (CI must have it beside the clone)")
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA

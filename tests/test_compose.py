"""docker-compose.yml, Dockerfile and .env.example agree with the code and with the test Neo4j."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from intel.config import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
POM = ROOT / "tests" / "neo4j" / "pom.xml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

HALQA_VARIABLE = re.compile(r"\bHALQA_[A-Z0-9_]+\b")
REQUIRED_INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+):\?")
SETTINGS_VARIABLES = {f"HALQA_{name.upper()}" for name in Settings.model_fields}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def neo4j_line(version: str) -> str:
    """'5.26' from '5.26', '5.26.30', '5.26.30-community' or '5.26-enterprise'."""
    match = re.match(r"(\d+)\.(\d+)", version)
    assert match, f"not a Neo4j version: {version!r}"
    return f"{match.group(1)}.{match.group(2)}"


def pom_neo4j_version() -> str:
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    root = ET.parse(POM).getroot()
    version = root.findtext("m:properties/m:neo4j.version", namespaces=namespace)
    assert version, f"{POM}: no <neo4j.version> property"
    return version.strip()


def test_compose_neo4j_image_is_the_line_the_tests_run_against(compose):
    image = compose["services"]["neo4j"]["image"]
    name, _, tag = image.partition(":")
    assert name == "neo4j", image
    assert tag, f"{image}: pin a tag, not 'latest' by omission"
    assert neo4j_line(tag) == neo4j_line(pom_neo4j_version()) == "5.26"


def test_every_halqa_variable_in_compose_and_env_example_is_a_setting():
    for path in (COMPOSE, ENV_EXAMPLE, DOCKERFILE):
        used = set(HALQA_VARIABLE.findall(path.read_text(encoding="utf-8")))
        unknown = used - SETTINGS_VARIABLES
        assert not unknown, f"{path.name}: not fields of intel.config.Settings: {sorted(unknown)}"


def test_ui_environment_is_a_valid_neo4j_configuration(compose):
    environment = compose["services"]["ui"]["environment"]
    assert environment["HALQA_BACKEND"] == "neo4j"
    assert environment["HALQA_NEO4J_URI"] == "bolt://neo4j:7687"
    # The literal values (not ${...} interpolations) must pass Settings' own validation.
    literal = {
        key.removeprefix("HALQA_").lower(): value
        for key, value in environment.items()
        if isinstance(value, str) and "${" not in value
    }
    settings = Settings(_env_file=None, **literal)
    assert settings.backend == "neo4j"
    assert settings.neo4j_user == "neo4j"
    assert str(settings.data_dir) in {
        volume.split(":")[1] for volume in compose["services"]["ui"]["volumes"]
    }, "HALQA_DATA_DIR must be on a volume, or evidence and keys die with the container"


def test_neo4j_password_is_the_same_for_neo4j_and_the_ui(compose):
    neo4j_auth = compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    ui_password = compose["services"]["ui"]["environment"]["HALQA_NEO4J_PASSWORD"]
    assert neo4j_auth.startswith("neo4j/${HALQA_NEO4J_PASSWORD")
    assert ui_password.startswith("${HALQA_NEO4J_PASSWORD")


def test_required_variables_are_in_env_example():
    required = set(REQUIRED_INTERPOLATION.findall(COMPOSE.read_text(encoding="utf-8")))
    assert required, "compose should require the Neo4j password from .env"
    example = {
        line.split("=", 1)[0].strip()
        for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    assert required <= example, f".env.example lacks {sorted(required - example)}"


def test_neo4j_service_keeps_data_and_logs_and_checks_health(compose):
    neo4j = compose["services"]["neo4j"]
    mounts = {volume.split(":")[1] for volume in neo4j["volumes"]}
    assert {"/data", "/logs"} <= mounts
    assert "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])
    environment = neo4j["environment"]
    for key in (
        "NEO4J_server_memory_heap_max__size",
        "NEO4J_server_memory_pagecache_size",
    ):
        assert key in environment, f"neo4j service: set {key} for a small server"
    assert compose["services"]["ui"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_published_ports_bind_loopback_only(compose):
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name}: {port} is open on all interfaces"


def test_dockerfile_runs_the_ui_and_keeps_secrets_out_of_the_image():
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.MULTILINE)
    assert re.search(r"^RUN pip install \.", dockerfile, re.MULTILINE)
    assert '"halqa", "ui"' in dockerfile and '"0.0.0.0"' in dockerfile and '"8501"' in dockerfile
    ignored = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored, ".env (the Neo4j password) must never be copied into the image"
    assert "tests/neo4j/target" in ignored

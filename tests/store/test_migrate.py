"""`halqa migrate`: a copy between the embedded store and Neo4j, both ways, verified."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backend_env import settings_env
from intel.config import Settings
from intel.migrate import migrate, tally
from intel.principal import SYSTEM
from intel.store import open_store
from test_contract import PROV, person, rel, small_network


@pytest.fixture
def both(tmp_path: Path, neo4j_server):
    uri, user, password = neo4j_server
    settings = Settings(_env_file=None, backend="embedded", data_dir=tmp_path / "data", neo4j_uri=uri,
                        neo4j_user=user, neo4j_password=password, lock_timeout=20)
    embedded = open_store(settings)
    neo = open_store(settings.model_copy(update={"backend": "neo4j"}))
    neo.execute(SYSTEM, "MATCH (n) DETACH DELETE n", write=True)
    embedded.init_schema()
    neo.init_schema()
    yield settings, embedded, neo
    neo.execute(SYSTEM, "MATCH (n) DETACH DELETE n", write=True)
    embedded.close()
    neo.close()


def fill(store) -> None:
    small_network(store)
    # an updated node (merged values, unioned cases) and a longer chain spanning pages
    store.write(SYSTEM, nodes={"Person": [{"id": "p2", "name": "Əliyev Rauf", "gender": "male",
                                           "aliases": ["Rauf Aliyev"], "cases": ["C-2"], **PROV}]})
    store.write_chunks(SYSTEM, nodes={"Person": [person(f"m{i}", f"Köçürülən {i}") for i in range(120)]},
                       edges={"FAMILY_OF": [rel(f"person:m{i}", f"person:m{i + 1}", relation="brother")
                                            for i in range(119)]})


def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from intel.cli import main; main()", "migrate", *args],
                          env=settings_env(settings), capture_output=True, text=True, timeout=300)


def test_cli_embedded_to_neo4j_copies_and_verifies(both):
    settings, embedded, neo = both
    fill(embedded)
    done = run_cli(settings, "--to", "neo4j")
    assert done.returncode == 0, done.stderr
    assert "verified" in done.stdout and "MISMATCH" not in done.stdout
    assert neo.counts(SYSTEM) == embedded.counts(SYSTEM)
    assert neo.get(SYSTEM, "person:p2") == embedded.get(SYSTEM, "person:p2")
    assert neo.get(SYSTEM, "person:p2").props["gender"] == "male"
    path = neo.shortest_paths(SYSTEM, "person:p2", "person:p4")[0]
    assert [e.type for e in path.edges] == ["ASSOCIATE_OF", "USES", "CALLED", "USES", "ASSOCIATE_OF"]
    assert neo.find(SYSTEM, "rauf aliyev")[0].id == "person:p2"
    # a second run into the now full target is refused in one line, and changes nothing
    again = run_cli(settings, "--to", "neo4j")
    assert again.returncode == 2 and "target is not empty" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert run_cli(settings, "--to", "embedded").returncode == 2  # already the configured backend


def test_neo4j_to_embedded_and_resume(both, monkeypatch):
    settings, embedded, neo = both
    fill(neo)
    monkeypatch.setattr("intel.migrate.PAGE", 50)  # several pages per label
    pages = []
    report = migrate(neo, embedded, progress=lambda kind, n: pages.append((kind, n)))
    assert report.ok, report.mismatches
    assert report.copied == sum(neo.counts(SYSTEM).values())
    assert ("Person", 50) in pages and report.kinds["Person"][0].count == 124
    assert embedded.counts(SYSTEM) == neo.counts(SYSTEM)
    assert embedded.neighbourhood(SYSTEM, "person:m0", hops=2).nodes[-1].id == "person:m2"
    # re-running over the full target (an interrupted run finished) writes nothing new
    before = embedded.counts(SYSTEM)
    assert migrate(neo, embedded, allow_non_empty=True).ok
    assert embedded.counts(SYSTEM) == before


def test_a_changed_copy_fails_verification(both):
    settings, embedded, neo = both
    fill(embedded)
    assert migrate(embedded, neo).ok
    neo.execute(SYSTEM, "MATCH (n:Person {id: $id}) SET n.h = $h", {"id": "person:m7", "h": "tampered"}, write=True)
    assert tally(neo, "Person", False).checksum != tally(embedded, "Person", False).checksum
    neo.execute(SYSTEM, "MATCH ()-[e:FAMILY_OF]->() WITH e LIMIT 1 DELETE e", write=True)
    report = migrate(embedded, neo, allow_non_empty=True)
    assert not report.ok and report.mismatches == ["Person"]  # the deleted edge was copied again
    neo.execute(SYSTEM, "MATCH (n:Person {id: $id}) SET n.h = $h", {"id": "person:m7", "h": "tampered"}, write=True)
    report = migrate(embedded, neo, allow_non_empty=True)
    assert report.mismatches == ["Person"]

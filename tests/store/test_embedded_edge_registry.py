"""The embedded store's relationship-id registry (an EdgeKey table with a key index) can
miss an id the engine has stored (LadybugDB 0.22 lost one at 1M relationships): a re-import
must still find that relationship and not create it twice."""

from __future__ import annotations

from intel.config import Settings
from intel.principal import SYSTEM
from intel.store import open_store

PROV = {"source": "registry-test", "recorded_by": "tester"}


def test_a_relationship_missing_from_the_registry_is_not_created_twice(tmp_path):
    store = open_store(Settings(_env_file=None, data_dir=tmp_path))
    store.init_schema()
    people = [{"id": f"p{i}", "name": f"Person {i}", "cases": ["C"], **PROV} for i in range(6)]
    edges = [{"src": f"person:p{i}", "dst": f"person:p{i + 1}", "case_id": "C", **PROV} for i in range(5)]
    first = store.write(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": edges})
    assert first.edges_created == 5
    lost = store.execute(SYSTEM, "MATCH (:Person {id: 'person:p2'})-[e:ASSOCIATE_OF]->() RETURN e.id AS id")[0]["id"]
    store.execute(SYSTEM, "MATCH (k:EdgeKey {id: $id}) DELETE k", {"id": lost}, write=True)
    again = store.write(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": edges})
    assert (again.edges_created, again.edges_updated, again.edges_unchanged) == (0, 0, 5)
    assert store.counts(SYSTEM)["ASSOCIATE_OF"] == 5
    # a changed property of that relationship is an update of the one stored, not a new one
    changed = [dict(e, grading="B2") if e["src"] == "person:p2" else e for e in edges]
    third = store.write(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": changed})
    assert (third.edges_created, third.edges_updated) == (0, 1)
    assert store.counts(SYSTEM)["ASSOCIATE_OF"] == 5
    store.close()

"""The store contract: every backend passes exactly these tests (parametrised by ``store``)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend_env import settings_env
from intel.errors import InvalidInput
from intel.principal import SYSTEM, Principal, Role
from intel.store import GraphStore

PROV = {"source": "test-batch-1", "recorded_by": "tester"}
HERE = Path(__file__).resolve().parent


def person(pid: str, name: str, case: str = "C-1", **extra):
    return {"id": pid, "name": name, "cases": [case], **PROV, **extra}


def rel(src: str, dst: str, case: str = "C-1", **extra):
    return {"src": src, "dst": dst, "case_id": case, **PROV, **extra}


def small_network(store: GraphStore):
    return store.write(
        SYSTEM,
        nodes={
            "Person": [person("p1", "Məmmədov Elçin Rauf oğlu", birth_date="12.03.1990"),
                       person("p2", "Əliyev Rauf"), person("p3", "Hüseynov Əli", case="C-2"),
                       person("p4", "Qasımova Aygün", case="C-2")],
            "Phone": [{"number": "050 123 45 67", "cases": ["C-1"], **PROV},
                      {"number": "+994 55 765 43 21", "cases": ["C-2"], **PROV}],
            "Case": [{"number": "C-1", "cases": ["C-1"], **PROV}, {"number": "C-2", "cases": ["C-2"], **PROV}],
        },
        edges={
            "USES": [rel("person:p1", "phone:" + _phone_id("+994501234567")),
                     rel("person:p3", "phone:" + _phone_id("+994557654321"), case="C-2")],
            "CALLED": [rel("phone:" + _phone_id("+994501234567"), "phone:" + _phone_id("+994557654321"),
                           case="C-2", at="2023-03-12T10:00:00", seconds=65)],
            "ASSOCIATE_OF": [rel("person:p1", "person:p2"), rel("person:p3", "person:p4", case="C-2")],
        },
    )


def _phone_id(e164: str) -> str:
    from graph_models.ids import make_node_id

    return make_node_id("phone", [e164]).split(":", 1)[1]


def total(store: GraphStore) -> int:
    return sum(store.counts(SYSTEM).values())


def test_upsert_then_reupsert_changes_nothing(store):
    first = small_network(store)
    assert first.nodes_created == 8 and first.edges_created == 5
    before = store.counts(SYSTEM)
    again = small_network(store)
    assert again.changed == 0
    assert again.nodes_unchanged == 8 and again.edges_unchanged == 5
    assert store.counts(SYSTEM) == before


def test_update_merges_values_and_cases(store):
    small_network(store)
    res = store.write(SYSTEM, nodes={"Person": [{"id": "p2", "name": "Əliyev Rauf", "gender": "male",
                                                 "cases": ["C-2"], **PROV}]})
    assert res.nodes_updated == 1
    p2 = store.get(SYSTEM, "person:p2")
    assert p2.props["gender"] == "male" and set(p2.cases) == {"C-1", "C-2"}
    # the same partial row again is a no-op
    assert store.write(SYSTEM, nodes={"Person": [{"id": "p2", "name": "Əliyev Rauf", "gender": "male",
                                                  "cases": ["C-2"], **PROV}]}).changed == 0


def test_values_are_cleaned_by_the_schema(store):
    small_network(store)
    p1 = store.get(SYSTEM, "person:p1")
    assert p1.props["birth_date"] == "1990-03-12"
    phones = store.scan(SYSTEM, "Phone", order_by="number")
    assert [p["number"] for p in phones] == ["+994501234567", "+994557654321"]


@pytest.mark.parametrize("nodes,edges,needle", [
    ({"Person": [person("x", "Ok"), person("y", "Bad", birth_date="31.02.1990")]}, {}, "Person row 2: Person: field 'birth_date'"),
    ({"Persn": [person("x", "Ok")]}, {}, "unknown label 'Persn'"),
    ({"Phone": [{"cases": ["C-1"], **PROV}]}, {}, "Phone row 1: Phone: missing required field 'number'"),
    ({"Person": [{"name": "No Id", **PROV}]}, {}, "missing key field 'id'"),
    ({"Person": [person("x", "Ok", shoe_size=44)]}, {}, "unknown field 'shoe_size'"),
    ({}, {"USES": [rel("person:x", "case:y")]}, "USES row 1: USES: Person->Case is not allowed"),
    ({}, {"KNOWS": [rel("person:x", "person:y")]}, "unknown relationship type 'KNOWS'"),
    ({}, {"ASSOCIATE_OF": [rel("person:x", "person:y"), rel(" ", "person:y")]},
     "ASSOCIATE_OF row 2: ASSOCIATE_OF: missing key field 'src'"),
    ({}, {"ASSOCIATE_OF": [rel("person:x", None)]}, "ASSOCIATE_OF row 1: ASSOCIATE_OF: missing key field 'dst'"),
    ({}, {"ASSOCIATE_OF": [rel("person:x", "x9")]}, "field 'dst': 'x9' is not a Halqa node id"),
    ({}, {"ASSOCIATE_OF": [rel("nobody:x", "person:y")]}, "field 'src': 'nobody:x' is not a Halqa node id"),
])
def test_bad_input_names_the_field_and_writes_nothing(store, nodes, edges, needle):
    small_network(store)
    before = store.counts(SYSTEM)
    with pytest.raises(InvalidInput) as err:
        store.write(SYSTEM, nodes=nodes, edges=edges)
    assert needle in str(err.value)
    assert "\n" not in str(err.value)
    assert store.counts(SYSTEM) == before


def test_error_mid_batch_rolls_back_everything(store):
    small_network(store)
    before = store.counts(SYSTEM)
    # Nodes are written first inside the transaction; the dangling edge fails afterwards.
    with pytest.raises(InvalidInput, match="node person:ghost does not exist"):
        store.write(SYSTEM, nodes={"Person": [person("new1", "Yeni Adam"), person("new2", "Başqa Adam")]},
                    edges={"ASSOCIATE_OF": [rel("person:new1", "person:ghost")]})
    assert store.counts(SYSTEM) == before
    assert store.get(SYSTEM, "person:new1") is None


def test_find_by_name_key_and_alias(store):
    small_network(store)
    store.write(SYSTEM, nodes={"Person": [person("p2", "Əliyev Rauf", aliases=["Rauf Aliyev", "Рауф"])]})
    assert [n.id for n in store.find(SYSTEM, "Rauf ƏLİYEV")][:1] == ["person:p2"]
    assert [n.id for n in store.find(SYSTEM, "rauf aliyev")][:1] == ["person:p2"]
    assert [n.id for n in store.find(SYSTEM, "Qasımova", labels=["Person"])] == ["person:p4"]
    assert store.find(SYSTEM, "nobody at all") == []


def test_neighbourhood_hops_and_filters(store):
    small_network(store)
    one = store.neighbourhood(SYSTEM, "person:p1", hops=1)
    assert {n.id for n in one.nodes} == {"person:p1", "person:p2", "phone:" + _phone_id("+994501234567")}
    three = store.neighbourhood(SYSTEM, "person:p1", hops=3)
    assert "person:p3" in {n.id for n in three.nodes}
    assert {e.type for e in three.edges} == {"USES", "ASSOCIATE_OF", "CALLED"}
    only_people = store.neighbourhood(SYSTEM, "person:p1", hops=3, labels=["Person"])
    assert {n.id for n in only_people.nodes} == {"person:p1", "person:p2"}
    only_uses = store.neighbourhood(SYSTEM, "person:p1", hops=3, rel_types=["USES", "CALLED"])
    assert "person:p2" not in {n.id for n in only_uses.nodes} and "person:p3" in {n.id for n in only_uses.nodes}
    early = store.neighbourhood(SYSTEM, "person:p1", hops=3, until="2023-01-01")
    assert "person:p3" not in {n.id for n in early.nodes}
    called = next(e for e in three.edges if e.type == "CALLED")
    assert called.props["seconds"] == 65 and called.props["source"] == "test-batch-1"
    assert called.src == "phone:" + _phone_id("+994501234567")
    with pytest.raises(InvalidInput, match="unknown relationship type"):
        store.neighbourhood(SYSTEM, "person:p1", rel_types=["X) DETACH DELETE (n"])


def test_case_scope_hides_other_cases(store):
    small_network(store)
    c1 = Principal("ana", Role.ANALYST, frozenset({"C-1"}))
    seen = store.neighbourhood(c1, "person:p1", hops=3)
    assert {n.id for n in seen.nodes} == {"person:p1", "person:p2", "phone:" + _phone_id("+994501234567")}
    assert all(e.case_id == "C-1" for e in seen.edges)
    assert store.get(c1, "person:p3") is None
    assert store.shortest_paths(c1, "person:p1", "person:p3") == []
    nodes, edges = store.export(c1)
    assert "person:p3" not in set(nodes["id"]) and "person:p1" in set(nodes["id"])
    assert all("C-1" in c for c in nodes["cases"])
    assert set(edges["case_id"]) == {"C-1"}


def test_shortest_paths_carry_the_evidence(store):
    small_network(store)
    paths = store.shortest_paths(SYSTEM, "person:p2", "person:p4")
    assert len(paths) == 1
    path = paths[0]
    assert [n.id for n in path.nodes][0] == "person:p2" and path.nodes[-1].id == "person:p4"
    assert [e.type for e in path.edges] == ["ASSOCIATE_OF", "USES", "CALLED", "USES", "ASSOCIATE_OF"]
    assert all(e.props["source"] == "test-batch-1" for e in path.edges)
    assert store.shortest_paths(SYSTEM, "person:p2", "person:p4", max_hops=4) == []


def test_export_tables_for_analytics(store):
    small_network(store)
    nodes, edges = store.export(SYSTEM, rel_types=["ASSOCIATE_OF", "CALLED"])
    assert len(nodes) == 8
    assert sorted(edges["type"]) == ["ASSOCIATE_OF", "ASSOCIATE_OF", "CALLED"]
    assert {"src", "dst", "case_id", "source"} <= set(edges.columns)


def test_bulk_chunks_are_idempotent(store):
    store.write_chunk = 7
    rows = [person(f"b{i}", f"Person {i}") for i in range(30)]
    edges = [rel(f"person:b{i}", f"person:b{i + 1}") for i in range(29)]
    first = store.write_chunks(SYSTEM, nodes={"Person": rows}, edges={"ASSOCIATE_OF": edges})
    assert first.nodes_created == 30 and first.edges_created == 29
    again = store.write_chunks(SYSTEM, nodes={"Person": rows}, edges={"ASSOCIATE_OF": edges})
    assert again.changed == 0


def _spawn(backend_settings, *args):
    return subprocess.Popen([sys.executable, str(HERE / "writer_proc.py"), *args],
                            env=settings_env(backend_settings), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_process_killed_mid_batch_leaves_store_as_before(store, backend_settings):
    small_network(store)
    before = store.counts(SYSTEM)
    store.close()
    proc = _spawn(backend_settings, "big", "60000")
    line = proc.stdout.readline()
    assert line.strip() == "writing", proc.stderr.read()
    time.sleep(1.0)
    assert proc.poll() is None, "the batch finished before it could be killed; make it larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert store.counts(SYSTEM) == before


def test_process_killed_mid_bulk_load_leaves_a_consistent_store_and_a_rerun_finishes(store, backend_settings):
    from writer_proc import bulk_edges, bulk_people

    small_network(store)
    before = store.counts(SYSTEM)
    store.close()
    proc = _spawn(backend_settings, "bulk", "40000")
    line = proc.stdout.readline()
    assert line.strip() == "writing", proc.stderr.read()
    time.sleep(2.0)
    assert proc.poll() is None, "the load finished before it could be killed; make it larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after_kill = store.counts(SYSTEM)  # the store opens and answers
    assert after_kill["Person"] >= before["Person"]
    assert after_kill["ASSOCIATE_OF"] <= before["ASSOCIATE_OF"] + 39_999
    store.write_chunk = 4000
    store.write_chunks(SYSTEM, nodes={"Person": bulk_people(40_000)}, edges={"ASSOCIATE_OF": bulk_edges(40_000)})
    final = store.counts(SYSTEM)
    assert final["Person"] == before["Person"] + 40_000
    assert final["ASSOCIATE_OF"] == before["ASSOCIATE_OF"] + 39_999
    assert store.get(SYSTEM, "person:bulk7").props["birth_date"] == "1991-02-03"


def test_two_processes_writing_alternately(store, backend_settings):
    store.close()
    a = _spawn(backend_settings, "alternate", "A", "8")
    b = _spawn(backend_settings, "alternate", "B", "8")
    out_a, err_a = a.communicate(timeout=240)
    out_b, err_b = b.communicate(timeout=240)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    people = store.scan(SYSTEM, "Person")
    assert len(people) == 16
    assert store.counts(SYSTEM)["ASSOCIATE_OF"] == 14


def test_two_relationship_types_between_the_same_pair_from_one_source_are_two_facts(store: GraphStore):
    """"A recruited B" and "A exploited B" told in one statement: neither hides the other."""
    store.write(SYSTEM, nodes={"Person": [person("a", "Bağırov Nicat"), person("b", "Quliyeva Lalə")]})
    first = store.write(SYSTEM, edges={"RECRUITED": [rel("person:a", "person:b")],
                                       "EXPLOITED": [rel("person:a", "person:b")]})
    assert first.edges_created == 2
    again = store.write(SYSTEM, edges={"EXPLOITED": [rel("person:a", "person:b")]})
    assert again.edges_unchanged == 1 and again.changed == 0
    counts = store.counts(SYSTEM)
    assert counts["RECRUITED"] == 1 and counts["EXPLOITED"] == 1
    types = {e.type for e in store.neighbourhood(SYSTEM, "person:a", hops=1).edges}
    assert types == {"RECRUITED", "EXPLOITED"}


@pytest.mark.parametrize("size", [1, 5000], ids=["small", "bulk"])
def test_a_relationship_to_a_missing_node_names_it_and_writes_nothing(store: GraphStore, size: int):
    """Small and bulk batches (the embedded engine writes big ones with COPY) fail alike."""
    store.write(SYSTEM, nodes={"Person": [person("a", "Bağırov Nicat"), person("b", "Quliyeva Lalə")]})
    before = total(store)
    people = [person(f"n{i}", f"Bulk Person {i}") for i in range(size)]
    edges = [rel(f"person:n{i}", "person:a") for i in range(size)]
    with pytest.raises(InvalidInput, match=r"field 'dst': node person:nobody does not exist"):
        store.write(SYSTEM, nodes={"Person": people},
                    edges={"ASSOCIATE_OF": [*edges, rel("person:n0", "person:nobody")]})
    assert total(store) == before
    ok = store.write(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": edges})
    assert ok.nodes_created == size and ok.edges_created == size
    assert total(store) == before + 2 * size


def test_bulk_load_updating_rows_it_created_earlier(store: GraphStore):
    """A bulk load whose later chunk changes rows an earlier chunk created (the embedded
    engine checkpoints its COPYs before such an update)."""
    store.write_chunk = 5
    first = [person(f"u{i}", f"Person {i}") for i in range(10)]
    # the third chunk both changes three earlier rows and creates two new ones
    later = [person(f"u{i}", f"Person {i}", birth_date="1990-01-02") for i in range(3)]
    later += [person("u10", "Person 10"), person("u11", "Person 11")]
    edges = [rel(f"person:u{i}", f"person:u{i + 1}") for i in range(11)]
    res = store.write_chunks(SYSTEM, nodes={"Person": first + later}, edges={"ASSOCIATE_OF": edges})
    assert res.nodes_created == 12 and res.nodes_updated == 3 and res.edges_created == 11
    assert store.get(SYSTEM, "person:u1").props["birth_date"] == "1990-01-02"
    again = store.write_chunks(SYSTEM, nodes={"Person": first + later}, edges={"ASSOCIATE_OF": edges})
    assert again.nodes_created == again.edges_created == 0


@pytest.mark.parametrize("bad", ["node", "edge"])
def test_bulk_load_with_a_bad_row_in_its_last_chunk_writes_nothing(store: GraphStore, bad: str):
    """Bulk loads are cleaned whole before anything is committed (Neo4j writes the first
    chunks while it is still cleaning the rest; they must not survive a bad later row)."""
    small_network(store)
    before = store.counts(SYSTEM)
    store.write_chunk = 5
    people = [person(f"late{i}", f"Person {i}") for i in range(60)]
    edges = [rel(f"person:late{i}", f"person:late{i + 1}") for i in range(59)]
    if bad == "node":
        people.append(person("late-bad", "Person Bad", birth_date="not a date"))
        where = r"Person row 61: .*birth_date"
    else:
        edges.append({"src": "person:late0", "case_id": "C-1", **PROV})
        where = r"ASSOCIATE_OF row 60: .*dst"
    with pytest.raises(InvalidInput, match=where):
        store.write_chunks(SYSTEM, nodes={"Person": people}, edges={"ASSOCIATE_OF": edges})
    assert store.counts(SYSTEM) == before
    assert store.get(SYSTEM, "person:late0") is None

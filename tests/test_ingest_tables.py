"""Table import (issue 5): mappings, encodings, row errors, all-or-nothing, re-import, CLI.
Runs on every backend through the ``store`` fixture."""

from __future__ import annotations

import contextlib

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from backend_env import settings_env
from ingest.tables import TableInvalid, import_table, load_mapping
from intel.errors import InvalidInput
from intel.principal import SYSTEM
from intel.security.grants import Grants
from intel.security.users import Users

CDR = ("caller,callee,start_time,duration_s,cell_id,location\n"
       "994501112233,994552223344,2024-01-02 10:00:00,60,BAK-1,Bakı\n"
       "994552223344,79161234567,2024-01-02 11:30:00,5,ROAMING,Moscow\n"
       "0501112233,+994 70 333 44 55,2024-01-03 09:00:00,0,BAK-2,Bakı\n")
CROSSINGS_HEADER = ["name_in_passport", "document_number", "birth_date", "border_point", "direction",
                    "crossed_at", "vehicle_or_flight"]
CROSSINGS = [["МАМЕДОВ РАШАД", "C12345678", "1990-05-01", "Samur", "exit", "2023-03-01 10:00:00", "10-AB-123"],
             ["MAMMADOV RASHAD", "C12345678", "1990-05-01", "Samur", "entry", "2023-03-09 18:00:00", "10-AB-123"],
             ["ƏLİYEVA GÜNAY", "AZE00011122", "1995-12-31", "Heydər Əliyev BHL", "exit", "2023-04-01 06:15:00", "J2 8011"]]


def counts(store) -> dict[str, int]:
    return {k: v for k, v in store.counts(SYSTEM).items() if v and k != "AuditEvent"}


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8", sep: str = ",") -> Path:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_cdr_import_writes_phones_and_calls_and_reimport_is_a_noop(store, tmp_path):
    f = tmp_path / "cdr.csv"
    f.write_text(CDR, encoding="utf-8")
    rep = import_table(store, SYSTEM, f, "cdr", "CASE-T1")
    assert rep.written == 3 and not rep.errors and not rep.already
    assert rep.source.startswith("import:") and len(rep.source) == len("import:") + 16
    c = counts(store)
    assert c["Phone"] == 4 and c["CALLED"] == 3 and c["ImportBatch"] == 1 and c["Case"] == 1
    numbers = {r["number"] for r in store.scan(SYSTEM, "Phone")}
    assert numbers == {"+994501112233", "+994552223344", "+79161234567", "+994703334455"}
    _, edges = store.export(SYSTEM, rel_types=["CALLED"])
    calls = {(r["at"], r["seconds"]) for _, r in edges.iterrows()}
    assert ("2024-01-02T11:30:00", 5) in calls and ("2024-01-03T09:00:00", 0) in calls
    assert set(edges["source"]) == {rep.source} and set(edges["case_id"]) == {"CASE-T1"}
    before = counts(store)
    again = import_table(store, SYSTEM, f, "cdr", "CASE-T1")
    assert again.already and again.written == 3 and again.result.changed == 0
    assert counts(store) == before


def test_invalid_row_names_file_row_column_and_nothing_is_written(store, tmp_path):
    f = tmp_path / "calls.csv"
    f.write_text(CDR + "994501112233,994552223344,yesterday,abc,BAK-1,Bakı\n", encoding="utf-8")
    with pytest.raises(TableInvalid) as err:
        import_table(store, SYSTEM, f, "cdr", "CASE-T2")
    lines = [e.line() for e in err.value.errors]
    assert any(line.startswith("calls.csv:5:start_time: ") for line in lines)
    assert any(line.startswith("calls.csv:5:duration_s: ") and "'abc'" in line for line in lines)
    assert "nothing written" in str(err.value) and "\n" not in str(err.value)
    assert counts(store) == {}
    rep = import_table(store, SYSTEM, f, "cdr", "CASE-T2", skip_invalid=True)
    assert rep.written == 3 and {e.row for e in rep.errors} == {5}
    assert counts(store)["CALLED"] == 3
    batch = store.scan(SYSTEM, "ImportBatch")[0]
    assert batch["rows"] == 3 and batch["skipped"] == 1
    assert import_table(store, SYSTEM, f, "cdr", "CASE-T2", skip_invalid=True).already


def test_border_crossings_in_cp1251_and_utf16(store, tmp_path):
    cp = write_csv(tmp_path / "xing_cp1251.csv", CROSSINGS_HEADER, CROSSINGS[:2], encoding="cp1251", sep=";")
    with pytest.raises(UnicodeEncodeError):
        "Ə".encode("cp1251")  # the third row cannot be written in cp1251; it goes into the UTF-16 file
    rep = import_table(store, SYSTEM, cp, "border_crossings", "CASE-T3")
    assert rep.written == 2 and not rep.errors
    persons = store.scan(SYSTEM, "Person")
    assert len(persons) == 1  # one document number -> one person in the case
    assert persons[0]["name"] == "МАМЕДОВ РАШАД" and persons[0]["aliases"] == ["MAMMADOV RASHAD"]
    assert persons[0]["birth_date"] == "1990-05-01"
    _, travelled = store.export(SYSTEM, rel_types=["TRAVELLED"])
    assert sorted(travelled["date"]) == ["2023-03-01T10:00:00", "2023-03-09T18:00:00"]
    u16 = write_csv(tmp_path / "xing_utf16.csv", CROSSINGS_HEADER, CROSSINGS[2:], encoding="utf-16", sep="\t")
    rep = import_table(store, SYSTEM, u16, "border_crossings", "CASE-T3")
    assert rep.written == 1
    names = {r["name"] for r in store.scan(SYSTEM, "Person")}
    assert "ƏLİYEVA GÜNAY" in names
    c = counts(store)
    assert c["Document"] == 2 and c["HOLDS"] == 2 and c["Vehicle"] == 1 and c["USES"] == 1
    rows = store.execute(SYSTEM, "MATCH (:Person)-[t:TRAVELLED]->(l:Location) RETURN t.mode AS mode, "
                                 "t.direction AS direction, l.kind AS kind ORDER BY t.date")
    assert [(r["mode"], r["direction"], r["kind"]) for r in rows] == [
        ("car", "out", "border_point"), ("car", "in", "border_point"), ("air", "out", "border_point")]


def test_xlsx_formula_and_several_sheets_are_refused(store, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(CROSSINGS_HEADER)
    ws.append(CROSSINGS[0])
    ws.append(CROSSINGS[1][:6] + ['=CONCAT("10-AB-", "123")'])
    wb.save(tmp_path / "formula.xlsx")
    with pytest.raises(InvalidInput, match=r"formula.xlsx: sheet 'Sheet' cell G3 holds a formula"):
        import_table(store, SYSTEM, tmp_path / "formula.xlsx", "border_crossings", "CASE-T4")
    wb = Workbook()
    wb.active.title = "crossings"
    wb.active.append(CROSSINGS_HEADER)
    for row in CROSSINGS:
        wb.active.append(row)
    wb.create_sheet("notes").append(["checked by", "desk 4"])
    wb.save(tmp_path / "two.xlsx")
    with pytest.raises(InvalidInput, match=r"has 2 sheets \(crossings, notes\); name the one to import with --sheet"):
        import_table(store, SYSTEM, tmp_path / "two.xlsx", "border_crossings", "CASE-T4")
    assert counts(store) == {}
    rep = import_table(store, SYSTEM, tmp_path / "two.xlsx", "border_crossings", "CASE-T4", sheet="crossings")
    assert rep.written == 3 and counts(store)["TRAVELLED"] == 3


@pytest.mark.parametrize("content, why", [
    ("", "file is empty"),
    ("caller;callee\n994501112233;994552223344\n", "missing required column start_time"),
    ("caller,callee,start_time\n994501112233,994552223344\n", "calls.csv:2:*: has 2 fields, the header has 3"),
    ("\x00\x01\x02PNG binary\x00", "binary file"),
])
def test_bad_tables_give_one_line_and_write_nothing(store, tmp_path, content, why):
    f = tmp_path / "calls.csv"
    f.write_text(content, encoding="latin-1")
    with pytest.raises(InvalidInput) as err:
        import_table(store, SYSTEM, f, "cdr", "CASE-T5")
    assert why in str(err.value) and "\n" not in str(err.value)
    assert counts(store) == {}


def test_mapping_mistakes_are_one_line(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("name: x\nentities:\n  a: {label: Phone, properties: {colour: c}}\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="'colour' is not a property here"):
        load_mapping(str(bad))
    with pytest.raises(InvalidInput, match="no such mapping"):
        load_mapping("nonesuch")


def test_generated_scenario_tables_import(store, tmp_path):
    from ingest.synthetic import generate

    out = tmp_path / "scn"
    generate(11, 40, out)
    before = counts(store)
    for name, mapping in (("cdr.csv", "cdr"), ("border_crossings.csv", "border_crossings"),
                          ("hotline_referrals.csv", "hotline_referrals")):
        rep = import_table(store, SYSTEM, out / "tables" / name, mapping, "CASE-G")
        assert rep.written == rep.rows and not rep.errors, (name, rep.errors[:3])
    c = counts(store)
    assert c["CALLED"] > before.get("CALLED", 0) and c["TRAVELLED"] > 0 and c["Event"] > 0
    rep = import_table(store, SYSTEM, out / "tables" / "border_crossings.xlsx", "border_crossings", "CASE-G")
    assert rep.written == rep.rows and not rep.errors


def _user(store, name: str, case: str) -> dict[str, str]:
    password = "correct horse battery"
    Users(store).add(name, "investigator", password, by="test")
    Grants(store).give(name, case, by="test")
    return {"HALQA_USER": name, "HALQA_PASSWORD": password}


def halqa(args: list[str], env: dict[str, str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from intel.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=300, **kw)


def test_cli_table_import(store, backend_settings, tmp_path):
    env = {**settings_env(backend_settings), **_user(store, "ivan", "CASE-C")}
    good = tmp_path / "cdr.csv"
    good.write_text(CDR, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(CDR + "994501112233,,2024-01-05 10:00:00,9,,\n", encoding="utf-8")
    done = halqa(["ingest", "table", str(bad), "--mapping", "cdr", "--case", "CASE-C"], env)
    assert done.returncode == 2 and "bad.csv:5:callee: " in done.stderr and "Traceback" not in done.stderr
    assert "CALLED" not in counts(store)
    done = halqa(["ingest", "table", str(good), "--mapping", "cdr", "--case", "CASE-C"], env)
    assert done.returncode == 0, done.stderr
    assert "3 of 3 rows imported into case CASE-C" in done.stdout
    done = halqa(["ingest", "table", str(good), "--mapping", "cdr", "--case", "CASE-C"], env)
    assert done.returncode == 0 and "already imported" in done.stdout
    done = halqa(["ingest", "table", str(good), "--mapping", "cdr", "--case", "CASE-OTHER"], env)
    assert done.returncode != 0 and "not granted case CASE-OTHER" in done.stderr
    edges = store.execute(SYSTEM, "MATCH ()-[e:CALLED]->() RETURN e.recorded_by AS by, e.case_id AS c")
    assert {(r["by"], r["c"]) for r in edges} == {("ivan", "CASE-C")}


def test_killed_import_leaves_the_store_as_it_was(store, backend_settings, tmp_path):
    env = {**settings_env(backend_settings), **_user(store, "kira", "CASE-K")}
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("caller,callee,start_time,duration_s\n")
        for i in range(150_000):
            fh.write(f"99450{i % 9000 + 1000000:07d},99455{i % 7000 + 2000000:07d},"
                     f"2024-02-{i % 28 + 1:02d} {i % 24:02d}:{i % 60:02d}:{i % 59:02d},{i % 600}\n")
    before = counts(store)
    proc = subprocess.Popen([sys.executable, "-c", "from intel.cli import main; main()", "ingest", "table", str(big),
                             "--mapping", "cdr", "--case", "CASE-K"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(6)  # past reading and checking the rows: into the write
    finished = proc.poll() is not None
    if not finished:
        with contextlib.suppress(ProcessLookupError):  # it may finish between poll and kill
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    finished = finished or proc.returncode == 0
    assert finished or proc.returncode == -signal.SIGKILL, proc.stderr.read()
    after = counts(store)
    # All or nothing: killed before its commit, the store is as it was; killed after it (in
    # the checkpoint, audit or output that follow) or finished, the whole file is there.
    whole = {**before, "Phone": 16_000, "Case": 1, "ImportBatch": before.get("ImportBatch", 0) + 1,
             "CALLED": 150_000}
    if finished:
        assert after == whole
    else:
        assert after in (before, whole)


def test_import_records_are_what_the_store_would_clean(tmp_path):
    """The mapper cleans each value once and hands the store records (no second cleaning):
    every record must equal what clean_node/clean_edge make of the rows the mapper used to
    send, so ids, hashes and stored values stay the same."""
    import hashlib
    import json

    from graph_models.ids import content_hash
    from graph_models.validate import clean_edge, clean_node
    from ingest.synthetic import generate
    from ingest.tables import read_table
    from ingest.tables.records import node_records
    from ingest.tables.rows import RowMapper
    from intel.security.protection import needs_sealing

    out = tmp_path / "scn"
    generate(5, 60, out)
    provenance = {"source": "import:0123456789abcdef", "recorded_by": "ivan", "recorded_at": "2024-03-01T10:00:00",
                  "grading": "B2"}
    checked = {"nodes": 0, "edges": 0}
    for name, mapping in (("cdr.csv", "cdr"), ("border_crossings.csv", "border_crossings"),
                          ("hotline_referrals.csv", "hotline_referrals")):
        batch = RowMapper(load_mapping(mapping), read_table(out / "tables" / name), "CASE-R", provenance).run()
        assert not batch.errors and batch.edges
        for e in batch.edges:
            own = {k: v for k, v in e.props.items() if k not in provenance}
            want = clean_edge(e.type, {**own, **provenance, "src": e.src, "dst": e.dst, "case_id": "CASE-R"})
            assert e == want, (name, e, want)
            checked["edges"] += 1
        rows, records = node_records(batch.nodes, provenance)
        assert records and all(not needs_sealing(n.label) for n in records)
        assert set(rows) == {label for label in batch.nodes if needs_sealing(label)}
        for n in records:
            row = batch.nodes[n.label][n.id]
            assert n == clean_node(n.label, row), (name, n)
            checked["nodes"] += 1
    assert checked["edges"] > 100 and checked["nodes"] > 50
    # content_hash's once-built C encoder writes exactly what json.dumps with the same options writes
    tricky = {"b": ["Ə", 'x"y'], "a": 1.5, "c": None, "d": True, "e": 7, "f": "Мамедов\tР"}
    raw = json.dumps(tricky, sort_keys=True, ensure_ascii=False, default=str)
    assert content_hash(tricky) == hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def test_records_that_may_hold_protected_values_are_refused(store, tmp_path):
    """Persons and labels with protected properties are only ever written as rows, so they
    are sealed; a pre-cleaned record of them is refused, with and without the service."""
    from graph_models.validate import CleanNode
    from ingest.sink import write_graph
    from intel.config import Settings
    from intel.security.crypto import open_crypto
    from intel.services.graph import GraphService

    person = CleanNode(id="person:p1", label="Person", props={"name": "Rəşad Məmmədov", "source": "x",
                                                              "recorded_by": "x"},
                       cases=["C-1"], caption="Rəşad Məmmədov", h="0")
    crypto = open_crypto(Settings(_env_file=None, data_dir=tmp_path / "keys"), store, env={})
    with pytest.raises(InvalidInput, match="written as a row"):
        GraphService(store, SYSTEM, crypto).write(clean_nodes=[person])
    with pytest.raises(InvalidInput, match="written as rows"):
        write_graph(store, SYSTEM, {}, None, clean_nodes=[person])
    assert counts(store) == {}


def test_import_through_the_service_checks_grants_seals_and_audits(store, tmp_path):
    """The user's path (as ``halqa ingest table``): an investigator without a grant writes
    nothing; with one, the rows go in, persons named in the table are stored once, and the
    write is audited."""
    from intel.audit import flush
    from intel.config import Settings
    from intel.errors import AccessDenied
    from intel.security.crypto import open_crypto
    from intel.security.session import principal_for
    from intel.services.cases import CaseService

    crypto = open_crypto(Settings(_env_file=None, data_dir=tmp_path / "keys"), store, env={})
    Users(store).add("olga", "investigator", "correct horse battery", by="test")
    CaseService(store, SYSTEM, crypto).create_case("CASE-S")
    calls = tmp_path / "cdr.csv"
    calls.write_text(CDR, encoding="utf-8")
    xing = write_csv(tmp_path / "xing.csv", CROSSINGS_HEADER, CROSSINGS)
    with pytest.raises(AccessDenied, match="not granted case CASE-S"):
        import_table(store, principal_for(store, "olga"), calls, "cdr", "CASE-S", crypto=crypto)
    assert "CALLED" not in counts(store)
    CaseService(store, SYSTEM, crypto).grant("olga", "CASE-S")
    olga = principal_for(store, "olga")
    rep = import_table(store, olga, calls, "cdr", "CASE-S", crypto=crypto)
    assert rep.written == 3 and rep.result.edges_created == 3
    assert import_table(store, olga, xing, "border_crossings", "CASE-S", crypto=crypto).written == 3
    c = counts(store)
    assert c["CALLED"] == 3 and c["Phone"] == 4 and c["Person"] == 2 and c["TRAVELLED"] == 3
    called = store.execute(SYSTEM, "MATCH (a:Phone)-[e:CALLED]->(b:Phone) RETURN e.recorded_by AS by, "
                                   "e.case_id AS c, e.source AS s, e.h AS h, e.id AS id")
    assert {(r["by"], r["c"], r["s"]) for r in called} == {("olga", "CASE-S", rep.source)}
    assert all(r["h"] and r["id"].startswith("rel:") for r in called)
    again = import_table(store, olga, calls, "cdr", "CASE-S", crypto=crypto)
    assert again.already and counts(store) == c
    flush(store)
    writes = store.execute(SYSTEM, "MATCH (a:AuditEvent) WHERE a.action = 'case.write' AND a.user = 'olga' "
                                   "RETURN a.outcome AS outcome")
    denied = store.execute(SYSTEM, "MATCH (a:AuditEvent) WHERE a.action = 'case.write' AND a.outcome = 'denied' "
                                   "RETURN count(a) AS c")
    assert [r["outcome"] for r in writes].count("ok") == 2 and denied[0]["c"] == 1

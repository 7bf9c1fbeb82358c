"""Statement ingest (issue 5): Statement, entities by natural key, MENTIONS with offsets,
encrypted text, one transaction per file, re-ingest a no-op, bad files, CLI. Every backend."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from backend_env import settings_env
from ingest.statements import ingest_statement
from ingest.tables import import_table
from intel.errors import InvalidInput
from intel.principal import SYSTEM
from intel.security.crypto import open_crypto
from intel.security.grants import Grants
from intel.security.users import Users

TEXT = ("On 12 March 2023 I met Rashad Mammadov in Baku. He called me from +994 50 123 45 67 and "
        "took my passport C12345678. Later Rashad Mammadov drove me to Tbilisi in a car with plate "
        "10-AB-123. My sister called him on 055 222 33 44.\n")


def counts(store) -> dict[str, int]:
    return {k: v for k, v in store.counts(SYSTEM).items() if v and k != "AuditEvent"}


@pytest.fixture
def crypto(store, backend_settings):
    return open_crypto(backend_settings, store, {})


def test_statement_writes_entities_mentions_and_encrypted_text(store, crypto, tmp_path):
    f = tmp_path / "s1.txt"
    f.write_text(TEXT, encoding="utf-8")
    rep = ingest_statement(store, SYSTEM, f, "CASE-S1", "auto", crypto=crypto)
    assert rep.lang == "en" and rep.encrypted and not rep.already
    stmt = store.get(SYSTEM, rep.statement_id)
    assert stmt is not None and stmt.props["title"] == "s1.txt" and stmt.props["lang"] == "en"
    assert stmt.props["text"] != TEXT and stmt.props["text"].startswith("v1:")
    assert crypto.decrypt(stmt.props["text"], stmt.id, "text") == TEXT
    c = counts(store)
    assert c["Statement"] == 1 and c["ATTACHED_TO"] == 1 and c["Case"] == 1
    assert c["Phone"] == 2 and c["Document"] == 1 and c["Vehicle"] == 1
    persons = store.scan(SYSTEM, "Person")
    assert len(persons) == 1 and persons[0]["cases"] == ["CASE-S1"]  # the same name twice: one person
    rows = store.execute(SYSTEM, "MATCH (s:Statement)-[m:MENTIONS]->(p:Phone) RETURN m.start AS start, "
                                 "m.`end` AS stop, m.confidence AS conf, m.source AS source, p.number AS number")
    for r in rows:
        assert TEXT[r["start"]:r["stop"]].replace(" ", "").endswith(r["number"][-9:])
        assert 0 < r["conf"] <= 1 and r["source"] == rep.statement_id
    assert {r["number"] for r in rows} == {"+994501234567", "+994552223344"}
    docs = store.scan(SYSTEM, "Document")
    assert docs[0]["number"] == "C12345678" and docs[0]["doc_type"] == "passport"


def test_reingest_is_a_noop_and_entities_match_tables_by_key(store, crypto, tmp_path):
    f = tmp_path / "s1.txt"
    f.write_text(TEXT, encoding="utf-8")
    ingest_statement(store, SYSTEM, f, "CASE-S2", crypto=crypto)
    before = counts(store)
    again = ingest_statement(store, SYSTEM, f, "CASE-S2", crypto=crypto)
    assert again.already and counts(store) == before
    cdr = tmp_path / "cdr.csv"
    cdr.write_text("caller,callee,start_time,duration_s\n994501234567,994552223344,2023-03-12 10:00:00,30\n",
                   encoding="utf-8")
    import_table(store, SYSTEM, cdr, "cdr", "CASE-S2")
    assert counts(store)["Phone"] == before["Phone"]  # the same E.164 numbers: the same nodes
    rows = store.execute(SYSTEM, "MATCH (:Statement)-[:MENTIONS]->(p:Phone)-[:CALLED]->(q:Phone) "
                                 "RETURN p.number AS a, q.number AS b")
    assert {(r["a"], r["b"]) for r in rows} == {("+994501234567", "+994552223344")}


def test_given_by_and_aliases_across_statements(store, crypto, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Rəşad Məmmədov mənə zəng etdi və dedi ki, Bakıya gələcək.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Witness statement. I saw Rəşad Məmmədov in Baku on 1 May 2023.\n", encoding="utf-8")
    rep = ingest_statement(store, SYSTEM, a, "CASE-S3", "az", given_by="Günay Əliyeva", crypto=crypto)
    ingest_statement(store, SYSTEM, b, "CASE-S3", "en", given_by="Günay Əliyeva", crypto=crypto)
    given = store.execute(SYSTEM, "MATCH (s:Statement)-[:GIVEN_BY]->(p:Person) RETURN s.id AS s, p.name AS name")
    assert {r["name"] for r in given} == {"Günay Əliyeva"} and len(given) == 2
    assert rep.lang == "az"
    with pytest.raises(InvalidInput, match="--given-by: no person 'P-404'"):
        ingest_statement(store, SYSTEM, a, "CASE-S3", given_by="P-404", crypto=crypto)
    giver = next(r for r in store.scan(SYSTEM, "Person") if r["name"] == "Günay Əliyeva")
    again = ingest_statement(store, SYSTEM, a, "CASE-S3", given_by=giver["id"], crypto=crypto)
    assert again.already


def test_without_a_key_the_text_is_not_stored(store, tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(TEXT, encoding="utf-8")
    rep = ingest_statement(store, SYSTEM, f, "CASE-S4")
    assert not rep.encrypted
    stmt = store.get(SYSTEM, rep.statement_id)
    assert "text" not in stmt.props and len(stmt.props["content_hash"]) == 64


@pytest.mark.parametrize("make, why", [
    (lambda p: p.write_bytes(b""), "file is empty"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "binary file"),
    (lambda p: p.write_bytes(b"\xff\xfeA\x00\x00\xd8"), "not decodable as UTF-16"),
    (lambda p: os.truncate(p, 100 * 1024 * 1024) if p.touch() is None else None, "over the 10 MB limit"),
])
def test_bad_statement_files_write_nothing(store, crypto, tmp_path, make, why):
    f = tmp_path / "bad.txt"
    make(f)
    with pytest.raises(InvalidInput) as err:
        ingest_statement(store, SYSTEM, f, "CASE-S5", crypto=crypto)
    assert why in str(err.value) and str(f) in str(err.value)
    assert counts(store) == {}


def test_generated_scenario_statements(store, crypto, tmp_path):
    import csv

    from ingest.synthetic import generate

    out = tmp_path / "scn"
    generate(5, 30, out)
    index = list(csv.DictReader((out / "statements" / "index.csv").open(encoding="utf-8")))[:6]
    for row in index:
        rep = ingest_statement(store, SYSTEM, out / "statements" / row["file"], row["case_id"], row["lang"],
                               crypto=crypto)
        assert rep.mentions > 0 and rep.result.changed > 0
    c = counts(store)
    assert c["Statement"] == 6 and c["MENTIONS"] >= 6 and c["Person"] > 0
    cases = {r["number"] for r in store.scan(SYSTEM, "Case")}
    assert cases == {r["case_id"] for r in index}


def halqa(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from intel.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_cli_folder_with_a_bad_file(store, backend_settings, tmp_path):
    password = "correct horse battery"
    Users(store).add("inna", "investigator", password, by="test")
    Grants(store).give("inna", "CASE-CLI", by="test")
    env = {**settings_env(backend_settings), "HALQA_USER": "inna", "HALQA_PASSWORD": password}
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT, encoding="utf-8")
    (folder / "two.txt").write_bytes("Мамедов Рашад позвонил мне с номера +994 50 765 43 21.\n".encode("cp1251"))
    (folder / "three.txt").write_bytes(b"")
    done = halqa(["ingest", "statement", str(folder), "--case", "CASE-CLI"], env)
    assert done.returncode == 2, done.stderr
    assert "three.txt: file is empty" in done.stderr and "Traceback" not in done.stderr
    assert "2 statement(s) ingested" in done.stdout and "1 failed" in done.stdout
    assert counts(store)["Statement"] == 2
    rows = store.execute(SYSTEM, "MATCH (s:Statement) RETURN s.recorded_by AS by, s.lang AS lang, s.text AS text")
    assert {r["by"] for r in rows} == {"inna"} and {r["lang"] for r in rows} == {"en", "ru"}
    assert all(r["text"].startswith("v1:") for r in rows)
    done = halqa(["ingest", "statement", str(folder / "one.txt"), "--case", "CASE-CLI"], env)
    assert done.returncode == 0 and "already ingested" in done.stdout
    done = halqa(["ingest", "statement", str(folder / "one.txt"), "--case", "CASE-CLI", "--lang", "fr"], env)
    assert done.returncode == 2 and "--lang: 'fr'" in done.stderr

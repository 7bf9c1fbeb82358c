"""Statement ingest with within-statement coreference: a short form is the fuller name's node,
phones tied to a person become USES edges, and entity resolution sees them. Every backend."""

from __future__ import annotations

import pytest

from ingest.resolve.graph import load_records
from ingest.statements import ingest_statement
from intel.principal import SYSTEM
from intel.security.crypto import open_crypto

TEXT = ("Mən, Əliyeva Günay Rauf qızı, 1992-ci il 17 yanvar tarixində anadan olmuşam. "
        "Mənimlə 0501234567 nömrəsi ilə əlaqə saxlamaq olar.\n"
        "Məmmədov Elçin Rauf oğlu məni işə götürdü. Elçin mənə 0559876543 nömrəli telefondan "
        "zəng edirdi.\n")


@pytest.fixture
def crypto(store, backend_settings):
    return open_crypto(backend_settings, store, {})


def test_short_form_and_phones_are_tied_to_their_person(store, crypto, tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(TEXT, encoding="utf-8")
    ingest_statement(store, SYSTEM, f, "CASE-L1", "az", crypto=crypto)
    persons = {r["name"]: r for r in store.scan(SYSTEM, "Person")}
    assert set(persons) == {"Əliyeva Günay Rauf qızı", "Məmmədov Elçin Rauf oğlu"}
    assert "Elçin" in persons["Məmmədov Elçin Rauf oğlu"]["aliases"]
    rows = store.execute(SYSTEM, "MATCH (p:Person)-[:USES]->(t:Phone) RETURN p.name AS name, "
                                 "t.number AS number")
    assert {(r["name"], r["number"]) for r in rows} == {
        ("Əliyeva Günay Rauf qızı", "+994501234567"), ("Məmmədov Elçin Rauf oğlu", "+994559876543")}
    before = store.counts(SYSTEM)
    again = ingest_statement(store, SYSTEM, f, "CASE-L1", "az", crypto=crypto)
    assert again.already and {k: v for k, v in store.counts(SYSTEM).items() if k != "AuditEvent"} == \
        {k: v for k, v in before.items() if k != "AuditEvent"}
    records, skipped = load_records(store, SYSTEM, crypto)
    assert not skipped
    by_name = {r.display: r for r in records}
    assert by_name["Məmmədov Elçin Rauf"].phones == frozenset({"+994559876543"})

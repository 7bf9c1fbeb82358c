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


def test_resolve_run_links_a_case_short_forms_and_leaves_namesakes_for_review(store, crypto, tmp_path):
    from ingest.resolve.graph import run
    from ingest.resolve.review import review_queue

    texts = {
        "a.txt": "Məmmədov Elçin Rauf oğlu məni işə götürdü. Quliyev Ramil məni maşında apardı.\n",
        "b.txt": "Elçin mənə zəng etdi və pul istədi.\n",
        "c.txt": "Quliyev Ramil sərhəddə gözləyirdi.\n",
        "d.txt": "Quliyev Ramil Vüqar oğlu və Quliyev Ramil Rauf oğlu qardaş deyil.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest_statement(store, SYSTEM, tmp_path / name, "CASE-R1", "az", crypto=crypto)
    persons = {}
    for r in store.scan(SYSTEM, "Person"):
        persons.setdefault(r["name"], []).append(r["id"])
    assert len(persons["Quliyev Ramil"]) == 2  # one person per statement until resolution decides
    rep = run(store, SYSTEM, crypto=crypto)
    assert rep.case_joined == 1 and rep.auto_merged == 1
    links = store.execute(SYSTEM, "MATCH (a:Person)-[:SAME_AS]->(b:Person) RETURN a.name AS a, b.name AS b")
    assert [sorted((r["a"], r["b"])) for r in links] == [["Elçin", "Məmmədov Elçin Rauf oğlu"]]
    joined = next(r for r in store.scan(SYSTEM, "Judgement") if r["decision"] == "positive")
    assert "the only person in case CASE-R1 it fits" in joined["reason"]
    queue = review_queue(store, SYSTEM)
    # the case has two men of that name: the two bare mentions may be either, or each other
    assert frozenset(persons["Quliyev Ramil"]) in {frozenset((q.left, q.right)) for q in queue}
    assert all("two people of that name" in q.reason for q in queue)
    assert queue[0].features[0]["feature"] == "same_case"
    again = run(store, SYSTEM, crypto=crypto)
    assert (again.auto_merged, again.queued) == (0, 0)


def test_a_protected_giver_named_in_their_statement_is_one_sealed_node(store, crypto, tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(TEXT, encoding="utf-8")
    ingest_statement(store, SYSTEM, f, "CASE-L2", "az", given_by="Əliyeva Günay Rauf qızı",
                     giver_role="victim", crypto=crypto)
    rows = store.scan(SYSTEM, "Person")
    shown = " ".join(str(r.get(k) or "") for r in rows for k in ("name", "aliases", "birth_date"))
    assert "Günay" not in shown and "1992" not in shown  # the victim only as the sealed node
    giver = [r for r in rows if r.get("protected")]
    assert len(giver) == 1 and giver[0]["protected_identity"]
    records, _ = load_records(store, SYSTEM, crypto)
    opened = next(r for r in records if r.protected)
    assert opened.birth_date == "1992-01-17" and opened.phones == frozenset({"+994501234567"})

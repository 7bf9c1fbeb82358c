"""Entity resolution wired to the store: judgements and SAME_AS links appended, review,
undo back to the exact earlier graph, re-runs that change nothing, protected persons, CLI.
Runs on every backend through the ``store`` fixture."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ingest.resolve.entity import canonical_cluster
from ingest.resolve.graph import load_records, run
from ingest.resolve.review import accept, reject, review_queue, undo
from intel.errors import InvalidInput, NotFound
from intel.principal import SYSTEM

P = {"source": "test", "recorded_by": "tester"}
PHONE = "+994501234567"


def person(pid, name, case, **kw):
    return {**P, "id": pid, "name": name, "cases": [case], **kw}


def seed(store):
    store.write(SYSTEM, nodes={
        "Person": [
            person("a", "Məmmədov Elçin Rauf oğlu", "K1", birth_date="1985-03-12"),
            person("b", "Мамедов Эльчин", "K2", birth_date="1985-03-12"),
            person("c", "Mamedov E.", "K3"),  # another case: not a short form of b
            person("d", "Hüseynov Əli Vüqar oğlu", "K1", birth_date="1980-01-01"),
            person("e", "Hüseynov Əli Rauf oğlu", "K2", birth_date="1980-01-01"),
        ],
        "Phone": [{**P, "number": PHONE, "cases": ["K1", "K3"]}],
    })
    phone_id = store.scan(SYSTEM, "Phone")[0]["id"]
    store.write(SYSTEM, edges={"USES": [{**P, "src": "person:a", "dst": phone_id, "case_id": "K1"},
                                        {**P, "src": "person:c", "dst": phone_id, "case_id": "K3"}]})


def snapshot(store):
    """Everything but the judgement log (and audit entries): counts and every edge."""
    counts = {k: v for k, v in store.counts(SYSTEM).items() if k not in ("Judgement", "AuditEvent")}
    _, edges = store.export(SYSTEM)
    return counts, sorted(map(tuple, edges[["type", "src", "dst", "id"]].values.tolist()))


def judgements(store):
    return sorted((r["decision"], r["left"], r["right"]) for r in store.scan(SYSTEM, "Judgement"))


def test_auto_merge_writes_judgement_and_same_as_and_rerun_is_a_noop(store):
    seed(store)
    records, skipped = load_records(store, SYSTEM)
    assert not skipped and {r.id for r in records} == {f"person:{x}" for x in "abcde"}
    assert next(r for r in records if r.id == "person:a").phones == frozenset({PHONE})
    rep = run(store, SYSTEM)
    assert (rep.auto_merged, rep.queued) == (1, 1) and rep.vetoed >= 1  # d/e: father's names differ
    rows = store.scan(SYSTEM, "Judgement")
    merge = next(r for r in rows if r["decision"] == "positive")
    assert (merge["left"], merge["right"], merge["recorded_by"]) == ("person:a", "person:b", "auto")
    assert merge["score"] >= 0.98 and merge["recorded_at"] and set(merge["cases"]) == {"K1", "K2"}
    feats = json.loads(merge["features"])
    assert any("same birth date" in f["detail"] for f in feats)
    _, edges = store.export(SYSTEM, rel_types=["SAME_AS"])
    assert edges[["src", "dst"]].values.tolist() == [["person:a", "person:b"]]
    assert store.neighbourhood(SYSTEM, "person:a", rel_types=["SAME_AS"]).edges[0].props["judgement"] == merge["id"]
    queued = review_queue(store, SYSTEM)
    assert [(q.left, q.right) for q in queued] == [("person:a", "person:c")]
    assert any("shares phone" in f["detail"] for f in queued[0].features)
    assert canonical_cluster(store, SYSTEM, "person:b") == ["person:a", "person:b"]
    assert canonical_cluster(store, SYSTEM, "person:c") == ["person:c"]

    before = (snapshot(store), judgements(store))
    again = run(store, SYSTEM)
    assert (again.auto_merged, again.queued, again.repaired) == (0, 0, 0)
    assert (snapshot(store), judgements(store)) == before


def test_review_accept_reject_and_undo_restore_the_exact_graph(store):
    seed(store)
    before_run = snapshot(store)
    run(store, SYSTEM)
    auto = next(r["id"] for r in store.scan(SYSTEM, "Judgement") if r["decision"] == "positive")
    # undoing the automatic merge: the graph is exactly as before it
    undo(store, SYSTEM, auto, reason="different fathers per the file")
    assert snapshot(store) == before_run
    assert [j[0] for j in judgements(store)].count("undo") == 1
    # the undone pair is back in the queue and is not merged again automatically
    assert run(store, SYSTEM).auto_merged == 0
    queue = review_queue(store, SYSTEM)
    assert {(q.left, q.right) for q in queue} == {("person:a", "person:b"), ("person:a", "person:c")}
    assert snapshot(store) == before_run

    item = next(q for q in queue if q.right == "person:c")
    with pytest.raises(InvalidInput, match="--reason"):
        accept(store, SYSTEM, item.id, "")
    before_accept = snapshot(store)
    jid = accept(store, SYSTEM, item.id, "same phone and initial; confirmed by the investigator")
    assert canonical_cluster(store, SYSTEM, "person:c") == ["person:a", "person:c"]
    assert jid not in {q.id for q in review_queue(store, SYSTEM)}
    undo(store, SYSTEM, jid, reason="checked again")
    assert snapshot(store) == before_accept
    with pytest.raises(InvalidInput, match="latest standing"):
        undo(store, SYSTEM, jid)

    other = next(q for q in review_queue(store, SYSTEM) if q.right == "person:b")
    neg = reject(store, SYSTEM, other.id, "different people: passports differ")
    assert all(q.right != "person:b" for q in review_queue(store, SYSTEM))
    assert run(store, SYSTEM).auto_merged == 0  # a rejection is never merged
    with pytest.raises(NotFound):
        accept(store, SYSTEM, "judgement:nope", "because")
    decisions = [r["decision"] for r in sorted(store.scan(SYSTEM, "Judgement"), key=lambda r: r["n"])]
    assert decisions.count("positive") == 2 and decisions.count("undo") == 2 and decisions[-1] == "negative"
    assert neg


def test_protected_person_across_cases_goes_to_review(store):
    store.write(SYSTEM, nodes={"Person": [
        person("v", "Quliyeva Səbinə", "K1", birth_date="1999-01-02", protected=True),
        person("w", "Кулиева Сабина", "K2", birth_date="1999-01-02"),
        person("x", "Quliyeva Səbinə", "K1", birth_date="1999-01-02"),
    ]})
    rep = run(store, SYSTEM)
    assert rep.auto_merged == 1  # v and x: same case
    assert canonical_cluster(store, SYSTEM, "person:v") == ["person:v", "person:x"]
    queue = review_queue(store, SYSTEM)
    # v and x are one case-level person: one review item against w
    assert {(q.left, q.right) for q in queue} == {("person:v", "person:w")}
    joined = next(r for r in store.scan(SYSTEM, "Judgement") if r["decision"] == "positive")
    assert "same birth date" in joined["reason"] and "Quliyeva" not in joined["reason"] + joined["features"]
    assert any(q.reason.startswith("protected person") for q in queue)
    # the stored features of a pair with a protected person never show the name in the clear
    for q in queue:
        if "person:v" in (q.left, q.right):
            assert all("Quliyeva" not in f["detail"] and "Сабина" not in f["detail"] for f in q.features)


def test_case_focus_and_bad_case(store):
    seed(store)
    rep = run(store, SYSTEM, case="K1")
    assert rep.auto_merged == 1
    with pytest.raises(InvalidInput, match="no persons"):
        run(store, SYSTEM, case="K404")


def test_cli_run_review_accept_undo(backend_settings, store):
    from intel.security.grants import Grants
    from intel.security.users import Users
    from backend_env import settings_env

    seed(store)
    Users(store).add("ana", "analyst", "ana-password", by="t")
    for case in ("K1", "K2", "K3"):
        Grants(store).give("ana", case, by="t")
    env = settings_env(backend_settings)
    env.update(HALQA_USER="ana", HALQA_PASSWORD="ana-password")
    env.pop("HALQA_DATA_KEY", None)
    runner = CliRunner()

    from intel.cli import app

    def cli(*args):
        r = runner.invoke(app, list(args), env=env)
        return r, " ".join(r.output.split())

    r, out = cli("resolve", "run")
    assert r.exit_code == 0, r.output
    assert "1 auto-merged, 1 queued for review" in out and "vetoed" in out
    r, out = cli("resolve", "run")
    assert "0 auto-merged, 0 queued" in out
    r, out = cli("resolve", "review")
    assert r.exit_code == 0 and "review queue: 1 pair" in out and PHONE in out and "phone" in out
    item = review_queue(store, SYSTEM)[0].id
    r, out = cli("resolve", "review", "--accept", item, "--reason", "same phone, confirmed")
    assert r.exit_code == 0 and "accepted: merged" in out, r.output
    jid = next(r["id"] for r in store.scan(SYSTEM, "Judgement") if r["recorded_by"] == "ana")
    assert canonical_cluster(store, SYSTEM, "person:c") == ["person:a", "person:b", "person:c"]
    r, out = cli("resolve", "review", "--undo", jid, "--reason", "wrong call")
    assert r.exit_code == 0 and "undone" in out
    assert canonical_cluster(store, SYSTEM, "person:c") == ["person:c"]
    r, _ = cli("resolve", "review", "--accept", "judgement:missing", "--reason", "whatever")
    assert isinstance(r.exception, NotFound)


def test_cli_review_withholds_the_name_paired_with_a_protected_person(backend_settings, store):
    """"Victim V-… may be Кулиева Сабина" would give away the identity the pseudonym hides:
    the listing withholds the other side's name; the features are stored redacted."""
    from intel.security.grants import Grants
    from intel.security.users import Users
    from backend_env import settings_env
    from intel.cli import app

    store.write(SYSTEM, nodes={"Person": [
        person("v", "Quliyeva Səbinə", "K1", birth_date="1999-01-02", protected=True),
        person("w", "Кулиева Сабина", "K2", birth_date="1999-01-02"),
        person("m", "Məmmədov Elçin Rauf oğlu", "K1", birth_date="1985-03-12"),
        person("n", "Мамедов Эльчин Рауфович", "K2"),
    ]})
    run(store, SYSTEM)
    Users(store).add("ana", "analyst", "ana-password", by="t")
    for case in ("K1", "K2"):
        Grants(store).give("ana", case, by="t")
    env = settings_env(backend_settings)
    env.update(HALQA_USER="ana", HALQA_PASSWORD="ana-password")
    env.pop("HALQA_DATA_KEY", None)
    r = CliRunner().invoke(app, ["resolve", "review"], env=env)
    out = " ".join(r.output.split())
    assert r.exit_code == 0, r.output
    assert "person:v" in out and "person:w" in out and "name withheld" in out
    assert "Кулиева" not in out and "Quliyeva" not in out and "Сабина" not in out
    # a pair of two ordinary persons is shown by name
    assert "Мамедов Эльчин" in out

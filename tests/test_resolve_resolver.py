from datetime import datetime, timezone

import pytest

from ingest.resolve.blocking import BlockingStats, candidate_pairs
from ingest.resolve.clustering import Clusters
from ingest.resolve.features import compare
from ingest.resolve.judgement import Decision, JudgementLog
from ingest.resolve.record import Record
from ingest.resolve.resolver import resolve
from ingest.resolve.scorer import score_pair
from ingest.resolve.thresholds import Thresholds
from intel.errors import InvalidInput


def rec(rid, name, **kw):
    return Record.build(rid, [name], **kw)


def together(res, a, b):
    c = res.cluster_of()
    return c[a] == c[b]


def test_cross_script_same_person_merges_with_reasons():
    a = rec("a", "Məmmədov Elçin Rauf oğlu", birth_date="1985-03-12")
    b = rec("b", "Мамедов Эльчин", birth_date="12.03.1985")
    res = resolve([a, b])
    assert together(res, "a", "b")
    reasons = " ".join(res.merges[0].reasons)
    assert "same transliteration key mAmAdOv" in reasons and "same birth date" in reasons


def test_initials_with_shared_phone_go_to_review_not_merge():
    a = rec("a", "Məmmədov Elçin", phones=["+994501234567"])
    c = rec("c", "Mamedov E.", phones=["050 123 45 67"])
    res = resolve([a, c])
    assert not together(res, "a", "c")
    assert [(r.left, r.right) for r in res.review] == [("a", "c")]
    assert any("initial" in r for r in res.review[0].reasons)


@pytest.mark.parametrize("kw_a,kw_b,feature", [
    ({"birth_date": "1980-01-01"}, {"birth_date": "1992-06-30"}, "birth_date"),
    ({}, {}, "patronymic"),
    ({"documents": [("passport", "C01234567")]}, {"documents": [("passport", "C07654321")]},
     "document"),
])
def test_namesakes_are_vetoed(kw_a, kw_b, feature):
    na = "Hüseynov Əli Vüqar oğlu" if feature == "patronymic" else "Hüseynov Əli"
    nb = "Hüseynov Əli Rauf oğlu" if feature == "patronymic" else "Hüseynov Əli"
    a = rec("a", na, phones=["+994501111111"], **kw_a)
    b = rec("b", nb, phones=["+994501111111"], **kw_b)
    scored = score_pair(a, b)
    assert scored.score == 0.0 and scored.veto.feature == feature
    assert scored.veto.detail
    res = resolve([a, b])
    assert not together(res, "a", "b") and not res.review
    assert res.vetoed[0][2].feature == feature


def test_chaining_through_a_third_record_is_refused():
    a = rec("a", "Hüseynov Əli Vüqar oğlu", phones=["+994501111111"])
    b = rec("b", "Hüseynov Əli", phones=["+994501111111", "+994502222222"],
            birth_date="1980-05-05")
    c = rec("c", "Hüseynov Əli Rauf oğlu", phones=["+994502222222"], birth_date="1980-05-05")
    assert score_pair(a, b).score >= 0.98 and score_pair(b, c).score >= 0.98
    assert score_pair(a, c).veto is not None
    res = resolve([a, b, c])
    assert not together(res, "a", "c")
    assert any("merge refused" in r.reason for r in res.review)


def test_clusters_refuse_conflicting_members():
    recs = [rec("x", "Əliyev Tural", birth_date="1990"), rec("y", "Əliyev Tural"),
            rec("z", "Əliyev Tural", birth_date="1975-01-01")]
    cl = Clusters(recs)
    assert cl.union(0, 1) is None
    assert "birth dates conflict" in cl.union(1, 2)
    assert len(cl.groups()) == 2


def test_protected_person_across_cases_goes_to_review():
    a = rec("a", "Quliyeva Səbinə", birth_date="1999-01-02", protected=True, case_ids=["K1"])
    b = rec("b", "Кулиева Сабина", birth_date="1999-01-02", phones=["+994551234567"],
            case_ids=["K2"])
    same_case = rec("c", "Quliyeva Səbinə", birth_date="1999-01-02", case_ids=["K1"])
    assert score_pair(a, b).score >= 0.98
    res = resolve([a, b])
    assert not together(res, "a", "b")
    assert res.review[0].reason.startswith("protected person")
    assert together(resolve([a, same_case]), "a", "c")


def test_judgements_append_and_undo():
    a = rec("a", "Məmmədov Elçin", phones=["+994501234567"])
    c = rec("c", "Mamedov E.", phones=["+994501234567"])
    log = JudgementLog()
    assert not together(resolve([a, c], judgements=log), "a", "c")
    log.decide("a", "c", "positive", user="analyst1", score=0.92, features=compare(a, c))
    assert together(resolve([a, c], judgements=log), "a", "c")
    log.decide("c", "a", Decision.UNDO, user="analyst2")
    assert len(log) == 2 and log.decision("a", "c") is None
    res = resolve([a, c], judgements=log)
    assert not together(res, "a", "c") and res.review  # back in the queue
    log.decide("a", "c", "negative", user="analyst2",
               timestamp=datetime(2026, 1, 1, tzinfo=timezone.utc))
    res = resolve([a, c], judgements=log)
    assert not together(res, "a", "c") and not res.review
    assert [j.decision.value for j in log] == ["positive", "undo", "negative"]
    assert log.state()[("a", "c")].user == "analyst2"
    with pytest.raises(InvalidInput):
        log.decide("a", "c", "maybe", user="x")
    with pytest.raises(InvalidInput):
        log.decide("a", "a", "positive", user="x")


def test_bad_input_never_crashes_and_never_auto_merges():
    recs = [rec(str(i), n) for i, n in enumerate(
        ["", "ნინო ბერიძე", "ნინო ბერიძე", "محمد علی", "محمد علی", "E", "E", "A. B.", "A. B."])]
    res = resolve(recs)
    assert not res.merges
    assert all(len(c) == 1 for c in res.clusters)
    with pytest.raises(InvalidInput, match="record r1: birth_date"):
        Record.build("r1", ["Əliyev Tural"], birth_date="1985-02-30")
    with pytest.raises(InvalidInput, match="record r2: phone"):
        Record.build("r2", ["Əliyev Tural"], phones=["call me"])
    with pytest.raises(InvalidInput, match="appears twice"):
        resolve([rec("d", "Əliyev"), rec("d", "Əliyev")])
    with pytest.raises(InvalidInput):
        Thresholds(auto_merge=0.5, review=0.9)


def test_oversized_blocks_are_windowed():
    recs = [rec(f"r{i}", "Məmmədov Elçin") for i in range(300)]
    stats = BlockingStats()
    pairs = list(candidate_pairs(recs, Thresholds(max_block=50, window=5), stats))
    assert stats.oversized_blocks >= 1
    assert len(pairs) == len(set(pairs)) <= 300 * 4
    assert all(i < j for i, j in pairs)


def test_pairs_in_several_blocks_are_yielded_once_and_all_small_block_pairs_are_found():
    import random

    rng = random.Random(4)
    surnames = ["Məmmədov", "Əliyev", "Quliyev", "Həsənov"]
    given = ["Elçin", "Rauf", "Tural", "Orxan", "Anar"]
    recs = [rec(f"r{i}", f"{rng.choice(surnames)} {rng.choice(given)}",
                birth_date=f"19{rng.randint(80, 82)}-01-0{rng.randint(1, 3)}",
                phones=[f"+99450{rng.randint(0, 40):07d}"]) for i in range(400)]
    th = Thresholds(max_block=30, window=4)
    stats = BlockingStats()
    pairs = list(candidate_pairs(recs, th, stats))
    assert len(pairs) == len(set(pairs)) == stats.pairs and stats.oversized_blocks >= 1
    # every pair of every block small enough to compare all-pairs is there
    from collections import defaultdict

    from ingest.resolve.blocking import blocking_keys

    blocks = defaultdict(list)
    for n, r in enumerate(recs):
        for k in blocking_keys(r):
            blocks[k].append(n)
    wanted = {(a, b) for m in blocks.values() if 2 <= len(m) <= th.max_block
              for x, a in enumerate(m) for b in m[x + 1:]}
    assert wanted <= set(pairs)


def test_review_items_can_be_streamed_instead_of_held():
    recs = [rec("a", "Məmmədov Elçin"), rec("b", "Мамедов Эльчин"), rec("c", "Mamedov E.",
            phones=["+994501234567"]), rec("d", "Məmmədov Elçin", phones=["+994501234567"])]
    held = resolve(recs)
    streamed = []
    res = resolve(recs, review_sink=streamed.append)
    assert held.review and not res.review and res.review_count == held.review_count == len(streamed)
    assert {(r.left, r.right, r.reason) for r in streamed} == {(r.left, r.right, r.reason) for r in held.review}

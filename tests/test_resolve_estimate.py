"""Weights estimated without labels (EM): conflicts become soft evidence the data weighs."""

from ingest.resolve.estimate import WEIGHT_CAP, default_scorer, estimate, is_tabular, level_of
from ingest.resolve.judgement import JudgementLog
from ingest.resolve.record import Record
from ingest.resolve.resolver import resolve
from ingest.resolve.scorer import score_pair
from registry_data import GIVEN, SURNAMES, registry


def test_levels():
    assert [level_of(x) for x in (None, 1.0, 0.95, 0.85, 0.6, 0.4, 0.0)] == [-1, 0, 1, 2, 3, 4, 5]


def test_em_learns_agreement_weighs_more_than_chance_and_softens_conflicts():
    records, truth = registry()
    model = estimate(records, random_pairs=20_000)
    w = dict(zip(model.features, model.weights))
    assert w["birth_date"][0] > 3 and w["birth_date"][5] < 0  # exact agrees, conflict counts against
    assert w["document"][0] > w["document"][5]
    assert abs(model.weights).max() <= WEIGHT_CAP  # no field outvotes all others alone
    fixed = resolve(records, scorer=score_pair)
    learned = resolve(records, scorer=model.score_pair)
    c_fixed, c_learned = fixed.cluster_of(), learned.cluster_of()
    wrong_doc = [p for p in range(400) if p % 25 == 0]
    # the hard veto keeps the duplicates with a wrong document number apart ...
    assert all(c_fixed[f"{p}-0"] != c_fixed[f"{p}-1"] for p in wrong_doc)
    # ... the estimated weights let everything else that agrees outweigh it
    assert sum(c_learned[f"{p}-0"] == c_learned[f"{p}-1"] for p in wrong_doc) >= len(wrong_doc) - 1
    merged_wrong = [m for m in learned.merges if truth[m.left] != truth[m.right]]
    assert len(merged_wrong) <= len(learned.merges) * 0.01
    assert any("[weight" in r for r in learned.merges[0].reasons)


def test_focus_limits_pairs_and_reopened_pairs_go_to_review():
    a = Record.build("a", ["Əliyev Tural"], birth_date="1990-01-01")
    b = Record.build("b", ["Алиев Турал"], birth_date="1990-01-01")
    c = Record.build("c", ["Aliyev Tural"], birth_date="1990-01-01")
    res = resolve([a, b, c], focus=["c"])
    assert {(m.left, m.right) for m in res.merges} == {("a", "c"), ("b", "c")}
    log = JudgementLog()
    log.decide("a", "b", "positive", user="auto")
    log.decide("a", "b", "undo", user="ana")
    assert log.reopened() == {("a", "b")}
    res = resolve([a, b], judgements=log)
    assert not res.merges and res.review[0].reason == "an earlier decision was undone"


def test_default_scorer_is_em_for_a_table_and_fixed_for_person_mentions():
    records, truth = registry()
    assert is_tabular(records) and default_scorer(records)[1].startswith("estimated")
    by_default = resolve(records).cluster_of()
    wrong_doc = [p for p in range(400) if p % 25 == 0]
    assert sum(by_default[f"{p}-0"] == by_default[f"{p}-1"] for p in wrong_doc) >= len(wrong_doc) - 1
    mentions = [Record.build(f"m{n}", [f"{s} {g}"], phones=["+994501234567"] if n % 7 == 0 else [])
                for n, (s, g) in enumerate((s, g) for s in SURNAMES for g in GIVEN)] * 1
    mentions = [Record.build(f"x{k}-{r.id}", [r.names[0].original], phones=sorted(r.phones))
                for k in range(7) for r in mentions]
    assert len(mentions) >= 500 and not is_tabular(mentions)
    assert default_scorer(mentions)[0] is score_pair

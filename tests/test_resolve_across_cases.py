"""Rules that link one person's records across cases: companions for a first name tied by a
shared phone, a patronymic lifting the one-sided birth-date caution, and the blocking key that
survives a slip in the given name's first letter."""

from ingest.resolve.blocking import candidate_pairs
from ingest.resolve.context import ContextScorer, phone_link
from ingest.resolve.record import Record
from ingest.resolve.resolver import resolve

SHARED = ["Cəfərova Gülnarə", "Süleymanov Elnur", "Quliyev Əli"]
PHONE = "+995577307063"


def _case(case, people):
    return [Record.build(f"{case}/{n}", [name], case_ids=[case]) for n, name in enumerate(people)]


def _pair_state(res, left, right):
    if res.cluster_of()[left] == res.cluster_of()[right]:
        return "merged"
    if any({d.left, d.right} == {left, right} for d in res.review):
        return "review"
    return "apart"


def test_a_first_name_sharing_a_phone_joins_the_full_name_when_the_cases_share_people():
    full = Record.build("A/x", ["Сулейманова Айгюн"], phones=[PHONE], case_ids=["A"])
    short = Record.build("B/x", ["Айгюн"], phones=[PHONE], case_ids=["B"])
    records = _case("A", SHARED) + _case("B", SHARED) + [full, short]
    scorer = ContextScorer(records)
    feature = scorer.companions(full, short)
    assert feature.score == 1.0 and "3 other people" in feature.detail
    res = resolve(records, scorer=scorer)
    assert _pair_state(res, "A/x", "B/x") == "merged"
    assert any("shares phone" in r and any("companions" in x for x in m.reasons)
               for m in res.merges if {m.left, m.right} == {"A/x", "B/x"} for r in m.reasons)
    # the same two records in unrelated cases: the phone and first name alone go to review
    alone = resolve([full, short], scorer=ContextScorer([full, short]))
    assert _pair_state(alone, "A/x", "B/x") == "review"


def test_a_phone_link_needs_agreeing_given_names_and_no_surname_against_it():
    other_given = Record.build("B/y", ["Нурлана"], phones=[PHONE], case_ids=["B"])
    full = Record.build("A/x", ["Сулейманова Айгюн"], phones=[PHONE], case_ids=["A"])
    records = _case("A", SHARED) + _case("B", SHARED) + [full, other_given]
    assert ContextScorer(records).companions(full, other_given).score is None
    assert not phone_link({"phone": 1.0, "surname": 0.2, "given": 1.0})
    assert not phone_link({"phone": None, "surname": None, "given": 1.0})
    assert phone_link({"phone": 1.0, "surname": 0.8, "given": 0.95})


def test_a_surname_one_sound_apart_with_a_shared_phone_gets_companions():
    a = Record.build("A/x", ["Алакбаров Тофик"], phones=[PHONE], case_ids=["A"])
    b = Record.build("B/x", ["Алекперов Тофик"], phones=[PHONE], case_ids=["B"])
    records = _case("A", SHARED) + _case("B", SHARED) + [a, b]
    res = resolve(records, scorer=ContextScorer(records))
    assert _pair_state(res, "A/x", "B/x") == "merged"


def test_a_phone_link_across_cases_never_auto_merges_a_protected_person():
    full = Record.build("A/x", ["Сулейманова Айгюн"], phones=[PHONE], case_ids=["A"],
                        protected=True)
    short = Record.build("B/x", ["Айгюн"], phones=[PHONE], case_ids=["B"])
    records = _case("A", SHARED) + _case("B", SHARED) + [full, short]
    res = resolve(records, scorer=ContextScorer(records))
    assert _pair_state(res, "A/x", "B/x") == "review"


def test_agreeing_patronymics_lift_the_one_sided_birth_date_caution():
    a = Record.build("A/x", ["Məmmədov Mübariz Ceyhun oğlu"], birth_date="1994-09-16", case_ids=["A"])
    b = Record.build("B/x", ["Мамедов Мубариз Джейхун оглы"], case_ids=["B"])
    bare = Record.build("C/x", ["Məmmədov Mübariz"], case_ids=["C"])
    records = _case("A", SHARED) + _case("B", SHARED) + _case("C", SHARED) + [a, b, bare]
    scorer = ContextScorer(records)
    assert scorer.companions(a, b).score == 1.0
    assert scorer.companions(a, bare).score is None  # no patronymic: the caution stands
    res = resolve(records, scorer=scorer)
    assert _pair_state(res, "A/x", "B/x") == "merged"


def test_a_slip_in_the_first_letter_of_the_given_name_still_makes_a_candidate_pair():
    for left, right in (("Hüseynov Şahin", "Guseynov Sahin Vuqar oglu"),
                        ("Kərimov Cavid Rövşən oğlu", "Каримов Чавид Ровшен оглы")):
        records = [Record.build("a", [left]), Record.build("b", [right])]
        assert list(candidate_pairs(records)) == [(0, 1)], (left, right)
    unrelated = [Record.build("a", ["Hüseynov Şahin"]), Record.build("b", ["Hüseynov Tural"])]
    assert list(candidate_pairs(unrelated)) == []


def test_a_record_answering_to_two_first_names_is_not_tied_by_a_phone():
    full = Record.build("A/x", ["Əhmədova Lələ"], phones=[PHONE], case_ids=["A"])
    mixed = Record.build("B/x", ["Kəmalə", "Lələ"], phones=[PHONE], case_ids=["B"])
    one = Record.build("C/x", ["Lələ", "Лала"], phones=[PHONE], case_ids=["C"])
    records = _case("A", SHARED) + _case("B", SHARED) + _case("C", SHARED) + [full, mixed, one]
    scorer = ContextScorer(records)
    assert scorer.companions(full, mixed).score is None
    assert scorer.companions(full, one).score == 1.0  # one name in two scripts
    res = resolve(records, scorer=scorer)
    assert _pair_state(res, "A/x", "C/x") == "merged"
    assert res.cluster_of()["B/x"] != res.cluster_of()["A/x"]


def test_one_shared_companion_counts_only_when_no_other_case_names_them():
    """The same full name in two cases that also name one other person: merged when no third
    case names that person; a common companion (named in a third case too) is no evidence."""
    a = Record.build("A/x", ["Məmmədov Mübariz"], case_ids=["A"])
    b = Record.build("B/x", ["Маммадов Мубариз"], case_ids=["B"])
    records = _case("A", ["Cəfərova Gülnarə"]) + _case("B", ["Джафарова Гюльнара"]) + [a, b]
    scorer = ContextScorer(records)
    feature = scorer.companions(a, b)
    assert feature.score == 1.0 and "whom no other case names" in feature.detail
    assert _pair_state(resolve(records, scorer=scorer), "A/x", "B/x") == "merged"
    common = records + _case("C", ["Cəfərova Gülnarə"])
    scorer = ContextScorer(common)
    assert scorer.companions(a, b).score is None
    assert _pair_state(resolve(common, scorer=scorer), "A/x", "B/x") == "review"


def test_another_number_both_cases_tie_to_a_person_is_a_companion():
    """Case B knows its people by first names only ("Парвин", "Айгюн"): no full name in
    common with case A, but Parvin's number is in both cases, so the cases share a person and
    "Айгюн" with Aygün Süleymanova's number is merged; the pair's own number does not count."""
    parvin = "+994105467710"
    full = Record.build("A/x", ["Süleymanova Aygün"], phones=[PHONE], case_ids=["A"])
    short = Record.build("B/x", ["Айгюн"], phones=[PHONE], case_ids=["B"])
    records = [full, short,
               Record.build("A/p", ["Pərvin Məmmədova"], phones=[parvin], case_ids=["A"]),
               Record.build("B/p", ["Парвин"], phones=[parvin], case_ids=["B"])]
    scorer = ContextScorer(records)
    feature = scorer.companions(full, short)
    assert feature.score == 1.0 and parvin in feature.detail
    assert _pair_state(resolve(records, scorer=scorer), "A/x", "B/x") == "merged"
    # only the pair's own number in common: review, as before
    scorer = ContextScorer(records[:2])
    assert scorer.companions(full, short).score is None


def test_a_nickname_the_record_is_also_known_by_is_not_a_second_first_name():
    """Abdullayeva Nurlanə, whom a shared phone also ties to "Xala" in her case, is still one
    first name: "Нурлана" with her number in a case sharing her network is merged; so is
    "Дайы" with the number of Nicat Quliyev, known as "Dayı"; a second real first name still
    blocks the link."""
    nurlana = Record.build("A/n", ["Abdullayeva Nurlanə", "Xala"], phones=[PHONE], case_ids=["A"])
    short = Record.build("B/n", ["Нурлана"], phones=[PHONE], case_ids=["B"])
    dayi_phone = "+994108392153"
    nicat = Record.build("A/d", ["Nicat Quliyev", "Dayı"], phones=[dayi_phone], case_ids=["A"])
    dayi = Record.build("B/d", ["Дайы"], phones=[dayi_phone], case_ids=["B"])
    records = _case("A", SHARED) + _case("B", SHARED) + [nurlana, short, nicat, dayi]
    scorer = ContextScorer(records)
    assert scorer.companions(nurlana, short).score == 1.0
    assert scorer.companions(nicat, dayi).score == 1.0
    res = resolve(records, scorer=scorer)
    assert _pair_state(res, "A/n", "B/n") == "merged"
    assert _pair_state(res, "A/d", "B/d") == "merged"
    two = Record.build("A/n", ["Abdullayeva Nurlanə", "Kəmalə"], phones=[PHONE], case_ids=["A"])
    assert ContextScorer(records).companions(two, short).score is None

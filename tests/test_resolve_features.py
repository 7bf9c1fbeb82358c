import pytest

from ingest.resolve.features import birth_dates_conflict, compare, given_name, surname
from ingest.resolve.record import Record, clean_birth_date
from ingest.resolve.scorer import PRIOR, WEIGHTS, score_features, score_pair


def test_feature_detail_reads_like_a_reason():
    a = Record.build("a", ["Məmmədov Elçin Rauf oğlu"])
    b = Record.build("b", ["Мамедов Эльчин"])
    s = surname(a, b)
    assert s.score == 0.95
    assert str(s) == "surname: Məmmədov ~ Мамедов same transliteration key mAmAdOv (0.95)"
    assert given_name(a, b).detail == "Elçin ~ Эльчин same transliteration key AlCIn"


def test_different_surnames_score_low():
    for x, y in [("Məmmədov", "Məhərrəmov"), ("Əliyev", "Əlizadə"), ("Hüseynov", "Həsənov")]:
        s = surname(Record.build("a", surname=x), Record.build("b", surname=y))
        assert s.score < 0.5, (x, y, s)


def test_initial_against_full_given_name():
    g = given_name(Record.build("a", ["Mamedov E."]), Record.build("b", ["Məmmədov Elçin"]))
    assert g.score == 0.65 and "initial" in g.detail
    g = given_name(Record.build("a", ["Mamedov R."]), Record.build("b", ["Məmmədov Elçin"]))
    assert g.score < 0.5


def test_swapped_name_order_is_recognised():
    a = Record.build("a", given="Tural", surname="Əlizadə")
    b = Record.build("b", given="Əlizadə", surname="Tural")
    assert "swapped" in surname(a, b).detail and surname(a, b).score == 0.85


@pytest.mark.parametrize("x,y,score", [
    ("1985-03-12", "1985-03-12", 1.0), ("1985-03-12", "1985-12-03", 0.7),
    ("1985-03-12", "1985-03-13", 0.6), ("1985-03-12", "1985-03-21", 0.6),
    ("1985", "1985-03-12", 0.7), ("1985", "1986", 0.6), ("1985-03-12", "1991-07-30", 0.0),
    ("1980", "1992-01-01", 0.0),
])
def test_birth_date_comparison(x, y, score):
    assert birth_dates_conflict(x, y)[0] == score


def test_clean_birth_date():
    assert clean_birth_date("12.03.1985") == "1985-03-12"
    assert clean_birth_date("19850312") == "1985-03-12"
    assert clean_birth_date("1985") == "1985"
    for bad in ("1985-13", "31.02.1990", "soon", "0001-01-01"):
        with pytest.raises(ValueError):
            clean_birth_date(bad)


def test_scorer_is_the_documented_sum():
    a = Record.build("a", ["Əliyev Tural"], birth_date="1990-01-01")
    b = Record.build("b", ["Əliyev Tural"], birth_date="1990-01-01")
    s = score_pair(a, b)
    expected = PRIOR + WEIGHTS["surname"][0] + WEIGHTS["given"][0] + WEIGHTS["birth_date"][0]
    assert s.score == pytest.approx(1 / (1 + 2.718281828459045 ** -expected), rel=1e-6)
    assert s.veto is None and len(s.reasons) == 4


def test_same_document_contests_a_birth_date_conflict():
    a = Record.build("a", ["Əliyev Tural"], birth_date="1990-01-01",
                     documents=[("passport", "C01234567")])
    b = Record.build("b", ["Əliyev Tural"], birth_date="1970-06-30",
                     documents=[("passport", "C 0123 4567")])
    s = score_pair(a, b)
    assert s.veto is None
    dob = next(f for f in s.features if f.feature == "birth_date")
    assert dob.score == 0.0 and "contested" in dob.detail
    # without the shared document the same conflict is a veto
    c = Record.build("c", ["Əliyev Tural"], birth_date="1970-06-30")
    assert score_pair(a, c).veto.feature == "birth_date"


def test_missing_fields_give_no_evidence():
    feats = compare(Record.build("a", ["Əliyev"]), Record.build("b", ["Əliyev"]))
    assert {f.feature for f in feats if f.score is None} >= {"birth_date", "phone", "document"}
    assert score_features(feats).score < 0.5

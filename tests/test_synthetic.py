"""The synthetic scenario generator: gold offsets, languages, tables against the truth,
reproducibility, realism knobs, CLI errors."""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import openpyxl
import phonenumbers
import pytest
from typer.testing import CliRunner

from ingest.synthetic import generate
from ingest.synthetic import identifiers as ids
from ingest.synthetic.amounts import render_amount
from ingest.synthetic.dates import az_year_suffix, render_date
from ingest.synthetic.names import Name, Spelling, render, ru_given, ru_surname
from intel.cli import app
from intel.errors import InvalidInput

REPO = Path(__file__).resolve().parent.parent
HALQA = REPO / ".venv" / "bin" / "halqa"
TYPES = {"person", "phone", "document", "date", "money", "place", "organization", "plate"}
AZ_LETTERS = set("əğıöüşçƏĞIÖÜŞÇ")


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("syn") / "demo"
    generate(11, 300, out)
    return out


@pytest.fixture(scope="module")
def persons(demo) -> dict[str, dict]:
    return {r["person_id"]: r for r in _csv(demo / "truth/persons.csv")}


def test_layout(demo):
    for rel in ("statements/index.csv", "tables/cdr.csv", "tables/border_crossings.csv",
                "tables/border_crossings.xlsx", "tables/hotline_referrals.csv", "truth/persons.csv",
                "truth/groups.csv", "truth/routes.csv", "truth/namesakes.csv", "truth/mentions.jsonl",
                "summary.json"):
        assert (demo / rel).is_file(), rel
    header = (demo / "statements/index.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "statement_id,file,lang,script,case_id,given_by,speaker_role,date"
    assert (demo / "truth/namesakes.csv").read_text(encoding="utf-8").startswith("person_a,person_b,shared_name\n")
    cols = next(csv.reader(open(demo / "truth/persons.csv", encoding="utf-8")))
    assert cols[:11] == ["person_id", "given_name", "surname", "patronymic", "gender", "birth_date", "role",
                         "group_id", "case_ids", "phones", "documents"]


def test_every_gold_offset_slices_exactly_and_values_are_normalised(demo, persons):
    texts = {r["statement_id"]: (demo / "statements" / r["file"]).read_text(encoding="utf-8")
             for r in _csv(demo / "statements/index.csv")}
    seen_types = set()
    count = 0
    for line in open(demo / "truth/mentions.jsonl", encoding="utf-8"):
        m = json.loads(line)
        count += 1
        text = texts[m["statement_id"]]
        assert text[m["start"]:m["end"]] == m["text"], m
        assert m["type"] in TYPES
        seen_types.add(m["type"])
        v = m["value"]
        if m["type"] == "person":
            assert v == m["person_id"] and v in persons
        elif m["type"] == "phone":
            assert phonenumbers.is_valid_number(phonenumbers.parse(v)), v
            assert ids.normalise_phone(m["text"]) == v
        elif m["type"] == "date":
            assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", v)
            if len(v) == 10:
                date.fromisoformat(v)
        elif m["type"] == "document":
            assert re.fullmatch(r"[A-Z0-9]+", v) and m["text"].replace(" ", "").upper() == v
        elif m["type"] == "money":
            assert re.fullmatch(r"\d+\.\d{2} (AZN|USD|EUR|RUB)", v)
            assert str(int(float(v.split()[0]))) in re.sub(r"[ ,]", "", m["text"])
        elif m["type"] == "plate":
            assert re.fullmatch(r"\d{2}-[A-Z]{2}-\d{3}", v) and ids.normalise_plate(m["text"]) == v
        else:
            assert v and m["person_id"] is None
    assert count > 500
    assert seen_types == TYPES
    # mentions were recorded as they were written: they never overlap within a statement
    spans = defaultdict(list)
    for line in open(demo / "truth/mentions.jsonl", encoding="utf-8"):
        m = json.loads(line)
        spans[m["statement_id"]].append((m["start"], m["end"]))
    for sid, ss in spans.items():
        ss.sort()
        assert all(a[1] <= b[0] for a, b in zip(ss, ss[1:])), sid


def test_every_statement_is_in_its_language_and_script(demo):
    rows = _csv(demo / "statements/index.csv")
    assert {r["lang"] for r in rows} == {"az", "ru", "en"}
    for r in rows:
        text = (demo / "statements" / r["file"]).read_text(encoding="utf-8")
        letters = [c for c in text if c.isalpha()]
        cyr = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
        if r["lang"] == "ru":
            assert r["script"] == "Cyrl" and cyr > 0.75, r
        elif r["lang"] == "az":
            assert r["script"] == "Latn" and cyr == 0 and AZ_LETTERS & set(text), r
            assert "Mən, " in text
        else:
            assert r["script"] == "Latn" and text.isascii(), r
            assert "I, " in text


def test_statement_speakers_and_headers(demo, persons):
    for r in _csv(demo / "statements/index.csv"):
        speaker = persons[r["given_by"]]
        assert r["case_id"] in speaker["case_ids"].split(";")
        expected = {"victim": {"victim"}, "suspect": {"organiser", "recruiter", "transporter", "document_forger",
                                                      "harbourer", "money_handler"},
                    "witness": {"witness", "relative", "unrelated"}}[r["speaker_role"]]
        assert speaker["role"] in expected
        date.fromisoformat(r["date"])


def test_table_rows_reference_persons_in_the_truth(demo, persons):
    by_phone = {ph: pid for pid, p in persons.items() for ph in p["phones"].split(";")}
    by_doc = {d: pid for pid, p in persons.items() for d in p["documents"].split(";")}
    cdr = _csv(demo / "tables/cdr.csv")
    assert 2000 <= len(cdr) <= 5000
    for row in cdr:
        assert "+" + row["caller"] in by_phone and "+" + row["callee"] in by_phone, row
        assert int(row["duration_s"]) >= 0
    crossings = _csv(demo / "tables/border_crossings.csv")
    assert crossings
    for row in crossings:
        pid = by_doc[row["document_number"]]
        person = persons[pid]
        full = f"{person['surname']} {person['given_name']}".upper().replace("İ", "I")
        mrz = full.translate(str.maketrans("ƏÇŞĞÖÜ", "ACSGOU"))
        assert row["name_in_passport"] in (full, mrz), row
        assert row["direction"] in ("exit", "entry")
    for row in _csv(demo / "tables/hotline_referrals.csv"):
        assert ids.normalise_phone(row["caller_phone"]) in by_phone, row
        if row["subject_phone"]:
            assert ids.normalise_phone(row["subject_phone"]) in by_phone, row
    sheet = openpyxl.load_workbook(demo / "tables/border_crossings.xlsx", read_only=True).active
    xlsx = [[str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    assert xlsx[0] == list(crossings[0].keys())
    assert xlsx[1:] == [list(r.values()) for r in crossings]


def test_truth_is_consistent(demo, persons):
    groups = _csv(demo / "truth/groups.csv")
    for g in groups:
        for m in g["members"].split(";"):
            assert persons[m]["group_id"] == g["group_id"]
            assert persons[m]["role"] in ("organiser", "recruiter", "transporter", "document_forger",
                                          "harbourer", "money_handler")
    assert sum(p["role"] == "organiser" for p in persons.values()) == len(groups)
    for r in _csv(demo / "truth/routes.csv"):
        assert persons[r["person_id"]]["role"] == "victim"
        assert persons[r["transporter_id"]]["role"] == "transporter"
    for n in _csv(demo / "truth/namesakes.csv"):
        a, b = persons[n["person_a"]], persons[n["person_b"]]
        assert a["person_id"] != b["person_id"]
        assert f"{a['given_name']} {a['surname']}" == n["shared_name"] == f"{b['given_name']} {b['surname']}"


def test_realism_knobs_hold(demo, persons):
    summary = json.loads((demo / "summary.json").read_text(encoding="utf-8"))
    assert 45 <= summary["statements"] <= 80
    assert summary["persons"] == 300
    # recomputed from the files, not taken from the summary
    statements_of = defaultdict(set)
    surfaces = defaultdict(set)
    for line in open(demo / "truth/mentions.jsonl", encoding="utf-8"):
        m = json.loads(line)
        if m["type"] == "person":
            statements_of[m["person_id"]].add(m["statement_id"])
    multi = [pid for pid, s in statements_of.items() if len(s) >= 2]
    varied = [pid for pid in multi if len(persons[pid]["name_variants"].split(";")) >= 2]
    assert len(multi) >= 20
    assert len(varied) / len(multi) >= 0.30
    with_namesake = {p for n in _csv(demo / "truth/namesakes.csv") for p in (n["person_a"], n["person_b"])}
    assert len(with_namesake) / len(persons) >= 0.05
    # some statements name people only by first name or nickname
    speakers = {r["statement_id"]: r["given_by"] for r in _csv(demo / "statements/index.csv")}
    for line in open(demo / "truth/mentions.jsonl", encoding="utf-8"):
        m = json.loads(line)
        if m["type"] == "person" and m["person_id"] != speakers[m["statement_id"]] and " " not in m["text"]:
            surfaces[m["statement_id"]].add(m["text"])
    assert len(surfaces) >= 5
    cross = [p for p in persons.values() if re.search(r"[А-Яа-я]", p["name_variants"])
             and re.search(r"[A-Za-z]", p["name_variants"])]
    assert cross


def test_same_seed_is_byte_identical_and_another_seed_differs(tmp_path):
    generate(5, 60, tmp_path / "a")
    generate(5, 60, tmp_path / "b")
    generate(6, 60, tmp_path / "c")
    ha, hb, hc = _hashes(tmp_path / "a"), _hashes(tmp_path / "b"), _hashes(tmp_path / "c")
    assert ha == hb
    assert "tables/border_crossings.xlsx" in ha
    assert ha != hc and ha["truth/persons.csv"] != hc["truth/persons.csv"]


def test_identifier_renderings_normalise_back():
    rng = random.Random(3)
    for _ in range(300):
        e164 = ids.az_mobile(rng)
        assert e164[4:6] in ids.AZ_MOBILE_PREFIXES
        assert ids.normalise_phone(ids.render_phone(e164, rng)) == e164
        for country in ids.FOREIGN:
            f = ids.foreign_mobile(rng, country)
            assert ids.normalise_phone(ids.render_phone(f, rng)) == f
        plate = ids.az_plate(rng)
        assert ids.normalise_plate(ids.render_plate(plate, rng)) == plate
        for doc in (ids.az_passport(rng), ids.az_id_card(rng), ids.ru_passport(rng)):
            assert ids.normalise_document(ids.render_document(doc, rng)) == doc
    card = ids.bank_card(rng)
    assert sum(int(d) if i % 2 == 0 else (2 * int(d) - 9 if 2 * int(d) > 9 else 2 * int(d))
               for i, d in enumerate(reversed(card))) % 10 == 0


def test_local_forms_of_names_dates_and_money():
    assert ru_given("Эльчин", "M", "ins") == "Эльчином"
    assert ru_surname("Мамедова", "F", "gen") == "Мамедовой"
    assert ru_surname("Мамедов", "M", "ins") == "Мамедовым"
    assert az_year_suffix(2023) == "cü" and az_year_suffix(1995) == "ci" and az_year_suffix(2016) == "cı"
    name = Name("Elçin", "Məmmədov", "Rauf", "M")
    assert render(name, Spelling("az", 0, 0, 0), "full") == "Məmmədov Elçin Rauf oğlu"
    assert render(name, Spelling("ru", 0, 0, 0), "full") == "Мамедов Эльчин Рауф оглы"
    assert render(name, Spelling("en", 1, 0, 0), "gs") == "Elcin Mamedov"
    assert render(name, Spelling("az", 0, 0, 0), "gs", "gen") == "Elçin Məmmədovun"
    d = date(2023, 3, 12)
    rng = random.Random(1)
    forms = {render_date(d, "az", rng) for _ in range(60)} | {render_date(d, "ru", rng) for _ in range(60)}
    assert {"12 mart 2023-cü il", "12.03.2023", "12 марта 2023 г."} <= forms
    assert {render_amount(1500, "RUB", "ru", rng) for _ in range(40)} >= {"1 500 руб."}


def test_cli_generate_runs_and_prints_the_summary(tmp_path):
    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["generate", "--seed", "2", "--persons", "40", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "namesake pairs" in result.output and "statements: " in result.output
    assert (out / "summary.json").is_file()
    again = CliRunner().invoke(app, ["generate", "--seed", "2", "--persons", "40", "--out", str(out), "--force"])
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("case", ["negative", "not_empty", "unwritable", "is_file"])
def test_bad_arguments_give_one_line_and_write_nothing(tmp_path, case):
    out = tmp_path / "out"
    persons = "40"
    if case == "negative":
        persons = "-5"
    elif case == "not_empty":
        out.mkdir()
        (out / "keep.txt").write_text("mine")
    elif case == "unwritable":
        (tmp_path / "blocker").write_text("a file, not a folder")
        out = tmp_path / "blocker" / "out"
    else:
        out.write_text("a file")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(app, ["generate", "--seed", "1", "--persons", persons, "--out", str(out)])
    assert isinstance(result.exception, InvalidInput), result.output
    assert "\n" not in str(result.exception) and "--" in str(result.exception)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if case == "not_empty":
        assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_cli_as_a_subprocess(tmp_path):
    exe = [str(HALQA)] if HALQA.exists() else [sys.executable, "-c", "from intel.cli import main; main()"]
    out = tmp_path / "sub"
    ok = subprocess.run(exe + ["generate", "--seed", "9", "--persons", "30", "--out", str(out)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert (out / "statements/index.csv").is_file()
    bad = subprocess.run(exe + ["generate", "--seed", "9", "--persons", "30", "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "not empty" in lines[0]
    assert "Traceback" not in bad.stderr

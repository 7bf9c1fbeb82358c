"""The streaming resolver (``resolve_stream``, ``halqa resolve file``) gives what ``resolve``
gives: the same clusters, merges and review items, on a table of registrations (EM weights) and on person
mentions with vetoes, refused chains and protected persons (fixed weights)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.resolve.estimate import default_scorer
from ingest.resolve.person_table import PersonTable
from ingest.resolve.record import Record
from ingest.resolve.resolver import resolve
from ingest.resolve.scorer import score_pair
from ingest.resolve.streaming import resolve_stream
from ingest.resolve.thresholds import DEFAULT_THRESHOLDS, Thresholds
from intel.errors import InvalidInput
from registry_data import registry

BIN = Path(sys.executable).parent / "halqa"


SURNAMES = [("Məmmədov", "Мамедов", "Mammadov"), ("Əliyev", "Алиев", "Aliyev"),
            ("Hüseynov", "Гусейнов", "Huseynov"), ("Quliyev", "Кулиев", "Guliyev"),
            ("Həsənov", "Гасанов", "Hasanov"), ("Rzayev", "Рзаев", "Rzayev")]
GIVEN = [("Elçin", "Эльчин", "Elchin"), ("Tural", "Турал", "Tural"), ("Rauf", "Рауф", "Rauf"),
         ("Kamran", "Камран", "Kamran"), ("Orxan", "Орхан", "Orkhan"), ("Vüqar", "Вугар", "Vugar")]


def mentions(seed: int = 4, persons: int = 700) -> list[Record]:
    """Person mentions in three scripts with namesakes; some persons carry a phone shared by
    a namesake with another birth date (merges refused), some are protected in one case."""
    rng = random.Random(seed)
    out: list[Record] = []
    for p in range(persons):
        s, g, f = rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)
        dob = f"{rng.randint(1960, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        phone = f"+99450{rng.randint(0, 9_999_999):07d}"
        doc = f"C{rng.randint(0, 99_999_999):08d}"
        protected = p % 17 == 0
        for m in range(rng.randint(1, 5)):
            style = rng.randrange(3)
            name = (f"{s[0]} {g[0]} {f[0]} oğlu" if style == 0 else f"{s[1]} {g[1]}" if style == 1
                    else f"{g[2]} {s[2]}")
            out.append(Record.build(
                f"p{p}-m{m}", [name], birth_date=dob if rng.random() < 0.5 else None,
                phones=[phone] if rng.random() < 0.5 else [],
                documents=[("passport", doc)] if rng.random() < 0.2 else [],
                case_ids=[f"case-{p % 5 if rng.random() < 0.8 else rng.randrange(5)}"],
                protected=protected and m == 0))
        if p % 9 == 0:  # the same name and phone, another birth date: chains A~B~C refused
            other = f"{rng.randint(1960, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            out.append(Record.build(f"p{p}-x", [f"{s[0]} {g[0]}"], birth_date=other, phones=[phone]))
            out.append(Record.build(f"p{p}-y", [f"{s[0]} {g[0]}"], phones=[phone]))
    rng.shuffle(out)
    return out


def run_both(records, tmp_path, thresholds=DEFAULT_THRESHOLDS, weights="auto", **caches):
    expected = resolve(records, thresholds, scorer=score_pair if weights == "fixed" else None)
    review, merges, clusters = [], [], {}
    rep = resolve_stream(iter(records), tmp_path, thresholds=thresholds, weights=weights,
                         review_sink=review.append,
                         merge_sink=lambda i, k, score, why: merges.append((records[i].id, records[k].id, why)),
                         cluster_sink=lambda row, rid, number, size: clusters.__setitem__(rid, (number, size)),
                         **caches)
    assert list(clusters) == [r.id for r in records]  # every record, in input order
    cluster_of = expected.cluster_of()
    assert {rid: n for rid, (n, _) in clusters.items()} == cluster_of
    sizes = {n: len(group) for n, group in enumerate(expected.clusters)}
    assert all(size == sizes[n] for n, size in clusters.values())
    assert sorted(merges) == sorted((m.left, m.right, m.reason) for m in expected.merges)
    key = lambda d: (d.left, d.right, d.reason, round(d.score, 12), tuple(d.reasons))  # noqa: E731
    assert sorted(map(key, review)) == sorted(map(key, expected.review))
    assert rep.stats.pairs == expected.stats.pairs and rep.vetoed == len(expected.vetoed)
    assert rep.review == len(expected.review) and rep.clusters == len(expected.clusters)
    return rep, expected


def test_a_table_with_em_weights_matches_resolve(tmp_path):
    records, _ = registry(people=1200)
    assert default_scorer(records)[1].startswith("estimated")  # a table: the EM path
    rep, expected = run_both(records, tmp_path)
    assert rep.scorer.startswith("estimated") and rep.em_pairs == expected.stats.pairs
    assert len(expected.merges) > 1000


@pytest.mark.parametrize("thresholds", [DEFAULT_THRESHOLDS, Thresholds(max_block=4, window=3)],
                         ids=["default", "oversized-blocks"])
def test_mentions_with_vetoes_refusals_and_protected_persons_match_resolve(tmp_path, thresholds):
    records = mentions()
    rep, expected = run_both(records, tmp_path, thresholds, weights="fixed", record_cache=64, summary_cache=8)
    reasons = [d.reason for d in expected.review]
    assert any(r.startswith("merge refused: cluster members' birth dates conflict") for r in reasons)
    assert "protected person, records from different cases" in reasons
    assert rep.summaries_rebuilt > 0 and rep.record_reads > len(records)  # the caches were too small
    if thresholds.max_block == 4:
        assert rep.stats.oversized_blocks > 10


def test_a_repeated_id_names_both_records(tmp_path):
    a = Record.build("x1", ["Əliyev Tural"], source="f.csv: row 2")
    b = Record.build("x1", ["Aliyev Tural"], source="f.csv: row 9")
    with pytest.raises(InvalidInput, match=r"f.csv: row 9: id: 'x1' appears twice \(first at f.csv: row 2\)"):
        resolve_stream(iter([a, b]), tmp_path)


# --- halqa resolve file -------------------------------------------------------------------------


def halqa(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HALQA_")}
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=300, env=env)


ROWS = [
    "id;full name;Date of birth;phone;passport;case;protected;note",
    "1;Məmmədov Elçin Rauf oğlu;1990-01-01;+994 50 123 45 67;C01234567;AZ-1;no;first",
    "2;Мамедов Эльчин;01.01.1990;;C01234567;AZ-2;;",
    "3;Mammadov Elchin;1990-01-01;+994501234567;;AZ-1;;",
    "4;Əliyev Tural;1985-02-03;;;AZ-1;yes;victim",
    "5;Алиев Турал;03.02.1985;;;AZ-2;;",
]


def test_resolve_file_writes_clusters_and_review_and_nothing_on_a_bad_row(tmp_path):
    src = tmp_path / "persons.csv"
    out, review = tmp_path / "clusters.csv", tmp_path / "review.jsonl"
    bad = ROWS[:3] + ["3;Mammadov Elchin;1990-02-30;+994501234567;;AZ-1;;"] + ROWS[4:]
    src.write_text("\n".join(bad), encoding="utf-8")
    run = halqa("resolve", "file", str(src), "--out", str(out), "--review", str(review))
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert f"{src}: row 4 (id 3): birth_date (column 'Date of birth'): '1990-02-30'" in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["persons.csv"]  # nothing written, no leftovers

    src.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    run = halqa("resolve", "file", str(src), "--out", str(out), "--review", str(review))
    assert run.returncode == 0, run.stderr
    assert "5 records" in run.stdout and "columns ignored: note" in run.stderr
    rows = [line.split(",") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["row", "id", "cluster", "cluster_size"]
    cluster = {r[1]: int(r[2]) for r in rows[1:]}
    assert [r[0] for r in rows[1:]] == ["2", "3", "4", "5", "6"]
    assert cluster == resolve(list(PersonTable(src))).cluster_of()
    assert cluster["1"] == cluster["2"] == cluster["3"] != cluster["4"]  # phone, birth date, passport
    assert cluster["4"] != cluster["5"]  # a protected person is not merged across cases ...
    items = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines()]
    assert all({"left", "right", "score", "reason", "features"} <= set(i) for i in items)
    protected = [i for i in items if i["reason"] == "protected person, records from different cases"]
    assert [(i["left"], i["right"]) for i in protected] == [("4", "5")]  # ... but shown to a person
    assert any(f["feature"] == "birth_date" and f["score"] == 1.0 for f in protected[0]["features"])
    again = halqa("resolve", "file", str(src), "--out", str(out))
    assert again.returncode != 0 and "exists; use --force" in again.stderr


def test_resolve_file_reads_a_legacy_encoding_and_matches_resolve(tmp_path):
    src = tmp_path / "persons.csv"
    people = [(s, g) for s in SURNAMES for g in GIVEN]
    lines = ["id;name;birth_date;phone"] + [  # each person three times, in Cyrillic
        f"r{n}-{copy};{s[1]} {g[1]};{1970 + n % 7}-0{1 + n % 9}-1{n % 9};"
        + (f"+99455{n:07d}" if copy else "") for n, (s, g) in enumerate(people) for copy in range(3)]
    src.write_bytes("\n".join(lines).encode("cp1251"))
    out = tmp_path / "clusters.csv"
    run = halqa("resolve", "file", str(src), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "(cp1251)" in run.stdout
    records = [Record.build(x[0], [x[1]], birth_date=x[2], phones=[x[3]] if x[3] else []) for x in
               (line.split(";") for line in lines[1:])]
    expected = resolve(records).cluster_of()
    got = {r.split(",")[1]: int(r.split(",")[2]) for r in out.read_text(encoding="utf-8").splitlines()[1:]}
    assert got == expected and len(set(got.values())) < len(got)


@pytest.mark.parametrize("text, message", [
    ("name,birth_date\nTural Əliyev,1990\n", "row 1: no id column"),
    ("id,dob\n1,1990\n", "row 1: no name column"),
    ("id,name,dob\n1,Tural Əliyev,1990\n2,Rauf Quliyev,1991,extra,cells\n", "row 3: 5 cells, the header has 3"),
    ("id,name,tel\n1,Tural Əliyev,+994501234567\n2,Rauf Quliyev,not a phone\n", "row 3 (id 2): phone (column 'tel')"),
    ("id,name,sex\n1,Tural Əliyev,x\n", "row 2 (id 1): gender (column 'sex'): 'x' is not m or f"),
    ("id,name,protected\n1,Tural Əliyev,maybe\n", "row 2: protected: 'maybe' is not yes or no"),
    ("id,name\n,Tural Əliyev\n", "row 2: id: empty"),
    ("id,name\n", "no rows after the header"),
])
def test_person_table_names_the_file_row_and_field(tmp_path, text, message):
    src = tmp_path / "p.csv"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        list(PersonTable(src))
    assert str(err.value).startswith(f"{src}: ") and message in str(err.value)

"""How a statement names its persons (the role on MENTIONS) reaches ``halqa resolve run``:
the speaker, the protocol's official and the other persons of one statement are linked
within their case as the scenario benchmark links the mentions themselves. Every backend."""

from __future__ import annotations

from ingest.resolve.graph import run
from ingest.statements import ingest_statement
from intel.principal import SYSTEM

HEADER = ("{title}\n\n10 aprel 2021-ci il, Bakı şəhəri\nİş № CASE-7\n"
          "Dindirməni aparan: baş əməliyyat müvəkkili, polis mayoru Məmmədov Fuad.\n\n")
VICTIM = HEADER.format(title="Zərərçəkmiş şəxsin dindirilməsi protokolu") + (
    "Mən, Quliyev Rəşad Rövşən oğlu, 19 avqust 1988-ci il tarixində Şirvanda anadan olmuşam. "
    "Məsələ ilə bağlı izah edirəm ki,\nTəxminən 12.09.2020-ci il Fərid mənə zəng etdi. Sonra "
    "Səfərov Fərid məni Antalyaya apardı. Orada Quliyev Rəşad adlı başqa bir adam da var idi.\n\n"
    "İfadəmi oxudum, iradım yoxdur. İmza.\n")
WITNESS = HEADER.format(title="Şahidin dindirilməsi protokolu") + (
    "Mən, Əliyeva Günay Vüqar qızı, 3 may 1990-cı il tarixində Bakıda anadan olmuşam. Məsələ ilə "
    "bağlı izah edirəm ki,\nSəfərov Fərid mənə Antalyada iş təklif etdi. Fuad adlı bir nəfər də "
    "orada idi.\n\nİfadəmi oxudum, iradım yoxdur. İmza.\n")


def _ingest(store, tmp_path):
    for name, text in (("victim.txt", VICTIM), ("witness.txt", WITNESS)):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        ingest_statement(store, SYSTEM, f, "CASE-7", "az")


def _persons(store):
    """Each Person node as (statement title, mention text) pairs, and its SAME_AS person."""
    rows = store.execute(SYSTEM, "MATCH (s:Statement)-[m:MENTIONS]->(p:Person) RETURN s.title AS title, "
                                 "m.start AS start, m.`end` AS stop, m.role AS role, p.id AS p")
    texts = {"victim.txt": VICTIM, "witness.txt": WITNESS}
    found = {(r["title"], texts[r["title"]][r["start"]:r["stop"]]): (r["p"], r["role"]) for r in rows}
    parent: dict[str, str] = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for r in store.execute(SYSTEM, "MATCH (a:Person)-[:SAME_AS]->(b:Person) RETURN a.id AS a, b.id AS b"):
        parent[find(r["b"])] = find(r["a"])
    return {k: (find(p), role) for k, (p, role) in found.items()}


def test_mentions_carry_the_statement_role(store, tmp_path):
    _ingest(store, tmp_path)
    got = _persons(store)
    assert got[("victim.txt", "Quliyev Rəşad Rövşən oğlu")][1] == "speaker"
    assert got[("victim.txt", "Məmmədov Fuad")][1] == "official"
    assert got[("witness.txt", "Əliyeva Günay Vüqar qızı")][1] == "speaker"
    assert got[("victim.txt", "Səfərov Fərid")][1] is None


def test_resolve_run_links_a_statement_persons_as_their_mentions(store, tmp_path):
    _ingest(store, tmp_path)
    run(store, SYSTEM)
    person = {k: p for k, (p, _) in _persons(store).items()}
    # a first name named before the full name it fits, in the same statement: the case's
    # only Fərid (before, persons of one statement were never joined)
    assert person[("victim.txt", "Fərid")] == person[("victim.txt", "Səfərov Fərid")]
    assert person[("victim.txt", "Səfərov Fərid")] == person[("witness.txt", "Səfərov Fərid")]
    # the speaker is not the same-name man of their own statement
    assert person[("victim.txt", "Quliyev Rəşad")] != person[("victim.txt", "Quliyev Rəşad Rövşən oğlu")]
    # the investigator of both headers is one person, and not the 'Fuad' of the account
    assert person[("victim.txt", "Məmmədov Fuad")] == person[("witness.txt", "Məmmədov Fuad")]
    assert person[("witness.txt", "Fuad")] != person[("witness.txt", "Məmmədov Fuad")]


def test_person_parts_are_stored_in_their_dictionary_form():
    """A statement names people in every grammatical case; the name parts entity resolution
    matches on are the nominative ("Ахмедовым Руфатом Рашад оглы" is Ахмедов Руфат)."""
    from ingest.extract import extract
    from ingest.statements.graph_rows import statement_rows

    text = ("Я встретился с Ахмедовым Руфатом Рашад оглы в Баку. Деньги я отдал "
            "Гасановой Гюльнаре Руфатовне.\n")
    rows = statement_rows(text, extract(text, "ru"), case="CASE-8", lang="ru", title="t",
                          provenance={"recorded_by": "tester", "recorded_at": "2026-01-01T00:00:00"})
    parts = {(r.get("surname"), r.get("given_name"), r.get("patronymic")) for r in rows.nodes["Person"]}
    assert parts == {("Ахмедов", "Руфат", "Рашад оглы"), ("Гасанова", "Гюльнара", "Руфатовна")}
    # the name as written stays an alias
    assert any("Ахмедовым Руфатом Рашад оглы" in r["aliases"] for r in rows.nodes["Person"])


def test_a_shared_phone_joins_whatever_order_the_persons_come_in():
    """Three persons of a case with one number: "Шабнам", "Шабнам Велиева" and a slip in both
    words, "Veileva Sabnam Ceyhun gizi". The first name alone conflicts with the slip, the
    full name does not; which holder of the number is met first must not decide."""
    from ingest.resolve.case_links import link_within_cases
    from ingest.resolve.record import Record

    phone = "+994996348621"
    names = {"a": "Шабнам", "b": "Veileva Sabnam Ceyhun gizi", "c": "Шабнам Велиева"}
    for order in (("a", "b", "c"), ("b", "c", "a"), ("c", "a", "b")):
        ids = {k: f"person:{n}{k}" for n, k in enumerate(order)}  # ids sort in this order
        records = [Record.build(ids[k], [names[k]], phones=[phone], case_ids=["CASE-9"]) for k in order]
        statements = {ids[k]: {f"statement:{k}": None} for k in order}
        linking = link_within_cases(records, statements)
        assert len({linking.root_of[i] for i in ids.values()}) == 1, order

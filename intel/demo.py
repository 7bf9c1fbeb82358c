"""A small built-in demo: two linked trafficking cases, written through the store like any
import. Replaced by the scenario generator's demo once ingest lands."""

from __future__ import annotations

from intel.principal import SYSTEM
from intel.store import GraphStore, WriteResult

PROV = {"source": "demo:builtin", "recorded_by": "demo", "recorded_at": "2024-01-15T09:00:00", "grading": "B2"}

PERSONS = [
    # id, name, case, role, birth date
    ("D-001", "Məmmədov Elçin Rauf oğlu", "AZ-2023-014", "suspect", "1981-04-02"),
    ("D-002", "Quliyev Tural Vaqif oğlu", "AZ-2023-014", "suspect", "1988-11-19"),
    ("D-003", "Rəhimova Səbinə", "AZ-2023-014", "suspect", "1979-06-30"),
    ("D-004", "Kərimov Anar", "AZ-2023-014", "suspect", "1990-01-12"),
    ("D-005", "Nəsibova Aysel", "AZ-2023-014", "victim", "2001-08-21"),
    ("D-006", "Həsənova Lalə", "AZ-2023-014", "victim", "1999-03-03"),
    ("D-007", "Əliyeva Günay", "AZ-2023-014", "witness", "1975-12-01"),
    ("D-008", "Hüseynov Rəşad", "AZ-2024-003", "suspect", "1985-02-14"),
    ("D-009", "Babayev Orxan", "AZ-2024-003", "suspect", "1992-07-07"),
    ("D-010", "İsmayılova Nərmin", "AZ-2024-003", "victim", "2003-05-18"),
    ("D-011", "Cəfərov Vüsal", "AZ-2024-003", "witness", "1969-09-09"),
    ("D-012", "Hüseynov Rəşad", "AZ-2024-003", "other", "1958-10-25"),  # a namesake
]
PHONES = {"D-001": "+994 50 214 77 31", "D-002": "055 310 42 18", "D-004": "(070) 455-12-90",
          "D-008": "+994 51 880 23 44", "D-009": "+90 532 555 12 12", "D-005": "0773001122"}
CALLS = [("D-001", "D-002", "2023-02-01T10:15:00", 120), ("D-002", "D-004", "2023-02-03T18:40:00", 45),
         ("D-001", "D-008", "2023-03-11T09:05:00", 300), ("D-008", "D-009", "2023-03-12T22:10:00", 61),
         ("D-004", "D-005", "2023-02-10T12:00:00", 30)]


def _phone_node(number: str, case: str) -> dict:
    return {"number": number, "cases": [case], **PROV}


def load_demo(store: GraphStore) -> WriteResult:
    from graph_models.validate import clean_node

    cases = {p[2] for p in PERSONS}
    person_case = {p[0]: p[2] for p in PERSONS}
    phone_ids = {pid: clean_node("Phone", _phone_node(n, "x")).id for pid, n in PHONES.items()}
    nodes = {
        "Case": [{"number": c, "title": f"Trafficking case {c}", "status": "open", "cases": [c], **PROV}
                 for c in sorted(cases)],
        "Person": [{"id": pid, "name": name, "birth_date": born, "cases": [case], **PROV}
                   for pid, name, case, _, born in PERSONS],
        "Phone": [_phone_node(n, person_case[pid]) for pid, n in PHONES.items()],
        "Location": [{"kind": "city", "name": n, "country": c, **PROV}
                     for n, c in [("Baku", "AZ"), ("Ganja", "AZ"), ("Tbilisi", "GE"), ("Istanbul", "TR"),
                                  ("Dubai", "AE")]]
                    + [{"kind": "border_point", "name": "Red Bridge", "country": "AZ", **PROV}],
    }
    case_ids = {c: clean_node("Case", {"number": c, **PROV}).id for c in cases}
    loc = {row["name"]: clean_node("Location", row).id for row in nodes["Location"]}

    def fact(src: str, dst: str, case: str, **extra) -> dict:
        return {"src": src, "dst": dst, "case_id": case, **PROV, **extra}

    edges = {
        "INVOLVED_IN": [fact(f"person:{pid}", case_ids[case], case, role=role) for pid, _, case, role, _ in PERSONS],
        "USES": [fact(f"person:{pid}", phone_ids[pid], person_case[pid]) for pid in PHONES],
        "CALLED": [fact(phone_ids[a], phone_ids[b], person_case[b], at=at, seconds=s) for a, b, at, s in CALLS],
        "RECRUITED": [fact("person:D-004", "person:D-005", "AZ-2023-014", method="job_offer"),
                      fact("person:D-003", "person:D-006", "AZ-2023-014", method="marriage_offer"),
                      fact("person:D-009", "person:D-010", "AZ-2024-003", method="job_offer")],
        "TRANSPORTED": [fact("person:D-002", "person:D-005", "AZ-2023-014"),
                        fact("person:D-002", "person:D-006", "AZ-2023-014")],
        "EXPLOITED": [fact("person:D-001", "person:D-005", "AZ-2023-014", form="sexual"),
                      fact("person:D-008", "person:D-010", "AZ-2024-003", form="labour")],
        "ASSOCIATE_OF": [fact("person:D-001", "person:D-002", "AZ-2023-014"),
                         fact("person:D-001", "person:D-003", "AZ-2023-014"),
                         fact("person:D-008", "person:D-009", "AZ-2024-003")],
        "TRAVELLED": [fact("person:D-005", loc["Red Bridge"], "AZ-2023-014", date="2023-02-20", mode="bus", direction="out"),
                      fact("person:D-005", loc["Istanbul"], "AZ-2023-014", date="2023-02-22", mode="bus"),
                      fact("person:D-010", loc["Dubai"], "AZ-2024-003", date="2024-01-05", mode="air")],
        "LOCATED_IN": [{"src": loc["Red Bridge"], "dst": loc["Baku"], **PROV}],
    }
    return store.write(SYSTEM, nodes=nodes, edges=edges)

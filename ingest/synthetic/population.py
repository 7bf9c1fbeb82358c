"""Persons, groups and cases of one scenario cluster: a trafficking group with its members, the
victims it recruited, their relatives, witnesses, the officer who interviews them, and unrelated
people who happen to share a suspect's or victim's name (namesakes)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ingest.synthetic import identifiers as ids
from ingest.synthetic.knobs import Knobs
from ingest.synthetic.names import MALE_LIST, NICKNAMES, Name, pick_given, pick_surname
from ingest.synthetic.places import ORIGIN_WEIGHTS, ORIGINS, STREETS, Address, Organization
from ingest.synthetic.routes import CORRIDORS, destination_city

MEMBER_ROLES = ("organiser", "recruiter", "transporter", "document_forger", "harbourer",
                "money_handler")
ROLES = MEMBER_ROLES + ("victim", "witness", "relative", "officer", "unrelated")


@dataclass(slots=True)
class Person:
    pid: str
    name: Name
    birth_date: date
    role: str
    group_id: str = ""
    case_ids: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # canonical numbers; [0] = own passport
    plate: str = ""
    card: str = ""
    address: Address | None = None
    birth_place: str = "Baku"
    relation: str = ""  # for relatives and witnesses: how they relate to ``related_to``
    related_to: str = ""
    namesake_of: str = ""
    variants: set[str] = field(default_factory=set)  # spellings used in statements
    scripts: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)

    @property
    def passport(self) -> str:
        return self.documents[0]


@dataclass(slots=True)
class Group:
    group_id: str
    name: str
    destination: str  # country key
    exploitation: str  # sexual | labour | begging | forced_crime
    start: date
    members: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)
    orgs: list[Organization] = field(default_factory=list)
    corridor: int = 0


@dataclass(slots=True)
class Cluster:
    index: int
    group: Group
    persons: dict[str, Person]
    cases: dict[str, list[str]]  # case id -> person ids (victims in it)
    namesakes: list[tuple[str, str, str]]

    def by_role(self, role: str) -> list[Person]:
        return [p for p in self.persons.values() if p.role == role]


def _birth(rng: random.Random, lo: int, hi: int) -> date:
    return date(rng.randint(lo, hi), 1, 1) + timedelta(days=rng.randint(0, 364))


def _new_person(rng: random.Random, pid: str, role: str, gender: str, years: tuple[int, int],
                surname: str | None = None, father: str | None = None) -> Person:
    name = Name(pick_given(rng, gender), surname or pick_surname(rng), father or rng.choice(MALE_LIST),
                gender)
    home = rng.choices(ORIGINS, ORIGIN_WEIGHTS)[0]
    person = Person(pid, name, _birth(rng, *years), role, birth_place=rng.choices(ORIGINS, ORIGIN_WEIGHTS)[0])
    person.address = Address(home, rng.randrange(len(STREETS)), rng.randint(1, 160),
                             rng.randint(1, 120) if rng.random() < 0.7 else 0)
    person.phones.append(ids.az_mobile(rng))
    person.documents.append(ids.az_passport(rng))
    if rng.random() < 0.5:
        person.documents.append(ids.az_id_card(rng))
    return person


def build_cluster(rng: random.Random, index: int, size: int, knobs: Knobs) -> Cluster:
    """Draw the people of one cluster of about ``size`` persons."""
    gid = f"G{index:06d}"
    counter = iter(range(1, 10_000))

    def pid() -> str:
        return f"P{index:06d}-{next(counter):03d}"

    destination = rng.choice(("Turkiye", "Turkiye", "UAE", "UAE", "Russia", "Georgia"))
    exploitation = rng.choices(("sexual", "labour", "begging", "forced_crime"), (5, 4, 1, 1))[0]
    start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 4 * 365))
    group = Group(gid, f"{rng.choice(NICKNAMES)[0]} qrupu", destination, exploitation, start)
    group.corridor = rng.randrange(len(CORRIDORS[destination]))
    persons: dict[str, Person] = {}

    def add(p: Person) -> Person:
        persons[p.pid] = p
        return p

    small = size < 16
    counts = {"organiser": 1, "recruiter": 1 if small else rng.randint(1, 3),
              "transporter": 1 if small else rng.randint(1, 2),
              "document_forger": 0 if small or rng.random() < 0.3 else 1,
              "harbourer": 1 if small else rng.randint(1, 2), "money_handler": 1}
    for role in MEMBER_ROLES:
        for _ in range(counts[role]):
            gender = "F" if (role in ("recruiter", "harbourer") and rng.random() < 0.45) else "M"
            m = add(_new_person(rng, pid(), role, gender, (1960, 1996)))
            m.group_id = gid
            if role == "harbourer" and rng.random() < 0.6:
                m.phones.append(ids.foreign_mobile(rng, destination))
            if role == "transporter":
                m.plate = ids.az_plate(rng)
            if role == "money_handler" or rng.random() < 0.3:
                m.card = ids.bank_card(rng)
            if role in ("organiser", "harbourer") and destination == "Russia" and rng.random() < 0.5:
                m.documents.append(ids.ru_passport(rng))
            if rng.random() < knobs.nickname_rate:
                m.name = Name(m.name.given, m.name.surname_stem, m.name.father, m.name.gender,
                              rng.randrange(len(NICKNAMES)))
            group.members.append(m.pid)
    add(_new_person(rng, pid(), "officer", "M" if rng.random() < 0.8 else "F", (1975, 1995)))

    planted = int(size * knobs.namesake_share * 2 + rng.random()) // 2 if size >= 12 else 0
    rest = size - len(persons) - planted
    n_victims = max(1, round(rest * 0.55))
    n_relatives = max(0, round(rest * 0.25))
    n_witnesses = max(0, rest - n_victims - n_relatives)
    female_share = 0.8 if exploitation == "sexual" else 0.35
    victims = []
    for _ in range(n_victims):
        v = add(_new_person(rng, pid(), "victim", "F" if rng.random() < female_share else "M",
                            (1985, 2005)))
        victims.append(v)
    for i in range(n_relatives):
        v = victims[i % len(victims)]
        relation = rng.choice(("mother", "father", "brother", "sister", "spouse"))
        gender = "F" if relation in ("mother", "sister") else "M"
        if relation == "spouse":
            gender = "M" if v.name.gender == "F" else "F"
            r = add(_new_person(rng, pid(), "relative", gender, (1970, 2000)))
        elif relation in ("mother", "father"):
            father = None if relation == "father" else rng.choice(MALE_LIST)
            r = add(_new_person(rng, pid(), "relative", gender, (1950, 1975), v.name.surname_stem,
                                father))
            if relation == "father":
                r.name = Name(v.name.father, r.name.surname_stem, r.name.father, "M")
        else:
            r = add(_new_person(rng, pid(), "relative", gender, (1980, 2005), v.name.surname_stem,
                                v.name.father))
        r.address = v.address if relation != "spouse" or rng.random() < 0.8 else r.address
        r.relation, r.related_to = relation, v.pid
    for _ in range(n_witnesses):
        v = rng.choice(victims)
        w = add(_new_person(rng, pid(), "witness", "F" if rng.random() < 0.5 else "M", (1960, 2002)))
        w.relation, w.related_to = rng.choice(("neighbour", "friend", "colleague", "driver")), v.pid
    namesakes: list[tuple[str, str, str]] = []
    targets = [p for p in persons.values() if p.role not in ("officer", "relative", "witness")]
    for _ in range(planted):
        t = rng.choice(targets)
        n = add(_new_person(rng, pid(), "unrelated", t.name.gender, (1960, 2004)))
        n.name = Name(t.name.given, t.name.surname_stem, n.name.father if rng.random() < 0.7
                      else t.name.father, t.name.gender)
        n.namesake_of = t.pid
    # every same-name pair inside the cluster (planted or by chance) is a namesake pair
    by_name: dict[str, list[str]] = {}
    for p in persons.values():
        by_name.setdefault(f"{p.name.given} {p.name.surname}", []).append(p.pid)
    for shared, pids in by_name.items():
        for i, a in enumerate(pids):
            for b in pids[i + 1:]:
                namesakes.append((a, b, shared))

    # cases: one per ~8 victims
    n_cases = max(1, (len(victims) + 7) // 8)
    cases: dict[str, list[str]] = {}
    for c in range(n_cases):
        cid = f"CASE-{index:06d}-{c + 1}"
        cases[cid] = [v.pid for j, v in enumerate(victims) if j % n_cases == c]
        group.case_ids.append(cid)
    for p in persons.values():
        if p.role in MEMBER_ROLES or p.role == "officer":
            p.case_ids.extend(group.case_ids)
    for cid, vids in cases.items():
        for vid in vids:
            persons[vid].case_ids.append(cid)
    for p in persons.values():
        if p.related_to and p.role in ("relative", "witness"):
            p.case_ids.extend(persons[p.related_to].case_ids)

    # organisations: a recruitment front at home, a venue at the destination
    front = rng.choice(("agency", "employment", "marriage" if exploitation == "sexual" else "agency"))
    venue = {"sexual": rng.choice(("sauna", "restaurant", "hotel")),
             "labour": rng.choice(("construction", "textile", "restaurant")),
             "begging": "construction", "forced_crime": "hotel"}[exploitation]
    group.orgs = [Organization(f"O{index:06d}-1", rng.randrange(16), front, "Baku"),
                  Organization(f"O{index:06d}-2", rng.randrange(16), venue,
                                destination_city(destination, group.corridor))]
    return Cluster(index, group, persons, cases, namesakes)

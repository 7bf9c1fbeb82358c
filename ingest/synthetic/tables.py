"""Table rows of a cluster: call detail records, border-crossing records, hotline referrals.

Every row points at persons of the truth through their phones (E.164 digits in call records,
hand-written forms in referrals) or documents (border crossings)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ingest.synthetic import identifiers as ids
from ingest.synthetic.events import Story
from ingest.synthetic.names import Spelling, passport_latin, render
from ingest.synthetic.places import PLACES
from ingest.synthetic.population import MEMBER_ROLES, Cluster, Person
from ingest.synthetic.routes import AIRPORT, AZ_BORDERS

CDR_COLUMNS = ("caller", "callee", "start_time", "duration_s", "cell_id", "location")
CROSSING_COLUMNS = ("name_in_passport", "document_number", "birth_date", "border_point", "direction",
                    "crossed_at", "vehicle_or_flight")
HOTLINE_COLUMNS = ("referral_id", "received_at", "channel", "caller_phone", "caller_name",
                   "caller_relation", "subject_name", "subject_phone", "last_known_location", "note")
BORDER_NAMES = {"Red Bridge": "Qırmızı Körpü", "Samur": "Samur", "Astara": "Astara", "Balakan": "Balakən",
                AIRPORT: "Heydər Əliyev BHL"}
CELL_CODES = {"Baku": "BAK", "Sumgait": "SUM", "Ganja": "GNJ", "Lankaran": "LNK"}


def _ts(d: datetime) -> str:
    return d.strftime("%Y-%m-%d %H:%M:%S")


def cdr_rows(rng: random.Random, cluster: Cluster, stories: list[Story], per_person: float) -> list[tuple]:
    persons = cluster.persons
    pairs: list[tuple[str, str, int]] = []  # (a, b, weight)
    members = [persons[m] for m in cluster.group.members]
    organiser = cluster.by_role("organiser")[0]
    for m in members:
        if m is not organiser:
            pairs.append((organiser.pid, m.pid, 6))
    for a in members:
        for b in members:
            if a.pid < b.pid:
                pairs.append((a.pid, b.pid, 1))
    for s in stories:
        pairs.append((s.recruiter, s.victim, 5))
        pairs.append((s.route.transporter, s.victim, 2))
    for p in persons.values():
        if p.related_to and p.role in ("relative", "witness"):
            pairs.append((p.pid, p.related_to, 3))
    witnesses = [p.pid for p in persons.values() if p.role in ("witness", "relative")] or [organiser.pid]
    for p in persons.values():
        if p.role == "unrelated":
            for _ in range(2):
                pairs.append((p.pid, rng.choice(witnesses), 2))
    n = max(1, int(len(persons) * per_person + rng.random()))
    start = datetime(cluster.group.start.year, cluster.group.start.month, cluster.group.start.day)
    chosen = rng.choices(pairs, [w for _, _, w in pairs], k=n)
    rows = []
    for a, b, _ in chosen:
        if rng.random() < 0.5:
            a, b = b, a
        pa, pb = persons[a], persons[b]
        at = start + timedelta(seconds=rng.randint(0, 800 * 86400))
        caller = rng.choice(pa.phones)
        callee = rng.choice(pb.phones)
        if caller.startswith("+994"):
            city = pa.address.city if pa.address else "Baku"
            cell = f"{CELL_CODES.get(city, city[:3].upper())}-{rng.randint(1, 2400):04d}"
            location = PLACES[city].az
        else:
            cell = "ROAMING"
            location = PLACES[cluster.group.orgs[1].city].en
        rows.append((ids.cdr_phone(caller), ids.cdr_phone(callee), _ts(at),
                     0 if rng.random() < 0.1 else int(rng.expovariate(1 / 140)) + 5, cell, location))
    rows.sort(key=lambda r: r[2])
    return rows


def _crossing(rng: random.Random, person: Person, doc: str, border: str, direction: str, at: datetime,
              vehicle: str, birth_shift: int = 0) -> tuple:
    birth = person.birth_date.replace(year=person.birth_date.year - birth_shift) \
        if not (person.birth_date.month == 2 and person.birth_date.day == 29) else person.birth_date
    return (passport_latin(person.name, rng.random() < 0.5), doc, birth.isoformat(),
            BORDER_NAMES[border], direction, _ts(at), vehicle)


def crossing_rows(rng: random.Random, cluster: Cluster, stories: list[Story]) -> list[tuple]:
    persons = cluster.persons
    rows = []
    for s in stories:
        victim = persons[s.victim]
        transporter = persons[s.route.transporter]
        forged = victim.documents[-1] if len(victim.documents) > 1 and any(
            e.kind == "forged" for e in s.events) else ""
        for leg in s.route.legs:
            if leg.border not in AZ_BORDERS:
                continue
            rows.append(_crossing(rng, victim, forged or victim.passport, leg.border, "exit", leg.at,
                                  leg.vehicle, rng.randint(2, 4) if forged else 0))
            rows.append(_crossing(rng, transporter, transporter.passport, leg.border, "exit",
                                  leg.at + timedelta(minutes=rng.randint(-20, 20)), leg.vehicle))
            back = leg.at + timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 12))
            rows.append(_crossing(rng, transporter, transporter.passport, leg.border, "entry", back,
                                  leg.vehicle if leg.mode != "air" else ids.flight(rng, "Baku")))
        if rng.random() < 0.6:
            at = datetime(s.escape.year, s.escape.month, s.escape.day) + timedelta(days=rng.randint(2, 20),
                                                                                   hours=rng.randint(0, 23))
            rows.append(_crossing(rng, victim, victim.passport, AIRPORT, "entry", at,
                                  ids.flight(rng, PLACES[s.route.destination].key)))
    for p in persons.values():
        if p.role == "unrelated" or (p.role in MEMBER_ROLES and rng.random() < 0.5):
            for _ in range(rng.randint(1, 2)):
                border = rng.choice(sorted(AZ_BORDERS))
                at = datetime(cluster.group.start.year, cluster.group.start.month, 1) + \
                    timedelta(days=rng.randint(0, 700), hours=rng.randint(0, 23), minutes=rng.randrange(60))
                vehicle = ids.flight(rng, "Istanbul") if border == AIRPORT else (p.plate or ids.az_plate(rng))
                rows.append(_crossing(rng, p, p.passport, border, rng.choice(("exit", "entry")), at, vehicle))
    rows.sort(key=lambda r: r[5])
    return rows


def _messy_name(rng: random.Random, person: Person) -> str:
    lang = rng.choice(("az", "ru", "en"))
    sp = Spelling(lang, rng.randint(0, 2), rng.choice((0, 0, 0, 1, 2, 3)), 1)
    text = render(person.name, sp, rng.choice(("sg", "gs", "given", "full")))
    return text.upper() if rng.random() < 0.15 else text


def hotline_rows(rng: random.Random, cluster: Cluster, stories: list[Story]) -> list[tuple]:
    persons = cluster.persons
    rows = []
    for n, s in enumerate(stories):
        if rng.random() > 0.35:
            continue
        victim = persons[s.victim]
        callers = [p for p in persons.values() if p.related_to == victim.pid and p.role in ("relative", "witness")]
        caller = rng.choice(callers) if callers else victim
        relation = caller.relation if caller is not victim else "self"
        first = s.route.legs[0].at
        at = first + timedelta(days=rng.randint(5, max(6, (s.escape - first.date()).days)), hours=rng.randint(0, 12))
        dest = PLACES[s.route.destination]
        where = rng.choice((dest.az, dest.ru[0], dest.en, dest.az.lower(), ""))
        note = rng.choice(("işə aparıblar, əlaqə yoxdur", "не выходит на связь", "no contact since departure",
                           "pasportu əlindən alınıb", "просит помощи", "asked family for money"))
        rows.append((f"H{cluster.index:06d}-{n + 1:03d}", _ts(at), rng.choice(("152", "152", "NGO", "walk-in", "email")),
                     ids.render_phone(caller.phones[0], rng), _messy_name(rng, caller), relation,
                     _messy_name(rng, victim), ids.render_phone(victim.phones[0], rng) if rng.random() < 0.8 else "",
                     where, note))
    return rows

"""Events of a scenario: recruitment meetings, phone calls, documents, payments, border
crossings, exploitation, escape. Each event holds typed references that statements render."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ingest.synthetic import identifiers as ids
from ingest.synthetic.places import PLACES, Organization
from ingest.synthetic.population import Cluster, Person
from ingest.synthetic.routes import Route, build_route


# --- typed references rendered by statements ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class PersonRef:
    pid: str


@dataclass(frozen=True, slots=True)
class PlaceRef:
    key: str


@dataclass(frozen=True, slots=True)
class DateRef:
    day: date


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str  # ISO: AZN USD EUR RUB


@dataclass(frozen=True, slots=True)
class PhoneRef:
    e164: str


@dataclass(frozen=True, slots=True)
class DocRef:
    number: str


@dataclass(frozen=True, slots=True)
class PlateRef:
    plate: str


@dataclass(frozen=True, slots=True)
class OrgRef:
    org: Organization


@dataclass(frozen=True, slots=True)
class Raw:
    """Plain wording, already chosen per language: {"az": ..., "ru": ..., "en": ...}."""

    text: tuple[str, str, str]


@dataclass(slots=True)
class Event:
    kind: str
    at: datetime
    slots: dict[str, object]
    actors: tuple[str, ...] = ()


@dataclass(slots=True)
class Story:
    """What happened to one victim, in order."""

    victim: str
    recruiter: str
    route: Route
    events: list[Event] = field(default_factory=list)
    escape: date = date(2000, 1, 1)


OFFERS = {
    "F": (
        ("ofisiant işi", "работу официантки", "a job as a waitress"),
        ("otel xadiməsi işi", "работу горничной в отеле", "a job as a hotel maid"),
        ("dayə işi", "работу няни", "a job as a nanny"),
        ("varlı bir kişi ilə ailə qurmağı", "выйти замуж за состоятельного человека",
         "marriage to a wealthy man"),
        ("borcumu işləyib qaytarmağı", "отработать долг", "a way to work off my debt"),
        ("gözəllik salonunda iş", "работу в салоне красоты", "work in a beauty salon"),
    ),
    "M": (
        ("tikintidə fəhlə işi", "работу на стройке", "work on a construction site"),
        ("aşpaz köməkçisi işi", "работу помощника повара", "a job as a kitchen assistant"),
        ("anbarda yükləyici işi", "работу грузчиком на складе", "a job as a warehouse loader"),
        ("borcumu işləyib qaytarmağı", "отработать долг", "a way to work off my debt"),
        ("sürücü işi", "работу водителем", "a job as a driver"),
    ),
}
MODES = {"bus": ("avtobusla", "на автобусе", "by bus"), "car": ("minik avtomobili ilə", "на легковой машине", "by car"),
         "air": ("təyyarə ilə", "самолётом", "by plane")}
CURRENCY = {"Turkiye": "USD", "UAE": "USD", "Russia": "RUB", "Georgia": "EUR"}


def money(rng: random.Random, currency: str, lo: int, hi: int) -> Money:
    step = 5000 if currency == "RUB" else 50
    scale = 60 if currency == "RUB" else 1
    return Money(rng.randint(lo * scale // step, hi * scale // step) * step or step, currency)


def _one(cluster: Cluster, role: str, rng: random.Random) -> Person | None:
    people = cluster.by_role(role)
    return rng.choice(people) if people else None


def build_stories(rng: random.Random, cluster: Cluster) -> list[Story]:
    """One story per victim of the cluster; forged documents are added to the victim's truth."""
    group = cluster.group
    stories = []
    organiser = cluster.by_role("organiser")[0]
    money_handler = cluster.by_role("money_handler")[0]
    for n, victim in enumerate(cluster.by_role("victim")):
        recruiter = _one(cluster, "recruiter", rng)
        transporter = _one(cluster, "transporter", rng)
        harbourer = _one(cluster, "harbourer", rng)
        forger = _one(cluster, "document_forger", rng)
        recruited = group.start + timedelta(days=rng.randint(0, 700))
        depart = recruited + timedelta(days=rng.randint(10, 60))
        home = victim.address.city if victim.address else "Baku"
        route = build_route(rng, f"R{cluster.index:06d}-{n + 1:03d}", victim.pid, transporter.pid, home,
                            group.destination, group.corridor, depart, transporter.plate)
        dest = route.destination
        country = PLACES[dest].country
        s = Story(victim.pid, recruiter.pid, route)
        ev = s.events

        def at(d: date) -> datetime:
            return datetime(d.year, d.month, d.day, rng.randint(8, 22), rng.randrange(60))

        offer = Raw(rng.choice(OFFERS[victim.name.gender]))
        slots = {"V": PersonRef(victim.pid), "R": PersonRef(recruiter.pid), "city": PlaceRef(home),
                 "dest": PlaceRef(dest), "country": PlaceRef(country), "job": offer,
                 "d": DateRef(recruited)}
        if rng.random() < 0.4:
            slots["org"] = OrgRef(group.orgs[0])
            ev.append(Event("recruit_org", at(recruited), slots, (victim.pid, recruiter.pid)))
        else:
            ev.append(Event("recruit", at(recruited), slots, (victim.pid, recruiter.pid)))
        call_day = recruited + timedelta(days=rng.randint(2, 9))
        ev.append(Event("call", at(call_day), {"V": PersonRef(victim.pid), "X": PersonRef(recruiter.pid),
                                               "ph": PhoneRef(recruiter.phones[0]), "d": DateRef(call_day)},
                        (recruiter.pid, victim.pid)))
        paid = recruited + timedelta(days=rng.randint(3, 9))
        ev.append(Event("pay", at(paid), {"V": PersonRef(victim.pid), "X": PersonRef(recruiter.pid),
                                          "amt": money(rng, "AZN", 200, 3000), "d": DateRef(paid)},
                        (victim.pid, recruiter.pid)))
        if forger and rng.random() < 0.7:
            fake = ids.az_passport(rng)
            victim.documents.append(fake)
            made = depart - timedelta(days=rng.randint(1, 8))
            ev.append(Event("forged", at(made), {"V": PersonRef(victim.pid), "X": PersonRef(forger.pid),
                                                 "doc": DocRef(fake), "d": DateRef(made),
                                                 "amt": money(rng, "AZN", 300, 1500)},
                            (forger.pid, victim.pid)))
        for leg in route.legs:
            slots = {"V": PersonRef(victim.pid), "T": PersonRef(transporter.pid), "to": PlaceRef(leg.to),
                     "mode": Raw(MODES[leg.mode]), "d": DateRef(leg.at.date())}
            if leg.border:
                slots["bp"] = PlaceRef(leg.border)
            if leg.vehicle and leg.mode != "air":
                slots["plate"] = PlateRef(leg.vehicle)
            kind = "leg_air" if leg.mode == "air" else ("leg_border" if leg.border else "leg")
            ev.append(Event(kind, leg.at, slots, (victim.pid, transporter.pid)))
        arrived = route.legs[-1].at.date() + timedelta(days=1)
        ev.append(Event("exploit", at(arrived), {"V": PersonRef(victim.pid), "H": PersonRef(harbourer.pid),
                                                 "dest": PlaceRef(dest), "org": OrgRef(group.orgs[1]),
                                                 "d": DateRef(arrived), "doc": DocRef(victim.passport)},
                        (harbourer.pid, victim.pid)))
        ev.append(Event("debt", at(arrived), {"H": PersonRef(harbourer.pid),
                                              "amt": money(rng, CURRENCY[group.destination], 1000, 6000)},
                        (harbourer.pid, victim.pid)))
        if len(harbourer.phones) > 1:
            d = arrived + timedelta(days=rng.randint(3, 40))
            ev.append(Event("call", at(d), {"V": PersonRef(victim.pid), "X": PersonRef(harbourer.pid),
                                            "ph": PhoneRef(harbourer.phones[1]), "d": DateRef(d)},
                            (harbourer.pid, victim.pid)))
        transfer = arrived + timedelta(days=rng.randint(20, 60))
        ev.append(Event("transfer", at(transfer), {"H": PersonRef(harbourer.pid), "M": PersonRef(money_handler.pid),
                                                   "O": PersonRef(organiser.pid), "d": DateRef(transfer),
                                                   "amt": money(rng, rng.choice(("USD", "EUR", "USD")), 500, 5000)},
                        (harbourer.pid, money_handler.pid, organiser.pid)))
        s.escape = arrived + timedelta(days=rng.randint(30, 300))
        ev.append(Event("escape", at(s.escape), {"V": PersonRef(victim.pid), "d": DateRef(s.escape),
                                                  "dest": PlaceRef(dest)}, (victim.pid,)))
        stories.append(s)
    return stories

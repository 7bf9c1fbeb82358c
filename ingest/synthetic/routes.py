"""Trafficking routes: real corridors from Azerbaijan through border points to destinations."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ingest.synthetic import identifiers as ids
from ingest.synthetic.places import PLACES

AIRPORT = "Heydar Aliyev International Airport"
AZ_BORDERS = {"Red Bridge", "Samur", "Astara", "Balakan", AIRPORT}

# destination country -> corridors; a corridor is a list of legs (from, to, border point, mode);
# "HOME" is the victim's home city
CORRIDORS: dict[str, tuple[tuple[tuple[str, str, str, str], ...], ...]] = {
    "Turkiye": (
        (("HOME", "Tbilisi", "Red Bridge", "bus"), ("Tbilisi", "Istanbul", "Sarpi", "bus")),
        (("HOME", "Baku", "", "bus"), ("Baku", "Istanbul", AIRPORT, "air"), ("Istanbul", "Antalya", "", "bus")),
        (("HOME", "Tbilisi", "Balakan", "car"), ("Tbilisi", "Trabzon", "Sarpi", "bus")),
    ),
    "UAE": (
        (("HOME", "Baku", "", "bus"), ("Baku", "Dubai", AIRPORT, "air")),
        (("HOME", "Tehran", "Astara", "car"), ("Tehran", "Dubai", "", "air")),
        (("HOME", "Baku", "", "car"), ("Baku", "Sharjah", AIRPORT, "air")),
    ),
    "Russia": (
        (("HOME", "Derbent", "Samur", "car"), ("Derbent", "Moscow", "", "bus")),
        (("HOME", "Baku", "", "bus"), ("Baku", "Moscow", AIRPORT, "air")),
        (("HOME", "Derbent", "Samur", "bus"), ("Derbent", "Saint Petersburg", "", "bus")),
    ),
    "Georgia": (
        (("HOME", "Tbilisi", "Red Bridge", "car"), ("Tbilisi", "Batumi", "", "bus")),
        (("HOME", "Tbilisi", "Red Bridge", "bus"),),
    ),
}


def destination_city(country: str, corridor: int) -> str:
    return CORRIDORS[country][corridor][-1][1]


@dataclass(frozen=True, slots=True)
class Leg:
    seq: int
    origin: str
    to: str
    border: str  # place key or ""
    mode: str  # bus | car | air
    at: datetime
    vehicle: str  # plate (car/bus) or flight (air)


@dataclass(frozen=True, slots=True)
class Route:
    route_id: str
    victim: str
    transporter: str
    legs: tuple[Leg, ...]

    @property
    def destination(self) -> str:
        return self.legs[-1].to


def build_route(rng: random.Random, route_id: str, victim: str, transporter: str, home: str,
                country: str, corridor: int, depart: date, transporter_plate: str) -> Route:
    legs = []
    at = datetime(depart.year, depart.month, depart.day, rng.randint(5, 22), rng.randrange(60))
    seq = 0
    for origin, to, border, mode in CORRIDORS[country][corridor]:
        origin = home if origin == "HOME" else origin
        if origin == to:
            continue
        seq += 1
        if mode == "air":
            vehicle = ids.flight(rng, to)
        elif mode == "car" and PLACES[origin].country == "Azerbaijan":
            vehicle = transporter_plate
        else:
            vehicle = ids.az_plate(rng) if PLACES[origin].country == "Azerbaijan" else ""
        legs.append(Leg(seq, origin, to, border, mode, at, vehicle))
        at += timedelta(hours=rng.randint(5, 60), minutes=rng.randrange(60))
    return Route(route_id, victim, transporter, tuple(legs))

"""Interview records rendered as text, with every mention's character offsets recorded as the
text is built piece by piece (never found by searching afterwards).

A statement is planned (who speaks, in which case, language and date, about which events) and
then rendered from many sentence templates per event kind per language (``phrases/``).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ingest.synthetic import identifiers as ids
from ingest.synthetic.amounts import money_value, render_amount
from ingest.synthetic.dates import render_date, render_year
from ingest.synthetic.events import (DateRef, DocRef, Event, Money, OrgRef, PersonRef, PhoneRef,
                                     PlaceRef, PlateRef, Raw, Story)
from ingest.synthetic.knobs import Knobs
from ingest.synthetic.names import Spelling, render
from ingest.synthetic.phrases import az, en, ru
from ingest.synthetic.places import PLACES, Address
from ingest.synthetic.population import Cluster, Person

BOOKS = {"az": az, "ru": ru, "en": en}
LANGS = ("az", "ru", "en")
_TOKEN = re.compile(r"\{([A-Za-z]+)(?:\|([a-z]+))?\}|\[([A-Za-z]+):([^|\]]*)\|([^\]]*)\]")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    value: str
    person_id: str


@dataclass(slots=True)
class Plan:
    statement_id: str
    lang: str
    speaker: str
    speaker_role: str  # victim | witness | suspect
    case_id: str
    day: date
    officer: str
    place: str  # city key where the interview took place
    events: list[tuple[str, Event]] = field(default_factory=list)  # (template kind, event)
    namesake_of: str = ""

    @property
    def script(self) -> str:
        return "Cyrl" if self.lang == "ru" else "Latn"


@lru_cache(maxsize=None)
def compile_template(template: str) -> tuple[tuple, ...]:
    """Split a template into literal text, slots ("slot", name, form) and gender agreements
    ("agree", name, masculine, feminine)."""
    pieces: list[tuple] = []
    last = 0
    for m in _TOKEN.finditer(template):
        if m.start() > last:
            pieces.append(("text", template[last:m.start()]))
        if m.group(1):
            pieces.append(("slot", m.group(1), m.group(2) or "nom"))
        else:
            pieces.append(("agree", m.group(3), m.group(4), m.group(5)))
        last = m.end()
    if last < len(template):
        pieces.append(("text", template[last:]))
    return tuple(pieces)


@lru_cache(maxsize=None)
def slot_names(template: str) -> frozenset[str]:
    return frozenset(p[1] for p in compile_template(template) if p[0] != "text")


class Builder:
    """Text assembled piece by piece; mentions carry the offsets where they were written."""

    __slots__ = ("parts", "pos", "mentions")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.mentions: list[Mention] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def mention(self, text: str, kind: str, value: str, person_id: str = "") -> None:
        self.mentions.append(Mention(self.pos, self.pos + len(text), text, kind, value, person_id))
        self.add(text)

    def text(self) -> str:
        return "".join(self.parts)


class Renderer:
    """Renders one statement: holds the per-statement spelling of every person named in it."""

    def __init__(self, rng: random.Random, plan: Plan, persons: dict[str, Person], knobs: Knobs) -> None:
        self.rng = rng
        self.plan = plan
        self.lang = plan.lang
        self.persons = persons
        self.knobs = knobs
        self.out = Builder()
        self.spellings: dict[str, Spelling] = {}
        self.seen: dict[str, int] = {}
        self.informal = rng.random() < knobs.informal_share

    # --- persons ------------------------------------------------------------------------------
    def spelling(self, pid: str) -> Spelling:
        sp = self.spellings.get(pid)
        if sp is None:
            r = self.rng
            sp = Spelling(self.lang, r.randint(1, 2) if r.random() < self.knobs.alt_scheme_rate else 0,
                          r.randint(1, 3) if r.random() < self.knobs.typo_rate else 0,
                          1 if r.random() < 0.2 else 0)
            self.spellings[pid] = sp
        return sp

    def style(self, person: Person, slot: str) -> str:
        r = self.rng
        if slot == "me":
            return "full"
        if slot == "off":
            return r.choice(("initials", "sg", "gs")) if self.lang != "en" else r.choice(("gs", "sg"))
        n = self.seen.get(person.pid, 0)
        has_nick = person.name.nickname >= 0
        if self.informal:
            return "nick" if has_nick and r.random() < 0.5 else "given"
        if n == 0:
            if has_nick and r.random() < 0.15:
                return "nick"
            return r.choices(("full", "sg", "gs", "initials"), (35, 25, 30, 10 if self.lang == "ru" else 3))[0]
        options = ["given", "sg", "gs", "initials"] + (["nick"] if has_nick else [])
        weights = [30, 20, 20, 10] + ([20] if has_nick else [])
        return r.choices(options, weights)[0]

    def person(self, pid: str, slot: str, case: str) -> None:
        person = self.persons[pid]
        sp = self.spelling(pid)
        style = self.style(person, slot)
        text = render(person.name, sp, style, case)
        self.seen[pid] = self.seen.get(pid, 0) + 1
        person.statements.add(self.plan.statement_id)
        if style != "nick":
            person.variants.add(render(person.name, sp, "sg"))
            person.scripts.add(sp.script)
        self.out.mention(text, "person", pid, pid)

    # --- values -------------------------------------------------------------------------------
    def value(self, v: object, slot: str, form: str) -> None:
        r, lang, out = self.rng, self.lang, self.out
        if isinstance(v, PersonRef):
            self.person(v.pid, slot, form)
        elif isinstance(v, PlaceRef):
            place = PLACES[v.key]
            case = form if (lang == "az" and form in ("nom", "loc", "dat", "abl")) or \
                (lang == "ru" and form in ("nom", "loc", "gen", "acc")) else "nom"
            out.mention(place.form(lang, case), "place", place.key)
        elif isinstance(v, DateRef):
            out.mention(render_date(v.day, lang, r), "date", v.day.isoformat())
        elif isinstance(v, int):  # a birth year
            out.mention(render_year(v, lang), "date", str(v))
        elif isinstance(v, Money):
            out.mention(render_amount(v.amount, v.currency, lang, r), "money", money_value(v.amount, v.currency))
        elif isinstance(v, PhoneRef):
            out.mention(ids.render_phone(v.e164, r), "phone", v.e164)
        elif isinstance(v, DocRef):
            out.mention(ids.render_document(v.number, r), "document", v.number)
        elif isinstance(v, PlateRef):
            out.mention(ids.render_plate(v.plate, r), "plate", v.plate)
        elif isinstance(v, OrgRef):
            out.mention(v.org.render(lang, form), "organization", v.org.org_id)
        elif isinstance(v, Address):
            out.mention(v.render(lang), "place", v.value)
        elif isinstance(v, Raw):
            out.add(v.text[LANGS.index(lang)])
        else:
            out.add(str(v))

    def sentence(self, template: str, slots: dict[str, object]) -> None:
        for piece in compile_template(template):
            if piece[0] == "text":
                self.out.add(piece[1])
            elif piece[0] == "slot":
                self.value(slots[piece[1]], piece[1], piece[2])
            else:
                ref = slots[piece[1]]
                female = isinstance(ref, PersonRef) and self.persons[ref.pid].name.gender == "F"
                self.out.add(piece[3] if female else piece[2])

    def choose(self, templates: tuple[str, ...], slots: dict[str, object]) -> str | None:
        fitting = [t for t in templates if slot_names(t) <= slots.keys()]
        return self.rng.choice(fitting) if fitting else None

    def say(self, templates: tuple[str, ...], slots: dict[str, object], sep: str = " ") -> bool:
        t = self.choose(templates, slots)
        if t is None:
            return False
        self.sentence(t, slots)
        self.out.add(sep)
        return True


def render_statement(rng: random.Random, plan: Plan, cluster: Cluster,
                     knobs: Knobs) -> tuple[str, list[Mention], bool]:
    """The statement's text, its gold mentions, and whether it names people informally."""
    book = BOOKS[plan.lang]
    rd = Renderer(rng, plan, cluster.persons, knobs)
    out = rd.out
    speaker = cluster.persons[plan.speaker]
    group = cluster.group
    organiser = cluster.by_role("organiser")[0].pid
    money_handler = cluster.by_role("money_handler")[0].pid
    # header
    out.add(rng.choice(book.TITLES[plan.speaker_role]) + "\n\n")
    rd.sentence(rng.choice(book.PLACE_DATE), {"hplace": PlaceRef(plan.place), "hdate": DateRef(plan.day),
                                              "pad": " " * rng.randint(4, 30)})
    out.add("\n")
    rd.sentence(rng.choice(book.CASE), {"case": plan.case_id})
    out.add("\n")
    rd.sentence(rng.choice(book.OFFICER), {"off": PersonRef(plan.officer)})
    out.add("\n\n")
    # the speaker introduces themself
    intro = {"me": PersonRef(speaker.pid), "bd": DateRef(speaker.birth_date), "by": speaker.birth_date.year,
             "bplace": PlaceRef(speaker.birth_place), "addr": speaker.address, "ph": PhoneRef(speaker.phones[0])}
    rd.say(book.INTRO, intro)
    out.add(rng.choice(book.INTRO_TAIL) + "\n")
    base = {"me": PersonRef(speaker.pid), "O": PersonRef(organiser), "M": PersonRef(money_handler),
            "d": DateRef(group.start), "city": PlaceRef(speaker.address.city if speaker.address else "Baku"),
            "ph": PhoneRef(speaker.phones[-1])}
    if plan.speaker_role == "witness" and speaker.related_to and speaker.role != "unrelated":
        victim = cluster.persons[speaker.related_to]
        rel = book.RELATIONS[speaker.relation][0 if victim.name.gender == "F" else 1]
        rd.say(book.W["rel"], {"V": PersonRef(victim.pid), "rel": rel})
    if plan.speaker_role == "suspect":
        rd.say(book.S["deny"], base)
        if speaker.role != "organiser":
            rd.say(book.S["know"], base)
    if plan.namesake_of:
        for t in rng.sample(book.N, 2):
            rd.say((t,), base | {"V": PersonRef(plan.namesake_of)})
    section = {"victim": book.V, "witness": book.W, "suspect": book.S}[plan.speaker_role]
    for kind, event in plan.events:
        templates = section.get(kind)
        if not templates:
            continue
        if plan.speaker_role == "suspect" and kind == "transfer" and speaker.role == "organiser":
            templates = section["transfer_denied"]
        elif plan.speaker_role == "suspect" and kind == "transfer" and speaker.role != "money_handler":
            templates = templates[-1:]
        rd.say(templates, base | event.slots)
        if rng.random() < 0.25:
            out.add("\n")
    if plan.speaker_role == "suspect":
        rd.say(book.S["phone"], base)
    out.add("\n\n" + rng.choice(book.CLOSING) + "\n")
    return out.text(), out.mentions, rd.informal


def _lang(rng: random.Random, knobs: Knobs) -> str:
    return rng.choices(LANGS, knobs.lang_weights)[0]


def plan_statements(rng: random.Random, cluster: Cluster, stories: list[Story], knobs: Knobs) -> list[Plan]:
    """Decide who is interviewed, in which language, case and order, about which events."""
    persons = cluster.persons
    size = len(persons)
    target = max(1, int(size * knobs.statements_per_person + rng.random()))
    officer = cluster.by_role("officer")[0].pid
    by_victim = {s.victim: s for s in stories}
    plans: list[Plan] = []

    def place() -> str:
        return "Baku" if rng.random() < 0.7 else rng.choice(("Sumgait", "Ganja", "Lankaran", "Baku"))

    def new(speaker: Person, role: str, case: str, day: date, events: list[tuple[str, Event]],
            namesake_of: str = "") -> None:
        sid = f"S{cluster.index:06d}-{len(plans) + 1:02d}"
        plans.append(Plan(sid, _lang(rng, knobs), speaker.pid, role, case, day, officer, place(), events,
                          namesake_of))

    victims = [persons[s.victim] for s in stories]
    rng.shuffle(victims)
    n_victim = max(1, round(target * 0.55))
    n_suspect = max(1, round(target * 0.15)) if target >= 3 else 0
    n_namesake = sum(1 for p in persons.values() if p.namesake_of and rng.random() < 0.4)
    n_witness = max(0, target - n_victim - n_suspect - n_namesake)
    for i in range(n_victim):
        v = victims[i % len(victims)]
        s = by_victim[v.pid]
        new(v, "victim", v.case_ids[0], s.escape + timedelta(days=rng.randint(5, 60)),
            [(e.kind, e) for e in s.events if e.kind != "transfer"])
    talkers = [p for p in persons.values() if p.role in ("witness", "relative")]
    rng.shuffle(talkers)
    for w in talkers[:n_witness]:
        s = by_victim[w.related_to]
        evs = [(("recruit" if e.kind == "recruit_org" else e.kind), e) for e in s.events
               if e.kind in ("recruit", "recruit_org", "call", "pay", "leg_border", "leg_air", "escape")]
        chosen = sorted(rng.sample(range(len(evs)), min(len(evs), rng.randint(2, 4))))
        new(w, "witness", persons[w.related_to].case_ids[0], s.escape + timedelta(days=rng.randint(3, 90)),
            [evs[i] for i in chosen])
    members = [persons[m] for m in cluster.group.members]
    rng.shuffle(members)
    suspect_kinds = {"recruiter": ("recruit",), "transporter": ("leg_border", "leg_air"),
                     "document_forger": ("forged",), "harbourer": ("exploit", "transfer"),
                     "money_handler": ("transfer",), "organiser": ("transfer",)}
    for m in members[:n_suspect]:
        evs = []
        last = cluster.group.start
        for s in stories:
            for e in s.events:
                if m.pid in e.actors and e.kind in suspect_kinds[m.role]:
                    evs.append(("recruit" if e.kind == "recruit_org" else e.kind, e))
                    last = max(last, s.escape)
        evs = evs[: rng.randint(1, 4)]
        new(m, "suspect", m.case_ids[0], last + timedelta(days=rng.randint(10, 120)), evs)
    namesakes = [p for p in persons.values() if p.namesake_of]
    for n in namesakes[:n_namesake]:
        target_p = persons[n.namesake_of]
        case = target_p.case_ids[0] if target_p.case_ids else cluster.group.case_ids[0]
        n.case_ids.append(case)
        new(n, "witness", case, cluster.group.start + timedelta(days=rng.randint(200, 900)), [], n.namesake_of)
    return plans

"""Person mentions of many statements -> resolver records, one per person per case.

1. each statement is linked on its own (``coref.link_statement``): its mentions of one person
   form a group, with the phones and birth date tied to that person;
2. within one case, the groups of its statements are joined (``join_case``, also what
   ``halqa resolve run`` does with the Person nodes of a case): groups whose full names agree
   (same surname, compatible given name, no conflicting birth date) *and* share a phone or a
   full birth date are one person; the same full name with nothing else in
   common is left for review (two people of one case may share a name); a group
   known only by a short name (a given name, an inflected form) joins the *only* full-name
   person of the case it fits, and otherwise the case's other groups with the same short
   name (as statement ingest does: one Person per case and name). A speaker is never joined
   with a same-name person mentioned in their own statement (``apart``). A full name may
   differ by a one-letter slip in one word (``_same_name``). Groups of two statements known
   only by one nickname go to review together (members of a network may share a common
   nickname); a nickname that a shared phone ties to one named person goes to review with
   that person when used again;
   two groups of one statement that only a slip makes one name are two people;
3. each case-level person becomes a :class:`Record` (every spelling an alias, its phones and
   birth date, its case, protected when it is the speaker of a protected statement); the
   resolver then links them across cases with its usual thresholds, vetoes and review queue.

Every join carries its reason (``MentionRecords.reasons``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ingest.extract.folding import fold
from ingest.extract.gazetteer import names

from .coref import Span, father_initial, genders_clash, link_statement, name_fits, words_agree
from .features import birth_dates_conflict, word_similarity
from .names import PersonName, parse_name
from .record import Record

__all__ = ["CaseJoins", "StatementInput", "MentionRecords", "corroboration", "join_case",
           "mention_records"]


@dataclass(frozen=True)
class StatementInput:
    id: str
    case: str
    text: str
    persons: Sequence[Span]
    values: Sequence[Span] = ()
    protected_speaker: bool = False  # a victim's or witness's own statement


@dataclass
class MentionRecords:
    records: list[Record] = field(default_factory=list)
    record_of: dict[str, str] = field(default_factory=dict)  # mention id -> record id
    reasons: dict[str, str] = field(default_factory=dict)  # mention id -> why it is in its record
    # (record id, record id, why): same full name in one case with nothing else in common
    review: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class _Group:
    case: str
    mentions: list[str]
    names: list[PersonName]
    phones: set[str]
    birth_dates: set[str]
    protected: bool
    speaker: bool = False
    apart: set[int] = field(default_factory=set)
    statement: str = ""
    official: bool = False  # named only in protocol headers (the investigator)
    ambiguous: bool = False  # a short name two people of its statement bear ("Заур увёз Заура")
    # a speaker who says they are not the person the case names ("I have been confused with
    # someone else", "it may be someone with the same name as me"): their name joins no one
    contested: bool = False

    @property
    def full(self) -> list[PersonName]:
        """Names with a surname and a given name; a group known only by surname and initials
        ("Babayeva S.") is treated like a short name: it joins the one person it fits."""
        return [n for n in self.names if n.surname_key and n.given_key]


def _compatible_dates(a: set[str], b: set[str]) -> bool:
    return all(birth_dates_conflict(x, y)[0] > 0 for x in a for y in b)


def corroboration(a: _Group, b: _Group) -> str | None:
    """What, besides the name, says two case groups are one person: a shared phone or the same
    full birth date. Two people with the same full name in one case happen (cousins named
    after one grandfather, even with the same father's name): the name, father's name
    included, never joins two groups of different statements on its own."""
    shared = sorted(a.phones & b.phones)
    if shared:
        return f"shares phone {shared[0]}"
    same = sorted(d for d in a.birth_dates & b.birth_dates if len(d) == 10)
    if same:
        return f"same birth date {same[0]}"
    return None


SLIP = 0.8  # ``word_similarity`` of a one-letter (or one-sound) slip in a name word


def _same_name(x: PersonName, y: PersonName) -> str | None:
    """Why two full names are one name: the same given name and the same surname, or a
    one-letter (one-sound) slip in one of the two words ("Sadıqov"/"Sadkyhov",
    "Elşən"/"Elsen", "Магомед"/"Məhəmməd"), never in both; None otherwise."""
    if not (x.given_key and y.given_key):
        return None
    similar = word_similarity(x.given, x.given_key, y.given, y.given_key)[0]
    given = words_agree(x.given_key, y.given_key) or similar == 1.0  # "Elçin"/"Elcin"
    if not given and similar < SLIP:
        return None
    if words_agree(x.surname_key, y.surname_key):
        if given:
            return f"same full name as {y.original!r} in the same case"
        return f"same surname, given name one letter from {y.original!r}, same case"
    if given and word_similarity(x.surname, x.surname_key, y.surname, y.surname_key)[0] >= SLIP \
            and not (_listed_surname(x) and _listed_surname(y)):
        return f"same given name, surname one letter from {y.original!r}, same case"
    return None


def _near_name(x: PersonName, y: PersonName) -> bool:
    """A slip in both words ("Шабнам Велиева" / "Veileva Sabnam"): not one name on its own
    (``_same_name``), but no conflict for two groups that share a phone; two listed surnames
    are still two families, and two genders or fathers' names two people."""
    if genders_clash(x, y) or _listed_surname(x) and _listed_surname(y) \
            and not words_agree(x.surname_key, y.surname_key):
        return False
    if x.patronymic_key and y.patronymic_key and not words_agree(x.patronymic_key, y.patronymic_key):
        return False
    return (word_similarity(x.given, x.given_key, y.given, y.given_key)[0] >= SLIP
            and word_similarity(x.surname, x.surname_key, y.surname, y.surname_key)[0] >= SLIP)


def _initial_slip(short: PersonName, full: PersonName) -> bool:
    """"Novruzvo V." for "Novruzov Vüqar": a surname with initials, the surname a slip
    (``SLIP``) from the full name's, not two listed surnames, the same initial, no other
    father's initial."""
    if not (short.surname_key and short.given_initial and not short.given_key and full.given_key):
        return False
    if short.initial_key != full.initial_key or _listed_surname(short) and _listed_surname(full):
        return False
    if genders_clash(short, full):
        return False
    if word_similarity(short.surname, short.surname_key, full.surname, full.surname_key)[0] < SLIP:
        return False
    a, b = father_initial(short), father_initial(full)
    return not (a and b and a != b)


def _listed_surname(n: PersonName) -> bool:
    """The surname, as written, is one of the name lists' surnames: two listed surnames one
    letter apart ("Vəliyev", "Əliyev") are two families, not a slip."""
    return fold(n.surname_written or n.surname + n.surname_suffix) in names().surnames


def _full_agree(a: _Group, b: _Group) -> str | None:
    """Why two case groups with full names are one person: ``_same_name`` with no other
    father's name, gender or birth date; None otherwise."""
    if not _compatible_dates(a.birth_dates, b.birth_dates):
        return None
    for x in a.full:
        for y in b.full:
            if genders_clash(x, y):
                continue
            if x.patronymic_key and y.patronymic_key and not words_agree(x.patronymic_key,
                                                                         y.patronymic_key):
                continue
            why = _same_name(x, y)
            if why:
                return why
    return None


def _two_people(a: _Group, b: _Group) -> bool:
    """The same name (``_same_name``), but something says two people: another father's
    name or a different birth date."""
    if not any(_same_name(x, y) for x in a.full for y in b.full):
        return False
    if not _compatible_dates(a.birth_dates, b.birth_dates):
        return True
    return any(x.patronymic_key and y.patronymic_key and _same_name(x, y)
               and not words_agree(x.patronymic_key, y.patronymic_key)
               for x in a.full for y in b.full)


def _shared_names(groups: list[_Group]) -> set[int]:
    """Groups of a full name that the case shows to belong to two people (``_two_people``;
    a speaker and a same-name person of their own statement: ``apart``; two groups of one
    statement, which spells one person one way, that only a slip makes one name: "Gasanova
    Sabnam" and "Shabnam Hasanova"), and every other group of that name."""
    full = [n for n, g in enumerate(groups) if g.full]
    out: set[int] = set()
    for x in range(len(full)):
        for y in range(x + 1, len(full)):
            i, j = full[x], full[y]
            gi, gj = groups[i], groups[j]
            one_statement = bool(gi.statement) and gi.statement == gj.statement
            if (j in gi.apart or one_statement) and any(_same_name(n, f) for n in gi.full
                                                        for f in gj.full) \
                    or _two_people(gi, gj):
                out |= {i, j}
    if out:
        out |= {k for k in full if any(_same_name(n, f) for m in out for n in groups[k].full
                                       for f in groups[m].full)}
    return out


def _given_keys(g: _Group) -> set[str]:
    """Keys of the group's given names, nicknames left out ("Bacı" is not a given name)."""
    nick = names().nicknames
    return {n.given_key for n in g.names if n.given_key and not n.surname_key
            and fold(n.original) not in nick} | {n.given_key for n in g.full}


def _names_conflict(a: _Group, b: _Group) -> bool:
    """Two groups whose names say two people: full names on both sides and none the same
    (``_same_name``), surnames or given names (not nicknames) on both sides that differ, or
    two genders."""
    near = False
    if a.full and b.full and not any(_same_name(x, y) for x in a.full for y in b.full):
        # a slip in both words of each name: not against a shared phone, when every full name
        # of one is near one of the other
        if not all(any(_near_name(x, y) for y in b.full) for x in a.full):
            return True
        near = True
    sa = {n.surname_key for n in a.names if n.surname_key}
    sb = {n.surname_key for n in b.names if n.surname_key}
    if sa and sb and not near and not any(words_agree(x, y) for x in sa for y in sb):
        return True
    na, nb = _given_keys(a), _given_keys(b)
    if na and nb and not near and not any(words_agree(x, y) for x in na for y in nb):
        return True
    ga = {n.gender for n in a.names if n.gender}
    gb = {n.gender for n in b.names if n.gender}
    return len(ga) == 1 and len(gb) == 1 and ga != gb


def _nicknames(g: _Group) -> set[str]:
    """Base forms of the nicknames the group is known by ("Bacı", "Баджы", "Bacıya" -> "baci")."""
    nick = names().nicknames
    return {nick[f] for n in g.names if not n.surname_key and (f := fold(n.original)) in nick}


def _only_nicknames(g: _Group) -> bool:
    return bool(g.names) and len(_nicknames(g)) == 1 and all(
        not n.surname_key and fold(n.original) in names().nicknames for n in g.names)


def _short_key(g: _Group) -> str:
    n = g.names[0]
    if n.surname_key and n.given_initial:
        return f"{n.surname_key} {n.initial_key}"
    return n.given_key or n.surname_key


class _Joins:
    def __init__(self, groups: list[_Group]):
        self.groups = groups
        self.parent = list(range(len(groups)))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.groups[ri], self.groups[rj]
        if {self.find(x) for x in a.apart} & {rj} or {self.find(x) for x in b.apart} & {ri}:
            return False
        if not _compatible_dates(a.birth_dates, b.birth_dates):
            return False
        self.parent[rj] = ri
        a.mentions += b.mentions
        a.names += b.names
        a.phones |= b.phones
        a.birth_dates |= b.birth_dates
        a.protected = a.protected or b.protected
        a.official = a.official and b.official
        a.apart |= b.apart
        a.contested = a.contested or b.contested
        return True


def _statement_groups(st: StatementInput, reasons: dict[str, str]) -> list[_Group]:
    links = link_statement(st.text, st.persons, st.values)
    by_id = {p.id: p for p in st.persons}
    groups, index = [], {}
    for members in links.groups:
        head = members[0]
        index[head] = len(groups)
        groups.append(_Group(case=st.case, mentions=list(members),
                             names=[parse_name(by_id[m].text) for m in members],
                             phones=set(links.phones.get(head, ())),
                             birth_dates={links.birth_date[head]} if head in links.birth_date else set(),
                             protected=st.protected_speaker and head == links.speaker,
                             speaker=head == links.speaker, statement=st.id,
                             official=head in links.header,
                             ambiguous=head in links.ambiguous,
                             contested=links.contested and head == links.speaker))
        for m in members:
            reasons[m] = f"{st.id}: {links.reasons.get(m, '')}"
    for a, b in links.apart:
        groups[index[a]].apart.add(id(groups[index[b]]))
        groups[index[b]].apart.add(id(groups[index[a]]))
    return groups


@dataclass
class CaseJoins:
    """What ``join_case`` decided for one case's groups: ``find`` gives a group's person,
    ``joined`` the (person, group, reason) joins made, ``unsure`` the (group, group, reason)
    pairs left for review."""

    joins: _Joins
    joined: list[tuple[int, int, str]] = field(default_factory=list)
    unsure: list[tuple[int, int, str]] = field(default_factory=list)

    def find(self, i: int) -> int:
        return self.joins.find(i)


def join_case(case: str, groups: list[_Group]) -> CaseJoins:
    """Join the groups of one case (``apart``: indexes into ``groups``) into persons."""
    joins = _Joins(groups)
    out = CaseJoins(joins)
    full = [n for n, g in enumerate(groups) if g.full and not g.speaker]
    short = [n for n, g in enumerate(groups) if not g.full]
    bare: list[tuple[int, int, str]] = []
    for x in range(len(full)):  # full names that agree, in the same case
        for y in range(x + 1, len(full)):
            i, j = full[x], full[y]
            if joins.find(i) != joins.find(j):
                gi, gj = groups[joins.find(i)], groups[joins.find(j)]
                why = _full_agree(gi, gj)
                if not why:
                    continue
                also = corroboration(gi, gj)
                if also is None:
                    bare.append((i, j, why))
                elif joins.union(i, j):
                    out.joined.append((i, j, f"{why}, {also}"))
    shared = _shared_names(groups)
    for i, j, why in bare:  # the same name and nothing else: one person unless the case
        if joins.find(i) == joins.find(j):  # shows two people of that name
            continue
        if i in shared or j in shared:
            out.unsure.append((i, j, f"{why}, nothing else in common, and the case has two "
                                     "people of that name"))
        elif joins.union(i, j):
            out.joined.append((i, j, f"{why}, the only person of that name in case {case}"))
        else:
            out.unsure.append((i, j, f"{why}, nothing else in common"))
    for i in (n for n, g in enumerate(groups) if g.full and g.speaker):
        # a speaker joins the one person of the case they fit, never one of several
        roots = {joins.find(j) for j in full if joins.find(j) != joins.find(i)}
        fits = [(r, why) for r in roots if (why := _full_agree(groups[i], groups[r]))]
        if len(fits) == 1 and groups[i].contested:
            out.unsure.append((fits[0][0], i, f"{fits[0][1]}, but the speaker says they are not "
                                              "the person the case names"))
        elif len(fits) == 1 and i in shared:
            out.unsure.append((fits[0][0], i, f"{fits[0][1]}, and the case has two people of "
                                              "that name"))
        elif len(fits) == 1 and joins.union(fits[0][0], i):
            out.joined.append((fits[0][0], i, f"{fits[0][1]}; the only person of the case the "
                                              "speaker fits"))
        full.append(i)
    by_phone: dict[str, list[int]] = {}
    for n, g in enumerate(groups):
        for phone in g.phones:
            by_phone.setdefault(phone, []).append(n)
    for phone, members in sorted(by_phone.items()):  # one phone, names that do not conflict
        for x, j in enumerate(members):
            # every earlier holder, not only the first: which of them a group meets first
            # must not decide ("Шабнам" conflicts with "Veileva Sabnam", not once it has
            # joined "Шабнам Велиева", whose full name is near it)
            for i in members[:x]:
                ri, rj = joins.find(i), joins.find(j)
                if ri != rj and not _names_conflict(groups[ri], groups[rj]) and joins.union(ri, rj):
                    out.joined.append((ri, rj, f"shares phone {phone} in case {case}"))
    roots = sorted({joins.find(i) for i in full})  # after the phone joins
    full_roots = set(roots)
    # a nickname tied to a person (a phone shared with their name): other groups known only
    # by that nickname in the case are that person, when no other person of the case has it
    owners: dict[str, set[int]] = {}
    for n, g in enumerate(groups):
        r = joins.find(n)
        if r != n or r not in full_roots and not groups[r].phones:
            continue
        for base in _nicknames(g):
            owners.setdefault(base, set()).add(r)
    by_key: dict[str, int] = {}
    for i in short:  # short names: the one full-name person they fit, or each other
        if joins.find(i) in full_roots:  # already joined to a full-name person (a shared phone)
            continue
        g = groups[i]
        if _only_nicknames(g) and joins.find(i) == i:
            base = next(iter(_nicknames(g)))
            known = owners.get(base, set()) - {i}
            if len(known) == 1 and (r := next(iter(known))) != i:
                # two members of a group may share a nickname: a reviewer decides
                out.unsure.append((r, i, f"known as {g.names[0].original!r}, a nickname of "
                                         f"{groups[r].names[0].original!r} in case {case}"))
                continue
        if g.ambiguous:  # its statement names two people so: the name says neither
            continue
        # an account's short name is not the protocol's official ("Fuad" of the account is not
        # "Dindirmə Fuad Məmmədov tərəfindən aparılmışdır" of the header)
        fits = [r for r in roots if not {joins.find(x) for x in groups[r].apart} & {joins.find(i)}
                and (g.official or not groups[r].official) and not groups[r].contested
                and any(name_fits(n, f) for n in g.names for f in groups[r].full)]
        if len(fits) == 1 and joins.union(fits[0], i):
            out.joined.append((fits[0], i, f"the only person in case {case} it fits: "
                                           f"{groups[fits[0]].full[0].original!r}"))
            continue
        slips = [] if fits else [r for r in roots if not {joins.find(x) for x in groups[r].apart}
                                 & {joins.find(i)} and (g.official or not groups[r].official)
                                 and not groups[r].contested
                                 and any(_initial_slip(n, f) for n in g.names
                                                            for f in groups[r].full)]
        if len(slips) == 1 and joins.union(slips[0], i):
            out.joined.append((slips[0], i, f"the only person in case {case} it fits, surname one "
                                            f"letter from {groups[slips[0]].full[0].original!r}"))
            continue
        key = _short_key(g)
        if fits or not key:
            continue
        same = next((j for k, j in by_key.items() if k == key or (
            " " not in key + k and words_agree(k, key))), None)
        if same is not None and joins.find(same) != joins.find(i) and _only_nicknames(g) \
                and _nicknames(g) == _nicknames(groups[same]) \
                and not any(_nicknames(g) & _nicknames(groups[r]) for r in full_roots):
            # two members of a network may share a common nickname ("Xala", "Kürd"): with
            # nothing else in common, a reviewer decides
            out.unsure.append((same, i, f"the same nickname {g.names[0].original!r} as another "
                                        f"statement of case {case}, no person of the case named "
                                        "with it, nothing else in common"))
        elif same is not None and joins.find(same) != joins.find(i):
            # Two bare short names ("Lala", "Lala") are weak evidence: a reviewer decides.
            out.unsure.append((same, i, f"same short name as another statement of case {case}, "
                                        "nothing else in common"))
        elif same is None:
            by_key[key] = i
    return out


def mention_records(statements: Sequence[StatementInput]) -> MentionRecords:
    out = MentionRecords()
    by_case: dict[str, list[_Group]] = {}
    for st in statements:
        by_case.setdefault(st.case, []).extend(_statement_groups(st, out.reasons))
    for case, groups in sorted(by_case.items()):
        ident = {id(g): n for n, g in enumerate(groups)}
        for g in groups:
            g.apart = {ident[x] for x in g.apart if x in ident}
        done = join_case(case, groups)
        for _, j, why in done.joined:
            out.reasons[groups[j].mentions[0]] += f"; {why}"
        rid_of = {r: f"{case}/{groups[r].mentions[0]}" for r in {done.find(i) for i in range(len(groups))}}
        for i, j, why in done.unsure:
            ri, rj = done.find(i), done.find(j)
            if ri != rj:
                out.review.append((rid_of[ri], rid_of[rj], why))
        for r in sorted(rid_of):
            g = groups[r]
            rid = rid_of[r]
            dates = sorted(g.birth_dates, key=len)
            out.records.append(Record.build(
                rid, [n.original for n in g.names if n.original], birth_date=dates[-1] if dates else None,
                phones=sorted(g.phones), case_ids=[case], protected=g.protected, source=case))
            for m in g.mentions:
                out.record_of[m] = rid
    return out

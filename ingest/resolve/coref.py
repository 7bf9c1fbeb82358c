"""Within-statement coreference: which person mentions of one statement are one person, and
which phones and birth dates in it belong to whom. Pure; reads only the statement's own text
and mention spans.

Rules, each giving the reason shown with the link:
- the speaker is the person named in the introduction ("Mən, X," / "Я, X," / "I, X,"); after
  it a speaker talks of themself in the first person, so no later mention in their own
  statement is the speaker (``apart``; a same-name mention there is a namesake);
- a fuller mention joins an earlier one with the same surname and a compatible given name or
  initial (and no conflicting father's name);
- a short mention (a given name, a surname, an inflected form such as "Gülnarəyə",
  "Гюльнарой") joins the *only* person of the statement it fits; when it fits several, the
  one named in full last before it in the same or the previous sentence, unless another
  fitting person was named in that sentence too (``_most_recent``); otherwise it stays apart;
  identical short mentions that fit no full name are one person; persons named before the
  introduction (the investigator in the protocol's header) are not candidates, and a full
  name of the account joins a header person only when both have a given name ("Zümrüd
  Hüseynova" is not "Hüseynov Z."); two different fathers' initials or names keep two
  mentions apart ("Гусеинов Х.Т." / "Гуссейнов Хаял Ниджат оглы");
- the phone and birth date of the introduction are the speaker's; elsewhere a phone belongs to
  the nearest person named before it in the same sentence ("Bacı mənə 050 514 01 29 nömrəli
  telefondan zəng edirdi"), within ``NEAR`` characters, or when none is, the first person
  named after it in the sentence ("... nömrəsindən zəng gəldi, danışan İsmayılova M. idi"). Documents are not attached: in a
  victim's statement a passport next to a name is as often the victim's own as the named
  person's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ingest.extract.folding import fold
from ingest.extract.gazetteer import names as name_lists

from .names import PersonName, parse_name, phonetic_key

__all__ = ["Span", "StatementLinks", "father_initial", "genders_clash", "link_statement", "words_agree",
           "name_fits"]

NEAR = 90  # characters between a person mention and a phone attached to it
# the caller named after the number: "... nömrəsindən zəng gəldi, danışan X idi", "поступил
# звонок с номера ..., звонил X", "a call came from ...; it was X"
_CALLER = re.compile(r"(?:danışan|danisan|звонил[аи]?|it\s+was)\s*$", re.IGNORECASE)
# the number's owner in a possessive: "X-in telefon nömrəsini V mənə vermişdi: ...",
# "Номер телефона X-а мне дал V: ...", "the phone number of X"
_OWNER_AFTER = re.compile(r"\s*(?:telefon\s+)?nömrə(?:si|sini)\b", re.IGNORECASE)
_OWNER_BEFORE = re.compile(r"(?:номер(?:а|ом)?(?:\s+телефона)?|number\s+of)\s*$", re.IGNORECASE)
_INTRO = re.compile(r"(?:^|\n)\s*(?:Mən|Men|Я|I)\s*,\s*$", re.IGNORECASE)
# a speaker who contests being the person the case names: "I have been confused with someone
# else", "Меня перепутали с другим человеком", "Məni başqa adamla səhv salıblar"; "it may be
# someone with the same name", "возможно, это мой однофамилец", "mənim adaşım ola bilər"; "I do
# not know the persons named", "Названных лиц я не знаю", "Adları çəkilən şəxsləri tanımıram"
_CONTESTS = re.compile(
    r"(?:confused|mixed\s+up|mistaken)\s+(?:me\s+)?(?:with|for)\s+(?:someone|somebody|another)"
    r"|same\s+name\s+as\s+me|my\s+namesake|do\s+not\s+know\s+(?:anyone|anybody)\s+called"
    r"|do\s+not\s+know\s+the\s+(?:persons|people)\s+(?:named|mentioned)"
    r"|перепутали|однофамил|тёзк|тезк|с\s+кем-то\s+другим"
    r"|названных\s+(?:лиц|людей)\s+(?:я\s+)?не\s+знаю|человека\s+по\s+имени\s.{1,60}?не\s+знаю"
    r"|səhv\s+salıb|adaşım|adları\s+çəkilən\s+şəxsləri\s+tanımıram"
    r"|adlı\s+şəxsi\s+tanımıram", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZƏÇŞĞÜÖİА-ЯЁ«\"(])|\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A mention in the statement text: a person (``value`` unused) or a value (phone,
    document, date) with its cleaned ``value``."""

    id: str
    start: int
    end: int
    text: str
    kind: str = "person"
    value: str = ""


@dataclass
class StatementLinks:
    speaker: str | None = None
    groups: list[list[str]] = field(default_factory=list)  # person mention ids per person
    reasons: dict[str, str] = field(default_factory=dict)  # mention id -> why it joined its group
    phones: dict[str, set[str]] = field(default_factory=dict)  # group head -> phones
    birth_date: dict[str, str] = field(default_factory=dict)  # group head -> YYYY[-MM-DD]
    apart: list[tuple[str, str]] = field(default_factory=list)  # group heads never the same
    header: set[str] = field(default_factory=set)  # group heads named only before the introduction
    # short mentions of a name that two people of the statement bear ("Заур увёз Заура"):
    # they join no one by name
    ambiguous: set[str] = field(default_factory=set)
    # the speaker says they are not the person the case names (``_CONTESTS``): a namesake, as
    # far as the name goes; their name alone joins them to no one
    contested: bool = False

    def group_of(self) -> dict[str, str]:
        """Mention id -> its group's head (first mention)."""
        return {m: g[0] for g in self.groups for m in g}


def words_agree(a: str, b: str) -> bool:
    """Two name keys agree: equal, or the same stem with different short case endings
    (Gülnarə / Gülnarəyə / Gülnarənin, Гюльнара / Гюльнарой, Шейтан / Шейтана)."""
    if not a or not b:
        return False
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    shorter = min(len(a), len(b))
    return (common >= 3 and common >= shorter - 1 and len(a) - common <= 3
            and len(b) - common <= 3)


_TWO_INITIALS = re.compile(r"(?:^|\s)[^\W\d_]\.\s?([^\W\d_])\.")


def father_initial(n: PersonName) -> str:
    """The first letter of the father's name: of the patronymic, or the second of two
    initials ("Алиева Н.Х."); '' when the name does not say."""
    if n.patronymic:
        return phonetic_key(n.patronymic)[:1]
    m = _TWO_INITIALS.search(n.original)
    return phonetic_key(m.group(1))[:1] if m else ""


def _fathers_differ(n: PersonName, others: Sequence[PersonName]) -> bool:
    mine = father_initial(n)
    return bool(mine) and any((f := father_initial(o)) and f != mine for o in others)


def _given_fits(x: PersonName, y: PersonName) -> bool:
    if x.given_key and y.given_key:
        return words_agree(x.given_key, y.given_key)
    return bool(x.initial_key and x.initial_key == y.initial_key)


def genders_clash(x: PersonName, y: PersonName) -> bool:
    """Two names of two genders. A Russian feminine-looking form is no evidence ("Ахмедова" is
    also the genitive of the man's "Ахмедов"), but a Russian masculine form is: "Ахмедов
    Н.Ф." is never the woman "Nigar Əhmədova"."""
    if not (x.gender and y.gender) or x.gender == y.gender:
        return False
    woman = x if x.gender == "f" else y
    return "cyrillic" not in woman.script


def _nickname_not_given(short: PersonName, full: PersonName) -> bool:
    """A one-word mention spelt as a listed nickname (a form no listed given name has) is
    that nickname, not a given name that only sounds like it: "Lələ" ("nanny") is not "Lalə"
    of "Hüseynova Lalə", in Azerbaijani two different words. Said only when both are in one
    script and the given name is spelt otherwise; a nickname's key still matches names
    spelt in another script."""
    if fold(short.original) not in name_lists().nicknames or short.script != full.script:
        return False
    return fold(short.given) != fold(full.given)


def name_fits(short: PersonName, full: PersonName) -> str | None:
    """Why ``short`` can name the person ``full`` names, or None. Both need a key; a surname on
    both sides must agree, then the given name (or initial)."""
    if genders_clash(short, full):
        return None
    if short.surname_key and full.surname_key:
        if not words_agree(short.surname_key, full.surname_key):
            return None
        if (short.given_key or short.given_initial) and (full.given_key or full.given_initial):
            if not _given_fits(short, full):
                return None
            if short.patronymic_key and full.patronymic_key and not words_agree(
                    short.patronymic_key, full.patronymic_key):
                return None
            a, b = father_initial(short), father_initial(full)
            if a and b and a != b:  # "Гусеинов Х.Т." is not "Гуссейнов Х.Н." nor "Хаял Ниджат оглы"
                return None
            return "same surname and given name"
        return "same surname"
    if short.surname_key and not full.surname_key:
        return None
    # short has no surname: its one word is a given name, a nickname or an inflected form
    if short.given_key and full.given_key and words_agree(short.given_key, full.given_key):
        if _nickname_not_given(short, full):
            return None
        return "given name of"
    if short.given_key and full.surname_key and len(short.given_key) >= len(full.surname_key) \
            and words_agree(short.given_key, full.surname_key):
        # a surname the parser did not recognise, maybe inflected: never shorter than its
        # stem ("Əli" is not a form of "Əliyeva")
        return "surname of"
    return None


def _is_full(n: PersonName) -> bool:
    return bool(n.surname_key) and bool(n.given_key or n.given_initial)


def _sentence_start(text: str, pos: int, opening: bool = False) -> int:
    """Where the sentence holding ``pos`` begins. A break right before ``pos`` counts only
    with ``opening`` (a name that opens a sentence is in that sentence); without it, such a
    name is taken with the sentence before, as the window of ``_most_recent`` always was."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, min(len(text), pos + 1) if opening else pos):
        start = m.end()
    return start


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() + 1 if m else len(text)


def _most_recent(text: str, p: Span, fits: list[tuple[str, str]], members: dict[str, list[str]],
                 at: dict[str, Span]) -> tuple[str, str] | None:
    """Of several persons a short mention fits, the one named in full last before it, when
    that mention is in the same or the previous sentence and every other fitting person was
    last named before that sentence ("Əli Quliyev ... Əli Həsənov məni apardı. Əli dedi"),
    and before the sentence that precedes the short name's own."""
    last: list[tuple[int, str, str]] = []
    for h, why in fits:
        before = [at[m].start for m in members[h] if at[m].start < p.start]
        if not before:
            continue
        last.append((max(before), h, why))
    if not last:
        return None
    last.sort(reverse=True)
    start, h, why = last[0]
    here = _sentence_start(text, p.start)
    previous = _sentence_start(text, max(0, here - 2)) if here else 0
    if start < previous:
        return None
    if len(last) > 1 and last[1][0] >= _sentence_start(text, start):
        return None  # two fitting persons named in that sentence: either could be meant
    own = _sentence_start(text, p.start, opening=True)
    if len(last) > 1 and last[1][0] >= (_sentence_start(text, own - 2) if own else 0):
        # another fitting person named in the short name's sentence or the one before it:
        # either could be meant ("Arzu Quliyeva gave me Arzu Səfərova's number. We gave
        # Səfərova Arzu money to find Arzu a job": the second Arzu is not the one just named)
        return None
    return h, why


# between two names of one clause: words only, no punctuation, no conjunction of clauses
_CLAUSE_GAP = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3}")
# a number or date between two names ("10.11.2020", "2021-ci", "2021 г.")
_NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[./-]\d+)*(?:\s*г\.|-?[^\W\d_]{1,2}\b)?(?![^\W\d_])")
_CLAUSE_JOINER = re.compile(r"(?:^|\s)(?:что|который|которая|чтобы|ki|that|who|and|и|və|но|amma)"
                            r"(?:\s|$)", re.IGNORECASE)


def _pairs_in_clause(text: str, pending: Sequence[Span],
                     names: dict[str, PersonName]) -> list[tuple[str, str]]:
    """Short mentions of one given name as two parts of one clause ("Заур увёз Заура", "Zaur
    Zauru apardı", "Zaur drove Zaur"): a person acting on themself is named by a reflexive
    ("себя", "özünü", "himself"), so the two are two people of that name."""
    out = []
    for a, b in zip(pending, pending[1:]):
        na, nb = names[a.id], names[b.id]
        if na.surname_key or nb.surname_key or not na.given_key or not nb.given_key:
            continue
        if not words_agree(na.given_key, nb.given_key):
            continue
        # a date or number between them is part of the clause ("Orxanın xahişi ilə 10.11.2020
        # Orxanın adına pasport hazırladım")
        gap = " ".join(_NUMBER.sub(" ", text[a.end:b.start]).split())
        if (not gap or _CLAUSE_GAP.fullmatch(gap) and not _CLAUSE_JOINER.search(f" {gap} ")
                and gap == gap.lower()):  # no one else named between them
            out.append((a.id, b.id))
    return out


def _one_clause_namesakes(text: str, pending: Sequence[Span],
                          names: dict[str, PersonName]) -> set[str]:
    """Given-name keys that two people of the statement bear (``_pairs_in_clause``)."""
    keys = {names[a].given_key for a, _ in _pairs_in_clause(text, pending, names)}
    return {names[p.id].given_key for p in pending if not names[p.id].surname_key
            and any(words_agree(names[p.id].given_key, k) for k in keys)}


def _named_before(p: Span, group: list[str], names: dict[str, PersonName],
                  at: dict[str, Span]) -> bool:
    """The person of ``group`` is named in full before the short mention ``p``."""
    return any(at[m].start < p.start and _is_full(names[m]) for m in group)


def link_statement(text: str, persons: Sequence[Span], values: Sequence[Span] = ()) -> StatementLinks:
    out = StatementLinks()
    persons = sorted(persons, key=lambda s: s.start)
    names = {p.id: parse_name(p.text) for p in persons}
    speaker = next((p for p in persons if _INTRO.search(text[max(0, p.start - 12):p.start])), None)
    out.speaker = speaker.id if speaker else None
    out.contested = speaker is not None and bool(_CONTESTS.search(text, speaker.end))
    heads: list[str] = []  # group heads in order
    members: dict[str, list[str]] = {}
    full_of: dict[str, PersonName] = {}  # head -> its fullest name
    pending: list[Span] = []
    # persons named before the introduction are the protocol's officials (the investigator):
    # a first name in the account is one of the people in it, not them, and so is a full
    # name that only shares the initial of one ("Hüseynov Z." in the header, "Zümrüd
    # Hüseynova" in the account)
    header = {p.id for p in persons if speaker is not None and p.start < speaker.start}
    for p in persons:  # pass 1: full names
        n = names[p.id]
        if p is speaker:
            heads.append(p.id)
            members[p.id] = [p.id]
            full_of[p.id] = n
            out.reasons[p.id] = "the speaker (introduction)"
            continue
        if not _is_full(n):
            pending.append(p)
            continue
        target = next((h for h in heads if h != out.speaker and _is_full(full_of[h])
                       and name_fits(n, full_of[h]) == "same surname and given name"
                       and (h not in header or full_of[h].given_key and n.given_key)
                       and not _fathers_differ(n, [names[m] for m in members[h]])), None)
        if target is None:
            heads.append(p.id)
            members[p.id] = [p.id]
            full_of[p.id] = n
            out.reasons[p.id] = "first full mention"
        else:
            members[target].append(p.id)
            if n.given_key and not full_of[target].given_key:
                full_of[target] = n
            out.reasons[p.id] = f"same surname and given name as {full_of[target].original!r}"
    at = {p.id: p for p in persons}
    short_heads: dict[tuple[str, str], str] = {}
    twice = _one_clause_namesakes(text, pending, names)
    for p in pending:  # pass 2: short forms join the one person they fit
        n = names[p.id]
        if n.given_key in twice:
            heads.append(p.id)
            members[p.id] = [p.id]
            full_of[p.id] = n
            out.ambiguous.add(p.id)
            out.reasons[p.id] = ("two people of this name in one clause of the statement: "
                                 "left apart")
            continue
        fits = [(h, why) for h in heads if h != out.speaker and h not in header
                and _is_full(full_of[h]) and (why := name_fits(n, full_of[h]))]
        if len(fits) == 1 and not _named_before(p, members[fits[0][0]], names, at):
            # named before the person's full name ("we gave Fuad ... Valliyev Fuad saw him
            # off"): a forward reference is no evidence within the statement; the case decides
            # (the only person of the case it fits, or apart when the case has several)
            fits = [(fits[0][0], "cataphor")]
        if len(fits) == 1 and fits[0][1] == "cataphor":
            heads.append(p.id)
            members[p.id] = [p.id]
            full_of[p.id] = n
            out.reasons[p.id] = "named before the full name it fits: left to the case"
            continue
        if len(fits) == 1:
            h, why = fits[0]
            members[h].append(p.id)
            out.reasons[p.id] = f"{why} {full_of[h].original!r}, the only such person here"
            continue
        recent = _most_recent(text, p, fits, members, at) if fits else None
        if recent is not None:
            h, why = recent
            members[h].append(p.id)
            out.reasons[p.id] = (f"{why} {full_of[h].original!r}, named last before it "
                                 "(the others it fits are named earlier)")
            continue
        key = (n.surname_key, n.given_key or n.given_initial)
        same = next((h for k, h in short_heads.items()
                     if k[0] == key[0] and words_agree(k[1], key[1]) or k == key), None) \
            if not fits and any(key) else None
        if same is not None:
            members[same].append(p.id)
            out.reasons[p.id] = f"same short name as {names[same].original!r}"
            continue
        heads.append(p.id)
        members[p.id] = [p.id]
        full_of[p.id] = n
        out.reasons[p.id] = ("fits several persons here: left apart" if fits
                             else "no fuller mention here")
        if not fits and any(key):
            short_heads[key] = p.id
    out.apart.extend((a, b) for a, b in _pairs_in_clause(text, pending, names)
                     if a in members and b in members)
    out.groups = [members[h] for h in heads]
    out.header = {h for h in heads if header and all(m in header for m in members[h])}
    group_of = out.group_of()
    if speaker is not None:  # the speaker says "I": every person named in their statement is another
        out.apart.extend((speaker.id, h) for h in heads if h != speaker.id)
    _attach(text, persons, values, speaker, group_of, out)
    return out


def _attach(text: str, persons: Sequence[Span], values: Sequence[Span], speaker: Span | None,
            group_of: dict[str, str], out: StatementLinks) -> None:
    intro_end = -1
    if speaker is not None:
        nl = text.find("\n", speaker.end)
        intro_end = len(text) if nl < 0 else nl
    for v in sorted(values, key=lambda s: s.start):
        in_intro = speaker is not None and speaker.end <= v.start < intro_end
        if v.kind == "date":
            if in_intro and speaker.id not in out.birth_date and re.fullmatch(
                    r"\d{4}(-\d{2}-\d{2})?", v.value):
                out.birth_date[speaker.id] = v.value
            continue
        if v.kind != "phone":
            continue
        if in_intro:
            out.phones.setdefault(speaker.id, set()).add(v.value)
            continue
        begin = _sentence_start(text, v.start)
        end = _sentence_end(text, v.end)
        not_me = [p for p in persons if speaker is None or p.id != speaker.id]
        caller = [p for p in not_me if v.end <= p.start and p.end <= end
                  and p.start - v.end <= NEAR and _CALLER.search(text[v.end:p.start])][:1]
        owner_named = [p for p in not_me if begin <= p.start and p.end <= v.start
                       and (_OWNER_AFTER.match(text, p.end)
                            or _OWNER_BEFORE.search(text[max(begin, p.start - 30):p.start]))]
        before = [p for p in not_me if begin <= p.start and p.end <= v.start
                  and v.start - p.end <= NEAR]
        if caller:  # "... nömrəsindən zəng gəldi, danışan X idi": the caller's, not the host's
            before = caller
        elif owner_named:  # "X-in telefon nömrəsini V mənə vermişdi: ...": X's, not V's
            before = owner_named[-1:]
        if not before:  # "(050) 514-01-29 nömrəsindən zəng gəldi, danışan İsmayılova M. idi"
            before = [p for p in persons if v.end <= p.start and p.end <= end
                      and p.start - v.end <= NEAR and (speaker is None or p.id != speaker.id)][:1]
        if before:
            owner = group_of[before[-1].id]
            out.phones.setdefault(owner, set()).add(v.value)

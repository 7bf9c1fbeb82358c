"""Persons: full names ("Məmmədov Rəşad Əli oğlu", "Мамедовым Рашадом Рауфовичем", "Rashad Ali
oglu Mammadov"), initials ("Həsənov R.", "Мамедов Р.Р."), given names and nicknames on their
own ("Rəşad dedi", "Чолак звонил"), and names after a cue ("Rəşad adlı", "по кличке «Шейтан»",
"a man called Rashad").

Each token gets a role from the gazetteers (given name, surname by list or ending, patronymic,
marker oğlu/кызы, initial, nickname, other capitalised word); runs of role tokens are cut into
names by the best-scoring sequence of name patterns, so two names written side by side
("Мамедова Ровшана Ниджату Гусейнову") stay two; a run two cuts fit equally well ("Гюнай
Исмаилова Малак") is cut as the statement's other names pair given names with surnames. A word
that a cue showed to be a name in this statement is a name wherever else it occurs in it,
inflected ("one name per statement").
"""

from __future__ import annotations

import re
from typing import Sequence

from ingest.extract.folding import fold
from ingest.extract.gazetteer import Names, names
from ingest.extract.inflection import RU_ENDINGS, forms, strip_az
from ingest.extract.mention import Mention
from ingest.extract.tokens import Tokens

GIVEN, SURNAME, PATRONYMIC, MARKER, INITIAL, NICK, OTHER = "G", "S", "P", "M", "I", "N", "O"
_INITIAL = re.compile(r"^(?:[A-ZƏÜÖĞIŞÇİА-ЯЁ]\.){1,3}$")
_PATRONYMIC = re.compile(r"(?:ович|евич|ич)(?:а|у|ем|е)?$|(?:овн|евн|ичн)(?:а|ы|е|у|ой)$|(?:ovich|evich|ovna|evna|ichna)$")
_QUOTES = frozenset("«»“”\"„'")
_CUES_BEFORE = tuple(
    tuple(fold(w) for w in cue.split())
    for cue in (
        "по имени", "по кличке", "по прозвищу", "кличка", "прозвище", "некий", "некто", "некая",
        "зовут", "звали", "called", "named", "nicknamed", "known as", "alias", "ləqəbi",
        "ləqəbli", "adı",
    )
)
_CUE_FIRST_WORDS = frozenset(cue[0] for cue in _CUES_BEFORE)
_NAME_CUES_AFTER = frozenset(fold(w) for w in "adlı adında ismli".split())
_NICK_CUES_AFTER = frozenset(fold(w) for w in "ləqəbli ləqəbi ləqəbiylə ləqəbli".split())
_NICK_CUE_WORDS = frozenset(fold(w) for w in "кличке прозвищу кличка прозвище nicknamed alias ləqəbi ləqəbli".split())

# Name patterns, slot by slot: g given name, s surname, f father's name before a marker,
# m marker (oğlu, кызы), p patronymic (-ович, -овна), i initials.
_PATTERNS = ("sgfm", "gfms", "sgp", "gps", "gfm", "gp", "sg", "gs", "si", "is")
_SLOT_ROLES = {
    "g": {GIVEN: 1.0, OTHER: 0.05}, "s": {SURNAME: 1.0, OTHER: 0.05}, "f": {GIVEN: 1.0, OTHER: 0.05},
    "m": {MARKER: 1.0}, "p": {PATRONYMIC: 1.0}, "i": {INITIAL: 1.0},
}
_SINGLE = 0.9  # a lone given name or nickname scores a little less than joined into a name
_TIE = 1e-9  # two cuts whose scores differ by less score the same


def _surname_shape(word: str, endings: tuple[str, ...]) -> bool:
    for base in strip_az(word):
        if len(base) >= 5 and base.endswith(endings):
            return True
    for e in RU_ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 5 and word[: -len(e)].endswith(endings):
            return True
    return False


def classify(tokens: Tokens, i: int, g: Names) -> str:
    """The name role of token ``i`` ("" when it cannot be part of a name)."""
    word, folded = tokens.words[i], tokens.folded[i]
    if folded in g.patronymic_markers:
        return MARKER
    if word[-1] == "." and _INITIAL.match(word):
        return INITIAL
    if not (word[:1].isupper() and word.isalpha()) or (len(word) > 1 and word.isupper()):
        return ""  # acronyms, and names in capitals on a passport copy, are not mentions here
    if folded in g.common_words:
        return ""
    if i + 1 < len(tokens) and tokens.folded[i + 1] in g.rank_followers:
        return ""  # "Капитан полиции"
    if folded in g.given_forms:
        return GIVEN
    if folded in g.nicknames:
        return NICK
    if folded in g.surnames or _surname_shape(folded, g.surname_endings):
        return SURNAME
    if len(folded) > 6 and _PATRONYMIC.search(folded):
        return PATRONYMIC
    if tokens.sentence_start[i]:
        return ""  # an unknown capitalised word opening a sentence says nothing
    return OTHER


class PersonFinder:
    def __init__(self) -> None:
        self.names = names()

    def find(self, tokens: Tokens, blocked: Sequence[bool], lang: str) -> list[Mention]:
        """Person mentions; tokens flagged in ``blocked`` (places, identifiers ...) are skipped."""
        g = self.names
        n = len(tokens)
        roles = ["" if blocked[i] else classify(tokens, i, g) for i in range(n)]
        out: dict[tuple[int, int], Mention] = {}
        cued = self._cued(tokens, roles, blocked)
        support = self._support(tokens, roles)
        found = self._names(tokens, roles, lang, support)
        in_full_name = {k for a, b, pattern in found if a < b for k in range(a, b + 1)}
        for i, kind in cued.items():
            if i not in in_full_name:  # "по имени Нурлана Гассымова": the whole name
                out[(i, i)] = self._single(tokens, i, kind)
        for a, b, pattern in found:
            if a == b and a in cued:
                continue
            if pattern in ("G", "N"):
                out[(a, b)] = self._single(tokens, a, "nickname" if pattern == "N" else "given")
            else:
                out[(a, b)] = self._full(tokens, a, b, pattern)
        # one name per statement: a word a cue, or its place in a full name, showed to be a
        # name is a name elsewhere in the statement too
        shown = list(cued) + [k for a, b, pattern in found for k, slot in zip(range(a, b + 1), pattern)
                              if slot == "g" and roles[k] == OTHER]
        known = {f for i in shown for f in forms(tokens.words[i], lang)}
        if known:
            taken = {k for a, b in out for k in range(a, b + 1)}
            for i in range(n):
                if i not in taken and not blocked[i] and tokens.words[i][:1].isupper() and tokens.folded[i] in known:
                    out[(i, i)] = self._single(tokens, i, "given")
        return list(out.values())

    # --- roles to names -----------------------------------------------------------------------
    def _base(self, tokens: Tokens, i: int, role: str) -> str | None:
        """The base of a nickname or of a given name that is also an everyday word."""
        if role == NICK:
            return self.names.nicknames[tokens.folded[i]]
        return self.names.ambiguous.get(tokens.folded[i]) if role == GIVEN else None

    def _support(self, tokens: Tokens, roles: list[str]) -> set[str]:
        """Bases of nicknames and ambiguous given names used as names mid-sentence somewhere in
        the statement: their sentence-initial uses count too."""
        out = set()
        for i, role in enumerate(roles):
            if role in (NICK, GIVEN) and not tokens.sentence_start[i]:
                base = self._base(tokens, i, role)
                if base:
                    out.add(base)
        return out

    def _single_ok(self, tokens: Tokens, i: int, role: str, support: set[str]) -> bool:
        """Whether a lone nickname or given name at token ``i`` is a name. Mid-sentence a
        capital says so; at the start of a sentence an everyday word ("Uzun müddət", "Arzu
        edirəm") needs more: a use mid-sentence elsewhere, a case ending (adjectives take none:
        "Qaranın nömrəsi"), or a following word that only follows a subject ("Qara mənə")."""
        base = self._base(tokens, i, role)
        if base is None or not tokens.sentence_start[i] or base in support:
            return True
        if tokens.folded[i] != base:
            return True
        nxt = tokens.folded[i + 1] if i + 1 < len(tokens) else ""
        return nxt in self.names.subject_followers or nxt.isdigit()

    def _names(self, tokens: Tokens, roles: list[str], lang: str, support: set[str]) -> list[tuple[int, int, str]]:
        """Runs of name words cut into names. A run that two cuts fit equally well ("Гюнай
        Исмаилова Малак": Гюнай Исмаилова + Малак, or Гюнай + Исмаилова Малак) is cut again
        with what the rest of the statement says about who is who (``_consistency``)."""
        n = len(tokens)
        runs = []
        i = 0
        while i < n:
            if not roles[i]:
                i += 1
                continue
            j = i
            while (j + 1 < n and roles[j + 1] and tokens.gap(j) == " " and not tokens.sentence_start[j + 1]) or (
                j + 1 < n and roles[j + 1] and roles[j] == INITIAL and tokens.gap(j) in ("", " ")
            ):
                j += 1
            runs.append((i, j, *self._segment(tokens, roles, i, j, support, lang)))
            i = j + 1
        out: list[tuple[int, int, str]] = []
        pairs = None
        for a, b, segs, doubtful in runs:
            if doubtful:
                if pairs is None:  # names read without doubt: (given name, surname) words
                    pairs = [(tokens.folded[k + pattern.index("g")], tokens.folded[k + pattern.index("s")])
                             for _, _, other, unsure in runs if not unsure
                             for k, _, pattern in other if "g" in pattern and "s" in pattern]
                if pairs:
                    segs = self._segment(tokens, roles, a, b, support, lang, pairs)[0]
            out.extend(segs)
        return out

    def _segment(self, tokens: Tokens, roles: list[str], a: int, b: int, support: set[str], lang: str,
                 pairs: list[tuple[str, str]] | None = None) -> tuple[list[tuple[int, int, str]], bool]:
        """The best-scoring cut of the run ``a..b`` into names (dynamic programming), and whether
        another cut scored as well. With ``pairs`` (given name, surname) read elsewhere in the
        statement, a tie goes to the cut that agrees with them best."""
        russian = lang == "ru"
        size = b - a + 1
        # per prefix: score, consistency with the statement, names, whether a tie was met
        best: list[tuple[float, int, list[tuple[int, int, str]], bool]] = [(0.0, 0, [], False)] * (size + 1)
        for end in range(1, size + 1):
            score, agreed, segs, doubt = best[end - 1]
            k = a + end - 1
            candidate = (score, agreed, segs, doubt)
            if roles[k] in (GIVEN, NICK) and self._single_ok(tokens, k, roles[k], support):
                candidate = (score + _SINGLE, agreed, segs + [(k, k, roles[k])], doubt)
            for pattern in _PATTERNS:
                length = len(pattern)
                if length > end:
                    continue
                start = end - length
                total = 0.0
                for slot, idx in zip(pattern, range(a + start, a + end)):
                    weight = _SLOT_ROLES[slot].get(roles[idx], 0.0)
                    if not weight:
                        break
                    total += weight
                else:
                    if pattern == "sg" and roles[a + start] == OTHER:
                        continue  # "Word Rəşad": a capitalised word before a given name
                    if russian and not _agree(tokens, a + start, pattern):
                        continue  # "через Ровшана Гусейнову": two persons in different cases
                    if not russian and not self._inflected_last(tokens, roles, a + start, a + end - 1):
                        continue  # "Ülviyyənin Hacıyev ...": a case ending closes a name
                    prev = best[start]
                    agreed = prev[1] + (_consistency(tokens, a + start, pattern, pairs, lang) if pairs else 0)
                    new = (prev[0] + total, agreed, prev[2] + [(a + start, a + end - 1, pattern)], prev[3])
                    if abs(new[0] - candidate[0]) <= _TIE:
                        if new[1] > candidate[1] or (new[1] == candidate[1] and new[0] > candidate[0]):
                            candidate = new
                        candidate = (*candidate[:3], True)
                    elif new[0] > candidate[0]:
                        candidate = new
            best[end] = candidate
        return best[size][2], best[size][3]

    def _inflected_last(self, tokens: Tokens, roles: list[str], a: int, b: int) -> bool:
        """Azerbaijani puts a case ending on the last word of a name only (Rəşad Məmmədovun):
        False when a given name before the last word carries one."""
        g = self.names
        for k in range(a, b):
            f = tokens.folded[k]
            if roles[k] == GIVEN and f not in g.given_bases and not f.endswith(("'s", "s'")):
                return False
        return True

    # --- mentions -----------------------------------------------------------------------------
    @staticmethod
    def _full(tokens: Tokens, a: int, b: int, pattern: str) -> Mention:
        words = tokens.words[a : b + 1]
        parts: dict[str, str] = {}
        for slot, word, k in zip(pattern, words, range(len(words))):
            if slot == "g":
                parts["given"] = word
            elif slot == "s":
                parts["surname"] = word
            elif slot == "p":
                parts["patronymic"] = word
            elif slot == "m":
                parts["patronymic"] = f"{words[k - 1]} {word}"
            elif slot == "i":
                parts["initials"] = word
        value = " ".join(p for p in (parts.get("surname"), parts.get("given") or parts.get("initials"), parts.get("patronymic")) if p)
        confidence = 0.9 if "given" in parts and ("surname" in parts or "patronymic" in parts) else 0.75
        start, end = tokens.starts[a], tokens.ends[b]
        return Mention("person", tokens.text[start:end], start, end, value, confidence, parts)

    @staticmethod
    def _single(tokens: Tokens, i: int, kind: str) -> Mention:
        word = tokens.words[i]
        return Mention("person", word, tokens.starts[i], tokens.ends[i], word, 0.7, {kind: word})

    def _cued(self, tokens: Tokens, roles: list[str], blocked: Sequence[bool]) -> dict[int, str]:
        """Token index -> "given" | "nickname" for names that follow or precede a cue."""
        out: dict[int, str] = {}
        words, folded, n = tokens.words, tokens.folded, len(tokens)
        common = self.names.common_words
        for i in range(n):
            for cue in _CUES_BEFORE if folded[i] in _CUE_FIRST_WORDS else ():
                k = len(cue)
                if tuple(folded[i : i + k]) != cue:
                    continue
                j = i + k
                quoted = j < n and words[j] in _QUOTES
                j += quoted
                if j < n and not blocked[j] and words[j][:1].isupper() and words[j].isalpha() and folded[j] not in common:
                    out[j] = "nickname" if quoted or cue[-1] in _NICK_CUE_WORDS else "given"
            if i + 1 < n and (folded[i + 1] in _NAME_CUES_AFTER or folded[i + 1] in _NICK_CUES_AFTER):
                cue = folded[i + 1]
                if cue in _NAME_CUES_AFTER and roles[i] in (GIVEN, OTHER, NICK):
                    out.setdefault(i, "given")
                elif cue in _NICK_CUES_AFTER and words[i] in _QUOTES and i >= 1 and words[i - 1][:1].isupper() and not blocked[i - 1]:
                    out[i - 1] = "nickname"
        return out


# --- who is who in the statement ----------------------------------------------------------------
def _same_word(one: str, other: str, lang: str) -> bool:
    """Whether two folded words are one name in two cases (Алиевой / Алиева, Günayın / Günaya)."""
    if one == other or one in forms(other, lang) or other in forms(one, lang):
        return True
    return lang == "az" and not set(strip_az(one)).isdisjoint(strip_az(other))


_LATIN_SURNAME_GENDER = ((("ova", "eva", "ina", "skaya"), "f"), (("ov", "ev", "in", "ski"), "m"))


def _surname_genders(word: str) -> frozenset[str] | None:
    """Whose surname a folded word may be, "m" or "f", from its ending (Алиевой, Əliyevanın: a
    woman's; Алиева: a man's in the genitive or a woman's; Əliyeva: a woman's, or a man's
    with the dative -a); None when the ending does not tell."""
    tags = _cases(word, "s")
    if tags is not None:
        return frozenset(t[-1] for t in tags)
    out = {gender for base in strip_az(word) for endings, gender in _LATIN_SURNAME_GENDER if base.endswith(endings)}
    return frozenset(out) or None


def _same_surname(one: str, other: str, lang: str) -> bool:
    """One surname in two cases, and of one gender: Алиевой and Алиева are one woman's surname,
    Исмаилов and Исмаиловой a man's and a woman's."""
    if not _same_word(one, other, lang):
        return False
    a, b = _surname_genders(one), _surname_genders(other)
    return a is None or b is None or bool(a & b)


def _consistency(tokens: Tokens, start: int, pattern: str, pairs: list[tuple[str, str]], lang: str) -> int:
    """How well a name that joins a given name and a surname fits the names read elsewhere in
    the statement: 1 when they join the same two words, -1 when they join its given name to
    other surnames only (Гюнай is Алиева Гюнай elsewhere, so Гюнай Исмаилова is unlikely:
    more likely Гюнай, a short reference to her, beside Исмаилова Малак), else 0. A surname
    in another case is the same surname, in another gender another (Рашид Исмаилов elsewhere
    does not make Исмаиловой Рашид one name)."""
    if "g" not in pattern or "s" not in pattern:
        return 0
    given = tokens.folded[start + pattern.index("g")]
    surname = tokens.folded[start + pattern.index("s")]
    seen = False
    for g, s in pairs:
        if _same_word(given, g, lang):
            if _same_surname(surname, s, lang):
                return 1
            seen = True
    return -1 if seen else 0


# --- Russian case agreement ---------------------------------------------------------------------
# The words of one Russian name stand in the same case ("Мамедовым Рашадом Рауфовичем"); two
# names side by side usually do not ("через Ровшана (gen.) Гусейнову Ниджату (dat.)").
# Tags are case.gender; a word's tags come from its ending. Consonant-final women's names
# (Айгюн, Шабнам) do not decline: every feminine case.
_F_ALL = frozenset(f"{c}.f" for c in ("nom", "gen", "dat", "acc", "ins", "pre"))
_M_ALL = frozenset(f"{c}.m" for c in ("nom", "gen", "dat", "acc", "ins", "pre"))
_SURNAME_CASES = (
    (("овым", "евым", "ёвым", "иным", "ыным"), {"ins.m"}),
    (("овой", "евой", "ёвой", "иной", "ыной"), {"gen.f", "dat.f", "ins.f", "pre.f"}),
    (("ова", "ева", "ёва", "ина", "ына"), {"gen.m", "acc.m", "nom.f"}),
    (("ову", "еву", "ёву", "ину", "ыну"), {"dat.m", "acc.f"}),
    (("ове", "еве", "ёве", "ине", "ыне"), {"pre.m"}),
    (("ов", "ев", "ёв", "ин", "ын"), {"nom.m"}),
)
_PATRONYMIC_CASES = (
    (("ичем",), {"ins.m"}), (("ича",), {"gen.m", "acc.m"}), (("ичу",), {"dat.m"}), (("иче",), {"pre.m"}),
    (("ич",), {"nom.m"}), (("вной", "чной"), {"ins.f"}), (("вны", "чны"), {"gen.f"}),
    (("вне", "чне"), {"dat.f", "pre.f"}), (("вну", "чну"), {"acc.f"}), (("вна", "чна"), {"nom.f"}),
)
_GIVEN_CASES = (
    (("ой", "ей"), {"ins.f"}), (("ом", "ем", "ём"), {"ins.m"}), (("ы",), {"gen.f"}),
    (("и",), {"gen.f"} | _M_ALL),  # Лейли (gen.), or a man's name that does not decline: Сабухи, Ульви
    (("е",), {"dat.f", "pre.f", "pre.m"}),
    (("у", "ю"), {"dat.m"} | _F_ALL),  # Рашиду (dat.), Лалу (acc.), or Арзу, which does not decline
    (("а", "я"), {"nom.f", "gen.m", "acc.m"}),
)


def _cases(word: str, slot: str) -> frozenset[str] | None:
    """Case.gender tags a word of a Russian name may stand in; None when it tells nothing."""
    w = fold(word)
    if slot in ("m", "f", "i") or not ("\u0400" <= w[:1] <= "\u04ff"):
        return None
    table = _SURNAME_CASES if slot == "s" else _PATRONYMIC_CASES if slot == "p" else _GIVEN_CASES
    for endings, tags in table:
        if w.endswith(endings):
            if slot == "g" and w.endswith(("ой", "ей")) and len(w) <= 4:
                return None  # short names in -й (Гюнай ...) are not instrumental forms
            return frozenset(tags)
    if slot == "g":
        return frozenset({"nom.m"}) | _F_ALL  # Рашад (nom.), or a woman's name that does not decline
    return None


def _agree(tokens: Tokens, start: int, pattern: str) -> bool:
    common: frozenset[str] | None = None
    for k, slot in enumerate(pattern):
        tags = _cases(tokens.words[start + k], slot)
        if tags is None:
            continue
        common = tags if common is None else common & tags
        if not common:
            return False
    return True

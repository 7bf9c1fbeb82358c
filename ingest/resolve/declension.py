"""Base forms of names as they are declined in running text.

Statements name people in every grammatical case: "Керимовым Джавидом" (with Kerimov Javid),
"Исмойловой Малейке" (to Ismoylova Maleyka), "Ахмэдова Шахина Тураловича" (of Akhmedov Shakhin
Turalovich), "Cavid Kərimovun" (Cavid Kərimov's), "Rəhimova Zəhranın" (Zəhra Rəhimova's),
"Zümrüd's". :func:`nominative` turns the words of one name back into its dictionary form, so
that the parser and the phonetic keys see "Джавид Керимов" and "Zəhra Rəhimova".

Russian: every word of a name is declined, and the words must agree. Each word says which
cases it can be in (a surname in -овым only the masculine instrumental, one in -ова the
feminine nominative or the masculine genitive/accusative, a patronymic in -овича the masculine
genitive/accusative, a given name found in the name lists only under a stripped ending that
ending's cases); the name is in the cases all its words allow, and each word takes the base
form of that case. When the words do not settle the gender ("Джафарову П.В." is the
masculine dative or the feminine accusative), the gender is left unknown: a wrong gender
would veto a true match.

Azerbaijani (and English): only the last word of a name takes a case ending. A surname in
-ov/-yev/-ova/-yeva takes it by vowel harmony ("Kərimovun", "Mustafayevin", "Rəhimovanı"); a
given name loses an ending when what is left is in the name lists ("Tofiqin", "Şahinlə"), or
when the ending has the buffer consonant only a vowel-final name takes ("Zəhranın",
"Vüsaləyə"). "Zaur Məmmədova" may be the masculine dative or a woman's name: its gender is
left unknown. The given-name lists are ``ingest/extract/data/names.yaml`` (all spellings).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.folding import fold

__all__ = ["is_given_name", "nominative"]

_MASC = ("nom_m", "gen_m", "dat_m", "acc_m", "ins_m", "pre_m")
_FEM = ("nom_f", "gen_f", "dat_f", "acc_f", "ins_f", "pre_f")
_ALL = frozenset(_MASC + _FEM)

# Russian surname in -ов/-ев/-ёв: ending after the stem -> (cases, nominative ending). (-ин
# is left alone: Эльчин, Парвин, Шахин are given names.)
_RU_SURNAME = re.compile(r"^(.{2,}?)(ов|ев|ёв)(а|у|ым|е|ой)?$", re.IGNORECASE)
_RU_SURNAME_CASES = {
    "": (frozenset({"nom_m"}), ""),
    "а": (frozenset({"nom_f", "gen_m", "acc_m"}), None),  # None: "а" for f, "" for m
    "у": (frozenset({"dat_m", "acc_f"}), None),
    "ым": (frozenset({"ins_m"}), ""),
    "е": (frozenset({"pre_m"}), ""),
    "ой": (frozenset({"gen_f", "dat_f", "ins_f", "pre_f"}), "а"),
}
_RU_PATRONYMIC = re.compile(r"^(.{2,}?)(ович|евич|ьевич|ич)(а|у|ем|е)?$|^(.{2,}?)(овн|евн|ичн)(а|ы|е|у|ой)$",
                            re.IGNORECASE)
_RU_PATRONYMIC_CASES = {
    "": frozenset({"nom_m"}), "а": frozenset({"gen_m", "acc_m"}), "у": frozenset({"dat_m"}),
    "ем": frozenset({"ins_m"}), "е": frozenset({"pre_m"}),
}
_RU_PATRONYMIC_F_CASES = {
    "а": frozenset({"nom_f"}), "ы": frozenset({"gen_f"}), "е": frozenset({"dat_f", "pre_f"}),
    "у": frozenset({"acc_f"}), "ой": frozenset({"ins_f"}),
}
# A given name's ending -> [(cases, what replaces the ending)]; tried only against the lists.
_RU_GIVEN_ENDINGS = {
    "ом": [(frozenset({"ins_m"}), "")], "ем": [(frozenset({"ins_m"}), "")],
    "а": [(frozenset({"gen_m", "acc_m"}), "")], "я": [(frozenset({"gen_m", "acc_m"}), "й"),
                                                   (frozenset({"gen_m", "acc_m"}), "")],
    "у": [(frozenset({"dat_m"}), ""), (frozenset({"acc_f"}), "а")],
    "ю": [(frozenset({"dat_m"}), "й"), (frozenset({"acc_f"}), "я")],
    "е": [(frozenset({"pre_m"}), ""), (frozenset({"dat_f", "pre_f"}), "а")],
    "ой": [(frozenset({"ins_f"}), "а")], "ей": [(frozenset({"ins_f"}), "я"), (frozenset({"ins_m"}), "")],
    "ы": [(frozenset({"gen_f"}), "а")], "и": [(frozenset({"gen_f"}), "а"), (frozenset({"gen_f"}), "я")],
}
_RU_FIXED_ENDS = set("еиоуыэю")  # given names ending so are not declined in Russian
_MARKERS = {"оглы": "m", "кызы": "f", "гызы": "f", "oğlu": "m", "oglu": "m", "ogly": "m",
            "qızı": "f", "qizi": "f", "kyzy": "f", "gizi": "f"}

# Azerbaijani: the surname endings and the case endings each may take (vowel harmony).
_AZ_SURNAME = re.compile(
    r"^(.{2,}?)(?:(ov)(un|u|la|dan|da|dakı)|(y?ev)(in|ə|i|lə|dən|də|dəki)"
    r"|(ova|y?eva)(nın|ya|nı|yla|dan|da|dakı))$")
_AZ_BUFFERED = ("nın", "nin", "nun", "nün", "ya", "yə", "nı", "ni", "nu", "nü", "yla", "ylə",
                "ilə", "dan", "dən", "da", "də")
_AZ_PLAIN = ("ın", "in", "un", "ün", "a", "ə", "ı", "i", "u", "ü", "la", "lə", "dan", "dən",
             "da", "də", "ilə")
_AZ_MARKER = re.compile(r"^(oğlu|qızı|oglu|qizi)(n?[a-zəıöüğşç]{1,4})$")
_VOWELS = set("aəeıioöuüy")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_AZ_CYRILLIC = set("әғҝһөүҹјӘҒҜҺӨҮҸЈ")


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    from ingest.extract.gazetteer import names
    return names().given_bases


def _known(word: str) -> bool:
    return fold(word) in _given()


def is_given_name(word: str) -> bool:
    """``word`` (any script) is a given name of the name lists, as listed."""
    return _known(word)


def _with_case(word: str, base: str) -> str:
    """``base`` with the capitalisation of ``word``."""
    return base[:1].upper() + base[1:] if word[:1].isupper() else base


def _ru_options(word: str) -> list[tuple[frozenset[str], str]] | None:
    """(cases, base form) for one Russian name word; None when the word says nothing."""
    low = word.lower()
    if low in _MARKERS:
        return [(frozenset(_MASC if _MARKERS[low] == "m" else _FEM), word)]
    m = _RU_PATRONYMIC.match(word)
    if m and len(word) >= 6:
        if m.group(1):
            return [(_RU_PATRONYMIC_CASES[(m.group(3) or "").lower()], m.group(1) + m.group(2))]
        return [(_RU_PATRONYMIC_F_CASES[m.group(6).lower()], m.group(4) + m.group(5) + "а")]
    m = _RU_SURNAME.match(word)
    if m and len(word) >= 5 and not _known(word):
        cases, ending = _RU_SURNAME_CASES[(m.group(3) or "").lower()]
        stem = m.group(1) + m.group(2)
        if ending is None:  # ambiguous between a man's and a woman's form
            return [(frozenset(c for c in cases if c.endswith("_m")), stem),
                    (frozenset(c for c in cases if c.endswith("_f")), stem + "а")]
        return [(cases, stem + ending)]
    if _known(word):  # a listed given name: its nominative, or a woman's name that is not declined
        if low[-1] in _RU_FIXED_ENDS:  # Али, Сабухи, Арзу: not declined in any case
            return [(_ALL, word)]
        return [(frozenset({"nom_m", "nom_f"} | set(_FEM)), word)]
    out = []
    for ending, options in _RU_GIVEN_ENDINGS.items():
        if low.endswith(ending) and len(low) > len(ending) + 2:
            for cases, repl in options:
                base = word[: -len(ending)] + repl
                if _known(base):
                    out.append((cases, base))
    return out or None


def _russian(tokens: list[str]) -> tuple[list[str], str | None]:
    # "Камран оглы", "Рашад кызы": the father's name before the marker is not declined
    options = [None if k + 1 < len(tokens) and tokens[k + 1].lower() in _MARKERS else _ru_options(t)
               for k, t in enumerate(tokens)]
    cases = set(_ALL)
    for opts in options:
        if opts:
            cases &= set().union(*(c for c, _ in opts))
    if not cases:  # the words do not agree: leave them as written
        return tokens, None
    out = []
    for tok, opts in zip(tokens, options):
        if not opts:
            out.append(tok)
            continue
        # several fitting forms (Джафарову: Джафаров or Джафарова) share their key; the
        # gender is left unknown below
        out.append(next(base for c, base in opts if c & cases))
    male, female = any(c.endswith("_m") for c in cases), any(c.endswith("_f") for c in cases)
    return out, ("m" if male and not female else "f" if female and not male else "")


def _az_last(word: str) -> tuple[str, str | None]:
    low = word.lower().replace("I", "ı")
    m = _AZ_SURNAME.match(low)
    if m and len(low) >= 6:
        if m.group(2):
            return word[: len(m.group(1)) + 2], "m"
        if m.group(4):
            return word[: len(m.group(1)) + len(m.group(4))], "m"
        return word[: len(m.group(1)) + len(m.group(6))], "f"
    if _known(word) or len(low) < 4:
        return word, None
    suffixes = [x for x in sorted(_AZ_PLAIN + _AZ_BUFFERED, key=len, reverse=True)
                if low.endswith(x) and len(low) - len(x) >= 3]
    for suffix in suffixes:  # a listed name as the stem first: "Aygünün" is Aygün + ün, not
        base = word[: -len(suffix)]  # an unknown "Aygü" + nün
        if _known(base):
            return base, None
    for suffix in suffixes:
        base = word[: -len(suffix)]
        if suffix in _AZ_BUFFERED and suffix[0] in "ny" and base[-1:].lower() in _VOWELS:
            return base, None
    return word, None


def nominative(tokens: list[str]) -> tuple[list[str], str | None]:
    """The dictionary form of each word of one written name, and the gender the declension
    shows: "m", "f", "" (the form fits both: do not trust a gender suffix) or None (nothing
    said; a suffix such as -ova keeps its usual meaning)."""
    words = [t for t in tokens if t]
    if not words:
        return tokens, None
    if any(_CYRILLIC.search(t) for t in words) and not any(ch in _AZ_CYRILLIC for t in words for ch in t):
        return _russian(words)
    out = list(words)
    last = out[-1]
    marker = _AZ_MARKER.match(last.lower())
    if marker:  # "Rauf oğlunun", "Vüqar qızına": the case ending is on the marker
        out[-1] = marker.group(1)
        return out, None
    if last.endswith(("'s", "’s")):
        out[-1] = last[:-2]
        return out, None
    if "." in last or not last.isalpha():
        return out, None
    base, gender = _az_last(last)
    out[-1] = base
    if base == last and len(out) > 1 and re.search(r"(ov|y?ev)a$", last.lower()):
        # "Zaur Məmmədova", "Nicat Abbasova": a man's name in the dative (the Azerbaijani
        # letters are often typed without their marks), or a woman's name
        return out, ""
    return out, gender

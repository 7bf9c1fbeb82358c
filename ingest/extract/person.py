"""Persons: full names with patronymics, "Surname G." initials, and first names or nicknames
that follow a cue ("Rəşad adlı", "по имени Рашад", "a man called Rashad", 'ləqəbli "Qara"').

Each token is classified (given name, surname, patronymic, marker oğlu/кызы, initial, other
capitalised word) from the name gazetteers and surname endings; runs of name tokens that
look like a name become mentions. Cue patterns run through spaCy's ``Matcher``.
"""

from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ingest.extract.folding import fold
from ingest.extract.gazetteer import names
from ingest.extract.inflection import RU_ENDINGS, strip_az
from ingest.extract.mention import Mention

GIVEN, SURNAME, PATRONYMIC, MARKER, INITIAL, OTHER = "G", "S", "P", "M", "I", "C"
_INITIAL = re.compile(r"^(?:[A-ZƏÜÖĞIŞÇİА-ЯЁ]\.){1,2}$")
_QUOTES_OPEN = {"«", "“", '"', "„", "'"}
_QUOTES_CLOSE = {"»", "”", '"', "“", "'"}
_STOP = frozenset(
    fold(w)
    for w in (
        "The Then And But In At On From To With After Before When He She They We I It My Our His "
        "Her Mr Mrs Ms Dr Police Officer Investigator Sonra Və Amma Mən O Biz Onlar Bu Həmin "
        "Orada Burada Onun Mənim Bizim Polis Müstəntiq Cənab Xanım Затем Потом Он Она Они Мы Я "
        "Но И В На С По После Это Там Тогда Мой Моя Его Её Следователь Гражданин Гражданка "
        "Anam Atam Qardaşım Bacım Həyat Yoldaşım Allah Monday Tuesday Wednesday Thursday Friday "
        "Saturday Sunday Ramadan WhatsApp Telegram Instagram Facebook Imo Viber Некий Некто Некая "
        "Зовут Named Called Adlı".split()
    )
)
_NAME_CUES_AFTER = frozenset(fold(w) for w in "adlı adında adlı-soyadlı".split())
_NICK_CUES_AFTER = frozenset(fold(w) for w in "ləqəbli ləqəbi ləqəbiylə ləqəbli".split())
_CUES_BEFORE = (
    ["по", "имени"], ["по", "кличке"], ["по", "прозвищу"], ["кличка"], ["прозвище"], ["некий"],
    ["некто"], ["некая"], ["зовут"], ["звали"], ["called"], ["named"], ["nicknamed"],
    ["known", "as"], ["alias"], ["ləqəbi"], ["ləqəbli"], ["adı"],
)


def _surname_shape(word: str, endings: tuple[str, ...]) -> bool:
    for base in strip_az(word):
        if len(base) >= 5 and base.endswith(endings):
            return True
    for e in RU_ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 5 and word[: -len(e)].endswith(endings):
            return True
    return False


def classify(token: Token) -> str:
    """The name role of one token ("" when it cannot be part of a name)."""
    text = token.text
    g = names()
    folded = fold(text)
    if folded in g.patronymic_markers:
        return MARKER
    if _INITIAL.match(text) or (len(text) == 1 and text.isupper() and token.i + 1 < len(token.doc) and token.nbor(1).text == "."):
        return INITIAL
    if not (text[:1].isupper() and text.replace("-", "").isalpha()):
        return ""
    if text.isupper() and len(text) > 1:
        return ""  # acronyms, and names in capitals on a passport copy are not mentions here
    if folded in _STOP:
        return ""
    if folded in g.given_forms:
        return GIVEN
    if folded in g.surnames or _surname_shape(folded, g.surname_endings):
        return SURNAME
    if folded.endswith(g.patronymic_endings) and len(folded) > 6:
        return PATRONYMIC
    return OTHER


class PersonFinder:
    def __init__(self, vocab: Vocab) -> None:
        self.matcher = Matcher(vocab)
        for i, cue in enumerate(_CUES_BEFORE):
            pattern = [{"LOWER": w} for w in cue]
            self.matcher.add("CUE_BEFORE", [pattern + [{"IS_TITLE": True}]])
            self.matcher.add("CUE_BEFORE_QUOTED", [pattern + [{"ORTH": {"IN": sorted(_QUOTES_OPEN)}}, {"IS_TITLE": True}]])

    def find(self, doc: Doc, blocked: set[int]) -> list[Mention]:
        """Mentions in ``doc``; tokens whose index is in ``blocked`` (places, ...) are skipped."""
        roles = [("" if t.i in blocked else classify(t)) for t in doc]
        out = self._chains(doc, doc.text, roles)
        covered = {i for m in out for i in range(m.start, m.end)}
        for m in self._cued(doc, roles):
            if m.start not in covered:
                out.append(m)
        return out

    # --- full names ---------------------------------------------------------------------------
    def _chains(self, doc: Doc, text: str, roles: list[str]) -> list[Mention]:
        out = []
        i, n = 0, len(doc)
        while i < n:
            if roles[i] in ("", MARKER) or (roles[i] == INITIAL and not (i + 1 < n and roles[i + 1] == SURNAME)):
                i += 1
                continue
            j = i
            while j + 1 < n and roles[j + 1] and j - i < 4 and doc[j].whitespace_ and not _ends_sentence(doc[j]):
                if roles[j + 1] == MARKER and roles[j] not in (GIVEN, OTHER, SURNAME):
                    break
                if roles[j] == MARKER and roles[j + 1] != SURNAME:
                    break
                if roles[j] == INITIAL and roles[j + 1] == INITIAL:
                    j += 1
                    continue
                j += 1
            span_roles = roles[i : j + 1]
            # trailing "R." after a surname; trailing plain capitalised word after a complete name
            while len(span_roles) > 1 and span_roles[-1] == OTHER and _complete(span_roles[:-1]):
                span_roles.pop()
                j -= 1
            if INITIAL in span_roles:
                i, j = _initials_span(i, span_roles)
                span_roles = roles[i : j + 1]
            if _is_name(span_roles):
                start, end = doc[i].idx, doc[j].idx + len(doc[j].text)
                out.append(self._mention(text, start, end, [doc[k] for k in range(i, j + 1)], span_roles))
                i = j + 1
            else:
                i += 1
        return out

    def _mention(self, text: str, start: int, end: int, tokens: list[Token], roles: list[str]) -> Mention:
        parts: dict[str, str] = {}
        given = [t.text for t, r in zip(tokens, roles) if r == GIVEN]
        surname = [t.text for t, r in zip(tokens, roles) if r == SURNAME]
        if MARKER in roles:
            k = roles.index(MARKER)
            parts["patronymic"] = f"{tokens[k - 1].text} {tokens[k].text}"
            roles = roles[: k - 1] + ["", ""] + roles[k + 1 :]
            given = [t.text for t, r in zip(tokens, roles) if r in (GIVEN, OTHER)]
            surname = [t.text for t, r in zip(tokens, roles) if r == SURNAME]
        elif PATRONYMIC in roles:
            parts["patronymic"] = tokens[roles.index(PATRONYMIC)].text
        others = [t.text for t, r in zip(tokens, roles) if r == OTHER]
        if not surname and others and given:
            surname = others[-1:]
        if not given and others:
            given = others[:1]
        if len(given) > 1 and not surname:
            surname = given[1:]
            given = given[:1]
        if len(surname) > 1 and not given:
            given = surname[1:]
            surname = surname[:1]
        if given:
            parts["given"] = given[0]
        if surname:
            parts["surname"] = surname[0]
        initials = [t.text for t, r in zip(tokens, roles) if r == INITIAL]
        if initials:
            parts["initials"] = "".join(initials)
        value = " ".join(p for p in (parts.get("surname"), parts.get("given") or parts.get("initials"), parts.get("patronymic")) if p)
        confidence = 0.9 if (GIVEN in roles or MARKER in roles) and (SURNAME in roles or MARKER in roles) else 0.75
        return Mention("person", text[start:end], start, end, value, confidence, parts)

    # --- cues ---------------------------------------------------------------------------------
    def _cued(self, doc: Doc, roles: list[str]) -> list[Mention]:
        out = []
        for match_id, s, e in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            tok = doc[e - 1]
            if roles[tok.i] == "" and fold(tok.text) in _STOP:
                continue
            kind = "nickname" if label == "CUE_BEFORE_QUOTED" else "given"
            out.append(self._single(doc, tok, kind))
        for tok in doc:
            nxt = tok.i + 1
            if nxt >= len(doc):
                continue
            cue = fold(doc[nxt].text)
            if cue in _NAME_CUES_AFTER and roles[tok.i] in (GIVEN, OTHER):
                out.append(self._single(doc, tok, "given"))
            elif cue in _NICK_CUES_AFTER and tok.text in _QUOTES_CLOSE and tok.i >= 2 and doc[tok.i - 1].is_title:
                out.append(self._single(doc, doc[tok.i - 1], "nickname"))
        return out

    @staticmethod
    def _single(doc: Doc, tok: Token, kind: str) -> Mention:
        start, end = tok.idx, tok.idx + len(tok.text)
        return Mention("person", tok.text, start, end, tok.text, 0.7, {kind: tok.text})


def _ends_sentence(token: Token) -> bool:
    return False


def _initials_span(i: int, roles: list[str]) -> tuple[int, int]:
    """Narrow a run holding initials to "Surname I." or "I. Surname"."""
    k = roles.index(INITIAL)
    last = k
    while last + 1 < len(roles) and roles[last + 1] == INITIAL:
        last += 1
    if k > 0 and roles[k - 1] == SURNAME:
        return i + k - 1, i + last
    if last + 1 < len(roles) and roles[last + 1] == SURNAME:
        return i + k, i + last + 1
    return i + k, i + k


def _complete(roles: list[str]) -> bool:
    return (GIVEN in roles or MARKER in roles) and (SURNAME in roles or MARKER in roles or PATRONYMIC in roles)


def _is_name(roles: list[str]) -> bool:
    if len(roles) < 2:
        return False
    if roles[-1] == MARKER and len(roles) < 2:
        return False
    kinds = set(roles)
    if MARKER in kinds:
        return True
    if INITIAL in kinds:
        return SURNAME in kinds
    if SURNAME in kinds:
        return bool(kinds & {GIVEN, OTHER, PATRONYMIC}) or roles.count(SURNAME) >= 2
    if GIVEN in kinds:
        return bool(kinds & {PATRONYMIC, OTHER}) or roles.count(GIVEN) >= 2
    return False

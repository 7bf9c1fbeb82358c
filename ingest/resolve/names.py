"""Person-name normalisation across Azerbaijani Latin, Azerbaijani/Russian Cyrillic and English.

``parse_name("Məmmədov Elçin Rauf oğlu")``, ``parse_name("Мамедов Эльчин")`` and
``parse_name("Mamedov E.")`` give :class:`PersonName` values whose ``surname_key`` is the
same (``mAmAdOv``), so blocking and comparison see one surname in three spellings.

Steps:
1. Unicode NFC, whitespace collapsed; the original spelling is kept as an alias.
2. Cyrillic -> Latin. Azerbaijani Cyrillic (ә ғ ҝ һ ө ү ҹ ј present) letter by letter;
   Russian with the table Azerbaijani names are conventionally romanised with
   (Мамедов -> Mamedov, Алиев -> Aliyev, Эльчин -> Elchin), plus the stems where Russian
   writes Azerbaijani ``h`` as ``Г`` (Гусейнов -> Huseynov, Гасанов -> Hasanov).
3. Turkic casing: ``İ`` -> ``i`` and ``I`` -> ``ı`` when lowering Azerbaijani text.
4. Tokens: patronymic markers (oğlu/qızı/оглы/кызы) and Russian patronymics
   (-ovich/-evich/-ich, -ovna/-evna/-ichna) go to ``patronymic``; a surname is found by its
   suffix (-ov/-ova/-yev/-yeva/-ev/-eva, -li/-lı/-lu/-lü, -zadə); the gender suffix is split
   off into ``surname_suffix`` and ``gender``; initials ("E.") go to ``given_initial``.
5. The phonetic key (:func:`phonetic_key`), designed so spelling conventions collide but
   surnames differing in a consonant or a vowel class stay apart:

   ===========================  ======  =====================================
   letters                      class   why
   ===========================  ======  =====================================
   ə a e ä э                    A       Məmmədov / Mamedov / Mammadov
   i ı ы, y before a consonant  I       Qasımov / Kasymov, Hüseynov / Guseinov
   o ö                          O       Göyüş / Goyush
   u ü                          U       Hüseyn / Guseyn / Husein
   y before a vowel             (drop)  Aliyev / Aliev, Шукюров / Şükürov
   k q g ğ gh h x kh            K       Гусейнов / Hüseynov, Кулиев / Quliyev, Xəlil / Khalil
   c j dzh dj zh                J       Hacıyev / Hajiyev / Гаджиев
   ç ch                         C       Elçin / Elchin / Эльчин
   ş sh                         $       Şahin / Shahin
   w v                          v
   ===========================  ======  =====================================

   then any run of one class (doubled consonants, "iy", "ey") collapses to one symbol.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .declension import is_given_name, nominative

__all__ = [
    "PersonName",
    "parse_name",
    "parse_parts",
    "phonetic_key",
    "to_latin",
    "turkic_lower",
    "fold",
    "script_of",
]

# --- scripts -----------------------------------------------------------------------------

_AZ_CYRILLIC_ONLY = set("әғҝһөүҹјӘҒҜҺӨҮҸЈ")


def script_of(text: str) -> str:
    """'latin', 'cyrillic', 'mixed', 'other' (letters of another script) or 'empty'."""
    latin = cyr = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
        elif name.startswith("CYRILLIC"):
            cyr += 1
        else:
            other += 1
    if other:
        return "other"
    if latin and cyr:
        return "mixed"
    if cyr:
        return "cyrillic"
    if latin:
        return "latin"
    return "empty"


# --- Cyrillic -> Latin -----------------------------------------------------------------------

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Azerbaijani Cyrillic (1958-1991) letter by letter to the modern Latin alphabet.
_AZ = {
    "а": "a", "б": "b", "в": "v", "г": "q", "ғ": "ğ", "д": "d", "е": "e", "ә": "ə",
    "ж": "j", "з": "z", "и": "i", "ы": "ı", "ј": "y", "к": "k", "ҝ": "g", "л": "l",
    "м": "m", "н": "n", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ү": "ü", "ф": "f", "х": "x", "һ": "h", "ч": "ç", "ҹ": "c", "ш": "ş",
    "ю": "yu", "я": "ya", "ё": "yo", "ь": "", "ъ": "", "э": "e", "й": "y", "ц": "ts",
    "щ": "şç",
}
_RU_VOWELS = set("аеёиоуыэюяьъ")
# Stems Russian spells with Г (or К) for Azerbaijani h (or q): display only; the key merges
# these letters anyway.
_RU_STEMS = {
    "гусейн": "huseyn", "гасан": "hasan", "гаджи": "haji", "гейдар": "heydar",
    "гамид": "hamid", "гашим": "hashim", "гумбат": "humbat", "гуммат": "hummat",
    "гидаят": "hidayat", "гусн": "husn",
}


def _translit_word(word: str) -> str:
    lower = word.lower()
    az = any(ch in _AZ_CYRILLIC_ONLY for ch in word)
    out: list[str] = []
    i = 0
    if not az:
        for stem, latin in _RU_STEMS.items():
            if lower.startswith(stem):
                out.append(latin)
                i = len(stem)
                break
    while i < len(lower):
        ch = lower[i]
        if az:
            if ch == "е" and (i == 0 or lower[i - 1] in "аәеиоөуүыэюяьъ"):
                out.append("ye")
            else:
                out.append(_AZ.get(ch, ch))
        elif ch == "д" and lower[i + 1 : i + 2] == "ж":
            out.append("j")
            i += 1
        elif ch == "е":
            out.append("ye" if i == 0 or lower[i - 1] in _RU_VOWELS else "e")
        else:
            out.append(_RU.get(ch, ch))
        i += 1
    latin = "".join(out)
    if word[:1].isupper():
        latin = latin[:1].upper() + latin[1:]
    return latin


def to_latin(text: str) -> str:
    """Cyrillic words romanised (Azerbaijani or Russian convention); Latin left as it is."""
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        return _translit_word(w) if _has_cyrillic(w) else w

    return re.sub(r"[^\W\d_]+", word, text)


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u052f" for ch in text)


# --- casing and folding ------------------------------------------------------------------------


def turkic_lower(text: str) -> str:
    """Lower case with the Turkic rules: İ -> i, I -> ı (Python's lower() maps İ to 'i̇')."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def turkic_title(word: str) -> str:
    if not word:
        return word
    first = {"i": "İ", "ı": "I"}.get(word[0], word[0].upper())
    return first + word[1:]


_FOLD = str.maketrans({"ə": "e", "ı": "i", "ğ": "g", "ş": "s", "ç": "c", "ö": "o", "ü": "u"})


def fold(text: str) -> str:
    """Plain ASCII-ish Latin for fuzzy comparison: romanised, lower, diacritics removed."""
    text = turkic_lower(to_latin(text)).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalpha() and not unicodedata.combining(ch))


# --- phonetic key ------------------------------------------------------------------------------

_DIGRAPHS = [("dzh", "J"), ("dj", "J"), ("zh", "J"), ("kh", "K"), ("gh", "K"), ("sh", "$"),
             ("ch", "C")]
_CLASS = {
    "ə": "A", "a": "A", "e": "A", "ä": "A",
    "i": "I", "ı": "I",
    "o": "O", "ö": "O",
    "u": "U", "ü": "U",
    "k": "K", "q": "K", "g": "K", "ğ": "K", "h": "K", "x": "K",
    "c": "J", "j": "J",
    "ç": "C",
    "ş": "$",
    "w": "v",
}
_VOWEL_CLASSES = set("AIOU")


_KEEP = set("abcdefghijklmnopqrstuvwxyzəıçşğöüä")


def _base_letter(ch: str) -> str:
    """Keep a-z and the Azerbaijani letters; strip other Latin diacritics (é -> e); drop the
    rest (digits, punctuation, letters of other scripts)."""
    if ch in _KEEP:
        return ch
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base in _KEEP else ""


@lru_cache(maxsize=200_000)
def phonetic_key(text: str) -> str:
    """The transliteration key of one name word (see the module docstring for the classes).
    Returns '' for text with no Latin or Cyrillic letters."""
    if not text:
        return ""
    word = turkic_lower(to_latin(unicodedata.normalize("NFC", text))).replace("i\u0307", "i")
    word = "".join(_base_letter(ch) for ch in word)
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst)
    symbols: list[str] = []
    for i, ch in enumerate(word):
        if ch == "y":
            nxt = word[i + 1 : i + 2]
            nxt_class = _CLASS.get(nxt, nxt)
            if nxt_class in _VOWEL_CLASSES:
                continue  # ya/ye/yu/yo: the glide is spelt or not by convention
            symbols.append("I")
        else:
            symbols.append(_CLASS.get(ch, ch))
    out: list[str] = []
    for sym in symbols:
        if not out or out[-1] != sym:
            out.append(sym)
    return "".join(out)


# --- parsing -------------------------------------------------------------------------------------

_PATRONYMIC_MARKERS = {
    "oğlu": "m", "oglu": "m", "ogly": "m", "oqlu": "m", "оглы": "m", "oğlı": "m", "оғлу": "m",
    "qızı": "f", "qizi": "f", "gizi": "f", "kyzy": "f", "kizi": "f", "кызы": "f", "гызы": "f",
    "ғызы": "f", "гизи": "f",
}
_RU_PATRONYMIC = re.compile(r"^(.{2,}?)(ovich|evich|yevich|ovna|evna|yevna|ichna|ich)$")
_RU_PATRONYMIC_CYR = re.compile(r"^(.{2,}?)(ович|евич|ьевич|овна|евна|ьевна|ична|ич)$")
# Surname endings: gender suffix (split off) or Azerbaijani surname endings (kept).
_GENDER_SUFFIX = re.compile(r"^(.{2,}?)(yeva|yev|ova|ov|eva|ev)$")
_AZ_SURNAME_END = re.compile(r"^.{3,}(li|lı|lu|lü|zadə|zade|zada|bəyli|beyli|oğlu|oglu)$")
_INITIAL = re.compile(r"^([^\W\d_])\.?$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.){2,}$")


@dataclass(frozen=True, slots=True)
class PersonName:
    """One parsed spelling of a person's name. Fields hold Latin text (romanised if the
    original was Cyrillic); ``original`` keeps the spelling as written."""

    original: str
    script: str
    given: str = ""
    surname: str = ""
    patronymic: str = ""
    given_initial: str = ""
    surname_suffix: str = ""  # "ov", "ova", "yev", ... split off the surname
    gender: str = ""  # "m", "f" or "" when the name does not say
    given_key: str = ""
    surname_key: str = ""
    patronymic_key: str = ""
    aliases: tuple[str, ...] = field(default=())
    surname_written: str = ""  # the surname as written (original script), for display
    given_written: str = ""

    @property
    def keyable(self) -> bool:
        """True when the name has a usable surname key (not empty, not a foreign script)."""
        return len(self.surname_key) >= 2

    @property
    def initial_key(self) -> str:
        """First symbol of the given name's key, from the full name or the initial."""
        if self.given_key:
            return self.given_key[0]
        return phonetic_key(self.given_initial)[:1] if self.given_initial else ""

    @property
    def display(self) -> str:
        initial = self.given_initial + "." if self.given_initial else ""
        parts = [self.surname + self.surname_suffix, self.given or initial]
        if self.patronymic:
            parts.append(self.patronymic)
        return " ".join(p for p in parts if p)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b-\u200f\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _latin_word(token: str) -> str:
    return turkic_lower(to_latin(token))


def _split_surname(word: str) -> tuple[str, str, str]:
    """(stem, gender suffix, gender) of a lower-case Latin surname; ('', '', '') if none."""
    m = _GENDER_SUFFIX.match(word)
    if not m:
        return "", "", ""
    suffix = m.group(2)
    return m.group(1), suffix, "f" if suffix.endswith("a") else "m"


def _is_surname(word: str) -> bool:
    return bool(_GENDER_SUFFIX.match(word) and len(word) >= 5) or bool(_AZ_SURNAME_END.match(word))


def _patronymic_stem(word: str, token: str) -> tuple[str, str] | None:
    for pattern, text in ((_RU_PATRONYMIC_CYR, token.lower()), (_RU_PATRONYMIC, word)):
        m = pattern.match(text)
        if m and len(text) >= 6:
            stem = m.group(1)
            gender = "f" if m.group(2).endswith("a") else "m"
            return _latin_word(stem) if pattern is _RU_PATRONYMIC_CYR else stem, gender
    return None


def _build(original: str, script: str, given: str, surname: str, patronymic: str,
           initial: str, gender_hint: str, aliases: tuple[str, ...],
           written: dict[str, str] | None = None, declined: str | None = None) -> PersonName:
    """``declined``: the gender the name's declension shows (``declension.nominative``);
    "" when it fits both, which overrides a gender suffix ("Джафарову" may be a woman's)."""
    stem, suffix, gender = _split_surname(surname) if surname else ("", "", "")
    if not stem:
        stem = surname
    # a suffix-split surname keeps a masculine key so Məmmədov and Məmmədova share a block
    surname_key_text = stem + ("ov" if suffix in ("ov", "ova") else "yev" if suffix else "")
    gender = gender or gender_hint
    if declined is not None:
        gender = declined or gender_hint
    return PersonName(
        original=original,
        script=script,
        given=turkic_title(given),
        surname=turkic_title(stem),
        patronymic=turkic_title(patronymic),
        given_initial=turkic_title(initial),
        surname_suffix=suffix,
        gender=gender,
        given_key=phonetic_key(given),
        surname_key=phonetic_key(surname_key_text) if surname else "",
        patronymic_key=phonetic_key(patronymic),
        aliases=aliases,
        surname_written=(written or {}).get(surname, ""),
        given_written=(written or {}).get(given, ""),
    )


def parse_name(text: str) -> PersonName:
    """Parse one written name. Never raises on text: empty or foreign-script input gives a
    PersonName with empty keys (``keyable`` False), which never blocks or merges."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _parse_name(text)


@lru_cache(maxsize=100_000)
def _parse_name(text: str) -> PersonName:  # PersonName is immutable: safe to share
    original = _clean(text)
    script = script_of(original)
    if script in ("empty", "other"):
        return PersonName(original=original, script=script, aliases=(original,) if original else ())
    comma_first = "," in original
    tokens, declined = nominative([t for t in re.split(r"[\s,]+", original) if t])
    given = surname = patronymic = initial = gender_hint = ""
    words: list[tuple[str, str]] = []  # (token as written, Latin lower)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().strip(".")
        if low in _PATRONYMIC_MARKERS or turkic_lower(low) in _PATRONYMIC_MARKERS:
            gender_hint = _PATRONYMIC_MARKERS.get(low) or _PATRONYMIC_MARKERS[turkic_lower(low)]
            if words and not patronymic:
                patronymic = words.pop()[1]
            i += 1
            continue
        if _INITIALS.match(tok):
            letters = [c for c in tok if c.isalpha()]
            if not initial:
                initial = _latin_word(letters[0])
            i += 1
            continue
        m = _INITIAL.match(tok)
        if m:
            if not initial:
                initial = _latin_word(m.group(1))
            i += 1
            continue
        word = re.sub(r"[^\w'’-]", "", _latin_word(tok)).strip("-'’")
        if word:
            words.append((tok, word))
        i += 1
    rest: list[str] = []
    written = {word: tok.strip(".,") for tok, word in words}
    for tok, word in words:
        pat = _patronymic_stem(word, tok) if not patronymic else None
        if pat is not None and not _is_surname(word):
            patronymic, g = pat
            gender_hint = gender_hint or g
        else:
            rest.append(word)
    surname_idx = next((k for k, w in enumerate(rest) if _is_surname(w)), None)
    if surname_idx is None and rest:
        listed = [k for k, w in enumerate(rest) if is_given_name(w)]
        if len(rest) == 1:
            surname_idx = None if not initial else 0
        elif len(rest) == 2 and len(listed) == 1:
            # "Novruzvo Vugar" (a misspelt surname lost its ending): the listed given name
            # says which word is the other
            surname_idx = 1 - listed[0]
        else:
            surname_idx = 0 if comma_first else len(rest) - 1
    if surname_idx is not None:
        surname = rest.pop(surname_idx)
    if rest:
        given = rest.pop(0)
    if rest and not patronymic and surname_idx == 0:
        patronymic = rest.pop(0)  # "Məmmədov Elçin Rauf": official order, father's name third
    if given and not initial:
        initial = given[:1]
    return _build(original, script, given, surname, patronymic, initial, gender_hint,
                  (original,), written, declined)


def parse_parts(given: str | None = None, surname: str | None = None,
                patronymic: str | None = None) -> PersonName:
    """A name already split into fields (a table with given/surname columns)."""
    g = _clean(given or "")
    s = _clean(surname or "")
    p = _clean(patronymic or "")
    original = " ".join(x for x in (s, g, p) if x)
    script = script_of(original)
    if script in ("empty", "other"):
        return PersonName(original=original, script=script, aliases=(original,) if original else ())
    gw = re.sub(r"[^\w'-]", "", _latin_word(g)) if g else ""
    initial = ""
    if gw and len(gw) == 1:
        initial, gw = gw, ""
    elif gw:
        initial = gw[:1]
    sw = re.sub(r"[^\w'-]", "", _latin_word(s)) if s else ""
    pw = ""
    gender_hint = ""
    if p:
        pw = re.sub(r"[^\w'-]", "", _latin_word(p.split()[0]))
        pat = _patronymic_stem(pw, p.split()[0])
        if pat is not None:
            pw, gender_hint = pat
        marker = p.split()[-1].lower() if len(p.split()) > 1 else ""
        if marker in _PATRONYMIC_MARKERS or turkic_lower(marker) in _PATRONYMIC_MARKERS:
            gender_hint = _PATRONYMIC_MARKERS.get(marker) or _PATRONYMIC_MARKERS[turkic_lower(marker)]
    return _build(original, script, gw, sw, pw, initial, gender_hint, (original,),
                  {sw: s, gw: g})

"""Property types: one cleaner per kind of value, used everywhere (ingest, forms, store).

Each type has ``clean(value) -> stored value`` raising ``ValueError`` with a short reason, and
``storage``: the column type the backends store it as. Dates and datetimes are stored as ISO
strings so both backends compare and sort them the same way.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

import phonenumbers


_SPACES = re.compile(r"\s+")


def _string(value: Any) -> str:
    if type(value) is str:
        text = value
    elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"expected text, got {type(value).__name__}")
    else:
        text = str(value)
    # Fast path for text that is already clean: NFC, no whitespace but single ASCII spaces
    # (isprintable() is False for every other whitespace character), nothing to strip.
    if (text and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " "
            and unicodedata.is_normalized("NFC", text)):
        return text
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text).strip())
    if not text:
        raise ValueError("is empty")
    return text


def _name(value: Any) -> str:
    text = _string(value)
    if not any(ch.isalpha() for ch in text):
        raise ValueError(f"{text!r} has no letters")
    return text


_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _string(value)
    m = _DMY.match(text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date (use YYYY-MM-DD or DD.MM.YYYY)") from None


_ISO_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
_DMY_TIME = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def _datetime(value: Any) -> str:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        text = _string(value)
        if _ISO_SECONDS.match(text):  # already stored form: YYYY-MM-DDTHH:MM:SS
            try:
                return datetime.fromisoformat(text).isoformat(timespec="seconds")
            except ValueError:
                raise ValueError(f"{text!r} is not a valid date-time (use ISO 8601)") from None
        m = _DMY_TIME.match(text)
        try:
            if m:
                d, mo, y, hh, mm, ss = m.groups()
                dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
            else:
                dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{text!r} is not a valid date-time (use ISO 8601)") from None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt.isoformat(timespec="seconds")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected a whole number, got true/false")
    try:
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError
            return int(value)
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a whole number") from None


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("expected a number, got true/false")
    try:
        out = float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number") from None
    if out != out:
        raise ValueError("is not a number (NaN)")
    return out


_TRUE = {"true", "yes", "1", "y", "bəli", "да"}
_FALSE = {"false", "no", "0", "n", "xeyr", "нет"}


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not true or false")


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        items = [v for v in value.split(";")]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        raise ValueError(f"expected a list, got {type(value).__name__}")
    out: list[str] = []
    for item in items:
        if item is None or (isinstance(item, str) and not item.strip()):
            continue
        cleaned = _string(item)
        if cleaned not in out:
            out.append(cleaned)
    return sorted(out)


_COUNTRY_NAMES = {
    "azerbaijan": "AZ", "azərbaycan": "AZ", "азербайджан": "AZ",
    "georgia": "GE", "gürcüstan": "GE", "грузия": "GE",
    "iran": "IR", "iran islamic republic": "IR", "иран": "IR",
    "russia": "RU", "russian federation": "RU", "rusiya": "RU", "россия": "RU",
    "turkey": "TR", "türkiye": "TR", "türkiyə": "TR", "турция": "TR",
    "united arab emirates": "AE", "uae": "AE", "bae": "AE", "оаэ": "AE",
    "kazakhstan": "KZ", "ukraine": "UA", "uzbekistan": "UZ", "germany": "DE",
}


def _country(value: Any) -> str:
    text = _string(value)
    if len(text) == 2 and text.isalpha() and text.isascii():
        return text.upper()
    code = _COUNTRY_NAMES.get(text.casefold())
    if code is None:
        raise ValueError(f"{text!r} is not an ISO 3166 alpha-2 country code")
    return code


def _phone(value: Any, region: str = "AZ") -> str:
    text = _string(value)
    digits = re.sub(r"[^\d+]", "", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("994") and len(digits) == 12:
        digits = "+" + digits
    try:
        parsed = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        raise ValueError(f"{text!r} is not a phone number") from None
    if not phonenumbers.is_possible_number(parsed):
        raise ValueError(f"{text!r} is not a possible phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _identifier(value: Any) -> str:
    text = re.sub(r"[\s\-./]", "", _string(value)).upper()
    if not text or not text.isalnum():
        raise ValueError(f"{value!r} is not a document or account identifier")
    return text


_PLATE = re.compile(r"^(\d{2})\s*[-\s]?\s*([A-Z]{2})\s*[-\s]?\s*(\d{3})$")


def _plate(value: Any) -> str:
    text = _string(value).upper()
    m = _PLATE.match(text)
    if m:
        return "-".join(m.groups())
    compact = re.sub(r"[\s\-]", "", text)
    if not compact.isalnum() or not 3 <= len(compact) <= 10:
        raise ValueError(f"{value!r} is not a vehicle plate")
    return compact


_CURRENCY = {"AZN": "AZN", "MANAT": "AZN", "₼": "AZN", "USD": "USD", "$": "USD",
             "EUR": "EUR", "€": "EUR", "RUB": "RUB", "РУБ": "RUB", "TRY": "TRY", "GEL": "GEL"}


def _money(value: Any) -> str:
    text = _string(value).upper().replace(" ", "")
    m = re.match(r"^([^\d]*)([\d.,]+)([^\d]*)$", text)
    if not m:
        raise ValueError(f"{value!r} is not an amount with a currency")
    cur = (m.group(1) or m.group(3)).strip(".")
    code = _CURRENCY.get(cur)
    if code is None:
        raise ValueError(f"{value!r}: unknown currency {cur!r}")
    try:
        amount = Decimal(m.group(2).replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount") from None
    return f"{amount:.2f} {code}"


def _grading(value: Any) -> str:
    text = _string(value).upper().replace(" ", "")
    if not re.fullmatch(r"[ABCX][1-4]", text):
        raise ValueError(f"{value!r} is not a 4x4 grading (A-C or X, then 1-4, e.g. B2)")
    return text


def _handling(value: Any) -> str:
    text = _string(value).upper()
    if text not in {"H0", "H1", "H2", "H3"}:
        raise ValueError(f"{value!r} is not a handling code (H0-H3)")
    return text


@dataclass(frozen=True)
class PropertyType:
    name: str
    storage: str  # STRING, INT64, DOUBLE, BOOLEAN, STRING[]
    clean: Callable[[Any], Any]
    description: str


REGISTRY: dict[str, PropertyType] = {
    t.name: t
    for t in [
        PropertyType("string", "STRING", _string, "Text."),
        PropertyType("name", "STRING", _name, "A name: text with at least one letter."),
        PropertyType("list", "STRING[]", _list, "A list of texts (or ';'-separated)."),
        PropertyType("date", "STRING", _date, "A date, stored as YYYY-MM-DD."),
        PropertyType("datetime", "STRING", _datetime, "A date-time, stored as ISO 8601 UTC."),
        PropertyType("int", "INT64", _int, "A whole number."),
        PropertyType("float", "DOUBLE", _float, "A number."),
        PropertyType("bool", "BOOLEAN", _bool, "True or false."),
        PropertyType("enum", "STRING", _string, "One of a fixed list of values."),
        PropertyType("country", "STRING", _country, "ISO 3166 alpha-2 country code."),
        PropertyType("phone", "STRING", _phone, "Phone number in E.164 (default region AZ)."),
        PropertyType("identifier", "STRING", _identifier, "Upper case, no spaces or dashes."),
        PropertyType("plate", "STRING", _plate, "Vehicle plate, e.g. 10-AB-123."),
        PropertyType("money", "STRING", _money, "Amount and ISO currency, e.g. '500.00 USD'."),
        PropertyType("grading", "STRING", _grading, "Europol 4x4 grading, e.g. B2."),
        PropertyType("handling", "STRING", _handling, "Handling code H0-H3."),
    ]
}


_WORDS = re.compile(r"\w+")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@functools.lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane as one character class (built
    once: a regex pass is several times faster than testing each character in Python;
    text with characters beyond that plane takes the per-character path)."""
    marks = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    return re.compile("[" + re.escape(marks) + "]+")


def name_key(text: str) -> str:
    """A plain search key: NFKD, accents and punctuation dropped, Turkic dotless i folded,
    lower case, words sorted. Entity resolution supplies richer keys of its own."""
    if text.isascii():
        return " ".join(sorted(_WORDS.findall(text.lower())))
    text = unicodedata.normalize("NFC", text).replace("ı", "i").replace("İ", "i").replace("ə", "e").replace("Ə", "e")
    text = unicodedata.normalize("NFKD", text)
    if _ASTRAL.search(text):
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    else:
        text = _combining_marks().sub("", text)
    return " ".join(sorted(_WORDS.findall(text.casefold())))

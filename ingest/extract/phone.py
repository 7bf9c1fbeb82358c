"""Phone numbers -> E.164, with ``phonenumbers``; Azerbaijan is the default region.

Candidates are runs of digits with the separators people type (spaces, hyphens, brackets, a
leading + or 00); each is parsed and kept if the number is valid for its country. A number
written with its country code (+995 ..., 00995 ...) is also kept when only its length fits
that country: ``phonenumbers`` does not know every mobile range a country has handed out, and
a number a witness dictated with a country code is a phone number even when its range is new.
Without a country code the number must be valid (a long digit run is too often something else).
"""

from __future__ import annotations

import re

import phonenumbers

from ingest.extract.mention import Mention

_CANDIDATE = re.compile(r"(?<![\w+\-./(])\(?(?:\+|00)?\s?\(?\d{1,4}\)?(?:[ \-\u00a0]{0,2}\(?\d{1,4}\)?){1,7}(?![\w/]|-\d|[.,]\d)")
_DIGITS = re.compile(r"\d")
DEFAULT_REGION = "AZ"


def _parse(raw: str) -> str | None:
    digits = len(_DIGITS.findall(raw))
    if not 7 <= digits <= 15:
        return None
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    international = raw.lstrip("( ").startswith(("+", "00"))
    if international and not phonenumbers.is_valid_number(number) and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number):
        # "994501234567" typed without the plus
        if not raw.startswith(("+", "8", "(+")) and digits >= 11:
            try:
                number = phonenumbers.parse("+" + raw.strip(), None)
            except phonenumbers.NumberParseException:
                return None
            if not phonenumbers.is_valid_number(number):
                return None
        elif raw.startswith("8") and digits == 11:
            # Russian trunk prefix: 8 (916) 123-45-67
            try:
                number = phonenumbers.parse(raw, "RU")
            except phonenumbers.NumberParseException:
                return None
            if not phonenumbers.is_valid_number(number):
                return None
        else:
            return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phones(text: str) -> list[Mention]:
    out = []
    for m in _CANDIDATE.finditer(text):
        raw = m.group(0)
        start = m.start() + (len(raw) - len(raw.lstrip()))
        raw = raw.strip()
        # a closing bracket only belongs to the number if it opened inside it
        while raw.endswith(")") and raw.count("(") < raw.count(")"):
            raw = raw[:-1].rstrip()
        value = _parse(raw)
        if value is None:
            continue
        out.append(Mention("phone", raw, start, start + len(raw), value, 0.95))
    return out

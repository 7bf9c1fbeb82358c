"""Identifiers and the messy ways people write them: phones, documents, plates, cards, flights.

Each identifier has one canonical value (phone E.164, document number upper-case without
spaces, plate "10-AB-123") and a ``render_*`` function that writes it in one of many real-world
forms. Every rendering normalises back to the canonical value.
"""

from __future__ import annotations

import random

AZ_MOBILE_PREFIXES = ("50", "51", "55", "70", "77", "99", "10")
# country -> (calling code, mobile number generator length/prefixes)
FOREIGN = {
    "Russia": ("7", ("9",), 10),
    "Turkiye": ("90", ("5",), 10),
    "Georgia": ("995", ("5",), 9),
    "UAE": ("971", ("50", "52", "55", "56"), 9),
    "Iran": ("98", ("91", "93"), 10),
}
PLATE_REGIONS = ("10", "90", "99", "77", "01", "20", "50", "11", "85", "60")
PLATE_LETTERS = "ABCDEFGHJKLMNPRSTVXYZ"
FLIGHT_CARRIERS = {"Dubai": ("J2", "FZ"), "Istanbul": ("J2", "TK", "PC"), "Moscow": ("J2", "SU"),
                   "Saint Petersburg": ("J2", "SU"), "Antalya": ("J2", "PC"),
                   "Sharjah": ("G9",), "Tehran": ("J2", "W5")}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


# --- phones -----------------------------------------------------------------------------------

def az_mobile(rng: random.Random) -> str:
    """A new Azerbaijani mobile number in E.164 (+994 + prefix + 7 digits, not starting 0/1)."""
    return "+994" + rng.choice(AZ_MOBILE_PREFIXES) + rng.choice("23456789") + _digits(rng, 6)


def foreign_mobile(rng: random.Random, country: str) -> str:
    code, prefixes, length = FOREIGN[country]
    prefix = rng.choice(prefixes)
    return "+" + code + prefix + _digits(rng, length - len(prefix))


def render_phone(e164: str, rng: random.Random) -> str:
    """One of the many ways a phone number is written down by hand or by a clerk."""
    if e164.startswith("+994"):
        p, n = e164[4:6], e164[6:]
        a, b, c = n[:3], n[3:5], n[5:]
        forms = (
            f"+994 {p} {a} {b} {c}", f"0{p}{n}", f"(0{p}) {a}-{b}-{c}", f"994{p}{n}",
            f"0{p}-{a}-{b}-{c}", f"+994{p}{n}", f"0{p} {a} {b} {c}", f"+994 ({p}) {a}-{b}-{c}",
            f"+994-{p}-{a}-{b}-{c}", f"0{p} {n}", f"(+994) {p} {a} {b} {c}", f"0 {p} {a} {b} {c}",
        )
        return rng.choice(forms)
    if e164.startswith("+7"):
        n = e164[2:]
        return rng.choice((f"+7 {n[:3]} {n[3:6]}-{n[6:8]}-{n[8:]}", f"8 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}",
                           f"8{n}", f"+7{n}", f"+7 ({n[:3]}) {n[3:6]} {n[6:8]} {n[8:]}"))
    for code in ("90", "995", "971", "98"):
        if e164.startswith("+" + code):
            n = e164[1 + len(code):]
            return rng.choice((f"+{code} {n[:3]} {n[3:6]} {n[6:]}", f"+{code}{n}", f"00{code} {n}",
                               f"+{code}-{n[:3]}-{n[3:6]}-{n[6:]}"))
    return e164


def cdr_phone(e164: str) -> str:
    """The operator's form in call records: international digits without the plus."""
    return e164[1:]


# --- documents --------------------------------------------------------------------------------

def az_passport(rng: random.Random) -> str:
    """Azerbaijani passport number: new biometric "C" + 8 digits, older "AZE" + 8 digits."""
    return ("C" if rng.random() < 0.7 else "AZE") + _digits(rng, 8)


def az_id_card(rng: random.Random) -> str:
    """Azerbaijani ID card: "AA" + 7 digits (new) or "AZE" + 8 digits (old)."""
    return "AA" + _digits(rng, 7) if rng.random() < 0.6 else "AZE" + _digits(rng, 8)


def ru_passport(rng: random.Random) -> str:
    """Russian internal passport: series (4 digits) and number (6 digits)."""
    return rng.choice(("40", "45", "46", "50", "77")) + _digits(rng, 2) + _digits(rng, 6)


def render_document(number: str, rng: random.Random) -> str:
    """A document number as written (spaces, lower case); normalises back to ``number``."""
    if number.isdigit() and len(number) == 10:  # Russian passport
        return rng.choice((f"{number[:2]} {number[2:4]} {number[4:]}", f"{number[:4]} {number[4:]}",
                           number))
    if number.startswith("AZE"):
        d = number[3:]
        return rng.choice((number, f"AZE {d}", f"AZE {d[:4]} {d[4:]}", "aze" + d))
    if number.startswith("AA"):
        return rng.choice((number, f"AA {number[2:]}", "aa" + number[2:]))
    return rng.choice((number, f"{number[0]} {number[1:]}", number.lower(), number))


def normalise_document(text: str) -> str:
    return text.replace(" ", "").upper()


# --- vehicles, flights, cards -----------------------------------------------------------------

def az_plate(rng: random.Random) -> str:
    """Azerbaijani plate: region, two letters, three digits, canonical "10-AB-123"."""
    return (f"{rng.choice(PLATE_REGIONS)}-{rng.choice(PLATE_LETTERS)}{rng.choice(PLATE_LETTERS)}-"
            f"{rng.randint(100, 999)}")


def render_plate(plate: str, rng: random.Random) -> str:
    r, letters, n = plate.split("-")
    return rng.choice((plate, f"{r} {letters} {n}", f"{r}{letters}{n}", f"{r}-{letters.lower()}-{n}",
                       f"{r} {letters}-{n}", f"{r}-{letters} {n}"))


def normalise_plate(text: str) -> str:
    raw = "".join(c for c in text.upper() if c.isalnum())
    return f"{raw[:2]}-{raw[2:4]}-{raw[4:]}"


def flight(rng: random.Random, destination: str) -> str:
    carrier = rng.choice(FLIGHT_CARRIERS.get(destination, ("J2",)))
    return f"{carrier} {rng.randint(100, 9899)}"


def bank_card(rng: random.Random) -> str:
    """A 16-digit card number with a valid Luhn check digit (Azerbaijani bank BIN-like prefix)."""
    body = rng.choice(("416973", "403301", "510370", "535523", "442271")) + _digits(rng, 9)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def normalise_phone(text: str) -> str:
    """E.164 from any form ``render_phone`` or the call records write (the default region is
    Azerbaijan: a leading trunk 0 means +994; a leading 8 with ten digits is Russian)."""
    digits = "".join(c for c in text if c.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    elif len(digits) == 10 and digits[0] == "0" and digits[1:3] in AZ_MOBILE_PREFIXES:
        digits = "994" + digits[1:]
    elif len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    return "+" + digits

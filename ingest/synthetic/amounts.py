"""Sums of money as people write them: 500 manat, 500 AZN, ₼500, $2,000, 300 евро, 50 000 руб."""

from __future__ import annotations

import random


def _group(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


def render_amount(amount: int, currency: str, lang: str, rng: random.Random) -> str:
    n, sp, cm = str(amount), _group(amount, " "), _group(amount, ",")
    if lang == "az":
        forms = {"AZN": (f"{sp} manat", f"{n} AZN", f"{n}₼", f"{sp} ₼", f"{n} man."),
                 "USD": (f"{sp} ABŞ dolları", f"{n} dollar", f"${n}", f"{n} USD"),
                 "EUR": (f"{sp} avro", f"€{n}", f"{n} EUR", f"{n} yevro"),
                 "RUB": (f"{sp} rubl", f"{n} RUB", f"{sp} Rusiya rublu")}
    elif lang == "ru":
        forms = {"AZN": (f"{sp} манат", f"{n} AZN", f"{n} ман.", f"{sp} ₼"),
                 "USD": (f"{sp} долларов США", f"${n}", f"{n} USD", f"{sp} долларов"),
                 "EUR": (f"{sp} евро", f"€{n}", f"{n} EUR"),
                 "RUB": (f"{sp} руб.", f"{n} рублей", f"{sp} рублей", f"{n} RUB")}
    else:
        forms = {"AZN": (f"{cm} manat", f"AZN {cm}", f"{n} AZN"),
                 "USD": (f"USD {cm}", f"${cm}", f"{cm} US dollars", f"{n} USD"),
                 "EUR": (f"EUR {cm}", f"{cm} euros", f"{n} EUR"),
                 "RUB": (f"{cm} roubles", f"RUB {cm}", f"{cm} rubles")}
    return rng.choice(forms[currency])


def money_value(amount: int, currency: str) -> str:
    return f"{amount:.2f} {currency}"

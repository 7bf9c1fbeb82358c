"""Dates written the local ways: 12 mart 2023-cü il, 12.03.2023, 12 марта 2023 г., 12 March 2023."""

from __future__ import annotations

import random
from datetime import date

AZ_MONTHS = ("yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
             "oktyabr", "noyabr", "dekabr")
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def az_year_suffix(year: int) -> str:
    """The ordinal suffix Azerbaijani puts after a year: 2023-cü, 2022-ci, 2016-cı, 2019-cu."""
    last = year % 10
    if last:
        return {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}[last]
    tens = (year // 10) % 10
    if tens:
        return {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}[tens]
    return "ci" if (year // 100) % 10 == 0 else "cü"


def render_date(d: date, lang: str, rng: random.Random) -> str:
    dm = f"{d.day:02d}.{d.month:02d}.{d.year}"
    if lang == "az":
        m = AZ_MONTHS[d.month - 1]
        sfx = az_year_suffix(d.year)
        return rng.choice((f"{d.day} {m} {d.year}-{sfx} il", f"{d.day} {m} {d.year}", dm,
                           f"{dm}-{sfx} il", f"{d.year}-{sfx} il {d.day} {m}", f"{d.day}.{d.month:02d}.{d.year}"))
    if lang == "ru":
        m = RU_MONTHS[d.month - 1]
        return rng.choice((f"{d.day} {m} {d.year} г.", dm, f"{dm} г.", f"{d.day} {m} {d.year} года",
                           f"«{d.day:02d}» {m} {d.year} г.", f"{d.day} {m} {d.year}г."))
    m = EN_MONTHS[d.month - 1]
    return rng.choice((f"{d.day} {m} {d.year}", f"{m} {d.day}, {d.year}", dm, f"{d.day:02d}/{d.month:02d}/{d.year}",
                       f"{d.day} {m[:3]} {d.year}"))


def render_year(year: int, lang: str) -> str:
    return f"{year}-{az_year_suffix(year)}" if lang == "az" else str(year)

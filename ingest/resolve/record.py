"""The record being resolved: one person mention (a statement, a table row, a graph node).

Values are cleaned once here with the shared cleaners from ``graph_models.types`` (phones in
E.164, identifiers upper case without separators), so features compare like with like.
Bad values raise ``InvalidInput`` naming the record and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from graph_models.types import REGISTRY
from intel.errors import InvalidInput

from .names import PersonName, parse_name, parse_parts

__all__ = ["Record", "clean_birth_date"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def clean_birth_date(value: object) -> str:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a partial date is common: "born in 1985").
    Accepts date objects, ISO, YYYYMMDD and DD.MM.YYYY; raises ValueError otherwise."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    m = _DMY.match(text)
    if m:
        text = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = _COMPACT.match(text)
    if m:
        text = "-".join(m.groups())
    m = _ISO.match(text)
    if not m:
        raise ValueError(f"{value!r} is not a birth date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not 1880 <= int(year) <= 2100:
        raise ValueError(f"{value!r} has an implausible year")
    if day:
        date(int(year), int(month), int(day))  # raises ValueError on 1985-02-30
    elif month and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    return text


@dataclass(frozen=True, slots=True)
class Record:
    """A person mention. ``names`` are every spelling seen for it (aliases).

    ``documents`` are (type, number) pairs, e.g. ("passport", "C01234567").
    ``address``/``locality``/``postcode``/``region`` are generic, optional comparison fields
    (a table of registrations, the FEBRL benchmark).
    ``protected``: a victim, witness or sheltered person; such a record is never merged
    automatically with a record from another case.
    """

    id: str
    names: tuple[PersonName, ...]
    birth_date: str | None = None
    phones: frozenset[str] = frozenset()
    documents: frozenset[tuple[str, str]] = frozenset()
    gender: str = ""
    case_ids: frozenset[str] = frozenset()
    protected: bool = False
    source: str = ""
    address: str = ""
    locality: str = ""
    postcode: str = ""
    region: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def given(self) -> str:
        return next((n.given for n in self.names if n.given), "")

    @property
    def surname(self) -> str:
        return next((n.surname + n.surname_suffix for n in self.names if n.surname), "")

    @property
    def patronymic(self) -> str:
        return next((n.patronymic for n in self.names if n.patronymic), "")

    @property
    def aliases(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for n in self.names:
            for a in n.aliases:
                seen.setdefault(a, None)
        return tuple(seen)

    @property
    def display(self) -> str:
        return next((n.display for n in self.names if n.display), self.id)

    @classmethod
    def build(
        cls,
        id: str,
        names: Iterable[str] = (),
        *,
        given: str | None = None,
        surname: str | None = None,
        patronymic: str | None = None,
        birth_date: object = None,
        phones: Iterable[str] = (),
        documents: Iterable[tuple[str, str]] = (),
        gender: str = "",
        case_ids: Iterable[str] = (),
        protected: bool = False,
        source: str = "",
        address: str = "",
        locality: str = "",
        postcode: str = "",
        region: str = "",
    ) -> "Record":
        """Clean and parse raw values; raises InvalidInput naming the record and field."""
        if not isinstance(id, str) or not id.strip():
            raise InvalidInput("record: id is empty")
        if isinstance(names, str):
            names = [names]
        parsed = [parse_name(n) for n in names if n is not None and str(n).strip()]
        if given or surname or patronymic:
            parsed.insert(0, parse_parts(given, surname, patronymic))
        bd = None
        if birth_date not in (None, ""):
            try:
                bd = clean_birth_date(birth_date)
            except ValueError as exc:
                raise InvalidInput(f"record {id}: birth_date: {exc}") from None
        clean_phones = set()
        for p in phones:
            try:
                clean_phones.add(REGISTRY["phone"].clean(p))
            except ValueError as exc:
                raise InvalidInput(f"record {id}: phone: {exc}") from None
        clean_docs = set()
        for kind, number in documents:
            try:
                clean_docs.add((str(kind).strip().lower(), REGISTRY["identifier"].clean(number)))
            except ValueError as exc:
                raise InvalidInput(f"record {id}: document: {exc}") from None
        g = (gender or "").strip().lower()[:1]
        if g not in ("", "m", "f"):
            raise InvalidInput(f"record {id}: gender: {gender!r} is not m or f")
        if not g:
            genders = {n.gender for n in parsed if n.gender}
            g = genders.pop() if len(genders) == 1 else ""
        return cls(
            id=id.strip(),
            names=tuple(parsed),
            birth_date=bd,
            phones=frozenset(clean_phones),
            documents=frozenset(clean_docs),
            gender=g,
            case_ids=frozenset(str(c) for c in case_ids),
            protected=bool(protected),
            source=source,
            address=_plain(address),
            locality=_plain(locality),
            postcode=_plain(postcode),
            region=_plain(region),
        )


def _plain(value: object) -> str:
    if not value:
        return ""
    return re.sub(r"\s+", " ", str(value)).strip().casefold()

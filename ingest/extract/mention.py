"""One extracted mention: what was found in a statement, where, and what it means."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

MENTION_TYPES = ("person", "phone", "document", "date", "money", "place", "organization", "plate")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the original text. ``text == source[start:end]`` always holds.

    ``value`` is the normalised value (E.164 phone, ISO date, "123.00 AZN", canonical English
    place name, ...); ``parts`` holds structured pieces (a person's given name, surname and
    patronymic; a place's kind and country).
    """

    type: str
    text: str
    start: int
    end: int
    value: str
    confidence: float
    parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.type not in MENTION_TYPES:
            raise ValueError(f"unknown mention type {self.type!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not fit text {self.text!r}")
        if not isinstance(self.parts, MappingProxyType):
            object.__setattr__(self, "parts", MappingProxyType(dict(self.parts)))

    def as_dict(self) -> dict:
        return {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "parts": dict(self.parts),
        }

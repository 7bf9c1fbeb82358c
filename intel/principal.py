"""Who is asking. Every service and store call takes a Principal."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    ANALYST = "analyst"
    INVESTIGATOR = "investigator"
    PROSECUTOR = "prosecutor"
    LIAISON = "liaison"
    COORDINATOR = "coordinator"
    ADMIN = "admin"
    SYSTEM = "system"


@dataclass(frozen=True)
class Principal:
    """A user acting in a role, with the cases granted to them.

    ``cases`` is the set of case ids the user may see. ``all_cases`` is true only for the
    system principal used by maintenance work (schema creation, migration, verification).
    """

    user: str
    role: Role
    cases: frozenset[str] = field(default_factory=frozenset)
    all_cases: bool = False

    @property
    def is_system(self) -> bool:
        return self.role is Role.SYSTEM

    def may_see_case(self, case_id: str | None) -> bool:
        if case_id is None:
            return False
        return self.all_cases or case_id in self.cases


SYSTEM = Principal(user="system", role=Role.SYSTEM, all_cases=True)

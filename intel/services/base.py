"""What every service shares: the caller, the policy check, the grant check and the audit."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from intel.audit import Entry, Event, record
from intel.errors import AccessDenied
from intel.principal import Principal
from intel.security.crypto import Crypto
from intel.security.grants import Grants
from intel.security.policy import ACTIONS, may
from intel.store import GraphStore

AuditFn = Callable[[GraphStore, Event], "Entry | None"]


class Service:
    """Base of every service. The principal's cases are narrowed to the grants in force when
    the service is built, so a principal made by hand cannot widen its own scope."""

    def __init__(self, store: GraphStore, principal: Principal, crypto: Crypto, audit: AuditFn = record):
        self.store = store
        self.crypto = crypto
        self._audit = audit
        if not principal.is_system:
            principal = replace(principal, cases=principal.cases & Grants(store).cases_of(principal.user),
                                all_cases=False)
        self.principal = principal

    def audit(self, action: str, outcome: str = "ok", object_ids: Iterable[str] = (),
              cases: Iterable[str] = (), justification: str = "", **detail) -> Entry | None:
        return self._audit(self.store, Event.of(self.principal, action, outcome, object_ids, cases,
                                                justification, **detail))

    def deny(self, action: str, reason: str, object_ids: Iterable[str] = (), cases: Iterable[str] = ()) -> AccessDenied:
        """Audit a denied attempt and return the one-line error to raise."""
        self.audit(action, "denied", object_ids, cases, reason=reason)
        return AccessDenied(f"{self.principal.user} ({self.principal.role.value}): {reason}")

    def authorize(self, action: str, cases: Iterable[str] = (), object_ids: Iterable[str] = ()) -> None:
        """Check the role may do ``action`` and, for case-scoped actions, holds a grant for
        every case in ``cases``; a refusal is audited and raised as ``AccessDenied``. Features
        built on top (evidence, packets) call this before they act."""
        cases = sorted(set(cases))
        if not may(self.principal, action):
            raise self.deny(action, f"role {self.principal.role.value} may not {action}", object_ids, cases)
        if ACTIONS[action].case_scoped and not self.principal.is_system:
            missing = [c for c in cases if c not in self.principal.cases]
            if missing:
                raise self.deny(action, f"not granted case {missing[0]}", object_ids, cases)

"""Cases and who may see them: open a case, list one's cases, grant and revoke access."""

from __future__ import annotations

from dataclasses import replace

from intel.errors import InvalidInput, NotFound
from intel.principal import SYSTEM
from intel.security.grants import GrantRecord, Grants
from intel.security.users import Users, check_name
from intel.services.base import Service
from intel.store.records import NodeRecord


class CaseService(Service):
    def _case_node(self, number: str) -> dict | None:
        rows = self.store.scan(SYSTEM, "Case", where={"number": number}, limit=1)
        return rows[0] if rows else None

    def create_case(self, number: str, title: str | None = None, opened: str | None = None) -> str:
        """Open a case; its creator is granted it. Returns the case number."""
        number = (number or "").strip()
        if not number:
            raise InvalidInput("case: field 'number' is required")
        self.authorize("case.create", object_ids=[number])
        if self._case_node(number) is not None:
            raise InvalidInput(f"case {number!r} already exists")
        row = {"number": number, "title": title, "opened": opened, "status": "open", "cases": [number],
               "source": "halqa case create", "recorded_by": self.principal.user}
        self.store.validate({"Case": [row]})
        self.audit("case.create", "ok", [number], [number])
        self.store.write(self.principal, nodes={"Case": [row]})
        if not self.principal.is_system:
            Grants(self.store).give(self.principal.user, number, by=self.principal.user, note="creator")
            self.principal = replace(self.principal, cases=self.principal.cases | {number})
        return number

    def list_cases(self) -> list[NodeRecord]:
        """The case records the caller is granted."""
        self.authorize("case.read")
        rows = self.store.scan(self.principal, "Case", order_by="number")
        granted = [r for r in rows if self.principal.all_cases or r["number"] in self.principal.cases]
        out = [NodeRecord(id=r["id"], label="Case", caption=r["caption"] or r["number"],
                          props={k: v for k, v in r.items() if v not in (None, []) and k not in ("id", "caption", "cases", "h", "name_keys")},
                          cases=(r["number"],)) for r in granted]
        self.audit("case.read", "ok", [n.id for n in out], [n.caption for n in out], results=len(out))
        return out

    def _grant_target(self, user: str, case: str) -> tuple[str, str]:
        user = check_name(user)
        case = (case or "").strip()
        if Users(self.store).get(user) is None:
            raise NotFound(f"user {user!r} does not exist")
        if self._case_node(case) is None:
            raise NotFound(f"case {case!r} does not exist")
        return user, case

    def grant(self, user: str, case: str, note: str = "") -> GrantRecord:
        self.authorize("grant.manage", object_ids=[case])
        user, case = self._grant_target(user, case)
        self.audit("grant.manage", "ok", [case], justification=note, op="grant", user=user, case=case)
        return Grants(self.store).give(user, case, by=self.principal.user, note=note)

    def revoke(self, user: str, case: str, note: str = "") -> GrantRecord:
        self.authorize("grant.manage", object_ids=[case])
        user, case = self._grant_target(user, case)
        self.audit("grant.manage", "ok", [case], justification=note, op="revoke", user=user, case=case)
        return Grants(self.store).revoke(user, case, by=self.principal.user, note=note)

    def holders(self, case: str) -> list[str]:
        self.authorize("grant.manage", object_ids=[case])
        self.audit("grant.manage", "ok", [case], op="list", case=case)
        return Grants(self.store).holders(case)

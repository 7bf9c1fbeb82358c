"""Per-case grants: each grant or revoke is an appended ``Grant`` record, never overwritten;
a user's cases are derived from the latest record per (user, case)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from graph_models.ids import digest
from intel.errors import InvalidInput
from intel.principal import SYSTEM
from intel.store import GraphStore


@dataclass(frozen=True)
class GrantRecord:
    user: str
    case_id: str
    action: str  # grant | revoke
    by: str
    n: int
    note: str = ""

    @property
    def at(self) -> float:
        return self.n / 1e9


def _record(row: dict) -> GrantRecord:
    return GrantRecord(user=row["user"], case_id=row["case_id"], action=row["action"], by=row["by"],
                       n=int(row["n"]), note=row.get("note") or "")


class Grants:
    def __init__(self, store: GraphStore):
        self.store = store

    def history(self, user: str | None = None, case_id: str | None = None) -> list[GrantRecord]:
        where = {k: v for k, v in (("user", user), ("case_id", case_id)) if v is not None}
        rows = self.store.scan(SYSTEM, "Grant", order_by="n", where=where or None)
        return sorted((_record(r) for r in rows), key=lambda g: (g.n, g.user, g.case_id))

    def state(self, user: str | None = None) -> dict[tuple[str, str], GrantRecord]:
        latest: dict[tuple[str, str], GrantRecord] = {}
        for g in self.history(user):
            latest[(g.user, g.case_id)] = g
        return latest

    def cases_of(self, user: str) -> frozenset[str]:
        return frozenset(c for (_, c), g in self.state(user).items() if g.action == "grant")

    def holders(self, case_id: str) -> list[str]:
        latest: dict[str, GrantRecord] = {}
        for g in self.history(case_id=case_id):
            latest[g.user] = g
        return sorted(u for u, g in latest.items() if g.action == "grant")

    def _append(self, user: str, case_id: str, action: str, by: str, note: str) -> GrantRecord:
        case_id = (case_id or "").strip()
        if not case_id:
            raise InvalidInput("case: a case number is required")
        previous = [g.n for g in self.history(user, case_id)]
        n = max([time.time_ns(), *(p + 1 for p in previous)])
        row = {"id": digest(user, case_id, action, n), "user": user, "case_id": case_id, "action": action,
               "by": by, "n": n, "note": note or None, "source": "halqa grant", "recorded_by": by}
        self.store.write(SYSTEM, nodes={"Grant": [row]})
        return GrantRecord(user, case_id, action, by, n, note)

    def give(self, user: str, case_id: str, by: str, note: str = "") -> GrantRecord:
        return self._append(user, case_id, "grant", by, note)

    def revoke(self, user: str, case_id: str, by: str, note: str = "") -> GrantRecord:
        return self._append(user, case_id, "revoke", by, note)

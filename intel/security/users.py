"""User accounts, stored in the graph as system ``User`` nodes: name, role, Argon2 hash.
A user node never holds case content; which cases a user sees is decided by grants."""

from __future__ import annotations

import re
from dataclasses import dataclass

from intel.errors import InvalidInput
from intel.principal import SYSTEM, Role
from intel.security.passwords import hash_password, verify_password
from intel.security.policy import USER_ROLES
from intel.store import GraphStore

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    active: bool = True


def check_name(name: str) -> str:
    name = (name or "").strip().lower()
    if not _NAME.match(name):
        raise InvalidInput(f"user name {name!r}: use 2-64 lower-case letters, digits, '.', '_' or '-'")
    return name


def parse_role(value: str) -> Role:
    try:
        role = Role(str(value).strip().lower())
    except ValueError:
        role = None
    if role not in USER_ROLES:
        raise InvalidInput(f"role {value!r}: must be one of {', '.join(r.value for r in USER_ROLES)}")
    return role


class Users:
    def __init__(self, store: GraphStore):
        self.store = store

    def _row(self, name: str) -> dict | None:
        rows = self.store.scan(SYSTEM, "User", where={"username": name}, limit=1)
        return rows[0] if rows else None

    def get(self, name: str) -> User | None:
        row = self._row(name.strip().lower())
        if row is None:
            return None
        return User(name=row["username"], role=Role(row["role"]), active=row.get("active") is not False)

    def all(self) -> list[User]:
        return [User(r["username"], Role(r["role"]), r.get("active") is not False)
                for r in self.store.scan(SYSTEM, "User", order_by="username")]

    def count(self) -> int:
        return len(self.store.scan(SYSTEM, "User", order_by="username"))

    def add(self, name: str, role: str | Role, password: str, by: str) -> User:
        name = check_name(name)
        role = parse_role(role.value if isinstance(role, Role) else role)
        if self._row(name) is not None:
            raise InvalidInput(f"user {name!r} already exists")
        row = {"username": name, "role": role.value, "password_hash": hash_password(password), "active": True,
               "source": "halqa user add", "recorded_by": by}
        self.store.write(SYSTEM, nodes={"User": [row]})
        return User(name, role, True)

    def check_password(self, name: str, password: str) -> User | None:
        """The user when the password matches and the account is active, else None."""
        row = self._row(name.strip().lower()) if _NAME.match(name.strip().lower() or "") else None
        ok = verify_password(row["password_hash"] if row else None, password)
        if not ok or row is None or row.get("active") is False:
            return None
        return User(row["username"], Role(row["role"]), True)

"""User accounts, for the admin: create users. The first account (an admin) may be created
without a login, to bootstrap a new installation."""

from __future__ import annotations

from intel.errors import AccessDenied
from intel.principal import Principal, Role
from intel.security.users import User, Users, parse_role
from intel.services.base import Service
from intel.store import GraphStore

BOOTSTRAP = Principal(user="bootstrap", role=Role.ADMIN)


def bootstrap_allowed(store: GraphStore, role: str) -> bool:
    """True when the store has no users yet and the first one is an admin."""
    if Users(store).count() > 0:
        return False
    if parse_role(role) is not Role.ADMIN:
        raise AccessDenied("the first user of a new installation must be an admin")
    return True


class UserService(Service):
    def add(self, name: str, role: str, password: str) -> User:
        self.authorize("user.manage", object_ids=[name])
        user = Users(self.store).add(name, role, password, by=self.principal.user)
        self.audit("user.manage", "ok", [f"user:{user.name}"], op="add", role=user.role.value)
        return user

    def list_users(self) -> list[User]:
        self.authorize("user.manage")
        users = Users(self.store).all()
        self.audit("user.manage", "ok", op="list", results=len(users))
        return users

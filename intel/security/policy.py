"""The role x action table, as data. The services check every call against it;
``docs/policy.md`` is generated from it (``policy_markdown``) and a test keeps them equal.

``case_scoped`` actions also need a grant for every case they touch. The system principal
(maintenance work: schema, migration, verification) may do everything and is not a user role.
"""

from __future__ import annotations

from dataclasses import dataclass

from intel.principal import Principal, Role


@dataclass(frozen=True)
class Action:
    name: str
    description: str
    case_scoped: bool


ACTIONS: dict[str, Action] = {a.name: a for a in [
    Action("case.read", "List the cases one is granted and read a case record.", True),
    Action("case.create", "Open a new case (its creator is granted it).", False),
    Action("case.write", "Write entities and relationships into a granted case.", True),
    Action("entity.read", "Search persons, read entities, neighbourhoods and paths in granted cases.", True),
    Action("graph.export", "Export a granted case's subgraph as tables for analytics.", True),
    Action("protected.reveal", "Decrypt a protected identity or statement text, with a recorded justification.", True),
    Action("evidence.attach", "Attach exhibits to a granted case.", True),
    Action("export.packet", "Prepare a case packet for a foreign partner (pseudonyms only).", True),
    Action("packet.approve", "Approve an outbound packet.", True),
    Action("grant.manage", "Grant and revoke per-case access.", False),
    Action("user.manage", "Create user accounts.", False),
    Action("audit.read", "Read the audit trail and its report.", False),
    Action("audit.verify", "Verify the audit chain and write signed checkpoints.", False),
    Action("keys.rotate", "Rotate the data-encryption key (re-encrypts every protected field).", False),
]}

_READ = {"case.read", "entity.read"}
ROLE_ACTIONS: dict[Role, frozenset[str]] = {
    Role.ANALYST: frozenset(_READ | {"case.write", "graph.export"}),
    Role.INVESTIGATOR: frozenset(_READ | {"case.create", "case.write", "graph.export", "protected.reveal",
                                          "evidence.attach"}),
    Role.PROSECUTOR: frozenset(_READ | {"protected.reveal"}),
    Role.LIAISON: frozenset(_READ | {"export.packet"}),
    Role.COORDINATOR: frozenset(_READ | {"case.create", "packet.approve", "grant.manage", "audit.read",
                                         "audit.verify"}),
    Role.ADMIN: frozenset({"user.manage", "audit.verify", "keys.rotate"}),
}
USER_ROLES: tuple[Role, ...] = tuple(ROLE_ACTIONS)


def _check_table() -> None:
    for role, actions in ROLE_ACTIONS.items():
        unknown = actions - set(ACTIONS)
        if unknown:
            raise ValueError(f"policy: {role.value} has unknown action {sorted(unknown)[0]!r}")


_check_table()


def allows(role: Role, action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if role is Role.SYSTEM:
        return True
    return action in ROLE_ACTIONS.get(role, frozenset())


def may(principal: Principal, action: str) -> bool:
    return allows(principal.role, action)


def cleared_roles() -> list[Role]:
    """Roles that may see protected identities (with a justification)."""
    return [r for r in USER_ROLES if "protected.reveal" in ROLE_ACTIONS[r]]


def policy_markdown() -> str:
    roles = [r.value for r in USER_ROLES]
    lines = ["# Access policy", "",
             "Generated from `intel/security/policy.py` (`policy_markdown()`); do not edit by hand.", "",
             "Every service call checks this table for the caller's role. Actions marked *case* also",
             "need a grant for every case they touch (given by a coordinator, `halqa grant USER CASE`).",
             "Protected identities are shown only to roles with `protected.reveal`, and only with a",
             "recorded justification; everyone else sees a stable pseudonym. Every read, write and",
             "denied attempt is written to the hash-chained audit log.", "",
             "| action | scope | " + " | ".join(roles) + " | description |",
             "|---|---|" + "---|" * len(roles) + "---|"]
    for a in ACTIONS.values():
        cells = ["yes" if a.name in ROLE_ACTIONS[r] else "" for r in USER_ROLES]
        lines.append(f"| `{a.name}` | {'case' if a.case_scoped else 'global'} | " + " | ".join(cells)
                     + f" | {a.description} |")
    lines += ["", "The admin sees no case content: it manages users and keys and verifies the audit chain."]
    return "\n".join(lines) + "\n"

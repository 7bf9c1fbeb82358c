"""Every cell of the role x action table, checked through the services on every backend, and
the generated docs/policy.md kept equal to the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from intel import audit
from intel.errors import AccessDenied
from intel.security.policy import ACTIONS, ROLE_ACTIONS, USER_ROLES, policy_markdown
from intel.services.audit_trail import AuditService
from intel.services.base import Service
from intel.services.cases import CaseService
from intel.services.graph import GraphService
from intel.services.keys import KeyService
from intel.services.users import UserService
from secured_world import PROV, World, world  # noqa: F401

REPO = Path(__file__).resolve().parents[2]


def _do(w: World, role: str, action: str, case: str) -> None:
    """Perform ``action`` as ``role`` through the service that owns it, on ``case``."""
    if action == "case.read":
        svc = w.svc(CaseService, role)
        svc.authorize("case.read", [case])
        svc.list_cases()
    elif action == "case.create":
        w.svc(CaseService, role).create_case(f"N-{role}")
    elif action == "case.write":
        w.svc(GraphService, role).write(nodes={"Person": [{"id": f"x-{role}", "name": "Tural Nəsibov",
                                                           "cases": [case], **PROV}]})
    elif action == "entity.read":
        w.svc(GraphService, role).get_entity("person:s1" if case == "C-1" else "person:s2")
    elif action == "graph.export":
        w.svc(GraphService, role).export_subgraph(cases=[case])
    elif action == "protected.reveal":
        w.svc(GraphService, role).reveal("person:v1" if case == "C-1" else "person:v2",
                                         "preparing the court hearing of 12 May")
    elif action in ("evidence.attach", "export.packet", "packet.approve"):
        w.svc(Service, role).authorize(action, [case])
    elif action == "grant.manage":
        w.svc(CaseService, role).grant("analyst", "C-3")
    elif action == "user.manage":
        w.svc(UserService, role).add(f"new-{role}", "analyst", "a-long-password")
    elif action == "audit.read":
        w.svc(AuditService, role).report()
    elif action == "audit.verify":
        assert w.svc(AuditService, role).verify().ok
    elif action == "keys.rotate":
        w.svc(KeyService, role).rotate()
    else:  # a new action must get a row here
        raise AssertionError(f"no service call for {action}")


def test_every_cell_of_the_policy_table(world: World):
    for role in USER_ROLES:
        for action in ACTIONS:
            allowed = action in ROLE_ACTIONS[role]
            if allowed:
                _do(world, role.value, action, "C-1")
            else:
                with pytest.raises(AccessDenied, match=action.replace(".", r"\.")):
                    _do(world, role.value, action, "C-1")
                last = audit.entries(world.store)[-1]
                assert (last.user, last.outcome, last.action) == (role.value, "denied", action), (role, action)


def test_case_scoped_actions_need_a_grant(world: World):
    """Even an allowed action is refused on a case the user is not granted (C-2)."""
    for role in USER_ROLES:
        for action in ROLE_ACTIONS[role]:
            if not ACTIONS[action].case_scoped:
                continue
            with pytest.raises(AccessDenied):
                _do(world, role.value, action, "C-2")
            last = audit.entries(world.store)[-1]
            assert (last.user, last.outcome) == (role.value, "denied"), (role, action)
    assert audit.verify(world.store).ok


def test_policy_doc_matches_the_code():
    assert (REPO / "docs" / "policy.md").read_text("utf-8") == policy_markdown()

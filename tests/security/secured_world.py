"""A small secured world on every backend: one user per role, three cases, protected victims.

Persons: s1 (suspect, C-1), v1 (protected victim, C-1), s2 (suspect, C-2), v2 (protected
victim, C-2), w3 (protected witness, C-3); a statement in C-1 whose text names the victim.
Every user is granted C-1 only.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from intel.config import Settings
from intel.principal import SYSTEM, Principal
from intel.security.crypto import Crypto, open_crypto
from intel.security.policy import USER_ROLES
from intel.security.session import principal_for
from intel.security.users import Users
from intel.services.cases import CaseService
from intel.services.graph import GraphService
from intel.store import GraphStore

PROV = {"source": "test", "recorded_by": "tester"}
SECRETS = ["Aygün Qasımova", "Leyla Məmmədova", "Nərgiz Əhmədova", "Aygun Gasimova", "2001-02-01",
           "Shelter Mərdəkan"]
STATEMENT_TEXT = "Aygün Qasımova said she was kept at Shelter Mərdəkan after the crossing."
CASES = ("C-1", "C-2", "C-3")
TRUE_CASES = {"person:s1": {"C-1"}, "person:v1": {"C-1"}, "person:s2": {"C-2"}, "person:v2": {"C-2"},
              "person:w3": {"C-3"}}


def password(name: str) -> str:
    return f"{name}-pass-2024!"


def case_id(number: str) -> str:
    from graph_models.ids import make_node_id

    return make_node_id("case", [number])


def seed_rows() -> tuple[dict, dict]:
    nodes = {
        "Person": [
            {"id": "s1", "name": "Elçin Rauf oğlu Məmmədov", "cases": ["C-1"], **PROV},
            {"id": "v1", "name": SECRETS[0], "aliases": [SECRETS[3]], "birth_date": "01.02.2001",
             "protected": True, "cases": ["C-1"], **PROV},
            {"id": "s2", "name": "Rauf Hüseynov", "cases": ["C-2"], **PROV},
            {"id": "v2", "name": SECRETS[1], "protected": True, "cases": ["C-2"], **PROV},
            {"id": "w3", "name": SECRETS[2], "protected": True, "cases": ["C-3"], **PROV},
        ],
        "Statement": [{"content_hash": "h-st-1", "title": "interview-1", "lang": "az", "text": STATEMENT_TEXT,
                       "cases": ["C-1"], **PROV}],
    }
    rel = lambda a, b, c, **kw: {"src": a, "dst": b, "case_id": c, **PROV, **kw}  # noqa: E731
    edges = {
        "RECRUITED": [rel("person:s1", "person:v1", "C-1"), rel("person:s2", "person:v2", "C-2")],
        "ASSOCIATE_OF": [rel("person:s1", "person:s2", "C-2"), rel("person:s2", "person:w3", "C-3")],
        "INVOLVED_IN": [rel("person:v1", case_id("C-1"), "C-1", role="victim"),
                        rel("person:v2", case_id("C-2"), "C-2", role="victim"),
                        rel("person:w3", case_id("C-3"), "C-3", role="witness")],
    }
    return nodes, edges


@dataclass
class World:
    store: GraphStore
    settings: Settings
    crypto: Crypto
    principals: dict[str, Principal] = field(default_factory=dict)

    def user(self, role: str) -> Principal:
        """The user's principal with its current grants (passwords are checked by the session
        tests; Argon2 takes a third of a second per check, too slow for every call here)."""
        return principal_for(self.store, role)

    def svc(self, cls, role: str | None = None):
        return cls(self.store, SYSTEM if role is None else self.user(role), self.crypto)


def build_world(store: GraphStore, data_dir: Path) -> World:
    settings = Settings(_env_file=None, data_dir=data_dir)
    crypto = open_crypto(settings, store, env={})
    world = World(store, settings, crypto)
    users = Users(store)
    for role in USER_ROLES:
        users.add(role.value, role.value, password(role.value), by="setup")
    cases = CaseService(store, SYSTEM, crypto)
    for number in CASES:
        cases.create_case(number)
    for role in USER_ROLES:
        cases.grant(role.value, "C-1")
    nodes, edges = seed_rows()
    GraphService(store, SYSTEM, crypto).write(nodes=nodes, edges=edges)
    return world


def held(store: GraphStore):
    """Keep the embedded database open for the whole test (outside a hold, every call opens
    and closes it); Neo4j keeps its connection pool anyway."""
    return store.hold() if hasattr(store, "hold") else contextlib.nullcontext()


@pytest.fixture
def world(store, tmp_path) -> World:
    """The world, with audit writes batched through a journal as the CLI and UI do."""
    from intel.audit import attach_journal, flush

    with held(store):
        attach_journal(store, tmp_path / "audit-journal")
        yield build_world(store, tmp_path / "keys")
        flush(store)

"""Sessions (passwords, tokens, HALQA_USER/HALQA_PASSWORD) and the security CLI end to end:
user add, login, grant, revoke, keys rotate, audit verify/checkpoint/report."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from backend_env import settings_env
from intel import audit
from intel.cli import app
from intel.errors import AccessDenied, InvalidInput
from intel.principal import SYSTEM
from intel.security.crypto import Crypto, open_crypto, read_keyring
from intel.security.session import authenticate, login, resolve_principal, token_user
from intel.security.users import Users
from intel.services.cases import CaseService
from intel.services.graph import GraphService
from intel.services.keys import KeyService
from secured_world import PROV, SECRETS, World, password, world  # noqa: F401


def test_passwords_tokens_and_env(world: World):
    store, settings = world.store, world.settings
    with pytest.raises(AccessDenied, match="wrong user name or password"):
        authenticate(store, "analyst", "not-the-password")
    with pytest.raises(AccessDenied, match="wrong user name or password"):
        authenticate(store, "nobody", "whatever-password")
    assert audit.entries(store)[-1].outcome == "denied"
    with pytest.raises(InvalidInput, match="at least 10"):
        Users(store).add("shorty", "analyst", "short", by="t")
    with pytest.raises(InvalidInput, match="already exists"):
        Users(store).add("analyst", "analyst", "long-enough-pw", by="t")
    assert "argon2id" in store.scan(SYSTEM, "User", where={"username": "analyst"})[0]["password_hash"]

    p = resolve_principal(settings, store, {"HALQA_USER": "analyst", "HALQA_PASSWORD": password("analyst")})
    assert p.user == "analyst" and p.cases == frozenset({"C-1"})
    with pytest.raises(AccessDenied, match="not logged in"):
        resolve_principal(settings, store, {})
    login(settings, store, "prosecutor", password("prosecutor"), ttl=60)
    token = settings.data_dir / "session.json"
    assert token.stat().st_mode & 0o777 == 0o600
    assert resolve_principal(settings, store, {}).user == "prosecutor"
    assert token_user(settings, now=time.time() + 120) is None  # expired
    raw = json.loads(token.read_text())
    token.write_text(json.dumps({**raw, "user": "coordinator"}))  # forged
    with pytest.raises(AccessDenied, match="not logged in"):
        resolve_principal(settings, store, {})


def test_key_rotation_reencrypts_everything_and_drops_the_old_key(world: World):
    store = world.store
    old_ring = read_keyring(world.crypto.ring.path)
    old_kid = old_ring.active
    before = store.execute(SYSTEM, "MATCH (n:Person) WHERE n.protected = true RETURN n.id AS id, "
                                   "n.protected_identity AS t")
    assert before and all(Crypto.key_id(r["t"]) == old_kid for r in before)
    out = world.svc(KeyService, "admin").rotate()
    assert out["reencrypted"] == len(before) + 1 and out["dropped"] == 1  # + the statement text
    ring = read_keyring(world.crypto.ring.path)
    assert list(ring.keys) == [out["active"]] != [old_kid]
    after = {r["id"]: r["t"] for r in store.execute(
        SYSTEM, "MATCH (n:Person) WHERE n.protected = true RETURN n.id AS id, n.protected_identity AS t")}
    assert all(Crypto.key_id(t) == out["active"] for t in after.values())
    fresh = open_crypto(world.settings, store, env={})
    inv = GraphService(store, world.user("investigator"), fresh)
    assert inv.reveal("person:v1", "after the key rotation")["name"] == SECRETS[0]
    with pytest.raises(Exception, match="not in the key ring"):
        Crypto(old_ring).decrypt(after["person:v1"], "person:v1", "protected_identity")
    assert audit.entries(store)[-2].action == "keys.rotate"


def _cli(runner, env, *args, input=None):
    return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=True)


def _text(result) -> str:
    """Output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def test_security_cli_end_to_end(backend_settings, tmp_path):
    from intel.store import open_store

    env = settings_env(backend_settings)
    env.pop("HALQA_USER", None)
    env.pop("HALQA_PASSWORD", None)
    env.pop("HALQA_DATA_KEY", None)
    store = open_store(backend_settings)
    if backend_settings.backend == "neo4j":
        store.execute(SYSTEM, "MATCH (n) DETACH DELETE n", write=True)
    store.init_schema()
    runner = CliRunner()
    r = _cli(runner, env, "user", "add", "chief", "--role", "coordinator", "--password-stdin", input="chief-password\n")
    assert isinstance(r.exception, AccessDenied) and "must be an admin" in str(r.exception)
    r = _cli(runner, env, "user", "add", "root", "--role", "admin", "--password-stdin", input="root-password\n")
    assert r.exit_code == 0, r.output
    r = _cli(runner, env, "user", "add", "chief", "--role", "coordinator", "--password-stdin", input="chief-password\n")
    assert isinstance(r.exception, AccessDenied)  # no login yet
    admin_env = {**env, "HALQA_USER": "root", "HALQA_PASSWORD": "root-password"}
    for name, role in (("chief", "coordinator"), ("ana", "analyst")):
        r = _cli(runner, admin_env, "user", "add", name, "--role", role, "--password-stdin", input=f"{name}-password\n")
        assert r.exit_code == 0, r.output
    r = _cli(runner, env, "login", "chief", "--password-stdin", input="chief-password\n")
    assert r.exit_code == 0 and "coordinator" in _text(r), r.output
    crypto = open_crypto(backend_settings, store, env={})
    CaseService(store, SYSTEM, crypto).create_case("C-7")
    r = _cli(runner, env, "grant", "ana", "C-7", "--note", "network analysis")
    assert r.exit_code == 0 and "granted" in _text(r), r.output
    r = _cli(runner, env, "grant", "ana", "C-404")
    assert r.exception is not None and "does not exist" in str(r.exception)
    r = _cli(runner, admin_env, "grant", "ana", "C-7")
    assert isinstance(r.exception, AccessDenied) and "grant.manage" in str(r.exception)
    ana_env = {**env, "HALQA_USER": "ana", "HALQA_PASSWORD": "ana-password"}
    principal = resolve_principal(backend_settings, store, ana_env)
    assert principal.cases == frozenset({"C-7"})
    GraphService(store, principal, crypto).write(nodes={"Person": [
        {"id": "v7", "name": "Gülnar Rzayeva", "protected": True, "cases": ["C-7"], **PROV}]})
    r = _cli(runner, env, "revoke", "ana", "C-7")
    assert r.exit_code == 0, r.output
    assert resolve_principal(backend_settings, store, ana_env).cases == frozenset()

    r = _cli(runner, admin_env, "keys", "rotate")
    assert r.exit_code == 0 and "1 values re-encrypted" in _text(r), r.output
    r = _cli(runner, env, "audit", "checkpoint", "--key", str(tmp_path / "chief.pem"), "--out", str(tmp_path / "cp.json"))
    assert r.exit_code == 0, r.output
    r = _cli(runner, env, "audit", "verify", "--checkpoint", str(tmp_path / "cp.json"), "--key", str(tmp_path / "chief.pem"))
    assert r.exit_code == 0 and "matches the checkpoint" in _text(r), r.output
    r = _cli(runner, env, "audit", "report", "--since", "2000-01-01")
    assert r.exit_code == 0 and "denied attempts" in _text(r) and "root" in _text(r), r.output
    r = _cli(runner, env, "audit", "report", "--since", "yesterday")
    assert isinstance(r.exception, InvalidInput)
    r = _cli(runner, ana_env, "audit", "verify")
    assert isinstance(r.exception, AccessDenied)

    store.execute(SYSTEM, "MATCH (a:AuditEvent) WHERE a.seq = 4 SET a.user = 'nobody'", write=True)
    r = _cli(runner, env, "audit", "verify")
    assert r.exit_code == 8 and "seq 4" in _text(r), r.output
    r = _cli(runner, env, "logout")
    assert "logged out" in _text(r)
    store.close()


def test_case_open_and_list_from_the_cli(backend_settings):
    """A coordinator opens a case and grants it from the command line; an admin may not open
    one; a user lists only the cases granted to them."""
    from intel.store import open_store

    env = settings_env(backend_settings)
    env.pop("HALQA_USER", None)
    env.pop("HALQA_PASSWORD", None)
    store = open_store(backend_settings)
    if backend_settings.backend == "neo4j":
        store.execute(SYSTEM, "MATCH (n) DETACH DELETE n", write=True)
    store.init_schema()
    runner = CliRunner()
    r = _cli(runner, env, "user", "add", "root", "--role", "admin", "--password-stdin", input="root-password\n")
    assert r.exit_code == 0, r.output
    admin_env = {**env, "HALQA_USER": "root", "HALQA_PASSWORD": "root-password"}
    for name, role in (("chief", "coordinator"), ("ivan", "investigator")):
        r = _cli(runner, admin_env, "user", "add", name, "--role", role, "--password-stdin", input=f"{name}-password\n")
        assert r.exit_code == 0, r.output
    chief = {**env, "HALQA_USER": "chief", "HALQA_PASSWORD": "chief-password"}
    ivan = {**env, "HALQA_USER": "ivan", "HALQA_PASSWORD": "ivan-password"}
    r = _cli(runner, chief, "case", "open", "AZ-17", "--title", "Baku ring", "--opened", "03.02.2024")
    assert r.exit_code == 0 and "opened case AZ-17" in _text(r), r.output
    r = _cli(runner, chief, "case", "open", "AZ-17")
    assert r.exception is not None and "already exists" in str(r.exception)
    r = _cli(runner, admin_env, "case", "open", "AZ-18")
    assert isinstance(r.exception, AccessDenied) and "case.create" in str(r.exception)
    r = _cli(runner, ivan, "case", "open", "AZ-19")
    assert r.exit_code == 0, r.output
    r = _cli(runner, chief, "grant", "ivan", "AZ-17")
    assert r.exit_code == 0, r.output
    listed = _text(_cli(runner, ivan, "case", "list"))
    assert "AZ-17" in listed and "Baku ring" in listed and "2024-02-03" in listed and "AZ-19" in listed
    listed = _text(_cli(runner, chief, "case", "list"))
    assert "AZ-17" in listed and "AZ-19" not in listed
    assert not _cli(runner, ivan, "case", "list").exception

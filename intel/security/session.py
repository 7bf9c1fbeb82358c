"""Who is asking: authenticate a user and password into a ``Principal`` carrying the cases
granted to that user, and the CLI session that remembers it.

``halqa login`` stores a short-lived token (user, expiry, HMAC signature under a session key
kept beside it, both mode 0600) in the data directory. Scripts set ``HALQA_USER`` and
``HALQA_PASSWORD`` instead. Every CLI command resolves its principal through
``resolve_principal``; the user's role and grants are read from the store each time, so a
revoke or a disabled account takes effect at once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Mapping

from intel.audit import Event, record
from intel.config import Settings
from intel.errors import AccessDenied
from intel.principal import Principal
from intel.security.grants import Grants
from intel.security.users import Users
from intel.store import GraphStore

TOKEN_TTL = 8 * 3600
TOKEN_FILE = "session.json"
SESSION_KEY_FILE = "session.key"


class NotLoggedIn(AccessDenied):
    pass


def principal_for(store: GraphStore, name: str) -> Principal:
    """The principal of an existing, active user with the cases granted now."""
    user = Users(store).get(name)
    if user is None or not user.active:
        raise AccessDenied(f"user {name!r} does not exist or is disabled")
    return Principal(user=user.name, role=user.role, cases=Grants(store).cases_of(user.name))


def authenticate(store: GraphStore, name: str, password: str) -> Principal:
    """Check the password; failures are audited and say only 'wrong user name or password'."""
    user = Users(store).check_password(name, password)
    if user is None:
        record(store, Event(user=(name or "?").strip().lower()[:64], role="unknown", action="login",
                            outcome="denied"))
        raise AccessDenied("wrong user name or password")
    return principal_for(store, user.name)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _session_key(settings: Settings, create: bool) -> bytes | None:
    path = settings.data_dir / SESSION_KEY_FILE
    if path.exists():
        return bytes.fromhex(path.read_text("ascii").strip())
    if not create:
        return None
    key = secrets.token_bytes(32)
    _write_private(path, key.hex().encode("ascii"))
    return key


def _sign(key: bytes, payload: dict) -> str:
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, raw, hashlib.sha256).hexdigest()


def login(settings: Settings, store: GraphStore, name: str, password: str, ttl: int = TOKEN_TTL) -> Principal:
    principal = authenticate(store, name, password)
    key = _session_key(settings, create=True)
    assert key is not None
    payload = {"user": principal.user, "exp": int(time.time()) + ttl, "nonce": secrets.token_hex(8)}
    _write_private(settings.data_dir / TOKEN_FILE, json.dumps({**payload, "sig": _sign(key, payload)}).encode())
    record(store, Event.of(principal, "login", ttl=ttl))
    return principal


def logout(settings: Settings) -> bool:
    path = settings.data_dir / TOKEN_FILE
    if path.exists():
        path.unlink()
        return True
    return False


def token_user(settings: Settings, now: float | None = None) -> str | None:
    """The user named by a valid, unexpired session token, else None."""
    path = settings.data_dir / TOKEN_FILE
    key = _session_key(settings, create=False)
    if key is None or not path.exists():
        return None
    try:
        raw = json.loads(path.read_text("utf-8"))
        payload = {k: raw[k] for k in ("user", "exp", "nonce")}
        sig = str(raw["sig"])
    except (ValueError, KeyError, TypeError):
        return None
    if not hmac.compare_digest(sig, _sign(key, payload)):
        return None
    if float(payload["exp"]) < (time.time() if now is None else now):
        return None
    return str(payload["user"])


def resolve_principal(settings: Settings, store: GraphStore, env: Mapping[str, str] | None = None) -> Principal:
    """The one way a CLI command learns who is asking: HALQA_USER + HALQA_PASSWORD, else the
    session token written by ``halqa login``."""
    env = os.environ if env is None else env
    name, password = env.get("HALQA_USER", ""), env.get("HALQA_PASSWORD", "")
    if name and password:
        return authenticate(store, name, password)
    user = token_user(settings)
    if user is not None and (not name or name.strip().lower() == user):
        return principal_for(store, user)
    raise NotLoggedIn("not logged in (or the session expired): run 'halqa login' or set HALQA_USER and "
                      "HALQA_PASSWORD")

"""Field encryption: AES-256-GCM under a key ring that never enters the database.

A ciphertext is ``v1:<kid>:<nonce>:<ct>`` (nonce and ct base64). The associated data binds it
to the node id and field, so a value copied onto another node or field does not decrypt. The
nonce is synthetic (an HMAC of the associated data and plaintext under a key derived from the
data key): the same value written twice gives the same ciphertext, so re-ingesting changes
nothing, and a nonce repeats only together with an identical plaintext, which GCM tolerates.

Keys come from ``HALQA_DATA_KEY`` (base64 of 32 bytes) or a JSON key file (``Settings.key_file``
or ``<data_dir>/keys.json``, mode 0600). The ring also holds the pseudonym key, which is not
rotated so pseudonyms stay stable. Errors are one line and never carry plaintext.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from intel.config import Settings
from intel.errors import ConfigError, HalqaError

VERSION = "v1"
ENV_KEY = "HALQA_DATA_KEY"
KEY_IDS_META = "data_key_ids"


class CryptoKeyError(HalqaError):
    """A key is missing, malformed or does not open a ciphertext."""

    exit_code = 6


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise CryptoKeyError(f"{what} is not valid base64") from None


def _derive(key: bytes, info: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info.encode()).derive(key)


@dataclass
class KeyRing:
    """Data keys by id (one active) and the pseudonym key; ``source`` says where they came from."""

    keys: dict[str, bytes]
    active: str
    pseudonym_key: bytes
    source: str
    path: Path | None = None
    _nonce_keys: dict[str, bytes] = field(default_factory=dict, repr=False)

    def nonce_key(self, kid: str) -> bytes:
        if kid not in self._nonce_keys:
            self._nonce_keys[kid] = _derive(self.keys[kid], "halqa nonce")
        return self._nonce_keys[kid]

    def to_json(self) -> dict:
        return {"version": 1, "active": self.active,
                "keys": {k: _b64(v) for k, v in self.keys.items()},
                "pseudonym_key": _b64(self.pseudonym_key)}

    def save(self) -> None:
        """Write the ring atomically with mode 0600."""
        if self.path is None:
            raise ConfigError(f"keys from {self.source} cannot be changed here; use a key file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def add_key(self) -> str:
        kid = "k" + secrets.token_hex(4)
        self.keys[kid] = AESGCM.generate_key(bit_length=256)
        self.active = kid
        return kid

    def drop_inactive(self) -> list[str]:
        gone = [k for k in self.keys if k != self.active]
        for k in gone:
            del self.keys[k]
            self._nonce_keys.pop(k, None)
        return gone


def key_file_path(settings: Settings) -> Path:
    return settings.key_file or settings.data_dir / "keys.json"


def new_keyring(path: Path) -> KeyRing:
    ring = KeyRing(keys={}, active="", pseudonym_key=secrets.token_bytes(32), source=str(path), path=path)
    ring.add_key()
    return ring


def read_keyring(path: Path) -> KeyRing:
    try:
        raw = json.loads(path.read_text("utf-8"))
        keys = {str(k): _unb64(v, f"key file {path}: key {k!r}") for k, v in raw["keys"].items()}
        active = str(raw["active"])
        pkey = _unb64(raw["pseudonym_key"], f"key file {path}: pseudonym_key")
    except FileNotFoundError:
        raise CryptoKeyError(f"key file {path} is missing") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise CryptoKeyError(f"key file {path} is not a Halqa key file (expected JSON with active, keys, pseudonym_key)") from None
    if active not in keys or any(len(v) != 32 for v in keys.values()) or len(pkey) != 32:
        raise CryptoKeyError(f"key file {path}: keys must be 32 bytes and 'active' must name one of them")
    if ":" in "".join(keys):
        raise CryptoKeyError(f"key file {path}: key ids may not contain ':'")
    return KeyRing(keys=keys, active=active, pseudonym_key=pkey, source=str(path), path=path)


def env_keyring(value: str) -> KeyRing:
    key = _unb64(value.strip(), ENV_KEY)
    if len(key) != 32:
        raise CryptoKeyError(f"{ENV_KEY} must be base64 of 32 bytes (got {len(key)} bytes)")
    kid = "env" + hashlib.sha256(key).hexdigest()[:8]
    return KeyRing(keys={kid: key}, active=kid, pseudonym_key=_derive(key, "halqa pseudonym"), source=ENV_KEY)


def load_keyring(settings: Settings, env: Mapping[str, str] | None = None,
                 known_ids: list[str] | None = None) -> KeyRing:
    """The ring from ``HALQA_DATA_KEY`` or the key file. A missing file is created (0600) only
    when ``known_ids`` (the key ids the store says it holds data under) is empty."""
    env = os.environ if env is None else env
    if env.get(ENV_KEY):
        return env_keyring(env[ENV_KEY])
    path = key_file_path(settings)
    if not path.exists():
        if known_ids:
            raise CryptoKeyError(f"key file {path} is missing, but the store holds data encrypted under "
                            f"key {known_ids[0]}; restore the key file or set {ENV_KEY}")
        ring = new_keyring(path)
        ring.save()
        return ring
    return read_keyring(path)


class Crypto:
    """Encrypt and decrypt one field value, bound to its node id and field name."""

    def __init__(self, ring: KeyRing):
        self.ring = ring

    @staticmethod
    def _aad(node_id: str, field_name: str) -> bytes:
        return f"halqa\x1f{node_id}\x1f{field_name}".encode("utf-8")

    def encrypt(self, plaintext: str, node_id: str, field_name: str, kid: str | None = None) -> str:
        kid = kid or self.ring.active
        aad = self._aad(node_id, field_name)
        data = plaintext.encode("utf-8")
        nonce = hmac.new(self.ring.nonce_key(kid), aad + b"\x00" + data, hashlib.sha256).digest()[:12]
        ct = AESGCM(self.ring.keys[kid]).encrypt(nonce, data, aad)
        return f"{VERSION}:{kid}:{_b64(nonce)}:{_b64(ct)}"

    def decrypt(self, token: str, node_id: str, field_name: str) -> str:
        kid, nonce, ct = self.parse(token, node_id, field_name)
        if kid not in self.ring.keys:
            raise CryptoKeyError(f"{node_id} {field_name}: encrypted under key {kid}, which is not in the key ring "
                            f"({self.ring.source})")
        try:
            data = AESGCM(self.ring.keys[kid]).decrypt(nonce, ct, self._aad(node_id, field_name))
        except InvalidTag:
            raise CryptoKeyError(f"{node_id} {field_name}: cannot decrypt with key {kid} from {self.ring.source} "
                            "(wrong key, or the value was altered or moved)") from None
        return data.decode("utf-8")

    @staticmethod
    def parse(token: str, node_id: str = "?", field_name: str = "?") -> tuple[str, bytes, bytes]:
        parts = token.split(":") if isinstance(token, str) else []
        if len(parts) != 4 or parts[0] != VERSION:
            raise CryptoKeyError(f"{node_id} {field_name}: not a Halqa ciphertext")
        return parts[1], _unb64(parts[2], f"{node_id} {field_name} nonce"), _unb64(parts[3], f"{node_id} {field_name}")

    @staticmethod
    def key_id(token: str) -> str | None:
        parts = token.split(":") if isinstance(token, str) else []
        return parts[1] if len(parts) == 4 and parts[0] == VERSION else None


def open_crypto(settings: Settings, store, env: Mapping[str, str] | None = None) -> Crypto:
    """The ring for this store: the store remembers which key ids its data is under (never
    the keys), so a missing or wrong key file is reported at once instead of creating a new
    key over existing data."""
    raw = store.get_meta(KEY_IDS_META)
    known = json.loads(raw) if raw else []
    ring = load_keyring(settings, env, known)
    if not known:
        store.set_meta(KEY_IDS_META, json.dumps(sorted(ring.keys)))
    elif not set(known) & set(ring.keys):
        raise CryptoKeyError(f"the keys from {ring.source} ({', '.join(sorted(ring.keys))}) are not the keys this "
                             f"store's data is encrypted under ({', '.join(known)}): wrong key file or {ENV_KEY}?")
    return Crypto(ring)

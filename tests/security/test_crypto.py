"""Field encryption and pseudonyms: AES-256-GCM bound to node and field, key files and the
environment key, clear one-line errors that never carry plaintext."""

from __future__ import annotations

import base64
import json
import re
import stat

import pytest

from intel.config import Settings
from intel.errors import HalqaError
from intel.security.crypto import (ENV_KEY, Crypto, CryptoKeyError, key_file_path, load_keyring, new_keyring,
                                   open_crypto, read_keyring)
from intel.security.pseudonym import blind_key, is_pseudonym, pseudonym

SECRET = "Aygün Qasımova"


@pytest.fixture
def crypto(tmp_path) -> Crypto:
    ring = new_keyring(tmp_path / "keys.json")
    ring.save()
    return Crypto(ring)


def test_round_trip_format_and_determinism(crypto):
    token = crypto.encrypt(SECRET, "person:v1", "protected_identity")
    assert re.fullmatch(r"v1:k[0-9a-f]{8}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+", token)
    assert SECRET not in token and base64.b64encode(SECRET.encode()).decode() not in token
    assert crypto.decrypt(token, "person:v1", "protected_identity") == SECRET
    assert crypto.encrypt(SECRET, "person:v1", "protected_identity") == token  # re-ingest changes nothing
    assert crypto.encrypt(SECRET, "person:v2", "protected_identity") != token


def test_ciphertext_is_bound_to_node_and_field(crypto):
    token = crypto.encrypt(SECRET, "person:v1", "protected_identity")
    for node, field in (("person:v2", "protected_identity"), ("person:v1", "text")):
        with pytest.raises(CryptoKeyError) as exc:
            crypto.decrypt(token, node, field)
        assert SECRET not in str(exc.value) and "\n" not in str(exc.value)
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(CryptoKeyError, match="altered"):
        crypto.decrypt(tampered, "person:v1", "protected_identity")


def test_key_file_is_private_and_wrong_key_is_one_clear_line(tmp_path, crypto):
    path = tmp_path / "keys.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = crypto.encrypt(SECRET, "person:v1", "protected_identity")
    other = new_keyring(tmp_path / "other.json")
    other.keys = {crypto.ring.active: other.keys[other.active]}  # same key id, different key
    other.active = crypto.ring.active
    with pytest.raises(CryptoKeyError) as exc:
        Crypto(other).decrypt(token, "person:v1", "protected_identity")
    assert "wrong key" in str(exc.value) and SECRET not in str(exc.value)
    missing = new_keyring(tmp_path / "third.json")
    with pytest.raises(CryptoKeyError, match="not in the key ring"):
        Crypto(missing).decrypt(token, "person:v1", "protected_identity")


def test_bad_key_files_and_env_keys(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CryptoKeyError, match="not a Halqa key file"):
        read_keyring(bad)
    bad.write_text(json.dumps({"active": "k1", "keys": {"k1": base64.b64encode(b"short").decode()},
                               "pseudonym_key": base64.b64encode(b"x" * 32).decode()}))
    with pytest.raises(CryptoKeyError, match="32 bytes"):
        read_keyring(bad)
    settings = Settings(_env_file=None, data_dir=tmp_path / "d")
    with pytest.raises(CryptoKeyError, match=ENV_KEY):
        load_keyring(settings, env={ENV_KEY: "not base64!"})
    with pytest.raises(CryptoKeyError, match="32 bytes"):
        load_keyring(settings, env={ENV_KEY: base64.b64encode(b"k" * 16).decode()})
    key = base64.b64encode(b"k" * 32).decode()
    ring = load_keyring(settings, env={ENV_KEY: key})
    assert ring.source == ENV_KEY and not key_file_path(settings).exists()
    token = Crypto(ring).encrypt(SECRET, "person:v1", "f")
    assert Crypto(load_keyring(settings, env={ENV_KEY: key})).decrypt(token, "person:v1", "f") == SECRET
    with pytest.raises(HalqaError, match="cannot be changed"):
        ring.save()


def test_store_remembers_key_ids_missing_and_wrong_key_files(store, tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "d")
    first = open_crypto(settings, store, env={})
    assert key_file_path(settings).exists()
    assert open_crypto(settings, store, env={}).ring.active == first.ring.active
    key_file_path(settings).unlink()
    with pytest.raises(CryptoKeyError, match="is missing") as exc:
        open_crypto(settings, store, env={})
    assert "\n" not in str(exc.value)
    with pytest.raises(CryptoKeyError, match="wrong key file"):
        open_crypto(settings, store, env={ENV_KEY: base64.b64encode(b"z" * 32).decode()})


def test_pseudonyms_are_stable_unlinkable_and_kinded():
    k1, k2 = b"a" * 32, b"b" * 32
    p = pseudonym(k1, "person:v1", "victim")
    assert p.startswith("Victim V-") and is_pseudonym(p)
    assert p == pseudonym(k1, "person:v1", "victim")
    assert pseudonym(k2, "person:v1", "victim") != p  # without the key, no link to the id
    assert pseudonym(k1, "person:w1", "witness").startswith("Witness W-")
    codes = {pseudonym(k1, f"person:{i}") for i in range(2000)}
    assert len(codes) == 2000
    assert blind_key(k1, "Aygün Qasımova") == blind_key(k1, "aygun  qasımova")
    assert "aygun" not in blind_key(k1, "Aygün Qasımova")
    assert not is_pseudonym("Victim Aygün")

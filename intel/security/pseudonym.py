"""Stable pseudonyms for protected persons, e.g. ``Victim V-7KQ2MX``.

The code is an HMAC of the node id under the ring's pseudonym key: the same person always gets
the same pseudonym, and without the key a pseudonym cannot be linked to the id or the name.
Six base-32 characters (about 10^9 values) keep collisions between persons negligible.
``blind_key`` is the same idea for search: an HMAC of a name key, stored in ``name_keys`` so a
cleared user can find a protected person by real name without the name being stored.
"""

from __future__ import annotations

import hashlib
import hmac

from graph_models.types import name_key

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
KINDS = {"victim": ("Victim", "V"), "witness": ("Witness", "W"), "protected": ("Protected person", "P")}
ROLE_KIND = {"victim": "victim", "potential_victim": "victim", "witness": "witness"}
BLIND_PREFIX = "bk:"


def _code(key: bytes, node_id: str) -> str:
    n = int.from_bytes(hmac.new(key, b"pseudonym\x00" + node_id.encode("utf-8"), hashlib.sha256).digest()[:8], "big")
    out = []
    for _ in range(6):
        n, r = divmod(n, 32)
        out.append(ALPHABET[r])
    return "".join(out)


def pseudonym(key: bytes, node_id: str, kind: str = "protected") -> str:
    word, letter = KINDS.get(kind, KINDS["protected"])
    return f"{word} {letter}-{_code(key, node_id)}"


def kind_for_role(role: str | None) -> str:
    """The pseudonym kind for a person's INVOLVED_IN role."""
    return ROLE_KIND.get(role or "", "protected")


def is_pseudonym(text: str | None) -> bool:
    if not text:
        return False
    for word, letter in KINDS.values():
        prefix = f"{word} {letter}-"
        if text.startswith(prefix) and len(text) == len(prefix) + 6:
            return all(ch in ALPHABET for ch in text[len(prefix):])
    return False


def blind_key(key: bytes, text: str) -> str:
    """A search token for a name: equal names give equal tokens; the token reveals nothing."""
    k = name_key(text)
    return BLIND_PREFIX + hmac.new(key, b"blind\x00" + k.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

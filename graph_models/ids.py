"""Deterministic identifiers: an id is the label's prefix and a hash of the natural key, so
re-ingesting the same input produces the same ids and changes nothing."""

from __future__ import annotations

import hashlib
import json
from json.encoder import c_make_encoder, encode_basestring


# Encoders built once (json.dumps builds one per call); the output is byte-identical, so ids
# and hashes stay what they were.
_KEY_JSON = json.JSONEncoder(ensure_ascii=False)
_HASH_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)
# The C encoder ``_HASH_JSON.encode`` sets up on every call, set up once (same options: the
# output is byte for byte the same); content hashes run once per row on the bulk paths.
_HASH_ENCODE = (c_make_encoder(None, str, encode_basestring, None, ": ", ", ", True, False, True)
                if c_make_encoder else None)


def digest(*parts: object, size: int = 20) -> str:
    raw = _KEY_JSON.encode([str(p) if p is not None else None for p in parts])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:size]


def make_node_id(prefix: str, key_values: list[object]) -> str:
    return f"{prefix}:{digest(*key_values)}"


def edge_id(rtype: str, src: str, dst: str, case_id: str | None, source: object,
            key_values: list[object] | tuple[object, ...] = ()) -> str:
    """A relationship's id: its type, ends, case, source and key properties. The type is part
    of it, so "A recruited B" and "A exploited B" from one statement are two facts. (The
    parts are encoded with ``repr`` of a tuple of texts: unambiguous, and a third of the cost
    of JSON on the bulk path, where it runs once per relationship.)"""
    parts = (rtype, src, dst, case_id, None if source is None else str(source),
             *[None if k is None else str(k) for k in key_values])
    return "rel:" + hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:20]


def prefixed(prefix: str, given: str) -> str:
    """A caller-supplied id, prefixed with the label so the label can be read off any id."""
    given = str(given).strip()
    return given if given.startswith(prefix + ":") else f"{prefix}:{given}"


def prefix_of(node_id: str) -> str:
    return node_id.split(":", 1)[0] if ":" in node_id else ""


def content_hash(props: dict) -> str:
    raw = "".join(_HASH_ENCODE(props, 0)) if _HASH_ENCODE is not None else _HASH_JSON.encode(props)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

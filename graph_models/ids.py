"""Deterministic identifiers: an id is the label's prefix and a hash of the natural key, so
re-ingesting the same input produces the same ids and changes nothing."""

from __future__ import annotations

import hashlib
import json


# Encoders built once (json.dumps builds one per call); the output is byte-identical, so ids
# and hashes stay what they were.
_KEY_JSON = json.JSONEncoder(ensure_ascii=False)
_HASH_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def digest(*parts: object, size: int = 20) -> str:
    raw = _KEY_JSON.encode([str(p) if p is not None else None for p in parts])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:size]


def make_node_id(prefix: str, key_values: list[object]) -> str:
    return f"{prefix}:{digest(*key_values)}"


def edge_id(rtype: str, src: str, dst: str, case_id: str | None, source: object,
            key_values: list[object] | tuple[object, ...] = ()) -> str:
    """A relationship's id: its type, ends, case, source and key properties. The type is part
    of it, so "A recruited B" and "A exploited B" from one statement are two facts."""
    return "rel:" + digest(rtype, src, dst, case_id, source, *key_values)


def prefixed(prefix: str, given: str) -> str:
    """A caller-supplied id, prefixed with the label so the label can be read off any id."""
    given = str(given).strip()
    return given if given.startswith(prefix + ":") else f"{prefix}:{given}"


def prefix_of(node_id: str) -> str:
    return node_id.split(":", 1)[0] if ":" in node_id else ""


def content_hash(props: dict) -> str:
    raw = _HASH_JSON.encode(props)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

"""Protected values on their way into and out of the store.

``seal`` rewrites rows before a write (rows of labels with nothing protected pass unchanged;
``GraphService.write`` validates them): a Person with ``protected=True`` keeps only a pseudonym
as its open name; its real name, name parts, aliases and birth date go, as JSON, into
``protected_identity``, encrypted and bound to the node id. Every other ``protected`` property
(e.g. Statement.text) is encrypted in place. Searchable blind keys replace the name keys.
``present`` strips ciphertext and identity fields from a record for display; ``reveal`` opens
them (the caller has checked the role and recorded the justification).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

from graph_models.schema import load_schema
from graph_models.validate import ValidationError, clean_node
from intel.errors import InvalidInput
from intel.security.crypto import Crypto, CryptoKeyError
from intel.security.pseudonym import blind_key, is_pseudonym, kind_for_role, pseudonym
from intel.store.records import NodeRecord

IDENTITY_FIELDS = ("name", "given_name", "surname", "patronymic", "aliases", "birth_date")
IDENTITY_FIELD = "protected_identity"


def protected_props(label: str) -> list[str]:
    schema = load_schema()
    ntype = schema.nodes.get(label) or schema.relationships.get(label)
    return [p.name for p in ntype.properties.values() if p.sensitivity == "protected"] if ntype else []


def needs_sealing(label: str) -> bool:
    """Rows of ``label`` can carry protected values (a Person's identity, a protected
    property): they must pass through ``Protection.seal``, never be written pre-cleaned."""
    return label == "Person" or bool(protected_props(label))


def is_protected_person(label: str, props: Mapping[str, Any]) -> bool:
    return label == "Person" and props.get("protected") is True


def scrub(message: str, secrets: Sequence[Any]) -> str:
    """``message`` with every secret value (and its quoted repr) replaced by ***."""
    for value in sorted({str(s) for s in secrets if s not in (None, "", [])}, key=len, reverse=True):
        message = message.replace(repr(value), "'***'").replace(value, "***")
    return message


def _raw_secrets(row: Mapping[str, Any], label: str) -> list[Any]:
    out: list[Any] = []
    for f in (*IDENTITY_FIELDS, *protected_props(label)):
        v = row.get(f)
        if isinstance(v, (list, tuple)):
            out.extend(v)
        elif v is not None:
            out.append(v)
            if isinstance(v, str):
                out.extend(x for x in re.split(r"[;\s]+", v) if len(x) > 2)
    return out


class Protection:
    def __init__(self, crypto: Crypto):
        self.crypto = crypto

    @property
    def _pkey(self) -> bytes:
        return self.crypto.ring.pseudonym_key

    def pseudonym_of(self, node_id: str, kind: str = "protected") -> str:
        return pseudonym(self._pkey, node_id, kind)

    def blind(self, text: str) -> str:
        return blind_key(self._pkey, text)

    # ---- write side ------------------------------------------------------------------------
    def seal(self, nodes: Mapping[str, Sequence[Mapping[str, Any]]] | None,
             edges: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
             stored_names: Mapping[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """``stored_names``: pseudonyms protected persons already have; a write that does not
        give the person's role (no INVOLVED_IN in the same batch) keeps it, so re-ingesting
        in other batches changes nothing."""
        stored_names = stored_names or {}
        roles: dict[str, str] = {}
        for e in (edges or {}).get("INVOLVED_IN", []):
            if e.get("role"):
                roles.setdefault(str(e.get("src")), str(e["role"]))
        out: dict[str, list[dict[str, Any]]] = {}
        for label, rows in (nodes or {}).items():
            secret_props = protected_props(label)
            if not needs_sealing(label):
                # Nothing here to seal: the rows pass as they are (the caller validates them).
                out[label] = list(rows)
                continue
            sealed = []
            for i, row in enumerate(rows, start=1):
                where = f"{label} row {i}: "
                try:
                    clean = clean_node(label, row, where=where)
                except ValidationError as exc:
                    raise InvalidInput(scrub(str(exc), _raw_secrets(row, label))) from None
                new = dict(row)
                if is_protected_person(label, clean.props):
                    identity = {k: clean.props[k] for k in IDENTITY_FIELDS if k in clean.props}
                    kept = None
                    if is_pseudonym(identity.get("name")):  # a pseudonymised row written again
                        kept = identity.pop("name")
                    for k in IDENTITY_FIELDS:
                        new.pop(k, None)
                    new.pop("name_keys", None)
                    if kept is None and is_pseudonym(stored_names.get(clean.id)):
                        kept = stored_names[clean.id]
                    kind = kind_for_role(roles.get(clean.id))
                    new["name"] = kept if kept and clean.id not in roles else self.pseudonym_of(clean.id, kind)
                    names = [identity.get("name"), *identity.get("aliases", [])]
                    new["name_keys"] = sorted({self.blind(n) for n in names if n})
                    if identity:
                        new[IDENTITY_FIELD] = self.crypto.encrypt(
                            json.dumps(identity, sort_keys=True, ensure_ascii=False), clean.id, IDENTITY_FIELD)
                    elif IDENTITY_FIELD in clean.props:
                        new[IDENTITY_FIELD] = self._keep_or_seal(clean.props[IDENTITY_FIELD], clean.id, IDENTITY_FIELD, where)
                for p in secret_props:
                    if p == IDENTITY_FIELD and label == "Person":
                        if not is_protected_person(label, clean.props) and p in clean.props:
                            new[p] = self._keep_or_seal(clean.props[p], clean.id, p, where)
                        continue
                    if p in clean.props:
                        new[p] = self._keep_or_seal(clean.props[p], clean.id, p, where)
                sealed.append(new)
            out[label] = sealed
        return out

    def _keep_or_seal(self, value: Any, node_id: str, field_name: str, where: str) -> str:
        text = str(value)
        if Crypto.key_id(text) is not None:
            try:
                self.crypto.decrypt(text, node_id, field_name)
            except CryptoKeyError:
                raise InvalidInput(f"{where}field {field_name!r}: a ciphertext that does not belong to this node") from None
            return text
        return self.crypto.encrypt(text, node_id, field_name)

    # ---- read side -------------------------------------------------------------------------
    def present(self, node: NodeRecord, cases: frozenset[str] | None = None) -> NodeRecord:
        """The record as an uncleared reader may see it: no ciphertext, no identity of a
        protected person (its pseudonym instead), only the reader's own case numbers."""
        hidden = set(protected_props(node.label))
        props = {k: v for k, v in node.props.items() if k not in hidden}
        caption = node.caption
        if is_protected_person(node.label, node.props):
            caption = node.caption if is_pseudonym(node.caption) else self.pseudonym_of(node.id)
            props = {k: v for k, v in props.items() if k not in IDENTITY_FIELDS and k != "name_keys"}
            props["name"] = caption
        shown = node.cases if cases is None else tuple(c for c in node.cases if c in cases)
        return replace(node, caption=caption, props=props, cases=shown)

    def reveal(self, node: NodeRecord) -> dict[str, Any]:
        """Every protected value of ``node`` in clear (identity fields unpacked)."""
        out: dict[str, Any] = {}
        for p in protected_props(node.label):
            token = node.props.get(p)
            if token is None:
                continue
            plain = self.crypto.decrypt(str(token), node.id, p)
            if p == IDENTITY_FIELD:
                out.update(json.loads(plain))
            else:
                out[p] = plain
        return out

"""Graph reads and writes for users: search, entities, neighbourhoods, paths, exports and
writes, each policy-checked, grant-checked, pseudonymised and audited."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from graph_models.ids import prefixed
from graph_models.schema import load_schema
from graph_models.validate import CleanEdge, CleanNode, node_type
from intel.errors import InvalidInput, NotFound
from intel.principal import SYSTEM
from intel.security.policy import may
from intel.security.protection import IDENTITY_FIELDS, Protection, is_protected_person, needs_sealing, scrub
from intel.security.pseudonym import is_pseudonym
from intel.services.base import Service
from intel.store.base import column_types, label_of
from intel.store.records import NodeRecord, Path, Subgraph, WriteResult

MIN_JUSTIFICATION = 10
Rows = Mapping[str, Sequence[Mapping[str, Any]]]


class GraphService(Service):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.protection = Protection(self.crypto)

    # ---- helpers -----------------------------------------------------------------------
    def _visible_cases(self, nodes: Iterable[NodeRecord]) -> set[str]:
        out: set[str] = set()
        for n in nodes:
            out.update(n.cases)
        return out if self.principal.all_cases else out & self.principal.cases

    def _present(self, node: NodeRecord) -> NodeRecord:
        return self.protection.present(node, None if self.principal.all_cases else self.principal.cases)

    # a person an entity-resolution link ties to a protected person (SAME_AS, any number of
    # steps) is shown as protected too: "Victim V-… SAME_AS Qasımova Aygün" would give away the
    # identity the pseudonym hides. Read-time, so undoing the merge undoes the shield as well.
    _SHIELD = ("MATCH (q:Person)-[:SAME_AS*1..{hops}]-(p:Person) WHERE {where}p.protected = true "
               "AND (q.protected IS NULL OR q.protected <> true) RETURN DISTINCT q.id AS id")
    SHIELD_HOPS = 12  # longer SAME_AS chains than any cluster resolution makes

    def _shielded(self, ids: Iterable[str] | None = None) -> set[str]:
        """Of ``ids`` (None: of every person), the persons shielded by a protected one."""
        if ids is not None:
            ids = [i for i in dict.fromkeys(ids) if str(i).startswith("person:")]
            if not ids:
                return set()
        query = self._SHIELD.format(hops=self.SHIELD_HOPS, where="q.id IN $ids AND " if ids is not None else "")
        return {r["id"] for r in self.store.execute(SYSTEM, query, {"ids": ids} if ids is not None else {})}

    def _present_all(self, nodes: Sequence[NodeRecord], shielded: set[str] | None = None) -> list[NodeRecord]:
        """``_present`` of each node, shielded ones as protected (``shielded``: already known)."""
        if shielded is None:
            shielded = self._shielded(n.id for n in nodes)
        return [self._present(replace(n, props={**n.props, "protected": True}) if n.id in shielded else n)
                for n in nodes]

    def _miss(self, action: str, node_id: str) -> Exception:
        """A node the caller cannot see: denied if it exists in other cases, else not found."""
        exists = self.store.get(SYSTEM, node_id) is not None
        if exists:
            return self.deny(action, f"{node_id} belongs to no case you are granted", [node_id])
        self.audit(action, "not_found", [node_id])
        return NotFound(f"{node_id}: not found")

    def _check_justification(self, action: str, node_id: str, justification: str | None) -> str:
        text = (justification or "").strip()
        if not may(self.principal, "protected.reveal"):
            raise self.deny(action, f"role {self.principal.role.value} may not protected.reveal", [node_id])
        if len(text) < MIN_JUSTIFICATION:
            raise self.deny(action, f"revealing a protected identity needs a justification of at least "
                                    f"{MIN_JUSTIFICATION} characters", [node_id])
        return text

    # ---- reads -------------------------------------------------------------------------
    def search_persons(self, text: str, limit: int = 25) -> list[NodeRecord]:
        """Persons whose name matches. Cleared roles also find protected persons by real name
        (through blind keys); everyone sees pseudonyms. The query text is not audited (it may
        be a protected name), only what was returned."""
        self.authorize("entity.read")
        extra = [self.protection.blind(text)] if may(self.principal, "protected.reveal") and text.strip() else []
        found = self.store.find(self.principal, text, labels=["Person"], limit=limit, extra_keys=extra)
        shielded = self._shielded(n.id for n in found)
        if not extra:  # as a protected person is not found by name, neither is one it shields
            found = [n for n in found if n.id not in shielded]
        out = self._present_all(found, shielded)
        self.audit("entity.search", "ok", [n.id for n in out], self._visible_cases(found), results=len(out))
        return out

    def get_entity(self, node_id: str, justification: str | None = None) -> NodeRecord:
        """One entity. With a justification, a cleared role sees a protected person's identity
        (the reveal is audited with the justification)."""
        self.authorize("entity.read", object_ids=[node_id])
        label_of(node_id)
        node = self.store.get(self.principal, node_id)
        if node is None:
            raise self._miss("entity.read", node_id)
        if justification is not None and is_protected_person(node.label, node.props):
            identity = self._reveal(node, justification)
            shown = self._present(node)
            props = {**shown.props, **{k: v for k, v in identity.items() if k in IDENTITY_FIELDS}}
            return replace(shown, caption=str(identity.get("name", shown.caption)), props=props)
        shielded = self._shielded([node.id])
        shown = self._present_all([node], shielded)[0]
        if shielded and justification is not None:  # its name is not sealed: the reveal is the reading
            text = self._allow_reveal(node, justification)
            self.audit("protected.reveal", "ok", [node.id, shown.caption], self._visible_cases([node]), text,
                       fields=sorted(k for k in IDENTITY_FIELDS if k in node.props))
            return node
        self.audit("entity.read", "ok", [node_id], self._visible_cases([node]))
        return shown

    def reveal(self, node_id: str, justification: str) -> dict[str, Any]:
        """The protected values of one node in clear (identity of a protected person, the text
        of a statement), for a cleared role with a recorded justification."""
        self._check_justification("protected.reveal", node_id, justification)
        self.authorize("entity.read", object_ids=[node_id])
        label_of(node_id)
        node = self.store.get(self.principal, node_id)
        if node is None:
            raise self._miss("protected.reveal", node_id)
        return self._reveal(node, justification)

    def _reveal(self, node: NodeRecord, justification: str) -> dict[str, Any]:
        text = self._allow_reveal(node, justification)
        values = self.protection.reveal(node)
        self.audit("protected.reveal", "ok", [node.id, self._present(node).caption], self._visible_cases([node]), text,
                   fields=sorted(values))
        return values

    def _allow_reveal(self, node: NodeRecord, justification: str) -> str:
        """The justification, once the caller may reveal ``node`` with it (else denied, audited)."""
        text = self._check_justification("protected.reveal", node.id, justification)
        self.authorize("protected.reveal", cases=self._visible_cases([node]) or node.cases[:1], object_ids=[node.id])
        return text

    def neighbourhood(self, node_id: str, hops: int = 1, labels: Sequence[str] | None = None,
                      rel_types: Sequence[str] | None = None, since: str | None = None,
                      until: str | None = None, cases: Iterable[str] | None = None, limit: int = 500) -> Subgraph:
        cases = list(cases) if cases is not None else None
        self.authorize("entity.read", cases or (), [node_id])
        label_of(node_id)
        sub = self.store.neighbourhood(self.principal, node_id, hops=hops, labels=labels, rel_types=rel_types,
                                       since=since, until=until, cases=cases, limit=limit)
        if not sub.nodes:
            raise self._miss("entity.neighbourhood", node_id)
        out = Subgraph(nodes=self._present_all(sub.nodes), edges=sub.edges, truncated=sub.truncated)
        self.audit("entity.neighbourhood", "ok", [n.id for n in out.nodes], self._visible_cases(sub.nodes),
                   hops=hops, nodes=len(out.nodes), edges=len(out.edges))
        return out

    def shortest_paths(self, source: str, target: str, max_hops: int = 6,
                       rel_types: Sequence[str] | None = None, cases: Iterable[str] | None = None,
                       limit: int = 10) -> list[Path]:
        cases = list(cases) if cases is not None else None
        self.authorize("entity.read", cases or (), [source, target])
        label_of(source)
        label_of(target)
        for end in (source, target):
            if self.store.get(self.principal, end) is None:
                raise self._miss("entity.paths", end)
        paths = self.store.shortest_paths(self.principal, source, target, max_hops=max_hops,
                                          rel_types=rel_types, cases=cases, limit=limit)
        out = [Path(nodes=self._present_all(p.nodes), edges=p.edges) for p in paths]
        ids = list(dict.fromkeys(n.id for p in out for n in p.nodes)) or [source, target]
        self.audit("entity.paths", "ok", ids, self._visible_cases(n for p in paths for n in p.nodes),
                   paths=len(out))
        return out

    def export_subgraph(self, labels: Sequence[str] | None = None, rel_types: Sequence[str] | None = None,
                        cases: Iterable[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Nodes and edges of the granted cases as tables for analytics; protected persons
        appear under their pseudonyms."""
        cases = list(cases) if cases is not None else None
        self.authorize("graph.export", cases or ())
        nodes, edges = self.store.export(self.principal, labels=labels, rel_types=rel_types, cases=cases)
        protected = {r["id"]: r["caption"] for r in self.store.execute(
            SYSTEM, "MATCH (n:Person) WHERE n.protected = true RETURN n.id AS id, n.caption AS caption")}
        protected.update({i: "" for i in self._shielded()})
        if not nodes.empty:
            nodes["caption"] = [
                (c if is_pseudonym(c) else self.protection.pseudonym_of(i)) if i in protected else c
                for i, c in zip(nodes["id"], nodes["caption"])]
            if not self.principal.all_cases:
                nodes["cases"] = [[c for c in cs if c in self.principal.cases] for cs in nodes["cases"]]
        seen_cases = {c for cs in nodes["cases"] for c in cs} if not nodes.empty else set()
        self.audit("graph.export", "ok", list(nodes["id"]), seen_cases, nodes=len(nodes), edges=len(edges))
        return nodes, edges

    # ---- writes ------------------------------------------------------------------------
    def write(self, nodes: Rows | None = None, edges: Rows | None = None,
              clean_nodes: Sequence[CleanNode] = (), clean_edges: Sequence[CleanEdge] = ()) -> WriteResult:
        """Write entities and relationships into granted cases. Every row names its case(s);
        protected values are encrypted before they reach the store. ``clean_nodes`` and
        ``clean_edges`` are records the caller has already cleaned the way the store does
        (the table importer cleans each value once): they are grant-checked, checked against
        what exists and audited like rows, but not cleaned again; labels that can hold
        protected values are refused as records (their rows must be sealed). Rows are
        cleaned once, and the store writes the cleaned records in one transaction."""
        nodes, edges = nodes or {}, edges or {}
        clean_nodes, clean_edges = list(clean_nodes), list(clean_edges)
        cases, ids = self._write_scope(nodes, edges, clean_nodes, clean_edges)
        self.authorize("case.write", cases, ids)
        nodes = self._keep_protected(nodes)
        person_ids = [prefixed("person", str(r["id"])) for r in nodes.get("Person", []) if r.get("id")]
        stored = {r["id"]: r["name"] for r in self.store.execute(
            SYSTEM, "UNWIND $ids AS i MATCH (n:Person {id: i}) RETURN n.id AS id, n.name AS name",
            {"ids": person_ids})} if person_ids else {}
        involved = [*edges.get("INVOLVED_IN", []),
                    *({"src": e.src, "role": e.props.get("role")} for e in clean_edges if e.type == "INVOLVED_IN")]
        sealed = self.protection.seal(nodes, {"INVOLVED_IN": involved}, stored)
        try:
            records, cleaned = self.store.validate(sealed, edges)
        except InvalidInput as exc:
            secrets = [v for rows in nodes.values() for r in rows for k, v in r.items() if k in IDENTITY_FIELDS]
            raise InvalidInput(scrub(str(exc), secrets)) from None
        records.extend(clean_nodes)
        cleaned.extend(clean_edges)
        self._check_existing(records, cleaned)
        n_rows = sum(len(r) for r in sealed.values()) + len(clean_nodes)
        e_rows = sum(len(r) for r in edges.values()) + len(clean_edges)
        self.audit("case.write", "ok", ids, cases, nodes=n_rows, edges=e_rows)
        try:
            result = self.store.write_clean(self.principal, records, cleaned)
        except Exception as exc:
            self.audit("case.write", "error", ids, cases, error=type(exc).__name__)
            raise
        self._scrub_existing(records)
        return result

    def _keep_protected(self, nodes: Rows) -> Rows:
        """A person already protected stays protected when written again without the flag
        (say, named in a later statement): the row's identity fields are dropped, so the open
        name can never overwrite the pseudonym; the sealed identity is kept as it was."""
        people = list(nodes.get("Person") or [])
        ids = {prefixed("person", str(r["id"])): i for i, r in enumerate(people)
               if r.get("id") and not r.get("protected")}
        if not ids:
            return nodes
        known = {r["id"]: r["name"] for r in self.store.execute(
            SYSTEM, "UNWIND $ids AS i MATCH (n:Person {id: i}) WHERE n.protected = true "
                    "RETURN n.id AS id, n.name AS name", {"ids": sorted(ids)})}
        if not known:
            return nodes
        for node_id, name in known.items():
            i = ids[node_id]
            row = {k: v for k, v in people[i].items() if k not in IDENTITY_FIELDS and k != "name_keys"}
            people[i] = {**row, "protected": True, "name": name}
        return {**nodes, "Person": people}

    def _write_scope(self, nodes: Rows, edges: Rows, clean_nodes: Sequence[CleanNode] = (),
                     clean_edges: Sequence[CleanEdge] = ()) -> tuple[set[str], list[str]]:
        schema = load_schema()
        cases: set[str] = set()
        ids: list[str] = []
        for label, rows in nodes.items():
            ntype = node_type(label) if label in schema.nodes else None
            if ntype is None or ntype.system:
                raise self.deny("case.write", f"{label} is not case data")
            for i, row in enumerate(rows, start=1):
                row_cases = row.get("cases")
                row_cases = [row_cases] if isinstance(row_cases, str) else list(row_cases or [])
                row_cases = [str(c).strip() for c in row_cases if str(c).strip()]
                if not row_cases:
                    raise InvalidInput(f"{label} row {i}: field 'cases': every entity belongs to at least one case")
                cases.update(row_cases)
                if row.get("id") and not ntype.key:
                    ids.append(prefixed(ntype.prefix, str(row["id"])))
        for n in clean_nodes:
            ntype = schema.nodes.get(n.label)
            if ntype is None or ntype.system:
                raise self.deny("case.write", f"{n.label} is not case data")
            if needs_sealing(n.label):
                raise InvalidInput(f"{n.label} {n.id}: may hold protected values, so it is written as a row "
                                   "(sealed), not as a cleaned record")
            if not n.cases:
                raise InvalidInput(f"{n.label} {n.id}: field 'cases': every entity belongs to at least one case")
            cases.update(n.cases)
            if not ntype.key:
                ids.append(n.id)
        for rtype, rows in edges.items():
            for i, row in enumerate(rows, start=1):
                case = str(row.get("case_id") or "").strip()
                if not case:
                    raise InvalidInput(f"{rtype} row {i}: field 'case_id': every relationship belongs to a case")
                cases.add(case)
        for e in clean_edges:
            if e.type not in schema.relationships:
                raise InvalidInput(f"unknown relationship type {e.type!r}")
            if not e.case_id:
                raise InvalidInput(f"{e.type} {e.id}: field 'case_id': every relationship belongs to a case")
            cases.add(e.case_id)
        return cases, ids

    def _check_existing(self, records: Sequence[CleanNode], edges: Sequence[CleanEdge]) -> None:
        """Refuse to touch nodes the caller cannot see: a person or event that exists only in
        other cases, or a relationship end outside the caller's cases."""
        writing = {n.id: n.label for n in records}
        ends: dict[str, str] = {}
        for e in edges:
            if e.src not in writing:
                ends[e.src] = e.src_label
            if e.dst not in writing:
                ends[e.dst] = e.dst_label
        schema = load_schema()
        check = {i: l for i, l in writing.items() if not schema.nodes[l].key}
        check.update(ends)
        by_label: dict[str, list[str]] = defaultdict(list)
        for node_id, label in check.items():
            by_label[label].append(node_id)
        for label, label_ids in by_label.items():
            for r in self.store.execute(SYSTEM, f"UNWIND $ids AS i MATCH (n:`{label}` {{id: i}}) "
                                                "RETURN n.id AS id, n.cases AS cases", {"ids": label_ids}):
                if not set(r["cases"] or []) & self.principal.cases and not self.principal.all_cases:
                    raise self.deny("case.write", f"{r['id']} belongs to no case you are granted", [r["id"]])

    def _scrub_existing(self, records: Sequence[CleanNode]) -> None:
        """A person stored openly and now marked protected: clear the open identity fields
        the merge kept, so only the pseudonym and the ciphertext remain."""
        ids = [(n.id, n.name_keys, n.h) for n in records
               if n.label == "Person" and is_protected_person("Person", n.props)]
        if not ids:
            return
        stale = []
        for node_id, keys, h in ids:
            node = self.store.get(SYSTEM, node_id)
            if node is None:
                continue
            extra = [k for k in IDENTITY_FIELDS if k != "name" and node.props.get(k)]
            if extra or sorted(node.props.get("name_keys") or []) != sorted(keys):
                # h as a fresh write of this row computes it, so writing it again is a no-op
                stale.append({"id": node_id, "name_keys": keys, "aliases": [], "h": h})
        if stale:
            types = column_types("Person")
            p = self.store._param
            sets = ", ".join([f"n.`{k}` = NULL" for k in IDENTITY_FIELDS if k not in ("name", "aliases")]
                             + [f"n.aliases = {p('aliases', types['aliases'])}",
                                f"n.name_keys = {p('name_keys', types['name_keys'])}", "n.h = r.h"])
            self.store.execute(SYSTEM, f"UNWIND $rows AS r MATCH (n:Person {{id: r.id}}) SET {sets}",
                               {"rows": stale}, write=True)

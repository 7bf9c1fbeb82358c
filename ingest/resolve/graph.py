"""Entity resolution over the store: Person nodes in, judgements and SAME_AS links out.

``run`` loads every Person the caller may see (names and aliases, birth date, gender, cases,
the ``protected`` flag, phones through USES and documents through HOLDS, the statements that
mention it), replays the stored judgements, first links the persons of each case
(``case_links``: statement ingest writes one Person per person of a statement; a short form
joins the one full name of the case it fits, the same full name joins only with a shared
phone or birth date, else it is queued as a possible namesake), then resolves
the case-level persons across cases with the fixed weights plus the cases' shared people
(``context``; Person nodes carry no address-like fields, so ``estimate.default_scorer`` would
pick the fixed weights too), and appends what is new in one transaction:
- an automatic merge: a ``positive`` judgement by user ``auto`` (score, features JSON) and a
  ``SAME_AS`` edge carrying its id;
- a pair for review: an ``unsure`` judgement with the reason it was not merged;
- a link within a case: a ``positive`` judgement whose reason and ``same_case`` feature say
  why (review items of a case likewise), shown by ``halqa resolve review``.
Pairs already judged (or reopened by an undo) are not judged again, so a re-run on an
unchanged store appends nothing. A protected person (victim, witness) is never merged
automatically with a person of another case: the resolver sends the pair to review.

Protected persons' real names are sealed (``protected_identity``); with a ``Crypto`` they are
opened here for matching only, and the stored features of such a pair are redacted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from intel.errors import InvalidInput
from intel.principal import Principal
from intel.store import GraphStore

from .case_links import link_within_cases
from .context import ContextScorer
from .features import FeatureResult
from .judgement import Decision, JudgementLog, pair_key
from .record import Record
from .resolver import ALREADY_LINKED, AUTOMATIC, resolve
from .stored import (AUTO_USER, StoredJudgement, features_json, judgement_rows, load_judgements,
                     node_id, same_as_row, to_log)
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["RunReport", "load_records", "run"]

_GENDER = {"male": "m", "female": "f"}


@dataclass
class RunReport:
    records: int = 0
    auto_merged: int = 0  # new SAME_AS links written
    queued: int = 0  # new review items (unsure judgements) written
    in_review: int = 0  # review items in this run, new and earlier
    vetoed: int = 0
    already_linked: int = 0
    repaired: int = 0  # SAME_AS links brought back in line with the judgements
    candidate_pairs: int = 0
    case_joined: int = 0  # new links between persons of one case (part of auto_merged)
    skipped: list[str] = field(default_factory=list)  # persons that could not be read, with why


def _identity(row: dict[str, Any], crypto: Any) -> dict[str, Any]:
    """Name fields of a Person row: opened from ``protected_identity`` when sealed."""
    from intel.security.pseudonym import is_pseudonym

    sealed = row.get("protected_identity")
    if row.get("protected") and sealed:
        if crypto is None:
            return {}
        return json.loads(crypto.decrypt(str(sealed), row["id"], "protected_identity"))
    out = {k: row.get(k) for k in ("name", "given_name", "surname", "patronymic", "aliases",
                                   "birth_date")}
    if is_pseudonym(out.get("name")):
        out["name"] = None  # a pseudonym is not a name: never match on it
    return out


def load_records(store: GraphStore, principal: Principal, crypto: Any = None
                 ) -> tuple[list[Record], list[str]]:
    """(records, skipped): every visible Person as a resolver Record. A person whose values
    the cleaners reject is skipped with a one-line reason, not fatal."""
    persons = store.scan(principal, "Person")
    phones: dict[str, set[str]] = {}
    documents: dict[str, set[tuple[str, str]]] = {}
    nodes, edges = store.export(principal, labels=["Person", "Phone", "Document"],
                                rel_types=["USES", "HOLDS"])
    caption = dict(zip(nodes["id"], nodes["caption"])) if len(nodes) else {}
    doc_type = {r["id"]: r["doc_type"] for r in store.scan(principal, "Document")} if len(edges) else {}
    for e in edges.to_dict("records") if len(edges) else []:
        if e["type"] == "USES" and str(e["dst"]).startswith("phone:"):
            phones.setdefault(e["src"], set()).add(str(caption.get(e["dst"], "")))
        elif e["type"] == "HOLDS" and e["dst"] in doc_type:
            documents.setdefault(e["src"], set()).add((doc_type[e["dst"]], str(caption.get(e["dst"], ""))))
    records, skipped = [], []
    for row in persons:
        pid = row["id"]
        try:
            ident = _identity(row, crypto)
            names = [ident.get("name"), *(ident.get("aliases") or [])]
            records.append(Record.build(
                pid, [n for n in names if n],
                given=ident.get("given_name"), surname=ident.get("surname"),
                patronymic=ident.get("patronymic"), birth_date=ident.get("birth_date"),
                phones=sorted(p for p in phones.get(pid, ()) if p),
                documents=sorted(d for d in documents.get(pid, ()) if d[1]),
                gender=_GENDER.get(row.get("gender") or "", ""),
                case_ids=row.get("cases") or (), protected=bool(row.get("protected")),
                source="store",
            ))
        except (InvalidInput, ValueError) as exc:
            skipped.append(f"{pid}: {exc}")
    return records, skipped


def run(store: GraphStore, principal: Principal, *, case: str | None = None, crypto: Any = None,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        progress: Callable[[str], None] | None = None) -> RunReport:
    """Resolve the visible persons (``case``: only pairs touching that case's persons) and
    append the new judgements and links in one transaction."""
    step = progress or (lambda stage: None)
    stored = load_judgements(store, principal)
    records, skipped = load_records(store, principal, crypto)
    step("loaded")
    focus = None
    if case is not None:
        focus = [r.id for r in records if case in r.case_ids]
        if not focus:
            raise InvalidInput(f"--case: no persons you may see in case {case!r}")
    log = to_log(stored)
    standing = log.state()
    reopened = log.reopened()
    by_id = {r.id: r for r in records}
    apart = {p for p, j in standing.items() if j.decision is Decision.NEGATIVE} | reopened
    linking = link_within_cases(records, _statements_of(store, principal), apart)
    root = linking.root_of
    # decisions on persons now inside a case-level person apply to it; an unsure pair applies
    # only as it was (its own review item, not one of the case-level person's)
    case_log = JudgementLog(replace(j, left=root.get(j.left, j.left), right=root.get(j.right, j.right))
                            for j in log if root.get(j.left, j.left) != root.get(j.right, j.right)
                            and (j.decision is not Decision.UNSURE
                                 or (root.get(j.left) == j.left and root.get(j.right) == j.right)))
    case_focus = None if focus is None else sorted({root.get(r, r) for r in focus})
    res = resolve(linking.records, thresholds, case_log, focus=case_focus,
                  scorer=ContextScorer(linking.records))
    step("resolved")
    case_unsure = {pair_key(u[0], u[1]) for u in linking.unsure}
    report = RunReport(records=len(records), vetoed=len(res.vetoed),
                       in_review=sum(1 for r in res.review if pair_key(r.left, r.right) not in case_unsure),
                       candidate_pairs=res.stats.pairs, skipped=skipped)
    nodes: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    in_focus = None if focus is None else set(focus)
    for left, right, why, decision in ([(*j, Decision.POSITIVE) for j in linking.joined]
                                       + [(*u, Decision.UNSURE) for u in linking.unsure]):
        pair = pair_key(left, right)
        if pair in standing or pair in reopened or (
                in_focus is not None and left not in in_focus and right not in in_focus):
            continue
        a, b = by_id[left], by_id[right]
        if a.protected or b.protected:  # the reason quotes names: never a protected one
            why = re.sub(r"'[^']*'", "[protected identity]", why)
        shown = features_json([FeatureResult("same_case", 1.0 if decision is Decision.POSITIVE
                                             else 0.5, why)], a.protected or b.protected)
        row = judgement_rows(left, right, decision, AUTO_USER, a.case_ids | b.case_ids,
                             1.0 if decision is Decision.POSITIVE else 0.5, shown,
                             reason=f"within case: {why}")
        nodes.append(row)
        if decision is Decision.POSITIVE:
            links.append(same_as_row(node_id(row), left, right, AUTO_USER))
            report.case_joined += 1
        else:
            report.in_review += 1
    for m in res.merges:
        if m.reason == ALREADY_LINKED:
            report.already_linked += 1
        if m.reason != AUTOMATIC:
            continue
        if pair_key(m.left, m.right) in standing:
            continue
        a, b = by_id[m.left], by_id[m.right]
        row = judgement_rows(m.left, m.right, Decision.POSITIVE, AUTO_USER, a.case_ids | b.case_ids,
                             m.score, features_json(m.features, a.protected or b.protected),
                             reason="score above the automatic-merge threshold")
        nodes.append(row)
        links.append(same_as_row(node_id(row), m.left, m.right, AUTO_USER))
    for item in res.review:
        pair = pair_key(item.left, item.right)
        if pair in standing or pair in reopened or pair in case_unsure:
            continue
        a, b = by_id[item.left], by_id[item.right]
        nodes.append(judgement_rows(item.left, item.right, Decision.UNSURE, AUTO_USER,
                                    a.case_ids | b.case_ids, item.score,
                                    features_json(item.features, a.protected or b.protected),
                                    reason=item.reason))
    report.auto_merged = len(links)
    report.queued = len(nodes) - len(links)
    report.in_review += sum(1 for p in linking.unsure if pair_key(p[0], p[1]) in standing
                            and standing[pair_key(p[0], p[1])].decision is Decision.UNSURE)
    missing, extra = _link_drift(store, principal, stored)
    links += missing
    report.repaired = len(missing) + len(extra)
    if nodes or links:
        store.write(principal, nodes={"Judgement": nodes} if nodes else None,
                    edges={"SAME_AS": links} if links else None)
    if extra:
        store.remove_edges(principal, "SAME_AS", extra)
    step("written")
    return report


def _statements_of(store: GraphStore, principal: Principal) -> dict[str, dict[str, str | None]]:
    """Person id -> the statements that mention it, each with the role its MENTIONS edges
    give the person (the speaker, the official of the header, ...; None for anyone else)."""
    _, edges = store.export(principal, labels=["Statement", "Person"], rel_types=["MENTIONS"])
    out: dict[str, dict[str, str | None]] = {}
    if not len(edges):
        return out
    roles = edges["role"] if "role" in edges else [None] * len(edges)
    for src, dst, role in zip(edges["src"], edges["dst"], roles):
        seen = out.setdefault(str(dst), {})
        role = role if isinstance(role, str) and role else None
        seen[str(src)] = seen.get(str(src)) or role
    return out


def _link_drift(store: GraphStore, principal: Principal, stored: list[StoredJudgement]
                ) -> tuple[list[dict[str, Any]], list[str]]:
    """(SAME_AS rows missing for standing merges, ids of SAME_AS edges whose merge is no
    longer standing): what an interrupted accept or undo left behind, repaired on the next
    run. Both are empty on a consistent store."""
    from .review import standing_judgements

    standing, _ = standing_judgements(stored)
    wanted = {j.id: j for j in standing.values() if j.decision is Decision.POSITIVE}
    _, edges = store.export(principal, labels=["Person"], rel_types=["SAME_AS"])
    live = dict(zip(edges["source"], edges["id"])) if len(edges) else {}
    missing = [same_as_row(jid, j.left, j.right, j.user) for jid, j in wanted.items() if jid not in live]
    extra = [eid for jid, eid in live.items() if jid not in wanted]
    return missing, extra

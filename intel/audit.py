"""The audit trail: an append-only, hash-chained log of ``AuditEvent`` nodes kept in the same
backend as the data.

Every event is an ``Event`` dataclass written through one function, ``record(store, event)``.
Entry ``seq`` n stores ``prev_hash`` (the hash of entry n-1, or 64 zeros) and ``hash`` =
SHA-256 of the canonical JSON of its fields and ``prev_hash``. Entries carry object ids and
pseudonyms only, never a protected value.

``verify`` walks the chain and names the first bad entry (edited, deleted, inserted or
reordered). A chain rewritten consistently (every hash recomputed) is caught against a
``checkpoint``: an Ed25519-signed (seq, hash) kept by the coordinator outside the database.
``report`` summarises who looked at what: access outside a user's granted cases, bursts of
reads, denied attempts.

Concurrency: an entry's id is a function of its seq and ids are unique in both backends, so two
writers racing for the same seq cannot both succeed; the loser re-reads the head and retries.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import threading
import time
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from graph_models.ddl import META_LABEL
from graph_models.ids import make_node_id
from intel.errors import HalqaError, InvalidInput
from intel.principal import SYSTEM, Principal
from intel.store import GraphStore
from intel.store.base import column_types

GENESIS = "0" * 64
LABEL = "AuditEvent"
MAX_IDS = 1000
FIELDS = ("seq", "at", "user", "role", "action", "object_ids", "case_id", "cases", "justification",
          "outcome", "detail", "prev_hash")
RETRIES = 50
HEAD_META = "audit_head"


class AuditWriteError(HalqaError):
    """The audit log could not be appended; the request it belongs to does not proceed."""


class CheckpointError(HalqaError):
    exit_code = 7


@dataclass(frozen=True)
class Event:
    """One thing that happened: who (user, role), what (action, outcome), on what (object ids,
    cases), why (justification) and small non-sensitive facts (detail)."""

    user: str
    role: str
    action: str
    outcome: str = "ok"
    object_ids: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    justification: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, principal: Principal, action: str, outcome: str = "ok", object_ids: Iterable[str] = (),
           cases: Iterable[str] = (), justification: str = "", **detail: Any) -> "Event":
        return cls(user=principal.user, role=principal.role.value, action=action, outcome=outcome,
                   object_ids=tuple(object_ids), cases=tuple(sorted(set(cases))),
                   justification=justification or "", detail=detail)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    user: str
    role: str
    action: str
    object_ids: list[str]
    case_id: str
    cases: list[str]
    justification: str
    outcome: str
    detail: str
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in FIELDS}

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)


def entry_hash(body: dict[str, Any]) -> str:
    raw = json.dumps({f: body[f] for f in FIELDS}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def entry_id(seq: int) -> str:
    return make_node_id("auditevent", [seq])


def _from_row(row: dict[str, Any]) -> Entry:
    return Entry(seq=int(row["seq"]), at=str(row.get("at") or ""), user=row.get("user") or "",
                 role=row.get("role") or "", action=row.get("action") or "",
                 object_ids=list(row.get("object_ids") or []), case_id=row.get("case_id") or "",
                 cases=list(row.get("cases") or []), justification=row.get("justification") or "",
                 outcome=row.get("outcome") or "", detail=row.get("detail") or "",
                 prev_hash=row.get("prev_hash") or "", hash=row.get("hash") or "")


def _scan_head(store: GraphStore) -> tuple[int, str]:
    rows = store.execute(SYSTEM, f"MATCH (a:`{LABEL}`) RETURN a.seq AS seq, a.hash AS hash "
                                 "ORDER BY a.seq DESC LIMIT 1")
    return (int(rows[0]["seq"]), rows[0]["hash"]) if rows else (0, GENESIS)


def head(store: GraphStore) -> tuple[int, str]:
    """(seq, hash) of the last entry appended, (0, GENESIS) for an empty log. Kept in the
    store's meta table (one key lookup) and moved by ``record`` in the same statement that
    creates the entry."""
    value = store.get_meta(HEAD_META)
    if value is None:  # first use (or a log from before the pointer): set it once, never overwrite
        seq, h = _scan_head(store)
        store.execute(SYSTEM, f"MERGE (m:`{META_LABEL}` {{key: $k}}) ON CREATE SET m.value = $v",
                      {"k": HEAD_META, "v": f"{seq}:{h}"}, write=True)
        value = store.get_meta(HEAD_META) or f"{seq}:{h}"
    seq, _, h = value.partition(":")
    return int(seq), h


def _create_query(store: GraphStore) -> str:
    types = column_types(LABEL)
    cols = ["id", "caption", "cases", "name_keys", "h", "source", "recorded_by", "recorded_at", "hash",
            *(f for f in FIELDS if f != "cases")]
    assign = ", ".join(f"`{c}`: {store._param(c, types[c])}" for c in dict.fromkeys(cols))
    return f"UNWIND $rows AS r CREATE (a:`{LABEL}` {{{assign}}})"


def _append_query(store: GraphStore) -> str:
    """Move the head from $expect to $next and create the entry, in one statement (so one
    transaction): a writer whose head went stale matches nothing, creates nothing and retries."""
    return (f"MATCH (m:`{META_LABEL}` {{key: $mkey}}) WHERE m.value = $expect SET m.value = $next WITH m "
            + _create_query(store) + " RETURN count(a) AS created")


def _pending(event: Event) -> dict[str, Any]:
    """The parts of an entry fixed when the event happens (seq and hashes come at append)."""
    ids = list(dict.fromkeys(event.object_ids))
    detail = dict(event.detail)
    if len(ids) > MAX_IDS:
        detail["object_ids_total"] = len(ids)
        ids = ids[:MAX_IDS]
    cases = sorted(set(event.cases))
    return {"at": datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds"),
            "user": event.user, "role": event.role, "action": event.action, "object_ids": ids,
            "case_id": cases[0] if len(cases) == 1 else "", "cases": cases,
            "justification": event.justification, "outcome": event.outcome,
            "detail": json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else ""}


def _append(store: GraphStore, pending: list[dict[str, Any]]) -> list[Entry]:
    """Chain ``pending`` onto the head and write them in one statement (one transaction)."""
    query = _append_query(store)
    last_error: Exception | None = None
    for _ in range(RETRIES):
        seq, prev = head(store)
        out, rows, last = [], [], prev
        for i, p in enumerate(pending, start=1):
            body = {"seq": seq + i, **p, "prev_hash": last}
            entry = Entry(**{f: body[f] for f in FIELDS}, hash=entry_hash(body))
            last = entry.hash
            out.append(entry)
            rows.append({**entry.body(), "id": entry_id(entry.seq), "caption": entry.action, "name_keys": [],
                         "h": entry.hash, "source": "audit", "recorded_by": entry.user,
                         "recorded_at": entry.at, "hash": entry.hash})
        try:
            created = store.execute(SYSTEM, query, {"rows": rows, "mkey": HEAD_META, "expect": f"{seq}:{prev}",
                                                    "next": f"{out[-1].seq}:{out[-1].hash}"}, write=True)
        except HalqaError:
            raise
        except Exception as exc:  # Neo4j: a concurrent transaction took this seq (unique id)
            last_error = exc
            continue
        if created and created[0]["created"] == len(rows):
            return out
    why = type(last_error).__name__ if last_error else "the head kept moving"
    raise AuditWriteError(f"could not append to the audit log ({why}); the request was not carried out "
                          "(run 'halqa audit verify')")


def record(store: GraphStore, event: Event) -> Entry | None:
    """Record ``event``: the one way anything is audited. Without a journal the entry is
    appended to the chain at once and returned. With a journal (``attach_journal``) it is
    first made durable in the journal (an fsync'd line) and appended with others in a batch
    (returns None); ``flush`` and every reader of the log append what is pending first.
    Raises ``AuditWriteError`` when it cannot be recorded: callers must not go on."""
    pending = _pending(event)
    journal = _JOURNALS.get(store)
    if journal is None:
        return _append(store, [pending])[0]
    journal.add(pending)
    if journal.due():
        flush(store)
    return None


def flush(store: GraphStore) -> int:
    """Append every journaled event of this process to the chain; returns how many."""
    journal = _JOURNALS.get(store)
    if journal is None:
        return 0
    with journal.lock:
        if not journal.pending:
            return 0
        n = len(journal.pending)
        _append(store, journal.pending)
        journal.committed()
        return n


class Journal:
    """Where events wait for their batch: one JSON line each, written and fsync'd before the
    request goes on, so a crash loses nothing; the file is emptied once the batch is in the
    chain. Each process has its own file, locked (flock) while the process lives; a file
    whose lock is free belongs to a process that died, and is replayed by the next one."""

    def __init__(self, directory: Path, batch: int = 32, max_delay: float = 1.0):
        import fcntl

        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.directory, self.batch, self.max_delay = directory, batch, max_delay
        self.path = directory / f"journal-{os.getpid()}-{os.urandom(4).hex()}.jsonl"
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        self.pending: list[dict[str, Any]] = []
        self.oldest = 0.0
        self.lock = threading.RLock()

    def add(self, pending: dict[str, Any]) -> None:
        with self.lock:
            os.write(self.fd, (json.dumps(pending, ensure_ascii=False) + "\n").encode("utf-8"))
            os.fsync(self.fd)
            if not self.pending:
                self.oldest = time.monotonic()
            self.pending.append(pending)

    def due(self) -> bool:
        return len(self.pending) >= self.batch or (bool(self.pending) and time.monotonic() - self.oldest >= self.max_delay)

    def committed(self) -> None:
        os.ftruncate(self.fd, 0)
        os.fsync(self.fd)
        self.pending.clear()

    def orphans(self) -> list[Path]:
        """Journal files of processes that died (their lock is free)."""
        import fcntl

        out = []
        for path in sorted(self.directory.glob("journal-*.jsonl")):
            if path == self.path:
                continue
            fd = os.open(path, os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            os.close(fd)
            out.append(path)
        return out


_JOURNALS: "weakref.WeakKeyDictionary[GraphStore, Journal]" = weakref.WeakKeyDictionary()


def attach_journal(store: GraphStore, directory: Path, batch: int = 32, max_delay: float = 1.0) -> Journal:
    """Batch this store's audit writes through a journal in ``directory`` (see ``Journal``).
    Events left by a process that died are appended to the chain first."""
    journal = _JOURNALS.get(store)
    if journal is not None:
        return journal
    journal = Journal(directory, batch, max_delay)
    for path in journal.orphans():
        lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        if lines:
            _append(store, lines)
        path.unlink()
    _JOURNALS[store] = journal
    ref = weakref.ref(store)
    atexit.register(_flush_at_exit, ref)
    return journal


def _flush_at_exit(ref: "weakref.ref[GraphStore]") -> None:
    store = ref()
    if store is not None:
        try:
            flush(store)
        except Exception:  # noqa: BLE001 - the journal keeps the events for the next process
            pass


def entries(store: GraphStore, since: datetime | None = None) -> list[Entry]:
    flush(store)
    cols = ", ".join(f"a.`{c}` AS `{c}`" for c in (*FIELDS, "hash"))
    rows = store.execute(SYSTEM, f"MATCH (a:`{LABEL}`) RETURN {cols} ORDER BY a.seq")
    out = [_from_row(r) for r in rows]
    if since is not None:
        cut = since.astimezone(timezone.utc).replace(tzinfo=None) if since.tzinfo else since
        out = [e for e in out if e.when >= cut]
    return out


# ---- verification -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Verification:
    ok: bool
    count: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""

    def line(self) -> str:
        if self.ok:
            return f"audit chain ok: {self.count} entries, head seq {self.head_seq} {self.head_hash[:16]}"
        return f"audit chain broken at seq {self.bad_seq}: {self.problem}"


def verify_entries(chain: list[Entry]) -> Verification:
    prev_hash, expected = GENESIS, 1
    for i, e in enumerate(chain):
        if e.seq < expected:
            return Verification(False, len(chain), 0, "", e.seq,
                                f"a second entry with seq {e.seq} (inserted or reordered)")
        if e.seq > expected:
            return Verification(False, len(chain), 0, "", expected,
                                f"entry missing (deleted): the chain jumps from seq {expected - 1} to {e.seq}")
        if entry_hash(e.body()) != e.hash:
            return Verification(False, len(chain), 0, "", e.seq,
                                "contents do not match the entry's hash (edited or moved)")
        if e.prev_hash != prev_hash:
            return Verification(False, len(chain), 0, "", e.seq,
                                f"prev_hash does not match the hash of seq {e.seq - 1} "
                                "(an entry was inserted, rewritten or reordered here)")
        prev_hash, expected = e.hash, expected + 1
    last = chain[-1] if chain else None
    return Verification(True, len(chain), last.seq if last else 0, last.hash if last else GENESIS)


def verify(store: GraphStore, checkpoint: "Checkpoint | None" = None,
           public_key: Ed25519PublicKey | None = None) -> Verification:
    """Walk the chain; with a checkpoint (and the coordinator's public key), also check that
    the history up to the checkpoint is the one that was signed."""
    chain = entries(store)
    result = verify_entries(chain)
    if not result.ok or checkpoint is None:
        return result
    if public_key is None:
        raise CheckpointError("checking a checkpoint needs the coordinator's key (--key)")
    checkpoint.check_signature(public_key)
    if result.head_seq < checkpoint.seq:
        return Verification(False, result.count, result.head_seq, result.head_hash, result.head_seq + 1,
                            f"the chain ends at seq {result.head_seq} but the checkpoint covers seq "
                            f"{checkpoint.seq} (entries removed)")
    at_cp = chain[checkpoint.seq - 1]
    if at_cp.hash != checkpoint.hash:
        return Verification(False, result.count, result.head_seq, result.head_hash, checkpoint.seq,
                            f"history rewritten: entry seq {checkpoint.seq} does not match the signed "
                            f"checkpoint of {checkpoint.at} (some entry up to seq {checkpoint.seq} was changed "
                            "and the hashes recomputed)")
    return result


# ---- checkpoints --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    key_id: str
    signature: str

    def message(self) -> bytes:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at, "key_id": self.key_id},
                          sort_keys=True, separators=(",", ":")).encode("utf-8")

    def check_signature(self, public_key: Ed25519PublicKey) -> None:
        if key_id(public_key) != self.key_id:
            raise CheckpointError(f"checkpoint was signed by key {self.key_id}, not by the given key "
                                  f"{key_id(public_key)}")
        try:
            public_key.verify(base64.b64decode(self.signature), self.message())
        except (InvalidSignature, ValueError):
            raise CheckpointError("checkpoint signature is not valid (forged or altered checkpoint)") from None

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash, "at": self.at, "key_id": self.key_id,
                "signature": self.signature}


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def new_signing_key(path: Path) -> Ed25519PrivateKey:
    """Create an Ed25519 key file (PEM, mode 0600) for the coordinator."""
    if path.exists():
        raise InvalidInput(f"{path}: already exists; refusing to overwrite a signing key")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return key


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise InvalidInput(f"{path}: signing key file not found") from None
    except (ValueError, TypeError):
        raise InvalidInput(f"{path}: not a PEM Ed25519 private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(f"{path}: not an Ed25519 key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The public key from a private key file or a public key PEM."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path}: key file not found") from None
    if b"PRIVATE KEY" in data:
        return load_signing_key(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise InvalidInput(f"{path}: not a PEM Ed25519 key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput(f"{path}: not an Ed25519 key")
    return key


def checkpoint(store: GraphStore, signing_key: Ed25519PrivateKey, out: Path | None = None) -> Checkpoint:
    """Sign the current head (after checking the chain) and write it to ``out``."""
    result = verify(store)
    if not result.ok:
        raise CheckpointError(result.line())
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    unsigned = Checkpoint(result.head_seq, result.head_hash, at, key_id(signing_key.public_key()), "")
    cp = Checkpoint(unsigned.seq, unsigned.hash, at, unsigned.key_id,
                    base64.b64encode(signing_key.sign(unsigned.message())).decode("ascii"))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(cp.to_json(), indent=1) + "\n", "utf-8")
        os.replace(tmp, out)
    return cp


def read_checkpoint(path: Path) -> Checkpoint:
    try:
        raw = json.loads(path.read_text("utf-8"))
        return Checkpoint(seq=int(raw["seq"]), hash=str(raw["hash"]), at=str(raw["at"]),
                          key_id=str(raw["key_id"]), signature=str(raw["signature"]))
    except FileNotFoundError:
        raise InvalidInput(f"{path}: checkpoint file not found") from None
    except (ValueError, KeyError, TypeError):
        raise InvalidInput(f"{path}: not a Halqa audit checkpoint") from None


# ---- report -------------------------------------------------------------------------------------
READ_ACTIONS = ("entity.read", "entity.search", "entity.neighbourhood", "entity.paths", "graph.export",
                "protected.reveal", "case.read")


@dataclass
class Report:
    since: str
    entries: int
    by_user: dict[str, dict[str, int]]
    outside_grants: list[Entry]
    bursts: list[tuple[str, str, int]]  # user, window start, reads
    denied: list[Entry]
    reveals: list[Entry]


def report(store: GraphStore, since: datetime | None = None, burst_reads: int = 50,
           burst_window: timedelta = timedelta(minutes=5)) -> Report:
    """Who looked at what since ``since``: reads per user, access to cases the user was not
    granted at that moment, bursts (``burst_reads`` reads within ``burst_window``), denied
    attempts and protected-identity reveals."""
    from intel.security.grants import Grants

    chain = entries(store, since)
    history = Grants(store).history()
    by_user: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    outside, denied, reveals = [], [], []
    reads: dict[str, list[datetime]] = defaultdict(list)
    for e in chain:
        by_user[e.user][e.outcome] += 1
        if e.outcome == "denied":
            denied.append(e)
            continue
        if e.action == "protected.reveal":
            reveals.append(e)
        if e.action in READ_ACTIONS:
            reads[e.user].append(e.when)
        if e.role != "system" and e.cases and e.outcome == "ok" and e.action != "case.create":
            stamp = int(e.when.replace(tzinfo=timezone.utc).timestamp() * 1e9)
            granted = _granted_at(history, e.user, stamp)
            if any(c not in granted for c in e.cases):
                outside.append(e)
    bursts = []
    for user, times in sorted(reads.items()):
        times.sort()
        i, best, best_start = 0, 0, None
        for j in range(len(times)):
            while times[j] - times[i] > burst_window:
                i += 1
            if j - i + 1 > best:
                best, best_start = j - i + 1, times[i]
        if best >= burst_reads and best_start is not None:
            bursts.append((user, best_start.isoformat(timespec="seconds"), best))
    return Report(since=since.isoformat() if since else "the beginning", entries=len(chain),
                  by_user={u: dict(v) for u, v in by_user.items()}, outside_grants=outside,
                  bursts=bursts, denied=denied, reveals=reveals)


def _granted_at(history: list, user: str, stamp_ns: int) -> set[str]:
    state: dict[str, str] = {}
    for g in history:
        if g.user == user and g.n <= stamp_ns:
            state[g.case_id] = g.action
    return {c for c, a in state.items() if a == "grant"}

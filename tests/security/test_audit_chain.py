"""The audit chain: every kind of tampering is detected and named; a signed checkpoint catches
a consistently rewritten history; a forged checkpoint fails its signature; the report finds
denied attempts, access outside grants and bursts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from intel import audit
from intel.audit import Event, entry_hash, entry_id, record
from intel.principal import SYSTEM
from intel.services.cases import CaseService
from intel.services.graph import GraphService
from intel.errors import AccessDenied
from secured_world import World, held, world  # noqa: F401

Q_SET = "MATCH (a:AuditEvent) WHERE a.seq = $s SET a.`{col}` = $v"


def _chain(store, n=6):
    for i in range(n):
        record(store, Event(user=f"u{i % 2}", role="analyst", action="entity.read", object_ids=(f"person:p{i}",),
                            cases=("C-1",)))
    return audit.entries(store)


def _set(store, seq, col, value):
    store.execute(SYSTEM, Q_SET.format(col=col), {"s": seq, "v": value}, write=True)


def _raw_create(store, body: dict) -> None:
    entry = audit.Entry(**body, hash=entry_hash(body))
    row = {**body, "id": entry_id(body["seq"]) + "x", "caption": body["action"], "name_keys": [], "h": entry.hash,
           "source": "audit", "recorded_by": body["user"], "recorded_at": body["at"], "hash": entry.hash}
    store.execute(SYSTEM, audit._create_query(store), {"rows": [row]}, write=True)


def _rehash_from(store, start: int) -> None:
    """What a database admin would do to hide an edit: recompute every hash from ``start``."""
    chain = audit.entries(store)
    prev = chain[start - 2].hash if start > 1 else audit.GENESIS
    for e in chain[start - 1:]:
        body = {**e.body(), "prev_hash": prev}
        h = entry_hash(body)
        _set(store, e.seq, "prev_hash", prev)
        _set(store, e.seq, "hash", h)
        prev = h


@pytest.fixture
def chain_store(store):
    with held(store):
        _chain(store)
        assert audit.verify(store).ok
        yield store


def test_intact_chain_verifies(chain_store):
    result = audit.verify(chain_store)
    assert result.ok and result.count == 6 and result.head_seq == 6
    assert [e.seq for e in audit.entries(chain_store)] == [1, 2, 3, 4, 5, 6]


def test_edited_entry_is_named(chain_store):
    _set(chain_store, 3, "user", "mallory")
    result = audit.verify(chain_store)
    assert not result.ok and result.bad_seq == 3 and "edited" in result.problem


def test_edited_entry_with_its_own_hash_recomputed_is_named(chain_store):
    e3 = audit.entries(chain_store)[2]
    body = {**e3.body(), "object_ids": ["person:other"]}
    _set(chain_store, 3, "object_ids", ["person:other"])
    _set(chain_store, 3, "hash", entry_hash(body))
    result = audit.verify(chain_store)
    assert not result.ok and result.bad_seq == 4 and "prev_hash" in result.problem


def test_deleted_entry_is_named(chain_store):
    chain_store.execute(SYSTEM, "MATCH (a:AuditEvent) WHERE a.seq = 3 DELETE a", write=True)
    result = audit.verify(chain_store)
    assert not result.ok and result.bad_seq == 3 and "deleted" in result.problem


def test_inserted_entry_is_named(chain_store):
    e2 = audit.entries(chain_store)[1]
    body = {**e2.body(), "seq": 3, "user": "mallory", "prev_hash": e2.hash}
    _raw_create(chain_store, body)  # a well-formed entry squeezed in as a second seq 3
    result = audit.verify(chain_store)
    assert not result.ok and result.bad_seq == 3 and "inserted" in result.problem


def test_inserted_entry_with_renumbering_is_named(chain_store):
    for seq in (6, 5, 4):
        _set(chain_store, seq, "seq", seq + 1)
    e3 = audit.entries(chain_store)[2]
    _raw_create(chain_store, {**e3.body(), "seq": 4, "user": "mallory", "prev_hash": e3.hash})
    result = audit.verify(chain_store)
    assert not result.ok and result.bad_seq == 5


def test_reordered_entries_are_named(chain_store):
    _set(chain_store, 3, "seq", 99)
    _set(chain_store, 4, "seq", 3)
    _set(chain_store, 99, "seq", 4)
    result = audit.verify(chain_store)
    assert not result.ok and result.bad_seq == 3


def test_checkpoint_catches_a_consistently_rewritten_chain(chain_store, tmp_path):
    key = audit.new_signing_key(tmp_path / "coordinator.pem")
    cp = audit.checkpoint(chain_store, key, tmp_path / "cp.json")
    assert cp.seq == 6
    assert (tmp_path / "coordinator.pem").stat().st_mode & 0o777 == 0o600
    loaded = audit.read_checkpoint(tmp_path / "cp.json")
    pub = audit.load_public_key(tmp_path / "coordinator.pem")
    assert audit.verify(chain_store, loaded, pub).ok
    record(chain_store, Event(user="u9", role="analyst", action="entity.read"))  # growth after it is fine
    assert audit.verify(chain_store, loaded, pub).ok

    _set(chain_store, 2, "user", "someone-else")
    _rehash_from(chain_store, 2)
    assert audit.verify(chain_store).ok  # self-consistent ...
    result = audit.verify(chain_store, loaded, pub)  # ... but not the history that was signed
    assert not result.ok and result.bad_seq == 6 and "rewritten" in result.problem


def test_checkpoint_catches_truncation(chain_store, tmp_path):
    key = audit.new_signing_key(tmp_path / "k.pem")
    cp = audit.checkpoint(chain_store, key)
    chain_store.execute(SYSTEM, "MATCH (a:AuditEvent) WHERE a.seq >= 5 DELETE a", write=True)
    result = audit.verify(chain_store, cp, key.public_key())
    assert not result.ok and "removed" in result.problem


def test_forged_checkpoints_fail_their_signature(chain_store, tmp_path):
    key = audit.new_signing_key(tmp_path / "k.pem")
    cp = audit.checkpoint(chain_store, key)
    _set(chain_store, 2, "user", "someone-else")
    _rehash_from(chain_store, 2)
    new_head = audit.entries(chain_store)[-1].hash
    forged = audit.Checkpoint(cp.seq, new_head, cp.at, cp.key_id, cp.signature)  # old signature
    with pytest.raises(audit.CheckpointError, match="signature is not valid"):
        audit.verify(chain_store, forged, key.public_key())
    other = audit.new_signing_key(tmp_path / "mallory.pem")  # re-signed with another key
    resigned = audit.checkpoint(chain_store, other)
    with pytest.raises(audit.CheckpointError, match="signed by key"):
        audit.verify(chain_store, resigned, key.public_key())
    with pytest.raises(audit.CheckpointError, match="needs the coordinator's key"):
        audit.verify(chain_store, cp, None)


def test_concurrent_writers_never_share_a_seq(store):
    """Two threads appending at once: a writer that loses the race for a seq (ids are unique)
    re-reads the head and retries, so the result is one unbroken chain with every event."""
    import threading

    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(15):
                record(store, Event(user=name, role="analyst", action="entity.read", object_ids=(f"{name}{i}",)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = audit.verify(store)
    assert result.ok and result.count == 30
    assert sorted(o for e in audit.entries(store) for o in e.object_ids) == sorted(
        f"{n}{i}" for n in "ab" for i in range(15))


def test_report_finds_denied_outside_grants_and_bursts(world: World):
    store = world.store
    analyst = world.svc(GraphService, "analyst")
    for _ in range(6):
        analyst.get_entity("person:s1")
    with pytest.raises(AccessDenied):
        analyst.get_entity("person:s2")
    world.svc(CaseService).revoke("analyst", "C-1")
    analyst.get_entity("person:s1")  # a service built before the revoke: flagged by the report
    rep = audit.report(store, datetime.now() - timedelta(hours=1), burst_reads=5)
    assert [(e.user, e.object_ids) for e in rep.denied] == [("analyst", ["person:s2"])]
    assert [e.user for e in rep.outside_grants] == ["analyst"]
    assert rep.outside_grants[0].object_ids == ["person:s1"]
    assert [(u, n) for u, _, n in rep.bursts] == [("analyst", 7)]
    assert rep.by_user["analyst"]["denied"] == 1
    after = audit.report(store, datetime.now() + timedelta(hours=1))
    assert after.entries == 0 and not after.denied
    # a fresh service after the revoke sees nothing of C-1
    with pytest.raises(AccessDenied):
        world.svc(GraphService, "analyst").get_entity("person:s1")


def _chain_count(store) -> int:
    """Entries in the chain, read raw (``audit.entries`` would flush the journal first)."""
    return store.execute(SYSTEM, "MATCH (a:AuditEvent) RETURN count(a) AS c")[0]["c"]


def test_journal_batches_writes_and_readers_flush_first(store, tmp_path):
    audit.attach_journal(store, tmp_path / "journal", batch=4, max_delay=3600)
    for i in range(3):
        assert record(store, Event(user="a", role="analyst", action="entity.read", object_ids=(f"x{i}",))) is None
    assert _chain_count(store) == 0
    journal_file = next((tmp_path / "journal").glob("journal-*.jsonl"))
    assert len(journal_file.read_text("utf-8").splitlines()) == 3  # durable before the batch
    record(store, Event(user="a", role="analyst", action="entity.read", object_ids=("x3",)))
    assert _chain_count(store) == 4 and journal_file.read_text("utf-8") == ""
    record(store, Event(user="a", role="analyst", action="entity.read", object_ids=("x4",)))
    result = audit.verify(store)  # readers flush what is pending
    assert result.ok and result.count == 5


def test_events_of_a_crashed_process_are_replayed(store, backend_settings, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from backend_env import settings_env

    directory = tmp_path / "journal"
    here = Path(__file__).resolve().parent
    proc = subprocess.run([sys.executable, str(here / "journal_proc.py"), str(directory), "5"],
                          env=settings_env(backend_settings), capture_output=True, text=True, timeout=120)
    assert "journaled" in proc.stdout, proc.stderr
    assert _chain_count(store) == 0
    audit.attach_journal(store, directory)
    chain = audit.entries(store)
    assert [e.object_ids[0] for e in chain] == [f"person:c{i}" for i in range(5)]
    assert audit.verify(store).ok
    assert len(list(directory.glob("journal-*.jsonl"))) == 1  # only this process's own file

"""No plaintext of protected data in the store, the audit log, logs or error messages."""

from __future__ import annotations

import logging
import shutil

import pytest

from intel import audit
from intel.errors import AccessDenied, HalqaError, InvalidInput
from intel.principal import SYSTEM
from intel.security.crypto import Crypto, new_keyring
from intel.services.graph import GraphService
from secured_world import PROV, SECRETS, STATEMENT_TEXT, World, world  # noqa: F401

PLAIN = [*SECRETS, STATEMENT_TEXT, "Qasımova", "Gasimova", "Mərdəkan"]


def _dump(store) -> str:
    rows = store.execute(SYSTEM, "MATCH (n) RETURN n")
    rels = store.execute(SYSTEM, "MATCH ()-[e]->() RETURN e")
    return repr(rows) + repr(rels)


def test_nothing_protected_is_stored_logged_or_raised_in_clear(world: World, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    errors: list[str] = []
    inv = world.svc(GraphService, "investigator")
    analyst = world.svc(GraphService, "analyst")
    # reads of every kind, by a cleared and an uncleared role
    for svc in (inv, analyst):
        svc.search_persons("Aygün Qasımova")
        svc.neighbourhood("person:s1", hops=2)
        svc.get_entity("person:v1")
        svc.export_subgraph()
    assert inv.search_persons("Aygün Qasımova")[0].id == "person:v1"  # blind key: found, pseudonymised
    assert analyst.search_persons("Aygün Qasımova") == []
    revealed = inv.reveal("person:v1", "identity check before the hearing")
    assert revealed["name"] == SECRETS[0] and revealed["birth_date"] == "2001-02-01"
    assert inv.reveal("statement:" + _statement_id(world), "reading the interview")["text"] == STATEMENT_TEXT
    shown = inv.get_entity("person:v1", justification="identity check before the hearing")
    assert shown.caption == SECRETS[0]
    # refusals and bad input
    for call in (lambda: analyst.reveal("person:v1", "curiosity only, no reason"),
                 lambda: inv.reveal("person:v1", "short"),
                 lambda: inv.write(nodes={"Person": [{"id": "v9", "name": "Aygün Qasımova", "protected": True,
                                                      "birth_date": "Aygün Qasımova 31.02", "cases": ["C-1"],
                                                      **PROV}]}),
                 lambda: inv.write(nodes={"Person": [{"id": "v9", "name": "Aygün Qasımova", "protected": True,
                                                      "cases": ["C-2"], **PROV}]})):
        with pytest.raises(HalqaError) as exc:
            call()
        errors.append(str(exc.value))
    assert any(isinstance(e, str) and "birth_date" in e for e in errors)
    # a wrong key: one clear line, no plaintext
    wrong = GraphService(world.store, inv.principal, Crypto(new_keyring(tmp_path / "wrong.json")))
    with pytest.raises(HalqaError) as exc:
        wrong.reveal("person:v1", "identity check before the hearing")
    errors.append(str(exc.value))
    assert "not in the key ring" in errors[-1]

    chain = audit.entries(world.store)
    assert audit.verify(world.store).ok
    haystacks = {"store dump": _dump(world.store), "audit log": repr(chain), "logs": caplog.text,
                 "errors": "\n".join(errors)}
    for where, text in haystacks.items():
        for secret in PLAIN:
            assert secret not in text, f"{secret!r} found in the {where}"
    reveals = [e for e in chain if e.action == "protected.reveal" and e.outcome == "ok"]
    assert reveals and all(e.justification for e in reveals)
    assert any(o.startswith("Victim V-") for e in reveals for o in e.object_ids)


def test_embedded_files_on_disk_hold_no_plaintext(embedded_store, tmp_path):
    """The embedded store's own files (database and write-ahead log), byte for byte."""
    from secured_world import build_world, held

    store = embedded_store
    with held(store):
        w = build_world(store, tmp_path / "keys")
        w.svc(GraphService, "investigator").neighbourhood("person:v1", hops=1)
    store.close()
    copy = tmp_path / "copy"
    shutil.copytree(store.path.parent, copy)
    raw = b"".join(p.read_bytes() for p in copy.rglob("*") if p.is_file())
    assert raw  # the store's files were read
    assert "Rauf Hüseynov".encode() in raw  # open names are found: the search below means something
    for secret in PLAIN:
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in raw, f"{secret!r} found in the store's files"


def test_writing_into_an_ungranted_case_is_refused_and_audited(world: World):
    inv = world.svc(GraphService, "investigator")
    with pytest.raises(AccessDenied, match="not granted case C-2"):
        inv.write(nodes={"Person": [{"id": "n1", "name": "Tural Nəsibov", "cases": ["C-2"], **PROV}]})
    with pytest.raises(AccessDenied, match="belongs to no case you are granted"):  # existing person in C-2
        inv.write(nodes={"Person": [{"id": "s2", "name": "Rauf Hüseynov", "cases": ["C-1"], **PROV}]})
    with pytest.raises(InvalidInput, match="at least one case"):
        inv.write(nodes={"Person": [{"id": "n2", "name": "Tural Nəsibov", **PROV}]})
    assert world.store.get(SYSTEM, "person:n1") is None
    assert world.store.get(SYSTEM, "person:s2").cases == ("C-2",)
    last = audit.entries(world.store)[-2]
    assert (last.user, last.action, last.outcome) == ("investigator", "case.write", "denied")


def test_protecting_an_existing_person_removes_the_open_identity(world: World):
    inv = world.svc(GraphService, "investigator")
    row = {"id": "p5", "name": "Səbinə Quliyeva", "aliases": ["Sabina"], "birth_date": "1999-05-05",
           "cases": ["C-1"], **PROV}
    inv.write(nodes={"Person": [row]})
    assert "Səbinə Quliyeva" in _dump(world.store)
    inv.write(nodes={"Person": [{**row, "protected": True}]})
    dump = _dump(world.store)
    assert "Səbinə Quliyeva" not in dump and "Sabina" not in dump and "1999-05-05" not in dump
    assert inv.reveal("person:p5", "witness protection review")["aliases"] == ["Sabina"]
    assert inv.write(nodes={"Person": [{**row, "protected": True}]}).changed == 0  # idempotent


def _statement_id(world: World) -> str:
    from graph_models.ids import make_node_id

    return make_node_id("statement", ["h-st-1"]).split(":", 1)[1]


def test_a_protected_person_named_again_without_the_flag_stays_protected(world: World):
    """A later statement names a victim openly (no protected flag): the pseudonym, the sealed
    identity and the role-based pseudonym kind must all survive the write."""
    inv = world.svc(GraphService, "investigator")
    before = world.store.get(SYSTEM, "person:v1")
    sealed = before.props["protected_identity"]
    inv.write(nodes={"Person": [{"id": "v1", "name": SECRETS[0], "aliases": ["Aygün"], "birth_date": "2001-02-01",
                                 "cases": ["C-1"], **PROV}]})
    after = world.store.get(SYSTEM, "person:v1")
    assert after.caption == before.caption and after.caption.startswith("Victim V-")
    assert after.props["protected_identity"] == sealed
    dump = _dump(world.store)
    assert SECRETS[0] not in dump and "Aygün" not in dump
    assert inv.reveal("person:v1", "court order 17/2024 review")["name"] == SECRETS[0]


def test_rewriting_a_protected_person_in_another_batch_changes_nothing(world: World):
    """v1 got its 'Victim' pseudonym from an INVOLVED_IN role in the first batch; a later
    batch naming the same person without the role keeps it (re-ingest is a no-op)."""
    inv = world.svc(GraphService, "investigator")
    before = inv.get_entity("person:v1").caption
    assert before.startswith("Victim V-")
    row = {"id": "v1", "name": SECRETS[0], "aliases": [SECRETS[3]], "birth_date": "01.02.2001",
           "protected": True, "cases": ["C-1"], **PROV}
    assert inv.write(nodes={"Person": [row]}).changed == 0
    plain = {k: v for k, v in row.items() if k != "protected"}  # named again, flag forgotten
    inv.write(nodes={"Person": [plain]})
    assert inv.get_entity("person:v1").caption == before
    assert SECRETS[0] not in _dump(world.store)

"""Each page, run with Streamlit's AppTest against a real embedded store holding the demo:
sign-in, need-to-know (only granted cases), pseudonyms for protected persons, sources shown."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ingest.demo import DEMO_PASSWORD
from intel.security.session import principal_for
from intel.store import open_store

UI = Path(__file__).resolve().parents[2] / "ui"


def page(name: str, settings, user: str | None = "investigator") -> AppTest:
    at = AppTest.from_file(str(UI / name), default_timeout=60)
    if user:
        store = open_store(settings)
        at.session_state["principal"] = principal_for(store, user)
        store.close()
    return at


def _a_person(settings, user: str):
    """A person id visible to ``user`` that has links, found through the store's export."""
    from intel.security.crypto import open_crypto
    from intel.services.graph import GraphService

    store = open_store(settings)
    svc = GraphService(store, principal_for(store, user), open_crypto(settings, store, {}))
    nodes, edges = svc.export_subgraph(rel_types=["MENTIONS"])
    shielded = svc._shielded()  # merged with a protected person: not found by the name it bears
    store.close()
    people = set(nodes[nodes["label"] == "Person"]["id"]) - shielded
    linked = [d for d in edges["dst"] if d in people]
    return max(set(linked), key=linked.count)


def test_sign_in_required_and_wrong_password_refused(demo_env):
    at = page("Home.py", demo_env, user=None).run()
    assert not at.exception
    assert at.button[0].label == "Sign in" or any(b.label == "Sign in" for b in at.button)
    at.text_input(key="login_name").input("analyst")
    at.text_input(key="login_password").input("not-the-password")
    at.button[0].click().run()
    assert any("wrong user name or password" in e.value for e in at.error)
    at.text_input(key="login_password").input(DEMO_PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert any(m.label == "Cases" for m in at.metric)


def test_home_lists_only_granted_cases(demo_env):
    inv = page("Home.py", demo_env, "investigator").run()
    pro = page("Home.py", demo_env, "prosecutor").run()
    assert not inv.exception and not pro.exception
    n_inv = int(next(m.value for m in inv.metric if m.label == "Cases"))
    n_pro = int(next(m.value for m in pro.metric if m.label == "Cases"))
    assert n_pro == 2 and n_inv > n_pro


def test_search_finds_people_with_pseudonyms_for_victims(demo_env):
    at = page("pages/1_Search.py", demo_env, "analyst").run()
    person = _a_person(demo_env, "analyst")
    store = open_store(demo_env)
    from intel.principal import SYSTEM

    node = store.get(SYSTEM, person)
    store.close()
    words = [w for w in node.caption.split() if len(w) > 3]
    at.text_input(key="query").input(words[0] if words else node.caption).run()
    assert not at.exception
    assert person in [c.value for c in at.code]
    if node.props.get("protected"):
        assert node.caption.startswith(("Victim V-", "Witness W-", "Protected person P-"))


def test_network_page_renders_graph_with_sources(demo_env):
    person = _a_person(demo_env, "investigator")
    at = page("pages/2_Network.py", demo_env, "investigator")
    at.session_state["focus"] = person
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) > 0 and frame["source"].notna().all()
    assert "MENTIONS" in set(frame["link"])


def test_network_of_an_ungranted_case_is_denied(demo_env):
    person = _outside_grants(demo_env, "liaison")
    at = page("pages/2_Network.py", demo_env, "liaison")
    at.session_state["focus"] = person
    at.run()
    assert not at.exception
    assert any("granted" in e.value or "not found" in e.value for e in at.error)


def _outside_grants(settings, user) -> str:
    """A person who appears in none of ``user``'s cases (the demo grants the liaison one)."""
    from intel.principal import SYSTEM

    store = open_store(settings)
    cases = principal_for(store, user).cases
    people = store.scan(SYSTEM, "Person")
    store.close()
    return next(p["id"] for p in people if p["cases"] and not set(p["cases"]) & cases)


def test_paths_page_explains_each_hop(demo_env):
    person = _a_person(demo_env, "investigator")
    at = page("pages/3_Paths.py", demo_env, "investigator").run()
    at.text_input(key="path_from").input(person)
    at.text_input(key="path_to").input(person).run()
    assert not at.exception
    assert any("Path 1" in s.value for s in at.subheader)


def test_reveal_needs_a_justification_and_a_cleared_role(demo_env):
    at = page("pages/1_Search.py", demo_env, "investigator").run()
    at.text_input(key="query").input("Victim").run()
    assert not at.exception
    victim = next(c.value for c in at.code)
    at.button(key=f"reveal-{victim}").click().run()
    assert any("justification" in e.value for e in at.error)
    at.text_input(key=f"why-{victim}").input("court order 12/2024, identity check").run()
    at.button(key=f"reveal-{victim}").click().run()
    assert not at.exception and at.json, "the revealed identity is shown"
    analyst = page("pages/1_Search.py", demo_env, "analyst").run()
    analyst.text_input(key="query").input("Victim").run()
    assert not [b for b in analyst.button if b.key and b.key.startswith("reveal-")]


def test_audit_page_for_the_coordinator_only(demo_env):
    at = page("pages/4_Audit.py", demo_env, "coordinator").run()
    assert not at.exception
    assert any("Protected identities revealed" in s.value for s in at.subheader)
    at.button(key="verify").click().run()
    assert any("audit chain ok" in s.value for s in at.success)
    analyst = page("pages/4_Audit.py", demo_env, "analyst").run()
    assert any("for the coordinator" in w.value for w in analyst.warning)

"""Property-based: random grants and queries never return data from an ungranted case, and
never a protected value to any reader (uncleared roles see pseudonyms; nothing is revealed
without a justification)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intel.errors import AccessDenied, NotFound
from intel.principal import SYSTEM
from intel.security.grants import Grants
from intel.security.policy import USER_ROLES, cleared_roles
from intel.services.graph import GraphService
from secured_world import CASES, SECRETS, STATEMENT_TEXT, TRUE_CASES, World, world  # noqa: F401

IDS = sorted(TRUE_CASES) + ["statement:x"]
TERMS = ["Aygün Qasımova", "Leyla Məmmədova", "Nərgiz Əhmədova", "Rauf Hüseynov", "Elçin", "Victim", "Witness",
         "Aygun Gasimova"]
QUERY = st.one_of(
    st.tuples(st.just("search"), st.sampled_from(TERMS)),
    st.tuples(st.just("get"), st.sampled_from(sorted(TRUE_CASES))),
    st.tuples(st.just("hood"), st.sampled_from(sorted(TRUE_CASES)), st.integers(0, 3)),
    st.tuples(st.just("paths"), st.sampled_from(sorted(TRUE_CASES)), st.sampled_from(sorted(TRUE_CASES))),
    st.tuples(st.just("export"), st.sampled_from([None, *CASES])),
    st.tuples(st.just("reveal"), st.sampled_from(["person:v1", "person:v2", "person:w3"])),
)
CLEARED = {r.value for r in cleared_roles()}


def _run(svc: GraphService, q):
    kind = q[0]
    if kind == "search":
        return svc.search_persons(q[1])
    if kind == "reveal":
        return [svc.reveal(q[1], "identity check for the hearing")]
    if kind == "get":
        return [svc.get_entity(q[1])]
    if kind == "hood":
        sub = svc.neighbourhood(q[1], hops=q[2])
        return sub.nodes + sub.edges
    if kind == "paths":
        return [x for p in svc.shortest_paths(q[1], q[2]) for x in p.nodes + p.edges]
    nodes, edges = svc.export_subgraph(cases=[q[1]] if q[1] else None)
    return nodes.to_dict("records") + edges.to_dict("records")


def test_random_grants_and_queries_stay_inside_grants(world: World):
    grants = Grants(world.store)

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(role=st.sampled_from([r.value for r in USER_ROLES]), granted=st.sets(st.sampled_from(CASES)),
           queries=st.lists(QUERY, min_size=1, max_size=3))
    def check(role, granted, queries):
        current = grants.cases_of(role)
        for case in CASES:
            if case in granted and case not in current:
                grants.give(role, case, by="test")
            elif case not in granted and case in current:
                grants.revoke(role, case, by="test")
        svc = GraphService(world.store, world.user(role), world.crypto)
        assert svc.principal.cases == frozenset(granted)
        for q in queries:
            try:
                out = _run(svc, q)
            except (AccessDenied, NotFound):
                continue
            text = repr(out)
            if q[0] == "reveal":  # only a cleared role granted the person's case gets here
                assert role in CLEARED and TRUE_CASES[q[1]] & granted, (role, granted, q)
                assert out[0]["name"] in SECRETS
                continue
            for secret in SECRETS + [STATEMENT_TEXT, "v1:"]:
                assert secret not in text, (role, granted, q)
            for item in out:
                item_id = getattr(item, "id", None) or item.get("id")
                if item_id in TRUE_CASES:
                    assert TRUE_CASES[item_id] & granted, (role, granted, q, item_id)
                case_id = getattr(item, "case_id", None) if not isinstance(item, dict) else item.get("case_id")
                if case_id:
                    assert case_id in granted, (role, granted, q, item_id)
                cases = getattr(item, "cases", None) if not isinstance(item, dict) else item.get("cases")
                if isinstance(cases, (list, tuple)) and "type" not in (item if isinstance(item, dict) else {}):
                    assert set(cases) <= granted, (role, granted, q, item_id)

    check()
    assert world.store.get(SYSTEM, "person:v1") is not None

"""Traversal cases the Neo4j backend answers with its own Cypher (``neighbourhood`` and
``shortest_paths`` run inside Neo4j there, by the shared algorithms on the embedded engine):
every backend must give the same answers (parametrised by ``store``)."""

from __future__ import annotations

from intel.principal import SYSTEM, Principal, Role

PROV = {"source": "test-traversal", "recorded_by": "tester"}
C1 = Principal("ana", Role.ANALYST, frozenset({"C-1"}))


def person(pid: str, case: str = "C-1"):
    return {"id": pid, "name": f"Person {pid}", "cases": [case], **PROV}


def rel(src: str, dst: str, case: str = "C-1", **extra):
    return {"src": f"person:{src}", "dst": f"person:{dst}", "case_id": case, **PROV, **extra}


def ids(nodes) -> set[str]:
    return {n.id for n in nodes}


def test_shortest_paths_route_around_relationships_of_other_cases(store):
    # a-b-c is shortest, but its b-c link belongs to case C-2; a-d-e-c is all C-1.
    store.write(SYSTEM, nodes={"Person": [person(p) for p in "abcde"]},
                edges={"ASSOCIATE_OF": [rel("a", "b"), rel("b", "c", case="C-2"), rel("a", "d"),
                                        rel("d", "e"), rel("e", "c")]})
    assert [len(p.edges) for p in store.shortest_paths(SYSTEM, "person:a", "person:c")] == [2]
    [path] = store.shortest_paths(C1, "person:a", "person:c")
    assert [n.id for n in path.nodes] == ["person:a", "person:d", "person:e", "person:c"]
    assert all(e.case_id == "C-1" for e in path.edges)
    assert store.shortest_paths(C1, "person:a", "person:c", max_hops=2) == []


def test_shortest_path_through_a_node_of_another_case_is_not_shown(store):
    # The only shortest path a-b-c passes b (case C-2 only): it is dropped, not replaced by
    # the longer a-d-e-c, so that no path reveals a hidden node by its detour.
    store.write(SYSTEM, nodes={"Person": [person("a"), person("b", case="C-2"), person("c"),
                                          person("d"), person("e")]},
                edges={"ASSOCIATE_OF": [rel("a", "b"), rel("b", "c"), rel("a", "d"), rel("d", "e"),
                                        rel("e", "c")]})
    assert store.shortest_paths(C1, "person:a", "person:c") == []
    assert store.shortest_paths(C1, "person:a", "person:b") == []
    assert [n.id for n in store.shortest_paths(SYSTEM, "person:a", "person:c")[0].nodes] == [
        "person:a", "person:b", "person:c"]


def test_all_shortest_paths_up_to_the_limit(store):
    # Two shortest a->d paths (via b, via c) and a parallel second relationship a-b.
    store.write(SYSTEM, nodes={"Person": [person(p) for p in "abcd"]},
                edges={"ASSOCIATE_OF": [rel("a", "b"), rel("b", "d"), rel("a", "c"), rel("c", "d")],
                       "FAMILY_OF": [rel("b", "a", relation="brother")]})
    paths = store.shortest_paths(SYSTEM, "person:a", "person:d")
    assert sorted(tuple(n.id for n in p.nodes) for p in paths) == [
        ("person:a", "person:b", "person:d"), ("person:a", "person:b", "person:d"),
        ("person:a", "person:c", "person:d")]
    assert {p.edges[0].type for p in paths} == {"ASSOCIATE_OF", "FAMILY_OF"}
    family = next(p for p in paths if p.edges[0].type == "FAMILY_OF")
    assert (family.edges[0].src, family.edges[0].dst) == ("person:b", "person:a")  # stored direction
    assert family.edges[0].props["relation"] == "brother"
    assert len(store.shortest_paths(SYSTEM, "person:a", "person:d", limit=2)) == 2
    assert len(store.shortest_paths(SYSTEM, "person:a", "person:d", rel_types=["ASSOCIATE_OF"])) == 2
    [alone] = store.shortest_paths(SYSTEM, "person:a", "person:a")
    assert [n.id for n in alone.nodes] == ["person:a"] and alone.edges == []
    assert store.shortest_paths(C1, "person:a", "person:nobody") == []


def _star(store, leaves: int) -> None:
    store.write(SYSTEM, nodes={"Person": [person("hub")] + [person(f"l{i}") for i in range(leaves)]},
                edges={"ASSOCIATE_OF": [rel("hub", f"l{i}") for i in range(leaves)]
                       + [rel(f"l{i}", f"l{i + 1}") for i in range(leaves - 1)]})


def test_neighbourhood_truncates_at_the_limit(store):
    _star(store, 12)
    full = store.neighbourhood(SYSTEM, "person:hub", hops=2)
    assert len(full.nodes) == 13 and not full.truncated and len(full.edges) == 23
    exact = store.neighbourhood(SYSTEM, "person:hub", hops=2, limit=13)
    assert len(exact.nodes) == 13 and not exact.truncated
    cut = store.neighbourhood(SYSTEM, "person:hub", hops=2, limit=5)
    assert cut.truncated and len(cut.nodes) == 5 and cut.nodes[0].id == "person:hub"
    kept = ids(cut.nodes)
    assert all(e.src in kept and e.dst in kept for e in cut.edges)
    assert {e.id for e in cut.edges} >= {e.id for e in full.edges if e.src in kept and e.dst in kept
                                          and "person:hub" in (e.src, e.dst)}
    assert store.neighbourhood(SYSTEM, "person:hub", hops=0).nodes[0].id == "person:hub"
    assert store.neighbourhood(SYSTEM, "person:hub", hops=0).edges == []


def test_neighbourhood_passes_hidden_nodes_but_does_not_show_them(store):
    # a - b(C-2 only) - c over C-1 relationships; and a - d over a C-2 relationship.
    store.write(SYSTEM, nodes={"Person": [person("a"), person("b", case="C-2"), person("c"), person("d")]},
                edges={"ASSOCIATE_OF": [rel("a", "b"), rel("b", "c"), rel("a", "d", case="C-2")]})
    seen = store.neighbourhood(C1, "person:a", hops=2)
    assert ids(seen.nodes) == {"person:a", "person:c"} and seen.edges == []
    assert ids(store.neighbourhood(SYSTEM, "person:a", hops=2).nodes) == {f"person:{p}" for p in "abcd"}
    assert store.neighbourhood(C1, "person:b", hops=2).nodes == []
    # the last level's own links are not expanded: c-d only shows from 2 hops of c or d
    store.write(SYSTEM, edges={"ASSOCIATE_OF": [rel("c", "d")]})
    one = store.neighbourhood(SYSTEM, "person:b", hops=1)
    assert ids(one.nodes) == {"person:a", "person:b", "person:c"}
    assert len(one.edges) == 2


def test_neighbourhood_date_window_and_types(store):
    store.write(SYSTEM, nodes={"Person": [person(p) for p in "abc"]},
                edges={"ASSOCIATE_OF": [rel("a", "b")],
                       "FAMILY_OF": [rel("a", "c", relation="wife")]})
    both = store.neighbourhood(SYSTEM, "person:a", hops=1, since="2000-01-01", until="2001-01-01")
    assert ids(both.nodes) == {"person:a", "person:b", "person:c"}  # undated links always pass
    fam = store.neighbourhood(SYSTEM, "person:a", hops=1, rel_types=["FAMILY_OF"])
    assert ids(fam.nodes) == {"person:a", "person:c"}
    [edge] = fam.edges
    assert edge.type == "FAMILY_OF" and edge.props["relation"] == "wife" and edge.case_id == "C-1"
    assert "h" not in edge.props and "id" not in edge.props
    node = fam.node("person:c")
    assert node.caption and node.cases == ("C-1",) and node.props["source"] == "test-traversal"
    assert "h" not in node.props and "search" not in node.props


def test_neighbourhood_over_a_wide_frontier_keeps_every_relationship_and_its_direction(store):
    # Hop 1 reaches b, c and d together: b has a relationship either way with a (two types),
    # c two parallel ones (two cases), d only one towards a; hop 2 goes on from b (outgoing)
    # and from c (incoming), d leads nowhere. e-g lies beyond 2 hops.
    store.write(SYSTEM, nodes={"Person": [person(p) for p in "abcdefg"]},
                edges={"ASSOCIATE_OF": [rel("a", "b"), rel("a", "c"), rel("a", "c", case="C-2"), rel("d", "a"),
                                        rel("b", "e"), rel("e", "g")],
                       "FAMILY_OF": [rel("b", "a", relation="brother"), rel("f", "c", relation="wife")]})

    def links(sub):
        return sorted((e.type, e.src[7:], e.dst[7:], e.case_id) for e in sub.edges)

    two = store.neighbourhood(SYSTEM, "person:a", hops=2)
    assert ids(two.nodes) == {f"person:{p}" for p in "abcdef"} and not two.truncated
    assert links(two) == [("ASSOCIATE_OF", "a", "b", "C-1"), ("ASSOCIATE_OF", "a", "c", "C-1"),
                          ("ASSOCIATE_OF", "a", "c", "C-2"), ("ASSOCIATE_OF", "b", "e", "C-1"),
                          ("ASSOCIATE_OF", "d", "a", "C-1"), ("FAMILY_OF", "b", "a", "C-1"),
                          ("FAMILY_OF", "f", "c", "C-1")]
    assert next(e for e in two.edges if e.src == "person:f").props["relation"] == "wife"
    assert [n.id for n in two.nodes][0] == "person:a"
    assert links(store.neighbourhood(C1, "person:a", hops=2)) == [l for l in links(two) if l[3] == "C-1"]
    assert ids(store.neighbourhood(SYSTEM, "person:a", hops=3).nodes) == {f"person:{p}" for p in "abcdefg"}
    family = store.neighbourhood(SYSTEM, "person:a", hops=2, rel_types=["FAMILY_OF"])
    assert ids(family.nodes) == {"person:a", "person:b"} and links(family) == [("FAMILY_OF", "b", "a", "C-1")]

"""A person entity resolution links to a protected person (SAME_AS) is shown as protected too:
"Victim V-… SAME_AS Aygün Qasımova" would give away the identity the pseudonym hides. The
shield is applied when reading, so undoing the merge lifts it. Every backend."""

from __future__ import annotations

from intel.principal import SYSTEM
from intel.services.graph import GraphService
from secured_world import PROV, SECRETS, World, world  # noqa: F401

NAME = SECRETS[0]  # v1's real name, also written openly by another statement of C-1


def _link(world: World) -> None:
    world.store.write(SYSTEM, nodes={"Person": [{"id": "x", "name": NAME, "cases": ["C-1"], **PROV}]},
                      edges={"SAME_AS": [{"src": "person:x", "dst": "person:v1", "case_id": "C-1",
                                          "judgement": "judgement:test", **PROV}],
                             "ASSOCIATE_OF": [{"src": "person:s1", "dst": "person:x", "case_id": "C-1", **PROV}]})


def test_a_person_merged_with_a_victim_is_shown_as_protected(world: World):
    _link(world)
    analyst = world.svc(GraphService, "analyst")
    shown = analyst.get_entity("person:x")
    assert shown.caption != NAME and NAME not in repr(shown.props)
    sub = analyst.neighbourhood("person:s1", hops=2)
    assert {"person:x", "person:v1"} <= {n.id for n in sub.nodes}
    assert all(NAME not in n.caption and NAME not in repr(n.props) for n in sub.nodes)
    paths = analyst.shortest_paths("person:s1", "person:x")
    assert paths and all(NAME not in n.caption for p in paths for n in p.nodes)
    # not found by the name, as the victim is not
    assert all(n.id not in ("person:x", "person:v1") for n in analyst.search_persons(NAME))
    nodes, _ = analyst.export_subgraph(cases=["C-1"])
    assert NAME not in " ".join(nodes["caption"])
    # a cleared role with a justification reads it, and the reveal is audited
    prosecutor = world.svc(GraphService, "prosecutor")
    assert prosecutor.get_entity("person:x", justification="court order 17/2024 review").caption == NAME


def test_undoing_the_merge_lifts_the_shield(world: World):
    _link(world)
    analyst = world.svc(GraphService, "analyst")
    assert analyst.get_entity("person:x").caption != NAME
    world.store.remove_edges(SYSTEM, "SAME_AS", [e["id"] for e in world.store.execute(
        SYSTEM, "MATCH (:Person {id: 'person:x'})-[e:SAME_AS]->() RETURN e.id AS id")])
    assert analyst.get_entity("person:x").caption == NAME

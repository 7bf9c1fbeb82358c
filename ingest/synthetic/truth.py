"""Ground-truth rows: persons, groups, routes, organisations, namesakes, mentions."""

from __future__ import annotations

import json

from ingest.synthetic.events import Story
from ingest.synthetic.places import PLACES
from ingest.synthetic.population import Cluster
from ingest.synthetic.statements import Mention

PERSON_COLUMNS = ("person_id", "given_name", "surname", "patronymic", "gender", "birth_date", "role",
                  "group_id", "case_ids", "phones", "documents", "name_variants",
                  # additions after the agreed columns
                  "nickname", "plate", "card", "address", "relation", "related_to", "namesake_of")
GROUP_COLUMNS = ("group_id", "name", "destination", "exploitation", "active_from", "members", "case_ids",
                 "organizations")
ROUTE_COLUMNS = ("route_id", "group_id", "person_id", "transporter_id", "seq", "from_place", "from_country",
                 "to_place", "to_country", "border_point", "mode", "departed_at", "vehicle_or_flight")
ORG_COLUMNS = ("org_id", "group_id", "name_az", "name_ru", "name_en", "kind", "city")
NAMESAKE_COLUMNS = ("person_a", "person_b", "shared_name")


def person_rows(cluster: Cluster) -> list[tuple]:
    from ingest.synthetic.names import nickname

    rows = []
    for p in cluster.persons.values():
        n = p.name
        rows.append((p.pid, n.given, n.surname, n.patronymic, n.gender, p.birth_date.isoformat(), p.role,
                     p.group_id, ";".join(p.case_ids), ";".join(p.phones), ";".join(p.documents),
                     ";".join(sorted(p.variants)), nickname(n, "az") if n.nickname >= 0 else "", p.plate,
                     p.card, p.address.value if p.address else "", p.relation, p.related_to, p.namesake_of))
    return rows


def group_row(cluster: Cluster) -> tuple:
    g = cluster.group
    return (g.group_id, g.name, g.destination, g.exploitation, g.start.isoformat(), ";".join(g.members),
            ";".join(g.case_ids), ";".join(o.org_id for o in g.orgs))


def org_rows(cluster: Cluster) -> list[tuple]:
    return [(o.org_id, cluster.group.group_id, o.render("az"), o.render("ru"), o.render("en"), o.kind, o.city)
            for o in cluster.group.orgs]


def route_rows(cluster: Cluster, stories: list[Story]) -> list[tuple]:
    rows = []
    for s in stories:
        for leg in s.route.legs:
            rows.append((s.route.route_id, cluster.group.group_id, s.victim, s.route.transporter, leg.seq,
                         leg.origin, PLACES[leg.origin].country, leg.to, PLACES[leg.to].country, leg.border,
                         leg.mode, leg.at.strftime("%Y-%m-%dT%H:%M"), leg.vehicle))
    return rows


def mention_lines(statement_id: str, mentions: list[Mention]) -> list[str]:
    return [json.dumps({"statement_id": statement_id, "start": m.start, "end": m.end, "text": m.text,
                        "type": m.type, "value": m.value, "person_id": m.person_id or None},
                       ensure_ascii=False) + "\n" for m in mentions]

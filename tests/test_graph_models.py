"""The schema as data: cleaners, ids, validation and DDL generated from schema.yaml."""

from __future__ import annotations

import pytest

from graph_models.ddl import ladybug_ddl, neo4j_ddl
from graph_models.schema import load_schema
from graph_models.types import REGISTRY, name_key
from graph_models.validate import ValidationError, clean_edge, clean_node

PROV = {"source": "s1", "recorded_by": "tester"}


@pytest.mark.parametrize("kind,raw,clean", [
    ("phone", "050 123 45 67", "+994501234567"),
    ("phone", "(050) 123-45-67", "+994501234567"),
    ("phone", "994501234567", "+994501234567"),
    ("phone", "+7 916 123-45-67", "+79161234567"),
    ("date", "12.03.2023", "2023-03-12"),
    ("date", "2023-03-12", "2023-03-12"),
    ("datetime", "12.03.2023 10:05", "2023-03-12T10:05:00"),
    ("datetime", "2023-03-12T10:05:00+04:00", "2023-03-12T06:05:00"),
    ("plate", "10 ab 123", "10-AB-123"),
    ("identifier", "c 0123-4567", "C01234567"),
    ("money", "₼500", "500.00 AZN"),
    ("money", "1,200 usd", "1200.00 USD"),
    ("country", "Türkiye", "TR"),
    ("grading", "b2", "B2"),
    ("list", "a; b;a", ["a", "b"]),
])
def test_cleaners(kind, raw, clean):
    assert REGISTRY[kind].clean(raw) == clean


@pytest.mark.parametrize("kind,raw", [("phone", "12"), ("date", "31.02.2023"), ("grading", "D5"),
                                      ("handling", "H9"), ("int", "3.5"), ("country", "Atlantis")])
def test_cleaners_reject(kind, raw):
    with pytest.raises(ValueError):
        REGISTRY[kind].clean(raw)


def test_name_key_folds_azerbaijani_letters_and_order():
    assert name_key("Məmmədov Elçin") == name_key("ELÇİN MƏMMƏDOV") == "elcin memmedov"


def test_ids_are_deterministic_from_natural_keys():
    a = clean_node("Phone", {"number": "050 123 45 67", **PROV})
    b = clean_node("Phone", {"number": "+994501234567", "source": "other", "recorded_by": "x"})
    assert a.id == b.id and a.id.startswith("phone:")
    d1 = clean_node("Document", {"doc_type": "passport", "country": "AZ", "number": "c 0123 4567", **PROV})
    d2 = clean_node("Document", {"doc_type": "passport", "country": "AZ", "number": "C01234567", **PROV})
    assert d1.id == d2.id
    assert clean_node("Person", {"id": "P-7", "name": "X Y", **PROV}).id == "person:P-7"


def test_edge_endpoints_checked_against_schema():
    with pytest.raises(ValidationError, match="Phone->Case is not allowed|Case->Phone is not allowed"):
        clean_edge("CALLED", {"src": "phone:1", "dst": "case:2", "at": "2023-01-01", **PROV})
    e = clean_edge("CALLED", {"src": "phone:1", "dst": "phone:2", "at": "2023-01-01", "seconds": "30", **PROV})
    assert e.props["seconds"] == 30 and e.id.startswith("rel:")


def test_provenance_is_required():
    with pytest.raises(ValidationError, match="missing required field 'source'"):
        clean_node("Phone", {"number": "0501234567", "recorded_by": "x"})


def test_ddl_covers_every_label_and_type():
    schema = load_schema()
    lb = "\n".join(ladybug_ddl())
    neo = "\n".join(neo4j_ddl())
    for label in schema.nodes:
        assert f"`{label}`(" in lb and f"(n:`{label}`)" in neo
    for rtype in schema.relationships:
        assert f"REL TABLE IF NOT EXISTS `{rtype}`" in lb and f"[e:`{rtype}`]" in neo


def test_every_property_has_a_sensitivity_and_description():
    schema = load_schema()
    for kind in [*schema.nodes.values(), *schema.relationships.values()]:
        for prop in kind.properties.values():
            assert prop.sensitivity in ("open", "restricted", "protected")
            assert prop.description, f"{prop.name} has no description"
    person = schema.nodes["Person"].properties
    assert person["protected_identity"].sensitivity == "protected"
    assert schema.nodes["Statement"].properties["text"].sensitivity == "protected"


def test_name_key_drops_every_combining_mark_and_folds_turkic_letters():
    from graph_models.types import name_key

    assert name_key("Məmmədov Elçin Rauf oğlu") == name_key("MEMMEDOV elcin rauf OGLU") == "elcin memmedov oglu rauf"
    assert name_key("İsmayılov") == "ismayilov"
    assert name_key("Ёлкин Йосиф") == "елкин иосиф"
    assert name_key("a\u0301b c\u0483d") == "ab cd"  # a Latin and a Cyrillic combining mark
    assert name_key("x\U0001D165y Öz") == "oz xy"  # a combining mark beyond the BMP
    assert name_key("O'Brien-Smith") == "brien o smith"
    assert name_key("  ") == ""

"""What `halqa doctor` shows when Neo4j cannot be used: one line naming the URI and the cause."""

from __future__ import annotations

import pytest

import neo4j_harness
from intel.errors import BackendUnavailable
from intel.store.neo4j_backend import Neo4jStore


def _failure(store: Neo4jStore, call) -> str:
    with pytest.raises(BackendUnavailable) as err:
        call(store)
    store.close()
    message = str(err.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("call", [lambda s: s.version(), lambda s: s.schema_status()],
                         ids=["version", "schema_status"])
def test_stopped_server_is_not_reachable(call):
    uri = f"bolt://127.0.0.1:{neo4j_harness.free_port()}"  # nothing listens there
    message = _failure(Neo4jStore(uri=uri, user="neo4j", password="whatever"), call)
    assert uri in message
    assert "is not reachable" in message and "Connection refused" in message
    assert "HALQA_NEO4J_URI" in message


def test_wrong_password_says_authentication_failed(neo4j_server):
    store = Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password + "-wrong")
    message = _failure(store, lambda s: s.version())
    assert neo4j_server.uri in message and "authentication failed" in message
    assert "HALQA_NEO4J_PASSWORD" in message
    assert neo4j_server.password not in message


def test_missing_database_is_named(neo4j_server):
    store = Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password,
                       database="nosuchdb")
    message = _failure(store, lambda s: s.schema_status())
    assert "database 'nosuchdb' does not exist" in message and neo4j_server.uri in message


def test_unusable_uri_scheme():
    message = _failure(Neo4jStore(uri="http://127.0.0.1:7474", password="x"), lambda s: s.version())
    assert "http://127.0.0.1:7474" in message and "bolt" in message


def test_right_credentials_report_the_version(neo4j_server):
    store = Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    try:
        assert store.version().startswith("Neo4j 5.")
    finally:
        store.close()

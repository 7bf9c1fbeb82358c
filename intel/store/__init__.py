"""Graph store: one interface (``GraphStore``), two backends. ``open_store`` picks one from
the settings."""

from __future__ import annotations

from intel.config import Settings
from intel.store.base import GraphStore
from intel.store.records import EdgeRecord, NodeRecord, Path, Subgraph, WriteResult

__all__ = ["GraphStore", "NodeRecord", "EdgeRecord", "Path", "Subgraph", "WriteResult", "open_store"]


def open_store(settings: Settings) -> GraphStore:
    if settings.backend == "neo4j":
        from intel.store.neo4j_backend import Neo4jStore

        return Neo4jStore(uri=settings.neo4j_uri, user=settings.neo4j_user,
                          password=settings.neo4j_password.get_secret_value(),
                          database=settings.neo4j_database)
    from intel.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.embedded_path, lock_timeout=settings.lock_timeout,
                         buffer_pool_mb=settings.buffer_pool_mb)

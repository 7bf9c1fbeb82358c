"""The environment that makes a subprocess open the same store as a test (shared by the
store, security and ingest tests; not in conftest.py, whose module name is not unique)."""

from __future__ import annotations

import os

from intel.config import Settings


def settings_env(settings: Settings) -> dict[str, str]:
    """Environment that makes a subprocess open the same store."""
    env = dict(os.environ)
    env.update(HALQA_BACKEND=settings.backend, HALQA_DATA_DIR=str(settings.data_dir),
               HALQA_NEO4J_URI=settings.neo4j_uri, HALQA_NEO4J_USER=settings.neo4j_user,
               HALQA_NEO4J_PASSWORD=settings.neo4j_password.get_secret_value(),
               HALQA_LOCK_TIMEOUT=str(settings.lock_timeout))
    return env

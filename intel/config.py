"""Settings: one typed object, read from the environment (``HALQA_*``) or a ``.env`` file.

Passed into services explicitly; nothing reads a global. ``halqa doctor`` and
``docs/settings.md`` list every field with its variable and help text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HALQA_", env_file=".env", extra="ignore")

    backend: Literal["embedded", "neo4j"] = Field(
        "embedded", description="Store backend: 'embedded' (LadybugDB, in-process) or 'neo4j'."
    )
    data_dir: Path = Field(
        Path("data"), description="Directory for the embedded store, evidence vault and keys."
    )
    neo4j_uri: str = Field(
        "bolt://localhost:7687",
        description="Neo4j URI: bolt:// for one server, neo4j:// for a cluster or Aura.",
    )
    neo4j_user: str = Field("neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr = Field(SecretStr(""), description="Neo4j password.")
    neo4j_database: str = Field("neo4j", description="Neo4j database name.")
    lock_timeout: float = Field(
        30.0,
        description="Seconds to wait for the embedded store's write lock before giving up.",
    )
    buffer_pool_mb: int = Field(
        1024, description="Memory the embedded engine may use for its page cache, in MB."
    )
    key_file: Path | None = Field(
        None,
        description="File holding the data-encryption keys (default: <data_dir>/keys.json).",
    )
    user: str = Field(
        "", description="User the CLI acts as (set by 'halqa login' or this variable)."
    )

    @property
    def embedded_path(self) -> Path:
        return self.data_dir / "graph.lbdb"


def settings_reference() -> list[tuple[str, str, str, str]]:
    """(field, environment variable, default, help) for every setting, for the docs."""
    rows = []
    for name, info in Settings.model_fields.items():
        default = info.default
        if isinstance(default, SecretStr):
            default = "(empty)" if not default.get_secret_value() else "***"
        rows.append((name, f"HALQA_{name.upper()}", str(default), info.description or ""))
    return rows

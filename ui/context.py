"""What every page needs: settings, the store, and who is asking. Pages stay thin."""

from __future__ import annotations

import streamlit as st

from intel.config import Settings
from intel.principal import Principal, Role
from intel.store import GraphStore, open_store


@st.cache_resource
def get_settings() -> Settings:
    return Settings()


@st.cache_resource
def get_store() -> GraphStore:
    return open_store(get_settings())


def current_principal() -> Principal:
    """The signed-in user. Until sign-in lands, the UI acts as a read-only analyst granted
    every case of the demo (``HALQA_USER`` names them in the audit trail)."""
    settings = get_settings()
    return Principal(user=settings.user or "ui-analyst", role=Role.ANALYST, all_cases=True)

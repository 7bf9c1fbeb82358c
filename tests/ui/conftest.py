"""A demo store for the UI tests: a small synthetic scenario loaded through the real path
(users, grants, statements, tables, resolution), built once per test session."""

from __future__ import annotations

import pytest
import streamlit as st

from intel.config import Settings


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory) -> Settings:
    from ingest.demo import load_demo

    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("ui-demo") / "data")
    load_demo(settings, persons=40, seed=11)
    return settings


@pytest.fixture
def demo_env(demo_settings, monkeypatch):
    monkeypatch.setenv("HALQA_DATA_DIR", str(demo_settings.data_dir))
    monkeypatch.delenv("HALQA_DATA_KEY", raising=False)
    st.cache_resource.clear()
    yield demo_settings
    st.cache_resource.clear()

"""Each page runs without exception against a real embedded store holding the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from intel.config import Settings
from intel.demo import load_demo
from intel.store import open_store

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.fixture
def demo_env(tmp_path, monkeypatch):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")
    store = open_store(settings)
    store.init_schema()
    load_demo(store)
    monkeypatch.setenv("HALQA_DATA_DIR", str(settings.data_dir))
    st.cache_resource.clear()
    yield settings
    st.cache_resource.clear()


def test_home_shows_counts(demo_env):
    at = AppTest.from_file(str(UI / "app.py"), default_timeout=30).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Person"] == "12" and metrics["Case"] == "2"


def test_search_finds_a_person(demo_env):
    at = AppTest.from_file(str(UI / "pages" / "1_Search.py"), default_timeout=30).run()
    at.text_input(key="query").input("memmedov elcin").run()
    assert not at.exception
    assert any("Məmmədov Elçin" in m.value for m in at.markdown)


def test_network_page_renders_graph_with_sources(demo_env):
    at = AppTest.from_file(str(UI / "pages" / "2_Network.py"), default_timeout=30)
    at.session_state["focus"] = "person:D-001"
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert "demo:builtin" in set(frame["source"])
    assert {"RECRUITED", "ASSOCIATE_OF"} & set(frame["link"])


def test_paths_page_explains_each_hop(demo_env):
    at = AppTest.from_file(str(UI / "pages" / "3_Paths.py"), default_timeout=30).run()
    at.text_input(key="path_from").input("person:D-003")
    at.text_input(key="path_to").input("person:D-009").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "CALLED" in text and "source `demo:builtin`" in text

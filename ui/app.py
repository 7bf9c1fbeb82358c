"""Halqa UI: home page."""

from __future__ import annotations

import streamlit as st

from intel.errors import HalqaError
from intel.principal import SYSTEM
from ui.context import current_principal, get_settings, get_store

st.set_page_config(page_title="Halqa", page_icon="🔗", layout="wide")
st.title("Halqa")
st.caption("Investigation intelligence and evidence — need-to-know only.")

settings = get_settings()
principal = current_principal()
st.sidebar.markdown(f"**User:** {principal.user} ({principal.role.value})")
st.sidebar.markdown(f"**Store:** {settings.backend}")

try:
    counts = get_store().counts(SYSTEM)
except HalqaError as exc:
    st.error(str(exc))
    st.stop()

nodes = {k: v for k, v in counts.items() if k[0].isupper() and not k.isupper() and v}
rels = {k: v for k, v in counts.items() if k.isupper() and v}
cols = st.columns(4)
for i, key in enumerate(["Person", "Case", "Phone", "Location"]):
    cols[i].metric(key, nodes.get(key, 0))
st.subheader("What the store holds")
left, right = st.columns(2)
left.dataframe({"label": list(nodes), "nodes": list(nodes.values())}, hide_index=True)
right.dataframe({"relationship": list(rels), "count": list(rels.values())}, hide_index=True)
st.info("Use **Search** to find a person, phone or place, then **Network** to explore around it.")

"""Search entities by name, number or alias."""

from __future__ import annotations

import streamlit as st

from intel.errors import HalqaError
from ui.context import current_principal, get_store

st.title("Search")
query = st.text_input("Name, phone, document or place", key="query")
labels = st.multiselect("Only these kinds", ["Person", "Phone", "Document", "Location", "Organization",
                                             "Vehicle", "Case"], key="labels")
if query:
    try:
        found = get_store().find(current_principal(), query, labels=labels or None)
    except HalqaError as exc:
        st.error(str(exc))
        st.stop()
    if not found:
        st.warning("Nothing found (or nothing you are granted to see).")
    for node in found:
        with st.container(border=True):
            st.markdown(f"**{node.caption}** · {node.label} · cases: {', '.join(node.cases) or '—'}")
            st.code(node.id, language=None)
            if st.button("Explore network", key=f"open-{node.id}"):
                st.session_state["focus"] = node.id
                st.switch_page("pages/2_Network.py")

"""Search persons by name, in any script or spelling."""

from __future__ import annotations

import streamlit as st

from intel.errors import HalqaError
from ui.context import graph_service

service = graph_service()
st.title("Search")
query = st.text_input("Name (Azerbaijani, Russian or English spelling)", key="query")
if query:
    try:
        found = service.search_persons(query)
    except HalqaError as exc:
        st.error(str(exc))
        st.stop()
    if not found:
        st.warning("Nothing found (or nothing in a case you are granted).")
    for node in found:
        with st.container(border=True):
            st.markdown(f"**{node.caption}** · {node.label} · cases: {', '.join(node.cases) or '—'}")
            st.code(node.id, language=None)
            if st.button("Explore network", key=f"open-{node.id}"):
                st.session_state["focus"] = node.id
                st.switch_page("pages/2_Network.py")

"""Search persons by name, in any script or spelling."""

from __future__ import annotations

import streamlit as st

from intel.errors import HalqaError
from intel.security.policy import may
from ui.context import graph_service, require_principal

principal = require_principal()
service = graph_service(principal)
can_reveal = may(principal, "protected.reveal")
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
            if can_reveal and node.props.get("protected"):
                with st.expander("Reveal identity (recorded in the audit trail)"):
                    why = st.text_input("Justification", key=f"why-{node.id}")
                    if st.button("Reveal", key=f"reveal-{node.id}"):
                        try:
                            st.json(service.reveal(node.id, why))
                        except HalqaError as exc:
                            st.error(str(exc))
            if st.button("Explore network", key=f"open-{node.id}"):
                st.session_state["focus"] = node.id
                st.switch_page("pages/2_Network.py")

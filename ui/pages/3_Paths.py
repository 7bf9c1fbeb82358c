"""How are two entities connected? Shortest paths with the evidence for every hop."""

from __future__ import annotations

import streamlit as st

from intel.errors import HalqaError
from ui.context import graph_service

service = graph_service()
st.title("Paths")
c1, c2 = st.columns(2)
source = c1.text_input("From (entity id)", key="path_from")
target = c2.text_input("To (entity id)", key="path_to")
if source and target:
    try:
        paths = service.shortest_paths(source.strip(), target.strip())
    except HalqaError as exc:
        st.error(str(exc))
        st.stop()
    if not paths:
        st.warning("No connection within 6 hops that you are granted to see.")
    for i, path in enumerate(paths, start=1):
        st.subheader(f"Path {i} ({path.length} hops)")
        for a, edge, b in zip(path.nodes, path.edges, path.nodes[1:]):
            st.markdown(f"- **{a.caption}** —{edge.type}→ **{b.caption}** · case {edge.case_id} · "
                        f"source `{edge.props.get('source')}` · grading {edge.props.get('grading', '—')}")

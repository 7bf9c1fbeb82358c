"""The network around one entity, with the evidence behind every link."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from graph_models.schema import load_schema
from intel.errors import HalqaError
from ui.context import graph_service
from ui.graph_view import subgraph_html

service = graph_service()
st.title("Network")
focus = st.text_input("Entity id", value=st.session_state.get("focus", ""), key="focus_id")
c1, c2 = st.columns(2)
hops = c1.slider("Hops", 1, 4, 2)
rel_types = c2.multiselect("Only these links", list(load_schema().relationships))
if focus:
    try:
        graph = service.neighbourhood(focus.strip(), hops=hops, rel_types=rel_types or None, limit=300)
    except HalqaError as exc:
        st.error(str(exc))
        st.stop()
    if not graph.nodes:
        st.warning("Not found, or not in a case you are granted.")
        st.stop()
    st.caption(f"{len(graph.nodes)} entities, {len(graph.edges)} links"
               + (" (truncated)" if graph.truncated else ""))
    components.html(subgraph_html(graph, focus=focus.strip()), height=580)
    st.subheader("Links and their sources")
    names = {n.id: n.caption for n in graph.nodes}
    st.dataframe([{"from": names[e.src], "link": e.type, "to": names[e.dst], "case": e.case_id,
                   "source": e.props.get("source"), "grading": e.props.get("grading")}
                  for e in graph.edges], hide_index=True, use_container_width=True)

"""Halqa UI: home page — the cases you are granted and what they hold."""

from __future__ import annotations

import streamlit as st

import pandas as pd

from intel.errors import HalqaError
from intel.security.policy import may
from ui.context import case_service, graph_service, require_principal

st.set_page_config(page_title="Halqa", page_icon="🔗", layout="wide")
principal = require_principal()
cases_svc = case_service(principal)
st.title("Halqa")
st.caption("Investigation intelligence and evidence — need-to-know only.")
try:
    cases = cases_svc.list_cases() if may(principal, "case.read") else []
    nodes, edges = (graph_service(principal).export_subgraph() if may(principal, "graph.export")
                    else (pd.DataFrame(columns=["label"]), pd.DataFrame(columns=["type"])))
except HalqaError as exc:
    st.error(str(exc))
    st.stop()

counts = nodes["label"].value_counts().to_dict() if len(nodes) else {}
cols = st.columns(4)
cols[0].metric("Cases", len(cases))
for col, key in zip(cols[1:], ["Person", "Phone", "Statement"]):
    col.metric(key, int(counts.get(key, 0)))
st.subheader("Your cases")
st.dataframe([{"case": c.props.get("number"), "title": c.props.get("title", ""), "status": c.props.get("status", "")}
              for c in cases], hide_index=True, use_container_width=True)
st.subheader("What they hold")
left, right = st.columns(2)
left.dataframe({"entities": list(counts), "count": list(counts.values())}, hide_index=True)
links = edges["type"].value_counts().to_dict() if len(edges) else {}
right.dataframe({"links": list(links), "count": list(links.values())}, hide_index=True)
st.info("Use **Search** to find a person, then **Network** to explore around them, or **Paths** to see "
        "how two people are connected. Every link shows the case and source behind it.")

"""Render a subgraph with pyvis, JavaScript embedded (no CDN): closed networks load nothing."""

from __future__ import annotations

import re

from pyvis.network import Network

from intel.store.records import Subgraph

COLOURS = {"Person": "#d1495b", "Phone": "#00798c", "Location": "#edae49", "Case": "#30638e",
           "Document": "#66a182", "Organization": "#8d6a9f", "Vehicle": "#6c757d",
           "Account": "#4f772d", "Event": "#b56576", "Statement": "#999999"}


def subgraph_html(graph: Subgraph, focus: str | None = None, height: int = 560) -> str:
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.toggle_physics(True)
    for node in graph.nodes:
        net.add_node(node.id, label=node.caption[:40], title=f"{node.label}: {node.caption}",
                     color=COLOURS.get(node.label, "#888888"), size=28 if node.id == focus else 16)
    for edge in graph.edges:
        source = edge.props.get("source", "")
        net.add_edge(edge.src, edge.dst, label=edge.type, title=f"{edge.type} · case {edge.case_id} · {source}")
    return strip_external(net.generate_html(notebook=False))


_EXTERNAL = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)=[\"']https?://[^>]*>(?:\s*</script>)?", re.I)


def strip_external(html: str) -> str:
    """pyvis's template links Bootstrap from a CDN even with in-line resources; the network
    picture does not need it, and a closed network must not ask for it."""
    return _EXTERNAL.sub("", html)

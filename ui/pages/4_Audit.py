"""The coordinator's insider-risk view: who looked at what, access outside grants, bursts of
reads, denied attempts and revealed identities; and a check of the hash chain."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from intel.errors import HalqaError
from intel.security.policy import may
from intel.services.audit_trail import AuditService
from ui.context import get_crypto, get_store, require_principal

principal = require_principal()
st.title("Audit")
if not may(principal, "audit.read"):
    st.warning("The audit trail is for the coordinator.")
    st.stop()
service = AuditService(get_store(), principal, get_crypto())
days = st.slider("Days back", 1, 90, 7)
try:
    rep = service.report(datetime.utcnow() - timedelta(days=days))
except HalqaError as exc:
    st.error(str(exc))
    st.stop()
st.caption(f"{rep.entries} entries since {rep.since}")
st.dataframe([{"user": u, **dict(c)} for u, c in sorted(rep.by_user.items())], hide_index=True,
             use_container_width=True)


def entries(title: str, rows) -> None:
    st.subheader(f"{title}: {len(rows)}")
    if rows:
        st.dataframe([{"seq": e.seq, "at": e.at[:19], "user": e.user, "role": e.role, "action": e.action,
                       "cases": ", ".join(e.cases), "objects": ", ".join(e.object_ids[:3]),
                       "why": e.justification or e.detail} for e in rows[-200:]],
                     hide_index=True, use_container_width=True)


entries("Denied attempts", rep.denied)
entries("Access outside grants", rep.outside_grants)
entries("Protected identities revealed", rep.reveals)
st.subheader(f"Bursts of reads: {len(rep.bursts)}")
if rep.bursts:
    st.dataframe([{"user": u, "from": t, "reads": n} for u, t, n in rep.bursts], hide_index=True)
if may(principal, "audit.verify") and st.button("Verify the hash chain", key="verify"):
    result = service.verify()
    (st.success if result.ok else st.error)(result.line())

"""What every page needs: settings, the store, who is signed in, and the services acting
for them. Pages stay thin: they call services, never the store or Cypher."""

from __future__ import annotations

import os

import streamlit as st

from intel.config import Settings
from intel.errors import HalqaError
from intel.principal import Principal
from intel.security.crypto import Crypto, open_crypto
from intel.security.session import authenticate, principal_for
from intel.services.cases import CaseService
from intel.services.graph import GraphService
from intel.store import GraphStore, open_store

PRINCIPAL_KEY = "principal"


@st.cache_resource
def get_settings() -> Settings:
    return Settings()


@st.cache_resource
def get_store() -> GraphStore:
    return open_store(get_settings())


@st.cache_resource
def get_crypto() -> Crypto:
    return open_crypto(get_settings(), get_store(), os.environ)


def _login_form() -> None:
    st.title("Halqa")
    st.caption("Investigation intelligence and evidence — need-to-know only.")
    with st.form("login"):
        name = st.text_input("User name", key="login_name")
        password = st.text_input("Password", type="password", key="login_password")
        if st.form_submit_button("Sign in"):
            try:
                st.session_state[PRINCIPAL_KEY] = authenticate(get_store(), name, password)
            except HalqaError as exc:
                st.error(str(exc))
            else:
                st.rerun()


def require_principal() -> Principal:
    """The signed-in user, refreshed so revoked grants take effect at once; shows the sign-in
    form and stops the page when nobody is signed in."""
    current = st.session_state.get(PRINCIPAL_KEY)
    if current is None:
        _login_form()
        st.stop()
    try:
        principal = principal_for(get_store(), current.user)
    except HalqaError as exc:
        st.session_state.pop(PRINCIPAL_KEY, None)
        st.error(str(exc))
        st.stop()
    st.session_state[PRINCIPAL_KEY] = principal
    with st.sidebar:
        st.markdown(f"**{principal.user}** · {principal.role.value}")
        st.caption(f"{len(principal.cases)} case(s) granted")
        if st.button("Sign out", key="signout"):
            st.session_state.pop(PRINCIPAL_KEY, None)
            st.rerun()
    return principal


def graph_service(principal: Principal | None = None) -> GraphService:
    return GraphService(get_store(), principal or require_principal(), get_crypto())


def case_service(principal: Principal | None = None) -> CaseService:
    return CaseService(get_store(), principal or require_principal(), get_crypto())

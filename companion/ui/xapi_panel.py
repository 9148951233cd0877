"""xAPI in the UI: my own choice (Mijn gegevens) and the organisation's LRS with its dead letters (Beheer)."""

from __future__ import annotations

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, tr


def my_choice() -> None:
    """Opt in or out (off by default), and pseudonym or name."""
    st.subheader(tr("xapi_mine_title"))
    st.caption(tr("xapi_mine_help"))
    mine = api().request("GET", "/api/me/xapi")
    if not mine["organisation_sends"]:
        st.info(tr("xapi_mine_org_off"), icon=":material/info:")
    with st.form("xapi-mine"):
        share = st.toggle(tr("xapi_mine_share"), value=mine["share"])
        named = st.checkbox(tr("xapi_mine_named"), value=mine["named"])
        email = st.text_input(tr("xapi_mine_email"), value=mine["email"], max_chars=254)
        submitted = st.form_submit_button(tr("xapi_mine_save"), icon=":material/save:")
    if submitted:
        try:
            mine = api().request("PATCH", "/api/me/xapi", json={"share": share, "named": named,
                                                               "email": email.strip()})
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err))
            return
        st.success(tr("xapi_mine_saved"))
    if mine["share"] and not mine["named"] and mine.get("pseudonym"):
        st.caption(tr("xapi_mine_pseudonym", pseudonym=mine["pseudonym"]))


def admin_tab() -> None:
    """The LRS setting (the secret is write-only), the outbox's counts, sending now, and the dead letters."""
    st.caption(tr("xapi_admin_help"))
    current = api().request("GET", "/api/admin/xapi")
    with st.form("xapi-admin", clear_on_submit=True):  # the secret typed is not kept in the page
        enabled = st.toggle(tr("xapi_admin_enabled"), value=current["enabled"])
        endpoint = st.text_input(tr("xapi_admin_endpoint"), value=current["endpoint"], max_chars=500)
        base_url = st.text_input(tr("xapi_admin_base_url"), value=current["base_url"], max_chars=500)
        left, right = st.columns(2)
        key = left.text_input(tr("xapi_admin_key"), max_chars=200,
                              help=tr("xapi_admin_key_hint", hint=current["key_hint"]) if current["key_hint"] else None)
        secret = right.text_input(tr("xapi_admin_secret"), type="password", max_chars=500,
                                  help=tr("xapi_admin_secret_set") if current["secret_set"] else None)
        submitted = st.form_submit_button(tr("xapi_admin_save"), type="primary", icon=":material/save:")
    if submitted:
        body = {"enabled": enabled, "endpoint": endpoint.strip(), "base_url": base_url.strip()}
        body |= {"key": key.strip()} if key.strip() else {}
        body |= {"secret": secret} if secret else {}  # empty keeps the stored one
        try:
            api().request("PUT", "/api/admin/xapi", json=body)
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err))
            return
        flash("success", tr("xapi_admin_saved"))
        st.rerun()  # the form shows what is stored now
    outbox(current["counts"])


def outbox(counts: dict[str, int]) -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.markdown(tr("xapi_admin_counts", **counts))
    if right.button(tr("xapi_admin_send_now"), icon=":material/send:", key="xapi-send"):
        report = api().request("POST", "/api/admin/xapi/send")
        st.info(tr("xapi_admin_sent", **report))
    st.markdown(f"**{tr('xapi_admin_dead')}**")
    dead = api().request("GET", "/api/admin/xapi/outbox", params={"status": "dead"})
    if not dead:
        st.caption(tr("xapi_admin_dead_none"))
        return
    st.dataframe([{tr("xapi_admin_dead_event"): d["event"], tr("xapi_admin_dead_error"): d["last_error"],
                   tr("xapi_admin_dead_attempts"): d["attempts"], tr("xapi_admin_dead_created"): d["created_at"]}
                  for d in dead], hide_index=True, width="stretch")
    if st.button(tr("xapi_admin_retry_all"), icon=":material/replay:", key="xapi-retry-dead"):
        done = api().request("POST", "/api/admin/xapi/outbox/retry-dead")
        st.success(tr("xapi_admin_retried", count=done["retried"]))

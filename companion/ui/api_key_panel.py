"""Mijn gegevens, API-sleutels: make a key for a chat client (shown once), see when each was last used, revoke it."""

from __future__ import annotations

import streamlit as st

from companion.ui.client import ApiError, api_url
from companion.ui.common import api, call, error_text, fmt_date, safe_markdown, tr

NEW_KEY = "new_api_key"  # the key just made: shown on the next run only, then forgotten


def _status(key: dict) -> str:
    return tr(f"api_keys_status_{key['status']}")


def _shown_once() -> None:
    created = st.session_state.pop(NEW_KEY, None)
    if not created:
        return
    st.success(tr("api_keys_created", name=created["name"]), icon=":material/key:")
    st.code(created["key"], language=None)  # st.code has a copy button in its corner
    st.caption(tr("api_keys_copy_hint"))


def _create_form() -> None:
    with st.form("api-key", clear_on_submit=True):
        name = st.text_input(tr("api_keys_name"), max_chars=100, placeholder=tr("api_keys_name_placeholder"))
        days = st.selectbox(tr("api_keys_valid_for"), (30, 90, 180, 366), index=1,
                            format_func=lambda d: tr("api_keys_days", days=d))
        submitted = st.form_submit_button(tr("api_keys_create"), icon=":material/add:")
    if submitted:
        created = call("POST", "/api/me/api-keys", json={"name": name, "expires_in_days": days})
        if created:
            st.session_state[NEW_KEY] = created
            st.rerun()


def _key_list() -> None:
    keys = call("GET", "/api/me/api-keys") or []
    if not keys:
        st.caption(tr("api_keys_none"))
        return
    for key in keys:
        left, right = st.columns([4, 1])
        used = fmt_date(key["last_used_at"]) if key["last_used_at"] else tr("api_keys_never_used")
        left.markdown(tr("api_keys_row", name=safe_markdown(key["name"]), prefix=key["prefix"], status=_status(key),
                         created=fmt_date(key["created_at"]), expires=fmt_date(key["expires_at"]), used=used))
        if key["status"] == "active" and right.button(tr("api_keys_revoke"), key=f"revoke-key-{key['id']}",
                                                       icon=":material/key_off:"):
            try:
                api().request("DELETE", f"/api/me/api-keys/{key['id']}")
            except ApiError as err:
                if err.status in (0, 401):
                    raise
                st.error(error_text(err))
                return
            st.session_state["flash_key_revoked"] = key["name"]
            st.rerun()


def render() -> None:
    st.subheader(tr("api_keys_title"))
    st.caption(tr("api_keys_help", base_url=f"{api_url().rstrip('/')}/v1"))
    revoked = st.session_state.pop("flash_key_revoked", None)
    if revoked:
        st.info(tr("api_keys_revoked", name=revoked))
    _shown_once()
    _create_form()
    _key_list()

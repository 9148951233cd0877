"""Mijn gegevens: download everything (JSON and a readable document), sessions, password, API keys, erase the
account."""

from __future__ import annotations

from datetime import date

import streamlit as st

from companion.ui import api_key_panel, xapi_panel
from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, logout, me, tr


def downloads() -> None:
    st.subheader(tr("my_data_download"))
    st.caption(tr("my_data_download_help"))
    if st.button(tr("my_data_prepare"), icon=":material/download:", key="prepare-export"):
        st.session_state["export_json"] = api().download("/api/privacy/export")
        st.session_state["export_md"] = api().download("/api/privacy/export.md")
    if "export_json" in st.session_state:
        stem = f"companion-{me().get('username', 'export')}-{date.today().isoformat()}"
        left, right = st.columns(2)
        left.download_button(tr("my_data_json"), st.session_state["export_json"], file_name=f"{stem}.json",
                             mime="application/json", icon=":material/data_object:", key="dl-json")
        right.download_button(tr("my_data_document"), st.session_state["export_md"], file_name=f"{stem}.md",
                              mime="text/markdown", icon=":material/description:", key="dl-md")


def usage() -> None:
    st.subheader(tr("my_data_usage"))
    u = api().request("GET", "/api/me/usage")
    if u["daily_token_budget"] > 0:  # a share, not "0 van 200000 tokens": tokens mean nothing to a reader
        used = min(1.0, u["tokens_used_today"] / u["daily_token_budget"])
        st.progress(used, text=tr("my_data_usage_text", share=f"{used:.0%}",
                                  per_minute=u["chat_messages_per_minute"] or "∞"))
    else:
        st.caption(tr("my_data_usage_unlimited", used=u["tokens_used_today"]))


def sessions() -> None:
    st.subheader(tr("my_data_sessions"))
    st.caption(tr("my_data_logout_all_help"))
    if st.button(tr("my_data_logout_all"), icon=":material/devices:", key="logout-all"):
        api().request("POST", "/api/auth/logout-all")
        logout("logged_out_everywhere")
        st.rerun()
    with st.form("password", clear_on_submit=True):
        st.markdown(f"**{tr('my_data_password')}**")
        current = st.text_input(tr("my_data_current_password"), type="password", max_chars=200)
        new = st.text_input(tr("my_data_new_password"), type="password", max_chars=200)
        repeat = st.text_input(tr("my_data_repeat_password"), type="password", max_chars=200)
        submitted = st.form_submit_button(tr("my_data_password_button"), icon=":material/key:")
    if submitted:
        if new != repeat:
            st.error(tr("my_data_password_mismatch"))
            return
        try:
            token = api().request("POST", "/api/me/password", json={"current_password": current,
                                                                     "new_password": new})
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err))
            return
        st.session_state["token"] = token["access_token"]
        st.success(tr("my_data_password_changed"))


def erase() -> None:
    st.subheader(tr("my_data_erase"))
    st.warning(tr("my_data_erase_warning"), icon=":material/warning:")
    phrase = tr("my_data_erase_words")
    with st.form("erase"):
        typed = st.text_input(tr("my_data_erase_phrase", phrase=phrase), max_chars=50)
        password = st.text_input(tr("my_data_erase_password"), type="password", max_chars=200)
        submitted = st.form_submit_button(tr("my_data_erase_button"), type="primary", icon=":material/delete_forever:")
    if submitted:
        try:
            api().request("POST", "/api/privacy/erase", json={"confirmation": typed, "password": password})
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err))
            return
        for key in ("export_json", "export_md"):
            st.session_state.pop(key, None)
        logout()
        flash("success", tr("account_erased"))
        st.rerun()


def render() -> None:
    st.title(tr("page_my_data"))
    st.write(tr("my_data_intro"))
    downloads()
    st.divider()
    usage()
    st.divider()
    sessions()
    st.divider()
    api_key_panel.render()
    st.divider()
    xapi_panel.my_choice()
    st.divider()
    erase()


if __name__ == "__main__":
    render()

"""Streamlit entry (`streamlit run app.py`): login (kept across a reload), each role's pages, and the account menu.

The UI is a pure client of the companion API (COMPANION_API_URL); pages live in companion/ui/, which pages a role
has in companion/ui/navigation.py.
"""

from __future__ import annotations

import streamlit as st

from companion.ui import browser, navigation
from companion.ui.client import ApiError
from companion.ui.common import api, error_text, lang, logout, me, mode_label, role_label, show_error, show_flash, tr
from companion.ui.i18n import LANGUAGES

st.set_page_config(page_title="Companion", page_icon="🌱", layout="centered")
st.session_state.setdefault("language", "nl")
st.html("<style>.st-key-browser-side {display: none;}</style>")  # the browser-side helpers take no room


def _language_changed() -> None:
    """Switch the UI language, and remember it for the logged-in person."""
    st.session_state["language"] = st.session_state["lang_select"]
    st.session_state["lang_chosen"] = True
    if st.session_state.get("token"):
        try:
            st.session_state["me"] = api().set_language(st.session_state["language"])
        except ApiError:
            pass  # an expired login is noticed (and said) by the next GET /api/me


def language_picker(container) -> None:
    st.session_state["lang_select"] = lang()
    container.selectbox(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang_select",
                        on_change=_language_changed)


def login_page() -> None:
    st.title(tr("login"))
    st.caption(tr("tagline"))
    show_flash()
    st.write(tr("login_intro"))
    with st.form("login"):
        username = st.text_input(tr("username"), autocomplete="username")
        password = st.text_input(tr("password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(tr("login_button"), type="primary")
    if not submitted:
        return
    if not username.strip() or not password:
        st.warning(tr("login_missing"))
        return
    client = api()
    try:
        st.session_state["token"] = client.login(username.strip(), password)
        person = client.me()
        if st.session_state.get("lang_chosen") and person["language"] != lang():
            person = client.set_language(lang())
    except ApiError as err:
        st.session_state.pop("token", None)
        st.error(error_text(err, "login_failed"))  # e.g. "Gebruikersnaam of wachtwoord klopt niet."
        return
    st.session_state["me"] = person
    st.session_state["language"] = person["language"]
    st.rerun()  # the same address: a deep link opened before logging in now opens its page


def restore_login() -> None:
    """After a reload (a new session) take the login this browser kept; the API checks it in `load_me`."""
    if not st.session_state.get("token") and not st.session_state.get("logged_out"):
        token = browser.remembered_token()
        if token:
            st.session_state["token"] = token


def load_me() -> dict | None:
    """Who is logged in, fresh from the API each run (this also notices an expired or revoked token)."""
    if not st.session_state.get("token"):
        return None
    try:
        person = api().me()
    except ApiError as err:
        if err.status == 401:
            logout("session_expired" if st.session_state.get("me") else None)
            return None
        st.error(error_text(err))
        st.stop()
    if not st.session_state.get("me"):  # a login restored after a reload: its language comes with it
        st.session_state["language"] = person["language"]
    st.session_state["me"] = person
    return me()


def account_menu(person: dict) -> None:
    """Who is logged in, the mode, the language and logging out: at the bottom of the sidebar, as chat apps do."""
    with st.sidebar:
        st.markdown(tr("logged_in_as", name=person.get("display_name") or person["username"],
                       role=role_label(person["role"])))
        if person.get("team"):
            st.caption(f"{person['organisation']} · {person['team']}")
        icon = ":material/cloud_off:" if person["mode"] == "offline" else ":material/smart_toy:"
        st.caption(f"{icon} {tr('mode_label')}: {mode_label(person['mode'])}")
        st.page_link(navigation.page_path("my_data"), label=tr("page_my_data"), icon=":material/shield_person:")
        language_picker(st)
        if st.button(tr("logout"), icon=":material/logout:", key="logout"):
            try:  # revoke the token on the server too, so a copy of it is worthless
                api().request("POST", "/api/auth/logout")
            except ApiError:
                pass
            logout()
            st.session_state["logged_out"] = True  # not restored from the cookie before it is cleared
            st.rerun()


restore_login()
person = load_me()
browser.keep(st.session_state.get("token") if person else None)
if person is None:
    language_picker(st.sidebar)
    st.navigation(navigation.login_pages(login_page), position="hidden").run()
else:
    st.session_state.pop("logged_out", None)
    page = st.navigation(navigation.role_pages(person["role"]), position="top")
    show_flash()
    try:
        page.run()
    except ApiError as err:
        show_error(err)
    account_menu(person)

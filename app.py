"""Streamlit entry (`streamlit run app.py`): login, the sidebar every page shares, and navigation.

The UI is a pure client of the companion API (COMPANION_API_URL); pages live in companion/ui/.
"""

from __future__ import annotations

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, lang, logout, me, mode_label, role_label, show_error, show_flash, tr
from companion.ui.i18n import LANGUAGES

st.set_page_config(page_title="Companion", page_icon="🌱", layout="centered")
st.session_state.setdefault("language", "nl")


def _language_changed() -> None:
    """Switch the UI language, and remember it for the logged-in person."""
    st.session_state["language"] = st.session_state["lang_select"]
    st.session_state["lang_chosen"] = True
    if st.session_state.get("token"):
        try:
            st.session_state["me"] = api().set_language(st.session_state["language"])
        except ApiError:
            pass  # an expired login is noticed (and said) by the next GET /api/me


def language_picker() -> None:
    st.session_state["lang_select"] = lang()
    st.sidebar.selectbox(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang_select",
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
    st.rerun()


def load_me() -> dict | None:
    """Who is logged in, fresh from the API each run (this also notices an expired token)."""
    if not st.session_state.get("token"):
        return None
    try:
        st.session_state["me"] = api().me()
    except ApiError as err:
        if err.status == 401:
            logout("session_expired")
            return None
        st.error(error_text(err))
        st.stop()
    return me()


def user_sidebar(person: dict) -> None:
    with st.sidebar:
        st.markdown(tr("logged_in_as", name=person.get("display_name") or person["username"],
                       role=role_label(person["role"])))
        if person.get("team"):
            st.caption(f"{person['organisation']} · {person['team']}")
        icon = ":material/cloud_off:" if person["mode"] == "offline" else ":material/smart_toy:"
        st.info(f"{tr('mode_label')}: {mode_label(person['mode'])}", icon=icon)
        language_picker()
        if st.button(tr("logout"), icon=":material/logout:", key="logout"):
            try:  # revoke the token on the server too, so a copy of it is worthless
                api().request("POST", "/api/auth/logout")
            except ApiError:
                pass
            logout()
            st.rerun()


person = load_me()
if person is None:
    language_picker()
    st.navigation([st.Page(login_page, title=tr("login"), icon=":material/login:")], position="hidden").run()
else:
    role = person["role"]
    pages = [
        st.Page("companion/ui/chat.py", title=tr("page_chat"), icon=":material/forum:", default=True),
        st.Page("companion/ui/portfolio.py", title=tr("page_portfolio"), icon=":material/folder_open:"),
    ]
    if role == "professional":
        pages += [
            st.Page("companion/ui/week.py", title=tr("page_week"), icon=":material/calendar_month:"),
            st.Page("companion/ui/suggestions.py", title=tr("page_suggestions"), icon=":material/lightbulb:"),
            st.Page("companion/ui/agreement.py", title=tr("page_agreement"), icon=":material/handshake:"),
            st.Page("companion/ui/giving_account.py", title=tr("page_accounts"), icon=":material/fact_check:"),
        ]
    if role == "expert":
        pages.append(st.Page("companion/ui/review.py", title=tr("page_review"), icon=":material/rate_review:"))
    if role in ("expert", "admin"):  # they agree to learning agreements on behalf of the organisation
        pages.append(st.Page("companion/ui/agreement.py", title=tr("page_agreement"), icon=":material/handshake:"))
    pages += [
        st.Page("companion/ui/search.py", title=tr("page_search"), icon=":material/search:"),
        st.Page("companion/ui/knowledge.py", title=tr("page_knowledge"), icon=":material/menu_book:"),
    ]
    if role == "admin":
        pages += [
            st.Page("companion/ui/dashboard.py", title=tr("page_dashboard"), icon=":material/monitoring:"),
            st.Page("companion/ui/curation.py", title=tr("page_curation"), icon=":material/library_books:"),
            st.Page("companion/ui/admin.py", title=tr("page_admin"), icon=":material/admin_panel_settings:"),
        ]
    pages.append(st.Page("companion/ui/my_data.py", title=tr("page_my_data"), icon=":material/shield_person:"))
    page = st.navigation(pages)
    user_sidebar(person)
    show_flash()
    try:
        page.run()
    except ApiError as err:
        show_error(err)

"""Which pages each role has, which one it lands on, and what a link to any page does before and after logging in.

Every page has a fixed address (/chat, /portfolio?situation=12, /review, ...). Logged out, every address shows
the login form and keeps its address, so after logging in the same address opens the page it names (a deep
link). Logged in, an address of a page the role does not have says so in the UI's language, instead of
Streamlit's English "Page not found".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from companion.ui.common import tr

UI = "companion/ui"


@dataclass(frozen=True)
class PageSpec:
    script: str  # companion/ui/<script>.py; its name is the page's address
    title: str  # text key
    icon: str
    roles: tuple[str, ...]


PAGES = (
    PageSpec("chat", "page_chat", ":material/forum:", ("professional", "expert", "admin")),
    PageSpec("week", "page_week", ":material/calendar_month:", ("professional",)),
    PageSpec("team", "page_team", ":material/groups:", ("professional", "expert")),
    PageSpec("review", "page_review", ":material/rate_review:", ("expert",)),
    PageSpec("dashboard", "page_dashboard", ":material/monitoring:", ("admin",)),
    PageSpec("portfolio", "page_portfolio", ":material/folder_open:", ("professional", "expert", "admin")),
    PageSpec("suggestions", "page_suggestions", ":material/lightbulb:", ("professional",)),
    PageSpec("agreement", "page_agreement", ":material/handshake:", ("professional", "expert", "admin")),
    PageSpec("giving_account", "page_accounts", ":material/fact_check:", ("professional",)),
    PageSpec("search", "page_search", ":material/search:", ("professional", "expert", "admin")),
    PageSpec("knowledge", "page_knowledge", ":material/menu_book:", ("professional", "expert", "admin")),
    PageSpec("curation", "page_curation", ":material/library_books:", ("admin",)),
    PageSpec("admin", "page_admin", ":material/admin_panel_settings:", ("admin",)),
    PageSpec("my_data", "page_my_data", ":material/shield_person:", ("professional", "expert", "admin")),
)
HOME = {"professional": "chat", "expert": "review", "admin": "dashboard"}  # each role starts at its own work
# the top bar per role: its daily work first, then menus (text keys) that keep the bar on one line of a laptop;
# a page of the role that is in no menu (Mijn gegevens) is linked from the account menu
MENUS = {
    "professional": (("", ("chat", "week", "team", "portfolio", "suggestions")),
                     ("nav_agreements", ("agreement", "giving_account")), ("nav_knowledge", ("search", "knowledge"))),
    "expert": (("", ("review", "team", "chat", "portfolio", "agreement")), ("nav_knowledge", ("search", "knowledge"))),
    "admin": (("", ("dashboard", "curation", "admin", "agreement")), ("nav_own_learning", ("chat", "portfolio")),
              ("nav_knowledge", ("search", "knowledge"))),
}


def page_path(script: str) -> str:
    return f"{UI}/{script}.py"


def home_of(role: str) -> str:
    return page_path(HOME.get(role, "chat"))


def role_pages(role: str) -> dict[str, list[st.Page]]:
    """The role's pages by menu, plus hidden ones: the account menu's, and one at the address of every page the
    role does not have, which says so."""
    home = HOME.get(role, "chat")
    spec = {p.script: p for p in PAGES}

    def page(script: str, hidden: bool = False) -> st.Page:
        p = spec[script]
        return st.Page(page_path(script), title=tr(p.title), icon=p.icon, default=script == home,
                       visibility="hidden" if hidden else "visible")

    menus = MENUS.get(role, MENUS["professional"])
    sections = {tr(key) if key else "": [page(script) for script in scripts] for key, scripts in menus}
    listed = {script for _, scripts in menus for script in scripts}
    sections[""] += [page(p.script, hidden=True) for p in PAGES if role in p.roles and p.script not in listed]
    sections[""] += [st.Page(not_for_role, title=tr(p.title), url_path=p.script, visibility="hidden")
                     for p in PAGES if role not in p.roles]
    return sections


def login_pages(login: Callable[[], None]) -> list[st.Page]:
    """The login form at the root and at every page's address, so that a deep link survives logging in."""
    return [st.Page(login, title=tr("login"), icon=":material/login:", default=True, url_path="login"),
            *(st.Page(login, title=tr(p.title), url_path=p.script, visibility="hidden") for p in PAGES)]


def not_for_role() -> None:
    st.title(tr("not_for_role"))
    st.page_link(home_of(st.session_state.get("me", {}).get("role", "")), label=tr("go_home"),
                 icon=":material/home:")

"""What the UI does in the browser itself: keep the login across a reload, and close a phone's menu after a page
was chosen.

A reload starts a new Streamlit session, which knows nothing, and Streamlit cannot set an HttpOnly cookie. So a
tiny component writes the session's API token into a cookie that is a *session* cookie (gone when the browser
closes), `SameSite=Strict` (never sent along with a request from another site), `Path=/`, and `Secure` on
https; a new session reads it back through `st.context.cookies`. The token is never put in a URL (URLs end up in
server logs, proxies and the browser history). The API still decides: an expired or revoked token is a 401,
after which the cookie is cleared (see README, "Sessions").
"""

from __future__ import annotations

import re

import streamlit as st
import streamlit.components.v2 as components

COOKIE = "companion_session"
_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,4096}")  # a JWT: nothing that could end or extend the cookie

_COOKIE_JS = """
export default function (component) {
    const { data } = component;
    if (!data || !data.name) return;
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    const value = /^[A-Za-z0-9._-]+$/.test(data.value || "") ? data.value : "";
    const current = document.cookie.split("; ").find((c) => c.startsWith(data.name + "="));
    if ((current ? current.slice(data.name.length + 1) : "") === value) return;
    document.cookie = value
        ? `${data.name}=${value}; Path=/; SameSite=Strict${secure}`
        : `${data.name}=; Path=/; Max-Age=0; SameSite=Strict${secure}`;
}
"""

# On a narrow screen the sidebar covers the page; once a page link in it is clicked, close it again.
_MENU_JS = """
export default function () {
    const doc = window.parent ? window.parent.document : document;
    if (doc.body.dataset.companionMenu) return;
    doc.body.dataset.companionMenu = "1";
    doc.addEventListener("click", (event) => {
        const link = event.target.closest(
            '[data-testid="stSidebarNav"] a, [data-testid="stSidebar"] [data-testid="stPageLink"] a');
        if (!link || window.innerWidth >= 768) return;
        setTimeout(() => {
            const close = doc.querySelector('[data-testid="stSidebar"] [data-testid="stSidebarCollapseButton"] button');
            const sidebar = doc.querySelector('[data-testid="stSidebar"]');
            if (close && sidebar && sidebar.getAttribute("aria-expanded") !== "false") close.click();
        }, 50);
    }, true);
}
"""

_cookie = components.component("companion_session_cookie", js=_COOKIE_JS)
_menu = components.component("companion_phone_menu", js=_MENU_JS)


def remembered_token() -> str | None:
    """The token a previous session of this browser kept, if any (the API checks whether it is still valid)."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no browser behind this run (AppTest, bare mode)
        return None
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None  # AppTest: a mock


def keep(token: str | None) -> None:
    """Make the browser's cookie hold `token` (None: remove it), and install the phone menu's behaviour.

    Drawn in a container that takes no room; the components run once per change of their data.
    """
    with st.container(key="browser-side"):
        _cookie(data={"name": COOKIE, "value": token if token and _TOKEN.fullmatch(token) else ""},
                key="session-cookie", height=0)
        _menu(key="phone-menu", height=0)

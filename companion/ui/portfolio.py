"""Portfolio: the person's work situations and portfolio entries: view, edit, delete, add."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from companion.ui.client import ApiClient, ApiError
from companion.ui.common import (
    ENTRY_KINDS,
    SITUATION_FIELDS,
    VISIBILITIES,
    api,
    demote_headings,
    entry_kind_label,
    entry_view,
    flash,
    fmt_date,
    lang,
    me,
    safe_markdown,
    show_error,
    situation_view,
    tr,
    visibility_label,
)
from companion.ui.paging import pager, search_and_page

CHAT_PAGE = "companion/ui/chat.py"


def _done(message: str) -> None:
    st.session_state.pop("editing", None)
    st.session_state.pop("pending_delete", None)
    flash("success", message)
    st.rerun()


def confirm_delete(key: str, item: dict[str, Any], delete: Callable[[int], None]) -> None:
    """The confirmation asked before anything is deleted."""
    st.warning(tr("confirm_delete", title=item["title"]), icon=":material/warning:")
    yes, no, _ = st.columns([2, 2, 3])
    if yes.button(tr("confirm_yes"), key=f"yes-{key}", type="primary", icon=":material/delete_forever:",
                  width="stretch"):
        delete(item["id"])
        _done(tr("deleted", title=item["title"]))
    if no.button(tr("cancel"), key=f"no-{key}", width="stretch"):
        st.session_state.pop("pending_delete", None)
        st.rerun()


def item_actions(key: str, item: dict[str, Any], delete: Callable[[int], None]) -> None:
    """Edit / delete / open-conversation buttons, or the delete confirmation."""
    if st.session_state.get("pending_delete") == key:
        confirm_delete(key, item, delete)
        return
    edit, remove, chat = st.columns([2, 2, 3])
    if edit.button(tr("edit"), key=f"edit-{key}", icon=":material/edit:", width="stretch"):
        st.session_state["editing"] = key
        st.rerun()
    if remove.button(tr("delete"), key=f"del-{key}", icon=":material/delete:", width="stretch"):
        st.session_state["pending_delete"] = key
        st.rerun()
    if item.get("conversation_id") and chat.button(tr("open_conversation"), key=f"chat-{key}",
                                                   icon=":material/forum:", width="stretch"):
        st.session_state["conversation_id"] = item["conversation_id"]
        st.switch_page(CHAT_PAGE)


def situation_form(key: str, s: dict[str, Any]) -> None:
    with st.form(f"form-{key}"):
        values = {"title": st.text_input(tr("situation_title"), s["title"], max_chars=200)}
        for field in SITUATION_FIELDS:
            values[field] = st.text_area(tr(f"situation_{field}"), s.get(field, ""),
                                         height=140 if field == "description" else 80)
        save, cancel = st.columns(2)
        saved = save.form_submit_button(tr("save"), type="primary")
        cancelled = cancel.form_submit_button(tr("cancel"))
    if cancelled:
        st.session_state.pop("editing", None)
        st.rerun()
    if saved:
        changes = {k: v for k, v in values.items() if v != s.get(k)}
        if not values["title"].strip():
            st.warning(tr("title_required"))
            return
        if changes:
            api().update_situation(s["id"], changes)
        _done(tr("saved"))


def entry_form(key: str, e: dict[str, Any]) -> None:
    with st.form(f"form-{key}"):
        kind = st.selectbox(tr("kind"), ENTRY_KINDS, index=ENTRY_KINDS.index(e["kind"]) if e["kind"] in ENTRY_KINDS
                            else 0, format_func=entry_kind_label)
        title = st.text_input(tr("title"), e["title"], max_chars=200)
        body = st.text_area(tr("body"), e["body"], height=220)
        visibility = st.radio(tr("visibility"), VISIBILITIES, format_func=visibility_label,
                              index=VISIBILITIES.index(e["visibility"]) if e["visibility"] in VISIBILITIES else 0)
        save, cancel = st.columns(2)
        saved = save.form_submit_button(tr("save"), type="primary")
        cancelled = cancel.form_submit_button(tr("cancel"))
    if cancelled:
        st.session_state.pop("editing", None)
        st.rerun()
    if saved:
        if not title.strip():
            st.warning(tr("title_required"))
            return
        values = {"kind": kind, "title": title, "body": body, "visibility": visibility}
        changes = {k: v for k, v in values.items() if v != e.get(k)}
        if changes:
            api().update_entry(e["id"], changes)
        _done(tr("saved"))


def _fetch(base_url: str, token: str | None, language: str, path: str) -> bytes:
    """Runs when a download button is clicked, outside the script run: its own client (each download is audited)."""
    with ApiClient(base_url=base_url, token=token, language=language) as client:
        return client.download(path)


def _lazy(path: str):
    client = api()
    base_url, token, language = client.base_url, client.token, lang()
    return lambda: _fetch(base_url, token, language, path)


def exports_panel() -> None:
    """The whole portfolio as Leap2A, for Mahara and other e-portfolios."""
    with st.expander(tr("px_title"), icon=":material/ios_share:"):
        st.caption(tr("px_help"))
        st.download_button(tr("px_leap2a"), _lazy("/api/portfolio/export/leap2a"), help=tr("px_leap2a_help"),
                           file_name=f"portfolio-{me().get('username', 'export')}-leap2a.zip",
                           mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
                           key="px-leap2a")


def badge_button(e: dict[str, Any]) -> None:
    """An approved learning goal or product as an Open Badges 3.0 credential."""
    st.download_button(tr("px_badge"), _lazy(f"/api/portfolio/{e['id']}/badge"), help=tr("px_badge_help"),
                       file_name=f"badge-{e['id']}.json", mime="application/json", on_click="ignore",
                       icon=":material/workspace_premium:", key=f"px-badge-{e['id']}")


def _approved_entry_ids() -> set[int]:
    """The entries that an approval made: only those can be a badge."""
    approved = api().request("GET", "/api/suggestions", params={"status": "approved"})
    return {s["entry_id"] for s in approved if s.get("entry_id")}


def _situation_text(s: dict[str, Any]) -> str:
    return " ".join(str(s.get(field) or "") for field in ("title", *SITUATION_FIELDS))


def situations_tab() -> None:
    situations = api().situations()
    if not situations:
        st.info(tr("no_situations"))
        return
    opened = st.query_params.get("situation")
    page, found = search_and_page(situations, "portfolio-situations", _situation_text,
                                  focus=lambda s: str(s["id"]) == opened)
    for s in page:
        key = f"situation-{s['id']}"
        with st.expander(f"{safe_markdown(s['title'])} · {fmt_date(s['created_at'])}",
                         icon=":material/work_history:", expanded=opened == str(s["id"])):
            if st.session_state.get("editing") == key:
                situation_form(key, s)
            else:
                situation_view(s)
                item_actions(key, s, api().delete_situation)
    pager("portfolio-situations", found)


def entries_tab() -> None:
    kind = st.selectbox(tr("filter_kind"), ["", *ENTRY_KINDS], key="portfolio-kind",
                        format_func=lambda k: entry_kind_label(k) if k else tr("all_kinds"))
    entries = api().entries(kind or None)
    if not entries:
        st.info(tr("no_entries"))
        return
    opened = st.query_params.get("entry")
    badges = _approved_entry_ids()
    entries, found = search_and_page(entries, "portfolio-entries", lambda e: f"{e['title']} {e.get('body', '')}",
                                     focus=lambda e: str(e["id"]) == opened)
    for e in entries:
        key = f"entry-{e['id']}"
        label = f"{safe_markdown(e['title'])} · {entry_kind_label(e['kind'])} · {visibility_label(e['visibility'])}"
        with st.expander(label, icon=":material/description:", expanded=st.query_params.get("entry") == str(e["id"])):
            if st.session_state.get("editing") == key:
                entry_form(key, e)
            else:
                entry_view(e)
                if e["id"] in badges and e["kind"] in ("learning_goal", "product"):
                    badge_button(e)
                item_actions(key, e, api().delete_entry)
    pager("portfolio-entries", found)


def new_entry_tab() -> None:
    situations = api().situations()
    titles = {s["id"]: s["title"] for s in situations}
    with st.form("new-entry", clear_on_submit=True):
        kind = st.selectbox(tr("kind"), ENTRY_KINDS, format_func=entry_kind_label)
        title = st.text_input(tr("title"), max_chars=200)
        body = st.text_area(tr("body"), height=220)
        visibility = st.radio(tr("visibility"), VISIBILITIES, format_func=visibility_label)
        situation_id = st.selectbox(tr("linked_situation"), [0, *titles],
                                    format_func=lambda i: titles[i] if i else tr("no_linked_situation"))
        submitted = st.form_submit_button(tr("add_entry"), type="primary", icon=":material/add:")
    if not submitted:
        return
    if not title.strip():
        st.warning(tr("title_required"))
        return
    try:
        entry = api().create_entry({"kind": kind, "title": title.strip(), "body": body, "visibility": visibility,
                                    "situation_id": situation_id or None})
    except ApiError as err:
        show_error(err)
        return
    flash("success", tr("entry_added", title=entry["title"]))
    st.rerun()


def shared_tab() -> None:
    """Entries colleagues shared with me (their team, or their expert): to read, each saying whose it is."""
    shared = api().request("GET", "/api/portfolio/shared")
    if not shared:
        st.info(tr("shared_none"))
        return
    for e in shared:
        with st.expander(f"{safe_markdown(e['title'])} · {safe_markdown(e['owner_name'])}", icon=":material/group:"):
            st.caption(tr("shared_from", name=e["owner_name"], kind=entry_kind_label(e["kind"]),
                          date=fmt_date(e["created_at"])))
            st.markdown(demote_headings(safe_markdown(e["body"])))


def render() -> None:
    st.title(tr("portfolio_title"))
    exports_panel()
    opened = tr("tab_situations") if "situation" in st.query_params else None  # a cited situation, opened here
    entries, situations, new, shared = st.tabs([tr("tab_entries"), tr("tab_situations"), tr("tab_new"),
                                                tr("tab_shared")], default=opened)
    with entries:
        entries_tab()
    with situations:
        situations_tab()
    with new:
        new_entry_tab()
    with shared:
        shared_tab()


if __name__ == "__main__":
    render()

"""The owner's actions on a draft: edit it, choose what the expert sees and send it, withdraw it, throw it away.

Nothing is shared by drafting: the owner previews the draft, may edit it, and sends it with a choice of what
the expert sees (the draft only, also the conversation as it is now, or chosen messages of it). A sent draft can
be withdrawn until the expert decides. Used under the chat (right after drafting) and on Voorstellen.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, show_error, tr

SCOPES = ("draft", "conversation", "messages")
PREVIEW = 90  # characters of a message shown when choosing which to share


def _call(method: str, path: str, **kwargs) -> tuple[bool, Any]:
    """(True, the answer), or (False, None) after showing why it failed (an expired login: the login form)."""
    try:
        return True, api().request(method, path, **kwargs)
    except ApiError as err:
        if err.status in (0, 401):
            show_error(err)
        else:
            st.error(error_text(err), icon=":material/error:")
        return False, None


def _messages(s: dict[str, Any], messages: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The conversation's messages to choose from: given by the chat page, else fetched (the owner sees all)."""
    if messages is not None:
        return messages
    cache = st.session_state.setdefault("rv_own_conversations", {})
    if s["id"] not in cache:
        ok, conv = _call("GET", f"/api/suggestions/{s['id']}/conversation")
        cache[s["id"]] = conv["messages"] if ok else []
    return cache[s["id"]]


def _message_label(m: dict[str, Any]) -> str:
    who = tr("rv_share_you") if m["role"] == "user" else tr("rv_share_companion")
    text = " ".join(m["content"].split())
    return f"{who}: {text[:PREVIEW]}{'…' if len(text) > PREVIEW else ''}"


def edit_form(s: dict[str, Any], key: str) -> None:
    """The draft's fields, editable; saving stores the owner's version (the drafter's stays as it was made)."""
    from companion.ui.review import edit_payload, field_labels  # the same editor the expert uses

    labels = field_labels(st.session_state.get("language", "nl"), st.session_state.get("token")).get(s["kind"], {})
    with st.form(f"{key}-edit", border=False):
        payload = dict(s["proposal"])
        title = None if "title" in payload else st.text_input(tr("rv_title"), value=s["title"], max_chars=200)
        edited = edit_payload(payload, f"{key}-field", labels)
        saved = st.form_submit_button(tr("rv_save_edit"), icon=":material/save:")
    if saved:
        body: dict[str, Any] = {"payload": edited}
        if title is not None:
            body["title"] = title
        if _call("PATCH", f"/api/suggestions/{s['id']}", json=body)[0]:
            st.session_state.pop(f"{key}-editing", None)
            flash("success", tr("rv_edit_saved"))
            st.rerun()


def send_form(s: dict[str, Any], key: str, messages: list[dict[str, Any]] | None = None) -> None:
    """Choose what the expert sees, then send; or throw the draft away."""
    scope = st.radio(tr("rv_share_question"), SCOPES, key=f"{key}-scope", help=tr("rv_share_help"),
                     format_func=lambda x: tr(f"rv_scope_{x}"), disabled=not s.get("conversation_id"))
    chosen: list[int] = []
    if scope == "messages":
        options = _messages(s, messages)
        chosen = st.multiselect(tr("rv_share_pick"), [m["id"] for m in options], key=f"{key}-pick",
                                format_func=lambda i: next(_message_label(m) for m in options if m["id"] == i))
    send_col, discard_col = st.columns(2)
    if send_col.button(tr("rv_send"), key=f"{key}-send", type="primary", icon=":material/send:", width="stretch"):
        body = {"share": scope, "message_ids": chosen if scope == "messages" else []}
        if _call("POST", f"/api/suggestions/{s['id']}/send", json=body)[0]:
            flash("success", tr("rv_sent"))
            st.session_state.pop("rv_made", None)
            st.rerun()
    if discard_col.button(tr("rv_discard"), key=f"{key}-discard", icon=":material/delete:", width="stretch"):
        if _call("DELETE", f"/api/suggestions/{s['id']}")[0]:
            st.session_state.pop("rv_made", None)
            flash("info", tr("rv_discarded"))
            st.rerun()


def draft_actions(s: dict[str, Any], key: str, messages: list[dict[str, Any]] | None = None) -> None:
    """What the owner can do now: edit and send (draft, withdrawn), or withdraw (sent, not decided yet)."""
    if s["status"] in ("draft", "withdrawn"):
        if st.toggle(tr("rv_edit"), key=f"{key}-editing"):
            edit_form(s, key)
        send_form(s, key, messages)
    elif s["status"] == "pending":
        if st.button(tr("rv_withdraw"), key=f"{key}-withdraw", icon=":material/undo:"):
            if _call("POST", f"/api/suggestions/{s['id']}/withdraw")[0]:
                flash("info", tr("rv_withdrawn_msg"))
                st.rerun()

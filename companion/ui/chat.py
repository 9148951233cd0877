"""Gesprek: the reflective chat, its reflection cycle and phases, each reply's sources, and saving to the portfolio."""

from __future__ import annotations

import uuid
from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import (
    api,
    error_text,
    fmt_date,
    lang,
    mode_label,
    safe_markdown,
    safe_stream,
    show_error,
    tr,
)
from companion.ui.conversation_menu import conversation_menu
from companion.ui.cycle_steps import PROPOSE, cycle_header
from companion.ui.product_panel import product_panel
from companion.ui.rhythm_banner import show_reminder
from companion.ui.sources import hit_list

DEFAULT_MAX_CHARS = 4000  # only used if the API does not say its limit
# the earlier conversations read as a list, left-aligned as in chat apps, not as centred buttons
HISTORY_STYLE = "<style>[class*='st-key-conv-'] button {justify-content: flex-start; text-align: left;}</style>"


def _short(text: str, n: int = 42) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def conversation_title(c: dict[str, Any]) -> str:
    if c.get("title"):
        return c["title"]
    empty = c.get("message_count", 2) <= 1  # only the welcome question
    return tr("empty_conversation" if empty else "untitled_conversation", date=fmt_date(c.get("created_at")))


def open_conversation() -> dict[str, Any]:
    """The conversation to show: the chosen one, else the most recent one, else a new one."""
    wanted = st.session_state.get("conversation_id")
    if wanted is not None:
        try:
            return api().conversation(wanted)
        except ApiError as err:
            if err.status != 404:
                raise
    convs = api().conversations()
    conv = api().conversation(convs[0]["id"]) if convs else api().new_conversation(lang(), PROPOSE)
    st.session_state["conversation_id"] = conv["id"]
    return conv


def conversation_sidebar(conv: dict[str, Any]) -> None:
    current_id = conv["id"]
    with st.sidebar:  # at the top of the sidebar, as in chat apps; the account menu goes below
        st.html(HISTORY_STYLE)
        convs = api().conversations()
        if st.button(tr("new_conversation"), icon=":material/add_comment:", type="primary", key="new-conv",
                     width="stretch"):
            if len(conv.get("messages", [])) <= 1 and conv.get("language") == lang():
                st.toast(tr("already_new"), icon=":material/info:")  # no pile of empty conversations
            else:
                empty = next((c for c in convs if c["message_count"] <= 1 and c["language"] == lang()), None)
                fresh = empty or api().new_conversation(lang(), PROPOSE)  # the cycle is chosen in the conversation
                st.session_state["conversation_id"] = fresh["id"]
                st.rerun()
        st.caption(tr("earlier_conversations"))
        if not convs:
            st.caption(tr("no_conversations"))
        for c in convs[:30]:
            current = c["id"] == current_id
            label = safe_markdown(_short(conversation_title(c)))  # a label renders Markdown, images included
            if st.button(label, key=f"conv-{c['id']}", help=fmt_date(c["updated_at"]),
                         type="secondary" if current else "tertiary", disabled=current, width="stretch"):
                st.session_state["conversation_id"] = c["id"]
                st.rerun()
        st.divider()  # the account menu follows


def save_buttons(conv_id: int) -> None:
    left, right = st.columns(2)
    situation = left.button(tr("save_situation"), icon=":material/bookmark_add:", key="save-situation",
                            width="stretch")
    reflection = right.button(tr("save_reflection"), icon=":material/library_add:", key="save-reflection",
                              width="stretch")
    try:
        if situation:
            saved = api().save_situation(conv_id)
            st.success(tr("situation_saved", title=saved["title"]), icon=":material/check:")
        if reflection:
            saved = api().save_reflection(conv_id)
            st.success(tr("reflection_saved", title=saved["title"]), icon=":material/check:")
    except ApiError as err:
        if err.status in (401, 0):
            show_error(err)
        else:
            st.warning(error_text(err, "save_failed"))  # e.g. "Vertel eerst in het gesprek over de situatie."


def show_message(m: dict[str, Any]) -> None:
    role = "assistant" if m["role"] == "assistant" else "user"
    with st.chat_message(role):
        st.markdown(safe_markdown(m["content"]))
        if role != "assistant":
            return
        mode = m.get("mode") or ""
        if mode.startswith("llm:"):
            st.caption(f":material/smart_toy: {tr('ai_label')} · {mode_label(mode)}")
        elif mode.startswith("offline ("):
            st.caption(f":material/cloud_off: {tr('reply_fallback')}")
        if not m.get("complete", True):
            st.warning(tr("reply_incomplete"), icon=":material/warning:")
        if m.get("sources"):
            with st.expander(tr("sources_count", n=len(m["sources"])), icon=":material/link:"):
                hit_list(m["sources"], key=f"src-{m['id']}")


def send(conv_id: int, prompt: str) -> None:
    """Show the message, stream the reply as it comes, then redraw the conversation from the API."""
    with st.chat_message("user"):
        st.markdown(safe_markdown(prompt))
    notes: list[tuple[str, str]] = []
    client_id = uuid.uuid4().hex  # one id per message, so a retried request is stored once

    def tokens():
        for event, data in api().stream_message(conv_id, prompt, client_id=client_id):
            if event == "token":
                yield data.get("text", "")
            elif event == "notice":
                notes.append(("info", data.get("detail", "")))
            elif event == "error":
                notes.append(("warning", data.get("detail", "")))

    with st.chat_message("assistant"):
        try:
            st.write_stream(safe_stream(tokens()))
        except ApiError as err:
            if err.status == 401:
                show_error(err)
            st.error(tr("reply_failed", detail=err.detail) if err.status == 0 else error_text(err))
            return
    st.session_state["chat_notes"] = notes
    st.rerun()


def render() -> None:
    conv = open_conversation()
    conversation_sidebar(conv)
    head, menu = st.columns([12, 1], vertical_alignment="center")
    head.title(tr("chat_title"))
    with menu:
        conversation_menu(conv, conversation_title(conv))
    if conv.get("title"):
        st.caption(safe_markdown(conv["title"]))
    show_reminder()  # the weekly rhythm's nudge (rhythm area)
    cycle_header(conv)  # choose or accept a cycle, the stepper, going back a phase
    for m in conv.get("messages", []):
        show_message(m)
    for level, text in st.session_state.pop("chat_notes", []):
        getattr(st, level)(text)
    if len(conv.get("messages", [])) > 1:  # something to save once the person has said something
        save_buttons(conv["id"])
        product_panel(conv)  # drafts go to the expert as suggestions (review area)
    chat_input(conv["id"])


def chat_input(conv_id: int) -> None:
    """The message field. A message over the limit is not sent, and not lost either: the limit is said and the
    text goes back into the field to shorten (the browser's own cap would silently refuse a long paste)."""
    limit = st.session_state.get("me", {}).get("max_message_chars", DEFAULT_MAX_CHARS)
    kept = st.session_state.pop("chat_kept", None)
    if kept:
        st.warning(tr("chat_too_long", n=len(kept.strip()), limit=limit), icon=":material/content_cut:")
        st.session_state["chat-input"] = kept  # shown in the field again
    prompt = st.chat_input(tr("chat_placeholder"), key="chat-input")
    if not prompt or not prompt.strip():
        return
    if len(prompt.strip()) > limit:
        st.session_state["chat_kept"] = prompt
        st.rerun()
    send(conv_id, prompt.strip())


if __name__ == "__main__":
    render()

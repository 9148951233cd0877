"""The ⋯ menu of the open conversation: rename it, or delete it after an explicit confirmation."""

from __future__ import annotations

import re
import zlib
from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, flash, safe_markdown, show_error, tr

PENDING = "conversation_pending_delete"  # which conversation's deletion awaits confirmation
CLOSE = "conversation_menu_close"  # close the menu on the next run (a widget's state cannot change after it is drawn)


def ident(conv: dict[str, Any]) -> str:
    """The conversation's id and creation time: SQLite can give a deleted conversation's id to the next one, and
    that one must not inherit the old menu's state (its name field, an open menu, a pending confirmation)."""
    created = re.sub(r"\D", "", str(conv.get("created_at", "")))
    return f"{conv['id']}-{created}"


def conversation_menu(conv: dict[str, Any], title: str) -> None:
    """A small popover with the rename form and the delete button (or its confirmation)."""
    key = f"conv-menu-{ident(conv)}"
    if st.session_state.pop(CLOSE, False):
        st.session_state[key] = False
    # on_change="rerun" lets the menu be closed through its state; its content is drawn open or not
    with st.popover("", icon=":material/more_horiz:", help=tr("conversation_menu"), key=key, on_change="rerun"):
        rename_form(conv, title)
        delete_control(conv, title)


def rename_form(conv: dict[str, Any], title: str) -> None:
    current = conv.get("title") or ""
    with st.form(f"rename-{ident(conv)}", border=False):  # the field is keyed on the title too, so it shows
        new_title = st.text_input(  # the newest title after a rename or once the first message titled it
            tr("rename_label"), value=current, max_chars=200, placeholder=title,
            key=f"rename-title-{ident(conv)}-{zlib.crc32(current.encode())}")
        submitted = st.form_submit_button(tr("rename_button"), icon=":material/edit:")
    if not submitted:
        return
    if not new_title.strip():
        st.warning(tr("title_required"))
        return
    try:
        renamed = api().rename_conversation(conv["id"], new_title.strip())
    except ApiError as err:
        show_error(err)
        return
    flash("success", tr("renamed", title=safe_markdown(renamed["title"])))
    st.session_state[CLOSE] = True
    st.rerun()


def delete_control(conv: dict[str, Any], title: str) -> None:
    """The delete button; once pressed, the question whether the person is sure, with yes and cancel."""
    conv_key = ident(conv)
    if st.session_state.get(PENDING) != conv_key:
        if st.button(tr("delete_conversation"), icon=":material/delete:", key=f"delete-conv-{conv_key}",
                     width="stretch"):
            st.session_state[PENDING] = conv_key
            st.rerun()
        return
    st.warning(tr("confirm_delete_conversation", title=safe_markdown(title)), icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button(tr("confirm_yes"), type="primary", icon=":material/delete_forever:", key=f"delete-yes-{conv_key}",
                  width="stretch"):
        try:
            api().delete_conversation(conv["id"])
        except ApiError as err:
            if err.status != 404:  # 404: it is gone already (deleted in another tab), which is what was asked
                show_error(err)
                return
        st.session_state.pop(PENDING, None)
        st.session_state.pop("conversation_id", None)  # so the chat page opens the most recent remaining one
        st.session_state[CLOSE] = True
        flash("success", tr("conversation_deleted", title=safe_markdown(title)))
        st.rerun()
    if no.button(tr("cancel"), key=f"delete-no-{conv_key}", width="stretch"):
        st.session_state.pop(PENDING, None)
        st.rerun()

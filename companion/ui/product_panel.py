"""The chat's product actions: draft an action plan, advice note, annual plan or learning goal, which only its
owner sees until they send it (preview, edit, choose what the expert sees)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, me, show_error, tr

KINDS = ("action_plan", "advice_note", "annual_plan", "learning_goal")
ICONS = {"action_plan": ":material/checklist:", "advice_note": ":material/description:",
         "annual_plan": ":material/calendar_month:", "learning_goal": ":material/flag:"}


def _draft(conv_id: int, kind: str, mode: str) -> None:
    with st.spinner(tr("rv_drafting")):
        try:
            made = api().request("POST", "/api/products", json={"conversation_id": conv_id, "kind": kind,
                                                                 "mode": mode})
        except ApiError as err:
            if err.status in (0, 401):
                show_error(err)
                return
            st.session_state["rv_failed"] = (conv_id, kind, error_text(err), err.status in (502, 503))
            return
    st.session_state.pop("rv_failed", None)
    st.session_state["rv_made"] = (conv_id, made)


def product_panel(conv: dict[str, Any]) -> None:
    """Buttons under the conversation; a draft is the owner's until sent, and never goes straight to the portfolio."""
    if me().get("role") != "professional":
        return
    conv_id = conv["id"]
    st.markdown(f"**{tr('rv_make_title')}**", help=tr("rv_make_help"))
    columns = st.columns(2) + st.columns(2)  # two rows: the Dutch labels are long
    for column, kind in zip(columns, KINDS, strict=True):
        if column.button(tr(f"rv_make_{kind}"), icon=ICONS[kind], key=f"make-{kind}", width="stretch"):
            _draft(conv_id, kind, "auto")
    failed = st.session_state.get("rv_failed")
    if failed and failed[0] == conv_id:
        st.warning(tr("rv_draft_failed", detail=failed[2]), icon=":material/error:")
        if failed[3] and st.button(tr("rv_try_offline"), icon=":material/cloud_off:", key="make-offline"):
            _draft(conv_id, failed[1], "offline")
            st.rerun()
    made = st.session_state.get("rv_made")
    if made and made[0] == conv_id:
        try:  # fetched again: it may have been edited, sent or thrown away since
            s = api().request("GET", f"/api/suggestions/{made[1]['id']}")
        except ApiError:
            st.session_state.pop("rv_made", None)
            return
        if s["status"] != "draft":
            st.session_state.pop("rv_made", None)
            return
        st.success(tr("rv_drafted", product=tr(f"rv_kind_{s['kind']}").lower()), icon=":material/edit_note:")
        from companion.ui.draft_actions import draft_actions
        from companion.ui.suggestion_view import suggestion_card

        suggestion_card(s, key="chat-made", expanded=True,
                        actions=lambda: draft_actions(s, key="chat-made", messages=conv.get("messages")))
        st.page_link("companion/ui/suggestions.py", label=tr("rv_go_suggestions"), icon=":material/lightbulb:")

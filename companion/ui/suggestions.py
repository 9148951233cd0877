"""Voorstellen: the professional's drafts with their status: edit, send (choosing what the expert sees), withdraw
or throw away; the expert's comment, history and downloads."""

from __future__ import annotations

import streamlit as st

from companion.ui.common import api, tr
from companion.ui.draft_actions import draft_actions
from companion.ui.suggestion_view import suggestion_card

STATUSES = ("all", "draft", "pending", "approved", "rejected")


def render() -> None:
    st.title(tr("page_suggestions"))
    st.caption(tr("rv_mine_intro"))
    status = st.segmented_control(tr("rv_filter"), STATUSES, default="all", key="rv-filter",
                                  format_func=lambda s: tr("rv_filter_all") if s == "all" else tr(f"rv_status_{s}"))
    params = {"status": status} if status and status != "all" else {}
    mine = api().request("GET", "/api/suggestions", params=params)
    if not mine:
        st.info(tr("rv_none_mine"), icon=":material/lightbulb:")
        return
    for s in mine:
        key = f"mine-{s['id']}"
        # an account is withdrawn here, but edited and sent again on Verantwoording
        act = s["kind"] != "account" or s["status"] == "pending"
        suggestion_card(s, key=key, audit=True, actions=(lambda s=s, key=key: draft_actions(s, key)) if act else None)


if __name__ == "__main__":
    render()

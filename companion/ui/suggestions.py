"""Voorstellen: the professional's AI drafts with their status, the expert's comment, history and downloads."""

from __future__ import annotations

import streamlit as st

from companion.ui.common import api, tr
from companion.ui.suggestion_view import suggestion_card

STATUSES = ("all", "pending", "approved", "rejected")


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
        suggestion_card(s, key=f"mine-{s['id']}", audit=True)


if __name__ == "__main__":
    render()

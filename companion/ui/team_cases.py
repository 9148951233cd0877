"""Cases in the session room: a case as the team sees it (shared from one's own work, votes, taking it back), and
bringing one in, typed now or as an explicit share of one's own situation or portfolio item."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, safe_markdown, show_error, tr


def act(method: str, path: str, **kwargs) -> Any:
    """A call that changes the session, then the whole page again; a refusal is said (False)."""
    try:
        out = api().request(method, path, **kwargs)
    except ApiError as err:
        show_error(err) if err.status in (0, 401) else st.error(error_text(err))
        return False
    st.rerun()
    return out


def case_card(case: dict[str, Any], view: dict[str, Any], voting: bool = False) -> None:
    with st.container(border=True):
        badges = []
        if case.get("shared_from_own_work"):
            badges.append(f":violet-badge[:material/share: {tr('tm_shared_badge')}]")
        if case.get("mine"):
            badges.append(f":green-badge[{tr('tm_your_case')}]")
        if voting or view["phase"] == "choose":
            votes = case.get("votes", 0)
            badges.append(f":gray-badge[{tr('tm_votes_one') if votes == 1 else tr('tm_votes', n=votes)}]")
        st.markdown(f"**{safe_markdown(case['title'])}** · {safe_markdown(case['owner_name'])}  \n" + " ".join(badges))
        st.markdown(safe_markdown(case["text"]))
        sid = view["id"]
        if voting:
            if view["my_vote"] == case["id"]:
                st.caption(f":material/how_to_vote: {tr('tm_voted')}")
            elif st.button(tr("tm_vote"), key=f"tm-vote-{sid}-{case['id']}", icon=":material/how_to_vote:"):
                act("POST", f"/api/team-sessions/{sid}/votes", json={"case_id": case["id"]})
        if case.get("revocable") and st.button(tr("tm_withdraw"), key=f"tm-withdraw-{sid}-{case['id']}",
                                               icon=":material/undo:"):
            if act("DELETE", f"/api/team-sessions/{sid}/cases/{case['id']}") is not False:
                flash("success", tr("tm_withdrawn"))


def bring_case(view: dict[str, Any]) -> None:
    """A case typed now, or an explicit share of one's own situation or portfolio item (copied, revocable)."""
    sid = view["id"]
    with st.expander(tr("tm_bring_header"), icon=":material/add_comment:", expanded=not view["cases"]):
        new, situation, entry = st.tabs([tr("tm_bring_new"), tr("tm_bring_situation"), tr("tm_bring_entry")])
        with new, st.form(f"tm-case-new-{sid}", clear_on_submit=True, border=False):
            title = st.text_input(tr("tm_case_title"), max_chars=200)
            text = st.text_area(tr("tm_case_text"), placeholder=tr("tm_case_text_placeholder"), max_chars=4000)
            if st.form_submit_button(tr("tm_bring_button"), type="primary"):
                _bring(sid, {"title": title, "text": text})
        for tab, source, path, label in ((situation, "situation", "/api/situations", "tm_pick_situation"),
                                         (entry, "entry", "/api/portfolio", "tm_pick_entry")):
            with tab:
                _share_own(sid, source, path, label)


def _share_own(sid: int, source: str, path: str, label: str) -> None:
    items = {i["id"]: i for i in api().request("GET", path)}
    if not items:
        st.caption(tr("tm_none_to_share"))
        return
    with st.form(f"tm-case-{source}-{sid}", border=False):
        chosen = st.selectbox(tr(label), list(items), format_func=lambda i: items[i]["title"])
        consent = st.checkbox(tr("tm_share_consent"))
        if st.form_submit_button(tr("tm_bring_button"), type="primary"):
            if not consent:
                st.warning(tr("tm_share_consent_missing"))
                return
            _bring(sid, {"source": source, "source_id": chosen})


def _bring(sid: int, body: dict[str, Any]) -> None:
    try:
        api().request("POST", f"/api/team-sessions/{sid}/cases", json=body)
    except ApiError as err:
        st.error(error_text(err)) if err.status not in (0, 401) else show_error(err)
        return
    flash("success", tr("tm_case_brought"))
    st.rerun()

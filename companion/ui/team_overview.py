"""The expert's overview of a team they coach: where each session stands, what is planned in the trajectory, the
follow-up agreements still open, and who takes part (counts only: the sessions themselves are one click away)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from companion.ui.common import api, call, flash, fmt_date, lang, safe_markdown, tr
from companion.ui.team_room import local_time


def _sessions(rows: list[dict[str, Any]], methods: dict[str, str]) -> None:
    st.markdown(f"**{tr('tm_ov_sessions')}**")
    if not rows:
        st.caption(tr("tm_ov_none"))
        return
    frame = pd.DataFrame([{tr("tm_ov_col_title"): r["title"], tr("tm_ov_col_method"): methods.get(r["method"],
                                                                                                  r["method"]),
                           tr("tm_ov_col_phase"): r["phase_label"],
                           tr("tm_ov_col_deadline"): local_time(r["phase_deadline"]) if not r["finished_at"] else "",
                           tr("tm_ov_col_finished"): fmt_date(r["finished_at"])} for r in rows])
    st.dataframe(frame, hide_index=True, width="stretch")


def _participation(rows: list[dict[str, Any]]) -> None:
    st.markdown(f"**{tr('tm_ov_participation')}**")
    if not rows:
        st.caption(tr("tm_ov_none"))
        return
    frame = pd.DataFrame([{tr("tm_ov_col_name"): r["name"], tr("tm_ov_col_contributions"): r["contributions"],
                           tr("tm_ov_col_share"): r["share"]} for r in rows])
    st.dataframe(frame, hide_index=True, width="stretch", column_config={
        tr("tm_ov_col_share"): st.column_config.ProgressColumn(tr("tm_ov_col_share"), min_value=0.0, max_value=1.0,
                                                               format="percent")})


def _planned(team_id: int, rows: list[dict[str, Any]], methods: dict[str, str]) -> None:
    """The trajectory's schedule for this team: what is planned when, and whether it started; one not yet started
    the expert starts from here (it then holds that planned session)."""
    st.markdown(f"**{tr('tm_ov_planned')}**")
    if not rows:
        st.caption(tr("tm_ov_planned_none"))
        return
    for p in rows:
        state = tr("tm_ov_planned_started") if p["started"] else tr("tm_ov_planned_open")
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.markdown(f"{fmt_date(p['planned_on'])} · **{safe_markdown(p['title'])}** "
                      f"({methods.get(p['method'], p['method'])}) · {state}")
        if not p["started"] and right.button(tr("tm_ov_start_planned"), key=f"tm-ov-start-{team_id}-{p['id']}",
                                             icon=":material/play_arrow:"):
            body = {"title": p["title"], "method": p["method"], "language": lang(), "schedule_id": p["id"]}
            made = call("POST", f"/api/teams/{team_id}/sessions", json=body)
            if made is not None:
                flash("success", tr("tm_started", title=made["title"]))
                st.query_params["session"] = str(made["id"])
                st.rerun()


def render(team_id: int, methods: dict[str, str]) -> None:
    ov = api().request("GET", f"/api/teams/{team_id}/overview")
    st.caption(tr("tm_ov_intro"))
    _sessions(ov["sessions"], methods)
    _planned(team_id, ov["planned"], methods)
    st.markdown(f"**{tr('tm_ov_agreements')}**")
    if not ov["open_agreements"]:
        st.caption(tr("tm_ov_no_agreements"))
    for a in ov["open_agreements"]:
        with st.container(border=True):
            st.markdown(f"**{safe_markdown(a['title'])}** · {tr('tm_ov_since', date=fmt_date(a['since']))}")
            st.markdown(safe_markdown(a["agreement"]))
    _participation(ov["participation"])

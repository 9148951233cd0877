"""The admin's view of one trajectory: its schedule of sessions (and planning one), and per team only totals, with
the figures of a team under k members hidden as 'te klein' (the API suppresses them; this page says why)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from companion.ui.common import api, call, fmt_date, lang, safe_markdown, tr

DEFAULT_METHOD = "incident"
FIGURES = (("members", "tr_col_members"), ("sessions", "tr_col_sessions"), ("finished", "tr_col_finished"),
           ("open_agreements", "tr_col_open"))


@st.cache_data(ttl=600, show_spinner=False)
def methods(language: str, token: str | None) -> list[dict[str, Any]]:
    """The methods' names in the UI's language (team.py is a page script: importing it would draw that page)."""
    return api().request("GET", "/api/team-methods")


def _schedule(trajectory: dict[str, Any], names: dict[str, str]) -> None:
    st.markdown(f"**{tr('tr_schedule')}**")
    planned = call("GET", f"/api/trajectories/{trajectory['id']}/schedule") or []
    if not planned:
        st.caption(tr("tr_schedule_none"))
    for p in planned:
        st.markdown(f"- {fmt_date(p['planned_on'])} · {safe_markdown(p['title'])} "
                    f"({names.get(p['method'], p['method'])})")
    with st.expander(tr("tr_plan"), icon=":material/event:"), \
            st.form(f"tr-plan-{trajectory['id']}", clear_on_submit=True, border=False):
        title = st.text_input(tr("tr_plan_title"), placeholder=tr("tr_plan_title_placeholder"), max_chars=200)
        left, right = st.columns(2)
        ids = list(names)
        method = left.selectbox(tr("tr_plan_method"), ids, format_func=lambda m: names[m],
                                index=ids.index(DEFAULT_METHOD) if DEFAULT_METHOD in ids else 0)
        starts = date.fromisoformat(trajectory["starts_on"])
        on = right.date_input(tr("tr_plan_on"), value=max(starts, date.today()), min_value=starts,
                              max_value=date.fromisoformat(trajectory["ends_on"]) if trajectory.get("ends_on")
                              else None, format="DD-MM-YYYY")
        if not st.form_submit_button(tr("tr_plan_button"), type="primary"):
            return
    body = {"title": title.strip() or names.get(method, method), "method": method, "planned_on": on.isoformat()}
    made = call("POST", f"/api/trajectories/{trajectory['id']}/schedule", json=body)
    if made is not None:
        st.session_state["kb-flash"] = tr("tr_planned", title=made["title"], date=fmt_date(made["planned_on"]))
        st.rerun()


def _cell(team: dict[str, Any], key: str) -> Any:
    """A figure, or why it is hidden ('te klein'): a small team is listed, never counted."""
    if team["suppressed"]:
        return tr(f"tr_short_{team['suppressed']}")
    if key == "members_contributing":
        return f"{round(100 * (team[key] or 0))}%"
    return team[key]


def teams_table(trajectory_id: int) -> None:
    ov = call("GET", f"/api/trajectories/{trajectory_id}/team-overview")
    if ov is None:
        return
    st.markdown(f"**{tr('tr_teams')}**")
    st.caption(tr("tr_teams_intro", k=ov["k"]))
    if not ov["teams"]:
        st.info(tr("tr_no_teams"))
        return
    rows = [{tr("tr_col_team"): t["team_name"],
             **{tr(label): _cell(t, key) for key, label in FIGURES},
             tr("tr_col_contributing"): _cell(t, "members_contributing")} for t in ov["teams"]]
    # every column as text: a hidden figure is a word, and one column must not mix numbers and words
    st.dataframe(pd.DataFrame(rows).astype(str), hide_index=True, width="stretch")
    st.caption(tr("tr_legend", k=ov["k"], planned=ov["planned"]))


def render(trajectories: list[dict[str, Any]]) -> None:
    """The chosen trajectory's schedule and its per-team totals."""
    if not trajectories:
        return
    st.subheader(tr("tr_header"))
    by_id = {t["id"]: t for t in trajectories}
    chosen = st.selectbox(tr("tr_choose"), list(by_id), format_func=lambda i: by_id[i]["name"], key="tr-overview")
    names = {m["id"]: m["name"] for m in methods(lang(), st.session_state.get("token"))}
    _schedule(by_id[chosen], names)
    teams_table(chosen)

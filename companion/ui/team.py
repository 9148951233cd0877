"""Team: the team's intervisie sessions (running and finished), starting one, the session room (?session=<id>), the
team portfolio, and for the team's expert the overview of where everything stands."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui import team_overview, team_room
from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, fmt_date, lang, safe_markdown, show_error, show_flash, tr
from companion.ui.team_products import portfolio

DEFAULT_METHOD = "incident"  # the incidentmethode: the one most teams know
# time per phase: (text key, minutes); a live session has minutes, a spread-out one days
TIMES = {"live": ((None, 0), ("tm_time_minutes", 10), ("tm_time_minutes", 15), ("tm_time_minutes", 30)),
         "async": (("tm_time_day", 1440), ("tm_time_days", 2880), ("tm_time_week", 10080), (None, 0))}


@st.cache_data(ttl=600, show_spinner=False)
def methods(language: str, token: str | None) -> list[dict[str, Any]]:
    """The methods with their phases, in the UI's language (from the API)."""
    return api().request("GET", "/api/team-methods")


def _time_label(option: tuple[str | None, int]) -> str:
    key, minutes = option
    if key is None:
        return tr("tm_time_none")
    return tr(key, n=minutes if key == "tm_time_minutes" else minutes // 1440)


def open_session(sid: int) -> None:
    st.query_params["session"] = str(sid)
    st.rerun()


def session_row(row: dict[str, Any], names: dict[str, str]) -> None:
    with st.container(border=True):
        text, button = st.columns([5, 1], vertical_alignment="center")
        badges = [f":blue-badge[{tr('tm_phase_now', phase=row['phase_label'])}]"]
        if row["new_since_last_visit"]:
            badges.append(f":green-badge[{tr('tm_new_count', n=row['new_since_last_visit'])}]")
        if row["asked_of_me"]:
            what = ", ".join(team_room.kind_label(k).lower() for k in row["asked_of_me"])
            badges.append(f":orange-badge[:material/priority_high: {tr('tm_waits_for_you', what=what)}]")
        lines = [f"**{safe_markdown(row['title'])}** · {names.get(row['method'], row['method'])}", " ".join(badges)]
        if row["case_title"]:
            lines.append(tr("tm_case_line", title=safe_markdown(row["case_title"])))
        if row["finished_at"]:
            lines.append(tr("tm_finished_on", date=fmt_date(row["finished_at"])))
            if row["agreement"]:
                lines.append(tr("tm_agreement_line", text=safe_markdown(row["agreement"])))
        elif row["phase_deadline"]:
            lines.append(f":material/timer: {team_room.local_time(row['phase_deadline'])}")
        text.markdown("  \n".join(lines))
        if button.button(tr("tm_open"), key=f"tm-open-{row['id']}", icon=":material/meeting_room:", width="stretch"):
            open_session(row["id"])


def start_form(team_id: int, catalogue: list[dict[str, Any]]) -> None:
    with st.expander(tr("tm_start_header"), icon=":material/add:"):
        by_id = {m["id"]: m for m in catalogue}
        ids = list(by_id)
        method = st.selectbox(tr("tm_start_method"), ids, format_func=lambda m: by_id[m]["name"],
                              index=ids.index(DEFAULT_METHOD) if DEFAULT_METHOD in ids else 0,
                              key=f"tm-start-method-{team_id}")
        st.caption(safe_markdown(by_id[method]["summary"]))
        mode = st.radio(tr("tm_start_mode"), ("live", "async"), horizontal=True, key=f"tm-start-mode-{team_id}",
                        index=1 if by_id[method]["asynchronous"] else 0,
                        format_func=lambda m: tr(f"tm_mode_{m}"))
        with st.form(f"tm-start-{team_id}", border=False):
            title = st.text_input(tr("tm_start_title"), placeholder=tr("tm_start_title_placeholder"), max_chars=200)
            time = st.selectbox(tr("tm_start_time"), TIMES[mode], format_func=_time_label)
            started = st.form_submit_button(tr("tm_start_button"), type="primary", icon=":material/play_arrow:")
        if not started:
            return
        phases = [p["id"] for p in by_id[method]["phases"] if p["id"] not in ("cases", "closed")]
        body = {"title": title or by_id[method]["name"], "method": method, "mode": mode, "language": lang(),
                "deadlines": {p: time[1] for p in phases} if time[1] else {}}
        try:
            made = api().request("POST", f"/api/teams/{team_id}/sessions", json=body)
        except ApiError as err:
            show_error(err) if err.status in (0, 401) else st.error(error_text(err))
            return
        flash("success", tr("tm_started", title=made["title"]))
        open_session(made["id"])


def sessions_tab(team: dict[str, Any], catalogue: list[dict[str, Any]]) -> None:
    names = {m["id"]: m["name"] for m in catalogue}
    rows = api().request("GET", f"/api/teams/{team['id']}/sessions")
    running = [r for r in rows if not r["finished_at"]]
    finished = [r for r in rows if r["finished_at"]]
    st.subheader(tr("tm_running"), anchor=False)
    if not running:
        st.caption(tr("tm_none_running"))
    for row in running:
        session_row(row, names)
    start_form(team["id"], catalogue)
    st.subheader(tr("tm_finished"), anchor=False)
    if not finished:
        st.caption(tr("tm_none_finished"))
    for row in finished:
        session_row(row, names)


def team_view(team: dict[str, Any]) -> None:
    catalogue = methods(lang(), st.session_state.get("token"))
    st.caption(tr("tm_members", names=", ".join(m["name"] for m in team["members"])) + "  \n" +
               tr("tm_experts", names=", ".join(e["name"] for e in team["experts"]) or "—"))
    tabs = [tr("tm_tab_sessions"), tr("tm_tab_portfolio")]
    if team["role"] == "expert":
        tabs.append(tr("tm_tab_overview"))
    shown = st.tabs(tabs)
    with shown[0]:
        sessions_tab(team, catalogue)
    with shown[1]:
        portfolio(team["id"], member=team["role"] == "member")
    if team["role"] == "expert":
        with shown[2]:
            team_overview.render(team["id"], {m["id"]: m["name"] for m in catalogue})


def main() -> None:
    show_flash()
    opened = st.query_params.get("session")
    if opened and opened.isdigit():
        if st.session_state.get("tm-visiting") != opened:  # a new visit (from a list, a link, Mijn week) ...
            team_room.rooms().pop(int(opened), None)  # ... measures "since your last visit" again
            st.session_state["tm-visiting"] = opened
        if st.button(tr("tm_back"), icon=":material/arrow_back:", key="tm-back"):
            st.query_params.pop("session", None)
            st.session_state.pop("tm-visiting", None)
            st.rerun()
        team_room.render(int(opened))
        return
    st.title(tr("page_team"), anchor=False)
    st.caption(tr("tm_intro"))
    try:
        teams = api().request("GET", "/api/teams/mine")
    except ApiError as err:
        show_error(err)
        return
    if not teams:
        st.info(tr("tm_no_team"), icon=":material/groups:")
        return
    if len(teams) > 1:
        by_id = {t["id"]: t for t in teams}
        chosen = st.selectbox(tr("tm_choose_team"), list(by_id), format_func=lambda i: by_id[i]["name"],
                              key="tm-team")
        team_view(by_id[chosen])
    else:
        st.subheader(teams[0]["name"], anchor=False)
        team_view(teams[0])


main()

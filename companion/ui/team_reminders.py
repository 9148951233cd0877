"""In Mijn week: the team sessions that wait for me (an open phase where I have not contributed yet), with their
deadline and a link to the room."""

from __future__ import annotations

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, safe_markdown, tr
from companion.ui.team_room import kind_label, local_time

TEAM_PAGE = "companion/ui/team.py"


def team_reminders() -> None:
    """Nothing when no session waits for me; the API says what each one waits for (`asked_of_me`)."""
    try:
        teams = api().request("GET", "/api/teams/mine")
    except ApiError:
        return  # a reminder, not the week itself: the page goes on without it
    waiting = [row for team in teams for row in team["open_sessions"] if row["asked_of_me"]]
    if not waiting:
        return
    with st.container(border=True):
        st.markdown(f"**:material/groups: {tr('tm_week_header')}**")
        for row in waiting:
            what = ", ".join(kind_label(k).lower() for k in row["asked_of_me"])
            line = tr("tm_week_item", title=safe_markdown(row["title"]), phase=row["phase_label"], what=what)
            if row["phase_deadline"]:
                line += f" · {tr('tm_week_deadline', at=local_time(row['phase_deadline']))}"
            st.markdown(line)
            st.page_link(TEAM_PAGE, label=tr("tm_week_open"), icon=":material/meeting_room:",
                         query_params={"session": str(row["id"])})

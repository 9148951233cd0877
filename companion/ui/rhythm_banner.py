"""The in-app reminder of the weekly rhythm, shown on the week page and the chat page."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, me, tr

WEEK_PAGE = "companion/ui/week.py"


def show_reminder(week: dict[str, Any] | None = None, *, link: bool = True) -> None:
    """One friendly nudge for the current week (professionals only); silent when there is nothing to say."""
    if me().get("role") != "professional":
        return
    if week is None:
        try:
            week = api().request("GET", "/api/weeks/current")
        except ApiError:
            return  # a reminder is never worth an error message
    code = week.get("reminder")
    if not code:
        return
    box = st.success if code == "welcome_back" else st.info
    icon = ":material/waving_hand:" if code == "welcome_back" else ":material/event_upcoming:"
    box(tr(f"week_reminder_{code}"), icon=icon)
    if link:
        st.page_link(WEEK_PAGE, label=tr("week_go_to_week"), icon=":material/calendar_month:")

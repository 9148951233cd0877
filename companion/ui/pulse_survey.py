"""The pulse survey as a small panel (shown on the week page when it is due): three questions, 1-5, a comment."""

from __future__ import annotations

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, me, tr

QUESTIONS = ("satisfaction", "applied", "fits_week")


def survey_panel() -> None:
    """Ask the survey when it is open for the caller; nothing at all otherwise."""
    if me().get("role") != "professional":
        return
    try:
        now = api().request("GET", "/api/surveys/current")
    except ApiError:
        return  # the survey is a courtesy: a failure here must not break the page it sits on
    if st.session_state.get("survey_thanks"):
        st.success(tr("survey_thanks"))
        st.session_state.pop("survey_thanks")
    if not now.get("due"):
        return
    with st.expander(tr("survey_header"), icon=":material/mood:", expanded=True):
        st.caption(tr("survey_caption"))
        with st.form("pulse-survey"):
            scores = {q: st.radio(tr(f"survey_q_{q}"), [1, 2, 3, 4, 5], index=None, horizontal=True,
                                  format_func=lambda v: tr(f"survey_scale_{v}"), key=f"survey-{q}")
                      for q in QUESTIONS}
            comment = st.text_area(tr("survey_comment"), max_chars=2000, key="survey-comment")
            st.caption(tr("survey_privacy"))
            sent = st.form_submit_button(tr("survey_send"), type="primary")
        if not sent:
            return
        if any(v is None for v in scores.values()):
            st.warning(tr("survey_incomplete"))
            return
        try:
            api().request("POST", "/api/surveys/responses", json={**scores, "comment": comment})
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err))
            return
        st.session_state["survey_thanks"] = True
        st.rerun()

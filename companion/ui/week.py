"""Mijn week: quick capture, the week plan, the guided weekly reflection, calendar and earlier weeks."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, flash, fmt_date, lang, safe_markdown, show_error, tr
from companion.ui.pulse_survey import survey_panel
from companion.ui.rhythm_banner import show_reminder
from companion.ui.team_reminders import team_reminders

CHAT_PAGE = "companion/ui/chat.py"
OUTCOMES = ("tried", "partly", "not_tried")
QUESTIONS = ("outcome", "happened", "learned", "next")
TIMEZONES = ("Europe/Amsterdam", "Europe/Brussels", "Europe/London", "Europe/Berlin", "Europe/Paris",
             "America/Curacao", "America/Paramaribo", "UTC")


def _day(value: str) -> str:
    return fmt_date(value) if value else ""


def capture_form() -> None:
    """One text field and one button: usable in under a minute on a phone."""
    st.subheader(tr("capture_header"))
    with st.form("quick-capture", clear_on_submit=True, border=False):
        text = st.text_area(tr("capture_label"), placeholder=tr("capture_placeholder"), height=90, max_chars=2000,
                            key="capture_text")
        sent = st.form_submit_button(tr("capture_button"), type="primary", icon=":material/bolt:", width="stretch")
    if sent and text.strip():
        try:
            api().request("POST", "/api/weeks/current/captures", json={"text": text})
        except ApiError as err:
            show_error(err)
            return
        flash("success", tr("capture_saved"))
        st.rerun()


def plan_section(week: dict[str, Any]) -> None:
    st.subheader(tr("plan_header"))
    editing = st.session_state.get("plan_editing") == week["key"]
    if week["planned_at"] and not editing:
        st.markdown(f"**{tr('plan_focus')}**")
        st.markdown(safe_markdown(week["focus"]))
        st.markdown(f"**{tr('plan_experiment')}**")
        st.markdown(safe_markdown(week["experiment"]))
        if week["can_plan"] and st.button(tr("plan_edit"), icon=":material/edit:", key="plan-edit"):
            st.session_state["plan_editing"] = week["key"]
            st.rerun()
        return
    if not week["can_plan"]:
        st.caption(tr("plan_closed"))
        return
    proposal = st.session_state.get(f"llm-plan-{week['key']}") or week.get("suggestion") or {}
    focus = week["focus"] if editing else proposal.get("focus", "")
    experiment = week["experiment"] if editing else proposal.get("experiment", "")
    if not editing and proposal:
        source = "plan_source_llm" if proposal.get("source") == "llm" else \
            f"plan_based_on_{(proposal.get('based_on') or ['fresh'])[0]}"
        st.caption(tr(source))
    with st.form(f"plan-{week['key']}", border=False):
        focus = st.text_area(tr("plan_focus"), focus, height=70, max_chars=1000)
        experiment = st.text_area(tr("plan_experiment"), experiment, height=90, max_chars=1000)
        saved = st.form_submit_button(tr("plan_save"), type="primary", icon=":material/flag:", width="stretch")
    if saved:
        unchanged = not editing and proposal and focus.strip() == proposal.get("focus") and \
            experiment.strip() == proposal.get("experiment")
        source = proposal.get("source", "manual") if unchanged else "manual"
        try:
            api().request("PUT", f"/api/weeks/{week['key']}/plan",
                          json={"focus": focus, "experiment": experiment, "source": source})
        except ApiError as err:
            show_error(err)
            return
        st.session_state.pop("plan_editing", None)
        flash("success", tr("plan_saved"))
        st.rerun()
    if not editing and (st.session_state.get("me") or {}).get("mode", "offline") != "offline":
        if st.button(tr("plan_llm"), icon=":material/auto_awesome:", key="plan-llm"):
            try:
                st.session_state[f"llm-plan-{week['key']}"] = api().request("POST",
                                                                            f"/api/weeks/{week['key']}/prepare")
            except ApiError as err:
                show_error(err)
                return
            st.rerun()


def captures_section(week: dict[str, Any]) -> None:
    st.subheader(tr("captures_header"))
    if not week["captures"]:
        st.caption(tr("captures_none"))
    for c in week["captures"]:
        with st.container(border=True):
            st.caption(_day(c["created_at"]))
            st.markdown(safe_markdown(c["text"]))
            if st.button(tr("capture_discuss"), key=f"discuss-{c['id']}", icon=":material/forum:"):
                discuss(c["text"])


def discuss(text: str) -> None:
    """Open a new conversation that starts from this capture (the reflective chat takes it from there)."""
    try:
        conv = api().new_conversation(language=lang())
        api().request("POST", f"/api/conversations/{conv['id']}/messages", json={"content": text})
    except ApiError as err:
        show_error(err)
        return
    st.session_state["conversation_id"] = conv["id"]
    st.switch_page(CHAT_PAGE)


def _question(step: str, week: dict[str, Any], answers: dict[str, Any], prefix: str) -> None:
    if step == "outcome":
        label = tr("reflect_q_outcome", experiment=safe_markdown(week["experiment"])) if week["experiment"] else \
            tr("reflect_q_outcome_none")
        current = answers.get("experiment_outcome")
        answers["experiment_outcome"] = st.radio(label, OUTCOMES, format_func=lambda o: tr(f"outcome_{o}"),
                                                 index=OUTCOMES.index(current) if current in OUTCOMES else None,
                                                 key=f"{prefix}-outcome")
    else:
        field = {"happened": "happened", "learned": "learned", "next": "next_step"}[step]
        answers[field] = st.text_area(tr(f"reflect_q_{step}"), answers.get(field, ""), height=110, max_chars=4000,
                                      key=f"{prefix}-{step}")


def reflection_wizard(week: dict[str, Any]) -> None:
    """The weekly reflection: four questions, one at a time."""
    prefix = f"reflect-{week['key']}"
    state = st.session_state.setdefault(prefix, {"step": 0, "answers": {}})
    step = state["step"]
    st.caption(tr("reflect_intro"))
    st.progress((step + 1) / len(QUESTIONS), text=tr("reflect_step", n=step + 1, total=len(QUESTIONS)))
    _question(QUESTIONS[step], week, state["answers"], prefix)
    back, forward = st.columns(2)
    if step > 0 and back.button(tr("reflect_back"), key=f"{prefix}-back", width="stretch"):
        state["step"] -= 1
        st.rerun()
    last = step == len(QUESTIONS) - 1
    if forward.button(tr("reflect_finish") if last else tr("reflect_next"), key=f"{prefix}-fwd",
                      type="primary" if last else "secondary", width="stretch"):
        if not last:
            state["step"] += 1
            st.rerun()
        try:
            api().request("PUT", f"/api/weeks/{week['key']}/reflection", json=state["answers"])
        except ApiError as err:
            show_error(err)
            return
        st.session_state.pop(prefix, None)
        flash("success", tr("reflect_saved"))
        st.rerun()


def reflection_done(week: dict[str, Any]) -> None:
    st.caption(tr("reflect_done", date=_day(week["reflected_at"])))
    if week["experiment_outcome"]:
        st.markdown(f"**{tr('reflect_answer_outcome')}:** {tr('outcome_' + week['experiment_outcome'])}")
    for field, label in (("happened", "reflect_answer_happened"), ("learned", "reflect_answer_learned"),
                         ("next_step", "reflect_answer_next")):
        if week[field]:
            st.markdown(f"**{tr(label)}**")
            st.markdown(safe_markdown(week[field]))
    nxt = week.get("next_suggestion")
    if nxt:
        with st.container(border=True):
            st.markdown(f"**{tr('next_week_header', key=nxt['key'])}**")
            st.caption(tr(f"plan_based_on_{nxt['based_on'][0]}"))
            st.markdown(f"**{tr('plan_focus_short')}:** {safe_markdown(nxt['focus'])}")
            st.markdown(f"**{tr('plan_experiment_short')}:** {safe_markdown(nxt['experiment'])}")
            if st.button(tr("next_week_accept"), icon=":material/event_available:", key="accept-next"):
                try:
                    api().request("PUT", f"/api/weeks/{nxt['key']}/plan",
                                  json={"focus": nxt["focus"], "experiment": nxt["experiment"], "source": "template"})
                except ApiError as err:
                    show_error(err)
                    return
                flash("success", tr("next_week_saved"))
                st.rerun()


def reflection_section(week: dict[str, Any]) -> None:
    st.subheader(tr("reflect_header"))
    target = week
    if week["reminder"] == "reflect_previous":
        target = api().request("GET", f"/api/weeks/{week['previous_key']}")
        st.info(tr("reflect_for_previous", key=target["key"]))
    if target["reflected_at"]:
        reflection_done(target)
    elif target["can_reflect"]:
        reflection_wizard(target)


def calendar_section() -> None:
    st.subheader(tr("calendar_header"))
    prefs = api().request("GET", "/api/weeks/settings")
    st.caption(tr("calendar_intro", plan_day=tr(f"weekday_{prefs['plan_weekday']}"), plan_time=prefs["plan_time"],
                  reflect_day=tr(f"weekday_{prefs['reflect_weekday']}"), reflect_time=prefs["reflect_time"]))
    try:
        ics = api().download("/api/weeks/calendar.ics")
        st.download_button(tr("calendar_download"), ics, file_name="weekritme.ics", mime="text/calendar",
                           icon=":material/event:", key="ics-download")
    except ApiError as err:
        show_error(err)
    link = st.session_state.get("calendar_link")
    if link:
        st.caption(tr("calendar_link_shown"))
        st.code(link, language=None)
    elif prefs["calendar_feed_active"]:
        st.caption(tr("calendar_link_active"))
    make, revoke = st.columns(2)
    if make.button(tr("calendar_link_make"), icon=":material/link:", key="ics-link", width="stretch"):
        st.session_state["calendar_link"] = api().request("POST", "/api/weeks/calendar/link")["url"]
        st.rerun()
    if (prefs["calendar_feed_active"] or link) and revoke.button(tr("calendar_link_revoke"), key="ics-revoke",
                                                                  icon=":material/link_off:", width="stretch"):
        api().request("DELETE", "/api/weeks/calendar/link")
        st.session_state.pop("calendar_link", None)
        flash("success", tr("calendar_link_revoked"))
        st.rerun()
    settings_form(prefs)


def settings_form(prefs: dict[str, Any]) -> None:
    days = list(range(7))
    with st.expander(tr("rhythm_settings"), icon=":material/schedule:"), st.form("rhythm-settings", border=False):
        plan_day = st.selectbox(tr("rhythm_plan_day"), days, index=prefs["plan_weekday"],
                                format_func=lambda d: tr(f"weekday_{d}"))
        plan_time = st.text_input(tr("rhythm_plan_time"), prefs["plan_time"], max_chars=5)
        reflect_day = st.selectbox(tr("rhythm_reflect_day"), days, index=prefs["reflect_weekday"],
                                   format_func=lambda d: tr(f"weekday_{d}"))
        reflect_time = st.text_input(tr("rhythm_reflect_time"), prefs["reflect_time"], max_chars=5)
        zones = TIMEZONES if prefs["timezone"] in TIMEZONES else (prefs["timezone"], *TIMEZONES)
        zone = st.selectbox(tr("rhythm_timezone"), zones, index=zones.index(prefs["timezone"]))
        if st.form_submit_button(tr("save"), type="primary"):
            try:
                api().request("PATCH", "/api/weeks/settings", json={
                    "plan_weekday": plan_day, "plan_time": plan_time, "reflect_weekday": reflect_day,
                    "reflect_time": reflect_time, "timezone": zone})
            except ApiError as err:
                show_error(err)
                return
            flash("success", tr("rhythm_saved"))
            st.rerun()


def history_section() -> None:
    st.subheader(tr("history_header"))
    weeks = [w for w in api().request("GET", "/api/weeks/history") if w["key"] != st.session_state.get("_week_key")]
    if not weeks:
        st.caption(tr("history_none"))
    for w in weeks:
        mark = tr("history_reflected") if w["status"] == "reflected" else tr("history_open")
        focus = f" · {w['focus']}" if w["focus"] else ""
        st.markdown(safe_markdown(f"**{w['key']}** ({mark}){focus}"))


def main() -> None:
    try:
        week = api().request("GET", "/api/weeks/current")
    except ApiError as err:
        show_error(err)
        return
    st.session_state["_week_key"] = week["key"]
    week["previous_key"] = _previous_key(week)
    st.title(tr("page_week"))
    st.caption(tr("week_caption", week=week["week"], start=_day(week["starts_on"]), end=_day(week["ends_on"])))
    show_reminder(week, link=False)
    team_reminders()  # team sessions that wait for my contribution (teams area)
    capture_form()  # first: on a phone, capturing must take seconds
    plan_section(week)
    captures_section(week)
    reflection_section(week)
    survey_panel()  # the pulse survey, when it is due (accountability area)
    calendar_section()
    history_section()


def _previous_key(week: dict[str, Any]) -> str:
    from datetime import timedelta

    iso = (date.fromisoformat(week["starts_on"]) - timedelta(days=7)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


main()

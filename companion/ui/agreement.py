"""Leerafspraak: the shared agreement, both sides' commitments, consent per version, and its history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, flash, fmt_date, me, safe_markdown, show_error, tr

STATUS_BADGE = {"draft": ("gray", ":material/edit_note:"), "proposed": ("orange", ":material/hourglass_top:"),
                "agreed": ("green", ":material/handshake:")}
REVIEW_AFTER_DAYS = 91  # a proposal's default review date: about one quarter ahead


def _call(method: str, path: str, **kwargs) -> Any | None:
    try:
        return api().request(method, path, **kwargs)
    except ApiError as err:
        show_error(err)
        return None


def content_form(key: str, v: dict[str, Any] | None, submit: str, with_note: bool) -> dict[str, Any] | None:
    """The fields of a version; returns the values when submitted."""
    v = v or {}
    review = date.fromisoformat(v["review_date"]) if v.get("review_date") else \
        date.today() + timedelta(days=REVIEW_AFTER_DAYS)
    with st.form(key, border=False):
        st.markdown(f"**{tr('agreement_professional_side')}**")
        goals = st.text_area(tr("agreement_goals"), v.get("goals", ""), help=tr("agreement_goals_help"), height=110)
        rhythm = st.text_area(tr("agreement_rhythm"), v.get("rhythm", ""), height=70)
        st.markdown(f"**{tr('agreement_org_side')}**")
        minutes = st.number_input(tr("agreement_minutes"), 0, 2400, int(v.get("time_minutes_per_week", 60)), step=15)
        support = st.text_area(tr("agreement_support"), v.get("support", ""), height=70)
        resources = st.text_area(tr("agreement_resources"), v.get("resources", ""), height=70)
        review_date = st.date_input(tr("agreement_review_date"), review, format="DD-MM-YYYY")
        note = st.text_input(tr("agreement_change_note"), "", max_chars=500) if with_note else ""
        if not st.form_submit_button(submit, type="primary", width="stretch"):
            return None
    values = {"goals": goals, "rhythm": rhythm, "time_minutes_per_week": int(minutes), "support": support,
              "resources": resources, "change_note": note}
    if not v or review_date.isoformat() != v.get("review_date"):
        values["review_date"] = review_date.isoformat()
    return values


def show_version(v: dict[str, Any]) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('agreement_professional_side')}**")
        st.markdown(f"*{tr('agreement_goals')}*")
        st.markdown(safe_markdown(v["goals"]))
        if v["rhythm"]:
            st.markdown(f"*{tr('agreement_rhythm')}*")
            st.markdown(safe_markdown(v["rhythm"]))
    with right:
        st.markdown(f"**{tr('agreement_org_side')}**")
        st.markdown(tr("agreement_minutes_value", minutes=v["time_minutes_per_week"]))
        for field in ("support", "resources"):
            if v[field]:
                st.markdown(f"*{tr('agreement_' + field)}*")
                st.markdown(safe_markdown(v[field]))
    if v["review_date"]:
        st.caption(tr("agreement_review_on", date=fmt_date(v["review_date"])))


def consents(v: dict[str, Any]) -> None:
    st.markdown(f"**{tr('agreement_consents')}**")
    if v["professional_agreed_at"]:
        st.markdown(":material/check_circle: " + tr("agreement_consent_professional",
                                                    date=fmt_date(v["professional_agreed_at"])))
    else:
        st.markdown(":material/radio_button_unchecked: " + tr("agreement_consent_missing_professional"))
    if v["organisation_agreed_at"]:
        st.markdown(":material/check_circle: " + tr("agreement_consent_org", date=fmt_date(v["organisation_agreed_at"]),
                                                    name=v["organisation_agreed_by"] or "—"))
    else:
        st.markdown(":material/radio_button_unchecked: " + tr("agreement_consent_missing_org"))


def history(agreement_id: int) -> None:
    versions = _call("GET", f"/api/agreements/{agreement_id}/versions") or []
    with st.expander(tr("agreement_history"), icon=":material/history:"):
        for v in versions:
            badge = f" · :green-badge[{tr('agreement_agreed_badge')}]" if v["agreed"] else ""
            st.markdown(tr("agreement_history_line", n=v["number"], date=fmt_date(v["created_at"]),
                           who=v["changed_by"] or "—") + badge)
            if v["change_note"]:
                st.caption(safe_markdown(v["change_note"]))


def show_agreement(a: dict[str, Any]) -> None:
    color, icon = STATUS_BADGE[a["status"]]
    status = tr(f"agreement_status_{a['status']}")
    if a["status"] == "proposed":
        status = tr("agreement_waiting_you" if a["can_consent"] else "agreement_waiting_other")
    st.badge(status, color=color, icon=icon)
    if a["review_due"]:
        st.warning(tr("agreement_review_due"), icon=":material/event:")
    cur = a["current"]
    with st.container(border=True):
        st.markdown(f"#### {tr('agreement_version', n=cur['number'])}")
        show_version(cur)
        consents(cur)
        if a["can_consent"]:
            label = "agreement_consent_button" if a["my_side"] == "professional" else "agreement_consent_as_org"
            if st.button(tr(label, n=cur["number"]), type="primary", icon=":material/handshake:",
                         key=f"consent-{a['id']}-{cur['number']}"):
                if _call("POST", f"/api/agreements/{a['id']}/consent", json={"version": cur["number"]}):
                    flash("success", tr("agreement_consented"))
                    st.rerun()
    if a["agreed_version"] and a["agreed_version"] != cur["number"]:
        st.info(tr("agreement_in_force_note", agreed=a["agreed_version"], current=cur["number"]))
    elif not a["agreed_version"]:
        st.caption(tr("agreement_not_in_force"))
    with st.expander(tr("agreement_edit"), icon=":material/edit:"):
        st.caption(tr("agreement_edit_warning"))
        values = content_form(f"edit-{a['id']}", cur, tr("agreement_save_version"), with_note=True)
        if values and _call("POST", f"/api/agreements/{a['id']}/versions", json=values):
            flash("success", tr("agreement_version_saved"))
            st.rerun()
    history(a["id"])


def start_for_someone() -> None:
    """Experts and admins may propose an agreement to a professional who has none yet."""
    people = _call("GET", "/api/agreements/candidates") or []
    if not people:
        return
    with st.expander(tr("agreement_start_for"), icon=":material/add:"):
        names = {p["id"]: p["display_name"] for p in people}
        person_id = st.selectbox(tr("agreement_person"), list(names), format_func=names.get, key="new-agreement-for")
        values = content_form("create-for", None, tr("agreement_create"), with_note=False)
        if values and _call("POST", "/api/agreements", json={**values, "person_id": person_id}):
            flash("success", tr("agreement_created_for"))
            st.rerun()


def main() -> None:
    st.title(tr("page_agreement"))
    st.caption(tr("agreement_intro"))
    if me().get("role") == "professional":
        try:
            agreement = api().request("GET", "/api/agreements/mine")
        except ApiError as err:
            if err.status != 404:
                show_error(err)
                return
            st.info(tr("agreement_none"))
            values = content_form("create-agreement", None, tr("agreement_create"), with_note=False)
            if values and _call("POST", "/api/agreements", json=values):
                flash("success", tr("agreement_created"))
                st.rerun()
            return
        show_agreement(agreement)
        return
    start_for_someone()
    agreements = _call("GET", "/api/agreements") or []
    if not agreements:
        st.info(tr("agreement_none_visible"))
        return
    names = {a["id"]: f"{a['person_name']} · {tr('agreement_status_' + a['status'])}" for a in agreements}
    chosen = st.selectbox(tr("agreement_person"), list(names), format_func=names.get)
    show_agreement(next(a for a in agreements if a["id"] == chosen))


main()

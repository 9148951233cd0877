"""Verantwoording (professionals): the account of a period, drafted from what happened, reviewed, shared by choice."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.common import api, call, fmt_date, me, safe_markdown, tr

SECTIONS = ("professional", "organisation", "ahead")
MARKS = ("delivered", "partly", "not")
FACTS = ("weeks_active", "weeks_completed", "experiments_tried", "captures", "reflections_completed",
         "products_approved")


def new_account_form() -> None:
    with st.expander(tr("acct_new"), icon=":material/add:"):
        st.caption(tr("acct_new_caption"))
        own = st.checkbox(tr("acct_choose_period"), key="acct-own-period")
        body: dict[str, Any] = {}
        if own:
            left, right = st.columns(2)
            body = {"period_start": left.date_input(tr("acct_start"), key="acct-start").isoformat(),
                    "period_end": right.date_input(tr("acct_end"), key="acct-end").isoformat()}
        if st.button(tr("acct_draft"), type="primary", icon=":material/edit_note:", key="acct-draft"):
            if call("POST", "/api/accountability-reports", json=body) is not None:
                st.rerun()


def facts_row(facts: dict[str, Any]) -> None:
    columns = st.columns(3)
    for n, key in enumerate(FACTS):
        columns[n % 3].metric(tr(f"acct_fact_{key}"), facts.get(key, 0),
                              help=tr("acct_fact_weeks_help", total=facts.get("weeks_in_period", 0))
                              if key == "weeks_active" else None)


def commitments_form(account: dict[str, Any]) -> None:
    if not account["commitments"]:
        st.info(tr("acct_no_commitments"))
        return
    with st.form(f"acct-marks-{account['id']}"):
        st.markdown(f"**{tr('acct_commitments')}**")
        marks = []
        for n, item in enumerate(account["commitments"]):
            label = tr(f"acct_commitment_{item['key']}", minutes=item.get("minutes") or 0,
                       text=safe_markdown(item.get("text", "")))
            options = [None, *MARKS]
            mark = st.radio(label, options, index=options.index(item.get("mark")), horizontal=True,
                            format_func=lambda m: tr(f"acct_mark_{m or 'none'}"), key=f"acct-{account['id']}-m{n}")
            note = st.text_input(tr("acct_note"), value=item.get("note", ""), max_chars=500,
                                 key=f"acct-{account['id']}-n{n}")
            marks.append({"mark": mark, "note": note})
        if st.form_submit_button(tr("acct_save_marks"), icon=":material/save:"):
            if call("PATCH", f"/api/accountability-reports/{account['id']}", json={"commitments": marks}) is not None:
                st.rerun()


def sections_view(account: dict[str, Any], editable: bool) -> None:
    if not editable:
        for key in SECTIONS:
            st.markdown(f"**{tr('acct_section_' + key)}**")
            st.markdown(safe_markdown(account["sections"].get(key, "")))
        return
    with st.form(f"acct-text-{account['id']}"):
        texts = {key: st.text_area(tr("acct_section_" + key), value=account["sections"].get(key, ""), height=150,
                                   max_chars=4000, key=f"acct-{account['id']}-{key}") for key in SECTIONS}
        if st.form_submit_button(tr("acct_save_text"), icon=":material/save:"):
            if call("PATCH", f"/api/accountability-reports/{account['id']}", json={"sections": texts}) is not None:
                st.rerun()


def sharing(account: dict[str, Any]) -> None:
    st.markdown(f"**{tr('acct_share_header')}**")
    st.caption(tr("acct_share_caption"))
    chosen = []
    for key in SECTIONS:
        if st.toggle(tr("acct_section_" + key), value=key in account["shared"], key=f"acct-{account['id']}-s-{key}"):
            chosen.append(key)
    if chosen != account["shared"]:
        if call("PATCH", f"/api/accountability-reports/{account['id']}", json={"shared": chosen}) is not None:
            st.rerun()


def account_view(account: dict[str, Any]) -> None:
    status = account["status"]
    st.caption(f"{tr('acct_status_' + status)} · {tr('acct_drafted_by', by=account['drafted_by'])}")
    if status == "rejected" and account.get("review_comment"):
        st.warning(tr("acct_rejected", comment=account["review_comment"]))
    if status == "in_review":
        st.info(tr("acct_in_review"))
        # until the expert decides, the professional may take it back (it becomes an editable draft again)
        if account.get("suggestion_id") and st.button(tr("acct_withdraw"), icon=":material/undo:",
                                                      key=f"acct-withdraw-{account['id']}"):
            if call("POST", f"/api/suggestions/{account['suggestion_id']}/withdraw") is not None:
                st.rerun()
    facts_row(account["facts"])
    editable = status in ("draft", "rejected")
    if editable:
        commitments_form(account)
    sections_view(account, editable)
    sharing(account)
    if editable:
        left, right = st.columns(2)
        if left.button(tr("acct_submit"), type="primary", icon=":material/send:", key=f"acct-submit-{account['id']}"):
            if call("POST", f"/api/accountability-reports/{account['id']}/submit") is not None:
                st.rerun()
        if right.button(tr("acct_redraft"), icon=":material/refresh:", key=f"acct-redraft-{account['id']}"):
            if call("POST", f"/api/accountability-reports/{account['id']}/redraft") is not None:
                st.rerun()


def render() -> None:
    st.title(tr("page_accounts"))
    st.write(tr("acct_intro"))
    if me().get("role") != "professional":
        st.info(tr("acct_professionals_only"))
        return
    new_account_form()
    accounts = api().request("GET", "/api/accountability-reports")
    if not accounts:
        st.info(tr("acct_none"))
    for n, account in enumerate(accounts):
        title = tr("acct_title", start=fmt_date(account["period_start"]), end=fmt_date(account["period_end"]))
        with st.expander(f"{title} · {tr('acct_status_' + account['status'])}", expanded=n == 0):
            account_view(account)


if __name__ == "__main__":
    render()

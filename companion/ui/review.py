"""Beoordelen: the expert's queue; the AI draft beside an editable final, the source conversation, a decision."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, demote_headings, error_text, fmt_date, me, safe_markdown, show_error, tr
from companion.ui.paging import pager, search_and_page
from companion.ui.suggestion_view import kind_label, meta_line, suggestion_card

LIST_SEP = "; "


@st.cache_data(ttl=600, show_spinner=False)
def field_labels(language: str, token: str | None) -> dict[str, dict[str, str]]:
    """Per product kind, the headings of its fields (from the API, in the UI's language)."""
    kinds = api().request("GET", "/api/products", params={"language": language})
    return {k["kind"]: {**k["labels"], "title": "Titel" if language == "nl" else "Title"} for k in kinds}


def _label(labels: dict[str, str], field: str) -> str:
    return labels.get(field) or field.replace("_", " ").capitalize()


def _width(column: pd.Series) -> int:
    """Pixels for a column: short ones (who, by when) as wide as their text, long ones (what) 200, so that a
    table of three columns fits the final version's column on a 1280-pixel screen without scrolling sideways
    (the whole text is in the draft beside it, and in the cell when clicked)."""
    longest = max((len(str(v)) for v in column if v is not None), default=0)
    return 200 if longest > 24 else max(70, min(125, 7 * longest + 24))


def _table(rows: list[dict[str, Any]], key: str, labels: dict[str, str]) -> list[dict[str, Any]]:
    """A list of objects as an editable table (rows can be added and removed); list cells as 'a; b'."""
    list_cols = {k for row in rows for k, v in row.items() if isinstance(v, list)}
    frame = pd.DataFrame([{k: LIST_SEP.join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
                          for row in rows])
    config = {c: st.column_config.TextColumn(_label(labels, c), width=_width(frame[c])) for c in frame.columns}
    edited = st.data_editor(frame, key=key, num_rows="dynamic", hide_index=True, column_config=config,
                            width="stretch")
    out = []
    for record in edited.to_dict("records"):
        clean = {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in record.items()}
        if not any(str(v).strip() for v in clean.values()):
            continue
        out.append({k: ([p.strip() for p in str(v).split(";") if p.strip()] if k in list_cols else v)
                    for k, v in clean.items()})
    return out


def edit_payload(payload: dict[str, Any], key: str, labels: dict[str, str]) -> dict[str, Any]:
    """Widgets for each field of a product (any kind): text, numbers, lists (one per line), tables."""
    out: dict[str, Any] = {}
    for field, value in payload.items():
        label, wkey = _label(labels, field), f"{key}-{field}"
        if isinstance(value, bool):
            out[field] = st.checkbox(label, value=value, key=wkey)
        elif isinstance(value, int | float):
            out[field] = st.number_input(label, value=value, key=wkey)
        elif isinstance(value, str):
            height = 68 if len(value) < 90 else 130
            out[field] = st.text_area(label, value=value, key=wkey, height=height)
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value) and value:
            st.markdown(f"**{label}**")
            out[field] = _table(value, wkey, labels)
        elif isinstance(value, list):
            text = st.text_area(label, value="\n".join(map(str, value)), key=wkey, help=tr("rv_list_hint"))
            out[field] = [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
        else:  # nested objects stay as they are
            out[field] = value
    return out


def _conversation(s: dict[str, Any]) -> None:
    """What the owner shared of the source conversation, fetched once when asked for (the API records that the
    expert read it); when they shared the draft only, that is said and nothing is fetched."""
    cache = st.session_state.setdefault("rv_conversations", {})
    shown = tr("rv_show_conversation", name=s["owner_name"])
    if s["id"] not in cache:
        if not s.get("conversation_id"):
            st.caption(tr("rv_no_conversation"))
            return
        if (s.get("shared") or {}).get("scope", "draft") == "draft":
            st.caption(f":material/lock: {tr('rv_conversation_not_shared', name=s['owner_name'])}")
            return
        if not st.button(shown, icon=":material/forum:", key=f"conv-{s['id']}"):
            return
        try:
            cache[s["id"]] = api().request("GET", f"/api/suggestions/{s['id']}/conversation")
        except ApiError as err:
            st.caption(tr("rv_no_conversation")) if err.status == 404 else show_error(err)
            return
        st.rerun()  # redraw without the button
    with st.expander(shown, expanded=True, icon=":material/forum:"):
        for m in cache[s["id"]]["messages"]:
            with st.chat_message("assistant" if m["role"] == "assistant" else "user"):
                st.markdown(safe_markdown(m["content"]))


def _decide(s: dict[str, Any], decision: str, comment: str, final: dict[str, Any] | None) -> None:
    if not comment.strip():
        st.warning(tr("rv_comment_missing"), icon=":material/edit:")
        return
    body: dict[str, Any] = {"decision": decision, "comment": comment.strip()}
    if decision == "approved" and final is not None:
        body["final"] = final
    try:
        done = api().request("POST", f"/api/suggestions/{s['id']}/review", json=body)
    except ApiError as err:
        if err.status in (0, 401):
            show_error(err)
        else:
            st.error(error_text(err))
        return
    msg = {"approved": "rv_approved_msg", "edited": "rv_edited_msg", "rejected": "rv_rejected_msg"}
    st.session_state["rv_done"] = tr(msg[done["display_status"]], title=done["title"], name=done["owner_name"])
    st.rerun()


def edit_final(s: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """The editable final; a team product's is its product (under that kind's headings), team and credits kept."""
    if s["kind"] != "team_product":
        return edit_payload(s["proposal"], f"final-{s['id']}", labels)
    st.caption(tr("rv_team_product_of", team=s["proposal"].get("team", "")))
    product = edit_payload(s["proposal"]["product"], f"final-{s['id']}", labels)
    return {**s["proposal"], "product": product}


def review_item(s: dict[str, Any], labels: dict[str, str]) -> None:
    with st.container(border=True):
        st.markdown(f"#### {safe_markdown(s['title'])}")
        st.caption(tr("rv_from", name=s["owner_name"], kind=kind_label(s["kind"]), date=fmt_date(s["created_at"])))
        meta_line(s)
        if s["kind"] != "team_product":  # a team product comes from a session, which the expert can open
            _conversation(s)
        left, right = st.columns([1, 2], gap="medium")  # the editable final, with its tables, gets the room
        with left:  # what the owner sent: their edit, or the draft as it was made
            heading = (tr("rv_owner_version", name=s["owner_name"]) if s.get("owner_edited")
                       else tr("rv_ai_draft") if s.get("ai_made", True) else tr("rv_offline_draft"))
            st.markdown(f"**{heading}**")
            st.markdown(demote_headings(safe_markdown(s["proposal_markdown"])))
        with right, st.form(f"review-{s['id']}", border=False):
            st.markdown(f"**{tr('rv_final')}**")
            final = edit_final(s, labels)
            comment = st.text_area(tr("rv_comment"), key=f"comment-{s['id']}",
                                   placeholder=tr("rv_comment_placeholder"))
            approve_col, reject_col = st.columns(2)
            approve = approve_col.form_submit_button(tr("rv_approve"), type="primary", icon=":material/check:",
                                                     width="stretch")
            reject = reject_col.form_submit_button(tr("rv_reject"), icon=":material/close:", width="stretch")
        changed = final != s["proposal"]
        if changed:
            right.caption(tr("rv_will_edit"))
        if approve:
            _decide(s, "approved", comment, final if changed else None)
        elif reject:
            _decide(s, "rejected", comment, None)


def render() -> None:
    st.set_page_config(layout="wide")  # the draft beside an editable final, with its tables: use the width
    st.title(tr("page_review"))
    if me().get("role") != "expert":
        st.info(tr("rv_experts_only"))
        return
    st.caption(tr("rv_queue_intro"))
    if done := st.session_state.get("rv_done"):  # stays until the next decision: reruns must not hide it
        st.success(done, icon=":material/task_alt:")
    pending = api().request("GET", "/api/suggestions", params={"queue": "pending"})
    decided = [s for s in api().request("GET", "/api/suggestions", params={"queue": "all"}) if s["status"] != "pending"]
    labels = field_labels(st.session_state.get("language", "nl"), st.session_state.get("token"))
    tab_pending, tab_decided = st.tabs([tr("rv_tab_pending", n=len(pending)), tr("rv_tab_decided", n=len(decided))])
    with tab_pending:
        if not pending:
            st.info(tr("rv_queue_empty"), icon=":material/inbox:")
        for s in pending:
            kind = s["proposal"].get("product_kind", s["kind"]) if s["kind"] == "team_product" else s["kind"]
            review_item(s, labels.get(kind, {}))
    with tab_decided:
        if not decided:
            st.caption(tr("rv_decided_empty"))
        page, found = search_and_page(decided, "rv-decided", lambda s: f"{s['title']} {s.get('owner_name', '')}")
        for s in page:  # a page at a time, findable by title or name: a year of decisions is a long list
            suggestion_card(s, key=f"done-{s['id']}", audit=True)
        pager("rv-decided", found)


if __name__ == "__main__":
    render()

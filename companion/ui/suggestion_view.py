"""How a suggestion looks in the UI: who made it (AI or the offline guide), status, what was shared, whose it is,
content, the expert's comment, history and downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from companion.ui.client import ApiClient, ApiError
from companion.ui.common import api, demote_headings, fmt_date, lang, me, safe_markdown, show_error, tr

STATUS_BADGE = {"draft": ("blue", ":material/lock:"), "pending": ("orange", ":material/hourglass_top:"),
                "approved": ("green", ":material/check_circle:"), "edited": ("green", ":material/edit_note:"),
                "rejected": ("red", ":material/cancel:"), "withdrawn": ("gray", ":material/undo:")}
FORMATS = {"md": ("Markdown", "text/markdown"), "docx": ("Word", "application/vnd.openxmlformats-officedocument."
                                                                   "wordprocessingml.document"),
           "pdf": ("PDF", "application/pdf")}


def kind_label(kind: str) -> str:
    key = f"rv_kind_{kind}"
    text = tr(key)
    return kind.replace("_", " ") if text == key else text


def status_badge(status: str) -> str:
    color, icon = STATUS_BADGE.get(status, ("gray", ""))
    return f":{color}-badge[{icon} {tr('rv_status_' + status)}]"


def drafter(drafted_by: str) -> str:
    if drafted_by.startswith("model:"):
        return tr("rv_model", name=drafted_by[6:])
    return tr("rv_offline_guide") if drafted_by == "offline guide" else drafted_by


def made_badge(s: dict[str, Any]) -> str:
    """AI for a language model's draft; the offline guide fills a template from the person's answers: no AI."""
    if s.get("ai_made", True):
        return f":violet-badge[:material/smart_toy: {tr('rv_ai_made')}]"
    return f":blue-badge[:material/description: {tr('rv_offline_made')}]"


def is_mine(s: dict[str, Any]) -> bool:
    return s.get("owner_id") == me().get("id")


def meta_line(s: dict[str, Any]) -> None:
    st.markdown(f"{made_badge(s)} {status_badge(s['display_status'])} :gray-badge[{kind_label(s['kind'])}]")
    if s["kind"] == "team_product" and not s.get("ai_made", True):  # from the team's words, not one chat
        st.caption(tr("rv_filled_from_team", date=fmt_date(s["created_at"])))
    elif s.get("ai_made", True):
        st.caption(tr("rv_drafted_by", drafter=drafter(s["drafted_by"]), date=fmt_date(s["created_at"])))
    else:
        st.caption(tr("rv_filled_from_answers", date=fmt_date(s["created_at"])) if is_mine(s) else
                   tr("rv_filled_from_their_answers", name=s["owner_name"], date=fmt_date(s["created_at"])))


def shared_line(s: dict[str, Any]) -> str:
    """What the owner shared when sending, in words ('' before sending)."""
    shared = s.get("shared") or {}
    scope = shared.get("scope")
    if not scope:
        return ""
    if scope == "messages":
        n = len(shared.get("message_ids") or [])
        return tr("rv_shared_messages_one") if n == 1 else tr("rv_shared_messages", n=n)
    return tr(f"rv_shared_{scope}")


def _fetch(base_url: str, token: str | None, language: str, suggestion_id: int, fmt: str) -> bytes:
    """Runs when the button is clicked, outside the script run: its own client, no session state."""
    with ApiClient(base_url=base_url, token=token, language=language) as client:
        return client.download(f"/api/suggestions/{suggestion_id}/download", format=fmt)


def download_buttons(s: dict[str, Any], key: str) -> None:
    client, sid = api(), s["id"]
    base_url, token, language = client.base_url, client.token, lang()
    columns = st.columns(len(FORMATS))
    for column, (fmt, (label, mime)) in zip(columns, FORMATS.items(), strict=True):
        column.download_button(
            tr("rv_download", fmt=label), key=f"{key}-dl-{fmt}", mime=mime, icon=":material/download:",
            file_name=f"{s['kind']}-{sid}.{fmt}", on_click="ignore", width="stretch",
            data=lambda f=fmt: _fetch(base_url, token, language, sid, f))


def audit_list(suggestion_id: int) -> None:
    try:
        events = api().request("GET", f"/api/suggestions/{suggestion_id}/audit")
    except ApiError as err:
        show_error(err)
        return
    for e in events:
        detail = e.get("detail") or {}
        actor = drafter(e["actor"]) if e["actor_role"] in ("model", "system") else e["actor"]
        scope = detail.get("scope") or "draft"
        text = tr(f"rv_audit_{e['action']}", actor=actor, comment=detail.get("comment", ""),
                  format=detail.get("format", ""), scope=tr(f"rv_audit_scope_{scope}"))
        st.markdown(f"- {fmt_date(e['at'])} · {safe_markdown(text)}")


def suggestion_card(s: dict[str, Any], key: str, expanded: bool = False, audit: bool = False,
                    actions: Callable[[], None] | None = None) -> None:
    """One suggestion: label, status, whose it is (for the expert), what was shared, the expert's comment,
    content (final once approved, else the version sent), downloads."""
    mine = is_mine(s)
    with st.container(border=True):
        st.markdown(f"**{safe_markdown(s['title'])}**")
        if not mine:  # the expert's list: every row says whose item it is
            st.caption(tr("rv_from", name=s["owner_name"], kind=kind_label(s["kind"]), date=fmt_date(s["created_at"])))
        meta_line(s)
        if s.get("review_comment"):
            st.info(f"**{tr('rv_comment_of', name=s.get('reviewer_name') or '')}:** "
                    f"{safe_markdown(s['review_comment'])}", icon=":material/comment:")
        elif s["status"] == "pending":
            st.caption(tr("rv_no_expert_yet"))
        elif s["status"] in ("draft", "withdrawn") and mine:
            st.caption(f":material/lock: {tr('rv_not_sent_yet')}")
        if mine and s["status"] in ("pending", "approved", "rejected") and shared_line(s):
            st.caption(f":material/share: {shared_line(s)}")
        if s.get("entry_id"):
            where = tr("rv_in_portfolio") if mine else tr("rv_in_portfolio_of", name=s["owner_name"])
            st.caption(f":material/folder_open: {where}")
        with st.expander(tr("rv_content"), expanded=expanded):
            body = s.get("final_markdown") or s.get("proposal_markdown") or s["draft_markdown"]
            st.markdown(demote_headings(safe_markdown(body)))
        if s["display_status"] == "edited" and mine:  # both versions stay visible: what was sent, what was approved
            with st.expander(tr("rv_original_draft")):
                st.markdown(demote_headings(safe_markdown(s.get("proposal_markdown") or s["draft_markdown"])))
        if actions is not None:  # the owner's edit, send, withdraw (companion.ui.draft_actions)
            actions()
        download_buttons(s, key)
        if audit and st.toggle(tr("rv_audit"), key=f"{key}-audit"):  # fetched only when asked for
            audit_list(s["id"])

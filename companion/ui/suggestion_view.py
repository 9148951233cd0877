"""How a suggestion looks in the UI: AI label, status, content, the expert's comment, history and downloads."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiClient, ApiError
from companion.ui.common import api, demote_headings, fmt_date, lang, safe_markdown, show_error, tr

STATUS_BADGE = {"pending": ("orange", ":material/hourglass_top:"), "approved": ("green", ":material/check_circle:"),
                "edited": ("green", ":material/edit_note:"), "rejected": ("red", ":material/cancel:")}
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


def meta_line(s: dict[str, Any]) -> None:
    st.markdown(f":violet-badge[:material/smart_toy: {tr('rv_ai_made')}] {status_badge(s['display_status'])} "
                f":gray-badge[{kind_label(s['kind'])}]")
    st.caption(tr("rv_drafted_by", drafter=drafter(s["drafted_by"]), version=s["prompt_version"],
                  date=fmt_date(s["created_at"])))


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
        text = tr(f"rv_audit_{e['action']}", actor=actor, version=detail.get("prompt_version", ""),
                  comment=detail.get("comment", ""), format=detail.get("format", ""))
        st.markdown(f"- {fmt_date(e['at'])} · {safe_markdown(text)}")


def suggestion_card(s: dict[str, Any], key: str, expanded: bool = False, audit: bool = False) -> None:
    """One suggestion: label, status, the expert's comment, content (final once approved), downloads."""
    with st.container(border=True):
        st.markdown(f"**{safe_markdown(s['title'])}**")
        meta_line(s)
        if s.get("review_comment"):
            st.info(f"**{tr('rv_comment_of', name=s.get('reviewer_name') or '')}:** "
                    f"{safe_markdown(s['review_comment'])}", icon=":material/comment:")
        elif s["status"] == "pending":
            st.caption(tr("rv_no_expert_yet"))
        if s.get("entry_id"):
            st.caption(f":material/folder_open: {tr('rv_in_portfolio')}")
        with st.expander(tr("rv_content"), expanded=expanded):
            body = s.get("final_markdown") or s["draft_markdown"]
            st.markdown(demote_headings(safe_markdown(body)))
        if s["display_status"] == "edited":  # both versions stay visible: what the AI made, what the expert approved
            with st.expander(tr("rv_original_draft")):
                st.markdown(demote_headings(safe_markdown(s["draft_markdown"])))
        download_buttons(s, key)
        if audit and st.toggle(tr("rv_audit"), key=f"{key}-audit"):  # fetched only when asked for
            audit_list(s["id"])

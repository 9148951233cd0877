"""Team products in the UI: drafting one from a session, the team's comments, editing, sending it to the expert,
and the team portfolio (approved products only)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, demote_headings, error_text, flash, fmt_date, safe_markdown, show_error, tr

PRODUCT_KINDS = ("advice_note", "action_plan", "annual_plan")
STATUS_COLOR = {"draft": "blue", "pending": "orange", "approved": "green", "rejected": "red"}


def product_kind_label(kind: str) -> str:
    key = f"rv_kind_{kind}"
    text = tr(key)
    return kind.replace("_", " ") if text == key else text


def status_badge(status: str) -> str:
    return f":{STATUS_COLOR.get(status, 'gray')}-badge[{tr('tm_product_status_' + status)}]"


def _call(method: str, path: str, **kwargs) -> Any | None:
    try:
        return api().request(method, path, **kwargs)
    except ApiError as err:
        show_error(err) if err.status in (0, 401) else st.error(error_text(err))
        return None


def products_section(view: dict[str, Any]) -> None:
    """Under a session in evaluation or closed: its team products, and a new draft."""
    st.subheader(tr("tm_products_header"), anchor=False)
    st.caption(tr("tm_products_intro"))
    mine = [p for p in api().request("GET", f"/api/teams/{view['team_id']}/products")
            if p["session_id"] == view["id"]]
    for product in mine:
        product_card(product, member=view["me"]["role"] == "member", expanded=product["status"] != "approved")
    if view["me"]["role"] != "member":
        return
    with st.form(f"tm-draft-{view['id']}", border=False):
        kind = st.selectbox(tr("tm_product_kind"), PRODUCT_KINDS, format_func=product_kind_label)
        if st.form_submit_button(tr("tm_product_draft"), icon=":material/edit_document:"):
            if _call("POST", f"/api/team-sessions/{view['id']}/products", json={"kind": kind}) is not None:
                flash("success", tr("tm_product_drafted"))
                st.rerun()


def product_card(p: dict[str, Any], member: bool, expanded: bool = True) -> None:
    """A team product: its text with the credits, the comments, and (for members) edit and send."""
    kind = product_kind_label(p["kind"])
    label = p["title"] if p["title"].lower().startswith(kind.lower()) else f"{kind}: {p['title']}"
    with st.expander(label, expanded=expanded, icon=":material/groups:"):
        st.markdown(status_badge(p["status"]) + (f" · {tr('tm_product_approved_on', date=fmt_date(p['approved_at']))}"
                                                 if p.get("approved_at") else ""))
        drafted = p.get("drafted_by") or ""
        st.caption(f":violet-badge[:material/smart_toy: AI] {tr('tm_product_ai', model=drafted[6:])}"
                   if drafted.startswith("model:") else tr("tm_product_offline"))
        if p.get("review_comment"):
            st.info(tr("tm_product_review_comment", comment=safe_markdown(p["review_comment"])),
                    icon=":material/rate_review:")
        st.markdown(demote_headings(safe_markdown(p["markdown"])))
        comments(p)
        if member and p["status"] in ("draft", "rejected"):
            edit_form(p)
            if st.button(tr("tm_product_send"), type="primary", icon=":material/send:", key=f"tm-send-{p['id']}"):
                if _call("POST", f"/api/team-products/{p['id']}/send") is not None:
                    flash("success", tr("tm_product_sent"))
                    st.rerun()


def comments(p: dict[str, Any]) -> None:
    st.markdown(f"**{tr('tm_product_comments')}**")
    if not p["comments"]:
        st.caption(tr("tm_product_no_comments"))
    for c in p["comments"]:
        who = tr("tm_product_you") if c["mine"] else c["author_name"]
        st.markdown(f"**{safe_markdown(who)}** · {fmt_date(c['created_at'])}  \n{safe_markdown(c['text'])}")
    if p["status"] == "approved":
        return
    with st.form(f"tm-comment-{p['id']}", clear_on_submit=True, border=False):
        text = st.text_area(tr("tm_product_comment"), height=70, max_chars=2000)
        if st.form_submit_button(tr("tm_product_comment_send"), icon=":material/chat:") and text.strip():
            if _call("POST", f"/api/team-products/{p['id']}/comments", json={"text": text}) is not None:
                st.rerun()


def edit_form(p: dict[str, Any]) -> None:
    """The draft's title and its text fields (lists one per line); other fields stay as they are."""
    with st.popover(tr("tm_product_edit"), icon=":material/edit:"), st.form(f"tm-edit-{p['id']}", border=False):
        from companion.ui.review import field_labels  # the product type's own headings, in the UI's language

        labels = field_labels(st.session_state.get("language", "nl"), st.session_state.get("token")).get(p["kind"], {})
        payload = dict(p["payload"])
        for field, value in p["payload"].items():
            label = labels.get(field) or field.replace("_", " ").capitalize()
            if isinstance(value, str):
                payload[field] = st.text_area(label, value, height=68 if len(value) < 90 else 130,
                                              key=f"tm-edit-{p['id']}-{field}")
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                text = st.text_area(label, "\n".join(value), key=f"tm-edit-{p['id']}-{field}")
                payload[field] = [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
        if st.form_submit_button(tr("save"), type="primary"):
            if _call("PATCH", f"/api/team-products/{p['id']}", json={"payload": payload}) is not None:
                flash("success", tr("saved"))
                st.rerun()


def portfolio(team_id: int, member: bool) -> None:
    """The team portfolio: approved products; then what is still in the making; and a search over both."""
    st.caption(tr("tm_portfolio_intro"))
    q = st.text_input(tr("tm_search"), key=f"tm-search-{team_id}", icon=":material/search:")
    if q.strip():
        hits = api().request("GET", f"/api/teams/{team_id}/search", params={"q": q, "k": 8})
        if not hits:
            st.caption(tr("tm_search_none"))
        for h in hits:
            st.markdown(f"**{safe_markdown(h['title'])}**  \n{safe_markdown(h['snippet'])}")
    products = api().request("GET", f"/api/teams/{team_id}/products")
    approved = [p for p in products if p["status"] == "approved"]
    if not approved:
        st.info(tr("tm_portfolio_empty"), icon=":material/folder_open:")
    for n, p in enumerate(approved):
        product_card(p, member=member, expanded=n == 0)  # the newest open: what the team made last
    making = [p for p in products if p["status"] != "approved"]
    if making:
        st.markdown(f"**{tr('tm_in_progress')}**")
        for p in making:
            product_card(p, member=member, expanded=False)

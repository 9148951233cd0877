"""Sources (a reply's citations, search results): listed, opened in a dialog, and linked to where they live."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import (
    api,
    document_view,
    entry_view,
    fmt_date,
    kind_label,
    safe_markdown,
    show_error,
    situation_view,
    tr,
)

KNOWLEDGE_PAGE = "companion/ui/knowledge.py"
PORTFOLIO_PAGE = "companion/ui/portfolio.py"


def source_target(hit: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    """(page, query params) that open a source: knowledge at its cited section, a situation or entry in the
    portfolio; None for anything else."""
    if hit.get("ref_id") is None:
        return None
    if hit.get("kind") in ("situation", "entry"):
        return PORTFOLIO_PAGE, {hit["kind"]: str(hit["ref_id"])}
    if hit.get("kind") != "knowledge":
        return None
    params = {"doc": str(hit["ref_id"])}
    kind, _, chunk_id = str(hit.get("id") or "").partition(":")
    if kind == "chunk" and chunk_id.isdigit():
        params["chunk"] = chunk_id
    return KNOWLEDGE_PAGE, params


def source_link(container, hit: dict[str, Any]) -> bool:
    """A link in `container` to the knowledge page at the cited section; False when the hit is no knowledge
    (situations and entries open in a dialog first, which links on to the portfolio: see `portfolio_link`)."""
    target = source_target(hit) if hit.get("kind") == "knowledge" else None
    if target is None:
        return False
    page, params = target
    container.page_link(page, label=tr("kb_open_source"), icon=":material/menu_book:", query_params=params)
    return True


def portfolio_link(kind: str, ref_id: int) -> None:
    """A link from an opened situation or entry to the same item in the portfolio."""
    target = source_target({"kind": kind, "ref_id": ref_id})
    if target is not None:
        st.page_link(target[0], label=tr("kb_open_in_portfolio"), icon=":material/folder_open:",
                     query_params=target[1])


def _item_body(kind: str, ref_id: int) -> None:
    try:
        if kind == "situation":
            item = api().situation(ref_id)
            st.subheader(item["title"])
            situation_view(item)
            portfolio_link(kind, ref_id)
        elif kind == "entry":
            item = api().entry(ref_id)
            st.subheader(item["title"])
            entry_view(item)
            portfolio_link(kind, ref_id)
        elif kind == "knowledge":
            item = api().document(ref_id)
            st.subheader(item["title"])
            document_view(item)
        else:
            st.warning(tr("not_found"))
    except ApiError as err:
        show_error(err)


def open_item(kind: str, ref_id: int | None) -> None:
    """Show a situation, portfolio entry or knowledge document in a dialog."""
    if ref_id is None:
        st.warning(tr("not_found"))
        return
    st.dialog(f"{kind_label(kind)}", width="large")(_item_body)(kind, int(ref_id))


def hit_list(hits: list[dict[str, Any]], key: str) -> None:
    """Sources or search results: kind, date, title, snippet, and a button to open each.

    The ranking score stays in the API (`score`): to a reader "relevantie 0.61" says nothing they can use.
    """
    for n, hit in enumerate(hits):
        with st.container(border=True):
            head, button = st.columns([5, 1], vertical_alignment="center")
            when = f" · {fmt_date(hit['created'])}" if hit.get("created") else ""
            head.markdown(f"**{safe_markdown(hit.get('title') or '')}**")
            head.caption(f"{kind_label(hit.get('kind', ''))}{when}")
            if hit.get("ref_id") is not None and not source_link(button, hit) and \
                    button.button(tr("open"), key=f"{key}-{n}"):
                open_item(hit["kind"], hit["ref_id"])
            if hit.get("snippet"):
                snippet = hit["snippet"].strip()
                st.markdown(safe_markdown(snippet if snippet[-1:] in ".!?:)\"'…" else snippet + "…"))

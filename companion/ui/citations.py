"""Links from a cited source (a reply's sources, a search result) to where the person can read it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.common import tr

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

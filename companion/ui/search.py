"""Zoeken: search the person's own situations and portfolio, and the organisation's knowledge."""

from __future__ import annotations

from collections import Counter
from typing import Any

import streamlit as st

from companion.ui.common import api, kind_label, tr
from companion.ui.sources import hit_list

KINDS = ("situation", "entry", "knowledge")


def search_form() -> None:
    """The query and how many results; the results stay in the session so opening one keeps the list."""
    with st.form("search"):
        query = st.text_input(tr("search_query"), value=st.session_state.get("search_q", ""), max_chars=1000,
                              placeholder=tr("search_placeholder"))
        k = st.slider(tr("search_k"), min_value=1, max_value=50, value=st.session_state.get("search_k", 10))
        submitted = st.form_submit_button(tr("search_button"), type="primary", icon=":material/search:")
    if not submitted:
        return
    if not query.strip():
        st.warning(tr("search_empty"))
        return
    st.session_state["search_q"] = query.strip()
    st.session_state["search_k"] = k
    st.session_state["search_hits"] = api().search(query.strip(), k)
    st.session_state["search_n"] = st.session_state.get("search_n", 0) + 1  # a new search starts unfiltered


def kind_filter(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Narrow the results to some kinds (situations, portfolio, knowledge), with a count per kind; what the
    filter hides is said, with a way to show everything again."""
    counts = Counter(h.get("kind") for h in hits)
    present = [k for k in KINDS if counts[k]] + sorted(k for k in counts if k not in KINDS)
    if len(present) < 2:
        return hits
    key = f"search-kinds-{st.session_state.get('search_n', 0)}"  # per search: the last filter does not carry over
    chosen = st.pills(tr("filter_kind"), present, selection_mode="multi", default=present, key=key,
                      format_func=lambda k: f"{kind_label(k)} ({counts[k]})")
    shown = [h for h in hits if h.get("kind") in (chosen or present)]
    hidden = len(hits) - len(shown)
    if hidden:
        note, show_all = st.columns([4, 1], vertical_alignment="center")
        note.info(tr("search_filter_hidden_one") if hidden == 1 else tr("search_filter_hidden", n=hidden),
                  icon=":material/filter_alt:")
        if show_all.button(tr("search_show_all"), key=f"{key}-all", width="stretch"):
            st.session_state["search_n"] = st.session_state.get("search_n", 0) + 1
            st.rerun()
    return shown


def retrieval_notice() -> None:
    """Say so when search runs on words alone because the embedding model could not load."""
    try:
        health = api().request("GET", "/api/health")
    except Exception:  # noqa: BLE001 - a notice must never break the page
        return
    if (health or {}).get("retrieval") == "lexical":
        st.info(tr("retrieval_lexical_notice"), icon=":material/info:")


def render() -> None:
    st.title(tr("search_title"))
    st.caption(tr("search_intro"))
    retrieval_notice()
    search_form()
    hits = st.session_state.get("search_hits")
    if hits is None:
        return
    if not hits:
        st.info(tr("no_results", q=st.session_state.get("search_q", "")))
        return
    shown = kind_filter(hits)
    st.caption(tr("results_one") if len(shown) == 1 else tr("results", n=len(shown)))
    hit_list(shown, key="hit")


if __name__ == "__main__":
    render()

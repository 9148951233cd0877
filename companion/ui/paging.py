"""Long lists made usable: a search field above, and pages of a few items with previous/next below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from companion.ui.common import tr

T = TypeVar("T")
PER_PAGE = 10
SEARCH_FROM = 5  # more items than this get a search field


def _matches(words: list[str], text: str) -> bool:
    text = text.casefold()
    return all(word in text for word in words)


def search_and_page(items: Sequence[T], key: str, text: Callable[[T], str], per_page: int = PER_PAGE,
                    focus: Callable[[T], bool] | None = None) -> tuple[list[T], int]:
    """The items of the current page and how many were found, after the words typed in the list's search field
    (all of them must occur); `pager(key, found)` under the list moves between the pages.

    `focus` picks an item whose page is shown first (an item opened through a link); a new search starts at page 1.
    """
    if len(items) <= SEARCH_FROM:  # a handful of items needs no search field
        st.session_state.pop(f"{key}-q", None)
        query = ""
    else:
        query = st.text_input(tr("list_search"), key=f"{key}-q", icon=":material/search:", max_chars=200,
                              placeholder=tr("list_search"), label_visibility="collapsed")
    words = query.casefold().split()
    found = [item for item in items if _matches(words, text(item))] if words else list(items)
    pages = max(1, -(-len(found) // per_page))
    state = f"{key}-page"
    if st.session_state.get(f"{key}-last-q") != query:  # a new search: back to the first page
        st.session_state[f"{key}-last-q"] = query
        st.session_state[state] = 1
    if focus is not None and not st.session_state.get(f"{key}-focused"):
        at = next((n for n, item in enumerate(found) if focus(item)), None)
        if at is not None:
            st.session_state[state] = at // per_page + 1
            st.session_state[f"{key}-focused"] = True
    page = min(max(1, st.session_state.get(state, 1)), pages)
    st.session_state[state] = page
    if words and not found:
        st.info(tr("list_none", q=query))
    elif words or pages > 1:
        st.caption(tr("list_count", shown=len(found), total=len(items)))
    return found[(page - 1) * per_page: page * per_page], len(found)


def pager(key: str, total: int, per_page: int = PER_PAGE) -> None:
    """Previous / page N of M / next, under the list; nothing when everything fits on one page."""
    pages = max(1, -(-total // per_page))
    if pages < 2:
        return
    state = f"{key}-page"
    page = st.session_state.get(state, 1)

    def go(to: int) -> None:
        st.session_state[state] = to

    previous, where, following = st.columns([1, 2, 1], vertical_alignment="center")
    previous.button(tr("list_previous"), key=f"{key}-prev", icon=":material/chevron_left:", disabled=page <= 1,
                    on_click=go, args=(page - 1,), width="stretch")
    where.caption(tr("list_position", page=page, pages=pages), text_alignment="center")
    following.button(tr("list_next"), key=f"{key}-next", icon=":material/chevron_right:", disabled=page >= pages,
                     on_click=go, args=(page + 1,), width="stretch")


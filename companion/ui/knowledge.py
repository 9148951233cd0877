"""Kennisbank: the knowledge documents of the person's organisation, to read."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.common import api, document_view, fmt_date, lang, tr
from companion.ui.i18n import LANGUAGES


def document_label(d: dict[str, Any]) -> str:
    label = d["title"]
    if not d.get("active", True):
        label += f" ({tr('inactive')})"
    return label


def filters(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Narrow the list by words in the title and by tags."""
    tags = sorted({str(t) for d in docs for t in d.get("tags") or []})
    left, right = st.columns(2)
    words = left.text_input(tr("knowledge_filter"), key="knowledge-words").strip().lower()
    chosen = right.multiselect(tr("tags"), tags, key="knowledge-tags") if tags else []
    if words:
        docs = [d for d in docs if words in d["title"].lower() or words in d.get("source_name", "").lower()]
    if chosen:
        docs = [d for d in docs if set(chosen) <= {str(t) for t in d.get("tags") or []}]
    return docs


def overview(docs: list[dict[str, Any]]) -> None:
    rows = [{tr("title"): document_label(d), tr("tags"): ", ".join(str(t) for t in d.get("tags") or []),
             tr("person_language"): LANGUAGES.get(d.get("language", ""), d.get("language", "")),
             tr("version"): d.get("version", ""), tr("updated"): fmt_date(d.get("updated_at"))} for d in docs]
    st.dataframe(rows, hide_index=True, width="stretch")


def render() -> None:
    st.title(tr("knowledge_title"))
    st.caption(tr("knowledge_intro"))
    docs = api().documents()
    if not docs:
        st.info(tr("no_documents"))
        return
    # documents in the person's own language first, retired ones last
    docs = sorted(docs, key=lambda d: (d.get("language") != lang(), not d.get("active", True), d["title"].lower()))
    shown = filters(docs)
    if not shown:
        st.info(tr("no_documents_match"))
        return
    by_id = {d["id"]: d for d in shown}
    chosen = st.selectbox(tr("choose_document"), list(by_id), key="knowledge-doc",
                          format_func=lambda i: document_label(by_id[i]))
    if chosen is not None:
        doc = api().document(chosen)
        with st.container(border=True):
            document_view(doc)
            st.caption(tr("sections", n=len(doc.get("chunks", []))))
    with st.expander(f"{tr('all_documents')} ({len(shown)})", icon=":material/list:"):
        overview(shown)


if __name__ == "__main__":
    render()

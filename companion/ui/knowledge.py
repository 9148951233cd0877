"""Kennisbank: the knowledge documents the person may see, to read; `?doc=ID&chunk=ID` opens a cited part."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.common import api, demote_headings, document_view, fmt_date, lang, me, safe_markdown, tr
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
    chosen = right.multiselect(tr("tags"), tags, key="knowledge-tags", placeholder=tr("kb_choose")) if tags else []
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


def _int_param(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and str(value).isdigit() else None


def cited_part(doc: dict[str, Any], chunk_id: int | None) -> None:
    """The part a reply cited, shown first so the person sees at once what it drew on."""
    chunk = next((c for c in doc.get("chunks", []) if c["id"] == chunk_id), None)
    if chunk is None:
        return
    with st.container(border=True):
        st.markdown(f":material/format_quote: **{tr('kb_cited')}**")
        if chunk.get("section"):
            st.caption(tr("kb_section", section=chunk["section"]))
        st.markdown(demote_headings(safe_markdown(chunk["text"]), by=3))


def _remember_choice() -> None:
    st.query_params["doc"] = str(st.session_state["knowledge-doc"])
    st.query_params.pop("chunk", None)


def render() -> None:
    st.title(tr("knowledge_title"))
    st.caption(tr("knowledge_intro"))
    if me().get("role") == "admin":
        st.page_link("companion/ui/curation.py", label=tr("page_curation"), icon=":material/library_books:")
    docs = api().documents()
    if not docs:
        st.info(tr("no_documents"))
        return
    # documents in the person's own language first, retired ones last
    docs = sorted(docs, key=lambda d: (d.get("language") != lang(), not d.get("active", True), d["title"].lower()))
    wanted = _int_param("doc")
    shown = filters(docs)
    if wanted is not None and wanted not in {d["id"] for d in shown}:
        shown = [d for d in docs if d["id"] == wanted] + shown  # a cited document stays reachable under a filter
    if not shown:
        st.info(tr("no_documents_match"))
        return
    by_id = {d["id"]: d for d in shown}
    if wanted in by_id:
        st.session_state["knowledge-doc"] = wanted
    elif st.session_state.get("knowledge-doc") not in by_id:
        st.session_state.pop("knowledge-doc", None)
    chosen = st.selectbox(tr("choose_document"), list(by_id), key="knowledge-doc",
                          format_func=lambda i: document_label(by_id[i]), on_change=_remember_choice)
    if chosen is not None:
        doc = api().document(chosen)
        cited_part(doc, _int_param("chunk") if chosen == wanted else None)
        with st.container(border=True):
            document_view(doc)
            st.caption(tr("sections", n=len(doc.get("chunks", []))))
    with st.expander(f"{tr('all_documents')} ({len(shown)})", icon=":material/list:"):
        overview(shown)


if __name__ == "__main__":
    render()

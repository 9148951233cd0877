"""Kennisbeheer (admins only): upload, find, edit, assign, retire, restore and re-index knowledge; trajectories."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from companion.ui import trajectory_overview
from companion.ui.common import call, flash, fmt_date, me, safe_markdown, tr
from companion.ui.i18n import LANGUAGES

UPLOAD_TYPES = ["md", "markdown", "txt", "pdf", "docx", "html", "htm"]
STATUSES = ("all", "active", "retired")


def max_upload_mb() -> int:
    """The API's upload limit in whole MB, so the uploader refuses a too large file before sending it."""
    return max(1, -(-int(me().get("max_upload_bytes") or 20_000_000) // 1_000_000))


def send_file(path: str, upload, tags: str = "", language: str | None = None) -> dict[str, Any] | None:
    files = {"file": (upload.name, upload.getvalue(), upload.type or "application/octet-stream")}
    data = {k: v for k, v in {"tags": tags, "language": language}.items() if v}
    return call("POST", path, files=files, data=data or None)


def upload_form(key: str = "kb-upload") -> None:
    """Upload a document in any supported format (also used on the admin page)."""
    st.subheader(tr("admin_upload"))
    upload = st.file_uploader(tr("kb_upload_file"), type=UPLOAD_TYPES, key=f"{key}-file",
                              max_upload_size=max_upload_mb())
    left, right = st.columns([2, 1])
    tags = left.text_input(tr("upload_tags"), key=f"{key}-tags")
    language = right.selectbox(tr("kb_upload_language"), ["", *LANGUAGES], key=f"{key}-language",
                               format_func=lambda c: LANGUAGES.get(c, tr("kb_language_auto")))
    if not st.button(tr("upload_button"), type="primary", icon=":material/upload_file:", key=f"{key}-upload"):
        return
    if upload is None:
        st.warning(tr("upload_choose"))
        return
    result = send_file("/api/knowledge", upload, tags, language or None)
    if result:
        doc = result["document"]
        flash("success", tr(f"upload_{result['status']}", title=doc["title"], version=doc["version"],
                            chunks=result["chunks"]))
        st.rerun()  # the page drew its document list and count before this upload: draw them again


def audience_label(d: dict[str, Any], teams: dict[int, str], trajectories: dict[int, str]) -> str:
    names = [teams.get(t, str(t)) for t in d.get("team_ids", [])]
    names += [trajectories.get(t, str(t)) for t in d.get("trajectory_ids", [])]
    return ", ".join(names) or tr("kb_everyone")


def document_filters() -> dict[str, str]:
    words, status, language, tag = st.columns([3, 2, 2, 2])
    params = {"q": words.text_input(tr("kb_search"), key="kb-q").strip(),
              "status": status.selectbox(tr("kb_status"), STATUSES, key="kb-status",
                                         format_func=lambda s: tr(f"kb_status_{s}")),
              "language": language.selectbox(tr("language"), ["", *LANGUAGES], key="kb-language",
                                             format_func=lambda c: LANGUAGES.get(c, tr("kb_language_all")))}
    tags = sorted({str(t) for d in call("GET", "/api/knowledge") or [] for t in d.get("tags") or []})
    params["tag"] = tag.selectbox(tr("tags"), ["", *tags], key="kb-tag", format_func=lambda t: t or tr("kb_tag_all"))
    return {k: v for k, v in params.items() if v}


def edit_form(doc: dict[str, Any], teams: dict[int, str], trajectories: dict[int, str]) -> None:
    with st.form(f"kb-edit-{doc['id']}"):
        st.markdown(f"**{tr('kb_edit')}**")
        title = st.text_input(tr("title"), value=doc["title"], max_chars=300)
        left, right = st.columns(2)
        tags = left.text_input(tr("upload_tags"), value=", ".join(str(t) for t in doc.get("tags") or []))
        language = right.selectbox(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get,
                                   index=list(LANGUAGES).index(doc["language"]) if doc["language"] in LANGUAGES else 0)
        team_ids = left.multiselect(tr("kb_teams"), list(teams), default=doc.get("team_ids", []),
                                    format_func=lambda t: teams.get(t, str(t)), help=tr("kb_assign_help"),
                                    placeholder=tr("kb_choose"))
        trajectory_ids = right.multiselect(tr("kb_trajectories"), list(trajectories),
                                           default=[t for t in doc.get("trajectory_ids", []) if t in trajectories],
                                           format_func=lambda t: trajectories.get(t, str(t)),
                                           placeholder=tr("kb_choose"))
        if st.form_submit_button(tr("save"), type="primary", icon=":material/save:"):
            changes = {"title": title, "tags": [t.strip() for t in tags.split(",") if t.strip()],
                       "language": language, "team_ids": team_ids, "trajectory_ids": trajectory_ids}
            if call("PATCH", f"/api/knowledge/{doc['id']}", json=changes) is not None:
                st.session_state["kb-flash"] = tr("kb_saved")
                st.rerun()


def actions(doc: dict[str, Any]) -> None:
    left, middle, right = st.columns(3)
    if doc["active"]:
        if left.button(tr("kb_retire"), icon=":material/archive:", key=f"kb-retire-{doc['id']}", width="stretch"):
            if call("POST", f"/api/knowledge/{doc['id']}/retire") is not None:
                st.session_state["kb-flash"] = tr("kb_retired", title=doc["title"])
                st.rerun()
    elif left.button(tr("kb_restore"), icon=":material/unarchive:", key=f"kb-restore-{doc['id']}", width="stretch"):
        if call("POST", f"/api/knowledge/{doc['id']}/restore") is not None:
            st.session_state["kb-flash"] = tr("kb_restored", title=doc["title"])
            st.rerun()
    if middle.button(tr("kb_reindex"), icon=":material/sync:", key=f"kb-reindex-{doc['id']}", width="stretch"):
        if call("POST", f"/api/knowledge/{doc['id']}/reindex") is not None:
            st.success(tr("kb_reindexed", title=doc["title"]))
    if doc["active"]:
        right.page_link("companion/ui/knowledge.py", label=tr("kb_open_reader"), icon=":material/visibility:",
                        query_params={"doc": str(doc["id"])})


def size_label(n: int) -> str:
    text = f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(n, 1) / 1000:.1f} kB"
    return text.replace(".", ",") if st.session_state.get("language", "nl") == "nl" else text


def versions(doc: dict[str, Any]) -> None:
    rows = call("GET", f"/api/knowledge/{doc['id']}/versions") or []
    with st.expander(tr("kb_versions", n=len(rows)), icon=":material/history:"):
        st.dataframe([{tr("version"): v["version"], tr("kb_version_date"): fmt_date(v["created_at"]),
                       tr("kb_version_by"): v["created_by_name"] or tr("kb_cli"),
                       tr("kb_format"): v["file_format"], tr("kb_version_chunks"): v["chunk_count"],
                       tr("kb_version_size"): size_label(v["size_bytes"]),
                       tr("kb_version_hash"): v["content_hash"][:12]} for v in rows],
                     hide_index=True, width="stretch")


def chunks(doc: dict[str, Any]) -> None:
    with st.expander(tr("kb_chunks", n=len(doc.get("chunks", []))), icon=":material/segment:"):
        for chunk in doc.get("chunks", []):
            st.caption(f"#{chunk['ord'] + 1} · {chunk.get('section') or '—'} · {tr('kb_tokens', n=chunk['tokens'])}")
            st.markdown(safe_markdown(chunk["text"]))
            st.divider()


def new_version(doc: dict[str, Any]) -> None:
    with st.expander(tr("kb_new_version"), icon=":material/upload_file:"):
        st.caption(tr("kb_new_version_help"))
        upload = st.file_uploader(tr("kb_upload_file"), type=UPLOAD_TYPES, key=f"kb-version-file-{doc['id']}",
                                  max_upload_size=max_upload_mb())
        if st.button(tr("upload_button"), key=f"kb-version-upload-{doc['id']}", disabled=upload is None):
            result = send_file(f"/api/knowledge/{doc['id']}/file", upload)
            if result:
                st.session_state["kb-flash"] = tr(f"upload_{result['status']}", title=result["document"]["title"],
                                                  version=result["document"]["version"], chunks=result["chunks"])
                st.rerun()


def _row_chosen() -> None:
    """A row clicked in the table opens that document below it."""
    rows = st.session_state["kb-table"].selection.rows
    ids = st.session_state.get("kb-rows", [])
    if rows and rows[0] < len(ids):
        st.session_state["kb-doc"] = ids[rows[0]]


def documents_tab(teams: dict[int, str], trajectories: dict[int, str]) -> None:
    docs = call("GET", "/api/knowledge", params=document_filters()) or []
    st.caption(tr("kb_count_one") if len(docs) == 1 else tr("kb_count", n=len(docs)))
    if not docs:
        st.info(tr("no_documents_match"))
        return
    st.dataframe([{tr("title"): d["title"], tr("kb_status"): tr("kb_status_active" if d["active"] else
                                                                 "kb_status_retired"),
                   tr("language"): d["language"], tr("tags"): ", ".join(str(t) for t in d.get("tags") or []),
                   tr("kb_visible_for"): audience_label(d, teams, trajectories), tr("kb_format"): d["file_format"],
                   tr("version"): d["version"], tr("updated"): fmt_date(d["updated_at"])} for d in docs],
                 hide_index=True, width="stretch", on_select=_row_chosen, selection_mode="single-row",
                 key="kb-table")
    by_id = {d["id"]: d for d in docs}
    st.session_state["kb-rows"] = [d["id"] for d in docs]
    chosen = st.selectbox(tr("choose_document"), list(by_id), key="kb-doc",
                          format_func=lambda i: by_id[i]["title"] + ("" if by_id[i]["active"] else
                                                                    f" ({tr('kb_status_retired').lower()})"))
    doc = call("GET", f"/api/knowledge/{chosen}") if chosen is not None else None
    if not doc:
        return
    with st.container(border=True):
        st.subheader(doc["title"])
        st.caption(tr("document_meta", source=doc["source_name"], language=doc["language"], version=doc["version"])
                   + f" · {doc['file_format']} · {tr('kb_visible_for')}: {audience_label(doc, teams, trajectories)}")
        if not doc["active"]:
            st.warning(tr("kb_is_retired"), icon=":material/archive:")
        actions(doc)
        edit_form(doc, teams, trajectories)
        versions(doc)
        chunks(doc)
        new_version(doc)
    if st.button(tr("kb_reindex_all"), icon=":material/sync:", key="kb-reindex-all"):
        counts = call("POST", "/api/knowledge/reindex")
        if counts:
            st.success(tr("kb_reindexed_all", **counts))


def trajectory_form(key: str, teams: dict[int, str], current: dict[str, Any] | None = None) -> dict | None:
    current = current or {}
    with st.form(key, clear_on_submit=not current):
        name = st.text_input(tr("kb_trajectory_name"), value=current.get("name", ""), max_chars=200)
        description = st.text_area(tr("kb_trajectory_description"), value=current.get("description", ""), height=80)
        left, right = st.columns(2)
        starts = left.date_input(tr("kb_trajectory_start"), value=date.fromisoformat(current["starts_on"])
                                 if current.get("starts_on") else date.today(), format="DD-MM-YYYY")
        ends = right.date_input(tr("kb_trajectory_end"), value=date.fromisoformat(current["ends_on"])
                                if current.get("ends_on") else None, format="DD-MM-YYYY")
        team_ids = st.multiselect(tr("kb_teams"), list(teams), default=current.get("team_ids", []),
                                  format_func=lambda t: teams.get(t, str(t)), placeholder=tr("kb_choose"))
        label = tr("save") if current else tr("kb_trajectory_create")
        if not st.form_submit_button(label, type="primary"):
            return None
    return {"name": name.strip(), "description": description.strip(), "starts_on": starts.isoformat(),
            "ends_on": ends.isoformat() if ends else None, "team_ids": team_ids}


def trajectories_tab(teams: dict[int, str], trajectories: list[dict[str, Any]]) -> None:
    if trajectories:
        st.dataframe([{tr("kb_trajectory_name"): t["name"],
                       tr("kb_period"): f"{fmt_date(t['starts_on'])} – {fmt_date(t['ends_on']) or '…'}",
                       tr("kb_teams"): ", ".join(teams.get(i, str(i)) for i in t["team_ids"])} for t in trajectories],
                     hide_index=True, width="stretch")
        by_id = {t["id"]: t for t in trajectories}
        with st.expander(tr("kb_trajectory_edit"), icon=":material/edit:"):
            chosen = st.selectbox(tr("kb_trajectory_name"), list(by_id), format_func=lambda i: by_id[i]["name"],
                                  key="kb-trajectory")
            values = trajectory_form(f"kb-trajectory-edit-{chosen}", teams, by_id[chosen])
            if values and call("PATCH", f"/api/trajectories/{chosen}", json=values) is not None:
                st.session_state["kb-flash"] = tr("kb_trajectory_saved", name=values["name"])
                st.rerun()
    else:
        st.info(tr("kb_no_trajectories"))
    trajectory_overview.render(trajectories)
    st.subheader(tr("kb_trajectory_new"))
    values = trajectory_form("kb-trajectory-new", teams)
    if values and call("POST", "/api/trajectories", json=values) is not None:
        st.session_state["kb-flash"] = tr("kb_trajectory_created", name=values["name"])
        st.rerun()


def render() -> None:
    st.title(tr("kb_title"))
    if me().get("role") != "admin":
        st.error(tr("admin_only"))
        return
    st.caption(tr("kb_intro"))
    if st.session_state.get("kb-flash"):
        st.success(st.session_state.pop("kb-flash"))
    teams = {t["id"]: t["name"] for t in call("GET", "/api/teams") or []}
    trajectory_rows = call("GET", "/api/trajectories") or []
    trajectories = {t["id"]: t["name"] for t in trajectory_rows}
    documents, upload, trajectory = st.tabs([tr("kb_tab_documents"), tr("kb_tab_upload"), tr("kb_tab_trajectories")])
    with documents:
        documents_tab(teams, trajectories)
    with upload:
        upload_form()
    with trajectory:
        trajectories_tab(teams, trajectory_rows)


if __name__ == "__main__":
    render()

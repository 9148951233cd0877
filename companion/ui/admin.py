"""Beheer (admins only): add people, list them, and upload knowledge documents."""

from __future__ import annotations

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, me, role_label, tr
from companion.ui.i18n import LANGUAGES

ROLES = ("professional", "expert", "admin")


def people_tab() -> None:
    with st.form("add-person", clear_on_submit=False):
        st.subheader(tr("admin_add_person"))
        left, right = st.columns(2)
        username = left.text_input(tr("username"), max_chars=100)
        password = right.text_input(tr("password"), type="password", max_chars=200)
        display_name = left.text_input(tr("display_name"), max_chars=200)
        team = right.text_input(tr("team"), value=me().get("team") or "", max_chars=200)
        role = left.selectbox(tr("role"), ROLES, format_func=role_label)
        language = right.selectbox(tr("person_language"), list(LANGUAGES), format_func=LANGUAGES.get)
        submitted = st.form_submit_button(tr("admin_add_person"), type="primary", icon=":material/person_add:")
    if submitted:
        values = {"username": username.strip(), "password": password, "display_name": display_name.strip(),
                  "role": role, "team": team.strip() or None, "language": language}
        try:
            person = api().create_person(values)
            st.success(tr("person_added", name=person.get("display_name") or person["username"]))
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err, "add_person_failed"))
    st.subheader(tr("admin_people"))
    rows = [{tr("username"): p["username"], tr("display_name"): p["display_name"], tr("role"): role_label(p["role"]),
             tr("team"): p.get("team") or "", tr("person_language"): LANGUAGES.get(p["language"], p["language"])}
            for p in api().people()]
    st.dataframe(rows, hide_index=True, width="stretch")


def upload_tab() -> None:
    st.subheader(tr("admin_upload"))
    upload = st.file_uploader(tr("upload_file"), type=["md", "txt"], key="knowledge-file")
    tags = st.text_input(tr("upload_tags"), key="knowledge-tags")
    if not st.button(tr("upload_button"), type="primary", icon=":material/upload_file:", key="knowledge-upload"):
        return
    if upload is None:
        st.warning(tr("upload_choose"))
        return
    try:
        result = api().upload_knowledge(upload.name, upload.getvalue(), tags)
    except ApiError as err:
        if err.status in (0, 401):
            raise
        st.error(error_text(err, "upload_failed"))
        return
    doc = result["document"]
    st.success(tr(f"upload_{result['status']}", title=doc["title"], version=doc["version"], chunks=result["chunks"]))


def render() -> None:
    st.title(tr("admin_title"))
    if me().get("role") != "admin":
        st.error(tr("admin_only"))
        return
    people, upload = st.tabs([tr("admin_people"), tr("admin_upload")])
    with people:
        people_tab()
    with upload:
        upload_tab()


if __name__ == "__main__":
    render()

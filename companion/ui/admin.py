"""Beheer (admins only): add people (to a team chosen from a list, or a new one made on purpose), list them,
(de)activate them, upload knowledge documents, and connect the organisation's Learning Record Store (xAPI)."""

from __future__ import annotations

import streamlit as st

from companion.ui import xapi_panel
from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, me, role_label, tr
from companion.ui.i18n import LANGUAGES

ROLES = ("professional", "expert", "admin")
NO_TEAM, NEW_TEAM = "", "\x00new"  # the team choices besides the organisation's teams


def _team_label(option: str, teams: dict[str, dict]) -> str:
    if option == NO_TEAM:
        return tr("admin_team_none")
    if option == NEW_TEAM:
        return tr("admin_team_new")
    experts = teams[option]["experts"]
    return (tr("admin_team_option", team=option, experts=", ".join(experts)) if experts
            else tr("admin_team_no_expert", team=option))


def people_tab() -> None:
    """Add a person to an existing team or to a new one made on purpose (a typo cannot make a team)."""
    teams = {t["name"]: t for t in api().request("GET", "/api/admin/teams")}
    options = [NO_TEAM, *teams, NEW_TEAM]
    mine = me().get("team") or NO_TEAM
    with st.form("add-person", clear_on_submit=False):
        st.subheader(tr("admin_add_person"))
        left, right = st.columns(2)
        username = left.text_input(tr("username"), max_chars=100)
        password = right.text_input(tr("password"), type="password", max_chars=200)
        display_name = left.text_input(tr("display_name"), max_chars=200)
        team = right.selectbox(tr("team"), options, index=options.index(mine) if mine in options else 0,
                               format_func=lambda o: _team_label(o, teams), help=tr("admin_team_help"))
        role = left.selectbox(tr("role"), ROLES, format_func=role_label)
        new_name = right.text_input(tr("admin_team_new_name"), max_chars=200)
        language = left.selectbox(tr("person_language"), list(LANGUAGES), format_func=LANGUAGES.get)
        submitted = st.form_submit_button(tr("admin_add_person"), type="primary", icon=":material/person_add:")
    if submitted:
        if team == NEW_TEAM and not new_name.strip():
            st.error(tr("admin_team_new_missing"))
            return
        values = {"username": username.strip(), "password": password, "display_name": display_name.strip(),
                  "role": role, "team": (new_name.strip() if team == NEW_TEAM else team) or None,
                  "new_team": team == NEW_TEAM, "language": language}
        try:
            person = api().create_person(values)
        except ApiError as err:
            if err.status in (0, 401):
                raise
            st.error(error_text(err, "add_person_failed"))
            return
        flash("success", tr("person_added", name=person.get("display_name") or person["username"]))
        st.rerun()  # the lists show the new person, and a new team with its expert
    st.subheader(tr("admin_people"))
    everyone = api().people()
    rows = [{tr("username"): p["username"], tr("display_name"): p["display_name"], tr("role"): role_label(p["role"]),
             tr("team"): p.get("team") or "", tr("person_language"): LANGUAGES.get(p["language"], p["language"]),
             tr("admin_active"): p.get("active", True)}
            for p in everyone]
    st.dataframe(rows, hide_index=True, width="stretch")
    person_status(everyone)


def person_status(everyone: list[dict]) -> None:
    """Deactivate someone (logged out everywhere, cannot log in) or let them back in."""
    others = [p for p in everyone if p["username"] != me().get("username")]
    if not others:
        return
    st.markdown(f"**{tr('admin_person_status')}**")
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    chosen = left.selectbox(tr("admin_person_choose"), others, key="status-person",
                            format_func=lambda p: f"{p['display_name']} ({p['username']})"
                            + ("" if p.get("active", True) else " ✕"))
    active = chosen.get("active", True)
    if right.button(tr("admin_deactivate") if active else tr("admin_reactivate"), key="status-toggle",
                    icon=":material/person_off:" if active else ":material/person_check:"):
        api().set_person_active(chosen["id"], not active)
        st.session_state["admin_flash"] = tr("admin_person_deactivated" if active else "admin_person_reactivated",
                                             name=chosen["display_name"])
        st.rerun()
    if "admin_flash" in st.session_state:
        st.success(st.session_state.pop("admin_flash"))


def upload_tab() -> None:
    from companion.ui.curation import upload_form  # one upload form for every format; more on Kennisbeheer

    upload_form(key="admin-knowledge")
    st.page_link("companion/ui/curation.py", label=tr("page_curation"), icon=":material/library_books:")


def render() -> None:
    st.title(tr("admin_title"))
    if me().get("role") != "admin":
        st.error(tr("admin_only"))
        return
    people, upload, lrs = st.tabs([tr("admin_people"), tr("admin_upload"), tr("xapi_admin_tab")])
    with people:
        people_tab()
    with upload:
        upload_tab()
    with lrs:
        xapi_panel.admin_tab()


if __name__ == "__main__":
    render()

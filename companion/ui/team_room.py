"""The session room of an intervisie: the phase and what it asks now, the timer, who said what per phase, and the
form that fits the phase; live for every member through a fragment that polls the API every two seconds.

The poll asks only for contributions newer than the last one seen (`after`), and reloads everything when the phase
moved or hidden advice was revealed (those change what was already there). What someone is typing lives in a form
outside the fragment, so the refresh never touches it; a phase change reruns the whole page for the new form.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, error_text, flash, fmt_date, safe_markdown, show_error, tr
from companion.ui.team_cases import act, bring_case, case_card
from companion.ui.team_products import products_section

POLL_SECONDS = 2
LOCAL = ZoneInfo("Europe/Amsterdam")
KIND_ICON = {"facilitation": ":material/support_agent:", "summary": ":material/summarize:",
             "nudge": ":material/lightbulb:"}
PHASE_ICON = {"done": ":material/check:", "current": ":material/radio_button_checked:",
              "upcoming": ":material/radio_button_unchecked:"}


def rooms() -> dict[int, dict[str, Any]]:
    return st.session_state.setdefault("tm_rooms", {})


def load(sid: int, full: bool = False) -> dict[str, Any]:
    """The session as this reader sees it now, with every contribution so far (polled incrementally)."""
    cache = rooms().get(sid)
    after = 0 if full or cache is None else cache["latest"]
    view = api().request("GET", f"/api/team-sessions/{sid}", params={"after": after} if after else None)
    if after and (view["phase"] != cache["view"]["phase"] or
                  (cache["view"]["hidden_advice"] and not view["hidden_advice"])):
        return load(sid, full=True)  # what was hidden, or another phase's state: take everything afresh
    posts = dict(cache["posts"]) if after else {}
    posts.update({c["id"]: c for c in view["contributions"]})
    since = cache["since"] if cache else view["since_last_visit"]  # as it was when this visit began
    rooms()[sid] = {"view": view, "posts": posts, "latest": view["latest_id"], "since": since}
    return rooms()[sid]


def mark_seen(sid: int) -> None:
    try:
        api().request("POST", f"/api/team-sessions/{sid}/seen")
    except ApiError:
        pass  # only the "since your last visit" marker; the room works without it


def local_time(value: str | None) -> str:
    if not value:
        return ""
    when = datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(LOCAL)
    return f"{fmt_date(when.isoformat())} {when:%H:%M}"


def time_left(seconds: int) -> str:
    if seconds >= 2 * 86400:
        return tr("tm_left_days", n=seconds // 86400)
    if seconds >= 3600:
        return tr("tm_left_hours", n=seconds // 3600)
    if seconds >= 60:
        return tr("tm_left_minutes", n=seconds // 60)
    return tr("tm_left_seconds", n=seconds)


def kind_label(kind: str) -> str:
    key = f"tm_kind_{kind}"
    text = tr(key)
    return kind if text == key else text


def phase_strip(view: dict[str, Any]) -> None:
    """The method's phases in a row: done, now, still to come."""
    parts = []
    for p in view["phases"]:
        if p["state"] == "current":
            parts.append(f":blue-badge[{PHASE_ICON['current']} **{p['label']}**]")
        elif p["state"] == "done":
            parts.append(f":gray-badge[{PHASE_ICON['done']} {p['label']}]")
        else:
            parts.append(f":gray[{p['label']}]")
    st.markdown(" → ".join(parts))


def since_banner(room: dict[str, Any]) -> None:
    since, view = room["since"], room["view"]
    if not since.get("last_seen_at"):
        st.info(tr("tm_since_first"), icon=":material/waving_hand:")
        return
    when = local_time(since["last_seen_at"])
    n = since["new_count"]
    lines = [tr("tm_since_new_one", when=when) if n == 1 else tr("tm_since_new", when=when, n=n) if n else
             tr("tm_since_none", when=when)]
    if since.get("phase_changed") and since.get("phase_then"):
        labels = {p["id"]: p["label"] for p in view["phases"]}
        lines.append(tr("tm_since_phase", then=labels.get(since["phase_then"], since["phase_then"]),
                        now=view["phase_label"]))
    st.info(" ".join(lines), icon=":material/history:")


def contribution(c: dict[str, Any], new: bool) -> None:
    avatar = ":material/support_agent:" if c["by_companion"] else None
    with st.chat_message("assistant" if c["by_companion"] else "user", avatar=avatar):
        head = [f"**{safe_markdown(c['author_name'])}**", f":gray-badge[{kind_label(c['kind'])}]"]
        head += [f":orange-badge[{tr('tm_flag_' + f)}]" for f in c.get("flags") or []]
        if new:
            head.append(f":green-badge[{tr('tm_new_badge')}]")
        st.markdown(" ".join(head) + f" · :gray[{local_time(c['created_at'])}]")
        st.markdown(safe_markdown(c["text"]))


def timeline(room: dict[str, Any]) -> None:
    """Contributions per phase, with their authors; earlier phases folded away, the current one open."""
    view, posts = room["view"], room["posts"]
    since = room["since"]  # on a first visit everything is new: no badges then
    new_ids = set(since.get("new_ids") or []) if since.get("last_seen_at") else set()
    by_phase: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(posts.values(), key=lambda c: c["id"]):
        by_phase.setdefault(c["phase"], []).append(c)
    for p in view["phases"]:
        items = by_phase.get(p["id"], [])
        if p["state"] == "current":
            for c in items:
                contribution(c, c["id"] in new_ids)
        elif items:
            with st.expander(tr("tm_phase_earlier", phase=p["label"], n=len(items)), icon=PHASE_ICON[p["state"]]):
                for c in items:
                    contribution(c, c["id"] in new_ids)


def phase_panel(view: dict[str, Any]) -> None:
    """What is asked now (the facilitator's words), the timer, and who has not spoken yet."""
    with st.container(border=True):
        st.subheader(tr("tm_phase_header", phase=view["phase_label"]), anchor=False)
        st.markdown(safe_markdown(view["phase_asks"]))
        if view["phase_deadline"]:
            left = view.get("seconds_left") or 0
            at = local_time(view["phase_deadline"])
            st.markdown(f":material/timer: {tr('tm_time_left', left=time_left(left), at=at)}" if left > 0 else
                        f":material/timer_off: {tr('tm_time_over')}")
        if view.get("hidden_advice"):
            st.caption(f":material/visibility_off: {safe_markdown(view['hidden_advice']['text'])}")
        if view.get("not_spoken"):
            st.caption(f"**{tr('tm_not_spoken')}:** {safe_markdown(', '.join(view['not_spoken']))}")


def _loaded(sid: int) -> dict[str, Any] | None:
    """The room as `load` gives it, or None after saying why it could not be read."""
    try:
        return load(sid)
    except ApiError as err:
        show_error(err)
        return None


@st.fragment(run_every=POLL_SECONDS)
def live(sid: int) -> None:
    """Everything that changes while the team talks, refreshed every two seconds without touching the forms."""
    if (room := _loaded(sid)) is None:
        return
    view = room["view"]
    if view["phase"] != st.session_state.get(f"tm-phase-{sid}"):
        st.rerun()  # another phase: the whole page, for the form that fits it
    if view["phase"] == "closed":
        st.success(tr("tm_closed"), icon=":material/task_alt:")
    else:
        phase_panel(view)
    if view["case"] and view["phase"] not in ("cases", "choose"):
        st.markdown(f"**{tr('tm_the_case', name=safe_markdown(view['case']['owner_name']))}**")
        case_card(view["case"], view)
    elif view["phase"] in ("cases", "choose", "report"):
        st.markdown(f"**{tr('tm_vote_header') if view['phase'] == 'choose' else tr('tm_cases_header')}**")
        if not view["cases"]:
            st.caption(tr("tm_no_cases"))
        for case in view["cases"]:
            case_card(case, view, voting=view["me"]["may_vote"])
    timeline(room)
    if len(room["posts"]) > room.get("seen_count", 0):
        room["seen_count"] = len(room["posts"])
        mark_seen(sid)


def post_form(view: dict[str, Any], posts: dict[int, dict[str, Any]]) -> None:
    """The form that fits the phase: a question, an answer, analysis, advice, the choice, an evaluation."""
    kinds = view["me"]["may_post"]
    sid, owner = view["id"], (view["case"] or {}).get("owner_name", "")
    if not kinds:
        if view["phase"] not in ("cases", "choose", "closed"):
            st.caption(tr("tm_listen_owner") if view["me"]["is_case_owner"] else tr("tm_nothing_to_post"))
        return
    with st.form(f"tm-post-{sid}-{view['phase']}", clear_on_submit=True):
        if len(kinds) > 1:
            kind = st.radio(tr("tm_contribute"), kinds, format_func=kind_label, horizontal=True,
                            key=f"tm-kind-{sid}")
            label = tr("tm_contribute")
        else:
            kind = kinds[0]
            label = tr(f"tm_label_{kind}", owner=owner)
        placeholder = tr(f"tm_ph_{kinds[0]}") if f"tm_ph_{kinds[0]}" != tr(f"tm_ph_{kinds[0]}") else None
        text = st.text_area(label, placeholder=placeholder, height=100, max_chars=4000, key=f"tm-text-{sid}")
        refs: list[int] = []
        if "choice" in kinds:
            advice = {c["id"]: c for c in posts.values() if c["kind"] == "advice"}
            refs = st.multiselect(tr("tm_choose_advice"), list(advice), key=f"tm-refs-{sid}",
                                  format_func=lambda i: f"{advice[i]['author_name']}: {advice[i]['text'][:80]}")
        sent = st.form_submit_button(tr("tm_send"), type="primary", icon=":material/send:")
    if sent:
        if not text.strip():
            st.warning(tr("tm_empty_text"))
            return
        try:
            out = api().request("POST", f"/api/team-sessions/{sid}/contributions",
                                json={"kind": kind, "text": text, "refs": refs})
        except ApiError as err:
            st.error(error_text(err)) if err.status not in (0, 401) else show_error(err)
            return
        if out.get("nudge"):
            flash("info", out["nudge"]["text"])
        st.rerun()


def lead_controls(view: dict[str, Any]) -> None:
    if not view["me"]["may_advance"]:
        return
    ids = [p["id"] for p in view["phases"]]
    nxt = view["phases"][min(ids.index(view["phase"]) + 1, len(ids) - 1)]
    label = tr("tm_advance_close") if nxt["id"] == "closed" else tr("tm_advance", phase=nxt["label"])
    if st.button(label, icon=":material/skip_next:", key=f"tm-advance-{view['id']}", help=tr("tm_advance_help")):
        act("POST", f"/api/team-sessions/{view['id']}/advance", json={"expected_phase": view["phase"]})


def personal_plan(view: dict[str, Any]) -> None:
    if not view["me"]["is_case_owner"] or view["phase"] not in ("evaluation", "closed"):
        return
    if st.button(tr("tm_personal_plan"), icon=":material/checklist:", key=f"tm-plan-{view['id']}",
                 help=tr("tm_personal_plan_help")):
        try:
            api().request("POST", f"/api/team-sessions/{view['id']}/personal-plan")
        except ApiError as err:
            st.error(error_text(err)) if err.status not in (0, 401) else show_error(err)
            return
        st.success(tr("tm_personal_plan_made"), icon=":material/task_alt:")


def render(sid: int) -> None:
    """The room of session `sid`."""
    if (room := _loaded(sid)) is None:
        return
    view = room["view"]
    st.session_state[f"tm-phase-{sid}"] = view["phase"]
    st.title(safe_markdown(view["title"]), anchor=False)
    mode = tr("tm_mode_async_short") if view["mode"] == "async" else tr("tm_mode_live_short")
    st.caption(tr("tm_room_caption", method=view["method_name"], team=view["team_name"], mode=mode) + " · " +
               (tr("tm_facilitated_by", name=view["facilitator"]["name"]) if view["facilitator"] else
                tr("tm_facilitated_by_expert")))
    phase_strip(view)
    since_banner(room)
    if view.get("previous") and view["previous"].get("agreement"):
        st.caption(tr("tm_previous", agreement=safe_markdown(view["previous"]["agreement"])))
    live(sid)
    if view["me"]["may_bring_case"]:
        bring_case(view)
    post_form(view, room["posts"])
    if view["agreement"]:
        st.markdown(f"**{tr('tm_agreement')}:** {safe_markdown(view['agreement'])}")
    lead_controls(view)
    personal_plan(view)
    if view["phase"] in ("evaluation", "closed"):
        products_section(view)
    st.caption(tr("tm_companion_mode_model") if view.get("facilitation_mode") == "model" else
               tr("tm_companion_mode_offline"))

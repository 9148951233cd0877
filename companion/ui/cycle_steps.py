"""The reflection cycle above the chat: choose a cycle or let the companion propose one, see the proposal and why,
a stepper with each phase's status and what was said in it, and going back to an earlier phase."""

from __future__ import annotations

from typing import Any

import streamlit as st

from companion.ui.client import ApiError
from companion.ui.common import api, flash, lang, safe_markdown, show_error, tr
from companion.ui.conversation_menu import ident

PROPOSE = "propose"
STATUS = {"done": ("green", ":material/check:", "✓"), "current": ("blue", ":material/arrow_forward:", "→"),
          "incomplete": ("orange", ":material/more_horiz:", "…"), "todo": ("gray", "", "○")}


def cycles_info(language: str) -> dict[str, dict[str, Any]]:
    """The cycles with their names, summaries and phases, fetched once per session and language."""
    key = f"cycles-{language}"
    if key not in st.session_state:
        st.session_state[key] = {c["id"]: c for c in api().cycles(language)}
    return st.session_state[key]


def _said_something(conv: dict[str, Any]) -> bool:
    return any(m["role"] == "user" for m in conv.get("messages", []))


def _choose(conv: dict[str, Any], cycle: str, note: str | None = None) -> None:
    try:
        api().choose_cycle(conv["id"], cycle)
    except ApiError as err:
        show_error(err)
        return
    if note:
        flash("success", note)
    st.rerun()


def cycle_chooser(conv: dict[str, Any]) -> None:
    """Before the first answer: which cycle, or let the companion propose one after the first message."""
    info = cycles_info(lang())
    options = [PROPOSE, *info]
    current = PROPOSE if conv.get("chosen_by") == "pending" else conv["cycle"]
    names = {PROPOSE: tr("cycle_propose"), **{k: v["name"] for k, v in info.items()}}
    captions = [tr("cycle_propose_help"), *(v["summary"] for v in info.values())]
    choice = st.radio(tr("cycle_choose_title"), options, index=options.index(current), format_func=names.get,
                      captions=captions, key=f"cycle-choice-{ident(conv)}-{current}")
    if choice != current:
        _choose(conv, choice)


def proposal_box(conv: dict[str, Any]) -> None:
    """The companion's proposal with its reason; accept it, or take another cycle while that is still possible."""
    proposal = conv["proposal"]
    info = cycles_info(conv["language"])
    name = info.get(proposal["cycle"], {}).get("name", proposal["cycle"])
    with st.container(border=True, key=f"proposal-{ident(conv)}"):
        st.markdown(f":material/lightbulb: **{safe_markdown(tr('proposal_title', name=name))}**")
        # the reason is not repeated here: the reply below starts with it (the proposal shows once)
        others = [c for c in info if c != conv["cycle"]]
        cols = st.columns(1 + len(others))
        if cols[0].button(tr("proposal_accept"), icon=":material/check:", type="primary", key="proposal-accept",
                          width="stretch"):
            _choose(conv, conv["cycle"])
        for col, other in zip(cols[1:], others, strict=True):
            if col.button(tr("proposal_other", name=info[other]["short"]), key=f"proposal-{other}", width="stretch",
                          help=info[other]["summary"]):
                _choose(conv, other, tr("cycle_switched", name=info[other]["name"]))


def switch_menu(conv: dict[str, Any]) -> None:
    """Early in a conversation: switch to another cycle; what was said is carried over."""
    info = cycles_info(conv["language"])
    with st.popover(tr("switch_cycle"), icon=":material/swap_horiz:"):
        st.caption(tr("switch_cycle_help"))
        for other in (c for c in info if c != conv["cycle"]):
            if st.button(info[other]["short"], key=f"switch-{other}", help=info[other]["summary"], width="stretch"):
                _choose(conv, other, tr("cycle_switched", name=info[other]["name"]))


def phase_stepper(conv: dict[str, Any]) -> None:
    """The phases as badges (done, current, partly open, to do), then per phase what was said, with going back."""
    phases = conv.get("phases") or []
    if not phases:
        return
    name = cycles_info(conv["language"]).get(conv["cycle"], {}).get("name", conv["cycle"])
    name = name[:1].upper() + name[1:]  # "reflectiecyclus van Gibbs" starts a line here
    badges = []
    for phase in phases:
        color, icon, _ = STATUS.get(phase["status"], STATUS["todo"])
        badges.append(f":{color}-badge[{icon} {safe_markdown(phase['label'])}]".replace("[ ", "["))
    legend = " · ".join(f"{STATUS[s][2]} {tr('phase_' + s)}" for s in STATUS)
    st.markdown(f"**{safe_markdown(name)}** " + " → ".join(badges), help=legend)
    position = next((n for n, p in enumerate(phases, 1) if p["status"] == "current"), None)
    if position:
        current = phases[position - 1]
        st.caption(tr("phase_progress", n=position, total=len(phases), label=current["label"],
                      goal=current.get("goal") or ""))
    elif conv.get("completed"):
        st.caption(f":material/task_alt: {tr('cycle_completed')}")
    elif conv.get("finished"):
        st.caption(f":material/info: {tr('cycle_finished_open')}")
    with st.expander(tr("captured_title"), icon=":material/edit_note:"):
        tabs = st.tabs([f"{STATUS.get(p['status'], STATUS['todo'])[2]} {p['label']}" for p in phases])
        for tab, phase in zip(tabs, phases, strict=True):
            with tab:
                phase_detail(conv, phase)


def phase_detail(conv: dict[str, Any], phase: dict[str, Any]) -> None:
    st.caption(f"{tr('phase_' + phase['status'])} · {safe_markdown(phase.get('goal') or '')}")
    lines = []
    for slot in phase.get("slots") or [{"label": k, "text": v, "status": "said"} for k, v in phase["captured"].items()]:
        text = safe_markdown(slot["text"]) if slot.get("text") else f"_{tr('slot_' + slot['status'])}_"
        lines.append(f"- **{safe_markdown(slot['label'])}**: {text}")
    st.markdown("\n".join(lines))
    if phase["id"] in conv.get("back_targets", []):
        if st.button(tr("go_back", phase=phase["label"]), icon=":material/undo:", key=f"back-{phase['id']}"):
            try:
                api().go_back_to_phase(conv["id"], phase["id"])
            except ApiError as err:
                show_error(err)
                return
            flash("info", tr("went_back", phase=phase["label"]))
            st.rerun()


def cycle_header(conv: dict[str, Any]) -> None:
    """Everything about the cycle that goes above the chat."""
    if not _said_something(conv):
        cycle_chooser(conv)
        if conv.get("chosen_by") == "pending":
            return  # no stepper yet: the cycle is proposed after the first message
    proposal = conv.get("proposal")
    if _said_something(conv) and conv.get("can_switch_cycle"):
        if proposal and not proposal.get("accepted"):
            proposal_box(conv)
        else:
            switch_menu(conv)
    phase_stepper(conv)

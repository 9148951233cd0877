"""Reading one message into the slots of every phase: what it says goes where it belongs, wherever that is.

Each sentence is matched against the cues of every slot of the cycle, so a feeling, an insight or a plan is
captured in its own phase even when the person says it early. The slot the guide asked about (`pending`) takes
what no other slot's cue claimed; when every sentence belongs elsewhere (a feeling, a plan for later), that is
where it goes, and the question asked stays open instead of being filled with an answer to something else.
"""

from __future__ import annotations

import re
from typing import Any

from companion.reflection.cycles import Cycle

MIN_WORDS = 3
MAX_SLOT_CHARS = 600  # what a slot keeps when the person keeps adding to it
# Not knowing is no idea and no plan: "I don't know what I could have done differently".
_FIRST_PERSON = re.compile(r"\b(ik|me|mij|mijn|i|me|my|i'm|i’m)\b", re.IGNORECASE)
_DOUBT = re.compile(r"\b(weet (ik )?(het )?niet|ik weet (het )?niet|geen idee|(don'?t|do not) know|no idea|not sure)\b",
                    re.IGNORECASE)


# A full stop after these ends no sentence: "mevr. de Boer" is one name, not two sentences.
_ABBREVIATION = re.compile(r"\b(mevr|mw|dhr|hr|dr|drs|ir|mr|mrs|ms|bijv|evt|ca|o\.a|i\.e|e\.g|etc|vs)\.$",
                           re.IGNORECASE)


def sentences(message: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])[ \t]+|\n+", message or ""):
        piece = piece.strip()
        if out and _ABBREVIATION.search(out[-1]) and piece:
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def words(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def substantive(cycle: Cycle, message: str) -> bool:
    """Real content: not a non-answer ("weet ik niet"), and at least a few words."""
    if any(p.search(message) for p in cycle.non_answers):
        return False
    return words(message) >= MIN_WORDS


def claims(cycle: Cycle, content: str) -> dict[str, list[str]]:
    """Slot key → the sentences of the content its cues recognise (in message order)."""
    found: dict[str, list[str]] = {}
    for sentence in sentences(content):
        doubt = _DOUBT.search(sentence) is not None
        for phase in cycle.phases:
            for slot in phase.slots:
                if doubt and slot.kind in ("idea", "plan"):
                    continue
                if any(c.search(sentence) for c in slot.cues):
                    found.setdefault(slot.key, []).append(sentence)
    return found


def _store(state: dict[str, Any], key: str, text: str, filled: list[str]) -> None:
    state["slots"][key] = text
    if key in state["skipped"]:
        state["skipped"].remove(key)
    filled.append(key)


def read_into_slots(cycle: Cycle, state: dict[str, Any], content: str,
                    pending: str | None) -> tuple[list[str], list[str]]:
    """Store what the content says in every slot it answers; returns the keys it filled and those it added to."""
    filled: list[str] = []
    added: list[str] = []
    found = claims(cycle, content)
    if pending and pending in state["slots"]:  # a revision after going back: add to what was said
        if substantive(cycle, content) and content.strip() not in state["slots"][pending]:
            state["slots"][pending] = f"{state['slots'][pending]}\n{content.strip()}"
            added.append(pending)
    elif substantive(cycle, content) and cycle.phases[0].slots[0].key not in state["slots"]:
        _store(state, cycle.phases[0].slots[0].key, content.strip(), filled)  # the first real answer: the situation
    elif pending and substantive(cycle, content):
        text = _pending_text(cycle, content, pending, found)
        if text:
            _store(state, pending, text, filled)
    for key, hits in found.items():
        if key not in state["slots"]:
            _store(state, key, " ".join(hits), filled)
        elif key not in filled:  # more about something already said: keep it, in the person's words
            new = [h for h in hits if h not in state["slots"][key]]
            if new and len(state["slots"][key]) < MAX_SLOT_CHARS:
                before = state["slots"][key].rstrip()
                end = "" if before[-1:] in ".!?…" else "."
                state["slots"][key] = f"{before}{end} {' '.join(new)}"
                added.append(key)
    return filled, added


def _mention(cycle: Cycle, key: str, sentence: str) -> bool:
    """The first phase's cues notice a time or a role: in a sentence about the person, that is no competing answer."""
    return key.split(".")[0] == cycle.phases[0].id and _FIRST_PERSON.search(sentence) is not None


def _pending_text(cycle: Cycle, content: str, pending: str, found: dict[str, list[str]]) -> str:
    """What of the content answers the question asked: all of it, the part no other slot claims, or nothing."""
    claimed = {h for key, hits in found.items() if key != pending for h in hits if not _mention(cycle, key, h)}
    unclaimed = [s for s in sentences(content) if s not in claimed]
    if not unclaimed or words(" ".join(unclaimed)) < MIN_WORDS:
        return ""  # what was said answers other slots (filled there): this question stays open
    return " ".join(unclaimed) if len(unclaimed) < len(sentences(content)) else content.strip()

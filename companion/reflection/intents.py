"""What a message asks of the companion, besides what it tells: advice, to skip, to stop, or that it does not help.

The cues are regexes in the shared banks (`intents` in prompts/questions/_common.<language>.yaml), read in both
languages because people switch. A request is never content: the sentences that ask for advice (and the other
questions around them) are kept apart, so they are never stored as the answer to a slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Checked in this order: a wish to stop outweighs everything else in the same message.
KINDS = ("stop", "not_helping", "skip", "request")
DONT_KNOW = "dont_know"
# A question the person asked themselves back then is part of the story, not a request now.
_NARRATED = re.compile(r"\b(dacht|denken|vroeg (ik )?me af|afvroeg|afgevraagd|thought|wondered|asked myself|"
                       r"kept asking myself)\b", re.IGNORECASE)


_DOUBT = re.compile(r"^\W*((ik )?weet (ik )?(het )?niet|geen idee|i (really |honestly )?(don'?t|do not) know|not sure|"
                    r"no idea|idk)( precies| eigenlijk| zo goed| really| exactly)?", re.IGNORECASE)
_ABOUT = re.compile(r"^\s*(wat|wie|hoe|waarom|of|welke|what|who|how|why|whether|if|which)\b", re.IGNORECASE)
# "Ik schrijf liever in het Nederlands": about the conversation, not the experience
_LANGUAGE_REMARK = re.compile(r"\b(schrijf|schrijven|praat|typ|spreek|ga)\w*\b.{0,40}\b(nederlands|engels|english|"
                              r"dutch)\b|\b(write|speak|continue|switch|talk)\w*\b.{0,40}\b(english|dutch)\b",
                              re.IGNORECASE)
_ALTERNATIVE = re.compile(r"^\W*(of|or|en|and)\b", re.IGNORECASE)  # "Of ermee naar de eigenaar": part of the request


@dataclass
class Reading:
    intent: str | None  # one of KINDS, DONT_KNOW, or None: an ordinary answer
    content: str  # what the message says about the experience (no requests, no asking for a pause)
    request: str = ""  # the person's own words of their request


def sentences(message: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", message or "") if s.strip()]


def _matches(patterns: list[re.Pattern], sentence: str) -> bool:
    return any(p.search(sentence) for p in patterns) and not _NARRATED.search(sentence)


def read(message: str, cues: dict[str, list[re.Pattern]], non_answers: list[re.Pattern]) -> Reading:
    """The message's intent and its content; for a request or a meta remark the content is what is left."""
    parts = sentences(message)
    for kind in KINDS:
        hits = [s for s in parts if _matches(cues.get(kind, []), s)]
        if not hits:
            continue
        if kind == "request":  # the questions around a request belong to it ("... or talk to her myself?")
            hits = [s for s in parts if s in hits or s.endswith("?") or _ALTERNATIVE.match(s)]
        rest = " ".join(s for s in parts if s not in hits)
        return Reading(kind, rest if not _non_answer(rest, non_answers) else "", " ".join(hits))
    if _non_answer(message, non_answers):
        return Reading(DONT_KNOW, "")
    kept = [k for k in (_without_doubt(s) for s in parts) if k and not _LANGUAGE_REMARK.search(k)]
    if not kept:  # "I don't know what I could have done differently": not knowing, said in a sentence
        return Reading(DONT_KNOW, "")
    return Reading(None, " ".join(kept) if len(kept) < len(parts) or kept != parts else message.strip())


def doubts(message: str) -> bool:
    """The message opens with not knowing ("weet ik niet precies, ...", "I don't know, maybe ...")."""
    return _DOUBT.match(message or "") is not None


def _without_doubt(sentence: str) -> str:
    """A sentence without its opening "weet ik niet": what follows a comma is content, a clause about it is not."""
    match = _DOUBT.match(sentence)
    if not match:
        return sentence
    rest = sentence[match.end():]
    if rest.lstrip().startswith(","):
        rest = rest.lstrip()[1:].strip()
        return rest[:1].upper() + rest[1:] if rest else ""
    return "" if not rest.strip(" .!") or (_ABOUT.match(rest) and "," not in rest) else sentence


def _non_answer(text: str, non_answers: list[re.Pattern]) -> bool:
    stripped = text.strip()
    return not stripped or any(p.search(stripped) for p in non_answers)

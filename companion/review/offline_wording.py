"""Clean wording for offline drafts: the person's answers as whole sentences, every idea they named, a short theme.

The offline guide fills a product template with what the person said per phase. Pasting a raw answer into the
middle of a template sentence reads badly ("pas ik in situaties zoals ‘Gisteren had ik…’ toe wat ik wil
uitproberen: Ik denk dat…"), so templates place the person's words only where a whole sentence fits (a list
item, after a colon, in quotes), and these helpers make those sentences clean: split, trimmed, capitalised,
ended with a full stop, without questions to the companion or fillers ("ok", "weet ik niet").
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_FILLER = re.compile(r"^(ok(é|e|ay)?|ja|nee|yes|no|klaar|done|prima|goed|weet ik (het )?niet|geen idee|"
                     r"i don'?t know|no idea|dat is (het|alles)|that'?s (it|all))$", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(of|en|maar|or|and|but)\s+(?=\w)", re.IGNORECASE)  # "Of ik kan…" starts a new idea
_WORD = re.compile(r"\w+", re.UNICODE)
SIMILAR = 0.6  # two ideas sharing this share of their words are one idea said twice


def sentences(text: str | None) -> list[str]:
    """The statements in an answer: whole sentences, capitalised and ended; questions and fillers left out."""
    out: list[str] = []
    for raw in _SENTENCE_END.split((text or "").strip()):
        s = raw.strip().strip("\"'‘’“”").strip()
        if not s or s.endswith("?"):
            continue  # a question to the companion is no answer ("Wat moet ik doen?")
        s = _CONNECTOR.sub("", s)
        bare = s.rstrip(".!… ").strip()
        if not bare or _FILLER.match(bare) or len(_WORD.findall(bare)) < 2:
            continue
        s = s[0].upper() + s[1:]
        out.append(s if s[-1] in ".!…" else s + ".")
    return list(dict.fromkeys(out))


def as_text(text: str | None) -> str:
    """An answer as clean running text ('' when nothing usable was said)."""
    return " ".join(sentences(text))


def _words(sentence: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(sentence) if len(w) > 2}


def _same_idea(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return a == b
    return len(wa & wb) / min(len(wa), len(wb)) >= SIMILAR


def ideas(*answers: str | None) -> list[str]:
    """Every idea named in these answers (one sentence each), in order, each once: the first answer leads."""
    found: list[str] = []
    for answer in answers:
        for sentence in sentences(answer):
            if not any(_same_idea(sentence, known) for known in found):
                found.append(sentence)
    return found


def theme(situation: str | None, limit: int = 90) -> str:
    """A short name for the situation (its first sentence, cut at a word if long), for a title."""
    first = next(iter(sentences(situation)), "").rstrip(".!… ")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def quoted(text: str) -> str:
    """The person's own words inside a template sentence: “like this”."""
    return f"“{text}”" if text else text

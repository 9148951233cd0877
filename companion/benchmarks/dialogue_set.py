"""The scripted conversations of `companion bench dialogue` (format: eval/dialogue/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from companion.benchmarks import dialogue_measures as measures

DEFAULT_SET = Path(__file__).resolve().parents[2] / "eval" / "dialogue"


@dataclass(frozen=True)
class Turn:
    text: str
    language: str  # the language the reply should be in: the turn's own, as written or detected
    request: bool = False  # a direct request for advice
    dont_know: bool = False
    jump: str = ""  # the person jumps ahead: the phase the message belongs to ("next": any later phase)


@dataclass(frozen=True)
class Earlier:
    title: str
    description: str
    day: date
    similar: bool


@dataclass(frozen=True)
class Script:
    id: str
    language: str
    sector: str
    turns: list[Turn]
    history: list[Earlier] = field(default_factory=list)
    about: str = ""


def _jump(value) -> str:
    if value is None or value is False:
        return ""
    return "next" if value is True else str(value)


def _turns(raw: list, language: str) -> list[Turn]:
    turns, current = [], language
    for item in raw:
        item = {"text": item} if isinstance(item, str) else dict(item)
        text = str(item["text"]).strip()
        # a short "ok" keeps the language the person was writing in; a longer message shows its own
        current = item.get("language") or measures.detect_language(text) or current
        turns.append(Turn(text=text, language=current,
                          request=bool(item.get("request", measures.is_request(text))),
                          dont_know=bool(item.get("dont_know", measures.is_dont_know(text))),
                          jump=_jump(item.get("jump"))))
    return turns


def parse(data: dict, origin: str = "") -> Script:
    """One conversation from its YAML mapping; raises ValueError naming what is wrong."""
    missing = [k for k in ("id", "language", "turns") if not data.get(k)]
    if missing:
        raise ValueError(f"{origin}: missing {', '.join(missing)}")
    if data["language"] not in ("nl", "en"):
        raise ValueError(f"{origin}: language must be nl or en")
    history = [Earlier(title=str(h["title"]), description=str(h.get("description") or h["title"]),
                       day=h["date"] if isinstance(h["date"], date) else date.fromisoformat(str(h["date"])),
                       similar=bool(h.get("similar", False))) for h in data.get("history") or []]
    return Script(id=str(data["id"]), language=data["language"], sector=str(data.get("sector", "")),
                  turns=_turns(data["turns"], data["language"]), history=history, about=str(data.get("about", "")))


def load(path: Path = DEFAULT_SET) -> list[Script]:
    """All conversations of a folder of *.yaml files, or of one file (one conversation, or `conversations:`)."""
    files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]
    scripts = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        items = data.get("conversations", [data]) if isinstance(data, dict) else data
        scripts += [parse(item, f"{file.name}") for item in items]
    ids = [s.id for s in scripts]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate conversation ids: {', '.join(duplicates)}")
    return scripts

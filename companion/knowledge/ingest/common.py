"""What every parser gives back, and the small helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_NL_WORDS = {"de", "het", "een", "en", "van", "je", "ik", "niet", "wat", "dat", "zijn", "voor", "met", "op"}
_EN_WORDS = {"the", "a", "and", "of", "you", "i", "not", "what", "that", "are", "for", "with", "on", "is"}


@dataclass
class ParsedDocument:
    """A document as its own structure shows it: sections are (heading, text) in reading order."""

    title: str
    language: str
    tags: list[str]
    body: str
    sections: list[tuple[str, str]]
    file_format: str = "markdown"
    meta: dict = field(default_factory=dict)


def guess_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())[:2000]
    nl = sum(w in _NL_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > nl else "nl"


def human_size(n: int) -> str:
    """A byte count as people say it, the same in Dutch and English: "2 MB", "500 kB", "1234 bytes"."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000} MB"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000} kB"
    return f"{n} bytes"


def title_from_name(filename: str) -> str:
    return Path(filename).stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Document"


def clean_space(text: str) -> str:
    """Runs of spaces and tabs as one space, no trailing spaces, at most one blank line in a row."""
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def sections_to_markdown(sections: list[tuple[str, str]]) -> str:
    """The readable body of a non-Markdown document: each section under its own heading."""
    parts = []
    for heading, text in sections:
        parts.append(f"## {heading}\n\n{text}" if heading else text)
    return "\n\n".join(parts)


def finish(title: str | None, sections: list[tuple[str, str]], filename: str, language: str | None = None,
           tags: list[str] | None = None) -> ParsedDocument:
    """A ParsedDocument from sections found by a parser: empty sections dropped, title and language settled."""
    sections = [(h.strip()[:300], clean_space(t)) for h, t in sections]
    sections = [(h, t) for h, t in sections if t]
    text = "\n".join(t for _, t in sections)
    if language not in ("nl", "en"):
        language = guess_language(text)
    title = (title or "").strip() or next((h for h, _ in sections if h), "") or title_from_name(filename)
    return ParsedDocument(title=title[:300], language=language, tags=tags or [],
                          body=sections_to_markdown(sections), sections=sections)

"""Markdown and plain text: YAML front matter (title, language, tags) and sections under each heading."""

from __future__ import annotations

import re

import yaml

from companion.core.errors import Invalid
from companion.knowledge.ingest.common import ParsedDocument, guess_language, title_from_name

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def decode_text(raw: bytes) -> str:
    """UTF-8 text of a file, or a clear error for binary or otherwise encoded content."""
    if b"\x00" in raw:
        raise Invalid("upload_binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid("upload_not_utf8") from exc
    if not text.strip():
        raise Invalid("upload_empty")
    return text


def front_matter(text: str) -> tuple[dict, str]:
    """(metadata, rest of the text); a broken YAML block is an error that names its line."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        loaded = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)  # 0-based within the front matter, after the first ---
        raise Invalid("front_matter_invalid", line=mark.line + 2 if mark is not None else 1) from exc
    return (loaded if isinstance(loaded, dict) else {}), text[m.end():]


def parse_markdown(text: str, filename: str) -> ParsedDocument:
    """Front matter and the sections under each heading (a heading inside a code block is not one)."""
    meta, text = front_matter(text)
    sections: list[tuple[str, list[str]]] = [("", [])]
    first_heading = None
    in_code = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
        h = None if in_code else _HEADING.match(line)
        if h:
            first_heading = first_heading or h.group(2)
            sections.append((h.group(2), []))
        else:
            sections[-1][1].append(line)
    title = str(meta.get("title") or first_heading or title_from_name(filename))
    language = str(meta.get("language") or "")
    if language not in ("nl", "en"):
        language = guess_language(text)
    tags = meta.get("tags") or []
    tags = [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]
    joined = [(head, "\n".join(lines).strip()) for head, lines in sections]
    return ParsedDocument(title=title[:300], language=language, tags=tags, body=text.strip(),
                          sections=[(h[:300], t) for h, t in joined if t])

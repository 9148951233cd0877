"""PDF: text per page with pypdf; lines set in a larger font are headings, vertical gaps end paragraphs."""

from __future__ import annotations

import io
import logging
from collections import Counter
from dataclasses import dataclass

from companion.core.errors import Invalid
from companion.knowledge.ingest.common import ParsedDocument, finish

log = logging.getLogger(__name__)
HEADING_RATIO = 1.15  # a line at least this much larger than the body text is a heading
MAX_HEADING_CHARS = 150
MAX_PAGES = 2000


@dataclass
class Line:
    text: str
    size: float
    y: float
    page: int


def _page_lines(page, number: int) -> list[Line]:
    """The page's text lines with their font size and height, in the order pypdf reads them."""
    lines: list[Line] = []

    def visit(text, cm, tm, font_dict, font_size):  # noqa: ANN001
        scale = abs(tm[3] or 1.0) * abs(cm[3] or 1.0)
        size = float(font_size or 0) * scale
        y = float(tm[5]) * abs(cm[3] or 1.0) + float(cm[5])
        for n, part in enumerate(text.split("\n")):
            if n > 0 or not lines or abs(lines[-1].y - y) > max(size, 1.0) * 0.5:
                if part.strip() or n == 0:
                    lines.append(Line(part, size, y, number))
                continue
            lines[-1].text += part
            lines[-1].size = max(lines[-1].size, size)

    page.extract_text(visitor_text=visit)
    return [Line(" ".join(ln.text.split()), ln.size, ln.y, ln.page) for ln in lines if ln.text.strip()]


def parse_pdf(raw: bytes, filename: str) -> ParsedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Invalid("knowledge_pdf_encrypted")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise Invalid("knowledge_too_many_pages", max_pages=MAX_PAGES)
        lines = [line for n, page in enumerate(pages, 1) for line in _page_lines(page, n)]
        meta_title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except Invalid:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, ZeroDivisionError, NotImplementedError) as exc:
        log.info("unreadable PDF %s: %s", filename, exc)
        raise Invalid("knowledge_file_corrupt", kind="PDF") from exc
    if not lines:
        raise Invalid("knowledge_pdf_no_text")
    return finish(str(meta_title) if meta_title else None, _sections(lines), filename)


def _sections(lines: list[Line]) -> list[tuple[str, str]]:
    """Sections under each heading line; before the first heading, sections are named by page."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    body_size = weights.most_common(1)[0][0] if weights else 0.0
    sections: list[tuple[str, list[str]]] = []
    heading = None
    previous: Line | None = None
    for line in lines:
        is_heading = (body_size > 0 and line.size >= body_size * HEADING_RATIO
                      and len(line.text) <= MAX_HEADING_CHARS)
        if is_heading:
            if sections and heading is not None and not sections[-1][1] and previous and previous.page == line.page:
                sections[-1] = (f"{sections[-1][0]} {line.text}", [])  # a heading that wraps onto two lines
            else:
                heading = line.text
                sections.append((heading, []))
        else:
            if heading is None and (not sections or previous is None or previous.page != line.page):
                sections.append((f"p. {line.page}", []))
            paragraphs = sections[-1][1]
            gap = previous is not None and previous.page == line.page and \
                (previous.y - line.y) > max(line.size, 1.0) * 1.8
            new_page = previous is not None and previous.page != line.page
            if not paragraphs or gap or new_page:
                paragraphs.append(line.text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], line.text)
        previous = line
    return [(h, "\n\n".join(p)) for h, p in sections]


def _join(before: str, after: str) -> str:
    """Two lines of one paragraph; a word hyphenated at the line end is made whole again."""
    if before.endswith("-") and after[:1].islower():
        return before[:-1] + after
    return f"{before} {after}"

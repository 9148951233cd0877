"""DOCX: paragraphs in reading order with python-docx; Heading/Title styles start sections, tables become rows."""

from __future__ import annotations

import io
import logging
import re
import zipfile

from companion.core.errors import Invalid
from companion.knowledge.ingest.common import ParsedDocument, finish

log = logging.getLogger(__name__)
# Word's built-in heading styles, whatever the UI language called them ("Heading 2", "Kop 2", style id "Heading2")
_HEADING_STYLE = re.compile(r"^(heading|kop)\s*\d$", re.I)


def _style(paragraph) -> str:  # noqa: ANN001
    style = paragraph.style
    return f"{style.name or ''}|{style.style_id or ''}" if style is not None else ""


def _is_heading(paragraph) -> bool:  # noqa: ANN001
    return any(_HEADING_STYLE.match(part.strip()) for part in _style(paragraph).split("|"))


def _is_title(paragraph) -> bool:  # noqa: ANN001
    return any(part.strip().lower() in ("title", "titel") for part in _style(paragraph).split("|"))


def _is_list(paragraph) -> bool:  # noqa: ANN001
    return "list" in _style(paragraph).lower() or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None


def parse_docx(raw: bytes, filename: str) -> ParsedDocument:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(raw))
        blocks = list(document.iter_inner_content())
        core_title = document.core_properties.title
        core_language = (document.core_properties.language or "")[:2].lower()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError, OSError) as exc:
        log.info("unreadable DOCX %s: %s", filename, exc)
        raise Invalid("knowledge_file_corrupt", kind="DOCX") from exc
    title = core_title or None
    sections: list[tuple[str, list[str]]] = [("", [])]
    for block in blocks:
        if isinstance(block, Table):
            rows = [" | ".join(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                    for row in block.rows]
            sections[-1][1].append("\n".join(r for r in rows if r))
            continue
        text = block.text.strip()
        if not text:
            continue
        if _is_title(block):
            title = title or text
        elif _is_heading(block):
            sections.append((text, []))
        elif _is_list(block) and sections[-1][1] and sections[-1][1][-1].startswith("- "):
            sections[-1][1][-1] += f"\n- {text}"  # a list stays one paragraph
        else:
            sections[-1][1].append(f"- {text}" if _is_list(block) else text)
    return finish(title, [(h, "\n\n".join(p)) for h, p in sections], filename, language=core_language)

"""HTML: headings h1-h6 start sections; paragraphs, list items, quotes and table rows are its text.

Scripts, styles, navigation, headers, footers and forms are left out: they are page furniture, not knowledge.
"""

from __future__ import annotations

import logging

from companion.knowledge.ingest.common import ParsedDocument, finish
from companion.knowledge.ingest.markdown import decode_text

log = logging.getLogger(__name__)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = (*HEADINGS, "p", "li", "pre", "blockquote", "tr", "dt", "dd", "figcaption", "caption")
FURNITURE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
             "svg", "button", "select", "menu")


def parse_html(raw: bytes, filename: str) -> ParsedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(raw), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    html_tag = soup.find("html")
    language = str(html_tag.get("lang") or "")[:2].lower() if html_tag else ""
    for tag in soup(FURNITURE):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    sections: list[tuple[str, list[str]]] = [("", [])]
    h1 = None
    for element in root.find_all(BLOCKS):
        if element.find(BLOCKS):
            continue  # a container of blocks: its inner blocks are read on their own
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        if element.name in HEADINGS:
            h1 = h1 or (text if element.name == "h1" else None)
            sections.append((text, []))
        elif element.name == "li":
            paragraphs = sections[-1][1]
            if paragraphs and paragraphs[-1].startswith("- "):
                paragraphs[-1] += f"\n- {text}"
            else:
                paragraphs.append(f"- {text}")
        elif element.name == "tr":
            sections[-1][1].append(" | ".join(c.get_text(" ", strip=True) for c in element.find_all(["td", "th"])))
        else:
            sections[-1][1].append(text)
    if all(not p for _, p in sections):  # text outside any block (a bare page): take it as paragraphs
        text = root.get_text("\n", strip=True)
        sections = [("", [line for line in text.splitlines() if line.strip()])]
    return finish(title or h1, [(h, "\n\n".join(p)) for h, p in sections], filename, language=language)

"""Downloads of a suggestion as Markdown, DOCX (python-docx) or PDF (fpdf2), labelled as AI-made (or as drafted by
the offline guide, which fills a template and is no AI).

One Markdown text is the source; DOCX and PDF render its few constructs (headings, bullets, **bold**,
*italic* lines, rules). The PDF embeds DejaVu Sans so every Dutch (and other Unicode) character prints.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from companion.core.texts.review import EXPORT_LABELS
from companion.models import Suggestion
from companion.review.suggestions import display_status, made_with_ai, render_markdown, sent_version

FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def markdown(s: Suggestion, owner_name: str = "") -> str:
    """The whole document: title, who made it (AI or the offline guide), the body, the expert's comment.

    The body is the final version once approved, else the version the owner sends: never the drafter's version the
    owner changed before sending (the expert may download it too).
    """
    lang = s.language if s.language in EXPORT_LABELS else "nl"
    t = EXPORT_LABELS[lang]
    status = display_status(s)
    if made_with_ai(s):
        made = f"{t['ai']} · {t['by']} {s.drafted_by.removeprefix('model:')}"
    else:
        made = t["offline"]
    if s.owner_version is not None:
        made += " · " + t["owner_edit"].format(owner=owner_name).strip()
    lines = [f"# {s.title}", "", f"*{made} · {t['status']}: {t[status]}*", ""]
    if s.status in ("draft", "pending", "withdrawn"):
        lines += [f"*{t['note']}*", ""]
    lines += [render_markdown(s.kind, s.final if s.status == "approved" and s.final else sent_version(s), lang), ""]
    if s.review_comment:
        lines += [f"## {t['comment']}", "", s.review_comment, ""]
    return "\n".join(lines).strip() + "\n"


@dataclass
class Block:
    kind: str  # h1, h2, h3, bullet, italic, rule, text
    text: str


def blocks(md: str) -> list[Block]:
    """The Markdown we write, as blocks (only the constructs `markdown` and the product renderers use)."""
    out: list[Block] = []
    for line in md.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "---":
            out.append(Block("rule", ""))
        elif m := re.match(r"^(#{1,3}) (.*)$", stripped):
            out.append(Block(f"h{len(m.group(1))}", m.group(2)))
        elif stripped.startswith("- "):
            out.append(Block("bullet", stripped[2:]))
        elif len(stripped) > 2 and stripped[0] == stripped[-1] == "*" and not stripped.startswith("**"):
            out.append(Block("italic", stripped[1:-1]))
        else:
            out.append(Block("text", stripped))
    return out


def runs(text: str) -> list[tuple[str, bool]]:
    """Text split into (piece, bold) at **bold** markers."""
    parts = _BOLD.split(text)
    return [(p, n % 2 == 1) for n, p in enumerate(parts) if p]


def docx_bytes(s: Suggestion, owner_name: str = "") -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = s.title
    doc.core_properties.comments = "AI-made suggestion" if made_with_ai(s) else "Drafted by the offline guide"
    for b in blocks(markdown(s, owner_name)):
        if b.kind in ("h1", "h2", "h3"):
            doc.add_heading(b.text, level=int(b.kind[1]) - 1 if b.kind != "h1" else 0)
        elif b.kind == "rule":
            doc.add_paragraph("—" * 20)
        else:
            para = doc.add_paragraph(style="List Bullet" if b.kind == "bullet" else None)
            for piece, bold in runs(b.text):
                run = para.add_run(piece)
                run.bold = bold
                run.italic = b.kind == "italic"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _font_dir() -> Path | None:
    return next((d for d in FONT_DIRS if (d / "DejaVuSans.ttf").exists()), None)


def _latin1(text: str) -> str:
    """Without a Unicode font: keep what Latin-1 has (é, ë, ï...), replace the rest with its closest ASCII."""
    swaps = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "€": "EUR", "•": "-"}
    text = "".join(swaps.get(ch, ch) for ch in text)
    return "".join(ch if ord(ch) < 256 else unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
                   for ch in text)


def pdf_bytes(s: Suggestion, owner_name: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(s.title)
    pdf.set_creator("companion (AI-made suggestion)" if made_with_ai(s) else "companion (offline guide)")
    fonts = _font_dir()
    if fonts is not None:
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf"),
                            ("BI", "DejaVuSans-BoldOblique.ttf")):
            pdf.add_font("DejaVu", style, str(fonts / name))
        family, clean = "DejaVu", (lambda x: x)
    else:
        family, clean = "Helvetica", _latin1
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    sizes = {"h1": 18, "h2": 14, "h3": 12}
    for b in blocks(markdown(s, owner_name)):
        pdf.set_x(pdf.l_margin)
        if b.kind in sizes:
            pdf.ln(3)
            pdf.set_font(family, "B", sizes[b.kind])
            pdf.multi_cell(0, sizes[b.kind] * 0.5, clean(b.text), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1)
            continue
        if b.kind == "rule":
            pdf.ln(2)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(3)
            continue
        if b.kind == "bullet":
            pdf.set_font(family, "", 11)
            pdf.write(6, clean("• ") if family == "DejaVu" else "- ")
        for piece, bold in runs(b.text):
            pdf.set_font(family, ("B" if bold else "") + ("I" if b.kind == "italic" else ""), 11)
            pdf.write(6, clean(piece))
        pdf.ln(8)
    return bytes(pdf.output())


def export(s: Suggestion, fmt: str, owner_name: str = "") -> tuple[bytes, str, str]:
    """(content, media type, file name) of a suggestion in `fmt` (md, docx or pdf)."""
    from companion.core.errors import Invalid

    if fmt not in FORMATS:
        raise Invalid("export_format_invalid", choices=", ".join(FORMATS))
    content = {"md": lambda: markdown(s, owner_name).encode("utf-8"), "docx": lambda: docx_bytes(s, owner_name),
               "pdf": lambda: pdf_bytes(s, owner_name)}
    return content[fmt](), FORMATS[fmt], f"{filename(s)}.{fmt}"


def filename(s: Suggestion) -> str:
    """An ASCII file name from the title (accents dropped), with the suggestion's id."""
    ascii_title = unicodedata.normalize("NFKD", s.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:60] or s.kind
    return f"{slug}-{s.id}"

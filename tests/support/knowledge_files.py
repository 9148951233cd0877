"""Small knowledge files of every format, built with the libraries in the test (no binary fixtures)."""

from __future__ import annotations

import io


def pdf_bytes(sections: list[tuple[str, list[str]]], title: str = "", pages_break_after: int | None = None) -> bytes:
    """A PDF with headings in a larger font and paragraphs in body text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if title:
        pdf.set_title(title)
    for n, (heading, paragraphs) in enumerate(sections):
        pdf.set_font("helvetica", size=18)
        pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        for para in paragraphs:
            pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(5)
        if pages_break_after is not None and n == pages_break_after:
            pdf.add_page()
    return bytes(pdf.output())


def docx_bytes(sections: list[tuple[str, list[str]]], title: str = "", bullets: list[str] | None = None) -> bytes:
    from docx import Document

    doc = Document()
    if title:
        doc.add_heading(title, 0)
    for heading, paragraphs in sections:
        doc.add_heading(heading, 1)
        for para in paragraphs:
            doc.add_paragraph(para)
    for item in bullets or []:
        doc.add_paragraph(item, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def html_bytes(sections: list[tuple[str, list[str]]], title: str = "", lang: str = "nl") -> bytes:
    body = "".join(f"<h2>{h}</h2>" + "".join(f"<p>{p}</p>" for p in paras) for h, paras in sections)
    return (f'<!doctype html><html lang="{lang}"><head><title>{title}</title><style>p {{color: red}}</style>'
            f'<script>var geheim = "scriptwoord";</script></head><body><nav><a href="/">Menuwoord</a></nav>'
            f"<main><h1>{title}</h1>{body}</main><footer>Voetwoord</footer></body></html>").encode()


def md_bytes(sections: list[tuple[str, list[str]]], title: str = "") -> bytes:
    parts = [f"# {title}\n"] + [f"## {h}\n\n" + "\n\n".join(paras) + "\n" for h, paras in sections]
    return "\n".join(parts).encode()

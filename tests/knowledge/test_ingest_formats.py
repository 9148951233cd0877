"""Every supported format is read along its own structure, in token-aware chunks, or refused clearly."""

import pytest

from companion.core.errors import Invalid, TooLarge
from companion.knowledge import documents
from companion.knowledge.ingest import read_upload
from companion.llm import token_count
from tests.support.knowledge_files import docx_bytes, html_bytes, md_bytes, pdf_bytes

SECTIONS = [
    ("Feedback geven", ["Benoem het gedrag dat je zag en vertel wat het effect op jou was."]),
    ("Oefenen met collega's", ["Oefen in een rustig moment met een collega die je vertrouwt.",
                               "Vraag daarna wat de ander hoorde."]),
]
BUILDERS = {"x.md": md_bytes, "x.txt": md_bytes, "x.pdf": pdf_bytes, "x.docx": docx_bytes, "x.html": html_bytes}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_each_format_is_read_along_its_headings(name):
    parsed = read_upload(name, BUILDERS[name](SECTIONS, title="Feedback in de zorg"), 2_000_000)
    headings = [h for h, _ in parsed.sections]
    assert headings[-2:] == ["Feedback geven", "Oefenen met collega's"], parsed.sections
    assert parsed.title == "Feedback in de zorg" and parsed.language == "nl"
    practice = dict(parsed.sections)["Oefenen met collega's"]
    assert "rustig moment" in practice and "Vraag daarna" in practice and "Benoem" not in practice
    assert parsed.file_format == documents.FORMATS["." + name.split(".")[1]]
    assert "## Oefenen met collega's" in parsed.body or "# Oefenen" in parsed.body


def test_html_leaves_out_scripts_styles_navigation_and_footer():
    parsed = read_upload("p.html", html_bytes(SECTIONS, title="Feedback", lang="en"), 100_000)
    text = " ".join(t for _, t in parsed.sections)
    assert not {"scriptwoord", "Menuwoord", "Voetwoord", "color"} & set(text.replace(".", " ").split())
    assert parsed.language == "en"  # the page's lang attribute wins over guessing


def test_docx_lists_stay_together_and_title_style_is_the_title():
    raw = docx_bytes(SECTIONS, title="Samenwerken", bullets=["Eerste punt", "Tweede punt"])
    parsed = read_upload("s.docx", raw, 1_000_000)
    assert parsed.title == "Samenwerken"
    assert parsed.sections[-1][1].endswith("- Eerste punt\n- Tweede punt")


def test_pdf_sections_continue_across_pages_and_stay_apart():
    raw = pdf_bytes(SECTIONS, pages_break_after=0)
    parsed = read_upload("two-pages.pdf", raw, 1_000_000)
    assert [h for h, _ in parsed.sections] == ["Feedback geven", "Oefenen met collega's"]


@pytest.mark.parametrize("name", ["long.pdf", "long.docx", "long.html", "long.md"])
def test_long_sections_become_chunks_within_the_token_limit(name):
    para = "De professional kijkt terug op het eigen handelen en benoemt wat werkte en wat niet. " * 12
    sections = [("Lang hoofdstuk", [para] * 6), ("Kort", ["Een korte alinea."])]
    parsed = read_upload(name, BUILDERS["x." + name.split(".")[1]](sections, title="Lang"), 5_000_000)
    chunks = documents.chunk_sections(parsed.sections)
    assert len(chunks) >= 4
    assert all(token_count.count(text) <= documents.CHUNK_TOKENS for _, text in chunks)
    assert chunks[-1] == ("Kort", "Een korte alinea.")
    assert {s for s, _ in chunks[:-1]} == {"Lang hoofdstuk"}


BAD = [
    ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00", Invalid, "knowledge_unsupported_type"),
    ("README", b"just words", Invalid, "knowledge_no_extension"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage", Invalid, "knowledge_file_corrupt"),
    ("broken.docx", b"PK\x03\x04 not really a zip", Invalid, "knowledge_file_corrupt"),
    ("fake.docx", b"this is plain text, not a Word file", Invalid, "knowledge_file_corrupt"),
    ("empty.pdf", b"", Invalid, "upload_empty"),
    ("empty.html", b"<html><body><nav>Menu</nav><script>x()</script></body></html>", Invalid, "document_empty"),
    ("latin.html", "<p>café</p>".encode("latin-1"), Invalid, "upload_not_utf8"),
]


@pytest.mark.parametrize(("name", "raw", "error", "code"), BAD, ids=[b[0] for b in BAD])
def test_unreadable_files_are_refused_with_a_reason(name, raw, error, code):
    with pytest.raises(error) as info:
        read_upload(name, raw, 1_000_000)
    assert info.value.code == code
    assert info.value.text("nl") != info.value.text("en")


def test_a_pdf_without_text_is_refused():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, like a scan: no text layer
    with pytest.raises(Invalid) as info:
        read_upload("scan.pdf", bytes(pdf.output()), 1_000_000)
    assert info.value.code == "knowledge_pdf_no_text"


def test_too_large_is_refused_before_parsing():
    with pytest.raises(TooLarge):
        read_upload("big.pdf", b"%PDF" + b"0" * 2000, 1000)

"""Downloads: Markdown, DOCX and PDF that open with their libraries, keep Dutch characters and say who made them
(AI, or the offline guide, which is no AI)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from companion.review import exports, suggestions
from tests.support.review_data import PAYLOADS, principal, send

DUTCH = "Één cliënt zei: ‘Ik ben geïrriteerd’ – de reünie kost €25…"


@pytest.fixture
def suggestion(services, org):
    payload = dict(PAYLOADS["action_plan"], first_step=DUTCH)
    with services.sessions() as session:
        s = suggestions.create_suggestion(session, principal(services, "anne"), "action_plan", "Actieplan: overdracht",
                                     payload, drafted_by="model:gpt-test", prompt_version="action_plan.nl@abc")
    return send(services, s.id, share="draft")


def test_markdown_labels_the_ai_and_holds_every_section(suggestion):
    text = exports.export(suggestion, "md")[0].decode("utf-8")
    assert text.startswith("# Actieplan: overdracht")
    assert "Gemaakt met AI" in text and "gpt-test" in text and "wacht op beoordeling" in text
    assert "action_plan.nl@abc" not in text  # internal identifiers stay in the API and the audit trail
    for heading in ("SMART-leerdoel", "Acties", "Succescriteria", "Steun van de organisatie", "Eerste kleine stap"):
        assert f"## {heading}" in text
    assert DUTCH in text


def test_docx_opens_and_keeps_headings_bullets_and_dutch(suggestion):
    content, media_type, name = exports.export(suggestion, "docx")
    assert media_type.endswith("wordprocessingml.document") and name.endswith(".docx")
    doc = Document(io.BytesIO(content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Actieplan: overdracht" and doc.paragraphs[0].style.name == "Title"
    assert any("Gemaakt met AI" in t for t in texts)
    assert DUTCH in texts
    assert any(p.style.name == "List Bullet" and "Vragen of ik mijn zin mag afmaken" in p.text for p in doc.paragraphs)
    assert doc.core_properties.title == "Actieplan: overdracht"


def test_pdf_opens_and_keeps_dutch_characters(suggestion):
    content, media_type, name = exports.export(suggestion, "pdf")
    assert media_type == "application/pdf" and content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Gemaakt met AI" in text
    for word in ("Één", "cliënt", "geïrriteerd", "reünie", "€25"):
        assert word in text


def test_pdf_without_the_unicode_font_still_prints_latin_letters(suggestion, monkeypatch):
    monkeypatch.setattr(exports, "FONT_DIRS", ())
    reader = PdfReader(io.BytesIO(exports.export(suggestion, "pdf")[0]))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "cliënt" in text and "geïrriteerd" in text and "EUR25" in text


def test_an_approved_edit_exports_the_final_with_the_comment(services, org, suggestion):
    final = dict(suggestion.draft, first_step="Morgen vraag ik feedback.")
    with services.sessions() as session:
        s = suggestions.decide(session, services.index, principal(services, "eva"), suggestion.id, "approved",
                          "Kleinere eerste stap.", final)
    text = exports.markdown(s)
    assert "Morgen vraag ik feedback." in text and DUTCH not in text
    assert "bewerkt en goedgekeurd" in text and "Kleinere eerste stap." in text


def test_an_offline_draft_says_so_and_not_ai(services, org):
    with services.sessions() as session:
        s = suggestions.create_suggestion(session, principal(services, "anne"), "action_plan", "Actieplan: x",
                                          PAYLOADS["action_plan"], drafted_by="offline guide",
                                          prompt_version="action_plan.nl@abc")
    text = exports.markdown(s)
    assert "Opgesteld met de offline gids" in text and "AI" not in text.split("\n\n")[1]
    assert "alleen jij ziet het" in text  # an unsent draft says whose eyes it is for
    doc = Document(io.BytesIO(exports.export(s, "docx")[0]))
    assert doc.core_properties.comments == "Drafted by the offline guide"


def test_the_owners_edit_is_exported_and_the_version_before_it_never(services, org):
    from companion.review import sharing

    with services.sessions() as session:
        s = suggestions.create_suggestion(session, principal(services, "anne"), "action_plan", "Actieplan: x",
                                          dict(PAYLOADS["action_plan"], first_step=DUTCH), drafted_by="model:m",
                                          prompt_version="v")
        s = sharing.edit_draft(session, principal(services, "anne"), s.id,
                               payload=dict(PAYLOADS["action_plan"], first_step="Mijn eigen eerste stap."))
        text = exports.markdown(s, owner_name="Anne")
    assert "Mijn eigen eerste stap." in text and DUTCH not in text and "aangepast door Anne" in text


def test_unknown_format_is_refused(suggestion):
    with pytest.raises(Exception) as exc:
        exports.export(suggestion, "exe")
    assert getattr(exc.value, "code", "") == "export_format_invalid"


def test_file_names_are_plain_ascii(suggestion):
    assert exports.filename(suggestion) == f"actieplan-overdracht-{suggestion.id}"

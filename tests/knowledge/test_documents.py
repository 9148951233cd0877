"""Knowledge ingestion: front matter, chunks along headings, versions, and the starter documents."""

import pytest

from companion.core.errors import Invalid
from companion.core.principal import Scope
from companion.knowledge import documents
from companion.llm import token_count
from companion.models import KnowledgeDocument

DOC = """---
title: Feedback geven
language: nl
tags: [feedback, gesprek]
---
# Feedback geven

Een korte inleiding over feedback.

## Het model

Benoem het gedrag dat je zag. Vertel het effect op jou.

## Oefenen

Oefen met een collega in een rustig moment.
"""


def _ingest(services, org_id, name, text):
    with services.sessions() as session:
        doc, status = documents.ingest_text(session, services.index, org_id, name, text)
        return {"id": doc.id, "version": doc.version, "status": status, "title": doc.title,
                "chunk_ids": [c.id for c in doc.chunks], "sections": [c.section for c in doc.chunks],
                "texts": [c.text for c in doc.chunks], "language": doc.language, "tags": doc.tags}


def _hit_ids(services, org_id, query) -> set[str]:
    return {h.id for h in services.index.search(query, Scope(person_id=0, org_id=org_id), k=50)}


def test_front_matter_gives_title_language_and_tags():
    parsed = documents.parse(DOC, "feedback.md")
    assert (parsed.title, parsed.language, parsed.tags) == ("Feedback geven", "nl", ["feedback", "gesprek"])
    assert not parsed.body.startswith("---")


def test_without_front_matter_title_comes_from_the_heading_and_language_is_guessed():
    parsed = documents.parse("# Giving feedback\n\nYou name the behaviour that you saw and the effect of it.", "x.md")
    assert parsed.title == "Giving feedback" and parsed.language == "en"
    assert documents.parse("Dit is een tekst over het geven van feedback aan je collega.", "mijn-notitie.txt").title \
        == "Mijn notitie"


def test_chunks_follow_headings_and_carry_their_section(services, org_id):
    doc = _ingest(services, org_id, "feedback.md", DOC)
    assert doc["sections"] == ["Feedback geven", "Het model", "Oefenen"]
    assert "Benoem het gedrag" in doc["texts"][1] and "Oefen" not in doc["texts"][1]


def test_a_long_section_is_split_into_chunks_that_fit_and_keep_the_section():
    para = " ".join(["De professional reflecteert op het eigen handelen in de praktijk."] * 30)
    sections = [("Lang", "\n\n".join([para] * 4)), ("Kort", "Een zin.")]
    chunks = documents.chunk_sections(sections)
    assert len(chunks) > 4
    assert all(token_count.count(text) <= documents.CHUNK_TOKENS for _, text in chunks)
    assert [s for s, _ in chunks].count("Kort") == 1 and chunks[-1] == ("Kort", "Een zin.")
    assert {s for s, _ in chunks[:-1]} == {"Lang"}


def test_identical_reupload_is_unchanged(services, org_id):
    first = _ingest(services, org_id, "feedback.md", DOC)
    again = _ingest(services, org_id, "feedback.md", DOC)
    assert (first["status"], again["status"]) == ("created", "unchanged")
    assert again["version"] == 1 and again["chunk_ids"] == first["chunk_ids"]


def test_changed_reupload_bumps_version_and_replaces_chunks(services, org_id):
    first = _ingest(services, org_id, "feedback.md", DOC)
    changed = DOC.replace("Oefen met een collega in een rustig moment.", "Oefen met de kwartelkoning in de gang.")
    second = _ingest(services, org_id, "feedback.md", changed)
    assert second["status"] == "updated" and second["version"] == 2 and second["id"] == first["id"]
    assert not set(second["chunk_ids"]) & set(first["chunk_ids"])
    hits = _hit_ids(services, org_id, "oefenen kwartelkoning gang feedback model")
    assert not hits & {f"chunk:{i}" for i in first["chunk_ids"]}
    assert {f"chunk:{i}" for i in second["chunk_ids"]} <= hits
    with services.sessions() as session:
        assert session.query(KnowledgeDocument).count() == 1


def test_document_without_text_is_refused(services, org_id):
    with services.sessions() as session, pytest.raises(Invalid):
        documents.ingest_text(session, services.index, org_id, "leeg.md", "---\ntitle: Leeg\n---\n# Kop\n")


def test_starter_knowledge_ingests_in_both_languages(services, org_id, settings):
    with services.sessions() as session:
        results = documents.ingest_path(session, services.index, org_id, settings.knowledge_dir)
        docs = [doc for doc, _ in results]
        assert len(docs) >= 12 and {status for _, status in results} == {"created"}
        assert {d.language for d in docs} == {"nl", "en"}
        assert len({d.source_name for d in docs}) == len(docs)  # nl/alact.md and en/alact.md stay apart
        for doc in docs:
            assert doc.chunks and doc.title and not doc.title.startswith("---")
            assert doc.language == doc.source_name.split("/")[0]
            assert all(c.section for c in doc.chunks[1:])
        again = documents.ingest_path(session, services.index, org_id, settings.knowledge_dir)
        assert {status for _, status in again} == {"unchanged"}

"""Knowledge writes are all-or-nothing, and `companion ingest` reads every format with a progress bar."""

import pytest
from click.testing import CliRunner

from companion.cli import main
from companion.core.config import get_settings
from companion.core.principal import Scope
from companion.knowledge import documents
from companion.models import KnowledgeChunk, KnowledgeDocument, KnowledgeVersion
from companion.services import build_services
from companion.trust import people
from tests.support.fakes import HashEmbeddings
from tests.support.knowledge_files import docx_bytes, html_bytes

DOC = "# Feedback geven\n\nGeef feedback over gedrag.\n\n## Oefenen\n\nOefen met de kwartelkoning in de gang.\n"


def _snippets(services, org_id, query) -> list[str]:
    return [h.text for h in services.index.search(query, Scope(person_id=0, org_id=org_id), k=20)]


def test_an_index_failure_leaves_the_old_version_in_place(services, org_id, monkeypatch):
    with services.sessions() as session:
        documents.ingest_text(session, services.index, org_id, "feedback.md", DOC)

    def broken(*args, **kwargs):
        raise RuntimeError("embedding model crashed")

    monkeypatch.setattr(services.index, "upsert_knowledge", broken)
    with services.sessions() as session, pytest.raises(RuntimeError):
        documents.ingest_text(session, services.index, org_id, "feedback.md", DOC.replace("kwartelkoning", "reiger"))
    monkeypatch.undo()
    with services.sessions() as session:
        doc = session.query(KnowledgeDocument).one()
        assert doc.version == 1 and "kwartelkoning" in doc.body
        assert session.query(KnowledgeVersion).count() == 1
        assert session.query(KnowledgeChunk).count() == 2
    assert any("kwartelkoning" in s for s in _snippets(services, org_id, "kwartelkoning gang oefenen"))
    assert not any("reiger" in s for s in _snippets(services, org_id, "reiger gang oefenen"))


def test_a_new_document_that_fails_to_index_leaves_nothing(services, org_id, monkeypatch):
    monkeypatch.setattr(services.index, "upsert_knowledge", lambda *a, **k: (_ for _ in ()).throw(OSError("disk")))
    with services.sessions() as session, pytest.raises(OSError):
        documents.ingest_text(session, services.index, org_id, "feedback.md", DOC)
    with services.sessions() as session:
        assert session.query(KnowledgeDocument).count() == 0 and session.query(KnowledgeChunk).count() == 0


def test_cli_ingests_every_format_and_reports_a_broken_file(tmp_path, monkeypatch):
    monkeypatch.setattr("companion.cli._services",
                        lambda: build_services(get_settings(), embeddings=HashEmbeddings(), model=None))
    svc = build_services(get_settings(), embeddings=HashEmbeddings(), model=None)
    with svc.sessions() as session:
        people.get_or_create_org(session, "Zorg")
        session.commit()
    folder = tmp_path / "kennis"
    (folder / "sub").mkdir(parents=True)
    (folder / "feedback.md").write_text(DOC, encoding="utf-8")
    (folder / "sub" / "samenwerken.docx").write_bytes(docx_bytes([("Afspraken", ["Maak duidelijke afspraken."])]))
    (folder / "werkdruk.html").write_bytes(html_bytes([("Werkdruk", ["Bespreek werkdruk samen."])], title="Werkdruk"))
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 kapot")
    (folder / "foto.png").write_bytes(b"\x89PNG")  # not a knowledge format: not even tried
    r = CliRunner().invoke(main, ["ingest", str(folder)])
    assert r.exit_code == 1, r.output
    assert "ingesting" in r.output  # the progress bar's label
    assert "skipped" in r.output and "kapot.pdf" in r.output
    assert "ingested 3 file(s) into Zorg: 3 created" in r.output and "1 failed" in r.output
    with svc.sessions() as session:
        names = sorted(d.source_name for d in session.query(KnowledgeDocument))
        assert names == ["feedback.md", "sub/samenwerken.docx", "werkdruk.html"]
    again = CliRunner().invoke(main, ["ingest", str(folder / "feedback.md")])
    assert again.exit_code == 0 and "1 unchanged" in again.output

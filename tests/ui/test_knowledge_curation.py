"""The Kennisbeheer page and the knowledge page opened at a cited part, through AppTest against the real API."""

from __future__ import annotations

import pytest

from companion.ui.sources import source_target
from tests.support.knowledge_files import docx_bytes
from tests.support.uitest import button, goto, log_in


def test_admin_uploads_edits_and_retires_a_document(app):
    log_in(app, "admin")
    goto(app, "curation")
    assert not app.exception
    raw = docx_bytes([("Werkdruk bespreken", ["Bespreek werkdruk in het teamoverleg, met voorbeelden."])],
                     title="Werkdruk")
    app.file_uploader[0].set_value(("werkdruk.docx", raw, "application/octet-stream"))
    button(app, "Uploaden").click()
    app.run(timeout=30)
    assert not app.exception
    assert "is toegevoegd" in app.success[0].value
    app.run(timeout=30)
    assert any("Werkdruk" in str(df.value) for df in app.dataframe)
    assert app.subheader[0].value == "Werkdruk"
    tags = next(t for t in app.text_input if t.label == "Labels (gescheiden door komma's)" and t.form_id)
    tags.input("teamoverleg, werkdruk")
    next(b for b in app.button if b.label == "Opslaan").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("opnieuw geïndexeerd" in s.value for s in app.success)
    assert any("teamoverleg, werkdruk" in str(df.value.to_dict()) for df in app.dataframe)
    button(app, "Intrekken").click()
    app.run(timeout=30)
    assert any("is ingetrokken" in s.value for s in app.success)
    assert app.warning[0].value.startswith("Dit document is ingetrokken")
    assert any(b.label == "Terugzetten" for b in app.button)
    assert any(e.label.startswith("Versies (1)") for e in app.expander)


def test_professional_has_no_curation_page(app):
    log_in(app, "anne")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        goto(app, "curation")


def test_a_cited_part_opens_on_the_knowledge_page(app, client, admin):
    body = b"# Feedback geven\n\nInleiding.\n\n## Oefenen\n\nOefen met een collega in een rustig moment.\n"
    doc = client.post("/api/knowledge", headers=admin, files={"file": ("feedback.md", body)}).json()["document"]
    chunk = client.get(f"/api/knowledge/{doc['id']}", headers=admin).json()["chunks"][1]
    page, params = source_target({"kind": "knowledge", "id": f"chunk:{chunk['id']}", "ref_id": doc["id"]})
    assert page == "companion/ui/knowledge.py" and params == {"doc": str(doc["id"]), "chunk": str(chunk["id"])}
    log_in(app, "anne")
    app.query_params.update(params)
    goto(app, "knowledge")
    assert not app.exception
    assert any("Het antwoord verwees naar dit deel" in m.value for m in app.markdown)
    assert any(c.value == "Onderdeel: Oefenen" for c in app.caption)
    assert app.selectbox(key="knowledge-doc").value == doc["id"]


def test_a_cited_situation_opens_in_the_portfolio(app, client, anne):
    r = client.post("/api/situations", headers=anne, json={"title": "Drukke overdracht",
                                                          "description": "Iedereen praatte door elkaar."})
    assert r.status_code == 201, r.text
    page, params = source_target({"kind": "situation", "id": f"situation:{r.json()['id']}", "ref_id": r.json()["id"]})
    assert page == "companion/ui/portfolio.py" and params == {"situation": str(r.json()["id"])}
    log_in(app, "anne")
    app.query_params.update(params)
    goto(app, "portfolio")
    assert not app.exception
    opened = next(e for e in app.expander if e.label.startswith("Drukke overdracht"))
    assert opened.proto.expanded


def test_admin_creates_a_trajectory_for_a_team(app, client, admin):
    log_in(app, "admin")
    goto(app, "curation")
    name = next(t for t in app.text_input if t.label == "Naam" and t.form_id == "kb-trajectory-new")
    name.input("Samen leren 2027")
    teams = next(m for m in app.multiselect if m.label == "Teams" and m.form_id == "kb-trajectory-new")
    teams.select(teams.options[0])
    next(b for b in app.button if b.label == "Traject aanmaken").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("Samen leren 2027" in s.value and "aangemaakt" in s.value for s in app.success)
    made = client.get("/api/trajectories", headers=admin).json()
    assert [t["name"] for t in made] == ["Samen leren 2027"] and len(made[0]["team_ids"]) == 1

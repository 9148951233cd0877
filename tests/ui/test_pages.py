"""Portfolio, search, knowledge and admin pages through AppTest against the real API."""

from __future__ import annotations

from companion.ui.client import ApiClient
from tests.support.uitest import button, goto, log_in


def test_chat_then_save_situation_and_reflection(app):
    log_in(app, "anne")
    app.chat_input[0].set_value("In het teamoverleg nam een collega mijn idee over als het zijne.")
    app.run(timeout=30)
    button(app, "Bewaar situatie in portfolio").click()
    app.run(timeout=30)
    assert not app.exception
    assert app.success[0].value.startswith("Situatie bewaard in je portfolio")
    button(app, "Bewaar reflectie").click()
    app.run(timeout=30)
    assert app.success[0].value.startswith("Reflectie bewaard in je portfolio")
    goto(app, "portfolio")
    labels = [e.label for e in app.expander]
    assert any("reflectie" in label for label in labels)
    assert any("teamoverleg" in label for label in labels)


def test_add_edit_and_delete_an_entry(app):
    log_in(app, "anne")
    goto(app, "portfolio")
    form_title = [t for t in app.text_input if t.label == "Titel"][-1]
    form_title.input("Leerdoel: rustiger overdragen")
    [a for a in app.text_area if a.label == "Tekst"][-1].input("Voor juni leid ik vier overdrachten.")
    [s for s in app.selectbox if s.label == "Soort"][-1].select("learning_goal")
    button(app, "Toevoegen aan portfolio").click()
    app.run(timeout=30)
    assert not app.exception
    assert "Toegevoegd aan je portfolio" in app.success[0].value
    assert any("leerdoel" in e.label and "privé" in e.label for e in app.expander)
    button(app, "Verwijderen").click()
    app.run(timeout=30)
    assert "Weet je zeker" in app.warning[0].value
    button(app, "Ja, verwijderen").click()
    app.run(timeout=30)
    assert "is verwijderd" in app.success[0].value
    assert not any("leerdoel" in e.label for e in app.expander)


def test_search_shows_kind_and_title_but_no_score(app, live_api):
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        api.create_entry({"kind": "reflection", "title": "Overdracht in de avonddienst",
                          "body": "De overdracht was onrustig en er ging informatie verloren."})
    log_in(app, "anne")
    goto(app, "search")
    app.text_input[0].input("overdracht")
    button(app, "Zoeken").click()
    app.run(timeout=30)
    assert not app.exception
    assert any("Overdracht in de avonddienst" in m.value for m in app.markdown)
    assert any(c.value == "Portfolio" for c in app.caption)
    assert not any("relevantie" in c.value for c in app.caption)  # the score stays in the API (issue 12)


def test_admin_upload_then_knowledge_page(app):
    log_in(app, "admin")
    goto(app, "admin")
    app.file_uploader[0].set_value(("leeg.md", b"", "text/markdown"))
    button(app, "Uploaden").click()
    app.run(timeout=30)
    assert not app.exception
    assert app.error[0].value == "Het bestand is leeg."  # the API's own reason, in Dutch, nothing around it
    body = b"# Feedback geven\n\nGeef feedback op gedrag, niet op de persoon."
    app.file_uploader[0].set_value(("feedback.md", body, "text/markdown"))
    button(app, "Uploaden").click()
    app.run(timeout=30)
    assert "is toegevoegd" in app.success[0].value
    goto(app, "knowledge")
    assert not app.exception
    assert app.selectbox[-1].value is not None
    assert any("niet op de persoon" in m.value for m in app.markdown)


def test_admin_adds_a_person(app):
    log_in(app, "admin")
    goto(app, "admin")
    inputs = {t.label: t for t in app.text_input}
    inputs["Gebruikersnaam"].input("dirk")
    inputs["Wachtwoord"].input("kort")
    button(app, "Persoon toevoegen").click()
    app.run(timeout=30)
    assert app.error[0].value == "Het wachtwoord moet minstens 8 tekens lang zijn."
    inputs = {t.label: t for t in app.text_input}
    inputs["Wachtwoord"].input("lang-genoeg-1")
    inputs["Naam"].input("Dirk de Boer")
    button(app, "Persoon toevoegen").click()
    app.run(timeout=30)
    assert app.success[0].value == "Dirk de Boer is toegevoegd."
    assert "dirk" in app.dataframe[0].value.to_string()

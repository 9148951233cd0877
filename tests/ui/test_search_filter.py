"""Zoeken: a type filter belongs to one search, and what it hides is said (bug 7 of issue 12)."""

from __future__ import annotations

from companion.ui.client import ApiClient
from tests.support.uitest import button, goto, log_in

KNOWLEDGE = b"# Overdracht en feedback\n\nBij de overdracht vraag je feedback aan een collega.\n"


def _search(app, words: str):
    app.text_input[0].input(words)
    button(app, "Zoeken").click()
    return app.run(timeout=30)


def test_a_new_search_starts_without_the_last_searchs_filter(app, live_api, client, admin):
    assert client.post("/api/admin/knowledge", headers=admin, files={"file": ("o.md", KNOWLEDGE)}).status_code == 201
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        api.create_entry({"kind": "reflection", "title": "Overdracht in de avonddienst",
                          "body": "De overdracht was onrustig; ik vroeg feedback."})
    log_in(app, "anne")
    goto(app, "search")
    _search(app, "overdracht")
    kinds = app.button_group[0]
    assert set(kinds.value) == {"entry", "knowledge"}
    kinds.unselect("knowledge").run(timeout=30)
    assert not app.exception
    assert any(i.value == "1 resultaat verborgen door het filter." for i in app.info)  # said, not silently hidden
    assert not any("Overdracht en feedback" in m.value for m in app.markdown)

    _search(app, "feedback")
    assert not app.exception
    assert set(app.button_group[0].value) == {"entry", "knowledge"}  # the filter did not carry over
    assert any("Overdracht en feedback" in m.value for m in app.markdown)
    assert not any("verborgen" in i.value for i in app.info)


def test_show_all_lifts_the_filter(app, live_api, client, admin):
    assert client.post("/api/admin/knowledge", headers=admin, files={"file": ("o.md", KNOWLEDGE)}).status_code == 201
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        api.create_entry({"kind": "reflection", "title": "Overdracht", "body": "Overdracht met feedback."})
    log_in(app, "anne")
    goto(app, "search")
    _search(app, "overdracht")
    app.button_group[0].unselect("entry").run(timeout=30)
    button(app, "Toon alles").click()
    app.run(timeout=30)
    assert set(app.button_group[0].value) == {"entry", "knowledge"}
    assert app.caption[-1].value == "2 resultaten" or any(c.value == "2 resultaten" for c in app.caption)

"""Each role lands on its own work, the chat layout of chat apps, and long lists with search and paging (issue 12)."""

from __future__ import annotations

import pytest

from companion.ui.client import ApiClient
from tests.support.uitest import goto, log_in


@pytest.mark.parametrize(("username", "home"), [("anne", "Gesprek"), ("eva", "Beoordelen"), ("admin", "Dashboard")])
def test_each_role_lands_on_its_own_work(app, username, home):
    log_in(app, username)
    assert not app.exception
    assert app.title[0].value == home


def test_the_sidebar_starts_with_the_chat_and_ends_with_the_account(anne_app):
    sidebar = anne_app.sidebar
    buttons = [b.label for b in sidebar.button]
    assert buttons[0] == "Nieuw gesprek" and buttons[-1] == "Uitloggen"  # new chat on top, the account below
    assert any("Ingelogd als" in m.value for m in sidebar.markdown)


def test_sixty_situations_are_searched_and_paged(app, live_api):
    with ApiClient(live_api.url) as api:
        api.login("anne", "password-1")
        for n in range(60):
            api.request("POST", "/api/situations", json={
                "title": f"Situatie {n:02d}", "description": "Overdracht liep rommelig." if n % 10 == 0 else
                "Een gewone dienst."})
    log_in(app, "anne")
    goto(app, "portfolio")
    assert not app.exception
    shown = [e.label for e in app.expander if "Situatie" in e.label]
    assert len(shown) == 10  # one page of ten, not sixty
    assert any(c.value == "Pagina 1 van 6" for c in app.caption)
    app.button(key="portfolio-situations-next").click().run(timeout=30)
    assert any(c.value == "Pagina 2 van 6" for c in app.caption)
    app.text_input(key="portfolio-situations-q").input("rommelig").run(timeout=30)
    found = [e.label for e in app.expander if "Situatie" in e.label]
    assert len(found) == 6 and any(c.value == "6 van 60" for c in app.caption)  # a new search starts at page 1


def test_no_internal_numbers_on_my_data(anne_app):
    goto(anne_app, "my_data")
    assert not anne_app.exception
    usage = " ".join(p.text for p in anne_app.progress)
    assert "0%" in usage and "tokens" not in usage and "200000" not in usage  # a share, not a token count

"""A walk through the main path of each role in a real browser, on the demo organisation, saving screenshots to
test-artifacts/walkthrough/ for a person to look at (issue 12).

professional: log in, chat a few turns, see the sources, make an action plan and send it, find a situation in the
portfolio, reload; expert: the queue, open a draft, approve it with a comment; admin: the dashboard, a knowledge
upload; and the professional again on a phone.
"""

from __future__ import annotations

import re

import pytest

from companion.api.main import create_app
from companion.demo.organisation import seed_demo
from tests.support import demo_seed
from tests.support.app import login
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, streamlit_ui
from tests.support.screens import DESKTOP, PHONE, log_in, settle, shot
from tests.support.servers import LiveServer

SITUATION = ("Gisteren bij de overdracht van de avonddienst praatten we allemaal door elkaar en ik vergat te melden "
             "dat meneer Bakker slecht had geslapen. Dat gebeurt me vaker.")
ANSWERS = ("Mijn collega Sanne en de teamleider waren erbij; de cliënt merkte het later.",
           "Ik wilde dat de overdracht rustig en volledig zou zijn, maar ik zei niets toen het rommelig werd.")


@pytest.fixture
def demo(tmp_path):
    """The demo organisation (seeded on a fixed clock, with small fake embeddings) behind a live API and UI."""
    require_chromium()
    services = demo_seed.make(tmp_path / "data")
    services.settings.chat_messages_per_minute = 0
    assert seed_demo(services)
    with LiveServer(create_app(services)) as api, streamlit_ui(api.url, tmp_path / "streamlit.log") as url:
        yield url, api
    services.engine.dispose()


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _say(page, text: str) -> None:
    """Send a chat message and wait for the reply (one more message from the companion)."""
    from playwright.sync_api import expect

    messages = page.get_by_test_id("stChatMessage")
    before = messages.count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    expect(messages).to_have_count(before + 2, timeout=60_000)  # shown at once, the reply streaming in
    settle(page)  # the reply is complete and stored,
    settle(page)  # and the page redrawn from the API (the run after it)


def test_professional_chats_sees_sources_and_sends_an_action_plan(demo):
    from playwright.sync_api import expect, sync_playwright

    url, _ = demo
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport=DESKTOP)
        try:
            page.goto(url)
            expect(page.get_by_label("Gebruikersnaam")).to_be_visible(timeout=30_000)
            shot(page, "professional-01-login")
            log_in(page, "anne", "anne-demo")
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=30_000)
            expect(page.get_by_role("heading", name="Gesprek")).to_be_visible()
            sidebar = page.get_by_test_id("stSidebar")
            new_chat = sidebar.get_by_role("button", name="Nieuw gesprek")
            logged_in = sidebar.get_by_text("Ingelogd als", exact=False)
            assert new_chat.bounding_box()["y"] < logged_in.bounding_box()["y"]  # the chat first, as in chat apps
            shot(page, "professional-02-chat")

            _say(page, SITUATION)
            accept = page.get_by_role("button", name="Prima, zo doen")
            if accept.count():
                accept.click()
                settle(page)
            for answer in ANSWERS:
                _say(page, answer)
            sources = page.get_by_text(re.compile(r"^Bronnen \(\d+\)$")).last
            sources.click()
            settle(page)
            listed = page.get_by_test_id("stExpanderDetails").last.locator("strong").all_inner_texts()
            assert listed and len(listed) == len(set(listed)), listed  # each source once
            expect(page.get_by_text("relevantie", exact=False)).to_have_count(0)  # no scores for people
            shot(page, "professional-03-sources")

            page.get_by_role("button", name="Maak een actieplan").click()
            send = page.get_by_role("button", name="Verstuur naar mijn begeleider")
            expect(send).to_be_visible(timeout=60_000)
            expect(page.get_by_text("promptversie", exact=False)).to_have_count(0)
            shot(page, "professional-04-action-plan")
            send.click()
            expect(page.get_by_text("Verstuurd naar je begeleider", exact=False).first).to_be_visible(timeout=30_000)
            shot(page, "professional-05-sent")

            page.get_by_role("link", name="Portfolio").first.click()
            page.get_by_role("tab", name="Werksituaties").click()
            expect(page.get_by_text(re.compile(r"^Pagina 1 van \d+$"))).to_be_visible(timeout=30_000)  # paged
            page.get_by_placeholder("Zoek in de lijst").last.fill("overdracht")
            page.keyboard.press("Enter")
            expect(page.get_by_text(re.compile(r"^\d+ van \d+$")).last).to_be_visible(timeout=30_000)
            shot(page, "professional-06-portfolio-search")

            page.reload()  # F5 keeps the login and the page
            expect(page.get_by_role("heading", name="Portfolio")).to_be_visible(timeout=30_000)
        except Exception:
            shot(page, "professional-failure")
            raise
        finally:
            browser.close()


def test_expert_lands_on_the_queue_and_approves_with_a_comment(demo):
    from playwright.sync_api import expect, sync_playwright

    url, api = demo
    import httpx

    with httpx.Client(base_url=api.url) as client:  # Bram's action plan, sent to Eva with his conversation
        bram = login(client, "bram", "bram-demo")
        for draft in (s for s in client.get("/api/suggestions", headers=bram).json() if s["status"] == "draft"):
            sent = client.post(f"/api/suggestions/{draft['id']}/send", headers=bram, json={"share": "conversation"})
            assert sent.status_code == 200, sent.text
        assert any(s["status"] == "pending" for s in client.get("/api/suggestions", headers=bram).json())
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport=DESKTOP)
        try:
            page.goto(url)
            log_in(page, "eva", "eva-demo1")
            expect(page.get_by_role("heading", name="Beoordelen")).to_be_visible(timeout=30_000)  # its own work
            expect(page.get_by_text("Te beoordelen (1)")).to_be_visible()
            expect(page.get_by_text("promptversie", exact=False)).to_have_count(0)
            shot(page, "expert-01-queue")
            grid = page.get_by_test_id("stDataFrame").first  # the actions table: every column fits its box
            assert grid.evaluate("el => { const s = el.querySelector('.dvn-scroller');"
                                 " return !s || s.scrollWidth <= s.clientWidth + 1; }"), "actions table scrolls"
            page.get_by_label("Toelichting (verplicht)").fill("Helder plan; begin klein, bij de eerstvolgende "
                                                              "avondoverdracht.")
            page.get_by_role("button", name="Goedkeuren").click()
            expect(page.get_by_text("Goedgekeurd", exact=False).first).to_be_visible(timeout=30_000)
            shot(page, "expert-02-approved")
            page.get_by_role("tab", name=re.compile(r"^Beoordeeld")).click()
            settle(page)
            shot(page, "expert-03-decided")
        except Exception:
            shot(page, "expert-failure")
            raise
        finally:
            browser.close()


def test_admin_lands_on_the_dashboard_and_uploads_knowledge(demo, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, _ = demo
    upload = tmp_path / "overdracht-checklist.md"
    upload.write_text("# Checklist overdracht\n\n## Volgorde\n\nCliënt, risico's, afspraken.\n", encoding="utf-8")
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport=DESKTOP)
        try:
            page.goto(url)
            log_in(page, "admin", "admin-demo")
            expect(page.get_by_role("heading", name="Dashboard")).to_be_visible(timeout=30_000)  # its own work
            shot(page, "admin-01-dashboard")
            page.get_by_role("tab", name="Volhouden na een traject").click()
            settle(page, 1500)
            shot(page, "admin-02-continuation")

            page.get_by_role("link", name="Kennisbeheer").first.click()
            expect(page.get_by_text("12 documenten")).to_be_visible(timeout=30_000)
            page.get_by_role("tab", name="Uploaden").click()
            page.locator("input[type=file]").last.set_input_files(str(upload))
            settle(page)
            page.get_by_role("button", name="Uploaden").locator("visible=true").click()
            expect(page.get_by_text("is toegevoegd", exact=False).first).to_be_visible(timeout=60_000)
            expect(page.get_by_text("13 documenten")).to_have_count(1)  # the list knows at once
            shot(page, "admin-03-uploaded")
        except Exception:
            shot(page, "admin-failure")
            raise
        finally:
            browser.close()


def test_professional_on_a_phone(demo):
    from playwright.sync_api import expect, sync_playwright

    url, _ = demo
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        try:
            page.goto(url)
            log_in(page, "anne", "anne-demo")
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=30_000)
            _say(page, SITUATION)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
            shot(page, "phone-01-chat")
            page.get_by_test_id("stExpandSidebarButton").click()
            nav = page.get_by_test_id("stSidebarNav")
            expect(nav).to_be_visible(timeout=10_000)
            shot(page, "phone-02-menu")
            nav.get_by_role("link", name="Portfolio").click()
            expect(page.get_by_role("heading", name="Portfolio")).to_be_visible(timeout=30_000)
            expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible(timeout=10_000)  # the menu closed
            shot(page, "phone-03-portfolio")
        except Exception:
            shot(page, "phone-failure")
            raise
        finally:
            browser.close()

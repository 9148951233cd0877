"""A login survives a reload, and a link to a page works after logging in (bug 5 of issue 12), in a real browser.

Before: F5 logged you out, and a subpage showed Streamlit's English "Page not found" dialog.
"""

from __future__ import annotations

from tests.support.app import login
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.screens import DESKTOP, log_in, settle, shot


def _session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "companion_session"), None)


def test_a_reload_keeps_the_login_and_logging_out_ends_it(ui_url):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        try:
            page.goto(ui_url)
            log_in(page, "anne", "password-1")
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=30_000)
            settle(page)
            cookie = _session_cookie(context)
            assert cookie and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
            assert cookie["expires"] == -1  # a session cookie: gone when the browser closes
            assert cookie["value"] not in page.url

            page.reload()  # F5
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_visible(timeout=30_000)
            expect(page.get_by_label("Gebruikersnaam")).to_have_count(0)
            expect(page.get_by_text("Ingelogd als", exact=False).first).to_be_visible()
            shot(page, "after-reload", folder="session")

            page.get_by_role("button", name="Uitloggen").click()
            expect(page.get_by_label("Gebruikersnaam")).to_be_visible(timeout=30_000)
            settle(page)
            assert _session_cookie(context) is None  # cleared once logged out
            page.reload()
            expect(page.get_by_label("Gebruikersnaam")).to_be_visible(timeout=30_000)
        finally:
            browser.close()


def test_a_deep_link_opens_its_page_after_logging_in(ui_url, client):
    from playwright.sync_api import expect, sync_playwright

    anne = login(client, "anne")
    situation = client.post("/api/situations", headers=anne, json={
        "title": "Overdracht met Sanne liep rommelig", "description": "We praatten door elkaar heen."}).json()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=DESKTOP)
        try:
            page.goto(f"{ui_url}/portfolio?situation={situation['id']}")
            expect(page.get_by_label("Gebruikersnaam")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Page not found")).to_have_count(0)
            log_in(page, "anne", "password-1")
            expect(page.get_by_role("heading", name="Portfolio")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("We praatten door elkaar heen.")).to_be_visible(timeout=30_000)  # opened
            assert "/portfolio" in page.url
            shot(page, "deep-link", folder="session")

            page.goto(f"{ui_url}/review")  # a page of another role, in a new session of the same browser
            expect(page.get_by_text("Deze pagina hoort niet bij jouw rol.")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Page not found")).to_have_count(0)
        finally:
            browser.close()

"""In a real browser: a model reply full of external images, HTML and links makes the page load nothing from
outside (every non-loopback request is recorded and blocked)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.support.app import make_services
from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tests.support.fakes import ScriptedChatModel

EVIL = ('Natuurlijk! ![x](http://evil.example/x.png) <img src="http://evil.example/y.png"> '
        '![a [b] c](http://evil.example/z.png) <iframe src="http://evil.example/f"></iframe> '
        '<http://evil.example/auto> [klik hier](http://evil.example/link) ![ref][1]\n\n'
        '[1]: http://evil.example/r.png\n\nWat deed jij toen?')


@pytest.fixture
def services(settings):
    """The API behind the UI answers every message with the reply above."""
    svc = make_services(settings, model=ScriptedChatModel(default_reply=EVIL))
    yield svc
    svc.engine.dispose()


def test_a_reply_with_external_images_and_html_loads_nothing(ui_url):
    from playwright.sync_api import expect, sync_playwright

    outside: list[str] = []

    def guard(route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", guard)
        page = context.new_page()
        try:
            page.goto(ui_url)
            page.get_by_label("Gebruikersnaam").fill("anne")
            page.get_by_label("Wachtwoord").fill("password-1")
            page.get_by_role("button", name="Inloggen").click()
            chat_input = page.get_by_test_id("stChatInputTextArea")
            expect(chat_input).to_be_visible(timeout=30_000)
            chat_input.fill("Bij de overdracht van de avonddienst praatte iedereen door elkaar.")
            chat_input.press("Enter")
            expect(page.get_by_text("Wat deed jij toen?", exact=False).last).to_be_visible(timeout=30_000)
            page.wait_for_timeout(1500)  # give any image or frame the time to start loading
            page.screenshot(path=str(ARTIFACTS / "injection-reply.png"), full_page=True)
            assert page.locator("img[src*='evil'], iframe").count() == 0
        finally:
            browser.close()
    assert outside == [], outside

"""One real-browser test: Playwright drives Debian's Chromium through login, a chat turn and a screenshot."""

from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, require_chromium


def test_login_chat_and_screenshot(ui_url):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(ui_url)
            page.get_by_label("Gebruikersnaam").fill("anne")
            page.get_by_label("Wachtwoord").fill("password-1")
            page.get_by_role("button", name="Inloggen").click()
            chat_input = page.get_by_test_id("stChatInputTextArea")
            expect(chat_input).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Offline reflectiegids", exact=False).first).to_be_visible()
            chat_input.fill("Bij de overdracht van de avonddienst praatte iedereen door elkaar.")
            chat_input.press("Enter")
            messages = page.get_by_test_id("stChatMessage")
            expect(messages.nth(2)).to_be_visible(timeout=30_000)  # welcome, my message, the reply
            expect(messages.nth(2)).to_contain_text("?", timeout=30_000)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    assert (ARTIFACTS / "chat.png").stat().st_size > 10_000


def test_openapi_docs_render_without_internet(live_api):
    from playwright.sync_api import expect, sync_playwright

    require_chromium()
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: None if r.url.startswith(live_api.url) else outside.append(r.url))
        try:
            page.goto(f"{live_api.url}/docs")
            expect(page.get_by_text("/api/auth/token").first).to_be_visible(timeout=30_000)
        finally:
            browser.close()
    assert outside == []

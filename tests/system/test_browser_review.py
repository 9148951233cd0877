"""Real browser: a professional drafts an action plan from a situation in chat, previews it, chooses what her
expert sees and sends it; the expert reads what was shared, approves it, and sees whose portfolio it went to."""

from __future__ import annotations

from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS


def _log_in(page, url: str, username: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("password-1")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Ingelogd als", exact=False).first).to_be_visible(timeout=30_000)


def test_situation_to_action_plan_to_approval(ui_url):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        try:
            _log_in(page, ui_url, "anne")
            chat_input = page.get_by_test_id("stChatInputTextArea")
            expect(chat_input).to_be_visible(timeout=30_000)
            chat_input.fill("In het teamoverleg onderbrak een collega mij steeds toen ik een voorstel deed.")
            chat_input.press("Enter")
            expect(page.get_by_test_id("stChatMessage").nth(2)).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Maak een actieplan").click()
            expect(page.get_by_text("Alleen jij ziet het", exact=False).first).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Opgesteld met de offline gids").first).to_be_visible()
            page.get_by_text("Dit concept en het hele gesprek (zoals het nu is)").click()
            page.screenshot(path=str(ARTIFACTS / "review-1-drafted.png"), full_page=True)
            page.get_by_role("button", name="Verstuur naar mijn begeleider").click()
            expect(page.get_by_text("Verstuurd naar je begeleider", exact=False)).to_be_visible(timeout=30_000)
            page.get_by_role("link", name="Voorstellen").first.click()
            expect(page.get_by_text("wacht op beoordeling").first).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Gedeeld met je begeleider: het concept en het gesprek.")).to_be_visible()

            page.context.clear_cookies()
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            _log_in(page, ui_url, "eva")
            page.get_by_role("link", name="Beoordelen").first.click()
            expect(page.get_by_text("Te beoordelen (1)")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Van Anne", exact=False)).to_be_visible()
            page.get_by_role("button", name="Bekijk wat Anne uit het gesprek deelde").click()
            expect(page.get_by_text("In het teamoverleg onderbrak een collega", exact=False).first).to_be_visible(
                timeout=30_000)
            page.get_by_role("button", name="Goedkeuren").click()  # without a comment: refused
            expect(page.get_by_text("Schrijf eerst een toelichting")).to_be_visible(timeout=30_000)
            page.get_by_label("Toelichting (verplicht)").fill("Concreet plan; bespreek de uitkomst met mij.")
            page.get_by_role("button", name="Goedkeuren").click()
            expect(page.get_by_text("Goedgekeurd:", exact=False)).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Te beoordelen (0)")).to_be_visible()
            page.get_by_role("tab", name="Beoordeeld (1)").click()
            expect(page.get_by_text("Staat in het portfolio van Anne.")).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Staat in je portfolio.")).to_have_count(0)
            page.screenshot(path=str(ARTIFACTS / "review-2-approved.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "review-failure.png"), full_page=True)
            raise
        finally:
            browser.close()

"""One full week in a real browser, on an injected clock: plan → two captures → reflection → next week prepared."""

from datetime import UTC, datetime

import pytest

from companion.core.clock import FixedClock
from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

MONDAY = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # Monday 08:30 in Amsterdam, ISO week 2026-W48


@pytest.fixture
def clock(services) -> FixedClock:
    """The live API runs in this process, so the test can move its clock between steps."""
    services.clock = FixedClock(MONDAY)
    return services.clock


def test_one_full_week_in_the_browser(clock, ui_url):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        week_link = page.get_by_test_id("stSidebarNav").get_by_role("link", name="Mijn week")

        def open_week() -> None:
            expand = page.get_by_test_id("stExpandSidebarButton")
            if expand.is_visible():  # on a phone the sidebar starts collapsed
                expand.click()
            week_link.click()
            page.wait_for_timeout(300)
            collapse = page.get_by_test_id("stSidebarCollapseButton")
            if collapse.is_visible():
                collapse.click()

        def capture(text: str) -> None:
            box = page.get_by_label("Wat gebeurde er?", exact=True)
            box.fill(text)
            page.get_by_role("button", name="Vastleggen").click()
            expect(page.get_by_text("Vastgelegd.", exact=False)).to_be_visible(timeout=30_000)

        try:
            page.goto(ui_url)
            page.get_by_label("Gebruikersnaam").fill("anne")
            page.get_by_label("Wachtwoord").fill("password-1")
            page.get_by_role("button", name="Inloggen").click()
            expect(page.get_by_text("Je hebt je weekplan nog niet gemaakt").first).to_be_visible(timeout=30_000)
            page.get_by_role("link", name="Naar mijn week").click()  # the chat page's reminder links to the week
            expect(page.get_by_text("Week 48", exact=False).first).to_be_visible(timeout=30_000)
            button = page.get_by_role("button", name="Vastleggen")
            assert button.bounding_box()["x"] + button.bounding_box()["width"] <= 390  # fits the phone screen
            assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
            page.screenshot(path=str(ARTIFACTS / "week-phone.png"), full_page=True)

            page.get_by_label("Mijn focus deze week").fill("Rustig de overdracht leiden")
            page.get_by_label("Eén klein experiment op het werk").fill("Bij één overdracht de volgorde voorstellen")
            page.get_by_role("button", name="Plan opslaan").click()
            expect(page.get_by_text("Je weekplan staat.", exact=False)).to_be_visible(timeout=30_000)

            clock.advance(days=1)
            capture("Overdracht liep uit, ik stelde de volgorde voor en iedereen deed mee.")
            clock.advance(days=1)
            capture("Collega vroeg na de dienst om feedback op haar rapportage.")
            expect(page.get_by_text("Collega vroeg na de dienst", exact=False)).to_be_visible()

            clock.set(datetime(2026, 11, 27, 15, 0, tzinfo=UTC))  # Friday 16:00
            open_week()
            expect(page.get_by_text("Tijd voor je weekafsluiting", exact=False)).to_be_visible(timeout=30_000)
            page.get_by_text("Deels", exact=True).click()
            page.get_by_role("button", name="Volgende").click()
            for label, answer in [("Wat gebeurde er? Beschrijf", "Eén overdracht ging rustig en volledig."),
                                  ("Wat heb je daarvan geleerd", "Vooraf de volgorde noemen helpt iedereen."),
                                  ("Wat wil je volgende week", "De volgorde op het whiteboard zetten")]:
                page.get_by_label(label).fill(answer)
                last = label.startswith("Wat wil")
                page.get_by_role("button", name="Week afsluiten" if last else "Volgende").click()
            expect(page.get_by_text("Week afgesloten", exact=False)).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Voorstel voor volgende week (2026-W49)")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "week-reflected.png"), full_page=True)

            clock.set(datetime(2026, 11, 30, 7, 0, tzinfo=UTC))  # next Monday 08:00
            open_week()
            expect(page.get_by_text("Week 49", exact=False).first).to_be_visible(timeout=30_000)
            expect(page.get_by_label("Mijn focus deze week")).to_have_value("De volgorde op het whiteboard zetten")
            # .first: while Streamlit replaces last week's page, its panel with the same caption may still show
            expect(page.get_by_text("Voorbereid vanuit je vorige weekafsluiting.").first).to_be_visible()
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "week-failure.png"), full_page=True)
            raise
        finally:
            browser.close()

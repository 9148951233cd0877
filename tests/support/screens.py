"""Driving the UI in a real browser the way a person does: log in, wait for Streamlit, and save whole-page screenshots
to test-artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

from tests.support.browser import ARTIFACTS

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
_RUNNING = '[data-testid="stStatusWidget"]'
# Streamlit scrolls inside its main block; a screenshot of the whole page needs a viewport as tall as the page
_PAGE_HEIGHT = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const bottom = document.querySelector('[data-testid="stBottom"]');
    return (main ? main.scrollHeight : 900) + (bottom ? bottom.offsetHeight : 0) + 120;
}"""


def log_in(page, username: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def settle(page, ms: int = 600) -> None:
    """Wait until Streamlit has finished its run (the "running" indicator, which shows a moment after a run
    starts, has come and gone), then a moment for the layout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(_RUNNING, timeout=1_500)
    except PlaywrightTimeout:
        pass  # the run was over before the indicator showed
    page.wait_for_selector(_RUNNING, state="detached", timeout=90_000)
    page.wait_for_timeout(ms)


def shot(page, name: str, folder: str = "walkthrough") -> Path:
    """The whole page as test-artifacts/<folder>/<name>.png."""
    settle(page)
    size = page.viewport_size
    height = min(max(size["height"], page.evaluate(_PAGE_HEIGHT)), 8000)
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(700)
    path = ARTIFACTS / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path

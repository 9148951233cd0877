"""One real-browser test: Playwright drives Debian's Chromium through login, a chat turn and a screenshot."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _require_chromium() -> None:
    if CHROMIUM is None:
        if os.environ.get("COMPANION_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (COMPANION_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium); skipping the real-browser test")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def ui_url(live_api, tmp_path):
    _require_chromium()
    port = _free_port()
    env = dict(os.environ, COMPANION_API_URL=live_api.url)
    log = open(tmp_path / "streamlit.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                             "--server.address", "127.0.0.1", "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("streamlit did not start: " + (tmp_path / "streamlit.log").read_text()[-2000:])
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


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

    _require_chromium()
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

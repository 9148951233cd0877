"""Helpers for driving the Streamlit app with AppTest against a live API."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from companion.core.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def open_app(api_url: str, monkeypatch) -> AppTest:
    """The app's login page, talking to the API at api_url."""
    monkeypatch.setenv("COMPANION_API_URL", api_url)
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    return at


def log_in(at: AppTest, username: str, password: str = "password-1") -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run(timeout=30)


def goto(at: AppTest, page: str) -> AppTest:
    """Switch to a page of companion/ui/ and run it."""
    at.switch_page(f"companion/ui/{page}.py")
    return at.run(timeout=30)


def button(at: AppTest, label: str):
    """The button with this label (StopIteration when there is none)."""
    return next(b for b in at.button if b.label == label)

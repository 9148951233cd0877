"""Fixtures of the cross-cutting tests: the Streamlit UI in a real browser against the live API."""

from __future__ import annotations

import pytest

from tests.support.browser import require_chromium, streamlit_ui


@pytest.fixture
def ui_url(live_api, tmp_path):
    """The UI's URL, served against `live_api`; skips when Chromium is missing."""
    require_chromium()
    with streamlit_ui(live_api.url, tmp_path / "streamlit.log") as url:
        yield url

"""Fixtures of the UI tests: the Streamlit app driven with AppTest against the live API."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.uitest import log_in, open_app


@pytest.fixture
def app(live_api, monkeypatch) -> AppTest:
    """The app's login page."""
    return open_app(live_api.url, monkeypatch)


@pytest.fixture
def anne_app(app) -> AppTest:
    """The app with anne logged in, on the chat page."""
    return log_in(app, "anne")

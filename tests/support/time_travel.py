"""A pytest plugin that runs tests with the system clock moved: proof that no test depends on today's date.

    COMPANION_TEST_TRAVEL_DAYS=365 pytest tests/rhythm      (tests/conftest.py loads this plugin)

Every clock in the process moves (datetime, date, time.time), and keeps ticking; the injected clock of the
services starts from it like any other start. Without the variable the plugin does nothing.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import time_machine

_VAR = "COMPANION_TEST_TRAVEL_DAYS"


def pytest_configure(config) -> None:
    days = os.environ.get(_VAR)
    if not days:
        return
    destination = datetime.now(UTC) + timedelta(days=float(days))
    traveller = time_machine.travel(destination, tick=True)
    traveller.start()
    config._companion_traveller = traveller


def pytest_unconfigure(config) -> None:
    traveller = getattr(config, "_companion_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config) -> str | None:
    if getattr(config, "_companion_traveller", None) is not None:
        return f"time travel: the clock reads {datetime.now(UTC):%Y-%m-%d} ({_VAR}={os.environ[_VAR]})"
    return None

"""No test depends on today's date: the date-sensitive tests pass with every clock more than a year ahead."""

from __future__ import annotations

import os
import subprocess
import sys

from companion.core.config import PROJECT_ROOT

# weeks and deadlines, agreements and review dates, survey windows and continuation, token expiry and daily limits,
# product dates, team sessions' phase deadlines, and the permission rules that write weeks
DATE_SENSITIVE = ["tests/rhythm", "tests/accountability", "tests/trust", "tests/review", "tests/teams",
                  "tests/api/test_team_session_flow.py", "tests/system/test_permission_matrix.py"]


def test_the_date_sensitive_tests_pass_with_the_clock_moved_ahead():
    days = 400  # past the end of next year's first quarter: new ISO years, quarters and survey windows
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["COMPANION_TEST_TRAVEL_DAYS"] = str(days)
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-x",
                          *DATE_SENSITIVE], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=1200)
    tail = "\n".join(run.stdout.splitlines()[-25:])
    assert "time travel: the clock reads" in run.stdout, tail
    assert run.returncode == 0, tail

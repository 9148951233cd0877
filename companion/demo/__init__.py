"""The demo organisation that `make run` starts with: people and teams, starter knowledge, a suggestion in the
expert's queue, a few weeks of rhythm, and a simulated year for the dashboard.
"""

from companion.demo import organisation, reviews, rhythm, teams, year
from companion.demo.organisation import DEMO_PEOPLE, seed_demo

__all__ = ["DEMO_PEOPLE", "organisation", "reviews", "rhythm", "seed_demo", "teams", "year"]

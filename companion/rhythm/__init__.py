"""The weekly rhythm that keeps learning going: ISO weeks in the person's own zone (`iso_weeks`, the only week
maths), a plan with one small experiment, quick captures and a weekly reflection, reminders and a calendar feed,
and the learning agreement in which professional and organisation both commit.
"""

from companion.rhythm import agreements, calendar_feed, iso_weeks, week_plan, week_store, weeks

__all__ = ["agreements", "calendar_feed", "iso_weeks", "week_plan", "week_store", "weeks"]

"""Rules for the weekly rhythm (weeks, captures, calendar) and learning agreements."""

from __future__ import annotations

from datetime import timedelta

from companion.core.clock import DEFAULT_TIMEZONE
from companion.rhythm import iso_weeks
from tests.system.permissions.framework import Rule, World, any_user, expect, own_only, public


def this_week(w: World) -> dict:
    """The current week by the world's clock (a fixed key would one day be a past week, and those answer 409)."""
    return {"key": iso_weeks.week_key(*iso_weeks.week_of(w.services.clock.now(), DEFAULT_TIMEZONE))}


def agreement_body(w: World) -> dict:
    """A valid agreement; its review date half a year after the world's today (a past one is refused)."""
    review = (w.services.clock.now() + timedelta(days=182)).date()
    return {"goals": "Beter feedback geven", "rhythm": "Elke vrijdag een kwartier", "time_minutes_per_week": 60,
            "review_date": review.isoformat()}


def capture(w: World) -> dict:
    return {"capture_id": w.as_owner("POST", "/api/weeks/current/captures",
                                     json={"text": "Lastig gesprek bij de overdracht."})["id"]}


def feed(w: World) -> dict:
    return {"token": w.as_owner("POST", "/api/weeks/calendar/link")["token"]}


def agreement(w: World) -> dict:
    """The owner's agreement (owners are fresh for these rules: one agreement per professional)."""
    return {"agreement_id": w.as_owner("POST", "/api/agreements", json=agreement_body(w))["id"]}


def _current_version(w: World, params: dict) -> dict:
    got = w.as_owner("GET", f"/api/agreements/{params['agreement_id']}")
    return {"version": got["current_version"]}


# The professional, the expert coaching their team and their organisation's admin are the two sides.
AGREEMENT_SIDES = expect(anonymous=401, owner=200, other=404, expert=200, other_expert=404, foreign_admin=404,
                         admin=200)

RULES = [
    # weeks are always the caller's own
    Rule("GET", "/api/weeks/current", any_user(200)),
    Rule("GET", "/api/weeks/history", any_user(200)),
    Rule("GET", "/api/weeks/settings", any_user(200)),
    Rule("PATCH", "/api/weeks/settings", any_user(200), json={"timezone": "Europe/Amsterdam"}),
    Rule("GET", "/api/weeks/{key}", any_user(200), setup=this_week),
    Rule("PUT", "/api/weeks/{key}/plan", any_user(200), setup=this_week,
         json={"focus": "Luisteren", "experiment": "Eerst een vraag stellen"}),
    Rule("PUT", "/api/weeks/{key}/reflection", any_user(200), setup=this_week,
         json={"happened": "Ging goed", "learned": "Vragen werkt"}),
    Rule("POST", "/api/weeks/{key}/prepare", any_user(200), setup=this_week),
    Rule("POST", "/api/weeks/current/captures", any_user(201), json={"text": "Kort moment bij de overdracht."}),
    Rule("DELETE", "/api/weeks/captures/{capture_id}", own_only(204), setup=capture),
    Rule("GET", "/api/weeks/calendar.ics", any_user(200)),
    Rule("POST", "/api/weeks/calendar/link", any_user(201)),
    Rule("DELETE", "/api/weeks/calendar/link", any_user(204)),
    # the feed needs no login: the secret token is the key (and it carries no personal content)
    Rule("GET", "/api/weeks/feed/{token}.ics", public(200), setup=feed),
    # learning agreements
    Rule("GET", "/api/agreements", any_user(200)),
    Rule("GET", "/api/agreements/candidates", any_user(200)),  # a professional gets an empty list
    Rule("GET", "/api/agreements/mine", expect(anonymous=401, owner=200, other=404, expert=404, other_expert=404,
                                               foreign_admin=404, admin=404), setup=agreement, fresh_owner=True),
    Rule("POST", "/api/agreements",
         expect(anonymous=401, owner=201, other=404, expert=201, other_expert=404, foreign_admin=404, admin=201),
         fresh_owner=True, json=lambda w, p: {**agreement_body(w), "person_id": w.person_id("owner")}),
    Rule("GET", "/api/agreements/{agreement_id}", AGREEMENT_SIDES, setup=agreement, fresh_owner=True),
    Rule("GET", "/api/agreements/{agreement_id}/versions", AGREEMENT_SIDES, setup=agreement, fresh_owner=True),
    Rule("POST", "/api/agreements/{agreement_id}/versions",
         expect(anonymous=401, owner=201, other=404, expert=201, other_expert=404, foreign_admin=404, admin=201),
         setup=agreement, fresh_owner=True, json={"goals": "Beter feedback geven en vragen", "change_note": "beter"}),
    Rule("POST", "/api/agreements/{agreement_id}/consent", AGREEMENT_SIDES, setup=agreement, fresh_owner=True,
         json=_current_version),
]

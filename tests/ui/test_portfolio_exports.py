"""Portfolio: the Leap2A export for Mahara, and a badge download for an approved learning goal or product only."""

from __future__ import annotations

from tests.support.interop_data import approve, entry
from tests.support.uitest import goto, log_in


def test_exports_offer_leap2a_and_a_badge_for_an_approved_entry_only(app, live_api, services):
    _, approved_entry = approve(services, "learning_goal")
    own = entry(services, "anne", "Zelf geschreven product", "Niet beoordeeld.", kind="product")
    log_in(app, "anne")
    goto(app, "portfolio")
    assert not app.exception
    buttons = {b.proto.label: b for b in app.get("download_button")}
    assert "Portfolio als Leap2A (Mahara)" in buttons
    badges = [b for b in app.get("download_button") if b.proto.label == "Badge (Open Badges 3.0)"]
    assert [b.proto.id.endswith(f"px-badge-{approved_entry}") for b in badges] == [True]
    assert not any(b.proto.id.endswith(f"px-badge-{own}") for b in app.get("download_button"))

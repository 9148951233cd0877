"""Giving account follows the same consent rule as products: submitting sends the account only (it has no
conversation), and the professional may withdraw it until the expert decides, then edit and send it again."""

from datetime import UTC, datetime

from companion.core.clock import FixedClock
from tests.support.app import login

REPORTS = "/api/accountability-reports"
PERIOD = {"period_start": "2026-07-01", "period_end": "2026-09-30"}


def test_submit_sends_the_account_only_and_it_can_be_withdrawn(client, services, anne):
    services.clock = FixedClock(datetime(2026, 10, 5, 10, 0, tzinfo=UTC))
    eva = login(client, "eva")
    account = client.post(REPORTS, json=PERIOD, headers=anne).json()
    sent = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    sid = sent["suggestion_id"]
    s = client.get(f"/api/suggestions/{sid}", headers=eva).json()
    assert s["status"] == "pending" and s["shared"] == {"scope": "draft", "message_ids": []}
    assert client.post(f"/api/suggestions/{sid}/withdraw", headers=anne).json()["status"] == "withdrawn"
    assert client.get(f"/api/suggestions/{sid}", headers=eva).status_code == 404
    again = client.get(f"{REPORTS}/{account['id']}", headers=anne).json()
    assert again["status"] == "draft"  # editable again
    edited = client.patch(f"{REPORTS}/{account['id']}", json={"sections": {"ahead": "Volgend kwartaal meer tijd."}},
                          headers=anne)
    assert edited.status_code == 200
    resent = client.post(f"{REPORTS}/{account['id']}/submit", headers=anne).json()
    assert resent["status"] == "in_review" and resent["suggestion_id"] != sid
    queue = client.get("/api/suggestions", params={"queue": "pending"}, headers=eva).json()
    assert [x["id"] for x in queue] == [resent["suggestion_id"]]
    assert queue[0]["proposal"]["ahead"] == "Volgend kwartaal meer tijd."

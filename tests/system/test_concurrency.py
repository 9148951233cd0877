"""Many people at once against one live server: every acknowledged message is stored exactly once."""

from companion.benchmarks.concurrency import run_load, verify
from companion.trust import people


def test_eight_clients_with_retries_and_races_store_each_message_once(services, live_api):
    services.settings.chat_messages_per_minute = 0
    credentials = []
    with services.sessions() as session:
        org = people.get_or_create_org(session, "Loadorg")
        for n in range(8):
            people.create_person(session, org_id=org.id, username=f"load{n}", password="load-pass-1",
                                 role="professional")
            credentials.append((f"load{n}", "load-pass-1"))
        session.commit()
    clients, summary = run_load(live_api.url, credentials, messages=10, duplicate_rate=0.5)
    result = verify(services.settings.data_dir / "companion.db", clients)
    assert result["acked_messages"] == 80, (summary, [c.errors for c in clients])
    assert result["lost"] == 0 and result["duplicates"] == 0 and result["situations_lost"] == 0, result
    assert result["replies_missing"] == 0 and result["replies_duplicated"] == 0, (result, summary["statuses"])
    assert result["integrity_ok"] and not any(c.errors for c in clients)
    assert set(summary["statuses"]) <= {"200", "201"}, summary  # no 409 for a twin, no 500, no BUSY

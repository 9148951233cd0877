"""`companion bench turns`: the stub model, the raw SDK peer, and chat turns driven over HTTP with timings."""

import pytest

from companion.api.main import create_app
from companion.benchmarks import turns
from companion.benchmarks.stub_model import StubModel
from companion.core.config import Settings
from tests.support.app import make_services
from tests.support.servers import LiveServer


@pytest.fixture(scope="module")
def stub():
    return StubModel(chunks=8).start()


def test_the_raw_sdk_streams_from_the_stub(stub):
    result = turns.raw_sdk(stub.url, clients=2, per_client=2)
    assert result["e2e"]["n"] == 4 and result["completions_per_s"] > 0


def test_turns_over_http_report_rate_latency_and_own_time(stub, tmp_path):
    settings = Settings(data_dir=tmp_path / "bench", openai_base_url=stub.url, openai_api_key="stub",
                        chat_model="stub", chat_messages_per_minute=0, daily_token_budget=0)
    services = make_services(settings)
    try:
        from companion.trust import people

        with services.sessions() as session:
            o = people.get_or_create_org(session, "Benchorg")
            for n in range(2):
                people.create_person(session, org_id=o.id, username=f"user{n}", password="password-1",
                                     role="professional", team="T")
            session.commit()
        with LiveServer(create_app(services)) as api:
            result = turns.drive(api.url, [("user0", "password-1"), ("user1", "password-1")], 2, 3, seed=1)
    finally:
        services.engine.dispose()
    assert result["errors"] == 0 and result["turns"] == 6 and result["answered_by_model"] == 6
    assert result["own_before_model"]["n"] == 6 and result["embed"]["p50_ms"] >= 0
    assert result["own_before_model"]["p50_ms"] <= result["e2e"]["p50_ms"]
    long = turns.long_conversation(result.pop("_rows"), first=1, last=1)
    assert long["turns"] == 3 and long["turns_1_1"]["n"] == 2 and "late_vs_early_p50" in long


def test_server_timing_is_parsed():
    assert turns.parse_timing("prepare;dur=12.5, embed;dur=7.0") == {"prepare": 12.5, "embed": 7.0}
    assert turns.pcts([1, 2, 3, 4])["p95_ms"] == 4 and turns.pcts([])["n"] == 0

"""`companion bench intervisie`: the question checks scored on a few labelled items, and one scripted session run
through the service layer with its summaries checked (the live-room HTTP part is the bench's alone)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion.benchmarks import intervisie, intervisie_fidelity
from companion.core.clock import FixedClock
from companion.core.config import Settings
from companion.services import build_services
from tests.support.fakes import HashEmbeddings

ITEMS = {"nl": [{"id": "o", "label": "open", "text": "Hoe reageerde de leerling?"},
                {"id": "c", "label": "closed", "text": "Was je boos?"},
                {"id": "a", "label": "advice", "text": "Heb je al overwogen om het te melden?"},
                {"id": "t", "label": "open", "tricky": True, "text": "Wat heb je al geprobeerd?"}],
         "en": [{"id": "o", "label": "open", "text": "What did you say then?"},
                {"id": "c", "label": "closed", "text": "Were you angry?"}]}


def _unit(value) -> bool:
    return value is None or 0 <= value <= 1


@pytest.fixture(scope="module")
def fidelity_run(tmp_path_factory):
    services = build_services(Settings(data_dir=tmp_path_factory.mktemp("intervisie")), embeddings=HashEmbeddings(),
                              model=None, clock=FixedClock(datetime(2026, 11, 12, 14, 0, tzinfo=UTC)))
    try:
        [(run, posts)] = intervisie_fidelity.run_scripts(services, intervisie_fidelity.load_sessions()[:1])
    finally:
        services.engine.dispose()
    return intervisie_fidelity.totals([intervisie_fidelity.check_session(run, posts)]), run, posts


def test_quality_reports_precision_and_recall_per_flag_and_language():
    report = intervisie.quality(ITEMS)
    assert set(report) == {"nl", "en"}
    for q in report.values():
        assert set(q["flags"]) == {"closed_question", "advice_as_question"}
        assert all(_unit(v) for f in q["flags"].values() for k, v in f.items() if k in ("precision", "recall", "f1"))
        assert _unit(q["accuracy"]) and _unit(q["tricky_accuracy"]) and _unit(q["open_kept_clean"])
    nl = report["nl"]["flags"]["advice_as_question"]
    assert (nl["tp"], nl["fp"], nl["fn"]) == (1, 0, 0)  # "Wat heb je al geprobeerd?" is open, not advice
    assert report["nl"]["misclassified"] == [] and report["nl"]["accuracy"] == 1.0
    wrong = intervisie.quality({"nl": [{"id": "x", "label": "open", "text": "Was je boos?"}]})["nl"]
    assert wrong["misclassified"][0]["predicted"] == ["closed_question"] and wrong["accuracy"] == 0.0
    assert wrong["flags"]["closed_question"]["precision"] == 0.0 and wrong["flags"]["closed_question"]["recall"] is None


def test_a_whole_session_is_summarised_in_the_members_own_words(fidelity_run):
    report, _run, _posts = fidelity_run
    totals = report["totals"]
    assert totals["sessions"] == 1 and totals["summaries"] == 6 and totals["quotes"] == 13
    assert all(_unit(totals[k]) for k in ("verbatim_rate", "attributed_rate", "silent_exact_rate",
                                          "companion_clean_rate"))
    assert totals["unattributed"] == 0 and totals["not_verbatim"] == 0 and totals["uncovered_contributions"] == 0
    assert totals["companion_posts_with_own_words"] == 0 and totals["companion_wrong_kind"] == 0
    assert totals["silent_exact"] == totals["silent_checks"] == 12


def test_the_checks_catch_a_misattributed_quote_and_words_of_the_companions_own(fidelity_run):
    _report, run, posts = fidelity_run
    summary = next(p for p in posts if p["kind"] == "summary" and p["phase"] == "questions")
    tampered = summary["text"].replace("- Anne de Vries:", "- Chris Mulder:", 1)
    opening = next(p for p in posts if p["kind"] == "facilitation")
    bad = [{**summary, "text": tampered},
           {**opening, "text": opening["text"] + " Misschien moet Bram gewoon een rooster maken."}]
    kept = [p for p in posts if p["id"] not in (summary["id"], opening["id"])]
    checked = intervisie_fidelity.check_session(run, kept + bad)
    assert [u["name"] for u in checked["unattributed"]] == ["Chris Mulder"]
    assert {"misschien", "gewoon", "rooster"} <= set(checked["companion_posts_with_own_words"][0]["words"])

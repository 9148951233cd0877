"""A judged transcript says which phases were reached, whether a jump was followed and which situation was named."""

from companion.benchmarks.dialogue_report import judge, summarize, table, targets_met

ORDER = ["action", "looking_back", "awareness", "alternatives", "trial"]


def _turn(message, reply, phase, **flags):
    return {"message": message, "reply": reply, "phase": phase, "status": 200, "language": "nl",
            "request": False, "dont_know": False, "jump": "", **flags}


def _transcript(turns, history=()):
    return {"id": "t", "language": "nl", "initial_phase": "action", "phase_order": ORDER,
            "history": list(history), "turns": turns}


def test_phases_jumps_and_earlier_situations_are_read_from_the_transcript():
    judged = judge(_transcript([
        _turn("De overdracht liep mis", "Dat klinkt vervelend. Wat deed je toen?", "looking_back"),
        _turn("Ik wil haar voortaan eerst laten uitpraten", "Dat is een idee. Wat spreekt je aan?", "looking_back",
              jump="alternatives"),
        _turn("weet ik niet", "Geeft niet. Je schreef in maart over ‘Overdracht liep uit de hand’. Wat is anders?",
              "awareness", dont_know=True),
        _turn("Wat moet ik nou doen?", "Je vraagt wat je moet doen; die vraag hoor ik. Wat zie je zelf?",
              "alternatives", request=True, jump="next"),
    ], history=[("Overdracht liep uit de hand", True), ("Scholing infuuspompen", False)]))
    assert judged["phases_visited"] == ["action", "looking_back", "awareness", "alternatives"]
    assert [t.get("jump_followed") for t in judged["turns"]] == [None, False, None, True]
    assert judged["earlier_named"] is True and judged["unrelated_named"] is False
    assert judged["turns"][2]["dont_know_acknowledged"] and judged["turns"][3]["request_acknowledged"]


def test_the_summary_counts_only_conversations_that_can_show_a_measure():
    short = judge(_transcript([_turn("Hoi", "Wat speelde er? En wat deed je?", "looking_back")]))
    summary = summarize([short])
    assert summary["one_question_per_turn"] == 0.0
    assert summary["three_phases_6plus"] is None and summary["earlier_named"] is None
    assert summary["requests_acknowledged"] is None and summary["unrelated_named"] == 0
    met = targets_met(summary)
    assert met["one_question_per_turn"] is False and met["earlier_named"] is None
    report = {"overall": summary, "languages": {"nl": summary}}
    assert table(report).splitlines()[0] == "| measure | nl | all | aim |"

"""Judging the transcripts of `companion bench dialogue`, and the summary per language and overall."""

from __future__ import annotations

import statistics
from typing import Any

from companion.benchmarks import dialogue_measures as m

# The aims of issue 11 (and "never" for naming an unrelated situation or quoting non-content).
TARGETS = {"one_question_per_turn": (">=", 0.95), "language_match": (">=", 0.98),
           "three_phases_6plus": (">=", 0.80), "requests_acknowledged": (">=", 1.0),
           "earlier_named": (">=", 0.60), "unrelated_named": ("<=", 0), "non_content_quoted": ("<=", 0)}

ROWS = (  # (key, label) in the order of the table
    ("conversations", "conversations"), ("replies", "replies"),
    ("one_question_per_turn", "one question per turn"), ("lectures", "lectures (replies)"),
    ("repeated_questions", "repeated questions (replies)"),
    ("repeated_openings", "same opening as an earlier reply (replies)"), ("language_match", "language match"),
    ("phases_reached_mean", "phases reached (mean)"), ("three_phases_6plus", "≥ 3 phases in 6+-turn conversations"),
    ("four_phases_6plus", "≥ 4 phases in 6+-turn conversations"),
    ("requests_acknowledged", "requests acknowledged"), ("dont_know_acknowledged", "\"I don't know\" acknowledged"),
    ("jumps_followed", "jumps ahead followed"), ("earlier_named", "earlier similar situation named"),
    ("unrelated_named", "unrelated situation named (conversations)"),
    ("non_content_quoted", "non-content quoted (replies)"), ("words_per_reply_mean", "words per reply (mean)"),
    ("errors", "errors"),
)


def judge_turn(turn: dict[str, Any], earlier_questions: list[str], earlier_openings: list[str]) -> dict[str, Any]:
    """The measures of one reply, given the questions and openings of the companion's earlier replies."""
    reply = turn["reply"]
    questions = m.question_sentences(reply)
    language = m.reply_language(reply)
    opening = m.opening(reply)
    judged = {
        "words": m.word_count(reply), "questions": len(questions), "one_question": len(questions) == 1,
        "lecture": m.is_lecture(reply, turn["request"]), "lecture_markers": m.lecture_markers(reply),
        "reply_language": language, "language_match": language == turn["language"],
        "repeated_question": m.repeats_earlier(questions, earlier_questions),
        "repeated_opening": bool(opening) and opening in earlier_openings,
        "non_content_quoted": m.quotes_non_content(reply, turn["message"]),
    }
    if turn["request"]:
        judged["request_acknowledged"] = m.acknowledges_request(reply)
    if turn["dont_know"]:
        judged["dont_know_acknowledged"] = m.acknowledges_dont_know(reply)
    return judged


def _followed(order: list[str], before: str, after: str, target: str) -> bool:
    """After a jump the conversation is in the phase the message belongs to or beyond (or, without one, further)."""
    if after not in order or before not in order:
        return False
    if target in order:
        return order.index(after) >= order.index(target)
    return order.index(after) > order.index(before)


def judge(transcript: dict[str, Any]) -> dict[str, Any]:
    """Add the measures to one conversation's transcript (per turn and for the whole conversation)."""
    order = transcript["phase_order"]
    asked: list[str] = []
    openings: list[str] = []
    before = transcript["initial_phase"]
    visited = [before]
    for turn in transcript["turns"]:
        turn.update(judge_turn(turn, asked, openings))
        asked += m.question_sentences(turn["reply"])
        openings.append(m.opening(turn["reply"]))
        phase = turn.get("phase") or before
        if turn["jump"]:
            turn["jump_followed"] = _followed(order, before, phase, turn["jump"])
        if phase not in visited:
            visited.append(phase)
        before = phase
    replies = " ".join(t["reply"] for t in transcript["turns"])
    similar = [t for t, s in transcript["history"] if s]
    unrelated = [t for t, s in transcript["history"] if not s]
    transcript.update({
        "phases_visited": visited, "phases_reached": len(visited),
        "earlier_named": any(m.names_title(replies, t) for t in similar) if similar else None,
        "unrelated_named": any(m.names_title(replies, t) for t in unrelated) if unrelated else None,
    })
    return transcript


def _share(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summarize(conversations: list[dict[str, Any]]) -> dict[str, Any]:
    """The measures over judged conversations."""
    turns = [t for c in conversations for t in c["turns"]]
    long_ones = [c for c in conversations if len(c["turns"]) >= 6]
    with_similar = [c["earlier_named"] for c in conversations if c["earlier_named"] is not None]
    with_unrelated = [c["unrelated_named"] for c in conversations if c["unrelated_named"] is not None]
    return {
        "conversations": len(conversations), "replies": len(turns),
        "one_question_per_turn": _share([t["one_question"] for t in turns]),
        "lectures": sum(t["lecture"] for t in turns),
        "repeated_questions": sum(t["repeated_question"] for t in turns),
        "repeated_openings": sum(t["repeated_opening"] for t in turns),
        "language_match": _share([t["language_match"] for t in turns]),
        "phases_reached_mean": round(statistics.fmean(c["phases_reached"] for c in conversations), 2)
        if conversations else None,
        "three_phases_6plus": _share([c["phases_reached"] >= 3 for c in long_ones]),
        "four_phases_6plus": _share([c["phases_reached"] >= 4 for c in long_ones]),
        "conversations_6plus": len(long_ones),
        "requests": sum("request_acknowledged" in t for t in turns),
        "requests_acknowledged": _share([t["request_acknowledged"] for t in turns if "request_acknowledged" in t]),
        "dont_know": sum("dont_know_acknowledged" in t for t in turns),
        "dont_know_acknowledged": _share([t["dont_know_acknowledged"] for t in turns
                                          if "dont_know_acknowledged" in t]),
        "jumps": sum("jump_followed" in t for t in turns),
        "jumps_followed": _share([t["jump_followed"] for t in turns if "jump_followed" in t]),
        "with_similar": len(with_similar), "earlier_named": _share(with_similar),
        "with_unrelated": len(with_unrelated), "unrelated_named": sum(with_unrelated),
        "non_content_quoted": sum(t["non_content_quoted"] for t in turns),
        "words_per_reply_mean": round(statistics.fmean(t["words"] for t in turns), 1) if turns else None,
        "errors": sum(t["status"] != 200 for t in turns),
    }


def targets_met(summary: dict[str, Any]) -> dict[str, bool | None]:
    met = {}
    for key, (op, aim) in TARGETS.items():
        value = summary.get(key)
        met[key] = None if value is None else (value >= aim if op == ">=" else value <= aim)
    return met


# shares, and the count each is a share of
SHARE_OF = {"one_question_per_turn": "replies", "language_match": "replies",
            "three_phases_6plus": "conversations_6plus", "four_phases_6plus": "conversations_6plus",
            "requests_acknowledged": "requests", "dont_know_acknowledged": "dont_know", "jumps_followed": "jumps",
            "earlier_named": "with_similar"}


def _cell(key: str, summary: dict[str, Any]) -> str:
    value = summary.get(key)
    if value is None:
        return "–"
    if key in SHARE_OF:
        return f"{value * 100:.0f}% (n={summary[SHARE_OF[key]]})"
    if key == "unrelated_named":
        return f"{value} of {summary['with_unrelated']}"
    return str(value)


def table(report: dict[str, Any]) -> str:
    """A Markdown table: one row per measure, a column per language, overall, and the aim."""
    groups = [(lang, report["languages"][lang]) for lang in sorted(report["languages"], reverse=True)]
    groups.append(("all", report["overall"]))
    lines = ["| measure | " + " | ".join(g for g, _ in groups) + " | aim |",
             "|---" * (len(groups) + 2) + "|"]
    for key, label in ROWS:
        aim = TARGETS.get(key)
        aim_text = "" if aim is None else (f"{aim[0]} {aim[1] * 100:.0f}%" if isinstance(aim[1], float)
                                           else ("0" if aim[1] == 0 else f"{aim[0]} {aim[1]}"))
        lines.append(f"| {label} | " + " | ".join(_cell(key, s) for _, s in groups) + f" | {aim_text} |")
    return "\n".join(lines)

"""`companion bench intervisie`: how well the offline facilitator of team sessions does its job.

Three parts. *Quality*: precision and recall of `facilitator.check_question` per flag and language on
hand-labelled questions (`eval/intervisie/questions.yaml`, and `questions_heldout.yaml` written after the patterns
were tuned), with every misclassified item listed. *Fidelity* (`intervisie_fidelity.py`): scripted sessions run
through the service layer, the companion's summaries checked against what the members wrote. *Live room*
(`intervisie_live.py`): members polling the API over HTTP like the session room does, measuring how soon a
posted question is visible to every other member.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import yaml

from companion.benchmarks.intervisie_fidelity import PROMPTS, SET_DIR, fidelity_offline, load_sessions
from companion.teams import facilitator
from companion.teams.facilitator import ADVICE_AS_QUESTION, CLOSED_QUESTION

FLAGS = (CLOSED_QUESTION, ADVICE_AS_QUESTION)
EXPECTED_FLAGS = {"open": [], "closed": [CLOSED_QUESTION], "advice": [ADVICE_AS_QUESTION]}


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


# --- quality ------------------------------------------------------------------------------------------------

def load_questions(path: Path = SET_DIR / "questions.yaml") -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def quality(items_by_language: dict[str, list[dict[str, Any]]], prompts_dir: Path = PROMPTS) -> dict[str, Any]:
    """Precision/recall of each flag per language, exact-label accuracy, and the items the checker got wrong."""
    report: dict[str, Any] = {}
    for language, items in items_by_language.items():
        rows = [{**item, "predicted": facilitator.check_question(prompts_dir, item["text"])} for item in items]
        flags = {}
        for flag in FLAGS:
            tp = sum(flag in r["predicted"] and flag in EXPECTED_FLAGS[r["label"]] for r in rows)
            fp = sum(flag in r["predicted"] and flag not in EXPECTED_FLAGS[r["label"]] for r in rows)
            fn = sum(flag not in r["predicted"] and flag in EXPECTED_FLAGS[r["label"]] for r in rows)
            p, rc = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            f1 = round(2 * p * rc / (p + rc), 4) if p and rc else (0.0 if p is not None and rc is not None else None)
            flags[flag] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": rc, "f1": f1}
        wrong = [{"id": r["id"], "text": r["text"], "label": r["label"], "predicted": r["predicted"] or ["open"],
                  "tricky": bool(r.get("tricky"))} for r in rows if r["predicted"] != EXPECTED_FLAGS[r["label"]]]
        tricky = [r for r in rows if r.get("tricky")]
        report[language] = {
            "items": len(rows), "labels": {k: sum(r["label"] == k for r in rows) for k in EXPECTED_FLAGS},
            "accuracy": _ratio(len(rows) - len(wrong), len(rows)),
            "tricky_accuracy": _ratio(sum(r["predicted"] == EXPECTED_FLAGS[r["label"]] for r in tricky), len(tricky)),
            "open_kept_clean": _ratio(sum(not r["predicted"] for r in rows if r["label"] == "open"),
                                      sum(r["label"] == "open" for r in rows)),
            "flags": flags, "misclassified": wrong}
    return report


# --- the command --------------------------------------------------------------------------------------------

def print_report(report: dict[str, Any]) -> None:
    for part, title in (("tuning_set", "questions.yaml, the set the patterns were tuned on"),
                        ("held_out", "questions_heldout.yaml, written after tuning")):
        if part not in report["quality"]:
            continue
        click.echo(f"Question checks (check_question) on {title}:")
        click.echo(f"{'lang':<6}{'flag':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'f1':>8}")
        for language, q in report["quality"][part].items():
            for flag, f in q["flags"].items():
                click.echo(f"{language:<6}{flag:<22}{f['tp']:>5}{f['fp']:>5}{f['fn']:>5}{f['precision']!s:>11}"
                           f"{f['recall']!s:>8}{f['f1']!s:>8}")
            click.echo(f"{language:<6}{q['items']} items, exact label {q['accuracy']}, tricky ones "
                       f"{q['tricky_accuracy']}, open questions left unflagged {q['open_kept_clean']}; misclassified:")
            for w in q["misclassified"]:
                click.echo(f"      {w['id']:<10}{w['label']:>7} -> {'/'.join(w['predicted']):<19}{w['text']}")
    if "fidelity" in report:
        t = report["fidelity"]["totals"]
        click.echo(f"Summary fidelity over {t['sessions']} sessions: {t['summaries']} summaries, {t['quotes']} quotes, "
                   f"verbatim {t['verbatim']}, attributed {t['attributed']}, unattributed {t['unattributed']}, "
                   f"not verbatim {t['not_verbatim']}, contributions left out {t['uncovered_contributions']}; "
                   f"companion posts {t['companion_posts']}, with words of its own "
                   f"{t['companion_posts_with_own_words']}; 'not spoken yet' exact "
                   f"{t['silent_exact']}/{t['silent_checks']}")
    if "live" in report:
        for level, r in report["live"]["levels"].items():
            click.echo(f"Live room, {level} members: {r['posts']} posts, visible to every other member p50/p95 "
                       f"{r['visible']['p50_ms']}/{r['visible']['p95_ms']} ms (to each one "
                       f"{r['visible_each']['p50_ms']}/{r['visible_each']['p95_ms']} ms), poll p50/p95 "
                       f"{r['poll']['p50_ms']}/{r['poll']['p95_ms']} ms ({r['poll']['n']} polls, "
                       f"{r['errors']} errors)")


@click.command("intervisie")
@click.option("--set", "set_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SET_DIR,
              show_default=True, help="Folder with questions.yaml and sessions.yaml.")
@click.option("--members", default="4,12", show_default=True, help="Live room: members per session, comma-separated.")
@click.option("--seconds", default=30.0, show_default=True, help="Live room: how long members post and poll per size.")
@click.option("--no-live", is_flag=True, help="Skip the live-room part (no API process).")
@click.option("--prompts", "prompts_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=PROMPTS, show_default=True, help="Prompts folder whose question checks are scored (to compare "
              "banks, e.g. an older questions/intervisie.<lang>.yaml).")
@click.option("--out", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("bench-intervisie.json"), show_default=True)
def intervisie_command(set_dir: Path, members: str, seconds: float, no_live: bool, prompts_dir: Path,
                       out: Path) -> None:
    """Intervisie facilitation: question checks, summary fidelity, and live-room timing; writes JSON."""
    scored = {"tuning_set": quality(load_questions(set_dir / "questions.yaml"), prompts_dir)}
    if (held_out := set_dir / "questions_heldout.yaml").exists():
        scored["held_out"] = quality(load_questions(held_out), prompts_dir)
    report: dict[str, Any] = {"set": str(set_dir), "prompts": str(prompts_dir),
                              "facilitator": "offline (rules and question banks)", "quality": scored,
                              "fidelity": fidelity_offline(load_sessions(set_dir / "sessions.yaml"))}
    if not no_live:
        from companion.benchmarks.intervisie_live import live

        report["live"] = live([int(m) for m in members.split(",") if m.strip()], seconds)
    print_report(report)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    click.echo(f"wrote {out}")

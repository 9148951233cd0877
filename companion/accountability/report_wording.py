"""The text of an account: sections filled from templates (prompts/account.<lang>.yaml), optionally reworded by the
language model, which must keep every number (else the template's text stays).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from langchain_core.messages import HumanMessage, SystemMessage

from companion.core.config import PROJECT_ROOT
from companion.llm import prompt_files
from companion.llm.provider import mode_name

log = logging.getLogger(__name__)
OFFLINE_DRAFTER = "offline guide"  # the same words review.py uses for drafts made without a model
WORDED_SECTIONS = ("professional", "ahead")  # the organisation section is a list of marks: kept literal
_NUMBER = re.compile(r"\d+")


def _templates(prompts_dir: Path | None, language: str) -> dict[str, Any]:
    folder = Path(prompts_dir or PROJECT_ROOT / "prompts")
    path = folder / f"account.{language}.yaml"
    if not path.exists():
        path = folder / "account.nl.yaml"
    return yaml.safe_load(prompt_files._read(str(path)))


def format_day(day: date, language: str) -> str:
    return day.strftime("%d-%m-%Y") if language == "nl" else day.isoformat()


def period_title(prompts_dir: Path | None, language: str, start: date, end: date) -> str:
    return prompt_files.render(_templates(prompts_dir, language)["title"], start=format_day(start, language),
                          end=format_day(end, language))


def commitment_text(t: dict[str, Any], item: dict[str, Any]) -> str:
    template = t["commitments"].get(item.get("key"), "{text}")
    return prompt_files.render(template, minutes=item.get("minutes") or 0, text=item.get("text") or "")


def commitment_label(prompts_dir: Path | None, language: str, item: dict[str, Any]) -> str:
    """One commitment in words, e.g. "Tijd om te leren: 60 minuten per week"."""
    return commitment_text(_templates(prompts_dir, language), item)


def organisation_section(prompts_dir: Path | None, language: str, commitments: list[dict[str, Any]]) -> str:
    """What the organisation committed to, each with the professional's mark and note."""
    t = _templates(prompts_dir, language)
    if not commitments:
        lines = t["no_commitments"]
    else:
        lines = "\n".join(prompt_files.render(t["commitment_line"], commitment=commitment_text(t, item),
                                         mark=t["marks"][item.get("mark") or "none"],
                                         note=f" ({item['note']})" if item.get("note") else "")
                          for item in commitments)
    return prompt_files.render(t["sections"]["organisation"], commitment_lines=lines).strip()


def template_sections(prompts_dir: Path | None, language: str, facts: dict[str, Any],
                      commitments: list[dict[str, Any]], start: date, end: date) -> dict[str, str]:
    """Every section filled in from the facts: the offline draft."""
    t = _templates(prompts_dir, language)
    values = {key: value for key, value in facts.items() if not isinstance(value, list)}
    values.update(start=format_day(start, language), end=format_day(end, language))
    steps = "\n".join(f"- {step}" for step in facts.get("next_steps") or []) or t["no_next_steps"]
    return {
        "professional": prompt_files.render(t["sections"]["professional"], **values).strip(),
        "organisation": organisation_section(prompts_dir, language, commitments),
        "ahead": prompt_files.render(t["sections"]["ahead"], next_steps=steps).strip(),
    }


def reword(model, prompts_dir: Path | None, language: str, text: str) -> str | None:
    """The model's wording of one section, or None when it failed or dropped or invented a number."""
    system = prompt_files.text(Path(prompts_dir or PROJECT_ROOT / "prompts"), "account_wording", language)
    try:
        reply = model.invoke([SystemMessage(system), HumanMessage(text)])
    except Exception as exc:  # noqa: BLE001 - any model failure falls back to the template's text
        log.warning("account wording failed, keeping the template: %s", exc)
        return None
    worded = str(getattr(reply, "text", None) or getattr(reply, "content", "") or "").strip()
    if not worded or sorted(_NUMBER.findall(worded)) != sorted(_NUMBER.findall(text)):
        return None
    return worded


def draft_sections(prompts_dir: Path | None, language: str, facts: dict[str, Any], commitments: list[dict[str, Any]],
                   start: date, end: date, model=None) -> tuple[dict[str, str], str]:
    """(section texts, who drafted them): the templates' text, reworded by the model where it kept the facts."""
    sections = template_sections(prompts_dir, language, facts, commitments, start, end)
    if model is None:
        return sections, OFFLINE_DRAFTER
    worded_any = False
    for key in WORDED_SECTIONS:
        worded = reword(model, prompts_dir, language, sections[key])
        if worded:
            sections[key], worded_any = worded, True
    return sections, f"model:{mode_name(model)[4:]}" if worded_any else OFFLINE_DRAFTER

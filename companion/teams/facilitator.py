"""The companion as facilitator: it opens each phase, flags closed questions and advice disguised as a question,
summarises each round in the members' own words, and notices who has not spoken yet. It never answers the case.

Offline it uses rules and the question bank `prompts/questions/intervisie.<lang>.yaml`; with a chat model it may
word a phase's opening (`prompts/facilitator.<lang>.md`), through the circuit breaker, falling back to the bank's
text when the model fails, is switched off by the breaker, or answers with something that is not an opening.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from companion.llm import prompt_files
from companion.llm.resilience import CircuitBreaker

log = logging.getLogger(__name__)
BANK = "intervisie"
QUOTE_CHARS = 160
MAX_WORDED = 700
CLOSED_QUESTION, ADVICE_AS_QUESTION = "closed_question", "advice_as_question"


def bank(prompts_dir: Path, language: str) -> dict[str, Any]:
    """The facilitator's bank in `language` (Dutch if missing), parsed once per process (read-only)."""
    return _bank(Path(prompts_dir), language if language in ("nl", "en") else "nl")


@lru_cache(maxsize=8)
def _bank(prompts_dir: Path, language: str) -> dict[str, Any]:
    return prompt_files.bank(prompts_dir, BANK, language)


def phase_words(prompts_dir: Path, language: str, method: str, phase: str) -> dict[str, str]:
    """The phase's label, what it asks now, and its opening template."""
    return bank(prompts_dir, language)["methods"][method]["phases"][phase]


def method_words(prompts_dir: Path, language: str, method: str) -> dict[str, str]:
    data = bank(prompts_dir, language)["methods"][method]
    return {"name": data["name"], "summary": data["summary"]}


@lru_cache(maxsize=8)
def _checks(prompts_dir: Path) -> dict[str, list[re.Pattern]]:
    """Both languages' patterns: people write in the language they think in, whatever the session's language."""
    out: dict[str, list[re.Pattern]] = {CLOSED_QUESTION: [], ADVICE_AS_QUESTION: []}
    for language in ("nl", "en"):
        for flag, patterns in bank(prompts_dir, language)["checks"].items():
            out[flag] += [re.compile(p, re.IGNORECASE) for p in patterns]
    return out


def check_question(prompts_dir: Path, text: str) -> list[str]:
    """What is wrong with a question in the question round: advice in disguise (first), or closed; else nothing."""
    checks = _checks(prompts_dir)
    sentences = [s for s in re.split(r"(?<=[?!.])\s+", text.strip()) if s]
    if any(p.search(text) for p in checks[ADVICE_AS_QUESTION]):
        return [ADVICE_AS_QUESTION]
    if sentences and any(p.search(s) for s in sentences if s.endswith("?") for p in checks[CLOSED_QUESTION]):
        return [CLOSED_QUESTION]
    return []


def nudge(prompts_dir: Path, language: str, flag: str, name: str, turn: int) -> str:
    """The facilitator's word to the one who asked, with an open question from the bank as an example."""
    data = bank(prompts_dir, language)
    examples = data["open_questions"]
    return prompt_files.render(data["nudges"][flag], name=name, example=examples[turn % len(examples)])


def join_names(prompts_dir: Path, language: str, names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {bank(prompts_dir, language)['and_word']} " + names[-1]


def not_spoken(prompts_dir: Path, language: str, names: list[str]) -> str:
    """"Van Bram en Chris hebben we ... nog niets gehoord." (empty when everyone spoke)."""
    if not names:
        return ""
    return prompt_files.render(bank(prompts_dir, language)["nudges"]["not_spoken"],
                               names=join_names(prompts_dir, language, names))


def advice_hidden(prompts_dir: Path, language: str, given: int, expected: int) -> str:
    return prompt_files.render(bank(prompts_dir, language)["nudges"]["advice_hidden"], given=given, expected=expected)


def quote(text: str) -> str:
    """The contribution's own words: its first sentence or two, cut at a word boundary, never reworded."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


def summary(prompts_dir: Path, language: str, phase_label: str, said: list[tuple[str, str]],
            silent: list[str]) -> str:
    """A round in the members' own words with attribution: one quoted line per contribution, then who was silent."""
    data = bank(prompts_dir, language)["summary"]
    lines = [prompt_files.render(data["heading"], phase=phase_label)]
    lines += [prompt_files.render(data["line"], name=name, quote=quote(text)) for name, text in said] \
        or [data["nobody"]]
    if silent:
        lines.append(prompt_files.render(data["silent"], names=join_names(prompts_dir, language, silent)))
    return "\n".join(lines)


def opening_text(prompts_dir: Path, language: str, method: str, phase: str, *, case_title: str = "",
                 case_owner: str = "", agreement: str = "") -> str:
    data = bank(prompts_dir, language)
    agreement = agreement.strip() or data["no_agreement"]
    return prompt_files.render(phase_words(prompts_dir, language, method, phase)["opening"], case_title=case_title,
                               case_owner=case_owner, agreement=f'"{agreement}"' if agreement != data[
                                   "no_agreement"] else agreement)


@dataclass
class Wording:
    """How the facilitator's texts are worded: the chat model through the breaker, or the bank (model None)."""

    prompts_dir: Path
    model: BaseChatModel | None = None
    breaker: CircuitBreaker | None = None

    @property
    def mode(self) -> str:
        return "offline" if self.model is None else "model"

    def opening(self, language: str, method: str, phase: str, offline: str) -> tuple[str, str]:
        """(text, made_by): the model's wording of the opening when it gives a usable one, else the bank's text."""
        if self.model is None or (self.breaker is not None and not self.breaker.allow()):
            return offline, "offline"
        words = phase_words(self.prompts_dir, language, method, phase)
        system = prompt_files.render(prompt_files.text(self.prompts_dir, "facilitator", language),
                                     method=method_words(self.prompts_dir, language, method)["name"],
                                     phase=words["label"], asks=words["asks"])
        try:
            reply = self.model.invoke([SystemMessage(system), HumanMessage(offline)])
            text = str(getattr(reply, "content", "") or "").strip()
        except Exception:  # any provider failure: the session goes on with the offline facilitator
            log.warning("facilitator wording failed; using the offline text", exc_info=True)
            if self.breaker is not None:
                self.breaker.failure()
            return offline, "offline"
        if self.breaker is not None:
            self.breaker.success()
        if not text or len(text) > MAX_WORDED or check_question(self.prompts_dir, text) == [ADVICE_AS_QUESTION]:
            return offline, "offline"  # empty, rambling, or advising: not the facilitator's job
        return text, "model"

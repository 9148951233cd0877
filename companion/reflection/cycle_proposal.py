"""Propose a reflection cycle from the person's first message: a deterministic heuristic, explained in one sentence.

Each cycle's bank lists `propose.cues` (regexes): a recurring pattern points to ALACT, an incident or strong
feeling to Gibbs, a task and its result to STARR(T). The cycle with the most matching cues wins; ties go to the
order of TIE_ORDER (a recurring pattern is the strongest signal); no match at all proposes the default cycle.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from companion.llm import prompt_files
from companion.reflection.cycles import COMMON, CYCLES, DEFAULT_CYCLE

TIE_ORDER = ("alact", "gibbs", "starr")


@lru_cache(maxsize=8)
def _rules(prompts_dir: Path, language: str) -> tuple[dict[str, list[re.Pattern]], dict[str, str], str]:
    cues, reasons = {}, {}
    for cycle_id in CYCLES:
        spec = prompt_files.bank(prompts_dir, cycle_id, language).get("propose") or {}
        cues[cycle_id] = [re.compile(c, re.IGNORECASE) for c in spec.get("cues") or []]
        reasons[cycle_id] = spec.get("reason", "")
    default = prompt_files.bank(prompts_dir, COMMON, language)["propose_default"]
    return cues, reasons, default


def propose(prompts_dir: Path, message: str, language: str) -> dict[str, Any]:
    """{"cycle", "reason", "scores", "cue"}: the proposed cycle and why, in one sentence without a question."""
    cues, reasons, default = _rules(prompts_dir, language)
    scores: dict[str, int] = {}
    first_cue: dict[str, str] = {}
    for cycle_id, patterns in cues.items():
        found = [m.group(0) for p in patterns for m in [p.search(message)] if m]
        scores[cycle_id] = len(found)
        if found:
            first_cue[cycle_id] = min(found, key=lambda w: message.lower().find(w.lower()))
    best = max(TIE_ORDER, key=lambda c: (scores.get(c, 0), -TIE_ORDER.index(c)))
    if scores.get(best, 0) == 0:
        return {"cycle": DEFAULT_CYCLE, "reason": default, "scores": scores, "cue": None}
    cue = first_cue[best].strip()
    return {"cycle": best, "reason": prompt_files.render(reasons[best], cue=cue), "scores": scores, "cue": cue}

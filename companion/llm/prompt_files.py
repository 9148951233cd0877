"""Prompt files in prompts/, one file each: system prompts and per-phase prompts (Markdown), question banks (YAML)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=64)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def text(prompts_dir: Path, name: str, language: str) -> str:
    """prompts/<name>.<language>.md, falling back to Dutch."""
    path = prompts_dir / f"{name}.{language}.md"
    if not path.exists():
        path = prompts_dir / f"{name}.nl.md"
    return _read(str(path))


def phase(prompts_dir: Path, cycle: str, phase_id: str, language: str) -> str:
    """prompts/phases/<cycle>.<phase>.<language>.md: one phase's instructions, falling back to Dutch."""
    path = prompts_dir / "phases" / f"{cycle}.{phase_id}.{language}.md"
    if not path.exists():
        path = prompts_dir / "phases" / f"{cycle}.{phase_id}.nl.md"
    return _read(str(path))


def bank(prompts_dir: Path, name: str, language: str) -> dict[str, Any]:
    """prompts/questions/<name>.<language>.yaml, falling back to Dutch."""
    path = prompts_dir / "questions" / f"{name}.{language}.yaml"
    if not path.exists():
        path = prompts_dir / "questions" / f"{name}.nl.yaml"
    return yaml.safe_load(_read(str(path)))


def render(template: str, **values: object) -> str:
    """Fill {name} placeholders that have a value; other braces stay as they are."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))

"""Prompt files load, and the Dutch and English question banks match and are complete."""

import re

import pytest
import yaml

from companion import prompts
from companion.config import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
BANKS = sorted((PROMPTS / "questions").glob("*.yaml"))
# what companion/chat.py fills in
FILLED = {"system": {"name", "cycle", "phase", "goal", "slot", "question"}, "closing": {"name", "cycle"}}
# what companion/reflection.py fills in for the offline guide's own texts
BANK_TEXTS = {"acknowledge": {"quote"}, "phase_done": {"phase"}, "pattern": {"title", "date"}}


def _bank(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _ids(bank: dict) -> list[str]:
    out = []
    for phase in bank["phases"]:
        out.append(phase["id"])
        for slot in phase["slots"]:
            out.append(f"{phase['id']}.{slot['id']}")
            out += [q["id"] for q in slot["questions"]]
    return out


def test_every_prompt_file_loads():
    files = sorted(PROMPTS.rglob("*.md")) + BANKS
    assert len(files) >= 6
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.strip(), path
        if path.suffix == ".yaml":
            assert isinstance(yaml.safe_load(text), dict), path


@pytest.mark.parametrize("name", sorted(FILLED))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_system_prompts_use_exactly_the_placeholders_chat_fills(name, language):
    text = prompts.text(PROMPTS, name, language)
    assert (PROMPTS / f"{name}.{language}.md").exists()
    assert prompts.placeholders(text) == FILLED[name]
    rendered = prompts.render(text, **{k: "X" for k in FILLED[name]})
    assert not prompts.placeholders(rendered)


def test_banks_exist_in_both_languages_with_the_same_ids():
    cycles = {p.name.split(".")[0] for p in BANKS}
    for cycle in cycles:
        nl, en = _bank(PROMPTS / "questions" / f"{cycle}.nl.yaml"), _bank(PROMPTS / "questions" / f"{cycle}.en.yaml")
        assert _ids(nl) == _ids(en)
        assert (nl["language"], en["language"]) == ("nl", "en")
        assert nl["cycle"] == en["cycle"] == cycle


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_bank_has_enough_unique_questions(path):
    bank = _bank(path)
    ids = _ids(bank)
    assert len(ids) == len(set(ids))
    texts = [q["text"] for p in bank["phases"] for s in p["slots"] for q in s["questions"]]
    assert len(texts) == len(set(texts))
    for phase in bank["phases"]:
        assert sum(len(s["questions"]) for s in phase["slots"]) >= 8, phase["id"]
        for slot in phase["slots"]:
            assert len(slot["questions"]) >= 3, slot["id"]
            for q in slot["questions"]:
                assert q["text"].endswith("?") and q["text"].count("?") == 1, q["id"]
                assert q["id"].startswith(f"{phase['id']}.{slot['id']}."), q["id"]


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_all_regexes_compile(path):
    bank = _bank(path)
    patterns = list(bank.get("non_answers") or [])
    patterns += [c for p in bank["phases"] for s in p["slots"] for c in s.get("cues") or []]
    assert patterns
    for pattern in patterns:
        re.compile(pattern, re.IGNORECASE)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_guide_texts_use_only_the_placeholders_the_guide_fills(path):
    bank = _bank(path)
    assert not prompts.placeholders(bank["welcome"]) and not prompts.placeholders(bank["closing"])
    assert bank["welcome"].count("?") == 1 and bank["welcome"].endswith("?")
    for key, allowed in BANK_TEXTS.items():
        assert bank[key], key
        for text in bank[key]:
            assert prompts.placeholders(text) <= allowed, text
            assert "?" not in text or key == "pattern", text
        if key == "pattern":
            assert all(t.count("?") == 1 and t.endswith("?") for t in bank[key])

"""Prompt files load; every cycle × phase × language has its prompt; the question banks match and are complete."""

import re

import pytest
import yaml

from companion.core.config import PROJECT_ROOT
from companion.llm import prompt_files
from companion.reflection import cycles

PROMPTS = PROJECT_ROOT / "prompts"
LANGUAGES = ("nl", "en")
BANKS = [PROMPTS / "questions" / f"{c}.{lang}.yaml" for c in cycles.CYCLES for lang in LANGUAGES]
COMMON = [PROMPTS / "questions" / f"_common.{lang}.yaml" for lang in LANGUAGES]
# what companion/chat.py fills in
FILLED = {"system": {"name", "cycle", "phase_prompt", "turn"}, "closing": {"name", "cycle"}}
PHASE_FILLED = {"name", "phase", "goal", "slot", "question", "captured", "missing"}
PHASE_NEEDS = {"phase", "goal", "slot", "question", "captured", "missing"}  # the steering a phase prompt must carry
# what the offline guide fills in for its own texts, and how many questions each may ask
GUIDE_TEXTS = {"acknowledge": ({"quote"}, 0), "phase_done": ({"bridge"}, 0), "pattern": ({"title", "date"}, 1),
               "exhausted": ({"slot"}, 0), "back": ({"phase"}, 0), "revise": ({"phase"}, 1),
               "switched": ({"cycle"}, 0), "closing_exhausted": (set(), 0), "welcome_propose": (set(), 1),
               "propose_default": (set(), 0), "reflect": ({"reflection"}, 0), "acknowledge_feeling": ({"feeling"}, 0),
               "acknowledge_insight": (set(), 0), "acknowledge_idea": (set(), 0), "acknowledge_plan": (set(), 0),
               "acknowledge_felt": (set(), 0), "acknowledge_move": (set(), 0),
               "phase_move": ({"summary", "bridge"}, 0), "request_heard": (set(), 0), "request_why": (set(), 0),
               "request_knowledge": ({"title"}, 0), "request_options": ({"options"}, 0),
               "request_question": (set(), 1), "dont_know": (set(), 0), "dont_know_partly": (set(), 0),
               "skip": (set(), 0),
               "not_helping": (set(), 0), "not_helping_question": (set(), 1), "stop": (set(), 0),
               "stop_question": (set(), 1)}


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


def _texts(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def test_every_prompt_file_loads():
    files = sorted(PROMPTS.rglob("*.md")) + sorted((PROMPTS / "questions").glob("*.yaml"))
    assert len(files) >= 6 + 2 * 17  # system and closing, 17 phases in two languages, the banks
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.strip(), path
        if path.suffix == ".yaml":
            assert isinstance(yaml.safe_load(text), dict), path


@pytest.mark.parametrize("name", sorted(FILLED))
@pytest.mark.parametrize("language", LANGUAGES)
def test_system_prompts_use_exactly_the_placeholders_chat_fills(name, language):
    text = prompt_files.text(PROMPTS, name, language)
    assert (PROMPTS / f"{name}.{language}.md").exists()
    assert prompt_files.placeholders(text) == FILLED[name]
    rendered = prompt_files.render(text, **{k: "X" for k in FILLED[name]})
    assert not prompt_files.placeholders(rendered)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("cycle_id", cycles.CYCLES)
def test_every_phase_of_every_cycle_has_its_own_prompt(cycle_id, language):
    cycle = cycles.load_cycle(PROMPTS, cycle_id, language)
    seen = set()
    for phase in cycle.phases:
        path = PROMPTS / "phases" / f"{cycle_id}.{phase.id}.{language}.md"
        assert path.exists(), path
        text = prompt_files.phase(PROMPTS, cycle_id, phase.id, language)
        assert PHASE_NEEDS <= prompt_files.placeholders(text) <= PHASE_FILLED, path
        assert text not in seen  # one prompt per phase, not one copied text
        seen.add(text)
        rendered = prompt_files.render(text, **{k: "X" for k in PHASE_FILLED})
        assert not prompt_files.placeholders(rendered)
    extra = {p.name for p in (PROMPTS / "phases").glob(f"{cycle_id}.*.{language}.md")}
    assert extra == {f"{cycle_id}.{p.id}.{language}.md" for p in cycle.phases}  # no prompt for an unknown phase


def test_pattern_phases_tell_the_model_to_bring_up_earlier_situations():
    for cycle_id in cycles.CYCLES:
        for language in LANGUAGES:
            cycle = cycles.load_cycle(PROMPTS, cycle_id, language)
            phase_id = cycle.pattern_slot.split(".")[0]
            text = prompt_files.phase(PROMPTS, cycle_id, phase_id, language)
            assert re.search(r"context", text), (cycle_id, language)


def test_banks_exist_in_both_languages_with_the_same_ids():
    for cycle in cycles.CYCLES:
        nl, en = _bank(PROMPTS / "questions" / f"{cycle}.nl.yaml"), _bank(PROMPTS / "questions" / f"{cycle}.en.yaml")
        assert _ids(nl) == _ids(en)
        assert (nl["language"], en["language"]) == ("nl", "en")
        assert nl["cycle"] == en["cycle"] == cycle
        assert nl["pattern_slot"] == en["pattern_slot"] and nl["situation"] == en["situation"]
    common_nl, common_en = (_bank(p) for p in COMMON)
    assert set(common_nl) == set(common_en)


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
            assert len(slot["questions"]) >= 5, slot["id"]  # rounds in one conversation do not run dry early
            for q in slot["questions"]:
                assert q["text"].endswith("?") and q["text"].count("?") == 1, q["id"]
                assert q["id"].startswith(f"{phase['id']}.{slot['id']}."), q["id"]


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[^\W\d_]{5,}", text.lower())}


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_phase_has_a_plain_bridge_that_the_move_texts_use(path):
    bank = _bank(path)
    for phase in bank["phases"]:
        bridge = phase["bridge"]
        assert bridge.endswith(".") and "?" not in bridge and len(bridge.split()) <= 12, phase["id"]
        labels = [p["label"] for p in bank["phases"]]
        assert not any(label.lower() in bridge.lower() for label in labels), bridge  # plain words, not the model's
        assert "‘" not in bridge and not prompt_files.placeholders(bridge)
        questions = [q["text"] for s in phase["slots"] for q in s["questions"]]
        assert not [q for q in questions if _stems(q) & _stems(bridge)], bridge  # the question after it: no echo
    for common in COMMON:
        for key in ("phase_move", "phase_done"):
            assert all("{bridge}" in text and "{phase}" not in text for text in _bank(common)[key])


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_bank_references_its_own_slots(path):
    bank = _bank(path)
    keys = {f"{p['id']}.{s['id']}" for p in bank["phases"] for s in p["slots"]}
    assert bank["pattern_slot"] in keys
    assert "description" in bank["situation"] and set(bank["situation"].values()) <= keys
    assert set(bank["situation"]) <= {"description", "involved", "wanted", "did", "thought", "felt"}
    assert bank["summary"].strip() and "?" not in bank["summary"]


@pytest.mark.parametrize("path", BANKS + COMMON, ids=lambda p: p.name)
def test_all_regexes_compile(path):
    bank = _bank(path)
    patterns = list(bank.get("non_answers") or []) + list((bank.get("propose") or {}).get("cues") or [])
    patterns += [c for cues in (bank.get("intents") or {}).values() for c in cues]
    patterns += [c for p in bank.get("phases") or [] for s in p["slots"] for c in s.get("cues") or []]
    assert patterns
    for pattern in patterns:
        re.compile(pattern, re.IGNORECASE)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_cycle_texts_ask_one_question_at_most(path):
    bank = _bank(path)
    assert not prompt_files.placeholders(bank["welcome"]) and not prompt_files.placeholders(bank["closing"])
    assert bank["welcome"].count("?") == 1 and bank["welcome"].endswith("?")
    assert prompt_files.placeholders(bank["propose"]["reason"]) == {"cue"} and "?" not in bank["propose"]["reason"]


@pytest.mark.parametrize("path", COMMON, ids=lambda p: p.name)
def test_shared_guide_texts_use_only_the_placeholders_the_guide_fills(path):
    bank = _bank(path)
    for key, (allowed, questions) in GUIDE_TEXTS.items():
        assert bank[key], key
        for text in _texts(bank[key]):
            assert prompt_files.placeholders(text) <= allowed, text
            assert text.count("?") == questions, text
            if questions:
                assert text.endswith("?"), text

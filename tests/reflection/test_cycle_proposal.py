"""The companion proposes a cycle from the first message: deterministic, explained in one sentence."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycle_proposal

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.mark.parametrize(("language", "message", "expected"), [
    ("nl", "Tijdens de nachtdienst werd een bewoner agressief en ik schrok enorm.", "gibbs"),
    ("nl", "Er ging gisteren iets mis met de medicatie en ik was erg boos op mezelf.", "gibbs"),
    ("nl", "Ik kreeg de taak om het werkoverleg te organiseren en het resultaat viel tegen.", "starr"),
    ("nl", "Mijn project moest voor de deadline worden opgeleverd en het is gelukt.", "starr"),
    ("nl", "Telkens als mijn collega in het overleg iets voorstelt, zeg ik niets.", "alact"),
    ("nl", "Elke keer bij de overdracht loopt het gesprek weer uit, en ik word er boos van.", "alact"),
    ("en", "A client became aggressive during the home visit and I felt scared.", "gibbs"),
    ("en", "I was asked to deliver the quarterly report and the result was good.", "starr"),
    ("en", "Every time my manager joins the meeting I stop talking.", "alact"),
])
def test_the_proposal_follows_what_the_story_is_about(language, message, expected):
    found = cycle_proposal.propose(PROMPTS, message, language)
    assert found["cycle"] == expected, found
    assert found["cue"] and found["cue"].lower() in message.lower()
    assert found["cue"] in found["reason"] and "?" not in found["reason"]
    assert found["reason"] == cycle_proposal.propose(PROMPTS, message, language)["reason"]  # deterministic


@pytest.mark.parametrize("language", ["nl", "en"])
def test_without_any_cue_the_default_cycle_is_proposed_with_a_reason(language):
    found = cycle_proposal.propose(PROMPTS, "Hallo daar, het weer is mooi.", language)
    assert found["cycle"] == "alact" and found["cue"] is None
    assert found["reason"] and "?" not in found["reason"]

"""With a (scripted) model, the same state machine steers one prompt per phase of every cycle."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycles

PROMPTS = PROJECT_ROOT / "prompts"


# the API talks to the scripted chat model; long walks through a cycle, so no per-minute limit
pytestmark = [pytest.mark.scripted_model, pytest.mark.usefixtures("no_chat_rate")]


@pytest.mark.parametrize("cycle_id", cycles.CYCLES)
def test_every_phase_prompt_reaches_the_model_and_phases_complete_by_what_was_said(client, anne, fake_model,
                                                                                   cycle_id):
    cycle = cycles.load_cycle(PROMPTS, cycle_id, "nl")
    conv = client.post("/api/conversations", headers=anne, json={"cycle": cycle_id}).json()
    fake_model.default_reply = "Kun je daar iets meer over vertellen?"
    seen_phases = []
    turns = sum(max(p.enough or len(p.slots), len(p.required)) for p in cycle.phases)  # enough per phase
    for n in range(turns):
        r = client.post(f"/api/conversations/{conv['id']}/messages", headers=anne,
                        json={"content": f"Antwoord {n}: zo zat het voor mij in elkaar."})
        assert r.status_code == 200, r.text
        assert r.json()["message"]["content"] == fake_model.default_reply
        system = fake_model.history[-1][0].content
        if n < turns - 1:
            phase = cycle.phase(r.json()["phase"])
            assert f"# Fase: {phase.label}" in system and phase.goal in system  # this phase's own prompt
            assert f"Antwoord {n}: zo zat het voor mij in elkaar." in system  # what was said, to refer back to
            seen_phases.append(phase.id)
    assert list(dict.fromkeys(seen_phases)) == cycle.phase_ids()[1:]  # the first answer is enough for the first
    assert "alle fasen" in fake_model.history[-1][0].content  # the closing prompt once every phase is complete
    assert client.get(f"/api/conversations/{conv['id']}", headers=anne).json()["completed"] is True


def test_the_proposal_is_said_before_the_models_first_question(client, anne, fake_model):
    conv = client.post("/api/conversations", headers=anne, json={"cycle": "propose"}).json()
    fake_model.enqueue("Wat voelde je toen het gebeurde?")
    r = client.post(f"/api/conversations/{conv['id']}/messages", headers=anne,
                    json={"content": "Ik kreeg de taak om het project op te leveren en het resultaat was goed."})
    text = r.json()["message"]["content"]
    assert text.startswith("Je beschrijft een taak") and text.endswith("Wat voelde je toen het gebeurde?")
    assert "STARR(T)-methode" in fake_model.history[-1][0].content
    assert r.json()["mode"] == "llm:scripted"

"""Cycles through the API: list them, choose on start, let the companion propose, switch early, go back a phase."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycles

INCIDENT = "Tijdens de nachtdienst werd een bewoner agressief en ik schrok enorm."


pytestmark = pytest.mark.usefixtures("no_chat_rate")  # long walks through a cycle


def _start(client, headers, **body) -> dict:
    r = client.post("/api/conversations", headers=headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def _say(client, headers, conv_id: int, text: str) -> dict:
    r = client.post(f"/api/conversations/{conv_id}/messages", headers=headers, json={"content": text})
    assert r.status_code == 200, r.text
    return r.json()


def _get(client, headers, conv_id: int) -> dict:
    return client.get(f"/api/conversations/{conv_id}", headers=headers).json()


def test_cycles_are_listed_with_their_phases_in_the_persons_language(client, anne):
    listed = client.get("/api/cycles", headers=anne).json()
    assert [c["id"] for c in listed] == ["alact", "starr", "gibbs"]
    assert [p["label"] for p in listed[1]["phases"]] == ["Situatie", "Taak", "Actie", "Resultaat", "Reflectie",
                                                        "Transfer"]
    assert all(c["summary"] for c in listed)
    assert len(listed[0]["phases"][1]["slots"]) == 8  # ALACT's eight looking-back questions
    english = client.get("/api/cycles?language=en", headers=anne).json()
    assert [p["label"] for p in english[2]["phases"]][:2] == ["Description", "Feelings"]
    assert client.get("/api/cycles").status_code == 401


@pytest.mark.parametrize("cycle_id", cycles.CYCLES)
def test_a_conversation_starts_in_the_chosen_cycle(client, anne, cycle_id):
    conv = _start(client, anne, cycle=cycle_id)
    cycle = cycles.load_cycle(PROJECT_ROOT / "prompts", cycle_id, "nl")
    assert conv["cycle"] == cycle_id and [p["id"] for p in conv["phases"]] == cycle.phase_ids()
    assert conv["phases"][0]["status"] == "current" and conv["messages"][0]["content"] == cycle.texts["welcome"]
    assert conv["chosen_by"] == "person" and conv["can_switch_cycle"] and conv["back_targets"] == []


def test_an_unknown_cycle_is_422_with_a_reason(client, anne):
    r = client.post("/api/conversations", headers={**anne, "Accept-Language": "nl"}, json={"cycle": "kolb"})
    assert r.status_code == 422
    assert r.json()["code"] == "cycle_invalid" and "alact, starr, gibbs" in r.json()["detail"]
    r = client.post(f"/api/conversations/{_start(client, anne)['id']}/cycle", headers=anne, json={"cycle": "kolb"})
    assert r.status_code == 422 and r.json()["code"] == "cycle_invalid"


def test_the_companion_proposes_a_cycle_from_the_first_message_and_explains_it(client, anne):
    conv = _start(client, anne, cycle=None)
    assert conv["chosen_by"] == "pending" and "reflectiemodel" in conv["messages"][0]["content"]
    assert client.get(f"/api/conversations/{conv['id']}/cycle-proposal", headers=anne).status_code == 409
    reply = _say(client, anne, conv["id"], INCIDENT)
    text = reply["message"]["content"]
    assert text.startswith("Je schrijft ‘agressief’") and "Gibbs" in text and text.count("?") == 1
    assert reply["phases"][0]["id"] == "description"
    full = _get(client, anne, conv["id"])
    assert full["cycle"] == "gibbs" and full["proposal"]["cycle"] == "gibbs" and not full["proposal"]["accepted"]
    assert full["phases"][0]["captured"]["Wat er gebeurde"] == INCIDENT
    proposal = client.get(f"/api/conversations/{conv['id']}/cycle-proposal", headers=anne).json()
    assert proposal["cycle"] == "gibbs" and "Gibbs" in proposal["reason"]

    accepted = client.post(f"/api/conversations/{conv['id']}/cycle", headers=anne, json={"cycle": "gibbs"}).json()
    assert accepted["proposal"]["accepted"] and len(accepted["messages"]) == len(full["messages"])


def test_switching_early_keeps_the_story_and_later_is_409(client, anne):
    conv = _start(client, anne, cycle=None)
    _say(client, anne, conv["id"], INCIDENT)
    switched = client.post(f"/api/conversations/{conv['id']}/cycle", headers=anne, json={"cycle": "starr"})
    assert switched.status_code == 200, switched.text
    body = switched.json()
    assert body["cycle"] == "starr" and body["phases"][0]["captured"]["Wat er speelde"] == INCIDENT
    last = body["messages"][-1]["content"]
    assert last.startswith("Prima, we gaan verder met de STARR(T)-methode.") and last.count("?") == 1
    for text in ("Het was op de gesloten afdeling, met twee collega's.", "Mijn taak was de rust bewaren."):
        _say(client, anne, conv["id"], text)
    assert not _get(client, anne, conv["id"])["can_switch_cycle"]
    late = client.post(f"/api/conversations/{conv['id']}/cycle", headers=anne, json={"cycle": "alact"})
    assert late.status_code == 409 and late.json()["code"] == "cycle_switch_too_late"


def test_going_back_a_phase_reopens_it_and_the_guide_asks_about_it(client, anne):
    conv = _start(client, anne, cycle="starr")
    for text in ("Bij het werkoverleg liep de planning volledig uit de hand.",
                 "Ik moest het overleg voorzitten en leiden."):
        reply = _say(client, anne, conv["id"], text)
    assert reply["phase"] == "action"
    r = client.post(f"/api/conversations/{conv['id']}/phase", headers=anne, json={"phase": "situation"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["phase"] == "situation" and body["phases"][0]["status"] == "current"
    assert body["phases"][1]["captured"] == {"Jouw taak of rol": "Ik moest het overleg voorzitten en leiden."}
    assert body["messages"][-1]["content"].startswith("We gaan terug naar de fase ‘Situatie’.")
    reply = _say(client, anne, conv["id"], "Ik wil nog zeggen dat het overleg op vrijdagmiddag was.")
    assert reply["phase"] == "action"  # back to where the conversation was, with the addition kept
    situation = next(p for p in reply["phases"] if p["id"] == "situation")
    assert "vrijdagmiddag" in " ".join(situation["captured"].values())
    later = client.post(f"/api/conversations/{conv['id']}/phase", headers=anne, json={"phase": "transfer"})
    assert later.status_code == 409 and later.json()["code"] == "phase_not_earlier"
    unknown = client.post(f"/api/conversations/{conv['id']}/phase", headers=anne, json={"phase": "trial"})
    assert unknown.status_code == 422 and unknown.json()["code"] == "phase_invalid"


def test_someone_elses_conversation_is_404_for_every_cycle_action(client, anne, bram):
    conv = _start(client, anne, cycle=None)
    _say(client, anne, conv["id"], INCIDENT)
    base = f"/api/conversations/{conv['id']}"
    assert client.get(f"{base}/cycle-proposal", headers=bram).status_code == 404
    assert client.post(f"{base}/cycle", headers=bram, json={"cycle": "starr"}).status_code == 404
    assert client.post(f"{base}/phase", headers=bram, json={"phase": "description"}).status_code == 404
    assert client.post("/api/conversations/9999/phase", headers=anne, json={"phase": "x"}).status_code == 404
    assert _get(client, anne, conv["id"])["cycle"] == "gibbs"


def test_a_completed_cycle_shows_in_the_list_and_saves_a_situation_in_its_own_terms(client, anne):
    conv = _start(client, anne, cycle="gibbs")
    cycle = cycles.load_cycle(PROJECT_ROOT / "prompts", "gibbs", "nl")
    for n in range(len(cycle.phases)):  # one answer per phase is enough in Gibbs' cycle
        reply = _say(client, anne, conv["id"], f"Antwoord {n}: zo zat het voor mij in elkaar.")
    assert all(p["status"] == "done" for p in reply["phases"])
    listed = client.get("/api/conversations", headers=anne).json()
    assert listed[0]["completed"] is True
    saved = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne).json()
    assert saved["description"] == "Antwoord 0: zo zat het voor mij in elkaar."
    assert saved["felt"] == "Antwoord 1: zo zat het voor mij in elkaar."  # Gibbs' feelings phase


def test_before_the_first_answer_a_choice_changes_the_opening_question_instead_of_adding_one(client, anne):
    conv = _start(client, anne, cycle="propose")
    for cycle_id in ("gibbs", "propose", "alact"):
        body = client.post(f"/api/conversations/{conv['id']}/cycle", headers=anne, json={"cycle": cycle_id}).json()
        assert len(body["messages"]) == 1
    assert body["cycle"] == "alact" and body["chosen_by"] == "person"
    assert body["messages"][0]["content"] == cycles.load_cycle(PROJECT_ROOT / "prompts", "alact", "nl").texts["welcome"]
    _say(client, anne, conv["id"], INCIDENT)  # a chosen cycle is kept: no proposal after the first message
    assert _get(client, anne, conv["id"])["cycle"] == "alact"
    late = client.post(f"/api/conversations/{conv['id']}/cycle", headers=anne, json={"cycle": "propose"})
    assert late.status_code == 409

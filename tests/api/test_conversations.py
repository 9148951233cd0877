"""The offline reflection conversation through the API: phases, questions, language, saving, continuing."""

import re
from pathlib import Path

import pytest
import yaml

from companion.core.config import PROJECT_ROOT

PHASES = ["action", "looking_back", "awareness", "alternatives", "trial"]
DUTCH_STORY = [
    "Bij de overdracht praatte iedereen door elkaar en ging er informatie verloren.",
    "Twee collega's van de avonddienst en de teamleider.",
    "Ik wilde dat de overdracht rustig en volledig zou zijn.",
    "Ik heb niets gezegd en later alles zelf nagelopen.",
    "Ik dacht dat het niet aan mij was om het te leiden.",
    "Ik voelde me gefrustreerd en een beetje schuldig.",
    "Mijn collega wilde snel naar huis denk ik.",
    "Mijn collega praatte steeds door over andere dingen.",
    "Zij vond het denk ik allemaal niet zo belangrijk.",
    "Zij voelde zich gehaast en moe na de dienst.",
    "De kern is dat ik geen ruimte neem om te sturen.",
    "Ik merk dat ik vaak wacht tot een ander het oppakt.",
    "Ik had ook kunnen voorstellen een vaste volgorde te gebruiken.",
    "Ik kies voor de vaste volgorde bij de overdracht.",
    "Volgende week ga ik de vaste volgorde proberen bij de overdracht.",
    "Het is gelukt als er geen punten meer wegvallen in de overdracht.",
]


pytestmark = pytest.mark.usefixtures("no_chat_rate")  # long walks through a cycle


def _bank_questions(language: str) -> set[str]:
    bank = yaml.safe_load(Path(PROJECT_ROOT / "prompts" / "questions" / f"alact.{language}.yaml").read_text("utf-8"))
    return {q["text"] for p in bank["phases"] for s in p["slots"] for q in s["questions"]}


def _start(client, headers, **body) -> dict:
    r = client.post("/api/conversations", headers=headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def _say(client, headers, conv_id: int, text: str) -> dict:
    r = client.post(f"/api/conversations/{conv_id}/messages", headers=headers, json={"content": text})
    assert r.status_code == 200, r.text
    return r.json()


def _question(reply: str) -> str:
    return re.split(r"(?<=[.!?])\s+", reply.strip())[-1]


def _done(reply: dict) -> bool:
    return all(p["status"] == "done" for p in reply["phases"])


def test_full_dutch_cycle_one_new_question_each_turn(client, anne):
    conv = _start(client, anne)
    questions, phases_seen = [], []
    for text in DUTCH_STORY:
        reply = _say(client, anne, conv["id"], text)
        content = reply["message"]["content"]
        phases_seen.append(reply["phase"])
        if _done(reply):
            break
        assert content.count("?") == 1 and content.endswith("?"), content
        questions.append(_question(content))
    assert _done(reply), "the story covers every phase, so the cycle completes"
    assert len(questions) == len(set(questions)), questions
    assert set(questions) <= _bank_questions("nl")
    order = [p for n, p in enumerate(phases_seen) if n == 0 or p != phases_seen[n - 1]]
    assert order == PHASES[1:]  # the first message describes what happened: that is enough for the first phase


def test_phase_moves_when_it_has_enough_not_after_a_number_of_turns(client, anne):
    vague = _start(client, anne)
    first = _say(client, anne, vague["id"], "Bij de overdracht praatte iedereen door elkaar.")
    assert first["phase"] == "looking_back"  # what happened is what the first phase needs
    action = next(p for p in first["phases"] if p["id"] == "action")
    assert action["status"] == "done" and len(action["captured"]) == 1
    for text in ("Ik wilde dat iedereen even zijn punten kon noemen.", "Ik heb uiteindelijk niets gezegd."):
        assert _say(client, anne, vague["id"], text)["phase"] == "looking_back"  # two of the eight: not enough
    assert _say(client, anne, vague["id"], "Mijn collega wilde snel naar huis.")["phase"] == "awareness"

    rich = _start(client, anne)
    story = ("Gisteren tijdens het teamoverleg zei mijn collega dat mijn plan niet deugde. Ik voelde me gepasseerd "
             "en ik dacht dat ze mijn werk niet serieus nam.")
    reply = _say(client, anne, rich["id"], story)
    assert reply["phase"] == "awareness"  # one message told enough of both first phases: it jumps ahead
    looking_back = next(p for p in reply["phases"] if p["id"] == "looking_back")
    assert looking_back["status"] == "done" and len(looking_back["captured"]) == 3


@pytest.mark.parametrize("text", ["weet ik niet", "Dat weet ik niet meer", "geen idee", "?"])
def test_a_non_answer_does_not_complete_a_slot_on_the_first_try(client, anne, text):
    conv = _start(client, anne)
    reply = _say(client, anne, conv["id"], text)
    assert reply["phase"] == "action"
    assert all(not p["captured"] for p in reply["phases"])
    assert reply["message"]["content"].count("?") == 1
    after = _say(client, anne, conv["id"], DUTCH_STORY[0])
    captured = next(p for p in after["phases"] if p["id"] == "action")["captured"]
    assert list(captured.values()) == [DUTCH_STORY[0]]


def test_a_quote_with_a_question_mark_still_gives_one_question(client, anne):
    conv = _start(client, anne)
    reply = _say(client, anne, conv["id"], "Mijn collega vroeg 'waarom?' en ik wist niet wat ik moest zeggen.")
    assert reply["message"]["content"].count("?") == 1


def test_english_conversation_replies_in_english(client, anne):
    conv = _start(client, anne, language="en")
    assert conv["language"] == "en"
    assert conv["messages"][0]["content"].startswith("Hi")
    english, dutch = _bank_questions("en"), _bank_questions("nl")
    for text in ("I don't know", "Yesterday during the handover my colleague kept interrupting us.",
                 "I wanted the handover to be calm and complete."):
        content = _say(client, anne, conv["id"], text)["message"]["content"]
        assert _question(content) in english and _question(content) not in dutch, content
    phases = client.get(f"/api/conversations/{conv['id']}", headers=anne).json()["phases"]
    assert phases[0]["label"] == "Action"


def test_language_follows_the_person_by_default(client, anne):
    client.patch("/api/me", headers=anne, json={"language": "en"})
    assert _start(client, anne)["language"] == "en"


def test_saving_situation_and_reflection_creates_findable_portfolio_items(client, anne):
    conv = _start(client, anne)
    for text in DUTCH_STORY[:6]:
        _say(client, anne, conv["id"], text)
    r = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne)
    assert r.status_code == 200, r.text
    sit = r.json()
    assert sit["conversation_id"] == conv["id"]
    assert sit["description"] == DUTCH_STORY[0]
    assert sit["felt"] == DUTCH_STORY[5] and sit["wanted"] == DUTCH_STORY[2]
    r = client.post(f"/api/conversations/{conv['id']}/reflection", headers=anne)
    assert r.status_code == 200, r.text
    entry = r.json()
    assert entry["kind"] == "reflection" and entry["situation_id"] == sit["id"]
    assert DUTCH_STORY[3] in entry["body"]

    # saving again refreshes the same items instead of adding new ones
    _say(client, anne, conv["id"], DUTCH_STORY[6])
    assert client.post(f"/api/conversations/{conv['id']}/situation", headers=anne).json()["id"] == sit["id"]
    again = client.post(f"/api/conversations/{conv['id']}/reflection", headers=anne).json()
    assert again["id"] == entry["id"] and DUTCH_STORY[6] in again["body"]
    assert len(client.get("/api/situations", headers=anne).json()) == 1
    assert len(client.get("/api/portfolio", headers=anne).json()) == 1

    hits = client.get("/api/search", headers=anne, params={"q": "overdracht informatie verloren", "k": 10}).json()
    ids = {h["id"] for h in hits}
    assert f"situation:{sit['id']}" in ids and f"entry:{entry['id']}" in ids


def test_a_saved_item_is_titled_after_the_situation_not_a_non_answer(client, anne):
    conv = _start(client, anne)
    _say(client, anne, conv["id"], "weet ik niet")
    _say(client, anne, conv["id"], DUTCH_STORY[0])
    sit = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne).json()
    entry = client.post(f"/api/conversations/{conv['id']}/reflection", headers=anne).json()
    assert "weet ik niet" not in sit["title"] and "overdracht" in sit["title"]
    assert "weet ik niet" not in entry["title"]


def test_nothing_to_save_yet_is_422(client, anne):
    conv = _start(client, anne)
    for what in ("situation", "reflection"):
        r = client.post(f"/api/conversations/{conv['id']}/{what}", headers=anne)
        assert r.status_code == 422 and r.json()["detail"]
    assert client.get("/api/situations", headers=anne).json() == []
    assert client.get("/api/portfolio", headers=anne).json() == []


def test_conversations_are_listed_and_can_be_continued(client, anne):
    first = _start(client, anne)
    _say(client, anne, first["id"], DUTCH_STORY[0])
    second = _start(client, anne, language="en")
    listed = client.get("/api/conversations", headers=anne).json()
    assert {c["id"] for c in listed} == {first["id"], second["id"]}
    assert next(c for c in listed if c["id"] == first["id"])["title"].startswith("Bij de overdracht")

    _say(client, anne, first["id"], DUTCH_STORY[1])
    full = client.get(f"/api/conversations/{first['id']}", headers=anne).json()
    assert [m["role"] for m in full["messages"]] == ["assistant", "user", "assistant", "user", "assistant"]
    assert [m["content"] for m in full["messages"] if m["role"] == "user"] == DUTCH_STORY[:2]
    assert full["phase"] == "looking_back"
    assert all(m["created_at"].endswith("Z") for m in full["messages"])


def test_a_new_round_after_the_closing_asks_no_question_twice(client, anne):
    conv = _start(client, anne)
    replies = [_say(client, anne, conv["id"], text) for text in DUTCH_STORY]
    assert _done(replies[-1])
    replies += [_say(client, anne, conv["id"], text) for text in DUTCH_STORY[:6]]
    questions = [_question(r["message"]["content"]) for r in replies if not _done(r)]
    assert len(questions) == len(set(questions)), questions
    assert replies[-1]["phase"] != "action" and not _done(replies[-1])  # a second round, well under way


def test_a_new_round_saves_new_items_and_keeps_the_earlier_ones(client, anne):
    conv = _start(client, anne)
    for text in DUTCH_STORY:
        _say(client, anne, conv["id"], text)
    first_sit = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne).json()
    first_ref = client.post(f"/api/conversations/{conv['id']}/reflection", headers=anne).json()
    trial = "Vanochtend tijdens de overdracht heb ik de vaste volgorde gebruikt en dat werkte goed."
    _say(client, anne, conv["id"], trial)
    second_sit = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne).json()
    second_ref = client.post(f"/api/conversations/{conv['id']}/reflection", headers=anne).json()
    assert second_sit["id"] != first_sit["id"] and second_sit["description"] == trial
    assert second_ref["id"] != first_ref["id"] and second_ref["situation_id"] == second_sit["id"]
    assert client.get(f"/api/situations/{first_sit['id']}", headers=anne).json()["description"] == DUTCH_STORY[0]
    assert client.get(f"/api/portfolio/{first_ref['id']}", headers=anne).json()["body"] == first_ref["body"]
    assert len(client.get("/api/situations", headers=anne).json()) == 2


def test_saving_again_after_deleting_the_saved_situation_creates_it_anew(client, anne):
    conv = _start(client, anne)
    _say(client, anne, conv["id"], DUTCH_STORY[0])
    first = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne).json()
    client.delete(f"/api/situations/{first['id']}", headers=anne)
    again = client.post(f"/api/conversations/{conv['id']}/situation", headers=anne)
    assert again.status_code == 200 and again.json()["description"] == DUTCH_STORY[0]
    assert [s["id"] for s in client.get("/api/situations", headers=anne).json()] == [again.json()["id"]]

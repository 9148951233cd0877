"""Over the API: each message is answered in its own language, and a request for advice is heard, with a source."""

import pytest

pytestmark = pytest.mark.usefixtures("no_chat_rate")

GUIDE = (b"---\ntitle: Richtlijn overdracht\n---\n# Richtlijn overdracht\n\nBij een overdracht noemt ieder om de beurt "
         b"de punten van de eigen bewoners. Praat een collega door je heen, spreek dan af dat vragen aan het eind "
         b"van de overdracht komen.\n")


def _start(client, headers, **body) -> int:
    r = client.post("/api/conversations", headers=headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _say(client, headers, conv_id: int, text: str) -> dict:
    r = client.post(f"/api/conversations/{conv_id}/messages", headers=headers, json={"content": text})
    assert r.status_code == 200, r.text
    return r.json()


def test_an_english_message_in_a_dutch_conversation_is_answered_in_english_and_back(client, anne):
    conv_id = _start(client, anne)  # anne's profile language is Dutch
    english = _say(client, anne, conv_id, "Yesterday during the handover my colleague kept interrupting me.")
    assert "you" in english["message"]["content"].lower() and " je " not in english["message"]["content"]
    assert english["phases"][0]["label"] == "Action"  # phase names follow the language
    short = _say(client, anne, conv_id, "ok")  # too short to tell: the conversation keeps English
    assert short["phases"][0]["label"] == "Action"
    dutch = _say(client, anne, conv_id, "Ik voelde me gepasseerd en ik zei er niets van.")
    assert dutch["phases"][0]["label"] == "Handelen" and " je " in f" {dutch['message']['content']} "
    assert client.get(f"/api/conversations/{conv_id}", headers=anne).json()["language"] == "nl"


def test_a_request_for_advice_is_heard_and_cites_the_knowledge_base(client, anne, admin):
    r = client.post("/api/knowledge", headers=admin, files={"file": ("overdracht.md", GUIDE)})
    assert r.status_code in (200, 201), r.text
    conv_id = _start(client, anne)
    _say(client, anne, conv_id, "Bij de overdracht praatte mijn collega steeds door mij heen.")
    reply = _say(client, anne, conv_id, "Wat moet ik doen bij de volgende overdracht?")
    text = reply["message"]["content"]
    assert "vraag" in text.lower() and text.count("?") == 1
    assert "‘Richtlijn overdracht’" in text
    assert any(s["kind"] == "knowledge" and s["title"] == "Richtlijn overdracht" for s in reply["message"]["sources"])


def test_a_request_in_the_alternatives_phase_is_not_stored_as_the_persons_options(client, anne):
    """Issue 12, bug 2: "Wat moet ik doen?" was stored as alternatives.options."""
    conv_id = _start(client, anne)
    for text in ("Bij de overdracht praatte iedereen door elkaar en ging er informatie verloren.",
                 "Ik voelde me gefrustreerd en ik zei er niets van.", "Mijn collega wilde snel naar huis.",
                 "De kern is dat ik geen ruimte neem om te sturen."):
        reply = _say(client, anne, conv_id, text)
    assert reply["phase"] == "alternatives"
    reply = _say(client, anne, conv_id, "Wat moet ik doen?")
    alternatives = next(p for p in reply["phases"] if p["id"] == "alternatives")
    assert alternatives["captured"] == {} and reply["phase"] == "alternatives"
    assert "Wat moet ik doen" not in str(client.get(f"/api/conversations/{conv_id}", headers=anne).json()["phases"])


def test_a_knowledge_document_off_the_topic_is_not_offered(client, anne, admin):
    other = (b"---\ntitle: Brandoefening\n---\n# Brandoefening\n\nBij een brandoefening verzamelt iedereen zich op het "
             b"parkeerterrein; de ontruimer telt de aanwezigen.\n")
    assert client.post("/api/knowledge", headers=admin, files={"file": ("brand.md", other)}).status_code in (200, 201)
    conv_id = _start(client, anne)
    _say(client, anne, conv_id, "Bij de overdracht praatte mijn collega steeds door mij heen.")
    text = _say(client, anne, conv_id, "Wat moet ik doen?")["message"]["content"]
    assert "Brandoefening" not in text and "kennisbank" not in text and text.count("?") == 1

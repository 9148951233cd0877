"""With a chat model configured: the companion words phase openings with it (labelled as the companion's), and a
team product is drafted by it; when the model fails, the offline facilitator and templates take over."""

from __future__ import annotations

import json

import pytest

from tests.support.app import login

ADVICE_NOTE = {"title": "Adviesnotitie roosters", "situation": "Het rooster komt steeds laat.",
               "analysis": "Planning en team praten langs elkaar heen.",
               "advice": ["Maak het rooster zes weken vooruit."],
               "expected_effect": "Meer rust in het team.", "risks": ["Minder ruimte voor ruilen."]}


@pytest.mark.scripted_model
def test_the_model_words_openings_and_drafts_the_team_product(client, fake_model, anne, bram):
    eva = login(client, "eva")
    fake_model.enqueue("Welkom! Breng een situatie uit je werk in.")
    tid = client.get("/api/teams/mine", headers=anne).json()[0]["id"]
    s = client.post(f"/api/teams/{tid}/sessions", headers=anne, json={"title": "Intervisie"}).json()
    assert s["facilitation_mode"] == "model"
    opening = s["contributions"][0]
    assert opening["by_companion"] and opening["text"] == "Welkom! Breng een situatie uit je werk in."
    sid = s["id"]
    client.post(f"/api/team-sessions/{sid}/cases", headers=bram, json={"title": "Rooster", "text": "Laat bekend."})
    fake_model.enqueue(ConnectionError("down"))  # the next opening falls back to the bank's text
    s = client.post(f"/api/team-sessions/{sid}/advance", headers=anne, json={}).json()
    assert s["contributions"][-1]["text"].startswith("Er liggen casussen op tafel")
    for _ in range(6):  # choose → ... → evaluation; the scripted model's default opening is used
        assert client.post(f"/api/team-sessions/{sid}/advance", headers=eva, json={}).status_code == 200
    fake_model.enqueue(json.dumps(ADVICE_NOTE))
    product = client.post(f"/api/team-sessions/{sid}/products", headers=bram, json={"kind": "advice_note"})
    assert product.status_code == 201, product.text
    assert product.json()["drafted_by"].startswith("model:") and product.json()["title"] == "Adviesnotitie roosters"
    prompt = fake_model.history[-1][0].content
    assert "Rooster" in prompt and "Laat bekend" in prompt  # drafted from this session's case

"""The agreement page through AppTest against the real API: propose, agree on both sides, change, history."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.uitest import goto, log_in, open_app


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    return at.run(timeout=30)


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "info", "success", "caption") for e in getattr(at, kind))


def test_propose_agree_and_change_an_agreement(live_api, monkeypatch):
    anne = goto(log_in(open_app(live_api.url, monkeypatch), "anne"), "agreement")
    assert "Je hebt nog geen leerafspraak" in texts(anne)
    area = {a.label: a for a in anne.text_area}
    area["Leerdoelen"].input("De overdracht structureren")
    area["Ondersteuning"].input("Maandelijks coachgesprek")
    anne = click(anne, "Leerafspraak voorstellen")
    assert not anne.exception and "Je voorstel staat klaar" in texts(anne)
    anne = click(anne, "Ik stem in met versie 1")
    assert "Professional: akkoord op" in texts(anne)

    admin = goto(log_in(open_app(live_api.url, monkeypatch), "admin"), "agreement")
    assert "Wacht op jouw instemming" in texts(admin)
    admin = click(admin, "Ik stem in met versie 1 namens de organisatie")
    assert "Organisatie: akkoord op" in texts(admin) and "Admin" in texts(admin)
    area = {a.label: a for a in admin.text_area}
    area["Middelen"].input("Vakliteratuur")
    next(t for t in admin.text_input if t.label == "Waarom deze wijziging?").input("Boeken erbij")
    admin = click(admin, "Nieuwe versie opslaan")
    assert "Versie 1 blijft van kracht tot beide kanten versie 2 akkoord geven." in texts(admin)
    assert "Versie 2 · " in texts(admin) and "Boeken erbij" in texts(admin)

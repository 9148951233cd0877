"""Learning as a team in a real browser: members in one live session, each in their own browser, see each other's
contributions and the next phase appear within seconds without reloading, and what they are typing meanwhile
stays. The team page and the expert's overview are photographed for a person to look at (test-artifacts/teams/)."""

from __future__ import annotations

from tests.support.app import login
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.screens import DESKTOP, log_in, shot

QUESTION = "Wat maakte dat je op dat moment niets zei?"
DRAFT = "Wie had die avond de leiding over de overdracht"


def _session_in_question_round(client, services) -> int:
    """Anne starts a session, brings in her case and opens the question round; Carla joins the team first."""
    from companion.trust import people

    with services.sessions() as session:
        anne = people.authenticate(session, "anne", "password-1")
        people.create_person(session, org_id=anne.org_id, username="carla", password="password-1",
                             role="professional", display_name="Carla", team="Team A")
        session.commit()
    headers = login(client, "anne")
    team_id = client.get("/api/teams/mine", headers=headers).json()[0]["id"]
    made = client.post(f"/api/teams/{team_id}/sessions", headers=headers,
                       json={"title": "Intervisie: de overdracht", "method": "incident", "mode": "live"}).json()
    sid = made["id"]
    case = client.post(f"/api/team-sessions/{sid}/cases", headers=headers, json={
        "title": "Overdracht liep uit de hand", "text": "Iedereen praatte door elkaar; ik zei niets."})
    assert case.status_code == 201, case.text
    for phase in ("cases", "choose"):
        moved = client.post(f"/api/team-sessions/{sid}/advance", headers=headers, json={"expected_phase": phase})
        assert moved.status_code == 200, moved.text
    assert moved.json()["phase"] == "questions"
    return sid


def _open(browser, url: str, username: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(url)
    log_in(page, username, "password-1")
    return page


def test_two_members_see_each_others_questions_live_and_the_expert_sees_the_overview(ui_url, client, services):
    from playwright.sync_api import expect, sync_playwright

    sid = _session_in_question_round(client, services)
    room = f"{ui_url}/team?session={sid}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            bram, carla = _open(browser, room, "bram"), _open(browser, room, "carla")
            for page in (bram, carla):
                expect(page.get_by_text("Nu: Vragenronde")).to_be_visible(timeout=30_000)
            carla_box = carla.get_by_label("Jouw vraag aan Anne")
            carla_box.fill(DRAFT)  # typing, not sent: the live refresh must leave it alone

            bram.get_by_label("Jouw vraag aan Anne").fill(QUESTION)
            bram.get_by_role("button", name="Plaatsen").click()
            expect(bram.get_by_text(QUESTION)).to_be_visible(timeout=15_000)
            expect(carla.get_by_text(QUESTION)).to_be_visible(timeout=6_000)  # no reload: the room polls
            assert carla_box.input_value() == DRAFT
            expect(carla.get_by_text("Nog niet aan het woord geweest: Carla")).to_be_visible()
            path = shot(carla, "room-live", folder="teams")
            assert path.stat().st_size > 20_000
            anne = login(client, "anne")  # the facilitator moves on: every room follows, with the form for it
            client.post(f"/api/team-sessions/{sid}/advance", headers=anne, json={"expected_phase": "questions"})
            expect(carla.get_by_text("Nu: Antwoorden")).to_be_visible(timeout=8_000)
            expect(carla.get_by_text("In deze fase hoef jij niets te plaatsen.")).to_be_visible(timeout=8_000)
            bram.context.close()  # two rooms polling no more: the machine's cores for the expert's pages
            carla.context.close()

            eva = _open(browser, f"{ui_url}/team", "eva")
            expect(eva.get_by_text("Lopende sessies")).to_be_visible(timeout=30_000)
            expect(eva.get_by_text("Fase: Antwoorden")).to_be_visible()
            expect(eva.get_by_text("Wacht op jou")).to_have_count(0)  # the expert asks no questions
            shot(eva, "team-page", folder="teams")
            eva.get_by_role("tab", name="Overzicht voor de begeleider").click()
            expect(eva.get_by_text("Deelname")).to_be_visible(timeout=15_000)
            shot(eva, "expert-overview", folder="teams")
        finally:
            browser.close()

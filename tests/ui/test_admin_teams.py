"""Beheer: the team is chosen from the organisation's teams (with their experts), or made new on purpose."""

from __future__ import annotations

from tests.support.uitest import button, goto, log_in


def _fill(app, username: str, role: str = "professional") -> None:
    inputs = {t.label: t for t in app.text_input}
    inputs["Gebruikersnaam"].input(username)
    inputs["Wachtwoord"].input("lang-genoeg-1")
    next(s for s in app.selectbox if s.label == "Rol").set_value(role)


def test_the_team_is_chosen_from_a_list_that_names_its_expert(app):
    log_in(app, "admin")
    goto(app, "admin")
    team = next(s for s in app.selectbox if s.label == "Team")
    assert team.value == "Team A"  # the admin's own team first
    assert "Team A · begeleider: Eva" in team.options and "Nieuw team…" in team.options


def test_a_new_team_gets_its_expert_first(app):
    """Bug 10: free text let a typo make a team without an expert; now a new team is chosen on purpose, and a
    professional is refused in a team nobody coaches."""
    log_in(app, "admin")
    goto(app, "admin")
    _fill(app, "kim")
    next(s for s in app.selectbox if s.label == "Team").set_value("\x00new")
    next(t for t in app.text_input if t.label.startswith("Naam van het nieuwe team")).input("Team C")
    button(app, "Persoon toevoegen").click()
    app.run(timeout=30)
    assert not app.exception
    assert "nog geen begeleider" in app.error[0].value
    _fill(app, "ella", role="expert")
    button(app, "Persoon toevoegen").click()
    app.run(timeout=30)
    assert app.success[0].value == "ella is toegevoegd."
    assert "Team C · begeleider: ella" in next(s for s in app.selectbox if s.label == "Team").options

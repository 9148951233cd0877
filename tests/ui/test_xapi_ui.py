"""xAPI in the UI through AppTest against the real API: the admin connects an LRS, a person opts in."""

from __future__ import annotations

from tests.support.uitest import button, goto, log_in


def _field(app, label: str):
    return next(t for t in app.text_input if t.label.startswith(label))


def test_the_admin_connects_an_lrs_and_anne_opts_in_under_a_pseudonym(app, live_api):
    log_in(app, "admin")
    goto(app, "admin")
    _field(app, "LRS-adres").input("https://lrs.zorg-x.example/xapi")
    _field(app, "Webadres van de organisatie").input("https://zorg-x.example")
    _field(app, "Sleutel").input("companion-key")
    _field(app, "Geheim").input("heel-geheim")
    next(t for t in app.toggle if t.label == "Versturen aan").set_value(True)
    button(app, "Opslaan").click()
    app.run(timeout=30)
    assert not app.exception and any("opgeslagen" in s.value for s in app.success)
    assert any("0 wachtend, 0 verstuurd, 0 geweigerd" in m.value for m in app.markdown)
    assert not any("heel-geheim" in str(t.value) for t in app.text_input)  # the secret never comes back

    log_in(app, "anne")
    goto(app, "my_data")
    toggle = next(t for t in app.toggle if t.label.startswith("Deel mijn leeractiviteiten"))
    assert toggle.value is False  # off until she chooses
    toggle.set_value(True)
    button(app, "Keuze opslaan").click()
    app.run(timeout=30)
    assert not app.exception and any("kent je als" in c.value for c in app.caption)

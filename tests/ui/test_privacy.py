"""Mijn gegevens and admin deactivation through AppTest against the real API."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.app import login
from tests.support.uitest import button, goto, log_in


def inputs(at: AppTest) -> dict:
    return {t.label: t for t in at.text_input}


def test_my_data_downloads_and_erases_with_a_typed_confirmation(app, live_api):
    log_in(app, "bram")
    goto(app, "my_data")
    assert not app.exception
    button(app, "Download voorbereiden").click()
    app.run(timeout=30)
    assert app.session_state["export_json"].startswith(b"{") and b"companion-export/1" in app.session_state[
        "export_json"]
    assert app.session_state["export_md"].startswith(b"# Mijn gegevens")
    fields = inputs(app)
    fields["Typ WIS MIJN ACCOUNT om te bevestigen"].input("wis maar")
    fields["Je wachtwoord"].input("password-1")
    button(app, "Mijn account voorgoed wissen").click()
    app.run(timeout=30)
    assert "WIS MIJN ACCOUNT" in app.error[0].value and not app.exception
    fields = inputs(app)
    fields["Typ WIS MIJN ACCOUNT om te bevestigen"].input("WIS MIJN ACCOUNT")
    fields["Je wachtwoord"].input("password-1")
    button(app, "Mijn account voorgoed wissen").click()
    app.run(timeout=30)
    assert any("gewist" in s.value for s in app.success)
    import httpx

    r = httpx.post(f"{live_api.url}/api/auth/token", data={"username": "bram", "password": "password-1"})
    assert r.status_code == 401


def test_log_out_everywhere_from_my_data(app, client):
    other_device = login(client, "anne")
    log_in(app, "anne")
    goto(app, "my_data")
    button(app, "Overal uitloggen").click()
    app.run(timeout=30)
    assert client.get("/api/me", headers=other_device).status_code == 401
    assert any("alle apparaten" in w.value for w in app.warning)


def test_admin_deactivates_a_person(app, client):
    anne = login(client, "anne")
    log_in(app, "admin")
    goto(app, "admin")
    chooser = next(s for s in app.selectbox if s.label == "Persoon")
    chooser.select(next(o for o in chooser.options if "(anne)" in o))
    app.run(timeout=30)
    button(app, "Uitzetten (overal uitloggen)").click()
    app.run(timeout=30)
    assert not app.exception
    assert client.get("/api/me", headers=anne).status_code == 401

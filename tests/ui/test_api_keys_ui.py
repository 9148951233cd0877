"""Mijn gegevens, API-sleutels through AppTest against the real API: made, shown once, listed, revoked."""

from __future__ import annotations

import httpx

from tests.support.uitest import button, goto, log_in


def test_a_key_is_shown_once_listed_and_revoked(app, live_api):
    log_in(app, "anne")
    goto(app, "my_data")
    next(t for t in app.text_input if t.label == "Naam van de sleutel").input("Open WebUI")
    button(app, "Sleutel aanmaken").click()
    app.run(timeout=30)
    assert not app.exception
    shown = [c.value for c in app.code if c.value.startswith("cmp_")]
    assert len(shown) == 1 and any("één keer" in c.value for c in app.caption)
    key = shown[0]
    r = httpx.get(f"{live_api.url}/api/me", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200 and r.json()["username"] == "anne"
    app.run(timeout=30)  # any next run: the key is gone from the page, only its prefix stays
    assert not [c for c in app.code if c.value.startswith("cmp_")]
    assert any(f"`{key[:12]}…`" in m.value and "actief" in m.value for m in app.markdown)
    button(app, "Intrekken").click()
    app.run(timeout=30)
    assert not app.exception and any("ingetrokken" in i.value for i in app.info)
    assert httpx.get(f"{live_api.url}/api/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401

"""Portfolio: entries colleagues shared with me are readable on 'Gedeeld met mij', each saying whose it is."""

from __future__ import annotations

from tests.support.uitest import goto, log_in


def test_a_team_entry_shows_for_a_colleague_with_its_owner(app, live_api):
    from companion.ui.client import ApiClient

    with ApiClient(base_url=live_api.url) as anne:
        anne.token = anne.login("anne", "password-1")
        anne.create_entry({"kind": "reflection", "title": "Wat ik leerde over overdragen", "visibility": "team",
                           "body": "Eerst vragen of de ander tijd heeft."})
        anne.create_entry({"kind": "reflection", "title": "Alleen voor mij", "body": "Privé."})
    log_in(app, "bram")
    goto(app, "portfolio")
    assert not app.exception
    labels = [e.label for e in app.expander]
    assert "Wat ik leerde over overdragen · Anne" in labels and not any("Alleen voor mij" in x for x in labels)
    assert any(c.value.startswith("Van Anne · reflectie") for c in app.caption)

"""Kennisbeheer shows an uploaded document at once: in the count and in the picker (bug 6 of issue 12)."""

from __future__ import annotations

from tests.support.uitest import goto, log_in


def test_an_upload_shows_in_the_count_and_the_picker_without_leaving_the_page(app, client, admin):
    r = client.post("/api/admin/knowledge", headers=admin, files={"file": ("eerste.md", b"# Eerste\n\nTekst.\n")})
    assert r.status_code == 201
    log_in(app, "admin")
    goto(app, "curation")
    assert any(c.value == "1 document" for c in app.caption)
    next(u for u in app.file_uploader if u.key == "kb-upload-file").set_value(
        ("tweede.md", b"# Tweede document\n\nOver feedback geven.\n", "text/markdown"))
    app.button(key="kb-upload-upload").click()
    app.run(timeout=30)  # one run: no need to leave the page and come back
    assert not app.exception
    assert any("is toegevoegd" in s.value for s in app.success)
    assert any(c.value == "2 documenten" for c in app.caption)
    assert "Tweede document" in app.selectbox(key="kb-doc").options  # the picker lists it too

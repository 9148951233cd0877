"""What every page shares: session state, texts, the API client, safe rendering, errors and item views."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import streamlit as st

from companion.ui.client import ApiClient, ApiError, api_url
from companion.ui.i18n import DEFAULT, t

ENTRY_KINDS = ("reflection", "learning_goal", "evidence", "product")
VISIBILITIES = ("private", "expert", "team")
SITUATION_FIELDS = ("description", "involved", "thought", "felt", "wanted", "did")


# --- session -------------------------------------------------------------------------------------------
def lang() -> str:
    return st.session_state.get("language", DEFAULT)


def tr(key: str, /, **values) -> str:
    """The UI text for `key` in the session's language."""
    return t(lang(), key, **values)


def api() -> ApiClient:
    """The session's API client, carrying its token and language (so the API's reasons come in that language)."""
    client: ApiClient | None = st.session_state.get("_api")
    if client is None or client.base_url != api_url():
        client = ApiClient()
        st.session_state["_api"] = client
    client.token = st.session_state.get("token")
    client.language = lang()
    return client


def me() -> dict[str, Any]:
    return st.session_state.get("me") or {}


def logout(message_key: str | None = None) -> None:
    """Forget the login (and the open conversation); the language stays."""
    for key in ("token", "me", "conversation_id"):
        st.session_state.pop(key, None)
    if message_key:
        flash("warning", tr(message_key))


def flash(level: str, text: str) -> None:
    """A message shown once, at the top of the next run."""
    st.session_state.setdefault("flash", []).append((level, text))


def show_flash() -> None:
    for level, text in st.session_state.pop("flash", []):
        getattr(st, level, st.info)(text)


def error_text(err: ApiError, key: str = "api_error") -> str:
    """A failed call in one sentence of the session's language.

    The API's own reason when it sent a code (it is already in this language, see `api()`); otherwise (FastAPI's
    validation errors, an error page of a proxy) the UI text `key` around the technical reason.
    """
    if err.status == 0:
        return tr("api_unreachable", detail=err.detail)
    if err.code:
        return err.detail
    return tr(key, status=err.status, detail=err.detail)


def show_error(err: ApiError) -> None:
    """An API failure, said plainly; an expired login goes back to the login form."""
    if err.status == 401:
        logout("session_expired")
        st.rerun()
    if err.status == 404:
        st.warning(tr("not_found"))
    else:
        st.error(error_text(err))


def call(method: str, path: str, **kwargs) -> Any | None:
    """An API call whose refusal is said on the page, which goes on (None); no server or an expired login
    still raises, for app.py to show the error or go back to the login form."""
    try:
        return api().request(method, path, **kwargs)
    except ApiError as err:
        if err.status in (0, 401):
            raise
        st.error(error_text(err))
        return None


def mode_label(mode: str) -> str:
    if mode == "offline":
        return tr("mode_offline")
    if mode.startswith("offline"):
        return tr("mode_fallback")
    if mode.startswith("llm:"):
        return tr("mode_llm", model=mode[4:])
    return mode


def role_label(role: str) -> str:
    return tr(f"role_{role}") if role in ("professional", "expert", "admin") else role


def fmt_date(value: str | None) -> str:
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)[:10]
    return when.strftime("%d-%m-%Y") if lang() == "nl" else when.strftime("%Y-%m-%d")


# --- safe rendering ------------------------------------------------------------------------------------
_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_REF_IMAGE_DEF = re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+\.(?:png|jpe?g|gif|svg|webp)\S*.*$", re.M | re.I)


def safe_markdown(text: str) -> str:
    """Model or document text made safe to render: no images, no raw HTML, no accidental LaTeX."""
    text = _IMAGE.sub(lambda m: f"[{m.group(1)}]" if m.group(1).strip() else "", text or "")
    text = _REF_IMAGE_DEF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _COMMENT.sub("", text)
    text = _TAG.sub("", text)
    # what the pattern missed (nested brackets or a line break in the alt text) is defused: "![" shown as text
    text = text.replace("![", "!\\[")
    return text.replace("$", "\\$")


def _open_construct(text: str) -> int:
    """Where an image or tag starts that is not complete yet (so it must not be shown yet), or -1."""
    for i, ch in enumerate(text):
        rest = text[i:]
        if ch == "<" and (len(rest) == 1 or rest[1].isalpha() or rest[1] in "/!") and ">" not in rest:
            return i
        if ch == "!" and (rest == "!" or (rest.startswith("![") and "\n" not in rest and not _IMAGE.match(rest))):
            return i
    return -1


def safe_stream(chunks: Iterable[str]) -> Iterator[str]:
    """Sanitise streamed text as it comes: hold back an unfinished image or tag until it is complete."""
    pending = ""
    for chunk in chunks:
        pending += chunk
        cut = _open_construct(pending)
        ready, pending = (pending, "") if cut < 0 else (pending[:cut], pending[cut:])
        if ready:
            yield safe_markdown(ready)
    if pending:
        yield safe_markdown(pending)


# --- items opened from sources and search results --------------------------------------------------
def kind_label(kind: str) -> str:
    return tr(f"kind_{kind}") if kind in ("situation", "entry", "knowledge") else kind


def entry_kind_label(kind: str) -> str:
    return tr(f"entry_{kind}") if kind in ENTRY_KINDS else kind


def visibility_label(visibility: str) -> str:
    return tr(f"vis_{visibility}") if visibility in VISIBILITIES else visibility


def situation_view(s: dict[str, Any]) -> None:
    st.caption(tr("created", date=fmt_date(s.get("created_at"))))
    for field in SITUATION_FIELDS:
        if s.get(field):
            st.markdown(f"**{tr('situation_' + field)}**")
            st.markdown(safe_markdown(s[field]))


def entry_view(e: dict[str, Any]) -> None:
    st.caption(f"{entry_kind_label(e['kind'])} · {visibility_label(e['visibility'])} · "
               f"{tr('created', date=fmt_date(e.get('created_at')))}")
    st.markdown(safe_markdown(e.get("body", "")))


def document_view(d: dict[str, Any]) -> None:
    st.caption(tr("document_meta", source=d.get("source_name", ""), language=d.get("language", ""),
                  version=d.get("version", "")))
    if d.get("tags"):
        st.caption(f"{tr('tags')}: " + ", ".join(str(tag) for tag in d["tags"]))
    st.markdown(demote_headings(safe_markdown(d.get("body", ""))))


def demote_headings(text: str, by: int = 2) -> str:
    """A document's own headings two levels smaller, so they sit under the page's title."""
    return re.sub(r"^(#{1,6})(?=\s)", lambda m: "#" * min(6, len(m.group(1)) + by), text, flags=re.M)

"""A small HTTP client for the companion API: the only way the UI reaches data."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

import httpx

DEFAULT_URL = "http://127.0.0.1:8000"


class ApiError(Exception):
    """A failed API call: `status` is the HTTP status (0 when the API could not be reached), `detail` the reason.

    `code` is the API's stable error code (e.g. "wrong_credentials"), and then `detail` is a sentence in the
    language the client asked for; without a code (FastAPI's validation errors, a proxy's error page, no
    connection) `detail` is a technical reason.
    """

    def __init__(self, status: int, detail: str, code: str | None = None):
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail
        self.code = code


def api_url() -> str:
    return os.environ.get("COMPANION_API_URL", DEFAULT_URL).rstrip("/")


def _error(response: httpx.Response) -> ApiError:
    """The API's failure as an ApiError: its localised "detail" and its "code" when it sent them."""
    try:
        code = response.json().get("code")
    except (ValueError, AttributeError):
        code = None
    return ApiError(response.status_code, _detail(response), code if isinstance(code, str) and code else None)


def _detail(response: httpx.Response) -> str:
    """The API's reason: its "detail" (a string, or FastAPI's list of validation problems), else the body."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, str) and detail:
        return detail
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if isinstance(item, dict):
                loc = [str(p) for p in item.get("loc", []) if p not in ("body", "query", "path")]
                parts.append(f"{'.'.join(loc)}: {item.get('msg', '')}" if loc else str(item.get("msg", "")))
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return response.text.strip()[:300] or response.reason_phrase or f"HTTP {response.status_code}"


def parse_sse(lines: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Server-sent events as (event, data): `event: X` and `data: {json}` lines, ended by a blank line."""
    event, data = "message", []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if data:
                text = "\n".join(data)
                try:
                    payload = json.loads(text)
                except ValueError:
                    payload = {"text": text}
                yield event, payload if isinstance(payload, dict) else {"value": payload}
            event, data = "message", []
            continue
        if line.startswith(":"):
            continue  # a comment / keep-alive
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)
    if data:  # a stream that ended without the final blank line
        yield from parse_sse([f"event: {event}", *(f"data: {d}" for d in data), ""])


class ApiClient:
    """The companion API over httpx, with a bearer token; every failure is an `ApiError`.

    `language` ("nl", "en") is sent as Accept-Language, so the API's error reasons come in that language.
    """

    def __init__(self, base_url: str | None = None, token: str | None = None, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None, language: str | None = None):
        self.base_url = (base_url or api_url()).rstrip("/")
        self.token = token
        self.language = language
        self._http = httpx.Client(base_url=self.base_url, timeout=httpx.Timeout(timeout, read=120.0),
                                  transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.language:
            headers["Accept-Language"] = self.language
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, **kwargs) -> Any:
        try:
            response = self._http.request(method, path, headers=self._headers(kwargs.pop("headers", None)),
                                          **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(0, f"{self.base_url}: {exc}") from exc
        if response.status_code >= 400:
            raise _error(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    # --- auth and me -------------------------------------------------------------------------------
    def login(self, username: str, password: str) -> str:
        """Log in with the OAuth2 password form; keeps and returns the token."""
        data = self.request("POST", "/api/auth/token", data={"username": username, "password": password})
        self.token = data["access_token"]
        return self.token

    def me(self) -> dict[str, Any]:
        return self.request("GET", "/api/me")

    def set_language(self, language: str) -> dict[str, Any]:
        return self.request("PATCH", "/api/me", json={"language": language})

    # --- conversations -----------------------------------------------------------------------------
    def conversations(self) -> list[dict[str, Any]]:
        return self.request("GET", "/api/conversations")

    def new_conversation(self, language: str | None = None, cycle: str | None = None) -> dict[str, Any]:
        """Start a conversation; cycle alact, starr, gibbs or "propose" (the API's default is alact)."""
        body = {k: v for k, v in (("language", language), ("cycle", cycle)) if v}
        return self.request("POST", "/api/conversations", json=body)

    def cycles(self, language: str | None = None) -> list[dict[str, Any]]:
        return self.request("GET", "/api/cycles", params={"language": language} if language else None)

    def choose_cycle(self, conversation_id: int, cycle: str) -> dict[str, Any]:
        return self.request("POST", f"/api/conversations/{conversation_id}/cycle", json={"cycle": cycle})

    def go_back_to_phase(self, conversation_id: int, phase: str) -> dict[str, Any]:
        return self.request("POST", f"/api/conversations/{conversation_id}/phase", json={"phase": phase})

    def conversation(self, conversation_id: int) -> dict[str, Any]:
        return self.request("GET", f"/api/conversations/{conversation_id}")

    def rename_conversation(self, conversation_id: int, title: str) -> dict[str, Any]:
        return self.request("PATCH", f"/api/conversations/{conversation_id}", json={"title": title})

    def delete_conversation(self, conversation_id: int) -> None:
        self.request("DELETE", f"/api/conversations/{conversation_id}")

    def save_situation(self, conversation_id: int) -> dict[str, Any]:
        return self.request("POST", f"/api/conversations/{conversation_id}/situation")

    def save_reflection(self, conversation_id: int) -> dict[str, Any]:
        return self.request("POST", f"/api/conversations/{conversation_id}/reflection")

    def stream_message(self, conversation_id: int, content: str,
                       client_id: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """Send a message and yield the reply's events: meta, token*, notice?, error?, done."""
        body: dict[str, Any] = {"content": content}
        if client_id:
            body["client_id"] = client_id
        headers = self._headers({"Accept": "text/event-stream"})
        got_events = False
        for attempt in range(2 if client_id else 1):
            try:
                with self._http.stream("POST", f"/api/conversations/{conversation_id}/messages", json=body,
                                       headers=headers) as response:
                    if response.status_code >= 400:
                        response.read()
                        raise _error(response)
                    for event in parse_sse(response.iter_lines()):
                        got_events = True
                        yield event
                return
            except httpx.TransportError as exc:
                # Retrying with the same client_id is safe: the API stores the message once and
                # replays its reply. Once events arrived, a retry would repeat text, so stop there.
                if got_events or attempt == 1 or not client_id:
                    raise ApiError(0, f"{self.base_url}: {exc}") from exc
            except httpx.HTTPError as exc:
                raise ApiError(0, f"{self.base_url}: {exc}") from exc

    # --- situations and portfolio ------------------------------------------------------------------
    def situations(self) -> list[dict[str, Any]]:
        return self.request("GET", "/api/situations")

    def situation(self, situation_id: int) -> dict[str, Any]:
        return self.request("GET", f"/api/situations/{situation_id}")

    def update_situation(self, situation_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.request("PATCH", f"/api/situations/{situation_id}", json=changes)

    def delete_situation(self, situation_id: int) -> None:
        self.request("DELETE", f"/api/situations/{situation_id}")

    def entries(self, kind: str | None = None) -> list[dict[str, Any]]:
        return self.request("GET", "/api/portfolio", params={"kind": kind} if kind else None)

    def entry(self, entry_id: int) -> dict[str, Any]:
        return self.request("GET", f"/api/portfolio/{entry_id}")

    def create_entry(self, values: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", "/api/portfolio", json=values)

    def update_entry(self, entry_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.request("PATCH", f"/api/portfolio/{entry_id}", json=changes)

    def delete_entry(self, entry_id: int) -> None:
        self.request("DELETE", f"/api/portfolio/{entry_id}")

    # --- search and knowledge ----------------------------------------------------------------------
    def search(self, query: str, k: int = 10) -> list[dict[str, Any]]:
        return self.request("GET", "/api/search", params={"q": query, "k": k})

    def documents(self) -> list[dict[str, Any]]:
        return self.request("GET", "/api/knowledge")

    def document(self, document_id: int) -> dict[str, Any]:
        return self.request("GET", f"/api/knowledge/{document_id}")

    # --- products and suggestions (review area) ---------------------------------------------------
    def download(self, path: str, **params: Any) -> bytes:
        """The raw bytes of a GET (a file download); failures are ApiError like every other call."""
        try:
            response = self._http.get(path, params=params, headers=self._headers({"Accept": "*/*"}))
        except httpx.HTTPError as exc:
            raise ApiError(0, f"{self.base_url}: {exc}") from exc
        if response.status_code >= 400:
            raise _error(response)
        return response.content

    # --- admin -------------------------------------------------------------------------------------
    def people(self) -> list[dict[str, Any]]:
        return self.request("GET", "/api/admin/people")

    def create_person(self, values: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", "/api/admin/people", json=values)

    def set_person_active(self, person_id: int, active: bool) -> dict[str, Any]:
        return self.request("PATCH", f"/api/admin/people/{person_id}", json={"active": active})

    def upload_knowledge(self, filename: str, content: bytes, tags: str = "") -> dict[str, Any]:
        files = {"file": (filename, content, "text/plain")}
        return self.request("POST", "/api/admin/knowledge", files=files, data={"tags": tags} if tags else None)

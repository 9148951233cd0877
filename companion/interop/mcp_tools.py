"""What the MCP server does for one person, through the domains' own service functions (never a query of its own).

Every function takes the caller's `Principal`, so scope, limits and authorisation are exactly those of the UI:
own situations and entries, the organisation's knowledge the person's teams may see, their own conversations,
week and suggestions. Nothing here approves, rejects or decides: approval is human-only, in the companion itself.

Text that comes out of the companion's records (retrieved items, stored captures, sources, reviewers' comments)
is returned inside `<quoted-data>` and the result says so (`notice`): a client's model must treat it as data,
never as instructions. `<`, `>` and `&` in it are escaped, so no text can close the quote early.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from companion.core.errors import NotFound
from companion.core.principal import Principal
from companion.core.texts.portfolio_interop import QUOTED_DATA_NOTICE
from companion.knowledge import access
from companion.reflection import chat_turn, conversations, portfolio
from companion.retrieval.distinct import distinct
from companion.review import suggestions
from companion.rhythm import weeks
from companion.services import Services

MAX_RESULTS = 20
WIDEN = 3  # ask the index for more than k, so that k remain once repeats are left out (as GET /api/search does)


def quote(text: str | None, source: str) -> str:
    """Stored or retrieved text, marked as quoted data from `source` (escaped: it cannot end the quote itself);
    "" when there is no text."""
    if not text:
        return ""
    body = html.escape(text, quote=False)
    return f'<quoted-data source="{html.escape(source)}">{body}</quoted-data>'


def _iso(value: datetime | None) -> str | None:
    """UTC, with its offset (SQLite hands back naive datetimes, which are UTC)."""
    if value is None:
        return None
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)).isoformat()


def notice(me: Principal) -> str:
    return QUOTED_DATA_NOTICE.get(me.language, QUOTED_DATA_NOTICE["en"])


def capture_situation(services: Services, me: Principal, *, title: str, description: str, involved: str = "",
                      thought: str = "", felt: str = "", wanted: str = "", did: str = "") -> dict[str, Any]:
    """Store a work situation in the person's own portfolio (and index), as the UI's form does."""
    values = {"title": title, "description": description, "involved": involved, "thought": thought, "felt": felt,
              "wanted": wanted, "did": did}
    with services.sessions() as session:
        s = portfolio.create_situation(session, services.index, me, values)
        return {"situation_id": s.id, "title": quote(s.title, f"situation:{s.id}"), "created_at": _iso(s.created_at)}


def search(services: Services, me: Principal, *, query: str, k: int = 5) -> dict[str, Any]:
    """The person's own items and the knowledge they may read, best first, each listed once."""
    k = max(1, min(int(k), MAX_RESULTS))
    hits = distinct(services.index.search(query, me.scope(), k=k * WIDEN), k)
    return {"notice": notice(me), "results": [
        {"id": h.id, "kind": h.kind, "title": quote(h.title, h.id), "ref_id": h.meta.get("ref_id"),
         "score": round(h.score, 4),
         "text": quote(h.snippet, h.id)} for h in hits]}


def reflect(services: Services, me: Principal, *, message: str, conversation_id: int | None = None,
            language: str | None = None, cycle: str | None = None) -> dict[str, Any]:
    """One chat turn: a new conversation when no id is given, else the person's own one continued.

    The message is stored first, by the chat turn itself; the reply comes from the configured model or the offline
    reflection guide, exactly as in the companion's chat, and the conversation is visible there too."""
    if conversation_id is None:
        with services.sessions() as session:
            conversation_id = conversations.start(session, services.settings.prompts_dir, me, language,
                                                  cycle or "propose").id
    turn = chat_turn.prepare_turn(services, me, conversation_id, message)
    reply = turn.run()
    return {"conversation_id": conversation_id, "phase": turn.phase, "mode": reply.get("mode", turn.mode),
            "reply": reply["content"], "complete": reply.get("complete", True), "notice": notice(me),
            "sources": [{"kind": s.get("kind"), "title": quote(s.get("title"), str(s.get("id"))),
                         "ref_id": s.get("ref_id"),
                         "text": quote(s.get("snippet"), str(s.get("id")))} for s in reply.get("sources") or []]}


def week_plan(services: Services, me: Principal) -> dict[str, Any]:
    """This week's plan in the weekly rhythm: focus, experiment, captures, and a prepared plan when none is made."""
    with services.sessions() as session:
        week = weeks.view(session, me, services.clock)
        captures = [{"text": quote(c.text, f"capture:{c.id}"), "at": _iso(c.created_at)}
                    for c in week["captures"]]
    return {"week": week["key"], "starts_on": str(week["starts_on"]), "ends_on": str(week["ends_on"]),
            "status": week["status"], "planned": week["planned_at"] is not None,
            "focus": quote(week["focus"], "week"), "experiment": quote(week["experiment"], "week"),
            "captures": captures, "reminder": week.get("reminder"), "prepared_plan": week.get("suggestion"),
            "reflected": week["reflected_at"] is not None, "notice": notice(me)}


def list_suggestions(services: Services, me: Principal, *, status: str | None = None) -> dict[str, Any]:
    """The person's own suggestions (drafts too) and where each stands in review; reading only."""
    with services.sessions() as session:
        rows = suggestions.list_mine(session, me, status)
        return {"notice": notice(me), "suggestions": [
            {"id": s.id, "kind": s.kind, "title": quote(s.title, f"suggestion:{s.id}"),
             "status": suggestions.display_status(s),
             "ai_made": suggestions.made_with_ai(s), "drafted_by": s.drafted_by,
             "sent_at": _iso(s.sent_at), "reviewed_at": _iso(s.reviewed_at),
             "review_comment": quote(s.review_comment, f"review:{s.id}"),
             "entry_id": s.entry_id} for s in rows]}


# --- resources ------------------------------------------------------------------------------------------------

def resource_list(services: Services, me: Principal) -> list[dict[str, str]]:
    """The person's own portfolio entries and the knowledge documents they may read, as (uri, name, mime type).

    Entries others shared with the person are left out: sharing lets them be read in the companion, not sent on
    to a chat client and its model (the same rule that keeps them out of search and chat)."""
    with services.sessions() as session:
        entries = [{"uri": f"companion://portfolio/{e.id}", "name": e.title, "description": e.kind,
                    "mime_type": "text/markdown"} for e in portfolio.list_entries(session, me)]
        docs = [{"uri": f"companion://knowledge/{d.id}", "name": d.title, "description": ", ".join(d.tags or []),
                 "mime_type": "text/markdown"} for d in access.list_documents(session, me, status="active")]
    return entries + docs


def read_entry(services: Services, me: Principal, entry_id: int) -> str:
    """One of the person's own entries as Markdown, quoted (404 for anyone else's, as in the API)."""
    with services.sessions() as session:
        e = portfolio.get_entry(session, me, entry_id)
        if e.owner_id != me.person_id:  # shared with the person: readable in the companion, not for a chat client
            raise NotFound("entry_not_found")
        return quote(f"# {e.title}\n\n{e.body}\n", f"portfolio:{e.id}")


def read_document(services: Services, me: Principal, document_id: int) -> str:
    """A knowledge document the person may read, as Markdown, quoted."""
    with services.sessions() as session:
        d = access.get_document(session, me, document_id)
        return quote(f"# {d.title}\n\n{d.body}\n", f"knowledge:{d.id}")

"""The export as a readable portfolio document (Markdown), in the person's language."""

from __future__ import annotations

from typing import Any

from companion.core.texts.trust import PRIVACY_DOCUMENT_LABELS

SHOWN = {"people", "work_situations", "portfolio_entries", "conversations", "messages"}
SKIP_FIELDS = {"id", "owner_id", "person_id", "org_id", "team_id", "conversation_id", "updated_at"}


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in (text or "").strip().splitlines())


def _day(value: str | None) -> str:
    return (value or "")[:10]


def render_markdown(export: dict[str, Any]) -> str:
    person = export["person"]
    t = PRIVACY_DOCUMENT_LABELS.get(person.get("language"), PRIVACY_DOCUMENT_LABELS["nl"])
    data: dict[str, list[dict[str, Any]]] = export["data"]
    out = [f"# {t['title']}", "", f"*{t['exported']} {_day(export['exported_at'])}.* {t['intro']}", "",
           f"## {t['profile']}", ""]
    for key, field in (("name", "display_name"), ("username", "username"), ("role", "role"),
                       ("organisation", "organisation"), ("team", "team")):
        out.append(f"- **{t[key]}:** {person.get(field) or '—'}")
    out += ["", f"## {t['situations']}", ""]
    for s in data.get("work_situations", []) or [{}]:
        if not s:
            out.append(t["none"])
            break
        out += [f"### {s['title'] or t['untitled']} ({_day(s.get('created_at'))})", ""]
        for field in ("description", "involved", "wanted", "did", "thought", "felt"):
            if s.get(field):
                out += [f"**{t[field]}**", "", _quote(s[field]), ""]
    out += [f"## {t['entries']}", ""]
    for e in data.get("portfolio_entries", []) or [{}]:
        if not e:
            out.append(t["none"])
            break
        out += [f"### {e['title'] or t['untitled']} ({e.get('kind', '')}, {_day(e.get('created_at'))})", "",
                _quote(e.get("body", "")), ""]
    out += ["", f"## {t['conversations']}", ""]
    messages = data.get("messages", [])
    for c in data.get("conversations", []) or [{}]:
        if not c:
            out.append(t["none"])
            break
        out += [f"### {c.get('title') or t['untitled']} ({_day(c.get('created_at'))})", ""]
        for m in sorted((m for m in messages if m["conversation_id"] == c["id"]), key=lambda m: m["id"]):
            who = t["you"] if m["role"] == "user" else t["companion"]
            flag = f" *({t['incomplete']})*" if not m.get("complete", True) else ""
            out += [f"**{who}**{flag}", "", _quote(m["content"]), ""]
    other = {name: rows for name, rows in data.items() if name not in SHOWN}
    if other:
        out += ["", f"## {t['other']}", ""]
        out += _generic(other)
    if export.get("authored"):
        out += ["", f"## {t['authored']}", ""]
        out += _generic(export["authored"])
    return "\n".join(out).rstrip() + "\n"


def _generic(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines: list[str] = []
    for name, rows in sorted(tables.items()):
        lines += [f"### {name.replace('_', ' ').capitalize()} ({len(rows)})", ""]
        for row in rows:
            parts = [f"{k}: {_short(v)}" for k, v in row.items()
                     if k not in SKIP_FIELDS and v not in (None, "", [], {})]
            lines.append("- " + "; ".join(parts) if parts else "- —")
        lines.append("")
    return lines


def _short(value: Any) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= 300 else text[:300] + "…"

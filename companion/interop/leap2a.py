"""A person's portfolio as Leap2A 2010-07: the Atom-based zip that Mahara (and other e-portfolios) import.

The zip holds one `leap2a.xml` and, under `files/`, the document (PDF) of every approved product, linked from its
entry as an `enclosure`. In the feed:

- work situations and portfolio entries are `leap2:entry` items, gathered in one `leap2:selection` of type Blog
  (Mahara imports it as a journal with a post per item); an entry about a situation `leap2:reflects_on` it;
- an approved product with actions (action plan, annual plan, learning goal) is a `leap2:plan` whose tasks are
  plans too, related by `leap2:has_part` / `leap2:is_part_of`, each with its `leap2:date leap2:point="target"`
  (the date when the text names one, always the text as `leap2:label`) and `leap2:status leap2:stage="planned"`.

The rules followed are those of Mahara's importer (htdocs/import/leap/lib.php and the blog and plans importers):
a root `feed` with `leap2:version`, ids, titles and `updated` on every entry, types as `rdf:type` CURIEs, plans
with text content, enclosures that name a file inside the zip. Only the owner's own items go in.
"""

from __future__ import annotations

import io
import logging
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session

from companion.core.clock import Clock
from companion.core.principal import Principal
from companion.core.texts.portfolio_interop import LEAP2A_LABELS
from companion.core.texts.reflection import MONTHS
from companion.reflection import portfolio
from companion.review import audit, exports, products, suggestions

log = logging.getLogger(__name__)

NS_ATOM = "http://www.w3.org/2005/Atom"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_LEAP2 = "http://terms.leapspecs.org/"
NS_CATEGORIES = "http://wiki.leapspecs.org/2A/categories/"
VERSION = "http://www.leapspecs.org/2010-07/2A/"
XML_NAME = "leap2a.xml"
FILES_DIR = "files/"
SITUATION_FIELDS = ("description", "involved", "thought", "felt", "wanted", "did")
# what an approved product's tasks are made of: the list in its final payload, and the task's title, text and date
TASKS = {"action_plan": ("actions", "what", "who", "by_when"), "annual_plan": ("activities", "what", "owner", "when"),
         "learning_goal": ("success_criteria", None, None, "by_when")}

ET.register_namespace("", NS_ATOM)  # Atom as the default namespace, as Mahara writes (and reads) it
ET.register_namespace("rdf", NS_RDF)
ET.register_namespace("leap2", NS_LEAP2)


@dataclass
class Leap2AExport:
    content: bytes
    filename: str
    entries: int  # Atom entries in the feed
    files: int  # documents enclosed


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _stamp(value: datetime | None) -> str:
    """RFC 3339 in UTC, as Atom wants it; SQLite hands back naive datetimes, which are UTC."""
    value = value or datetime.now(UTC)
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def target_date(text: str) -> date | None:
    """The date a deadline names: "2027-01-08", "8 januari 2027" or "8 January 2027"; None for "volgende week"."""
    text = (text or "").strip()
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        parts = [int(p) for p in m.groups()]
    elif m := re.search(r"\b(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b", text):
        names = {name.lower(): n for months in MONTHS.values() for n, name in enumerate(months, 1)}
        if m.group(2).lower() not in names:
            return None
        parts = [int(m.group(3)), names[m.group(2).lower()], int(m.group(1))]
    else:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


class _Feed:
    """The feed under construction: Atom entries with Leap2A types, relations and dates."""

    def __init__(self, title: str, feed_id: str, author: str, now: datetime):
        self.root = ET.Element(_q(NS_ATOM, "feed"))
        # the categories prefix is only used inside attribute values (CURIEs), so declare it by hand
        self.root.set("xmlns:categories", NS_CATEGORIES)
        ET.SubElement(self.root, _q(NS_LEAP2, "version")).text = VERSION
        ET.SubElement(self.root, _q(NS_ATOM, "id")).text = feed_id
        ET.SubElement(self.root, _q(NS_ATOM, "title")).text = title
        ET.SubElement(self.root, _q(NS_ATOM, "updated")).text = _stamp(now)
        ET.SubElement(self.root, _q(NS_ATOM, "generator")).text = "companion"
        ET.SubElement(ET.SubElement(self.root, _q(NS_ATOM, "author")), _q(NS_ATOM, "name")).text = author
        self.count = 0

    def entry(self, entry_id: str, leap_type: str, title: str, content: str, *, published: datetime | None,
              updated: datetime | None, tags: tuple[str, ...] = ()) -> ET.Element:
        e = ET.SubElement(self.root, _q(NS_ATOM, "entry"))
        ET.SubElement(e, _q(NS_ATOM, "id")).text = entry_id
        ET.SubElement(e, _q(NS_ATOM, "title")).text = title
        ET.SubElement(e, _q(NS_ATOM, "updated")).text = _stamp(updated or published)
        ET.SubElement(e, _q(NS_ATOM, "published")).text = _stamp(published)
        ET.SubElement(e, _q(NS_ATOM, "content"), {"type": "text"}).text = content
        ET.SubElement(e, _q(NS_RDF, "type"), {_q(NS_RDF, "resource"): f"leap2:{leap_type}"})
        for tag in tags:  # a category without a scheme is a tag
            ET.SubElement(e, _q(NS_ATOM, "category"), {"term": tag})
        self.count += 1
        return e

    @staticmethod
    def link(entry: ET.Element, rel: str, href: str, **attrs: str) -> None:
        ET.SubElement(entry, _q(NS_ATOM, "link"), {"rel": rel, "href": href, **attrs})

    def xml(self) -> bytes:
        return ET.tostring(self.root, encoding="utf-8", xml_declaration=True)


def _situation_text(s, labels: dict[str, str]) -> str:
    return "\n\n".join(f"{labels[f]}: {getattr(s, f)}" for f in SITUATION_FIELDS if (getattr(s, f) or "").strip())


def _add_plan(feed: _Feed, s, final: dict[str, Any], base: str, labels: dict[str, str]) -> None:
    """An approved product as a plan with its tasks (Mahara: a plan and its tasks, each with a completion date)."""
    items_key, title_key, who_key, when_key = TASKS[s.kind]
    plan_id = f"{base}/api/suggestions/{s.id}"
    content = products.render(s.kind, final, s.language)
    plan = feed.entry(plan_id, "plan", s.title, content, published=s.created_at, updated=s.reviewed_at,
                      tags=(labels.get(s.kind, labels["product"]),))
    for n, item in enumerate(final.get(items_key) or [], 1):
        task_id = f"{plan_id}#task-{n}"
        title = item[title_key] if title_key else item
        when = item.get(when_key, "") if isinstance(item, dict) else final.get(when_key, "")
        text = f"{labels['who']}: {item[who_key]}\n{labels['when']}: {when}" if who_key else f"{labels['when']}: {when}"
        task = feed.entry(task_id, "plan", title[:250], text, published=s.created_at, updated=s.reviewed_at)
        feed.link(task, "leap2:is_part_of", plan_id)
        feed.link(plan, "leap2:has_part", task_id)
        if when:  # Mahara takes the value as the task's completion date, else the entry's `updated`
            day = target_date(when)
            date_el = ET.SubElement(task, _q(NS_LEAP2, "date"), {_q(NS_LEAP2, "point"): "target",
                                                                 _q(NS_LEAP2, "label"): when})
            date_el.text = day.isoformat() if day else None
        ET.SubElement(task, _q(NS_LEAP2, "status"), {_q(NS_LEAP2, "stage"): "planned"})


def export_portfolio(session: Session, me: Principal, *, base_url: str, clock: Clock) -> Leap2AExport:
    """The caller's whole portfolio as a Leap2A zip; every approved product in it gets a "downloaded" audit event."""
    labels = LEAP2A_LABELS.get(me.language, LEAP2A_LABELS["nl"])
    base = base_url.rstrip("/")
    now = clock.now()
    feed = _Feed(labels["feed"].format(name=me.display_name),
                 f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{base}/leap2a/{me.person_id}/{now.isoformat()}')}",
                 me.display_name, now)
    selection_id = f"{base}/api/portfolio/export/leap2a#portfolio"
    selection = feed.entry(selection_id, "selection", labels["selection"], labels["selection_summary"],
                           published=now, updated=now)
    ET.SubElement(selection, _q(NS_ATOM, "category"), {"term": "Blog", "scheme": "categories:selection_type#"})

    def in_selection(entry: ET.Element, entry_id: str) -> None:
        feed.link(entry, "leap2:is_part_of", selection_id)
        feed.link(selection, "leap2:has_part", entry_id)

    situations = {}
    for s in portfolio.list_situations(session, me):
        sid = f"{base}/api/situations/{s.id}"
        situations[s.id] = (sid, feed.entry(sid, "entry", s.title, _situation_text(s, labels), published=s.created_at,
                                            updated=s.updated_at, tags=(labels["situation"],)))
        in_selection(situations[s.id][1], sid)

    approved = suggestions.list_mine(session, me, "approved")
    by_entry = {s.entry_id: s for s in approved if s.entry_id is not None}
    files: dict[str, bytes] = {}
    entries = portfolio.list_entries(session, me)
    for e in entries:
        eid = f"{base}/api/portfolio/{e.id}"
        entry = feed.entry(eid, "entry", e.title, e.body, published=e.created_at, updated=e.updated_at,
                           tags=(labels.get(e.kind, e.kind),))
        in_selection(entry, eid)
        if e.situation_id in situations:
            sid, situation = situations[e.situation_id]
            feed.link(entry, "leap2:reflects_on", sid)
            feed.link(situation, "leap2:is_reflected_on_by", eid)
        if (s := by_entry.get(e.id)) is not None:
            content, media_type, name = exports.export(s, "pdf", owner_name=me.display_name)
            files[FILES_DIR + name] = content
            feed.link(entry, "enclosure", quote(FILES_DIR + name), type=media_type, length=str(len(content)),
                      title=labels["document"].format(title=s.title))

    exported = {e.id for e in entries}
    for s in approved:
        if s.kind in TASKS:
            _add_plan(feed, s, s.final or suggestions.sent_version(s), base, labels)
        if s.kind in TASKS or s.entry_id in exported:  # what of it went out is on record, as for a download
            audit.record(session, s.id, me.person_id, "downloaded", format="leap2a")
    session.commit()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(XML_NAME, feed.xml())
        for name, content in files.items():
            zf.writestr(name, content)
    log.info("leap2a export of person %s: %s entries, %s files", me.person_id, feed.count, len(files))
    return Leap2AExport(buffer.getvalue(), f"portfolio-{me.username}-{now.date().isoformat()}-leap2a.zip",
                        feed.count, len(files))

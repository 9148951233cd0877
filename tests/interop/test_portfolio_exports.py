"""The portfolio's exports, for the owner only.

Leap2A: the zip parsed back and checked against the rules Mahara's importer applies (htdocs/import/leap/lib.php,
artefact/plans and artefact/blog importers): a root Atom feed in the 2010-07 version, entries with ids, titles and
`updated`, types as `rdf:type` CURIEs, plans with text content and tasks related by has_part/is_part_of with a
target date, enclosures that name files inside the zip, and nothing of anyone else.

Open Badges 3.0: an approved learning goal or product as an OpenBadgeCredential with the fields the specification
requires (OB 3.0, VC Data Model 2.0), evidence pointing at the approved product.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from companion.interop import leap2a
from companion.review import audit
from tests.support.app import login
from tests.support.interop_data import entry, exports_world

A = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
LEAP2 = "{http://terms.leapspecs.org/}"
TYPES = {"leap2:entry", "leap2:plan", "leap2:selection"}
URI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The portfolio of `portfolio_world`, the callers' headers, and anne's Leap2A zip (downloaded once)."""
    with exports_world(tmp_path_factory, "exports") as (services, client, ids):
        headers = {u: login(client, u) for u in ("anne", "bram", "eva", "admin")}
        r = client.get("/api/portfolio/export/leap2a", headers=headers["anne"])
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "application/zip"
        assert 'filename="portfolio-anne-' in r.headers["content-disposition"]
        yield services, client, ids, headers, zipfile.ZipFile(io.BytesIO(r.content))


@pytest.fixture
def exported(world):
    _services, _client, ids, _headers, archive = world
    return ids, archive


def _namespaces(raw: bytes) -> dict[str, str]:
    return dict(ev[1] for ev in ET.iterparse(io.BytesIO(raw), events=("start-ns",)))


def _by_id(feed: ET.Element) -> dict[str, ET.Element]:
    return {e.findtext(f"{A}id"): e for e in feed.findall(f"{A}entry")}


def _type(entry: ET.Element) -> str:
    return entry.find(f"{RDF}type").get(f"{RDF}resource")


def _links(entry: ET.Element, rel: str) -> list[str]:
    return [link.get("href") for link in entry.findall(f"{A}link") if link.get("rel") == rel]


def test_the_feed_is_what_mahara_reads(exported):
    _ids, archive = exported
    assert "leap2a.xml" in archive.namelist()  # Mahara looks for leap.xml, leap2.xml or leap2a.xml
    raw = archive.read("leap2a.xml")
    feed = ET.fromstring(raw)
    assert feed.tag == f"{A}feed"
    declared = _namespaces(raw)  # ensure_document_valid(): atom, rdf, leap2 and the categories
    assert declared[""] == "http://www.w3.org/2005/Atom" and declared["leap2"] == "http://terms.leapspecs.org/"
    assert declared["rdf"] == RDF.strip("{}") and declared["categories"] == "http://wiki.leapspecs.org/2A/categories/"
    assert feed.findtext(f"{LEAP2}version") == "http://www.leapspecs.org/2010-07/2A/"  # the supported version
    assert feed.findtext(f"{A}id") and feed.findtext(f"{A}title") == "Portfolio van Anne"
    datetime.fromisoformat(feed.findtext(f"{A}updated"))
    assert feed.findtext(f"{A}author/{A}name") == "Anne"
    entries = feed.findall(f"{A}entry")
    assert len({e.findtext(f"{A}id") for e in entries}) == len(entries)  # ids are unique
    for e in entries:
        assert e.findtext(f"{A}title").strip(), e.findtext(f"{A}id")
        datetime.fromisoformat(e.findtext(f"{A}updated"))
        assert _type(e) in TYPES
        assert e.find(f"{A}content").get("type", "text") in ("text", "html", "xhtml")  # get_entry_content()


def test_plans_have_their_tasks_with_target_dates(exported):
    ids, archive = exported
    feed = ET.fromstring(archive.read("leap2a.xml"))
    entries = _by_id(feed)
    plans = {i: e for i, e in entries.items() if _type(e) == "leap2:plan" and not _links(e, "leap2:is_part_of")}
    assert sorted(e.findtext(f"{A}title") for e in plans.values()) == ["Actieplan: uitpraten in het overleg",
                                                                       "Leerdoel: uitpraten"]
    for plan_id, plan in plans.items():
        assert plan.find(f"{A}content").get("type") == "text"  # the plans importer takes text content only
        tasks = _links(plan, "leap2:has_part")
        assert tasks
        for task_id in tasks:
            task = entries[task_id]
            assert _type(task) == "leap2:plan" and _links(task, "leap2:is_part_of") == [plan_id]
            target = task.find(f"{LEAP2}date[@{LEAP2}point='target']")
            assert target is not None and date.fromisoformat(target.text)
            assert task.find(f"{LEAP2}status").get(f"{LEAP2}stage") == "planned"
    action = next(e for e in plans.values() if e.findtext(f"{A}title").startswith("Actieplan"))
    task = entries[_links(action, "leap2:has_part")[0]]
    assert task.findtext(f"{A}title") == "Vragen of ik mijn zin mag afmaken"
    assert task.find(f"{LEAP2}date").text == "2027-01-15"


def test_entries_form_a_journal_with_situations_and_their_documents(exported):
    ids, archive = exported
    feed = ET.fromstring(archive.read("leap2a.xml"))
    entries = _by_id(feed)
    selection = next(e for e in entries.values() if _type(e) == "leap2:selection")
    category = selection.find(f"{A}category")
    assert (category.get("scheme"), category.get("term")) == ("categories:selection_type#", "Blog")
    parts = _links(selection, "leap2:has_part")
    assert all(_links(entries[p], "leap2:is_part_of") == [selection.findtext(f"{A}id")] for p in parts)
    titles = {entries[p].findtext(f"{A}title") for p in parts}
    assert {"Overdracht in de nachtdienst", "Wat ik leerde van de overdracht"} <= titles
    reflection = next(entries[p] for p in parts if entries[p].findtext(f"{A}title").startswith("Wat ik leerde"))
    situation_id = _links(reflection, "leap2:reflects_on")[0]
    assert entries[situation_id].findtext(f"{A}title") == "Overdracht in de nachtdienst"
    assert "Wat ik voelde: Onrustig." in entries[situation_id].findtext(f"{A}content")
    enclosures = [link for e in entries.values() for link in e.findall(f"{A}link") if link.get("rel") == "enclosure"]
    assert len(enclosures) == 3  # the action plan, the learning goal and the advice note: approved, with a document
    for link in enclosures:
        content = archive.read(unquote(link.get("href")))  # create_linked_file(): relative to leap2a.xml
        assert content.startswith(b"%PDF") and link.get("type") == "application/pdf"
        assert int(link.get("length")) == len(content)


def test_only_the_owners_approved_work_goes_in_and_the_download_is_audited(world):
    services, _client, ids, _headers, archive = world
    raw = archive.read("leap2a.xml").decode("utf-8")
    assert "Bram" not in raw and "Alleen van Bram" not in raw
    assert "In afwachting" not in raw and "Jaarplan" not in raw  # a pending product is no part of the portfolio
    with services.sessions() as session:
        for key in ("plan", "goal", "advice"):
            assert any(e["action"] == "downloaded" and e["detail"] == {"format": "leap2a"}
                       for e in audit.events(session, ids[key]))
        assert not any(e["action"] == "downloaded" for e in audit.events(session, ids["pending"]))


@pytest.mark.parametrize(("text", "expected"), [
    ("2027-01-15", date(2027, 1, 15)), ("vóór 8 januari 2027", date(2027, 1, 8)), ("8 January 2027", date(2027, 1, 8)),
    ("volgende week", None), ("31 februari 2027", None), ("3 foo 2027", None)])
def test_target_dates_are_read_from_how_plans_name_them(text, expected):
    assert leap2a.target_date(text) == expected


def _has_type(node: dict, name: str) -> bool:
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return name in types


def assert_open_badge(badge: dict) -> None:
    """The required properties of an OpenBadgeCredential (OB 3.0 §B.1.1 AchievementCredential and its classes)."""
    assert badge["@context"][0] == "https://www.w3.org/ns/credentials/v2"  # VCDM 2.0: its context comes first
    assert "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" in badge["@context"]
    assert URI.match(badge["id"])
    assert _has_type(badge, "VerifiableCredential") and _has_type(badge, "OpenBadgeCredential")
    assert isinstance(badge["name"], str) and badge["name"]
    issuer = badge["issuer"]
    assert URI.match(issuer["id"]) and _has_type(issuer, "Profile") and issuer["name"]
    assert datetime.fromisoformat(badge["validFrom"]).tzinfo is not None
    subject = badge["credentialSubject"]
    assert _has_type(subject, "AchievementSubject")
    assert subject.get("id") or subject.get("identifier")  # a subject is named by an id or an identifier
    for identity in subject.get("identifier", []):
        assert identity["type"] == "IdentityObject" and isinstance(identity["hashed"], bool)
        assert identity["identityHash"] and identity["identityType"]
    achievement = subject["achievement"]
    assert URI.match(achievement["id"]) and _has_type(achievement, "Achievement")
    assert achievement["name"] and achievement["description"]
    assert achievement["criteria"].get("id") or achievement["criteria"].get("narrative")
    for evidence in badge.get("evidence", []):
        assert _has_type(evidence, "Evidence") and (evidence.get("id") or evidence.get("narrative"))
    assert "proof" not in badge  # unsigned: the companion holds no issuer keys (README)


@pytest.mark.parametrize("key", ["plan_entry", "goal_entry", "advice_entry"])
def test_an_approved_goal_or_product_is_an_open_badge(world, key):
    services, client, ids, headers, _archive = world
    r = client.get(f"/api/portfolio/{ids[key]}/badge", headers=headers["anne"])
    assert r.status_code == 200, r.text
    badge = r.json()
    assert_open_badge(badge)
    suggestion_id = ids[key.removesuffix("_entry")]
    assert badge["evidence"][0]["id"] == f"http://testserver/api/suggestions/{suggestion_id}"
    assert badge["evidence"][0]["name"] == badge["name"] == badge["credentialSubject"]["achievement"]["name"]
    assert badge["issuer"]["name"] == "Testorg"
    assert badge["credentialSubject"]["identifier"][0]["identityHash"] == "Anne"
    with services.sessions() as session:
        assert any(e["action"] == "downloaded" and e["detail"] == {"format": "open_badges"}
                   for e in audit.events(session, suggestion_id))
    again = client.get(f"/api/portfolio/{ids[key]}/badge", headers=headers["anne"]).json()
    assert again["id"] == badge["id"]  # the same badge, however often it is downloaded


def test_the_learning_goal_badge_says_what_the_goal_is(world):
    _services, client, ids, headers, _archive = world
    badge = client.get(f"/api/portfolio/{ids['goal_entry']}/badge", headers=headers["anne"]).json()
    achievement = badge["credentialSubject"]["achievement"]
    assert achievement["description"] == "Vóór 1 maart maak ik mijn voorstellen af."
    assert achievement["achievementType"] == "Competency"
    assert "Testorg" in achievement["criteria"]["narrative"]


def test_only_an_approved_entry_of_ones_own_is_a_badge(world):
    services, client, ids, headers, _archive = world
    own_product = entry(services, "anne", "Zelf geschreven product", "Niet beoordeeld.", kind="product")
    for entry_id in (ids["reflection"], own_product):
        r = client.get(f"/api/portfolio/{entry_id}/badge", headers={**headers["anne"], "Accept-Language": "nl"})
        assert r.status_code == 409 and r.json()["code"] == "badge_entry_not_approved"
        assert "goedgekeurd" in r.json()["detail"]
    assert client.get(f"/api/portfolio/{ids['plan_entry']}/badge", headers=headers["eva"]).status_code == 403
    assert client.get(f"/api/portfolio/{ids['plan_entry']}/badge", headers=headers["bram"]).status_code == 404
    assert client.get(f"/api/portfolio/{ids['bram_entry']}/badge", headers=headers["anne"]).status_code == 404

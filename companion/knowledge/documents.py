"""Knowledge ingestion: parsed files become versioned documents with chunks along their structure, indexed.

Writes are all-or-nothing: a file is parsed and chunked before anything is stored, the new chunks are
indexed before the SQL commit, and the old chunks leave the index only after it. A failure on the way rolls
back SQL and removes whatever reached the index, so a search never sees half a document.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from sqlalchemy.orm import Session

from companion.core.errors import Invalid
from companion.core.principal import Principal
from companion.knowledge.ingest import (
    FORMATS,
    ParsedDocument,
    file_format,
    read_upload,
)
from companion.knowledge.ingest.markdown import parse_markdown
from companion.llm import token_count
from companion.models import KnowledgeChunk, KnowledgeDocument, KnowledgeVersion
from companion.retrieval.index_sync import chunk_item
from companion.retrieval.scoped_index import Index

log = logging.getLogger(__name__)
CHUNK_TOKENS = 350
CLI_MAX_BYTES = 50_000_000
SUPPORTED = FORMATS


def parse(text: str, filename: str) -> ParsedDocument:
    """A Markdown or text document's front matter and sections."""
    return parse_markdown(text, filename)


def chunk_sections(sections: list[tuple[str, str]], max_tokens: int = CHUNK_TOKENS) -> list[tuple[str, str]]:
    """Chunks that keep each section's paragraphs together up to max_tokens; never across a section."""
    chunks: list[tuple[str, str]] = []
    for heading, text in sections:
        current: list[str] = []
        used = 0
        for para in [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]:
            cost = token_count.count(para)
            if current and used + cost > max_tokens:
                chunks.append((heading, "\n\n".join(current)))
                current, used = [], 0
            if cost > max_tokens:  # one giant paragraph: cut it on token boundaries
                while para:
                    piece = token_count.truncate(para, max_tokens)
                    chunks.append((heading, piece))
                    para = para[len(piece):].strip()
                continue
            current.append(para)
            used += cost + 1  # the blank line that joins paragraphs costs a token
        if current:
            chunks.append((heading, "\n\n".join(current)))
    return chunks


def index_items(doc: KnowledgeDocument):
    """The index items of a document's chunks (each knows its document, section, language, tags, version, teams)."""
    return [chunk_item(c, doc) for c in doc.chunks]


def write_and_index(session: Session, index: Index, doc: KnowledgeDocument, stale_ids: list[str]) -> None:
    """Commit the document and make the index match it: its chunks in if active, stale ones out."""
    session.flush()
    items = index_items(doc) if doc.active else []
    try:
        index.upsert_knowledge(doc.org_id, items)
        session.commit()
    except BaseException:
        session.rollback()
        try:
            index.delete_knowledge(doc.org_id, [i.id for i in items])
        except Exception:  # noqa: BLE001 - the original error matters more; a rebuild repairs the index
            log.exception("could not remove chunks of a failed write from the index")
        raise
    fresh = {i.id for i in items}
    index.delete_knowledge(doc.org_id, [i for i in stale_ids if i not in fresh])


def chunk_ids(doc: KnowledgeDocument) -> list[str]:
    return [f"chunk:{c.id}" for c in doc.chunks]


def store(session: Session, index: Index, org_id: int, source: str, parsed: ParsedDocument, digest: str,
          size: int, by: Principal | None = None, tags: list[str] | None = None, language: str | None = None,
          document: KnowledgeDocument | None = None) -> tuple[KnowledgeDocument, str]:
    """Add, replace (version + 1) or keep a document; returns it with "created", "updated", "restored" or
    "unchanged"."""
    pieces = chunk_sections(parsed.sections)
    if not pieces:
        raise Invalid("document_empty")
    if language and language not in ("nl", "en"):
        raise Invalid("language_invalid")
    doc = document
    if doc is None:
        doc = session.query(KnowledgeDocument).filter_by(org_id=org_id, source_name=source).one_or_none()
    if doc is not None and doc.content_hash == digest:
        if doc.active:
            return doc, "unchanged"
        doc.active = True  # the same file again: the admin wants it back
        write_and_index(session, index, doc, [])
        return doc, "restored"
    status = "created" if doc is None else "updated"
    stale = chunk_ids(doc) if doc is not None else []
    if doc is None:
        doc = KnowledgeDocument(org_id=org_id, source_name=source, version=1, tags=[])
        session.add(doc)
    else:
        doc.version += 1
        doc.chunks.clear()
    doc.title, doc.body, doc.content_hash, doc.active = parsed.title, parsed.body, digest, True
    doc.language = language or parsed.language
    doc.file_format = parsed.file_format
    doc.tags = sorted(set(doc.tags or []) | set(parsed.tags) | set(tags or []))
    for n, (section, text) in enumerate(pieces):
        doc.chunks.append(KnowledgeChunk(ord=n, section=section[:300], text=text, tokens=token_count.count(text)))
    doc.versions.append(KnowledgeVersion(
        version=doc.version, content_hash=digest, source_name=source, file_format=parsed.file_format,
        size_bytes=size, chunk_count=len(pieces), created_by_id=by.person_id if by else None,
        created_by_name=(by.display_name or by.username) if by else ""))
    write_and_index(session, index, doc, stale)
    return doc, status


def clean_tags(tags: list[str] | str | None) -> list[str]:
    """Tags from a list or a comma-separated string: trimmed, short, without duplicates."""
    if isinstance(tags, str):
        tags = tags.split(",")
    seen: dict[str, None] = {}
    for tag in tags or []:
        tag = str(tag).strip()[:50]
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def source_name(filename: str) -> str:
    """The name a document is known by: the file name without any folder a browser or client sent."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:300] or "upload"


def ingest_upload(session: Session, index: Index, me: Principal, filename: str, raw: bytes, max_bytes: int,
                  tags: list[str] | str | None = None, language: str | None = None,
                  document: KnowledgeDocument | None = None) -> tuple[KnowledgeDocument, str]:
    """An admin's upload (or a new version of `document`): parsed fully before anything is stored."""
    if "/" in filename.replace("\\", "/"):  # a name with folders would silently merge with another of that name
        raise Invalid("upload_name_has_folders", name=filename[:120])
    parsed = read_upload(filename, raw, max_bytes)
    source = document.source_name if document is not None else source_name(filename)
    return store(session, index, me.org_id, source, parsed, hashlib.sha256(raw).hexdigest(), len(raw), by=me,
                 tags=clean_tags(tags), language=language or None, document=document)


def ingest_text(session: Session, index: Index, org_id: int, filename: str, text: str,
                tags: list[str] | None = None) -> tuple[KnowledgeDocument, str]:
    """Store and index a Markdown or text document given as text (demo data, tests)."""
    raw = text.encode()
    file_format(filename)
    parsed = parse_markdown(text, filename)
    parsed.file_format = FORMATS[Path(filename).suffix.lower()]
    source = filename.replace("\\", "/").lstrip("/")[:300]
    return store(session, index, org_id, source, parsed, hashlib.sha256(raw).hexdigest(), len(raw),
                 tags=clean_tags(tags))


def files_of(path: Path) -> list[tuple[Path, str]]:
    """(file, source name) for one file or every supported file under a folder, named relative to it."""
    if path.is_file():
        return [(path, path.name)]
    return [(p, p.relative_to(path).as_posix())
            for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in FORMATS]


def ingest_file(session: Session, index: Index, org_id: int, file: Path,
                source: str | None = None) -> tuple[KnowledgeDocument, str]:
    raw = file.read_bytes()
    parsed = read_upload(file.name, raw, CLI_MAX_BYTES)
    return store(session, index, org_id, (source or file.name)[:300], parsed, hashlib.sha256(raw).hexdigest(),
                 len(raw))


def ingest_path(session: Session, index: Index, org_id: int, path: Path) -> list[tuple[KnowledgeDocument, str]]:
    """Ingest one file or every supported file under a folder."""
    return [ingest_file(session, index, org_id, file, source) for file, source in files_of(path)]

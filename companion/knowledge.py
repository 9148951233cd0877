"""Knowledge ingestion: parse Markdown and text, chunk along headings with token-aware sizes, index."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import db, tokens
from .auth import Principal
from .errors import Invalid, NotFound, TooLarge
from .index import Index
from .indexing import index_document
from .models import KnowledgeChunk, KnowledgeDocument

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
CHUNK_TOKENS = 350
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NL_WORDS = {"de", "het", "een", "en", "van", "je", "ik", "niet", "wat", "dat", "zijn", "voor", "met", "op"}
_EN_WORDS = {"the", "a", "and", "of", "you", "i", "not", "what", "that", "are", "for", "with", "on", "is"}


@dataclass
class ParsedDocument:
    title: str
    language: str
    tags: list[str]
    body: str
    sections: list[tuple[str, str]]  # (heading, text)


def guess_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())[:2000]
    nl = sum(w in _NL_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > nl else "nl"


def human_size(n: int) -> str:
    """A byte count as people say it, the same in Dutch and English: "2 MB", "500 kB", "1234 bytes"."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000} MB"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000} kB"
    return f"{n} bytes"


def decode_upload(filename: str, raw: bytes, max_bytes: int) -> str:
    """Text of an uploaded file, or a clear error for anything we cannot ingest."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUPPORTED:
        if not suffix:
            raise Invalid("upload_no_extension")
        raise Invalid("upload_unsupported_type", suffix=suffix)
    if len(raw) > max_bytes:
        raise TooLarge("upload_too_large", max_size=human_size(max_bytes))
    if b"\x00" in raw:
        raise Invalid("upload_binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid("upload_not_utf8") from exc
    if not text.strip():
        raise Invalid("upload_empty")
    return text


def parse(text: str, filename: str) -> ParsedDocument:
    """Front matter (title, language, tags) and the sections under each heading."""
    meta: dict = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)  # 0-based within the front matter, after the first ---
            raise Invalid("front_matter_invalid", line=mark.line + 2 if mark is not None else 1) from exc
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end():]
    sections: list[tuple[str, list[str]]] = [("", [])]
    first_heading = None
    for line in text.splitlines():
        h = _HEADING.match(line)
        if h:
            first_heading = first_heading or h.group(2)
            sections.append((h.group(2), []))
        else:
            sections[-1][1].append(line)
    title = str(meta.get("title") or first_heading or Path(filename).stem.replace("-", " ").capitalize())
    language = str(meta.get("language") or guess_language(text))
    if language not in ("nl", "en"):
        language = guess_language(text)
    tags = meta.get("tags") or []
    tags = [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]
    joined = [(head, "\n".join(lines).strip()) for head, lines in sections]
    return ParsedDocument(title=title[:300], language=language, tags=tags, body=text.strip(),
                          sections=[(h, t) for h, t in joined if t])


def chunk_sections(sections: list[tuple[str, str]], max_tokens: int = CHUNK_TOKENS) -> list[tuple[str, str]]:
    """Chunks that keep each section's paragraphs together up to max_tokens."""
    chunks: list[tuple[str, str]] = []
    for heading, text in sections:
        current: list[str] = []
        used = 0
        for para in [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]:
            cost = tokens.count(para)
            if current and used + cost > max_tokens:
                chunks.append((heading, "\n\n".join(current)))
                current, used = [], 0
            if cost > max_tokens:  # one giant paragraph: cut it on token boundaries
                while para:
                    piece = tokens.truncate(para, max_tokens)
                    chunks.append((heading, piece))
                    para = para[len(piece):].strip()
                continue
            current.append(para)
            used += cost
        if current:
            chunks.append((heading, "\n\n".join(current)))
    return chunks


def ingest_text(session: Session, index: Index, org_id: int, filename: str, text: str,
                tags: list[str] | None = None) -> tuple[KnowledgeDocument, str]:
    """Store and index a document; returns it with "created", "updated" or "unchanged"."""
    parsed = parse(text, filename)
    if not parsed.sections:
        raise Invalid("document_empty")
    source = filename.replace("\\", "/").lstrip("/")[:300]
    digest = hashlib.sha256(text.encode()).hexdigest()
    doc = session.scalar(select(KnowledgeDocument).where(
        KnowledgeDocument.org_id == org_id, KnowledgeDocument.source_name == source))
    if doc is not None and doc.content_hash == digest and doc.active:
        return doc, "unchanged"
    status = "created" if doc is None else "updated"
    old_chunk_ids = [f"chunk:{c.id}" for c in doc.chunks] if doc else []
    if doc is None:
        doc = KnowledgeDocument(org_id=org_id, source_name=source, version=1, content_hash=digest,
                                title=parsed.title, language=parsed.language, body=parsed.body)
        session.add(doc)
    else:
        doc.version += 1
        doc.chunks.clear()
    doc.title, doc.language, doc.body, doc.content_hash, doc.active = (
        parsed.title, parsed.language, parsed.body, digest, True)
    doc.tags = sorted(set(parsed.tags) | set(tags or []))
    for n, (section, chunk) in enumerate(chunk_sections(parsed.sections)):
        doc.chunks.append(KnowledgeChunk(ord=n, section=section[:300], text=chunk, tokens=tokens.count(chunk)))
    session.commit()
    index.delete_knowledge(org_id, old_chunk_ids)
    index_document(index, doc)
    return doc, status


def files_of(path: Path) -> list[tuple[Path, str]]:
    """(file, source name) for one file or every supported file under a folder, named relative to it."""
    if path.is_file():
        return [(path, path.name)]
    return [(p, p.relative_to(path).as_posix())
            for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUPPORTED]


def ingest_file(session: Session, index: Index, org_id: int, file: Path,
                source: str | None = None) -> tuple[KnowledgeDocument, str]:
    text = decode_upload(file.name, file.read_bytes(), max_bytes=50_000_000)
    return ingest_text(session, index, org_id, source or file.name, text)


def ingest_path(session: Session, index: Index, org_id: int, path: Path) -> list[tuple[KnowledgeDocument, str]]:
    """Ingest one file or every supported file under a folder."""
    return [ingest_file(session, index, org_id, file, source) for file, source in files_of(path)]


def list_documents(session: Session, me: Principal) -> list[KnowledgeDocument]:
    stmt = select(KnowledgeDocument).where(KnowledgeDocument.org_id == me.org_id)
    return list(session.scalars(stmt.order_by(KnowledgeDocument.title)))


def get_document(session: Session, me: Principal, doc_id: int) -> KnowledgeDocument:
    """A knowledge document of the caller's own organisation (404 for any other)."""
    doc = db.get(session, KnowledgeDocument, doc_id)
    if doc is None or doc.org_id != me.org_id or (not doc.active and not me.is_admin):
        raise NotFound("document_not_found")
    return doc

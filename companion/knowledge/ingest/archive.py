"""Zip bombs: a zipped format (docx) is measured part by part before any parser opens it.

A 600 KB Word file can unpack to 300 MB, or hold a million empty paragraphs in 126 KB; a parser would take
gigabytes and minutes. So the parts are counted, each part is read as a stream with a cap (the sizes a zip
declares are not trusted), and the paragraphs of the body are counted, all before parsing starts.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from companion.core.errors import Invalid, TooLarge
from companion.knowledge.ingest.common import human_size

READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class ZipLimits:
    """What one zipped upload may hold when unpacked."""

    max_parts: int = 2000
    max_part_bytes: int = 50_000_000  # one part (document.xml, an image) unpacked
    max_total_bytes: int = 150_000_000  # all parts unpacked
    max_ratio: int = 200  # unpacked / packed per part, above this a part over 1 MB is a bomb, not a document
    max_paragraphs: int = 100_000


LIMITS = ZipLimits()
# The parts whose paragraphs a parser walks, and what starts a paragraph in them.
BODY_PARTS = {"docx": re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")}
PARAGRAPH = {"docx": re.compile(rb"<w:p[\s>/]")}


def check_zip(raw: bytes, kind: str, label: str, limits: ZipLimits = LIMITS) -> None:
    """Raise TooLarge/Invalid when the archive would unpack beyond the limits; reads at most the caps."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Invalid("knowledge_file_corrupt", kind=label) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_parts:
            raise Invalid("knowledge_archive_too_many_parts", kind=label, max_parts=limits.max_parts)
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_total_bytes:
            raise TooLarge("knowledge_archive_unpacks_too_large", kind=label,
                           max_size=human_size(limits.max_total_bytes))
        body = BODY_PARTS.get(kind)
        paragraphs = 0
        total = 0
        for info in infos:
            if info.file_size > limits.max_part_bytes or (
                    info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(1, info.compress_size)):
                raise TooLarge("knowledge_archive_unpacks_too_large", kind=label,
                               max_size=human_size(limits.max_part_bytes))
            if info.is_dir():
                continue
            is_body = body is not None and body.match(info.filename) is not None
            size, count = _measure(archive, info, limits.max_part_bytes, label, PARAGRAPH[kind] if is_body else None)
            total += size
            paragraphs += count
            if total > limits.max_total_bytes:
                raise TooLarge("knowledge_archive_unpacks_too_large", kind=label,
                               max_size=human_size(limits.max_total_bytes))
            if paragraphs > limits.max_paragraphs:
                raise Invalid("knowledge_too_many_paragraphs", kind=label, max_paragraphs=limits.max_paragraphs)


def _measure(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, label: str,
             paragraph: re.Pattern[bytes] | None) -> tuple[int, int]:
    """(bytes unpacked, paragraphs started) of one part, read in chunks and never beyond `cap`."""
    size = count = 0
    tail = b""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(READ_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise TooLarge("knowledge_archive_unpacks_too_large", kind=label, max_size=human_size(cap))
                if paragraph is not None:
                    window = tail + chunk
                    # a tag split over two chunks counts once: a match wholly in the tail was counted before
                    count += sum(1 for m in paragraph.finditer(window) if m.end() > len(tail))
                    tail = chunk[-8:]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError) as exc:
        raise Invalid("knowledge_file_corrupt", kind=label) from exc
    return size, count

"""Reading uploaded knowledge files: one parser per format, all giving titled sections for the chunker.

`read_upload` is the only entry point: it checks the name, size and content, and raises a clear
`Invalid`/`TooLarge` error (in the user's language) for anything it cannot read, before anything is stored.
"""

from __future__ import annotations

from pathlib import Path

from companion.core.errors import Invalid, TooLarge
from companion.knowledge.ingest.common import ParsedDocument, guess_language, human_size, sections_to_markdown  # noqa: F401

FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".pdf": "pdf", ".docx": "docx",
           ".html": "html", ".htm": "html"}
ZIPPED = {"docx": "DOCX"}  # formats that are zip archives: format → the name people know it by
SUFFIXES = ", ".join(sorted({s for s in FORMATS if s not in (".markdown", ".htm")}))


def file_format(filename: str) -> str:
    """The format a file name says it has ("markdown", "pdf", …), or a clear error for an unsupported one."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in FORMATS:
        if not suffix:
            raise Invalid("knowledge_no_extension", formats=SUFFIXES)
        raise Invalid("knowledge_unsupported_type", suffix=suffix, formats=SUFFIXES)
    return FORMATS[suffix]


def read_upload(filename: str, raw: bytes, max_bytes: int, seconds: float | None = None) -> ParsedDocument:
    """Parse an uploaded file into a document with sections; raises before anything is stored.

    Zipped formats are measured before they are opened (zip bombs); every binary format is parsed in a
    child process with a time budget and a memory cap (see `isolated`), so no file can stall the API.
    """
    fmt = file_format(filename)
    if len(raw) > max_bytes:
        raise TooLarge("upload_too_large", max_size=human_size(max_bytes))
    if not raw.strip():
        raise Invalid("upload_empty")
    if fmt in ("markdown", "text"):  # linear in the (capped) size: parsed here
        parsed = parse_in_process(fmt, raw, filename)
    else:
        if fmt in ZIPPED:
            from companion.knowledge.ingest.archive import check_zip

            check_zip(raw, fmt, ZIPPED[fmt])
        from companion.knowledge.ingest import isolated

        parsed = isolated.run(parse_in_process, fmt, raw, filename, seconds=seconds)
    parsed.file_format = fmt
    if not parsed.sections:
        raise Invalid("document_empty")
    return parsed


def parse_in_process(fmt: str, raw: bytes, filename: str) -> ParsedDocument:
    """The parser of `fmt` run right here (the child of `isolated`, or for plain text)."""
    if fmt in ("markdown", "text"):
        from companion.knowledge.ingest.markdown import decode_text, parse_markdown

        return parse_markdown(decode_text(raw), filename)
    if fmt == "pdf":
        from companion.knowledge.ingest.pdf import parse_pdf

        return parse_pdf(raw, filename)
    if fmt == "docx":
        from companion.knowledge.ingest.docx import parse_docx

        return parse_docx(raw, filename)
    from companion.knowledge.ingest.html import parse_html

    return parse_html(raw, filename)

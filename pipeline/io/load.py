"""Inputs → Documents: find files, decode them, read title / date / URL / publisher; bad input → ErrorRow.

    corpus/000_87938b6d2d0e720c.txt  -> Document(title='Собянин: Портал ...', published=2016-03-29, ...)
    news.jsonl (line 3 is not JSON)  -> ErrorRow(doc_id='news:3', message='news.jsonl:3: not valid JSON ...')
    photo.txt (a PNG renamed)        -> ErrorRow(message='photo.txt: binary file, not text (NUL byte at offset 12)')
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pipeline.io.html import parse_html
from pipeline.records import Document, ErrorRow

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 10 * 2**20   # a press release is a few KB; 10 MB is a scraping accident, not a document
SKIPPED_NAMES = re.compile(r"^(readme|license|changelog)(\.|$)", re.I)   # documentation beside a corpus

DATE_LINE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
URL_LINE = re.compile(r"^\s*Адрес страницы:\s*<?(\S+?)>?\s*$")
PUBLISHER_LINE = re.compile(r"^\s*\[([^\]]+)\]\([^)]*\)\s*$")
RULE_LINE = re.compile(r"^\s*-{3,}\s*$")
TITLE_PREFIX = re.compile(r"^\s*#{1,6}\s+")
CONTENT_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")   # a whole line (\r\n, \n or \r end one) that is not blank
SENTENCE_END = re.compile(r"[.!?…;:]\s*$")


class UsageError(Exception):
    """A problem with the command line itself (no such path, unknown format): exit code 2."""


class InputError(Exception):
    """A document that cannot be read: becomes an `errors` row."""


class Source(NamedTuple):
    """An input file and the name its documents' ids are made from: its path from the INPUT folder it was
    found in, without the extension (`2026/12/06/index`); the file name alone for a file given directly."""
    path: Path
    name: str


def find_inputs(inputs: list[str | os.PathLike | Source]) -> list[Source]:
    """Files named, plus the supported files found recursively in folders named, in a stable order (a
    Source, already found, stays as it is)."""
    found: list[Source] = []
    for item in inputs:
        if isinstance(item, Source):
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found += [Source(p, p.relative_to(path).with_suffix("").as_posix())
                      for p in sorted(path.rglob("*")) if p.suffix.lower() in SUFFIXES
                      and not SKIPPED_NAMES.match(p.name) and (p.is_file() or p.is_symlink())]
        elif path.exists() or path.is_symlink():
            if path.suffix.lower() not in SUFFIXES:
                raise UsageError(f"{path}: unknown format {path.suffix or '(no extension)'!r}; "
                                 f"expected one of {', '.join(sorted(SUFFIXES))}")
            found.append(Source(path, path.stem))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return found


def load_path(path: Path, max_bytes: int = MAX_BYTES, name: str | None = None) -> Iterator[Document | ErrorRow]:
    """Every document in one file (several for .jsonl), or an ErrorRow for each that cannot be read.
    Their doc_ids are made from `name` (Source.name; the file name without its extension by default)."""
    suffix = path.suffix.lower()
    source = str(path)
    name = name or path.stem
    try:
        raw = read_bytes(path, max_bytes)
        text = decode(raw, source)
    except InputError as exc:
        yield ErrorRow(source, name, "load", "InputError", str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from load_jsonl(text, path, name)
        return
    try:
        if suffix in HTML_SUFFIXES:
            yield html_document(text, path, name)
        else:
            yield text_document(text, path, name)
    except InputError as exc:
        yield ErrorRow(source, name, "load", "InputError", str(exc))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: file too large ({size / 2**20:.1f} MB; the limit is "
                             f"{max_bytes / 2**20:.0f} MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    return raw


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, or Windows-1251; anything else is an InputError."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: invalid UTF-16 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{source}: binary file, not text (NUL byte at offset {nul})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        offset = utf8_error.start
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: neither UTF-8 nor Windows-1251 (byte 0x{raw[exc.start]:02x} "
                         f"at offset {exc.start})") from exc
    if not looks_like_text(text):
        raise InputError(f"{source}: neither UTF-8 nor Windows-1251 text (invalid UTF-8 byte "
                         f"0x{raw[offset]:02x} at offset {offset}; as Windows-1251 it is not readable text)")
    return text


def looks_like_text(text: str) -> bool:
    """Windows-1251 decodes almost any bytes; real Russian text is mostly letters, digits, spaces, punctuation."""
    sample = text[:20000]
    control = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\r\n\t")
    letters = [c for c in sample if c.isalpha()]
    cyrillic_or_ascii = sum(1 for c in letters if c.isascii() or "\u0400" <= c <= "\u04ff")
    return control <= len(sample) * 0.01 and (not letters or cyrillic_or_ascii >= 0.9 * len(letters))


def text_document(text: str, path: Path, doc_id: str | None = None) -> Document:
    """A seed-style text: [title] [DD.MM.YYYY] body [Адрес страницы: URL] [---] [[Publisher](#)]."""
    if not text.strip():
        raise InputError(f"{path}: no text")
    content = [m.span() for m in CONTENT_LINE.finditer(text)]
    title = title_span = published = url = publisher = None
    # trailers, from the end: publisher, rules, URL
    body_end = len(text)
    for s, e in reversed(content):
        line = text[s:e]
        if m := PUBLISHER_LINE.match(line):
            publisher = publisher or m.group(1).strip()
        elif m := URL_LINE.match(line):
            url = url or m.group(1)
        elif not RULE_LINE.match(line):
            break
        body_end = s
    head = [(s, e) for s, e in content if s < body_end][:3]
    date_index = next((i for i, (s, e) in enumerate(head[:2]) if DATE_LINE.match(text[s:e])), None)
    if date_index is not None:
        s, e = head[date_index]
        published = parse_date_line(text[s:e])
    first = head[0] if head else None
    if first and (date_index == 1 or is_title_line(text, first, rest=len(head) > 1)):
        s, e = first
        prefix = TITLE_PREFIX.match(text[s:e])
        s = s + (prefix.end() if prefix else 0)
        e = s + len(text[s:e].rstrip())
        s = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        title, title_span = text[s:e], (s, e)
    return Document(doc_id=doc_id or path.stem, source_path=str(path), text=text, title=title,
                    published=published, url=url, publisher=publisher, title_span=title_span,
                    body_end=body_end)


def is_title_line(text: str, span: tuple[int, int], rest: bool) -> bool:
    """A heading: `## ...`, or a short first line without final punctuation followed by more text."""
    line = text[span[0]:span[1]]
    if TITLE_PREFIX.match(line):
        return True
    return rest and len(line.strip()) <= 250 and not SENTENCE_END.search(line) and not DATE_LINE.match(line)


def parse_date_line(line: str) -> dt.date | None:
    m = DATE_LINE.match(line)
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    except ValueError:
        return None


def html_document(text: str, path: Path, doc_id: str | None = None) -> Document:
    page = parse_html(text)
    if not page.body.strip():
        raise InputError(f"{path}: HTML page has no body text")
    published = parse_iso_date(page.published)
    if published is None:
        m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", page.body[:500])
        published = parse_date_line(m.group(0)) if m else None
    title_span = None
    if page.title:
        pos = page.body.find(page.title)
        if 0 <= pos < 500:
            title_span = (pos, pos + len(page.title))
    return Document(doc_id=doc_id or path.stem, source_path=str(path), text=page.body, title=page.title or None,
                    published=published, url=page.url or None, publisher=page.publisher or None,
                    title_span=title_span)


def parse_iso_date(value) -> dt.date | None:
    """'2016-03-29', '2016-03-29T10:00:00+03:00' or '29.03.2016' -> date; anything else -> None."""
    if not value:
        return None
    value = str(value).strip()
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            return None
    return parse_date_line(value)


def load_jsonl(text: str, path: Path, name: str) -> Iterator[Document | ErrorRow]:
    source = str(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        doc_id = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ErrorRow(source, doc_id, "load", "InputError", f"{source}:{number}: not valid JSON ({exc})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield ErrorRow(source, doc_id, "load", "InputError",
                           f"{source}:{number}: expected an object with a string field 'text'")
            continue
        doc_id = str(record["id"]) if record.get("id") not in (None, "") else doc_id
        if not record["text"].strip():
            yield ErrorRow(source, doc_id, "load", "InputError", f"{source}:{number}: empty 'text'")
            continue
        published = parse_iso_date(record.get("published"))
        if record.get("published") and published is None:
            log.warning("%s:%d: unreadable 'published' %r ignored", source, number, record["published"])
        title = record.get("title") or None
        yield Document(doc_id=doc_id, source_path=source, text=record["text"],
                       title=str(title) if title else None, published=published,
                       url=str(record["url"]) if record.get("url") else None,
                       publisher=str(record["publisher"]) if record.get("publisher") else None)


def load_text(text: str, doc_id: str, source: str = "<text>") -> Document:
    """A document from a string (Python API), read with the same layout rules as a .txt file."""
    return text_document(text, Path(source), doc_id=doc_id)

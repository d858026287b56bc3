"""Inputs → Documents: find files, decode them, read title / date / URL / publisher; bad input → ErrorRow.

    corpus/000_87938b6d2d0e720c.txt  -> Document(title='Собянин: Портал ...', published=2016-03-29, ...)
    news.jsonl (line 3 is not JSON)  -> ErrorRow(doc_id='news:3', message='news.jsonl:3: not valid JSON ...')
    photo.txt (a PNG renamed)        -> ErrorRow(message='photo.txt: binary file, not text (NUL byte at offset 12)')
    pipe.txt (a FIFO)                -> ErrorRow(message='pipe.txt: not a regular file (a named pipe)')

Only regular files are read, and at most the size limit plus one byte of each (a symlink to /dev/zero
reads as a character device, not as an endless file); in a folder, symbolic links are followed only
to what lies inside the folder (`follow_links` allows more), each folder once. Names in messages are
escaped (`shown`), so that a newline in a file name cannot forge a line of the log.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import stat
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
    found in, without the extension (`2026/12/06/index`); the file name alone for a file given directly.
    `problem`: why it cannot be read at all (a folder that cannot be listed), for an errors row."""
    path: Path
    name: str
    problem: str | None = None


def find_inputs(inputs: list[str | os.PathLike | Source], follow_links: bool = False) -> list[Source]:
    """Files named, plus the supported files found recursively in folders named, in a stable order (a
    Source, already found, stays as it is). In folders, only regular files are taken (a FIFO, socket or
    device is skipped with a warning) and symbolic links are followed only inside the folder, unless
    `follow_links`; a folder that cannot be listed is a Source with a `problem`."""
    found: list[Source] = []
    for item in inputs:
        if isinstance(item, Source):
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found += walk(path, follow_links)
        elif path.exists() or path.is_symlink():
            if path.suffix.lower() not in SUFFIXES:
                raise UsageError(f"{shown(path)}: unknown format {shown(path.suffix or '(no extension)')!r}; "
                                 f"expected one of {', '.join(sorted(SUFFIXES))}")
            found.append(Source(path, clean(path.stem)))
        else:
            raise UsageError(f"{shown(path)}: no such file or folder")
    return found


FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}


def walk(root: Path, follow_links: bool) -> list[Source]:
    """The supported regular files under `root`, sorted by their path from it (as `sorted(rglob)`)."""
    top = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()         # folders walked: a link back up is a loop, not a new folder
    found: list[tuple[tuple[str, ...], Source]] = []
    folders = [(root, ())]
    while folders:
        folder, parts = folders.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                log.warning("%s: skipped: a link to a folder already read (a loop or a second way in)", shown(folder))
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as entries:
                entries = list(entries)
        except OSError as exc:
            found.append((parts, Source(folder, clean("/".join(parts) or root.name),
                                        f"{shown(folder)}: cannot read folder: {exc.strerror or exc}")))
            continue
        for entry in entries:
            path, rel = Path(entry.path), (*parts, entry.name)
            if entry.is_symlink() and not follow_links and not inside(os.path.realpath(path), top):
                log.warning("%s: skipped: a symbolic link to %s, outside %s (--follow-links reads it)",
                            shown(path), shown(os.path.realpath(path)), shown(root))
                continue
            try:
                mode = entry.stat().st_mode
            except OSError:                     # a dangling link: load_path says so, as an errors row
                mode = stat.S_IFREG
            if stat.S_ISDIR(mode):
                folders.append((path, rel))
            elif path.suffix.lower() in SUFFIXES and not SKIPPED_NAMES.match(entry.name):
                if stat.S_ISREG(mode):
                    found.append((rel, Source(path, clean(Path(*rel).with_suffix("").as_posix()))))
                else:
                    log.warning("%s: skipped: not a regular file (%s)", shown(path),
                                FILE_KINDS.get(stat.S_IFMT(mode), "not a file"))
    return [source for _, source in sorted(found, key=lambda pair: pair[0])]


def inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


SURROGATES = re.compile(r"[\ud800-\udfff]")
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(name) -> str:
    """A name as the tables keep it, valid UTF-8: the bytes of a non-UTF-8 file name as `\\xNN`
    (Python reads them as lone surrogates, which no table can hold)."""
    text = str(name)
    if text.isascii():
        return text
    return SURROGATES.sub(lambda m: (f"\\x{ord(m.group()) - 0xDC00:02x}" if ord(m.group()) >= 0xDC80
                                     else f"\\u{ord(m.group()):04x}"), text)


def shown(name) -> str:
    """A name as messages show it: clean(), and control characters (a newline) escaped as `\\n`, `\\x1b`."""
    text = clean(name)
    return CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def valid_text(text: str) -> str:
    """Lone surrogates (an API string, a JSON `\\ud800`) replaced with U+FFFD, one character for one, so
    that offsets stay as they are and every table can be written as UTF-8."""
    return text if text.isascii() or not SURROGATES.search(text) else SURROGATES.sub("\ufffd", text)


def load_path(path: Path, max_bytes: int = MAX_BYTES, name: str | None = None) -> Iterator[Document | ErrorRow]:
    """Every document in one file (several for .jsonl), or an ErrorRow for each that cannot be read.
    Their doc_ids are made from `name` (Source.name; the file name without its extension by default).
    `max_bytes` limits each document: a .txt/.html file, a line of a .jsonl file."""
    suffix = path.suffix.lower()
    source = clean(path)
    name = name or clean(path.stem)
    try:
        with open_regular(path) as file:
            if suffix in JSONL_SUFFIXES:
                yield from load_jsonl(file, path, name, max_bytes)
                return
            raw = read_limited(file, path, max_bytes)
        text = decode(raw, shown(path))
        if suffix in HTML_SUFFIXES:
            yield html_document(text, path, name)
        else:
            yield text_document(text, path, name)
    except InputError as exc:
        yield ErrorRow(source, name, "load", "InputError", str(exc))


def open_regular(path: Path):
    """The file opened for reading, if it is a regular file (checked on the open file, so that nothing
    can be swapped in between); opening does not block, even on a named pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read file: {exc.strerror or exc}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"{shown(path)}: not a regular file ({FILE_KINDS.get(stat.S_IFMT(mode), 'not a file')})")
    return os.fdopen(fd, "rb")


def read_limited(file, path: Path, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: a file that grows, or lies about its size, is not read whole."""
    chunks, size = [], 0
    try:
        while size <= max_bytes and (chunk := file.read(min(2**20, max_bytes + 1 - size))):
            chunks.append(chunk)             # a chunk at a time: read(limit) would allocate the limit at once
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read file: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        size = max(os.fstat(file.fileno()).st_size, len(raw))
        raise InputError(f"{shown(path)}: file too large ({size / 2**20:.1f} MB; the limit is "
                         f"{max_bytes / 2**20:.0f} MB)")
    if not raw.strip():
        raise InputError(f"{shown(path)}: empty file")
    return raw


# The encodings of Russian text besides UTF-8 that charset-normalizer chooses among (README: Encodings)
LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"]
ENCODING_NAMES = {"cp1251": "Windows-1251", "koi8_r": "KOI8-R", "cp866": "CP866", "iso8859_5": "ISO-8859-5",
                  "mac_cyrillic": "Mac Cyrillic"}
MAX_CHAOS = 10.0        # % of the text that looks like mojibake (charset-normalizer's "chaos")
MIN_COHERENCE = 10.0    # % agreement with a language's letter frequencies, below which a tie is no answer
BOMS = [(b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16")]           # UTF-32's before UTF-16's: FF FE 00 00 starts with FF FE


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (BOM or not), UTF-16 or UTF-32 with a BOM, or a legacy Cyrillic encoding that
    charset-normalizer tells with confidence; anything else is an InputError."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: invalid {codec.upper()} (byte 0x{raw[exc.start]:02x} at offset "
                                 f"{exc.start})") from exc
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{source}: binary file, not text (NUL byte at offset {nul})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        offset = utf8_error.start
    from charset_normalizer import from_bytes

    where = f"byte 0x{raw[offset]:02x} at offset {offset}"
    results = [r for r in from_bytes(raw, cp_isolation=LEGACY_ENCODINGS) if r.percent_chaos <= MAX_CHAOS]
    if not results:
        raise InputError(f"{source}: not text in a supported encoding (not UTF-8: {where}; nor readable as "
                         f"{', '.join(ENCODING_NAMES.values())})")
    best = results[0]
    text = str(best)
    rivals = [r for r in results[1:] if r.percent_chaos <= best.percent_chaos + 1 and str(r) != text]
    if rivals and best.percent_coherence < MIN_COHERENCE:
        names = " or ".join(ENCODING_NAMES[r.encoding] for r in [best, *rivals])
        raise InputError(f"{source}: not UTF-8 ({where}), and too short to tell its encoding: {names}")
    return text


def text_document(text: str, path: Path, doc_id: str | None = None) -> Document:
    """A seed-style text: [title] [DD.MM.YYYY] body [Адрес страницы: URL] [---] [[Publisher](#)]."""
    if not text.strip():
        raise InputError(f"{shown(path)}: no text")
    text = valid_text(text)
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
    return Document(doc_id=doc_id or clean(path.stem), source_path=clean(path), text=text, title=title,
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
    page = parse_html(valid_text(text))
    if not page.body.strip():
        raise InputError(f"{shown(path)}: HTML page has no body text")
    published = parse_iso_date(page.published)
    if published is None:
        m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", page.body[:500])
        published = parse_date_line(m.group(0)) if m else None
    title_span = None
    if page.title:
        pos = page.body.find(page.title)
        if 0 <= pos < 500:
            title_span = (pos, pos + len(page.title))
    return Document(doc_id=doc_id or clean(path.stem), source_path=clean(path), text=page.body, title=page.title or None,
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


def load_jsonl(file, path: Path, name: str, max_bytes: int) -> Iterator[Document | ErrorRow]:
    """One document per line of a JSON lines file (UTF-8, RFC 8259), read a line at a time: the size
    limit is each line's, and lines end at \\n only (a U+2028 inside a JSON string is text)."""
    source, where = clean(path), shown(path)
    any_line = False
    for number, line in numbered_lines(file, path, max_bytes):
        doc_id = f"{name}:{number}"
        if line is None:
            any_line = True
            yield ErrorRow(source, doc_id, "load", "InputError", f"{where}:{number}: line too large (over the "
                           f"limit of {max_bytes / 2**20:.0f} MB for a document)")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        any_line = True
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield ErrorRow(source, doc_id, "load", "InputError", f"{where}:{number}: not UTF-8 (byte "
                           f"0x{line[exc.start]:02x} at offset {exc.start}; JSON lines are UTF-8)")
            continue
        except json.JSONDecodeError as exc:
            yield ErrorRow(source, doc_id, "load", "InputError", f"{where}:{number}: not valid JSON ({exc})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield ErrorRow(source, doc_id, "load", "InputError",
                           f"{where}:{number}: expected an object with a string field 'text'")
            continue
        given = record.get("id")
        if given not in (None, "") and (isinstance(given, bool) or not isinstance(given, (str, int))):
            yield ErrorRow(source, doc_id, "load", "InputError",
                           f"{where}:{number}: 'id' must be a string or a whole number, not {json_type(given)}")
            continue
        doc_id = clean(valid_text(str(given))) if given not in (None, "") else doc_id
        if not record["text"].strip():
            yield ErrorRow(source, doc_id, "load", "InputError", f"{where}:{number}: empty 'text'")
            continue
        published = parse_iso_date(record.get("published")) if isinstance(record.get("published"), str) else None
        if record.get("published") and published is None:
            log.warning("%s:%d: unreadable 'published' %s ignored", where, number,
                        shown(json.dumps(record["published"], ensure_ascii=False)[:100]))
        yield Document(doc_id=doc_id, source_path=source, text=valid_text(record["text"]),
                       title=string_field(record, "title", where, number), published=published,
                       url=string_field(record, "url", where, number),
                       publisher=string_field(record, "publisher", where, number))
    if not any_line:
        yield ErrorRow(source, name, "load", "InputError", f"{where}: empty file")


def numbered_lines(file, path: Path, max_bytes: int, chunk: int = 2**20) -> Iterator[tuple[int, bytes | None]]:
    """(line number, the line's bytes without \\n) for each line; None for a line over max_bytes, which
    is skipped, not kept (memory stays one line's, whatever the file's size)."""
    number, parts, size, too_long = 1, [], 0, False
    while True:
        try:
            block = file.read(chunk)
        except OSError as exc:
            raise InputError(f"{shown(path)}: cannot read file: {exc.strerror or exc}") from exc
        if not block:
            break
        start = 0
        while (end := block.find(b"\n", start)) >= 0:
            piece = block[start:end]
            yield number, (None if too_long or size + len(piece) > max_bytes else b"".join([*parts, piece]))
            number, parts, size, too_long, start = number + 1, [], 0, False, end + 1
        rest = block[start:]
        size += len(rest)
        if size > max_bytes:
            too_long, parts = True, []
        elif rest:
            parts.append(rest)
    if parts or too_long:
        yield number, None if too_long else b"".join(parts)


def string_field(record: dict, key: str, where: str, number: int) -> str | None:
    """A string field of a JSON lines record; any other type is left out, with a warning (not its repr)."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        log.warning("%s:%d: %r is %s, not a string: ignored", where, number, key, json_type(value))
        return None
    return valid_text(value)


def json_type(value) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def load_text(text: str, doc_id: str, source: str = "<text>") -> Document:
    """A document from a string (Python API), read with the same layout rules as a .txt file."""
    return text_document(valid_text(text), Path(source), doc_id=doc_id)

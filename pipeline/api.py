"""The Python API: `extract(texts=..., paths=...)` → the seven tables as pandas DataFrames; `open_archive(path)`.

    >>> from pipeline import extract, open_archive
    >>> tables = extract(paths=["corpus/"])                 # files and folders, as on the command line
    >>> tables = extract(texts=["Число обращений превысило 85 млн."])   # or texts
    >>> tables = extract([Path("corpus"), "Открыто 5 школ."])   # one list: Path objects are paths
    >>> tables.facts[["text", "value", "qualifier"]]
    >>> open_archive("outputs/pressfacts.duckdb").sql("SELECT count(*) FROM facts")
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

from typing import TYPE_CHECKING

from pipeline.io import (DEFAULT_DB, MAX_BYTES, Archive, Rows, find_inputs, frames, load_path, load_text,
                         write_tables)
from pipeline.nlp import Tools
from pipeline.records import Document, ErrorRow
from pipeline.run import consume, process_items, unique_ids

if TYPE_CHECKING:
    import pandas as pd

_TOOLS: Tools | None = None


class Tables(dict):
    """The tables by name, also as attributes: `tables.facts`, `tables["facts"]`."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def get_tools() -> Tools:
    """Models and parsers, built on first use and kept for the process."""
    global _TOOLS
    if _TOOLS is None:
        _TOOLS = Tools.build()
    return _TOOLS


def extract(sources=None, out: str | os.PathLike | None = None, tools: Tools | None = None, *,
            texts: list[str] | None = None, paths: list | None = None, max_bytes: int = MAX_BYTES,
            follow_links: bool = False, doc_timeout: float | None = None) -> Tables:
    """Tables for `texts` (strings) and `paths` (files and folders), texts first.

    Texts get doc_ids `text:1`, `text:2`, ... (their position); a blank one is an errors row. `sources`,
    the older form, is one list of both: a Path is a path, and so is a str that plainly names an existing
    file or folder (`corpus/`, `a.txt`: no whitespace, a letter or digit); any other str is a text (`.`
    and `/` are texts, not the current folder and the whole disk). With `out`, the tables are also written
    there, as the CLI does. With `doc_timeout` (seconds), the documents are processed in a child process
    (forked once the models are built) and one that takes longer is an errors row (`DocumentTimeout`),
    as with the CLI's `--doc-timeout`; without it, in this process, with no time budget.
    """
    if doc_timeout is not None and not (isinstance(doc_timeout, (int, float)) and 0 < doc_timeout < math.inf):
        raise ValueError(f"doc_timeout: expected a number of seconds above 0, got {doc_timeout!r}")
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    texts, paths = list(texts or []), list(paths or [])
    items: list[Document | ErrorRow] = []
    for n, source in enumerate(sources or [], 1):
        if isinstance(source, os.PathLike) or (isinstance(source, str) and names_a_path(source)):
            items += load_paths([source], max_bytes, follow_links)
        elif isinstance(source, str):
            items.append(text_item(source, f"text:{n}"))
        else:
            raise TypeError(f"sources[{n - 1}]: expected a path or a text, got {type(source).__name__}")
    for n, text in enumerate(texts, 1):
        if not isinstance(text, str):
            raise TypeError(f"texts[{n - 1}]: expected a str, got {type(text).__name__}")
        items.append(text_item(text, f"text:{n}"))
    items += load_paths(paths, max_bytes, follow_links)
    rows = Rows()
    consume(process_items(unique_ids(items), tools or get_tools(), doc_timeout=doc_timeout), rows)
    if out is not None:
        write_tables(rows, Path(out))
    return Tables(frames(rows))


PLAIN_PATH = re.compile(r"[^\s]*\w[^\s]*")


def names_a_path(text: str) -> bool:
    """`corpus/`, `news/a.txt`: one word, with a letter or a digit, naming something that exists."""
    return len(text) < 4096 and PLAIN_PATH.fullmatch(text) is not None and os.path.exists(text)


def load_paths(paths: list, max_bytes: int, follow_links: bool) -> list[Document | ErrorRow]:
    items: list[Document | ErrorRow] = []
    for found in find_inputs(paths, follow_links=follow_links):
        if found.problem:
            items.append(ErrorRow(found.path.as_posix(), None, "load", "InputError", found.problem))
        else:
            items += load_path(found.path, max_bytes, name=found.name)
    return items


def text_item(text: str, doc_id: str) -> Document | ErrorRow:
    """A text as a document, or an errors row when there is nothing in it."""
    if not text.strip():
        return ErrorRow("<text>", doc_id, "load", "InputError", f"{doc_id}: blank text")
    return load_text(text, doc_id=doc_id)


def open_archive(path: str | os.PathLike = DEFAULT_DB) -> Archive:
    """The archive `pressfacts ingest` made, read-only: its tables as DataFrames and SQL over them.

        archive = open_archive("outputs/pressfacts.duckdb")
        archive.table("facts")                  # the facts table, as extract gives it
        archive.sql("SELECT object, count(*) AS n FROM facts GROUP BY object ORDER BY n DESC")
        archive.con                             # the DuckDB connection itself
        archive.close()                         # or: with open_archive(...) as archive: ...
    """
    return Archive.open(path, read_only=True)

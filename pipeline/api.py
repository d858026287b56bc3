"""The Python API: `extract(paths_or_texts)` → the seven tables as pandas DataFrames; `open_archive(path)`.

    >>> from pipeline import extract, open_archive
    >>> tables = extract(["corpus/"])                       # files and folders, as on the command line
    >>> tables = extract(["Число обращений превысило 85 млн."])   # or texts
    >>> tables.facts[["text", "value", "qualifier"]]
    >>> open_archive("outputs/pressfacts.duckdb").sql("SELECT count(*) FROM facts")
"""
from __future__ import annotations

import os
from pathlib import Path

from typing import TYPE_CHECKING

from pipeline.io import DEFAULT_DB, Archive, Rows, find_inputs, frames, load_path, load_text, write_tables
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


def extract(sources, out: str | os.PathLike | None = None, tools: Tools | None = None) -> Tables:
    """Tables for `sources`: paths (Path, or str naming an existing file or folder) or texts (other str).

    Texts get doc_ids `text:1`, `text:2`, ... (their position in `sources`). With `out`, the tables are
    also written there, as the CLI does.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    items: list[Document | ErrorRow] = []
    for n, source in enumerate(sources, 1):
        if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                        and len(source) < 4096 and os.path.exists(source)):
            for found in find_inputs([source]):
                items += load_path(found.path, name=found.name)
        elif isinstance(source, str):
            items.append(load_text(source, doc_id=f"text:{n}"))
        else:
            raise TypeError(f"sources[{n - 1}]: expected a path or a text, got {type(source).__name__}")
    rows = Rows()
    consume(process_items(unique_ids(items), tools or get_tools()), rows)
    if out is not None:
        write_tables(rows, Path(out))
    return Tables(frames(rows))


def open_archive(path: str | os.PathLike = DEFAULT_DB) -> Archive:
    """The archive `pressfacts ingest` made, read-only: its tables as DataFrames and SQL over them.

        archive = open_archive("outputs/pressfacts.duckdb")
        archive.table("facts")                  # the facts table, as extract gives it
        archive.sql("SELECT object, count(*) AS n FROM facts GROUP BY object ORDER BY n DESC")
        archive.con                             # the DuckDB connection itself
        archive.close()                         # or: with open_archive(...) as archive: ...
    """
    return Archive.open(path, read_only=True)

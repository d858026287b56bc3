"""Records → table rows with the contract's columns, in order, with fixed types; → pandas DataFrames.

    rows_of(result)                -> {"documents": [{"doc_id": ...}], "facts": [{"value": 148.0, ...}], ...}
    frames(rows)                   -> {"facts": DataFrame, ...}
    frame("facts", rows["facts"])  -> DataFrame[doc_id, fact_id, start, end, text, value, ...]
    frame("facts", [])             -> the same columns, no rows

Column lists are the schema users see (docs/schema.md); the contract's columns come first, extras after.
The command line writes the rows straight to Parquet and CSV (pipeline.io.write) without pandas; the Python
API and the tests get DataFrames, which read back from those files equal.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from typing import TYPE_CHECKING

from pipeline.records import DocResult, Document, ErrorRow

if TYPE_CHECKING:
    import pandas as pd

STR, INT, FLOAT, BOOL = "string", "Int64", "float64", "boolean"

SCHEMA: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": STR, "source_path": STR, "title": STR, "published": STR, "url": STR, "publisher": STR,
        "n_chars": INT, "status": STR, "error": STR, "text": STR,
        "n_sentences": INT, "n_facts": INT, "n_dates": INT, "n_quotes": INT, "n_people": INT,
    },
    "facts": {
        "doc_id": STR, "fact_id": STR, "start": INT, "end": INT, "text": STR, "value": FLOAT,
        "value_max": FLOAT, "qualifier": STR, "unit": STR, "object": STR, "period_start": STR,
        "period_end": STR, "speaker": STR, "sentence": STR,
        "role": STR, "change": STR, "baseline_start": STR, "baseline_end": STR, "per": STR, "modality": STR,
        "source": STR,
        "kind": STR, "raw_number": STR, "multiplier": FLOAT, "object_phrase": STR, "speaker_position": STR,
        "quote_id": STR, "in_quote": BOOL, "published": STR, "sentence_start": INT,
    },
    "quotes": {
        "doc_id": STR, "quote_id": STR, "start": INT, "end": INT, "text": STR, "speaker": STR,
        "speaker_position": STR, "cue": STR, "kind": STR, "person_id": STR, "source": STR,
    },
    "people": {
        "doc_id": STR, "person_id": STR, "name": STR, "first": STR, "middle": STR, "last": STR,
        "position": STR, "organization": STR, "position_full": STR, "n_mentions": INT, "n_quotes": INT,
    },
    "positions": {
        "doc_id": STR, "person_id": STR, "name": STR, "position": STR, "organization": STR,
        "position_full": STR, "start": INT, "end": INT, "text": STR,
    },
    "dates": {
        "doc_id": STR, "start": INT, "end": INT, "text": STR, "date_start": STR, "date_end": STR,
        "granularity": STR, "relative": BOOL,
    },
    "errors": {
        "source_path": STR, "doc_id": STR, "stage": STR, "error_type": STR, "message": STR,
    },
}
TABLES = tuple(SCHEMA)

# Claims of different documents that cannot both be true (pipeline/io/conflicts.py): made from the facts of
# many documents, so it is a table of the archive, of `export` and of the report, not of `extract`.
CONFLICTS: dict[str, str] = {
    "object": STR, "unit": STR, "period_start": STR, "period_end": STR,
    **{f"{side}_{col}": kind for side in ("a", "b") for col, kind in (
        ("doc_id", STR), ("fact_id", STR), ("text", STR), ("value", FLOAT), ("value_max", FLOAT),
        ("qualifier", STR), ("low", FLOAT), ("high", FLOAT), ("speaker", STR), ("published", STR))},
}
COLUMNS: dict[str, dict[str, str]] = {**SCHEMA, "conflicts": CONFLICTS}     # every table a writer can write

# Columns that always have a value (every other column may be null), and the contract's value
# vocabularies (EXTRACTION_SPEC.md): the JSON Schemas of docs/schema/ are made from these and SCHEMA.
REQUIRED: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source_path", "n_chars", "status"),
    "facts": ("doc_id", "fact_id", "start", "end", "text", "value", "qualifier", "sentence", "role", "modality",
              "kind", "in_quote"),
    "quotes": ("doc_id", "quote_id", "start", "end", "text", "kind"),
    "people": ("doc_id", "person_id", "name", "n_mentions", "n_quotes"),
    "positions": ("doc_id", "person_id", "name", "start", "end", "text"),
    "dates": ("doc_id", "start", "end", "text", "granularity", "relative"),
    "errors": ("source_path", "stage", "error_type", "message"),
    "conflicts": ("object", *(f"{side}_{col}" for side in "ab" for col in ("doc_id", "fact_id", "text", "value",
                                                                          "qualifier", "low"))),
}
QUALIFIERS = ("exact", "approx", "more", "at_least", "less", "at_most")
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "status"): ("ok", "error"),
    ("facts", "qualifier"): QUALIFIERS,
    ("conflicts", "a_qualifier"): QUALIFIERS, ("conflicts", "b_qualifier"): QUALIFIERS,
    ("facts", "role"): ("level", "difference", "ratio", "from", "to"),
    ("facts", "change"): ("up", "down"),
    ("facts", "modality"): ("actual", "planned", "expected"),
    ("facts", "kind"): ("count", "money", "percent", "share", "ratio", "measure", "duration"),
    ("quotes", "kind"): ("direct", "indirect"),
    ("dates", "granularity"): ("day", "month", "quarter", "year", "range"),
    ("errors", "stage"): ("load", "segment", "ner", "facts", "dates", "people", "quotes", "resolve", "worker"),
}
DATE_COLUMNS = {("documents", "published"), ("facts", "period_start"), ("facts", "period_end"),
                ("facts", "published"), ("facts", "baseline_start"), ("facts", "baseline_end"),
                ("dates", "date_start"), ("dates", "date_end"),
                ("conflicts", "period_start"), ("conflicts", "period_end"), ("conflicts", "a_published"),
                ("conflicts", "b_published")}   # YYYY-MM-DD


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A DataFrame of `rows` with exactly the columns of SCHEMA[name], typed (missing values as NA)."""
    columns = SCHEMA[name]
    import pandas as pd                 # imported when the tables are built: see pipeline/__init__.py

    df = pd.DataFrame.from_records(rows, columns=list(columns)) if rows else pd.DataFrame(columns=list(columns))
    return df.astype(columns)


def document_row(doc: Document, result: DocResult | None = None, error: str | None = None) -> dict:
    return {
        "doc_id": doc.doc_id, "source_path": doc.source_path, "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None, "url": doc.url,
        "publisher": doc.publisher, "n_chars": len(doc.text), "status": "error" if error else "ok",
        "error": error, "text": doc.text,
        "n_facts": len(result.facts) if result else 0, "n_dates": len(result.dates) if result else 0,
        "n_quotes": len(result.quotes) if result else 0, "n_people": len(result.people) if result else 0,
    }


def as_row(record) -> dict:
    """A record's fields as a dict (shallow: every field is a scalar; dataclasses.asdict deep-copies)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """Every table of `rows` (table name -> rows) as a DataFrame."""
    return {name: frame(name, table_rows) for name, table_rows in rows.items()}


def rows_of(outcome: DocResult | ErrorRow) -> dict[str, list[dict]]:
    """The rows one outcome adds to the tables: a processed document's (its `documents` row, the rows it
    produced, its error if a stage failed), or, for a document that could not be loaded, its `errors` row
    and a `documents` row with status `error` (none when it has no doc_id of its own)."""
    rows: dict[str, list[dict]] = {}
    for name, part in row_parts(outcome):
        rows.setdefault(name, []).extend(part)
    return rows


def row_parts(outcome: DocResult | ErrorRow, size: int | None = None) -> Iterator[tuple[str, list[dict]]]:
    """rows_of(outcome) as (table, rows) parts of at most `size` rows (all of a table's at once without),
    the tables in TABLES order: a sink that takes parts holds ~1,000 row dicts at a time, not a page's
    9,000 (a dict of a fact's 30 columns is 830 bytes)."""
    if isinstance(outcome, ErrorRow):
        if outcome.doc_id is not None:
            yield "documents", [{"doc_id": outcome.doc_id, "source_path": outcome.source_path, "n_chars": 0,
                                 "status": "error", "error": outcome.message}]
        yield "errors", [as_row(outcome)]
        return
    error = outcome.error.message if outcome.error else None
    yield "documents", [{**document_row(outcome.doc, outcome, error), "n_sentences": outcome.n_sentences}]
    for name in TABLES:
        if name in ("documents", "errors"):
            continue
        records = getattr(outcome, name)
        step = size or max(1, len(records))
        if not records:
            yield name, []
        for i in range(0, len(records), step):
            yield name, [as_row(r) for r in records[i:i + step]]
    if outcome.error:
        yield "errors", [as_row(outcome.error)]
    error = outcome.error.message if outcome.error else None
    rows = {"documents": [{**document_row(outcome.doc, outcome, error), "n_sentences": outcome.n_sentences}]}
    for name in ("facts", "dates", "quotes", "people", "positions"):
        rows[name] = [as_row(r) for r in getattr(outcome, name)]
    if outcome.error:
        rows["errors"] = [as_row(outcome.error)]
    return rows

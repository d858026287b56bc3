"""Input and output: files and texts in; table files, JSON lines and the archive out.

Takes paths (files or folders) and texts; gives `Document`s, or an `ErrorRow` for what cannot be read.
Takes each document's outcome as it is done; gives its rows of the seven tables to a sink: Parquet,
CSV and JSONL files (`TableFiles`), JSON lines on a stream (`JsonLines`), or the DuckDB archive
(`Archive`), which also gives them back (`export`).

    docs = [d for source in find_inputs(["corpus"]) for d in load_path(source.path, name=source.name)]
    with TableFiles(Path("outputs"), ["parquet", "csv"]) as sink:
        sink.add(rows_of(result))
"""
from pipeline.io.conflicts import conflicts_of, find_conflicts
from pipeline.io.json_schema import write_schemas
from pipeline.io.load import MAX_BYTES, Source, UsageError, find_inputs, load_path, load_text, shown
from pipeline.io.store import DEFAULT_DB, Archive, ArchiveBusy, ArchiveError
from pipeline.io.tables import TABLES, frames, row_parts, rows_of
from pipeline.io.write import (DEFAULT_FORMATS, FORMATS, JsonLines, OutputBusy, OutputError, Rows, TableFiles,
                               write_tables)

__all__ = ["MAX_BYTES", "Source", "UsageError", "find_inputs", "load_path", "load_text", "shown",
           "DEFAULT_DB", "Archive", "ArchiveBusy", "ArchiveError",
           "TABLES", "frames", "row_parts", "rows_of", "DEFAULT_FORMATS", "FORMATS", "JsonLines", "Rows", "TableFiles", "write_tables",
           "OutputBusy", "OutputError",
           "write_schemas", "conflicts_of", "find_conflicts"]

"""Input and output: files and texts in; table files and JSON lines out.

Takes paths (files or folders) and texts; gives `Document`s, or an `ErrorRow` for what cannot be read.
Takes each document's outcome as it is done; gives its rows of the seven tables to a sink: Parquet,
CSV and JSONL files (`TableFiles`), or JSON lines on a stream (`JsonLines`).

    docs = [d for source in find_inputs(["corpus"]) for d in load_path(source.path, name=source.name)]
    with TableFiles(Path("outputs"), ["parquet", "csv"]) as sink:
        sink.add(rows_of(result))
"""
from pipeline.io.load import MAX_BYTES, Source, UsageError, find_inputs, load_path, load_text
from pipeline.io.tables import TABLES, frames, rows_of
from pipeline.io.write import DEFAULT_FORMATS, FORMATS, JsonLines, TableFiles, write_tables

__all__ = ["MAX_BYTES", "Source", "UsageError", "find_inputs", "load_path", "load_text",
           "TABLES", "frames", "rows_of", "DEFAULT_FORMATS", "FORMATS", "JsonLines", "TableFiles", "write_tables"]

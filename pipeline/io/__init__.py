"""Input and output: files and texts in, tables out.

Takes paths (files or folders) and texts; gives `Document`s, or an `ErrorRow` for what cannot be read.
Takes the per-document results of a run; gives the seven tables as rows, DataFrames, Parquet and CSV.

    docs = [d for source in find_inputs(["corpus"]) for d in load_path(source.path, name=source.name)]
    write_tables(build_rows(results, load_errors), Path("outputs"), ["parquet", "csv"])
"""
from pipeline.io.load import MAX_BYTES, Source, UsageError, find_inputs, load_path, load_text
from pipeline.io.tables import TABLES, build_rows, frames
from pipeline.io.write import FORMATS, write_tables

__all__ = ["MAX_BYTES", "Source", "UsageError", "find_inputs", "load_path", "load_text",
           "TABLES", "build_rows", "frames", "FORMATS", "write_tables"]

"""Table rows → files in the output folder: NAME.parquet and NAME.csv (UTF-8), each written atomically.

    write_tables({"facts": [{"doc_id": ..., "value": 148.0, ...}], ...}, Path("outputs"), ["parquet", "csv"])
    -> outputs/facts.parquet, outputs/facts.csv, ...

The rows are written without pandas (importing it is ~0.25 s of a run's start-up or tail): Parquet through
pyarrow with the column types of pipeline.io.tables.SCHEMA and pandas' own metadata, so `pd.read_parquet`
gives the DataFrame `tables.frame` makes, dtypes included; CSV through the csv module, formatted as
pandas' `to_csv(index=False)` formats those DataFrames (tests/test_write.py compares both, byte for byte
for CSV). Each file is written to a temporary file in the same folder and moved into place with
os.replace, so a reader (or an interrupted run) never sees a half-written table.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

from pipeline.io.tables import BOOL, FLOAT, INT, SCHEMA, STR

FORMATS = ("parquet", "csv")


def write_tables(rows: dict[str, list[dict]], out_dir: Path, formats=FORMATS) -> list[Path]:
    """Write every table of `rows` (table name -> rows, as pipeline.io.tables.build_rows gives them)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table_rows in rows.items():
        for fmt in formats:
            if fmt not in WRITERS:
                raise ValueError(f"unknown output format {fmt!r}")
            path = out_dir / f"{name}.{fmt}"
            write_atomically(path, partial(WRITERS[fmt], name, table_rows))
            written.append(path)
    return written


def write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """`write(tmp)` into a temporary file beside `path`, then move it into place (or remove it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---- Parquet ----

# pandas' names for the dtypes, as its to_parquet records them (what read_parquet restores)
PANDAS_TYPES = {STR: ("unicode", "string"), INT: ("int64", "Int64"), FLOAT: ("float64", "float64"),
                BOOL: ("bool", "boolean")}


def arrow_schema(name: str):
    """The Arrow schema of table `name`, with pandas metadata naming each column's pandas dtype."""
    import pyarrow as pa

    types = {STR: pa.large_string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_()}
    columns = SCHEMA[name]
    meta = {
        "index_columns": [], "column_indexes": [],
        "columns": [{"name": col, "field_name": col, "pandas_type": PANDAS_TYPES[kind][0],
                     "numpy_type": PANDAS_TYPES[kind][1], "metadata": None} for col, kind in columns.items()],
        "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": _pandas_version(),
    }
    return pa.schema([(col, types[kind]) for col, kind in columns.items()],
                     metadata={"pandas": json.dumps(meta)})


@lru_cache(maxsize=1)
def _pandas_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pandas")
    except PackageNotFoundError:
        return "unknown"


def write_parquet(name: str, rows: list[dict], path: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(name)
    kinds = SCHEMA[name]
    arrays = [arrow_column(kinds[col], [row.get(col) for row in rows]) for col in schema.names]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path, compression="snappy")


def present(value) -> bool:
    """Not missing: None and NaN are missing values, as pandas reads them into a typed column."""
    return value is not None and value == value


def arrow_column(kind: str, values: list):
    """An Arrow array of `values` (None = null), made from its buffers: pyarrow's conversion of Python
    lists (pa.array) imports pandas on its first call, the ~0.25 s this module avoids. Values of
    another type are converted as pandas' astype would (str / int / float / bool)."""
    import numpy as np
    import pyarrow as pa

    n = len(values)
    valid = [present(v) for v in values]
    validity = None if all(valid) else pa.py_buffer(np.packbits(np.array(valid, dtype=bool), bitorder="little"))
    if kind == STR:
        data = [(v if type(v) is str else str(v)).encode("utf-8") if ok else b"" for v, ok in zip(values, valid)]
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(b) for b in data], out=offsets[1:])
        return pa.Array.from_buffers(pa.large_string(), n, [validity, pa.py_buffer(offsets),
                                                            pa.py_buffer(b"".join(data))])
    if kind == BOOL:
        bits = np.packbits(np.array([bool(v) if ok else False for v, ok in zip(values, valid)], dtype=bool),
                           bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), n, [validity, pa.py_buffer(bits)])
    if kind == INT:
        data = np.array([int(v) if ok else 0 for v, ok in zip(values, valid)], dtype=np.int64)
        return pa.Array.from_buffers(pa.int64(), n, [validity, pa.py_buffer(data)])
    data = np.array([float(v) if ok else 0.0 for v, ok in zip(values, valid)], dtype=np.float64)
    return pa.Array.from_buffers(pa.float64(), n, [validity, pa.py_buffer(data)])


# ---- CSV ----

def _str(value) -> str:
    return value if type(value) is str else str(value) if present(value) else ""


def _int(value) -> str:
    return str(int(value)) if present(value) else ""


def _float(value) -> str:
    return repr(float(value)) if present(value) else ""     # numpy's str of a float64, as pandas writes


def _bool(value) -> str:
    return str(bool(value)) if present(value) else ""


CELL = {STR: _str, INT: _int, FLOAT: _float, BOOL: _bool}


def write_csv(name: str, rows: list[dict], path: str) -> None:
    """pandas' `frame(name, rows).to_csv(path, index=False, lineterminator="\\n")`, without pandas:
    missing values as empty cells, Int64 as integers, booleans as True/False, minimal quoting."""
    columns = SCHEMA[name]
    cells = [(col, CELL[kind]) for col, kind in columns.items()]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(row.get(col)) for col, cell in cells] for row in rows)


WRITERS = {"parquet": write_parquet, "csv": write_csv}    # format -> writer(table name, rows, path)

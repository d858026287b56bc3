"""Table rows → files: NAME.parquet, NAME.csv, NAME.jsonl in the output folder, or JSON lines on stdout.

    with TableFiles(Path("outputs"), ["parquet", "csv"]) as sink:    # -> outputs/facts.parquet, ...
        sink.add({"facts": [{"doc_id": ..., "value": 148.0, ...}], ...})   # as each batch of documents is done
    JsonLines(sys.stdout).add(rows)    # {"table": "facts", "doc_id": ..., "value": 148.0, ...} per line, now

Rows are streamed: CSV and JSONL lines are written as they come, Parquet in row groups of a fixed number of
rows, so a run's memory does not grow with its size, and the files depend only on the rows, not on how
they were batched. They are written without pandas (importing it is ~0.25 s of a run's start-up or tail):
Parquet through pyarrow with the column types of pipeline.io.tables.COLUMNS and pandas' own metadata, so
`pd.read_parquet` gives the DataFrame `tables.frame` makes, dtypes included; CSV through the csv module,
formatted as pandas' `to_csv(index=False)` formats those DataFrames (tests/test_write.py compares both,
byte for byte for CSV).

The tables of a run are replaced as a set. They are written into a fresh generation folder,
DIR/.pressfacts/gen-*, and DIR/NAME.FORMAT is a symbolic link to .pressfacts/current/NAME.FORMAT; when
the run is done, `current` is switched to the new generation with one atomic rename. Killed at any
moment, DIR holds the previous complete set or the new one, never a mix; the next run removes what a
killed one left. A run holds a lock on DIR (.pressfacts/lock) from start to end: a second run into the
same DIR stops at once (OutputBusy). Files are made with the umask's permissions.
"""
from __future__ import annotations

import csv
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pipeline.io.tables import BOOL, COLUMNS, FLOAT, INT, STR, TABLES

FORMATS = ("parquet", "csv", "jsonl")
DEFAULT_FORMATS = ("parquet", "csv")
# Rows per Parquet row group: a table is buffered (as Arrow arrays) until it has that many rows, or until
# the text of its rows reaches GROUP_TEXT_BYTES (a page with a claim every few words gives thousands of
# facts, each with up to 1,000 characters of sentence). Where a group ends follows from the rows alone,
# not from the batches they came in.
ROW_GROUP_ROWS = {"documents": 1024}
DEFAULT_ROW_GROUP_ROWS = 16_384
GROUP_TEXT_BYTES = 2 * 2**20
ARROW_CHUNK_ROWS = 1024


STATE = ".pressfacts"       # DIR/.pressfacts: generations, the `current` link, the lock
CURRENT = "current"


class OutputBusy(Exception):
    """Another run is writing the same output folder."""


class OutputError(Exception):
    """The output folder cannot be written (checked before any document is read)."""


class TableFiles:
    """A sink: every table in every format, streamed into a new generation of DIR (see the module's
    docstring); close() switches DIR to it, abort() (or an exception inside `with`) removes it."""

    takes_parts = True     # a document's rows may come in parts (pipeline.run.consume)

    def __init__(self, out_dir: Path, formats=DEFAULT_FORMATS, tables=TABLES):
        for fmt in formats:
            if fmt not in WRITERS:
                raise ValueError(f"unknown output format {fmt!r}")
        self.out_dir = out_dir
        self.paths = [out_dir / f"{name}.{fmt}" for name in tables for fmt in formats]
        self.writers: list = []
        self.lock = self.generation = None
        try:
            state = out_dir / STATE
            state.mkdir(parents=True, exist_ok=True)
            self.lock = lock_folder(out_dir)
            remove_leftovers(out_dir)
            self.generation = Path(tempfile.mkdtemp(prefix=f"gen-{time.strftime('%Y%m%dT%H%M%S')}-", dir=state))
            self.generation.chmod(0o777 & ~current_umask())
            for name in tables:
                for fmt in formats:
                    self.writers.append(WRITERS[fmt](name, self.generation / f"{name}.{fmt}"))
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
        except BaseException:
            self.abort()
            raise

    def add(self, rows: dict[str, list[dict]]) -> None:
        for writer in self.writers:
            if rows.get(writer.name):
                writer.write(rows[writer.name])

    def close(self) -> list[Path]:
        """Finish every file, then switch DIR to this generation."""
        try:
            for writer in self.writers:
                writer.finish()
            fsync_folder(self.generation)
            switch(self.out_dir, self.generation, [p.name for p in self.paths])
        except BaseException:
            self.abort()
            raise
        release(self.lock)
        return self.paths

    def abort(self) -> None:
        for writer in self.writers:
            writer.discard()
        if self.generation is not None:
            shutil.rmtree(self.generation, ignore_errors=True)
        release(self.lock)
        self.lock = None

    def __enter__(self) -> TableFiles:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def lock_folder(out_dir: Path):
    """An exclusive lock on DIR/.pressfacts/lock, or OutputBusy; released when the file is closed (or the
    process ends, however it ends)."""
    file = open(out_dir / STATE / "lock", "a+")
    try:
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        file.seek(0)
        owner = file.read().strip()
        file.close()
        raise OutputBusy(f"{out_dir} is being written by another run{f' (pid {owner})' if owner else ''}; "
                         "wait for it, or choose another --out") from None
    file.seek(0)
    file.truncate()
    file.write(str(os.getpid()))
    file.flush()
    return file


def release(lock) -> None:
    if lock is not None:
        lock.close()


def remove_leftovers(out_dir: Path) -> None:
    """What killed runs left: generations other than the current one, and the temporary files of the
    versions that wrote tables beside DIR/NAME.FORMAT (`.facts.parquet.x1y2.tmp`). Called with the lock."""
    state = out_dir / STATE
    current = os.readlink(state / CURRENT) if (state / CURRENT).is_symlink() else None
    for entry in state.iterdir():
        if entry.name.startswith("gen-") and entry.name != current:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f".{CURRENT}.") and entry.name.endswith(".tmp"):
            entry.unlink(missing_ok=True)
    for entry in out_dir.glob(".*.tmp"):
        entry.unlink(missing_ok=True)


def switch(out_dir: Path, generation: Path, names: list[str]) -> None:
    """Make DIR show `generation`: each NAME.FORMAT a link through `current`, then `current` moved over
    to the generation in one rename. Tables of DIR not in this run (another --format) are removed after."""
    state = out_dir / STATE
    visible = [out_dir / name for name in names]
    legacy = [p for p in visible if p.exists() and not (p.is_symlink() and os.readlink(p) == link_target(p.name))]
    if legacy:
        adopt(out_dir, legacy)
    for path in visible:
        if not path.is_symlink():             # new, or left dangling by a run killed between the two steps
            replace_with_link(path, link_target(path.name))
    replace_with_link(state / CURRENT, generation.name)
    fsync_folder(state)
    for path in out_dir.iterdir():
        if path.is_symlink() and os.readlink(path) == link_target(path.name) and not path.exists():
            path.unlink()                     # a table of another run's formats: not of this set
    remove_leftovers(out_dir)


def adopt(out_dir: Path, legacy: list[Path]) -> None:
    """Tables DIR shows without going through `current` (written by an older version, or only now
    wanted): first a generation holding what DIR shows now (hard links), `current` moved to it, then each
    one replaced by a link through `current` (to the same content), so that no moment shows a mix."""
    state = out_dir / STATE
    shown_now = [p for p in out_dir.iterdir() if p.is_file() and not p.name.startswith(".")
                 and (not p.is_symlink() or os.readlink(p) == link_target(p.name))]
    old = Path(tempfile.mkdtemp(prefix="gen-adopted-", dir=state))
    old.chmod(0o777 & ~current_umask())
    for path in shown_now:
        os.link(os.path.realpath(path), old / path.name)
    replace_with_link(state / CURRENT, old.name)
    for path in legacy:
        replace_with_link(path, link_target(path.name))


def link_target(name: str) -> str:
    return f"{STATE}/{CURRENT}/{name}"


def replace_with_link(path: Path, target: str) -> None:
    """`path` becomes a symbolic link to `target`, atomically (a link made aside, then renamed over)."""
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class JsonLines:
    """A sink: each row as one JSON object with a "table" field, written and flushed as it comes (the
    documents row first, then the document's facts, quotes, people, positions, dates and errors)."""

    takes_parts = True     # a document's rows may come in parts: the lines are the same

    def __init__(self, stream):
        self.stream = stream

    def add(self, rows: dict[str, list[dict]]) -> None:
        for name in COLUMNS:
            for row in rows.get(name, ()):
                self.stream.write(json.dumps({"table": name, **json_row(name, row)}, ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()

    def __enter__(self) -> JsonLines:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()


class Rows(dict):
    """A sink that keeps every row in memory: table name -> rows (the Python API's tables, the report's)."""

    def __init__(self, tables=TABLES):
        super().__init__((name, []) for name in tables)

    def add(self, rows: dict[str, list[dict]]) -> None:
        for name, table_rows in rows.items():
            self.setdefault(name, []).extend(table_rows)


def write_tables(rows: dict[str, list[dict]], out_dir: Path, formats=DEFAULT_FORMATS) -> list[Path]:
    """Write every table of `rows` (table name -> rows) at once."""
    with TableFiles(out_dir, formats, tables=list(rows)) as sink:
        sink.add(rows)
    return sink.paths


def write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """`write(tmp)` into a temporary file beside `path`, then move it into place (or remove it)."""
    tmp = temporary_beside(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temporary_beside(path: Path) -> str:
    """A new temporary file beside `path`, with the permissions the umask gives (mkstemp's are 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~current_umask())
    os.close(fd)
    return tmp


class TableWriter:
    """One table in one format, into `path` in a generation folder of its own (TableFiles)."""

    def __init__(self, name: str, path: Path):
        self.name, self.path = name, path
        self.tmp = str(path)

    def write(self, rows: list[dict]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Write what is buffered and close the file."""
        self.close_file()

    def close_file(self) -> None:
        self.file.close()

    def discard(self) -> None:
        try:
            self.close_file()
        except Exception:                      # it is being thrown away: a half-made file is fine
            pass
        Path(self.tmp).unlink(missing_ok=True)


# ---- Parquet ----

# pandas' names for the dtypes, as its to_parquet records them (what read_parquet restores)
PANDAS_TYPES = {STR: ("unicode", "string"), INT: ("int64", "Int64"), FLOAT: ("float64", "float64"),
                BOOL: ("bool", "boolean")}


def arrow_schema(name: str):
    """The Arrow schema of table `name`, with pandas metadata naming each column's pandas dtype."""
    import pyarrow as pa

    types = {STR: pa.large_string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_()}
    columns = COLUMNS[name]
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


class ParquetTable(TableWriter):
    """Row groups of ROW_GROUP_ROWS rows (the last one shorter), whatever the batches rows come in."""

    def __init__(self, name: str, path: Path):
        import pyarrow.parquet as pq

        super().__init__(name, path)
        self.schema = arrow_schema(name)
        self.group_rows = ROW_GROUP_ROWS.get(name, DEFAULT_ROW_GROUP_ROWS)
        self.rows: list[dict] = []             # rows not yet made into Arrow arrays
        self.pending: list = []                # Arrow tables not yet written
        self.n_pending = 0
        self.pending_bytes = 0                 # their buffers' size
        self.groups = 0                        # row groups written
        self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="snappy")

    def write(self, rows: list[dict]) -> None:
        # rows come a document at a time: made into Arrow arrays a thousand at a time (each small Arrow
        # table costs buffers of its own), written a row group at a time
        self.rows += rows
        while len(self.rows) >= ARROW_CHUNK_ROWS:
            self.convert(ARROW_CHUNK_ROWS)
        if self.n_pending >= self.group_rows or self.pending_bytes >= GROUP_TEXT_BYTES:
            self.flush(final=False)

    def convert(self, n: int | None = None) -> None:
        """The first n rows (all by default) into an Arrow table of the pending ones."""
        n = len(self.rows) if n is None else n
        if n:
            table = arrow_table(self.name, self.rows[:n], self.schema)
            self.pending.append(table)
            self.n_pending += n
            self.pending_bytes += table.nbytes
            del self.rows[:n]

    def flush(self, final: bool) -> None:
        import pyarrow as pa

        if final:
            self.convert()
        table = pa.concat_tables(self.pending) if self.pending else arrow_table(self.name, [], self.schema)
        ends = group_ends(table, self.group_rows, GROUP_TEXT_BYTES)
        start = 0
        for end in ends:
            # one contiguous chunk per group: the bytes depend on the rows, not on the batches they came in
            self.writer.write_table(table.slice(start, end - start).combine_chunks(),
                                    row_group_size=end - start)
            start = end
            self.groups += 1
        if final and (start < table.num_rows or not self.groups):   # an empty table: one empty group, as pyarrow writes it
            self.writer.write_table(table.slice(start).combine_chunks(), row_group_size=self.group_rows)
            start = table.num_rows
            self.groups += 1
        rest = table.slice(start)
        self.pending, self.n_pending = ([rest] if rest.num_rows else []), rest.num_rows
        self.pending_bytes = rest.nbytes if rest.num_rows else 0

    def finish(self) -> None:
        if self.writer is not None:
            self.flush(final=True)
        self.close_file()

    def close_file(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def group_ends(table, max_rows: int, max_text: int) -> list[int]:
    """Where the complete row groups of `table` end: a group ends after max_rows rows, or after the row
    with which the UTF-8 text of its string columns reaches max_text bytes. The rest is no complete group."""
    import numpy as np
    import pyarrow as pa

    text = np.zeros(table.num_rows, dtype=np.int64)
    for column, field_ in zip(table.columns, table.schema):
        if pa.types.is_string(field_.type) or pa.types.is_large_string(field_.type):
            text += string_lengths(column, np.int64 if pa.types.is_large_string(field_.type) else np.int32)
    reached = np.cumsum(text)
    ends, start, done = [], 0, 0
    while start < table.num_rows:
        by_text = int(np.searchsorted(reached, done + max_text, side="left")) + 1   # the row that reaches it
        end = min(start + max_rows, by_text)
        if end > table.num_rows:
            break
        ends.append(end)
        done = int(reached[end - 1])
        start = end
    return ends


def string_lengths(column, offset_type):
    """The UTF-8 byte length of each value of a string column (0 for a null), from its offsets buffers
    (pyarrow.compute would do it, but importing it costs ~20 MB and 0.1 s)."""
    import numpy as np

    parts = []
    for chunk in column.chunks:
        offsets = np.frombuffer(chunk.buffers()[1], dtype=offset_type)[chunk.offset:chunk.offset + len(chunk) + 1]
        parts.append(np.diff(offsets).astype(np.int64))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def arrow_table(name: str, rows: list[dict], schema=None):
    """The rows of table `name` as an Arrow table with its Parquet schema."""
    import pyarrow as pa

    schema = schema or arrow_schema(name)
    kinds = COLUMNS[name]
    return pa.Table.from_arrays([arrow_column(kinds[col], [row.get(col) for row in rows]) for col in schema.names],
                                schema=schema)


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
        data = [(v if type(v) is str else str(v)).encode("utf-8", "backslashreplace") if ok else b""
                for v, ok in zip(values, valid)]      # a lone surrogate that got this far: escaped, not a crash
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


class CsvTable(TableWriter):
    """pandas' `frame(name, rows).to_csv(path, index=False, lineterminator="\\n")`, without pandas:
    missing values as empty cells, Int64 as integers, booleans as True/False, minimal quoting."""

    def __init__(self, name: str, path: Path):
        super().__init__(name, path)
        self.cells = [(col, CELL[kind]) for col, kind in COLUMNS[name].items()]
        self.file = open(self.tmp, "w", encoding="utf-8", errors="backslashreplace", newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow(COLUMNS[name])

    def write(self, rows: list[dict]) -> None:
        self.writer.writerows([cell(row.get(col)) for col, cell in self.cells] for row in rows)


# ---- JSON lines ----

JSON_VALUE = {STR: lambda v: v if type(v) is str else str(v), INT: int, FLOAT: float, BOOL: bool}


def json_row(name: str, row: dict) -> dict:
    """A row as JSON sees it: every column in order, missing values (None, NaN) as null."""
    return {col: JSON_VALUE[kind](row[col]) if present(row.get(col)) else None
            for col, kind in COLUMNS[name].items()}


class JsonlTable(TableWriter):
    """One JSON object per row and line, columns in the table's order, UTF-8."""

    def __init__(self, name: str, path: Path):
        super().__init__(name, path)
        self.file = open(self.tmp, "w", encoding="utf-8", errors="backslashreplace", newline="\n")

    def write(self, rows: list[dict]) -> None:
        self.file.writelines(json.dumps(json_row(self.name, row), ensure_ascii=False) + "\n" for row in rows)


WRITERS = {"parquet": ParquetTable, "csv": CsvTable, "jsonl": JsonlTable}    # format -> writer class

"""The archive: one DuckDB file that grows with every ingest, read back with SQL or as the seven tables.

    with Archive.open("outputs/pressfacts.duckdb", extractor=extractor_version()) as archive:
        run(["scraped/2026/12/06"], archive, select=archive.select)   # only what is new or changed
    archive.counts   -> Counter({'new': 12, 'changed': 1, 'unchanged': 1987})

A document is keyed by its doc_id and a hash of its content (decoded text, title, date, URL, publisher). `select` passes on the documents to extract: new ones, changed ones (same id, new hash),
ones that failed before, and, with `reextract`, stale ones (extracted by another version of the code);
unchanged and stale ones are counted and skipped. `add` takes each document's rows as it is done, and
every `commit_every` documents one transaction replaces all rows of those documents in every table, so
a killed ingest leaves whole documents only, and the next one does the rest.

The tables are the seven of the output contract, with their columns, plus, for the archive:
    documents  content_hash, extractor (the version stamp), seq, first_seen, last_changed
    the others seq (the document's) and row_no (the row's place among the document's rows)
    runs       one row per finished ingest: when, which version, how many documents of each kind
`seq` numbers documents in the order they first arrived; `export` writes the tables in that order, so
an archive made from one folder exports what `extract` of that folder writes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.io.conflicts import conflicts_sql, find_conflicts
from pipeline.io.tables import BOOL, FLOAT, INT, SCHEMA, STR, TABLES
from pipeline.io.write import Rows, arrow_column
from pipeline.records import Document, ErrorRow

log = logging.getLogger(__name__)

DEFAULT_DB = Path("outputs") / "pressfacts.duckdb"
COMMIT_EVERY = 32           # documents per transaction
LOOKUP_CHUNK = 512          # documents looked up in the archive at a time
SQL_TYPES = {STR: "VARCHAR", INT: "BIGINT", FLOAT: "DOUBLE", BOOL: "BOOLEAN"}
TIMESTAMP = "TIMESTAMP"
# the archive's own columns, after each table's
DOCUMENT_COLUMNS = {"content_hash": STR, "extractor": STR, "seq": INT, "first_seen": TIMESTAMP,
                    "last_changed": TIMESTAMP}
ROW_COLUMNS = {"seq": INT, "row_no": INT}
RUN_COLUMNS = {"started_at": TIMESTAMP, "finished_at": TIMESTAMP, "extractor": STR, "inputs": STR,
               "documents": INT, "new": INT, "changed": INT, "retried": INT, "reextracted": INT,
               "unchanged": INT, "stale": INT, "failed": INT}
KINDS = ("new", "changed", "retried", "reextracted", "unchanged", "stale")
# An ingest only appends and looks documents up, so DuckDB gets little memory and one thread of its own: by
# default it keeps every block it wrote cached (up to 80% of RAM), and an ingest of 20,000 documents
# peaked at 590 MB against 416 MB for 2,000; with 64 MB 458 MB, with these 436 MB against 397 MB
# (benchmarks/archive.py's corpus).
WRITER_SETTINGS = {"memory_limit": "32MB", "threads": 1, "checkpoint_threshold": "4MB",
                   "allocator_flush_threshold": "4MB"}


class ArchiveError(Exception):
    """The archive cannot be used: no such file, not a DuckDB file, or in use by another process."""


class ArchiveBusy(ArchiveError):
    """Another process is writing the archive (DuckDB allows one writer per file)."""


def content_hash(doc: Document) -> str:
    """What a document's rows depend on, hashed: its decoded text and what was read around it (title, date,
    URL, publisher). Not its path: the same files given as `scraped/` or `/data/scraped/` are unchanged."""
    digest = hashlib.blake2b(digest_size=16)
    for field in (doc.text, doc.title, doc.published and doc.published.isoformat(), doc.url, doc.publisher):
        data = b"\xff" if field is None else field.encode("utf-8", "surrogatepass")   # 0xff is never UTF-8
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def archive_columns(name: str) -> dict[str, str]:
    return {**SCHEMA[name], **(DOCUMENT_COLUMNS if name == "documents" else ROW_COLUMNS)}


def quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


class Archive:
    """An open archive; a sink for `pipeline.run.run` when opened for writing."""

    def __init__(self, connection, path: Path, extractor: str | None, reextract: bool, commit_every: int):
        self.con, self.path = connection, path
        self.extractor, self.reextract, self.commit_every = extractor, reextract, commit_every
        self.counts: Counter = Counter()
        self.rows_added: Counter = Counter()
        self.pending: dict[str, tuple] = {}   # doc_id -> (hash, seq, first_seen) of selected documents
        self.buffer: list[dict[str, list[dict]]] = []
        self.started = now()

    # ---- opening ----

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, extractor: str | None = None, read_only: bool = False,
             reextract: bool = False, commit_every: int = COMMIT_EVERY) -> Archive:
        """Open (for writing: create) the archive at `path`; ArchiveBusy if another process writes it."""
        import duckdb

        path = Path(path)
        if read_only and not path.is_file():
            raise ArchiveError(f"{path}: no archive here (make one with `pressfacts ingest INPUT --db {path}`)")
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(path), read_only=read_only, config={} if read_only else WRITER_SETTINGS)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                pid = re.search(r"PID (\d+)", str(exc))
                raise ArchiveBusy(f"{path} is being written by another process"
                                  f"{f' (PID {pid.group(1)})' if pid else ''}; try again when it has finished") from exc
            if "not a valid DuckDB database" in str(exc):
                raise ArchiveError(f"{path}: not a pressfacts archive (not a DuckDB file)") from exc
            raise ArchiveError(f"{path}: cannot open the archive: {exc}") from exc
        except duckdb.Error as exc:
            raise ArchiveError(f"{path}: not a pressfacts archive (DuckDB says: {exc})") from exc
        archive = cls(con, path, extractor, reextract, commit_every)
        if not read_only:
            archive.create_tables()
        elif not archive.has_tables():
            con.close()
            raise ArchiveError(f"{path}: not a pressfacts archive (no documents table)")
        return archive

    def create_tables(self) -> None:
        """The tables, and any column a newer version added to them (one look at the catalog)."""
        have: dict[str, set[str]] = {}
        for table, column in self.con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                              "WHERE table_schema = 'main'").fetchall():
            have.setdefault(table, set()).add(column)
        sql_type = {**SQL_TYPES, TIMESTAMP: TIMESTAMP}
        self.con.execute("BEGIN TRANSACTION")           # all of them or none, whenever the process dies
        for name, columns in [*((name, archive_columns(name)) for name in TABLES), ("runs", RUN_COLUMNS)]:
            if name not in have:
                self.con.execute(f"CREATE TABLE {name} ("
                                 + ", ".join(f"{quoted(col)} {sql_type[kind]}" for col, kind in columns.items()) + ")")
                continue
            for col, kind in columns.items():
                if col not in have[name]:
                    self.con.execute(f"ALTER TABLE {name} ADD COLUMN {quoted(col)} {sql_type[kind]}")
        self.con.execute(f"CREATE OR REPLACE VIEW conflicts AS {conflicts_sql('facts', set(archive_columns('facts')))}")
        self.con.execute("COMMIT")
        self.next_seq = self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchall()[0][0]

    def has_tables(self) -> bool:
        return self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'"
                                ).fetchall()[0][0] > 0

    # ---- ingesting ----

    def select(self, items: Iterable[Document | ErrorRow]) -> Iterator[Document | ErrorRow]:
        """The items to extract: every load error, and the documents the archive does not have as they are."""
        for chunk in chunked(items, LOOKUP_CHUNK):
            known = self.known([item.doc_id for item in chunk if item.doc_id is not None])
            for item in chunk:
                old = known.get(item.doc_id)
                if isinstance(item, ErrorRow):
                    self.counts["unreadable"] += 1
                    if item.doc_id is not None:
                        self.pending[item.doc_id] = (None, old and old[3], old and old[4])
                    yield item
                    continue
                digest = content_hash(item)
                if old is None:
                    kind = "new"
                elif old[0] != digest:
                    kind = "changed"
                elif old[2] != "ok":
                    kind = "retried"
                elif old[1] != self.extractor:
                    kind = "reextracted" if self.reextract else "stale"
                else:
                    kind = "unchanged"
                self.counts[kind] += 1
                if kind in ("unchanged", "stale"):
                    continue
                self.pending[item.doc_id] = (digest, old and old[3], old and old[4])
                yield item

    def known(self, doc_ids: list[str]) -> dict[str, tuple]:
        """doc_id -> (content_hash, extractor, status, seq, first_seen) of those the archive has."""
        if not doc_ids:
            return {}
        rows = self.con.execute("SELECT doc_id, content_hash, extractor, status, seq, epoch_us(first_seen) "
                                "FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()
        return {row[0]: row[1:] for row in rows}

    def add(self, rows: dict[str, list[dict]]) -> None:
        """One document's rows (or a load error's); committed with the next `commit_every` documents."""
        self.buffer.append(rows)
        if len(self.buffer) >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        """Replace every row of the buffered documents, in every table, in one transaction."""
        if not self.buffer:
            return
        stamp = now()
        tables: dict[str, list[dict]] = {name: [] for name in TABLES}
        replaced, orphans = [], []          # doc_ids whose rows go; errors rows without a doc_id, as (path, message)
        for rows in self.buffer:
            self.counts["failed"] += bool(rows.get("errors"))
            if rows.get("documents"):
                doc = rows["documents"][0]
                digest, seq, first_seen = self.pending.pop(doc["doc_id"], (None, None, None))
                if seq is not None:
                    replaced.append(doc["doc_id"])
                else:
                    seq, self.next_seq = self.next_seq, self.next_seq + 1
                tables["documents"].append({**doc, "content_hash": digest, "extractor": self.extractor, "seq": seq,
                                            "first_seen": first_seen or stamp, "last_changed": stamp})
            else:                           # an errors row without a document of its own (a duplicate doc_id)
                [error] = rows["errors"]
                seq = self.orphan_seq(error["source_path"], error["message"])
                orphans.append((error["source_path"], error["message"]))
            for name in TABLES[1:]:
                tables[name] += [{**row, "seq": seq, "row_no": n} for n, row in enumerate(rows.get(name, ()))]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if replaced:
                for name in TABLES:
                    con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT unnest(?))", [replaced])
            for source_path, message in orphans:
                con.execute("DELETE FROM errors WHERE doc_id IS NULL AND source_path = ? AND message = ?",
                            [source_path, message])
            for name, table_rows in tables.items():
                if table_rows:
                    self.insert(name, table_rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for name, table_rows in tables.items():
            self.rows_added[name] += len(table_rows)
        self.buffer = []

    def orphan_seq(self, source_path: str, message: str) -> int:
        """The place of an errors row without a document: the one it had, or the next one."""
        found = self.con.execute("SELECT seq FROM errors WHERE doc_id IS NULL AND source_path = ? AND message = ?",
                                 [source_path, message]).fetchall()
        if found:
            return found[0][0]
        seq, self.next_seq = self.next_seq, self.next_seq + 1
        return seq

    def insert(self, name: str, rows: list[dict]) -> None:
        import pyarrow as pa

        columns = archive_columns(name)
        arrays = [arrow_column(INT if kind == TIMESTAMP else kind,
                               [row.get(col) for row in rows]) for col, kind in columns.items()]
        select = ", ".join(f"make_timestamp({quoted(col)}) AS {quoted(col)}" if kind == TIMESTAMP else quoted(col)
                           for col, kind in columns.items())
        self.con.register("incoming", pa.Table.from_arrays(arrays, names=list(columns)))
        try:
            self.con.execute(f"INSERT INTO {name} BY NAME SELECT {select} FROM incoming")
        finally:
            self.con.unregister("incoming")

    def close(self, inputs: Iterable[str] = ()) -> None:
        """Commit what is left, note the run, and close the file (a checkpoint folds the log into it)."""
        if self.extractor is not None and self.con is not None:
            self.commit()
            run = {"started_at": self.started, "finished_at": now(), "extractor": self.extractor,
                   "inputs": json.dumps([str(i) for i in inputs], ensure_ascii=False),
                   "documents": self.n_documents(), **{k: self.counts[k] for k in KINDS},
                   "failed": self.counts["failed"]}
            self.con.execute("INSERT INTO runs BY NAME SELECT "                # one row: no Arrow needed
                             + ", ".join(f"make_timestamp(?) AS {quoted(col)}" if RUN_COLUMNS[col] == TIMESTAMP
                                         else f"? AS {quoted(col)}" for col in run), list(run.values()))
        self.disconnect()

    def n_documents(self) -> int:
        """Documents this ingest met: each counted once, by kind, or as unreadable."""
        return sum(self.counts[k] for k in KINDS) + self.counts["unreadable"]

    def disconnect(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:                               # what was committed stays; the rest is done by the next ingest
            self.disconnect()

    # ---- reading ----

    def export(self, sink, since: dt.date | None = None, tables=(*TABLES, "conflicts"),
               batch_rows: int = 10_000) -> Counter:
        """Every table, row by row, into `sink` (as `extract` gives them: columns, types, order), then the
        conflicts among the facts; with `since`, only documents published or changed on or after that
        day, their rows, and the conflicts they are in."""
        written: Counter = Counter()
        params: list = []
        docs = "TRUE"
        if since is not None:
            docs = "(published >= ? OR CAST(last_changed AS DATE) >= ?)"
            params = [since.isoformat(), since]
        for name in tables:
            if name == "conflicts":
                rows = find_conflicts(self.con)
                if since is not None:
                    kept = {row[0] for row in self.con.execute(f"SELECT doc_id FROM documents WHERE {docs}",
                                                               params).fetchall()}
                    rows = [row for row in rows if row["a_doc_id"] in kept or row["b_doc_id"] in kept]
                sink.add({name: rows})
                written[name] += len(rows)
                continue
            columns = ", ".join(quoted(col) for col in SCHEMA[name])
            if name == "documents":
                sql = f"SELECT {columns} FROM documents WHERE {docs} ORDER BY seq"
            else:
                where = "TRUE" if since is None else f"doc_id IN (SELECT doc_id FROM documents WHERE {docs})"
                sql = f"SELECT {columns} FROM {name} WHERE {where} ORDER BY seq, row_no"
            reader = self.con.sql(sql, params=params or None).to_arrow_reader(batch_rows)
            for batch in reader:
                rows = batch.to_pylist()
                sink.add({name: rows})
                written[name] += len(rows)
        return written

    def table(self, name: str):
        """One table as a DataFrame, with the dtypes `extract` gives it."""
        from pipeline.io.tables import frame

        rows = Rows([name])
        self.export(rows, tables=[name])
        return frame(name, rows[name])

    def sql(self, query: str, params: list | None = None):
        """The result of a SQL query as a DataFrame."""
        return self.con.execute(query, params or []).df()


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def now() -> int:
    """Microseconds since the epoch, UTC (the archive's timestamps)."""
    return int(dt.datetime.now(dt.timezone.utc).timestamp() * 1_000_000)

"""Command line: `pressfacts extract | ingest | export | report | schema`.

    python -m pipeline extract corpus --out outputs            # the seven tables, once, into a folder
    pressfacts: 14 documents (14 ok, 0 failed) | facts 160 | dates 80 | ... | 4.2 s, 3.3 docs/s
    pressfacts extract new/ --out - | jq ...                   # every row as JSON, as each document is done
    pressfacts ingest scraped/ --db outputs/pressfacts.duckdb  # add what is new or changed to the archive
    pressfacts extract scraped/ --out tables/ --scheduler local:2   # on a Dask cluster (or tcp://host:8786)
    pressfacts export --db outputs/pressfacts.duckdb --out tables/ [--since 2026-12-01]
    pressfacts report --db outputs/pressfacts.duckdb --out outputs/report   # the audit view, a static site
    pressfacts schema --out docs/schema                       # a JSON Schema of each table's rows

Exit codes: 0 every document processed; 1 some documents failed (see the errors table; everything else
is still written); 2 usage error (a bad argument, no such path, unknown format, an --out that cannot be
written, not an archive), said in one line; 3 the archive or the --out folder is being written by another
process.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import math
import os
import sys
from pathlib import Path

from pipeline.io import (DEFAULT_DB, DEFAULT_FORMATS, FORMATS, MAX_BYTES, TABLES, ArchiveBusy, ArchiveError,
                         OutputBusy, OutputError, UsageError)

log = logging.getLogger("pipeline")
EXIT_BUSY = 3
DOC_TIMEOUT = 60.0     # seconds one document may take (--doc-timeout); a press release takes well under 1


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in one line (`pressfacts extract: error: ...`), exit code 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown format {','.join(unknown) or value!r}; "
                                         f"choose from {','.join(FORMATS)}")
    return formats


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return n


def positive_number(value: str) -> float:
    """A finite number above 0: `--max-mb nan`, `inf` and `-5` are usage errors, not a traceback or a
    limit that rejects every file."""
    try:
        n = float(value)
    except ValueError:
        n = math.nan
    if not (math.isfinite(n) and n > 0):
        raise argparse.ArgumentTypeError(f"expected a number above 0, got {value!r}")
    return n


def seconds_or_off(value: str) -> float | None:
    """--doc-timeout: seconds above 0, or 0 for no limit (documents then run in this process)."""
    if value.strip() in ("0", "0.0"):
        return None
    return positive_number(value)


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="pressfacts", description="Numeric claims, dates, people and "
                                     "quotes from Russian press releases, as tidy tables.")
    commands = parser.add_subparsers(dest="command", required=True)

    def documents_in(command):
        command.add_argument("inputs", nargs="+", metavar="INPUT",
                             help=".txt/.md/.html/.htm/.jsonl files, or folders searched recursively")
        command.add_argument("--max-mb", type=positive_number, default=MAX_BYTES / 2**20, metavar="MB",
                             help="skip (as an error row) documents larger than this: a file, or a line of a "
                                  ".jsonl file (default: %(default).0f)")
        command.add_argument("--doc-timeout", type=seconds_or_off, default=DOC_TIMEOUT, metavar="SECONDS",
                             help="a document that takes longer becomes an error row and the batch goes on "
                                  "(default: %(default).0f; 0: no limit)")
        command.add_argument("--follow-links", action="store_true",
                             help="in folders, follow symbolic links that lead outside them too")
        parallel = command.add_mutually_exclusive_group()
        parallel.add_argument("--scheduler", metavar="ADDRESS",
                              help="process on a Dask cluster: local:N starts N worker processes for the run; "
                                   "tcp://host:8786 uses a running scheduler. Output is identical to one process")
        parallel.add_argument("--workers", type=positive_int, default=1, metavar="N",
                              help="the same as --scheduler local:N (N > 1)")

    def tables_out(command):
        command.add_argument("--out", required=True, metavar="DIR",
                             help="output folder, or - for JSON lines on standard output")
        command.add_argument("--format", type=parse_formats, default=None, metavar="FORMATS",
                             help=f"comma-separated: {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)}; "
                                  "jsonl with --out -)")

    def logging_options(command):
        command.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary line")
        command.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")

    extract = commands.add_parser("extract", help="extract the tables of files or folders, once, into a folder")
    documents_in(extract)
    tables_out(extract)
    logging_options(extract)

    ingest = commands.add_parser("ingest", help="add new and changed documents to the archive (DuckDB)")
    documents_in(ingest)
    ingest.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="PATH",
                        help="the archive file (default: %(default)s; made if missing)")
    ingest.add_argument("--reextract", action="store_true",
                        help="also extract again the documents an older version of pressfacts extracted")
    ingest.add_argument("--commit-every", type=positive_int, default=32, metavar="N",
                        help="documents per transaction (default %(default)s): a killed ingest loses at most these")
    logging_options(ingest)

    export = commands.add_parser("export", help="write the archive's tables as extract writes them")
    export.add_argument("--db", type=Path, default=DEFAULT_DB, metavar="PATH",
                        help="the archive file (default: %(default)s)")
    tables_out(export)
    export.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                        help="only documents published or changed on or after this day")
    logging_options(export)

    report = commands.add_parser("report", help="write the audit report (a static site) of the archive or of tables")
    source = report.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, metavar="PATH", help=f"the archive (default: {DEFAULT_DB})")
    source.add_argument("--tables", type=Path, metavar="DIR", help="a folder `pressfacts extract` wrote")
    report.add_argument("--out", required=True, type=Path, metavar="DIR", help="the site's folder (replaced)")
    logging_options(report)

    schema = commands.add_parser("schema", help="write a JSON Schema of each table's rows into a folder")
    schema.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    schema.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    schema.add_argument("-v", "--verbose", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        return fail(exc, 2)
    except (ArchiveBusy, OutputBusy) as exc:
        return fail(exc, EXIT_BUSY)
    except OutputError as exc:
        return fail(exc, 2)
    except ArchiveError as exc:
        return fail(exc, 2)
    except BrokenPipeError:               # the reader of --out - stopped reading: nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:                # the outputs could not be written (disk full, permissions)
        where = getattr(args, "out", None) or getattr(args, "db", None)
        return fail(f"cannot write to {where}: {exc}", 1)


def fail(message, code: int) -> int:
    print(f"pressfacts: error: {message}", file=sys.stderr)
    return code


def table_sink(args, tables=TABLES):
    """Where extract and export write: JSON lines on stdout for `--out -`, else files in the folder."""
    from pipeline.io import JsonLines, TableFiles

    if args.out == "-":
        if args.format not in (None, ["jsonl"]):
            raise UsageError("--out - writes JSON lines only (--format jsonl)")
        return JsonLines(sys.stdout)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: --out must be a folder, and this is a file")
    return TableFiles(out, args.format or DEFAULT_FORMATS, tables)     # locked and writable, or it says so now


def scheduler_of(args) -> str | None:
    """The Dask cluster to use: --scheduler, or --workers N as local:N; None for one process."""
    if args.scheduler:
        from pipeline.cluster import check_address

        return check_address(args.scheduler)
    return f"local:{args.workers}" if args.workers > 1 else None


def progress_shown(args) -> bool:
    return not args.quiet and sys.stderr.isatty()


def extract_command(args) -> int:
    from pipeline.io import find_inputs
    from pipeline.nlp import Tools
    from pipeline.run import run

    scheduler = scheduler_of(args)
    sources = find_inputs(args.inputs, follow_links=args.follow_links)    # usage errors before the models load
    with table_sink(args) as sink:
        tools = None if scheduler else Tools.build()              # a cluster's workers build their own
        summary = run(sources, sink, tools, progress=progress_shown(args), max_bytes=int(args.max_mb * 2**20),
                      scheduler=scheduler, doc_timeout=args.doc_timeout)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return summary.exit_code


def ingest_command(args) -> int:
    from pipeline.io import Archive, find_inputs
    from pipeline.run import extractor_version, run

    scheduler = scheduler_of(args)
    sources = find_inputs(args.inputs, follow_links=args.follow_links)
    with Archive.open(args.db, extractor=extractor_version(), reextract=args.reextract,
                      commit_every=args.commit_every) as archive:
        # the models are built only if some document needs extracting; the archive has one writer: here
        summary = run(sources, archive, None, progress=progress_shown(args), max_bytes=int(args.max_mb * 2**20),
                      scheduler=scheduler, select=archive.select, doc_timeout=args.doc_timeout)
        archive.close(args.inputs)
    if not args.quiet:
        print(ingest_line(archive, summary, args.db), file=sys.stderr)
    return 1 if archive.counts["failed"] else 0


def ingest_line(archive, summary, db: Path) -> str:
    counts = archive.counts
    kinds = [f"{counts[kind]} {kind}" for kind in ("new", "changed", "retried", "reextracted", "unchanged", "stale")
             if counts[kind] or kind in ("new", "changed", "unchanged", "stale")]
    stale = " (extracted by another version: --reextract extracts them again)" if counts["stale"] else ""
    added = " | ".join(f"{name} {archive.rows_added[name]}" for name in
                       ("facts", "quotes", "people", "positions", "dates", "errors"))
    n = archive.n_documents()
    rate = n / summary.seconds if summary.seconds > 0 else 0.0
    return (f"pressfacts ingest: {n} documents: {', '.join(kinds)}{stale}; {counts['failed']} failed | "
            f"rows added: {added} | {summary.seconds:.1f} s, {rate:.1f} docs/s | {db}")


def export_command(args) -> int:
    from pipeline.io import Archive

    with Archive.open(args.db, read_only=True) as archive, table_sink(args, [*TABLES, "conflicts"]) as sink:
        written = archive.export(sink, since=args.since)
    if not args.quiet:
        counts = " | ".join(f"{name} {written[name]}" for name in written)
        print(f"pressfacts export: {counts} | from {args.db}", file=sys.stderr)
    return 0


def report_command(args) -> int:
    from pipeline.report import load, write_report

    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"{args.out}: --out must be a folder, and this is a file")
    data = load(db=args.db, tables=args.tables) if args.tables else load(db=args.db or DEFAULT_DB)
    pages = write_report(data, args.out)
    if not args.quiet:
        print(f"pressfacts report: {len(pages)} pages, {len(data.documents)} documents, {len(data.facts)} claims, "
              f"{len(data.conflicts)} conflicts | open {args.out / 'index.html'}", file=sys.stderr)
    return 0


def schema_command(args) -> int:
    from pipeline.io import write_schemas

    paths = write_schemas(args.out)
    if not args.quiet:
        print(f"pressfacts schema: {len(paths)} JSON Schemas in {args.out}", file=sys.stderr)
    return 0


COMMANDS = {"extract": extract_command, "ingest": ingest_command, "export": export_command,
            "report": report_command, "schema": schema_command}


def main_exit() -> None:
    """Console-script entry point (`pressfacts ...`), the same as `python -m pipeline ...`.

    The tables are written and closed by now, so the process ends at once: Python's own shutdown would
    spend ~0.4 s (of ~7 s over 400 documents) collecting and freeing the millions of cached words and
    tokens that nobody reads again. Logs and standard streams are flushed first.

    The collector's thresholds are raised for the whole process, not only while documents are processed
    (pipeline.run.collector_tuned): run() puts back the thresholds it found, and going back to Python's
    defaults after millions of long-lived objects were made set off a full collection (0.11 s of a
    400-document run) that a process about to write its tables and exit does not need.

    Arrow allocates with jemalloc unless the user chose a pool (ARROW_DEFAULT_MEMORY_POOL): pyarrow's
    default on Linux, mimalloc, kept what encoding a document of 3,000 facts took, 11 MB of peak RSS
    above an ordinary batch against 5 with jemalloc (benchmarks/hostile.py, the `cues` 100k case)."""
    from pipeline.run import GC_THRESHOLD

    if sys.platform.startswith("linux"):  # pyarrow's Linux wheels have jemalloc; read when Arrow first allocates
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    gc.set_threshold(*GC_THRESHOLD)
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):        # a closed pipe: nothing more to say on it
            pass
    os._exit(code)

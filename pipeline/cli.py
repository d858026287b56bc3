"""Command line: `pressfacts extract INPUT [INPUT ...] --out DIR|- [--format parquet,csv,jsonl] [--quiet] [-v]`.

    python -m pipeline extract corpus --out outputs            # the seven tables, once, into a folder
    pressfacts: 14 documents (14 ok, 0 failed) | facts 160 | dates 80 | ... | 4.2 s, 3.3 docs/s
    pressfacts extract new/ --out - | jq ...                   # every row as JSON, as each document is done

Exit codes: 0 every document processed; 1 some documents failed (see the errors table; everything else
is still written); 2 usage error (no such path, unknown format).
"""
from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from pipeline.io import DEFAULT_FORMATS, FORMATS, MAX_BYTES, UsageError

log = logging.getLogger("pipeline")


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressfacts", description="Numeric claims, dates, people and "
                                     "quotes from Russian press releases, as tidy tables.")
    commands = parser.add_subparsers(dest="command", required=True)

    def documents_in(command):
        command.add_argument("inputs", nargs="+", metavar="INPUT",
                             help=".txt/.md/.html/.htm/.jsonl files, or folders searched recursively")
        command.add_argument("--max-mb", type=float, default=MAX_BYTES / 2**20, metavar="MB",
                             help="skip (as an error row) files larger than this (default: %(default).0f)")
        command.add_argument("--workers", type=positive_int, default=1, metavar="N",
                             help="worker processes (default 1); output is identical for any N")

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        return fail(exc, 2)
    except BrokenPipeError:               # the reader of --out - stopped reading: nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:                # the outputs could not be written (disk full, permissions)
        return fail(f"cannot write to {args.out}: {exc}", 1)


def fail(message, code: int) -> int:
    print(f"pressfacts: error: {message}", file=sys.stderr)
    return code


def table_sink(args):
    """Where extract writes: JSON lines on stdout for `--out -`, else files in the folder."""
    from pipeline.io import JsonLines, TableFiles

    if args.out == "-":
        if args.format not in (None, ["jsonl"]):
            raise UsageError("--out - writes JSON lines only (--format jsonl)")
        return JsonLines(sys.stdout)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: --out must be a folder, and this is a file")
    return TableFiles(out, args.format or DEFAULT_FORMATS)


def progress_shown(args) -> bool:
    return not args.quiet and sys.stderr.isatty()


def extract_command(args) -> int:
    from pipeline.io import find_inputs
    from pipeline.nlp import Tools
    from pipeline.run import run

    find_inputs(args.inputs)              # usage errors before the models load
    with table_sink(args) as sink:
        tools = Tools.build() if args.workers == 1 else None     # workers build their own, in parallel
        summary = run(args.inputs, sink, tools, progress=progress_shown(args),
                      max_bytes=int(args.max_mb * 2**20), workers=args.workers)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return summary.exit_code


COMMANDS = {"extract": extract_command}


def main_exit() -> None:
    """Console-script entry point (`pressfacts ...`), the same as `python -m pipeline ...`.

    The tables are written and closed by now, so the process ends at once: Python's own shutdown would
    spend ~0.4 s (of ~7 s over 400 documents) collecting and freeing the millions of cached words and
    tokens that nobody reads again. Logs and standard streams are flushed first.

    The collector's thresholds are raised for the whole process, not only while documents are processed
    (pipeline.run.collector_tuned): run() puts back the thresholds it found, and going back to Python's
    defaults after millions of long-lived objects were made set off a full collection (0.11 s of a
    400-document run) that a process about to write its tables and exit does not need."""
    from pipeline.run import GC_THRESHOLD

    gc.set_threshold(*GC_THRESHOLD)
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):        # a closed pipe: nothing more to say on it
            pass
    os._exit(code)

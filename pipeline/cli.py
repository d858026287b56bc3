"""Command line: `pressfacts extract INPUT [INPUT ...] --out DIR [--format parquet,csv] [--quiet] [-v]`.

    python -m pipeline extract corpus --out outputs
    pressfacts: 14 documents (14 ok, 0 failed) | facts 160 | dates 80 | ... | 4.2 s, 3.3 docs/s

Exit codes: 0 every document processed; 1 some documents failed (see errors.csv; outputs are still
written); 2 usage error (no such path, unknown format).
"""
from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from pipeline.io import FORMATS, MAX_BYTES, UsageError

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
    extract = commands.add_parser("extract", help="extract tables from files or folders")
    extract.add_argument("inputs", nargs="+", metavar="INPUT",
                         help=".txt/.md/.html/.htm/.jsonl files, or folders searched recursively")
    extract.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    extract.add_argument("--format", type=parse_formats, default=list(FORMATS), metavar="FORMATS",
                         help="comma-separated output formats: parquet,csv (default: both)")
    extract.add_argument("--max-mb", type=float, default=MAX_BYTES / 2**20, metavar="MB",
                         help="skip (as an error row) files larger than this (default: %(default).0f)")
    extract.add_argument("--workers", type=positive_int, default=1, metavar="N",
                         help="worker processes (default 1); output is identical for any N")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary line")
    extract.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from pipeline.io import find_inputs
    from pipeline.run import run
    from pipeline.nlp import Tools

    try:
        find_inputs(args.inputs)          # usage errors before the models load
        if args.out.exists() and not args.out.is_dir():
            raise UsageError(f"{args.out}: --out must be a folder, and this is a file")
        tools = Tools.build() if args.workers == 1 else None     # workers build their own, in parallel
        summary = run(args.inputs, args.out, tools, formats=args.format,
                      progress=not args.quiet and sys.stderr.isatty(), max_bytes=int(args.max_mb * 2**20), workers=args.workers)
    except UsageError as exc:
        print(f"pressfacts: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:                # the outputs could not be written (disk full, permissions)
        print(f"pressfacts: error: cannot write the tables to {args.out}: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return summary.exit_code


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

"""The archive and streaming, measured: re-ingest against first ingest, memory against corpus size, kill -9.

    python benchmarks/archive.py [--docs 2000] [--large 20000] [--kills 20] [--kill-docs 400] [--seed 1]

On distinct documents (benchmarks/distinct_corpus.py: paragraphs of corpus/ and the devset recombined),
each command a whole process (`python -m pipeline ...`), models included:
  1. `ingest` of --docs documents into a new archive, then `ingest` of the same documents again (best
     of 3): the second must skip everything, and be at least 50x faster;
  2. peak RSS of `extract` and of `ingest` over --docs and over --large documents: streaming means the
     larger run needs about the memory of the smaller (the target: within 15%);
  3. --kills times: `ingest` of --kill-docs documents killed with SIGKILL at a random moment of its run,
     then `ingest` again until it finishes; the final archive is compared with one an uninterrupted
     ingest made (every table, every column but the two timestamps). The count of archives that differ
     must be 0.
Not part of the test suite: numbers depend on the machine, so they are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from benchmarks.distinct_corpus import build  # noqa: E402
from pipeline.io import TABLES  # noqa: E402


def timed(*argv) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of `python -m pipeline ARGV`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, argv), "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{argv} failed ({code}): {proc.stderr.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024, code


def snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(f"SELECT * EXCLUDE (first_seen, last_changed) FROM {name} ORDER BY seq"
                                  if name == "documents" else
                                  f"SELECT * FROM {name} ORDER BY seq, row_no").fetchall() for name in TABLES}
    finally:
        con.close()


def committed_documents(db: Path) -> int:
    """Documents in an archive (0 when the ingest was killed before it made the file or its tables)."""
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'documents'").fetchall()[0][0] \
            and con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    finally:
        con.close()


def reingest(tmp: Path, corpus: Path, n_docs: int) -> None:
    db = tmp / "reingest.duckdb"
    first, first_rss, _ = timed("ingest", corpus, "--db", db)
    again = [timed("ingest", corpus, "--db", db) for _ in range(3)]
    best = min(s for s, _, _ in again)
    print(f"\n1. ingest of {n_docs} documents: first {first:.2f} s ({n_docs / first:.1f} docs/s, peak RSS "
          f"{first_rss:.0f} MB); again (all unchanged): {best:.2f} s, best of 3 ({max(r for _, r, _ in again):.0f} MB)"
          f" -> {first / best:.0f}x faster (target: 50x)")


def memory(tmp: Path, corpora: dict[int, Path]) -> None:
    print("\n2. peak RSS against corpus size (one process each)")
    print(f"{'command':10}{'documents':>11}{'seconds':>9}{'docs/s':>8}{'peak RSS MB':>13}")
    peaks: dict[str, list[float]] = {"extract": [], "ingest": []}
    for n, corpus in corpora.items():
        for command in ("extract", "ingest"):
            target = ["--out", tmp / f"out{n}"] if command == "extract" else ["--db", tmp / f"mem{n}.duckdb"]
            seconds, rss, _ = timed(command, corpus, *target)
            peaks[command].append(rss)
            print(f"{command:10}{n:>11}{seconds:>9.1f}{n / seconds:>8.1f}{rss:>13.0f}")
    sizes = list(corpora)
    for command, (small, large) in peaks.items():
        print(f"{command}: {sizes[1]} documents need {100 * (large / small - 1):+.1f}% of the peak RSS of "
              f"{sizes[0]} (target: within 15%)")


def kills(tmp: Path, corpus: Path, n_docs: int, n_kills: int, seed: int) -> None:
    clean = tmp / "clean.duckdb"
    seconds, _, _ = timed("ingest", corpus, "--db", clean)
    expected = snapshot(clean)
    rng = random.Random(seed)
    differ = mid_run = 0
    print(f"\n3. kill -9 during an ingest of {n_docs} documents (an uninterrupted one: {seconds:.1f} s), then ingest again")
    print(f"{'run':>4}{'killed at s':>13}{'documents committed':>21}{'ingests to finish':>19}{'equal':>7}")
    for k in range(1, n_kills + 1):
        db = tmp / f"killed{k}.duckdb"
        at = rng.uniform(0.0, seconds)
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(corpus), "--db", str(db), "--quiet"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(at)
        running = proc.poll() is None
        if running:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        mid_run += running
        committed = committed_documents(db)
        runs = 1
        while timed("ingest", corpus, "--db", db)[2] not in (0, 1):
            runs += 1
        equal = snapshot(db) == expected
        differ += not equal
        print(f"{k:>4}{at:>13.2f}{committed:>21}{runs:>19}{'yes' if equal else 'NO':>7}")
    print(f"{n_kills} kills ({mid_run} while the ingest was running): {differ} final archives differ from the "
          "uninterrupted one (target: 0)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--kill-docs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, duckdb {duckdb.__version__}")
    with tempfile.TemporaryDirectory(prefix="pressfacts-archive-bench-") as tmp:
        tmp = Path(tmp)
        corpora = {}
        for n in sorted({args.docs, args.large, args.kill_docs}):
            corpora[n] = tmp / f"corpus{n}"
            chars = build(corpora[n], n, args.seed)
            print(f"corpus of {n} distinct documents: {chars:,} characters")
        reingest(tmp, corpora[args.docs], args.docs)
        memory(tmp, {args.docs: corpora[args.docs], args.large: corpora[args.large]})
        kills(tmp, corpora[args.kill_docs], args.kill_docs, args.kills, args.seed)


if __name__ == "__main__":
    main()

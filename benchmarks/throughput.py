"""Throughput of pressfacts against natasha's standard pipeline, each timed as a whole process.

    python benchmarks/throughput.py [--docs 400] [--rounds 3] [--workers 1,2]

Builds a corpus of at least --docs documents by cycling corpus/ (its .txt files) and
../shared/data/factrueval2016/devset/*.txt, then runs, alternating round by round:
  (a) `python -m pipeline extract CORPUS --out DIR --quiet [--workers N]` for each N in --workers
  (b) benchmarks/natasha_full.py over the same files
and prints docs/s, characters/s and peak RSS (of that process and its children) for each, the best
of the rounds, and the ratios; then the start-up time of pressfacts (imports + models + parsers).
Not part of the test suite: numbers depend on the machine, so they are printed, never asserted.
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "data" / "factrueval2016" / "devset"


def build_corpus(folder: Path, n_docs: int) -> tuple[int, int]:
    """Copy corpus/*.txt and the devset texts round-robin into `folder` until it holds n_docs files."""
    sources = sorted((ROOT / "corpus").glob("*.txt")) + sorted(DEVSET.glob("*.txt"))
    sources = [p for p in sources if p.name.lower() != "readme.txt"]
    if not sources:
        sys.exit("no source texts found (corpus/ and ../shared/data/factrueval2016/devset)")
    chars = 0
    for i in range(n_docs):
        src = sources[i % len(sources)]
        raw = src.read_bytes()
        for enc in ("utf-8-sig", "cp1251"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        (folder / f"{i:05d}_{src.stem}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return n_docs, chars


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process of its tree) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_maxrss / 1024      # Linux: KB; covers the waited-for worker processes too


def startup_seconds() -> float:
    code = ("import time; t = time.perf_counter(); from pipeline.nlp.tools import Tools; Tools.build(); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", default="1", help="comma-separated worker counts for pressfacts (e.g. 1,2)")
    ap.add_argument("--skip-natasha", action="store_true")
    args = ap.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    # Byte-compile pressfacts as pip compiles an installed package (natasha's is, in site-packages):
    # with an editable install and PYTHONDONTWRITEBYTECODE set, every process would compile it (~0.07 s).
    for package in ("pipeline", "grammars"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="pressfacts-bench-") as tmp:
        tmp = Path(tmp)
        corpus, out = tmp / "corpus", tmp / "out"
        corpus.mkdir()
        n_docs, n_chars = build_corpus(corpus, args.docs)
        systems = {f"pressfacts --workers {w}": [sys.executable, "-m", "pipeline", "extract", str(corpus),
                                                 "--out", str(out / f"w{w}"), "--quiet", "--workers", str(w)]
                   for w in workers}
        if not args.skip_natasha:
            systems["natasha full"] = [sys.executable, str(ROOT / "benchmarks" / "natasha_full.py"), str(corpus),
                                       str(tmp / "natasha.jsonl")]
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in systems}
        for r in range(args.rounds):
            for name, cmd in systems.items():
                runs[name].append(timed(cmd))
                print(f"round {r + 1}: {name}: {runs[name][-1][0]:.2f} s", file=sys.stderr)
        startup = [startup_seconds() for _ in range(3)]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; corpus: {n_docs} docs, {n_chars:,} chars; "
          f"best of {args.rounds} rounds, each a whole process (model loading included)")
    print(f"{'system':26}{'seconds':>9}{'docs/s':>9}{'chars/s':>11}{'peak RSS MB':>13}")
    best = {}
    for name, results in runs.items():
        seconds = min(s for s, _ in results)
        rss = max(m for _, m in results)
        best[name] = seconds
        print(f"{name:26}{seconds:>9.2f}{n_docs / seconds:>9.1f}{n_chars / seconds:>11,.0f}{rss:>13.0f}")
    base = best.get(f"pressfacts --workers {workers[0]}")
    if "natasha full" in best and base:
        print(f"pressfacts --workers {workers[0]} vs natasha full: {best['natasha full'] / base:.1f}x docs/s")
    for w in workers[1:]:
        print(f"pressfacts --workers {w} vs --workers {workers[0]}: {base / best[f'pressfacts --workers {w}']:.2f}x")
    print(f"start-up (imports + models + parsers): median {statistics.median(startup):.2f} s")


if __name__ == "__main__":
    main()

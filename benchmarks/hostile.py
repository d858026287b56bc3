"""Hostile input (issue 19): time, peak RSS and outcome of `pressfacts extract` on each hostile shape.

    .venv/bin/python benchmarks/hostile.py                      # every case, the table on stdout
    .venv/bin/python benchmarks/hostile.py --cases digits,html  # some of them
    .venv/bin/python benchmarks/hostile.py --cap 120            # kill a case after 120 s ("killed")
    .venv/bin/python benchmarks/hostile.py --kill-tries 20      # kill -9 during writing, 20 random moments
    PYTHONPATH=/tmp/before benchmarks/hostile.py --old          # an older checkout (no issue-19 flags)

Each case is one run of the command line in a fresh process, on a file made here; its seconds include
the ~1 s of building the models, and its peak RSS is that of the run and its children (wait4). A text
case's file is processed in one batch with 31 ordinary press releases (the corpus's, over and over), and
the `baseline` row is that batch with a 32nd ordinary release: `extra MB` is the peak above the baseline
row, the memory the case's one document costs above an ordinary batch (issue 19: within 30x the text's
size, counted as the 2 bytes a character Python stores Cyrillic text in). Sizes are characters of text
(tags for the HTML case). A text case's row is the median of `--repeat` runs (3). `--in-process` runs the
text cases with `--doc-timeout 0` (no child process).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PY = sys.executable
RUN_DIR = Path(tempfile.gettempdir())   # not ROOT: `python -m` puts its folder first, before PYTHONPATH
WORDS = "в городе открыли новые школы и детские сады а также поликлиники для жителей района".split()


def digits(n: int) -> str:
    return "Всего " + "1234567890" * (n // 10) + " рублей."


def alnum(n: int) -> str:
    return ("ab12cd34эю56я7" * (n // 14 + 1))[:n]


def no_full_stop(n: int) -> str:
    rng = random.Random(n)
    words, size = [], 0
    while size < n:
        word = str(rng.randint(1, 999)) if rng.random() < 0.1 else rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


CUES = "летом по данным Мосстата выросло на 5% в год и планируется 10 школ "


def cues(n: int) -> str:
    """No full stop, but a date, a source, a change, a rate and a plan every 70 characters: every stage
    that reads around a claim (periods, sources, claim semantics, posts) has work at every claim."""
    return (CUES * (n // len(CUES) + 1))[:n]


def stray_tags(n: int) -> str:
    """n elements left open, then n closing tags that close none of them."""
    return ("<html><body><article><p>В Москве открыли 5 школ.</p>" + "<span>" * n + "</div>" * n
            + "</article></body></html>")


def big_text(mb: int) -> str:
    release = (CORPUS / "000_87938b6d2d0e720c.txt").read_text(encoding="utf-8")
    body = release.split("\n", 1)[1]
    return body * (mb * 2**20 // len(body.encode()) + 1)


def run(args: list[str], cap: float, stdin=None) -> tuple[float, float, int | str]:
    """Seconds, peak RSS (MB) of the process and its waited-for children, exit code (or 'killed')."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=RUN_DIR,
                            start_new_session=True)
    killed = threading.Event()

    def kill():
        killed.set()
        os.killpg(proc.pid, signal.SIGKILL)
    timer = threading.Timer(cap, kill)
    timer.start()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    run.last_stderr = stderr.decode("utf-8", "replace")
    return seconds, usage.ru_maxrss / 1024, "killed" if killed.is_set() else proc.returncode


def extract(inputs: list[str], out: Path, extra: list[str]) -> list[str]:
    return [PY, "-m", "pipeline", "extract", *inputs, "--out", str(out), "--quiet", *extra]


def outcome(out: Path) -> str:
    """The documents' statuses and the first error's type, from the documents and errors tables."""
    import pandas as pd

    try:
        docs = pd.read_parquet(out / "documents.parquet")
        errors = pd.read_parquet(out / "errors.parquet")
    except (OSError, ValueError):
        return "no tables"
    statuses = ", ".join(f"{n} {s}" for s, n in docs["status"].value_counts().items()) or "0 documents"
    first = f"; {errors['error_type'].iloc[0]}: {errors['message'].iloc[0][-60:]}" if len(errors) else ""
    return statuses + first


ORDINARY = 31   # ordinary releases in a text case's batch (pipeline.run.BATCH documents with the case's)


def in_batch(work: Path, path: Path) -> Path:
    """A folder with ORDINARY releases and `path` after them (one batch of the run)."""
    folder = work / f"batch_{path.stem}"
    folder.mkdir()
    releases = sorted(p for p in CORPUS.glob("*.txt"))
    for i in range(ORDINARY):
        shutil.copy(releases[i % len(releases)], folder / f"{i:02d}_{releases[i % len(releases)].name}")
    shutil.copy(path, folder / f"zz_{path.name}")
    return folder


def text_cases(work: Path, old: bool) -> list[tuple[str, str, Path, list[str]]]:
    """(case, size, file, extra args)"""
    cases = [("baseline", "1 release", CORPUS / "101_synthetic_transport.txt", [])]
    for n in (10_000, 40_000):
        cases.append(("digits", f"{n // 1000}k", write(work / f"digits{n}.txt", digits(n)), []))
    for n in (50_000, 200_000):
        cases.append(("alnum", f"{n // 1000}k", write(work / f"alnum{n}.txt", alnum(n)), []))
    for n in (50_000, 100_000, 200_000):
        cases.append(("nostop", f"{n // 1000}k", write(work / f"nostop{n}.txt", no_full_stop(n)), []))
    for n in (50_000, 100_000, 200_000):
        cases.append(("cues", f"{n // 1000}k", write(work / f"cues{n}.txt", cues(n)), []))
    for n in (20_000, 100_000):
        cases.append(("html", f"{n // 1000}k tags", write(work / f"tags{n}.html", stray_tags(n)), []))
    return cases


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def measure(rows: list, case: str, size: str, inputs: list[str], extra: list[str], cap: float, work: Path,
            chars: int | None = None, repeat: int = 1) -> None:
    """One row of the table: the median of `repeat` runs' seconds and peak RSS (a peak moves by a few MB
    from run to run on a shared machine)."""
    runs = []
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(dir=work))
        runs.append(run(extract(inputs, out, extra), cap))
        if len(runs) < repeat:
            shutil.rmtree(out, ignore_errors=True)
    seconds, rss = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    code = runs[-1][2]
    if case == "baseline":
        measure.baseline = rss
    extra_mb = rss - getattr(measure, "baseline", rss)
    budget = f"{extra_mb:.0f} / {30 * chars * 2 / 2**20:.0f}" if chars else f"{extra_mb:.0f}"
    result = outcome(out) if code != "killed" else "killed after the cap"
    if code not in (0, 1, "killed"):
        result = run.last_stderr.strip().splitlines()[-1][:100] if run.last_stderr.strip() else result
    rows.append((case, size, f"{seconds:.1f}", f"{rss:.0f}", budget, str(code), result))
    print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    shutil.rmtree(out, ignore_errors=True)


def special_cases(rows: list, work: Path, cap: float, old: bool) -> None:
    """FIFOs, symlinks out of the tree, /dev/zero, a 200 MB text."""
    tree = work / "tree"
    tree.mkdir()
    shutil.copy(CORPUS / "000_87938b6d2d0e720c.txt", tree / "ok.txt")
    fifo = work / "pipe.txt"
    os.mkfifo(fifo)
    measure(rows, "fifo", "given", [str(fifo)], [], cap, work)
    (tree / "pipe.txt").symlink_to(fifo)
    measure(rows, "fifo", "symlink in folder", [str(tree)], [], cap, work)
    (tree / "pipe.txt").unlink()
    (tree / "zero.txt").symlink_to("/dev/zero")
    measure(rows, "/dev/zero", "symlink in folder", [str(tree)], [], cap, work)
    (tree / "zero.txt").unlink()
    (tree / "passwd.txt").symlink_to("/etc/passwd")
    measure(rows, "symlink out", "passwd.txt", [str(tree)], [], cap, work)
    (tree / "passwd.txt").unlink()
    big = write(work / "big.txt", big_text(200))
    chars = len(big.read_text(encoding="utf-8"))
    measure(rows, "200 MB text", "--max-mb 250", [str(big)], ["--max-mb", "250"], cap, work, chars=chars)
    big.unlink()


def descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def kill_worker(rows: list, work: Path, cap: float) -> None:
    """`--workers 2` over 64 documents; kill -9 one worker process once it is busy."""
    import psutil

    docs = work / "docs"
    docs.mkdir()
    for i in range(64):
        shutil.copy(CORPUS / sorted(os.listdir(CORPUS))[i % 13], docs / f"{i:03}.txt")
    out = work / "killed-worker"
    started = time.perf_counter()
    proc = subprocess.Popen(extract([str(docs)], out, ["--workers", "2"]), cwd=RUN_DIR, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    victim = None
    while victim is None and proc.poll() is None and time.perf_counter() - started < cap:
        time.sleep(0.5)
        busy = [p for p in descendants(proc.pid) if psutil.Process(p).cpu_percent(0.2) > 50]
        if busy and time.perf_counter() - started > 8:
            victim = busy[-1]
            os.kill(victim, signal.SIGKILL)
    try:
        proc.wait(timeout=max(1.0, cap - (time.perf_counter() - started)))
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        code = "hung (killed after the cap)"
    seconds = time.perf_counter() - started
    rows.append(("kill -9 worker", "64 docs, --workers 2", f"{seconds:.1f}", "", "", str(code),
                 outcome(out) if code != "hung (killed after the cap)" else "no output"))
    print(" | ".join(rows[-1]), file=sys.stderr, flush=True)


def kill_writing(work: Path, tries: int, cap: float) -> tuple[int, int, int]:
    """kill -9 a run over set B at a random moment while --out holds set A's tables; then count the tries
    where --out mixes tables of A and B, and the leftovers (files no complete run writes) after a next
    run finished. Returns (tries, mixed, tries with leftovers)."""
    import pandas as pd

    a, b = work / "setA", work / "setB"
    a.mkdir()
    b.mkdir()
    names = sorted(os.listdir(CORPUS))
    for i, name in enumerate(names):
        shutil.copy(CORPUS / name, (a / f"a{i}.txt") if i % 2 else (b / f"b{i}.txt"))
    out = work / "out"
    mixed = leftovers = 0
    rng = random.Random(19)
    subprocess.run(extract([str(a)], out, []), cwd=RUN_DIR, check=False, stderr=subprocess.DEVNULL)
    expected = {p.name for p in out.iterdir()}
    for attempt in range(tries):
        proc = subprocess.Popen(extract([str(b)], out, []), cwd=RUN_DIR, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(2.0, 9.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        ids = set()
        for name in ("documents", "facts", "dates", "errors", "quotes", "people", "positions"):
            for path in (out / f"{name}.parquet", out / f"{name}.csv"):
                try:
                    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
                except (OSError, ValueError):
                    ids.add("unreadable")
                    continue
                key = "source_path" if name == "errors" else "doc_id"
                ids |= {str(v)[0] for v in frame[key].dropna()} if name != "errors" else set()
        mixed += len(ids - {"unreadable"}) > 1 or "unreadable" in ids
        subprocess.run(extract([str(a)], out, []), cwd=RUN_DIR, check=False, stderr=subprocess.DEVNULL)
        leftovers += bool({p.name for p in out.iterdir()} - expected)
        print(f"kill -9 while writing, try {attempt + 1}: ids {sorted(ids)}; mixed {mixed}, leftovers "
              f"{leftovers}", file=sys.stderr, flush=True)
    return tries, mixed, leftovers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="text,special,worker", help="text,special,worker,writing")
    parser.add_argument("--cap", type=float, default=180.0, help="seconds before a case is killed")
    parser.add_argument("--kill-tries", type=int, default=20)
    parser.add_argument("--old", action="store_true", help="a checkout without --doc-timeout")
    parser.add_argument("--in-process", action="store_true", help="text cases with --doc-timeout 0")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each text case (the median is shown)")
    args = parser.parse_args()
    chosen = set(args.cases.split(","))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    rows: list = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for case, size, path, extra in text_cases(work, args.old):
            if "text" in chosen or case == "baseline":
                chars = len(path.read_text(encoding="utf-8"))
                extra += ["--doc-timeout", "0"] if args.in_process else []
                measure(rows, case, size, [str(in_batch(work, path))], extra, args.cap, work, chars=chars,
                        repeat=args.repeat)
        if "special" in chosen:
            special_cases(rows, work, args.cap, args.old)
        if "worker" in chosen:
            kill_worker(rows, work, args.cap)
        header = ("case", "size", "seconds", "peak RSS MB", "extra MB / 30x budget", "exit", "outcome")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        if "writing" in chosen:
            tries, mixed, left = kill_writing(work, args.kill_tries, args.cap)
            print(f"\nkill -9 during a run into a full --out, {tries} tries: {mixed} mixed sets, "
                  f"{left} with leftovers after the next run")


if __name__ == "__main__":
    main()

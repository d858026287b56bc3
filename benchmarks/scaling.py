"""Scale-out measured: one process against a Dask LocalCluster of two workers, on distinct documents.

    python benchmarks/scaling.py [--docs 2000] [--rounds 2] [--scheduler local:2] [--seed 1]

Builds --docs distinct releases (benchmarks/distinct_corpus.py), then times, alternating round by round,
whole processes: `python -m pipeline extract CORPUS --out DIR` and the same with `--scheduler local:2`.
While each runs, the processes it starts are sampled from /proc (every 0.1 s): their CPU seconds and peak
RSS, so the report says where the time goes (this process: reading, scheduling, writing the tables; each
worker: imports, models, extraction) and what each worker holds. Also the start-up of the cluster alone.
Not part of the test suite: numbers depend on the machine, so they are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.distinct_corpus import build  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> dict[int, dict]:
    """pid -> {ppid, cpu seconds, peak RSS MB, role} for `root` and its descendants, read from /proc."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
        table[int(entry)] = {"ppid": int(fields[1]), "cpu": (int(fields[11]) + int(fields[12])) / TICK,
                             "rss": hwm / 1024, "cmd": cmdline}
    tree, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in table:
            tree[pid] = table[pid]
            frontier += [p for p, info in table.items() if info["ppid"] == pid]
    return tree


def role(pid: int, root: int, info: dict) -> str:
    if pid == root:
        return "client (reads, schedules, writes)"
    if "resource_tracker" in info["cmd"]:
        return "multiprocessing resource tracker"
    return "worker" if "spawn_main" in info["cmd"] or "forkserver" in info["cmd"] else "nanny/other"


def timed(argv: list[str]) -> tuple[float, dict[int, dict], int]:
    """Wall seconds, the last sample of each process of the tree, and the root's pid."""
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *argv], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    started = time.perf_counter()
    seen: dict[int, dict] = {}
    done = threading.Event()

    def sample():                            # the largest figures seen: a process that exits reads as empty
        while not done.is_set():
            for pid, info in process_tree(proc.pid).items():
                last = seen.setdefault(pid, info)
                last.update(cpu=max(last["cpu"], info["cpu"]), rss=max(last["rss"], info["rss"]),
                            cmd=last["cmd"] or info["cmd"])
            time.sleep(0.1)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if code not in (0, 1):
        sys.exit(f"{argv} failed ({code}): {proc.stderr.read().decode(errors='replace')}")
    return seconds, seen, proc.pid


def cluster_startup(scheduler: str) -> tuple[float, float]:
    """Seconds to start the cluster, then for its workers to import pressfacts and build their models."""
    code = ("import time; t = time.perf_counter()\n"
            "from pipeline.cluster import connect\n"
            f"with connect({scheduler!r}) as client:\n"
            "    up = time.perf_counter() - t\n"
            "    client.run(lambda: __import__('pipeline.nlp', fromlist=['Tools']).Tools.build() and None)\n"
            "    print(up, time.perf_counter() - t - up)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    up, models = map(float, out.stdout.split())
    return up, models


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--scheduler", default="local:2")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pressfacts-scaling-") as tmp:
        tmp = Path(tmp)
        chars = build(tmp / "corpus", args.docs, args.seed)
        systems = {"one process": [], f"--scheduler {args.scheduler}": ["--scheduler", args.scheduler]}
        runs: dict[str, list] = {name: [] for name in systems}
        for r in range(args.rounds):
            for name, extra in systems.items():
                runs[name].append(timed(["extract", str(tmp / "corpus"), "--out", str(tmp / "out"), "--quiet", *extra]))
                print(f"round {r + 1}: {name}: {runs[name][-1][0]:.2f} s", file=sys.stderr)
        up, models = cluster_startup(args.scheduler)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {args.docs} distinct documents, {chars:,} characters; best of {args.rounds}")
    best = {name: min(results, key=lambda r: r[0]) for name, results in runs.items()}
    single = best["one process"][0]
    print(f"{'system':26}{'seconds':>9}{'docs/s':>9}{'vs one process':>16}")
    for name, (seconds, _, _) in best.items():
        print(f"{name:26}{seconds:>9.2f}{args.docs / seconds:>9.1f}{single / seconds:>15.2f}x")
    print(f"cluster start-up: {up:.2f} s to start it, then {models:.2f} s for its workers to build their models")
    print("\nwhere the time goes (CPU seconds and peak RSS per process, best round)")
    for name, (seconds, tree, root) in best.items():
        total = sum(info["cpu"] for info in tree.values())
        print(f"  {name}: {seconds:.2f} s wall, {total:.1f} s CPU in {len(tree)} processes "
              f"({total / seconds:.2f} cores busy on average)")
        for pid, info in sorted(tree.items(), key=lambda kv: (kv[0] != root, kv[0])):
            print(f"    {role(pid, root, info):36}{info['cpu']:>7.1f} s CPU{info['rss']:>8.0f} MB")


if __name__ == "__main__":
    main()

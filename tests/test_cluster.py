"""Scale-out on Dask: the tables (and the archive) a cluster makes equal those of one process, on a
LocalCluster (`--scheduler local:2`) and on a real one (`dask scheduler` and two `dask worker` processes on
127.0.0.1), with a worker killed mid-run; errors stay rows; without --scheduler Dask is not imported."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import cli
from pipeline.io.load import decode

from conftest import CORPUS, ROOT
from test_store import snapshot

DEVSET = ROOT.parent / "shared" / "data" / "factrueval2016" / "devset"
DASK = str(Path(sys.executable).parent / "dask")


def extract(inputs, out: Path, *options) -> int:
    return cli.main(["extract", *map(str, inputs), "--out", str(out), "--quiet", *options])


def same_files(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in b.iterdir() if not p.name.startswith(".")) and names
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """corpus/, bad inputs (they must stay error rows on a cluster), and the devset when it is here."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (bad / "feed.jsonl").write_text('{"id": "ok1", "text": "Открыто 5 школ."}\n{broken\n', encoding="utf-8")
    return [CORPUS, bad, *([DEVSET] if DEVSET.is_dir() else [])]


@pytest.fixture(scope="module")
def one_process(inputs, tools, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
        assert extract(inputs, out) == 1                       # the bad inputs
    return out


def test_local_cluster_equals_one_process(inputs, one_process, tmp_path):
    assert extract(inputs, tmp_path / "out", "--scheduler", "local:2") == 1
    same_files(one_process, tmp_path / "out")
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8")
    assert "binary file, not text" in errors and "not valid JSON" in errors


def test_workers_n_is_local_n(tmp_path, one_process):
    assert extract([CORPUS], tmp_path / "a", "--workers", "2") == 0
    assert extract([CORPUS], tmp_path / "b", "--scheduler", "local:2") == 0
    same_files(tmp_path / "a", tmp_path / "b")


def test_archive_on_a_cluster_equals_one_process(tools, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    assert cli.main(["ingest", str(CORPUS), "--db", str(tmp_path / "one.duckdb"), "--quiet"]) == 0
    assert cli.main(["ingest", str(CORPUS), "--db", str(tmp_path / "two.duckdb"), "--quiet",
                     "--scheduler", "local:2"]) == 0
    assert snapshot(tmp_path / "one.duckdb") == snapshot(tmp_path / "two.duckdb")


@pytest.mark.parametrize("address", ["local:0", "local:x", "8786", "http://host:8786"])
def test_bad_scheduler_addresses(address, tmp_path, capsys):
    assert extract([CORPUS], tmp_path / "o", "--scheduler", address) == 2
    assert capsys.readouterr().err.startswith(f"pressfacts: error: --scheduler {address!r}: expected local:N")


def test_without_scheduler_dask_is_not_imported(tmp_path):
    code = ("import sys\nfrom pipeline.cli import main\n"
            f"main(['extract', {str(CORPUS / '103_synthetic_schools.txt')!r}, '--out', {str(tmp_path)!r}, '--quiet'])\n"
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---- a real cluster: processes on 127.0.0.1 ----

class Cluster:
    """`dask scheduler` and two `dask worker` processes (no nanny: a killed worker stays dead)."""

    def __init__(self, folder: Path):
        self.file = folder / "scheduler.json"
        self.scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                           "--no-dashboard", "--scheduler-file", str(self.file)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not self.file.exists() or not self.file.read_text().strip():
            assert time.monotonic() < deadline and self.scheduler.poll() is None, "the scheduler did not start"
            time.sleep(0.1)
        time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = [subprocess.Popen([DASK, "worker", self.address, "--no-nanny", "--nthreads", "1",
                                          "--host", "127.0.0.1", "--no-dashboard"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
        from distributed import Client
        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)

    def close(self):
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def cluster(tmp_path):
    if not os.path.exists(DASK):
        pytest.skip(f"{DASK}: no dask command in this environment")
    running = Cluster(tmp_path)
    yield running
    running.close()


def test_a_real_cluster_equals_one_process(cluster, inputs, one_process, tmp_path):
    assert extract(inputs, tmp_path / "out", "--scheduler", cluster.address) == 1
    same_files(one_process, tmp_path / "out")


def many_documents(folder: Path, copies: int) -> Path:
    """corpus/ texts in `copies` subfolders, each copy made distinct by a line of its own."""
    for n in range(copies):
        sub = folder / f"part{n}"
        sub.mkdir(parents=True)
        for path in sorted(CORPUS.glob("*.txt")):
            (sub / path.name).write_text(decode(path.read_bytes(), str(path)) + f"\nКопия {n}.\n", encoding="utf-8")
    return folder


def test_a_worker_killed_mid_run_is_replaced_and_nothing_is_lost(cluster, tools, tmp_path, monkeypatch):
    corpus = many_documents(tmp_path / "in", copies=24)               # 240 documents, 8 tasks
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    assert extract([corpus], tmp_path / "one") == 0
    out = tmp_path / "cluster"
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out), "--quiet",
                            "--scheduler", cluster.address], cwd=ROOT, stderr=subprocess.PIPE, text=True)

    def written() -> int:                    # bytes of documents' rows streamed so far
        return sum(p.stat().st_size for p in out.glob(".pressfacts/gen-*/documents.csv")) if out.exists() else 0
    deadline = time.monotonic() + 120
    while written() < 20_000:
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before a worker could be killed"
        time.sleep(0.02)
    os.kill(cluster.workers[0].pid, signal.SIGKILL)
    assert run.wait(timeout=300) == 0, run.stderr.read()
    assert cluster.workers[0].wait(timeout=10) == -signal.SIGKILL
    same_files(tmp_path / "one", out)
    shutil.rmtree(corpus)


def test_a_batch_the_cluster_gives_up_on_is_error_rows():
    """Dask retries a batch whose worker died; when it gives up (KilledWorker), each of the batch's
    documents is an errors row of stage `worker`, and the batch's load errors stay as they were."""
    from distributed import KilledWorker

    from pipeline.io import load_text, rows_of
    from pipeline.records import ErrorRow
    from pipeline.run import merged_from_worker
    first, second = load_text("Открыто 5 школ.", doc_id="a"), load_text("Открыто 7 школ.", doc_id="b")
    unreadable = ErrorRow("x.txt", "x", "load", "InputError", "x.txt: empty file")
    gave_up = KilledWorker("process_in_worker-1", SimpleNamespace(address="tcp://127.0.0.1:1"), 3)
    outcomes = list(merged_from_worker([first, unreadable, second], gave_up))
    assert [o.doc.doc_id if hasattr(o, "doc") else o.doc_id for o in outcomes] == ["a", "x", "b"]
    errors = [rows_of(o)["errors"][0] for o in (outcomes[0], outcomes[2])]
    assert [(e["doc_id"], e["stage"], e["error_type"]) for e in errors] == [("a", "worker", "KilledWorker"),
                                                                           ("b", "worker", "KilledWorker")]
    assert outcomes[1] is unreadable

"""Where batches of documents run: in a guarded child process (a time budget per document), or on a Dask
cluster's workers, results coming back in order.

    guard = Guard(work, timeout=60)     # work(docs, progress, done); progress(i) before document i
    guard.run(docs)  -> one result per document: work's, or an Exception for a document that overran / died
    with connect("local:2") as client:           # a LocalCluster of 2 worker processes, for this run
        for batch, results in in_order(client, work, batches, window=6): ...
    connect("tcp://10.0.0.5:8786")                 # a running cluster (`dask scheduler`, `dask worker ...`)

A guard forks its child from this process after the models are built, so it starts at once and shares
their memory; a stage cannot be interrupted inside Python (a regex, a parser's chart), a process can.
The child says which document it is on and hands each result back as soon as it is done; the budget
starts again with each message. When it runs out while the batch is shared (NER tags the whole batch
at once), the documents left are run again one at a time, so that only the one that overruns is lost.

Documents are shipped from this process with their batch, so workers need pressfacts installed, not the
input files. Each worker builds the models once, on its first batch (pipeline.run keeps them per process);
a worker that dies has its batches run again elsewhere by Dask. Only `--scheduler` (or `--workers N`)
imports Dask.
"""
from __future__ import annotations

import ctypes
import gc
import logging
import os
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, Pipe

from pipeline.io import UsageError

log = logging.getLogger(__name__)
_exit = os._exit      # a guard's child ends with this one, whatever replaces os._exit later (tests do)

LOCAL = re.compile(r"local:(\d+)")
# A worker runs its batch in a thread beside its event loop; every wake-up of the loop takes the GIL from
# the extraction. Dask's defaults wake it every 20 ms (latency ticks), every 10 ms (statistical profiler)
# and every 500 ms (system monitor); a batch takes seconds, so these few checks are plenty.
CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
          "distributed.admin.tick.limit": "30s", "distributed.admin.system-monitor.interval": "5s",
          "distributed.admin.system-monitor.gil.enabled": False, "distributed.worker.memory.monitor-interval": "1s"}
REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc)://\S+")


def check_address(address: str) -> str:
    """`local:N` (N >= 1) or a scheduler's address (`tcp://host:8786`); anything else is a usage error."""
    local = LOCAL.fullmatch(address)
    if (local and int(local.group(1)) >= 1) or REMOTE.fullmatch(address):
        return address
    raise UsageError(f"--scheduler {address!r}: expected local:N (N worker processes started for this run) "
                     "or a scheduler's address such as tcp://127.0.0.1:8786")


@contextmanager
def connect(address: str):
    """A Dask client: of a LocalCluster started for the run (`local:N`), or of a running scheduler."""
    check_address(address)
    from distributed import Client, LocalCluster

    if not logging.getLogger("pipeline").isEnabledFor(logging.DEBUG):     # Dask's INFO lines only with -v
        logging.getLogger("distributed").setLevel(logging.ERROR)

    local = LOCAL.fullmatch(address)
    import dask
    dask.config.set(CONFIG)
    if local:
        # one thread a worker: the extraction is pure Python and holds the GIL; loopback only; no dashboard
        # the scheduler's HTTP server (health checks) on a free port: 8787 may be another run's
        cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(address, timeout="10s")
        except OSError as exc:
            raise UsageError(f"--scheduler {address}: no Dask scheduler answers there ({exc})") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def n_workers(client) -> int:
    return max(1, sum(client.nthreads().values()))


def in_order(client, work: Callable, batches: Iterable, window: int, payload=lambda batch: batch) -> Iterator[tuple]:
    """(batch, work(payload(batch))) for each batch, in order, `window` of them in flight at a time; where a
    batch could not be done (its workers kept dying: Dask gives up after a few tries) its result is the
    exception instead."""
    pending: deque = deque()

    def finished():
        batch, future = pending.popleft()
        try:
            return batch, future.result()
        except Exception as exc:            # KilledWorker and the like: the caller makes errors rows of it
            log.warning("a batch of %d documents failed on the cluster: %s", len(batch), exc)
            return batch, exc

    for batch in batches:
        pending.append((batch, client.submit(work, payload(batch), pure=False)))
        if len(pending) >= window:
            yield finished()
    while pending:
        yield finished()


# ---- the guard: a time budget per document ----
SHARED = -1      # progress(SHARED): a step for the whole batch (NER) begins


class DocumentTimeout(Exception):
    """A document took longer than the time budget."""


class WorkerDied(Exception):
    """The process running a document ended without an answer (killed, out of memory, a crash)."""


class Guard:
    def __init__(self, work: Callable, timeout: float):
        self.work, self.timeout = work, timeout
        self.pid: int | None = None
        self.conn: Connection | None = None

    def run(self, docs: list) -> list:
        """work(docs) in the child, with an Exception in place of each document's result that overran."""
        results: dict[int, object] = {}
        todo = list(range(len(docs)))
        alone = False                          # after a shared step overran: one document at a time
        while todo:
            batch = todo[:1] if alone else todo
            done, culprit, why = self._attempt([docs[i] for i in batch])
            for k, result in done.items():
                results[batch[k]] = result
            if culprit is None and why is not None:      # the shared step overran: find whose it was
                if len(batch) == 1:
                    culprit = 0
                else:
                    alone = True
            if culprit is not None:
                results[batch[culprit]] = why
            todo = [i for i in todo if i not in results]
        return [results[i] for i in range(len(docs))]

    def _attempt(self, docs: list) -> tuple[dict[int, object], int | None, Exception | None]:
        """(results by index, the index of the document at fault or None, why it failed or None)."""
        self._start()
        self.conn.send(docs)
        done: dict[int, object] = {}
        current: int | None = None
        while len(done) < len(docs):
            if not self.conn.poll(self.timeout):
                self._kill()
                where = "the batch's shared step" if current == SHARED else "it"
                return done, (None if current in (None, SHARED) else current), DocumentTimeout(
                    f"took longer than {self.timeout:g} s (--doc-timeout); {where} was stopped")
            try:
                kind, i, payload = self.conn.recv()
            except (EOFError, OSError):
                status = self._reap()
                return done, (None if current in (None, SHARED) else current), WorkerDied(
                    f"the worker process running it died ({status})")
            if kind == "at":
                current = i
            else:
                done[i] = payload
        return done, None, None

    def _start(self) -> None:
        if self.pid is not None:
            return
        parent, child = Pipe()
        gc.freeze()                            # the models stay shared with the child, not copied on first touch
        me = os.getpid()
        pid = os.fork()
        if pid == 0:                           # the child: never returns
            parent.close()
            _serve(child, self.work, me)
        child.close()
        self.pid, self.conn = pid, parent

    def _kill(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> str:
        pid, self.pid = self.pid, None
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if pid is None:
            return "gone"
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            return f"signal {os.WTERMSIG(status)}"
        return f"exit code {os.waitstatus_to_exitcode(status)}"

    def close(self) -> None:
        if self.pid is not None:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self._reap()

    def __enter__(self) -> Guard:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(conn: Connection, work: Callable, parent: int) -> None:
    """The child's loop: batches in, ("at", i, None) and ("done", i, result) out; ends with its parent."""
    code = 0
    try:
        _die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the parent's to handle
        while (docs := conn.recv()) is not None:
            def progress(i: int) -> None:
                conn.send(("at", i, None))

            def done(i: int, result) -> None:
                conn.send(("done", i, result))
            work(docs, progress, done)
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    except BaseException:                  # noqa: BLE001 - reported by the parent as a dead worker
        log.exception("the document worker failed")
        code = 1
    finally:
        _exit(code)


def _die_with_parent(parent: int) -> None:
    """Linux: SIGKILL this process when its parent ends, however it ends (prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:             # it ended before prctl
        _exit(0)

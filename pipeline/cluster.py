"""Scale-out on Dask distributed: batches of documents run on a cluster's workers, results come back in order.

    with connect("local:2") as client:           # a LocalCluster of 2 worker processes, for this run
        for batch, results in in_order(client, work, batches, window=6): ...
    connect("tcp://10.0.0.5:8786")                 # a running cluster (`dask scheduler`, `dask worker ...`)

Documents are shipped from this process with their batch, so workers need pressfacts installed, not the
input files. Each worker builds the models once, on its first batch (pipeline.run keeps them per process);
a worker that dies has its batches run again elsewhere by Dask. Only `--scheduler` (or `--workers N`)
imports Dask: without it, nothing here runs.
"""
from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from pipeline.io import UsageError

log = logging.getLogger(__name__)

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

"""The whole flow: load → segment → extract → resolve → rows → a sink (table files, JSON lines, the archive).

    with TableFiles(Path("outputs")) as sink:
        summary = run(["corpus"], sink, Tools.build())
    summary.line() -> 'pressfacts: 14 documents (14 ok, 0 failed) | facts 160 | ... | 3.1 s, 4.5 docs/s'

Documents stream through: they are loaded one file at a time, processed in batches (so that the NER
tagger sees many paragraphs per call), and each document's rows go to the sink as soon as its batch is
done, in input order; nothing of a finished document stays in memory. One document that fails at any
stage becomes an `errors` row (and a `documents` row with status `error`); the batch goes on. Exit
status: 0 when every document was processed, 1 when some failed.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Protocol

from pipeline.dates import extract_dates
from pipeline.facts import extract_facts
from pipeline.cluster import SHARED, DocumentTimeout, Guard, WorkerDied
from pipeline.io import MAX_BYTES, TABLES, find_inputs, load_path, row_parts, rows_of, shown
from pipeline.nlp import Tools, split_sentences, tag_names
from pipeline.people import extract_people
from pipeline.records import DocResult, Document, ErrorRow, NamedSpan, Sentence
from pipeline.resolve import resolve_facts
from pipeline.speech import extract_quotes

log = logging.getLogger(__name__)

BATCH = 32        # documents per NER batch
# Generation-0 collections every 50,000 net allocations instead of 700: a run keeps millions of long-lived
# objects (per-word caches, tokens, results) that every older-generation pass walks again, ~10% of the CPU
# at Python's defaults; cyclic garbage is still collected, and memory stays the same (benchmarks/).
GC_THRESHOLD = (50_000, 20, 100)
CLUSTER_BATCH = 32   # documents per task on a cluster, as for NER: fewer tasks, less Dask overhead (16: 18.3 s, 32: 17.7 s)
CLUSTER_WINDOW = 3   # tasks in flight per worker: enough to keep it busy, few enough to keep memory flat

Outcome = DocResult | ErrorRow   # what one input document comes to: its results, or why it was not loaded


class Sink(Protocol):
    """Takes each document's rows. A sink with `takes_parts = True` may get them in several calls of at
    most PART_ROWS rows of one table; the others get all of a document's rows in one call."""
    def add(self, rows: dict[str, list[dict]]) -> None: ...


PART_ROWS = 1024


@dataclass
class Summary:
    n_ok: int = 0
    n_failed: int = 0
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.n_failed else 0

    @property
    def n_docs(self) -> int:
        return self.n_ok + self.n_failed

    def rate(self) -> float:
        return self.n_docs / self.seconds if self.seconds > 0 else 0.0

    def counts(self) -> str:
        return " | ".join(f"{name} {self.rows.get(name, 0)}" for name in TABLES if name != "documents")

    def line(self) -> str:
        return (f"pressfacts: {self.n_docs} documents ({self.n_ok} ok, {self.n_failed} failed) | {self.counts()} | "
                f"{self.seconds:.1f} s, {self.rate():.1f} docs/s")


def run(inputs: list, sink: Sink, tools: Tools | None = None, progress: bool = False, max_bytes: int = MAX_BYTES,
        scheduler: str | None = None, select: Callable[[Iterator], Iterator] | None = None,
        doc_timeout: float | None = None) -> Summary:
    """Process every document found under `inputs` and give each one's rows to `sink`, in input order.

    `select` sees the loaded documents before they are processed and passes on those to process (the
    archive leaves out the ones it already has). Without `tools`, they are built when the first
    document needs them. With a `scheduler`, documents are processed on a Dask cluster (pipeline.cluster).
    With `doc_timeout` (seconds), a document that takes longer is an errors row (pipeline.cluster)."""
    started = time.perf_counter()
    sources = find_inputs(inputs)
    total = None if any(s.path.suffix.lower() == ".jsonl" for s in sources) else len(sources)   # one doc per file
    bar = progress_bar(total, progress)
    items = counted(unique_ids(load_all(sources, max_bytes)), bar)       # the documents read (some are skipped)
    try:
        return consume(process_items(select(items) if select else items, tools, scheduler, doc_timeout), sink,
                       started)
    finally:
        bar.close()


def counted(items: Iterable, bar) -> Iterator:
    for item in items:
        yield item
        bar.update(1)


def consume(outcomes: Iterable[Outcome], sink: Sink, started: float | None = None) -> Summary:
    """Give every outcome's rows to the sink; count documents and rows."""
    started = time.perf_counter() if started is None else started
    summary = Summary()
    in_parts = getattr(sink, "takes_parts", False)
    for outcome in outcomes:
        if isinstance(outcome, ErrorRow):
            log.warning("%s", outcome.message)
        if in_parts:                        # a page's thousands of rows, a thousand at a time
            for name, part in row_parts(outcome, PART_ROWS):
                sink.add({name: part})
                summary.rows[name] += len(part)
        else:                               # a document's rows in one call (the archive's transaction)
            rows = rows_of(outcome)
            sink.add(rows)
            summary.rows.update({name: len(table_rows) for name, table_rows in rows.items()})
        if isinstance(outcome, DocResult) and not outcome.error:
            summary.n_ok += 1
        else:
            summary.n_failed += 1
    summary.seconds = time.perf_counter() - started
    log.info(summary.line())
    return summary


def load_all(sources, max_bytes: int) -> Iterator[Document | ErrorRow]:
    for source in sources:
        if source.problem:                # a folder that could not be listed: no document, an errors row
            yield ErrorRow(source.path.as_posix(), None, "load", "InputError", source.problem)
        else:
            yield from load_path(source.path, max_bytes, source.name)


def unique_ids(items: Iterable[Document | ErrorRow]) -> Iterator[Document | ErrorRow]:
    """Documents whose doc_id an earlier document of the run already has become errors rows (without a
    doc_id of their own): the id keys every table, so two documents must never share one."""
    first: dict[str, str] = {}
    for item in items:
        doc_id = item.doc_id
        if doc_id is None:
            yield item
        elif doc_id in first and isinstance(item, ErrorRow):
            yield dataclasses.replace(item, doc_id=None)       # unreadable anyway: its own message says why
        elif doc_id in first:
            yield ErrorRow(item.source_path, None, "load", "DuplicateId",
                           f"{item.source_path}: doc_id {doc_id!r} is already used by {first[doc_id]} in this "
                           "run (give the folder that holds both as INPUT, so that their ids include the path)")
        else:
            first[doc_id] = item.source_path
            yield item


def batches(items: Iterable[Document | ErrorRow], size: int) -> Iterator[list[Document | ErrorRow]]:
    """Runs of items holding `size` documents each (load errors ride along, in their place)."""
    batch: list[Document | ErrorRow] = []
    n_docs = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Document):
            n_docs += 1
            if n_docs >= size:
                yield batch
                batch, n_docs = [], 0
    if batch:
        yield batch


def process_items(items: Iterable[Document | ErrorRow], tools: Tools | None, scheduler: str | None = None,
                  doc_timeout: float | None = None) -> Iterator[Outcome]:
    """One outcome per item, in input order: a DocResult for a document, a load error as it is.

    With a `scheduler` (`local:N`, `tcp://host:port`), the batches run on a Dask cluster's workers, each
    of which builds its own models; a few batches per worker are in flight at a time, so the inputs are
    read only as fast as they are processed. Dask is imported only then. With `doc_timeout`, each batch
    runs in a child process (here, or on each worker) that is replaced when a document overruns."""
    with collector_tuned():
        if scheduler is None:
            guard = None
            try:
                for batch in batches(items, BATCH):
                    docs = documents_of(batch)
                    if docs and tools is None:
                        tools = Tools.build()
                    if docs and doc_timeout and guard is None:
                        guard = Guard(guarded_work(tools), doc_timeout)     # forked now the models are built
                    results = (guarded(guard, docs) if guard else process_batch(docs, tools)) if docs else []
                    yield from merged(batch, results)
            finally:
                if guard is not None:
                    guard.close()
            return
        from pipeline.cluster import connect, in_order, n_workers

        with connect(scheduler) as client:
            window = CLUSTER_WINDOW * n_workers(client)
            work = partial(process_in_worker, doc_timeout=doc_timeout)
            for batch, results in in_order(client, work, batches(items, CLUSTER_BATCH), window,
                                           payload=documents_of):
                yield from merged_from_worker(batch, results)


def guarded_work(tools: Tools) -> Callable:
    """process_batch as the guard's child runs it: each result sent back as soon as it is done, without
    the document (the parent has it)."""
    def work(docs, progress, done):
        process_batch(docs, tools, progress, lambda i, result: done(i, dataclasses.replace(result, doc=None)))
    return work


def guarded(guard: Guard, docs: list[Document]) -> list[DocResult]:
    """The documents' results from the guard's child; an errors row for one that overran or died there."""
    results = []
    for doc, result in zip(docs, guard.run(docs)):
        if isinstance(result, (DocumentTimeout, WorkerDied)):
            log.warning("%s: %s", shown(doc.source_path), result)
            result = DocResult(doc, error=ErrorRow(doc.source_path, doc.doc_id, "process", type(result).__name__,
                                                   f"{shown(doc.source_path)}: {result}"))
        else:
            result.doc = doc
        results.append(result)
    return results


def documents_of(batch: list[Document | ErrorRow]) -> list[Document]:
    return [item for item in batch if isinstance(item, Document)]


def merged(batch: list[Document | ErrorRow], results: list[DocResult]) -> Iterator[Outcome]:
    """The batch's items with each document replaced by its result."""
    done = iter(results)
    for item in batch:
        yield next(done) if isinstance(item, Document) else item


def merged_from_worker(batch: list[Document | ErrorRow], results: list[DocResult] | Exception) -> Iterator[Outcome]:
    """As merged(), for results a worker sent back without their documents (this process has them); a
    batch the cluster could not do is an errors row for each of its documents."""
    docs = documents_of(batch)
    if isinstance(results, Exception):
        results = [DocResult(doc, error=ErrorRow.from_exception(doc, "worker", results)) for doc in docs]
    for result, doc in zip(results, docs):
        result.doc = doc
    yield from merged(batch, results)


@contextmanager
def collector_tuned():
    """GC_THRESHOLD while the documents are processed; then the caller's."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


_WORKER_TOOLS: Tools | None = None
_WORKER_GUARD: Guard | None = None


def process_in_worker(docs: list[Document], doc_timeout: float | None = None) -> list[DocResult]:
    """A batch on a cluster's worker: the models are built on the worker's first batch and kept by its
    process (with a guard's child forked from it); the results go back without the documents' text
    (the client has it)."""
    global _WORKER_TOOLS, _WORKER_GUARD
    if _WORKER_TOOLS is None:
        gc.set_threshold(*GC_THRESHOLD)           # a worker process starts with Python's defaults
        _WORKER_TOOLS = Tools.build()
    if doc_timeout and _WORKER_GUARD is None:
        _WORKER_GUARD = Guard(guarded_work(_WORKER_TOOLS), doc_timeout)
    if not docs:
        return []
    results = guarded(_WORKER_GUARD, docs) if doc_timeout else process_batch(docs, _WORKER_TOOLS)
    for result in results:
        result.doc = None
    return results


def process_batch(docs: list[Document], tools: Tools, progress: Callable[[int], None] | None = None,
                  done: Callable[[int, DocResult], None] | None = None) -> list[DocResult]:
    """Segment every document, tag names in one NER pass over the batch, then extract per document.
    `progress(i)` is told before each step of document i (SHARED: of the whole batch), `done(i, result)`
    as soon as document i is done (pipeline.cluster)."""
    progress = progress or (lambda i: None)
    sentences: list[list[Sentence] | None] = []
    results: dict[int, DocResult] = {}
    for i, doc in enumerate(docs):
        progress(i)
        try:
            sentences.append(split_sentences(doc, tools))
        except Exception as exc:          # one bad document must not stop the batch
            log.warning("%s: segment failed: %s", shown(doc.doc_id), exc)
            results[i] = DocResult(doc, error=ErrorRow.from_exception(doc, "segment", exc))
            sentences.append(None)
            if done:
                done(i, results[i])
    ok = [i for i in range(len(docs)) if i not in results]
    progress(SHARED)
    try:
        names = dict(zip(ok, tag_names([docs[i] for i in ok], [sentences[i] for i in ok], tools)))
    except Exception as exc:              # NER failure for the batch: go on without names, say so per doc
        log.warning("NER failed for a batch of %d documents: %s", len(ok), exc)
        names = {}
        for i in ok:
            results[i] = DocResult(docs[i], error=ErrorRow.from_exception(docs[i], "ner", exc))
            if done:
                done(i, results[i])
        ok = []
    for i in ok:
        progress(i)
        results[i] = process(docs[i], sentences[i], names.get(i, []), tools)
        sentences[i] = None               # its tokens are not needed any more
        if done:
            done(i, results[i])
    return [results[i] for i in range(len(docs))]


def process(doc: Document, sentences: list[Sentence], names: list[NamedSpan], tools: Tools) -> DocResult:
    result = DocResult(doc, n_sentences=len(sentences))
    stage = "facts"
    try:
        facts = extract_facts(doc, sentences, tools)
        stage = "dates"
        result.dates = extract_dates(doc, sentences, tools)
        stage = "people"
        people = extract_people(doc, sentences, names, tools)
        result.people, result.positions = people.people, people.positions
        stage = "quotes"
        result.quotes = extract_quotes(doc, sentences, people, tools)
        people = people.with_quote_counts(Counter(q.person_id for q in result.quotes if q.person_id))
        result.people = people.people
        stage = "resolve"
        result.facts = resolve_facts(doc, facts, result.dates, result.quotes, people, sentences)
    except Exception as exc:              # one bad document must not stop the batch
        log.warning("%s: %s failed: %s", shown(doc.doc_id), stage, exc)
        result.error = ErrorRow.from_exception(doc, stage, exc)
    return result


# The code and data whose change can change what is extracted from an unchanged document. The archive
# keeps this stamp with every document, so that documents extracted by an older version can be found.
EXTRACTOR_CODE = ("grammars", "pipeline/nlp", "pipeline/facts", "pipeline/dates", "pipeline/people",
                  "pipeline/speech", "pipeline/resolve.py", "pipeline/records.py", "pipeline/run.py",
                  "pipeline/io/load.py", "pipeline/io/html.py", "pipeline/io/tables.py")
EXTRACTOR_PACKAGES = ("natasha", "slovnet", "navec", "razdel", "yargy", "pymorphy3", "pymorphy3-dicts-ru")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """`<pressfacts version>+<12 hex digits>`: a hash of the extraction code (EXTRACTOR_CODE's .py files)
    and of the versions of the packages and models it runs on."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for part in EXTRACTOR_CODE:
        path = root / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    versions = {}
    for package in ("pressfacts", *EXTRACTOR_PACKAGES):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "unknown"
        digest.update(f"{package}=={versions[package]}\0".encode())
    return f"{versions['pressfacts']}+{digest.hexdigest()[:12]}"


class _NoBar:
    def update(self, n=1):
        pass

    def close(self):
        pass


def progress_bar(total: int | None, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="pressfacts", leave=False, dynamic_ncols=True)

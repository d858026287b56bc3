"""The whole flow: load → segment → extract → resolve → tables → write.

    summary = run(["corpus"], Path("outputs"), Tools.build())
    summary.line() -> 'pressfacts: 14 documents (14 ok, 0 failed) | facts 160 | ... | 3.1 s, 4.5 docs/s'

Documents go through in batches so that the NER tagger sees many paragraphs per call. One document
that fails at any stage becomes an `errors` row (and a `documents` row with status `error`); the batch
goes on. Exit status: 0 when every document was processed, 1 when some failed.
"""
from __future__ import annotations

import gc
import importlib
import logging
import time
from collections import Counter, deque
from contextlib import contextmanager
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.dates import extract_dates
from pipeline.facts import extract_facts
from pipeline.io import FORMATS, MAX_BYTES, TABLES, build_rows, find_inputs, frames, load_path, write_tables
from pipeline.nlp import Tools, split_sentences, tag_names
from pipeline.people import extract_people
from pipeline.records import DocResult, Document, ErrorRow, NamedSpan, Sentence
from pipeline.resolve import resolve_facts
from pipeline.speech import extract_quotes

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

BATCH = 32        # documents per NER batch
# Generation-0 collections every 50,000 net allocations instead of 700: a run keeps millions of long-lived
# objects (per-word caches, tokens, results) that every older-generation pass walks again, ~10% of the CPU
# at Python's defaults; cyclic garbage is still collected, and memory stays the same (benchmarks/).
GC_THRESHOLD = (50_000, 20, 100)
POOL_BATCH = 16   # per task of a worker pool: smaller, so the workers finish together


@dataclass
class Summary:
    n_ok: int = 0
    n_failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    table_rows: dict[str, list[dict]] = field(default_factory=dict, repr=False)
    _frames: dict[str, pd.DataFrame] | None = field(default=None, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables as pandas DataFrames (made on first use: the command line never needs them)."""
        if self._frames is None:
            self._frames = frames(self.table_rows)
        return self._frames

    @property
    def exit_code(self) -> int:
        return 1 if self.n_failed else 0

    def line(self) -> str:
        n = self.n_ok + self.n_failed
        rate = n / self.seconds if self.seconds > 0 else 0.0
        counts = " | ".join(f"{name} {self.rows.get(name, 0)}" for name in TABLES if name != "documents")
        return (f"pressfacts: {n} documents ({self.n_ok} ok, {self.n_failed} failed) | {counts} | "
                f"{self.seconds:.1f} s, {rate:.1f} docs/s")


def run(inputs: list, out_dir: Path | None, tools: Tools | None, formats=FORMATS, progress: bool = False,
        max_bytes: int = MAX_BYTES, workers: int = 1) -> Summary:
    """Process every document found under `inputs`; write the tables to `out_dir` (if given)."""
    started = time.perf_counter()
    sources = find_inputs(inputs)
    total = None if any(s.path.suffix.lower() == ".jsonl" for s in sources) else len(sources)   # one doc per file
    results, load_errors = process_items(load_all(sources, max_bytes), tools, total=total, progress=progress,
                                         workers=workers)
    return finish(results, load_errors, out_dir, formats, started)


def finish(results: list[DocResult], load_errors: list[ErrorRow], out_dir: Path | None, formats,
           started: float) -> Summary:
    table_rows = build_rows(results, load_errors)
    if out_dir is not None:
        write_tables(table_rows, Path(out_dir), formats)
    failed_docs = {e.doc_id or e.source_path for e in load_errors} | {r.doc.doc_id for r in results if r.error}
    summary = Summary(n_ok=sum(1 for r in results if not r.error), n_failed=len(failed_docs),
                      rows={name: len(rows) for name, rows in table_rows.items()},
                      seconds=time.perf_counter() - started, table_rows=table_rows)
    log.info(summary.line())
    return summary


def load_all(sources, max_bytes: int) -> Iterator[Document | ErrorRow]:
    for source in sources:
        yield from load_path(source.path, max_bytes, source.name)


def process_items(items: Iterable[Document | ErrorRow], tools: Tools | None, total: int | None = None,
                  progress: bool = False, workers: int = 1) -> tuple[list[DocResult], list[ErrorRow]]:
    """Results in input order (whatever `workers`), and the load errors met on the way.

    With workers > 1 and no `tools`, each worker builds its own, in parallel, while this process reads
    the inputs and imports the table writers; with `tools`, forked workers inherit them."""
    errors: list[ErrorRow] = []
    bar = progress_bar(total, progress)
    sent: deque[list[Document]] = deque()          # batches given to the pool, in order

    def batches(size: int) -> Iterator[list[Document]]:
        batch: list[Document] = []
        for item in items:
            if isinstance(item, ErrorRow):
                log.warning("%s", item.message)
                errors.append(item)
                bar.update(1)
                continue
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def remembered(batches: Iterator[list[Document]]) -> Iterator[list[Document]]:
        for batch in batches:
            sent.append(batch)
            yield batch

    results: list[DocResult] = []
    with collector_tuned(), worker_pool(tools, workers) as pool:
        if pool is None:
            tools = tools or Tools.build()
            done = (process_batch(b, tools) for b in batches(BATCH))
        else:
            done = pool.imap(_process_in_worker, remembered(batches(POOL_BATCH)))
            for module in ("pyarrow", "pyarrow.parquet"):   # the writers need them: import while they work
                importlib.import_module(module)
        for batch_results in done:
            if pool is not None:                   # workers send results back without the documents
                for result, doc in zip(batch_results, sent.popleft()):
                    result.doc = doc
            results += batch_results
            bar.update(len(batch_results))
    bar.close()
    return results, errors


@contextmanager
def collector_tuned():
    """GC_THRESHOLD while the documents are processed (forked workers inherit it); then the caller's."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


_WORKER_TOOLS: Tools | None = None


@contextmanager
def worker_pool(tools: Tools | None, workers: int):
    """None for one worker; else a process pool whose workers hold Tools (inherited by fork, or built once)."""
    global _WORKER_TOOLS
    if workers <= 1:
        yield None
        return
    import multiprocessing as mp

    _WORKER_TOOLS = tools
    methods = mp.get_all_start_methods()
    context = mp.get_context("fork" if "fork" in methods else "spawn")
    inherit = tools is not None and context.get_start_method() == "fork"
    with context.Pool(workers, initializer=None if inherit else _build_worker_tools) as pool:
        yield pool


def _build_worker_tools() -> None:
    global _WORKER_TOOLS
    gc.set_threshold(*GC_THRESHOLD)               # a spawned worker starts with Python's defaults
    _WORKER_TOOLS = Tools.build()


def _process_in_worker(batch: list[Document]) -> list[DocResult]:
    results = process_batch(batch, _WORKER_TOOLS)
    for result in results:
        result.doc = None                          # the parent has it: do not send the text back
    return results


def process_batch(docs: list[Document], tools: Tools) -> list[DocResult]:
    """Segment every document, tag names in one NER pass over the batch, then extract per document."""
    sentences: list[list[Sentence] | None] = []
    results: dict[int, DocResult] = {}
    for i, doc in enumerate(docs):
        try:
            sentences.append(split_sentences(doc, tools))
        except Exception as exc:          # one bad document must not stop the batch
            log.warning("%s: segment failed: %s", doc.doc_id, exc)
            results[i] = DocResult(doc, error=ErrorRow.from_exception(doc, "segment", exc))
            sentences.append(None)
    ok = [i for i in range(len(docs)) if i not in results]
    try:
        names = dict(zip(ok, tag_names([docs[i] for i in ok], [sentences[i] for i in ok], tools)))
    except Exception as exc:              # NER failure for the batch: go on without names, say so per doc
        log.warning("NER failed for a batch of %d documents: %s", len(ok), exc)
        names = {}
        for i in ok:
            results[i] = DocResult(docs[i], error=ErrorRow.from_exception(docs[i], "ner", exc))
        ok = []
    for i in ok:
        results[i] = process(docs[i], sentences[i], names.get(i, []), tools)
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
        log.warning("%s: %s failed: %s", doc.doc_id, stage, exc)
        result.error = ErrorRow.from_exception(doc, stage, exc)
    return result


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

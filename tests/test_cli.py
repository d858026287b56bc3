"""End to end: the CLI over corpus/, the contract's columns, offsets, exit codes, atomic writes, the API."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli, extract
from pipeline.io import TABLES

from conftest import CORPUS

# The contract (EXTRACTION_SPEC.md), written out here so that a change to tables.py cannot drift from it.
SPEC_COLUMNS = {
    "documents": "doc_id source_path title published url publisher n_chars status error text",
    "facts": "doc_id fact_id start end text value value_max qualifier unit object period_start period_end "
             "speaker sentence",
    "quotes": "doc_id quote_id start end text speaker speaker_position cue kind",
    "people": "doc_id person_id name first middle last position organization position_full n_mentions n_quotes",
    "positions": "doc_id person_id name position organization position_full start end text",
    "dates": "doc_id start end text date_start date_end granularity relative",
    "errors": "source_path doc_id stage error_type message",
}
SPAN_TABLES = ("facts", "quotes", "positions", "dates")


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, tools):
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as mp:       # the session's Tools, not a second model load
        mp.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
        code = cli.main(["extract", str(CORPUS), "--out", str(out), "--quiet"])
    return code, out


def read(out: Path, name: str, fmt: str = "parquet") -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    return pd.read_parquet(out / f"{name}.parquet")


def test_corpus_exit_code_and_tables(corpus_run):
    code, out = corpus_run
    assert code == 0
    for name, columns in SPEC_COLUMNS.items():
        for fmt in ("parquet", "csv"):
            df = read(out, name, fmt)
            assert list(df.columns[:len(columns.split())]) == columns.split()   # contract first, in order


def test_corpus_documents(corpus_run):
    _, out = corpus_run
    docs = read(out, "documents")
    files = [p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html", ".jsonl"}]
    n_jsonl = sum(len([l for l in p.read_text(encoding="utf-8").splitlines() if l.strip()])
                  for p in files if p.suffix == ".jsonl")
    assert len(docs) == len(files) - sum(p.suffix == ".jsonl" for p in files) + n_jsonl
    assert set(docs["status"]) == {"ok"}
    assert read(out, "errors").empty
    seed = docs.set_index("doc_id").loc["000_87938b6d2d0e720c"]
    assert (seed["published"], seed["publisher"]) == ("2016-03-29", "Управа района Проспект Вернадского")


def test_corpus_dtypes(corpus_run):
    _, out = corpus_run
    facts = read(out, "facts")
    assert str(facts["value"].dtype) == "float64" and str(facts["start"].dtype) == "Int64"
    assert str(read(out, "dates")["relative"].dtype) == "boolean"


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_offsets_invariant(corpus_run, table):
    """text[start:end] == span text, for every row of every span table (spec: Invocation)."""
    _, out = corpus_run
    texts = read(out, "documents").set_index("doc_id")["text"].to_dict()
    rows = read(out, table)
    bad = [(r.doc_id, r.start, r.end, r.text) for r in rows.itertuples()
           if texts[r.doc_id][r.start:r.end] != r.text]
    assert bad == []


def test_csv_round_trips_the_text(corpus_run):
    _, out = corpus_run
    parquet, csv = read(out, "documents"), read(out, "documents", "csv")
    assert list(csv["text"]) == list(parquet["text"])          # \r\n and quotes survive CSV


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "000_87938b6d2d0e720c.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "feed.jsonl").write_text('{"id": "ok1", "text": "Открыто 5 школ."}\n{broken\n', encoding="utf-8")
    (folder / "nobody.html").write_text("<html><body><script>x</script></body></html>", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    return folder


def test_bad_inputs_do_not_stop_the_batch(tools, mixed_folder, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    out = tmp_path / "out"
    assert cli.main(["extract", str(mixed_folder), "--out", str(out)]) == 1
    errors = read(out, "errors").set_index("doc_id")["message"].to_dict()
    f = mixed_folder
    assert errors == {
        "binary": f"{f}/binary.txt: binary file, not text (NUL byte at offset 8)",
        "empty": f"{f}/empty.txt: empty file",
        "feed:2": f"{f}/feed.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes: "
                  f"line 1 column 2 (char 1))",
        "gone": f"{f}/gone.txt: cannot read file: No such file or directory",
        "nobody": f"{f}/nobody.html: HTML page has no body text",
    }
    docs = read(out, "documents").set_index("doc_id")["status"].to_dict()
    assert docs == {"000_87938b6d2d0e720c": "ok", "ok1": "ok", "binary": "error", "empty": "error",
                    "feed:2": "error", "gone": "error", "nobody": "error"}
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith("pressfacts: 7 documents (2 ok, 5 failed) | facts ")


def test_entry_point_ends_with_the_exit_code_and_flushed_output(mixed_folder, tmp_path):
    """`python -m pipeline` ends without Python's heap teardown (os._exit): the exit code, the summary
    on a pipe and the tables must all survive that."""
    import subprocess
    import sys
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(mixed_folder), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1                                  # five of seven documents failed
    assert done.stderr.strip().splitlines()[-1].startswith("pressfacts: 7 documents (2 ok, 5 failed) | facts ")
    assert len(read(out, "documents")) == 7 and len(read(out, "errors", "csv")) == 5
    assert not list(out.glob(".*.tmp"))                          # no temporary file left behind


USAGE_ERRORS = [
    (["extract", "no/such/path", "--out", "OUT"], "pressfacts: error: no/such/path: no such file or folder"),
    (["extract", "corpus", "--out", "README.md"], "pressfacts: error: README.md: --out must be a folder, and this is a file"),
    (["extract", "pyproject.toml", "--out", "OUT"],
     "pressfacts: error: pyproject.toml: unknown format '.toml'; expected one of .htm, .html, .jsonl, .md, .txt"),
]


@pytest.mark.parametrize("argv, message", USAGE_ERRORS, ids=["no such path", "--out is a file", "unknown format"])
def test_usage_errors(argv, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    argv = [str(tmp_path / "o") if a == "OUT" else a for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() == message and "Traceback" not in err


@pytest.mark.parametrize("argv", [["extract"], ["extract", "corpus"], ["extract", "corpus", "--out", "o", "--format", "xml"],
                                  ["frobnicate"]], ids=["no input", "no --out", "bad --format", "bad command"])
def test_argparse_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2


def test_csv_only(tools, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    assert cli.main(["extract", str(CORPUS / "000_87938b6d2d0e720c.txt"), "--out", str(tmp_path),
                     "--format", "csv", "--quiet"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(
        f"{t}.csv" for t in SPEC_COLUMNS)        # .pressfacts/ holds the generations the tables link to


def test_python_api(tools, tmp_path):
    tables = extract(["Всего открыто 12 школ.", CORPUS / "000_87938b6d2d0e720c.txt"], tools=tools, out=tmp_path)
    assert set(tables) == set(SPEC_COLUMNS)
    assert list(tables.documents["doc_id"]) == ["text:1", "000_87938b6d2d0e720c"]
    assert tables.documents.loc[0, "text"] == "Всего открыто 12 школ."
    assert (tmp_path / "facts.parquet").exists()


def fresh(tools):
    """The session's models with every per-process cache empty: a new NER executor and new parsers."""
    import dataclasses

    from pipeline.nlp.fast_ner import FastNER
    from pipeline.nlp.tools import IdTokenizer, build_parsers
    return dataclasses.replace(tools, ner=FastNER(tools.ner.tagger), parsers=build_parsers(IdTokenizer(tools.tokenizer)))


AFTER_OTHERS = ["113_synthetic_officials.txt", "111_synthetic_interview.txt"]


@pytest.mark.parametrize("name", AFTER_OTHERS)
def test_a_document_gives_the_same_rows_alone_and_after_others(tools, name):
    """What a process extracted before (its word caches, chart memos, NER taps) never changes a document's
    rows: the document alone in a fresh process state, and after the rest of corpus/, give equal tables."""
    path = CORPUS / name
    others = [p for p in sorted(CORPUS.glob("*.txt")) if p != path]
    alone = extract([path], tools=fresh(tools))
    after = extract([*others, path], tools=fresh(tools))
    for table in TABLES:
        got = after[table][after[table]["doc_id"] == path.stem].reset_index(drop=True)
        pd.testing.assert_frame_equal(alone[table], got, check_dtype=False)


def test_collector_tuned_while_processing_then_restored(tools, monkeypatch):
    """The run raises the GC thresholds while it processes documents and gives the caller's back."""
    import gc

    from pipeline import run as run_module
    from pipeline.io import Rows
    seen = []
    original = run_module.process_batch
    monkeypatch.setattr(run_module, "process_batch", lambda docs, t: seen.append(gc.get_threshold()) or original(docs, t))
    before = gc.get_threshold()
    run_module.run([CORPUS / "101_synthetic_transport.txt"], Rows(), tools)
    assert seen == [run_module.GC_THRESHOLD] and gc.get_threshold() == before


def test_quote_counts_reach_people(corpus_run):
    """people.n_quotes counts the quotes attributed to each person (quotes.person_id)."""
    _, out = corpus_run
    quotes, people = read(out, "quotes"), read(out, "people")
    counted = quotes.dropna(subset=["person_id"]).groupby("person_id").size().to_dict()
    assert counted                                            # the corpus has attributed quotes
    assert people.set_index("person_id")["n_quotes"].to_dict() == {
        pid: counted.get(pid, 0) for pid in people["person_id"]}


@pytest.mark.parametrize("page", ["Мэр Москвы Сергей Собянин открыл 12 школ. " * 500,       # no line breaks
                                  "Мэр Москвы Сергей Собянин открыл 12 школ и " * 500])       # nor full stops
def test_ner_chunks_stay_bounded(page, tools):
    """A page with no line breaks is tagged in chunks of whole sentences (or of the pieces segmentation
    cuts a page without full stops into), not as one huge sequence."""
    from pipeline.nlp.ner import MAX_CHUNK, paragraphs
    from pipeline.nlp.segment import split_sentences
    from conftest import make_doc
    doc = make_doc(page)
    chunks = paragraphs(doc, split_sentences(doc, tools))
    assert len(chunks) > 1 and all(end - start <= MAX_CHUNK for start, end in chunks)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(doc.text.rstrip())
    assert all(a[1] < b[0] for a, b in zip(chunks, chunks[1:]))


def test_command_line_process_keeps_the_raised_thresholds(tmp_path, monkeypatch):
    """`python -m pipeline` raises the GC thresholds for the whole process, so the run's hand-back of
    the thresholds it found does not set off a full collection before the tables are written."""
    import gc

    from pipeline import run as run_module
    exits = []
    monkeypatch.setattr(cli.os, "_exit", exits.append)
    monkeypatch.setattr(cli.sys, "argv", ["pressfacts", "extract", str(CORPUS / "101_synthetic_transport.txt"),
                                          "--out", str(tmp_path), "--quiet"])
    from pipeline.io import TableFiles
    close, seen = TableFiles.close, []              # where the tables are finished and moved into place
    monkeypatch.setattr(TableFiles, "close", lambda self: seen.append(gc.get_threshold()) or close(self))
    before = gc.get_threshold()
    try:
        cli.main_exit()
        assert exits == [0] and seen == [run_module.GC_THRESHOLD] == [gc.get_threshold()]
        assert (tmp_path / "facts.csv").exists()
    finally:
        gc.set_threshold(*before)


def test_the_same_id_twice_in_one_run_is_an_error(tools, tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    for name in ("a/x.txt", "b/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text("Открыто 12 школ.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "n1", "text": "Один."}\n{"id": "n1", "text": "Два."}\n',
                                         encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["extract", str(tmp_path / "a/x.txt"), str(tmp_path / "b/x.txt"), str(tmp_path / "feed.jsonl"),
                     "--out", str(out), "--quiet"]) == 1
    errors = pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)
    assert errors[["doc_id", "error_type"]].values.tolist() == [["", "DuplicateId"], ["", "DuplicateId"]]
    assert errors["message"].tolist() == [
        f"{tmp_path}/b/x.txt: doc_id 'x' is already used by {tmp_path}/a/x.txt in this run "
        "(give the folder that holds both as INPUT, so that their ids include the path)",
        f"{tmp_path}/feed.jsonl: doc_id 'n1' is already used by {tmp_path}/feed.jsonl in this run "
        "(give the folder that holds both as INPUT, so that their ids include the path)"]
    assert pd.read_csv(out / "documents.csv")["doc_id"].tolist() == ["x", "n1"]


def test_jsonl_stream_equals_the_tables(tools, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    out = tmp_path / "out"
    assert cli.main(["extract", str(CORPUS), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert cli.main(["extract", str(CORPUS), "--out", "-", "--quiet"]) == 0
    streamed: dict[str, list[dict]] = {name: [] for name in TABLES}
    order = []
    for line in capsys.readouterr().out.splitlines():
        row = json.loads(line)
        streamed[row.pop("table")].append(row)
        order.append(row["doc_id"])
    for name in TABLES:
        expected = pd.read_parquet(out / f"{name}.parquet")
        got = pd.DataFrame(streamed[name], columns=list(expected.columns)).astype(expected.dtypes.to_dict())
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    docs = pd.read_parquet(out / "documents.parquet")["doc_id"].tolist()
    assert [d for i, d in enumerate(order) if d not in order[:i]] == docs     # document by document


def test_out_dash_takes_jsonl_only(capsys):
    assert cli.main(["extract", str(CORPUS / "000_87938b6d2d0e720c.txt"), "--out", "-", "--format", "csv"]) == 2
    assert capsys.readouterr().err.strip() == "pressfacts: error: --out - writes JSON lines only (--format jsonl)"

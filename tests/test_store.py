"""The archive: ingest adds what is new or changed and skips the rest, stale documents wait for --reextract,
a killed ingest resumes to the store a clean one makes, one writer at a time, export gives extract's files."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import cli, open_archive
from pipeline.io import TABLES
from pipeline.io.load import decode

from conftest import CORPUS, ROOT

SEED = "000_87938b6d2d0e720c"


@pytest.fixture(autouse=True)
def session_tools(tools, monkeypatch):
    """The session's models for every in-process run, not a second load."""
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))


def ingest(*argv) -> int:
    return cli.main(["ingest", *map(str, argv), "--quiet"])


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table of the archive in order, without the timestamps that say when rows were written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(f"SELECT * EXCLUDE (first_seen, last_changed) FROM {name} ORDER BY seq"
                                  if name == "documents" else
                                  f"SELECT * FROM {name} ORDER BY seq, row_no").fetchall() for name in TABLES}
    finally:
        con.close()


def documents(db: Path) -> pd.DataFrame:
    with open_archive(db) as archive:
        return archive.sql("SELECT doc_id, status, content_hash, extractor, seq, first_seen, last_changed "
                           "FROM documents ORDER BY seq").set_index("doc_id")


N_TXT = len(list(CORPUS.glob("*.txt")))          # the .txt releases of corpus/ that small_corpus copies


def small_corpus(folder: Path, copies: int = 1) -> Path:
    """corpus/ texts in `copies` subfolders, each copy made distinct by a last line of its own."""
    for n in range(copies):
        sub = folder / f"part{n}"
        sub.mkdir(parents=True)
        for path in sorted(CORPUS.glob("*.txt")):
            text = decode(path.read_bytes(), str(path))
            (sub / path.name).write_text(text + f"\nКопия {n}.\n", encoding="utf-8")
    return folder


# ---- ids ----

def test_ids_are_paths_from_the_input_folder(tmp_path, capsys):
    for name in ("a/x.txt", "b/x.txt", "x.txt"):
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_text("Открыто 12 школ.", encoding="utf-8")
    assert ingest(tmp_path / "in", "--db", tmp_path / "a.duckdb") == 0
    with open_archive(tmp_path / "a.duckdb") as archive:
        facts = archive.table("facts")
    assert list(facts["doc_id"]) == ["a/x", "b/x", "x"]
    assert list(facts["fact_id"]) == ["a/x#1", "b/x#1", "x#1"]


def test_a_duplicate_id_is_one_error_row_however_often_it_is_ingested(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "a.duckdb"
    folder.mkdir()
    lines = ['{"id": "n1", "text": "Открыто 5 школ."}', '{"id": "n1", "text": "Открыто 7 школ."}',
             *[f'{{"id": "n{k}", "text": "Открыто {k} школ."}}' for k in range(2, 40)]]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(3):                     # the later lines commit after the duplicate: it must stay
        assert ingest(folder, "--db", db, "--commit-every", "4") == 1
    with open_archive(db) as archive:
        errors = archive.table("errors")
        assert len(archive.table("documents")) == 39
    assert errors["error_type"].tolist() == ["DuplicateId"] and errors["doc_id"].isna().all()


# ---- skip, replace, stale ----

def test_unchanged_documents_are_skipped(tmp_path, monkeypatch):
    corpus, db = small_corpus(tmp_path / "in"), tmp_path / "a.duckdb"
    assert ingest(corpus, "--db", db) == 0
    before, docs = snapshot(db), documents(db)
    calls = []
    monkeypatch.setattr("pipeline.run.process_batch", lambda docs, tools: calls.append(docs))
    assert ingest(corpus, "--db", db) == 0
    assert calls == [] and snapshot(db) == before                  # nothing recomputed, nothing rewritten
    pd.testing.assert_frame_equal(documents(db), docs)


def test_the_same_files_by_another_path_are_unchanged(tmp_path, monkeypatch, capsys):
    corpus, db = small_corpus(tmp_path / "in"), tmp_path / "a.duckdb"
    assert ingest(corpus, "--db", db) == 0
    monkeypatch.chdir(tmp_path)
    assert cli.main(["ingest", "in", "--db", "a.duckdb"]) == 0
    assert f"0 new, 0 changed, {N_TXT} unchanged" in capsys.readouterr().err


def test_a_changed_document_replaces_its_rows(tmp_path, capsys):
    corpus, db = small_corpus(tmp_path / "in"), tmp_path / "a.duckdb"
    ingest(corpus, "--db", db)
    before, docs = snapshot(db), documents(db)
    changed = corpus / "part0" / f"{SEED}.txt"
    text = "Собянин: в Москве открыто 12 школ\n29.03.2016\nВ этом году открыто 12 новых школ.\n"
    changed.write_text(text, encoding="utf-8")
    assert cli.main(["ingest", str(corpus), "--db", str(db)]) == 0
    assert capsys.readouterr().err.startswith(f"pressfacts ingest: {N_TXT} documents: 0 new, 1 changed, {N_TXT - 1} unchanged, "
                                              "0 stale; 0 failed | rows added: facts 2 | ")
    after, now = snapshot(db), documents(db)
    seed = f"part0/{SEED}"
    first, second = text.index("12 школ"), text.index("12 новых школ")
    assert [r[:5] for r in after["facts"] if r[0] == seed] == [
        (seed, f"{seed}#1", first, first + 7, "12 школ"), (seed, f"{seed}#2", second, second + 13, "12 новых школ")]
    for name in TABLES:                                            # every other document's rows untouched
        assert [r for r in after[name] if r[0] != seed] == [r for r in before[name] if r[0] != seed]
    assert now.loc[seed, "seq"] == docs.loc[seed, "seq"] and now.loc[seed, "first_seen"] == docs.loc[seed, "first_seen"]
    assert now.loc[seed, "last_changed"] > docs.loc[seed, "last_changed"]
    assert now.loc[seed, "content_hash"] != docs.loc[seed, "content_hash"]


def test_stale_documents_wait_for_reextract(tmp_path, monkeypatch, capsys):
    corpus, db = small_corpus(tmp_path / "in"), tmp_path / "a.duckdb"
    ingest(corpus, "--db", db)
    before = snapshot(db)
    monkeypatch.setattr("pipeline.run.extractor_version", lambda: "9.9.9+newgrammar")
    assert cli.main(["ingest", str(corpus), "--db", str(db)]) == 0
    line = capsys.readouterr().err
    assert f"0 new, 0 changed, 0 unchanged, {N_TXT} stale (extracted by another version: --reextract extracts them " \
           "again); 0 failed" in line
    assert snapshot(db) == before
    assert cli.main(["ingest", str(corpus), "--db", str(db), "--reextract"]) == 0
    assert f"0 new, 0 changed, {N_TXT} reextracted, 0 unchanged, 0 stale; 0 failed" in capsys.readouterr().err
    assert set(documents(db)["extractor"]) == {"9.9.9+newgrammar"}
    after = snapshot(db)
    assert {k: v for k, v in after.items() if k != "documents"} == {k: v for k, v in before.items() if k != "documents"}


def test_bad_inputs_are_error_rows_in_the_archive(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / f"{SEED}.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "feed.jsonl").write_text('{"id": "ok1", "text": "Открыто 5 школ."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "a.duckdb"
    assert ingest(folder, "--db", db) == 1
    assert ingest(folder, "--db", db) == 1                          # failures are tried again, not duplicated
    with open_archive(db) as archive:
        errors = archive.table("errors")
        status = archive.table("documents").set_index("doc_id")["status"].to_dict()
    assert errors["doc_id"].tolist() == ["binary", "empty", "feed:2"]
    assert errors["message"].tolist() == [f"{folder}/binary.txt: binary file, not text (NUL byte at offset 8)",
                                          f"{folder}/empty.txt: empty file",
                                          f"{folder}/feed.jsonl:2: not valid JSON (Expecting property name "
                                          "enclosed in double quotes: line 1 column 2 (char 1))"]
    assert status == {SEED: "ok", "binary": "error", "empty": "error", "ok1": "ok", "feed:2": "error"}


# ---- export ----

def test_export_writes_what_extract_writes(tmp_path):
    db, extracted, exported = tmp_path / "a.duckdb", tmp_path / "extracted", tmp_path / "exported"
    assert cli.main(["extract", str(CORPUS), "--out", str(extracted), "--quiet", "--format", "parquet,csv,jsonl"]) == 0
    assert ingest(CORPUS, "--db", db) == 0
    assert cli.main(["export", "--db", str(db), "--out", str(exported), "--quiet",
                     "--format", "parquet,csv,jsonl"]) == 0
    names = sorted(p.name for p in extracted.iterdir() if not p.name.startswith("."))   # not .pressfacts/
    conflicts = ["conflicts.csv", "conflicts.jsonl", "conflicts.parquet"]        # the archive's, not extract's
    assert sorted(p.name for p in exported.iterdir() if not p.name.startswith(".")) == sorted(
        names + conflicts) and len(names) == 21
    for name in names:
        assert (exported / name).read_bytes() == (extracted / name).read_bytes(), name


def test_export_since(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "a.duckdb"
    folder.mkdir()
    (folder / "old.txt").write_text("Старое\n01.02.2015\nОткрыто 5 школ.\n", encoding="utf-8")
    (folder / "new.txt").write_text("Новое\n05.12.2026\nОткрыто 7 школ.\n", encoding="utf-8")
    ingest(folder, "--db", db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET last_changed = TIMESTAMP '2020-01-01 00:00:00'")
    con.close()
    out = tmp_path / "out"
    assert cli.main(["export", "--db", str(db), "--out", str(out), "--since", "2026-12-01", "--quiet"]) == 0
    assert pd.read_csv(out / "facts.csv")["doc_id"].tolist() == ["new"]
    assert pd.read_csv(out / "documents.csv")["doc_id"].tolist() == ["new"]


def test_open_archive(tmp_path):
    db = tmp_path / "a.duckdb"
    ingest(CORPUS / f"{SEED}.txt", "--db", db)
    with open_archive(db) as archive:
        facts = archive.table("facts")
        top = archive.sql("SELECT speaker, count(*) AS n FROM facts WHERE speaker IS NOT NULL "
                          "GROUP BY speaker ORDER BY n DESC LIMIT 1")
        assert archive.con.execute("SELECT count(*) FROM runs").fetchall() == [(1,)]
    assert str(facts["start"].dtype) == "Int64" and len(facts) > 5
    assert top["speaker"].tolist() == ["Сергей Собянин"]


@pytest.mark.parametrize("argv, message", [
    (["export", "--db", "DIR/none.duckdb", "--out", "DIR/o"],
     "pressfacts: error: DIR/none.duckdb: no archive here (make one with `pressfacts ingest INPUT --db DIR/none.duckdb`)"),
    (["export", "--db", "DIR/notdb.duckdb", "--out", "DIR/o"], "pressfacts: error: DIR/notdb.duckdb: not a pressfacts archive"),
    (["ingest", "DIR/x.txt", "--db", "DIR/notdb.duckdb"], "pressfacts: error: DIR/notdb.duckdb: not a pressfacts archive"),
], ids=["no archive", "export from a text file", "ingest into a text file"])
def test_not_an_archive(argv, message, tmp_path, capsys):
    (tmp_path / "notdb.duckdb").write_text("это не база\n" * 100, encoding="utf-8")
    (tmp_path / "x.txt").write_text("Открыто 12 школ.", encoding="utf-8")
    assert cli.main([a.replace("DIR", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message.replace("DIR", str(tmp_path))) and "\n" not in err and "Traceback" not in err


# ---- processes: kill -9, two writers ----

def run_cli(*argv, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, argv)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        time.sleep(0.01)


def test_killed_ingest_resumes_to_the_clean_store(tmp_path):
    """kill -9 after the first commits: the store is readable, holds whole documents only, and the next
    ingest of the same inputs makes the store an uninterrupted one makes."""
    corpus = small_corpus(tmp_path / "in", copies=5)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    assert run_cli("ingest", corpus, "--db", clean, "--quiet", "--commit-every", "2").wait() == 0
    proc = run_cli("ingest", corpus, "--db", killed, "--quiet", "--commit-every", "2")
    wal = Path(f"{killed}.wal")
    wait_for(lambda: wal.exists() and wal.stat().st_size > 200_000 or proc.poll() is not None)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = snapshot(killed)
    n_docs = len(partial["documents"])
    assert 0 < n_docs < len(snapshot(clean)["documents"])
    for name in TABLES[1:]:                                        # whole documents only
        done = {row[0] for row in partial["documents"]}
        assert {row[0] for row in partial[name]} <= done
    clean_counts = {r[0]: r[11:15] for r in snapshot(clean)["documents"]}   # n_facts, n_dates, n_quotes, n_people
    assert all(r[11:15] == clean_counts[r[0]] for r in partial["documents"])
    resumed = run_cli("ingest", corpus, "--db", killed, "--commit-every", "2")
    assert resumed.wait() == 0
    assert f"{n_docs} unchanged" in resumed.stderr.read()
    assert snapshot(killed) == snapshot(clean)


def test_a_second_writer_exits_with_one_line(tmp_path):
    corpus, db = small_corpus(tmp_path / "in", copies=3), tmp_path / "a.duckdb"
    first = run_cli("ingest", corpus, "--db", db, "--quiet", "--commit-every", "2")

    def locked() -> bool:
        if first.poll() is not None:
            return True
        if not db.exists():
            return False
        try:
            duckdb.connect(str(db), read_only=True).close()
            return False
        except duckdb.IOException as exc:
            return "lock" in str(exc)
    wait_for(locked)
    assert first.poll() is None, "the first ingest finished before the second could start"
    second = run_cli("ingest", corpus, "--db", db)
    assert second.wait() == 3
    err = second.stderr.read().strip()
    assert err == f"pressfacts: error: {db} is being written by another process (PID {first.pid}); " \
                  "try again when it has finished"
    assert first.wait() == 0
    assert len(snapshot(db)["documents"]) == 3 * N_TXT

"""Hostile input (issue 19): special files, symlinks out of the tree, loops, limits on bytes read, JSON
lines that bend the rules, names that are not UTF-8 or hold a newline. Real FIFOs, links and devices."""
from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest

from pipeline.io.load import find_inputs, load_path, shown
from pipeline.records import Document, ErrorRow

from conftest import CORPUS

SEED = CORPUS / "000_87938b6d2d0e720c.txt"


def load_all(path: Path, **kwargs) -> list:
    return list(load_path(path, **kwargs))


@pytest.fixture
def tree(tmp_path):
    """tree/ok.txt, a regular release, and outside/ beside it."""
    root = tmp_path / "tree"
    root.mkdir()
    shutil.copy(SEED, root / "ok.txt")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("Секретные 5 млн рублей.", encoding="utf-8")
    return root


# --- special files given directly: an errors row, at once ---

SPECIAL = [
    # what                make it (in tmp_path; returns the path to give)                    message
    ("fifo",              lambda d: (os.mkfifo(d / "pipe.txt"), d / "pipe.txt")[1],         "not a regular file (a named pipe)"),
    ("link to a fifo",    lambda d: (os.mkfifo(d / "p"), (d / "p.txt").symlink_to(d / "p"), d / "p.txt")[2],
                                                                                              "not a regular file (a named pipe)"),
    ("link to /dev/zero", lambda d: ((d / "zero.txt").symlink_to("/dev/zero"), d / "zero.txt")[1],
                                                                                              "not a regular file (a character device)"),
    ("link to a folder",  lambda d: ((d / "dir.txt").symlink_to(d), d / "dir.txt")[1],       "not a regular file (a folder)"),
]


@pytest.mark.parametrize("what, make, message", SPECIAL, ids=[row[0] for row in SPECIAL])
def test_special_file_given_is_an_error_row(tmp_path, what, make, message):
    path = make(tmp_path)
    [error] = load_all(path)
    assert isinstance(error, ErrorRow)
    assert error.message == f"{path}: {message}"


def test_size_limit_counts_bytes_read_not_the_size_reported(tmp_path):
    """/proc files report size 0: the limit holds on what is read (at most limit + 1 bytes)."""
    link = tmp_path / "mounts.txt"
    link.symlink_to("/proc/self/mountinfo")
    [error] = load_all(link, max_bytes=64)
    assert error.message.startswith(f"{link}: file too large (") and error.message.endswith("the limit is 0 MB)")


# --- folders: only regular files; links inside the tree only; each folder once ---

def test_special_files_in_a_folder_are_skipped_with_a_warning(tree, caplog):
    os.mkfifo(tree / "pipe.txt")
    (tree / "zero.txt").symlink_to("/dev/zero")
    with caplog.at_level(logging.WARNING):
        assert [s.name for s in find_inputs([tree])] == ["ok"]
        assert [s.name for s in find_inputs([tree], follow_links=True)] == ["ok"]
    assert f"{tree}/pipe.txt: skipped: not a regular file (a named pipe)" in caplog.messages
    assert f"{tree}/zero.txt: skipped: a symbolic link to /dev/zero, outside {tree} (--follow-links reads it)" \
        in caplog.messages
    assert f"{tree}/zero.txt: skipped: not a regular file (a character device)" in caplog.messages


def test_links_are_followed_inside_the_tree_only(tree, caplog):
    outside = tree.parent / "outside"
    (tree / "passwd.txt").symlink_to("/etc/passwd")
    (tree / "secret.txt").symlink_to(outside / "secret.txt")
    (tree / "again.txt").symlink_to(tree / "ok.txt")            # inside: read
    (tree / "more").symlink_to(outside)                          # a folder outside
    with caplog.at_level(logging.WARNING):
        assert [s.name for s in find_inputs([tree])] == ["again", "ok"]
    assert sorted(m.split(":")[0] for m in caplog.messages) == sorted(
        f"{tree}/{name}" for name in ("passwd.txt", "secret.txt", "more"))
    assert [s.name for s in find_inputs([tree], follow_links=True)] == ["again", "more/secret", "ok", "passwd",
                                                                          "secret"]


def test_a_link_loop_is_walked_once(tree, caplog):
    (tree / "sub").mkdir()
    shutil.copy(SEED, tree / "sub" / "x.txt")
    (tree / "sub" / "up").symlink_to(tree)                       # tree/sub/up/sub/up/...
    with caplog.at_level(logging.WARNING):
        names = [s.name for s in find_inputs([tree], follow_links=True)]
    assert names == ["ok", "sub/x"]
    assert caplog.messages == [f"{tree}/sub/up: skipped: a link to a folder already read (a loop or a second way in)"]


def test_an_unreadable_folder_is_an_error_row(tree, monkeypatch):
    locked = tree / "locked"
    locked.mkdir()
    shutil.copy(SEED, locked / "hidden.txt")
    locked.chmod(0)
    if os.geteuid() == 0:                     # root reads it anyway: give it what anyone else gets
        scandir = os.scandir

        def refusing(path):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)
        monkeypatch.setattr(os, "scandir", refusing)
    try:
        sources = find_inputs([tree])
    finally:
        locked.chmod(0o755)
    assert [(s.name, s.problem) for s in sources] == [
        ("locked", f"{locked}: cannot read folder: Permission denied"), ("ok", None)]


# --- JSON lines: a limit per document, lines end at \n, fields of the wrong type ---

def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_jsonl_limit_is_per_document(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": "a", "text": "Открыто 5 школ."},
                                                 {"id": "big", "text": "Слово " * 50_000},
                                                 {"id": "c", "text": "Построено 3 моста."}])
    items = load_all(path, max_bytes=100_000)
    assert [(type(i).__name__, i.doc_id) for i in items] == [("Document", "a"), ("ErrorRow", "feed:2"),
                                                             ("Document", "c")]
    assert items[1].message == f"{path}:2: line too large (over the limit of 0 MB for a document)"


def test_jsonl_lines_end_at_newline_only(tmp_path):
    texts = ["Первый\u2028абзац, 5 школ.", "Второй\u0085текст\x0bи\x0cещё 7 мостов.", "Третий\x1c\x1d\x1e."]
    path = write_jsonl(tmp_path / "feed.jsonl", [{"text": t} for t in texts])
    items = load_all(path)
    assert [(i.doc_id, i.text) for i in items] == [("feed:1", texts[0]), ("feed:2", texts[1]), ("feed:3", texts[2])]


def test_jsonl_fields_of_another_type(tmp_path, caplog):
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": 7, "text": "Открыто 5 школ.", "url": {"href": "http://x"}, "title": ["Т"], "publisher": 5},
        {"id": {"x": 1}, "text": "Построено 3 моста."},
        json.dumps({"id": "s", "text": "Текст \ud800 с суррогатом.", "title": "Заголовок \udcff"})])   # \\ud800 escapes
    with caplog.at_level(logging.WARNING):
        first, second, third = load_all(path)
    assert (first.doc_id, first.url, first.title, first.publisher) == ("7", None, None, None)
    assert sorted(caplog.messages) == [f"{path}:1: 'publisher' is a number, not a string: ignored",
                                       f"{path}:1: 'title' is an array, not a string: ignored",
                                       f"{path}:1: 'url' is an object, not a string: ignored"]
    assert second.message == f"{path}:2: 'id' must be a string or a whole number, not an object"
    assert (third.text, third.title) == ("Текст \ufffd с суррогатом.", "Заголовок \ufffd")


def test_jsonl_not_utf8_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "\xd2\xe5\xea\xf1\xf2"}\n' + '{"text": "Открыто 5 школ."}\n'.encode())
    bad, good = load_all(path)
    assert bad.message == f"{path}:1: not UTF-8 (byte 0xd2 at offset 10; JSON lines are UTF-8)"
    assert isinstance(good, Document) and good.doc_id == "feed:2"


# --- names: not UTF-8, or with a newline ---

def test_names_are_valid_utf8_and_one_line(tmp_path):
    raw = os.fsencode(tmp_path) + b"/bad\xff\nWARNING forged.txt"
    with open(raw, "wb") as f:
        f.write(SEED.read_bytes())
    [source] = find_inputs([tmp_path])
    assert source.name == "bad\\xff\nWARNING forged"               # valid UTF-8: \xff as text
    [doc] = load_all(source.path, name=source.name)
    assert doc.source_path == f"{tmp_path}/bad\\xff\nWARNING forged.txt"
    doc.source_path.encode("utf-8")
    assert shown(source.path) == f"{tmp_path}/bad\\xff\\nWARNING forged.txt"


# --- the command line: arguments, --out, the lock, the time budget, a dead worker ---

import signal                                         # noqa: E402
import subprocess                                     # noqa: E402
import sys                                            # noqa: E402

import pandas as pd                                   # noqa: E402

from pipeline import cli, extract                     # noqa: E402

BAD_ARGS = [
    # argv after `extract IN --out OUT`        the error line's end
    (["--max-mb", "nan"],                       "argument --max-mb: expected a number above 0, got 'nan'"),
    (["--max-mb", "inf"],                       "argument --max-mb: expected a number above 0, got 'inf'"),
    (["--max-mb", "-5"],                        "argument --max-mb: expected a number above 0, got '-5'"),
    (["--max-mb", "0"],                         "argument --max-mb: expected a number above 0, got '0'"),
    (["--doc-timeout", "-1"],                   "argument --doc-timeout: expected a number above 0, got '-1'"),
    (["--doc-timeout", "soon"],                 "argument --doc-timeout: expected a number above 0, got 'soon'"),
    (["--workers", "0"],                        "argument --workers: expected a whole number of at least 1, got '0'"),
    (["--format", "xml"],                       "argument --format: unknown format 'xml'; choose from parquet,csv,jsonl"),
    (["--bogus"],                               "unrecognized arguments: --bogus"),   # said by the main parser
]


@pytest.mark.parametrize("extra, message", BAD_ARGS, ids=[" ".join(row[0]) for row in BAD_ARGS])
def test_bad_arguments_are_one_line_and_exit_2(extra, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", str(SEED), "--out", str(tmp_path / "o"), *extra])
    assert exc.value.code == 2
    prog = "pressfacts" if extra == ["--bogus"] else "pressfacts extract"
    assert capsys.readouterr().err.splitlines() == [f"{prog}: error: {message}"]


@pytest.fixture
def session_tools(tools, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
    return tools


def test_unwritable_out_is_found_before_any_work(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: pytest.fail("built")))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["extract", str(SEED), "--out", str(blocker / "out")]) == 2
    assert capsys.readouterr().err.splitlines() == [f"pressfacts: error: cannot write to {blocker}/out: Not a directory"]


def test_second_run_into_the_same_out_exits_3(tmp_path, capsys, session_tools):
    from pipeline.io import TableFiles
    out = tmp_path / "out"
    with TableFiles(out):                         # a run in progress holds the lock
        assert cli.main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"pressfacts: error: {out} is being written by another run (pid {os.getpid()}); wait for it, or choose "
        "another --out"]
    assert cli.main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0   # released: the next one runs


def test_outputs_honour_the_umask(tmp_path, session_tools):
    old = os.umask(0o022)
    try:
        assert cli.main(["extract", str(SEED), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    finally:
        os.umask(old)
    modes = {oct(p.stat().st_mode & 0o777) for p in (tmp_path / "out").glob("*.*") if not p.name.startswith(".")}
    assert modes == {"0o644"}


def test_other_formats_of_an_earlier_run_do_not_stay(tmp_path, session_tools):
    out = tmp_path / "out"
    assert cli.main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    assert cli.main(["extract", str(SEED), "--out", str(out), "--quiet", "--format", "jsonl"]) == 0
    assert sorted(p.suffix for p in out.iterdir() if not p.name.startswith(".")) == [".jsonl"] * 7
    assert len(list((out / ".pressfacts").glob("gen-*"))) == 1


def test_tables_written_by_an_older_version_are_replaced_as_a_set(tmp_path, session_tools):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("documents", "facts"):
        (out / f"{name}.csv").write_text("old\n")
    (out / ".facts.csv.abc123.tmp").write_text("a killed run's")
    assert cli.main(["extract", str(SEED), "--out", str(out), "--quiet", "--format", "csv"]) == 0
    assert pd.read_csv(out / "documents.csv")["doc_id"].tolist() == [SEED.stem]
    assert not list(out.glob(".*.tmp"))


class Stuck:
    """process() that never ends, or kills its own process, for the document with `marker` in its text."""

    def __init__(self, real, marker: str, kill: bool = False):
        self.real, self.marker, self.kill = real, marker, kill

    def __call__(self, doc, *args):
        if self.marker in doc.text:
            if self.kill:
                os.kill(os.getpid(), signal.SIGKILL)
            signal.pause()
        return self.real(doc, *args)


@pytest.mark.parametrize("kill", [False, True], ids=["never ends", "kill -9"])
def test_a_stuck_or_killed_document_is_an_error_row_and_the_batch_goes_on(kill, tmp_path, session_tools,
                                                                            monkeypatch):
    import pipeline.run
    monkeypatch.setattr(pipeline.run, "process", Stuck(pipeline.run.process, "ЗАВИСНИ", kill))
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        shutil.copy(SEED, folder / f"{i}.txt")
    (folder / "1.txt").write_text("Открыто 5 школ. ЗАВИСНИ", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["extract", str(folder), "--out", str(out), "--quiet", "--doc-timeout", "2"]) == 1
    docs = pd.read_parquet(out / "documents.parquet").set_index("doc_id")["status"].to_dict()
    assert docs == {"0": "ok", "1": "error", "2": "ok"}
    [error] = pd.read_parquet(out / "errors.parquet").to_dict("records")
    why = ("the worker process running it died (signal 9)" if kill
           else "took longer than 2 s (--doc-timeout); it was stopped")
    assert (error["doc_id"], error["error_type"], error["message"]) == (
        "1", "WorkerDied" if kill else "DocumentTimeout", f"{folder}/1.txt: {why}")


def test_the_api_has_a_time_budget_too(session_tools, monkeypatch):
    import pipeline.run
    monkeypatch.setattr(pipeline.run, "process", Stuck(pipeline.run.process, "ЗАВИСНИ"))
    tables = extract(texts=["Открыто 5 школ.", "Открыто 6 школ. ЗАВИСНИ", "Открыто 7 школ."], tools=session_tools,
                     doc_timeout=2)
    assert tables.documents.set_index("doc_id")["status"].to_dict() == \
        {"text:1": "ok", "text:2": "error", "text:3": "ok"}
    assert tables.facts["value"].tolist() == [5.0, 7.0]
    assert tables.errors[["doc_id", "error_type"]].values.tolist() == [["text:2", "DocumentTimeout"]]


@pytest.mark.parametrize("budget", [0, -1, float("nan"), float("inf"), "2"])
def test_the_api_time_budget_must_be_seconds(budget, session_tools):
    with pytest.raises(ValueError, match="doc_timeout: expected a number of seconds above 0"):
        extract(texts=["Открыто 5 школ."], tools=session_tools, doc_timeout=budget)


def test_kill_9_while_writing_leaves_a_whole_set(tmp_path):
    """A run over set B killed at several moments while --out holds set A: every table is A's or every
    one is B's; the next run leaves no generation or temporary file behind."""
    a, b, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    for folder, names in ((a, ["000_87938b6d2d0e720c.txt"]), (b, ["002_b8777918d902736b.txt", "103_synthetic_schools.txt"])):
        folder.mkdir()
        for name in names:
            shutil.copy(CORPUS / name, folder / name)
    command = [sys.executable, "-m", "pipeline", "extract", "--out", str(out), "--quiet"]
    subprocess.run([*command, str(a)], check=True, timeout=300)
    seen = set()
    for delay in (0.5, 1.0, 1.5, 2.0, 3.0):
        proc = subprocess.Popen([*command, str(b)])
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        sets = {frozenset(pd.read_csv(out / f"{name}.csv")["doc_id"].dropna()) or None
                for name in ("documents", "facts", "dates")} - {None}
        assert len(sets) == 1, sets                 # one set: never some tables of A and some of B
        seen |= sets
    subprocess.run([*command, str(a)], check=True, timeout=300)
    assert [p.name for p in (out / ".pressfacts").iterdir() if p.name.startswith("gen-")] == [
        os.readlink(out / ".pressfacts" / "current")]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


# --- the Python API: texts and paths apart; a blank text is an errors row ---

def test_api_texts_and_paths_apart(tools, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tables = extract(["5 млн", "", ".", "/"], tools=tools)
    assert tables.documents[["doc_id", "status"]].values.tolist() == [
        ["text:1", "ok"], ["text:2", "error"], ["text:3", "ok"], ["text:4", "ok"]]
    assert tables.errors["message"].tolist() == ["text:2: blank text"]
    tables = extract(texts=["Открыто 5 школ \ud800."], paths=[SEED], tools=tools, out=tmp_path / "out")
    assert tables.documents["doc_id"].tolist() == ["text:1", SEED.stem]
    assert tables.documents["text"][0] == "Открыто 5 школ \ufffd."
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet")["doc_id"].tolist() == ["text:1", SEED.stem]


def test_duplicate_jsonl_ids_are_error_rows(tools, tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"id": "x", "text": "Открыто 5 школ."},
                                                 {"id": "x", "text": "Построено 3 моста."}])
    tables = extract(paths=[path], tools=tools)
    assert tables.documents["doc_id"].tolist() == ["x"]
    assert tables.errors["error_type"].tolist() == ["DuplicateId"]
    assert tables.facts["fact_id"].is_unique


def test_a_non_utf8_file_name_does_not_lose_the_batch(tmp_path, session_tools, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "ok.txt")
    with open(os.fsencode(folder) + b"/\xff\nERROR forged.txt", "wb") as f:
        f.write(b"")
    out = tmp_path / "out"
    assert cli.main(["extract", str(folder), "--out", str(out), "--quiet"]) == 1
    errors = pd.read_parquet(out / "errors.parquet")
    assert errors["source_path"].tolist() == [f"{folder}/\\xff\nERROR forged.txt"]
    assert errors["message"].tolist() == [f"{folder}/\\xff\\nERROR forged.txt: empty file"]
    assert len(pd.read_parquet(out / "documents.parquet")) == 2

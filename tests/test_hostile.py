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

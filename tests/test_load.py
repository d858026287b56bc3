"""Loading: every input format and encoding, seed metadata, and bad input as error rows."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.io.load import UsageError, decode, find_inputs, load_path
from pipeline.records import Document, ErrorRow

from conftest import CORPUS

SEED_000 = CORPUS / "000_87938b6d2d0e720c.txt"
SEED_002 = CORPUS / "002_b8777918d902736b.txt"

BODY = "Портал предоставляет 148 электронных услуг.\nИх оценили около 70 тыс. москвичей."


def load_one(path: Path):
    items = list(load_path(path))
    assert len(items) == 1
    return items[0]


SEEDS = [
    # file      title                                                              published              url                                                                publisher
    (SEED_000, 'Собянин: Портал "Наш город" помог решить более 1 млн проблем', dt.date(2016, 3, 29),
     "http://vernadskogo.mos.ru/presscenter/news/detail/2672680.html", "Управа района Проспект Вернадского"),
    (SEED_002, "Электронными услугами в Москве пользуются более 4 млн человек - Собянин", dt.date(2015, 2, 24),
     "http://uzhnoport.mos.ru/presscenter/news/detail/1607651.html", "Управа Южнопортового района"),
]


@pytest.mark.parametrize("path, title, published, url, publisher", SEEDS, ids=[row[0].stem for row in SEEDS])
def test_seed_metadata(path, title, published, url, publisher):
    doc = load_one(path)
    assert (doc.doc_id, doc.title, doc.published, doc.url, doc.publisher) == (
        path.stem, title, published, url, publisher)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.text[doc.title_span[0]:doc.title_span[1]] == title
    assert "Адрес страницы" not in doc.text[:doc.content_end]


LAYOUTS = [
    # text                                                                      title            published
    ("\n\n## Заголовок новости\n\n01.02.2016\n\n" + BODY,                       "Заголовок новости", dt.date(2016, 2, 1)),
    ("Заголовок без даты\n\n" + BODY,                                           "Заголовок без даты", None),
    ("29.03.2016\n\n" + BODY,                                                   None, dt.date(2016, 3, 29)),
    (BODY,                                                                      None, None),
    ("Заголовок\r\n29.03.2016\r\n" + BODY.replace("\n", "\r\n"),                "Заголовок", dt.date(2016, 3, 29)),
    (BODY + "\n\nАдрес страницы: <http://x.mos.ru/n/1.html>\n\n---\n\n[Управа](#)", None, None),
]


@pytest.mark.parametrize("text, title, published", LAYOUTS, ids=[f"layout{i}" for i in range(len(LAYOUTS))])
def test_text_layouts(tmp_path, text, title, published):
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = load_one(path)
    assert (doc.title, doc.published) == (title, published)
    assert doc.text == text                      # offsets index the text exactly as decoded, \r\n kept
    assert "148 электронных услуг" in doc.text[:doc.content_end]


def test_trailers(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(BODY + "\n\nАдрес страницы: <http://x.mos.ru/n/1.html>\n\n---\n\n[Управа района Отрадное](#)\n",
                    encoding="utf-8")
    doc = load_one(path)
    assert (doc.url, doc.publisher) == ("http://x.mos.ru/n/1.html", "Управа района Отрадное")
    assert doc.text[:doc.content_end].rstrip().endswith("москвичей.")


# UTF-8 and the BOMs decoded as they are; the legacy Cyrillic encodings told apart by charset-normalizer
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-32-be", "cp1251", "koi8_r", "cp866", "iso8859_5",
             "mac_cyrillic"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings(tmp_path, encoding):
    text = "Заголовок «новости» — тест\n\n29.03.2016\n\n" + BODY
    if encoding in ("koi8_r", "cp866", "iso8859_5", "mac_cyrillic"):
        text = text.replace("«", '"').replace("»", '"').replace("—", "-")    # none of them has these
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\x00\x00\xfe\xff" + text.encode("utf-32-be") if encoding == "utf-32-be"
                     else text.encode(encoding))
    doc = load_one(path)
    assert doc.text == text
    assert doc.title == text.split("\n")[0]


def test_html(tmp_path):
    html = """<html><head><title>Сайт | Новость</title>
    <link rel="canonical" href="https://www.mos.ru/news/item/1/">
    <meta property="article:published_time" content="2016-05-12T10:00:00+03:00"></head>
    <body><nav>Главная Новости 2016</nav><header>Меню</header>
    <article><h1>Открыто 12 новых школ</h1><p>В этом году открыто&nbsp;12 школ.</p>
    <p>Их посещают 5&nbsp;000 учеников.<script>var x = 100;</script></p></article>
    <footer>© 2016</footer></body></html>"""
    path = tmp_path / "news.html"
    path.write_text(html, encoding="utf-8")
    doc = load_one(path)
    assert (doc.doc_id, doc.title, doc.published, doc.url) == (
        "news", "Открыто 12 новых школ", dt.date(2016, 5, 12), "https://www.mos.ru/news/item/1/")
    assert doc.text == "Открыто 12 новых школ\nВ этом году открыто\u00a012 школ.\nИх посещают 5\u00a0000 учеников."
    assert doc.text[doc.title_span[0]:doc.title_span[1]] == doc.title


def test_html_without_article_uses_body(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text("<html><body><div>Первый абзац.</div><div>Второй абзац.</div></body></html>", encoding="cp1251")
    assert load_one(path).text == "Первый абзац.\nВторой абзац."


def test_jsonl(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "n1", "title": "Т", "published": "2016-03-29", "url": "http://a", "publisher": "П",
                         "text": BODY}, ensure_ascii=False),
             "",
             json.dumps({"text": "Второй текст."}, ensure_ascii=False)]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, second = load_path(path)
    assert (first.doc_id, first.title, first.published, first.url, first.publisher, first.text) == (
        "n1", "Т", dt.date(2016, 3, 29), "http://a", "П", BODY)
    assert (second.doc_id, second.title, second.published, second.text) == ("batch:3", None, None, "Второй текст.")


BAD_INPUTS = [
    # name        bytes                                        message (after '<path>: ')
    ("empty.txt",  b"",                                         "empty file"),
    ("blank.txt",  b" \n\r\n\t",                                "empty file"),
    ("photo.txt",  b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",      "binary file, not text (NUL byte at offset 8)"),
    ("bytes.txt",  b"\xd2\xe5\xea\xf1\xf2 \x98\x98",            "not UTF-8 (byte 0xd2 at offset 0), and too short to "
                                                                "tell its encoding: CP866 or Mac Cyrillic"),
    ("noise.txt",  bytes(range(1, 9)) * 50 + b"\x80\x81",      "not text in a supported encoding (not UTF-8: byte 0x80 "
                                                                "at offset 400; nor readable as Windows-1251, KOI8-R, "
                                                                "CP866, ISO-8859-5, Mac Cyrillic)"),
    ("nobody.html", b"<html><head><title>T</title></head><body><script>1</script></body></html>",
                                                                "HTML page has no body text"),
]


@pytest.mark.parametrize("name, data, message", BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_is_an_error_row(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    error = load_one(path)
    assert isinstance(error, ErrorRow)
    assert (error.source_path, error.doc_id, error.stage) == (str(path), path.stem, "load")
    assert error.message == f"{path}: {message}"


def test_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("Текст про 5 тысяч рублей. " * 800_000).encode("utf-8"))     # ~20 MB
    error = load_one(path)
    assert isinstance(error, ErrorRow)
    assert error.message == f"{path}: file too large ({path.stat().st_size / 2**20:.1f} MB; the limit is 10 MB)"


def test_unreadable(tmp_path):
    path = tmp_path / "gone.txt"
    path.symlink_to(tmp_path / "missing-target.txt")      # a dangling link: unreadable even for root
    error = load_one(path)
    assert error.message == f"{path}: cannot read file: No such file or directory"


def test_malformed_jsonl_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "Первый."}\n{"id": "b", "text": \n{"text": 5}\n{"id": "d", "text": "Четвёртый."}\n',
                    encoding="utf-8")
    items = list(load_path(path))
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRow", "ErrorRow", "Document"]
    assert items[1].doc_id == "feed:2" and items[1].message.startswith(f"{path}:2: not valid JSON (")
    assert items[2].message == f"{path}:3: expected an object with a string field 'text'"


def test_find_inputs(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/x.txt", "a/y.html", "b.jsonl", "README.md", "a/notes.csv"):
        (tmp_path / name).write_text("Текст.", encoding="utf-8")
    assert [s.path.relative_to(tmp_path).as_posix() for s in find_inputs([tmp_path])] == ["a/x.txt", "a/y.html", "b.jsonl"]
    # ids: the path from the folder given, without the extension; a file given alone: its name
    assert [s.name for s in find_inputs([tmp_path])] == ["a/x", "a/y", "b"]
    assert [s.name for s in find_inputs([tmp_path / "a", tmp_path / "a/x.txt"])] == ["x", "y", "x"]
    [doc] = load_path(tmp_path / "a/x.txt", name="a/x")
    assert doc.doc_id == "a/x"
    with pytest.raises(UsageError, match="no such file or folder"):
        find_inputs([tmp_path / "nope"])
    with pytest.raises(UsageError, match="unknown format '.csv'"):
        find_inputs([tmp_path / "a/notes.csv"])


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".md", ".html", ".jsonl"}
                                        and p.name != "README.md"), ids=lambda p: p.name)
def test_corpus_loads(path):
    items = list(load_path(path))
    assert items and all(isinstance(i, Document) for i in items)
    for doc in items:
        assert doc.text.strip()


def test_decode_prefers_utf8():
    assert decode("ёлка".encode("utf-8"), "x") == "ёлка"
    assert decode(BODY.encode("cp1251"), "x") == BODY


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"])
def test_corpus_text_in_legacy_encodings(encoding):
    """A real release in each legacy encoding comes back exactly (not as Windows-1251 mojibake)."""
    text = decode(SEED_002.read_bytes(), "x")
    raw = text.encode(encoding, "replace")
    assert decode(raw, "x") == raw.decode(encoding)


def test_utf32_is_not_read_as_utf16():
    assert decode("\ufeffПортал 5 услуг".encode("utf-32-le"), "x") == "Портал 5 услуг"

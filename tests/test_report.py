"""The report as files: every claim highlighted on its page with its text, text escaped, no address outside
the folder, and bad input (an empty archive, error rows, 2,000 claims in one release) still renders.
tests/test_report_browser.py opens it in Chromium."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from pipeline import cli
from pipeline.report import load, write_report
from pipeline.report.markup import Span, highlight
from pipeline.report.site import page_name

from conftest import CORPUS


@pytest.fixture(autouse=True)
def session_tools(tools, monkeypatch):
    monkeypatch.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))


@pytest.fixture(scope="module")
def corpus_report(tools, tmp_path_factory):
    """The report of corpus/, made from the archive, as `make run` makes it."""
    tmp = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
        assert cli.main(["ingest", str(CORPUS), "--db", str(tmp / "a.duckdb"), "--quiet"]) == 0
        assert cli.main(["report", "--db", str(tmp / "a.duckdb"), "--out", str(tmp / "site"), "--quiet"]) == 0
    return tmp / "site", load(db=tmp / "a.duckdb")


class Marks(HTMLParser):
    """The text inside each <mark data-fact-id>, its pieces joined (tooltips are attributes, not text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "mark":
            self.open.append(attrs.get("data-fact-id"))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for fact_id in self.open:
            if fact_id:
                self.text[fact_id] = self.text.get(fact_id, "") + data


def test_every_fact_is_highlighted_with_its_text(corpus_report):
    site, data = corpus_report
    by_doc: dict[str, list[dict]] = {}
    for fact in data.facts:
        by_doc.setdefault(fact["doc_id"], []).append(fact)
    assert len(data.facts) > 100
    for doc_id, facts in by_doc.items():
        marks = Marks()
        marks.feed((site / "docs" / page_name(doc_id)).read_text(encoding="utf-8"))
        assert {f["fact_id"]: f["text"] for f in facts} == marks.text
        assert {f["fact_id"] for f in facts} <= marks.ids                     # doc.html#<fact_id> lands


def test_pages_and_assets(corpus_report):
    site, data = corpus_report
    assert (site / "index.html").exists() and (site / "claims.html").exists() and (site / "conflicts.html").exists()
    assert len(list((site / "docs").iterdir())) == len(data.documents)
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    assert list((site / "metrics").iterdir())                       # corpus/ has objects claimed in two releases


def test_nothing_points_outside_the_folder(corpus_report):
    """No page loads anything from the network: every src and stylesheet href is relative."""
    site, _ = corpus_report
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe)[^>]*\bsrc="([^"]*)"|<link[^>]*\bhref="([^"]*)"', html)
        for src in (a or b for a, b in loaded):
            assert not re.match(r"^[a-z]+:|^//", src), (page.name, src)
            assert (page.parent / src).exists(), (page.name, src)


def test_script_in_a_release_is_text(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text('Заголовок <b>жирный</b>\n05.12.2026\nТекст <script>alert(1)</script> '
                                           'и "кавычки" & 12 школ.\n', encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "t"), "--quiet"]) == 0
    assert cli.main(["report", "--tables", str(tmp_path / "t"), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    html = (tmp_path / "site" / "docs" / "x.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>жирный</b>" not in html
    assert "alert(1)" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8").replace("&lt;", "")


def test_an_empty_archive_renders(tmp_path):
    db = tmp_path / "a.duckdb"
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "x.txt").write_bytes(b"")
    assert cli.main(["ingest", str(tmp_path / "empty"), "--db", str(db), "--quiet"]) == 1
    assert cli.main(["report", "--db", str(db), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "empty file" in index                                    # the error row, with its message


def test_a_new_archive_without_documents_renders(tmp_path):
    from pipeline.io import Archive
    with Archive.open(tmp_path / "a.duckdb", extractor="test"):
        pass
    assert cli.main(["report", "--db", str(tmp_path / "a.duckdb"), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    assert "The archive is empty" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_release_with_2000_claims_renders(tmp_path):
    (tmp_path / "in").mkdir()
    body = " ".join(f"Открыто {n} школ." for n in range(1, 2001))
    (tmp_path / "in" / "big.txt").write_text(f"Много школ\n05.12.2026\n{body}\n", encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "t"), "--quiet"]) == 0
    assert cli.main(["report", "--tables", str(tmp_path / "t"), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    marks = Marks()
    marks.feed((tmp_path / "site" / "docs" / "big.html").read_text(encoding="utf-8"))
    facts = load(tables=tmp_path / "t").facts
    assert len(facts) > 1500 and marks.text == {f["fact_id"]: f["text"] for f in facts}


def test_report_replaces_its_folder(corpus_report, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    _, data = corpus_report
    write_report(data, site)
    assert not (site / "stale.html").exists() and (site / "index.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]               # no temporary folder left


def test_report_usage_errors(tmp_path, capsys):
    assert cli.main(["report", "--tables", str(tmp_path / "none"), "--out", str(tmp_path / "s")]) == 2
    assert capsys.readouterr().err.strip() == f"pressfacts: error: {tmp_path / 'none'}: no such folder"
    assert cli.main(["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "s")]) == 2


HIGHLIGHTS = [
    # text, spans, HTML
    ("Открыто 12 школ", [Span(8, 15, "fact", {"id": "d#1"}, "12")],
     'Открыто <mark class="fact" id="d#1" tabindex="0" data-tip="12">12 школ</mark>'),
    ("«12 школ»", [Span(1, 8, "quote", {}, None), Span(1, 3, "fact", {}, None)],
     '«<mark class="quote"><mark class="fact">12</mark> школ</mark>»'),
    ("a<b>c", [Span(1, 4, "date", {}, 'x"y')],
     'a<mark class="date" tabindex="0" data-tip="x&quot;y">&lt;b&gt;</mark>c'),
    ("abcdef", [Span(0, 4, "quote", {}, None), Span(2, 6, "fact", {"id": "f"}, None)],      # crossing: cut in two
     '<mark class="quote">ab<mark class="fact" id="f">cd</mark></mark><mark class="fact">ef</mark>'),
    ("abc", [Span(2, 9, "fact", {}, None), Span(1, 1, "fact", {}, None)], "abc"),          # out of the text: left out
]


@pytest.mark.parametrize("text, spans, html", HIGHLIGHTS)
def test_highlight(text, spans, html):
    assert highlight(text, spans) == html


@pytest.mark.parametrize("key, name", [("000_87938b6d2d0e720c", "000_87938b6d2d0e720c.html"),
                                       ("2026/12/06/index", "2026-12-06-index-"), ("news:3", "news-3-"),
                                       ("..", "page-")])
def test_page_names(key, name):
    assert page_name(key).startswith(name) and page_name(key).endswith(".html") and "/" not in page_name(key)
    assert page_name(key) != page_name(key + "x")


def test_conflicts_page_and_export(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Итоги 2015 года\n10.01.2016\nВ 2015 году поступило более 1 млн обращений.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Итоги года\n12.01.2016\nВ 2015 году поступило около 700 тыс. обращений.\n",
                                  encoding="utf-8")
    db = tmp_path / "a.duckdb"
    assert cli.main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    assert cli.main(["export", "--db", str(db), "--out", str(tmp_path / "x"), "--format", "csv", "--quiet"]) == 0
    import pandas as pd
    conflicts = pd.read_csv(tmp_path / "x" / "conflicts.csv")
    assert conflicts[["object", "a_doc_id", "b_doc_id", "a_value", "b_value"]].values.tolist() == [
        ["обращение", "a", "b", 1e6, 7e5]]
    assert cli.main(["report", "--db", str(db), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    html = (tmp_path / "site" / "conflicts.html").read_text(encoding="utf-8")
    assert html.count('<tr class="conflict">') == 1 and 'href="docs/a.html#a#1"' in html and 'href="docs/b.html#b#1"' in html
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT a_fact_id, b_fact_id FROM conflicts").fetchall() == [("a#1", "b#1")]   # the view
    con.close()

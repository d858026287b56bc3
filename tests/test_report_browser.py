"""The report in a real browser: headless Chromium (Debian's, driven by Playwright) opens the report of
corpus/ (and of the dev texts, where ../shared is) from disk and checks what an auditor would: every claim
highlighted with its text, its reading on hover, the explorer's filter, a timeline with one mark per claim,
a link to one claim, no request leaving the machine and no console errors."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.report import load
from pipeline.report.site import number, page_name

from conftest import CORPUS, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("PRESSFACTS_REQUIRE_BROWSER"):     # CI: a skip would hide a broken set-up
    raise RuntimeError("PRESSFACTS_REQUIRE_BROWSER is set and there is no chromium on PATH")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium; "
                                                         ".ci/run installs it)")
DEVSET = ROOT.parent / "shared" / "data" / "factrueval2016" / "devset"
# Chromium's own background traffic off: this machine has no network, and a report must not need one
FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


def make_report(tmp: Path, inputs: list[Path], tools) -> tuple[Path, object]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("pipeline.nlp.tools.Tools.build", classmethod(lambda cls, ner=True: tools))
        assert cli.main(["ingest", *map(str, inputs), "--db", str(tmp / "a.duckdb"), "--quiet"]) in (0, 1)
        assert cli.main(["report", "--db", str(tmp / "a.duckdb"), "--out", str(tmp / "site"), "--quiet"]) == 0
    return tmp / "site", load(db=tmp / "a.duckdb")


REPORTS = ["corpus", "devset"]


@pytest.fixture(scope="module", params=REPORTS)
def report(request, tools, tmp_path_factory):
    if request.param == "devset":
        if not DEVSET.is_dir():
            pytest.skip(f"{DEVSET} is not here (the evaluation kit beside a development checkout)")
        return make_report(tmp_path_factory.mktemp("devset"), [DEVSET], tools)
    return make_report(tmp_path_factory.mktemp("corpus"), [CORPUS], tools)


class Watched:
    """A page whose requests and console errors are recorded."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: Path, fragment: str = ""):
        self.page.goto(path.as_uri() + fragment)
        return self.page

    def close(self):
        self.context.close()

    def assert_offline_and_clean(self, site: Path):
        outside = [url for url in self.requests if not url.startswith(site.as_uri())]
        assert outside == [] and self.errors == []


@pytest.fixture
def watched(browser):
    page = Watched(browser)
    yield page
    page.close()


def test_every_claim_is_highlighted_with_its_text(report, watched):
    site, data = report
    by_doc: dict[str, dict[str, str]] = {}
    for fact in data.facts:
        by_doc.setdefault(fact["doc_id"], {})[fact["fact_id"]] = fact["text"]
    for doc_id, expected in by_doc.items():
        page = watched.open(site / "docs" / page_name(doc_id))
        shown = page.evaluate("""() => {
            const text = {};
            for (const m of document.querySelectorAll("mark[data-fact-id]")) {
                text[m.dataset.factId] = (text[m.dataset.factId] || "") + m.textContent;
            }
            return text;
        }""")
        assert shown == expected, doc_id
    watched.assert_offline_and_clean(site)


def test_hovering_a_claim_shows_its_reading(report, watched):
    site, data = report
    fact = max(data.facts, key=lambda f: f["value"])
    page = watched.open(site / "docs" / page_name(fact["doc_id"]))
    mark = page.locator(f'mark[id="{fact["fact_id"]}"]')
    tip = "() => getComputedStyle(document.getElementById(ID), '::after')".replace("ID", repr(fact["fact_id"]))
    assert page.evaluate(tip + ".display") == "none"
    mark.hover()
    assert page.evaluate(tip + ".display") == "block"
    reading = page.evaluate(tip + ".content")
    assert f"value: {number(fact['value'])}" in reading and f"({fact['qualifier']})" in reading
    watched.assert_offline_and_clean(site)


def test_a_link_to_one_claim_lands_on_it(report, watched):
    site, data = report
    fact = data.facts[len(data.facts) // 2]
    page = watched.open(site / "docs" / page_name(fact["doc_id"]), "#" + fact["fact_id"])
    assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") \
        == fact["fact_id"]


def test_the_explorer_filters_plans_from_results(report, watched):
    """`modality` separates what was done from what is promised; the reading column says which."""
    site, data = report
    planned = [f for f in data.facts if f.get("modality") == "planned"]
    assert planned, "corpus/ states plans (`планируется`, `будет открыто`)"
    page = watched.open(site / "claims.html")
    page.select_option("select[name=modality]", "planned")
    assert page.locator("#shown").inner_text() == f"{len(planned)} of {len(data.facts)}"
    readings = page.locator("#claims tbody tr td:nth-child(4)").all_inner_texts()
    assert readings and all("planned" in r for r in readings)
    watched.assert_offline_and_clean(site)


def test_the_explorer_filter_narrows_the_rows(report, watched):
    site, data = report
    page = watched.open(site / "claims.html")
    rows = page.locator("#claims tbody tr")
    assert rows.count() == min(100, len(data.facts))
    assert page.locator("#shown").inner_text() == f"{len(data.facts)} of {len(data.facts)}"
    speaker = max({f["speaker"] for f in data.facts if f["speaker"]},
                  key=lambda s: sum(f["speaker"] == s for f in data.facts))
    expected = sum(f["speaker"] == speaker for f in data.facts)
    page.select_option("select[name=speaker]", speaker)
    assert page.locator("#shown").inner_text() == f"{expected} of {len(data.facts)}"
    assert rows.count() == min(100, expected)
    assert set(page.locator("#claims tbody tr td:nth-child(8)").all_inner_texts()) == {speaker}
    first = rows.first.locator("a")
    href = first.get_attribute("href")
    assert href.startswith("docs/") and "#" in href
    page.fill("input[name=object]", "нет-такого-объекта")
    assert rows.count() == 0 and page.locator("#page").inner_text() == "no claims match"
    watched.assert_offline_and_clean(site)


def test_a_timeline_has_one_mark_per_claim(report, watched):
    """The timeline with the most dated claims (the devset's texts carry no publication date, so few of
    its claims can be placed in time)."""
    site, _ = report
    points = {}
    for timeline in sorted((site / "metrics").glob("*.html")):
        html = timeline.read_text(encoding="utf-8")
        points[timeline] = int(html.split('data-points="', 1)[1].split('"', 1)[0])
    assert points
    timeline = max(points, key=points.get)
    if points[timeline] < 2:
        pytest.skip("no metric has two claims with a date")
    page = watched.open(timeline)
    page.wait_for_selector("#chart svg.main-svg")
    assert page.locator("#chart .scatterlayer .point").count() == points[timeline]
    watched.assert_offline_and_clean(site)


def test_the_overview_and_conflicts_render(report, watched):
    site, data = report
    page = watched.open(site / "index.html")
    assert page.locator("#counts td[data-table=facts]").inner_text() == str(len(data.facts))
    assert page.locator("#documents tr").count() == len(data.documents) + 1
    page.click("text=Conflicts")
    assert page.locator("#conflicts tr.conflict").count() == len(data.conflicts) or \
        (not data.conflicts and page.locator(".empty").count() == 1)
    watched.assert_offline_and_clean(site)

"""Screenshots of the report, to look at: the overview, one release and one timeline (`make screenshots`).

    python scripts/screenshots.py [--report outputs/report] [--out outputs/report-screenshots]

Opens the report (made by `make run`) from disk in headless Chromium, Debian's (`apt-get install
chromium`), and saves index.png, document.png and timeline.png: the release with the most claims, with
one claim's reading shown as on hover, and the timeline with the most dated claims.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def busiest(pages, pattern: str) -> Path:
    """The page where `pattern` occurs most often."""
    return max(pages, key=lambda p: len(re.findall(pattern, p.read_text(encoding="utf-8"))))


def points(page: Path) -> int:
    """The dated claims a timeline page draws."""
    found = re.search(r'data-points="(\d+)"', page.read_text(encoding="utf-8"))
    return int(found.group(1)) if found else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", type=Path, default=ROOT / "outputs" / "report")
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "report-screenshots")
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium on PATH: apt-get install chromium")
    if not (args.report / "index.html").exists():
        sys.exit(f"no report in {args.report}: `make run` makes it")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    document = busiest((args.report / "docs").glob("*.html"), r"data-fact-id=")
    timelines = list((args.report / "metrics").glob("*.html"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((args.report / "index.html").as_uri())
        page.screenshot(path=str(args.out / "index.png"), full_page=True)
        page.goto(document.as_uri())
        page.locator("mark.fact").nth(1).hover()
        page.screenshot(path=str(args.out / "document.png"))
        page.goto((args.report / "claims.html").as_uri())
        page.select_option("select[name=modality]", "planned")    # plans apart from results
        page.screenshot(path=str(args.out / "claims.png"))
        if timelines:
            page.goto(max(timelines, key=points).as_uri())
            page.wait_for_timeout(500)
            page.screenshot(path=str(args.out / "timeline.png"), full_page=True)
        browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()

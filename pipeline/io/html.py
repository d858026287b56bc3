"""A saved news page → title, publication date, canonical URL and body text (stdlib html.parser only).

    <link rel="canonical" href="https://www.mos.ru/news/item/1/">   -> url
    <meta property="article:published_time" content="2016-05-12T10:00:00+03:00"> -> published
    <article><h1>..</h1><p>..</p></article>                         -> body text, one line per block

The body is the first <article>, else <main>, else <body> — without scripts, styles, navigation,
headers, footers, asides and forms. Block elements end lines, so paragraphs stay apart.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
        "iframe", "button", "select"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
         "table", "tr", "blockquote", "pre", "br", "hr", "figure", "figcaption", "time", "dd", "dt", "body"}
VOID = {"br", "hr", "img", "meta", "link", "input", "source", "area", "base", "col", "embed", "wbr", "track"}
CONTAINERS = ("article", "main", "body")
DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "dc.date", "publish-date")


@dataclass
class Page:
    title: str = ""
    body: str = ""
    url: str = ""
    published: str = ""
    publisher: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.open: Counter = Counter()        # tag -> how many are on the stack: `in self.stack` is a scan
        self.skip_depth = 0
        self.parts = {name: [] for name in CONTAINERS}
        self.depth = {name: 0 for name in CONTAINERS}
        self.done = {name: False for name in CONTAINERS}
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            content = attrs.get("content", "").strip()
            if key in DATE_META and not self.page.published:
                self.page.published = content
            elif key == "og:url" and not self.page.url:
                self.page.url = content
            elif key == "og:title" and not self.page.title:
                self.page.title = content
            elif key in ("og:site_name", "publisher", "author") and not self.page.publisher:
                self.page.publisher = content
            return
        if tag == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                self.page.url = attrs["href"].strip()
            return
        if tag == "time" and attrs.get("datetime") and not self.page.published:
            self.page.published = attrs["datetime"]
        if tag in VOID:
            if tag in BLOCK:
                self._text("\n")
            return
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in SKIP:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        for name in CONTAINERS:
            if tag == name and not self.done[name]:
                self.depth[name] += 1
        if tag in BLOCK:
            self._text("\n")

    def handle_endtag(self, tag):
        if tag in VOID or not self.open[tag]:   # a stray closing tag (20,000 of them under 20,000 open
            return                              # ones took 10 s as a scan of the stack each)
        while self.stack:                      # close anything left open inside this element
            open_tag = self.stack.pop()
            self.open[open_tag] -= 1
            if open_tag in SKIP:
                self.skip_depth -= 1
            if open_tag == "title":
                self.in_title = False
            if open_tag == "h1":
                self.in_h1 = False
            if open_tag in BLOCK:
                self._text("\n")
            for name in CONTAINERS:
                if open_tag == name and self.depth[name] > 0:
                    self.depth[name] -= 1
                    self.done[name] = self.depth[name] == 0
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self._text(data)

    def _text(self, data):
        for name in CONTAINERS:
            if self.depth[name] > 0:
                self.parts[name].append(data)


def clean_block_text(raw: str) -> str:
    """Collapse runs of spaces inside lines, drop blank lines, keep one line per block."""
    lines = (re.sub(r"[ \t\u00a0]{2,}|[\t]", " ", line).strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def parse_html(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    page = reader.page
    for name in CONTAINERS:
        body = clean_block_text("".join(reader.parts[name]))
        if body:
            page.body = body
            break
    h1 = " ".join("".join(reader.h1_parts).split())
    title = " ".join("".join(reader.title_parts).split())
    page.title = h1 or page.title or title
    return page

"""Shared fixtures: Tools are built once per test session, as in natasha's own tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.io.load import load_text
from pipeline.records import Document, Sentence
from pipeline.nlp.segment import split_sentences
from pipeline.nlp.tools import Tools

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"       # texts the tests need, copied here (see its README)


@pytest.fixture(scope="session")
def tools() -> Tools:
    return Tools.build()


def make_doc(text: str, published: dt.date | str | None = None, doc_id: str = "t") -> Document:
    """A bare-text document (no title or date line parsing surprises) with an optional publication date."""
    doc = load_text(text, doc_id=doc_id)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    from dataclasses import replace
    return replace(doc, published=published, title=None, title_span=None)


def doc_and_sentences(text: str, tools: Tools, published=None) -> tuple[Document, list[Sentence]]:
    doc = make_doc(text, published)
    return doc, split_sentences(doc, tools)

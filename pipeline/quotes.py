"""Sentences + people → attributed statements (QuoteRow): direct and indirect speech with its speaker.

Not built yet: see issue "Officials and their words". Returns no quotes.
"""
from __future__ import annotations

from pipeline.people import People
from pipeline.records import Document, QuoteRow, Sentence
from pipeline.tools import Tools


def extract_quotes(doc: Document, sentences: list[Sentence], people: People, tools: Tools) -> list[QuoteRow]:
    return []

"""Sentences → date and period expressions (DateRow), resolved against the publication date.

Not built yet: see issue "Dates and periods". Returns no dates.
"""
from __future__ import annotations

from pipeline.records import DateRow, Document, Sentence
from pipeline.tools import Tools


def extract_dates(doc: Document, sentences: list[Sentence], tools: Tools) -> list[DateRow]:
    return []

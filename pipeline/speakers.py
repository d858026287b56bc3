"""Facts × quotes → who said each claim (speaker, speaker_position, quote_id, in_quote).

Not built yet: see issue "Officials and their words". Facts pass through unchanged.
"""
from __future__ import annotations

from pipeline.people import People
from pipeline.records import Document, FactRow, QuoteRow, Sentence


def attach_speakers(doc: Document, facts: list[FactRow], quotes: list[QuoteRow], people: People,
                    sentences: list[Sentence]) -> list[FactRow]:
    return facts

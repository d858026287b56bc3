"""Facts × dates → each fact's period (period_start, period_end) when its sentence ties it to a time.

Not built yet: see issue "Dates and periods". Facts pass through unchanged.
"""
from __future__ import annotations

from pipeline.records import DateRow, Document, FactRow, Sentence


def attach_periods(doc: Document, facts: list[FactRow], dates: list[DateRow],
                   sentences: list[Sentence]) -> list[FactRow]:
    return facts

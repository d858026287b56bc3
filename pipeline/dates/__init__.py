"""Dates: date expressions resolved against the publication date, and the periods facts refer to.

Takes a document's sentences; gives `DateRow`s with start and end bounds (`extract_dates`). Later, in
`pipeline.resolve`, gives each fact the period of the date that governs it (`attach_periods`).

    extract_dates(doc, sentences, tools)   # 'в прошлом году' (published 2016) -> 2015-01-01..2015-12-31
"""
from pipeline.dates.extract import extract_dates
from pipeline.dates.periods import attach_periods

__all__ = ["extract_dates", "attach_periods"]

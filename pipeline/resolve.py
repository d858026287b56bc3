"""Cross-table resolution for one document: dates are never facts, facts get ids, periods and speakers.

    '29 марта' matched as a number and as a date -> only the date row remains
    facts of doc 'x'                            -> fact_id 'x#1', 'x#2', ... in text order
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_right

from pipeline.dates import attach_periods
from pipeline.people import People
from pipeline.records import DateRow, Document, FactRow, QuoteRow, Sentence
from pipeline.speech import attach_speakers, fact_sources


def resolve_facts(doc: Document, facts: list[FactRow], dates: list[DateRow], quotes: list[QuoteRow],
                  people: People, sentences: list[Sentence]) -> list[FactRow]:
    facts = drop_dates(facts, dates)
    facts = attach_periods(doc, facts, dates, sentences)
    facts = attach_speakers(doc, facts, quotes, people, sentences)
    facts = fact_sources(doc, facts, quotes, sentences)
    published = doc.published.isoformat() if doc.published else None
    ordered = sorted(facts, key=lambda f: (f.start, f.end))
    return [dataclasses.replace(f, fact_id=f"{doc.doc_id}#{n}", published=published)
            for n, f in enumerate(ordered, 1)]


def drop_dates(facts: list[FactRow], dates: list[DateRow]) -> list[FactRow]:
    """A year or date never also counts as a numeric fact (spec: What counts as a fact)."""
    dates = sorted(dates, key=lambda d: d.start)
    starts = [d.start for d in dates]

    def inside_date(fact: FactRow) -> bool:
        number = fact.raw_number
        core = (fact.start, fact.end)
        if number and number in fact.text:                 # judge by the number itself, not the counted noun
            s = fact.start + fact.text.index(number)
            core = (s, s + len(number))
        last = bisect_right(starts, core[0])           # dates starting at or before the number
        return any(core[1] <= d.end for d in dates[max(0, last - 3):last])   # date spans never overlap
    return [f for f in facts if not inside_date(f)]

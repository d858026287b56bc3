"""Facts: the numeric claims of a document, from the quantity grammar (grammars/quantity.py).

Takes a document's sentences; gives `FactRow`s with value, qualifier, unit and object. Their period,
speaker and fact_id are left empty for `pipeline.resolve`.

    extract_facts(doc, sentences, tools)   # 'более 1 млн проблем' -> FactRow(value=1e6, qualifier='more', ...)
"""
from pipeline.facts.extract import extract_facts

__all__ = ["extract_facts"]

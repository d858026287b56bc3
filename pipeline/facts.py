"""Sentences → numeric claims (FactRow), from the quantity grammar (grammars/quantity.py).

Not built yet: see issue "Numeric claims". Returns no facts.
"""
from __future__ import annotations

from pipeline.records import Document, FactRow, Sentence
from pipeline.tools import Tools


def extract_facts(doc: Document, sentences: list[Sentence], tools: Tools) -> list[FactRow]:
    """Facts without fact_id, period or speaker (resolve.py fills those)."""
    return []

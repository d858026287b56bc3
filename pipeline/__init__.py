"""pressfacts: numeric claims, dates, people and quotes from Russian press releases, as tidy tables.

    >>> from pipeline import extract
    >>> tables = extract(["corpus/"])
    >>> tables.facts.head()
"""
from pipeline.api import Tables, extract

__all__ = ["extract", "Tables"]
__version__ = "0.1.0"

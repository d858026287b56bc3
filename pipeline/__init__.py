"""pressfacts: numeric claims, dates, people and quotes from Russian press releases, as tidy tables.

    >>> from pipeline import extract
    >>> tables = extract(["corpus/"])
    >>> tables.facts.head()
    >>> archive = open_archive("outputs/pressfacts.duckdb")      # what `pressfacts ingest` built
    >>> archive.sql("SELECT object, count(*) FROM facts GROUP BY object")
"""
__all__ = ["extract", "Tables", "open_archive"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """`extract`, `Tables` and `open_archive` are imported on first use, so the CLI's worker processes can
    start (and load their models) before the parent has imported pandas."""
    if name in __all__:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

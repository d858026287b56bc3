"""pressfacts: numeric claims, dates, people and quotes from Russian press releases, as tidy tables.

    >>> from pipeline import extract
    >>> tables = extract(["corpus/"])
    >>> tables.facts.head()
"""
__all__ = ["extract", "Tables"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """`extract` and `Tables` are imported on first use, so the CLI's worker processes can start (and
    load their models) before the parent has imported pandas."""
    if name in __all__:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

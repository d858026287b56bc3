"""One pymorphy3 analyzer per process, its word parses memoised.

    analyzer().parse("Раковой")   # parsed once; the tokenizer, the name, organisation and fact
                                  # normalisers all ask for the same words again

pymorphy3 parses a word anew on every call (~30 µs, most of it in the probability estimator). The
tokenizer's yargy forms, the name readings and the organisation normalisers each asked for the same
words, and a second analyzer held a second copy of the dictionary. Parses are immutable namedtuples;
callers only read the lists they get.
"""
from __future__ import annotations

import pymorphy3

MEMO_LIMIT = 200_000   # distinct words remembered; more clears the memo (a bound for endless archives)


class MemoAnalyzer(pymorphy3.MorphAnalyzer):
    """pymorphy3's analyzer; `parse(word)` is memoised by the exact word (case matters to pymorphy:
    a capital letter alone is an initial)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._parses: dict[str, list] = {}

    def parse(self, word: str) -> list:
        parses = self._parses.get(word)
        if parses is None:
            if len(self._parses) >= MEMO_LIMIT:
                self._parses.clear()
            parses = self._parses[word] = super().parse(word)
        return parses


_ANALYZER: MemoAnalyzer | None = None


def analyzer() -> MemoAnalyzer:
    """The process's analyzer (loaded on first use: ~0.1 s, ~15 MB)."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = MemoAnalyzer()
    return _ANALYZER

"""Prefilters: run a grammar only where it can match, decided a word at a time and once per word.

    stems_pattern(["тысяч", "тыс", "миллион"])   -> '(?:миллион|тыс)': a trie, not a flat alternation
    any_run('Портал предоставляет 148 услуг', WORDS, decide, memo) -> whether any word run passes `decide`

Each stage builds its own prefilter from its grammar's vocabulary (facts/numbers.py, dates/extract.py,
speech/indirect.py); these are the pieces they share.
"""
from __future__ import annotations

import re


def any_run(text: str, runs: re.Pattern, decide, memo: dict, limit: int = 100_000) -> bool:
    """Whether `decide(run)` holds for any of the runs `runs` finds in text; each distinct run is decided
    once (`memo`, cleared past `limit` entries). The prefilters' regexes, asked a word at a time."""
    for m in runs.finditer(text):
        run = m.group()
        found = memo.get(run)
        if found is None:
            if len(memo) > limit:
                memo.clear()
            found = memo[run] = decide(run)
        if found:
            return True
    return False


def stems_pattern(stems) -> str:
    """A regex finding any of `stems` (plain strings), factored as a trie: Python's re tries each branch
    of a flat alternation at every position, a trie only the branches that share the next character.
    Only whether something is found is kept: a stem that extends another one is left out."""
    kept = sorted(set(stems))
    kept = [s for i, s in enumerate(kept) if not any(s.startswith(t) for t in kept[:i])]
    trie: dict = {}
    for stem in kept:
        node = trie
        for char in stem:
            node = node.setdefault(char, {})

    def branch(node: dict) -> str:
        parts = [re.escape(char) + branch(child) for char, child in sorted(node.items())]
        if len(parts) <= 1:
            return "".join(parts)
        return "(?:" + "|".join(parts) + ")"
    return branch(trie)

"""Prefilters: run a grammar only where it can match, decided a word at a time and once per word.

    stems_pattern(["тысяч", "тыс", "миллион"])   -> '(?:миллион|тыс)': a trie, not a flat alternation
    any_run('Портал предоставляет 148 услуг', WORDS, decide, memo) -> whether any word run passes `decide`
    joined([(0, 10), (4, 14), (30, 40)], cap=64)     -> [(0, 14), (30, 40)]: token windows around anchors
    without_cut_copies([(0, [a]), (5, [b])], span)    -> the matches of overlapping windows, each found once

Each stage builds its own prefilter from its grammar's vocabulary (facts/numbers.py, dates/extract.py,
speech/indirect.py); these are the pieces they share.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


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


def joined(ranges: Iterable[tuple[int, int]], cap: int) -> list[tuple[int, int]]:
    """Token ranges around anchors (in the anchors' order), joined where they touch while the joined range
    stays within `cap` tokens: a grammar's chart grows with every token it sees, so a page of anchors
    without a full stop must not become one range. A range that would make one longer starts a new one
    that overlaps it, so that a match near the cut is whole in one of them (without_cut_copies)."""
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if out and lo <= out[-1][1] and hi - out[-1][0] <= cap:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def without_cut_copies(windows: Iterable[tuple[int, Iterable[T]]], span: Callable[[T], tuple[int, int]]) -> Iterator[T]:
    """(where a window starts, its matches) in the windows' order -> the matches, less those that overlap
    a longer one (or an equal one found first): joined() ranges overlap where they are cut, so a match
    near a cut can be found whole in one window and cut short in the other. The matches of one window
    must not overlap each other; a match is given as soon as no later window can overlap it, so that
    only about one window's matches are held."""
    pending: list[tuple[int, int, T]] = []          # (start, window, match), in the order of their starts
    for k, (window_start, matches) in enumerate(windows):
        done = 0
        while done < len(pending) and span(pending[done][2])[1] <= window_start:
            yield pending[done][2]
            done += 1
        kept: list[tuple[int, int, T]] = []
        for item in sorted(pending[done:] + [(span(match)[0], k, match) for match in matches],
                           key=lambda item: item[:2]):
            start, end = span(item[2])
            if kept and span(kept[-1][2])[1] > start:
                last_start, last_end = span(kept[-1][2])
                if end - start > last_end - last_start:
                    kept[-1] = item
            else:
                kept.append(item)
        pending = kept
    for _, _, match in pending:
        yield match

"""Quotation marks in a paragraph → paired spans, nesting kept (a regex scan, no parsing).

    '«При помощи портала «Наш город» удалось ...»'  -> Quoted(0, 45, depth=0), Quoted(19, 30, depth=1)
    '"С помощью портала «Наш город» москвичи ..."' -> the straight pair outside, «» inside
    'кораблей „Прогресс“ и „Союз“'                 -> two „“ pairs
    '«Свободу!», «Позор власти!'                   -> one pair; the unclosed mark is dropped

A quote does not cross a line break (lines are paragraphs in press releases).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the closing marks that may end it
PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"', "‘": "’"}
MARKS = re.compile(r"[«»„“”\"‘’]")
OPEN_BEFORE = re.compile(r"[\s(\[{:—–\-/«„“]")     # a straight quote after these opens


@dataclass(frozen=True)
class Quoted:
    """A pair of marks: `start`..`end` includes them, `inner` excludes them."""
    start: int
    end: int
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Paired quote marks in text[start:end], outer before inner, in text order."""
    end = len(text) if end is None else end
    found: list[Quoted] = []
    stack: list[tuple[str, int]] = []          # (opening mark, position)
    for m in MARKS.finditer(text, start, end):
        mark, pos = m.group(), m.start()
        if stack and mark in PAIRS[stack[-1][0]]:
            if mark == '"' and opens_straight(text, pos, start) and not closes_straight(text, pos, end):
                stack.append((mark, pos))      # `"` after a space inside another straight quote: nested
                continue
            opener, at = stack.pop()
            found.append(Quoted(at, pos + 1, len(stack)))
        elif mark in PAIRS:
            if mark == '"' and not opens_straight(text, pos, start):
                continue                        # a stray closing straight quote
            stack.append((mark, pos))
        elif mark in "»”’" and any(PAIRS[o] and mark in PAIRS[o] for o, _ in stack):
            # a closing mark for an outer quote: the inner ones were never closed
            while stack and mark not in PAIRS[stack[-1][0]]:
                stack.pop()
            opener, at = stack.pop()
            found.append(Quoted(at, pos + 1, len(stack)))
        elif mark in "»”" and not stack and ATTRIBUTION_AFTER.match(text, pos + 1, end):
            # `«Московское долголетие» объединило ...», — написал мэр`: the quote opened with a name in
            # quotes, its two opening marks written as one; it starts at the mark that opened that name
            head = next((q for q in reversed(found) if q.depth == 0 and q.end <= pos
                         and QUOTE_STARTS.search(text[max(start, q.start - 3):q.start] or "\n")), None)
            if head is not None and not any(q.depth == 0 and head.end <= q.start for q in found):
                found = [q if q.start < head.start else Quoted(q.start, q.end, q.depth + 1) for q in found]
                found.append(Quoted(head.start, pos + 1, 0))
    return sorted(found, key=lambda q: (q.start, -q.end))


ATTRIBUTION_AFTER = re.compile(r"\s*,?\s*[—–-]\s+\w")           # `», — написал`, `» — сказал`
QUOTE_STARTS = re.compile(r"(?:^|[.!?…:]\s+|^\s*[—–-]\s+|\n\s*)$")   # where a statement can open


def opens_straight(text: str, pos: int, start: int) -> bool:
    return pos == start or bool(OPEN_BEFORE.match(text[pos - 1]))


def closes_straight(text: str, pos: int, end: int) -> bool:
    return pos + 1 >= end or not text[pos + 1].isalnum()


def find_paragraphs(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Lines with text: (start, end) of each, up to `end`."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text[:end] if end else text)
            if m.group().strip()]

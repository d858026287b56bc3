"""A release's text as HTML with its spans highlighted, one class per kind, in the spirit of displaCy.

    highlight("Открыто 12 школ", [Span(8, 15, "fact", {"data-fact-id": "d#1"}, "12 школ: 12")])
    -> 'Открыто <mark class="fact" data-fact-id="d#1" tabindex="0" data-tip="12 школ: 12">12 школ</mark>'

Spans may nest (a fact inside a quote) and, rarely, cross: the text is cut at every span boundary, and
each piece is wrapped in the marks of every span that covers it, the earlier and longer span outside.
A span cut into pieces by a crossing one keeps its attributes on each piece; its `id` only on the first,
so `doc.html#<fact_id>` lands on the claim. Everything from the text is escaped.
"""
from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from html import escape

KINDS = ("quote", "position", "date", "fact")      # outermost first, when two spans start and end together


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    attrs: dict = field(default_factory=dict, hash=False, compare=False)
    tip: str | None = None                          # the reading shown on hover or focus

    def order(self) -> tuple:
        return self.start, -self.end, KINDS.index(self.kind)


def highlight(text: str, spans: list[Span]) -> str:
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=Span.order)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    open_: list[Span] = []                          # marks open in the HTML, outermost first
    started: set[int] = set()                       # spans whose first piece is written (it carries the id)
    active: list[Span] = []                         # the spans covering the piece, in Span.order
    upcoming = iter(spans)
    following = next(upcoming, None)
    for left, right in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > left]
        while following is not None and following.start <= left:
            insort(active, following, key=Span.order)
            following = next(upcoming, None)
        keep = 0
        while keep < len(open_) and keep < len(active) and open_[keep] is active[keep]:
            keep += 1
        for _ in range(len(open_) - keep):
            out.append("</mark>")
        del open_[keep:]
        for span in active[keep:]:
            out.append(opening(span, first=id(span) not in started))
            started.add(id(span))
            open_.append(span)
        out.append(escape(text[left:right], quote=False))
    out.append("</mark>" * len(open_))
    return "".join(out)


def opening(span: Span, first: bool) -> str:
    attrs = {"class": span.kind, **{k: v for k, v in span.attrs.items() if first or k != "id"}}
    if span.tip is not None:
        attrs["tabindex"] = "0"
        attrs["data-tip"] = span.tip
    return "<mark " + " ".join(f'{k}="{escape(str(v))}"' for k, v in attrs.items() if v is not None) + ">"

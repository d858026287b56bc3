"""Sentences → date and period expressions (DateRow), resolved against the publication date.

    '... в 2015 году и задачах на 2016 год'  -> DateRow(text='в 2015 году', date_start='2015-01-01',
                                                date_end='2015-12-31', granularity='year')
    'Начиная с 2011 г. ...' (published 2016-03-29)
        -> DateRow(text='Начиная с 2011 г.', '2011-01-01', '2016-03-29', 'range')
    'Сегодня ...' (no publication date)       -> DateRow(text='Сегодня', None, None, 'day', relative=True)

The span includes the preposition that makes the period (`за 2014 год`), so that a fact's period can
be read off its date, and so that `resolve.drop_dates` drops the years and days counted as numbers.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from grammars.date_parts import Date
from grammars.dates import ANCHOR_LEMMAS, ANCHOR_WORDS
from pipeline.dates.calendar import resolve
from pipeline.dates.fields import code_fields
from pipeline.nlp import Tools, any_run, joined, without_cut_copies
from pipeline.records import DateRow, Document, Sentence

log = logging.getLogger(__name__)

# a sentence can hold a date only if it has a digit or a stem of the grammar's head words
STEMS = sorted({w.lower()[:3] if len(w) > 3 else w.lower()[:2] for w in ANCHOR_LEMMAS | ANCHOR_WORDS})
CAN_MATCH = re.compile(r"\d|\b(?:" + "|".join(re.escape(s) for s in STEMS) + ")", re.IGNORECASE)
# can_match answers as CAN_MATCH.search does: the stems are word characters, so they can only match
# at the start of a run of word characters; the answer for a run follows from its first three
_STEM_AT_START = re.compile("(?:" + "|".join(re.escape(s) for s in STEMS) + ")", re.IGNORECASE)
_WORD_HEADS = re.compile(r"(?<!\w)\w{1,3}")
_DIGIT = re.compile(r"\d")
assert all(re.fullmatch(r"\w+", s) and len(s) <= 3 for s in STEMS)


def can_match(text: str) -> bool:
    return _DIGIT.search(text) is not None or \
        any_run(text, _WORD_HEADS, lambda head: _STEM_AT_START.match(head) is not None, HEAD_MATCHES)


HEAD_MATCHES: dict[str, bool] = {}
# The parser runs on token windows around anchors (head words, years, digits before `.` or `-`):
# up to 5 tokens before (`по состоянию на начало прошлого года`, `с 13 по 14 апреля`) and 4 after
# (`2015 - го года`). yargy's chart costs ~1 ms a token, so whole long sentences cost 5x more.
BEFORE, AFTER = 5, 4
# Windows that touch are joined up to MAX_WINDOW tokens, so that the chart stays small on a page of dates
# without a full stop: it costs ~3 KB a token, 60 MB for one window of 20,000 tokens. In the corpus and
# the devset 2 of 641 windows were longer (71 and 134 tokens); their dates are found the same.
MAX_WINDOW = 64
NUMBER_LINKS = {".", "-", "–", "—", "‒"}
SINCE = {"начиная", "со"}
SINCE_WORDS = re.compile(r"^(?:начиная\s+)?со?\s+", re.IGNORECASE)


def extract_dates(doc: Document, sentences: list[Sentence], tools: Tools) -> list[DateRow]:
    parser = tools.parser("date")
    rows: list[DateRow] = []
    for sentence in sentences:
        if not can_match(sentence.text):
            continue
        found = ((window[0].span.start, window_rows(doc, window, parser, tools))
                 for window in windows(sentence.tokens))
        for row, habitual in without_cut_copies(found, lambda found: (found[0].start, found[0].end)):
            if not (habitual and HABITUAL.search(
                    doc.text[max(sentence.start, row.start - 150):min(sentence.end, row.end + 150)])):
                rows.append(row)
    return rows


def window_rows(doc: Document, window: list, parser, tools: Tools) -> Iterator[tuple[DateRow, bool]]:
    """The window's dates, each with whether it is a season of no year (habitual_season)."""
    for match in parser.findall(window):
        row = adapt_match(doc, match, tools)
        if row is not None:
            yield row, habitual_season(match)


# `весной и осенью`, `каждую зиму`, `как правило, летом`: a season of every year is no date
HABITUAL = re.compile(r"\b(?:кажд\w+|как\s+правило|обычно|ежегодно|традиционно|раз\w?\s+в\s+год)\b", re.IGNORECASE)


def habitual_season(match) -> bool:
    fact = match.fact
    return fact.season is not None and fact.year is None and fact.year_end is None


def is_anchor(token, following) -> bool:
    if token.type == "INT":
        return len(token.value) == 4 or (following is not None and following.value in NUMBER_LINKS)
    anchor = ANCHORS.get(token.value)
    if anchor is None:                     # a word's forms follow from its text: decide once per word
        if len(ANCHORS) > 100_000:
            ANCHORS.clear()
        anchor = ANCHORS[token.value] = token.value.lower() in ANCHOR_WORDS or \
            any(form.normalized in ANCHOR_LEMMAS for form in getattr(token, "forms", ()))
    return anchor


ANCHORS: dict[str, bool] = {}


def windows(tokens) -> list:
    """Token runs around anchors, joined where they touch (a date never spans a gap between two), each
    of at most MAX_WINDOW tokens (a longer run goes on in an overlapping one: nlp.joined)."""
    tokens = list(tokens)
    around = [(max(0, i - BEFORE), min(len(tokens), i + AFTER + 1)) for i, token in enumerate(tokens)
              if is_anchor(token, tokens[i + 1] if i + 1 < len(tokens) else None)]
    return [tokens[lo:hi] for lo, hi in joined(around, MAX_WINDOW)]


def adapt_match(doc: Document, match, tools: Tools) -> DateRow | None:
    """yargy match -> DateRow (None when the fields are no calendar date, as `31.02.2015`)."""
    fact = match.fact                                      # built anew on every access
    fields = code_fields({name: getattr(fact, name) for name in Date.__attributes__}, tools.morph)
    if fields is None:
        return None
    start, end = match.span.start, match.span.stop
    tokens = match.tokens
    if fields.get("prep") == "с" and not since_case(tokens):
        # «с» + instrumental is 'with' (`по сравнению с прошлым годом`): drop it, keep the date
        del fields["prep"]
        text = doc.text[start:end]
        start += SINCE_WORDS.match(text).end() if SINCE_WORDS.match(text) else 0
    bounds = resolve(fields, doc.published)
    if bounds is None:
        return None
    return DateRow(doc_id=doc.doc_id, start=start, end=end, text=doc.text[start:end],
                   date_start=bounds.date_start, date_end=bounds.date_end,
                   granularity=bounds.granularity, relative=bounds.relative)


def since_case(tokens) -> bool:
    """«с» means 'since' with a genitive head: the last word must have a genitive reading."""
    words = [t for t in tokens if t.type == "RU" and len(t.value) > 1 and t.value.lower() not in SINCE]
    if not words:
        return True
    last = words[-1]
    return any("gent" in form.grams for form in getattr(last, "forms", []))

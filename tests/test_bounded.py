"""What keeps one document's memory bounded (issue 19): long sentences in pieces, tokens made on demand and
looked up a sentence at a time, grammars run on capped windows that overlap where they are cut. Each
cap must change nothing a reader sees: the same facts and dates as the same claims written with full stops."""
from __future__ import annotations

import re

import pytest

from pipeline.dates import extract_dates
from pipeline.facts import extract_facts
from pipeline.nlp import DocTokens, joined, split_sentences, without_cut_copies
from pipeline.nlp.segment import MAX_SENTENCE, pieces, tokenize
from pipeline.records import Document

from conftest import CORPUS


def doc_of(text: str) -> Document:
    return Document(doc_id="t", source_path="t.txt", text=text)


@pytest.mark.parametrize("text, same_tokens", [
    (" ".join(["в городе открыли новые школы"] * 300), True),    # words: cut at a space
    ("ab12cd34эю56я7" * 400, True),                           # no space: cut between two tokens
    ("1234567890" * 500, False),                              # one token longer than a piece: cut inside it
])
def test_a_sentence_without_full_stops_is_cut_into_pieces(text, same_tokens, tools):
    sentences = split_sentences(doc_of(text), tools)
    assert len(sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
    assert all(a.end <= b.start and text[a.end:b.start].strip() == "" for a, b in zip(sentences, sentences[1:]))
    in_pieces = [(t.value, t.span.start) for s in sentences for t in s.tokens]
    whole = [(t.value, t.span.start) for t in tokenize(text, 0, tools)]
    assert (in_pieces == whole) is same_tokens


@pytest.mark.parametrize("start, end, cuts", [
    (0, 10, [(0, 10)]),                                       # short: as it is
])
def test_pieces_of_a_short_span(start, end, cuts):
    assert pieces("x" * 20, start, end) == cuts


@pytest.mark.parametrize("ranges, cap, expected", [
    ([(0, 10), (4, 14), (30, 40)], 64, [(0, 14), (30, 40)]),  # touching ranges join, a gap does not
    ([(0, 10), (5, 15), (10, 20)], 15, [(0, 15), (10, 20)]),  # the cap: a new range, overlapping the last
    ([], 64, []),
])
def test_joined(ranges, cap, expected):
    assert joined(ranges, cap) == expected


def test_without_cut_copies_keeps_the_whole_match():
    # window 0 ends inside a match that window 1 finds whole; a match found whole in both is kept once
    windows = [(0, [(0, 3), (8, 10)]), (5, [(6, 12), (14, 16)]), (13, [(14, 16)])]
    assert list(without_cut_copies(windows, lambda m: m)) == [(0, 3), (6, 12), (14, 16)]


CLAIMS = ["в 2015 году открыли 12 школ", "в 2016 году построили 7 поликлиник", "летом 2017 года отремонтировали 30 дворов"]


@pytest.mark.parametrize("repeat", [40, 120])
def test_a_page_without_full_stops_gives_what_sentences_give(repeat, tools):
    """Every claim and date of a page with no full stop (capped windows, pieces) is found, once, with the
    values of the same text written as sentences."""
    page = doc_of(" и ".join(CLAIMS * repeat))
    prose = doc_of(". ".join(c[0].upper() + c[1:] for c in CLAIMS * repeat) + ".")

    def found(doc):
        sentences = split_sentences(doc, tools)
        facts = [(f.value, f.object) for f in extract_facts(doc, sentences, tools)]
        dates = [(d.date_start, d.date_end) for d in extract_dates(doc, sentences, tools)]
        return facts, dates
    page_facts, page_dates = found(page)
    prose_facts, prose_dates = found(prose)
    assert len(page_facts) == len(CLAIMS) * repeat
    assert page_facts == prose_facts
    assert page_dates == prose_dates


def test_doc_tokens_answer_as_one_list_of_all_tokens(tools):
    text = (CORPUS / "000_87938b6d2d0e720c.txt").read_text(encoding="utf-8")
    sentences = split_sentences(doc_of(text), tools)
    everything = [t for s in sentences for t in s.tokens]
    lookup = DocTokens(sentences)
    for pos in range(0, len(text), 7):
        end = pos + 40
        assert [t.span for t in lookup.starting_in(pos, end)] == \
            [t.span for t in everything if pos <= t.span.start < end]
        assert [t.span for t in lookup.within(pos, end)] == \
            [t.span for t in everything if pos <= t.span.start < end and t.span.stop <= end]
        before = [t for t in everything if t.span.start < pos]
        assert (lookup.before(pos).span if lookup.before(pos) else None) == (before[-1].span if before else None)
    for k, token in enumerate(everything):
        tokens, i = lookup.ending_at(token.span.stop)
        assert tokens[i].span == token.span
    assert lookup.ending_at(everything[0].span.start + 1 if len(everything[0].value) > 1 else -5) is None


@pytest.mark.parametrize("repeat", [3, 300])
def test_a_person_named_hundreds_of_times_is_one_person(repeat, tools):
    """A cluster's name is read from its first mentions (NAME_READS): the person is the same however
    often the page names them, with every mention counted."""
    from pipeline.nlp import tag_names
    from pipeline.people import extract_people

    doc = doc_of("Мэр Москвы Сергей Семенович Собянин открыл школу. " + "Собянин открыл школу. " * repeat)
    sentences = split_sentences(doc, tools)
    people = extract_people(doc, sentences, tag_names([doc], [sentences], tools)[0], tools).people
    assert [(p.first, p.middle, p.last, p.n_mentions) for p in people] == \
        [("Сергей", "Семенович", "Собянин", repeat + 1)]


def test_rows_in_parts_are_the_rows_of_the_document(tools):
    """A sink that takes parts (TableFiles, JsonLines) gets a page's rows a thousand at a time, and
    together they are the document's rows, table by table, in order."""
    from pipeline.io import row_parts, rows_of
    from pipeline.run import PART_ROWS, consume, process_batch

    page = doc_of(" и ".join(CLAIMS * 800))                    # 2,400 facts
    result = process_batch([page], tools)[0]
    whole = rows_of(result)
    assert len(whole["facts"]) > 2 * PART_ROWS

    class Parts(list):
        takes_parts = True

        def add(self, rows):
            self.append(rows)
    sink = Parts()
    summary = consume([result], sink)
    assert all(len(rows) == 1 and len(next(iter(rows.values()))) <= PART_ROWS for rows in sink)
    joined_rows: dict = {}
    for rows in sink:
        for name, part in rows.items():
            joined_rows.setdefault(name, []).extend(part)
    assert joined_rows == whole
    assert summary.rows["facts"] == len(whole["facts"])
    assert [name for name, _ in row_parts(result, 7)][:2] == ["documents", "facts"]

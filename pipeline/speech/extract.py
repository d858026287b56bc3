"""Sentences + people → attributed statements (QuoteRow): direct and indirect speech with its speaker.

    '«...», - отметил мэр Москвы Сергей Собянин'  -> QuoteRow(kind='direct', cue='отметить', speaker='Сергей Собянин')
    'Как подчеркнул Сергей Собянин, экономия ...'  -> QuoteRow(kind='indirect', cue='подчеркнуть', ...)
    'Собянин: Портал "Наш город" помог ...' (title) -> QuoteRow(kind='direct', cue=None, ...)
    'сообщили в пресс-службе, что ...'             -> QuoteRow(kind='indirect', speaker=None)

Three passes: quoted and headline speech (pipeline/speech/direct.py), clauses governed by speech
verbs and phrases (pipeline/speech/indirect.py), then quotes that only continue an attributed one.
"""
from __future__ import annotations

from pipeline.nlp import Tools
from pipeline.people import People
from pipeline.speech.sources import quote_sources
from pipeline.records import Document, PersonRow, QuoteRow, Sentence
from pipeline.speech.context import Context, Statement
from pipeline.speech.direct import direct_statements
from pipeline.speech.indirect import indirect_statements
from pipeline.speech.quote_marks import find_paragraphs


def extract_quotes(doc: Document, sentences: list[Sentence], people: People, tools: Tools) -> list[QuoteRow]:
    ctx = Context(doc, sentences, people)
    paragraphs = find_paragraphs(doc.text, doc.content_end)
    direct = direct_statements(ctx, paragraphs)
    indirect = indirect_statements(ctx, tools, direct)
    more = direct_statements(ctx, paragraphs, known=tuple(direct + indirect))
    statements = distinct(direct + indirect + more)
    rows = [quote_row(doc, n, s, ctx.canonical(people.person(s.person_id))) for n, s in enumerate(statements, 1)]
    return quote_sources(doc, rows, sentences)


def distinct(statements: list[Statement]) -> list[Statement]:
    """One row per statement, in text order: a later pass never repeats a span an earlier one found."""
    kept: list[Statement] = []
    for s in statements:
        if any(same_span(s, k) for k in kept):
            continue
        kept.append(s)
    return sorted(kept, key=lambda s: (s.start, -s.end))


def same_span(a: Statement, b: Statement) -> bool:
    """Overlapping almost entirely: the same words found twice (`СМИ сообщали, что X` inside an
    interview question is a row of its own)."""
    common = min(a.end, b.end) - max(a.start, b.start)
    return common > 0.95 * max(a.end - a.start, b.end - b.start)


def quote_row(doc: Document, n: int, s: Statement, person: PersonRow | None) -> QuoteRow:
    return QuoteRow(
        doc_id=doc.doc_id, quote_id=f"{doc.doc_id}/q{n}", start=s.start, end=s.end,
        text=doc.text[s.start:s.end], speaker=person.name if person else None,
        speaker_position=(person.position_full or person.position) if person else None,
        cue=s.cue, kind=s.kind, person_id=person.person_id if person else None,
    )

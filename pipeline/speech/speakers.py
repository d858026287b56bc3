"""Facts × quotes → who said each claim (speaker, speaker_position, quote_id, in_quote).

    '«... более 1 млн различных проблем», - отметил ... Сергей Собянин' -> speaker 'Сергей Собянин', in_quote
    'Как подчеркнул Сергей Собянин, экономия ... более 100 млн. ...'   -> speaker 'Сергей Собянин', not in_quote
    'Собянин: Портал "Наш город" помог решить более 1 млн проблем'      -> the headline quote's speaker
    'Портал ... предоставляет 148 электронных услуг'                   -> no quote: speaker None

A claim belongs to the innermost statement around it (`Он сказал, что ...` inside an interview
answer is the other man's claim); `in_quote` is True inside any direct quote (spec: Speaker).
"""
from __future__ import annotations

import dataclasses

from pipeline.people import People
from pipeline.records import Document, FactRow, QuoteRow, Sentence


def attach_speakers(doc: Document, facts: list[FactRow], quotes: list[QuoteRow], people: People,
                    sentences: list[Sentence]) -> list[FactRow]:
    return [attribute(fact, quotes) for fact in facts]


def attribute(fact: FactRow, quotes: list[QuoteRow]) -> FactRow:
    around = [q for q in quotes if q.start <= fact.start < q.end]
    if not around:
        return fact
    inner = min(around, key=lambda q: q.end - q.start)
    return dataclasses.replace(
        fact, speaker=inner.speaker, speaker_position=inner.speaker_position, quote_id=inner.quote_id,
        in_quote=any(q.kind == "direct" for q in around),
    )

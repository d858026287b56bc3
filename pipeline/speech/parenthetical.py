"""Attributions set in commas inside a statement: `A, подчеркнул X, B` and `A, по словам X, B` -> the sentence.

    'Установление летнего времени, подчеркнул президент, будет полезным' -> the whole sentence, the president's
    'Вместе с тем, сообщил он, работы идут'                                 -> 'работы идут' (a connective)
    'Президент, выступая, отметил ...'                                      -> nothing here
"""
from __future__ import annotations

from grammars.speech import SPEECH_VERBS
from pipeline.records import Sentence
from pipeline.speech.context import Context, Statement, WORDS, clause_tokens, grams, lemma, strip_span, verb_gender
from pipeline.speech.direct import PREDICATE_GRAMS

CONNECTIVES = {"вместе с тем", "кроме того", "при этом", "в то же время", "тем не менее", "между тем",
               "в свою очередь", "помимо этого", "в частности", "в целом", "прежде всего", "таким образом",
               "в результате", "в итоге", "по сути", "на самом деле", "однако", "а", "но", "и", "также", "сейчас"}


def statement_before(ctx: Context, start: int, lead: list) -> bool:
    """Words of the statement before an attribution set in commas: three words at least, no quote or colon,
    and not a connective (`Вместе с тем, по его словам, REST`: REST alone is the statement)."""
    text = ctx.text[start:lead[-1].span.start].strip(" ,")
    return len(WORDS.findall(text)) >= 3 and text.lower() not in CONNECTIVES \
        and not any(t.value in "«»„“:" for t in lead)


def inserted(ctx: Context, sentence: Sentence, verb, after: list, cue: str, exclude) -> Statement | None:
    """`A, подчеркнул X, B.`: an attribution set in commas inside the statement, whose predicate comes after
    it (`Установление летнего времени, подчеркнул президент, будет полезным`) -> the whole sentence, X's.
    Only with a speaker the document names: `Президент, выступая, отметил ...` has no verb after a comma."""
    region = clause_tokens(after, forward=True)
    tail = after[len(region):]
    if not region or len(tail) < 3 or tail[0].value != ",":
        return None
    person = ctx.subject(region, verb.span.start, verb_gender(verb), after_verb=True, exclude=exclude)
    if person is None:
        return None
    clause = clause_tokens(tail[1:], forward=True)
    if len(clause) < 2 or not any(t.type == "RU" and grams(t) & PREDICATE_GRAMS for t in clause) \
            or any(lemma(t) in SPEECH_VERBS for t in clause):
        return None
    lead = ctx.text[sentence.start:verb.span.start].strip(" ,").lower()
    start = tail[0].span.stop if lead in CONNECTIVES else sentence.start   # `Вместе с тем, сообщил он, B`: B
    s, e = strip_span(ctx.text, start, sentence.end)
    return Statement(s, e, "indirect", cue, person.person_id, verb.span.start)

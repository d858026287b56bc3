"""Indirect speech: the clause a speech verb or phrase governs, and who it belongs to.

    'Кирсан Илюмжинов сообщил, что он подписал три важных контракта.' -> 'он подписал три важных контракта'
    'Как подчеркнул Сергей Собянин, экономия ... составляет более 100 млн.' -> 'экономия ... составляет ...'
    'А это, по его словам, будет иметь отрицательные последствия.'     -> 'будет иметь ...', his
    'Об этом сообщил мэр.'                                             -> the sentence before, the mayor's

Not cues: opinion words, `согласно X`, impersonal forms (`отмечается`, `говорят, что`), the
first person (`напомним`, `сообщаю`), infinitives and participles (`было заявлено`) (spec: Speaker).
"""
from __future__ import annotations

import dataclasses
import re

from grammars.speech import CUE_STEMS, POSSESSIVES, SOURCE_PHRASES, SPEECH_VERBS, URGING
from pipeline.nlp import Tools, any_run, stems_pattern
from pipeline.records import Sentence
from pipeline.speech.context import (Context, POSSESSIVE_PRONOUNS, Statement, WORDS, clause_tokens, finite_verb, grams,
                                     lemma, strip_span, verb_gender)
from pipeline.speech.direct import PREDICATE_GRAMS, clause_end, is_statement, two_word_clause
from pipeline.speech.parenthetical import inserted, statement_before
from pipeline.speech.quote_marks import find_quoted

CAN_MATCH = re.compile(stems_pattern(CUE_STEMS), re.I)
_RUN = re.compile(r"[а-яё]+", re.I)
# (a stem with a space, `по сообщени`, holds a one-word stem, `сообщ`, which is found wherever it is)
assert all(re.fullmatch(r"[а-яё]+", stem) or any(other in stem for other in CUE_STEMS if " " not in other)
           for stem in CUE_STEMS)
COMPLEMENTIZERS = {"что", "будто"}
CLAUSE_OPENERS = {None, ",", "и", "а", "но", "однако", "«", "„", "“", "\"", "—", "–"}   # a clause, quote or turn opens
QUOTE_AFTER_COLON = re.compile(r":\s*(?:[—–-]\s*)?[«„“\"]")
NEW_SENTENCE = re.compile(r"[.!?…]\s+[«„“\"]")               # razdel keeps `8,2 G. «Для меня` together
SOURCE_TAIL = re.compile(r",\s+(?:сообщает|сообщают|пишет|пишут|передает|передаёт|передают|информирует)"
                         r"\s+[^,]*$")                              # a medium that passed the words on
MAX_GAP = 12                      # tokens between a verb and its `, что`


def indirect_statements(ctx: Context, tools: Tools, direct: list[Statement]) -> list[Statement]:
    used = {s.cue_start for s in direct if s.cue_start is not None}
    found: list[Statement] = []
    for sentence in ctx.sentences:
        if not has_cue(sentence.text):
            continue
        for match in tools.parser("speech").findall(sentence.tokens):
            tokens = list(match.tokens)
            if tokens[0].span.start in used:
                continue
            cue = match.fact.cue
            exclude = enclosing_speaker(direct, tokens[0].span.start)
            if cue in SOURCE_PHRASES:
                statement = source_phrase(ctx, sentence, tokens, cue, exclude)
            else:
                statement = speech_verb(ctx, sentence, tokens[0], cue, exclude)
            statement = within_quote(ctx, statement, direct)
            if statement is not None and told_before(statement, direct):
                continue
            if statement is None or statement.end - statement.start <= 1 or restates(statement, found):
                continue
            found.append(statement)
    return found


def has_cue(text: str) -> bool:
    """CAN_MATCH.search(text) is not None, a word at a time: the one-word stems are Cyrillic letters, so
    one is found only inside a run of them; each run is searched once."""
    return any_run(text, _RUN, lambda run: CAN_MATCH.search(run) is not None, RUN_CUES)


RUN_CUES: dict[str, bool] = {}


def source_phrase(ctx: Context, sentence: Sentence, tokens: list, cue: str, exclude) -> Statement | None:
    """`По словам X, REST` · `А это, по его словам, REST` → REST, X's."""
    after = ctx.tokens_in(tokens[-1].span.stop, sentence.end)
    possessive = next((t.value.lower() for t in tokens if t.value.lower() in POSSESSIVES), None)
    if possessive:
        gender = POSSESSIVE_PRONOUNS.get(possessive)
        person = ctx.person_before(tokens[0].span.start, gender, exclude) if gender else None
        region: list = []
    else:
        region = clause_tokens(after, forward=True)
        person = ctx.subject(region, tokens[0].span.start, None, after_verb=True, exclude=exclude)
    rest = after[len(region):]
    if not rest or rest[0].value != ",":
        return None
    lead = ctx.tokens_in(sentence.start, tokens[0].span.start)
    if person is not None and lead and lead[-1].value == "," and statement_before(ctx, sentence.start, lead):
        # `Их первой жертвой, по словам президента, становится реформа`: set in commas inside the statement
        s, e = strip_span(ctx.text, sentence.start, sentence.end)
        return Statement(s, e, "indirect", cue, person.person_id, tokens[0].span.start)
    return clause_statement(ctx, rest[0].span.stop, sentence.end, cue, person, tokens[0].span.start)


def speech_verb(ctx: Context, sentence: Sentence, verb, cue: str, exclude) -> Statement | None:
    g = grams(verb)
    before = ctx.tokens_in(sentence.start, verb.span.start)
    after = ctx.tokens_in(verb.span.stop, sentence.end)
    if "GRND" in g:                                  # `..., заявив, что REST`: the main clause's subject said it
        if len(after) >= 2 and after[0].value == "," and after[1].value.lower() in COMPLEMENTIZERS:
            start = after[1].span.stop
        elif after and (after[0].value in "«„“" or after[0].value == ":"):
            start = after[0].span.start if after[0].value != ":" else after[0].span.stop   # сказав «...»
        else:
            return None
        region = subject_region(before)
        # the main clause's subject comes first: `X раскритиковал Берлускони ..., заявив, что` is X's
        person = ctx.person_in(region, prefer_nominative=True) or \
            ctx.subject(region, verb.span.start, None, after_verb=False, exclude=exclude)
        statement = clause_statement(ctx, start, sentence.end, cue, person, verb.span.start)
        if statement is not None and statement.kind == "direct" and not (
                is_statement(ctx, statement.start, statement.end) or two_word_clause(ctx, statement.start, statement.end)):
            return None                                                # `сказав «спасибо»`: no clause
        return statement
    if not finite_verb(verb) or g & {"1per", "impr", "incl"}:
        return None
    prev = before[-1].value.lower() if before else None
    if "plur" in g and "pres" in g and prev in CLAUSE_OPENERS:
        return None                                                    # `Говорят, что ...`: nobody
    if prev in THING_SUBJECTS and ctx.person_in(clause_tokens(after, forward=True)) is None:
        return None                           # `это указывает на то, что ...`, `Это говорит о том, что`: no speech
    gender = verb_gender(verb)
    if prev == "как" and (len(before) < 2 or before[-2].value.lower() in CLAUSE_OPENERS):
        region = clause_tokens(after, forward=True)                    # `Как подчеркнул X, REST`
        rest = after[len(region):]
        if not rest or rest[0].value != ",":
            return None
        person = ctx.subject(region, verb.span.start, gender, after_verb=True, exclude=exclude)
        return clause_statement(ctx, rest[0].span.stop, sentence.end, cue, person, verb.span.start)
    if anaphoric_object(before):
        return about_this(ctx, sentence, verb, after, cue, exclude)
    person = lambda gap: (ctx.subject(subject_region(before), verb.span.start, gender, after_verb=False,
                                      exclude=exclude)
                          or ctx.subject(gap, verb.span.start, gender, after_verb=True, exclude=exclude))
    skip = 0
    for i, token in enumerate(after[:MAX_GAP]):
        word = token.value.lower()
        if i < skip:
            continue
        if word in "«„“" and (close := quoted_name_end(after, i)) is not None:
            skip = close + 1                                           # заявил «Интерфаксу», что: a medium's name
            continue
        if (word in COMPLEMENTIZERS or word == "чтобы" and cue in URGING) and i and after[i - 1].value == ",":
            # `сказал, что` · `о том, что` · `призвал к тому, чтобы`
            return clause_statement(ctx, token.span.stop, sentence.end, cue, person(after[:i]),
                                    verb.span.start)
        if word == ":":                                                # `заявил: ...` (quotes: direct)
            if i > 2 or QUOTE_AFTER_COLON.match(ctx.text, token.span.start):   # `отметили три сферы: ...`
                return None
            if not any(t.type == "RU" and grams(t) & PREDICATE_GRAMS for t in after[i + 1:]):
                return None                            # `на вопросы отвечали: командир ..., бортинженер ...`: a list
            return clause_statement(ctx, token.span.stop, sentence.end, cue, person(after[:i]),
                                    verb.span.start)
        if word in {".", "!", "?", ";", "«", "»"}:
            break
    if prev == ",":
        return post_position(ctx, sentence, verb, before, after, cue, exclude)
    return None


def post_position(ctx: Context, sentence: Sentence, verb, before: list, after: list, cue: str, exclude):
    """`о том, что REST, сказал X.` · `REST, сообщает NEWSru.com.` → REST."""
    stop = clause_end(ctx, verb.span.stop, sentence.end)
    region = ctx.tokens_in(verb.span.stop, stop)
    person = ctx.subject(region, verb.span.start, verb_gender(verb), after_verb=True, exclude=exclude)
    named = person is not None or any(t.type == "LATIN" or t.value[:1].isupper() for t in region)
    start = sentence.start
    lead = re.search(r"\bо том,\s*что\s+", ctx.text[start:before[-1].span.start])
    if lead:
        start += lead.end()
    elif not any(finite_verb(t) for t in before) and not any(t.type == "INT" or "COMP" in grams(t) for t in before):
        # `Президент, выступая, отметил`: None; a verbless clause with a number or a comparative is still a
        # statement (`Это на 12% больше, чем годом ранее, сообщил X`)
        return inserted(ctx, sentence, verb, after, cue, exclude)
    if any(finite_verb(t) and lemma(t) in SPEECH_VERBS for t in before):
        return None               # `X рассказал о том, что REST, сообщает «Лента.ру»`: REST is X's (speech_verb)
    text = ctx.text[start:before[-1].span.start].rstrip()
    s, e = strip_span(ctx.text, start, before[-1].span.start)
    whole_quote = any(q.start == s and q.end >= e - 1 for q in find_quoted(ctx.text, s, e + 1))
    if not named or len(WORDS.findall(text)) < 3 or whole_quote:
        return None                                                    # all one quote: direct speech
    return Statement(s, e, "indirect", cue, person.person_id if person else None, verb.span.start)


THING_SUBJECTS = {"это", "что", "всё", "все"}      # a thing said it: `это говорит о том, что` is no speech
ANAPHORIC = [["об", "этом"], ["это"], ["эту", "информацию"], ["соответствующую", "информацию"],
             ["данную", "информацию"], ["такую", "информацию"], ["эти", "данные"], ["об", "этом", "же"]]
LINKING = {"также", "же", "ранее", "вчера", "сегодня", "позднее", "накануне", "и"}


def anaphoric_object(before: list) -> bool:
    """The sentence opens with an object standing for what was said before: `Об этом сообщил`,
    `Соответствующую информацию сообщила также`, `Это подтвердил`."""
    words = [t.value.lower() for t in before if t.value.lower() not in LINKING]
    return words in ANAPHORIC


def about_this(ctx: Context, sentence: Sentence, verb, after: list, cue: str, exclude) -> Statement | None:
    """`Об этом сообщил X` → the sentence just before, X's."""
    if sentence.index == 0:
        return None
    previous = ctx.sentences[sentence.index - 1]
    region = ctx.tokens_in(verb.span.stop, clause_end(ctx, verb.span.stop, sentence.end))
    person = ctx.subject(region, verb.span.start, verb_gender(verb), after_verb=True, exclude=exclude)
    s, e = strip_span(ctx.text, previous.start, previous.end)
    return Statement(s, e, "indirect", cue, person.person_id if person else None, verb.span.start)


def clause_statement(ctx: Context, start: int, end: int, cue: str, person, cue_start: int) -> Statement | None:
    """The reported clause from `start` to the sentence end; a clause that is all one quote is direct."""
    colon = QUOTE_AFTER_COLON.search(ctx.text, start, end) or NEW_SENTENCE.search(ctx.text, start, end)
    if colon:
        end = colon.start() + 1                                        # `REST: «...»`: the quote is its own row
    tail = SOURCE_TAIL.search(ctx.text, start, end)
    if tail:
        end = tail.start()                                             # `..., сообщает «Лента.ру»`: the medium
    end = second_verb(ctx, start, end)
    s, e = strip_span(ctx.text, start, end)
    if e <= s:
        return None
    person_id = person.person_id if person else None
    for q in find_quoted(ctx.text, s, e):
        if q.start == s and not ctx.text[q.end:e].strip(" .,!?…"):
            qs, qe = strip_span(ctx.text, *q.inner)
            return Statement(qs, qe, "direct", cue, person_id, cue_start)
        if q.start == s and q.depth == 0 and AFTER_QUOTE.match(ctx.text, q.end, e) \
                and len(WORDS.findall(ctx.text[q.start:q.end])) >= 2:
            # `заявил, что "планка для ЕС высоко", но ...`: the quoted words, opening the clause, are the
            # statement (spec, Dec 2026); a name in quotes (`что «Газпром» увеличит`) is one word
            qs, qe = strip_span(ctx.text, *q.inner)
            return Statement(qs, qe, "direct", cue, person_id, cue_start)
    return Statement(s, e, "indirect", cue, person_id, cue_start)


AFTER_QUOTE = re.compile(r"\s*,\s*(?:но|а|и|однако|хотя)\b")     # the clause goes on past the quote


def restates(statement: Statement, found: list[Statement]) -> bool:
    """`сказала, что во время спуска заметила, что ...`: the same speaker inside her own clause."""
    return any(s.start <= statement.cue_start < s.end and s.person_id == statement.person_id for s in found)


def second_verb(ctx: Context, start: int, end: int) -> int:
    """`..., что A, и верит, что B` → the reported clause is A: a second verb opens its own."""
    tokens = ctx.tokens_in(start, end)
    for i in range(len(tokens) - 3):
        conj, verb, comma, that = tokens[i:i + 4]
        if conj.value.lower() in {"и", "а", "но"} and finite_verb(verb) and comma.value == "," \
                and that.value.lower() in COMPLEMENTIZERS:
            return conj.span.start
        # `..., что A, а глава МИДа Сэйдзи Маэхара отметил, что B`: another speaker's clause
        if conj.value.lower() in {"а", "но"} and i and tokens[i - 1].value == ",":
            for k in range(i + 2, min(i + 10, len(tokens) - 2)):
                if finite_verb(tokens[k]) and lemma(tokens[k]) in SPEECH_VERBS and tokens[k + 1].value == "," \
                        and tokens[k + 2].value.lower() in COMPLEMENTIZERS \
                        and ctx.person_in(tokens[i + 1:k]) is not None:
                    return tokens[i - 1].span.start
    return end


def subject_region(before: list) -> list:
    """The tokens of the verb's own clause before it: from the last `.`/`:`/closing quote."""
    for i in range(len(before) - 1, -1, -1):
        if before[i].value in {".", ":", ";", "»", "”"}:
            return before[i + 1:]
    return before


def quoted_name_end(tokens: list, i: int) -> int | None:
    """The index of the mark closing a name in quotes that opens at i (at most three words, no predicate)."""
    for j in range(i + 1, min(i + 5, len(tokens))):
        if tokens[j].value in "»”“":
            words = tokens[i + 1:j]
            return j if words and not any(grams(t) & PREDICATE_GRAMS for t in words) else None
    return None


def told_before(statement: Statement, direct: list[Statement]) -> bool:
    """`«...», — отметил глава ведомства. Соответствующую информацию сообщила также X`: the sentence before
    is already somebody's quote, so `об этом` / `эту информацию` cannot hand it to X as well."""
    return statement.cue_start is not None and statement.cue_start >= statement.end and any(
        d.person_id is not None and statement.start <= d.start < statement.end for d in direct)


def within_quote(ctx: Context, statement: Statement | None, direct: list[Statement]) -> Statement | None:
    """Speech reported inside a quote ends with the quote: `«... я ответил, что X», — сказал он` -> X."""
    if statement is None or statement.cue_start is None:
        return statement
    around = [s for s in direct if s.start <= statement.cue_start < s.end]
    if not around:
        return statement
    inner = min(around, key=lambda s: s.end - s.start)
    if statement.end <= inner.end:
        return statement
    s, e = strip_span(ctx.text, statement.start, inner.end)
    return dataclasses.replace(statement, start=s, end=e) if e > s else None


def enclosing_speaker(direct: list[Statement], pos: int) -> str | None:
    """The speaker of the direct quote around pos: `он` inside X's own words is somebody else."""
    around = [s for s in direct if s.start <= pos < s.end]
    return min(around, key=lambda s: s.end - s.start).person_id if around else None

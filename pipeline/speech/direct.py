"""Direct speech: statements in quotation marks, after a dialogue dash, a headline or interview colon.

    '«Портал помог решить 1 млн проблем», — отметил мэр Москвы Сергей Собянин.' -> the quoted text, отметить
    'Хуан Суареш сообщил: «Мы подытожим информацию ...»'                        -> the quoted text, сообщить
    '«Это важно, — сказал он. — Мы продолжим»'                                   -> two rows, one per piece
    'Собянин: Портал "Наш город" помог ...' (title)                             -> the text after the colon

A quoted span is a statement only if it reads as a clause (`назвал ее «удручающей»` does not) and
something attributes it: a verb right after it, a colon right before it, or an attributed quote
just before it that it continues (spec: Speaker).
"""
from __future__ import annotations

import re
from dataclasses import replace

from grammars.speech import SPEECH_VERBS
from pipeline.speech.context import Context, Statement, WORDS, finite_verb, grams, lemma, strip_span, verb_gender
from pipeline.speech.quote_marks import Quoted, find_quoted

LEAD = re.compile(r"\s*(?:[,.!?…]\s*)?(?:[—–-]\s*)?")          # between a closing mark and its verb
BREAK = re.compile(r"[,.!?…]?\s+[—–-]\s+")                      # where an attribution may interrupt
RESUME = re.compile(r"\s*[,.:]?\s*[—–-]\s+")                    # where the quote goes on after it
COLON_BEFORE = re.compile(r":\s*(?:[—–-]\s*)?$")
LABEL = re.compile(r"\s*(?:#+\s*)?((?:[A-ZА-ЯЁ][\w'-]*\.?\s+){0,2}[A-ZА-ЯЁ][\w'-]+):\s+(\S.*?)\s*$")
TAIL_LABEL = re.compile(r"\s*(?:#+\s*)?(\S.*?)\s+[—–-]\s+((?:[A-ZА-ЯЁ][\w'-]*\.?\s+){0,2}[A-ZА-ЯЁ][\w'-]+)\s*$")
SENTENCE_END = ".!?…"
CREDITS = {"фото", "фотография", "видео", "автор", "текст", "источник", "иллюстрация", "коллаж"}   # not speakers
ANSWERS = {"ответ", "о"}                                       # interview turns without a name
STOPS = {".", "!", "?", "…", ":", ";", "—", "–", "-"}
PREDICATE_GRAMS = {"VERB", "PRTS", "ADJS", "PRED", "INFN"}


def direct_statements(ctx: Context, paragraphs: list[tuple[int, int]],
                      known: tuple[Statement, ...] = ()) -> list[Statement]:
    """Direct statements in document order; `known` ones (from an earlier pass) give context only."""
    found: list[Statement] = list(known)
    interview = any(label_person(ctx, p) or answer_label(ctx, p) for p in paragraphs)
    for p_start, p_end in paragraphs:
        line = ctx.text[p_start:p_end]
        if label_statement(ctx, p_start, p_end, found, interview):
            continue
        if re.match(r"\s*[—–-]\s", line):                              # dialogue: `— ..., — отметил он.`
            dash = p_start + re.match(r"\s*[—–-]\s+", line).end()
            found += split_pieces(ctx, dash, p_end, require_break=True)
        for q in find_quoted(ctx.text, p_start, p_end):
            if q.depth == 0:
                found += quoted_statements(ctx, q, p_start, p_end, found)
    return found[len(known):]


def quoted_statements(ctx: Context, q: Quoted, p_start: int, p_end: int, found: list[Statement]) -> list[Statement]:
    start, end = q.inner
    short = not is_statement(ctx, start, end)
    if short and not two_word_clause(ctx, start, end):
        return []
    after = attribution_after(ctx, q.end, p_end, require_lead=True)
    if short and after is None:
        return []                       # `назвал её «крайне удручающей»`: words, not a statement
    pieces = split_pieces(ctx, start, end)
    if after is not None:
        verb, person = after
        person_id = person.person_id if person else None
        if pieces:                      # «A, — сказал X. — B», — цитирует ...: the pieces keep X
            tail = pieces[-1]
            return pieces[:-1] + [replace(tail, person_id=tail.person_id or person_id)]
        return [Statement(*strip_span(ctx.text, start, end), "direct", lemma(verb), person_id, verb.span.start)]
    if pieces:
        return pieces
    before = ctx.text[p_start:q.start]
    span = strip_span(ctx.text, start, end)
    if COLON_BEFORE.search(before):
        cue, person, cue_start = attribution_before(ctx, p_start, q.start - len(before) + before.rindex(":"))
        if person is None:
            prev = previous(ctx, found, q.start, p_start)
            person_id = prev.person_id if prev else None
        else:
            person_id = person.person_id
        return [Statement(*span, "direct", cue, person_id, cue_start)]
    prev = previous(ctx, found, q.start, p_start)
    if prev is not None and starts_sentence(before) and ends_sentence(ctx.text[q.end:p_end]):
        return [Statement(*span, "direct", prev.cue, prev.person_id)]      # continues the quote before
    return []


def split_pieces(ctx: Context, start: int, end: int, require_break: bool = False) -> list[Statement]:
    """`A, — сказал X. — B` inside one quote (or a dialogue line) → pieces A and B, both X's."""
    for m in BREAK.finditer(ctx.text, start, end):
        found = attribution_after(ctx, m.start(), end, require_lead=True)
        if found is None:
            continue
        verb, person = found
        stop = clause_end(ctx, verb.span.stop, end)
        resume = RESUME.match(ctx.text, stop, end)
        if resume is None and stop < end and not require_break:
            continue
        person_id = person.person_id if person else None
        pieces = [Statement(*strip_span(ctx.text, start, m.start()), "direct", lemma(verb), person_id,
                            verb.span.start)]
        if resume is not None:
            rest = split_pieces(ctx, resume.end(), end)
            pieces += rest or [Statement(*strip_span(ctx.text, resume.end(), end), "direct", lemma(verb),
                                         person_id, verb.span.start)]
        return [s for s in pieces if s.end > s.start]
    return []


def attribution_after(ctx: Context, pos: int, end: int, require_lead: bool):
    """`», — отметил мэр Москвы Сергей Собянин` → (the verb token, the person named after it)."""
    lead = LEAD.match(ctx.text, pos, end)
    if require_lead and not re.search(r"[,—–-]", lead.group()):
        return None
    tokens = ctx.tokens_in(lead.end(), end)
    words = [t for t in tokens[:3] if t.type != "PUNCT"]
    verb = next((t for t in words[:2] if finite_verb(t) and "1per" not in grams(t)), None)
    if verb is None or (words[0] is not verb and not grams(words[0]) & {"ADVB", "PRCL", "CONJ"}):
        return None
    stop = clause_end(ctx, verb.span.stop, end)
    region = ctx.tokens_in(verb.span.stop, stop)
    person = ctx.subject(region, verb.span.start, verb_gender(verb), after_verb=True)
    if person is None and lemma(verb) not in SPEECH_VERBS:
        return None                     # `«...» – стало быть, ...`: neither a speech verb nor a speaker
    return verb, person


def attribution_before(ctx: Context, p_start: int, colon: int):
    """`Хуан Суареш сообщил:` → (cue lemma, person, cue offset) for the quote after the colon."""
    sentence = ctx.sentence_at(colon)
    start = max(p_start, sentence.start if sentence else p_start)
    # a colon clause may begin inside an earlier quote's sentence: start after its closing mark
    closing = max(ctx.text.rfind(m, start, colon) for m in "»”\"")
    start = closing + 1 if closing >= 0 else start
    tokens = [t for t in ctx.tokens_in(start, colon)]
    verbs = [t for t in tokens if finite_verb(t)]
    speech = [t for t in verbs if lemma(t) in SPEECH_VERBS]
    verb = (speech or verbs or [None])[-1]
    if verb is None:
        return None, ctx.person_in(tokens), None
    before = [t for t in tokens if t.span.stop <= verb.span.start]
    after = [t for t in tokens if t.span.start >= verb.span.stop]
    person = (ctx.person_in(before, prefer_nominative=True, last=True)
              or ctx.subject(after, verb.span.start, verb_gender(verb), after_verb=True)
              or ctx.subject(before, verb.span.start, verb_gender(verb), after_verb=False))
    # `Белов оказался более дипломатичным: «...»`: his words, but no speech verb to name as the cue
    return (lemma(verb) if speech else None), person, verb.span.start


def label_statement(ctx: Context, p_start: int, p_end: int, found: list[Statement], interview: bool) -> bool:
    """`Собянин: ...` (a title or an interview answer) and `... - Собянин` (a title) → a direct quote."""
    line = ctx.text[p_start:p_end]
    m = LABEL.match(line)
    if m and m.group(1).split()[0].lower() in CREDITS:
        return True                                                    # `Фото: Денис Гришкин`: no statement
    if m:
        person = label_person(ctx, (p_start, p_end))
        if person is None and interview and m.group(1).lower() in ANSWERS:
            person = interviewee(ctx, found)                           # `Ответ: ...`: the one interviewed
        if person is not None or interview:
            s, e = strip_span(ctx.text, p_start + m.start(2), p_start + m.end(2))
            found.append(Statement(s, e, "direct", None, person.person_id if person else None))
            return True
    sentence = ctx.sentence_at(p_start + len(line) - len(line.lstrip()))
    m = TAIL_LABEL.match(line) if sentence is not None and sentence.is_title else None
    if m:
        person = ctx.person_in(ctx.tokens_in(p_start + m.start(2), p_start + m.end(2)))
        if person is not None:
            s, e = strip_span(ctx.text, p_start + m.start(1), p_start + m.end(1))
            found.append(Statement(s, e, "direct", None, person.person_id))
            return True
    return False


def interviewee(ctx: Context, found: list[Statement]):
    """Who answers in an interview: the last person a turn was labelled with, else the one person the
    document names most often."""
    turns = [s for s in found if s.kind == "direct" and s.cue is None and s.person_id]
    if turns:
        return ctx.people.person(turns[-1].person_id)
    counts = sorted((p.n_mentions for p in ctx.people.people), reverse=True)
    if counts and (len(counts) == 1 or counts[0] > counts[1]):
        return next(p for p in ctx.people.people if p.n_mentions == counts[0])
    return None


def answer_label(ctx: Context, paragraph: tuple[int, int]) -> bool:
    m = LABEL.match(ctx.text, paragraph[0], paragraph[1])
    return m is not None and m.group(1).lower() in ANSWERS


def label_person(ctx: Context, paragraph: tuple[int, int]):
    m = LABEL.match(ctx.text, paragraph[0], paragraph[1])
    if m is None or len(WORDS.findall(m.group(2))) < 2:
        return None
    return ctx.person_in(ctx.tokens_in(m.start(1), m.end(1)))


def is_statement(ctx: Context, start: int, end: int) -> bool:
    """At least a clause: `Портал помог решить ...` yes; `Наш город`, `удручающей` no."""
    text = ctx.text[start:end]
    words = WORDS.findall(text)
    if len(words) < 3:
        return False
    if text.rstrip()[-1:] in SENTENCE_END or " — " in text or " – " in text or len(words) >= 6:
        return True
    return any(grams(t) & PREDICATE_GRAMS for t in ctx.tokens_in(start, end))


def two_word_clause(ctx: Context, start: int, end: int) -> bool:
    """A subject and its predicate (`Жители довольны`, `Мы справились`): a statement when a speech verb
    attributes it (`», — добавила она`)."""
    tokens = [t for t in ctx.tokens_in(start, end) if t.type == "RU"]
    return len(WORDS.findall(ctx.text[start:end])) == 2 and len(tokens) == 2 \
        and any(grams(t) & PREDICATE_GRAMS for t in tokens[1:])


def clause_end(ctx: Context, pos: int, end: int) -> int:
    """Offset of the first sentence-level stop after pos (quote marks inside are skipped)."""
    depth = 0
    for t in ctx.tokens_in(pos, end):
        if t.value in "«„“":
            depth += 1
        elif t.value in "»”" and depth:
            depth -= 1
        elif t.value in STOPS and not depth and (t.value != "-" or ctx.text[t.span.start - 1:t.span.start] == " ") \
                and not (t.value == "." and ctx.text[t.span.start - 1:t.span.start].isalnum()
                         and ctx.text[t.span.stop:t.span.stop + 1].isalnum()):      # infox.ru: no full stop
            return t.span.start
    return end


def previous(ctx: Context, found: list[Statement], pos: int, p_start: int) -> Statement | None:
    """The attributed direct statement just before pos: in this paragraph, or ending the one before."""
    before = [s for s in found if s.end <= pos]
    if not before:
        return None
    last = max(before, key=lambda s: s.end)
    if last.end >= p_start:
        return last
    gap = ctx.text[last.end:p_start]
    lines = [x for x in re.split(r"[\r\n]+", gap) if x.strip()]
    tail = lines[0] if lines else ""
    if len(lines) <= 1 and not re.search(r"[.!?…]\s+\S", tail):
        return last
    return None


def starts_sentence(before: str) -> bool:
    stripped = before.rstrip()
    return not stripped or stripped[-1] in SENTENCE_END + "»”\""


def ends_sentence(after: str) -> bool:
    return re.match(r"\s*[.!?…]?\s*(?:$|[«„“\"A-ZА-ЯЁ])", after) is not None

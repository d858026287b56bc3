"""Sentences → numeric claims (FactRow), from the quantity grammar (grammars/quantity.py).

    'предоставляет 148 электронных услуг'  -> FactRow(text='148 электронных услуг', value=148.0, object='услуга')
    'Число обращений за 2015 г. превысило 85 млн' -> value 85e6, qualifier 'more', object 'обращение'
    'выросло с 50 до 62 млн'               -> two facts, 50e6 and 62e6
    'в 2015 году', '29 марта', 'дом 12'     -> no facts
"""
from __future__ import annotations

import dataclasses
import logging

from grammars.qualifiers import CHANGE_WORDS
from pipeline.facts.counted import PRONOUNS, counted_phrase, dash_object, object_lemma, phrase_words, subject_object
from pipeline.facts.normalize import (NUMBER_HOMONYMS, adverb_value, kind_of, lemma, noun_phrase, number_value,
                                      scaled_value, unit_of_lemma, vague_value)
from pipeline.facts.compound import join_parts
from pipeline.facts.semantics import add_semantics
from pipeline.facts.numbers import (CLOCK_AFTER, CLOCK_PREPOSITIONS, ORDINAL_NOUNS, blocked_spans, can_match,
                                    can_match_word, excluded, is_year, merge_numbers, normal_forms)
from pipeline.nlp import Tools, joined, without_cut_copies
from pipeline.records import Document, FactRow, Sentence

log = logging.getLogger(__name__)

CLAUSE_STOPS = {",", ";", ":", "(", ")", ".", "!", "?"}
COMPARATIVES = {"больше", "меньше", "более", "менее", "выше", "ниже", "дороже", "дешевле"}


def extract_facts(doc: Document, sentences: list[Sentence], tools: Tools) -> list[FactRow]:
    """Facts without fact_id, period or speaker (pipeline.resolve fills those)."""
    parser = tools.parser("quantity")
    facts: list[FactRow] = []
    for sentence in sentences:
        if can_match(sentence.text):
            facts += sentence_facts(doc, sentence, parser, tools.morph)
    shared: dict = {}
    return [sentence_window(doc, fact, shared) for fact in fill_elided(doc, facts)]


MAX_SENTENCE = 1000   # characters of `facts.sentence`: a sentence is ~150, a page without a full stop unbounded


def sentence_window(doc: Document, fact: FactRow, shared: dict | None = None) -> FactRow:
    """The fact with at most MAX_SENTENCE characters of its sentence around it (and `sentence_start`
    moved to where they start): every fact of a 100,000-character sentence repeated all of it, so that
    the facts table grew with the square of the sentence. Windows start on a grid of half their size, so
    that neighbouring facts share one string (`shared`) and memory stays a small multiple of the text."""
    start, length = fact.sentence_start, len(fact.sentence)
    if length <= MAX_SENTENCE:
        return fact
    step = MAX_SENTENCE // 2
    lo = start + max(0, min((fact.start - start) // step * step - step // 2, length - MAX_SENTENCE))
    hi = min(start + length, lo + MAX_SENTENCE)
    if fact.end > hi:                                # a claim longer than the window's second half
        lo, hi = max(start, fact.start - step // 2), max(fact.end, min(start + length, fact.start + step))
    key = (lo, hi)
    text = shared.get(key) if shared is not None else None
    if text is None:
        text = doc.text[lo:hi]
        if shared is not None:
            shared[key] = text
    return dataclasses.replace(fact, sentence=text, sentence_start=lo)


def sentence_facts(doc: Document, sentence: Sentence, parser, morph) -> list[FactRow]:
    tokens = merge_numbers(sentence.tokens, doc.text)
    starts = {t.span.start: k for k, t in enumerate(tokens)}
    stops = {t.span.stop: k for k, t in enumerate(tokens)}
    blocked = None                    # URLs, dates, phones ...: looked for once the sentence has a match
    # leftmost-longest, not yargy's findall: findall maximises token coverage, which ties
    # `350 | миллионов рублей` with `350 миллионов рублей`
    matches = without_cut_copies(((tokens[lo].span.start, parser.leftmost_longest(tokens[lo:hi]))
                                  for lo, hi in windows(tokens)), lambda match: (match.span.start, match.span.stop))
    rows = []
    for match in matches:
        if blocked is None:
            blocked = blocked_spans(sentence.text, sentence.start)
        first, last = starts[match.span.start], stops[match.span.stop]
        rows += adapt(doc, sentence, tokens, first, last, match.fact, blocked, morph)
    return add_semantics(sentence, join_parts(doc, rows))


MAX_WINDOW = 64   # tokens the quantity grammar sees at once (a sentence is ~30; README: Limitations)


def windows(tokens, before: int = 6, after: int = 10) -> list[tuple[int, int]]:
    """Token ranges around numbers: the parser's chart grows with every token, and a quantity with its
    qualifier and unit (`«перевалило» отметку 4 млн.`, `до 20 тонн полезных грузов`) is short. Ranges
    that touch are joined up to MAX_WINDOW tokens (nlp.joined): 200,000 letters and digits without a
    space once joined into one range of 114,000 tokens, whose chart took 440 MB; one of 1,000 took 10 MB.
    In the corpus and the devset 3 of 821 ranges were longer than 64 tokens."""
    return joined(((max(0, k - before), min(len(tokens), k + after)) for k, token in enumerate(tokens)
                   if token.type == "INT" or can_match_word(token.value)), MAX_WINDOW)


def adapt(doc, sentence, tokens, first, last, q, blocked, morph) -> list[FactRow]:
    """One grammar match -> FactRow(s), or [] when the number is a date, ordinal, identifier, ..."""
    value, unit = number_value(q.number)
    unit = unit or q.unit                            # a fused `пятидневную` names its own unit
    qualifier, obj_tokens = q.qualifier, []
    multiplier = q.multiplier or q.multiplier_max
    if q.adverb:
        value, unit, obj = adverb_value(q.adverb)
        obj_tokens = []
    elif q.share is not None:
        value, unit = (value if value is not None else 1) * q.share, "доля"
    elif q.of is not None:
        denominator, _ = number_value(q.of)
        if not denominator:
            return []
        value, unit = value / denominator, "доля"
    elif q.vague:
        value = vague_value(q.vague) * (q.multiplier or 1)
        qualifier = qualifier or "at_least"
    elif value is None and multiplier:
        value = 1.0                                  # `миллион рублей`, `более тысячи`
    if value is None:
        return []
    if q.ratio:
        unit = "раз"
    num_first = next((k for k in range(first, last + 1) if is_numberish(tokens[k])), first)
    num_last = num_first + 2 if (num_first + 2 <= last and tokens[num_first + 1].value == "-") else num_first
    np_start, np_end = counted_phrase(tokens, last + 1, unit, morph) if not q.adverb else (last + 1, last + 1)
    if q.ratio and np_start == np_end and last + 1 < len(tokens) and tokens[last + 1].value.lower() in COMPARATIVES:
        np_start, np_end = counted_phrase(tokens, last + 2, unit, morph)
    raw = tokens[num_first].value if tokens[num_first].type == "INT" else None
    if not_a_quantity(q, tokens, first, last, (num_first, num_last), (np_start, np_end), unit, value, blocked):
        return []
    if last + 1 < len(tokens) and tokens[last + 1].value == "/" and unit:
        unit = None                                  # `17 км/ч`: a rate, not a unit of the list
    obj = None
    if np_start < np_end:
        obj_tokens = [t for t in tokens[np_start:np_end] if t.value.lower() not in PRONOUNS]
        last = np_end - 1
    elif q.adverb and unit is None:
        obj = "раз"
    elif unit is None and not q.number and not q.vague and not multiplier:
        return []
    start = tokens[first].span.start
    if not qualifier and is_approx_inversion(tokens, first, q, obj_tokens, morph):
        qualifier, start = "approx", tokens[first - 1].span.start
        obj = lemma(tokens[first - 1].value, morph)
        if unit_of_lemma(obj):
            unit, obj = unit_of_lemma(obj), None
    role = "level"
    if q.upto:
        qualifier = "exact" if after_change_word(tokens, first) else "at_most"
        role = "to" if qualifier == "exact" else role     # `сократилось до 5 минут`: where the change arrived
    qualifier = qualifier or q.post_qualifier or "exact"
    if obj_tokens:
        obj = object_lemma(obj_tokens[-1], morph) if obj_tokens[-1].type != "RU" else \
            lemma(phrase_words(obj_tokens)[-1], morph)
    elif obj is None and unit in {None, "раз"}:
        obj = subject_object(tokens, first, morph)
        if obj is None and unit is None:
            obj = dash_object(tokens, first, last, morph)
    end = tokens[last].span.stop
    if end == sentence.end and doc.text[end - 1] == "." and end - 1 > start:
        end -= 1                                     # `до 1000 кг.`: the full stop ends the sentence
    base = FactRow(
        doc_id=doc.doc_id, start=start, end=end, text=doc.text[start:end], value=value,
        sentence=sentence.text, sentence_start=sentence.start, qualifier=qualifier, unit=unit, object=obj,
        kind=kind_of(unit), raw_number=raw or number_text(doc, tokens, num_first, num_last),
        multiplier=float(multiplier) if multiplier else None,
        object_phrase=noun_phrase(phrase_words(obj_tokens), morph) if obj_tokens else None, role=role)
    plain = q.number is not None and q.share is None and not q.of and not q.vague and not q.adverb
    if plain:
        value = scaled_value(q.number, multiplier) + (0.5 * (multiplier or 1) if q.half else 0)
    elif not q.number and multiplier and not q.vague:
        value = float(multiplier)
    if q.number_max is None:
        return [dataclasses.replace(base, value=value)]
    high = scaled_value(q.number_max, q.multiplier_max or multiplier)
    if high is None:
        return [base]
    low = value
    if not q.change and high < low:
        return []                                    # `6 – 0`: a score, not a range
    if not q.change:
        return [dataclasses.replace(base, value=low, value_max=high)]
    # `с 50 до 62 млн`: the value before and after the change, two facts (spec: Values)
    split = next(k for k in range(first, last + 1) if tokens[k].value == "до")
    cut = tokens[split - 1].span.stop
    return [dataclasses.replace(base, end=cut, text=doc.text[start:cut], value=low, qualifier="exact", role="from"),
            dataclasses.replace(base, start=tokens[split].span.start, text=doc.text[tokens[split].span.start:end],
                                value=high, qualifier="exact", role="to")]


def not_a_quantity(q, tokens, first, last, number, phrase, unit, value, blocked) -> bool:
    """A date, year, clock time, ordinal, identifier, score or homonym rather than a quantity."""
    (num_first, num_last), (np_start, np_end) = number, phrase
    multiplier = q.multiplier or q.multiplier_max
    bare = np_start == np_end and unit is None and not multiplier and not q.elided
    raw = tokens[num_first].value if tokens[num_first].type == "INT" else None
    if q.number and q.number.words and set(q.number.words.split()) & set(NUMBER_HOMONYMS) and np_start == np_end:
        return True                                  # `свою семью` is a family, `семью журналистами` seven
    if q.share is not None and not q.number and np_start < np_end and tokens[first].type == "RU" and any(
            "ADJF" in f.grams.values for f in tokens[first].forms) and "каждый" not in normal_forms(tokens[first]):
        return True                                  # `третью среду`: an ordinal, not `треть`
    if tokens[num_first].type == "INT":
        why = excluded(tokens, num_first, num_last, blocked, bare)
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        raw_max = q.number_max.digits if q.number_max else None
        if why or is_year(raw, unit, after) or (raw_max and is_year(raw_max, unit, after)):
            return True
    if q.number and is_clock(tokens, num_first, last, unit, value):
        return True
    if q.upto and unit == "час" and value <= 24 and any(
            t.value.lower() in CLOCK_AFTER | {"с"} for t in tokens[max(0, first - 5):first]):
        return True                                  # `с 8 часов утра до 20 часов`
    if (q.change or q.number_max) and unit == "час" and value <= 24 and tokens[first].value.lower() in {"с", "от"}:
        return True                                  # `с 9 до 18 часов`: opening hours
    if np_start < np_end and is_ordinal_noun(tokens[np_end - 1]) and not unit:
        return True
    if num_last > num_first and tokens[num_last].value == "х" and num_last + 1 < len(tokens) \
            and "год" in normal_forms(tokens[num_last + 1]):
        return True                                  # `90-х годов`: a decade
    if q.number and q.number.words and not unit and not multiplier and q.share is None and not q.of \
            and q.number.words.split()[0] == "один":
        return True                                  # `один из`, `одна` alone: not a count
    if q.number and q.number.words and q.number.words.split()[0] == "один" and not multiplier and first > 0 \
            and tokens[first].value.lower() in {"одного", "одной", "одну"} and any(
                {"NOUN", "nomn"} <= f.grams.values or {"NOUN", "accs"} <= f.grams.values
                for f in getattr(tokens[first - 1], "forms", [])[:1]):
        return True                                  # `цена одного квадратного метра`: a rate's denominator
    return False


def is_ordinal_noun(token) -> bool:
    """`5 место`, `в 3 квартале`: a singular, non-genitive noun after the number makes it an ordinal
    (`40 мест`, `3 квартала` are counts)."""
    forms = [f for f in getattr(token, "forms", []) if f.normalized in ORDINAL_NOUNS]
    return bool(forms) and all("sing" in f.grams.values and "gent" not in f.grams.values for f in forms)


def is_numberish(token) -> bool:
    return token.type == "INT" or can_match(token.value)


def number_text(doc, tokens, first, last) -> str:
    return doc.text[tokens[first].span.start:tokens[last].span.stop]


def is_approx_inversion(tokens, first, q, obj_tokens, morph) -> bool:
    """`человек двадцать`, `минут десять`: a genitive plural noun before a number word (spec: Qualifiers)."""
    if first == 0 or obj_tokens or not (q.number and q.number.words) or q.unit:
        return False
    before = tokens[first - 1]
    return before.type == "RU" and before.value.islower() and any(
        {"NOUN", "gent", "plur"} <= f.grams.values for f in before.forms)


def after_change_word(tokens, first: int) -> bool:
    """`поднять штраф до 3 миллионов`: `до` after a verb of change is the level reached (spec: Qualifiers)."""
    for k in range(first - 1, max(-1, first - 12), -1):
        if tokens[k].value in CLAUSE_STOPS:
            return False
        if normal_forms(tokens[k]) & CHANGE_WORDS:
            return True
    return False


def is_clock(tokens, first: int, last: int, unit: str | None, value: float) -> bool:
    """`в 19 часов`, `к 9 часам утра`, `около 7 вечера`, `на 19 часов`: a clock time, not a duration."""
    if value > 24 or value != int(value):
        return False
    before = tokens[first - 1].value.lower() if first > 0 else ""
    after = tokens[last + 1].value.lower() if last + 1 < len(tokens) else ""
    if after in CLOCK_AFTER:
        return True
    return unit == "час" and (before in CLOCK_PREPOSITIONS or before in {"около", "на"} and value >= 13)


def fill_elided(doc: Document, facts: list[FactRow]) -> list[FactRow]:
    """An elided unit or counted noun comes from a parallel expression: `по 100, 200 рублей`,
    `280 услугам, 120 из них`, `(из 3512)`, and `3 миллионов` after `1,5 миллионов долларов`."""
    out = list(facts)
    for i, fact in enumerate(out):
        if fact.unit is not None or fact.object is not None:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and nxt.sentence_start == fact.sentence_start and nxt.unit is not None \
                and doc.text[fact.end:nxt.start].strip(" ,\u00a0") in {"", "и", "или", "-", "–", "—"}:
            out[i] = _inherit(fact, nxt)
            continue
        digits = any(c.isdigit() for c in fact.raw_number or "")
        partitive = "из них" in fact.text or doc.text[max(0, fact.start - 4):fact.start].rstrip().endswith("из")
        for prev in reversed(out[max(0, i - 4):i]):
            gap = doc.text[prev.end:fact.start]
            parallel = prev.sentence_start == fact.sentence_start and (
                partitive or len(gap) <= 25 and not any(c.isupper() for c in gap))
            if (prev.unit is not None or prev.object is not None) and digits and "\n" not in gap and (
                    parallel or fact.multiplier and prev.multiplier):
                out[i] = _inherit(fact, prev)
                break
    return out


def _inherit(fact: FactRow, source: FactRow) -> FactRow:
    unit = source.unit if source.unit not in {"доля", "раз"} else None
    return dataclasses.replace(fact, unit=unit, object=source.object, kind=kind_of(unit))

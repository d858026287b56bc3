"""Raw strings from the quantity grammar -> values, units, kinds and lemmas (pure functions).

    parse_number('68 000') -> 68000.0 · parse_number('5,3') -> 5.3 · parse_number('1.000.000') -> 1e6
    words_value('сто двадцать') -> 120 · words_value('два тысяча пятьсот') -> 2500
    fused_value('трехмесячный') -> (3, 'месяц') · fused_value('полчаса') -> (0.5, 'час')
    lemma('услуг', morph) -> 'услуга' · noun_phrase(['электронных', 'услуг'], morph) -> 'электронная услуга'
"""
from __future__ import annotations

import re
from functools import lru_cache

from grammars.numbers import (FUSED_STEMS, FUSED_UNITS, NUMBER_WORDS, REPEAT_ADVERBS, SCALE_WORDS,
                              TIMES_ADVERBS, VAGUE_WORDS)
from grammars.units import CURRENCIES, TIME_UNITS, UNIT_WORDS

SPACES = str.maketrans("", "", " \u00a0\u2009\u202f")
HALVES = {"часа": (0.5, "час"), "года": (0.5, "год"), "дня": (0.5, "день"), "минуты": (0.5, "минута"),
          "месяца": (0.5, "месяц"), "века": (50, "год"), "миллиона": (5e5, None),
          "миллиарда": (5e8, None), "тысячи": (500, None)}
FUSED_SPLIT = re.compile("^(%s)(%s)" % ("|".join(sorted(FUSED_STEMS, key=len, reverse=True)),
                                       "|".join(FUSED_UNITS)))
LEMMA_UNITS = {lemma: unit for unit, (lemmas, _, _) in UNIT_WORDS.items() for lemma in lemmas}
# number forms that share a lemma with a noun: `семью` is `семь` (instrumental) or `семья`
NUMBER_HOMONYMS = {"семья": 7}
KINDS = {"процент": "percent", "доля": "share", "раз": "ratio"}


def parse_number(raw: str) -> float:
    """'5,3' -> 5.3 · '68 000' -> 68000.0 · '1.000.000' -> 1000000.0 · '1.5' -> 1.5"""
    text = raw.translate(SPACES)
    if text.count(".") > 1:                       # dots as thousands separators
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def words_value(words: str) -> float:
    """Number-word lemmas to a value: 'сто двадцать' -> 120 · 'два тысяча пятьсот' -> 2500"""
    total, current = 0.0, 0.0
    for word in words.lower().replace("ё", "е").split():
        if word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0.0
        else:
            current += NUMBER_WORDS.get(word, NUMBER_WORDS.get(word.replace("е", "ё"), NUMBER_HOMONYMS.get(word, 0)))
    return total + current


def fused_value(word: str) -> tuple[float, str | None]:
    """'трехмесячный' -> (3, 'месяц') · '220-летний' suffix 'летний' -> (None, 'год') · 'полчаса' -> (0.5, 'час')"""
    word = word.lower()
    half = word[4:] if word.startswith("полу") else word[3:]
    if word.startswith("пол") and half in HALVES:
        return HALVES[half]
    found = FUSED_SPLIT.match(word)
    if found:
        return FUSED_STEMS[found.group(1)], FUSED_UNITS[found.group(2)]
    for suffix, unit in FUSED_UNITS.items():
        if word.startswith(suffix):
            return None, unit
    return None, None


def number_value(number) -> tuple[float | None, str | None]:
    """A grammar Number -> (value, unit implied by a fused word); value None when unreadable."""
    if number is None:
        return None, None
    unit = None
    if number.fused:
        value, unit = fused_value(number.fused)
        if number.digits:
            value = parse_number(number.digits)
        return value, unit
    if number.digits:
        return parse_number(number.digits), None
    if number.words:
        return words_value(number.words), None
    return None, None


def scaled_value(number, multiplier: float | None) -> float | None:
    """Number and its multiplier -> value: '5,3' x 10**6 -> 5300000.0 · 'три миллион двести' x 1000 -> 3200000.0"""
    if number is not None and number.words and not number.fused and multiplier:
        scale = next(word for word, factor in SCALE_WORDS.items() if factor == multiplier)
        return words_value(number.words + " " + scale)
    value, _ = number_value(number)
    return None if value is None else with_multiplier(value, multiplier)


def unit_of_lemma(word: str) -> str | None:
    """'минута' -> 'минута' · 'лет' (lemma 'год') -> 'год' · 'рубль' -> 'рубль'; None for other nouns"""
    return LEMMA_UNITS.get(word)


def with_multiplier(value: float, multiplier: float | None) -> float:
    """5.3, 10**6 -> 5300000.0 (rounded to cents so that 5.3 * 10**6 is not 5299999.999)"""
    return round(value * (multiplier or 1), 6)


def vague_value(lemma: str) -> float:
    """'десяток' -> 10 · 'сотня' -> 100 · 'миллион' -> 1e6"""
    return float(VAGUE_WORDS[lemma])


def adverb_value(word: str) -> tuple[float, str | None, str | None]:
    """'вдвое' -> (2, 'раз', None) (a ratio) · 'дважды' -> (2, None, 'раз') (a count of times)"""
    word = word.lower()
    if word in TIMES_ADVERBS:
        return TIMES_ADVERBS[word], "раз", None
    return REPEAT_ADVERBS[word], None, "раз"


def kind_of(unit: str | None) -> str:
    """'рубль' -> 'money' · 'процент' -> 'percent' · 'год' -> 'duration' · None -> 'count'"""
    if unit is None:
        return "count"
    if unit in CURRENCIES:
        return "money"
    if unit in TIME_UNITS:
        return "duration"
    return KINDS.get(unit, "measure")


def lemma(word: str, morph) -> str:
    """Nominative singular, lowercase: 'услуг' -> 'услуга' · 'людей' -> 'человек'"""
    return _lemma(word.lower(), morph)


@lru_cache(maxsize=50_000)
def _lemma(word: str, morph) -> str:
    parses = morph.parse(word)
    nouns = [p for p in parses if p.tag.POS == "NOUN"] or parses
    return nouns[0].normal_form


def noun_phrase(words: list[str], morph) -> str:
    """['электронных', 'услуг'] -> 'электронная услуга': modifiers agree with the head in the nominative."""
    return _noun_phrase(tuple(words), morph) if words else ""


@lru_cache(maxsize=50_000)   # a pure function of its words: the same phrases recur across releases
def _noun_phrase(words: tuple[str, ...], morph) -> str:
    head = _noun_parse(words[-1].lower(), morph)
    head_form = head.inflect({"nomn", "sing"}) if head is not None else None
    gender = head.tag.gender if head is not None else None
    out = []
    for word in words[:-1]:
        parse = _adj_parse(word.lower(), morph)
        grams = {"nomn", "sing"} | ({gender} if gender else set())
        form = parse.inflect(grams) if parse is not None else None
        out.append(form.word if form else word.lower())
    out.append(head_form.word if head_form else lemma(words[-1], morph))
    return " ".join(out)


@lru_cache(maxsize=50_000)
def _noun_parse(word: str, morph):
    return next((p for p in morph.parse(word) if p.tag.POS == "NOUN"), None)


@lru_cache(maxsize=50_000)
def _adj_parse(word: str, morph):
    return next((p for p in morph.parse(word) if p.tag.POS in {"ADJF", "PRTF"}), None)

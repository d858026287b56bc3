"""Normalisers: number strings, number words, fused words, units and kinds, lemmas and phrases."""
from __future__ import annotations

import pytest

from grammars.numbers import Number
from pipeline.facts.normalize import (adverb_value, fused_value, kind_of, lemma, noun_phrase, parse_number,
                                scaled_value, unit_of_lemma, vague_value, words_value)

NUMBERS = [
    ("148", 148), ("5,3", 5.3), ("68 000", 68_000), ("68\u00a0000", 68_000), ("68\u2009000", 68_000),
    ("68\u202f000", 68_000), ("1.000.000", 1_000_000), ("1 200 000", 1_200_000), ("2,6", 2.6),
    ("0,74", 0.74), ("1.5", 1.5), ("922774", 922_774), ("0", 0), ("176 668", 176_668),
]

WORDS = [
    ("двенадцать", 12), ("два", 2), ("полтора", 1.5), ("тридцать пять", 35), ("сто двадцать", 120),
    ("один", 1), ("шестьсот", 600), ("пятеро", 5), ("оба", 2), ("два тысяча пятьсот", 2500),
    ("три миллион двести", 3_000_200), ("девятьсот девяносто девять", 999), ("четырнадцать", 14),
]

SCALED = [
    # digits, words, multiplier -> value
    ("5,3", None, 10**6, 5_300_000), ("70", None, 10**3, 70_000), ("2,6", None, 10**9, 2_600_000_000),
    (None, "десять", 10**9, 10_000_000_000), (None, "сто двадцать", 10**3, 120_000),
    (None, "три миллион двести", 10**3, 3_200_000), ("148", None, None, 148), (None, "полтора", 10**6, 1_500_000),
]

FUSED = [
    ("трехмесячный", (3, "месяц")), ("трёхмесячный", (3, "месяц")), ("двухлетний", (2, "год")),
    ("пятидневную", (5, "день")), ("полуторачасовую", (1.5, "час")), ("полугодовом", (0.5, "год")),
    ("шестичасовую", (6, "час")), ("двукратный", (2, "раз")), ("полчаса", (0.5, "час")),
    ("полгода", (0.5, "год")), ("полугода", (0.5, "год")), ("полмиллиона", (500_000, None)),
    ("летний", (None, "год")), ("месячного", (None, "месяц")), ("кратный", (None, "раз")),
]

UNITS = [("минута", "минута"), ("год", "год"), ("рубль", "рубль"), ("сутки", "день"), ("процент", "процент"),
         ("тонна", "тонна"), ("услуга", None), ("фунт", None)]

KINDS = [(None, "count"), ("рубль", "money"), ("доллар", "money"), ("евро", "money"), ("процент", "percent"),
         ("доля", "share"), ("раз", "ratio"), ("год", "duration"), ("человеко-час", "duration"),
         ("километр", "measure"), ("квадратный метр", "measure"), ("мегаватт", "measure")]

LEMMAS = [("услуг", "услуга"), ("москвичей", "москвич"), ("людей", "человек"), ("обращений", "обращение"),
          ("граждан", "гражданин"), ("детей", "ребёнок"), ("Проблем", "проблема"), ("путевок", "путёвка")]

PHRASES = [(["электронных", "услуг"], "электронная услуга"), (["различных", "проблем"], "различная проблема"),
           (["активных", "москвичей"], "активный москвич"), (["услуг"], "услуга"),
           (["новые", "услуги"], "новая услуга")]


@pytest.mark.parametrize("raw, value", NUMBERS)
def test_parse_number(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("words, value", WORDS)
def test_words_value(words, value):
    assert words_value(words) == pytest.approx(value)


@pytest.mark.parametrize("digits, words, multiplier, value", SCALED)
def test_scaled_value(digits, words, multiplier, value):
    assert scaled_value(Number(digits=digits, words=words), multiplier) == pytest.approx(value)


@pytest.mark.parametrize("word, expected", FUSED)
def test_fused_value(word, expected):
    assert fused_value(word) == expected


def test_vague_and_adverbs():
    assert [vague_value(w) for w in ("десяток", "сотня", "тысяча", "миллион")] == [10, 100, 1000, 10**6]
    assert adverb_value("вдвое") == (2, "раз", None) and adverb_value("Втрое") == (3, "раз", None)
    assert adverb_value("дважды") == (2, None, "раз")


@pytest.mark.parametrize("word, unit", UNITS)
def test_unit_of_lemma(word, unit):
    assert unit_of_lemma(word) == unit


@pytest.mark.parametrize("unit, kind", KINDS)
def test_kind_of(unit, kind):
    assert kind_of(unit) == kind


@pytest.mark.parametrize("word, expected", LEMMAS)
def test_lemma(tools, word, expected):
    assert lemma(word, tools.morph) == expected


@pytest.mark.parametrize("words, expected", PHRASES)
def test_noun_phrase(tools, words, expected):
    assert noun_phrase(words, tools.morph) == expected

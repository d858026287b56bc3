"""Raw `Date` fields (the words the grammar matched) -> the codes `pipeline.dates.calendar` resolves.

    {'prep': 'Начиная с', 'year': '2011'}        -> {'prep': 'с', 'year': 2011}
    {'month': 'марте', 'year': '2015'}           -> {'month': 3, 'year': 2015}
    {'quarter': 'I'} · {'quarter': 'первом'}     -> {'quarter': 1}
    {'shift': 'прошлом', 'unit': 'году'}         -> {'shift': -1, 'unit': 'year'}

The vocabularies are the grammar's own (lemma -> code), so matching and coding cannot drift apart;
lemmas come from the shared pymorphy3 analyzer.
"""
from __future__ import annotations

import re

from grammars.date_parts import (COUNT_WORDS, MONTH_ABBR, MONTHS, ORDINALS, PARTS, PREP_PHRASES, PREPS, ROMAN,
                                 SEASONS, UNITS)
from grammars.relative_dates import DEICTIC, SHIFTS, WEEKDAYS

DIGITS = re.compile(r"\d+")
SPACES = re.compile(r"\s+")

LEMMA_FIELDS = {"part": PARTS, "season": SEASONS, "shift": SHIFTS, "unit": UNITS, "weekday": WEEKDAYS}


def code_fields(raw: dict, morph) -> dict | None:
    """Codes for every filled field; None when a word is not in its vocabulary (never expected)."""
    fields = {}
    for name, value in raw.items():
        if value is None:
            continue
        value = value if not isinstance(value, str) else SPACES.sub(" ", value).strip()
        if name == "prep":
            value = value.lower().replace(" .", ".")
            code = PREPS.get(value, PREP_PHRASES.get(value))
        elif name in ("month", "month_end"):
            code = month_code(value, morph)
        elif name in ("quarter", "half"):
            code = number_code(value, ORDINALS, morph)
        elif name in ("count", "months"):
            code = number_code(value, COUNT_WORDS, morph)
        elif name == "century":
            code = ROMAN.get(value) if value in ROMAN else int(DIGITS.match(value).group())
        elif name == "deictic":
            code = DEICTIC.get(value.lower(), 0)          # на сегодняшний день -> 0
        elif name in LEMMA_FIELDS:
            code = lemma_code(value, LEMMA_FIELDS[name], morph)
        elif name in ("day", "day_end", "year", "year_end", "decade"):
            code = int(DIGITS.match(value).group())
        else:                                              # direction: a grammar constant
            code = value
        if code is None:
            return None
        fields[name] = code
    return fields


def lemma_code(word: str, vocabulary: dict, morph):
    """'прошлом' -> SHIFTS['прошлый'] (the first reading whose lemma the vocabulary knows)"""
    for parse in morph.parse(word.lower()):
        if parse.normal_form in vocabulary:
            return vocabulary[parse.normal_form]
    return None


def month_code(value, morph) -> int | None:
    """'марте' -> 3 · 'янв.' -> 1 · '03' -> 3"""
    if isinstance(value, int) or value.isdigit():
        return int(value)
    word = value.rstrip(". ").lower()
    return MONTH_ABBR.get(word) or lemma_code(word, MONTHS, morph)


def number_code(value, words: dict, morph):
    """'1-й' -> 1 · 'II' -> 2 · 'первом' -> 1 · 'пяти' -> 5"""
    if isinstance(value, (int, float)):
        return value
    if value in ROMAN:
        return ROMAN[value]
    digits = DIGITS.match(value)
    if digits:
        return int(digits.group())
    return lemma_code(value, words, morph)

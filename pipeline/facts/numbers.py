"""Which sentences can hold a number, how their digit tokens join into numbers, and what is never a number.

    CAN_MATCH.search('Портал предоставляет 148 услуг')     -> match ('148')
    merge_numbers(tokens of '68 000 детей', text)           -> tokens '68 000', 'детей'
    blocked_spans('Портал pgu.mos.ru, COVID-19, 29.03.2016') -> spans of the URL, the name and the date
"""
from __future__ import annotations

import re
from bisect import bisect_left

from yargy.span import Span
from yargy.token import Token

from grammars.numbers import (FUSED_STEMS, FUSED_UNITS, HALF_WORD, NUMBER_STEMS, REPEAT_ADVERBS, SCALE_ABBRS,
                              TIMES_ADVERBS)
from pipeline.nlp import any_run

# built from the grammar's own vocabulary (STYLE.md §7): digits, number stems, scales, fractions, adverbs,
# fused adjectives (`трехмесячный`) and halves (`полчаса`)
_FUSED = "(?:%s)(?:%s)" % ("|".join(FUSED_STEMS), "|".join(FUSED_UNITS))
_WORDS = [*NUMBER_STEMS, _FUSED, HALF_WORD.pattern.strip("^$"), *SCALE_ABBRS, "тысяч", "миллион", "миллиард",
          "триллион", "половин", "трет", "четверт", "кажд", *TIMES_ADVERBS, *REPEAT_ADVERBS]
CAN_MATCH = re.compile(r"\d|(?<![а-яё])(?:%s)" % "|".join(_WORDS), re.IGNORECASE)
# can_match answers as CAN_MATCH.search does, a word at a time: every word alternative starts with a
# Cyrillic letter right after a non-Cyrillic one and reads Cyrillic letters only (`\b` at its end looks
# at the next character), so it can only match from the start of a Cyrillic run, inside the run; a run
# is read with the word character after it, if any, and decided once
_WORD_AT_START = re.compile(r"(?:%s)" % "|".join(_WORDS), re.IGNORECASE)
_RUN_AND_NEXT = re.compile(r"[а-яё]+\w?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

SPACES = " \u00a0\u2009\u202f"

# spans whose digits are never quantities (spec: What counts as a fact). re tries every alternative at
# every position: the e-mail, ratio, fraction and name patterns start only where their run starts (a
# look-behind), or each position inside a word or a run of digits would rescan the rest of it (a run of
# 10,000 digits took 6 s, 40,000 took 81 s); the e-mail's local part is at most 64 characters (RFC 5321),
# and a domain name at most 253 (RFC 1035),
# so that a long run is not rescanned from every digit or dot either. Where a match can start is unchanged.
BLOCKED = re.compile("|".join([
    r"(?:https?://|www\.)\S+",                                  # URLs
    r"\b[\w.-]{1,253}\.(?:ru|com|org|net|рф|su|info|gov)\b[\w/.-]*",  # bare domains: pgu.mos.ru
    r"(?<![^\W\d])(?<![.+-])[\w.+-]{1,64}@[\w-]+\.[\w.-]+",     # e-mails (from a run's start)
    r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b",                           # dates 29.03.2016
    r"\b\d{1,2}[:.]\d{2}\b(?![.,]\d)",                          # clock times 19:00, 06.00
    r"(?<!\d)\d+(?:,\d+)?:\d+(?:,\d+)?",                        # scores and ratios 2:1, 0,5:0,5
    r"\b\d+[A-Za-z]\w*",                                         # digits glued to Latin: 3Com, 4G
    r"(?<!\d)\d+/\d+",                                           # 2014/15, 1/2 (school years, fractions)
    r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b",  # phone numbers
    r"\(\d{3,5}\)\s*\d{1,3}[\s-]\d{2}[\s-]\d{2}",               # (495) 123-45-67
    r"\b\d{2,3}-\d{2}-\d{2}\b",                                  # 123-45-67
    r"(?<![A-Za-zА-Яа-яЁё])[A-Za-zА-Яа-яЁё]+-?\d+(?:[-.]\d+)*",  # names with digits: COVID-19, Су-27, М4
]))


def can_match(text: str) -> bool:
    """CAN_MATCH.search(text) is not None: a digit, or a Cyrillic run that starts with a number word."""
    return _DIGIT.search(text) is not None or \
        any_run(text, _RUN_AND_NEXT, lambda run: _WORD_AT_START.match(run + " ") is not None, RUN_MATCHES)


RUN_MATCHES: dict[str, bool] = {}


def can_match_word(word: str) -> bool:
    """can_match for one token's text, decided once per word."""
    found = WORD_MATCHES.get(word)
    if found is None:
        if len(WORD_MATCHES) > 100_000:
            WORD_MATCHES.clear()
        found = WORD_MATCHES[word] = can_match(word)
    return found


WORD_MATCHES: dict[str, bool] = {}


def blocked_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Document spans of URLs, e-mails, dates, clock times, phone numbers and names with digits, in order
    and without overlaps (finditer's), which is what `is_blocked` needs."""
    return [(m.start() + offset, m.end() + offset) for m in BLOCKED.finditer(text)]


def is_blocked(start: int, stop: int, blocked: list[tuple[int, int]]) -> bool:
    """Whether [start, stop) overlaps a span of `blocked`: a binary search, not a scan of every span for
    every match (a sentence of 50,000 letters and digits has thousands of both)."""
    k = bisect_left(blocked, (stop,))            # the spans starting before `stop`
    return k > 0 and blocked[k - 1][1] > start   # the last of them ends last (they do not overlap)


def merge_numbers(tokens, text: str) -> list:
    """Join digit groups into one INT token: `68 000`, `5,3`, `1.000.000`, `1.5 млн` (text = document text)."""
    out = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if token.type != "INT":
            out.append(token)
            i += 1
            continue
        j = i
        if len(token.value) <= 3:
            j = _groups(tokens, j, text, separators=SPACES)
            if j == i:
                j = _dot_groups(tokens, i, text)
        if _glued(tokens, j, j + 2, text) and tokens[j + 1].value == "," and tokens[j + 2].type == "INT":
            j += 2                                          # decimal comma
        elif (_glued(tokens, j, j + 2, text) and tokens[j + 1].value == "." and tokens[j + 2].type == "INT"
              and j + 3 < n and tokens[j + 3].value.lower().startswith(tuple(SCALE_ABBRS))):
            j += 2                                          # `1.5 млн`: a decimal point before a scale
        if j == i:
            out.append(token)
        else:
            start, stop = token.span.start, tokens[j].span.stop
            out.append(Token(text[start:stop], Span(start, stop), "INT"))
        i = j + 1
    return out


def _glued(tokens, i: int, k: int, text: str) -> bool:
    """Tokens i..k exist and touch each other (no space between)."""
    if k >= len(tokens):
        return False
    return all(tokens[m].span.stop == tokens[m + 1].span.start for m in range(i, k))


def _groups(tokens, i: int, text: str, separators: str) -> int:
    """Index of the last token of `68 000 000` (one separator character between groups of three)."""
    j = i
    while (j + 1 < len(tokens) and tokens[j + 1].type == "INT" and len(tokens[j + 1].value) == 3
           and tokens[j + 1].span.start - tokens[j].span.stop == 1
           and text[tokens[j].span.stop] in separators):
        j += 1
    return j


def _dot_groups(tokens, i: int, text: str) -> int:
    """Index of the last token of `1.000.000` (two or more dot-separated groups of three)."""
    j = i
    while (_glued(tokens, j, j + 2, text) and tokens[j + 1].value == "." and tokens[j + 2].type == "INT"
           and len(tokens[j + 2].value) == 3):
        j += 2
    return j if j - i >= 4 else i


# a number right after these is an identifier, not a quantity: `№ 5`, `пункт 3`, `дом 12`, `школа 1234`
ID_WORDS = {"№", "n", "no", "п", "пп", "д", "корп", "стр", "ст", "ч", "гл", "рис", "табл", "тел", "кв", "оф",
            "каб", "ул", "кор", "лит", "подп", "абз"}
ID_LEMMAS = {"номер", "пункт", "подпункт", "дом", "корпус", "строение", "статья", "глава", "раздел",
             "приложение", "квартира", "школа", "гимназия", "лицей", "больница", "поликлиника", "палата",
             "кабинет", "маршрут", "автобус", "трамвай", "троллейбус", "том", "страница", "рисунок",
             "таблица", "версия", "вариант", "телефон", "факс", "офис", "абзац", "параграф", "часть",
             "участок", "округ", "отделение", "филиал", "колледж", "детсад", "сад", "площадка", "линия"}
# a number right before these is an ordinal: `5 класс`, `3 квартал`, `2 этаж`
ORDINAL_NOUNS = {"класс", "этаж", "место", "квартал", "полугодие", "созыв", "тур", "микрорайон", "степень",
                 "категория", "курс", "разряд", "корпус", "подъезд"}
MONTHS = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь"}
YEAR_WORDS = {"год", "г", "гг", "года", "году", "годах", "годы", "годов", "годами", "годам"}
CLOCK_PREPOSITIONS = {"в", "к", "после"}
CLOCK_AFTER = {"утра", "вечера", "ночи", "дня"}
LIST_MARKS = {".", ")"}
LIST_BEFORE = {".", ")", ";", ":", "(", "•", "*", "-", "—", "–"}


def normal_forms(token) -> set[str]:
    forms = getattr(token, "forms", None) or []
    return {f.normalized for f in forms} | {token.value.lower()}


def is_year(raw: str, unit: str | None, after, number_max_raw: str | None = None) -> bool:
    """`2015 году`, `2015 г.`, `в 2015–2016 годах`, `летом 2015` (a bare 4-digit year with nothing counted)."""
    if not raw.isdigit() or len(raw) != 4:
        return False
    if after is not None and after.value.lower() in YEAR_WORDS:
        return True
    if unit == "год":
        return True
    return 1800 <= int(raw) <= 2100 and unit is None


def excluded(tokens, first: int, last: int, blocked: list[tuple[int, int]], bare: bool) -> str | None:
    """Why the number tokens[first..last] is not a quantity, or None; `bare`: nothing counted follows it."""
    number = tokens[first]
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    after2 = tokens[last + 2] if last + 2 < len(tokens) else None
    if is_blocked(number.span.start, number.span.stop, blocked):
        return "blocked"
    if before is not None and before.value == "." and first > 1 and tokens[first - 2].value.lower() in ID_WORDS:
        return "identifier"                           # `п. 4`, `ст. 15`
    if before is not None and (before.value.lower() in ID_WORDS or bare and normal_forms(before) & ID_LEMMAS):
        return "identifier"
    if before is not None and before.type == "LATIN" and len(number.value) <= 2 and bare:
        return "name"
    if after is not None and after.value == "-" and after.span.start == number.span.stop \
            and after2 is not None and after2.type == "RU" and first == last:
        return "ordinal"
    for k in range(last + 1, min(last + 5, len(tokens))):        # `29 марта`, `20 и 21 марта`
        if normal_forms(tokens[k]) & MONTHS:
            return "date"
        if not (tokens[k].type == "INT" or tokens[k].value in {"и", ",", "-", "–", "—", "по"}):
            break
    if before is not None and normal_forms(before) & MONTHS and len(number.value) == 4:
        return "date"
    if after is not None and after.value in LIST_MARKS and len(number.value) <= 2 and (
            before is None or before.value in LIST_BEFORE) and number.type == "INT":
        return "list"
    return None

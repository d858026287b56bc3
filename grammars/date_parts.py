"""Shared pieces of the date grammars: the `Date` fact, vocabularies (lemma -> code) and small rules.

    января · январе · январём · янв.  -> month='января' ... (coded 1 by pipeline.dates.fields)
    2015 год · 2015 г. · 2015-го      -> year='2015'
    I · первый · 1-й                  -> quarter='I' · 'первый' · '1-й' (coded 1)
    начиная с · по состоянию на       -> prep='начиная с' (coded 'с') · 'по состоянию на' (coded 'на')

Fields keep the matched words; the vocabularies below are the single source of both the predicates
(`dictionary(MONTHS)`) and the codes (`MONTHS['март'] == 3`).
"""
from yargy import and_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, dictionary, eq, gte, in_, in_caseless, length_eq, lte, normalized
from yargy.predicates import type as token_type

Date = fact("Date", [
    "prep", "part",                              # в, за, с, по состоянию на; начало/середина/конец
    "day", "month", "year",                      # 1-го, марта or 03, 2015
    "day_end", "month_end", "year_end",          # the other end of a range
    "quarter", "half", "season", "months",       # I квартал, первое полугодие, осень, 9 месяцев
    "decade", "century",                         # 90-х годов, XX век
    "shift", "unit",                             # прошлый (-1) год; unit of a shift or of `с начала года`
    "weekday", "deictic",                        # понедельник (0); сегодня (0), вчера (-1)
    "count", "direction",                        # за последние (past) пять (5) лет
])

# --- vocabularies: word -> code ---
MONTHS = {
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6,
    "июль": 7, "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
MONTH_ABBR = {"янв": 1, "февр": 2, "фев": 2, "апр": 4, "авг": 8, "сент": 9, "окт": 10, "нояб": 11, "дек": 12}
ORDINALS = {"первый": 1, "второй": 2, "третий": 3, "четвёртый": 4}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18,
         "XIX": 19, "XX": 20, "XXI": 21, "XXII": 22}
SEASONS = {"зима": "winter", "весна": "spring", "лето": "summer", "осень": "autumn"}
PARTS = {"начало": "begin", "середина": "middle", "конец": "end"}
UNITS = {"год": "year", "полугодие": "half", "квартал": "quarter", "месяц": "month", "неделя": "week",
         "день": "day"}
PREPS = {"в": "в", "во": "в", "за": "за", "на": "на", "с": "с", "со": "с", "к": "к", "ко": "к", "до": "до",
         "после": "после"}                       # word -> code
PREP_PHRASES = {"по состоянию на": "на", "по итогам": "по итогам", "в течение": "в течение",
                "начиная с": "с", "начиная со": "с"}
YEAR_SUFFIXES = {"го", "м", "й", "ый", "ого", "ом", "ым"}      # 2015-го, 2015-м
ORDINAL_SUFFIXES = {"й", "м", "го", "е", "ый", "ом", "ого"}    # 1-й квартал, 1-го декабря
DECADE_SUFFIXES = {"х", "е", "ые", "ых", "ми", "ыми"}          # 90-х, 1990-е

# --- small pieces ---
DASH = in_({"-", "–", "—", "‒"})
DOT = eq(".")
INT = token_type("INT")


def phrase(words: str):
    """'по итогам' -> rule(caseless('по'), caseless('итогам'))"""
    return rule(*[caseless(w) for w in words.split()])


def word(vocabulary, field=None):
    """One token whose lemma is in `vocabulary`; the field keeps the raw word (pipeline.dates.extract codes it).
    One predicate per vocabulary keeps the Earley chart small (a rule per word made it 10x slower)."""
    rule_ = rule(dictionary(set(vocabulary)))
    return rule_ if field is None else rule_.interpretation(field)


PREP = or_(
    rule(in_caseless(PREPS)),
    *[phrase(p) for p in PREP_PHRASES],
    rule(caseless("начиная"), in_caseless({"с", "со"})),
).interpretation(Date.prep)

PART = word(PARTS, Date.part)

YEAR_WORD = or_(
    rule(in_caseless({"г", "гг"}), DOT.optional()),
    rule(normalized("год")),
)
YEAR_DIGITS = and_(INT, length_eq(4))
YEAR_SUFFIX = rule(DASH, in_caseless(YEAR_SUFFIXES))
ORDINAL_SUFFIX = rule(DASH, in_caseless(ORDINAL_SUFFIXES))


def year(field, word_required=True):
    """2015 год · 2015 г. · 2015-го (года); a bare 2015 only where `word_required` is False."""
    digits = rule(YEAR_DIGITS).interpretation(field)
    forms = [rule(digits, YEAR_SUFFIX.optional(), YEAR_WORD), rule(digits, YEAR_SUFFIX)]
    if not word_required:
        forms.append(rule(digits))
    return or_(*forms)


def day(field):
    """1 · 01 · 1-го"""
    digits = rule(and_(INT, gte(1), lte(31), or_(length_eq(1), length_eq(2)))).interpretation(field)
    return rule(digits, ORDINAL_SUFFIX.optional())


def month(field):
    """января · январе · январём · янв."""
    return or_(word(MONTHS), rule(in_caseless(MONTH_ABBR), DOT.optional())).interpretation(field)


def month_number(field):
    """the 03 of 29.03.2016"""
    return rule(and_(INT, gte(1), lte(12), or_(length_eq(1), length_eq(2)))).interpretation(field)


def ordinal(field, top: int):
    """первый · I · 1 · 1-й, up to `top`"""
    return or_(
        word([w for w, n in ORDINALS.items() if n <= top]),
        rule(in_({r for r, n in ROMAN.items() if n <= top})),
        rule(and_(INT, gte(1), lte(top), length_eq(1)), ORDINAL_SUFFIX.optional()),
    ).interpretation(field)


def count_word(field):
    """пять · 5 · двух"""
    return or_(word(COUNT_WORDS), rule(and_(INT, gte(1), lte(99), or_(length_eq(1), length_eq(2))))
               ).interpretation(field)


COUNT_WORDS = {"два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
               "девять": 9, "десять": 10, "пятнадцать": 15, "двадцать": 20, "полтора": 1.5}

# the head words every date has one of (pipeline.dates.extract runs the parser only around them, and
# around years and dotted or dashed digits): lemmas and raw words
LEMMAS = {*MONTHS, *SEASONS, *UNITS, "век", "половина"}
WORDS = {*MONTH_ABBR, *ROMAN, "г", "гг", "вв"}

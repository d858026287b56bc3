"""Date and period expressions: [preposition] [начало|середина|конец] core; the root is `DATE`.

    в 2015 году                   -> Date(prep='в', year='2015')
    01.12.2014 г.                 -> Date(day='01', month='12', year='2014')
    с ноября по декабрь 2010 года -> Date(month='ноября', month_end='декабрь', year_end='2010')
    I квартал 2016 года           -> Date(quarter='I', year='2016')

Fields keep the raw words; `pipeline.dates.fields` codes them with this package's vocabularies and
`pipeline.dates.calendar` turns the codes into bounds. Relative cores (`в прошлом году`, `сегодня`) come from `grammars.relative_dates`.
A bare month, weekday, quarter or half needs a preposition or начало/конец (`в ноябре`, `в первом
квартале`): alone, `среду` or `квартал` is too often something else.
"""
from yargy import and_, or_, rule
from yargy.predicates import caseless, dictionary, gram, gte, in_, in_caseless, length_eq, lte, normalized

from grammars.date_parts import (DASH, DECADE_SUFFIXES, DOT, INT, ORDINALS, PART, PREP, ROMAN, SEASONS,
                                 YEAR_DIGITS, YEAR_WORD, Date, count_word, day, month, month_number, ordinal, word,
                                 year)
from grammars.date_parts import LEMMAS as PART_LEMMAS, WORDS as PART_WORDS
from grammars.relative_dates import DEICTIC_DAY, IMPLICIT_UNIT, RECENT, SHIFTED_UNIT, SHIFTS, WEEKDAY
from grammars.relative_dates import LEMMAS as RELATIVE_LEMMAS, WORDS as RELATIVE_WORDS

TO = in_caseless({"по", "до"})                     # с мая по июнь · с 2011 до 2014 года
SINCE = in_caseless({"с", "со"})
AND = in_caseless({"и"})

# the year a month, quarter or season belongs to: 2015 года · прошлого года · 2015-го
YEAR_OF = or_(year(Date.year, word_required=False), SHIFTED_UNIT)
YEAR_OF_END = year(Date.year_end, word_required=False)

# --- days ---
NUMERIC = rule(day(Date.day), DOT, month_number(Date.month), DOT, rule(YEAR_DIGITS).interpretation(Date.year),
               YEAR_WORD.optional())                                     # 01.12.2014 г.
DAY_MONTH = rule(day(Date.day), month(Date.month), YEAR_OF.optional())   # 1 декабря 2014 г. · 29 марта
DAY_RANGE = or_(
    # с 21 сентября по 13 октября 2006 года · с 13 по 14 апреля · с 1 мая 2015 г. по 1 мая 2016 г.
    rule(SINCE, day(Date.day), rule(month(Date.month), YEAR_OF.optional()).optional(),
         TO, day(Date.day_end), month(Date.month_end), YEAR_OF_END.optional()),
    # в ночь с 20 на 21 июля
    rule(SINCE, day(Date.day), caseless("на"), day(Date.day_end), month(Date.month_end), YEAR_OF_END.optional()),
    # 13–14 апреля 2015 года
    rule(day(Date.day), DASH, day(Date.day_end), month(Date.month_end), YEAR_OF_END.optional()),
)

# --- months ---
MONTH_YEAR = rule(month(Date.month), YEAR_OF)                           # в мае 2009 года · в марте 2015-го
MONTH_RANGE = or_(
    rule(SINCE, month(Date.month), TO, month(Date.month_end), YEAR_OF_END.optional()),
    rule(month(Date.month), DASH, month(Date.month_end), YEAR_OF_END),  # май–июнь 2015 года
)
# за 9 месяцев 2015 года: January to September
MONTHS_OF_YEAR = rule(count_word(Date.months), normalized("месяц"), YEAR_OF)
# за 10 месяцев (no year): the months of the publication year so far; `за` is required, since
# `в течение 10 месяцев` is a duration
MONTHS_SO_FAR = rule(rule(caseless("за")).interpretation(Date.prep), count_word(Date.months), normalized("месяц"))

# --- years ---
YEAR = year(Date.year)                                                 # 2015 год · 2011 г.
YEAR_RANGE = or_(
    # 2015–2016 годах · 2014 и 2015 годах · 2015-2016 гг.
    rule(rule(YEAR_DIGITS).interpretation(Date.year), or_(rule(DASH), rule(AND)),
         rule(YEAR_DIGITS).interpretation(Date.year_end), YEAR_WORD),
    # с 2011 по 2014 год · с 2011 года до 2014 года
    rule(SINCE, year(Date.year, word_required=False), TO, year(Date.year_end)),
)

# --- parts of a year ---
QUARTER = rule(ordinal(Date.quarter, 4), normalized("квартал"))
HALF = or_(
    rule(ordinal(Date.half, 2), normalized("полугодие")),
    rule(word([w for w, n in ORDINALS.items() if n <= 2], Date.half), normalized("половина")),
)
SEASON = word(SEASONS, Date.season)                   # осенью · осени · весной
# летом · за лето · этой зимой, without a year: the forms that can only be the season (`лет` is years)
SEASON_ADVERBS = {"зимой", "весной", "летом", "осенью"}
SEASON_ACCUSATIVES = {"зиму", "весну", "лето", "осень"}
BARE_SEASON = or_(
    rule(in_caseless(SEASON_ADVERBS).interpretation(Date.season)),
    rule(rule(caseless("за")).interpretation(Date.prep), in_caseless(SEASON_ACCUSATIVES).interpretation(Date.season)),
    rule(and_(dictionary(set(SHIFTS)), gram("sing")).interpretation(Date.shift),
         in_caseless(SEASON_ADVERBS).interpretation(Date.season)),
)

# --- decades and centuries ---
DECADES = {str(n) for n in range(10, 100, 10)} | {str(n) for n in range(1000, 2100, 10)}
DECADE = rule(rule(in_(DECADES)).interpretation(Date.decade), DASH, in_caseless(DECADE_SUFFIXES),
              YEAR_WORD.optional())                                    # 90-х годов · 1990-е
CENTURY_WORD = or_(rule(normalized("век")), rule(caseless("в"), DOT), rule(caseless("вв"), DOT.optional()))
CENTURY = rule(or_(rule(in_(ROMAN)), rule(and_(INT, gte(1), lte(22), length_eq(2))),
                   rule(and_(INT, gte(1), lte(9), length_eq(1)))).interpretation(Date.century),
               CENTURY_WORD)                                           # XX век · в XXI в.

# cores that stand on their own, and those that need a preposition or a part word before them
CORE = or_(
    NUMERIC, DAY_RANGE, DAY_MONTH, MONTH_RANGE, MONTH_YEAR, MONTHS_OF_YEAR, YEAR_RANGE, YEAR,
    rule(QUARTER, YEAR_OF), rule(HALF, YEAR_OF), rule(SEASON, YEAR_OF),
    DECADE, CENTURY, SHIFTED_UNIT, RECENT, DEICTIC_DAY,
)
BARE = or_(
    rule(month(Date.month)), rule(month(Date.month), DASH, month(Date.month_end)),     # в ноябре · на август-сентябрь
    QUARTER, rule(ordinal(Date.half, 2), normalized("полугодие")), WEEKDAY,
)

DATE = or_(
    rule(PREP.optional(), PART.optional(), CORE),
    MONTHS_SO_FAR,
    # the latest such season begun at publication (CLAIM_SEMANTICS.md)
    BARE_SEASON,
    rule(PREP, PART.optional(), BARE),
    rule(PREP.optional(), PART, or_(BARE, SEASON, IMPLICIT_UNIT)),      # до конца лета (`в Лету` is no season)
).interpretation(Date)

# the words a date hangs on, besides digits: pipeline.dates.extract prefilters sentences and windows on them
ANCHOR_LEMMAS = frozenset(PART_LEMMAS | RELATIVE_LEMMAS)
ANCHOR_WORDS = frozenset(w.lower() for w in PART_WORDS | RELATIVE_WORDS)

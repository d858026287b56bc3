"""Relative date cores, resolved later against the publication date (`pipeline.dates.calendar`).

    в прошлом году            -> Date(prep='в', shift=-1, unit='year')
    сегодня · вчера           -> Date(deictic=0) · Date(deictic=-1)
    в понедельник             -> Date(prep='в', weekday=0)
    за последние пять лет     -> Date(prep='за', direction='past', count=5, unit='year')

`сейчас`, `теперь`, `в настоящее время` are not dates (spec: dates), and neither are rates
(`в год`, `ежедневно`): nothing here matches a unit word without a shift or a count.
"""
from yargy import and_, not_, or_, rule
from yargy.predicates import dictionary, gram, in_caseless, normalized

from grammars.date_parts import UNITS, Date, count_word, phrase, word

SHIFTS = {                                       # adjective -> offset from the publication unit
    "позапрошлый": -2, "прошлый": -1, "прошедший": -1, "минувший": -1, "предыдущий": -1,
    "этот": 0, "текущий": 0, "нынешний": 0, "сей": 0,
    "следующий": 1, "будущий": 1, "наступающий": 1, "грядущий": 1,
}
DEICTIC = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
WEEKDAYS = {"понедельник": 0, "вторник": 1, "среда": 2, "четверг": 3, "пятница": 4, "суббота": 5,
            "воскресенье": 6}
RECENT_WORDS = ["прошедший", "минувший"]                  # за минувшие пять лет (a count is required)
FUTURE_WORDS = {"ближайший", "ближайшие", "ближайших", "ближайшим", "ближайшую", "ближайшем"}
NOT_UNITS = {"лета"}                                 # `до конца лета`: summer, not years
NOW_PHRASES = ["на сегодняшний день", "на сегодня", "на нынешний день", "на текущий день"]

# adjectives are singular: `прошлых лет`, `последние недели` are no one unit
SHIFT = rule(and_(dictionary(set(SHIFTS)), gram("sing"))).interpretation(Date.shift)


def unit(words):
    """году · лет · недели (not `лета`, summer)"""
    return rule(and_(dictionary(set(words)), not_(in_caseless(NOT_UNITS)))).interpretation(Date.unit)


UNIT = unit(UNITS)
# `в этот день`, `на следующий день` point back to an event, not to the publication date
SHIFTABLE_UNIT = unit([w for w in UNITS if w != "день"])

# прошлого года · в этом месяце · на прошлой неделе
SHIFTED_UNIT = rule(SHIFT, SHIFTABLE_UNIT)

# года (of `с начала года`, `в конце года`): the current unit, only after начало/середина/конец
IMPLICIT_UNIT = rule(and_(dictionary({"год", "месяц", "квартал", "неделя"}), gram("sing"),
                          not_(in_caseless(NOT_UNITS)))).interpretation(Date.unit)

# сегодня · вчера; на сегодняшний день
DEICTIC_DAY = or_(
    or_(*[phrase(p) for p in NOW_PHRASES]),
    rule(in_caseless(DEICTIC)),
).interpretation(Date.deictic)

# в понедельник · во вторник (the preposition is required: `среду` alone is an environment)
WEEKDAY = word(WEEKDAYS, Date.weekday)

# за последние пять лет · в ближайшие три года · за последний год
# (`за прошедший год` is the previous calendar year: SHIFTED_UNIT)
LAST_UNIT = unit([w for w in UNITS if w != "день"])
LAST = rule(and_(normalized("последний"), gram("sing")))
RECENT = or_(
    rule(rule(normalized("последний")).interpretation(Date.direction.const("past")), count_word(Date.count), UNIT),
    rule(LAST.interpretation(Date.direction.const("past")), LAST_UNIT),     # `в последний день` is anaphoric
    rule(word(RECENT_WORDS).interpretation(Date.direction.const("past")), count_word(Date.count), UNIT),
    rule(rule(in_caseless(FUTURE_WORDS)).interpretation(Date.direction.const("future")),
         count_word(Date.count), UNIT),
    rule(rule(and_(in_caseless(FUTURE_WORDS), gram("sing"))).interpretation(Date.direction.const("future")),
         LAST_UNIT),                                                    # `в ближайшие годы`: how many?
)

LEMMAS = {*WEEKDAYS, "сегодняшний", "нынешний", "текущий"}
WORDS = {*DEICTIC}

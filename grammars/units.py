"""Units: the spec's canonical names, from words in any case form, abbreviations and symbols.

    %  · процентов · проц.      -> 'процент'
    кв. м · м² · квадратных метров -> 'квадратный метр'
    млн. человеко-часов        -> 'человеко-час'
    рабочих дней               -> 'день' (adjectives may stand between number and unit)
"""
from yargy import and_, not_, or_, rule
from yargy.interpretation import const
from yargy.predicates import caseless, dictionary, eq, gram, in_

DOT = eq(".")

# canonical unit -> (lemmas, abbreviations that may take a dot, symbols)
UNIT_WORDS = {
    "рубль": (["рубль"], ["руб"], ["₽"]),
    "доллар": (["доллар"], ["долл"], ["$"]),
    "евро": (["евро"], [], ["€"]),
    "процент": (["процент"], ["проц"], ["%"]),
    "секунда": (["секунда"], ["сек"], []),
    "минута": (["минута"], ["мин"], []),
    "час": (["час"], ["ч"], []),
    "день": (["день", "сутки"], ["дн"], []),
    "неделя": (["неделя"], ["нед"], []),
    "месяц": (["месяц"], ["мес"], []),
    "год": (["год"], [], []),
    "метр": (["метр"], ["м"], []),
    "километр": (["километр"], ["км"], []),
    "гектар": (["гектар"], ["га"], []),
    "тонна": (["тонна"], ["т", "тн"], []),
    "килограмм": (["килограмм"], ["кг"], []),
    "литр": (["литр"], ["л"], []),
    "киловатт": (["киловатт"], ["квт"], []),
    "мегаватт": (["мегаватт"], ["мвт"], []),
}
# compound units, most specific first
COMPOUND_UNITS = {
    "человеко-час": rule(caseless("человеко"), eq("-"), dictionary({"час"})),
    "человеко-день": rule(caseless("человеко"), eq("-"), dictionary({"день"})),
    "квадратный метр": or_(
        rule(caseless("кв"), DOT.optional(), or_(rule(caseless("м")), rule(dictionary({"метр"}))), DOT.optional()),
        rule(caseless("м"), eq("²")),
        rule(dictionary({"квадратный"}), dictionary({"метр", "километр"})),
    ),
    "кубический метр": or_(
        rule(caseless("куб"), DOT.optional(), or_(rule(caseless("м")), rule(dictionary({"метр"}))), DOT.optional()),
        rule(caseless("м"), eq("³")),
        rule(dictionary({"кубический"}), dictionary({"метр"})),
        rule(dictionary({"кубометр"})),
    ),
    "процент": rule(dictionary({"процентный"}), dictionary({"пункт"})),
}
CURRENCIES = {"рубль", "доллар", "евро"}
TIME_UNITS = {"секунда", "минута", "час", "день", "неделя", "месяц", "год", "человеко-час", "человеко-день"}


def unit_rule(lemmas, abbrs, symbols):
    parts = [rule(dictionary(set(lemmas)))]
    parts += [rule(caseless(a), DOT.optional()) for a in abbrs]
    parts += [rule(eq(s)) for s in symbols]
    return or_(*parts)


# an adjective between the number and its unit: `двух рабочих дней`, `млрд долларов США` is after
MODIFIER = and_(or_(gram("ADJF"), gram("PRTF")), not_(dictionary({"квадратный", "кубический", "процентный"})))

UNIT = or_(
    *[r.interpretation(const(code)) for code, r in COMPOUND_UNITS.items()],
    *[unit_rule(*forms).interpretation(const(code)) for code, forms in UNIT_WORDS.items()],
)
PREFIX_UNIT = or_(rule(eq("$")).interpretation(const("доллар")), rule(eq("€")).interpretation(const("евро")),
                  rule(in_({"₽"})).interpretation(const("рубль")))

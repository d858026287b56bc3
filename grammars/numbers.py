"""Numbers: digits (already merged by the prefilter: `68 000`, `5,3`), number words, multipliers, ranges.

    5,3 млн              -> Number(digits='5,3'), multiplier=10**6
    сто двадцать тысяч   -> Number(words='сто двадцать'), multiplier=10**3
    пятерых              -> Number(words='пятеро')
    220-летний           -> Number(digits='220', fused='летний')
"""
import re

from yargy import or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, custom, dictionary, eq, gram, in_
from yargy.predicates import type as token_type

Number = fact("Number", ["digits", "words", "fused"])

# lemma -> value; collective numerals and `оба` count too (spec: Values)
NUMBER_WORDS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
    "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтора": 1.5,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
    "девятеро": 9, "десятеро": 10, "оба": 2,
}
SCALE_WORDS = {"тысяча": 10**3, "миллион": 10**6, "миллиард": 10**9, "триллион": 10**12}
SCALE_ABBRS = {"тыс": 10**3, "млн": 10**6, "млрд": 10**9, "трлн": 10**12}
# vague plurals: `десятки`, `сотни тысяч` -> lower bound, at_least (spec: Values)
VAGUE_WORDS = {"десяток": 10, "десятка": 10, "сотня": 100, **SCALE_WORDS}
# `вдвое` -> 2 (unit раз); `дважды` -> 2 (object раз)
TIMES_ADVERBS = {"вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5, "вшестеро": 6, "всемеро": 7,
                 "ввосьмеро": 8, "вдевятеро": 9, "вдесятеро": 10}
REPEAT_ADVERBS = {"дважды": 2, "трижды": 3, "четырежды": 4}
# stems of numerals fused into adjectives: `трехмесячный`, `двухлетний`, `полуторачасовую`
FUSED_STEMS = {
    "одно": 1, "двух": 2, "дву": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
    "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11,
    "двенадцати": 12, "пятнадцати": 15, "двадцати": 20, "тридцати": 30, "сорока": 40,
    "пятидесяти": 50, "шестидесяти": 60, "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90,
    "сто": 100, "полу": 0.5, "полутора": 1.5,
}
# suffix of the fused adjective -> canonical unit (spec: ages and durations fused into words)
FUSED_UNITS = {"летн": "год", "годов": "год", "годичн": "год", "месячн": "месяц", "недельн": "неделя",
               "дневн": "день", "суточн": "день", "часов": "час", "минутн": "минута",
               "секундн": "секунда", "кратн": "раз", "процентн": "процент"}
ADJ_END = r"(?:ий|ый|ой|ая|яя|ое|ее|ую|юю|ого|его|ому|ему|ым|им|ых|их|ыми|ими|ом|ем|ей)"
FUSED_WORD = re.compile(
    "^(%s)(%s)%s$" % ("|".join(sorted(FUSED_STEMS, key=len, reverse=True)), "|".join(FUSED_UNITS), ADJ_END))
FUSED_SUFFIX = re.compile("^(%s)%s$" % ("|".join(FUSED_UNITS), ADJ_END))
# `полчаса`, `полгода`, `полмиллиона`: half of a unit or scale, fused
HALF_WORD = re.compile(r"^полу?(часа|года|дня|минуты|месяца|века|миллиона|миллиарда|тысячи)$")
# case endings written after digits on cardinals: `30-и`, `5-ти`, `2-ух` (ordinal `2-й` is not one)
CARDINAL_ENDINGS = {"и", "ти", "ми", "х", "ух", "ех", "ёх", "ем", "ью"}

# word-initial stems covering every case form of the vocabulary above (tests check each form);
# pipeline.facts.numbers builds its regex from these, so the prefilter and the grammar cannot drift
NUMBER_STEMS = [
    r"нол[ьяюеиё]", r"нул[ьяюеиё]", r"один", r"одн(?:а|о|у|ой|ою|ом|им|ого|ому|ими|их|и)\b", r"дв(?:а|е|у[хм]|ое|ои)",
    r"три\b", r"трид", r"трин", r"трист", r"тр[её][хм]", r"тро[еи]", r"четыр", r"четвер", r"пят[ьиеюн]",
    r"шест[ьиеюн]", r"сем[ьиеюн]", r"восем", r"восьм", r"девят", r"девян", r"десят", r"сорок", r"сто\b",
    r"ста\b", r"сот\b", r"сотн", r"сотен", r"полтор", r"полутор", r"оба\b", r"обе\b", r"обо(?:их|им|ими|его|ему)\b",
    r"обе(?:их|им|ими)\b",
]

DIGITS = token_type("INT")
WORD = dictionary(set(NUMBER_WORDS))
SCALE_WORD = dictionary(set(SCALE_WORDS))
DOT = eq(".")

FUSED = or_(
    rule(custom(lambda value: bool(FUSED_WORD.match(value.lower())), types="RU")),
    rule(custom(lambda value: bool(HALF_WORD.match(value.lower())), types="RU")),
).interpretation(Number.fused)

NUMBER = or_(
    rule(DIGITS.interpretation(Number.digits), eq("-"),
         custom(lambda value: bool(FUSED_SUFFIX.match(value.lower())), types="RU").interpretation(Number.fused)),
    rule(DIGITS.interpretation(Number.digits), eq("-"), in_(CARDINAL_ENDINGS)),
    rule(DIGITS.interpretation(Number.digits)),
    rule(WORD.repeatable(max=4), rule(SCALE_WORD, WORD.repeatable(max=4)).optional())
    .interpretation(Number.words.normalized()),
    FUSED,
).interpretation(Number)


def scale(abbr, word):
    """`млн` · `млн.` · `миллиона`"""
    return or_(rule(caseless(abbr), DOT.optional()), rule(dictionary({word})))


SCALES = {factor: scale(abbr, word) for (abbr, factor), word in zip(SCALE_ABBRS.items(), SCALE_WORDS)}
VAGUE = dictionary(set(VAGUE_WORDS))
PLURAL = gram("plur")

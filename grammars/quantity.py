"""Quantity: [qualifier] number [multiplier] [unit], plus ranges, changes, ratios, shares and vague plurals.

    более 1 млн            -> Quantity(qualifier='more', number=Number(digits='1'), multiplier=10**6)
    от 100 до 500 рублей   -> Quantity(number=..'100', number_max=..'500', unit='рубль')
    с 50 до 62 млн         -> Quantity(number=..'50', number_max=..'62', multiplier_max=10**6, change=True)
    в 1,5 раза             -> Quantity(number=..'1,5', ratio=True);  сотни тысяч -> vague 'сотня', multiplier 1000
"""
from yargy import and_, or_, rule
from yargy.interpretation import const, fact
from yargy.pipelines import caseless_pipeline
from yargy.predicates import dictionary, eq, in_

from grammars.numbers import NUMBER, PLURAL, REPEAT_ADVERBS, SCALE_WORDS, SCALES, TIMES_ADVERBS, VAGUE
from grammars.qualifiers import QUALIFIER, VERB_QUALIFIER
from grammars.shares import EVERY, FRACTION, NTH
from grammars.units import MODIFIER, PREFIX_UNIT, UNIT

Quantity = fact("Quantity", [
    "qualifier", "post_qualifier", "upto", "number", "number_max", "multiplier", "multiplier_max",
    "unit", "ratio", "adverb", "share", "of", "vague", "few", "change", "elided", "half",
])

DASH = in_({"-", "–", "—", "‑", "−"})

QUAL = or_(VERB_QUALIFIER, QUALIFIER).interpretation(Quantity.qualifier)
POST_QUAL = caseless_pipeline(["с лишним", "с небольшим", "с хвостиком"]).interpretation(
    const("more")).interpretation(Quantity.post_qualifier)


def multiplier(attribute):
    return or_(*[r.interpretation(const(factor)) for factor, r in SCALES.items()]).interpretation(attribute)


MULT = multiplier(Quantity.multiplier)
MULT_MAX = multiplier(Quantity.multiplier_max)
NUM = NUMBER.interpretation(Quantity.number)
NUM_MAX = NUMBER.interpretation(Quantity.number_max)
UNIT_PART = rule(MODIFIER.repeatable(max=2).optional(), UNIT.interpretation(Quantity.unit))

# `четыре с половиной года`, `2 с половиной миллиона`
HALF = caseless_pipeline(["с половиной"]).interpretation(Quantity.half.const(True))

AMOUNT = or_(
    rule(eq("от"), NUM, MULT.optional(), eq("до"), NUM_MAX, MULT_MAX.optional()),
    rule(in_({"с", "со"}).interpretation(Quantity.change.const(True)), NUM, MULT.optional(),
         eq("до"), NUM_MAX, MULT_MAX.optional()),
    rule(NUM, MULT.optional(), DASH, NUM_MAX, MULT_MAX.optional()),
    rule(eq("от").interpretation(Quantity.qualifier.const("at_least")), NUM, MULT.optional()),
    rule(eq("до").interpretation(Quantity.upto.const(True)), NUM, MULT.optional()),
    rule(NUM, HALF, MULT.optional()),
    rule(NUM, MULT.optional()),
)

# `в 1,5 раза`, `более чем в двенадцать раз`: a multiplicative comparison, unit раз
RATIO = or_(
    rule(eq("в"), NUM, dictionary({"раз"}).interpretation(Quantity.ratio.const(True))),
    rule(caseless_pipeline(list(TIMES_ADVERBS)).interpretation(Quantity.adverb)),
    rule(caseless_pipeline(list(REPEAT_ADVERBS)).interpretation(Quantity.adverb)),
)
SHARE = or_(
    rule(EVERY, NTH.interpretation(Quantity.share)),
    rule(NUM.optional(), FRACTION.interpretation(Quantity.share)),
    rule(NUM, eq("из"), NUMBER.interpretation(Quantity.of)),
)
# `сотни тысяч`, `несколько десятков тысяч`, `миллионы`: lower bound, at_least.
# Optional parts are spelt out as alternatives here: yargy's chart parser loses parses when nullable
# rules shared with the AMOUNT branch complete in the same column (`350 | миллионов рублей`).
VAGUE_WORD = and_(VAGUE, PLURAL).interpretation(Quantity.vague.normalized())
FEW = dictionary({"несколько"}).interpretation(Quantity.few.const(True))
VAGUE_CORE = or_(rule(FEW, VAGUE_WORD, multiplier(Quantity.multiplier)), rule(FEW, VAGUE_WORD),
                 rule(VAGUE_WORD, multiplier(Quantity.multiplier)), rule(VAGUE_WORD))
VAGUE_UNIT = rule(MODIFIER.repeatable(max=2), UNIT.interpretation(Quantity.unit))
VAGUE_PART = or_(rule(VAGUE_CORE, VAGUE_UNIT), rule(VAGUE_CORE, UNIT.interpretation(Quantity.unit)),
                 VAGUE_CORE)
# `миллион рублей`, `более тысячи`: a scale word alone is one of it (alternatives spelt out, as above)
LONE_SCALE = or_(*[rule(dictionary({word})).interpretation(const(factor)) for word, factor in SCALE_WORDS.items()]
                 ).interpretation(Quantity.multiplier)
LONE_SCALE_PART = or_(rule(LONE_SCALE, UNIT.interpretation(Quantity.unit)), LONE_SCALE)
ELIDED = rule(eq("из"), dictionary({"они"})).interpretation(Quantity.elided.const(True))

QUANTITY = or_(
    rule(QUAL.optional(), RATIO),
    rule(QUAL.optional(), SHARE),
    rule(QUAL.optional(), PREFIX_UNIT.interpretation(Quantity.unit), AMOUNT),
    rule(QUAL.optional(), AMOUNT, POST_QUAL.optional(), or_(UNIT_PART, ELIDED).optional()),
    # `почти на 18%`, `менее чем в 1% случаев`: the qualifier stands before the preposition
    rule(QUALIFIER.interpretation(Quantity.qualifier), in_({"на", "в"}), NUM, MULT.optional(),
         UNIT_PART.optional()),
    rule(or_(VERB_QUALIFIER, QUALIFIER).interpretation(Quantity.qualifier), VAGUE_PART),
    VAGUE_PART,
    rule(or_(VERB_QUALIFIER, QUALIFIER).interpretation(Quantity.qualifier), LONE_SCALE_PART),
    LONE_SCALE_PART,
).interpretation(Quantity)



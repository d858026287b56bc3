"""Qualifiers: the word right before the number, or the verb that governs it (spec: Qualifiers).

    более чем 280         -> 'more'
    «перевалило» отметку 4 млн -> 'more'
    не превышает 5%       -> 'at_most'
    достигло 5,3 млн      -> 'exact' (a verb of reaching states the level)
"""
from yargy import or_, rule
from yargy.interpretation import const
from yargy.pipelines import caseless_pipeline
from yargy.predicates import dictionary, eq, in_

QUALIFIER_WORDS = {                      # spec code -> fixed phrases, longest first within a code
    "approx": ["приблизительно", "ориентировочно", "примерно", "порядка", "около", "почти", "где-то",
               "где - то", "в районе", "в пределах"],
    "at_least": ["не менее чем", "не меньше чем", "не менее", "не меньше", "как минимум", "минимум",
                 "по меньшей мере", "по крайней мере", "как минимум в"],
    "at_most": ["не более чем", "не больше чем", "не более", "не больше", "максимум", "не свыше"],
    "more": ["более чем", "больше чем", "свыше", "более", "больше", "чуть более", "чуть больше"],
    "less": ["менее чем", "меньше чем", "менее", "меньше", "чуть менее", "чуть меньше"],
}
# verbs governing the number directly (`превысило 85 млн`); `превышает на 27%` has `на` and stays exact
VERBS = {
    "more": ["превысить", "превышать", "перевалить", "переваливать"],
    "exact": ["достигнуть", "достичь", "достигать"],
}
NEGATED_VERBS = {
    "at_most": ["превысить", "превышать"],
    "less": ["достигнуть", "достичь", "достигать"],
}
# verbs and nouns of change or reaching: after them `до N` is the level reached, not a bound
CHANGE_WORDS = {
    "вырасти", "расти", "возрасти", "возрастать", "вырастать", "увеличить", "увеличиться", "увеличивать",
    "увеличиваться", "сократить", "сократиться", "сокращать", "сокращаться", "снизить", "снизиться",
    "снижать", "снижаться", "уменьшить", "уменьшиться", "уменьшать", "уменьшаться", "поднять", "подняться",
    "поднимать", "подниматься", "повысить", "повыситься", "повышать", "повышаться", "понизить",
    "понизиться", "довести", "доводить", "доходить", "дойти", "достигнуть", "достичь", "достигать",
    "упасть", "падать", "опуститься", "нарастить", "наращивать", "расширить", "расширять", "подорожать",
    "подешеветь", "сжаться", "прибавить", "рост", "увеличение", "сокращение", "снижение", "повышение",
    "уменьшение", "падение", "доведение",
}

QUOTE = in_(set('"«»„“”\''))
NOT = dictionary({"не"})

QUALIFIER = or_(*[
    caseless_pipeline(words).interpretation(const(code))
    for code, words in QUALIFIER_WORDS.items()
])

VERB_QUALIFIER = or_(
    *[rule(NOT, QUOTE.optional(), dictionary(set(verbs)), QUOTE.optional()).interpretation(const(code))
      for code, verbs in NEGATED_VERBS.items()],
    *[rule(QUOTE.optional(), dictionary(set(verbs)), QUOTE.optional(),
           or_(rule(eq("за")), rule(dictionary({"отметка", "планка", "рубеж", "уровень"}))).optional())
      .interpretation(const(code))
      for code, verbs in VERBS.items()],
)

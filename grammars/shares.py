"""Shares and fractions, unit `доля` (spec: Units).

    почти половина         -> share 0.5 (qualifier approx comes from qualifiers.py)
    две трети              -> numerator ['два'], share 1/3
    каждый второй москвич  -> share 0.5
    9 из 10                -> number 9, of 10 (quantity.py composes it)
"""
from yargy import or_, rule
from yargy.interpretation import const
from yargy.predicates import dictionary

FRACTION_WORDS = {"половина": 1 / 2, "треть": 1 / 3, "четверть": 1 / 4}
# `каждый второй` -> 1/2: the ordinal names the denominator
EVERY_NTH = {"второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5, "шестой": 6,
             "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "двадцатый": 20, "сотый": 100}

FRACTION = or_(*[rule(dictionary({word})).interpretation(const(value))
                 for word, value in FRACTION_WORDS.items()])
EVERY = dictionary({"каждый"})
NTH = or_(*[rule(dictionary({word})).interpretation(const(1 / n)) for word, n in EVERY_NTH.items()])

"""The counted noun of a number: the phrase it quantifies, and its lemma.

    '148 электронных услуг'              -> phrase 'электронных услуг', object 'услуга'
    '5% акций'                           -> 'акций' (a genitive after a unit that takes one)
    'Число обращений ... превысило 85 млн' -> no phrase after the number; the subject gives 'обращение'
"""
from __future__ import annotations

from bisect import bisect_left

from pipeline.facts.normalize import lemma
from pipeline.facts.numbers import normal_forms

SUBJECT_NOUNS = {"число", "количество"}
PRONOUNS = {"его", "её", "ее", "их"}
FUNCTION_WORDS = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO"}
# units after which a genitive noun phrase is what is measured (`5% акций`); not money or time
GENITIVE_UNITS = {"процент", "доля", "раз", "метр", "километр", "квадратный метр", "гектар",
                  "кубический метр", "тонна", "килограмм", "литр", "киловатт", "мегаватт"}


def counted_phrase(tokens, k: int, unit: str | None, morph) -> tuple[int, int]:
    """[start, end) of `электронных услуг` after the number: up to three modifiers and a lowercase noun.
    With a unit, only a genitive phrase counts, and not after money or time (`5% акций`, `20 тонн грузов`)."""
    if unit is not None and unit not in GENITIVE_UNITS:
        return k, k
    j = k
    if unit == "доля" and j < len(tokens) and tokens[j].value.lower() in {"от", "из"}:
        j += 1                                       # `половина от всех проживающих`, `треть из них`
    if unit is None and j + 1 < len(tokens) and tokens[j].value.lower() == "из" and tokens[j + 1].type == "RU":
        start, end = counted_phrase(tokens, j + 1, None, morph)   # `двух из этих островов`
        if end > start and any({"gent", "plur"} <= f.grams.values for f in tokens[end - 1].forms):
            return k, end
        return k, k
    if j < len(tokens) and tokens[j].type == "LATIN" and len(tokens[j].value) <= 4 and unit is None:
        return k, k + 1                              # `8,2 G`
    while j < len(tokens) and j - k < 4:
        token = tokens[j]
        tags = [f.grams.values for f in token.forms] if token.type == "RU" else []
        if not tags or tags[0] & FUNCTION_WORDS and token.value.lower() not in PRONOUNS:
            break                                    # judged by the likeliest parse: `раз` is also a conjunction
        modifier = any({"ADJF"} <= g or {"PRTF"} <= g or {"ADVB"} <= g for g in tags)
        noun = any({"NOUN"} <= g for g in tags) and len(token.value) > 1
        if token.value.lower() in PRONOUNS or modifier and (not noun or is_noun(tokens, j + 1)
                                                             or is_modifier(tokens, j + 1)):
            j += 1
            continue
        if noun and token.value.islower() and not any(g & {"Name", "Surn", "Patr", "Geox"} for g in tags):
            if unit not in {None, "доля"} and not any("gent" in g for g in tags):
                return k, k
            return k, compound_end(tokens, j)
        break
    # no noun: a participle or substantivised adjective heads the phrase (`30-и его служащим`)
    if j > k and unit in {None, "доля"} and substantive(tokens[j - 1]):
        return k, j
    return k, k


def compound_end(tokens, j: int) -> int:
    """End of the noun at j, through a hyphenated compound written without spaces: `интернет-магазинов`
    is three yargy tokens and one word (pymorphy3 lemmatises it whole: `интернет-магазин`)."""
    if (j + 2 < len(tokens) and tokens[j + 1].value == "-" and tokens[j + 2].type == "RU"
            and tokens[j].span.stop == tokens[j + 1].span.start == tokens[j + 2].span.start - 1):
        return j + 3
    return j + 1


def phrase_words(tokens) -> list[str]:
    """The words of a phrase, tokens written without a space between them joined: `экспресс-анализов`."""
    words: list[str] = []
    for i, token in enumerate(tokens):
        if i and tokens[i - 1].span.stop == token.span.start and "-" in (token.value, tokens[i - 1].value):
            words[-1] += token.value
        else:
            words.append(token.value)
    return words


def substantive(token) -> bool:
    """A participle or substantivised adjective heading its phrase: `служащим`, `проживающих`."""
    return any(f.grams.values & {"PRTF", "Subx"} and "Apro" not in f.grams.values for f in token.forms)


def is_modifier(tokens, k: int) -> bool:
    """`новых выделенных полос`: an adjective followed by another one is a modifier too."""
    return k < len(tokens) and tokens[k].type == "RU" and any(
        f.grams.values & {"ADJF", "PRTF"} for f in tokens[k].forms) and is_noun(tokens, k + 1)


def is_noun(tokens, k: int) -> bool:
    return k < len(tokens) and tokens[k].type == "RU" and any(
        "NOUN" in f.grams.values and not f.grams.values & FUNCTION_WORDS for f in tokens[k].forms)


def object_lemma(token, morph) -> str:
    if token.type == "LATIN":
        return token.value.lower()
    return lemma(token.value, morph)



def subject_object(tokens, first: int, morph) -> str | None:
    """X of a `число/количество X` subject before the number: `Число обращений ... превысило 85 млн`."""
    subjects = subject_positions(tokens)
    k = bisect_left(subjects, first) - 1           # the nearest subject before the number
    if k < 0:
        return None
    k = subjects[k]
    start, end = counted_phrase(tokens, k + 1, None, morph)
    return lemma(tokens[end - 1].value, morph) if end > start else None


def is_subject(token) -> bool:
    """`число`, `количество` in the nominative or accusative singular."""
    return token.type == "RU" and bool(normal_forms(token) & SUBJECT_NOUNS) and any(
        {"sing"} <= f.grams.values and f.grams.values & {"nomn", "accs"} for f in token.forms
        if f.normalized in SUBJECT_NOUNS)


_SUBJECTS: tuple = (None, [])


def subject_positions(tokens) -> list[int]:
    """Indexes of the subject nouns of a sentence's tokens, found once per sentence (its facts ask in
    turn): looking back from every number is quadratic in a sentence with no full stop."""
    global _SUBJECTS
    if _SUBJECTS[0] is not tokens:               # the tokens are held here, so `is` cannot see a new list
        _SUBJECTS = (tokens, [k for k, token in enumerate(tokens) if is_subject(token)])
    return _SUBJECTS[1]


DASHES = {"-", "–", "—"}
BULLETS = DASHES | {"•", "*", "·"}


def dash_object(tokens, first: int, last: int, morph) -> str | None:
    """A statistics list item `- 68 000 - запись «первоклашек»`: the noun phrase after the dash is what
    the number counts. Only in a bulleted item that the number opens: elsewhere a dash after a number
    brings a comment (`Участников было 300 — рекорд`, `300 — рекорд для района`)."""
    if not first or any(t.value not in BULLETS for t in tokens[:first]):
        return None
    k = last + 1
    if k + 1 >= len(tokens) or tokens[k].value not in DASHES:
        return None
    start, end = counted_phrase(tokens, k + 1, None, morph)
    return object_lemma(tokens[end - 1], morph) if end > start else None

"""A person's name as written (any case, any order) → nominative first / middle / last with its gender.

    ('Анастасии', 'Раковой')           -> Name(first='Анастасия', last='Ракова', gender='femn')
    ('Собянин', 'Сергей', 'Семенович') -> Name(first='Сергей', middle='Семенович', last='Собянин', gender='masc')
    ('С.', 'С.', 'Собянину')            -> Name(first='С.', middle='С.', last='Собянин', gender='masc')
    ('Марин', 'Ле', 'Пен')              -> Name(first='Марин', last='Ле Пен', gender='femn')

Surnames in oblique cases often parse as other words (`Раковой` → adjective `раковый`), so a surname's
readings come from surname paradigms (-ов/-ова, -ин/-ина, -ский/-ская, consonant and -а stems,
indeclinable -ко/-ых/-и/foreign) as well as from pymorphy's `Surn` parses; the (gender, case) on which the
first name, patronymic and surname agree decides between them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

from pipeline.nlp import analyzer, natasha_data

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")


def load_dict(path: str) -> list[str]:
    """natasha.data.load_dict: one entry a line, `#` starts a comment (not at the start of a line)."""
    entries = []
    with open(path, encoding="utf8") as file:
        for line in file:
            comment = line.find("#")
            entries.append((line[:comment] if comment > 0 else line).rstrip())
    return entries


FIRST_NAMES = frozenset(load_dict(natasha_data("dict", "first.txt"))) | \
    frozenset(load_dict(natasha_data("dict", "maybe_first.txt")))                # nominative, lowercase
PARTICLES = {"ибн", "бен", "бин", "аль", "эль", "ал", "де", "ди", "да", "дель", "делла", "дос", "дю",
             "фон", "ван", "дер", "ден", "ле", "ла", "о", "мак", "сен"}
VOWELS = set("аеёиоуыэюяaeiouy")
INDECLINABLE = re.compile(r"(ко|их|ых|аго|яго|[еёиоуыэю])$")
STRONG_INDECLINABLE = re.compile(r"(ко|их|ых|аго|яго|швили|дзе|[^икгхжшчщ]и|э|[^г]о)$")   # rarely an oblique form
# (after a velar or hushing consonant -и is the genitive of an -а stem: Дерипаски of Дерипаска)

# Surname paradigms: (gender, nominative ending, {oblique ending: cases}); a longer ending wins.
SURNAME_PARADIGMS = [
    ("masc", "ов", {"ова": "gent accs", "ову": "datv", "овым": "ablt", "ове": "loct"}),
    ("masc", "ев", {"ева": "gent accs", "еву": "datv", "евым": "ablt", "еве": "loct"}),
    ("masc", "ёв", {"ёва": "gent accs", "ёву": "datv", "ёвым": "ablt", "ёве": "loct"}),
    ("masc", "ин", {"ина": "gent accs", "ину": "datv", "иным": "ablt", "ине": "loct"}),
    ("masc", "ын", {"ына": "gent accs", "ыну": "datv", "ыным": "ablt", "ыне": "loct"}),
    ("masc", "ский", {"ского": "gent accs", "скому": "datv", "ским": "ablt", "ском": "loct"}),
    ("masc", "цкий", {"цкого": "gent accs", "цкому": "datv", "цким": "ablt", "цком": "loct"}),
    ("masc", "ой", {"ого": "gent accs", "ому": "datv", "ым": "ablt", "ом": "loct"}),
    ("masc", "ый", {"ого": "gent accs", "ому": "datv", "ым": "ablt", "ом": "loct"}),
    ("femn", "ова", {"овой": "gent datv ablt loct", "ову": "accs"}),
    ("femn", "ева", {"евой": "gent datv ablt loct", "еву": "accs"}),
    ("femn", "ёва", {"ёвой": "gent datv ablt loct", "ёву": "accs"}),
    ("femn", "ина", {"иной": "gent datv ablt loct", "ину": "accs"}),
    ("femn", "ына", {"ыной": "gent datv ablt loct", "ыну": "accs"}),
    ("femn", "ская", {"ской": "gent datv ablt loct", "скую": "accs"}),
    ("femn", "цкая", {"цкой": "gent datv ablt loct", "цкую": "accs"}),
    ("femn", "ая", {"ой": "gent datv ablt loct", "ую": "accs"}),
]
# Noun stems shared by surnames and first names: consonant (Мильнер), -ь/-й (Гоголь), -а/-я (Обама, Ванга).
NOUN_PARADIGMS = [
    ("masc", "", {"а": "gent accs", "у": "datv", "ом": "ablt", "ем": "ablt", "е": "loct"}),
    ("masc", "ь", {"я": "gent accs", "ю": "datv", "ем": "ablt", "е": "loct"}),
    ("masc", "й", {"я": "gent accs", "ю": "datv", "ем": "ablt", "е": "loct"}),
    ("both", "а", {"ы": "gent", "и": "gent", "е": "datv loct", "у": "accs", "ой": "ablt", "ей": "ablt"}),
    ("both", "я", {"и": "gent datv loct", "ю": "accs", "ей": "ablt", "ёй": "ablt"}),
]
SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ова", "ева", "ина", "ына", "ская", "цкая")


@dataclass(frozen=True)
class Name:
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    gender: str | None = None

    @property
    def text(self) -> str:
        """`Имя [Отчество] Фамилия`, initials kept as written (`С. Собянин`)."""
        return " ".join(w for w in (self.first, self.middle, self.last) if w)


Reading = tuple  # (gender, case, nominative, weight)

def morph() -> pymorphy3.MorphAnalyzer:
    return analyzer()


def is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-ZА-ЯЁ]\.?", word))


def restore_case(lemma: str, written: str) -> str:
    """'ракова', 'Раковой' -> 'Ракова'; each hyphen part capitalised as written."""
    parts, orig = lemma.split("-"), written.split("-")
    out = []
    for i, part in enumerate(parts):
        src = orig[i] if i < len(orig) else orig[-1]
        out.append(part.capitalize() if src[:1].isupper() else part)
    text = "-".join(out)
    return text if "ё" in written.lower() else text.replace("ё", "е").replace("Ё", "Е")


def genders_of(tag) -> tuple[str, ...]:
    if "ms-f" in tag or tag.gender is None:
        return GENDERS
    return (tag.gender,) if tag.gender in GENDERS else ()


def paradigm_readings(word: str, paradigms, weight: float) -> list[Reading]:
    low = word.lower()
    out = []
    for gender, nom_end, obliques in paradigms:
        genders = GENDERS if gender == "both" else (gender,)
        if nom_end and low.endswith(nom_end) or not nom_end and low[-1:] not in VOWELS | {"ь", "й"}:
            out += [(g, "nomn", word, weight) for g in genders]
        for end, cases in obliques.items():
            stem = low[: len(low) - len(end)]
            if not low.endswith(end) or len(stem) < 2:
                continue
            if not nom_end and (stem[-1] in VOWELS or stem[-1] in "ьй") or nom_end == "а" and stem[-1] in VOWELS:
                continue                       # a consonant stem ends in a consonant; a vowel takes -я
            nominative = word[: len(word) - len(end)] + nom_end
            w = weight + 0.01 * len(end)             # the more specific ending wins
            out += [(g, case, nominative, w) for g in genders for case in cases.split()]
    return out


@lru_cache(maxsize=20_000)
def surname_readings(word: str) -> tuple[Reading, ...]:
    """'Раковой' -> (('femn', 'gent', 'Ракова', .8), ...): every (gender, case, nominative) it can be."""
    low = word.lower()
    if "-" in word and all(p[:1].isupper() for p in word.split("-")):   # Саишвили-Чантурия, Римского-Корсакова
        parts = [surname_readings(p) for p in word.split("-")]
        combined: dict = {}
        for g in GENDERS:
            for c in CASES:
                noms = [max((r for r in rs if r[:2] == (g, c)), key=lambda r: r[3], default=None) for rs in parts]
                if all(noms):
                    combined[(g, c)] = ("-".join(r[2] for r in noms), min(r[3] for r in noms))
        return tuple((g, c, nom, w) for (g, c), (nom, w) in combined.items())
    readings: list[Reading] = []
    for p in morph().parse(low):
        if "Surn" in p.tag and p.tag.number != "plur" and p.tag.case in CASES:
            for g in genders_of(p.tag):
                nom = p.inflect({"nomn", "sing"} | ({g} if "ms-f" not in p.tag else set()))
                if nom is not None:
                    readings.append((g, p.tag.case, restore_case(nom.word, word), 0.85 + 0.1 * p.score))
    if not re.search("[а-яё]", low):                            # Latin script: as written
        return tuple(readings + [(g, c, word, 0.9) for g in GENDERS for c in CASES])
    readings += paradigm_readings(word, SURNAME_PARADIGMS, 0.8)
    readings += paradigm_readings(word, NOUN_PARADIGMS, 0.5)
    if INDECLINABLE.search(low):
        weight = 0.9 if STRONG_INDECLINABLE.search(low) else 0.45
        readings += [(g, c, word, weight) for g in GENDERS for c in CASES]
    elif low[-1] not in VOWELS | {"ь", "й"}:                  # foreign women's consonant surnames: Головец, Райс
        readings += [("femn", c, word, 0.4) for c in CASES]
    return tuple(readings)


@lru_cache(maxsize=20_000)
def first_readings(word: str) -> tuple[Reading, ...]:
    """'Анастасии' -> (('femn', 'gent', 'Анастасия', 1.73), ...); unknown foreign names by noun paradigms."""
    low = word.lower()
    readings: list[Reading] = []
    for p in morph().parse(low):
        if "Name" in p.tag and p.tag.number != "plur" and p.tag.case in CASES:
            nom = p.inflect({"nomn", "sing"})
            if nom is not None:
                readings += [(g, p.tag.case, restore_case(nom.word, word), 1.0 + p.score) for g in genders_of(p.tag)]
    for g, c, nom, w in paradigm_readings(word, NOUN_PARADIGMS, 0.3):
        bonus = 0.6 if nom.lower() in FIRST_NAMES else 0.0
        readings.append((g, c, nom, w + bonus))
    # An oblique form of a known name (`Марку` of Марк, `Аксары` of Аксара) is not also an indeclinable
    # name as written: pymorphy's Fixd guesses and the vowel fallback give way to it.
    # (not by a locative alone: `Саломе` is no `о Саломе` of Салом without its preposition)
    declined = any(r[2].lower() != low and r[3] >= 1.0 and r[1] != "loct" for r in readings)
    if declined and low not in FIRST_NAMES:
        readings = [r for r in readings if r[2].lower() != low]
    if low in FIRST_NAMES and not any(r[2].lower() in FIRST_NAMES for r in readings if r[2].lower() != low):
        readings += [(g, c, word, 1.1) for g in GENDERS for c in CASES]    # Аркади, Хуан: as written
    elif low[-1:] in VOWELS - {"а", "я"} and not declined:              # Пегги
        readings += [(g, c, word, 0.35) for g in GENDERS for c in CASES]
    if low[-1:] in {"а", "я"} and ("femn", "nomn", word) not in {r[:3] for r in readings}:
        readings.append(("femn", "nomn", word, 0.3))      # Ванга as written: weak, for an agreeing adjective
    return tuple(readings)


@lru_cache(maxsize=20_000)
def middle_readings(word: str) -> tuple[Reading, ...]:
    out = []
    for p in morph().parse(word.lower()):
        if "Patr" in p.tag and p.tag.case in CASES:
            nom = p.inflect({"nomn", "sing"})
            if nom is not None:
                out += [(g, p.tag.case, restore_case(nom.word, word), 1.0 + p.score) for g in genders_of(p.tag)]
    return tuple(out)


def has_tag(word: str, grammeme: str, min_score: float = 0.0) -> bool:
    return any(grammeme in p.tag and p.score >= min_score for p in morph().parse(word.lower()))


def is_first_name(word: str) -> bool:
    low = word.lower()
    known = any("Name" in p.tag and p.is_known and p.score >= 0.05 for p in morph().parse(low))
    return known or low in FIRST_NAMES


def is_surname_like(word: str) -> bool:
    low = word.lower()
    return has_tag(word, "Surn", 0.05) or low.endswith(SURNAME_ENDINGS)


def split_roles(words: tuple[str, ...]) -> tuple[list[str], list[str], list[str], list[str]] | None:
    """Words -> (first, middle, last, initials) word lists, in name order."""
    initials = [w for w in words if is_initial(w)]
    rest = [w for w in words if not is_initial(w)]
    if not rest:
        return None
    # a particle (ибн, Ле, фон) belongs to the surname after it
    if initials:
        return [], [], [" ".join(rest)], initials
    patr = [i for i, w in enumerate(rest) if i > 0 and middle_readings(w)
            and (i < len(rest) - 1 or is_patronymic(w))]
    if patr:
        k = patr[0]
        first, middle = rest[k - 1], rest[k]
        last = rest[:k - 1] + rest[k + 1:]
        return [first], [middle], ([" ".join(last)] if last else []), []
    if len(rest) == 1:
        word = rest[0]
        if word.lower().split("-")[0] in PARTICLES:
            return [], [], [word], []
        if is_first_name(word) and not has_tag(word, "Surn", 0.3):
            return [word], [], [], []
        return [], [], [word], []
    lows = [w.lower() for w in rest]
    if lows[0].split("-")[0] in PARTICLES:                     # ибн Эзра, аль-Барадеи, де Голль
        return [], [], [" ".join(rest)], []
    particle = next((i for i, w in enumerate(lows) if i > 0 and w in PARTICLES), None)
    if particle is not None:
        return [" ".join(rest[:particle])], [], [" ".join(rest[particle:])], []
    if len(rest) == 2 and not is_first_name(rest[0]) and is_first_name(rest[1]) and is_surname_like(rest[0]):
        return [rest[1]], [], [rest[0]], []            # Собянин Сергей
    return [rest[0]], rest[1:-1], [rest[-1]], []


def is_patronymic(word: str) -> bool:
    """A dictionary patronymic that is not also a surname: 'Васильевич' yes; 'Дворкович', 'Абрамович' no."""
    parses = morph().parse(word.lower())
    return any("Patr" in p.tag and p.is_known for p in parses) and not any("Surn" in p.tag for p in parses)


def other_gender(reading: Reading) -> str:
    return "femn" if reading[0] == "masc" else "masc"


def best(readings: tuple[Reading, ...], gender: str, case: str) -> Reading | None:
    return max((r for r in readings if r[0] == gender and r[1] == case), key=lambda r: r[3], default=None)


def role_readings(firsts: list[str], middles: list[str], lasts: list[str]) -> list[tuple[str, tuple]]:
    """(role, readings) for the name words that inflect."""
    parts = []
    if firsts:
        parts.append(("first", first_readings(firsts[0])))
    if middles and len(middles) == 1 and middle_readings(middles[0]):
        parts.append(("middle", middle_readings(middles[0])))
    if lasts:
        parts.append(("last", surname_readings(lasts[0].split()[-1])))
    return parts


@lru_cache(maxsize=50_000)
def name_cases(words: tuple[str, ...]) -> frozenset[str]:
    """The cases a written name can be in: ('Путина',) -> {'gent', 'accs', 'nomn'}; ('Ле', 'Пен') -> all six."""
    roles = split_roles(tuple(w for w in words if w))
    if roles is None:
        return frozenset(CASES)
    parts = role_readings(*roles[:3])
    if not parts:
        return frozenset(CASES)
    last = dict(parts).get("last")
    if last and {r[1] for r in last if r[3] >= 0.6} >= set(CASES):
        return frozenset(CASES)       # an indeclinable surname; a foreign first name (Беназир, Саломе) may be too
    solid = {}                    # case -> how many words have a dictionary-strength reading in it
    for g in GENDERS:
        for c in CASES:
            n = sum(1 for _, rs in parts if (r := best(rs, g, c)) and r[3] >= 0.6)
            solid[c] = max(solid.get(c, 0), n)
    top = max(solid.values())
    return frozenset(c for c, n in solid.items() if n == top) if top else frozenset(CASES)


@lru_cache(maxsize=50_000)
def normalize_name(words: tuple[str, ...], after_preposition: bool = True,
                   agrees_with: frozenset[tuple[str, str]] | None = None) -> Name | None:
    """Name words as written, in the document's order -> nominative Name (None when nothing is a name).

    The locative is only ever governed by a preposition: without one before the name (after_preposition
    False), `Саломе Зурабишвили` is no `о Саломе` of a Салом. An adjective right before the name agrees with
    it: `agrees_with` holds its (gender, case) readings (`известная Ванга`: a woman in the nominative, not
    the genitive of a Ванг); it is ignored when no reading of the name fits it."""
    roles = split_roles(tuple(w for w in words if w))
    if roles is None:
        return None
    firsts, middles, lasts, initials = roles
    parts = role_readings(firsts, middles, lasts)
    choice, top = None, -1.0
    cases = CASES if after_preposition else [c for c in CASES if c != "loct"]
    pairs = [(g, c) for g in GENDERS for c in cases]
    if agrees_with and any(best(rs, g, c) for g, c in pairs if (g, c) in agrees_with for _, rs in parts):
        pairs = [p for p in pairs if p in agrees_with]
    for g, c in pairs:
        picked = [best(rs, g, c) for _, rs in parts]
        agree = sum(1 for r in picked if r)
        score = agree * 10 + sum(r[3] for r in picked if r) + (0.02 if c == "nomn" else 0.0)
        if score > top:
            choice, top = (g, c, picked), score
    g, c, picked = choice
    got = {role: r for (role, _), r in zip(parts, picked)}
    first = got["first"][2] if got.get("first") else (firsts[0] if firsts else None)
    if middles and got.get("middle"):
        middle = got["middle"][2]
    else:
        middle = " ".join(middles) or None
    last = None
    if lasts:
        head = lasts[0].split()
        last = " ".join(head[:-1] + [got["last"][2] if got.get("last") else head[-1]])
    if initials:
        first = initials[0] if initials[0].endswith(".") else initials[0] + "."
        middle = (initials[1] if initials[1].endswith(".") else initials[1] + ".") if len(initials) > 1 else None
    gender = g if any(got.values()) else None
    if gender and all(r is None or r in parts[k][1] and (other_gender(r), *r[1:]) in parts[k][1]
                      for k, r in enumerate(picked)):
        gender = None                  # every word reads the same for both (Саломе Зурабишвили): no gender known
    if gender and len(words) >= 3 and all(r is None or r[3] < 0.6 for r in picked):
        gender = None                  # Аун Сан Су Чжи, Ким Чен Ир: a guess from a noun paradigm says nothing
    if list(got) == ["last"] and got["last"] and INDECLINABLE.search(got["last"][2].lower()):
        gender = None                  # a lone indeclinable surname (Саакашвили) tells no gender
    return Name(first, middle, last, gender)


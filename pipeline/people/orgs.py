"""Position phrases as written → nominative title, organisation and readable phrase (pure functions).

    title 'заместителя Мэра', org 'Москвы'   -> ('заместитель мэра', 'Москва', 'заместитель мэра Москвы')
    title 'руководителю', org 'Департамента транспорта' -> ('руководитель', 'Департамент транспорта', ...)
    title 'французского президента'          -> ('президент', 'Франция', 'французский президент')
    org 'партии «Яблоко»'                    -> 'Яблоко' (a generic noun before a proper name is dropped)
"""
from __future__ import annotations

import re
from functools import lru_cache

from grammars.positions import NON_TITLE_MODIFIERS, SHORT_TITLES
from pipeline.people.names import PARTICLES, morph

PLACE_ADJECTIVES = {   # adjective lemma -> place, where the place is not the adjective's own stem
    "российский": "Россия", "московский": "Москва", "французский": "Франция", "американский": "США",
    "немецкий": "Германия", "германский": "Германия", "английский": "Великобритания",
"китайский": "Китай", "японский": "Япония", "турецкий": "Турция",
    "грузинский": "Грузия", "белорусский": "Белоруссия", "украинский": "Украина", "корейский": "Корея",
    "итальянский": "Италия", "испанский": "Испания", "израильский": "Израиль", "польский": "Польша",
    "петербургский": "Санкт-Петербург", "подмосковный": "Подмосковье", "европейский": "Европа",
    "чешский": "Чехия", "финский": "Финляндия", "шведский": "Швеция", "греческий": "Греция",
    "индийский": "Индия", "египетский": "Египет", "арабский": "Арабские Эмираты",
}
PLACE_SUFFIXES = ("ия", "а", "я", "и", "ь", "ье", "", "ы")
PREFIX_PARTS = {"вице", "экс", "пресс", "генерал", "зам", "врио", "премьер"}   # stay as written before a hyphen
LEGAL_FORMS = {"оао", "зао", "ооо", "пао", "ао", "нко", "гуп", "муп", "фгуп", "ркк", "нпо", "гк"}
GENERIC_ORG = {"компания", "партия", "движение", "фонд", "банк", "корпорация", "концерн", "холдинг",
               "группа", "агентство", "организация", "объединение", "клуб", "издание", "газета", "журнал",
               "телеканал", "радиостанция", "общество", "союз", "ассоциация", "центр",
               "еженедельник", "ежедневник", "фирма", "студия", "издательство", "клуб", "команда", "театр",
               "телекомпания", "авиакомпания", "госкорпорация", "портал", "сайт", "группировка", "ансамбль"}
WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+|\d+|[^\sА-Яа-яЁёA-Za-z\d]")


@lru_cache(maxsize=5_000)
def place_of(adjective: str) -> str | None:
    """'французский' -> 'Франция', 'тбилисский' -> 'Тбилиси', 'хороший' -> None."""
    lemma = next((p.normal_form for p in morph().parse(adjective.lower()) if "ADJF" in p.tag), None)
    if lemma is None:
        return None
    if lemma in PLACE_ADJECTIVES:
        return PLACE_ADJECTIVES[lemma]
    for end in ("ский", "цкий"):
        if lemma.endswith(end):
            stem = lemma[: -len(end)]
            stems = {stem, stem.rstrip("ь"), stem + "с"}
            for s in stems:
                for suffix in PLACE_SUFFIXES:
                    candidate = s + suffix
                    if any("Geox" in p.tag and p.is_known and p.normal_form == candidate and p.tag.case == "nomn"
                           for p in morph().parse(candidate)):
                        return candidate.capitalize()
    return None


def inflect_word(word: str, case_hint: set[str] | None = None, gender: str | None = None,
                 singular: bool = True) -> str:
    """One word of a head phrase → nominative, keeping its gender: 'народного' -> 'народный'.

    Titles become singular ('уличные художники' -> 'уличный художник'); organisations keep their number
    ('вооружённых сил' -> 'вооружённые силы', 'Химок' -> 'Химки').
    """
    if not re.fullmatch(r"[А-Яа-яЁё]+", word):
        return word
    parses = [p for p in morph().parse(word.lower()) if {"NOUN", "ADJF", "PRTF"} & p.tag.grammemes]
    if case_hint:
        parses = [p for p in parses if p.tag.case in case_hint] or parses
    for p in parses:
        number = "plur" if "Pltm" in p.tag or not singular and p.tag.number == "plur" else "sing"
        grams = {"nomn", number}
        if gender and "NOUN" not in p.tag and number == "sing":
            grams = grams | {gender}                 # an adjective takes its noun's gender: народного -> народный
        form = p.inflect(grams)
        if form is not None:
            text = form.word
            return text.capitalize() if word[:1].isupper() else text
    return word


def head_case(words: list[str]) -> set[str]:
    """The cases the first noun of a phrase can be in, narrowed by the adjectives before it."""
    cases: set[str] | None = None
    for w in words:
        if not re.fullmatch(r"[А-Яа-яЁё]+", w):
            continue
        ps = morph().parse(w.lower())
        got = {p.tag.case for p in ps if {"NOUN", "ADJF", "PRTF"} & p.tag.grammemes and p.tag.case}
        if not got:
            continue                           # бюджетно-финансового: the first part of a compound
        cases = got if cases is None else (cases & got or cases)
        if any("NOUN" in p.tag for p in ps):
            break
    return cases or set()


def head_nominative(text: str, lower: bool, cases: set[str] | None = None, singular: bool = False) -> str:
    """Put the head of a phrase (adjectives + first noun [+ '-' noun]) in the nominative, keep the rest."""
    words = WORD.findall(text)
    cases = cases or head_case(words)
    out, done, i = [], False, 0
    gender = next((p.tag.gender for w in words if re.fullmatch(r"[А-Яа-яЁё]+", w)
                   and not any({"ADJF", "PRTF"} & q.tag.grammemes and q.tag.case in cases for q in morph().parse(w.lower()))
                   for p in morph().parse(w.lower()) if "NOUN" in p.tag and p.tag.case in cases), None)
    if words and words[0].lower().startswith("исполняющ"):
        gender = None                          # the participle heads `исполняющий обязанности`
    while i < len(words):
        w = words[i]
        if done or not re.fullmatch(r"[А-Яа-яЁё]+", w):
            out.append(w)
        elif (w.lower() in PREFIX_PARTS or w.lower() in PARTICLES) and i + 1 < len(words) and words[i + 1] == "-":
            out.append(w)                      # вице-губернатора -> вице-губернатор
        else:
            is_noun = any("NOUN" in p.tag for p in morph().parse(w.lower())) and \
                not any({"ADJF", "PRTF"} & p.tag.grammemes and p.tag.case in cases for p in morph().parse(w.lower()))
            out.append(inflect_word(w, cases, gender, singular))
            if w.lower().startswith("исполняющ") and i + 1 < len(words) and words[i + 1].startswith("обязанност"):
                done = True                    # исполняющий обязанности <genitive>: the rest stays as written
            if is_noun:
                done = not (i + 2 < len(words) and words[i + 1] == "-")
        i += 1
    phrase = join(out)
    return phrase.lower() if lower else phrase


def join(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"([«„“\"])\s+", r"\1", text) if text.count('"') != 1 else text
    text = re.sub(r"\s+([»”,.])", r"\1", text)
    return re.sub(r"\s+\.", ".", text)


@lru_cache(maxsize=50_000)   # a pure function of its words, met again in every document
def normalize_title(title: str, keep_place: bool = False) -> tuple[str, str | None]:
    """'французского президента' -> ('президент', 'Франция'); 'заместителя Мэра' -> ('заместитель мэра', None).

    Evaluative words are no part of the title ('известного певца' -> 'певец'); keep_place keeps them and a
    place adjective in the readable phrase ('французский президент'), for position_full.
    """
    words = title.split()
    cases = head_case(WORD.findall(title))
    while not keep_place and len(words) > 1 and adjective_lemma(words[0]) in NON_TITLE_MODIFIERS:
        words = words[1:]
    place = None
    if not keep_place:                         # первый бразильский космонавт -> первый космонавт, Бразилия
        for k, w in enumerate(words[:-1]):
            if place is None and (p := place_of(w)) is not None:
                place, words = p, words[:k] + words[k + 1:]
                break
            if not re.fullmatch(r"[А-Яа-яЁё]+", w) or not any("ADJF" in q.tag for q in morph().parse(w.lower())):
                break
    return head_nominative(" ".join(words), lower=True, cases=cases, singular=True), place


@lru_cache(maxsize=50_000)   # a pure function of its words, met again in every document
def is_noun(word: str) -> bool:
    """A noun that is not also an adjective form: 'еженедельника' yes, 'московского' no."""
    parses = morph().parse(word.lower())
    return re.fullmatch(r"[А-Яа-яЁё-]+", word) is not None and parses[0].tag.POS == "NOUN"


@lru_cache(maxsize=50_000)   # a pure function of its words, met again in every document
def adjective_lemma(word: str) -> str:
    """'действующего' -> 'действующий' (a participle's normal form would be the verb)."""
    for p in morph().parse(word.lower()):
        if {"ADJF", "PRTF"} & p.tag.grammemes:
            form = p.inflect({"nomn", "sing", "masc"})
            return form.word if form else p.normal_form
    return word.lower()


@lru_cache(maxsize=50_000)   # a pure function of its words, met again in every document
def lemma(word: str) -> str:
    return morph().parse(word.lower())[0].normal_form


def oblique_only(word: str) -> bool:
    """A noun with no nominative reading: `Мегафона` yes; `Известия`, `Яблоко` no."""
    parses = [p for p in morph().parse(word.lower()) if "NOUN" in p.tag]
    return bool(parses) and not any(p.tag.case == "nomn" for p in parses)


@lru_cache(maxsize=50_000)   # a pure function of its words, met again in every document
def normalize_org(org: str) -> str:
    """'Департамента транспорта' -> 'Департамент транспорта'; 'компании Microsoft' -> 'Microsoft'.

    A common noun before a name in quotes is dropped ('ОАО «Газпром»' -> 'Газпром'); a name in quotes
    after an adjective alone is inflected ('московского «Центра»' -> 'Центр').
    """
    org = org.strip()
    words = org.split()
    if not words:
        return org
    quote = re.search(r"[«„“\"]", org)
    if quote and re.fullmatch(r"[«„“\"][^»“”\"]+[»“”\"]", org[quote.start():]):
        before, name = org[:quote.start()].split(), org[quote.start() + 1:-1]
        nouns = [w for w in before if is_noun(w) or w.lower() in LEGAL_FORMS]
        if before and before[-1] in nouns and len(nouns) == 1:
            return name                                  # еженедельника «Пермский обозреватель», ОАО «Газпром»
        if before and not nouns and len(name.split()) == 1:
            return head_nominative(name, lower=False)    # московского «Центра»
        if not before and len(name.split()) == 1 and oblique_only(name):
            return head_nominative(name, lower=False)    # гендиректор «Мегафона» -> Мегафон
    noun = next((k for k, w in enumerate(words) if is_noun(w)), None)
    if noun is not None and lemma(words[noun]) in GENERIC_ORG and noun + 1 < len(words) \
            and re.match(r"[«„“\"]|[A-Z]|[А-ЯЁ]", words[noun + 1]) and all(w[:1].isupper() for w in words[noun + 1:]):
        return " ".join(words[noun + 1:]).strip("«»„“\"”")    # футбольного клуба Челси
    first = lemma(words[0])
    rest = " ".join(words[1:])
    if (first in GENERIC_ORG or words[0].lower() in LEGAL_FORMS) and re.match(r"[«„“\"]|[A-Z]|[А-ЯЁ]{2,}", rest):
        return rest.strip("«»„“\"”")
    declined = re.fullmatch(r"([А-ЯЁ]{2,})(?:а|у|ом|е)", org)
    if declined:
        return declined.group(1)                         # главы МИДа -> МИД: an acronym declined as a noun
    if re.fullmatch(r"[А-ЯЁA-Z]{2,}\S*", org) or re.match(r"[«„“\"]|[A-Za-z]", org):
        return org.strip("«»„“\"”")
    return head_nominative(org, lower=False)


@lru_cache(maxsize=50_000)   # a pure function of its words, met again in every document
def title_key(text: str) -> str:
    """Lemmas of a title's words, for matching a bare title to a person: 'мэра' -> 'мэр'; short forms
    spelled out and an acting officer's prefix dropped: 'заммэра' -> 'заместитель мэр', 'врио главы' -> 'глава'."""
    lemmas = [morph().parse(w)[0].normal_form for w in re.findall(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?", text.lower())]
    lemmas = [x for w in lemmas for x in SHORT_TITLES.get(w, w).split()]
    if lemmas[:1] == ["врио"] or lemmas[:2] == ["и", "о"]:
        lemmas = lemmas[1 if lemmas[0] == "врио" else 2:]
    return " ".join(morph().parse(w)[0].normal_form for w in lemmas)

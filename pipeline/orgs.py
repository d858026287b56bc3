"""Position phrases as written → nominative title, organisation and readable phrase (pure functions).

    title 'заместителя Мэра', org 'Москвы'   -> ('заместитель мэра', 'Москва', 'заместитель мэра Москвы')
    title 'руководителю', org 'Департамента транспорта' -> ('руководитель', 'Департамент транспорта', ...)
    title 'французского президента'          -> ('президент', 'Франция', 'французский президент')
    org 'партии «Яблоко»'                    -> 'Яблоко' (a generic noun before a proper name is dropped)
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.names import morph

PLACE_ADJECTIVES = {   # adjective lemma -> place, where the place is not the adjective's own stem
    "российский": "Россия", "московский": "Москва", "французский": "Франция", "американский": "США",
    "немецкий": "Германия", "германский": "Германия", "английский": "Великобритания",
    "британский": "Великобритания", "китайский": "Китай", "японский": "Япония", "турецкий": "Турция",
    "грузинский": "Грузия", "белорусский": "Белоруссия", "украинский": "Украина", "корейский": "Корея",
    "итальянский": "Италия", "испанский": "Испания", "израильский": "Израиль", "польский": "Польша",
    "петербургский": "Санкт-Петербург", "подмосковный": "Московская область", "европейский": "Европа",
    "чешский": "Чехия", "финский": "Финляндия", "шведский": "Швеция", "греческий": "Греция",
    "индийский": "Индия", "египетский": "Египет", "арабский": "Арабские Эмираты",
}
PLACE_SUFFIXES = ("ия", "а", "я", "и", "ь", "ье", "", "ы")
GENERIC_ORG = {"компания", "партия", "движение", "фонд", "банк", "корпорация", "концерн", "холдинг",
               "группа", "агентство", "организация", "объединение", "клуб", "издание", "газета", "журнал",
               "телеканал", "радиостанция", "общество", "блок", "фракция", "союз", "ассоциация", "центр"}
WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+|[^\sА-Яа-яЁёA-Za-z]")


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
                    if any("Geox" in p.tag and p.normal_form == candidate and p.tag.case == "nomn"
                           for p in morph().parse(candidate)):
                        return candidate.capitalize()
    return None


def inflect_word(word: str, case_hint: set[str] | None = None, gender: str | None = None) -> str:
    """One word of a head phrase → nominative singular, keeping its gender: 'народного' -> 'народный'."""
    if not re.fullmatch(r"[А-Яа-яЁё]+", word):
        return word
    parses = [p for p in morph().parse(word.lower()) if {"NOUN", "ADJF", "PRTF"} & p.tag.grammemes]
    if case_hint:
        parses = [p for p in parses if p.tag.case in case_hint] or parses
    for p in parses:
        grams = {"nomn", "sing"} if p.tag.number != "plur" or "NOUN" in p.tag else {"nomn"}
        if gender and "NOUN" not in p.tag and "sing" in grams:
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
        cases = got if cases is None else (cases & got or cases)
        if any("NOUN" in p.tag for p in ps):
            break
    return cases or set()


def head_nominative(text: str, lower: bool, cases: set[str] | None = None) -> str:
    """Put the head of a phrase (adjectives + first noun [+ '-' noun]) in the nominative, keep the rest."""
    words = WORD.findall(text)
    cases = cases or head_case(words)
    out, done, i = [], False, 0
    gender = next((p.tag.gender for w in words if re.fullmatch(r"[А-Яа-яЁё]+", w)
                   for p in morph().parse(w.lower()) if "NOUN" in p.tag and p.tag.case in cases), None)
    while i < len(words):
        w = words[i]
        if done or not re.fullmatch(r"[А-Яа-яЁё]+", w):
            out.append(w)
        else:
            is_noun = any("NOUN" in p.tag for p in morph().parse(w.lower())) and \
                not any({"ADJF", "PRTF"} & p.tag.grammemes and p.tag.case in cases for p in morph().parse(w.lower()))
            out.append(inflect_word(w, cases, gender))
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


def normalize_title(title: str) -> tuple[str, str | None]:
    """'французского президента' -> ('президент', 'Франция'); 'заместителя Мэра' -> ('заместитель мэра', None)."""
    words = title.split()
    cases = head_case(WORD.findall(title))
    place = None
    while len(words) > 1 and (p := place_of(words[0])) is not None:
        place, words = place or p, words[1:]
    return head_nominative(" ".join(words), lower=True, cases=cases), place


def normalize_org(org: str) -> str:
    """'Департамента транспорта' -> 'Департамент транспорта'; 'компании Microsoft' -> 'Microsoft'."""
    words = org.split()
    first = morph().parse(words[0].lower())[0].normal_form if words else ""
    rest = " ".join(words[1:])
    if first in GENERIC_ORG and re.match(r"[«„“\"]|[A-Z]|[А-ЯЁ]{2,}", rest):
        return rest.strip("«»„“\"”")
    if re.fullmatch(r"[А-ЯЁA-Z]{2,}\S*", org) or re.match(r"[«„“\"]|[A-Za-z]", org):
        return org.strip("«»„“\"”")
    return head_nominative(org, lower=False)


def title_key(text: str) -> str:
    """Lemmas of a title's words, for matching a bare title to a person: 'мэра' -> 'мэр'."""
    return " ".join(morph().parse(w.lower())[0].normal_form for w in re.findall(r"[А-Яа-яЁё]+", text))

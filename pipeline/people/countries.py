"""A state post given bare → the country the text names around it (no world knowledge: only what it says).

    'Последний раз Россия выигрывала ... Премьер-министр Владимир Путин поздравил'  -> премьер-министр, Россия
    '... министра иностранных дел Беларуси ... против действий президента Лукашенко' -> президент, Беларусь
    'Россия и Канада ... Премьер-министр Иван Петров'                               -> nothing: two countries

Only posts that belong to a state (президент, премьер-министр, министр, канцлер, посол) are completed, from
the post's own sentence before it, else from the sentence before that, and only when that stretch names
exactly one country.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_right

from typing import TYPE_CHECKING

from pipeline.people.names import FIRST_NAMES, morph
from pipeline.records import Sentence

if TYPE_CHECKING:
    from pipeline.people.post_phrase import Post

STATE_TITLES = {"президент", "вице-президент", "премьер-министр", "премьер", "вице-премьер", "канцлер", "министр",
                "госсекретарь", "посол", "король", "королева"}
ABBREVIATIONS = {"РФ", "США", "КНР", "КНДР", "ФРГ", "ОАЭ", "ЮАР", "Великобритания"}
COUNTRIES = {   # lemma -> the country as written in the nominative
    name.lower(): name for name in [
        "Россия", "Украина", "Белоруссия", "Беларусь", "Казахстан", "Грузия", "Армения", "Азербайджан",
        "Молдавия", "Молдова", "Латвия", "Литва", "Эстония", "Польша", "Германия", "Франция", "Великобритания",
        "Англия", "Италия", "Испания", "Португалия", "Греция", "Турция", "Израиль", "Египет", "Иран", "Ирак",
        "Сирия", "Ливан", "Китай", "Япония", "Индия", "Пакистан", "Афганистан", "Корея", "Вьетнам", "Таиланд",
        "Индонезия", "Австралия", "Канада", "Мексика", "Бразилия", "Аргентина", "Венесуэла", "Куба", "Чили",
        "Колумбия", "Сербия", "Хорватия", "Болгария", "Румыния", "Венгрия", "Чехия", "Словакия", "Австрия",
        "Швейцария", "Швеция", "Норвегия", "Финляндия", "Дания", "Нидерланды", "Бельгия", "Ирландия",
        "Узбекистан", "Киргизия", "Таджикистан", "Туркмения", "Туркменистан", "Монголия", "Ливия", "Тунис",
        "Марокко", "Алжир", "Мьянма", "Филиппины", "Малайзия", "Сингапур", "Кипр", "Черногория", "Словения",
        "Албания", "Эквадор", "Перу", "Боливия", "Никарагуа", "Катар", "Кувейт", "Иордания", "Судан",
        "Эфиопия", "Нигерия", "Кения", "Исландия", "Люксембург", "Абхазия", "Коста-Рика", "Эль-Сальвадор",
        "Гондурас", "Гватемала", "Панама", "Уругвай", "Парагвай", "Ямайка", "Бахрейн", "Оман", "Йемен",
        "Бангладеш", "Непал", "Камбоджа", "Лаос", "Сомали", "Ангола", "Замбия", "Зимбабве", "Уганда", "Танзания",
        "Гана", "Сенегал", "Мали", "Чад", "Нигер", "Камерун", "Конго", "Маврикий", "Суринам", "Барбадос",
    ]
}


def names_country(words: tuple[str, ...]) -> bool:
    """A "name" with a country in it is no person: `Эль Сальвадор • Эфиопия`, `Коста Рика` in a list of
    countries. A word that is also a first name or surname (`Сальвадор Дали`) does not count."""
    lows = [w.lower() for w in words]
    joined = ["-".join(lows[i:i + 2]) for i in range(len(lows) - 1)]
    return any(j in COUNTRIES for j in joined) or any(is_country_word(w) for w in lows)


def is_country_word(word: str) -> bool:
    if word in FIRST_NAMES:
        return False
    parses = morph().parse(word)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return False
    return any(p.normal_form in COUNTRIES for p in parses)


def country_of(token) -> str | None:
    """'России' -> 'Россия', 'США' -> 'США', 'Москвы' -> None."""
    if token.value in ABBREVIATIONS:
        return token.value
    if not token.value[:1].isupper():
        return None
    return next((COUNTRIES[f.normalized] for f in getattr(token, "forms", None) or [] if f.normalized in COUNTRIES), None)


def is_state_post(post: Post) -> bool:
    """`министр`, `заместитель министра`, `помощник заместителя госсекретаря`: a post in a state's service."""
    return post.organization is None and any(w in STATE_TITLES for w in post.key.split())   # lemmas


def the_country(tokens) -> str | None:
    found = {c for c in map(country_of, tokens) if c}
    return found.pop() if len(found) == 1 else None


def with_countries(sentences: list[Sentence], found: dict[int, list[Post]]) -> dict[int, list[Post]]:
    """Each bare state post with the one country named before it in its sentence, or in the sentence before."""
    starts = [s.start for s in sentences]
    out = {}
    for person, posts in found.items():
        out[person] = []
        for post in posts:
            if is_state_post(post):
                k = bisect_right(starts, post.start) - 1
                here = [t for t in sentences[k].tokens if t.span.stop <= post.start] if k >= 0 else []
                country = the_country(here)
                if country is None and k >= 1 and not any(country_of(t) for t in sentences[k].tokens):
                    country = the_country(sentences[k - 1].tokens)
                if country is not None:
                    post = dataclasses.replace(post, organization=country)
            out[person].append(post)
    return out

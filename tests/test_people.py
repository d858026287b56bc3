"""People: names merged within a document, their positions, organisations and mentions."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ner import tag_names
from pipeline.orgs import normalize_org, normalize_title, place_of
from pipeline.people import People, extract_people
from conftest import SHARED, doc_and_sentences


def people_in(text: str, tools) -> People:
    doc, sentences = doc_and_sentences(text, tools)
    names = tag_names([doc], [sentences], tools)[0]
    return extract_people(doc, sentences, names, tools)


CASES = [
    # sentence                                                               name                position                 organization            position_full
    ("Доклад сделала заместитель мэра Москвы Анастасия Ракова.",              "Анастасия Ракова", "заместитель мэра",     "Москва",               "заместитель мэра Москвы"),
    ("Об этом рассказал руководитель Департамента транспорта Максим Ликсутов.", "Максим Ликсутов", "руководитель",         "Департамент транспорта", "руководитель Департамента транспорта"),
    ("Встреча прошла с министром иностранных дел России Сергеем Лавровым.",   "Сергей Лавров",    "министр иностранных дел", "Россия",           "министр иностранных дел России"),
    ("Выступил президент компании Microsoft Билл Гейтс.",                     "Билл Гейтс",       "президент",            "Microsoft",            "президент компании Microsoft"),
    ("Вопрос задал депутат Госдумы Иван Петров.",                            "Иван Петров",      "депутат",              "Госдума",              "депутат Госдумы"),
    ("Так считает Сергей Иванов, глава департамента, который отвечает за это.", "Сергей Иванов",  "глава",                "департамент",          "глава департамента"),
    ("Французский президент Эммануэль Макрон прибыл в Москву.",              "Эммануэль Макрон", "президент",            "Франция",              "французский президент"),
    ("Премьер-министр Турции Реджеп Тайип Эрдоган договорился о визите.",     "Реджеп Тайип Эрдоган", "премьер-министр",  "Турция",               "премьер-министр Турции"),
    ("По словам приднестровского аналитика Романа Коноплева, это не так.",    "Роман Коноплев",   "аналитик",             "Приднестровье",        "приднестровский аналитик"),
    ("Его поддержал лидер Меджлиса крымско-татарского народа Мустафа Джемилев.", "Мустафа Джемилев", "лидер",            "Меджлис крымско-татарского народа", "лидер Меджлиса крымско-татарского народа"),
    ("Об этом сообщил Марк Тоунер, исполняющий обязанности официального представителя Госдепартамента США.",
     "Марк Тоунер", "исполняющий обязанности официального представителя", "Госдепартамент США",
     "исполняющий обязанности официального представителя Госдепартамента США"),
    ("Вчера выступил Иван Петров.",                                          "Иван Петров",      None,                   None,                   None),
]


@pytest.mark.parametrize("text, name, position, organization, position_full", CASES)
def test_position(tools, text, name, position, organization, position_full):
    got = [(p.name, p.position, p.organization, p.position_full) for p in people_in(text, tools).people]
    assert got == [(name, position, organization, position_full)]


def test_several_posts(tools):
    text = ("Андрей Санников, экс-кандидат в президенты Беларуси, бывший заместитель министра иностранных дел "
            "Беларуси, выступил с заявлением.")
    people = people_in(text, tools)
    assert [p.name for p in people.people] == ["Андрей Санников"]
    assert len(people.positions) == 2
    assert people.positions[1].position == "бывший заместитель министра иностранных дел"


def test_merging_and_interface(tools):
    text = ("Мэр Москвы Сергей Собянин открыл станцию. Собянин отметил, что работы завершены. "
            "Вице-мэр Наталья Сергунина добавила, что она довольна.")
    people = people_in(text, tools)
    rows = {p.name: p for p in people.people}
    assert set(rows) == {"Сергей Собянин", "Наталья Сергунина"}
    mayor = rows["Сергей Собянин"]
    assert (mayor.position, mayor.organization, mayor.n_mentions) == ("мэр", "Москва", 2)
    assert people.by_title("мэр") == mayor
    assert people.at(text.index("Собянин отметил"), text.index("Собянин отметил") + 7) == mayor
    assert people.last_before(text.index("она"), "femn").name == "Наталья Сергунина"
    assert people.last_before(text.index("она"), "masc") == mayor
    assert people.gender(mayor.person_id) == "masc"
    counted = people.with_quote_counts({mayor.person_id: 2})
    assert counted.person(mayor.person_id).n_quotes == 2


def test_seed_end_to_end(tools):
    text = (SHARED / "data/seeds/000_87938b6d2d0e720c.txt").read_text(encoding="utf-8")
    people = people_in(text, tools)
    got = {p.name: (p.position, p.organization, p.position_full) for p in people.people}
    assert got == {
        "Анастасия Ракова": ("заместитель мэра", "Москва", "заместитель мэра Москвы"),
        "Сергей Собянин": ("мэр", "Москва", "мэр Москвы"),
    }
    sobyanin = next(p for p in people.people if p.name == "Сергей Собянин")
    assert sobyanin.n_mentions >= 5                      # the headline `Собянин:` and four full names


ORGS = [
    ("Департамента транспорта", "Департамент транспорта"),
    ("Москвы", "Москва"),
    ("управы района Отрадное", "управа района Отрадное"),
    ("партии «Яблоко»", "Яблоко"),
    ("Общественной палаты", "Общественная палата"),
    ("NASA", "NASA"),
]


@pytest.mark.parametrize("org, nominative", ORGS)
def test_normalize_org(org, nominative):
    assert normalize_org(org) == nominative


TITLES = [
    ("заместителя Мэра", ("заместитель мэра", None)),
    ("французского президента", ("президент", "Франция")),
    ("российского министра", ("министр", "Россия")),
    ("народного депутата", ("народный депутат", None)),
    ("главу", ("глава", None)),
]


@pytest.mark.parametrize("title, expected", TITLES)
def test_normalize_title(title, expected):
    assert normalize_title(title) == expected


@pytest.mark.parametrize("adjective, place", [("московский", "Москва"), ("тбилисский", "Тбилиси"),
                                              ("хороший", None)])
def test_place_of(adjective, place):
    assert place_of(adjective) == place

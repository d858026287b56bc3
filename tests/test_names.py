"""Name normalisation: words as written -> nominative first, middle, last and gender."""
from __future__ import annotations

import pytest

from pipeline.people.names import normalize_name

CASES = [
    # words as written                          first          middle         last                 gender
    ("Анастасии Раковой",                       "Анастасия",   None,          "Ракова",            "femn"),
    ("Анастасию Ракову",                        "Анастасия",   None,          "Ракова",            "femn"),
    ("Анастасия Ракова",                        "Анастасия",   None,          "Ракова",            "femn"),
    ("Сергеем Собяниным",                       "Сергей",      None,          "Собянин",           "masc"),
    ("Сергею Собянину",                         "Сергей",      None,          "Собянин",           "masc"),
    ("Сергея Семеновича Собянина",              "Сергей",      "Семенович",   "Собянин",           "masc"),
    ("Собянин Сергей Семенович",                "Сергей",      "Семенович",   "Собянин",           "masc"),
    ("Собянин Сергей",                          "Сергей",      None,          "Собянин",           "masc"),
    ("С. Собянин",                              "С.",          None,          "Собянин",           "masc"),
    ("С. С. Собянину",                          "С.",          "С.",          "Собянин",           "masc"),
    ("Собянина С. С.",                          "С.",          "С.",          "Собянин",           None),
    ("Ольгой Головец",                          "Ольга",       None,          "Головец",           "femn"),
    ("Ольги Головец",                           "Ольга",       None,          "Головец",           "femn"),
    ("Марин Ле Пен",                            "Марин",       None,          "Ле Пен",            None),
    ("Дмитрия Медведева",                       "Дмитрий",     None,          "Медведев",          "masc"),
    ("Дмитрию Анатольевичу Медведеву",          "Дмитрий",     "Анатольевич", "Медведев",          "masc"),
    ("Светланы Медведевой",                     "Светлана",    None,          "Медведева",         "femn"),
    ("Татьяны Голиковой",                       "Татьяна",     None,          "Голикова",          "femn"),
    ("Татьяной Алексеевной Голиковой",          "Татьяна",     "Алексеевна",  "Голикова",          "femn"),
    ("Марии Захаровой",                         "Мария",       None,          "Захарова",          "femn"),
    ("Евгении Маленькой",                       "Евгения",     None,          "Маленькая",         "femn"),
    ("Валентины Матвиенко",                     "Валентина",   None,          "Матвиенко",         "femn"),
    ("Юлии Тимошенко",                          "Юлия",        None,          "Тимошенко",         "femn"),
    ("Александру Лукашенко",                    "Александр",   None,          "Лукашенко",         "masc"),
    ("Андрея Белых",                            "Андрей",      None,          "Белых",             "masc"),
    ("Никиты Белых",                            "Никита",      None,          "Белых",             "masc"),
    ("Льва Толстого",                           "Лев",         None,          "Толстой",           "masc"),
    ("Петра Толстого",                          "Пётр",        None,          "Толстой",           "masc"),
    ("Марка Цукерберга",                        "Марк",        None,          "Цукерберг",         "masc"),
    ("Алишером Усмановым",                      "Алишер",      None,          "Усманов",           "masc"),
    ("Анатолия Перминова",                      "Анатолий",    None,          "Перминов",          "masc"),
    ("Всеволода Чаплина",                       "Всеволод",    None,          "Чаплин",            "masc"),
    ("Игоря Сечина",                            "Игорь",       None,          "Сечин",             "masc"),
    ("Аркадия Дворковича",                      "Аркадий",     None,          "Дворкович",         "masc"),
    ("Виктором Януковичем",                     "Виктор",      None,          "Янукович",          "masc"),
    ("Мустафы Джемилева",                       "Мустафа",     None,          "Джемилев",          "masc"),
    ("Романа Коноплева",                        "Роман",       None,          "Коноплев",          "masc"),
    ("Вячеслава Володина",                      "Вячеслав",    None,          "Володин",           "masc"),
    ("Сергея Лаврова",                          "Сергей",      None,          "Лавров",            "masc"),
    ("Владимира Жириновского",                  "Владимир",    None,          "Жириновский",       "masc"),
    ("Ирины Слуцкой",                           "Ирина",       None,          "Слуцкая",           "femn"),
    ("Романа Абрамовича",                       "Роман",       None,          "Абрамович",         "masc"),
    ("Натальей Сергуниной",                     "Наталья",     None,          "Сергунина",         "femn"),
    ("Эльвиры Набиуллиной",                     "Эльвира",     None,          "Набиуллина",        "femn"),
    ("Ирины Саишвили-Чантурии",                 "Ирина",       None,          "Саишвили-Чантурия", "femn"),
    ("Николая Римского-Корсакова",              "Николай",     None,          "Римский-Корсаков",  "masc"),
    # foreign names
    ("Барак Обама",                             "Барак",       None,          "Обама",             "masc"),
    ("Бараком Обамой",                          "Барак",       None,          "Обама",             "masc"),
    ("Бараку Обаме",                            "Барак",       None,          "Обама",             "masc"),
    ("Ким Чен Ын",                              "Ким",         "Чен",         "Ын",                None),
    ("Реджеп Тайип Эрдоган",                    "Реджеп",      "Тайип",       "Эрдоган",           "masc"),
    ("Скотта Хоровитца",                        "Скотт",       None,          "Хоровитц",          "masc"),
    ("Джорджа Буша",                            "Джордж",      None,          "Буш",               "masc"),
    ("Билла Герстенмайера",                     "Билл",        None,          "Герстенмайер",      "masc"),
    ("Пегги Уитсон",                            "Пегги",       None,          "Уитсон",            "femn"),
    ("Кондолизой Райс",                         "Кондолиза",   None,          "Райс",              "femn"),
    ("Аркади Патаркацишвили",                   "Аркади",      None,          "Патаркацишвили",    None),
    ("Михаила Саакашвили",                      "Михаил",      None,          "Саакашвили",        "masc"),
    ("Хуан Суареш",                             "Хуан",        None,          "Суареш",            "masc"),
    # a surname or a first name alone
    ("Раковой",                                 None,          None,          "Ракова",            "femn"),
    ("Медведева",                               None,          None,          "Медведев",          "masc"),
    ("Собянину",                                None,          None,          "Собянин",           "masc"),
    ("Саакашвили",                              None,          None,          "Саакашвили",        None),
    ("Лукашенко",                               None,          None,          "Лукашенко",         None),
    ("Крамника",                                None,          None,          "Крамник",           "masc"),
    ("ибн Эзра",                                None,          None,          "ибн Эзра",          None),
    ("аль-Барадеи",                             None,          None,          "аль-Барадеи",       None),
    ("Авраам",                                  "Авраам",      None,          None,                "masc"),
    ("Илья Васильевич",                         "Илья",        "Васильевич",  None,                "masc"),
    # foreign and indeclinable surnames in oblique cases: the first name's case and gender decide
    ("Александру Бенуа",                        "Александр",   None,          "Бенуа",             "masc"),
    ("Жан-Поля Сартра",                         "Жан-Поль",    None,          "Сартр",             "masc"),
    ("Сартра",                                  None,          None,          "Сартр",             "masc"),
    ("Олега Дерипаски",                         "Олег",        None,          "Дерипаска",         "masc"),
    ("Олегу Дерипаске",                         "Олег",        None,          "Дерипаска",         "masc"),
    ("Дерипаски",                               None,          None,          "Дерипаска",         None),
    ("Виктора Васнецова",                       "Виктор",      None,          "Васнецов",          "masc"),
    ("Ольги Васнецовой",                        "Ольга",       None,          "Васнецова",         "femn"),
    ("Сильвио Берлускони",                      "Сильвио",     None,          "Берлускони",        "masc"),
    ("В. Васнецова",                            "В.",          None,          "Васнецова",         None),
    # an oblique form of a known first name is not an indeclinable name as written
    ("Марку",                                   "Марк",        None,          None,                "masc"),
    ("Аксары Кердпола",                         "Аксара",      None,          "Кердпол",           None),
    # three-part East Asian names keep their order
    ("Ли Со Ён",                                "Ли",          "Со",          "Ён",                None),
]


def words_of(text: str) -> tuple[str, ...]:
    return tuple(text.replace(".", ". ").split())


@pytest.mark.parametrize("text, first, middle, last, gender", CASES)
def test_normalize_name(text, first, middle, last, gender):
    name = normalize_name(words_of(text))
    fold = lambda s: s.replace("ё", "е") if s else s   # noqa: E731
    assert (fold(name.first), fold(name.middle), fold(name.last)) == (fold(first), fold(middle), fold(last))
    if gender is not None:
        assert name.gender == gender


# Without a preposition before it a name is in no locative, and a word that reads alike in both genders
# gives none: (words, after a preposition) -> first, last, gender
CONTEXT = [
    ("Саломе Зурабишвили", False, "Саломе", "Зурабишвили", None),
    ("Роберте Смите", True, "Роберт", "Смит", "masc"),
    ("Анне Ивановой", False, "Анна", "Иванова", "femn"),
    # a multi-part East Asian name: a noun-paradigm guess tells no gender
    ("Аун Сан Су Чжи", False, "Аун", "Чжи", None),
    ("Сергей Семенович Собянин", False, "Сергей", "Собянин", "masc"),
]


@pytest.mark.parametrize("text, after_preposition, first, last, gender", CONTEXT)
def test_normalize_name_in_context(text, after_preposition, first, last, gender):
    name = normalize_name(words_of(text), after_preposition)
    assert (name.first, name.last, name.gender) == (first, last, gender)


def test_first_name_lists_are_natashas():
    """The first-name lists are read from natasha's data folder without importing natasha: the same
    entries as natasha.data.load_dict gives."""
    from natasha.data import FIRST, MAYBE_FIRST, load_dict as natasha_load_dict

    from pipeline.people.names import FIRST_NAMES, load_dict
    for path in (FIRST, MAYBE_FIRST):
        assert load_dict(path) == list(natasha_load_dict(path))
    assert FIRST_NAMES == frozenset(natasha_load_dict(FIRST)) | frozenset(natasha_load_dict(MAYBE_FIRST))
    assert {"анастасия", "сергей"} <= FIRST_NAMES

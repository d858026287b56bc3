"""Dates: grammar + calendar, phrase by phrase, against a fixed publication date (Tuesday 2016-03-29)."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates.calendar import resolve
from pipeline.dates.extract import CAN_MATCH, extract_dates
from conftest import doc_and_sentences

PUBLISHED = "2016-03-29"

CASES = [
    # phrase (the whole date span)        date_start     date_end       granularity relative
    # --- days ---
    ("29.03.2016",                         "2016-03-29", "2016-03-29", "day",     False),
    ("01.12.2014 г.",                      "2014-12-01", "2014-12-01", "day",     False),
    ("на 01.12.2014 г.",                   "2014-12-01", "2014-12-01", "day",     False),
    ("1 декабря 2014 г.",                  "2014-12-01", "2014-12-01", "day",     False),
    ("21 мая 2011 года",                   "2011-05-21", "2011-05-21", "day",     False),
    ("на 1 января 2016 года",              "2016-01-01", "2016-01-01", "day",     False),
    ("по состоянию на 1 января 2016 г.",   "2016-01-01", "2016-01-01", "day",     False),
    ("к 1-го сентября 2016 года",          "2016-09-01", "2016-09-01", "day",     False),
    ("5 мая 2015",                         "2015-05-05", "2015-05-05", "day",     False),
    ("29 марта",                           "2016-03-29", "2016-03-29", "day",     True),
    ("14 мая",                             "2016-05-14", "2016-05-14", "day",     True),
    ("27 декабря прошлого года",           "2015-12-27", "2015-12-27", "day",     True),
    # --- month names in every case ---
    ("январь 2015 года",                   "2015-01-01", "2015-01-31", "month",   False),
    ("в январе 2004 года",                 "2004-01-01", "2004-01-31", "month",   False),
    ("январём 2015 года",                  "2015-01-01", "2015-01-31", "month",   False),
    ("к январю 2016 года",                 "2016-01-01", "2016-01-31", "month",   False),
    ("до февраля 2010 года",               "2010-02-01", "2010-02-28", "month",   False),
    ("в марте 2015-го",                    "2015-03-01", "2015-03-31", "month",   False),
    ("в мае 2009 года",                    "2009-05-01", "2009-05-31", "month",   False),
    ("в июне 2007 года",                   "2007-06-01", "2007-06-30", "month",   False),
    ("в декабре 2010 г.",                  "2010-12-01", "2010-12-31", "month",   False),
    ("в ноябре",                           "2016-11-01", "2016-11-30", "month",   True),
    ("в мае прошлого года",                "2015-05-01", "2015-05-31", "month",   True),
    ("в марте этого года",                 "2016-03-01", "2016-03-31", "month",   True),
    ("в середине июля",                    "2016-07-01", "2016-07-31", "month",   True),
    ("в конце сентября 2010-го",           "2010-09-01", "2010-09-30", "month",   False),
    # --- years ---
    ("2015 год",                           "2015-01-01", "2015-12-31", "year",    False),
    ("в 2015 году",                        "2015-01-01", "2015-12-31", "year",    False),
    ("за 2014 год",                        "2014-01-01", "2014-12-31", "year",    False),
    ("на 2016 год",                        "2016-01-01", "2016-12-31", "year",    False),
    ("за 2015 г.",                         "2015-01-01", "2015-12-31", "year",    False),
    ("2005 года",                          "2005-01-01", "2005-12-31", "year",    False),
    ("По итогам 2005 года",                "2005-01-01", "2005-12-31", "year",    False),
    ("к 2020 году",                        "2020-01-01", "2020-12-31", "year",    False),
    ("до 2024 года",                       "2024-01-01", "2024-12-31", "year",    False),
    ("в течение 2015 года",                "2015-01-01", "2015-12-31", "year",    False),
    ("в 2015-м",                           "2015-01-01", "2015-12-31", "year",    False),
    ("2015-го года",                       "2015-01-01", "2015-12-31", "year",    False),
    ("в начале 2015 года",                 "2015-01-01", "2015-12-31", "year",    False),
    # --- open starts run to the publication date ---
    ("с 2011 г.",                          "2011-01-01", "2016-03-29", "range",   False),
    ("Начиная с 2011 г.",                  "2011-01-01", "2016-03-29", "range",   False),
    ("с 1995 года",                        "1995-01-01", "2016-03-29", "range",   False),
    ("начиная с 15 декабря 2005 года",     "2005-12-15", "2016-03-29", "range",   False),
    ("с 1 июля 2016 года",                 "2016-07-01", None,         "range",   False),
    ("с начала года",                      "2016-01-01", "2016-03-29", "range",   True),
    ("с начала августа 2015 года",         "2015-08-01", "2016-03-29", "range",   False),
    # --- ranges with dash, en dash, с ... по ---
    ("в 2015–2016 годах",                  "2015-01-01", "2016-12-31", "range",   False),
    ("в 2015-2016 годах",                  "2015-01-01", "2016-12-31", "range",   False),
    ("за 2014—2015 гг.",                   "2014-01-01", "2015-12-31", "range",   False),
    ("с 2011 по 2014 год",                 "2011-01-01", "2014-12-31", "range",   False),
    ("с 2011 года до 2014 года",           "2011-01-01", "2014-12-31", "range",   False),
    ("с мая по июнь 2015 года",            "2015-05-01", "2015-06-30", "range",   False),
    ("с ноября по декабрь 2010 года",      "2010-11-01", "2010-12-31", "range",   False),
    ("с декабря по февраль 2015 года",     "2014-12-01", "2015-02-28", "range",   False),
    ("на август-сентябрь",                 "2016-08-01", "2016-09-30", "range",   True),
    ("май–июнь 2015 года",                 "2015-05-01", "2015-06-30", "range",   False),
    ("с 21 сентября по 13 октября 2006 года", "2006-09-21", "2006-10-13", "range", False),
    ("с 13 по 14 апреля",                  "2016-04-13", "2016-04-14", "range",   True),
    ("со 2 по 5 мая 2015 г.",              "2015-05-02", "2015-05-05", "range",   False),
    ("с 20 на 21 июля 2010 года",          "2010-07-20", "2010-07-21", "range",   False),
    ("13–14 апреля 2015 года",             "2015-04-13", "2015-04-14", "range",   False),
    ("с 1 мая 2015 г. по 1 мая 2016 г.",   "2015-05-01", "2016-05-01", "range",   False),
    # --- quarters (Roman numerals, ordinals, digits), halves, seasons, 9 months ---
    ("I квартал 2016 года",                "2016-01-01", "2016-03-31", "quarter", False),
    ("за I квартал 2016 года",             "2016-01-01", "2016-03-31", "quarter", False),
    ("во II квартале 2015 г.",             "2015-04-01", "2015-06-30", "quarter", False),
    ("в III квартале 2015 года",           "2015-07-01", "2015-09-30", "quarter", False),
    ("IV квартал 2014 г.",                 "2014-10-01", "2014-12-31", "quarter", False),
    ("в 1-м квартале 2015 г.",             "2015-01-01", "2015-03-31", "quarter", False),
    ("в первом квартале",                  "2016-01-01", "2016-03-31", "quarter", True),
    ("в первом полугодии 2015 г.",         "2015-01-01", "2015-06-30", "range",   False),
    ("во втором полугодии 2013 года",      "2013-07-01", "2013-12-31", "range",   False),
    ("в первой половине 2015 года",        "2015-01-01", "2015-06-30", "range",   False),
    ("за 9 месяцев 2015 года",             "2015-01-01", "2015-09-30", "range",   False),
    ("осенью 2009 года",                   "2009-09-01", "2009-11-30", "range",   False),
    ("К осени 2009 года",                  "2009-09-01", "2009-11-30", "range",   False),
    ("летом 2014 года",                    "2014-06-01", "2014-08-31", "range",   False),
    ("зимой 2015 года",                    "2014-12-01", "2015-02-28", "range",   False),
    ("Весной нынешнего года",              "2016-03-01", "2016-05-31", "range",   True),
    ("до конца лета",                      "2016-06-01", "2016-08-31", "range",   True),
    # --- decades and centuries (strict: XX век = 1901..2000) ---
    ("в 90-х годах",                       "1990-01-01", "1999-12-31", "range",   False),
    ("в начале 90-х годов",                "1990-01-01", "1999-12-31", "range",   False),
    ("в 1990-е годы",                      "1990-01-01", "1999-12-31", "range",   False),
    ("в XX веке",                          "1901-01-01", "2000-12-31", "range",   False),
    ("в конце XIX века",                   "1801-01-01", "1900-12-31", "range",   False),
    ("XXI в.",                             "2001-01-01", "2100-12-31", "range",   False),
    # --- relative to the publication date ---
    ("в прошлом году",                     "2015-01-01", "2015-12-31", "year",    True),
    ("В прошедшем году",                   "2015-01-01", "2015-12-31", "year",    True),
    ("за минувший год",                    "2015-01-01", "2015-12-31", "year",    True),
    ("за прошедший год",                   "2015-01-01", "2015-12-31", "year",    True),
    ("за прошлый год",                     "2015-01-01", "2015-12-31", "year",    True),
    ("прошлого года",                      "2015-01-01", "2015-12-31", "year",    True),
    ("в позапрошлом году",                 "2014-01-01", "2014-12-31", "year",    True),
    ("в этом году",                        "2016-01-01", "2016-12-31", "year",    True),
    ("в текущем году",                     "2016-01-01", "2016-12-31", "year",    True),
    ("в следующем году",                   "2017-01-01", "2017-12-31", "year",    True),
    ("в прошлом месяце",                   "2016-02-01", "2016-02-29", "month",   True),
    ("в этом месяце",                      "2016-03-01", "2016-03-31", "month",   True),
    ("на прошлой неделе",                  "2016-03-21", "2016-03-27", "range",   True),
    ("на этой неделе",                     "2016-03-28", "2016-04-03", "range",   True),
    ("в конце года",                       "2016-01-01", "2016-12-31", "year",    True),
    ("сегодня",                            "2016-03-29", "2016-03-29", "day",     True),
    ("Сегодня",                            "2016-03-29", "2016-03-29", "day",     True),
    ("вчера",                              "2016-03-28", "2016-03-28", "day",     True),
    ("завтра",                             "2016-03-30", "2016-03-30", "day",     True),
    ("позавчера",                          "2016-03-27", "2016-03-27", "day",     True),
    ("на сегодняшний день",                "2016-03-29", "2016-03-29", "day",     True),
    ("в понедельник",                      "2016-03-28", "2016-03-28", "day",     True),
    ("во вторник",                         "2016-03-29", "2016-03-29", "day",     True),
    ("В воскресенье",                      "2016-03-27", "2016-03-27", "day",     True),
    ("в пятницу",                          "2016-03-25", "2016-03-25", "day",     True),
    ("за последние пять лет",              "2011-03-29", "2016-03-29", "range",   True),
    ("за последние 10 лет",                "2006-03-29", "2016-03-29", "range",   True),
    ("за последние два месяца",            "2016-01-29", "2016-03-29", "range",   True),
    ("за последний год",                   "2015-03-29", "2016-03-29", "range",   True),
    ("в ближайшие три года",               "2016-03-29", "2019-03-29", "range",   True),
    ("в ближайшие пять лет",               "2016-03-29", "2021-03-29", "range",   True),
]

NOT_DATES = [
    "сейчас", "теперь", "в настоящее время", "тогда", "в 19 часов", "2 тысячи", "148 электронных услуг",
    "дом 1905", "в год", "ежедневно", "в месяц", "за год", "пять лет", "2015 рублей", "5 годам",
    "в этот день", "на следующий день", "в последний день", "прошлых лет", "в ближайшие годы",
    "канули в Лету", "в окружающую среду", "31 февраля 2015 года", "первый квартал застройки",
    "на первые пять лет", "в течение двух лет", "1,5 раза", "COVID-19",
]


def dates_in(phrase: str, tools, published=PUBLISHED):
    doc, sentences = doc_and_sentences(phrase, tools, published)
    rows = extract_dates(doc, sentences, tools)
    assert all(doc.text[r.start:r.end] == r.text for r in rows)
    return rows


@pytest.mark.parametrize("phrase, start, end, granularity, relative", CASES)
def test_date(tools, phrase, start, end, granularity, relative):
    got = [(r.text, r.date_start, r.date_end, r.granularity, r.relative) for r in dates_in(phrase, tools)]
    assert got == [(phrase, start, end, granularity, relative)]


@pytest.mark.parametrize("phrase", NOT_DATES)
def test_not_a_date(tools, phrase):
    assert dates_in(phrase, tools) == []


@pytest.mark.parametrize("phrase", [c[0] for c in CASES])
def test_prefilter_passes_every_case(phrase):
    assert CAN_MATCH.search(phrase)


WITHOUT_PUBLICATION = [
    # phrase                      date_start    date_end      relative
    ("в прошлом году",            None,         None,         True),
    ("Сегодня",                   None,         None,         True),
    ("29 марта",                  None,         None,         True),
    ("с начала года",             None,         None,         True),
    ("с 1995 года",               "1995-01-01", None,         False),   # open start, no end known
    ("в 2015 году",               "2015-01-01", "2015-12-31", False),
]


@pytest.mark.parametrize("phrase, start, end, relative", WITHOUT_PUBLICATION)
def test_without_publication_date(tools, phrase, start, end, relative):
    got = [(r.date_start, r.date_end, r.relative) for r in dates_in(phrase, tools, published=None)]
    assert got == [(start, end, relative)]


def test_with_in_instrumental_is_not_since(tools):
    # «с» + instrumental is 'with': the date stays, without the preposition and without an open end
    got = [(r.text, r.date_start, r.date_end) for r in dates_in("по сравнению с прошлым годом", tools)]
    assert got == [("прошлым годом", "2015-01-01", "2015-12-31")]


def test_dates_in_a_sentence(tools):
    text = ("На заседании 29 марта был заслушан доклад о реализации программы в 2015 году и задачах "
            "на 2016 год. Из них 22 новые услуги были открыты в прошлом году.")
    got = [r.text for r in dates_in(text, tools)]
    assert got == ["29 марта", "в 2015 году", "на 2016 год", "в прошлом году"]


CALENDAR = [
    # fields                                        published      bounds
    ({"year": 2015},                                None,          ("2015-01-01", "2015-12-31", "year", False)),
    ({"season": "winter", "year": 2016},            None,          ("2015-12-01", "2016-02-29", "range", False)),
    ({"weekday": 6},                                "2016-03-27",  ("2016-03-27", "2016-03-27", "day", True)),
    ({"shift": -1, "unit": "quarter"},              "2016-03-29",  ("2015-10-01", "2015-12-31", "quarter", True)),
    ({"shift": 1, "unit": "month"},                 "2015-12-15",  ("2016-01-01", "2016-01-31", "month", True)),
    ({"decade": 10},                                None,          ("2010-01-01", "2019-12-31", "range", False)),
    ({"day": 31, "month": 2, "year": 2015},         None,          None),
]


@pytest.mark.parametrize("fields, published, bounds", CALENDAR)
def test_calendar(fields, published, bounds):
    published = dt.date.fromisoformat(published) if published else None
    got = resolve(fields, published)
    assert (tuple(got) if got else None) == bounds

"""Periods: the seeds' facts as in the spec's worked example, then sentence-level rules. Facts are
built by hand at the phrases' offsets, so these tests do not depend on the facts extractor."""
from __future__ import annotations

import pytest

from pipeline.dates.extract import extract_dates
from pipeline.io.load import load_path
from pipeline.dates.periods import attach_periods
from pipeline.records import FactRow
from pipeline.nlp.segment import split_sentences
from conftest import CORPUS, doc_and_sentences

Y2005, Y2014, Y2015 = ("2005-01-01", "2005-12-31"), ("2014-01-01", "2014-12-31"), ("2015-01-01", "2015-12-31")
NONE = (None, None)

SEEDS = [
    # doc id, fact phrase, occurrence, period
    ("000_87938b6d2d0e720c", "более 1 млн проблем", 0, NONE),
    ("000_87938b6d2d0e720c", "148 электронных услуг", 0, NONE),
    ("000_87938b6d2d0e720c", "более 1 млн различных проблем", 0, NONE),
    ("000_87938b6d2d0e720c", "7 принципиально новых систем", 0, ("2011-01-01", "2016-03-29")),
    ("000_87938b6d2d0e720c", "около 1 млн различных проблем", 0, NONE),
    ("000_87938b6d2d0e720c", "сотни тысяч активных москвичей", 0, NONE),
    ("000_87938b6d2d0e720c", "148 электронных услуг", 1, NONE),
    ("000_87938b6d2d0e720c", "22 новые услуги", 0, Y2015),
    ("000_87938b6d2d0e720c", "5,3 млн. человек", 0, NONE),
    ("000_87938b6d2d0e720c", "каждый второй москвич", 0, ("2016-03-29", "2016-03-29")),
    ("000_87938b6d2d0e720c", "превысило 85 млн", 0, Y2015),
    ("000_87938b6d2d0e720c", "более 100 млн. человеко-часов", 0, NONE),
    ("000_87938b6d2d0e720c", "порядка двух рабочих дней", 0, NONE),      # `в год` is a rate
    ("000_87938b6d2d0e720c", "31 услуга", 0, NONE),
    ("000_87938b6d2d0e720c", "около 70 тыс. москвичей", 0, NONE),        # `ежедневно` is a rate
    ("000_87938b6d2d0e720c", "почти половина", 0, NONE),
    ("000_87938b6d2d0e720c", "в 1,5 раза больше пользователей", 0, Y2015),
    ("002_b8777918d902736b", "более чем 280 услугам", 0, ("2015-02-24", "2015-02-24")),
    ("002_b8777918d902736b", "120 из них", 0, ("2015-02-24", "2015-02-24")),
    ("002_b8777918d902736b", "4 млн. пользователей", 0, ("2014-12-01", "2014-12-01")),
    ("002_b8777918d902736b", "превышает 60 миллионов", 0, ("2014-12-01", "2014-12-01")),
    ("002_b8777918d902736b", "более чем в двенадцать раз", 0, Y2014),
    # the bullet list under `... за минувший год:`
    ("002_b8777918d902736b", "28 миллионов обращений", 0, Y2014),
    ("002_b8777918d902736b", "более 3,5 миллионов человек", 0, Y2014),
    ("002_b8777918d902736b", "68 000", 0, Y2014),
    ("002_b8777918d902736b", "75 000 детей", 0, Y2014),
    ("002_b8777918d902736b", "937 000 обращений", 0, Y2014),
    ("002_b8777918d902736b", "32 000 путевок", 0, Y2014),
    ("002_b8777918d902736b", "32 000 граждан", 0, Y2014),
    ("002_b8777918d902736b", "2,6 миллиарда рублей", 0, Y2014),
    ("002_b8777918d902736b", "350 миллионов рублей", 0, Y2014),
]


def fact_at(doc, phrase: str, occurrence: int = 0) -> FactRow:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    return FactRow(doc.doc_id, start, start + len(phrase), phrase, 0.0, "")


def periods(doc, sentences, facts, tools):
    dates = extract_dates(doc, sentences, tools)
    return [(f.period_start, f.period_end) for f in attach_periods(doc, facts, dates, sentences)]


@pytest.fixture(scope="module")
def seeds(tools):
    docs = {}
    for doc_id in {case[0] for case in SEEDS}:
        doc = next(iter(load_path(CORPUS / f"{doc_id}.txt")))
        docs[doc_id] = (doc, split_sentences(doc, tools))
    return docs


@pytest.mark.parametrize("doc_id, phrase, occurrence, period", SEEDS)
def test_seed_period(tools, seeds, doc_id, phrase, occurrence, period):
    doc, sentences = seeds[doc_id]
    assert periods(doc, sentences, [fact_at(doc, phrase, occurrence)], tools) == [period]


SENTENCES = [
    # sentence, fact phrase, published, period
    ("Число обращений за 2015 г. превысило 85 млн.", "85 млн", "2016-03-29", Y2015),
    ("В прошлом году открыто 22 новые услуги.", "22 новые услуги", "2016-03-29", Y2015),
    ("С начала года открыто 22 новые услуги.", "22 новые услуги", "2016-03-29", ("2016-01-01", "2016-03-29")),
    ("С 2011 года создано 7 систем.", "7 систем", None, ("2011-01-01", None)),     # open start, no end
    ("В первом квартале продано 500 квартир.", "500 квартир", "2016-05-10", ("2016-01-01", "2016-03-31")),
    ("Сегодня портал предоставляет 148 услуг.", "148 услуг", "2016-03-29", ("2016-03-29", "2016-03-29")),
    ("В прошлом году открыто 22 новые услуги.", "22 новые услуги", None, NONE),   # unresolvable
    # rates and anaphora give no period
    ("Центры посещают ежедневно около 70 тыс. москвичей.", "70 тыс. москвичей", "2016-03-29", NONE),
    ("Экономия составляет два рабочих дня в год.", "два рабочих дня", "2016-03-29", NONE),
    ("Тогда 2% акций обошлись в 200 млн долларов.", "200 млн долларов", "2016-03-29", NONE),
    # two clauses, two dates: each claim takes its own
    ("В 2009 году выручка составила 700 млн долларов, а в 2010 году компания ожидает 2 млрд долларов.",
     "700 млн долларов", None, ("2009-01-01", "2009-12-31")),
    ("В 2009 году выручка составила 700 млн долларов, а в 2010 году компания ожидает 2 млрд долларов.",
     "2 млрд долларов", None, ("2010-01-01", "2010-12-31")),
    # a clause without a date of its own takes the one before it ...
    ("На 01.12.2014 г. зарегистрировано 4 млн пользователей, а число обращений превышает 60 миллионов.",
     "60 миллионов", None, ("2014-12-01", "2014-12-01")),
    # ... unless it is anaphoric
    ("В 2009 году выручка составила 700 млн долларов, а сейчас она превышает 2 млрд долларов.",
     "2 млрд долларов", None, NONE),
    # the date before the claim wins over a later one in the same clause; a noun's date yields
    ("По итогам 2005 года доходы выросли на 11,7 процента в сравнении с показателем прошлого года "
     "и составили 667,2 миллиона фунтов.", "667,2 миллиона фунтов", None, Y2005),
    # ... but a date right after the claim is its own
    ("В 2015 году школ было 100, а учителей 8 тыс. в 2014 году.", "8 тыс.", None, Y2014),
    # a date after the claim governs when there is none before
    ("Чемпион защищает титул в матч-турнире восьми, который состоится осенью 2007 года.",
     "восьми", None, ("2007-09-01", "2007-11-30")),
    # a comparison's baseline is not the claim's time
    ("Число участниц по сравнению с прошлым годом выросло до 7 тыс.", "7 тыс.", "2016-03-29", NONE),
    ("Доходы составили 412 млрд рублей, что больше, чем за аналогичный период прошлого года.",
     "412 млрд рублей", "2016-03-29", NONE),
    # an undated time word before the claim keeps a later date away
    ("Пять лет назад на старты приходили сотни человек, сегодня — десятки тысяч.", "сотни человек",
     "2016-03-29", NONE),
    ("Пять лет назад на старты приходили сотни человек, сегодня — десятки тысяч.", "десятки тысяч",
     "2016-03-29", ("2016-03-29", "2016-03-29")),
    # no date in the sentence: no period
    ("Портал предоставляет 148 электронных услуг.", "148 электронных услуг", "2016-03-29", NONE),
]


@pytest.mark.parametrize("text, phrase, published, period", SENTENCES)
def test_sentence_period(tools, text, phrase, published, period):
    doc, sentences = doc_and_sentences(text, tools, published)
    assert periods(doc, sentences, [fact_at(doc, phrase)], tools) == [period]


def test_list_header_gives_its_period(tools):
    text = ("Итоги работы за 2014 год:\n\n- 28 миллионов обращений;\n- 75 000 детей записаны в сады;\n\n"
            "Портал предоставляет 148 услуг.")
    doc, sentences = doc_and_sentences(text, tools, "2015-02-24")
    facts = [fact_at(doc, p) for p in ("28 миллионов обращений", "75 000 детей", "148 услуг")]
    assert periods(doc, sentences, facts, tools) == [Y2014, Y2014, NONE]


def test_no_dates_leaves_facts_alone(tools):
    doc, sentences = doc_and_sentences("Портал предоставляет 148 услуг.", tools, "2016-03-29")
    fact = fact_at(doc, "148 услуг")
    assert attach_periods(doc, [fact], [], sentences) == [fact]

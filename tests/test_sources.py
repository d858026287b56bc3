"""Sources: the outlet or body a statement or claim is credited to, in the nominative (CLAIM_SEMANTICS.md: source).

`find_source` reads an attribution; the end-to-end table checks quotes.source, quotes.speaker and facts.source.
"""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline import extract
from pipeline.speech.sources import find_source

SOURCES = [
    # attribution                                                              source
    ("..., сообщает ТАСС.",                                                     "ТАСС"),
    ("..., передает РИА Новости.",                                              "РИА Новости"),
    ("Как сообщает «Интерфакс», ...",                                           "Интерфакс"),
    ("..., пишет газета «Ведомости».",                                          "газета «Ведомости»"),
    ("..., говорится в сообщении пресс-службы Департамента транспорта.",        "пресс-служба Департамента транспорта"),
    ("..., говорится в пресс-релизе Минздрава.",                                "Минздрав"),
    ("Об этом сообщили в пресс-службе мэрии.",                                  "пресс-служба мэрии"),
    ("..., сообщили журналистам в Департаменте образования и науки.",           "Департамент образования и науки"),
    ("Как сообщили в пресс-службе Комплекса градостроительной политики и строительства, ...",
                                                                                "пресс-служба Комплекса градостроительной политики и строительства"),
    ("..., рассказали в пресс-службе ГБУ «Жилищник района Марьино».",           "пресс-служба ГБУ «Жилищник района Марьино»"),
    ("По данным Мосстата, ...",                                                 "Мосстат"),
    ("По информации ГИБДД, ...",                                                "ГИБДД"),
    ("По данным сайта Roem.ru, ...",                                            "Roem.ru"),
    ("Согласно данным Росстата, ...",                                           "Росстат"),
    ("Об этом сообщается на сайте Департамента строительства.",                 "Департамент строительства"),
    ("Пресс-служба Департамента образования со ссылкой на заммэра сообщила ...", "пресс-служба Департамента образования"),
    ("Пресс-служба мэрии сообщила, что ...",                                    "пресс-служба мэрии"),
    # no source: a person, a pronoun, a generic or anaphoric body, the release's own voice
    ("Как сообщил Сергей Собянин, ...",                                         None),
    ("Наттавута Сайкыа сообщил сегодня, что ...",                               None),
    ("..., сообщил Министр финансов Алексей Кудрин.",                           None),
    ("По данным ведомства, ...",                                                None),
    ("..., сообщила газета.",                                                   None),
    ("Лидеры сообщили, что ...",                                                None),
    ("..., сообщил судья.",                                                     None),
    ("В 2025 году построено 50 школ.",                                          None),
]


@pytest.mark.parametrize("text,source", SOURCES)
def test_find_source(text, source):
    assert find_source(text) == source


RELEASE = """В городе открыли центры

06.11.2026

В городе работают 200 пунктов проката, сообщает ТАСС. По данным Мосстата, численность населения превысила 13 млн человек.
Как сообщили в пресс-службе мэрии, в 2026 году построено 20 школ.
Пресс-служба Департамента образования со ссылкой на заммэра Анастасию Ракову сообщила, что в школах учатся 1,5 млн детей.
В 2025 году открыли 30 поликлиник.
"""


@pytest.fixture(scope="module")
def tables(tools):
    return extract([RELEASE], tools=tools)


def value(x):
    return None if pd.isna(x) else x


@pytest.mark.parametrize("quote,speaker,source", [
    ("работают 200 пунктов проката", None, "ТАСС"),
    ("построено 20 школ", None, "пресс-служба мэрии"),
    ("учатся 1,5 млн детей", "Анастасия Ракова", "пресс-служба Департамента образования"),
])
def test_quote_source_and_speaker(tables, quote, speaker, source):
    rows = tables.quotes[tables.quotes.text.str.contains(quote, regex=False)]
    assert len(rows) == 1, list(tables.quotes.text)
    assert (value(rows.iloc[0].speaker), value(rows.iloc[0].source)) == (speaker, source)


@pytest.mark.parametrize("fact,source", [
    ("200 пунктов", "ТАСС"),
    ("13 млн", "Мосстат"),
    ("20 школ", "пресс-служба мэрии"),
    ("1,5 млн", "пресс-служба Департамента образования"),
    ("30 поликлиник", None),
])
def test_fact_source(tables, fact, source):
    rows = tables.facts[tables.facts.text.str.contains(fact, regex=False)]
    assert len(rows) == 1, list(tables.facts.text)
    assert value(rows.iloc[0].source) == source

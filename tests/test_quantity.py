"""Numeric claims: one table of Russian phrases -> the fact they state, and one of phrases that state none.

Rows follow EXTRACTION_SPEC.md ("What counts as a fact", "Values", "Qualifiers", "Units", worked example).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.facts.extract import extract_facts
from pipeline.io.load import load_path
from pipeline.nlp.segment import split_sentences
from conftest import CORPUS, doc_and_sentences


def facts_in_text(text, tools):
    doc, sentences = doc_and_sentences(text, tools)
    return extract_facts(doc, sentences, tools)


CASES = [
    # phrase                                          value          value_max  qualifier   unit        object
    # --- hyphenated compounds are one counted noun ---
    ("открыто 12 новых интернет-магазинов",            12,            None, "exact",    None,       "интернет-магазин"),
    ("проведено 150 экспресс-анализов",                 150,           None, "exact",    None,       "экспресс-анализ"),
    ("около 40 пресс-конференций",                      40,            None, "approx",   None,       "пресс-конференция"),
    ("записалось 20 человек - это рекорд",              20,            None, "exact",    None,       "человек"),
    # --- a bulleted statistics item: the noun after the dash is counted; elsewhere a dash brings a comment ---
    ("— 32 000 — путевки на детский отдых;",            32_000,        None, "exact",    None,       "путевка"),
    ("Участников было 300 — рекорд для района.",        300,           None, "exact",    None,       None),
    ("300 — рекорд для района.",                        300,           None, "exact",    None,       None),
    # --- worked example (corpus/000) ---
    ("решить более 1 млн проблем",                      1_000_000,     None, "more",     None,       "проблема"),
    ("Портал предоставляет 148 электронных услуг.",     148,           None, "exact",    None,       "услуга"),
    ("созданы 7 принципиально новых систем",            7,             None, "exact",    None,       "система"),
    ("удалось решить около 1 млн различных проблем",    1_000_000,     None, "approx",   None,       "проблема"),
    ("зарегистрировались сотни тысяч активных москвичей", 100_000,     None, "at_least", None,       "москвич"),
    ("Из них 22 новые услуги были открыты",             22,            None, "exact",    None,       "услуга"),
    ("достигло 5,3 млн. человек",                       5_300_000,     None, "exact",    None,       "человек"),
    ("сегодня каждый второй москвич использует портал", 0.5,           None, "exact",    "доля",     "москвич"),
    ("Число обращений за 2015 г. превысило 85 млн.",    85_000_000,    None, "more",     None,       "обращение"),
    ("составляет более 100 млн. человеко-часов",        100_000_000,   None, "more",     "человеко-час", None),
    ("или порядка двух рабочих дней на каждого",        2,             None, "approx",   "день",     None),
    ("уже переведена 31 услуга.",                       31,            None, "exact",    None,       "услуга"),
    ("обращаются ежедневно около 70 тыс. москвичей",    70_000,        None, "approx",   None,       "москвич"),
    ("зарегистрирована почти половина от всех проживающих", 0.5,       None, "approx",   "доля",     "проживать"),
    ("зарегистрировались в 1,5 раза больше пользователей", 1.5,        None, "exact",    "раз",      "пользователь"),
    # --- corpus/002 ---
    ("пользуются более 4 млн человек",                  4_000_000,     None, "more",     None,       "человек"),
    ("доступ к более чем 280 услугам",                  280,           None, "more",     None,       "услуга"),
    ("количество граждан «перевалило» отметку 4 млн. пользователей", 4_000_000, None, "more", None, "пользователь"),
    ("общее число обращений в год превышает 60 миллионов", 60_000_000, None, "more",     None,       "обращение"),
    ("Количество граждан возросло более чем в двенадцать раз!", 12,    None, "more",     "раз",      "гражданин"),
    ("- 28 миллионов обращений для передачи показаний", 28_000_000,    None, "exact",    None,       "обращение"),
    ("75 000 детей записаны в детские сады",            75_000,        None, "exact",    None,       "ребёнок"),
    ("937 000 обращений для получения ЕПД",             937_000,       None, "exact",    None,       "обращение"),
    ("— 2,6 миллиарда рублей - эта сумма платежей",     2_600_000_000, None, "exact",    "рубль",    None),
    ("350 миллионов рублей - сумма штрафов",            350_000_000,   None, "exact",    "рубль",    None),
    # --- digits and separators ---
    ("собрали 68\u00a0000 подписей",                    68_000,        None, "exact",    None,       "подпись"),
    ("собрали 68\u2009000 подписей",                    68_000,        None, "exact",    None,       "подпись"),
    ("собрали 68\u202f000 подписей",                    68_000,        None, "exact",    None,       "подпись"),
    ("выделено 1.000.000 рублей",                       1_000_000,     None, "exact",    "рубль",    None),
    ("выделено 1 200 000 рублей",                       1_200_000,     None, "exact",    "рубль",    None),
    ("подано 3070 заявок",                              3070,          None, "exact",    None,       "заявка"),
    ("рост составил 2,6 процента",                      2.6,           None, "exact",    "процент",  None),
    ("выручка составила 1.5 млрд долларов",             1_500_000_000, None, "exact",    "доллар",   None),
    ("компания потратила $200 млн",                     200_000_000,   None, "exact",    "доллар",   None),
    ("на сумму 5 тыс. евро",                            5000,          None, "exact",    "евро",     None),
    ("бюджет составит 3 трлн рублей",                   3e12,          None, "exact",    "рубль",    None),
    ("штраф 500 руб.",                                  500,           None, "exact",    "рубль",    None),
    ("выделили 2,5 млрд",                               2_500_000_000, None, "exact",    None,       None),
    ("выделили 5 тысяч",                                5000,          None, "exact",    None,       None),
    ("выделили 10 тысяча рублей",                       10_000,        None, "exact",    "рубль",    None),
    ("на 3 миллиарда рублей",                           3e9,           None, "exact",    "рубль",    None),
    # --- number words ---
    ("двенадцать человек",                              12,            None, "exact",    None,       "человек"),
    ("в составе двух стран",                            2,             None, "exact",    None,       "страна"),
    ("полтора миллиона рублей",                         1_500_000,     None, "exact",    "рубль",    None),
    ("полторы тысячи человек",                          1500,          None, "exact",    None,       "человек"),
    ("более тридцати пяти лет",                         35,            None, "more",     "год",      None),
    ("сто двадцать тысяч человек",                      120_000,       None, "exact",    None,       "человек"),
    ("пришла одна тысяча человек",                      1000,          None, "exact",    None,       "человек"),
    ("две тысячи пятьсот рублей",                       2500,          None, "exact",    "рубль",    None),
    ("около шестисот представителей",                   600,           None, "approx",   None,       "представитель"),
    ("Лидеры двух стран отметили",                      2,             None, "exact",    None,       "страна"),
    ("отметили три сферы",                              3,             None, "exact",    None,       "сфера"),
    ("вернулись четыре астронавта",                     4,             None, "exact",    None,       "астронавт"),
    ("погибли четырнадцать астронавтов",                14,            None, "exact",    None,       "астронавт"),
    ("из пятерых кандидатов",                           5,             None, "exact",    None,       "кандидат"),
    ("Шестеро выступили против",                        6,             None, "exact",    None,       None),
    ("Оба шахматиста согласились",                      2,             None, "exact",    None,       "шахматист"),
    ("Запрет будет действовать один год.",              1,             None, "exact",    "год",      None),
    ("за десять лет",                                   10,            None, "exact",    "год",      None),
    ("до уровня десяти миллиардов долларов",            1e10,          None, "exact",    "доллар",   None),
    ("три миллиона двести тысяч рублей",                3_200_000,     None, "exact",    "рубль",    None),
    ("в течение двух лет",                              2,             None, "exact",    "год",      None),
    # --- qualifiers ---
    ("порядка 500 человек",                             500,           None, "approx",   None,       "человек"),
    ("примерно 30 школ",                                30,            None, "approx",   None,       "школа"),
    ("приблизительно 40 км",                            40,            None, "approx",   "километр", None),
    ("где-то 200 человек",                              200,           None, "approx",   None,       "человек"),
    ("в районе 100 тонн",                               100,           None, "approx",   "тонна",    None),
    ("ориентировочно 12 млн рублей",                    12_000_000,    None, "approx",   "рубль",    None),
    ("свыше 300 обращений",                             300,           None, "more",     None,       "обращение"),
    ("больше 20 специалистов",                          20,            None, "more",     None,       "специалист"),
    ("100 с лишним заявок",                             100,           None, "more",     None,       "заявка"),
    ("перевалило за 1 млн пользователей",               1_000_000,     None, "more",     None,       "пользователь"),
    ("Выручка превысила 5 млрд рублей.",                5e9,           None, "more",     "рубль",    None),
    ("не менее 50 процентов",                           50,            None, "at_least", "процент",  None),
    ("не меньше 10 дней",                               10,            None, "at_least", "день",     None),
    ("как минимум 3 месяца",                            3,             None, "at_least", "месяц",    None),
    ("минимум 5 человек",                               5,             None, "at_least", None,       "человек"),
    ("цены от 300 рублей",                              300,           None, "at_least", "рубль",    None),
    ("менее 10%",                                       10,            None, "less",     "процент",  None),
    ("меньше 5 минут",                                  5,             None, "less",     "минута",   None),
    ("не достигает 3%",                                 3,             None, "less",     "процент",  None),
    ("не более 15 человек",                             15,            None, "at_most",  None,       "человек"),
    ("не больше 2 часов",                               2,             None, "at_most",  "час",      None),
    ("максимум 40 мест",                                40,            None, "at_most",  None,       "место"),
    ("доля не превышает 7%",                            7,             None, "at_most",  "процент",  None),
    ("соберутся до 6 тысяч человек",                    6000,          None, "at_most",  None,       "человек"),
    ("может выводить на орбиту до 20 тонн полезных грузов", 20,        None, "at_most",  "тонна",    "груз"),
    ("поднять штраф до 3 миллионов рублей",             3_000_000,     None, "exact",    "рубль",    None),
    ("тариф вырос до 45 рублей",                        45,            None, "exact",    "рубль",    None),
    ("перегрузки доходят до 8 G",                       8,             None, "exact",    None,       "g"),
    ("Показатель достиг 10%.",                          10,            None, "exact",    "процент",  None),
    ("превышает на 27% прошлогодний",                   27,            None, "exact",    "процент",  None),
    ("подождать минут десять",                          10,            None, "approx",   "минута",   None),
    ("пришли человек двадцать",                         20,            None, "approx",   None,       "человек"),
    # --- ranges and changes ---
    ("от 5 до 10 человек",                              5,             10,   "exact",    None,       "человек"),
    ("от 100 до 500 рублей",                            100,           500,  "exact",    "рубль",    None),
    ("от 100 до 200 млн долларов",                      100_000_000,   200_000_000, "exact", "доллар", None),
    ("5–7 млн рублей",                                  5_000_000,     7_000_000, "exact", "рубль",  None),
    ("1,2—2 млрд долларов",                             1_200_000_000, 2_000_000_000, "exact", "доллар", None),
    ("рост на 5-10%",                                   5,             10,   "exact",    "процент",  None),
    ("2-3 раза в неделю",                               2,             3,    "exact",    None,       "раз"),
    # --- units ---
    ("площадью 120 кв. м",                              120,           None, "exact",    "квадратный метр", None),
    ("площадью 120 кв.м",                               120,           None, "exact",    "квадратный метр", None),
    ("площадью 120 м²",                                 120,           None, "exact",    "квадратный метр", None),
    ("на 35 тыс. квадратных метров",                    35_000,        None, "exact",    "квадратный метр", None),
    ("на площади 12 га",                                12,            None, "exact",    "гектар",   None),
    ("5 гектаров земли",                                5,             None, "exact",    "гектар",   "земля"),
    ("проложено 15 км дорог",                           15,            None, "exact",    "километр", "дорога"),
    ("длиной 300 метров",                               300,           None, "exact",    "метр",     None),
    ("вывезли 40 т мусора",                             40,            None, "exact",    "тонна",    "мусор"),
    ("2 тыс. кубических метров",                        2000,          None, "exact",    "кубический метр", None),
    ("весом 15 кг",                                     15,            None, "exact",    "килограмм", None),
    ("объемом 50 л",                                    50,            None, "exact",    "литр",     None),
    ("мощностью 100 кВт",                               100,           None, "exact",    "киловатт", None),
    ("мощностью 20 МВт",                                20,            None, "exact",    "мегаватт", None),
    ("за 30 секунд",                                    30,            None, "exact",    "секунда",  None),
    ("через 15 минут",                                  15,            None, "exact",    "минута",   None),
    ("работа заняла 48 часов",                          48,            None, "exact",    "час",      None),
    ("в течение трех недель",                           3,             None, "exact",    "неделя",   None),
    ("шесть месяцев",                                   6,             None, "exact",    "месяц",    None),
    ("5% акций Facebook",                               5,             None, "exact",    "процент",  "акция"),
    ("более 40 % выходцев-управленцев",                 40,            None, "more",     "процент",  "выходец-управленец"),
    ("11,7 процента",                                   11.7,          None, "exact",    "процент",  None),
    ("10 кипрских фунтов",                              10,            None, "exact",    None,       "фунт"),
    ("800 тысяч человеко-дней",                         800_000,       None, "exact",    "человеко-день", None),
    # --- раз ---
    ("в десять раз больше крымских татар",              10,            None, "exact",    "раз",      "татарин"),
    ("сократилось в 3 раза",                            3,             None, "exact",    "раз",      None),
    ("поднять его ещё вдвое",                           2,             None, "exact",    "раз",      None),
    ("выросло втрое",                                   3,             None, "exact",    "раз",      None),
    ("происходит два раза в год",                       2,             None, "exact",    None,       "раз"),
    ("спускался дважды",                                2,             None, "exact",    None,       "раз"),
    ("просмотрено 2 миллиарда раз",                     2e9,           None, "exact",    None,       "раз"),
    # --- shares ---
    ("более половины голосов",                          0.5,           None, "more",     "доля",     "голос"),
    ("Около трети бюджетных доходов",                   1 / 3,         None, "approx",   "доля",     "доход"),
    ("четверть бюджета",                                0.25,          None, "exact",    "доля",     "бюджет"),
    ("две трети жителей",                               2 / 3,         None, "exact",    "доля",     "житель"),
    ("половину призового фонда",                        0.5,           None, "exact",    "доля",     "фонд"),
    ("каждый третий житель",                            1 / 3,         None, "exact",    "доля",     "житель"),
    ("9 из 10 опрошенных",                              0.9,           None, "exact",    "доля",     "опросить"),
    ("Шестеро из семи кандидатов",                      6 / 7,         None, "exact",    "доля",     "кандидат"),
    # --- vague plurals ---
    ("десятки людей",                                   10,            None, "at_least", None,       "человек"),
    ("тысячи своих сторонников",                        1000,          None, "at_least", None,       "сторонник"),
    ("миллионы пользователей",                          1_000_000,     None, "at_least", None,       "пользователь"),
    ("несколько сотен жителей",                         100,           None, "at_least", None,       "житель"),
    ("несколько десятков тысяч",                        10_000,        None, "at_least", None,       None),
    ("десятки тысяч зрителей",                          10_000,        None, "at_least", None,       "зритель"),
    ("около тысячи человек",                            1000,          None, "approx",   None,       "человек"),
    ("более миллиона рублей",                           1_000_000,     None, "more",     "рубль",    None),
    ("миллион рублей",                                  1_000_000,     None, "exact",    "рубль",    None),
    # --- fused ages and durations ---
    ("220-летний юбилей",                               220,           None, "exact",    "год",      None),
    ("трехмесячный срок",                               3,             None, "exact",    "месяц",    None),
    ("двухлетний ребенок",                              2,             None, "exact",    "год",      None),
    ("пятидневную рабочую неделю",                      5,             None, "exact",    "день",     None),
    ("полуторачасовую беседу",                          1.5,           None, "exact",    "час",      None),
    ("в течение полугода",                              0.5,           None, "exact",    "год",      None),
    ("полчаса",                                         0.5,           None, "exact",    "час",      None),
    ("10-кратный рост",                                 10,            None, "exact",    "раз",      None),
    # --- qualifier before a preposition, `с половиной`, homonyms ---
    ("вырос почти на 18%.",                             18,            None, "approx",   "процент",  None),
    ("выявлены менее чем в 1% случаев.",                1,             None, "less",     "процент",  "случай"),
    ("сократилось более чем на 30%",                    30,            None, "more",     "процент",  None),
    ("появится 12 км новых выделенных полос",           12,            None, "exact",    "километр", "полоса"),
    ("за четыре с половиной года",                      4.5,           None, "exact",    "год",      None),
    ("семью заключёнными журналистами",                 7,             None, "exact",    None,       "журналист"),
    ("посещение двух из этих островов",                 2,             None, "exact",    None,       "остров"),
    ("порядка 25 сантиметров снега",                    25,            None, "approx",   None,       "сантиметр"),
    ("протяжённость 5 км.",                             5,             None, "exact",    "километр", None),
    # --- case endings after digits ---
    ("30-и его служащим",                               30,            None, "exact",    None,       "служащий"),
    ("14-и космических агентств",                       14,            None, "exact",    None,       "агентство"),
    ("в 5-ти школах",                                   5,             None, "exact",    None,       "школа"),
]

NOT_FACTS = [
    # the denominator of a rate: `цена одного квадратного метра`
    "Средняя цена одного квадратного метра выросла.", "Стоимость одной поездки снизилась.",
    # dates and years
    "29.03.2016", "в 2015 году", "2015 г.", "Начиная с 2011 г. в Москве", "29 марта", "в 2015–2016 годах",
    "на 01.12.2014 г.", "1 февраля 2003 года", "в 1704 году", "3797 год — кончина миру", "летом 2015",
    "в 90-х годах", "задачи на 2016 год", "в 2016-2020 гг.",
    # clock times
    "в 19 часов", "19:00", "в 06.00 по московскому времени", "к 9 часам утра",
    # ordinals and anniversaries
    "второй", "2-й", "первый класс", "в 3 квартале", "45-летие полёта", "пятилетие", "5 класс",
    # identifiers
    "№ 5", "пункт 3", "дом 12", "корпус 2", "школа № 1234", "статья 15", "п. 4",
    # phones, URLs, names with digits
    "+7 (495) 123-45-67", "8-800-555-35-35", "pgu.mos.ru", "http://mos.ru/news/2672680.html",
    "info2016@mos.ru", "COVID-19", "Су-27", "iPhone 6", "Союз ТМА-7", "МС-21",
    # descriptive compounds, bare `несколько`, `один из`
    "трехкомнатная квартира", "двухэтажный дом", "несколько", "несколько человек", "одна из сторон",
    "один из них", "N-летие", "3-комнатная квартира",
    # list numbers, scores, school years, opening hours, homonyms
    "1. Михаил Саакашвили", "при счёте 2:1", "счёт 6 – 0 в пользу хозяев", "по итогам 2014/15 учебного года",
    "работает с 9 до 18 часов", "около 7 вечера", "20 и 21 марта", "увидит свою семью", "компания 3Com",
    "пройдёт в третью среду марта",
]


@pytest.mark.parametrize("phrase, value, value_max, qualifier, unit, obj", CASES)
def test_quantity(tools, phrase, value, value_max, qualifier, unit, obj):
    got = [(f.value, f.value_max, f.qualifier, f.unit, f.object and f.object.replace("ё", "е"))
           for f in facts_in_text(phrase, tools)]
    expected_max = None if value_max is None else pytest.approx(value_max)
    assert got == [(pytest.approx(value), expected_max, qualifier, unit, obj and obj.replace("ё", "е"))]


@pytest.mark.parametrize("phrase", NOT_FACTS)
def test_not_a_fact(tools, phrase):
    assert [f.text for f in facts_in_text(phrase, tools)] == []


def test_change_gives_two_facts(tools):
    got = [(f.value, f.qualifier) for f in facts_in_text("Число пользователей выросло с 50 до 62 млн.", tools)]
    assert got == [(50_000_000, "exact"), (62_000_000, "exact")]


def test_elided_unit_from_parallel_expression(tools):
    got = [(f.value, f.unit) for f in facts_in_text("Билеты стоят по 100, 200 рублей.", tools)]
    assert got == [(100, "рубль"), (200, "рубль")]


def test_elided_unit_from_previous_sentence(tools):
    text = "Концерн платит 1,5 миллионов долларов ежедневно. Комиссия угрожала поднять штраф до 3 миллионов."
    got = [(f.value, f.qualifier, f.unit) for f in facts_in_text(text, tools)]
    assert got == [(1_500_000, "exact", "доллар"), (3_000_000, "exact", "доллар")]


def test_elided_object_from_parallel_expression(tools):
    text = "Портал даёт доступ к более чем 280 услугам, 120 из них оказываются дистанционно."
    got = [(f.text, f.value, f.qualifier, f.object) for f in facts_in_text(text, tools)]
    assert got == [("более чем 280 услугам", 280, "more", "услуга"), ("120 из них", 120, "exact", "услуга")]


def test_columns(tools):
    doc, sentences = doc_and_sentences("Портал предоставляет 148 электронных услуг.", tools)
    [fact] = extract_facts(doc, sentences, tools)
    assert doc.text[fact.start:fact.end] == fact.text == "148 электронных услуг"
    assert (fact.raw_number, fact.kind, fact.object_phrase) == ("148", "count", "электронная услуга")
    assert fact.sentence == sentences[0].text and fact.sentence_start == sentences[0].start
    assert fact.fact_id is None and fact.speaker is None and fact.period_start is None


def test_raw_number_and_multiplier(tools):
    [fact] = facts_in_text("выделено 2,6 миллиарда рублей", tools)
    assert (fact.raw_number, fact.multiplier, fact.kind, fact.text) == ("2,6", 1e9, "money", "2,6 миллиарда рублей")


SEEDS = {
    "000_87938b6d2d0e720c.txt": [
        # text                                  value        qualifier   unit            object
        ("более 1 млн проблем",                 1_000_000,   "more",     None,           "проблема"),
        ("148 электронных услуг",               148,         "exact",    None,           "услуга"),
        ("более 1 млн различных проблем",       1_000_000,   "more",     None,           "проблема"),
        ("7 принципиально новых систем",        7,           "exact",    None,           "система"),
        ("около 1 млн различных проблем",       1_000_000,   "approx",   None,           "проблема"),
        ("сотни тысяч активных москвичей",      100_000,     "at_least", None,           "москвич"),
        ("148 электронных услуг",               148,         "exact",    None,           "услуга"),
        ("22 новые услуги",                     22,          "exact",    None,           "услуга"),
        ("5,3 млн. человек",                    5_300_000,   "exact",    None,           "человек"),
        ("каждый второй москвич",               0.5,         "exact",    "доля",         "москвич"),
        ("превысило 85 млн",                    85_000_000,  "more",     None,           "обращение"),
        ("более 100 млн. человеко-часов",       100_000_000, "more",     "человеко-час", None),
        ("порядка двух рабочих дней",           2,           "approx",   "день",         None),
        ("31 услуга",                           31,          "exact",    None,           "услуга"),
        ("около 70 тыс. москвичей",             70_000,      "approx",   None,           "москвич"),
        ("почти половина",                      0.5,         "approx",   "доля",         "проживать"),
        ("в 1,5 раза больше пользователей",     1.5,         "exact",    "раз",          "пользователь"),
    ],
    "002_b8777918d902736b.txt": [
        ("более 4 млн человек",                 4_000_000,   "more",     None,           "человек"),
        ("более чем 280 услугам",               280,         "more",     None,           "услуга"),
        ("120 из них",                          120,         "exact",    None,           "услуга"),
        ("отметку 4 млн. пользователей",        4_000_000,   "more",     None,           "пользователь"),
        ("превышает 60 миллионов",              60_000_000,  "more",     None,           "обращение"),
        ("более чем в двенадцать раз",          12,          "more",     "раз",          "гражданин"),
        ("28 миллионов обращений",              28_000_000,  "exact",    None,           "обращение"),
        ("более 3,5 миллионов человек",         3_500_000,   "more",     None,           "человек"),
        ("68 000",                              68_000,      "exact",    None,           "запись"),
        ("75 000 детей",                        75_000,      "exact",    None,           "ребёнок"),
        ("937 000 обращений",                   937_000,     "exact",    None,           "обращение"),
        ("32 000 путевок",                      32_000,      "exact",    None,           "путёвка"),
        ("32 000 граждан",                      32_000,      "exact",    None,           "гражданин"),
        ("2,6 миллиарда рублей",                2_600_000_000, "exact",  "рубль",        None),
        ("350 миллионов рублей",                350_000_000, "exact",    "рубль",        None),
    ],
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_worked_example(tools, name):
    [doc] = list(load_path(Path(CORPUS) / name))
    facts = extract_facts(doc, split_sentences(doc, tools), tools)
    got = [(f.value, f.qualifier, f.unit, f.object and f.object.replace("ё", "е")) for f in facts]
    expected = [(pytest.approx(v), q, u, o and o.replace("ё", "е")) for _, v, q, u, o in SEEDS[name]]
    assert got == expected
    for (text, *_), fact in zip(SEEDS[name], facts):
        assert text in fact.text or fact.text in text

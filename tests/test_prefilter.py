"""Prefilter: every quantity phrase passes it, number tokens join, and blocked spans cover non-numbers."""
from __future__ import annotations

import re

import pytest
from test_quantity import CASES

from conftest import doc_and_sentences
from pipeline.facts.numbers import blocked_spans, can_match, merge_numbers
from pipeline.nlp.prefilter import stems_pattern

NO_NUMBER = ["Мэр отметил эффективность проектов.", "Портал работает круглосуточно.", "Ракова рассказала о планах."]

MERGED = [
    ("собрали 68 000 подписей", ["собрали", "68 000", "подписей"]),
    ("собрали 68\u00a0000 подписей", ["собрали", "68\u00a0000", "подписей"]),
    ("достигло 5,3 млн", ["достигло", "5,3", "млн"]),
    ("выделено 1.000.000 рублей", ["выделено", "1.000.000", "рублей"]),
    ("выручка 1.5 млрд", ["выручка", "1.5", "млрд"]),
    ("по 100, 200 рублей", ["по", "100", ",", "200", "рублей"]),
    ("в 2015 году 148 услуг", ["в", "2015", "году", "148", "услуг"]),
    ("1 234 567,8 тонны", ["1 234 567,8", "тонны"]),
]

BLOCKED = [
    ("Портал pgu.mos.ru работает", "pgu.mos.ru"), ("см. http://mos.ru/news/2672680.html", "http://mos.ru/news/2672680.html"),
    ("пишите на info2016@mos.ru", "info2016@mos.ru"), ("на 01.12.2014 г.", "01.12.2014"), ("в 19:00", "19:00"),
    ("звоните +7 (495) 123-45-67", "+7 (495) 123-45-67"), ("эпидемия COVID-19", "COVID-19"), ("самолёт Су-27", "Су-27"),
    ("счёт 2:1", "2:1"), ("компания 3Com", "3Com"),
]


@pytest.mark.parametrize("phrase", [row[0] for row in CASES])
def test_every_case_passes(phrase):
    assert can_match(phrase)


@pytest.mark.parametrize("text", NO_NUMBER)
def test_sentences_without_numbers_are_skipped(text):
    assert not can_match(text)


def test_every_number_word_form_passes(tools):
    from grammars.numbers import NUMBER_WORDS
    for word in NUMBER_WORDS:
        for parse in tools.morph.parse(word)[:1]:
            for form in parse.lexeme:
                assert can_match(form.word), form.word


@pytest.mark.parametrize("text, expected", MERGED)
def test_merge_numbers(tools, text, expected):
    doc, [sentence] = doc_and_sentences(text, tools)
    assert [t.value for t in merge_numbers(sentence.tokens, doc.text)] == expected


@pytest.mark.parametrize("text, blocked", BLOCKED)
def test_blocked_spans(text, blocked):
    start = text.index(blocked)
    assert any(s <= start and start + len(blocked) <= e for s, e in blocked_spans(text))


STEMS = ("сказа", "заяв", "сообщ", "отмет", "отмеч", "по словам", "говор", "заявлени")


@pytest.mark.parametrize("text, found", [
    ("Об этом сообщили в пресс-службе", True),
    ("Мэр ЗАЯВИЛ журналистам", True),            # case-insensitive, as the flat alternation
    ("По словам министра, всё готово", True),    # a stem with a space
    ("отмечено в докладе", True),
    ("Рассказал о планах", True),                # found inside a word, as re.search does
    ("Открыт новый парк", False),
    ("", False),
])
def test_stems_pattern_finds_what_a_flat_alternation_finds(text, found):
    flat = re.compile("|".join(STEMS), re.I)
    trie = re.compile(stems_pattern(STEMS), re.I)
    assert bool(trie.search(text)) == bool(flat.search(text)) == found


# edges of the word-at-a-time prefilters: case, ё, a word character right after a stem (`три_`, `триz`),
# a number word glued to Latin or a non-Russian Cyrillic letter, stems inside words, empty text
PREFILTER_EDGES = ["три", "Три дома", "три_", "трийz", "триz", "сантри", "ТРЁХЛЕТНИЙ", "трехлетний план",
                   "двухz", "zдвух", "іодна", "одна", "одна_", "однажды", "Однаz", "полчаса", "полу-часа",
                   "млн", "xмлн", "млнx", "Январь", "январе", "вянваре", "в январе 2016", "", " ", "—", "ё",
                   "вдвое", "Вдвое", "четырежды", "пятидневную", "сто", "стоять", "ста_", "сот", "обоих",
                   "обоихz", "слово в слово", "половина", "треть", "кАждый", "a1", "Ж1"]


def corpus_sentences(tools) -> list[str]:
    from conftest import CORPUS
    from pipeline.io.load import find_inputs, load_path
    from pipeline.nlp.segment import split_sentences
    return [s.text for found in find_inputs([CORPUS]) for d in load_path(found.path) for s in split_sentences(d, tools)]


def test_can_match_is_the_regex_search(tools):
    from pipeline.facts.numbers import CAN_MATCH
    texts = PREFILTER_EDGES + corpus_sentences(tools)
    texts += [w for t in texts for w in t.split()]
    assert [can_match(t) for t in texts] == [CAN_MATCH.search(t) is not None for t in texts]
    assert any(can_match(t) for t in texts) and not all(can_match(t) for t in texts)


def test_dates_can_match_is_the_regex_search(tools):
    from pipeline.dates.extract import CAN_MATCH, can_match as dates_can_match
    texts = PREFILTER_EDGES + corpus_sentences(tools)
    texts += [w for t in texts for w in t.split()]
    assert [dates_can_match(t) for t in texts] == [CAN_MATCH.search(t) is not None for t in texts]
    assert any(dates_can_match(t) for t in texts) and not all(dates_can_match(t) for t in texts)


def test_speech_cue_prefilter_is_the_regex_search(tools):
    from pipeline.speech.indirect import CAN_MATCH, has_cue
    texts = ["Как сказал мэр", "РАССКАЗАЛА", "пересказ", "сказ", "xсказалz", "Заявил:", "ответ", "", "—"]
    texts += corpus_sentences(tools)
    texts += [w for t in texts for w in t.split()]
    assert [has_cue(t) for t in texts] == [CAN_MATCH.search(t) is not None for t in texts]
    assert any(has_cue(t) for t in texts) and not all(has_cue(t) for t in texts)


@pytest.mark.parametrize("text, spans", [
    ("пишите на user.name+tag@mail.ru и info@mos.ru", ["user.name+tag@mail.ru", "info@mos.ru"]),
    ("COVID-19, Су-27 и М4", ["COVID-19", "Су-27", "М4"]),
    ("abc5def6 и ааБ12-3", ["abc5", "def6", "ааБ12-3"]),      # a name starts after digits, never mid-word
    ("счёт 2:1 в 19:00, 29.03.2016", ["2:1", "19:00", "29.03.2016"]),
    ("без цифр и без почты", []),
])
def test_blocked_spans_exactly(text, spans):
    assert [text[s:e] for s, e in blocked_spans(text)] == spans


def test_blocked_look_behinds_change_no_span(tools):
    """The e-mail and name patterns start only at their run's start (for speed): on the corpus and on
    glued edge cases, the spans are those of the same alternation without the look-behinds."""
    from pipeline.facts.numbers import BLOCKED as PATTERN
    plain = re.compile(PATTERN.pattern.replace(r"(?<![^\W\d])(?<![.+-])", "")
                       .replace(r"(?<![A-Za-zА-Яа-яЁё])", ""))
    assert plain.pattern != PATTERN.pattern
    texts = corpus_sentences(tools) + ["abc5def6", "2:1abc5", "29.03.2016 a.b@c.ru", "x-y.z+w@q.ru",
                                       "М4М5 Су-27-1.2", "www.mos.ru/a1 info2016@mos.ru 3Com"]
    assert [[m.span() for m in PATTERN.finditer(t)] for t in texts] == [[m.span() for m in plain.finditer(t)]
                                                                         for t in texts]

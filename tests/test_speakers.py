"""Speakers of facts: a claim inside a quote or a clause governed by a speech verb is its speaker's."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.records import FactRow, QuoteRow
from pipeline.speech.speakers import attach_speakers
from conftest import CORPUS, make_doc
from test_quotes import quotes_in


def fact_at(text: str, phrase: str) -> FactRow:
    start = text.index(phrase)
    return FactRow("t", start, start + len(phrase), phrase, 1.0, sentence=text)


CASES = [
    # text, fact phrase → speaker, in_quote
    ("«Портал помог решить более 1 млн проблем», — отметил мэр Москвы Сергей Собянин.",
     "более 1 млн проблем", "Сергей Собянин", True),
    ("Как подчеркнул Сергей Собянин, экономия составляет более 100 млн человеко-часов.",
     "более 100 млн человеко-часов", "Сергей Собянин", False),
    ("По словам Кирилла Ладыгина, на линии выйдут свыше 300 автобусов.", "свыше 300 автобусов",
     "Кирилл Ладыгин", False),
    ("Анастасия Ракова рассказала, что за год открыто 22 новые услуги.", "22 новые услуги",
     "Анастасия Ракова", False),
    ("Портал посетили 2 млн человек. Об этом сообщил Сергей Собянин.", "2 млн человек", "Сергей Собянин", False),
    ("Собянин: Портал помог решить более 1 млн проблем", "более 1 млн проблем", "Сергей Собянин", True),
    # outside any statement
    ("Портал предоставляет 148 электронных услуг.", "148 электронных услуг", None, False),
    ("Сергей Собянин провел заседание. Портал предоставляет 148 услуг.", "148 услуг", None, False),
    ("Сергей Собянин считает, что портал посещают 5 млн человек.", "5 млн человек", None, False),
    ("Как сообщили в пресс-службе, работы завершены на 90%.", "90%", None, False),
    # before the quote, in the attribution sentence: not the speaker's claim
    ("На заседании 7 министров. «Мы откроем 14 школ», — сказал Сергей Собянин.", "7 министров", None, False),
    # a claim in indirect speech nested in someone else's answer belongs to the nested speaker
    ("Голос Америки: Какова реакция господина Эрдогана?\n"
     "Мустафа Джемилев: Положительная! Он сказал, что поможет построить две школы.",
     "две школы", "Реджеп Эрдоган", True),
]


@pytest.mark.parametrize("text, phrase, speaker, in_quote", CASES)
def test_speaker(tools, text, phrase, speaker, in_quote):
    quotes = quotes_in(text, tools)
    (fact,) = attach_speakers(make_doc(text), [fact_at(text, phrase)], quotes, None, [])
    assert (fact.speaker, fact.in_quote) == (speaker, in_quote)
    assert (fact.quote_id is None) == (speaker is None and not in_quote and "пресс-служб" not in text)


def test_headline_with_the_speaker_last(tools):
    from pipeline.io.load import load_text
    from pipeline.speech.extract import extract_quotes
    from pipeline.nlp.segment import split_sentences
    from test_quotes import hand_people

    text = "Порталом пользуются более 4 млн человек - Собянин\n\n24.02.2015\n\nСергей Собянин провел заседание."
    doc = load_text(text, doc_id="t")
    quotes = extract_quotes(doc, split_sentences(doc, tools), hand_people(text), tools)
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("Порталом пользуются более 4 млн человек", "Сергей Собянин", "direct")]
    (fact,) = attach_speakers(doc, [fact_at(text, "более 4 млн человек")], quotes, None, [])
    assert (fact.speaker, fact.in_quote) == ("Сергей Собянин", True)


def test_innermost_quote_wins():
    text = "x" * 100
    outer = QuoteRow("t", "t/q1", 0, 100, text, speaker="Мустафа Джемилев", kind="direct")
    inner = QuoteRow("t", "t/q2", 40, 60, text[40:60], speaker="Реджеп Эрдоган", speaker_position="премьер-министр",
                     kind="indirect")
    (fact,) = attach_speakers(make_doc(text), [FactRow("t", 45, 50, "xxxxx", 1.0, sentence=text)],
                              [outer, inner], None, [])
    assert (fact.speaker, fact.speaker_position, fact.quote_id, fact.in_quote) == (
        "Реджеп Эрдоган", "премьер-министр", "t/q2", True)


# --- the seeds end to end: speakers as in the spec's worked example (needs facts and people) ---

SEED_SPEAKERS = {
    "000_87938b6d2d0e720c": {
        "Сергей Собянин": ["более 1 млн проблем", "более 1 млн различных проблем", "около 1 млн различных проблем",
                           "сотни тысяч", "более 100 млн", "порядка двух рабочих дней", "около 70 тыс",
                           "почти половина", "в 1,5 раза"],
        None: ["148 электронных услуг", "7 принципиально новых систем", "22 новые услуги", "5,3 млн",
               "каждый второй", "85 млн", "31 услуга"],
    },
    "002_b8777918d902736b": {
        "Сергей Собянин": ["более 4 млн человек", "в двенадцать раз"],
        None: ["280 услугам", "4 млн. пользователей", "28 миллионов", "350 миллионов рублей"],
    },
}


@pytest.mark.parametrize("doc_id, speakers", SEED_SPEAKERS.items())
def test_seed_fact_speakers(tools, doc_id, speakers):
    from pipeline.io.load import load_path
    from pipeline.run import process_batch

    result = process_batch(list(load_path(CORPUS / f"{doc_id}.txt")), tools)[0]
    assert result.error is None
    for speaker, phrases in speakers.items():
        for phrase in phrases:
            found = [f for f in result.facts if phrase in f.text or f.text in phrase]
            assert found, phrase
            assert {f.speaker for f in found} == {speaker}, phrase


# --- the whole pipeline (people from NER): who a name the document spells otherwise stands for ---

NAMED_SPEAKERS = [
    # text -> (statement, speaker) of every quote
    # a long surname misspelt within two edits is the one person of that surname
    ("Руководитель программы Билл Герстенмайер провел брифинг. По словам Гернстермайера, полёт прошёл успешно.",
     [("полёт прошёл успешно", "Билл Герстенмайер")]),
    # a word no dictionary knows, one letter off the one surname, where the tagger saw no name
    ("Место спикера занял республиканец Джон Бенер.\n\nБонер объявил, что цель Конгресса – вернуть управление "
     "гражданам.", [("цель Конгресса – вернуть управление гражданам", "Джон Бенер")]),
    # a short surname two edits away is another person, named by surname alone
    ("Профессор Иван Кузнецов выступил. По словам Кузьмина, работа завершена.",
     [("работа завершена", "Кузьмин")]),
    # a surname two people share: the one the verb's gender agrees with, whoever was named last
    ("Виктор Бут и его жена Алла Бут приехали в суд. Бут рассказал, что заседание перенесли.",
     [("заседание перенесли", "Виктор Бут")]),
    ("Алла Бут и её муж Виктор Бут приехали в суд. Бут рассказала, что заседание перенесли.",
     [("заседание перенесли", "Алла Бут")]),
    # `я` in a quote is the one quoted; the reported clause ends with the quote
    ("«Мне предлагали сделку. Но я ответил, что мне нечего рассказать», — сказал Виктор Бут.",
     [("Мне предлагали сделку. Но я ответил, что мне нечего рассказать", "Виктор Бут"),
      ("мне нечего рассказать", "Виктор Бут")]),
    # `я` outside any quote is the author: nobody the document names
    ("Виктор Бут приехал в суд. Я сказал журналистам, что заседание перенесли.", [("заседание перенесли", None)]),
    # a first name alone, in the nominative, where the tagger saw no name: the one person it names
    ("Рабочий Марк Смит выступил. Марк рассказал Викиновостям, что рабочие получили письма.",
     [("рабочие получили письма", "Марк Смит")]),
    # a gerund of speech with its quote: the main clause's subject; a quoted word is no statement
    ("Марк Смит выступил. Марк завершил беседу, сказав «мы принялись за сохранение этого вида работы».",
     [("мы принялись за сохранение этого вида работы", "Марк Смит")]),
    ("Иван Петров закрыл совещание, заявив: «Работы завершены».", [("Работы завершены", "Иван Петров")]),
    ("Иван Петров вышел, сказав «спасибо».", []),
    # a name right after a title that is not its own post is that title's complement: the aide speaks
    ("Фил Гордон прибыл в Белград. Помощник Хиллари Клинтон по европейским делам заявил, что дверь для Сербии "
     "не закрыта.", [("дверь для Сербии не закрыта", "Фил Гордон")]),
    ("Мэр Москвы Сергей Собянин заявил, что школы откроют.", [("школы откроют", "Сергей Собянин")]),
    # `продолжал он` set in commas after an adverb that opens the sentence: the rest is the statement
    ("Биньямин Нетаньяху выступил. Сейчас, продолжал он, правительство выделило 115 млн долларов.",
     [("правительство выделило 115 млн долларов", "Биньямин Нетаньяху")]),
    # a gerund's speaker is its clause's subject, named first, not the object named after it
    ("Певец Адриано Челентано написал письмо, в котором раскритиковал премьер-министра Сильвио Берлускони, "
     "заявив, что Берлускони не способен управлять страной.",
     [("Берлускони не способен управлять страной", "Адриано Челентано")]),
    # `..., а X отметил, что B`: the first statement ends where the second speaker's clause begins
    ("Премьер-министр Наото Кан заявил, что визит вызывает сожаление, а министр Сэйдзи Маэхара отметил, что "
     "поступок ранит чувства народа.",
     [("визит вызывает сожаление", "Наото Кан"), ("поступок ранит чувства народа", "Сэйдзи Маэхара")]),
    ("Иван Петров сказал, что школы откроют, а больницы закроют.",
     [("школы откроют, а больницы закроют", "Иван Петров")]),
    # `она` finds a woman whose multi-part name tells no gender
    ("Тысячи человек собрались, чтобы приветствовать Аун Сан Су Чжи. Выступая перед народом, она заявила, что "
     "не стоит терять надежду.", [("не стоит терять надежду", "Аун Сан Су Чжи")]),
    # a lone first name as written
    ("Актриса Саломе Зурабишвили выступила в театре. По словам Саломе, фильм уже снят.",
     [("фильм уже снят", "Саломе Зурабишвили")]),
]


@pytest.mark.parametrize("text, expected", NAMED_SPEAKERS)
def test_named_speakers(tools, text, expected):
    from pipeline import extract

    quotes = extract([text + "\n"], tools=tools).quotes
    assert [(q, None if s is pd.NA else s) for q, s in zip(quotes.text, quotes.speaker)] == expected

"""FastNER finds exactly the spans natasha's own NewsNERTagger finds, on the same model."""
from __future__ import annotations

import numpy as np
import pytest
from slovnet.exec.infer import text_words
from slovnet.token import find_tokens

from pipeline.nlp.fast_ner import FastNER, product

SENTENCES = [
    "Мэр Москвы Сергей Собянин открыл новую станцию метро.",
    "Встреча с Сергеем Собяниным прошла в Кремле.",
    "Владимиру Путину доложили о ситуации в Крыму и Севастополе.",
    "С Дмитрием Медведевым встретился председатель правления Сбербанка Герман Греф.",
    "По словам Анастасии Раковой, заявления принимаются в центрах «Мои документы».",
    "Министр финансов Антон Силуанов заявил, что бюджет Российской Федерации будет исполнен.",
    "Об этом рассказал заместитель мэра Москвы по вопросам градостроительной политики Марат Хуснуллин.",
    "Губернатор Санкт-Петербурга Александр Беглов посетил Ростов-на-Дону.",
    "Пресс-служба ПАО «Газпром» сообщила об этом агентству ТАСС.",
    "Депутаты Государственной Думы обсудили законопроект с представителями Минфина России.",
    "Во Владивостоке прошёл Восточный экономический форум, его открыл Юрий Трутнев.",
    "«Мы работаем», — сказал Иван Иванович Петров-Водкин журналистам РИА Новости.",
    "Компания Apple и корпорация Microsoft подписали соглашение в Нью-Йорке.",
    "Elon Musk visited Berlin and met Olaf Scholz.",
    "На 2016 год запланировано 3,5 млн руб. (в т.ч. 1/2 — из бюджета г. Москвы), см. pgu.mos.ru.",
    "Москва",
    "Иванову",
]
NO_LETTERS = "12:30 — 14:45, 3,5% (+2) ... №5 -- :-) 1/2 ½"
# razdel's token rules that look past a space or join marks: tokens must come out as slovnet makes them
TRICKY = ["yahoo! Yahoo!", "3,5 млн", "на 3,5", " -5 и 5- 6", "а -б", "а- б", "a--b", ":-) ;((", "в 2016. 5",
          ".5 ,5 5, 6", "ab_ cd _a a_", "Δσ mβж ΔP", "§1 1§", "COVID-19 5-й 5 -й", "1.5.2 1,2,3 1/2/3",
          "\u00a0слово\u2028слово\u3000", "١٢٣.٤", "", " ", "\n\n"]


def spans(markups):
    return [[(span.start, span.stop, span.type) for span in markup.spans] for markup in markups]


@pytest.fixture(scope="module")
def tagger():
    """natasha's own NewsNERTagger, as a user builds it (on the news embedding's quantised vectors)."""
    from natasha import NewsNERTagger

    from pipeline.nlp.tools import news_vectors
    return NewsNERTagger(news_vectors())


def test_tools_ner_is_natashas_model(tools, tagger):
    """`tools.ner`, loaded without importing natasha, runs natasha's news model: the same weights and
    vocabularies, and the same spans as NewsNERTagger."""
    assert isinstance(tools.ner, FastNER)
    ours, theirs = tools.ner.tagger.infer, tagger.infer
    assert ours.encoder.words_vocab.items == theirs.encoder.words_vocab.items
    assert ours.decoder.tags_vocab.items == theirs.decoder.tags_vocab.items
    for (a, *_), (b, *_) in zip(tools.ner.layers, FastNER(tagger).layers):
        assert (a == b).all()
    assert spans(tools.ner.map(SENTENCES)) == spans(tagger.map(SENTENCES))


@pytest.mark.parametrize("text", SENTENCES)
def test_each_sentence(tagger, text):
    assert spans(FastNER(tagger).map([text])) == spans(tagger.map([text]))


def test_names_are_found(tools):
    (markup,) = tools.ner.map([SENTENCES[0]])
    assert [(SENTENCES[0][s.start:s.stop], s.type) for s in markup.spans] == \
        [("Москвы", "LOC"), ("Сергей Собянин", "PER")]


def test_one_call_many_lengths(tagger):
    texts = SENTENCES + ["", NO_LETTERS, " ".join(SENTENCES), SENTENCES[3] + "\n" + SENTENCES[0]]
    got = list(FastNER(tagger).map(texts))
    assert [m.text for m in got] == texts
    assert spans(got) == spans(tagger.map(texts))
    assert any(spans(got))


def test_empty_and_no_letters(tagger):
    assert spans(FastNER(tagger).map([""])) == [[]]           # natasha fails on a batch of empty texts only
    assert spans(FastNER(tagger).map([])) == []
    assert spans(FastNER(tagger).map(["", " ", NO_LETTERS])) == [[], [], []]


def test_blocks_and_cache_resets(tagger):
    """Small blocks and a small tap cache: many blocks, cache resets, and a text longer than a block."""
    long_text = " ".join(SENTENCES * 12)
    texts = SENTENCES + [long_text] + SENTENCES[::-1] + [""] + SENTENCES
    fast = FastNER(tagger, block_tokens=40, tap_rows=50)
    expected = spans(tagger.map(texts))
    assert spans(fast.map(texts)) == expected
    assert spans(fast.map(texts)) == expected                  # warm caches
    assert len(text_words(long_text)) > 1000


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_as_slovnet(tagger, text):
    encoder = tagger.infer.encoder
    words = text_words(text)
    word_ids, shape_ids = encoder.item(words)
    n_shapes = len(encoder.shapes_vocab)
    expected = [(t.start, t.stop, w * n_shapes + s)
                for t, w, s in zip(find_tokens(text, words), word_ids, shape_ids)]
    fast = FastNER(tagger)
    for _ in range(2):                                         # cold, then cached
        offsets, counts, flat = [], [], []
        assert fast.encode(text, offsets, counts, flat) == len(expected)
        starts = [offset for offset, count in zip(offsets, counts) for _ in range(count)]
        got = [(o + flat[i], o + flat[i + 1], flat[i + 2]) for o, i in zip(starts, range(0, len(flat), 3))]
        assert got == expected


# `открыл`, `вчера`: the one word of the second text the first did not have, its taps computed alone
HISTORY = [("Мэр Москвы Сергей Собянин посетил новую школу.", "Мэр Москвы Сергей Собянин открыл новую школу."),
           ("Встреча прошла в Кремле.", "Встреча прошла в Кремле вчера.")]


@pytest.mark.parametrize("before, text", HISTORY)
def test_scores_do_not_depend_on_what_was_tagged_before(tagger, before, text):
    """A text's scores are bit for bit the same in a fresh tagger and in one that has tagged other texts
    (whose words' first-layer taps it keeps), also when a single word of the text is new to it."""
    fresh, primed = FastNER(tagger), FastNER(tagger)
    list(primed.map([before]))

    def scores(ner):
        offsets, counts, flat = [], [], []
        n = ner.encode(text, offsets, counts, flat)
        return ner.emissions(np.array(flat, dtype=np.int64).reshape(-1, 3)[:, 2], np.array([n]))
    assert scores(fresh).tobytes() == scores(primed).tobytes()


def test_one_row_products_are_rows_of_larger_ones():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((40, 300)).astype(np.float32), rng.standard_normal((300, 64)).astype(np.float32)
    whole = product(a, b)
    assert all(product(a[i:i + 1], b).tobytes() == whole[i:i + 1].tobytes() for i in range(len(a)))

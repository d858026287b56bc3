"""Fuzzing `extract` (hypothesis): random Unicode, Russian token soup, corpus texts mutated with control,
zero-width, bidi, combining and astral characters. Whatever comes in: no exception; every span's text is
`text[start:end]`; value <= value_max; dates parse; every document `ok` or with an `errors` row.

A few hundred examples here (the `ci` profile); `make fuzz` runs the `long` profile (HYPOTHESIS_PROFILE).
"""
from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.io.load import decode

from conftest import CORPUS

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CORPUS_TEXTS = [decode(p.read_bytes(), p.name) for p in sorted(CORPUS.glob("1*.txt"))]   # one is Windows-1251
WORDS = ("более 1 млн рублей около 70 тыс. москвичей 29.03.2016 в 2015 году с 50 до 62 % процентов треть "
         "половина Собянин заявил « » — – - , . : ; ! ? ( ) 5,3 68 000 1.000.000 COVID-19 pgu.mos.ru "
         "мэр Москвы Сергей Собянин сказал: «Открыто 12 школ» вторник 12 марта 2019 г. к 2025 году").split()
ODD = ["\x00", "\x07", "\x1b", "\r", "\u0085", "\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\u202e",
       "\u2066", "\u0301", "\u0308", "\U0001F600", "\U00010348", "\ufffd", "\u00a0", "\u2009", "\t", "\n"]

unicode_text = st.text(max_size=300)
token_soup = st.lists(st.sampled_from(WORDS + ODD), max_size=120).map(" ".join)


@st.composite
def mutated_corpus(draw):
    text = draw(st.sampled_from(CORPUS_TEXTS))
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD)) * draw(st.integers(1, 3)) + text[at:]
    cut = draw(st.integers(0, len(text)))
    return text[:cut] if draw(st.booleans()) else text


SPANS = {"facts": "text", "dates": "text", "quotes": "text", "positions": "text"}


def check_invariants(texts: list[str], tools) -> None:
    tables = extract(texts=texts, tools=tools)
    docs = tables.documents.set_index("doc_id")
    assert len(docs) == len(texts)
    failed = set(tables.errors["doc_id"].dropna())
    for doc_id, row in docs.iterrows():
        assert row["status"] == "ok" or doc_id in failed
    by_id = dict(zip(docs.index, docs["text"]))
    for name, column in SPANS.items():
        for row in tables[name].to_dict("records"):
            assert by_id[row["doc_id"]][row["start"]:row["end"]] == row[column], (name, row)
    facts = tables.facts
    bounded = facts.dropna(subset=["value_max"])
    assert (bounded["value"] <= bounded["value_max"]).all()
    for column in ("date_start", "date_end"):
        for value in tables.dates[column].dropna():
            dt.date.fromisoformat(value)
    for column in ("period_start", "period_end"):
        for value in facts[column].dropna():
            dt.date.fromisoformat(value)


@pytest.mark.parametrize("strategy", [unicode_text, token_soup, mutated_corpus()],
                         ids=["random unicode", "token soup", "mutated corpus"])
def test_extract_survives_anything(tools, strategy):
    @given(st.lists(strategy, min_size=1, max_size=3))
    def fuzz(texts):
        check_invariants(texts, tools)
    fuzz()

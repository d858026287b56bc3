"""LookaheadParser finds exactly what yargy's own Parser finds, for every grammar of the pipeline."""
from __future__ import annotations

import pytest
from yargy import Parser

from grammars import ROOTS
from pipeline.earley import LookaheadParser, first_sets
from pipeline.load import load_path
from pipeline.segment import split_sentences
from pipeline.tools import IdTokenizer

from conftest import CORPUS

DOCS = ["000_87938b6d2d0e720c.txt", "002_b8777918d902736b.txt", "106_synthetic_budget.txt",
        "104_synthetic_parks.txt", "105_synthetic_housing.txt"]


@pytest.fixture(scope="module")
def sentences(tools):
    return [s for name in DOCS for doc in load_path(CORPUS / name) for s in split_sentences(doc, tools)]


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_same_matches_as_yargy(tools, sentences, name):
    tokenizer = IdTokenizer(tools.tokenizer)
    plain, lookahead = Parser(ROOTS[name], tokenizer=tokenizer), LookaheadParser(ROOTS[name], tokenizer=tokenizer)
    expected = [[(m.span, repr(m.fact)) for m in plain.findall(s.tokens)] for s in sentences]
    got = [[(m.span, repr(m.fact)) for m in lookahead.findall(s.tokens)] for s in sentences]
    assert got == expected
    assert any(expected)                      # the comparison saw matches


def test_first_sets_follow_nullable_prefixes():
    from yargy import rule
    from yargy.predicates import eq

    grammar = rule(eq("не").optional(), eq("менее"), eq("5"))
    parser = LookaheadParser(grammar)
    starts = {p.value for predicates, _ in first_sets(parser.rule).values() for p in predicates
              if hasattr(p, "value")}
    assert {"не", "менее"} <= starts          # `менее` can start a match because `не` is optional
    assert [m.span for m in parser.findall("не менее 5, менее 5")] == [(0, 10), (12, 19)]

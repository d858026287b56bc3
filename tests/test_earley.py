"""LookaheadParser finds exactly what yargy's own Parser finds, for every grammar of the pipeline."""
from __future__ import annotations

import pytest
from yargy import Parser
from yargy.parser import prepare_match, prepare_trees
from yargy.tree import Leaf

from grammars import ROOTS
from pipeline.nlp.earley import LookaheadParser, compile_test, features, first_sets
from yargy.rule.bnf import is_rule
from pipeline.io.load import load_path
from pipeline.nlp.segment import split_sentences
from pipeline.nlp.tools import IdTokenizer

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


def every_match(parser, tokens, all=True, facts=True):  # noqa: A002
    """Every completed start-rule state in chart order, as (range, tree shape, interpreted fact or None)."""
    found = []
    for tree in prepare_trees(parser.matches(tokens, all=all)):
        match = prepare_match(tree) if facts else None
        found.append((tree.range, shape(tree.root), repr(match.fact) if match else None))
    return found


def shape(node):
    """A tree as nested (production rank, children) with the tokens' values at the leaves."""
    if isinstance(node, Leaf):
        return node.token.value
    return node.rank, [shape(child) for child in node.children]


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_same_states_in_the_same_order(tools, sentences, name):
    """Not only the resolved matches: every parse of the start rule, in yargy's order (consumers sort
    trees stably and take the first of equal spans), and the last-column matches of a parse from the
    first token only (`all=False`)."""
    tokenizer = IdTokenizer(tools.tokenizer)
    plain, lookahead = Parser(ROOTS[name], tokenizer=tokenizer), LookaheadParser(ROOTS[name], tokenizer=tokenizer)
    for sentence in sentences:
        assert every_match(lookahead, sentence.tokens) == every_match(plain, sentence.tokens)
        assert every_match(lookahead, sentence.tokens, all=False) == every_match(plain, sentence.tokens, all=False)


def test_first_sets_follow_nullable_prefixes():
    from yargy import rule
    from yargy.predicates import eq

    grammar = rule(eq("не").optional(), eq("менее"), eq("5"))
    parser = LookaheadParser(grammar)
    starts = {p.value for predicates, _ in first_sets(parser.rule).values() for p in predicates
              if hasattr(p, "value")}
    assert {"не", "менее"} <= starts          # `менее` can start a match because `не` is optional
    assert [m.span for m in parser.findall("не менее 5, менее 5")] == [(0, 10), (12, 19)]


def synthetic_grammars():
    """Shapes the pipeline's grammars have only some of: optional prefixes, repetition, ambiguity,
    recursion through forward references, and rules that can be empty."""
    from yargy import or_, rule
    from yargy.predicates import eq, gram, type as token_type
    from yargy import forward
    from yargy.pipelines import caseless_pipeline, morph_pipeline

    number = token_type("INT")
    word = gram("NOUN")
    nested = forward()
    nested.define(or_(rule(eq("("), nested, eq(")")), rule(number)))
    left = forward()
    left.define(or_(rule(left, eq("и"), word), rule(word)))
    tail = rule(word.optional())              # one nullable rule shared: after the last token only
    return {                                  # nullable rules can complete, in whatever order predicted
        "optional": rule(eq("не").optional(), eq("менее"), number),
        "repeatable": rule(number.repeatable(), word),
        "ambiguous": rule(or_(rule(number, number), rule(number)).repeatable(), word.optional()),
        "nested": nested,
        "left_recursive": left,
        "empty_inside": rule(eq("от"), rule(word.optional()).optional(), number),
        "shared_nullable": or_(rule(tail, number, tail), rule(number, tail, tail), rule(tail, tail, eq("и")),
                               rule(number, or_(tail, rule(word, tail)))),
        # a nullable rule reached both through a production that cannot be empty and through one that can
        "nullable_after_dead_end": rule(number, or_(rule(rule(tail, eq("x")), word),
                                                    rule(rule(rule(rule(word.optional()))), tail))),
        # pipeline rules predict by token, with ranks in what they yield (and may yield one twice)
        "pipelines": rule(or_(morph_pipeline(["парк", "парки", "большой дом", "дом"]),
                              caseless_pipeline(["и", "от дома"])).repeatable(), number.optional()),
    }


TEXTS = ["не менее 5 домов", "большие дома и парки 5 от дома парк", "менее 5, не менее 6", "1 2 3 дома и 4 5", "( ( 7 ) ) и ( 8",
         "дома и парки и школы", "от 5 от дома 6 от", "", "и и 3"]


@pytest.mark.parametrize("name", sorted(synthetic_grammars()))
def test_same_states_on_synthetic_grammars(name):
    # each parser gets its own copy: yargy cannot activate a grammar with forward rules twice
    plain, lookahead = Parser(synthetic_grammars()[name]), LookaheadParser(synthetic_grammars()[name])
    results = []
    for text in TEXTS:
        expected = every_match(plain, text, facts=False)
        assert every_match(lookahead, text, facts=False) == expected, text
        assert every_match(lookahead, text, all=False, facts=False) == every_match(plain, text, all=False,
                                                                                   facts=False), text
        results += expected
    assert results                            # every grammar matched something


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_prepare_is_yargys_prepare_match(tools, sentences, name):
    """Without agreement relations a tree is matched without yargy's relation walks: the same Match."""
    parser = LookaheadParser(ROOTS[name], tokenizer=IdTokenizer(tools.tokenizer))
    seen = 0
    for sentence in sentences:
        for tree in prepare_trees(parser.matches(sentence.tokens)):
            ours, yargys = parser.prepare(tree), prepare_match(tree)
            assert (ours is None) == (yargys is None)
            if ours is not None:
                assert ours.span == yargys.span and repr(ours.fact) == repr(yargys.fact)
                seen += 1
    assert seen


def grammar_predicates(parser) -> list:
    """Every predicate a parser's grammar scans with or gates on, and/or/not parts included."""
    found, stack = {}, [p for rule in parser.compiled.values() for c in rule for p in c.terms if not is_rule(p)]
    stack += [t for rule in parser.indexed.values() for production in rule.productions for t in production.terms
              if not is_rule(t)]
    while stack:
        predicate = stack.pop()
        if id(predicate) not in found:
            found[id(predicate)] = predicate
            stack += list(getattr(predicate, "predicates", [])) + \
                ([predicate.predicate] if hasattr(predicate, "predicate") else [])
    return list(found.values())


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_compiled_tests_agree_with_predicates(tools, sentences, name):
    """compile_test(p)(features(token)) is p(token) for every predicate of the grammar and every token
    (the chart memoises these verdicts by token text)."""
    parser = LookaheadParser(ROOTS[name], tokenizer=IdTokenizer(tools.tokenizer))
    tokens = {t.value: t for s in sentences for t in s.tokens}
    tokens = [tokens[v] for v in sorted(tokens)[::2]]        # half the words, for time: still ~1,000
    predicates = grammar_predicates(parser)
    assert len(predicates) > 3
    hits = 0
    for predicate in predicates:
        test = compile_test(predicate)
        for token in tokens:
            expected = bool(predicate(token))
            assert test(features(token)) == expected, (predicate, token.value)
            hits += expected
    assert hits


def leftmost_longest_by_sorting(parser, tokens):
    """The definition: every tree, sorted (leftmost start, then longest, then yargy's tree order);
    each valid one that starts at or after the end of the last one kept."""
    stop, found = -1, []
    for tree in sorted(prepare_trees(parser.matches(tokens))):
        if tree.range[0] >= stop:
            match = parser.prepare(tree)
            if match:
                found.append(match)
                stop = tree.range[1]
    return found


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_leftmost_longest_builds_trees_only_where_needed(tools, sentences, name):
    parser = LookaheadParser(ROOTS[name], tokenizer=IdTokenizer(tools.tokenizer))
    kept = 0
    for sentence in sentences:
        expected = [(m.span, repr(m.fact)) for m in leftmost_longest_by_sorting(parser, sentence.tokens)]
        assert [(m.span, repr(m.fact)) for m in parser.leftmost_longest(sentence.tokens)] == expected
        kept += len(expected)
    assert kept or name == "position_org"

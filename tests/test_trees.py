"""pipeline.nlp.trees walks a parse tree as yargy does: the same matches, constrained tokens and facts."""
from __future__ import annotations

import pytest
from yargy import rule
from yargy.interpretation import fact
from yargy.parser import prepare_match as yargy_prepare_match, prepare_trees
from yargy.predicates import gram
from yargy.relations import gnc_relation
from yargy.tree import Leaf

from grammars import ROOTS
from pipeline.nlp import trees
from pipeline.nlp.earley import LookaheadParser
from pipeline.io.load import load_path
from pipeline.nlp.segment import split_sentences
from pipeline.nlp.tools import IdTokenizer

from conftest import CORPUS, DATA

DOCS = [CORPUS / "000_87938b6d2d0e720c.txt", CORPUS / "002_b8777918d902736b.txt",
        CORPUS / "104_synthetic_parks.txt", *(DATA / "factrueval2016" / f"book_{n}.txt" for n in (100, 115, 252, 336, 413))]


@pytest.fixture(scope="module")
def sentences(tools):
    found = [s for path in DOCS for doc in load_path(path) for s in split_sentences(doc, tools)]
    assert len(found) > 100
    return found


def described(match):
    """Everything a consumer reads from a Match: span, tokens with their (constrained) forms, the fact
    and its spans."""
    if match is None:
        return None
    tokens = [(t.value, t.span, repr(getattr(t, "forms", None))) for t in match.tokens]
    return match.span, tokens, repr(match.fact), spans(match.fact)


def spans(fact):
    try:
        return [tuple(s) for s in fact.spans]
    except AttributeError as error:       # yargy has no spans for a constant normaliser's input
        return repr(error)


def shape(node):
    if node is None:
        return None
    if isinstance(node, Leaf):
        return node.token.value
    return node.rank, [shape(child) for child in node.children]


def both_ways(parser, tokens):
    """Every tree of two separate parses (constraining changes a tree's leaves in place): yargy's
    prepare_match on one, pipeline.nlp.trees.prepare_match on the other."""
    theirs = list(prepare_trees(parser.matches(tokens)))
    ours = list(prepare_trees(parser.matches(tokens)))
    return [(described(yargy_prepare_match(a)), described(trees.prepare_match(b, parser.has_relations)),
             shape(a.normalized.root), shape(trees.normalized(b).root)) for a, b in zip(theirs, ours)]


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_same_matches_and_facts_as_yargy(tools, sentences, name):
    parser = LookaheadParser(ROOTS[name], tokenizer=IdTokenizer(tools.tokenizer))
    seen = 0
    for sentence in sentences:
        for expected, got, expected_shape, got_shape in both_ways(parser, sentence.tokens):
            assert got == expected, sentence.text
            assert got_shape == expected_shape
            seen += expected is not None
    assert seen                                      # the comparison saw matches


def test_agreement_rejects_and_constrains_as_yargy():
    """A grammar with a relation: `новая школа` agrees, `новый школа` does not; the agreeing match's
    tokens keep only the forms the relation allows."""
    relation = gnc_relation()
    phrase = fact("Phrase", ["adj", "noun"])
    grammar = rule(gram("ADJF").match(relation).interpretation(phrase.adj.inflected()),
                   gram("NOUN").match(relation).interpretation(phrase.noun)).interpretation(phrase)
    parser = LookaheadParser(grammar)
    assert parser.has_relations
    results = {}
    for text in ["новая школа", "новый школа", "новые школы", "в новом доме"]:
        pairs = both_ways(parser, text)
        assert [got for _, got, _, _ in pairs] == [expected for expected, _, _, _ in pairs], text
        results[text] = [got is not None for _, got, _, _ in pairs]
    assert results["новая школа"] == [True] and results["новый школа"] == [False]
    assert True in results["в новом доме"]


def test_root_without_interpretation_is_refused_as_yargy_does():
    parser = LookaheadParser(rule(gram("NOUN")))
    match = parser.prepare(next(prepare_trees(parser.matches("школа"))))
    with pytest.raises(ValueError, match="no .interpretation"):
        match.fact


def test_pipeline_key_reaches_the_normaliser_as_in_yargy():
    """A morph pipeline's phrase is normalised to its dictionary entry (`жилых домах` -> `жилые дома`),
    not to its words' normal forms (`жилой дом`)."""
    from yargy.pipelines import morph_pipeline

    place = fact("Place", ["kind"])
    grammar = rule(morph_pipeline(["жилые дома", "школа"]).interpretation(place.kind.normalized())) \
        .interpretation(place)
    parser = LookaheadParser(grammar)
    pairs = both_ways(parser, "в жилых домах и школах")
    assert [got for _, got, _, _ in pairs] == [expected for expected, _, _, _ in pairs]
    kinds = {parser.prepare(tree).fact.kind for tree in prepare_trees(parser.matches("в жилых домах"))}
    assert kinds == {"жилые дома"}

"""A yargy Parser with one-token lookahead: the same matches, far fewer chart states.

yargy's Earley parser predicts every production of a rule at every column, so each token seeds the
whole grammar (the quantity grammar made ~1 ms of chart work per token). Here each production knows
the terminals it can start with (its FIRST set, through nullable prefixes), computed once per grammar;
a production whose first terminal cannot match the next token is not predicted. Scanning would reject
such a state at its first step anyway, so the matches are unchanged — tests/test_earley.py compares
both parsers on every sentence of the corpus.

    Parser(QUANTITY, tokenizer=...)           -> 41.9 s over the FactRuEval devset
    LookaheadParser(QUANTITY, tokenizer=...)  -> the same matches, see benchmarks/throughput.py
"""
from __future__ import annotations

from yargy import Parser
from yargy.parser import Node, State
from yargy.rule.bnf import is_rule


def first_sets(start) -> dict[int, tuple[tuple, bool]]:
    """id(production) -> (predicates its first token must satisfy one of, whether it can be empty)."""
    rules, stack = {}, [start]
    while stack:                                   # every rule reachable from the start rule
        rule = stack.pop()
        if id(rule) in rules:
            continue
        rules[id(rule)] = rule
        stack += [t for p in rule.productions for t in p.terms if is_rule(t)]
    first: dict[int, dict[int, object]] = {key: {} for key in rules}
    nullable: dict[int, bool] = {key: False for key in rules}

    def of_terms(terms) -> tuple[dict[int, object], bool]:
        found: dict[int, object] = {}
        for term in terms:
            if not is_rule(term):
                found[id(term)] = term
                return found, False
            found.update(first[id(term)])
            if not nullable[id(term)]:
                return found, False
        return found, True

    changed = True
    while changed:                                 # fixpoint: FIRST and nullable grow monotonically
        changed = False
        for key, rule in rules.items():
            for production in rule.productions:
                found, empty = of_terms(production.terms)
                if empty and not nullable[key]:
                    nullable[key] = changed = True
                if found.keys() - first[key].keys():
                    first[key].update(found)
                    changed = True
    table = {}
    for rule in rules.values():
        for production in rule.productions:
            found, empty = of_terms(production.terms)
            table[id(production)] = (tuple(found.values()), empty)
    return table


class LookaheadParser(Parser):
    def __init__(self, rule, tokenizer=None, tagger=None):
        super().__init__(rule, tokenizer=tokenizer, tagger=tagger)
        self.first = first_sets(self.rule)

        self.seen: dict[int, bool] = {}

    def chart(self, text, all=True):  # noqa: A002  (yargy's signature)
        self.seen = {}                # predicate results for this parse: id(predicate), column -> bool
        return super().chart(text, all=all)

    def can_start(self, production, column) -> bool:
        predicates, empty = self.first[id(production)]
        if empty:
            return True
        seen, token = self.seen, column.token
        for predicate in predicates:
            key = (id(predicate), column.index)
            hit = seen.get(key)
            if hit is None:
                hit = seen[key] = bool(predicate(token))
            if hit:
                return True
        return False

    def predict(self, column, next_column, rule):
        productions = rule.predict(next_column.token) if next_column else rule.productions
        for index, production in enumerate(productions):
            if next_column is not None and not self.can_start(production, next_column):
                continue
            node = Node(rule, production, rank=index, children=[])   # rank: the production's own index
            column.append(State(rule, production, dot_index=0, start_column=column, stop_column=column,
                                node=node))

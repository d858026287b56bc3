"""A yargy Parser with one-token lookahead: the same matches, far fewer chart states.

yargy's Earley parser predicts every production of a rule at every column, so each token seeds the
whole grammar (the quantity grammar made ~1 ms of chart work per token). Here each production knows
the terminals it can start with (its FIRST set, through nullable prefixes), computed once per grammar;
a production whose first terminal cannot match the next token is not predicted. Scanning would reject
such a state at its first step anyway, so the matches are unchanged.

The chart itself runs yargy's algorithm step for step on plain tuples instead of State and Node
objects with hashes; trees are built only for the start rule's completed states, when a consumer asks.
A predicate's verdict on a token follows from the token's text, so it is kept per (predicate, text):
plain predicates, and and/or/not of them, are decided on the token's features (compile_test), others
by calling them. Matches are prepared and interpreted by pipeline.nlp.trees, yargy's walks as recursion.
tests/test_earley.py compares every parse, in order, with yargy's own Parser on the corpus and on
synthetic grammars (recursion, nullable rules, pipelines).

    Parser(QUANTITY, tokenizer=...)           -> 51.3 s over every devset and corpus sentence
    LookaheadParser(QUANTITY, tokenizer=...)  ->  3.8 s with lookahead on yargy's chart; ~1.3 s on tuples
"""
from __future__ import annotations

from itertools import chain

from yargy import Parser
from yargy.parser import prepare_trees
from yargy.span import resolve_spans
from yargy.tree import Leaf, Node, Tree
from yargy.predicates import bank
from yargy.predicates.constructors import AndPredicate, NotPredicate, OrPredicate
from yargy.rule.bnf import BNFRule, is_rule

from pipeline.nlp.trees import prepare_match, prepare_matches


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


SELECTIVE = ("lemmas", "caseless", "exact", "grams")   # a word-level condition says more than a token type


def condition(predicate) -> dict[str, set] | None:
    """A necessary condition for `predicate(token)` as sets to look the token up in, or None.

    eq / in_ -> exact values; caseless / in_caseless -> lowercase values; dictionary -> normal forms;
    type -> token types. And: the most selective part's condition. Or: the union, if every part has one.
    """
    kind = type(predicate)
    if kind is bank.eq:
        return {"exact": {predicate.value}}
    if kind is bank.in_:
        return {"exact": set(predicate.value)}
    if kind is bank.caseless:
        return {"caseless": {predicate.value}}
    if kind is bank.in_caseless:
        return {"caseless": set(predicate.value)}
    if kind is bank.DictionaryPredicate:
        return {"lemmas": set(predicate.value)}
    if kind is bank.TypePredicate:
        return {"types": {predicate.value}}
    if kind is bank.GramPredicate:
        return {"grams": {predicate.value}}
    if kind is AndPredicate:
        parts = [c for c in map(condition, predicate.predicates) if c]
        return min(parts, key=lambda c: not any(k in c for k in SELECTIVE), default=None)
    if kind is OrPredicate:
        union: dict[str, set] = {}
        for part in map(condition, predicate.predicates):
            if part is None:
                return None
            for key, values in part.items():
                union.setdefault(key, set()).update(values)
        return union
    return None


SLOTS = {"exact": 0, "caseless": 1, "types": 2, "lemmas": 3, "grams": 4}   # where features() puts each
SET_SLOTS = 3                                  # slots from here on hold sets (a token has many normal forms)


def compile_condition(cond: dict[str, set]) -> tuple:
    """A condition as ((feature slot, its values), ...) for the kinds it names, value slots first."""
    return tuple(sorted((SLOTS[key], frozenset(values)) for key, values in cond.items() if values))


def passes(cond: tuple, feats: tuple) -> bool:
    for slot, values in cond:
        if slot < SET_SLOTS:
            if feats[slot] in values:
                return True
        elif not values.isdisjoint(feats[slot]):
            return True
    return False


PLAIN = {bank.eq, bank.in_, bank.caseless, bank.in_caseless, bank.DictionaryPredicate, bank.TypePredicate,
         bank.GramPredicate}


class Gate:
    """The FIRST set of a production, compiled: a token is admitted when it meets the sets of the plain
    predicates (exactly yargy's semantics for eq, in_, caseless, in_caseless, dictionary and type), or
    one of the other predicates, each called only when its necessary condition holds."""

    def __init__(self, predicates: tuple, conditions: dict, tests: dict):
        sets: dict[str, set] = {}
        self.other = []
        for p in predicates:
            kind = type(p)
            if kind in PLAIN:
                for key, values in condition(p).items():
                    sets.setdefault(key, set()).update(values)
            else:
                if id(p) not in conditions:
                    cond = condition(p)
                    conditions[id(p)] = None if cond is None else compile_condition(cond)
                if id(p) not in tests:
                    tests[id(p)] = compile_test(p)
                self.other.append((id(p), conditions[id(p)], tests[id(p)]))
        self.sets = compile_condition(sets)

    def admits(self, feats, seen: dict) -> bool:
        if passes(self.sets, feats):
            return True
        for key, cond, test in self.other:
            key = (key, feats[0])
            hit = seen.get(key)
            if hit is None:
                hit = seen[key] = (cond is None or passes(cond, feats)) and test(feats)
            if hit:
                return True
        return False


def compile_test(predicate):
    """`predicate(token)` as a test of the token's features: plain predicates as set look-ups, and / or /
    not of them composed; any other predicate (custom, length, ...) is called on the token itself."""
    kind = type(predicate)
    if kind in PLAIN:
        cond = compile_condition(condition(predicate))
        return lambda feats: passes(cond, feats)
    if kind is AndPredicate or kind is OrPredicate:
        parts = tuple(compile_test(p) for p in predicate.predicates)
        if kind is AndPredicate:
            return lambda feats: all(test(feats) for test in parts)
        return lambda feats: any(test(feats) for test in parts)
    if kind is NotPredicate:
        inner = compile_test(predicate.predicate)
        return lambda feats: not inner(feats)
    return lambda feats: bool(predicate(feats[-1]))


def features(token) -> tuple:
    """What the gates look at, once per column: value, lowercase, type, normal forms, grammemes, token."""
    forms = getattr(token, "forms", None)
    if forms is None:                              # yargy: a token without forms is its own lowercase form
        return token.value, token.value.lower(), token.type, {token.value.lower()}, set(), token
    grams = set().union(*(f.grams.values for f in forms)) if forms else set()
    return token.value, token.value.lower(), token.type, {f.normalized for f in forms}, grams, token


MEMO_LIMIT = 500_000   # entries per memo before it is cleared (a bound on memory for endless archives)


class Compiled:
    """A production of the BNF grammar, compiled for the chart loop: its terms, which of them are rules,
    its index among its rule's productions (yargy's `rank`) and its FIRST-set gate."""
    __slots__ = ("rule", "production", "rank", "terms", "rule_keys", "size", "gate", "key")

    def __init__(self, rule, production, rank, gate):
        self.rule, self.production, self.rank, self.gate = rule, production, rank, gate
        self.terms = tuple(production.terms)
        self.rule_keys = tuple(id(t) if is_rule(t) else None for t in self.terms) + (None,)
        self.size = len(self.terms)
        self.key = id(rule)


class Scanned:
    """A token matched by a predicate; its yargy Leaf (with `predicate.constrain(token)`) is made only if
    a match's tree needs it."""
    __slots__ = ("predicate", "token", "leaf")

    def __init__(self, predicate, token):
        self.predicate, self.token, self.leaf = predicate, token, None

    def node(self, _memo):
        if self.leaf is None:
            self.leaf = Leaf(self.predicate, self.predicate.constrain(self.token))
        return self.leaf


class At:
    __slots__ = ("index",)

    def __init__(self, index):
        self.index = index


class RootState:
    """A completed match of the start rule, with what yargy's consumers read from a chart state."""
    __slots__ = ("node", "range", "start_column", "stop_column")
    completed = True

    def __init__(self, node, start, stop):
        self.node, self.range = node, (start, stop)
        self.start_column, self.stop_column = At(start), At(stop)


class Matches:
    """The completed start-rule states of one parse, column by column, in yargy's order; their trees are
    built on demand, sharing subtrees (and leaves) exactly where yargy's chart shares them."""

    def __init__(self, rule, by_column):
        self.rule, self.by_column, self.memo = rule, by_column, {}

    def matches(self, rule=None):
        """Completed states of the start rule (the only rule this chart reports), column by column."""
        for column in range(len(self.by_column)):
            yield from self.in_column(column)

    def in_column(self, column):
        for state in self.by_column[column]:
            yield RootState(tree_node(state, self.memo), state[2], column)

    @property
    def last_column(self):
        return LastColumn(self)


class LastColumn:
    def __init__(self, chart):
        self.chart = chart

    def matches(self, rule=None):
        return self.chart.in_column(len(self.chart.by_column) - 1)


def tree_node(state, memo):
    """The yargy Node of a completed state `(production, dot, start, children)`, made once per state."""
    node = memo.get(id(state))
    if node is None:
        compiled = state[0]
        children = [tree_node(c, memo) if type(c) is tuple else c.node(memo) for c in state[3]]
        node = memo[id(state)] = Node(compiled.rule, compiled.production, compiled.rank, children)
    return node


class LookaheadParser(Parser):
    """yargy's Earley algorithm step for step (same states, same order, same trees), on plain tuples.

    A state is `(production, dot, start column, children)`; children are completed states and Scanned
    tokens. yargy deduplicates states by hashing them; the only duplicates its chart can make are the
    predictions of a rule already predicted in the column, so a per-column set of predicted rules does
    the same work without hashing. A token's type and forms follow from its text, so lookahead and
    predicate verdicts are memoised per (rule or predicate, token text) for the process."""

    def __init__(self, rule, tokenizer=None, tagger=None):
        super().__init__(rule, tokenizer=tokenizer, tagger=tagger)
        self.conditions: dict = {}
        self.tests: dict = {}                  # predicate id -> compile_test(predicate)
        self.table = first_sets(self.rule)
        self.compiled: dict[int, list[Compiled]] = {}    # rule id -> its productions, compiled
        self.at_end: dict[int, list[Compiled]] = {}      # rule id -> those worth predicting after the last token
        self.indexed: dict[int, object] = {}             # rule id -> a pipeline rule (predicts by token)
        self.variants: dict[tuple[int, int], Compiled] = {}
        # A token's type and forms follow from its text (the tokenizer's morphology is a function of the
        # word), and so does every predicate's verdict: memos keyed by the token's value, per process.
        self.viable: dict[tuple[int, str], list[Compiled]] = {}   # (rule id, value) -> productions
        self.verdicts: dict[tuple[int, str], bool] = {}           # (predicate id, value) -> verdict
        self.features: dict[str, tuple] = {}                      # value -> features(token)
        self.has_relations = False                        # agreement (gnc) checks can reject a tree
        stack, seen = [self.rule], set()
        while stack:
            rule = stack.pop()
            if id(rule) in seen:
                continue
            seen.add(id(rule))
            self.compiled[id(rule)] = [self.compile(rule, production, rank)
                                       for rank, production in enumerate(rule.productions)]
            # after the last token only a production that can derive the empty string can complete; the
            # others' states would never complete, and only completed start-rule states are output
            self.at_end[id(rule)] = [c for c in self.compiled[id(rule)] if self.table[id(c.production)][1]]
            if type(rule).predict is not BNFRule.predict:
                self.indexed[id(rule)] = rule
            self.has_relations = self.has_relations or rule.relation is not None
            stack += [t for p in rule.productions for t in p.terms if is_rule(t)]

    def compile(self, rule, production, rank: int) -> Compiled:
        predicates, empty = self.table[id(production)]
        return Compiled(rule, production, rank, None if empty else Gate(predicates, self.conditions, self.tests))

    def predicted(self, rule, token) -> list[Compiled]:
        """A pipeline rule's productions for `token` as yargy predicts them: rank = the position in what
        `rule.predict(token)` yields; a production yielded twice makes a duplicate state yargy drops."""
        found, seen = [], set()
        for rank, production in enumerate(rule.predict(token)):
            if id(production) in seen:
                continue
            seen.add(id(production))
            key = (id(production), rank)
            compiled = self.variants.get(key)
            if compiled is None:
                compiled = self.variants[key] = self.compile(rule, production, rank)
            found.append(compiled)
        return found

    def chart(self, text, all=True):  # noqa: A002  (yargy's signature)
        tokens = list(self.tagger(self.tokenizer(text)))
        return Matches(self.rule, self.parse(tokens, all))

    def matches(self, text, all=True):  # noqa: A002
        chart = self.chart(text, all=all)
        return chart.matches() if all else chart.last_column.matches()

    def extract(self, text, all=True):  # noqa: A002
        return prepare_matches(prepare_trees(self.matches(text, all=all)), self.has_relations)

    def findall(self, text):
        """yargy's findall: the first valid tree of each span, the spans of maximal coverage. Without
        relations every tree makes a match, so only the chosen spans' trees are prepared."""
        trees = sorted(prepare_trees(self.matches(text)))
        if self.has_relations:
            spans, chosen = [], {}
            for tree in trees:
                if tree.range not in chosen:
                    match = self.prepare(tree)
                    if match:
                        spans.append(tree.range)
                        chosen[tree.range] = match
            for span in resolve_spans(spans):
                yield chosen[span]
            return
        first = {}
        for tree in trees:
            first.setdefault(tree.range, tree)
        for span in resolve_spans(list(first)):
            yield self.prepare(first[span])

    def leftmost_longest(self, text):
        """Non-overlapping matches, the longest at the leftmost start first: what walking
        `sorted(prepare_trees(self.matches(text)))` and keeping each valid tree that starts at or after
        the last kept one's end gives, with trees built only for the spans that can still be kept."""
        chart = self.chart(text)
        spans: dict[tuple[int, int], list[tuple]] = {}
        for column, states in enumerate(chart.by_column):
            for state in states:
                spans.setdefault((state[2], column), []).append(state)
        stop = -1
        for span in sorted(spans, key=lambda r: (r[0], -r[1])):        # the order of Tree.__lt__ across spans
            if span[0] < stop:
                continue
            for tree in sorted(Tree(tree_node(state, chart.memo), span) for state in spans[span]):
                if span[0] >= stop:
                    match = self.prepare(tree)
                    if match:
                        yield match
                        stop = span[1]

    def match(self, text):
        for match in prepare_matches(sorted(prepare_trees(self.matches(text, all=False))), self.has_relations):
            return match

    def prepare(self, tree):
        """yargy's prepare_match (pipeline.nlp.trees): normalise the tree, check agreement, constrain the
        tokens; a grammar without relations has nothing to check or constrain."""
        return prepare_match(tree, self.has_relations)

    def parse(self, tokens: list, all: bool) -> list[list[tuple]]:  # noqa: A002
        """Completed start-rule states per column (0 .. len(tokens))."""
        size = len(tokens)
        root_key = id(self.rule)
        columns: list[list[tuple]] = [[] for _ in range(size + 1)]
        waiting: list[dict[int, list[tuple]]] = [{} for _ in range(size + 1)]   # rule id -> states before it
        found: list[list[tuple]] = [[] for _ in range(size + 1)]
        viable, seen, at_end = self.viable, self.verdicts, self.at_end
        if len(viable) > MEMO_LIMIT or len(seen) > MEMO_LIMIT or len(self.features) > MEMO_LIMIT:
            viable.clear()
            seen.clear()
            self.features.clear()
        for index in range(size + 1):
            states, wait = columns[index], waiting[index]
            token = tokens[index] if index < size else None
            value = token.value if token is not None else None
            # a rule predicted twice in a column makes the same states, which yargy drops as duplicates
            done: set[int] = set()
            nxt = index + 1
            key = root_key if index == 0 or all else None
            for state in chain((None,), states):     # the column grows while we walk it, as in yargy
                if state is not None:
                    c, dot, start, children = state
                    if dot == c.size:                      # completed: advance the states waiting for it
                        if c.key == root_key:
                            found[index].append(state)
                        parents = waiting[start].get(c.key)
                        if parents:
                            for pc, pdot, pstart, pchildren in parents:
                                pdot += 1
                                advanced = (pc, pdot, pstart, pchildren + (state,))
                                states.append(advanced)
                                if (later := pc.rule_keys[pdot]) is not None:
                                    wait.setdefault(later, []).append(advanced)
                        continue
                    key = c.rule_keys[dot]
                    if key is None:                        # a predicate: scan the token
                        if token is not None:
                            predicate = c.terms[dot]
                            hit = seen.get((id(predicate), value))
                            if hit is None:
                                hit = seen[id(predicate), value] = self.verdict(predicate, token)
                            if hit:
                                sdot = dot + 1
                                advanced = (c, sdot, start, children + (Scanned(predicate, token),))
                                columns[nxt].append(advanced)
                                if (later := c.rule_keys[sdot]) is not None:
                                    waiting[nxt].setdefault(later, []).append(advanced)
                        continue
                if key is None or key in done:
                    continue
                done.add(key)                              # predict: the rule's productions that can start
                if token is None:                          # with the next token, as new states
                    productions = at_end[key]
                else:
                    productions = viable.get((key, value))
                    if productions is None:
                        productions = viable[key, value] = self.viable_productions(key, token)
                for c in productions:
                    state = (c, 0, index, ())
                    states.append(state)
                    if (first := c.rule_keys[0]) is not None:
                        wait.setdefault(first, []).append(state)
        return found

    def verdict(self, predicate, token) -> bool:
        test = self.tests.get(id(predicate))
        if test is None:
            test = self.tests[id(predicate)] = compile_test(predicate)
        f = self.features.get(token.value)
        if f is None:
            f = self.features[token.value] = features(token)
        return test(f)

    def viable_productions(self, key: int, token) -> list[Compiled]:
        f = self.features.get(token.value)
        if f is None:
            f = self.features[token.value] = features(token)
        candidates = self.compiled[key] if key not in self.indexed else self.predicted(self.indexed[key], token)
        return [c for c in candidates if c.gate is None or c.gate.admits(f, self.verdicts)]

"""yargy's tree walks after a parse, as plain recursive functions: the same trees, matches and facts.

    match = prepare_match(tree)    # yargy.parser.prepare_match: normalise, check agreement, constrain
    match.fact                     # yargy's Match.fact: interpret the kept nodes, then normalise the fact

yargy does each step as a Visitor that looks its `visit_<Class>` method up by name for every node and
rebuilds the whole tree between steps (normalise, keep interpretation nodes, interpret). Here:

- `normalized` is PropogateEmptyTransformator: nodes left without children are dropped, the others are
  new Nodes over the kept children; leaves are shared, as yargy shares them;
- `interpret` is KeepInterpretationNodesTransformator + InterpretationTransformator in one walk: the
  children of a node with an interpretator, with the nodes that have none flattened into their
  children, go to the interpretator in order (leaves as their tokens); nothing is rebuilt;
- agreement (RelationsTransformator, validate, ApplyRelationsTransformator) is yargy's graph, fed by a
  plain depth-first walk in yargy's order.

`tests/test_trees.py` checks every match and fact against yargy's own walks on corpus sentences.
"""
from __future__ import annotations

from yargy.interpretation.interpretator import InterpretatorInput
from yargy.parser import Match
from yargy.pipelines import PipelineProduction
from yargy.relations.graph import TokenRelationsGraph
from yargy.token import get_tokens_span
from yargy.tree.constructors import Leaf, Node, Tree


def normalized(tree: Tree) -> Tree:
    """`tree.normalized`."""
    return Tree(_normalized(tree.root), tree.range)


def _normalized(node):
    if isinstance(node, Leaf):
        return node
    children = []
    for child in node.children:
        child = _normalized(child)
        if child is not None:
            children.append(child)
    if children:
        return Node(node.rule, node.production, node.rank, children)
    return None


def prepare_match(tree: Tree, has_relations: bool = True) -> FastMatch | None:
    """yargy's prepare_match(tree); a grammar without relations has nothing to check or constrain."""
    tree = normalized(tree)
    if not has_relations:
        return FastMatch(tree)
    nodes = list(walk(tree.root))
    relations = TokenRelationsGraph()
    for item in nodes:
        if item.relation:
            relations.add(item.relation, item.main)
    if not relations.validate():
        return None
    for item in nodes:
        if isinstance(item, Leaf):
            item.token = relations.constrain(item.token)
    return FastMatch(tree)


def prepare_matches(trees, has_relations: bool = True):
    for tree in trees:
        match = prepare_match(tree, has_relations)
        if match:
            yield match


def walk(root) -> list:
    """yargy's dfs_tree order: a node, then its children's subtrees left to right."""
    out, stack = [], [root]
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(reversed(item.children))
    return out


def leaf_tokens(node, out: list) -> list:
    if isinstance(node, Leaf):
        out.append(node.token)
    else:
        for child in node.children:
            leaf_tokens(child, out)
    return out


def interpret(node):
    """`Tree(node, ...).interpret()` on a normalised tree: the root interpretator's result."""
    if not node.interpretator:
        raise ValueError('no .interpretation(...) for root rule')
    return _interpret(node)


def _interpret(node):
    items: list = []
    _collect(node, items)
    source = InterpretatorInput(items)
    if isinstance(node.production, PipelineProduction):
        source.key = node.production.value
    return node.rule.interpretator(source)


def _collect(node, items: list) -> None:
    for child in node.children:
        if isinstance(child, Leaf):
            items.append(child.token)
        elif child.rule.interpretator:
            items.append(_interpret(child))
        else:
            _collect(child, items)


class FastMatch(Match):
    """yargy's Match over a normalised tree, with the tokens and the fact computed by plain walks."""

    def __init__(self, tree: Tree):
        self.tree = tree
        self.tokens = leaf_tokens(tree.root, [])
        self.span = get_tokens_span(self.tokens)

    @property
    def fact(self):
        return interpret(self.tree.root).normalized

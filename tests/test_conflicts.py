"""The conflicts rule: two claims of different releases about one object, unit and period conflict when the
value intervals their words allow do not meet (exact v -> [v, v]; approx v -> [0.9v, 1.1v]; more, at_least
v -> [v, ∞); less, at_most v -> [0, v])."""
from __future__ import annotations

import pytest

from pipeline.io import conflicts_of

CASES = [
    # one release            another release          conflict
    ((100, None, "exact"),    (100, None, "exact"),    False),
    ((100, None, "exact"),    (101, None, "exact"),    True),
    ((100, None, "approx"),   (110, None, "exact"),    False),   # 1.1 × 100 is still allowed
    ((100, None, "approx"),   (111, None, "exact"),    True),
    ((100, None, "approx"),   (90, None, "exact"),     False),   # 0.9 × 100 is still allowed
    ((100, None, "approx"),   (89, None, "exact"),     True),
    ((1e6, None, "more"),     (7e5, None, "approx"),   True),    # более 1 млн vs около 700 тыс.
    ((1e6, None, "more"),     (2e6, None, "exact"),    False),
    ((1e6, None, "at_least"), (1e6, None, "exact"),    False),
    ((1e6, None, "more"),     (1e6, None, "exact"),    False),   # [v, ∞) as the rule has it, v included
    ((100, None, "less"),     (100, None, "exact"),    False),
    ((100, None, "less"),     (150, None, "more"),     True),
    ((100, None, "at_most"),  (50, None, "at_least"),  False),
    ((100, None, "more"),     (5, None, "at_least"),   False),   # both open upwards
    ((100, None, "at_most"),  (0, None, "exact"),      False),
    ((10, 20, "exact"),       (15, None, "exact"),     False),   # от 10 до 20 holds 15
    ((10, 20, "exact"),       (25, None, "exact"),     True),
    ((10, 20, "approx"),      (22, None, "exact"),     False),   # около 10–20: [9, 22]
    ((10, 20, "approx"),      (8, None, "exact"),      True),
    ((0.5, None, "exact"),    (0.55, None, "approx"),  False),   # [0.495, 0.605] holds 0.5
]


def fact(doc: str, n: int, value, value_max, qualifier, **changes) -> dict:
    row = {"doc_id": doc, "fact_id": f"{doc}#{n}", "start": 0, "end": 5, "text": f"{value} обращений",
           "value": value, "value_max": value_max, "qualifier": qualifier, "unit": None, "object": "обращение",
           "period_start": "2015-01-01", "period_end": "2015-12-31", "sentence": "…", "kind": "count",
           "in_quote": False, "published": "2016-03-29", "role": "level", "change": None, "per": None,
           "modality": "actual"}
    return {**row, **changes}


@pytest.mark.parametrize("a, b, conflict", CASES)
def test_conflict_rule(a, b, conflict):
    found = conflicts_of([fact("a", 1, *a), fact("b", 1, *b)])
    assert bool(found) is conflict
    if conflict:
        [row] = found
        assert (row["a_fact_id"], row["b_fact_id"], row["object"], row["period_start"]) == \
               ("a#1", "b#1", "обращение", "2015-01-01")


NOT_COMPARED = [
    ({"doc_id": "a"}, "the same release"),
    ({"object": "заявка"}, "another object"),
    ({"unit": "процент"}, "another unit"),
    ({"period_start": "2014-01-01", "period_end": "2014-12-31"}, "another period"),
    ({"period_start": "2015-01-01", "period_end": "2015-06-30"}, "a period that only overlaps"),
    ({"object": None}, "nothing counted"),
    ({"role": "difference", "change": "up"}, "a change, not a level"),
    ({"modality": "planned"}, "a plan against a result"),
    ({"per": "год"}, "a rate against a total"),
]


@pytest.mark.parametrize("changes, why", NOT_COMPARED, ids=[why for _, why in NOT_COMPARED])
def test_not_compared(changes, why):
    a = fact("a", 1, 100, None, "exact")
    b = fact("b", 2, 500, None, "exact", **changes)
    assert conflicts_of([a, b]) == []


def test_claims_without_a_period_are_not_compared():
    a = fact("a", 1, 100, None, "exact", period_start=None, period_end=None)
    b = fact("b", 1, 500, None, "exact", period_start=None, period_end=None)
    assert conflicts_of([a, b]) == []


def test_each_pair_once_and_no_unit_is_a_unit():
    facts = [fact(doc, 1, value, None, "exact") for doc, value in (("a", 1), ("b", 2), ("c", 3))]
    pairs = [(c["a_fact_id"], c["b_fact_id"]) for c in conflicts_of(facts)]
    assert pairs == [("a#1", "b#1"), ("a#1", "c#1"), ("b#1", "c#1")]

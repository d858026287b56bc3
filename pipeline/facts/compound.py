"""Amounts written in parts are one fact (CLAIM_SEMANTICS.md: Amounts written in parts).

    '1 млрд 827 млн 240 тыс. рублей' -> one fact, 1827240000 рубль (the grammar gives three)
    '2 часа 30 минут'                -> one fact, 2.5 час
    '5 рублей 50 копеек'             -> one fact, 5.5 рубль

Parts join when only spaces (or `и`) stand between them, each part is smaller than the unit of the one
before (`827 млн` < 1 млрд; 30 минут < 1 час), and only the last names a unit or a counted noun — so
`2 школы 30 детских садов` or `5 млн 2015 года` never join.
"""
from __future__ import annotations

import dataclasses

from pipeline.records import Document, FactRow

# smaller unit -> (larger unit, how many of the smaller make one of the larger)
UNIT_STEPS = {("год", "месяц"): 12, ("неделя", "день"): 7, ("день", "час"): 24, ("сутки", "час"): 24,
              ("час", "минута"): 60, ("минута", "секунда"): 60, ("рубль", "копейка"): 100,
              ("доллар", "цент"): 100, ("евро", "цент"): 100, ("километр", "метр"): 1000,
              ("тонна", "килограмм"): 1000, ("килограмм", "грамм"): 1000, ("метр", "сантиметр"): 100}
JOINS = {"", "и"}


def join_parts(doc: Document, facts: list[FactRow]) -> list[FactRow]:
    out: list[FactRow] = []
    for fact in facts:
        if out and joinable(doc, out[-1], fact):
            out[-1] = joined(doc, out[-1], fact)
        else:
            out.append(fact)
    return out


def joinable(doc: Document, a: FactRow, b: FactRow) -> bool:
    if b.start < a.end or doc.text[a.end:b.start].strip(" \u00a0").lower() not in JOINS:
        return False
    if a.value_max is not None or b.value_max is not None or a.object is not None or a.role != "level":
        return False
    if b.qualifier != "exact" or b.value < 0 or a.value <= 0:
        return False
    if a.unit is None and a.multiplier and (b.multiplier or 1) < a.multiplier and b.value < a.multiplier:
        return "," not in (a.raw_number or "") or b.multiplier is None  # `1,5 млн 200 тыс.` is no amount in parts
    step = UNIT_STEPS.get((a.unit, b.unit or b.object))        # `50 копеек`: a coin is counted, not a unit
    return step is not None and b.value < step and b.multiplier is None and a.multiplier is None


def joined(doc: Document, a: FactRow, b: FactRow) -> FactRow:
    if a.unit is None:                               # scales: 1 млрд + 827 млн + 240 тыс. рублей
        value, unit, kind, multiplier = a.value + b.value, b.unit, b.kind, b.multiplier
    else:                                            # units: 2 часа + 30 минут = 2.5 часа
        value, unit, kind, multiplier = a.value + b.value / UNIT_STEPS[(a.unit, b.unit or b.object)], a.unit, a.kind, None
        b = dataclasses.replace(b, object=None if b.unit is None else b.object, object_phrase=None)
    raw = doc.text[a.start:b.start] + (b.raw_number or "")
    return dataclasses.replace(a, end=b.end, text=doc.text[a.start:b.end], value=value, unit=unit, kind=kind,
                               object=b.object, object_phrase=b.object_phrase, raw_number=raw.strip(),
                               multiplier=multiplier if a.unit is None else None)

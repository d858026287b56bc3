"""Claim semantics of a sentence's facts (CLAIM_SEMANTICS.md): role, change, per and modality.

    'выросло на 26% по сравнению с 2015 годом'   -> 26%: role 'difference', change 'up'
    'в 1,5 раза больше пользователей'            -> ratio, up
    'выросло с 50 до 62 млн'                     -> 50: 'from', 62: 'to' (both up)
    'строят 5 млн кв. м жилья в год'             -> per 'год'
    'планируется построить 120 школ'             -> modality 'planned'; 'может вырасти' -> 'expected'

Reads the sentence's tokens around each fact against the cue vocabularies of grammars/claims.py; the
baseline (`по сравнению с 2015 годом`) needs the dates and is set by pipeline.dates.periods. Scope: a
fact's clause is the run of tokens between punctuation marks around it (`,` `;` `:` `—` quote marks,
brackets); a plan or a forecast said once for the sentence (`планируется, что ...`) governs what follows.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right

from grammars.claims import (AVAILABLE, CHANGE_NOUNS, CLAUSE_ONLY, COMPARATIVES, DIRECTION, EACH, EXPECTED,
                             INFINITIVE_MODALS, LEVEL_VERBS, LINKS, NOT_INFINITIVES, OPINIONS, PER_ADVERBS,
                             PER_PHRASES, PER_UNITS, PLANNED, POSSIBLE_VERBS)
from grammars.numbers import TIMES_ADVERBS
from pipeline.records import FactRow, Sentence

REACH = 40          # tokens a clause reaches on either side of its fact (a clause is ~10)
BOUNDARIES = {",", ";", ":", "—", "–", "(", ")", "«", "»", '"', "“", "”", "„", "!", "?"}
PREPOSITIONS_BEFORE_NOUN = {"в", "во", "на", "по", "с", "со", "к", "ко", "от", "до", "за", "из", "о", "об",
                            "для", "при", "без", "через", "под", "над", "между", "после", "перед", "про"}
@dataclasses.dataclass
class Words:
    """A sentence's tokens with their lemmas and grammemes, indexed by document offset."""
    tokens: list
    starts: list[int]
    stops: list[int]
    text: str
    offset: int
    boundary: list[bool]
    lemma_sets: dict = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, sentence: Sentence) -> Words:
        tokens = list(sentence.tokens)
        boundary = [t.value in BOUNDARIES and not decimal_comma(tokens, k) for k, t in enumerate(tokens)]
        return cls(tokens, [t.span.start for t in tokens], [t.span.stop for t in tokens], sentence.text,
                   sentence.start, boundary)

    def index(self, start: int, end: int) -> tuple[int, int]:
        """Token range [first, last) of the document span [start, end)."""
        return bisect_left(self.stops, start + 1), bisect_right(self.starts, end - 1)

    def text_between(self, a: FactRow, b: FactRow) -> str:
        return self.text[a.end - self.offset:b.start - self.offset]

    def lower(self, k: int) -> str:
        return self.tokens[k].value.lower()

    def lemmas(self, k: int) -> set[str]:
        """The token's normal forms and its lowercase text, made once per word of the sentence (every
        fact of the clause reads them; a word's forms follow from its text)."""
        token = self.tokens[k]
        found = self.lemma_sets.get(token.value)
        if found is None:
            found = self.lemma_sets[token.value] = \
                {f.normalized for f in getattr(token, "forms", ())} | {token.value.lower()}
        return found

    def best(self, k: int):
        forms = getattr(self.tokens[k], "forms", ())
        return forms[0] if forms else None

    def clause(self, first: int, last: int) -> tuple[int, int]:
        """[lo, hi): the tokens between the punctuation marks around tokens first..last-1, at most REACH
        tokens on either side (a page without punctuation is no clause: the cost stays linear)."""
        lo, floor = first, max(0, first - REACH)
        while lo > floor and not self.boundary[lo - 1]:
            lo -= 1
        hi, ceiling = last, min(len(self.tokens), last + REACH)
        while hi < ceiling and not self.boundary[hi]:
            hi += 1
        return lo, hi


def decimal_comma(tokens, k: int) -> bool:
    """`1,5`: a comma glued between digits is part of the number, not a clause boundary."""
    return 0 < k < len(tokens) - 1 and tokens[k].value == "," and tokens[k - 1].type == "INT" and \
        tokens[k + 1].type == "INT" and tokens[k - 1].span.stop == tokens[k].span.start == tokens[k + 1].span.start - 1


def add_semantics(sentence: Sentence, facts: list[FactRow]) -> list[FactRow]:
    """The sentence's facts with role, change, per and modality. A role the grammar already gave ('from'
    and 'to' of `с 50 до 62 млн`, 'to' of `выросло до 5 млн`) is kept, and gets its direction."""
    if not facts or not sentence.tokens:
        return facts
    words = Words.of(sentence)
    spans = [words.index(f.start, f.end) for f in facts]
    spans_sorted = sorted(spans)
    firsts = [span[0] for span in spans_sorted]
    out = []
    for fact, (first, last) in zip(facts, spans):
        if first >= last:
            out.append(fact)
            continue
        lo, hi = words.clause(first, last)
        role, change = role_of(words, fact, first, last, lo, hi, fact.role)
        if role == "ratio" and fact.unit != "раз":
            fact = dataclasses.replace(fact, unit="раз", kind="ratio", object=None)   # `в 2-3 раза`
        near = spans_sorted[bisect_left(firsts, lo):bisect_left(firsts, hi)]   # the facts of this clause
        per = per_of(words, fact, first, last, lo, hi, [span for span in near if span != (first, last)])
        modality = "actual" if is_age(words, fact, last) else modality_of(words, first, lo, hi)
        out.append(dataclasses.replace(fact, role=role, change=change, per=per, modality=modality))
    return arrivals(words, out)


# --- role and change ---

def role_of(words: Words, fact: FactRow, first: int, last: int, lo: int, hi: int,
            known: str | None) -> tuple[str, str | None]:
    direction = clause_direction(words, first, last, lo, hi)
    compared = after_comparative(words, number_end(words, first, last), min(hi, last + 3))
    if known in ("from", "to"):
        direction = direction or sentence_direction(words, lo)
        if known == "to" and direction is None:
            return "level", None                     # `доходят до 8 G`: a level reached, no change said
        return known, direction
    if is_ratio(words, fact, first):
        before = next((COMPARATIVES[words.lower(k)] for k in range(first - 1, lo - 1, -1)
                       if words.lower(k) in COMPARATIVES), None)   # `больше прежней почти вдвое`
        return "ratio", compared or direction or before or sentence_direction(words, lo)
    if governed_by_na(words, fact, first) and not (direction or compared) and \
            not any(is_verbal(words, k) for k in range(lo, hi)):
        direction = sentence_direction(words, lo)    # `вырастут на 11%, а в других странах – на 20%`
    if governed_by_na(words, fact, first) and (direction or compared):
        return "difference", compared or direction
    if first > 0 and words.lower(first - 1) in {"с", "со"} and last < len(words.tokens) and \
            words.lower(last) == "до" and (direction or sentence_direction(words, lo)):
        return "from", direction or sentence_direction(words, lo)      # `с двух часов до одного`
    if arrives_at(words, first) and direction:
        return "to", direction                       # `увеличить товарооборот до уровня 10 млрд`
    noun = change_subject(words, first, lo)
    if noun is not None:
        return "difference", DIRECTION.get(noun)
    return "level", None


def number_end(words: Words, first: int, last: int) -> int:
    """The token after the fact's number (`в 1,5 раза| больше`, `26|% больше`), where a comparative may stand."""
    for k in range(first, last):
        if words.lower(k) in {"раз", "раза"}:
            return k + 1
    return first + 1 if words.tokens[first].type == "INT" else last


def arrives_at(words: Words, first: int) -> bool:
    """`до уровня 10 млрд`, `до отметки 4 млн` right before the number (a bare `до 5 минут` after a verb of
    change is the grammar's `to` already; after `экономит` it is a bound: `до семи минут`, at most)."""
    k = first - 1
    if k >= 0 and words.lemmas(k) & {"уровень", "отметка", "показатель", "значение"}:
        k -= 1
    return k >= 0 and words.lower(k) == "до"


def sentence_direction(words: Words, lo: int, reach: int = 15) -> str | None:
    """The nearest change word before the clause (`поднять его ещё вдвое — то есть до 20 млрд`)."""
    for k in range(lo - 1, max(-1, lo - 1 - reach), -1):
        if words.lower(k) == ";":                    # a `.` inside a sentence ends an abbreviation (`тыс.`)
            break
        direction = next((DIRECTION[lemma] for lemma in words.lemmas(k) if lemma in DIRECTION), None)
        if direction is not None:
            return direction
    return None


def is_ratio(words: Words, fact: FactRow, first: int) -> bool:
    """`в 1,5 раза`, `вдвое`, `в 2-3 раза`: a multiplicative comparison (`два раза в год` is a count)."""
    if fact.unit != "раз" and fact.object != "раз":
        return False
    text = fact.text.lower()
    return any(word in TIMES_ADVERBS for word in text.split()) or " в " in f" {text}" or \
        (first > 0 and words.lower(first - 1) == "в")


def governed_by_na(words: Words, fact: FactRow, first: int) -> bool:
    """`на 5%`, `почти на 18%`, `на один час`: the preposition of a difference, in or right before the fact."""
    head = fact.text.lower().split()
    if "на" in head[:3]:                             # `на 5%`, `почти на 18%`, `более чем на 40 тыс.`
        return True
    return first > 0 and words.lower(first - 1) == "на"


def clause_direction(words: Words, first: int, last: int, lo: int, hi: int) -> str | None:
    """The direction of the nearest change word of the clause (`вырос`, `сокращение`, `назад`)."""
    best, distance = None, None
    for k in [*range(lo, first), *range(last, hi)]:
        direction = next((DIRECTION[lemma] for lemma in words.lemmas(k) if lemma in DIRECTION), None)
        if direction is None:
            continue
        d = first - k if k < first else k - last
        if distance is None or d < distance:
            best, distance = direction, d
    return best


def after_comparative(words: Words, start: int, stop: int) -> str | None:
    """`на 26% больше`, `в 1,5 раза выше`, `вдвое меньше`: a comparative right after the number."""
    for k in range(start, min(stop, start + 3)):
        if words.boundary[k]:
            return None
        if words.lower(k) in COMPARATIVES:
            return COMPARATIVES[words.lower(k)]
    return None


def change_subject(words: Words, first: int, lo: int) -> str | None:
    """`рост аудитории составил 8,4%`, `экономия времени — более 100 млн`: a change noun that is the
    clause's subject (nominative, no preposition before it) and only a linking verb between it and the number."""
    for k in range(first - 1, lo - 1, -1):
        form = words.best(k)
        if form is None:
            continue
        instrumental = k == first - 2 and words.lower(first - 1) == "в" and "ablt" in form.grams.values
        if form.normalized in CHANGE_NOUNS and "NOUN" in form.grams.values and (
                "nomn" in form.grams.values or instrumental):      # `разницей в несколько десятков тысяч`
            if k > lo and words.lower(k - 1) in PREPOSITIONS_BEFORE_NOUN:
                return None
            return form.normalized
        if "VERB" in form.grams.values and form.normalized not in LINKS:
            return None
    return None


def arrivals(words: Words, facts: list[FactRow]) -> list[FactRow]:
    """`увеличились на 10% и составили 1,2 млн`: a level stated right after a difference, with a verb of
    reaching, is where the change arrived (`to`), in the same direction."""
    out = list(facts)
    for n in range(1, len(out)):
        previous, fact = out[n - 1], out[n]
        if previous.role == "from" and fact.role == "to" and previous.value != fact.value:
            change = "up" if fact.value > previous.value else "down"     # `с 50 до 62 млн`: the values say
            out[n - 1], out[n] = (dataclasses.replace(previous, change=change),
                                  dataclasses.replace(fact, change=change))
            continue
        prev_first, _ = words.index(previous.start, previous.end)
        since = previous.text.lower().startswith(("с ", "со ")) or \
            prev_first > 0 and words.lower(prev_first - 1) in {"с", "со"}
        if previous.role == "level" and fact.role == "to" and since \
                and words.text_between(previous, fact).strip(" \u00a0").lower() in {"", "до"}:
            out[n - 1] = dataclasses.replace(previous, role="from", change=fact.change)   # `с двух часов до одного`
            continue
        if fact.role != "level" or previous.role != "difference":
            continue
        first, _ = words.index(fact.start, fact.end)
        _, prev_last = words.index(previous.start, previous.end)
        between = range(prev_last, first + 1)        # the fact may open with its verb: `достигла 1,2 млн`
        if len(between) > 12 or any(words.lower(k) in {";", "."} for k in between):
            continue
        if any(words.lemmas(k) & LEVEL_VERBS for k in between) or \
                (first > 0 and words.lower(first - 1) == "до"):
            out[n] = dataclasses.replace(fact, role="to", change=previous.change)
    return out


def is_age(words: Words, fact: FactRow, last: int) -> bool:
    """`16-летняя дочь`, `43-летнему россиянину`, `жителей старше 65 лет`: a person's age is a property, whatever
    the clause plans."""
    first, _ = words.index(fact.start, fact.end)
    if fact.unit == "год" and first > 0 and words.lower(first - 1) in {"старше", "младше", "моложе"}:
        return True
    if "летн" not in fact.text.lower():
        return False
    form = words.best(last) if last < len(words.tokens) else None
    return form is not None and {"NOUN", "anim"} <= form.grams.values


# --- per ---

def per_of(words: Words, fact: FactRow, first: int, last: int, lo: int, hi: int,
           others: list[tuple[int, int]]) -> str | None:
    """The denominator of a rate: `в год`, `ежедневно`, `на человека`, `на каждого жителя`, `за штуку`,
    `каждый шаттл совершил 100 полётов`. The nearest cue of the clause wins; a cue nearer to another fact
    is that fact's (`одного раза в неделю и одного часа`: the week is the first's)."""

    def distance(k: int, span: tuple[int, int]) -> int:
        return k - span[1] if k >= span[1] else span[0] - k + 1

    others = [span for span in others if lo <= span[0] and span[1] <= hi]
    found = []
    for k in range(lo, hi):
        if any(span[0] <= k < span[1] or distance(k, span) < distance(k, (first, last)) for span in others):
            continue
        if first <= k < last and not (words.lower(k) == "в" and k + 1 < last and per_unit(words, k + 1)):
            continue                                 # inside the fact only a glued rate: `250 000 автомобилей в год`
        per = per_at(words, k, hi, money=fact.kind == "money", adjacent=k in (last, last + 1), first=first)
        if per is not None:
            found.append((abs(k - last) if k >= last else first - k + 1, per))
    return min(found)[1] if found else None


def per_unit(words: Words, k: int) -> str | None:
    return next((PER_UNITS[lemma] for lemma in words.lemmas(k) if lemma in PER_UNITS), None)


def per_at(words: Words, k: int, hi: int, money: bool, adjacent: bool, first: int = -1) -> str | None:
    word = words.lower(k)
    if word in PER_ADVERBS:
        return PER_ADVERBS[word]
    if word == "в" and k + 1 < hi:
        if k > 0 and words.lower(k - 1) in {"раз", "раза"} and not adjacent:
            return None                              # `одного раза в неделю`: the frequency's own rate
        unit = per_unit(words, k + 1)
        if unit and accusative_singular(words, k + 1) and not governs_noun(words, k + 2, hi):
            return unit
    if word == "за" and money and adjacent and k + 1 < hi:
        return per_noun(words, k + 1, hi)            # `50 рублей за поездку`
    if word == "на" and k + 1 < hi:
        if k + 1 == first or k + 2 == first and words.lemmas(k + 1) & EACH:
            return None                              # `на каждые 10 граждан`: the fact is the count itself
        for phrase, per in PER_PHRASES.items():
            n = len(phrase.split())
            if " ".join(words.lower(j) for j in range(k, min(hi, k + n))) == phrase:
                return per
        shares = any("приходиться" in words.lemmas(j) for j in range(k + 2, min(hi, k + 6)))
        return each_noun(words, k + 1, hi, alone=adjacent or shares)   # `на человека приходится 20 кв. м`
    if "каждый" in words.lemmas(k) and (k == 0 or words.lower(k - 1) not in PREPOSITIONS_BEFORE_NOUN):
        j = k + 1
        if j < hi and words.lower(j) == "из":
            j += 1                                   # `каждый из участников получит`
        return each_noun(words, j, hi, alone=False, each=True)
    return None


def each_noun(words: Words, j: int, hi: int, alone: bool, each: bool = False) -> str | None:
    """`(на) каждого работающего москвича`, `одного жителя`, `каждые 10 граждан`, `человека` right after the
    fact: the lemma of the noun counted per. `один` needs a person (`на один час` is an amount)."""
    if j < hi and words.lemmas(j) & EACH:
        each, person_only = True, "каждый" not in words.lemmas(j)
        j += 1
    else:
        person_only = False
    if not each and not alone:
        return None
    if j < hi and words.tokens[j].type == "INT":
        j += 1                                       # `на каждые 10 граждан`
    for _ in range(3):
        form = words.best(j) if j < hi else None
        if form is None:
            return None
        grams = form.grams.values
        if "NOUN" in grams and not grams & {"Name", "Surn", "Patr", "Geox"}:
            if (person_only or not each) and "anim" not in grams:
                return None
            return form.normalized
        if not grams & {"ADJF", "PRTF"}:
            return None
        j += 1
    return None


def per_noun(words: Words, k: int, hi: int) -> str | None:
    """`за штуку`, `за квадратный метр`, `за один килограмм`: the unit a price is per."""
    j = k + (1 if words.lemmas(k) & EACH else 0)
    parts = []
    while j < hi and len(parts) < 2:
        form = words.best(j)
        if form is None:
            break
        if "ADJF" in form.grams.values:
            parts.append(form.normalized)
        elif "NOUN" in form.grams.values:
            return " ".join([*parts, form.normalized])
        else:
            break
        j += 1
    return None


def accusative_singular(words: Words, k: int) -> bool:
    forms = getattr(words.tokens[k], "forms", ())
    return any("accs" in f.grams.values or "nomn" in f.grams.values for f in forms)


def governs_noun(words: Words, k: int, hi: int) -> bool:
    """`в год 70-летия`, `в день города`: the unit word heads a genitive phrase, it is no rate."""
    if k >= hi:
        return False
    token = words.tokens[k]
    if token.type == "INT":
        return True
    form = words.best(k)
    return form is not None and token.value[:1].isupper() or \
        form is not None and {"NOUN", "gent"} <= form.grams.values


# --- modality ---

def modality_of(words: Words, first: int, lo: int, hi: int) -> str:
    """`expected` for a forecast or possibility, `planned` for a plan or a verb in the future, else `actual`.

    The cues of the fact's clause count; a clause without a verb (`Олег Гнедчик — 3,5 года`,
    `(по 25 минут каждому)`) reads the clauses before it up to one with a verb; a clause opened by
    `что`/`чтобы` also reads its governing clause (`планируется, что ...`, `думаю, что ... будет`).
    """
    while lo > 0 and words.lower(lo - 1) not in {":", ";"} and not any(is_verbal(words, k) for k in range(lo, hi)):
        lo, _ = words.clause(lo - 1, lo - 1)
    clause = range(lo, hi)
    here = set().union(*(words.lemmas(k) for k in clause))
    matrix: set[str] = set()
    opener = next((k for k in range(lo, min(hi, lo + 2)) if words.lower(k) in {"что", "чтобы"}), None)
    if lo > 0:
        m_lo, _ = words.clause(lo - 1, lo - 1)
        aside = lo - 1 - m_lo <= 3 and words.lower(m_lo) != "как"   # not `Как и планировалось, ...`
        if opener is not None or aside:              # `планируется, что ...`; `Я думаю, ...`, `По прогнозу, ...`
            matrix = set().union(*(words.lemmas(k) for k in range(m_lo, lo)))
    future = any(is_future(words, k) for k in clause)
    if "должный" in here and not any(words.best(j) is not None and "INFN" in words.best(j).grams.values
                                     for j in clause):
        here = here - {"должный"}                    # `Газпром должен Белоруссии 200 млн`: a debt, not a plan
    expected = (here & EXPECTED) | (matrix & (EXPECTED - CLAUSE_ONLY))
    if "мочь" in expected and not possible_change(words, clause):
        expected.discard("мочь")                     # `может предоставить доступ к 280 услугам`: a capability
    if expected or future and (matrix & OPINIONS or "ли" in here):
        return "expected"
    if here & PLANNED or matrix & (PLANNED - CLAUSE_ONLY) or future or infinitive_goal(words, clause):
        return "planned"
    return "actual"


def is_verbal(words: Words, k: int) -> bool:
    """A word that can carry a clause: a verb, a short participle, a predicative, or a comparative used as
    a predicate (`кухня больше прежней`; `не менее одного часа` is a qualifier)."""
    form = words.best(k)
    if words.lower(k) in NOT_INFINITIVES:
        return False
    if form is not None and "COMP" in form.grams.values:
        after = words.best(k + 1) if k + 1 < len(words.tokens) else None
        number = k + 1 < len(words.tokens) and words.tokens[k + 1].type == "INT" or \
            after is not None and after.grams.values & {"NUMR", "Anum"} or words.lower(k + 1) in {"чем", "на", "в"}
        return not number
    return form is not None and bool(form.grams.values & {"VERB", "INFN", "PRTS", "PRED"}) or \
        form is not None and form.normalized == "должный"


def is_future(words: Words, k: int) -> bool:
    """A verb in the future (`построят`, `будет`); a two-aspect verb (`девальвирует`) reads as present."""
    forms = getattr(words.tokens[k], "forms", ())
    return bool(forms) and {"VERB", "futr"} <= forms[0].grams.values and \
        not any("pres" in f.grams.values for f in forms)


def possible_change(words: Words, clause: range) -> bool:
    """`может составить`, `могут вырасти`, `могут возникнуть`: a possible amount, not a capability."""
    for k in clause:
        if "мочь" in words.lemmas(k):
            for j in range(k + 1, min(clause.stop, k + 4)):
                form = words.best(j)
                if form is not None and "INFN" in form.grams.values:
                    return form.normalized in POSSIBLE_VERBS or form.normalized in DIRECTION
    return False


def infinitive_goal(words: Words, clause: range) -> bool:
    """`поднять штраф до 3 миллионов`, `решено увеличить ... на 40%`, `помочь в строительстве двух школ`:
    a clause whose verb is an infinitive, with no finite verb, states a goal."""
    infinitive = finite = False
    for k in clause:
        form = words.best(k)
        if form is None:
            continue
        if words.lower(k) in AVAILABLE:
            return False                             # `пройти диспансеризацию можно в 35 поликлиниках`: on offer now
        if "INFN" in form.grams.values and words.lower(k) not in NOT_INFINITIVES:
            infinitive = True
        elif "VERB" in form.grams.values and form.normalized not in INFINITIVE_MODALS:
            finite = True
    return infinitive and not finite

"""One position phrase next to a name → a Post (nominative title and organisation) and its head token.

    'заместителя Мэра Москвы'                 -> Post(position='заместитель мэра', organization='Москва')
    'глава Комиссии по делам молодёжи'        -> organization 'Комиссия по делам молодёжи' (`по` after a common noun)
    'директор НАСА по космическим полётам'     -> position 'директор', organization 'НАСА' (`по` after a name: the post's)
    'наблюдатель от ООН'                      -> organization 'ООН'
"""
from __future__ import annotations

from dataclasses import dataclass

from yargy.parser import prepare_trees

from grammars.positions import ORG_WORDS, TITLE_WORDS, profession_word
from pipeline.people.mentions import NameMention
from pipeline.people.names import first_readings, name_cases
from pipeline.people.orgs import WORD, lemma, normalize_org, normalize_title, title_key
from pipeline.records import Document


@dataclass(frozen=True)
class Post:
    start: int
    end: int
    position: str
    organization: str | None
    position_full: str
    key: str


BOUNDARIES = {",", ":", ";", "—", "–", "(", ")", "!", "?", "."}
DASHES = {"—", "–", "-"}
QUOTES = {"«", "»", '"', "„", "“", "”"}
TITLE_LEMMAS = frozenset(w for t in TITLE_WORDS for w in t.split("-") if w) | {"исполнять", "и", "зав"}


def can_head(token) -> bool:
    forms = getattr(token, "forms", None) or []
    return token.value.lower() in TITLE_LEMMAS or any(f.normalized in TITLE_LEMMAS for f in forms) \
        or profession_word(token.value) and any({"NOUN", "anim"} <= f.grams.values for f in forms)


def is_sep(token, doc: Document) -> bool:
    """A comma or a dash (a hyphen counts when spaced: `Крис Хелмбрехт - управляющий директор`)."""
    if token.value == ",":
        return True
    if token.value not in DASHES:
        return False
    a, b = token.span.start, token.span.stop
    return token.value != "-" or (doc.text[a - 1:a].isspace() and doc.text[b:b + 1].isspace())


@dataclass
class Found:
    """A parsed position phrase: its tokens and the Post made of it."""
    post: Post
    head: object            # the title's head token (for agreement)
    size: int


def counted(tokens: list, start: int) -> bool:
    """A numeral right before the title: `три космонавта`, `2 кандидата`."""
    k = next((k for k, t in enumerate(tokens) if t.span.start == start), 0)
    forms = getattr(tokens[k - 1], "forms", None) or [] if k else []
    return k > 0 and (tokens[k - 1].value.isdigit() or any("NUMR" in f.grams.values for f in forms)
                      or tokens[k - 1].value.lower() in {"оба", "обе", "обоих"})


def is_plural(head) -> bool:
    forms = getattr(head, "forms", None) or []
    return bool(forms) and all("plur" in f.grams.values for f in forms if "NOUN" in f.grams.values or
                               "ADJF" in f.grams.values) and any("plur" in f.grams.values for f in forms)


def agrees(head, m: NameMention, plural_ok: bool, check_case: bool = True) -> bool:
    """Apposition: the title's head is singular, in a case the name can be in, and not feminine for a man."""
    forms = [f for f in getattr(head, "forms", None) or [] if {"NOUN", "ADJF", "PRTF"} & set(f.grams.values)]
    if not forms:
        return True                                                # и.о., зав.: nothing to check
    if not plural_ok:
        forms = [f for f in forms if "plur" not in f.grams.values]
    if check_case:
        cases = name_cases(m.words)
        forms = [f for f in forms if cases & set(f.grams.values) or "Fixd" in f.grams.values]
    if m.name.gender == "masc" and forms and all("femn" in f.grams.values for f in forms) \
            and not either_gender(m.name.first):
        return False                                               # актриса ... Сергей (not: леди Мишель)
    return bool(forms)


def either_gender(first: str | None) -> bool:
    """A first name both men and women bear (`Мишель`, `Саша`): the title's gender may decide."""
    genders = {r[0] for r in first_readings(first) if r[1] == "nomn" and r[3] >= 1.0} if first else set()
    return len(genders) == 2


def longest(parser, tokens: list, doc: Document, from_end: bool, names: frozenset = frozenset()) -> Found | None:
    """The longest position phrase that ends where `tokens` end (or starts where they start): one chart parse.

    It stops at punctuation (not the dot of `зав.`, `и.о.`) and at any token of a person's name."""
    stops = [i for i, t in enumerate(tokens) if (t.value in BOUNDARIES and not abbreviation(tokens, i)
             or is_sep(t, doc)) and not between_places(tokens, i) or t.span.start in names]
    if from_end:
        tokens = tokens[stops[-1] + 1:] if stops else tokens
    else:
        tokens = tokens[:stops[0]] if stops else tokens
    if not tokens or not any(can_head(t) for t in tokens):     # no title word: the parser cannot match
        return None
    best = best_edge_match(parser, tokens, from_end)
    if best is None:
        return None
    post, head = to_post(best, doc)
    return Found(post, head, len(best.tokens))


def best_edge_match(parser, tokens: list, from_end: bool):
    """The longest match ending at the last token (from_end) or starting at the first, one with an
    organisation first among equals; None if there is none. One chart parse (a phrase anchored at the
    start is predicted at the first token only); matches are interpreted longest first, and only until
    a length has a valid one (agreement can reject a tree)."""
    chart = parser.chart(tokens, all=from_end)
    if from_end:
        states = list(chart.last_column.matches(parser.rule))
    else:
        states = [s for s in chart.matches(parser.rule) if s.start_column.index == 0]
    by_length: dict[int, list] = {}
    for state in states:                          # in chart order, as yargy yields them
        start, stop = state.range
        by_length.setdefault(stop - start, []).append(state)
    for length in sorted(by_length, reverse=True):
        fits = [m for m in map(parser.prepare, prepare_trees(by_length[length])) if m]
        if fits:                                  # equal length and the same edge: the same tokens
            return next((x for x in fits if x.fact.org is not None), fits[0])
    return None


MATTERS = {"по", "против", "за"}
ORG_LEMMAS = frozenset(ORG_WORDS)


def is_proper(org: str) -> bool:
    """An organisation named without a common noun (`НАСА`, `Москвы`, `Philips`): its `по ...` is the post's
    (`заместитель мэра Москвы по вопросам транспорта`), not the organisation's (`Комитета по делам молодёжи`)."""
    return not any(lemma(w) in ORG_LEMMAS for w in WORD.findall(org) if w.isalpha())


PLACE_PREPOSITIONS = {"в", "во", "на"}


def between_places(tokens: list, i: int) -> bool:
    """A comma in a list of places the post covers: `директор ... Philips в России, на Украине, в Белоруссии`."""
    return tokens[i].value == "," and 0 < i and i + 2 < len(tokens) and tokens[i - 1].value[:1].isupper() \
        and tokens[i + 1].value.lower() in PLACE_PREPOSITIONS and tokens[i + 2].value[:1].isupper() \
        and any(t.value.lower() in PLACE_PREPOSITIONS for t in tokens[max(0, i - 3):i - 1])


def abbreviation(tokens: list, i: int) -> bool:
    return tokens[i].value == "." and i > 0 and tokens[i - 1].value.lower() in {"зав", "и", "о", "зам", "гл"}


def to_post(match, doc: Document) -> tuple[Post, object]:
    fact = match.fact
    start, end = match.tokens[0].span.start, match.tokens[-1].span.stop
    title_span = span_of(fact.title)
    title_text = doc.text[title_span[0]:title_span[1]]
    position, place = normalize_title(title_text)
    org_span = span_of(fact.org) if fact.org else None
    if fact.extra:
        a, b = span_of(fact.extra)
        prep, *tail = doc.text[a:b].split(maxsplit=1)
        if prep.lower() in MATTERS and org_span and not is_proper(doc.text[slice(*org_span)]):
            org_span = (org_span[0], b)                        # Комитета по иностранным делам
        elif prep.lower() in MATTERS and not org_span:
            title_span = (title_span[0], b)                    # министр по делам разведки
            title_text = doc.text[title_span[0]:title_span[1]]
            position, place = normalize_title(title_text)
        elif prep.lower() == "от" and tail and not org_span and place is None:
            org_span = (b - len(tail[0]), b)                   # наблюдатель от ОБСЕ
    organization = normalize_org(doc.text[slice(*org_span)]) if org_span else place
    rest = doc.text[title_span[1]:end].strip()
    full = f"{normalize_title(title_text, keep_place=True)[0]} {rest}".strip()
    inside = [t for t in match.tokens if title_span[0] <= t.span.start < title_span[1]]
    head = next((t for k, t in enumerate(inside) if t.value.lower() not in {"и", "зав", "-"}
                 and (can_head(t) or k and inside[k - 1].value == "-")            # экс-кандидат: the noun
                 and not (k + 1 < len(inside) and inside[k + 1].value == "-")), None)
    return Post(start, end, position, organization, full, title_key(position)), head


def span_of(sub) -> tuple[int, int]:
    spans = sub.spans
    return spans[0].start, spans[-1].stop

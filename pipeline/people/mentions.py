"""NER PER spans → name mentions, merged into one cluster per person within a document.

    'Сергей Собянин ... Собянин ... С. Собянин'  -> one cluster, three mentions
    'Анастасии Раковой' ... 'Раковой'           -> one cluster (the surname inflects from 'Ракова')
    'Собянин: ...' (a headline the tagger missed) -> a surname mention of the person with that surname
"""
from __future__ import annotations

from bisect import bisect_left

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp import DocTokens
from pipeline.people.countries import names_country
from pipeline.people.names import Name, PARTICLES, is_surname_like, morph, normalize_name, surname_readings
from pipeline.records import Document, NamedSpan, Sentence

WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*")


@dataclass
class NameMention:
    start: int
    end: int
    name: Name
    words: tuple[str, ...]


def merge_spans(doc: Document, spans: list[NamedSpan]) -> list[NamedSpan]:
    """Adjacent PER spans split by the tagger (`С.` + `Собянин`) become one."""
    out: list[NamedSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.type == out[-1].type == "PER" and not doc.text[out[-1].end:span.start].strip():
            prev = out.pop()
            span = NamedSpan(prev.start, span.end, "PER", doc.text[prev.start:span.end])
        out.append(span)
    return out


def name_mention(doc: Document, span: NamedSpan) -> NameMention | None:
    """A PER span → its words (initials keep their dot) and nominative name; None for a non-name."""
    start, end = span.start, span.end
    while start > 1 and re.fullmatch(r"[А-ЯЁA-Z]\.\s?", doc.text[start - 3:start].lstrip()) is not None:
        start -= len(doc.text[start - 3:start].lstrip())          # an initial the tagger left out
    found = []                                                   # (word, start, end)
    for m in WORD.finditer(doc.text, start, end):
        w = m.group()
        if len(w) == 1 and doc.text[m.end():m.end() + 1] == ".":
            w += "."
        found.append((w, m.start(), m.end()))
    if "(" in doc.text[start:end]:                               # Скотт Хоровитц (Scott Horowitz)
        end = start + doc.text[start:end].index("(")
        found = [x for x in found if x[2] <= end] or found
    while found and found[-1][0][:1].islower():
        found.pop()
    while found and not looks_like_name(found[0][0]) and len(found) > 1:
        found.pop(0)                                             # Всё-таки Проди
    latin = re.match(r"\s*\(([A-Za-z][A-Za-z'’ .-]*)\)", doc.text[end:end + 60])
    cyrillic = [x for x in found if re.search("[А-Яа-яЁё]", x[0])]
    if latin and 0 < len(latin.group(1).split()) < len(cyrillic):
        found = found[len(found) - len(latin.group(1).split()):]   # Аль-Джазиры Сами аль-Хадж (Sami al-Haj)
    if found:
        start = found[0][1]                                      # the name starts at its first kept word
    words = [x[0] for x in found]
    prev = re.search(r"(\S+)\s+$", doc.text[max(0, start - 12):start])
    if prev and prev.group(1).lower() in PARTICLES - {"о"}:     # ибн Эзра, фон Браун (`о` alone: the preposition)
        start -= len(prev.group(0))
        words.insert(0, prev.group(1))
    surname = re.search(r"(?:^|[\s\-–—•*])([А-ЯЁ][а-яё]+) +$", doc.text[max(0, start - 30):start])
    if len(words) == 2 and surname and is_surname_like(surname.group(1)) and is_patronymic_word(words[1]):
        start = max(0, start - 30) + surname.start(1)
        words.insert(0, surname.group(1))                        # `- Ремезов Олег Петрович, начальник ...`
    if not words or not any(looks_like_name(w) for w in words):
        return None
    if len(words) == 1 and PLURAL_OBLIQUE.search(words[0]) and not has_name_reading(words[0]):
        return None                                              # рассказал Викиновостям: a plural, not a person
    if names_country(tuple(words)):
        return None                                              # • Эль Сальвадор • Эфиопия: places
    before = re.search(r"(\w+)[^\w.!?]*$", doc.text[max(0, start - 30):start])
    adjacent = re.search(r"(\w+) +$", doc.text[max(0, start - 30):start])
    name = normalize_name(tuple(words), before is None or before.group(1).lower() in LOCATIVE_PREPOSITIONS,
                          adjective_agreement(adjacent.group(1)) if adjacent else None)
    if name is None or not (name.first or name.last):
        return None
    return NameMention(start, end, name, tuple(words))


LOCATIVE_PREPOSITIONS = {"о", "об", "обо", "при", "в", "во", "на"}    # the locative needs one of them


@lru_cache(maxsize=50_000)
def adjective_agreement(word: str) -> frozenset[tuple[str, str]] | None:
    """(gender, case) pairs of a word that can only be a singular adjective: 'известная' -> {('femn',
    'nomn')}; None for any other word (`Мэр`, `президента`, `и`, participles)."""
    parses = morph().parse(word.lower())
    if not parses or not all("ADJF" in p.tag and "sing" in p.tag for p in parses):
        return None                          # a participle governs the name instead: `принадлежащая Юрию`
    return frozenset((p.tag.gender, p.tag.case) for p in parses if p.tag.gender in ("masc", "femn"))


def is_patronymic_word(word: str) -> bool:
    return any("Patr" in p.tag for p in morph().parse(word.lower()))


PLURAL_OBLIQUE = re.compile(r"(ам|ям|ами|ями|ах|ях)$")      # a person's name is never plural


def has_name_reading(word: str) -> bool:
    return any({"Name", "Surn", "Patr"} & set(map(str, p.tag.grammemes)) for p in morph().parse(word.lower()))


@lru_cache(maxsize=50_000)
def looks_like_name(word: str) -> bool:
    """A word with a Name/Surn/Patr reading, or a capitalised word the dictionary does not know."""
    if not word[:1].isupper() or len(word) < 2:
        return False
    parses = morph().parse(word.lower())
    if any({"Name", "Surn", "Patr"} & set(map(str, p.tag.grammemes)) for p in parses):
        return True
    return not any(p.is_known for p in parses)


# Mentions a person's name is read from: the name is derived on every access, and clustering reads every
# person's name for every lone surname, so a page naming one person 3,000 times cost 3,000 x 3,000 reads
NAME_READS = 64


@dataclass
class Cluster:
    mentions: list[NameMention]

    @property
    def name(self) -> Name:
        """The fullest reading of the first NAME_READS mentions: a spelled-out first name and patronymic beat
        initials. (Full names come first in a cluster: cluster() appends initials and lone surnames later.)"""
        def full(word: str | None) -> bool:
            return bool(word) and not word.endswith(".")
        names = [m.name for m in self.mentions[:NAME_READS]]
        first = next((n.first for n in names if full(n.first) and n.last), None) or \
            next((n.first for n in names if full(n.first)), None) or next((n.first for n in names if n.first), None)
        middle = next((n.middle for n in names if full(n.middle) and n.first == first), None)
        if not full(first):
            middle = next((n.middle for n in names if n.middle), None)
        last = next((n.last for n in names if n.last and n.first), None) or next((n.last for n in names if n.last), None)
        gender = next((n.gender for n in names if n.first and full(n.first) and n.gender), None) or \
            next((n.gender for n in names if n.gender), None)
        return Name(first, middle, last, gender)


def fold(word: str | None) -> str:
    return (word or "").lower().replace("ё", "е")


def same_surname(mention: NameMention, last: str | None) -> bool:
    """Does the mention's written surname inflect from `last`? ('Раковой', 'Ракова') -> True."""
    if not last or not mention.name.last:
        return False
    if fold(mention.name.last) == fold(last):
        return True
    head, tail = fold(last).rsplit(" ", 1) if " " in last else ("", fold(last))
    # Without a full first name the gender is only guessed from the surname's form, and `Воронцова`
    # is feminine nominative or masculine genitive alike: any reading of the written word may match.
    sure = has_full_first(mention.name)
    written_words = [w for w in mention.words if fold(w).startswith(fold(mention.name.last)[:3])] or \
        mention.name.last.split()
    written = (mention.name.last if sure else written_words[-1]).split()
    if fold(" ".join(written[:-1])) != head and (sure or head):
        return False
    return any(fold(r[2]) == tail for r in surname_readings(written[-1])
               if not sure or r[0] in (mention.name.gender or r[0],))


def has_full_first(name: Name) -> bool:
    """A first name written out (not an initial): it, not the surname's form, tells the gender."""
    return bool(name.first) and not name.first.endswith(".")


def cluster(mentions: list[NameMention]) -> list[Cluster]:
    """Full names first, then initials and lone surnames or first names attach to a matching person."""
    clusters: list[Cluster] = []
    by_full: dict[tuple[str, str], Cluster] = {}
    partial = []
    for m in sorted(mentions, key=lambda m: m.start):
        n = m.name
        if n.first and n.last and not n.first.endswith("."):
            key = (fold(n.first), fold(n.last))
            if key not in by_full:
                by_full[key] = Cluster([])
                clusters.append(by_full[key])
            by_full[key].mentions.append(m)
        else:
            partial.append(m)
    for m in partial:
        n = m.name
        if n.last:
            fits = [c for c in clusters if c.name.last and same_surname(m, c.name.last)
                    and (not n.first or fold(c.name.first)[:1] == fold(n.first)[:1])]
        else:
            # `Сергей Семенович` addresses the Сергей the document names, patronymic given or not
            fits = [c for c in clusters if fold(c.name.first) == fold(n.first)
                    and (not n.middle or not c.name.middle or fold(c.name.middle) == fold(n.middle))]
            if n.middle and len({fold(c.name.text) for c in fits}) > 1:
                fits = [c for c in fits if fold(c.name.middle) == fold(n.middle)]
        as_surname = False
        if not n.last and not n.middle and not fits:          # a lone word read as a first name: a surname?
            as_last = NameMention(m.start, m.end, Name(None, None, n.first, None), m.words)
            fits = [c for c in clusters if c.name.last and same_surname(as_last, c.name.last)]
            as_surname = bool(fits)        # `По словам Данна`: the gender of a first name `Данна` no longer holds
        if n.last and not n.first and not fits and len(m.words) == 1 and not is_surname_like(m.words[0]):
            word = fold(m.words[0])            # a lone word read as a surname: the written first name of one person?
            fits = [c for c in clusters if c.name.first and fold(c.name.first) == word]   # Саломе -> Саломе Зурабишвили
            fits = fits if len({fold(c.name.text) for c in fits}) == 1 else []
        if has_full_first(n) and not as_surname:
            fits = [c for c in fits if gender_fits(c.name.gender, n.gender)]
        if fits:
            nearest(fits, m.start).mentions.append(m)
        else:
            clusters.append(Cluster([m]))
    return sorted(clusters, key=lambda c: min(x.start for x in c.mentions))


def gender_fits(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def nearest(clusters: list[Cluster], pos: int) -> Cluster:
    """The cluster mentioned last before `pos` (else the first mentioned after it)."""
    def key(c: Cluster):
        before = [x.start for x in c.mentions if x.start < pos]
        return (0, -max(before)) if before else (1, min(x.start for x in c.mentions))
    return min(clusters, key=key)


def add_surname_mentions(doc: Document, sentences: list[Sentence], clusters: list[Cluster],
                         names: list[NamedSpan]) -> None:
    """A surname the tagger missed (a headline `Собянин: ...`) still refers to the person with that surname."""
    taken = [(m.start, m.end) for c in clusters for m in c.mentions]
    taken += [(s.start, s.end) for s in names if s.type != "PER"]
    # Cluster.name is derived on each access; bare surnames added below never change a full name's last
    full = [(c, c.name.last) for c in clusters if c.name.first and c.name.last]
    union = merge_intervals(taken)
    union_starts = [a for a, _ in union]
    for sent in sentences:
        for tok in sent.tokens:
            word = tok.value
            if not word[:1].isupper() or len(word) < 3 or overlaps(union, union_starts, tok.span.start, tok.span.stop):
                continue
            fits = [c for c, last in full if bare_surname_of(word, last)]
            if fits:
                mention = NameMention(tok.span.start, tok.span.stop, Name(None, None, word, None), (word,))
                nearest(fits, tok.span.start).mentions.append(mention)


def named_tokens(sentences: list[Sentence], clusters: list[Cluster]) -> dict[int, int]:
    """The start of every token inside a name mention -> the index of its cluster (where mentions
    overlap, the one that starts first, as a scan from the left finds it)."""
    spans = sorted((m.start, m.end, i) for i, c in enumerate(clusters) for m in c.mentions)
    tokens = DocTokens(sentences)
    return {t.span.start: i for a, b, i in reversed(spans) for t in tokens.starting_in(a, b)}


@lru_cache(maxsize=100_000)
def bare_surname_of(word: str, last: str) -> bool:
    """Is a capitalised word alone a form of the surname `last`? (same_surname of a bare mention)"""
    return same_surname(NameMention(0, len(word), Name(None, None, word, None), (word,)), last)


def merge_intervals(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Disjoint, sorted cover of the same points: [(0, 5), (3, 9), (12, 14)] -> [(0, 9), (12, 14)]."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def overlaps(union: list[tuple[int, int]], starts: list[int], start: int, stop: int) -> bool:
    """Does [start, stop) share a point with the disjoint sorted intervals `union`?"""
    i = bisect_left(starts, stop) - 1          # the last interval starting before `stop`
    return i >= 0 and union[i][1] > start

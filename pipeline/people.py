"""NER PER spans + sentences → people (nominative names, positions) and their mentions in the document.

    'заместителя мэра Москвы Анастасии Раковой' -> Анастасия Ракова, position 'заместитель мэра',
                                                   organization 'Москва', position_full 'заместитель мэра Москвы'
    'мэр Москвы Сергей Собянин ... Собянин ... Мэр' -> one person, n_mentions 3
    'С.С. Собянин', 'Собянин Сергей Семенович'    -> first Сергей, middle Семенович, last Собянин

Interface for quotes and speakers (`People`):
    people.at(start, end)           -> the PersonRow a mention overlapping [start, end) refers to
    people.last_before(pos, 'femn') -> the person of the nearest mention ending before pos (pronouns)
    people.by_title('мэр')          -> the one person the document gives that title, if unique
    people.person(pid), people.gender(pid) -> 'masc' | 'femn' | None
    people.with_quote_counts({pid: n}) -> a copy whose PersonRows carry n_quotes
"""
from __future__ import annotations

import bisect
import re
import dataclasses
from dataclasses import dataclass, field

from grammars.positions import TITLE_WORDS
from pipeline.names import PARTICLES, Name, morph, normalize_name, surname_readings
from pipeline.orgs import normalize_org, normalize_title, title_key
from pipeline.records import Document, NamedSpan, PersonRow, PositionRow, Sentence
from pipeline.tools import Tools


@dataclass(frozen=True)
class Mention:
    """Where the document refers to a person: a name, a surname, a title or a pronoun resolved to them."""
    start: int
    end: int
    person_id: str


@dataclass
class People:
    people: list[PersonRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)          # person_id -> 'masc' | 'femn'
    titles: dict[str, list[str]] = field(default_factory=dict)     # title lemma -> person_ids with it

    def __post_init__(self):
        self.mentions = sorted(self.mentions, key=lambda m: (m.end, m.start))
        self._by_id = {p.person_id: p for p in self.people}
        self._ends = [m.end for m in self.mentions]

    def person(self, person_id: str | None) -> PersonRow | None:
        return self._by_id.get(person_id) if person_id else None

    def gender(self, person_id: str | None) -> str | None:
        return self.genders.get(person_id) if person_id else None

    def at(self, start: int, end: int) -> PersonRow | None:
        """The person of the longest mention overlapping [start, end)."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        if not hits:
            return None
        return self.person(max(hits, key=lambda m: m.end - m.start).person_id)

    def last_before(self, pos: int, gender: str | None = None) -> PersonRow | None:
        i = bisect.bisect_right(self._ends, pos)
        for m in reversed(self.mentions[:i]):
            if gender is None or self.genders.get(m.person_id) in (gender, None):
                return self.person(m.person_id)
        return None

    def by_title(self, text: str) -> PersonRow | None:
        ids = self.titles.get(title_key(text), [])
        return self.person(ids[0]) if len(set(ids)) == 1 else None

    def with_quote_counts(self, counts: dict[str, int]) -> "People":
        rows = [dataclasses.replace(p, n_quotes=counts.get(p.person_id, p.n_quotes)) for p in self.people]
        return People(rows, self.positions, self.mentions, self.genders, self.titles)


WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*")


@dataclass
class NameMention:
    start: int
    end: int
    name: Name
    words: tuple[str, ...]


def extract_people(doc: Document, sentences: list[Sentence], names: list[NamedSpan], tools: Tools) -> People:
    mentions = [m for m in (name_mention(doc, s) for s in merge_spans(doc, names) if s.type == "PER") if m]
    clusters = cluster(mentions)
    add_surname_mentions(doc, sentences, clusters, names)
    found = find_positions(doc, sentences, clusters, tools)
    return build(doc, sentences, clusters, found)


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
    words = []
    for m in WORD.finditer(doc.text, start, end):
        w = m.group()
        if len(w) == 1 and doc.text[m.end():m.end() + 1] == ".":
            w += "."
        words.append(w)
    while words and words[-1][:1].islower():
        words.pop()
    while words and not looks_like_name(words[0]) and len(words) > 1:
        words.pop(0)                                              # Всё-таки Проди
    prev = re.search(r"(\S+)\s+$", doc.text[max(0, start - 12):start])
    if prev and prev.group(1).lower() in PARTICLES:              # ибн Эзра, фон Браун
        start -= len(prev.group(0))
        words.insert(0, prev.group(1))
    if "(" in doc.text[start:end]:                               # Скотт Хоровитц (Scott Horowitz)
        end = start + doc.text[start:end].index("(")
        words = [w for m2 in WORD.finditer(doc.text, start, end) for w in [m2.group()]] or words
    if not words or not any(looks_like_name(w) for w in words):
        return None
    name = normalize_name(tuple(words))
    if name is None or not (name.first or name.last):
        return None
    return NameMention(start, end, name, tuple(words))


def looks_like_name(word: str) -> bool:
    """A word with a Name/Surn/Patr reading, or a capitalised word the dictionary does not know."""
    if not word[:1].isupper() or len(word) < 2:
        return False
    parses = morph().parse(word.lower())
    if any({"Name", "Surn", "Patr"} & set(map(str, p.tag.grammemes)) for p in parses):
        return True
    return not any(p.is_known for p in parses)


@dataclass
class Cluster:
    mentions: list[NameMention]

    @property
    def name(self) -> Name:
        """The fullest reading: a spelled-out first name and patronymic beat initials."""
        def full(word: str | None) -> bool:
            return bool(word) and not word.endswith(".")
        names = [m.name for m in self.mentions]
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
    written = mention.name.last.split()
    if fold(" ".join(written[:-1])) != head:
        return False
    return any(fold(r[2]) == tail for r in surname_readings(written[-1]) if r[0] in (mention.name.gender or r[0],))


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
            fits = [c for c in clusters if fold(c.name.first) == fold(n.first)
                    and (not n.middle or fold(c.name.middle) == fold(n.middle))]
        if not n.last and not n.middle and not fits:          # a lone word read as a first name: a surname?
            as_last = NameMention(m.start, m.end, Name(None, None, n.first, None), m.words)
            fits = [c for c in clusters if c.name.last and same_surname(as_last, c.name.last)]
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
    full = [c for c in clusters if c.name.first and c.name.last]
    for sent in sentences:
        for tok in sent.tokens:
            word = tok.value
            if not word[:1].isupper() or len(word) < 3 or any(a < tok.span.stop and tok.span.start < b for a, b in taken):
                continue
            mention = NameMention(tok.span.start, tok.span.stop, Name(None, None, word, None), (word,))
            fits = [c for c in full if same_surname(mention, c.name.last)]
            if fits:
                nearest(fits, tok.span.start).mentions.append(mention)


@dataclass(frozen=True)
class Post:
    start: int
    end: int
    position: str
    organization: str | None
    position_full: str
    key: str


MAX_BEFORE = 14      # tokens a position before a name may span
BOUNDARIES = {",", ":", ";", "—", "–", "(", ")", "!", "?", "."}
TITLE_LEMMAS = frozenset(w for t in TITLE_WORDS for w in t.split("-") if w) | {"исполнять", "и"}


def can_head(token) -> bool:
    forms = getattr(token, "forms", None) or []
    return token.value.lower() in TITLE_LEMMAS or any(f.normalized in TITLE_LEMMAS for f in forms)
MAX_POSTS = 3        # posts listed after a name, comma-separated


def find_positions(doc: Document, sentences: list[Sentence], clusters: list[Cluster], tools: Tools) -> dict[int, list[Post]]:
    """Cluster index -> its posts: a position phrase right before a name mention, or after it and a comma."""
    parser = tools.parser("position")
    owner = {id(m): i for i, c in enumerate(clusters) for m in c.mentions}
    found: dict[int, list[Post]] = {}
    for sent in sentences:
        tokens = list(sent.tokens)
        for m in (m for c in clusters for m in c.mentions if sent.start <= m.start < sent.end):
            posts = []
            before = [t for t in tokens if t.span.stop <= m.start]
            if before and not doc.text[before[-1].span.stop:m.start].strip():
                posts += longest(parser, before[-MAX_BEFORE:], doc, from_end=True)[:1]
            after = [t for t in tokens if t.span.start >= m.end]
            if after and after[0].value == "(" and ")" in [t.value for t in after[:8]]:
                after = after[[t.value for t in after].index(")") + 1:]      # Скотт Хоровитц (Scott Horowitz), ...
            for _ in range(MAX_POSTS):
                if not after or after[0].value not in {",", "—", "–"}:
                    break
                got = longest(parser, after[1:], doc, from_end=False)
                if not got:
                    break
                posts += got[:1]
                after = [t for t in after if t.span.start >= got[0].end]
            for post in posts:
                have = found.setdefault(owner[id(m)], [])
                if not any((p.position, p.organization) == (post.position, post.organization) for p in have):
                    have.append(post)
    return found


def longest(parser, tokens: list, doc: Document, from_end: bool) -> list[Post]:
    """The longest position phrase that ends where `tokens` end (or starts where they start): one chart parse."""
    stops = [i for i, t in enumerate(tokens) if t.value in BOUNDARIES]
    if from_end:
        tokens = tokens[stops[-1] + 1:] if stops else tokens
    else:
        tokens = tokens[:stops[0]] if stops else tokens
    if not any(can_head(t) for t in tokens):            # no title word: the parser cannot match
        return []
    edge = tokens[-1].span.stop if from_end else tokens[0].span.start
    fits = [m for m in parser.extract(tokens)
            if (m.tokens[-1].span.stop if from_end else m.tokens[0].span.start) == edge]
    if not fits:
        return []
    return [to_post(max(fits, key=lambda m: (len(m.tokens), -m.tokens[0].span.start)), doc)]


def to_post(match, doc: Document) -> Post:
    fact = match.fact
    start, end = match.tokens[0].span.start, match.tokens[-1].span.stop
    title_span = span_of(fact.title)
    title_text = doc.text[title_span[0]:title_span[1]]
    position, place = normalize_title(title_text)
    organization = normalize_org(doc.text[slice(*span_of(fact.org))]) if fact.org else place
    rest = doc.text[title_span[1]:end].strip()
    full = f"{normalize_title(title_text)[0] if not place else full_title(title_text)} {rest}".strip()
    return Post(start, end, position, organization, full, title_key(position))


def full_title(title: str) -> str:
    from pipeline.orgs import head_nominative
    return head_nominative(title, lower=True)


def span_of(sub) -> tuple[int, int]:
    spans = sub.spans
    return spans[0].start, spans[-1].stop


def build(doc: Document, sentences: list[Sentence], clusters: list[Cluster], found: dict[int, list]) -> People:
    people, positions, mentions, genders, titles = [], [], [], {}, {}
    for i, c in enumerate(clusters, 1):
        pid = f"{doc.doc_id}#p{i}"
        name = c.name
        posts = found.get(i - 1, [])
        main = posts[0] if posts else None
        people.append(PersonRow(doc.doc_id, pid, name.text, name.first, name.middle, name.last,
                                position=main.position if main else None,
                                organization=main.organization if main else None,
                                position_full=main.position_full if main else None,
                                n_mentions=len(c.mentions)))
        for post in posts:
            positions.append(PositionRow(doc.doc_id, pid, name.text, post.start, post.end,
                                         doc.text[post.start:post.end], post.position, post.organization,
                                         post.position_full))
            titles.setdefault(post.key, []).append(pid)
        mentions += [Mention(m.start, m.end, pid) for m in c.mentions]
        if name.gender:
            genders[pid] = name.gender
    return People(people, positions, mentions, genders, titles)

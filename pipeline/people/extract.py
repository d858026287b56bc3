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
import dataclasses
import re
from dataclasses import dataclass, field

from pipeline.nlp import DocTokens, Tools
from pipeline.people.countries import with_countries
from pipeline.people.mentions import Cluster, add_surname_mentions, cluster, merge_spans, name_mention, named_tokens
from pipeline.people.names import name_cases
from pipeline.people.orgs import title_key
from pipeline.people.posts import find_positions
from pipeline.people.predicates import add_occupied, add_predicated
from pipeline.records import Document, NamedSpan, PersonRow, PositionRow, Sentence



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

    def by_title_head(self, text: str) -> PersonRow | None:
        """The one person whose title has this head: `создатель Facebook` -> the `создатель социальной сети`."""
        head = title_key(text).split()[:1]
        ids = {pid for key, pids in self.titles.items() if key.split()[:1] == head for pid in pids} if head else set()
        return self.person(ids.pop()) if len(ids) == 1 else None

    def with_quote_counts(self, counts: dict[str, int]) -> "People":
        rows = [dataclasses.replace(p, n_quotes=counts.get(p.person_id, p.n_quotes)) for p in self.people]
        return People(rows, self.positions, self.mentions, self.genders, self.titles)


CREDIT = re.compile(r"^[ \t]*(?:Фото|Фотография|Фотограф|Видео|Автор|Текст|Источник|Иллюстрация|Коллаж)"
                    r"(?:[ \t]*[:—–-]|[ \t]+[А-ЯЁA-Z])[^\n]*$", re.M)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Lines crediting a photo or the text (`Фото: Ирина Климова`): who took it is no person of the news."""
    return [m.span() for m in CREDIT.finditer(text)] if "\n" in text else []


def extract_people(doc: Document, sentences: list[Sentence], names: list[NamedSpan], tools: Tools) -> People:
    credits = credit_spans(doc.text)
    names = [s for s in names if not any(a <= s.start < b for a, b in credits)]
    mentions = [m for m in (name_mention(doc, s) for s in merge_spans(doc, names) if s.type == "PER") if m]
    clusters = cluster(mentions)
    add_surname_mentions(doc, sentences, clusters, names)
    tokens = DocTokens(sentences)
    by_verb_gender(clusters, tokens)
    named = named_tokens(sentences, clusters)
    found = find_positions(doc, sentences, clusters, tools, named)
    add_predicated(doc, sentences, clusters, tools, found, named)
    add_occupied(doc, sentences, clusters, tools, found, named)
    return build(doc, clusters, with_countries(sentences, found), tokens)


def by_verb_gender(clusters: list[Cluster], ends_at: DocTokens) -> None:
    """A lone surname two people share (`Виктор Бут`, `Алла Бут`) goes to the one whose gender its verb
    has: `Бут рассказала` is hers, whichever of them was named last."""
    for c in clusters:
        for m in list(c.mentions):
            if len(m.words) != 1 or m.name.first or not c.name.last:
                continue
            gender = agreed_gender(ends_at, Cluster([m]))
            if gender is None or c.name.gender in (gender, None):
                continue
            others = [o for o in clusters if o is not c and o.name.last == c.name.last and o.name.gender == gender]
            if len(others) == 1:
                c.mentions.remove(m)
                others[0].mentions.append(m)


def agreed_gender(ends_at: DocTokens, c: Cluster) -> str | None:
    """The gender of the past-tense verb or short adjective a name is the subject of, which beats a guess
    from a foreign first name: `Марин Ле Пен заявила` -> 'femn'. `ends_at` has the document's tokens."""
    votes = {"masc": 0, "femn": 0}
    ends = {m.end for m in c.mentions if "nomn" in name_cases(m.words)}     # the subject is in the nominative
    for end in sorted(ends):                     # votes are counted: the order they are met in is no matter;
        # in the text's order, each sentence's tokens are made once (nlp.SentenceTokens keeps the latest)
        found = ends_at.ending_at(end)
        if found is None:
            continue
        tokens, k = found
        for nxt in tokens[k + 1:k + 3]:
            grams = [set(f.grams.values) for f in getattr(nxt, "forms", [])]
            past = [g for g in grams if ("VERB" in g and "past" in g or "ADJS" in g or "PRTS" in g) and "sing" in g]
            genders = {x for g in past for x in ("masc", "femn") if x in g}
            if len(genders) == 1:
                votes[genders.pop()] += 1
                break
            if nxt.value in {",", ".", "—", "(", ":"}:
                break
    if votes["masc"] != votes["femn"]:
        return max(votes, key=votes.get)
    return None


def build(doc: Document, clusters: list[Cluster], found: dict[int, list], ends_at: DocTokens) -> People:
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
        gender = agreed_gender(ends_at, c) or name.gender
        if gender:
            genders[pid] = gender
    return People(people, positions, mentions, genders, titles)


"""What quote finders share: the document's tokens, its people, and who the subject of a speech verb is.

    'отметил мэр Москвы Сергей Собянин'  -> after the verb: the mention 'Сергей Собянин'
    'Командир корабля Юрий Маленченко сказал' -> before the verb: the nearest nominative mention
    'отметила она'                        -> the nearest preceding woman (gender from the verb's ending)
    'сказал протоиерей'                   -> the one person the document titles `протоиерей`
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from grammars.speech import TITLE_HEADS
from pipeline.nlp import DocTokens, analyzer
from pipeline.people import People
from pipeline.records import Document, PersonRow, Sentence

PRONOUNS = {"он": "masc", "она": "femn"}
POSSESSIVE_PRONOUNS = {"его": "masc", "её": "femn", "ее": "femn"}
CLAUSE_STOP = {".", "!", "?", "…", ":", ";", "«", "»", '"', "“", "”", "„", "—", "–"}


@dataclass(frozen=True)
class Statement:
    """A quote before numbering: span of the statement, and who said it (person_id or None)."""
    start: int
    end: int
    kind: str
    cue: str | None
    person_id: str | None
    cue_start: int | None = None        # the cue's own offset, so other finders don't read it again


class Context:
    """One document's tokens (in order, document offsets) with lookups of people around them."""

    def __init__(self, doc: Document, sentences: list[Sentence], people: People):
        self.doc, self.text, self.sentences, self.people = doc, doc.text, sentences, people
        self.tokens = DocTokens(sentences)
        self.sentence_starts = [s.start for s in sentences]

    # --- tokens ---
    def tokens_in(self, start: int, end: int) -> list:
        """The tokens that start in [start, end) and end by `end`."""
        return self.tokens.within(start, end)

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None

    # --- people ---
    def person_in(self, tokens: list, prefer_nominative: bool = False, last: bool = False) -> PersonRow | None:
        """The person of the first (or last) mention among tokens; nominative mentions first if asked."""
        groups: list[tuple[list, PersonRow]] = []        # runs of tokens naming one person
        prev = None
        for token in tokens:
            person = self.people.at(token.span.start, token.span.stop) or self.by_surname(token)
            if person is None:
                prev = None
                continue
            if groups and groups[-1][1].person_id == person.person_id and groups[-1][0][-1] is prev:
                groups[-1][0].append(token)
            else:
                groups.append(([token], person))
            prev = token
        if prefer_nominative:
            groups = [g for g in groups if all(can_be(t, "nomn") for t in g[0])] or groups
            groups = [g for g in groups if not complement(self, g[0][0], g[1])]
        if not groups:
            return None
        return self.canonical((groups[-1] if last else groups[0])[1])

    def by_surname(self, token) -> PersonRow | None:
        """A capitalised word whose lemma is a known surname (when people gave no mention there)."""
        if not token.value[:1].isupper() or not hasattr(token, "forms"):
            return None
        lemmas = {token.value.lower()} | {f.normalized for f in token.forms}
        hits = {p.person_id: p for p in self.people.people
                if p.last and p.last.lower().replace("ё", "е") in {x.replace("ё", "е") for x in lemmas}}
        if not hits:
            # `Марк рассказал`: a first name as written, of the one person the document names with it
            hits = {p.person_id: p for p in self.people.people if p.first and fold(p.first) == fold(token.value)
                    and "nomn" in {g for f in token.forms for g in f.grams.values}}
        if not hits and len(token.value) >= 5 and unknown_word(token.value):
            # `Бонер объявил` for Джон Бенер: a word no dictionary knows, one letter off the one surname
            word = fold(token.value)
            hits = {p.person_id: p for p in self.people.people if p.first and p.last and len(p.last) >= 5
                    and fold(p.last)[:1] == word[:1] and edits(fold(p.last), word) == 1}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def canonical(self, person: PersonRow | None) -> PersonRow | None:
        """A surname-only person (`Хоровитц`) is the fully named one with that surname, if unique."""
        if person is None or person.first:
            return person
        key = fold(person.last or person.name)
        # `Хоровитц` -> `Скотт Хоровитц`; `Воронцова` (a genitive left as a name) -> `Илья Воронцов`
        full = [p for p in self.people.people if p.first and any(
            key.startswith(word) and len(key) - len(word) <= 2 and len(word) > 3 for word in fold(p.name).split())]
        if not full and len(key) >= 8:    # a misspelt long surname: `Гернстермайер` for Билл Герстенмайер
            full = [p for p in self.people.people if p.first and p.last and edits(fold(p.last), key) <= 2]
        return full[0] if len(full) == 1 else person

    def person_before(self, pos: int, gender: str | None, exclude: str | None = None) -> PersonRow | None:
        """The nearest person mentioned before pos, of that gender, other than `exclude` (pronouns)."""
        for m in reversed([m for m in self.people.mentions if m.end <= pos]):
            if m.person_id == exclude:
                continue
            if gender is None or self.people.gender(m.person_id) in (gender, None):
                return self.people.person(m.person_id)
        return None

    def by_title(self, tokens: list) -> PersonRow | None:
        """`мэр`, `глава департамента`, `протоиерей` → the person the document gives that title."""
        words = []
        for k, t in enumerate(tokens):                                  # вице - мэр -> вице-мэр
            if t.type != "RU":
                continue
            if k >= 2 and tokens[k - 1].value == "-" and words and tokens[k - 2].span.stop == tokens[k - 1].span.start:
                words[-1] = tokens[k - 2].value.lower() + "-" + lemma(t)
            else:
                words.append(lemma(t))
        heads = [t for t in tokens if t.type == "RU" and "NOUN" in grams(t)]
        if heads and "plur" in grams(heads[0]):
            return None                 # `по утверждению представителей Роскосмоса`: not one person
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                person = self.people.by_title(" ".join(words[i:i + size]))
                if person is not None:
                    return person
        return self.people.by_title_head(lemma(heads[0])) if heads else None

    def subject(self, tokens: list, pos: int, gender: str | None, after_verb: bool,
                exclude: str | None = None) -> PersonRow | None:
        """Who the tokens around a speech verb name: a mention, a pronoun, then a title."""
        if after_verb:
            person = self.person_in(tokens)
        else:
            person = self.person_in(tokens, prefer_nominative=True, last=True)
        if person is not None:
            return self.of_gender(person, gender)
        for token in (tokens if after_verb else reversed(tokens)):
            word = token.value.lower()
            if word in PRONOUNS:
                return self.person_before(pos, PRONOUNS[word] if gender is None else gender, exclude)
            if word == "я" and exclude is not None:
                return self.people.person(exclude)       # `«... я ответил, что ...»`: the one quoted says it
        person = self.by_title(tokens)
        if person is None and self.title_head(tokens):
            person = self.person_before(pos, gender, exclude)       # `сказал министр`: the one just named
        return self.canonical(person)

    def of_gender(self, person: PersonRow, gender: str | None) -> PersonRow:
        """`Бут рассказала`: of two people with one surname, the one the verb's gender agrees with."""
        if gender is None or self.people.gender(person.person_id) in (gender, None) or not person.last:
            return person
        same = [p for p in self.people.people if p.last and fold(p.last) == fold(person.last)
                and self.people.gender(p.person_id) == gender]
        return same[0] if len(same) == 1 else person

    @staticmethod
    def title_head(tokens: list) -> bool:
        """The first noun is a singular title (`глава департамента`), not `представители` or a name."""
        nouns = [t for t in tokens if t.type == "RU" and "NOUN" in grams(t)]
        if not nouns:
            return False
        head = nouns[0]
        # capitalised, it is a title only where capitals are ordinary: first in its stretch (`Мэр отметил`)
        return lemma(head) in TITLE_HEADS and "plur" not in grams(head) \
            and (not head.value[:1].isupper() or head is tokens[0])


def complement(ctx: Context, first, person: PersonRow) -> bool:
    """`Помощник Хиллари Клинтон ... заявил`: a name right after a title noun that is not the person's own
    post is that noun's complement; the one who speaks is the holder of the title."""
    head = ctx.tokens.before(first.span.start)
    if head is None:
        return False
    if head.type != "RU" or not any(f.normalized in TITLE_HEADS and "nomn" in f.grams.values and "NOUN" in f.grams.values
                                    for f in getattr(head, "forms", None) or []):
        return False
    return not any(p.person_id == person.person_id and p.start <= head.span.start < p.end
                   for p in ctx.people.positions)


# --- token helpers ---
def lemma(token) -> str:
    forms = getattr(token, "forms", None)
    return forms[0].normalized if forms else token.value.lower()


def grams(token) -> set:
    forms = getattr(token, "forms", None)
    return set(forms[0].grams.values) if forms else set()


def can_be(token, gram: str) -> bool:
    return any(gram in f.grams.values for f in getattr(token, "forms", []) or [])


def finite_verb(token) -> bool:
    """A personal verb form (not infinitive, participle or gerund), most likely reading."""
    return "VERB" in grams(token)


def verb_gender(token) -> str | None:
    g = grams(token)
    return "masc" if "masc" in g else "femn" if "femn" in g else None


def clause_tokens(tokens: list, forward: bool) -> list:
    """Tokens up to the first comma or clause stop outside quote marks, in the given direction:
    `газета «Ведомости», ...` -> `газета «Ведомости»`."""
    out, depth = [], 0
    opening, closing = ("«„“", "»”") if forward else ("»”", "«„“")
    seq = list(tokens if forward else reversed(tokens))
    for k, token in enumerate(seq):
        near = seq[k - 1] if forward and k else seq[k + 1] if not forward and k + 1 < len(seq) else None
        if token.value == "." and near is not None and re.fullmatch(r"[А-ЯЁA-Z]", near.value):
            out.append(token)                                           # the dot of an initial: `А. Кудрин`
            continue
        if token.value in opening:
            depth += 1
        elif token.value in closing and depth:
            depth -= 1
        elif depth == 0 and (token.value in CLAUSE_STOP or token.value == ","):
            break
        out.append(token)
    return out if forward else out[::-1]


def unknown_word(word: str) -> bool:
    """No dictionary reading at all (pymorphy guesses only): `Бонер` yes, `Котов`, `Москва` no."""
    return not any(p.is_known for p in analyzer().parse(word.lower()))


def edits(a: str, b: str) -> int:
    """Levenshtein distance: 'герстенмайер', 'гернстермайер' -> 2."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def strip_span(text: str, start: int, end: int, chars: str = " \t,.;:—–-") -> tuple[int, int]:
    """Shrink [start, end) past surrounding spaces and punctuation (keeps !, ?, … and quote marks)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


WORDS = re.compile(r"\w+")

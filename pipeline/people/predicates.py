"""Posts given by a copula: a person (or `он`/`она` referring to one) `является`, `стал`, `назначен` + title.

    'Иван Петров стал министром финансов России'        -> Иван Петров: министр финансов, Россия
    'В настоящий момент он является депутатом парламента' -> the last man named before: депутат, парламент
    'Капитаном команды стал Иван Петров'                 -> Иван Петров: капитан, команда
    'Тренер назвал Ивана Петрова капитаном команды'      -> Иван Петров: капитан, команда
    'Иван Петров стал первым жителем района'             -> nothing (`житель` is no title)
    'Петров сказал, что его сын является директором'     -> nothing (another subject)
"""
from __future__ import annotations

from pipeline.nlp import Tools
from pipeline.people.mentions import Cluster
from pipeline.people.post_phrase import Post, TITLE_LEMMAS, longest
from pipeline.people.posts import add
from pipeline.records import Document, Sentence

COPULAS = {"являться", "стать", "становиться", "работать", "служить", "оставаться", "остаться", "быть",
           "назначить", "избрать", "назначать", "избирать", "утвердить", "переизбрать"}
NAMING = {"назвать", "называть", "назначить", "назначать", "избрать", "избирать", "утвердить", "объявить"}
PRONOUNS = {"он": "masc", "она": "femn"}
SKIP = {"также", "уже", "еще", "ещё", "вновь", "снова", "теперь", "сейчас", "официально", "был", "была"}
CLAUSE_END = {".", "!", "?", ";", ":", "—", "–", "(", ")"}
QUOTES = {"«", "»", '"', "„", "“", "”"}
SUBORDINATE = {"что", "чтобы", "который", "которая", "которое", "которые", "если", "когда", "где", "хотя", "пока"}


def add_predicated(doc: Document, sentences: list[Sentence], clusters: list[Cluster], tools: Tools,
                   found: dict[int, list[Post]], named_at: dict[int, int]) -> None:
    """Add to `found` (cluster index -> posts) the posts stated by a copula about a named subject.
    `named_at` is mentions.named_tokens(sentences, clusters)."""
    parser = tools.parser("position")
    spans = sorted((m.start, m.end, i) for i, c in enumerate(clusters) for m in c.mentions)
    genders = {i: c.name.gender for i, c in enumerate(clusters)}
    inside = frozenset(start for start, _, _ in spans)
    for sent in sentences:
        tokens = list(sent.tokens)
        flags = [word_flags(t) for t in tokens]
        if not any(copula or naming for _, copula, naming, _ in flags):
            continue                            # posts are added only at a copula or a naming verb
        subject: int | None = None
        quoted = False
        for k, tok in enumerate(tokens):
            if tok.value in QUOTES:
                quoted = not quoted if tok.value == '"' else tok.value in "«„“"
                continue
            starts_subject, copula, naming, nominative = flags[k]
            if tok.value in CLAUSE_END or tok.value.lower() in SUBORDINATE or not quoted and starts_subject:
                subject = None                                     # Петров сказал, что его сын является ...
                continue
            named = named_at.get(tok.span.start)
            if named is not None and nominative:
                subject = named
                continue
            gender = PRONOUNS.get(tok.value.lower())
            if gender:
                subject = next((i for a, b, i in reversed(spans) if b <= tok.span.start
                                and genders[i] in (gender, None)), None)
                continue
            if naming and k + 1 < len(tokens):                     # назвал Йенса Лемана первым вратарём
                obj = next(((i, b) for a, b, i in spans if a == tokens[k + 1].span.start), None)
                rest = [t for t in tokens[k + 1:] if obj and t.span.start >= obj[1]]
                got = longest(parser, rest, doc, from_end=False, names=inside) if obj else None
                if got and is_instrumental(got.head):
                    add(found.setdefault(obj[0], []), got.post)
            if not copula:
                continue
            after = next((i for a, b, i in spans if k + 1 < len(tokens) and a == tokens[k + 1].span.start), None)
            if after is not None and is_nominative(tokens[k + 1]):           # капитаном стал Михаель Баллак
                got = longest(parser, tokens[:k], doc, from_end=True, names=inside)
                if got and is_instrumental(got.head):
                    add(found.setdefault(after, []), got.post)
                continue
            if subject is None:
                continue
            rest = tokens[k + 1:]
            while rest and rest[0].value.lower() in SKIP:
                rest = rest[1:]
            got = longest(parser, rest, doc, from_end=False, names=inside)
            if got and is_instrumental(got.head):
                add(found.setdefault(subject, []), got.post)


FLAGS: dict[str, tuple[bool, bool, bool, bool]] = {}   # token text -> word_flags (its forms follow from it)


def word_flags(token) -> tuple[bool, bool, bool, bool]:
    """(new_subject, is_copula, is_naming, is_nominative) of a token, computed once per word."""
    flags = FLAGS.get(token.value)
    if flags is None:
        if len(FLAGS) > 100_000:
            FLAGS.clear()
        flags = FLAGS[token.value] = (new_subject(token), is_copula(token), is_naming(token), is_nominative(token))
    return flags


def forms_of(token) -> list[set[str]]:
    return [set(f.grams.values) for f in getattr(token, "forms", None) or []]


def new_subject(token) -> bool:
    """A noun that can only be nominative starts another subject (`его сын`); a title word does not."""
    forms = forms_of(token)
    nouns = [g for g in forms if "NOUN" in g]
    return bool(nouns) and len(nouns) == len(forms) and all("nomn" in g for g in nouns) \
        and not any(f.normalized in TITLE_LEMMAS for f in getattr(token, "forms", None) or [])


def is_nominative(token) -> bool:
    forms = forms_of(token)
    return not forms or any("nomn" in g for g in forms) or all("Fixd" in g for g in forms)


def is_copula(token) -> bool:
    return any(f.normalized in COPULAS for f in getattr(token, "forms", None) or [])


def is_naming(token) -> bool:
    return any(f.normalized in NAMING and "VERB" in f.grams.values for f in getattr(token, "forms", None) or [])


def is_instrumental(head) -> bool:
    return head is not None and any("ablt" in g and "sing" in g for g in forms_of(head))


# `занять пост министра`, `вступить в должность мэра`: the post is the genitive after a noun of office
OCCUPY = {"занять", "занимать", "вступить", "вступать", "заступить", "назначить", "назначать", "избрать"}
OFFICE_NOUNS = {"пост", "место", "должность", "кресло"}
DESCRIPTORS = 2          # words between the verb and a name after it: `занял республиканец Джон Бенер`


def add_occupied(doc: Document, sentences: list[Sentence], clusters: list[Cluster], tools: Tools,
                 found: dict[int, list[Post]], named_at: dict[int, int]) -> None:
    """Posts a person takes or holds: `Иван Петров занял пост министра финансов` · `Место спикера Палаты
    представителей занял республиканец Джон Бенер` · `Петрова назначили на должность директора`."""
    parser = tools.parser("position")
    inside = frozenset(named_at)
    for sent in sentences:
        tokens = list(sent.tokens)
        verbs = [k for k, t in enumerate(tokens) if any(f.normalized in OCCUPY for f in getattr(t, "forms", None) or [])]
        for k in verbs:
            office = next((j for j in range(k + 1, min(k + 3, len(tokens)))
                           if lemma_of(tokens[j]) in OFFICE_NOUNS), None)
            if office is not None:                                          # занял пост министра
                person = subject_before(tokens, k, named_at)
                title = tokens[office + 1:]
            else:                                                           # Место спикера ... занял X
                office = next((j for j in range(k - 1, -1, -1) if lemma_of(tokens[j]) in OFFICE_NOUNS), None)
                if office is None or any(t.value in CLAUSE_END or t.value == "," for t in tokens[office:k]):
                    continue
                person = next((named_at[t.span.start] for t in tokens[k + 1:k + 2 + DESCRIPTORS]
                               if t.span.start in named_at), None)
                title = tokens[office + 1:k]
            if person is None or not title:
                continue
            got = longest(parser, title, doc, from_end=False, names=inside)
            if got and any("gent" in g for g in forms_of(got.head)):
                add(found.setdefault(person, []), got.post)


def lemma_of(token) -> str:
    forms = getattr(token, "forms", None)
    return forms[0].normalized if forms else token.value.lower()


def subject_before(tokens: list, k: int, named_at: dict[int, int]) -> int | None:
    """The person named in the nominative in the verb's clause before it."""
    for t in reversed(tokens[:k]):
        if t.value in CLAUSE_END or t.value == "," or t.value.lower() in SUBORDINATE:
            return None
        if t.span.start in named_at and is_nominative(t):
            return named_at[t.span.start]
    return None

"""Name mentions + sentences → the posts the text gives each person (pure text: no world knowledge).

    'заместитель мэра Москвы Анастасия Ракова'              -> a post before the name (cases agree)
    'Андрей Санников — бывший заместитель министра ...'      -> posts after a comma, a dash or in brackets
    'лидер Меджлиса ..., народный депутат Украины Мустафа'  -> two stacked posts before the name
    'три космонавта: Валерий Токарев (Россия), ...'          -> a plural title given to every listed name
    'официальными представителями Путина'                   -> nothing: the title does not agree with the name
"""
from __future__ import annotations

from bisect import bisect_left

from pipeline.nlp import Tools
from pipeline.people.mentions import Cluster, NameMention
from pipeline.people.names import name_cases
from pipeline.people.orgs import normalize_org
from pipeline.people.post_phrase import BOUNDARIES, Post, QUOTES, agrees, can_head, counted, is_plural, is_sep, longest
from pipeline.records import Document, Sentence

MAX_BEFORE = 24      # tokens a position before a name may span (`директор по ... Philips в России, на Украине, ...`)
MAX_AFTER = 32       # tokens a position after a name may span (`, заместитель мэра Москвы в Правительстве Москвы
                     # по вопросам транспорта и развития дорожно-транспортной инфраструктуры` is 14)
MAX_POSTS = 3        # posts stacked before a name, or listed after it
ONE_OF = {"один", "одна", "одного", "одной", "одному", "одним", "одном", "одну"}


def find_positions(doc: Document, sentences: list[Sentence], clusters: list[Cluster], tools: Tools,
                   named: dict[int, int]) -> dict[int, list[Post]]:
    """Cluster index -> its posts, in text order, one per (title, organisation). `named` is
    mentions.named_tokens(sentences, clusters)."""
    parser, org_parser = tools.parser("position"), tools.parser("position_org")
    owner = {id(m): i for i, c in enumerate(clusters) for m in c.mentions}
    starts = {m.start for c in clusters for m in c.mentions}
    mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
    inside = frozenset(named)                     # tokens inside a name: a post never runs through them
    mention_starts = [m.start for m in mentions]
    found: dict[int, list[Post]] = {}
    for sent in sentences:
        tokens = list(sent.tokens)
        token_starts = [t.span.start for t in tokens]
        ms = mentions[bisect_left(mention_starts, sent.start):bisect_left(mention_starts, sent.end)]
        for m in ms:
            i, j = bisect_left(token_starts, m.start), bisect_left(token_starts, m.end)
            posts = before(parser, tokens, i, m, doc, inside)[::-1] or listed(parser, tokens, i, m, ms, doc)
            posts += after(parser, org_parser, tokens, j, m, starts, doc, inside)
            have = found.setdefault(owner[id(m)], [])
            for post in posts:
                add(have, post)
    return found


def add(have: list[Post], post: Post) -> None:
    """Keep one post per title and organisation: a post gives way to one that says more (`кандидат` <
    `кандидат в президенты`, `президент` < `президент Украины`, `глава управы` < `глава управы района Отрадное`)."""
    def covers(p: Post, q: Post) -> bool:          # p says all q says
        if q.organization is None:
            return p.key == q.key or q.position in p.position
        return p.key == q.key and p.organization is not None \
            and q.organization.lower() in p.organization.lower()      # управа < управа района Отрадное
    if any(covers(p, post) for p in have):
        return
    same = [k for k, p in enumerate(have) if covers(post, p)]
    if same:
        have[same[0]] = post
        have[:] = [p for k, p in enumerate(have) if k not in same[1:]]
    else:
        have.append(post)


def before(parser, tokens: list, i: int, m: NameMention, doc: Document, names: frozenset) -> list[Post]:
    """Posts ending right before the name, stacked (`представитель вооружённых сил полковник Имя`)."""
    edge = m.start
    if i and tokens[i - 1].value in QUOTES and not doc.text[tokens[i - 1].span.stop:edge].strip():
        opening = next((k for k in range(i - 2, max(-1, i - 10), -1) if tokens[k].value in QUOTES), None)
        if opening is not None:                                    # с «классическим чемпионом мира» Владимиром
            got = longest(parser, tokens[opening + 1:i - 1], doc, from_end=True, names=names)
            if got and got.size == i - 1 - opening - 1 and agrees(got.head, m, plural_ok=False):
                return [got.post]
    if i and tokens[i - 1].value == ")":                           # лидер Национального фронта (FN) Марин
        opening = next((k for k in range(i - 2, max(-1, i - 8), -1) if tokens[k].value == "("), None)
        if opening is not None:
            i, edge = opening, tokens[opening].span.start
    nxt = next((tokens[k] for k in range(i, len(tokens)) if tokens[k].span.start >= m.end), None)
    if nxt is not None and nxt.value.lower() == "по":
        return []                              # помощник Хиллари Клинтон по европейским делам: her aide's title
    if i and tokens[i - 1].value != "," and is_sep(tokens[i - 1], doc) \
            and not doc.text[tokens[i - 1].span.stop:edge].strip():
        return dashed(parser, tokens, i - 1, m, doc, names)
    posts: list[Post] = []
    gender, joined = None, False
    for _ in range(MAX_POSTS):
        if not i or doc.text[tokens[i - 1].span.stop:edge].strip():
            break
        got = longest(parser, tokens[max(0, i - MAX_BEFORE):i], doc, from_end=True, names=names)
        if not got or not agrees(got.head, m, plural_ok=False):
            break
        if posts and joined and {head_gender(got.head), gender} == {"masc", "femn"}:
            break                                                  # Президент и первая леди Мишель: two people
        posts.append(got.post)
        gender = head_gender(got.head) or gender
        k = next(k for k, t in enumerate(tokens) if t.span.start == got.post.start)
        joined = bool(k) and tokens[k - 1].value == "и"
        if k and tokens[k - 1].value in {",", "и"}:                # лидер Меджлиса ..., народный депутат Украины
            k -= 1
        i, edge = k, tokens[k].span.start if k < len(tokens) else edge
    return posts


def dashed(parser, tokens: list, dash: int, m: NameMention, doc: Document, names: frozenset) -> list[Post]:
    """A post and a name in the nominative joined by a dash, the name saying who holds it: `Интересы Бута
    представляет федеральный адвокат — Сабрина Шрофф`. Both must be nominative (`вручили директору — ...`
    is no apposition) and the post must end right at the dash."""
    if doc.text[tokens[dash - 1].span.stop:tokens[dash].span.start].strip() if dash else True:
        return []
    got = longest(parser, tokens[max(0, dash - MAX_BEFORE):dash], doc, from_end=True, names=names)
    if got is None or "nomn" not in name_cases(m.words) or not agrees(got.head, m, plural_ok=False):
        return []
    if not any({"nomn", "sing"} <= set(f.grams.values) for f in getattr(got.head, "forms", None) or []):
        return []
    return [got.post]


def head_gender(head) -> str | None:
    """The one grammatical gender of a title noun (`леди` femn, `президент` masc), else None."""
    genders = {g for f in getattr(head, "forms", None) or [] if "NOUN" in f.grams.values
               for g in ("masc", "femn") if g in f.grams.values}
    return genders.pop() if len(genders) == 1 else None


def listed(parser, tokens: list, i: int, m: NameMention, ms: list[NameMention], doc: Document) -> list[Post]:
    """A plural title heads a list of names: `три космонавта: A (Россия), B и C`, `министры A и B`."""
    spans = [(x.start, x.end) for x in ms]
    k, depth, bare = i - 1, 0, False
    while k >= 0:
        t = tokens[k]
        if t.value == ")":
            depth += 1
        elif t.value == "(":
            depth -= 1
        elif depth == 0 and t.value in {":", "—", "–"}:
            break
        elif depth == 0 and not (t.value in {",", "и"} or any(a <= t.span.start < b for a, b in spans)):
            k, bare = k + 1, True                                 # the title ends right before the list
            break
        k -= 1
    if k <= 0:
        return []
    if bare:
        first = tokens[k].span.start
        names = [x for x in ms if x.start >= first]
        if tokens[k].span.start not in {x.start for x in ms} or len(names) < 2 or \
                not any(tokens[x].value in {",", "и"} for x in range(k, len(tokens)) if tokens[x].span.start < names[1].start):
            return []
    got = longest(parser, tokens[max(0, k - MAX_BEFORE):k], doc, from_end=True)
    if not got or not (is_plural(got.head) or counted(tokens, got.post.start)):
        return []
    return [got.post]


def after(parser, org_parser, tokens: list, j: int, m: NameMention, starts: set[int],
          doc: Document, names: frozenset) -> list[Post]:
    """Posts after the name: `, глава X`, `— бывший министр`, `(второй тренер)`, `, одному из президентов X`."""
    posts: list[Post] = []
    if j < len(tokens) and tokens[j].value == "(":
        close = next((k for k in range(j + 1, min(len(tokens), j + 10)) if tokens[k].value == ")"), None)
        if close is not None:
            got = longest(parser, tokens[j + 1:close], doc, from_end=False)
            if got and got.size == close - j - 1 and not is_plural(got.head):
                posts.append(got.post)                             # Йоахим Лёв (второй тренер)
            j = close + 1                                          # Скотт Хоровитц (Scott Horowitz), ...
    skipped = False
    while len(posts) < MAX_POSTS and j < len(tokens):
        sep = tokens[j]
        if not (is_sep(sep, doc) or sep.value == "и" and posts):
            if not posts and j < len(tokens) and m.end == tokens[j].span.start - 1:
                got = longest(parser, tokens[j:j + MAX_AFTER], doc, from_end=False)   # a signature: `Имя Фамилия Президент ФИДЕ`
                if got and closes_line(got.post.end, doc) and not is_plural(got.head):
                    posts.append(got.post)
            break
        k = j + 1
        one_of = k + 1 < len(tokens) and tokens[k].value.lower() in ONE_OF and tokens[k + 1].value == "из"
        if one_of:
            k += 2
        got = longest(parser, tokens[k:k + MAX_AFTER], doc, from_end=False, names=names)
        if got is None or not agrees(got.head, m, plural_ok=one_of, check_case=False):
            nxt = next((x for x in range(k, min(len(tokens), k + 8)) if tokens[x].value in BOUNDARIES), None)
            if got is None and not skipped and not posts and nxt is not None and tokens[nxt].value == "," \
                    and apposition(tokens[k:nxt], m):
                skipped, j = True, nxt                             # Брода, известного борца с ксенофобией, члена ...
                continue
            break
        end = k + got.size
        if end < len(tokens) and (tokens[end].span.start in starts or tokens[end].value[:1].isupper()):
            break                                                  # `, известный правозащитник Лев Пономарев`
        posts.append(got.post)
        j = end
        if got.post.organization and j + 1 < len(tokens) and tokens[j].value == "и":
            org = org_after(org_parser, tokens[j + 1:j + 1 + MAX_AFTER], got.post, doc)   # член палаты и рабочей группы
            if org:
                posts.append(org[0])
                j += 1 + org[1]
    return posts


def org_after(org_parser, tokens: list, post: Post, doc: Document) -> tuple[Post, int] | None:
    stops = [i for i, t in enumerate(tokens) if t.value in BOUNDARIES]
    tokens = tokens[:stops[0]] if stops else tokens
    if not tokens:
        return None
    fits = [x for x in org_parser.extract(tokens) if x.tokens[0].span.start == tokens[0].span.start]
    if not fits:
        return None
    best = max(fits, key=lambda x: len(x.tokens))
    start, end = best.tokens[0].span.start, best.tokens[-1].span.stop
    if any(can_head(t) for t in best.tokens[:1]):
        return None
    org = normalize_org(doc.text[start:end])
    return Post(start, end, post.position, org, f"{post.position} {doc.text[start:end]}", post.key), len(best.tokens)


def closes_line(end: int, doc: Document) -> bool:
    rest = doc.text[end:doc.text.find("\n", end) if "\n" in doc.text[end:] else len(doc.text)]
    return not rest.strip(" .")


def apposition(tokens: list, m: NameMention) -> bool:
    """A short noun phrase in the name's case, no verb: `известного борца с ксенофобией`."""
    if not tokens or len(tokens) > 6:
        return False
    cases = name_cases(m.words)
    forms = getattr(tokens[0], "forms", [])
    first_ok = any({"ADJF", "NOUN"} & set(f.grams.values) and cases & set(f.grams.values) for f in forms)
    verbs = any({"VERB", "GRND", "INFN"} & set(f.grams.values) for t in tokens for f in getattr(t, "forms", []))
    return first_ok and not verbs

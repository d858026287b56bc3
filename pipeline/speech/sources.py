"""The outlet or body a statement or a claim is credited to, when it is not a person (CLAIM_SEMANTICS: source).

    '..., сообщает ТАСС'                                           -> 'ТАСС'
    '... говорится в сообщении пресс-службы Департамента транспорта' -> 'пресс-служба Департамента транспорта'
    'сообщили в пресс-службе мэрии'                                  -> 'пресс-служба мэрии'
    'По данным Мосстата, ...' (a claim)                              -> 'Мосстат'
    'пресс-служба ... со ссылкой на заммэра Петра Бирюкова'          -> source the press service, speaker the person

The name is read from the attribution around a quote (its sentence, outside the quoted words) or from
the claim's sentence; its head word is put in the nominative, the genitive words after it stay as they
are. A release's own voice has no source.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right

from pipeline.nlp import analyzer
from pipeline.records import Document, FactRow, QuoteRow, Sentence

# bodies that speak: `пресс-служба ...`, `Департамент ...`; a site or page of one names the body after it
BODIES = ("пресс-служб", "департамент", "министерств", "минист", "комитет", "управ", "префектур", "мэри",
          "правительств", "администраци", "агентств", "служб", "ведомств", "центр", "инспекци", "фонд",
          "компани", "корпораци", "издани", "газет", "телеканал", "радиостанци", "информагентств", "портал",
          "дирекци", "комисси", "госдум", "дум", "совет", "суд", "прокуратур", "полици", "гибдд", "мвд", "мчс")
CHANNELS = r"(?:сайте|сайт|портале|странице|телеграм-канале|канале|аккаунте)\s+"
NAME_WORD = r"(?:«[^»]{1,60}»|[А-ЯЁA-Z][\w.-]*|[а-яё-]+)"
# a name: «...» in quotes, an abbreviation or a capitalised word, or a body noun with up to five words after it
NAME = (r"(?P<name>«[^»]{1,60}»|"
        r"(?i:%s)[а-яё]*(?:\s+(?!что\b|о\b|об\b|в\b|на\b|со\b|с\b|по\b|за\b)%s){0,6}|"
        r"(?:(?:агентство|издание|газета|телеканал|радиостанция|портал|РИА)\s+)?"
        r"(?:[А-ЯЁA-Z][\w-]*(?:\.[\w-]+)*(?:\s+«[^»]{1,40}»|\s+[А-ЯЁA-Z][\w-]*){0,3}))" % ("|".join(BODIES), NAME_WORD))
SAY = (r"(?i:сообщает|сообщают|сообщило|сообщила|сообщили|сообщил|пишет|пишут|передает|передаёт|передают|"
       r"информирует|информируют|заявили|заявило|заявила|уточнили|уточнило|уточнила|пояснили|пояснила|"
       r"рассказали|отметили|подчеркнули)")
PATTERNS = [
    re.compile(r"(?i:говорится|сообщается|отмечается|указывается)\s+в\s+(?:официальном\s+)?(?:сообщении|пресс-релизе|"
               r"релизе|заявлении|материале|письме|документе|публикации|обращении|комментарии)\s+" + NAME),
    re.compile(r"(?i:сообщается|говорится|пишут|написали|опубликовано)\s+на\s+" + CHANNELS + NAME),
    re.compile(SAY + r"(?:\s+(?:журналистам|нам|агентству|изданию|газете|корреспонденту))?\s+(?:в|во)\s+" + NAME),
    re.compile(r"(?i:по\s+данным|по\s+информации|по\s+сведениям|согласно\s+данным|согласно\s+информации|"
               r"по\s+оценкам|по\s+подсчетам|по\s+подсчётам|со\s+ссылкой\s+на)\s+(?:сайта\s+|сайт\s+|портала\s+)?" + NAME),
    re.compile(SAY + r"\s+" + NAME),                                  # сообщает ТАСС
]
# the subject before the verb: there a capitalised name is most often a person (`Наттавута Сайкыа сообщил`),
# so only a body (`пресс-служба мэрии`), an abbreviation or a «name» counts
SUBJECT_PATTERNS = [
    re.compile(NAME + r"\s+(?:[а-яё]+\s+){0,2}" + SAY + r"\b"),      # пресс-служба мэрии сообщила
    re.compile(NAME + r"\s+со\s+ссылкой\s+на\b"),                   # a chain: the body, the person speaks
]
BODY_LEMMAS = {"пресс-служба", "департамент", "министерство", "комитет", "управа", "префектура", "мэрия",
               "правительство", "администрация", "агентство", "служба", "ведомство", "центр", "инспекция", "фонд",
               "компания", "корпорация", "издание", "газета", "телеканал", "радиостанция", "информагентство",
               "портал", "дирекция", "комиссия", "госдума", "дума", "совет", "суд", "прокуратура", "полиция",
               "управление", "учреждение", "министерства", "мосгордума", "минздрав", "минобрнауки", "мвд", "мчс",
               "гибдд", "гбу", "гку", "гуп"}
GENERIC_BODIES = {"агентство", "служба", "ведомство", "центр", "фонд", "компания", "корпорация", "издание",
                  "газета", "телеканал", "радиостанция", "портал", "учреждение", "управление", "совет", "суд",
                  "комиссия", "комитет", "департамент", "министерство", "правительство", "администрация"}
WINDOW = 600        # characters of attribution read around a quote or claim (a sentence is ~150)
# heads that are common nouns, never part of a proper name: lower case even at a sentence start
COMMON_HEADS = {"пресс-служба", "пресс-центр", "газета", "агентство", "издание", "телеканал", "радиостанция", "портал"}
# not outlets: pronouns, people's words, speech nouns at the start of a name
NOT_NAMES = {"он", "она", "они", "мы", "это", "об", "о", "в", "на", "что", "журналистам", "журналисту", "нам",
             "агентству", "изданию", "газете", "источники", "источник", "источников", "представитель",
             "представители", "собеседник", "эксперты"}


def quote_sources(doc: Document, quotes: list[QuoteRow], sentences: list[Sentence]) -> list[QuoteRow]:
    """Each quote with the body or outlet its attribution names, if any."""
    if not quotes:
        return quotes
    starts = [s.start for s in sentences]
    out = []
    for quote in quotes:
        context = attribution(doc, quote, sentences, starts)
        source = find_source(context)
        out.append(dataclasses.replace(quote, source=source) if source else quote)
    return out


def fact_sources(doc: Document, facts: list[FactRow], quotes: list[QuoteRow],
                 sentences: list[Sentence]) -> list[FactRow]:
    """A claim in a quote has the quote's source; any other, the source its sentence names (`по данным X`)."""
    by_id = {q.quote_id: q.source for q in quotes}
    starts = [s.start for s in sentences]
    said: dict[int, str | None] = {}                 # sentence index -> its source, read once
    out = []
    for fact in facts:
        source = by_id.get(fact.quote_id) if fact.quote_id else None
        if source is None and not fact.in_quote:
            i = bisect_right(starts, fact.start) - 1
            if i >= 0 and len(sentences[i].text) <= WINDOW:
                if i not in said:
                    said[i] = find_source(sentences[i].text)
                source = said[i]
            elif i >= 0:                             # a page without full stops: the words around the claim
                source = find_source(doc.text[max(sentences[i].start, fact.start - WINDOW // 2):
                                              min(sentences[i].end, fact.end + WINDOW // 2)])
        out.append(dataclasses.replace(fact, source=source) if source else fact)
    return out


def attribution(doc: Document, quote: QuoteRow, sentences: list[Sentence], starts: list[int]) -> str:
    """The words around a quote that may credit it: its sentences, the quoted span cut out, and the next
    sentence when it opens with the attribution (`Об этом говорится в сообщении ...`)."""
    first = max(0, bisect_right(starts, quote.start) - 1)
    last = max(first, bisect_right(starts, max(quote.start, quote.end - 1)) - 1)
    lo, hi = sentences[first].start, sentences[last].end
    before = doc.text[max(lo, quote.start - WINDOW // 2):quote.start]
    after = doc.text[quote.end:min(hi, quote.end + WINDOW // 2)]
    if last + 1 < len(sentences) and re.match(r"\s*(?:Об\s+этом|Эту\s+информацию|Соответствующ)",
                                                sentences[last + 1].text):
        after += " " + sentences[last + 1].text[:WINDOW // 2]
    return f"{before} … {after}"


def find_source(text: str) -> str | None:
    for pattern in [*PATTERNS, *SUBJECT_PATTERNS]:
        for match in pattern.finditer(text):
            name = clean(match.group("name"))
            if name and (pattern in PATTERNS or is_body(name)):
                return nominative(name)
    return None


def is_body(name: str) -> bool:
    head = name.split()[0]
    return head.startswith("«") or head.isupper() or \
        analyzer().parse(head.lower())[0].normal_form in BODY_LEMMAS


def clean(name: str) -> str | None:
    """The name as a source, or None when it is no outlet or body: a person (`Министр финансов Алексей
    Кудрин` is a speaker), a pronoun, a common noun (`Лидеры`, `судья`), a generic head alone (`газета`)."""
    if name.startswith("«"):
        return name
    words = name.split()
    if not words or words[0].lower() in NOT_NAMES:
        return None
    parses = [analyzer().parse(w.lower().strip("«»"))[0] for w in words]
    if any({"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(",")) for p in parses):
        return None
    head = parses[0]
    if head.normal_form in BODY_LEMMAS:
        kept = [words[0]]
        for n, (word, parse) in enumerate(zip(words[1:], parses[1:]), 1):
            if word[:1].isupper() or word.startswith("«") or (
                    parse.tag.POS in ("NOUN", "ADJF") and parse.tag.case == "gent"):
                kept.append(word)
            elif word == "и" and n + 1 < len(words) and parses[n + 1].tag.case == "gent" and len(kept) > 1:
                kept.append(word)                    # `Комплекса градостроительной политики и строительства`
            else:
                break
        if len(kept) == 1 and words[0][:1].islower() and head.normal_form in GENERIC_BODIES:
            return None                              # `газета`, `ведомство`: which one?
        return " ".join(kept)
    if words[0][:1].islower():
        return None
    if len(words) == 1 and not (words[0].isupper() or re.search(r"[A-Za-z]", words[0])) and \
            len(head.methods_stack) == 1 and head.methods_stack[0][0].__class__.__name__ == "DictionaryAnalyzer" and \
            not {"Orgn", "Abbr", "Geox"} & set(str(head.tag).replace(" ", ",").split(",")):
        return None                                  # `Лидеры сообщили`: a common noun at a sentence start
    return " ".join(words)


def nominative(name: str) -> str:
    """`пресс-службы Департамента транспорта` -> `пресс-служба Департамента транспорта`; `Мосстата` -> `Мосстат`;
    abbreviations and names in quotation marks stay as written."""
    if re.fullmatch(r"«[^«»]+»", name):
        return name[1:-1]                            # `пишет «Коммерсант»` -> Коммерсант
    words = name.split()
    head = words[0]
    if head.startswith("«") or head.isupper() or not re.fullmatch(r"[А-ЯЁа-яё-]+", head):
        return name
    parse = next((p for p in analyzer().parse(head.lower()) if "NOUN" in p.tag), None)
    if parse is None:
        return name
    nomn = parse.inflect({"nomn"})
    word = (nomn.word if nomn else parse.normal_form)
    if head[:1].isupper() and not (len(words) > 1 and words[1][:1].isupper()) and parse.normal_form not in COMMON_HEADS:
        word = word[:1].upper() + word[1:]           # `Пресс-служба ...` at a sentence start is lower case
    return " ".join([word, *words[1:]])

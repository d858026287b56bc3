"""Facts × dates → each fact's period (period_start, period_end) when its sentence ties it to a time.

    'Число обращений за 2015 г. превысило 85 млн.'       -> 85 млн: 2015-01-01..2015-12-31
    'Начиная с 2011 г. ... созданы 7 систем' (2016-03-29) -> 7: 2011-01-01..2016-03-29
    'в 2009 году выручка 700 млн, а в 2010 году — 1,2 млрд' -> 700 млн: 2009; 1,2 млрд: 2010
    '... услуг за минувший год:' then '- 28 миллионов обращений;' -> 28 млн: the header's year

A period is the bounds of the date expression that governs the claim (see `governing_date`);
adverbial dates (`в 2015 году`, `за 2014 год`, `сегодня`, `1 декабря`) come before dates that qualify
a noun (`в сравнении с показателем прошлого года`). A relative date with no publication date
governs but gives null bounds. Rates (`в год`, `ежедневно`) are no date rows, so they never give a
period; an anaphoric or undated time word (`тогда`, `к этому времени`, `сейчас`, `пять лет назад`) in
the claim's clause keeps dates of other clauses, later dates and headers away from it.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right

from pipeline.records import DateRow, Document, FactRow, Sentence

# clause boundaries: a semicolon, or a comma/dash before a contrastive conjunction (`, а`, `, но`)
CLAUSE_BREAK = re.compile(r";|[,—–-]\s+(?:а|но|однако|тогда\s+как|в\s+то\s+время\s+как)\b", re.IGNORECASE)
# anaphoric or present-time words: the claim's time is said, but not as a calendar date (spec: Period)
ANAPHORA = re.compile(r"\b(?:тогда|к\s+(?:этому|тому)\s+времени|в\s+(?:то|это)\s+время|на\s+тот\s+момент|"
                      r"сейчас|теперь|в\s+настоящее\s+время|до\s+этого|после\s+этого|назад)\b", re.IGNORECASE)
# the baseline of a comparison is not the claim's time (`по сравнению с прошлым годом`,
# `чем за аналогичный период прошлого года`)
COMPARISON = re.compile(r"(?:(?:по\s+)?сравнени[юи]\s+с|против|чем(?:\s+(?:в|за))?|"
                        r"аналогичн\w*\s+(?:период\w*|показател\w*|месяц\w*))\s*$", re.IGNORECASE)
# a date that opens with a preposition, a deictic or a season adverb is an adverbial of its clause;
# a bare year or month (`показателем прошлого года`, `бюджет 2015 года`) qualifies a noun instead
ADVERBIAL = re.compile(r"(?:в|во|за|на|с|со|к|ко|до|по|после|начиная|сегодня|вчера|завтра|позавчера|"
                       r"послезавтра|осенью|весной|летом|зимой)\b", re.IGNORECASE)
# a deadline: the claim's period ends with the date (`к 2030 году`, `до конца года`) and starts at publication
DEADLINE = re.compile(r"(?:к|ко|до)\b", re.IGNORECASE)
# an event anchor: `с момента запуска в 2016 году`, `со дня открытия в мае` -> from that date to publication
EVENT_SINCE = re.compile(r"\b(?:с|со)\s+(?:момента|дня|начала|времени|года)\s+(?:[а-яё-]+\s+){0,3}$", re.IGNORECASE)
# a duration counted from a start stated earlier: `создан в 2018 году. За это время ...`
SINCE_THEN = re.compile(r"\b(?:за\s+(?:это|этот|прошедшее|истекшее)\s+(?:время|период|срок)|с\s+тех\s+пор|"
                        r"с\s+того\s+времени|с\s+этого\s+момента|с\s+момента\s+(?:запуска|открытия|создания|"
                        r"начала|старта|появления)(?!\s+\S+\s+(?:в|во)\s))", re.IGNORECASE)
# a baseline said as the year before (`прошлогодних показателей`, `чем годом ранее`, `аналогичного периода
# прошлого года`): the claim's year minus one, else the year before publication
LAST_YEAR = re.compile(r"прошлогодн\w*|прошл\w+\s+год\w*|предыдущ\w+\s+год\w*|годом\s+(?:ранее|раньше)|"
                       r"год\s+назад", re.IGNORECASE)
SAME_PERIOD = re.compile(r"аналогичн\w*\s+период\w*", re.IGNORECASE)
COMPARED = re.compile(r"(?:(?:по\s+)?сравнени[юи]\s+с|против|чем|относительно|к\s+уровню)", re.IGNORECASE)
MAX_SENTENCE = 1000  # characters of a sentence read around a claim (a sentence is ~150; a page without full stops
                     # is no sentence, and reading all of it for every claim would be quadratic)
# a list item: a line opening with a bullet or `1.`/`1)`
BULLET = re.compile(r"\s*(?:[-–—•*·]|\d{1,2}[.)])\s")


def attach_periods(doc: Document, facts: list[FactRow], dates: list[DateRow],
                   sentences: list[Sentence]) -> list[FactRow]:
    if not facts:
        return facts
    starts = [s.start for s in sentences]
    by_sentence = dates_by_sentence(dates, sentences)
    headers = header_dates(doc, by_sentence, sentences)
    date_starts: dict[int, list[int]] = {}
    out = []
    for fact in facts:
        index = bisect_right(starts, fact.start) - 1
        if index < 0 or fact.start >= sentences[index].end:
            out.append(fact)
            continue
        sentence = sentences[index]
        own = by_sentence.get(sentence.index, [])
        if sentence.index not in date_starts:
            date_starts[sentence.index] = [d.start for d in own]
        starts_here = date_starts[sentence.index]
        if len(sentence.text) > MAX_SENTENCE:       # a page without full stops: the words around the claim
            lo, hi = max(sentence.start, fact.start - MAX_SENTENCE // 2), min(sentence.end, fact.end + MAX_SENTENCE // 2)
            view = dataclasses.replace(sentence, start=lo, end=hi, text=doc.text[lo:hi], tokenizer=None)
            near = own[bisect_left(starts_here, lo):bisect_left(starts_here, hi)]
            date = governing_date(doc, fact, view, near)
        else:
            date = governing_date(doc, fact, sentence, own) or headers.get(sentence.index)
        if date is None:
            fact = since_then(doc, fact, sentence, sentences, by_sentence)
        elif date.date_start is not None:
            start, end = anchored(doc, date)
            fact = dataclasses.replace(fact, period_start=start, period_end=end)
        out.append(scheduled(doc, with_baseline(doc, fact, sentence, own, starts_here)))
    return out


def scheduled(doc: Document, fact: FactRow) -> FactRow:
    """A claim about a time that has not begun at publication (`в 2027 году — 12 станций`, `к 2030 году`
    from publication on) cannot be achieved yet: it is planned unless its words already say more."""
    if fact.modality != "actual" or doc.published is None or fact.period_start is None:
        return fact
    published = doc.published.isoformat()
    if fact.period_start > published or fact.period_start == published and (fact.period_end or "") > published:
        return dataclasses.replace(fact, modality="planned")
    return fact


def anchored(doc: Document, date: DateRow) -> tuple[str | None, str | None]:
    """The period a date gives its claim: a deadline runs from publication to its end (`к 2030 году`), an
    event anchor from the date to publication (`с момента запуска в 2016 году`); otherwise its bounds."""
    published = doc.published.isoformat() if doc.published else None
    if DEADLINE.match(date.text) and date.date_end is not None:
        return (published if published and published <= date.date_end else None), date.date_end
    if EVENT_SINCE.search(doc.text[max(0, date.start - 50):date.start]) and published and \
            date.date_start <= published:
        return date.date_start, published
    return date.date_start, date.date_end


def since_then(doc: Document, fact: FactRow, sentence: Sentence, sentences: list[Sentence],
               by_sentence: dict[int, list[DateRow]]) -> FactRow:
    """`Проект запустили в 2018 году. За это время ... 500 тыс.`: from the start stated in this or the
    previous sentence to publication."""
    head = doc.text[max(sentence.start, fact.start - 200):fact.start]
    if doc.published is None or not SINCE_THEN.search(head):
        return fact
    candidates = [d for d in by_sentence.get(sentence.index, []) if d.end <= fact.start]
    if not candidates and sentence.index > 0:
        candidates = by_sentence.get(sentence.index - 1, [])
    dated = [d for d in candidates if d.date_start is not None and d.date_start <= doc.published.isoformat()]
    if not dated:
        return fact
    return dataclasses.replace(fact, period_start=dated[-1].date_start, period_end=doc.published.isoformat())


def with_baseline(doc: Document, fact: FactRow, sentence: Sentence, dates: list[DateRow],
                  starts: list[int]) -> FactRow:
    """The period a difference, ratio or `from` is compared against (CLAIM_SEMANTICS: baseline)."""
    if fact.role not in ("difference", "ratio", "from"):
        return fact
    rest = doc.text[fact.end:min(sentence.end, fact.end + 300)]     # a clause is short; a page is not
    found = CLAUSE_BREAK.search(rest)
    clause_end = fact.end + (found.start() if found else len(rest))
    for d in dates[bisect_left(starts, fact.end):]:
        if d.start > clause_end:
            break
        if d.date_start is None or not fact.end <= d.start < clause_end + 1:
            continue
        before = doc.text[max(sentence.start, d.start - 40):d.start]
        if COMPARISON.search(before) or COMPARED.search(before[-25:]):
            if d.relative and LAST_YEAR.fullmatch(d.text.strip()):
                break                                # `прошлого года`: the year before the claim's, below
            return dataclasses.replace(fact, baseline_start=d.date_start, baseline_end=d.date_end)
        if re.match(r"(?:начиная\s+)?со?\s+\d{4}", d.text, re.IGNORECASE):
            year = d.date_start[:4]                  # `выросло в 3 раза с 2010 года`: against 2010
            return dataclasses.replace(fact, baseline_start=f"{year}-01-01", baseline_end=f"{year}-12-31")
    said = LAST_YEAR.search(doc.text[fact.end:clause_end])
    if said is None:
        return fact
    year = None
    if fact.period_start and fact.period_end and fact.period_start[:4] == fact.period_end[:4]:
        year = int(fact.period_start[:4]) - 1
        if SAME_PERIOD.search(doc.text[fact.end:clause_end]):
            return dataclasses.replace(fact, baseline_start=f"{year}{fact.period_start[4:]}",
                                       baseline_end=f"{year}{fact.period_end[4:]}")
    elif doc.published is not None:
        year = doc.published.year - 1
    if year is None:
        return fact
    return dataclasses.replace(fact, baseline_start=f"{year}-01-01", baseline_end=f"{year}-12-31")


def governing_date(doc: Document, fact: FactRow, sentence: Sentence, dates: list[DateRow]) -> DateRow | None:
    """The date of the claim's own clause (the nearest before the number, else the nearest after;
    one directly after the claim wins, as in `8 млн в 2014 году`), else the nearest date before it in
    the sentence, unless the clause is anaphoric."""
    inside = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end
              and (d.end <= fact.start or d.start >= fact.end)
              and not COMPARISON.search(doc.text[max(sentence.start, d.start - 40):d.start])]
    adverbials = [d for d in inside if adverbial(d)]
    inside = adverbials or inside               # a noun's date governs only when nothing else does
    if not inside:
        return None
    breaks = [sentence.start + m.start() for m in CLAUSE_BREAK.finditer(sentence.text)]
    clause = clause_of(fact.start, breaks)
    own = [d for d in inside if clause_of(d.start, breaks) == clause]
    before = [d for d in own if d.end <= fact.start]
    after = [d for d in own if d.start >= fact.end]
    if after and not doc.text[fact.end:after[0].start].strip():
        return after[0]
    if before:
        return before[-1]
    if after and not anaphoric(sentence, clause, breaks, until=fact.start):
        return after[0]                         # `Пять лет назад ... сотни, сегодня — тысячи`: not `сегодня`
    if anaphoric(sentence, clause, breaks):
        return None
    earlier = [d for d in inside if d.end <= fact.start]
    return earlier[-1] if earlier else None


def adverbial(date: DateRow) -> bool:
    return date.granularity == "day" or bool(ADVERBIAL.match(date.text))


def clause_of(position: int, breaks: list[int]) -> int:
    return bisect_right(breaks, position)


def anaphoric(sentence: Sentence, clause: int, breaks: list[int], until: int | None = None) -> bool:
    """Does the clause (up to `until`) say its time with an anaphoric or undated word?"""
    bounds = [sentence.start, *breaks, sentence.end]
    end = bounds[clause + 1] if until is None else min(until, bounds[clause + 1])
    text = sentence.text[bounds[clause] - sentence.start:end - sentence.start]
    return bool(ANAPHORA.search(text))


def dates_by_sentence(dates: list[DateRow], sentences: list[Sentence]) -> dict[int, list[DateRow]]:
    """Sentence index -> the dates inside that sentence, in text order (one pass, not one per fact)."""
    starts = [s.start for s in sentences]
    grouped: dict[int, list[DateRow]] = {}
    for d in sorted(dates, key=lambda d: (d.start, d.end)):
        i = bisect_right(starts, d.start) - 1
        if i >= 0 and d.end <= sentences[i].end:
            grouped.setdefault(sentences[i].index, []).append(d)
    return grouped


def header_dates(doc: Document, by_sentence: dict[int, list[DateRow]],
                 sentences: list[Sentence]) -> dict[int, DateRow]:
    """Sentence index -> the date of the list header above it: a line ending with a colon that holds a
    date gives it to the bullet lines directly below (`... за минувший год:` / `- 28 миллионов ...`)."""
    given: dict[int, DateRow] = {}
    header: DateRow | None = None
    breaks = [m.end() for m in re.finditer("\n", doc.text)]
    for sentence in sentences:
        i = bisect_right(breaks, sentence.start) - 1
        line_start = breaks[i] if i >= 0 else 0
        is_item = bool(BULLET.match(doc.text, line_start)) and sentence.start >= line_start
        if header is not None and is_item and not anaphoric(sentence, 0, []):
            given[sentence.index] = header
            continue
        header = None
        if sentence.text.rstrip().endswith(":"):
            inside = by_sentence.get(sentence.index, [])
            header = inside[-1] if inside else None
    return given

"""Records passed between stages: documents, sentences, and one row type per output table.

    Document(doc_id='000_87938b6d2d0e720c', text='...', published=date(2016, 3, 29), ...)
    Sentence(start=64, end=130, text='Портал pgu.mos.ru предоставляет 148 электронных услуг и сервисов.')
    FactRow(doc_id=..., start=96, end=117, text='148 электронных услуг', value=148.0, qualifier='exact')

Every span (start, end) indexes `Document.text` as decoded from the file, so that
`doc.text[start:end] == row.text` holds for every row of every table.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    source_path: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    # Layout of a seed-style text: where the title line is, and where the body ends
    # (before the `Адрес страницы:` / `---` / `[Publisher](#)` trailers).
    title_span: tuple[int, int] | None = None
    body_end: int | None = None

    @property
    def content_end(self) -> int:
        return len(self.text) if self.body_end is None else self.body_end


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with document offsets; `tokens` are yargy MorphTokens whose spans are document offsets too.

    The tokens are made when a stage first asks for them, by `tokenizer(text, start)` (pipeline.nlp's,
    which keeps those of the latest sentences): a yargy token costs ~300 bytes, so a batch's documents
    must not all hold theirs while they wait for their turn. A sentence without a tokenizer has none."""
    index: int
    start: int
    end: int
    text: str
    is_title: bool = False
    tokenizer: Callable[[str, int], tuple] | None = field(default=None, repr=False, compare=False)

    @property
    def tokens(self) -> tuple:
        return self.tokenizer(self.text, self.start) if self.tokenizer is not None else ()


@dataclass(frozen=True, slots=True)
class NamedSpan:
    """A named-entity span from the NER tagger: PER, LOC or ORG."""
    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True, slots=True)
class FactRow:
    doc_id: str
    start: int
    end: int
    text: str
    value: float
    sentence: str
    fact_id: str | None = None
    value_max: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    object: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    speaker: str | None = None
    kind: str | None = None
    raw_number: str | None = None
    multiplier: float | None = None
    object_phrase: str | None = None
    speaker_position: str | None = None
    quote_id: str | None = None
    in_quote: bool = False
    published: str | None = None
    sentence_start: int | None = None
    # claim semantics (CLAIM_SEMANTICS.md): what the number is, which way, against when, per what, done or not
    role: str = "level"
    change: str | None = None
    baseline_start: str | None = None
    baseline_end: str | None = None
    per: str | None = None
    modality: str = "actual"
    source: str | None = None


@dataclass(frozen=True, slots=True)
class DateRow:
    doc_id: str
    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    granularity: str
    relative: bool = False


@dataclass(frozen=True, slots=True)
class QuoteRow:
    doc_id: str
    quote_id: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_position: str | None = None
    cue: str | None = None
    kind: str = "direct"
    person_id: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class PersonRow:
    doc_id: str
    person_id: str
    name: str
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    position: str | None = None
    organization: str | None = None
    position_full: str | None = None
    n_mentions: int = 0
    n_quotes: int = 0


@dataclass(frozen=True, slots=True)
class PositionRow:
    doc_id: str
    person_id: str
    name: str
    start: int
    end: int
    text: str
    position: str | None = None
    organization: str | None = None
    position_full: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorRow:
    source_path: str
    doc_id: str | None
    stage: str
    error_type: str
    message: str

    @classmethod
    def from_exception(cls, doc: Document, stage: str, exc: BaseException) -> "ErrorRow":
        return cls(doc.source_path, doc.doc_id, stage, type(exc).__name__, f"{doc.source_path}: {stage} failed: {exc}")


@dataclass
class DocResult:
    """Everything one document produced; `error` is set when a stage failed (rows of earlier stages are kept)."""
    doc: Document
    facts: list[FactRow] = field(default_factory=list)
    dates: list[DateRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    error: ErrorRow | None = None
    n_sentences: int = 0

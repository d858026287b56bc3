"""NER PER spans + sentences → people (nominative names, positions) and their mentions in the document.

Not built yet: see issue "Officials and their words". Returns nobody.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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


def extract_people(doc: Document, sentences: list[Sentence], names: list[NamedSpan], tools: Tools) -> People:
    return People()

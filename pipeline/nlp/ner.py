"""Named entities for a batch of documents: natasha's NER tagger run once over all their paragraphs.

    tag_names([doc], [sentences], tools) -> [[NamedSpan(241, 258, 'PER', 'Анастасии Раковой'), ...]]

The tagger (`tools.ner`, a `pipeline.nlp.fast_ner.FastNER` over natasha's model) works on blocks of many
texts at once, so the paragraphs of all documents in a batch go through one `map()`. Only paragraphs
with a capital letter after their first character can hold a name.
"""
from __future__ import annotations

import re

from pipeline.nlp.segment import MAX_SENTENCE
from pipeline.nlp.tools import Tools
from pipeline.records import Document, NamedSpan, Sentence

WORD_CHAR = re.compile(r"\w")
CAPITAL = re.compile(r"[A-ZА-ЯЁ]")


def tag_names(docs: list[Document], sentences: list[list[Sentence]], tools: Tools) -> list[list[NamedSpan]]:
    if tools.ner is None:
        return [[] for _ in docs]
    chunks = []                                  # (doc index, paragraph start, paragraph text)
    for i, (doc, sents) in enumerate(zip(docs, sentences)):
        for start, end in paragraphs(doc, sents):
            text = doc.text[start:end]
            if has_capital_inside(text):
                chunks.append((i, start, text))
    names: list[list[NamedSpan]] = [[] for _ in docs]
    markups = tools.ner.map([text for _, _, text in chunks])
    for (i, offset, text), markup in zip(chunks, markups):
        for span in markup.spans:
            start, end = offset + span.start, offset + span.stop
            names[i].append(NamedSpan(start, end, span.type, docs[i].text[start:end]))
    return names


def has_capital_inside(text: str) -> bool:
    """A capital letter after the first word character. Two scans, not `\\w.*?[A-ZА-ЯЁ]`: that one
    scans the rest of the text again from every word character when no capital follows (quadratic)."""
    first = WORD_CHAR.search(text)
    return first is not None and CAPITAL.search(text, first.end()) is not None


MAX_CHUNK = 3000   # characters: a scraped page with no line breaks must not become one NER sequence
assert MAX_SENTENCE <= MAX_CHUNK     # segmentation already cut every longer sentence into pieces


def paragraphs(doc: Document, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Runs of sentences on one line (no line break between them), at most MAX_CHUNK characters, since the
    tagger's memory grows with its sequence: (start of the first, end of the last). A sentence is never
    longer (segment.MAX_SENTENCE cuts a page without full stops into pieces)."""
    spans: list[tuple[int, int]] = []
    for sent in sentences:
        if spans and sent.end - spans[-1][0] <= MAX_CHUNK \
                and not re.search(r"[\r\n]", doc.text[spans[-1][1]:sent.start]):
            spans[-1] = (spans[-1][0], sent.end)
        else:
            spans.append((sent.start, sent.end))
    return spans

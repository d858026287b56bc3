"""Document → Sentences with document offsets, each carrying its yargy tokens (made once, here).

    'Собянин: Портал "Наш город" помог ...\\n\\n29.03.2016\\n\\nПортал pgu.mos.ru предоставляет 148 ...'
    -> Sentence(0, 0, 59, 'Собянин: Портал "Наш город" помог решить более 1 млн проблем', is_title=True)
       Sentence(1, 63, 73, '29.03.2016')
       Sentence(2, 77, 142, 'Портал pgu.mos.ru предоставляет 148 электронных услуг и сервисов.')

Lines are paragraphs in press releases (a title has no final full stop), so each line is split into
sentences on its own by razdel; the trailers after `Document.body_end` are not segmented.
"""
from __future__ import annotations

import re

from razdel import sentenize
from yargy.span import Span
from yargy.token import MorphToken, Token
from yargy.tokenizer import RUSSIAN

from pipeline.nlp.tools import Tools
from pipeline.records import Document, Sentence

LINE = re.compile(r"[^\r\n]+")


def split_sentences(doc: Document, tools: Tools) -> list[Sentence]:
    sentences: list[Sentence] = []
    for line in LINE.finditer(doc.text, 0, doc.content_end):
        for part in sentenize(line.group()):
            start, end = line.start() + part.start, line.start() + part.stop
            if start == end:
                continue
            is_title = doc.title_span is not None and start < doc.title_span[1] and end > doc.title_span[0]
            sentences.append(Sentence(index=len(sentences), start=start, end=end, text=doc.text[start:end],
                                      tokens=tuple(tokenize(doc.text[start:end], start, tools)),
                                      is_title=is_title))
    return sentences


def tokenize(text: str, offset: int, tools: Tools) -> list[Token]:
    """yargy MorphTokens of one sentence, with document offsets: yargy's MorphTokenizer step for step
    (its compiled rules and morphology), matching in place instead of re-making every token shifted."""
    tokenizer = tools.tokenizer
    mapping, morph = tokenizer.mapping, tokenizer.morph
    tokens = []
    for match in tokenizer.regexp.finditer(text):
        value, token_type = match.group(), mapping[match.lastgroup]
        span = Span(match.start() + offset, match.end() + offset)
        if token_type == RUSSIAN:
            tokens.append(MorphToken(value, span, token_type, morph(value)))
        else:
            tokens.append(Token(value, span, token_type))
    return tokens

"""Document → Sentences with document offsets, whose yargy tokens are made when a stage asks for them.

    'Собянин: Портал "Наш город" помог ...\\n\\n29.03.2016\\n\\nПортал pgu.mos.ru предоставляет 148 ...'
    -> Sentence(0, 0, 59, 'Собянин: Портал "Наш город" помог решить более 1 млн проблем', is_title=True)
       Sentence(1, 63, 73, '29.03.2016')
       Sentence(2, 77, 142, 'Портал pgu.mos.ru предоставляет 148 электронных услуг и сервисов.')

Lines are paragraphs in press releases (a title has no final full stop), so each line is split into
sentences on its own by razdel; the trailers after `Document.body_end` are not segmented. A sentence
over MAX_SENTENCE characters is cut into pieces (README: Limitations).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict

from razdel import sentenize
from yargy.span import Span
from yargy.token import MorphToken, Token
from yargy.tokenizer import RUSSIAN

from pipeline.nlp.tools import Tools
from pipeline.records import Document, Sentence

LINE = re.compile(r"[^\r\n]+")
# A razdel sentence longer than this (a page without full stops) is cut into pieces of at most this many
# characters, at a space or else between two tokens: a stage holds one sentence's tokens at a time, and
# the grammars read clauses, not pages. The longest sentence of the corpus and the devset has 538.
MAX_SENTENCE = 2000
# Tokens kept for the sentences asked for last (SentenceTokens): a document's stages each read its
# sentences in turn, so a document of up to this many tokens is tokenized once (the longest of the corpus
# and the devset has 1,491);
# ~300 bytes a token, 1.5 MB in all. A longer one is tokenized again by each stage.
CACHE_TOKENS = 5_000


def split_sentences(doc: Document, tools: Tools) -> list[Sentence]:
    if tools.sentence_tokens is None:
        tools.sentence_tokens = SentenceTokens(tools)
    tokens = tools.sentence_tokens
    sentences: list[Sentence] = []
    for line in LINE.finditer(doc.text, 0, doc.content_end):
        for part in sentenize(line.group()):
            for start, end in pieces(doc.text, line.start() + part.start, line.start() + part.stop):
                if start == end:
                    continue
                is_title = doc.title_span is not None and start < doc.title_span[1] and end > doc.title_span[0]
                sentences.append(Sentence(index=len(sentences), start=start, end=end, text=doc.text[start:end],
                                          is_title=is_title, tokenizer=tokens))
    return sentences


def pieces(text: str, start: int, end: int, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """[start, end) as it is, or cut into pieces of at most `limit` characters: at the last space of each
    piece's second half, else where two characters could not be one token (a letter and a digit, ...)."""
    out = []
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = text.rfind(" ", lo, hi)
        if cut <= start:
            cut = next((k for k in range(hi, lo, -1) if not same_token(text[k - 1], text[k])), hi)
        out.append((start, cut))
        start = cut + 1 if text[cut] == " " else cut
    out.append((start, end))
    return out


def same_token(a: str, b: str) -> bool:
    """Whether yargy's tokenizer can put the two characters, one after the other, in one token."""
    return (a.isdigit() and b.isdigit()) or (a.isalpha() and b.isalpha() and
                                             (a.isascii() == b.isascii()))


class SentenceTokens:
    """`(text, start) -> tokens` of a sentence, made on demand and kept for the latest sentences asked for,
    up to CACHE_TOKENS tokens (a longer sentence is made anew each time; MAX_SENTENCE bounds it)."""

    def __init__(self, tools: Tools, limit: int = CACHE_TOKENS):
        self.tools = tools
        self.limit = limit
        self.kept: OrderedDict[tuple[int, str], tuple] = OrderedDict()
        self.size = 0

    def __call__(self, text: str, start: int) -> tuple:
        key = (start, text)
        tokens = self.kept.get(key)
        if tokens is not None:
            self.kept.move_to_end(key)
            return tokens
        tokens = tuple(tokenize(text, start, self.tools))
        if len(tokens) <= self.limit:
            self.kept[key] = tokens
            self.size += len(tokens)
            while self.size > self.limit:
                _, old = self.kept.popitem(last=False)
                self.size -= len(old)
        return tokens


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


class DocTokens:
    """A document's tokens looked up by document offset, a sentence at a time: each sentence's tokens
    come from it (and its tokenizer's cache), so that no list of all the document's tokens is held."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def _last_before(self, pos: int) -> int:
        """The index of the last sentence that starts before pos (-1 if none)."""
        return bisect_left(self.starts, pos) - 1

    def starting_in(self, start: int, end: int) -> list:
        """The tokens that start in [start, end), in order."""
        out: list = []
        k = max(0, self._last_before(start))
        while k < len(self.sentences) and self.sentences[k].start < end:
            tokens = self.sentences[k].tokens
            lo = bisect_left(tokens, start, key=token_start)
            hi = bisect_left(tokens, end, key=token_start)
            out += tokens[lo:hi]
            k += 1
        return out

    def within(self, start: int, end: int) -> list:
        """The tokens that start in [start, end) and end by `end`."""
        return [t for t in self.starting_in(start, end) if t.span.stop <= end]

    def ending_at(self, end: int) -> tuple[tuple, int] | None:
        """(the sentence's tokens, the index there) of the token that ends at `end`, if one does."""
        k = self._last_before(end)
        if k < 0:
            return None
        tokens = self.sentences[k].tokens
        i = bisect_left(tokens, end, key=token_stop)
        return (tokens, i) if i < len(tokens) and tokens[i].span.stop == end else None

    def before(self, pos: int):
        """The last token that starts before pos (None if none)."""
        for k in range(self._last_before(pos), -1, -1):
            tokens = self.sentences[k].tokens
            i = bisect_left(tokens, pos, key=token_start)
            if i > 0:
                return tokens[i - 1]
        return None


def token_start(token) -> int:
    return token.span.start


def token_stop(token) -> int:
    return token.span.stop

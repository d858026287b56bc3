"""natasha's news NER model run by a faster numpy executor: the same spans as `NewsNERTagger.map`.

    ner = FastNER(NewsNERTagger(NewsEmbedding()))   # reuses the tagger's weights and vocabularies
    [m.spans for m in ner.map(["Антон Силуанов посетил Казань."])]
    -> [[Span(start=0, stop=14, type='PER'), Span(start=23, stop=29, type='LOC')]]

The model is slovnet's: navec word embedding (300) + word shape embedding (30) -> three CNN layers
(Conv1d k=3, padding 1 -> ReLU -> BatchNorm; padded positions zeroed after each layer) -> Linear -> CRF.
Tokens (razdel), vocabularies, weights, Viterbi tie-breaking and the BIO -> span rules are slovnet's;
what differs is how the work is laid out:

- tokens: razdel never joins tokens across whitespace, and its rules look at most one atom past it, so
  each whitespace-separated chunk is tokenized once (with its neighbours' atom types in the key when
  they matter) and cached with its tokens' offsets and word / shape ids;
- the sequences of a block lie in one (rows, channels) matrix, one zero row between sequences and at
  both ends, so a k=3 convolution is one matmul with the three kernel taps side by side plus shifted
  slice additions: no im2col copy, no padding to the longest sequence of a batch. The zero rows are
  reset after every layer, as slovnet zeroes its padded positions;
- the first layer is linear in the embedding: its three taps are computed once per distinct
  (word, shape) and kept between calls, then gathered per token;
- BatchNorm is one scale and one shift; the CRF Viterbi runs over all sequences of a block at once,
  sorted by length so that the sequences still running at a position are a prefix of the batch.

Sums are taken in another order than slovnet's, so scores can differ in the last float32 bits; the tags
agree unless two paths tie to within that rounding (none did on ~29k spans of press releases).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np
from razdel.segmenters.tokenize import ATOM, DASHES, PUNCTS
from slovnet.shape import word_shape
from slovnet.token import tokenize

BLOCK_TOKENS = 4_096    # tokens per block (a longer single text is one block): working arrays of ~4 MB each;
                        # 10,000 was as fast (benchmarks/throughput.py) and took 22 MB more
STRIP = 2_048           # rows of a block multiplied by a layer's taps at once (6 MB of float32 products)
TAP_ROWS = 16_384       # distinct (word, shape) first-layer taps kept (3 KB each); more resets the cache
CACHE_SIZE = 100_000    # distinct chunks / words remembered; more resets the cache

# razdel's Rule2112 rules (dash, underscore, float, fraction) look one atom past the split when the atom
# next to it is one of these: at a chunk's edge, that is past the whitespace
JOINERS = DASHES + "_"          # join letters / digits on both sides
INT_JOINERS = ".,/\\"           # join digits on both sides
# one word or number with at most one punctuation mark on either side («Газпром», (ТАСС) слово,): when its
# key names no neighbour atom, razdel splits it at each mark (but joins "yahoo!")
WORD_IN_MARKS = re.compile(r"([%s]?)([а-яё]+|[a-z]+|\d+)[%s]?" % (re.escape(PUNCTS), re.escape(PUNCTS)), re.I)
STAND_IN = {"RU": "я", "LAT": "z", "INT": "0", "PUNCT": "!", "OTHER": "§"}   # an atom of each type


def product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`a @ b` whose every row is the same whatever the number of rows of `a`.

    numpy hands a one-row product to BLAS gemv, which sums in another order than gemm (the last float32
    bits differ). The first-layer taps of the (word, shape) pairs new to a call are kept for the process:
    a word that happened to be the only new one of its call kept gemv's bits, so a document's scores, and
    on a near tie its tags, depended on what the process had tagged before. gemm's rows agree for every
    row count from two up (and with any number of threads), so one row is computed as two."""
    if a.shape[0] == 1:
        return (np.concatenate((a, a)) @ b)[:1]
    return a @ b


class Span(NamedTuple):
    start: int
    stop: int
    type: str


class Markup(NamedTuple):
    text: str
    spans: list[Span]


class FastNER:
    """`map(texts)` -> one `Markup(text, spans)` per text, the spans `NewsNERTagger.map` finds."""

    def __init__(self, tagger, block_tokens: int = BLOCK_TOKENS, tap_rows: int = TAP_ROWS):
        self.tagger = tagger             # the slovnet NER whose model this runs (NewsNERTagger is one)
        infer = tagger.infer
        model = infer.model
        self.block_tokens = block_tokens
        self.words_vocab = infer.encoder.words_vocab
        self.shapes_vocab = infer.encoder.shapes_vocab
        self.n_shapes = len(self.shapes_vocab)
        tags = infer.decoder.tags_vocab.items
        # as slovnet's parse_bio: 'B-PER' -> ('B', 'PER'), 'O' -> ('O', None); '<pad>' does nothing
        self.tag_parts = [tuple(tag.split("-", 1)) if "-" in tag else (tag, None) for tag in tags]
        self.opening = np.array([part == "B" for part, _ in self.tag_parts])

        word = model.emb.word
        self.navec_indexes = word.indexes.array               # word id -> (qdim,) centroid ids
        self.navec_codes = word.codes.array                   # (qdim, centroids, chunk)
        self.qdims = np.arange(self.navec_codes.shape[0])
        word_dim = self.navec_codes.shape[0] * self.navec_codes.shape[2]

        self.layers = []
        for layer in model.encoder.layers:
            conv, norm = layer.conv, layer.norm
            assert conv.padding == 1 and conv.weight.shape[2] == 3
            # (out, in, 3) -> (in, 3 * out): columns [tap 0 | tap 1 | tap 2]
            taps = np.concatenate([conv.weight.array[:, :, k].T for k in range(3)], axis=1)
            scale = (norm.weight.array / norm.std.array).astype(np.float32)
            shift = (norm.bias.array - norm.mean.array * scale).astype(np.float32)
            self.layers.append((np.ascontiguousarray(taps), conv.bias.array, scale, shift))
        first_taps = self.layers[0][0]
        self.word_taps = np.ascontiguousarray(first_taps[:word_dim])
        self.shape_taps = model.emb.shape.weight.array @ first_taps[word_dim:]    # (shapes, 3 * out)
        self.proj_weight = model.head.proj.weight.array
        self.proj_bias = model.head.proj.bias.array
        self.transitions = model.head.crf.transitions.array

        # first-layer taps per (word, shape): rows of three (tap_rows, out) tables; row 0 is a separator
        self.tap_rows = max(tap_rows, block_tokens + 1)
        self.tap_index: dict[int, int] = {}
        self.tap_tables = np.zeros((3, 1024, first_taps.shape[1] // 3), dtype=np.float32)
        self.chunks: dict = {}      # chunk, or (left type, chunk, right type) -> (n, [start, stop, pair] * n)
        self.words: dict[str, int] = {}
        self.char_types: dict[str, str] = {}

    # ---- tokens ----

    def char_type(self, char: str) -> str:
        kind = self.char_types.get(char)
        if kind is None:
            kind = self.char_types[char] = ATOM.match(char).lastgroup
        return kind

    def pair(self, word: str) -> int:
        """word id * shapes + shape id, as slovnet's encoder looks them up."""
        pair = self.words.get(word)
        if pair is None:
            if len(self.words) >= CACHE_SIZE:
                self.words.clear()
            pair = self.words[word] = (self.words_vocab.encode(word.lower()) * self.n_shapes
                                       + self.shapes_vocab.encode(word_shape(word)))
        return pair

    def context_key(self, chunks: list[str], j: int):
        """The cache key of chunk j: the chunk itself, or (left type, chunk, right type) when razdel's rules
        may look at the atom across the whitespace on either side (type None: no atom there)."""
        chunk = chunks[j]
        if len(chunk) < 2:
            return chunk
        first, last = chunk[0], chunk[-1]
        needs_left = first in JOINERS or first in INT_JOINERS and self.char_type(chunk[1]) == "INT"
        needs_right = last in JOINERS or last in INT_JOINERS and self.char_type(chunk[-2]) == "INT"
        if not (needs_left or needs_right):
            return chunk
        left = self.char_type(chunks[j - 1][-1]) if needs_left and j else None
        right = self.char_type(chunks[j + 1][0]) if needs_right and j + 1 < len(chunks) else None
        return left, chunk, right

    def chunk_tokens(self, key) -> tuple[int, list[int]]:
        """Tokens of one chunk as razdel (via slovnet) makes them: (count, [start, stop, pair, ...])."""
        if isinstance(key, str):
            left, chunk, right = None, key, None
            if ATOM.fullmatch(chunk):                                  # one atom: one token
                return 1, [0, len(chunk), self.pair(chunk)]
            match = WORD_IN_MARKS.fullmatch(chunk)
            if match and not (match[2].lower() == "yahoo" and chunk[-1] == "!"):   # razdel joins yahoo!
                flat = []
                for start, stop in ((0, match.end(1)), match.span(2), (match.end(2), len(chunk))):
                    if stop > start:
                        flat += (start, stop, self.pair(chunk[start:stop]))
                return len(flat) // 3, flat
        else:
            left, chunk, right = key
        before = STAND_IN[left] + " " if left else ""
        after = " " + STAND_IN[right] if right else ""
        shift = len(before)
        flat = []
        for token in tokenize(before + chunk + after):
            if shift <= token.start < shift + len(chunk):
                flat += (token.start - shift, token.stop - shift, self.pair(token.text))
        return len(flat) // 3, flat

    def encode(self, text: str, offsets: list[int], counts: list[int], flat: list[int]) -> int:
        """Append the text's chunks (offset, token count) and tokens (start, stop, pair relative to the
        chunk); return the number of tokens."""
        chunks = text.split()        # str.isspace() is re's \s: the same chunks as razdel's atoms make
        cache = self.chunks
        position = n = 0
        for j, chunk in enumerate(chunks):
            position = text.find(chunk, position)
            offsets.append(position)
            position += len(chunk)
            entry = cache.get(chunk)
            if entry is None:
                key = self.context_key(chunks, j)
                entry = cache.get(key)
                if entry is None:
                    if len(cache) >= CACHE_SIZE:
                        cache.clear()
                    entry = cache[key] = self.chunk_tokens(key)
            counts.append(entry[0])
            flat += entry[1]
            n += entry[0]
        return n

    # ---- model ----

    def map(self, texts: Iterable[str]) -> Iterator[Markup]:
        block: list[str] = []
        lengths: list[int] = []
        offsets: list[int] = []
        counts: list[int] = []
        flat: list[int] = []
        size = 0
        for text in texts:
            marks = len(offsets), len(flat)
            n = self.encode(text, offsets, counts, flat)
            if block and size + n > self.block_tokens:
                yield from self.run(block, lengths, offsets[:marks[0]], counts[:marks[0]], flat[:marks[1]])
                offsets, counts, flat = offsets[marks[0]:], counts[marks[0]:], flat[marks[1]:]
                block, lengths, size = [], [], 0
            block.append(text)
            lengths.append(n)
            size += n
        if block:
            yield from self.run(block, lengths, offsets, counts, flat)

    def run(self, texts, lengths, offsets, counts, flat) -> list[Markup]:
        lengths = np.array(lengths, dtype=np.int64)
        if not lengths.any():
            return [Markup(text, []) for text in texts]
        tokens = np.array(flat, dtype=np.int64).reshape(-1, 3)
        base = np.repeat(np.array(offsets, dtype=np.int64), counts)          # offset of each token's chunk
        tags = self.viterbi(self.emissions(tokens[:, 2], lengths), lengths)
        starts, stops = (base + tokens[:, 0]).tolist(), (base + tokens[:, 1]).tolist()
        return self.markups(texts, lengths, tags, starts, stops)

    def first_taps(self, pairs: np.ndarray) -> np.ndarray:
        """Each token's row in `tap_tables`, computing the taps of (word, shape) pairs not seen yet."""
        unique, inverse = np.unique(pairs, return_inverse=True)
        index = self.tap_index
        rows = np.array([index.get(p, 0) for p in unique.tolist()], dtype=np.int64)
        missing = np.flatnonzero(rows == 0)
        if len(missing):
            used = len(index) + 1
            if used + len(missing) > self.tap_rows:
                index.clear()
                used, missing = 1, np.arange(len(unique))
            need = used + len(missing)
            if need > self.tap_tables.shape[1]:      # beyond tap_rows only for one text longer than a block
                size = max(need, min(2 * self.tap_tables.shape[1], self.tap_rows))
                tables = np.zeros((3, size, self.tap_tables.shape[2]), dtype=np.float32)
                tables[:, :used] = self.tap_tables[:, :used]
                self.tap_tables = tables
            words, shapes = np.divmod(unique[missing], self.n_shapes)
            emb = self.navec_codes[self.qdims, self.navec_indexes[words]].reshape(len(words), -1)
            taps = product(emb, self.word_taps)
            taps += self.shape_taps[shapes]
            out = self.tap_tables.shape[2]
            new_rows = np.arange(used, need)
            for k in range(3):
                self.tap_tables[k, used:need] = taps[:, k * out:(k + 1) * out]
            index.update(zip(unique[missing].tolist(), new_rows.tolist()))
            rows[missing] = new_rows
        return rows[inverse]

    def emissions(self, pairs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """CNN encoder + projection: (tokens, tags) scores, sequences back to back."""
        nonempty = lengths[lengths > 0]
        total = int(nonempty.sum())
        n_rows = total + len(nonempty) + 1
        # token i of sequence j sits after j + 1 separator rows
        token_rows = np.arange(total) + np.repeat(np.arange(1, len(nonempty) + 1), nonempty)
        separators = np.ones(n_rows, dtype=bool)
        separators[token_rows] = False
        separators = np.flatnonzero(separators)

        row_taps = np.zeros(n_rows, dtype=np.int64)    # row 0 of the tap tables is zero
        row_taps[token_rows] = self.first_taps(pairs)
        _, bias, scale, shift = self.layers[0]
        x = np.empty((n_rows, len(bias)), dtype=np.float32)
        x[0] = x[-1] = 0
        body = x[1:-1]
        np.take(self.tap_tables[0], row_taps[:-2], axis=0, out=body, mode="clip")
        gathered = np.empty_like(body)
        for k in (1, 2):
            np.take(self.tap_tables[k], row_taps[k:n_rows - 2 + k], axis=0, out=gathered, mode="clip")
            body += gathered
        self.activate(x, bias, scale, shift, separators)

        for taps, bias, scale, shift in self.layers[1:]:
            out = len(bias)
            x_in, x = x, np.empty((n_rows, out), dtype=np.float32)
            x[0] = x[-1] = 0
            # row i of the output sums tap k of row i - 1 + k of the input: the (rows, 3 * out) product is
            # made STRIP rows at a time (with the two rows after each strip), not whole (30 MB a block)
            for a in range(0, n_rows - 2, STRIP):
                b = min(a + STRIP, n_rows - 2)
                y = product(x_in[a:b + 2], taps)
                body = x[1 + a:1 + b]
                np.add(y[:-2, :out], y[1:-1, out:2 * out], out=body)
                body += y[2:, 2 * out:]
            self.activate(x, bias, scale, shift, separators)

        return product(x[token_rows], self.proj_weight) + self.proj_bias

    @staticmethod
    def activate(x: np.ndarray, bias, scale, shift, separators) -> None:
        """conv bias -> ReLU -> BatchNorm, in place; separator rows back to zero."""
        x += bias
        np.maximum(x, 0, out=x)
        x *= scale
        x += shift
        x[separators] = 0

    def viterbi(self, emissions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """slovnet's CRF decode for all sequences at once: the same float32 sums, the first maximum."""
        n_tags = emissions.shape[1]
        order = np.argsort(-lengths, kind="stable")
        lens = lengths[order]
        order = order[lens > 0]
        lens = lens[lens > 0]
        seq_starts = (np.cumsum(lengths) - lengths)[order]
        max_len = int(lens[0])
        # active[t]: how many sequences (a prefix of `order`) have a token at position t
        active = len(lens) - np.searchsorted(lens[::-1], np.arange(max_len), side="right")
        # position-major packing: position t of the first active[t] sequences at rows offsets[t]...
        offsets = np.concatenate(([0], np.cumsum(active)))
        rows = np.concatenate([seq_starts[:a] + t for t, a in enumerate(active.tolist())])
        packed = emissions[rows]
        history = np.empty((len(rows), n_tags), dtype=np.intp)
        transitions = self.transitions
        score = packed[:active[0]].copy()
        step = np.empty((len(lens), n_tags, n_tags), dtype=score.dtype)
        for t in range(1, max_len):
            a, o = int(active[t]), int(offsets[t])
            s = step[:a]
            np.add(score[:a, :, None], transitions, out=s)           # as slovnet: (score + transitions)
            s += packed[o:o + a, None, :]                            # + emissions
            np.argmax(s, axis=1, out=history[o:o + a])
            np.max(s, axis=1, out=score[:a])
        # back from each sequence's last position
        current = score.argmax(1)
        tags_packed = np.empty(len(rows), dtype=np.intp)
        tags_packed[offsets[lens - 1] + np.arange(len(lens))] = current
        flat_history = history.reshape(-1)
        strides = np.arange(0, len(lens) * n_tags, n_tags)
        for t in range(max_len - 1, 0, -1):
            a, o = int(active[t]), int(offsets[t])
            # sequences ending at t join here with their final tag
            current[:a] = flat_history[o * n_tags + strides[:a] + current[:a]]
            p = int(offsets[t - 1])
            tags_packed[p:p + a] = current[:a]
        tags = np.empty(len(emissions), dtype=np.intp)
        tags[rows] = tags_packed
        return tags

    def markups(self, texts, lengths, tags, starts, stops) -> list[Markup]:
        """BIO tags -> spans, as slovnet's `bio_spans`: B opens a span (closing an open one), I extends
        the open span, O closes it, anything else does nothing."""
        parts = self.tag_parts
        ends = np.cumsum(lengths)
        opened = np.concatenate(([0], np.cumsum(self.opening[tags])))
        has_span = (opened[ends] - opened[ends - lengths]).tolist()    # B tags per text
        result = []
        first = 0
        for text, length, any_b in zip(texts, lengths.tolist(), has_span):
            spans: list[Span] = []
            if any_b:
                previous = None
                start = stop = 0
                end = first + length
                for i, tag in enumerate(tags[first:end].tolist(), first):
                    part, kind = parts[tag]
                    if part == "O":
                        if previous:
                            spans.append(Span(start, stop, previous))
                            previous = None
                    elif part == "B":
                        if previous:
                            spans.append(Span(start, stop, previous))
                        previous = kind
                        start, stop = starts[i], stops[i]
                    elif part == "I":
                        stop = stops[i]
                if previous:
                    spans.append(Span(start, stop, previous))
            result.append(Markup(text, spans))
            first += length
        return result

"""Tools: the models and parsers a run needs, built once per process and passed explicitly.

    tools = Tools.build()          # ~0.35 s: pymorphy3, yargy tokenizer, NER tagger, grammar parsers
    tools.tokenizer                # one MorphTokenizer shared by every parser
    tools.parser("quantity")       # a yargy Parser over pre-tokenized sentences
"""
from __future__ import annotations

import importlib.util
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache

# natasha's NER is a small numpy model: on a shared 2-core box one BLAS thread is fastest
# (set before numpy is first imported).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pymorphy3  # noqa: E402
from yargy import Parser  # noqa: E402  (the type parsers have)
from yargy.morph import MorphAnalyzer  # noqa: E402
from yargy.tokenizer import EOL, MorphTokenizer, Tokenizer  # noqa: E402

from pipeline.nlp.morph import analyzer  # noqa: E402

log = logging.getLogger(__name__)


class CachedMorph(MorphAnalyzer):
    """yargy's morph wrapper around our pymorphy3, with a per-process cache of parses."""

    @lru_cache(maxsize=100_000)
    def __call__(self, word):
        return super().__call__(word)


class IdTokenizer(Tokenizer):
    """Passes through tokens that `segment` already made (yargy cookbook), so no grammar re-tokenizes."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer

    def split(self, text):
        return self.tokenizer.split(text)

    def check_type(self, type):  # noqa: A002  (yargy's signature)
        return self.tokenizer.check_type(type)

    @property
    def morph(self):
        return self.tokenizer.morph

    def __call__(self, tokens):
        return tokens


@dataclass
class Tools:
    morph: pymorphy3.MorphAnalyzer
    tokenizer: MorphTokenizer
    ner: object | None = None
    parsers: dict[str, Parser] = field(default_factory=dict)
    sentence_tokens: object | None = None     # pipeline.nlp.segment.SentenceTokens, made with the first sentence

    @classmethod
    def build(cls, ner: bool = True) -> "Tools":
        morph = analyzer()
        tokenizer = MorphTokenizer(morph=CachedMorph(morph)).remove_types(EOL)
        tools = cls(morph=morph, tokenizer=tokenizer)
        if ner:
            tools.ner = build_ner()
        tools.parsers = build_parsers(IdTokenizer(tokenizer))
        return tools

    def parser(self, name: str) -> Parser:
        return self.parsers[name]


def build_ner():
    """natasha's news NER model behind `FastNER`: `.map(texts)` gives the spans `NewsNERTagger.map` gives.

    It is loaded as natasha's NewsNERTagger loads it (slovnet's NER from natasha's model file, then
    the news embedding), without importing natasha itself: its __init__ imports every pipeline and
    extractor it has (~30 ms of each process's start-up)."""
    from slovnet import NER

    from pipeline.nlp.fast_ner import FastNER

    tagger = NER.load(natasha_data("model", "slovnet_ner_news_v1.tar"))
    tagger.navec(news_vectors())
    return FastNER(tagger)


def natasha_data(*parts: str) -> str:
    """A file of natasha's data folder (natasha.data's paths), found without importing natasha."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("natasha is not installed")
    return os.path.join(spec.submodule_search_locations[0], "data", *parts)


def news_vectors():
    """natasha's news embedding (`NewsEmbedding`) with only what the tagger reads: its quantised vectors.

    The NER model has its own word vocabulary and takes navec's PQ indexes and codes; navec's word list
    (a 500k-entry dict) and similarity tables (norms, centroid dot products) are for looking words up
    and comparing them, so they are not loaded: 0.26 s less start-up, the same arrays."""
    from navec.navec import META, PQ_, Meta, Navec
    from navec.pq import PQ
    from navec.tar import Tar

    class Vectors(PQ):
        def precompute(self):          # norms and dot tables for similarity: unused by the tagger
            pass

    with Tar(natasha_data("emb", "navec_news_v1_1B_250K_300d_100q.tar")) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        vectors = Vectors.from_file(tar.load(PQ_))
    return Navec(meta, None, vectors)


def build_parsers(tokenizer: Tokenizer) -> dict[str, Parser]:
    """One parser per grammar root, all on the shared tokenizer; fails fast on a broken grammar."""
    from grammars import ROOTS
    from pipeline.nlp.earley import LookaheadParser

    return {name: LookaheadParser(rule, tokenizer=tokenizer) for name, rule in ROOTS.items()}

"""NLP: the models, and the analysis of a text that every extraction stage reads.

Takes a `Document`; gives its `Sentence`s (razdel sentences of yargy tokens with pymorphy3 forms, at
document offsets) and the NER's person spans. `Tools` holds what is built once per process: the
morphology, the tokenizer, natasha's NER tagger and one parser per grammar.

    tools = Tools.build()
    sentences = split_sentences(doc, tools)
    names = tag_names(docs, sentences_of_each_doc, tools)      # one NER pass over a batch
"""
from pipeline.nlp.morph import analyzer
from pipeline.nlp.ner import tag_names
from pipeline.nlp.prefilter import any_run, joined, stems_pattern, without_cut_copies
from pipeline.nlp.segment import DocTokens, split_sentences
from pipeline.nlp.tools import Tools, natasha_data

__all__ = ["Tools", "DocTokens", "split_sentences", "tag_names", "analyzer", "natasha_data", "any_run", "stems_pattern", "joined",
           "without_cut_copies"]

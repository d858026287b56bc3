"""natasha's standard pipeline, as a user would write it for the information pressfacts extracts.

    python benchmarks/natasha_full.py INPUT_DIR OUT.jsonl

Per document: Doc → segment, tag_morph, tag_ner, parse_syntax; normalize every span; NamesExtractor on
PER spans; DatesExtractor and MoneyExtractor over the text. Writes one JSON line per document so the
work cannot be skipped. The comparison baseline of benchmarks/throughput.py.
"""
import json
import sys
from pathlib import Path

from natasha import (DatesExtractor, Doc, MoneyExtractor, MorphVocab, NamesExtractor, NewsEmbedding,
                     NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter)


def main(folder: str, out: str) -> None:
    segmenter, morph_vocab, emb = Segmenter(), MorphVocab(), NewsEmbedding()
    morph_tagger, syntax_parser, ner_tagger = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    names, dates, money = NamesExtractor(morph_vocab), DatesExtractor(morph_vocab), MoneyExtractor(morph_vocab)
    with open(out, "w", encoding="utf-8") as sink:
        for path in sorted(Path(folder).iterdir()):
            text = path.read_text(encoding="utf-8")
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph_tagger)
            doc.tag_ner(ner_tagger)
            doc.parse_syntax(syntax_parser)
            people = []
            for span in doc.spans:
                span.normalize(morph_vocab)
                if span.type == "PER":
                    span.extract_fact(names)
                    people.append({"text": span.text, "normal": span.normal,
                                   "fact": span.fact.as_dict if span.fact else None})
            record = {"doc": path.stem, "people": people,
                      "dates": [[m.start, m.stop, str(m.fact)] for m in dates(text)],
                      "money": [[m.start, m.stop, str(m.fact)] for m in money(text)]}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])

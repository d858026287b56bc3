"""Speech: quotes, direct and indirect, with their speakers.

Takes a document's sentences and its `People`; gives `QuoteRow`s with span, speaker and cue
(`extract_quotes`). Later, in `pipeline.resolve`, gives each fact the speaker of the quote or statement
it stands in (`attach_speakers`), and the outlet or body a quote or claim is credited to (`fact_sources`).

    extract_quotes(doc, sentences, people, tools)   # '«...», — сказал Сергей Собянин' -> QuoteRow(speaker=...)
"""
from pipeline.speech.extract import extract_quotes
from pipeline.speech.sources import fact_sources
from pipeline.speech.speakers import attach_speakers

__all__ = ["extract_quotes", "attach_speakers", "fact_sources"]

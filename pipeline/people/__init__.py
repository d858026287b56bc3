"""People: the persons a document names, in the nominative, and their posts.

Takes a document's sentences and the NER's person spans; gives `People`: `PersonRow`s (one per person,
mentions clustered) and `PositionRow`s (post and organisation), with the mentions that speech and
resolve look speakers up in.

    people = extract_people(doc, sentences, names, tools)
    people.people      # 'мэра Москвы Сергея Собянина' -> PersonRow(name='Сергей Собянин', ...)
"""
from pipeline.people.extract import People, extract_people

__all__ = ["extract_people", "People"]

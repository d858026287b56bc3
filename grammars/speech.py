"""Speech cues: the verbs and phrases that introduce someone's statement.

    сообщил, что ...          -> Speech(cue='сообщить')
    заявила: «...»            -> Speech(cue='заявить')
    по словам Сергея Собянина -> Speech(cue='по словам')
    по его утверждению        -> Speech(cue='по утверждению')

Opinion words (считать, по мнению, уверен), `согласно X`, `по данным X` and impersonal forms
(отмечается, сообщается, говорится: their lemma is the reflexive verb) are not cues (spec: Speaker).
Which form of a verb counts (finite, not a participle or an infinitive) is decided in
pipeline/speech/context.py (`finite_verb`), where the clause around the cue is read.
"""
from yargy import and_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, dictionary, gram, in_caseless, normalized

Speech = fact("Speech", ["cue"])

# Verbs that introduce a statement, both aspects (spec: Speaker).
SPEECH_VERBS = {
    "сказать", "заявить", "заявлять", "сообщить", "сообщать", "отметить", "отмечать",
    "подчеркнуть", "подчёркивать", "подчеркивать", "добавить", "добавлять", "пояснить", "пояснять",
    "говорить", "утверждать", "напомнить", "напоминать", "рассказать", "рассказывать",
    "написать", "писать", "признаться", "признаваться", "уточнить", "уточнять",
    "объяснить", "объяснять", "заметить", "ответить", "отвечать", "констатировать",
    "подытожить", "заключить", "резюмировать", "прокомментировать", "комментировать",
    "продолжить", "цитировать", "процитировать", "высказаться", "передать", "пообещать", "обещать",
    "прогнозировать", "предупредить", "предупреждать", "проинформировать",
    "заверить", "заверять", "посетовать", "сетовать", "пожаловаться", "жаловаться", "возразить", "возражать",
    "подтвердить", "подтверждать", "опровергнуть", "указать", "указывать", "акцентировать", "анонсировать",
    "признать", "признавать", "уведомить", "упомянуть", "похвастаться", "возмутиться", "парировать",
    "настаивать", "отрицать", "сообщить", "поделиться", "озвучить", "объявить", "известить",
}

# Phrases with the source in the genitive after them (`по словам мэра`) or a possessive
# inside (`по его словам`): spec code -> head noun.
SOURCE_PHRASES = {
    "по словам": "слово",
    "по утверждению": "утверждение",
    "по сообщению": "сообщение",
}
POSSESSIVES = {"его", "её", "ее", "их", "моим", "нашим"}

# Heads of a title standing for a person already named (`— отметил глава департамента`): when
# the document gives no one that exact title, the nearest person mentioned before is meant.
TITLE_HEADS = {
    "мэр", "глава", "руководитель", "министр", "заместитель", "префект", "директор", "председатель",
    "губернатор", "президент", "премьер", "премьер-министр", "начальник", "представитель", "спикер",
    "пресс-секретарь", "протоиерей", "депутат", "вице-мэр", "вице-премьер", "замминистра", "сенатор",
    "посол", "командир", "чиновник", "эксперт", "специалист", "врач", "аналитик", "лидер", "секретарь",
    "заммэра", "замглавы", "замминистра", "зампред", "зампредседателя", "замдиректора", "замруководителя",
    "замгубернатора", "замначальника", "гендиректор", "вице-губернатор", "создатель", "основатель", "врио",
    "омбудсмен", "уполномоченный", "префект", "советник", "помощник", "главврач", "главред",
}

# Stems for the cheap prefilter (pipeline/speech/indirect.py): a sentence without any of them, a
# quote mark or a dash never reaches the parser.
CUE_STEMS = (
    "сказа", "заяв", "сообщ", "отмет", "отмеч", "подчерк", "добав", "поясн", "говор", "утвержд",
    "напомн", "напомин", "рассказ", "напис", "пиш", "призна", "уточн", "объясн", "замет", "ответ",
    "отвеча", "констат", "подытож", "заключ", "резюмир", "коммент", "продолж", "цитир", "высказ",
    "переда", "обеща", "прогноз", "предупре", "информир", "слова", "по сообщени",
    "завер", "сетова", "сетуе", "жалов", "возраз", "подтверд", "опроверг", "указа", "указыв", "акцентир",
    "анонсир", "уведом", "упомян", "хваст", "возмут", "парир", "настаива", "отрица", "подели", "озвуч",
    "объяв", "извест",
)

VERB = rule(
    and_(dictionary(SPEECH_VERBS), or_(gram("VERB"), gram("GRND"))),      # заявил, что · заявив, что
).interpretation(Speech.cue.normalized())


def source_phrase(code, noun):
    """`по словам` · `по его словам`: the code of the phrase as its cue."""
    return rule(
        caseless("по"),
        in_caseless(POSSESSIVES).optional(),
        normalized(noun),
    ).interpretation(Speech.cue.const(code))


PHRASE = or_(*[source_phrase(code, noun) for code, noun in SOURCE_PHRASES.items()])

SPEECH = or_(PHRASE, VERB).interpretation(Speech)

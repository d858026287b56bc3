"""Position: [modifiers] title [genitive title] [portfolio] [organisation] [extra] — a person's post as written.

    заместителя Мэра Москвы              -> Position(title='заместителя Мэра', org='Москвы')
    руководитель Департамента транспорта -> Position(title='руководитель', org='Департамента транспорта')
    министр иностранных дел России       -> Position(title='министр иностранных дел', org='России')
    чрезвычайный и полномочный посол Италии в Грузии -> Position(title=..., org='Италии', extra='в Грузии')
    управляющий компанией FaceCash       -> Position(title='управляющий', org='компанией FaceCash')

`title`, `org` and `extra` are sub-facts so that their spans locate them in the text; pipeline.people.orgs puts
them in the nominative. The grammar is run on the few tokens next to a person's name, never on whole
sentences. Modifiers agree with the title's head (`начатую президентом` is no title).
"""
import re

from yargy import and_, not_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, custom, eq, gram, in_, in_caseless, is_capitalized, is_upper, length_eq, normalized
from yargy.predicates import type as token_type
from yargy.relations import gnc_relation, main

Position = fact("Position", ["title", "org", "extra"])
Title = fact("Title", ["text"])
Org = fact("Org", ["text"])
Extra = fact("Extra", ["text"])

TITLE_WORDS = [   # heads of a post, as lemmas
    "мэр", "вице-мэр", "губернатор", "президент", "премьер", "министр", "замминистра", "премьер-министр",
    "заместитель", "зам", "помощник", "советник", "референт", "секретарь", "госсекретарь", "генсек",
    "глава", "руководитель", "начальник", "директор", "гендиректор", "председатель", "зампред",
    "сопредседатель", "президент", "вице-президент", "вице-премьер", "вице-спикер", "спикер", "канцлер",
    "префект", "супрефект", "мэр", "градоначальник", "посол", "консул", "атташе", "представитель",
    "полпред", "спецпредставитель", "уполномоченный", "омбудсмен", "депутат", "сенатор", "парламентарий",
    "член", "лидер", "основатель", "сооснователь", "создатель", "учредитель", "владелец", "совладелец",
    "акционер", "инвестор", "управляющий", "командир", "командующий", "главнокомандующий", "генерал",
    "адмирал", "полковник", "майор", "капитан", "космонавт", "астронавт", "пилот", "журналист", "писатель",
    "поэт", "публицист", "аналитик", "эксперт", "политолог", "социолог", "экономист", "историк", "юрист",
    "адвокат", "судья", "прокурор", "генпрокурор", "следователь", "врач", "архитектор", "инженер",
    "учёный", "профессор", "доцент", "ректор", "проректор", "декан", "академик", "преподаватель",
    "учитель", "директор", "чемпион", "экс-чемпион", "тренер", "игрок", "футболист", "шахматист",
    "гроссмейстер", "спортсмен", "актёр", "актриса", "певец", "певица", "режиссёр", "продюсер",
    "художник", "композитор", "музыкант", "дирижёр", "патриарх", "митрополит", "архиепископ", "епископ",
    "протоиерей", "священник", "настоятель", "муфтий", "раввин", "проповедник", "бизнесмен",
    "предприниматель", "миллиардер", "олигарх", "банкир", "кандидат", "наблюдатель", "координатор",
    "организатор", "активист", "правозащитник", "блогер", "обозреватель", "корреспондент", "редактор",
    "главред", "ведущий", "аудитор", "комиссар", "еврокомиссар", "король", "королева", "принц",
    "принцесса", "монарх", "шейх", "эмир", "султан", "император", "сотрудник", "работник", "специалист",
    "менеджер", "исполнительный", "управделами", "пресс-секретарь", "руководительница", "директриса",
    "премьер-министр", "госминистр", "нарком", "президент-", "губернатор", "вице-губернатор",
    "замгубернатора", "замглавы", "замдиректора", "замначальника", "замруководителя", "зампредседателя",
    "глава", "председатель", "вице-председатель", "заведующий", "завотделом", "староста", "атаман",
    "солист", "солистка", "фотограф", "фотокорреспондент", "оператор", "полузащитник", "защитник",
    "нападающий", "вратарь", "форвард", "докладчик", "хореограф", "шеф", "худрук", "завкафедрой",
    "замруководителя", "вице-консул", "генконсул", "посланник", "атташе", "казначей", "ревизор",
    "дипломат", "чиновник", "сотрудница", "пресс-атташе", "спикер", "депутатка", "замдекана", "политик",
    "заммэра", "замглавы", "замминистра", "замдиректора", "замначальника", "замруководителя", "замгубернатора",
    "зампрефекта", "зампред", "зампредседателя", "замгендиректора", "врио", "бортинженер", "бортмеханик",
    "бундестренер", "леди", "ученый", "исследователь", "сопредседатель", "гендиректор", "генпродюсер",
    "главврач", "главред", "завотделением", "рабочий",
]
# Short forms of a title -> the full title, for matching `— добавил заммэра` to `заместитель мэра Москвы`
# (pipeline.people.orgs.title_key expands them before it takes lemmas).
SHORT_TITLES = {
    "заммэра": "заместитель мэра", "замглавы": "заместитель главы", "замминистра": "заместитель министра",
    "зампред": "заместитель председателя", "зампредседателя": "заместитель председателя",
    "замдиректора": "заместитель директора", "замруководителя": "заместитель руководителя",
    "замгубернатора": "заместитель губернатора", "замначальника": "заместитель начальника",
    "зампрефекта": "заместитель префекта", "вице-мэр": "заместитель мэра", "гендиректор": "генеральный директор",
    "вице-губернатор": "заместитель губернатора", "главврач": "главный врач", "главред": "главный редактор",
}
PREFIXES = ["вице", "экс", "премьер", "пресс", "генерал", "зам", "врио"]
ORG_WORDS = [     # lowercase nouns that begin an organisation
    "компания", "партия", "движение", "фонд", "банк", "управа", "район", "департамент", "комитет",
    "комиссия", "министерство", "правительство", "администрация", "корпорация", "концерн", "холдинг",
    "группа", "совет", "союз", "ассоциация", "центр", "институт", "университет", "академия", "отделение",
    "отдел", "управление", "служба", "агентство", "палата", "дума", "собрание", "суд", "префектура",
    "город", "область", "край", "республика", "округ", "штат", "страна", "организация", "объединение",
    "федерация", "клуб", "команда", "сборная", "издание", "газета", "журнал", "телеканал", "радиостанция",
    "театр", "музей", "школа", "больница", "завод", "фабрика", "предприятие", "общество", "редакция",
    "оппозиция", "блок", "фракция", "парламент", "сенат", "конгресс", "миссия", "представительство",
    "посольство", "консульство", "епархия", "церковь", "синод", "патриархия", "мэрия", "муниципалитет",
    "ведомство", "инспекция", "прокуратура", "полиция", "армия", "флот", "штаб", "экспедиция", "экипаж",
    "станция", "корабль", "проект", "программа", "лаборатория", "кафедра", "факультет", "биржа",
    "фирма", "президиум", "бюро", "политбюро", "еженедельник", "ежедневник", "делегация", "цех",
    "труппа", "коллегия", "жюри", "сила", "войско", "полк", "дивизия", "телекомпания", "авиакомпания",
    "трест", "профсоюз", "секция", "бригада", "кабинет", "госкорпорация", "госдепартамент", "минобороны",
    "правление", "совет", "парламент", "меджлис", "хурал", "курултай", "ассамблея", "орган", "отделение",
    "филиал", "подразделение", "студия", "издательство", "портал", "сайт", "агентство", "информагентство",
    "коллектив", "ансамбль", "оркестр", "хор", "группировка", "альянс", "блок", "организация",
    "сборная", "клуб", "лига", "федерация", "школа", "лицей", "гимназия", "колледж", "училище", "фронт",
    "аппарат", "учреждение", "парк", "библиотека", "поликлиника", "диспансер", "инспекция", "мосгордума",
]

NON_TITLE_MODIFIERS = ["известный", "знаменитый", "популярный", "легендарный", "влиятельный", "действующий",
                       "нынешний", "современный", "молодой", "талантливый", "бывший"]   # not part of a title
PLACE_NOUNS = ["район", "город", "село", "посёлок", "деревня", "станица", "область", "край", "округ", "штат",
               "провинция", "графство", "муниципалитет", "улица"]     # take a nominative name: района Отрадное
ABLT_HEADS = ["заведующий", "управляющий", "командующий", "руководящий", "заведовать"]   # заведующий кафедрой

PROFESSION = re.compile(r"\w{2,}(олог|ист|вед|инженер|тренер|техник|механик|граф)(а|у|ом|е|ы|ов|ам|ами|ах|и)?")


def profession_word(word: str) -> bool:
    """A noun formed with a profession suffix: `нейробиолога`, `хоккеист`, `искусствоведом`."""
    return PROFESSION.fullmatch(word.lower()) is not None


PROFESSION_NOUN = and_(gram("NOUN"), gram("anim"), custom(profession_word))   # titles the list cannot enumerate
GENT = gram("gent")
ADJ = or_(gram("ADJF"), gram("PRTF"))
FUNCTION = or_(gram("PREP"), gram("CONJ"), gram("PRCL"))              # `и`, `из` also parse as letter nouns
NOUN = and_(gram("NOUN"), not_(FUNCTION))
HYPHEN = eq("-")
AND = caseless("и")
QUOTE_OPEN = in_({"«", '"', "„", "“"})
QUOTE_CLOSE = in_({"»", '"', "“", "”"})
CAP_RU = and_(token_type("RU"), is_capitalized())
ACRONYM = and_(token_type("RU"), is_upper(), not_(length_eq(1)))                 # КЗЖ, ПАСЕ, РКК

# --- title: [adjectives] head [-noun] [genitive title] [portfolio] [по ...] ---
HEAD_WORD = and_(or_(*[normalized(w) for w in dict.fromkeys(TITLE_WORDS) if "-" not in w], PROFESSION_NOUN),
                 not_(FUNCTION))                                                       # not `после`
HEAD = or_(
    rule(or_(*[caseless(p) for p in PREFIXES]), HYPHEN, main(HEAD_WORD)),   # вице-мэр, экс-кандидат
    rule(main(HEAD_WORD), HYPHEN, NOUN),                                  # премьер-министр, генерал-лейтенант
    rule(normalized("исполняющий"), normalized("обязанность")),
    rule(normalized("чемпион"), caseless("мира")),                        # a fixed title, not an organisation
    rule(caseless("и"), eq("."), caseless("о"), eq(".").optional()),
    rule(HEAD_WORD),
)
MODIFIER = and_(ADJ, not_(gram("Surn")), not_(gram("Name")), not_(gram("Apro")))
GNC = gnc_relation()
MODIFIERS = rule(MODIFIER.match(GNC).repeatable(max=3), rule(AND, MODIFIER.match(GNC)).optional())
HEAD_PHRASE = rule(MODIFIERS.optional(), HEAD.match(GNC))              # чрезвычайный и полномочный посол
TITLE_GEN = rule(and_(ADJ, GENT).repeatable(max=2).optional(), and_(GENT, HEAD_WORD),
                 rule(HYPHEN, HEAD_WORD).optional())
ORG_WORD = or_(*[normalized(w) for w in dict.fromkeys(ORG_WORDS)])
PORTFOLIO_NOUN = and_(NOUN, GENT, not_(is_capitalized()), not_(ORG_WORD), not_(ADJ))   # балета, вратарей, иностранных дел
PORTFOLIO = rule(and_(ADJ, GENT, not_(is_capitalized())).optional(), PORTFOLIO_NOUN,
                 rule(AND, PORTFOLIO_NOUN).optional())                  # связи и коммуникаций
RUNNING_FOR = rule(caseless("в"), and_(HEAD_WORD, gram("plur")))      # кандидат в президенты
MATTER_NOUN = or_(rule(and_(NOUN, not_(gram("Name")))), rule(token_type("RU"), HYPHEN, token_type("RU")))
MATTER_NP = rule(ADJ.repeatable(max=2).optional(), MATTER_NOUN)          # an adjective needs its noun
ON_MATTER = rule(in_({"по", "против", "за"}), MATTER_NP.repeatable(max=3),
                 rule(AND, MATTER_NP.repeatable(max=2)).optional())      # по взаимоотношениям Церкви и общества
ON_MATTERS = ON_MATTER.repeatable(max=2)                                 # за демократию против диктатуры
MINISTER = or_(normalized("министр"), normalized("замминистра"), normalized("нарком"))
TITLE = or_(
    rule(MODIFIERS.optional(), MINISTER, PORTFOLIO, ON_MATTERS.optional()),   # федеральный министр транспорта
    rule(HEAD_PHRASE, RUNNING_FOR),
    rule(HEAD_PHRASE, TITLE_GEN.repeatable(max=3), PORTFOLIO.optional()),
    rule(HEAD_PHRASE, PORTFOLIO),                                        # художественный руководитель балета
    rule(HEAD_PHRASE, ON_MATTERS),                                       # министр по делам разведки
    rule(HEAD_PHRASE),
).interpretation(Title.text).interpretation(Title).interpretation(Position.title)
TITLE_ABLT = rule(
    MODIFIERS.optional(), or_(rule(or_(*[normalized(w) for w in ABLT_HEADS])), rule(caseless("зав"), eq("."))),
).interpretation(Title.text).interpretation(Title).interpretation(Position.title)

# --- organisation: genitive phrases, names in quotes, abbreviations, Latin names ---
QUOTED = rule(QUOTE_OPEN, not_(or_(QUOTE_CLOSE, eq(","), eq("."))).repeatable(max=6), QUOTE_CLOSE)
PROPER = or_(
    QUOTED,
    rule(token_type("LATIN"), token_type("LATIN").repeatable(max=3).optional()),
    rule(CAP_RU, HYPHEN, CAP_RU),                                        # Аль-Джазиры
    rule(ACRONYM, rule(eq("№"), token_type("INT")).optional()),          # ГКБ № 52
    rule(and_(CAP_RU, or_(GENT, gram("Fixd"), gram("Abbr")))),
)
ADVERB = gram("ADVB")
ORDINAL = rule(token_type("INT"), HYPHEN, in_caseless({"й", "го", "ой", "ого", "ей", "его", "ый", "я", "ая", "ом", "м"}))
ADJ_OF = lambda case: or_(rule(ADVERB.optional(), and_(ADJ, case)),    # noqa: E731  крайне правого
                          rule(token_type("RU"), HYPHEN, and_(ADJ, case)),   # крымско-татарского
                          ORDINAL)                                            # 13-й долговременной
ADJ_GENT = ADJ_OF(GENT)
COMPOUND = lambda noun: rule(token_type("RU"), HYPHEN, noun)           # noqa: E731  пресс-службы
PLACE_NOUN = or_(*[normalized(w) for w in PLACE_NOUNS])
PLACE_NP = rule(ADJ_GENT.repeatable(max=3).optional(), and_(PLACE_NOUN, GENT), CAP_RU)   # района Отрадное
GEN_NP = or_(
    PLACE_NP,
    rule(ADJ_GENT.repeatable(max=3).optional(), and_(NOUN, GENT), rule(HYPHEN, NOUN).optional()),
)
COORD = rule(AND, ADJ_GENT.repeatable(max=2).optional(),
             and_(NOUN, GENT, not_(ORG_WORD), not_(is_capitalized())))        # этнологии и антропологии
CAP_NP = or_(
    rule(ADJ_GENT.repeatable(max=3).optional(), and_(NOUN, GENT, is_capitalized())),
    rule(ADJ_GENT.repeatable(max=2).optional(), and_(ADJ, GENT, is_capitalized()),   # Национального фронта
         ADJ_GENT.repeatable(max=2).optional(), and_(NOUN, GENT)),
)
ORG_NOUN = rule(ADJ_GENT.repeatable(max=3).optional(), or_(rule(and_(GENT, ORG_WORD)), COMPOUND(and_(GENT, ORG_WORD))))
NAMED = rule(ADJ_GENT.repeatable(max=3).optional(), and_(NOUN, GENT).optional(), QUOTED)   # еженедельника «Х»
# a dependent coordinated with an organisation (`аппарата [мэра и Правительства Москвы]`); right after the
# head noun the `и` joins two organisations instead (`члену Общественной палаты и Совета по правам человека`)
COORD_ORG = rule(ADJ_GENT.repeatable(max=2).optional(), and_(NOUN, GENT, not_(ORG_WORD)), AND, ADJ_GENT.repeatable(max=2).optional(), and_(NOUN, GENT, ORG_WORD, is_capitalized()),
                 or_(PROPER, GEN_NP).optional())
DEPENDENT = or_(PROPER, GEN_NP, COORD, COORD_ORG)
LOC_NP = lambda: rule(ADJ_OF(gram("loct")).repeatable(max=3).optional(),   # noqa: E731
                      or_(rule(and_(NOUN, gram("loct"))), COMPOUND(and_(NOUN, gram("loct")))))
ATTACHED = rule(caseless("при"), LOC_NP(), DEPENDENT.repeatable(max=2).optional())   # при прокуратуре
COMMON_HEAD = rule(or_(PLACE_NP, ORG_NOUN, NAMED, CAP_NP), DEPENDENT.repeatable(max=4).optional())
ORG_CORE = or_(
    rule(COMMON_HEAD, or_(ON_MATTERS, ATTACHED).optional()),            # Комитета по иностранным делам
    rule(PROPER, DEPENDENT.repeatable(max=3).optional(), ATTACHED.optional()),   # НАСА [по полётам: extra]
).interpretation(Org.text).interpretation(Org)
ORG = ORG_CORE.interpretation(Position.org)
ABLT_NP = rule(ADJ_OF(gram("ablt")).repeatable(max=3).optional(), and_(NOUN, gram("ablt")),
               DEPENDENT.repeatable(max=4).optional())
ORG_ABLT = or_(ABLT_NP, PROPER).interpretation(Org.text).interpretation(Org).interpretation(Position.org)
IN_PLACE = or_(PROPER, LOC_NP())
PLACES = rule(in_({"в", "во", "на"}), IN_PLACE,                                 # в России, на Украине и Казахстане
              rule(in_({",", "и"}), in_({"в", "во", "на"}).optional(), IN_PLACE).repeatable(max=4))
EXTRA = or_(
    PLACES,
    ON_MATTERS,                                                              # директор НАСА по полётам
    rule(in_({"от", "в", "на"}), or_(PROPER, LOC_NP()), DEPENDENT.optional(), ON_MATTERS.optional()),
    rule(in_({"от", "из"}), GEN_NP, PROPER.optional()),                     # от штата Аризона, из цеха ... Vestas
).interpretation(Extra.text).interpretation(Extra).interpretation(Position.extra)

POSITION = or_(
    rule(TITLE, ORG.optional(), EXTRA.optional()),
    rule(TITLE_ABLT, ORG_ABLT, EXTRA.optional()),
).interpretation(Position)
ORGANIZATION = ORG_CORE                                                    # a coordinated second organisation

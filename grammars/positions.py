"""Position: [modifiers] title [genitive title] [portfolio] [organisation] — a person's post as written.

    заместителя Мэра Москвы         -> Position(title='заместителя Мэра', org='Москвы')
    руководитель Департамента транспорта -> Position(title='руководитель', org='Департамента транспорта')
    министр иностранных дел России  -> Position(title='министр иностранных дел', org='России')
    французский президент           -> Position(title='французский президент')   (place adjective: pipeline.orgs)

`title` and `org` are sub-facts so that their spans locate them in the text; pipeline.orgs puts them in
the nominative. The grammar is run on the few tokens next to a person's name, never on whole sentences.
"""
from yargy import and_, not_, or_, rule
from yargy.interpretation import fact
from yargy.predicates import caseless, eq, gram, in_, is_capitalized, normalized
from yargy.predicates import type as token_type
from yargy.relations import gnc_relation

Position = fact("Position", ["title", "org", "extra"])
Title = fact("Title", ["text"])
Org = fact("Org", ["text"])

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
]
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
]
PORTFOLIO_HEADS = ["министр", "замминистра", "министерство", "нарком", "комиссар", "еврокомиссар"]

GENT = gram("gent")
ADJ = or_(gram("ADJF"), gram("PRTF"))
NOUN = gram("NOUN")
HYPHEN = eq("-")
QUOTE_OPEN = in_({"«", '"', "„", "“"})
QUOTE_CLOSE = in_({"»", '"', "“", "”"})
ABBR = and_(token_type("RU"), gram("Abbr"))
UPPER = and_(or_(token_type("RU"), token_type("LATIN")), not_(gram("PREP")), not_(gram("CONJ")))

# --- title: [adjectives] head [-noun] [genitive title] [portfolio] ---
HEAD_WORD = or_(*[normalized(w) for w in TITLE_WORDS if "-" not in w])
HEAD = or_(
    rule(or_(*[caseless(p) for p in PREFIXES]), HYPHEN, HEAD_WORD),     # вице-мэр, экс-кандидат
    rule(HEAD_WORD, HYPHEN, NOUN),                                      # премьер-министр, проповедник-евангелист
    rule(normalized("исполняющий"), normalized("обязанность")),
    rule(normalized("чемпион"), caseless("мира")),                      # a fixed title, not an organisation
    rule(caseless("и"), eq("."), caseless("о"), eq(".").optional()),
    rule(HEAD_WORD),
)
MODIFIER = and_(ADJ, not_(gram("Surn")), not_(gram("Name")), not_(gram("Apro")))
TITLE_GEN = rule(and_(ADJ, GENT).repeatable(max=2).optional(), and_(GENT, HEAD_WORD),
                 rule(HYPHEN, HEAD_WORD).optional())
PORTFOLIO = rule(and_(ADJ, GENT, not_(is_capitalized())).optional(), and_(NOUN, GENT, not_(is_capitalized())))
HEAD_PHRASE = rule(MODIFIER.repeatable(max=3).optional(), HEAD)
RUNNING_FOR = rule(caseless("в"), and_(HEAD_WORD, gram("plur")))      # кандидат в президенты
TITLE = or_(
    rule(normalized("министр"), PORTFOLIO),
    rule(HEAD_PHRASE, RUNNING_FOR),
    rule(HEAD_PHRASE, TITLE_GEN.repeatable(max=3), PORTFOLIO.optional()),
    rule(HEAD_PHRASE),
).interpretation(Title.text).interpretation(Title).interpretation(Position.title)

# --- organisation: genitive phrases, names in quotes, abbreviations, Latin names ---
QUOTED = rule(QUOTE_OPEN, not_(or_(QUOTE_CLOSE, eq(","), eq("."))).repeatable(max=6), QUOTE_CLOSE)
PROPER = or_(
    QUOTED,
    rule(token_type("LATIN"), token_type("LATIN").repeatable(max=3).optional()),
    rule(and_(token_type("RU"), is_capitalized(), or_(GENT, gram("Fixd"), gram("Abbr")))),
)
ADJ_GENT = or_(rule(and_(ADJ, GENT)), rule(token_type("RU"), HYPHEN, and_(ADJ, GENT)))   # крымско-татарского
GEN_NP = rule(ADJ_GENT.repeatable(max=3).optional(), and_(NOUN, GENT), rule(HYPHEN, NOUN).optional())
CAP_NP = rule(ADJ_GENT.repeatable(max=3).optional(), and_(NOUN, GENT, is_capitalized()))
ORG_NOUN = rule(ADJ_GENT.repeatable(max=3).optional(), and_(GENT, or_(*[normalized(w) for w in ORG_WORDS])))
ORG_HEAD = or_(ORG_NOUN, CAP_NP, PROPER)
DEPENDENT = or_(PROPER, GEN_NP)
ON_MATTERS = rule(in_({"по", "против", "за"}), and_(or_(ADJ, NOUN), not_(gram("Name"))).repeatable(max=4))
ORG = rule(ORG_HEAD, DEPENDENT.repeatable(max=4).optional(), ON_MATTERS.optional(),
           ).interpretation(Org.text).interpretation(Org).interpretation(Position.org)
EXTRA = or_(
    ON_MATTERS,
    rule(in_({"от", "при", "в"}), or_(PROPER, rule(and_(NOUN, gram("loct")))), DEPENDENT.optional()),
).interpretation(Position.extra)

POSITION = rule(TITLE, ORG.optional(), EXTRA.optional()).interpretation(Position)

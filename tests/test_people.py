"""People: names merged within a document, their positions, organisations and mentions."""
from __future__ import annotations

import pytest

from pipeline.nlp.ner import tag_names
from pipeline.people.names import name_cases
from pipeline.people.orgs import normalize_org, normalize_title, place_of
from pipeline.people.extract import People, extract_people
from conftest import CORPUS, doc_and_sentences


def people_in(text: str, tools) -> People:
    doc, sentences = doc_and_sentences(text, tools)
    names = tag_names([doc], [sentences], tools)[0]
    return extract_people(doc, sentences, names, tools)


CASES = [
    # sentence                                                               name                position                 organization            position_full
    ("Доклад сделала заместитель мэра Москвы Анастасия Ракова.",              "Анастасия Ракова", "заместитель мэра",     "Москва",               "заместитель мэра Москвы"),
    ("Об этом рассказал руководитель Департамента транспорта Максим Ликсутов.", "Максим Ликсутов", "руководитель",         "Департамент транспорта", "руководитель Департамента транспорта"),
    ("Встреча прошла с министром иностранных дел России Сергеем Лавровым.",   "Сергей Лавров",    "министр иностранных дел", "Россия",           "министр иностранных дел России"),
    ("Выступил президент компании Microsoft Билл Гейтс.",                     "Билл Гейтс",       "президент",            "Microsoft",            "президент компании Microsoft"),
    ("Вопрос задал депутат Госдумы Иван Петров.",                            "Иван Петров",      "депутат",              "Госдума",              "депутат Госдумы"),
    ("Так считает Сергей Иванов, глава департамента, который отвечает за это.", "Сергей Иванов",  "глава",                "департамент",          "глава департамента"),
    ("Французский президент Эммануэль Макрон прибыл в Москву.",              "Эммануэль Макрон", "президент",            "Франция",              "французский президент"),
    ("Премьер-министр Турции Реджеп Тайип Эрдоган договорился о визите.",     "Реджеп Тайип Эрдоган", "премьер-министр",  "Турция",               "премьер-министр Турции"),
    ("По словам приднестровского аналитика Романа Коноплева, это не так.",    "Роман Коноплев",   "аналитик",             "Приднестровье",        "приднестровский аналитик"),
    ("Его поддержал лидер Меджлиса крымско-татарского народа Мустафа Джемилев.", "Мустафа Джемилев", "лидер",            "Меджлис крымско-татарского народа", "лидер Меджлиса крымско-татарского народа"),
    ("Об этом сообщил Марк Тоунер, исполняющий обязанности официального представителя Госдепартамента США.",
     "Марк Тоунер", "исполняющий обязанности официального представителя", "Госдепартамент США",
     "исполняющий обязанности официального представителя Госдепартамента США"),
    ("Вчера выступил Иван Петров.",                                          "Иван Петров",      None,                   None,                   None),
]


@pytest.mark.parametrize("text, name, position, organization, position_full", CASES)
def test_position(tools, text, name, position, organization, position_full):
    got = [(p.name, p.position, p.organization, p.position_full) for p in people_in(text, tools).people]
    assert got == [(name, position, organization, position_full)]


def test_several_posts(tools):
    text = ("Андрей Санников, экс-кандидат в президенты Беларуси, бывший заместитель министра иностранных дел "
            "Беларуси, выступил с заявлением.")
    people = people_in(text, tools)
    assert [p.name for p in people.people] == ["Андрей Санников"]
    assert len(people.positions) == 2
    assert people.positions[1].position == "заместитель министра иностранных дел"
    assert people.positions[1].position_full == "бывший заместитель министра иностранных дел Беларуси"


POSTS = [
    # sentence -> every (name, position, organization) row of `positions`, in order
    # stacked before the name, with a comma or without
    ("На встрече выступил депутат городской думы, председатель комитета по транспорту Олег Смирнов.",
     [("Олег Смирнов", "депутат", "городская дума"), ("Олег Смирнов", "председатель", "комитет по транспорту")]),
    ("Пресс-секретарь губернатора полковник Андрей Козлов сообщил о проверке.",
     [("Андрей Козлов", "пресс-секретарь губернатора", None), ("Андрей Козлов", "полковник", None)]),
    # after a spaced hyphen, in brackets, after a non-title apposition, `один из`, coordinated organisations
    ("Своё мнение высказали Ольга Новикова - директор Института экономики РАН, Павел Орлов - заведующий "
     "кафедрой истории МГУ.",
     [("Ольга Новикова", "директор", "Институт экономики РАН"), ("Павел Орлов", "заведующий", "кафедра истории МГУ")]),
    ("Решение объявили Игорь Волков (главный тренер) и Сергей Лебедев (тренер вратарей).",
     [("Игорь Волков", "главный тренер", None), ("Сергей Лебедев", "тренер вратарей", None)]),
    ("Он процитировал Андрея Смирнова, известного критика, члена Союза писателей России.",
     [("Андрей Смирнов", "член", "Союз писателей России")]),
    ("Сообщение подтвердил Олег Попов, один из руководителей компании «Вектор».",
     [("Олег Попов", "руководитель", "Вектор")]),
    ("Слово дали Наталье Ивановой, члену Общественной палаты и Совета по правам человека.",
     [("Наталья Иванова", "член", "Общественная палата"), ("Наталья Иванова", "член", "Совет по правам человека")]),
    # a title in quotation marks; a plural or counted title heading a list of names
    ("Награду вручили «заслуженному тренеру России» Андрею Кузнецову.",
     [("Андрей Кузнецов", "заслуженный тренер", "Россия")]),
    ("В полуфинал прошли три кандидата: Иван Петров, Олег Сидоров и Павел Орлов.",
     [("Иван Петров", "кандидат", None), ("Олег Сидоров", "кандидат", None), ("Павел Орлов", "кандидат", None)]),
    ("Депутаты Госдумы Иван Петров и Олег Сидоров выступили.",
     [("Иван Петров", "депутат", "Госдума"), ("Олег Сидоров", "депутат", "Госдума")]),
    # organisations: quoted names, `по ...` and `при ...`, instrumental after `управляющий`, `от`, places
    ("Концерт открыл Иван Соколов, солист питерского «Пикника».", [("Иван Соколов", "солист", "Пикник")]),
    ("Об этом сообщил глава ОАО «Северсталь» Алексей Мордашов.", [("Алексей Мордашов", "глава", "Северсталь")]),
    ("Выступила глава Комиссии по делам молодёжи Анна Белова.",
     [("Анна Белова", "глава", "Комиссия по делам молодёжи")]),
    ("Руководитель пресс-службы МВД по Татарстану Анна Климова прокомментировала ситуацию.",
     [("Анна Климова", "руководитель", "пресс-служба МВД по Татарстану")]),
    ("Ему ответил управляющий банком «Восток» Пётр Ильин.", [("Пётр Ильин", "управляющий", "Восток")]),
    ("Наблюдатель от ООН Карл Шмидт доложил об итогах.", [("Карл Шмидт", "наблюдатель", "ООН")]),
    ("На вопросы ответил глава района Митино Олег Кузнецов.", [("Олег Кузнецов", "глава", "район Митино")]),
    ("Чрезвычайный и полномочный посол Франции в Польше Жан Дюпон вручил грамоты.",
     [("Жан Дюпон", "чрезвычайный и полномочный посол", "Франция")]),
    ("Министр по делам молодёжи Казахстана Ержан Ахметов открыл форум.",
     [("Ержан Ахметов", "министр по делам молодёжи", "Казахстан")]),
    ("Проект представил заместитель мэра Москвы по вопросам транспорта Иван Петров.",
     [("Иван Петров", "заместитель мэра", "Москва")]),
    # one row per post: the fuller mention of the same post wins
    ("Глава управы Иван Петров открыл сквер. Глава управы района Митино Иван Петров поблагодарил жителей.",
     [("Иван Петров", "глава", "управа района Митино")]),
    # place adjectives; evaluative adjectives are no part of a title
    ("В космос полетел первый польский космонавт Мирослав Гермашевский.",
     [("Мирослав Гермашевский", "первый космонавт", "Польша")]),
    ("Об этом рассказал подмосковный прокурор Олег Шаров.", [("Олег Шаров", "прокурор", "Подмосковье")]),
    ("Известный певец Олег Газманов выступил.", [("Олег Газманов", "певец", None)]),
    # a copula or a naming verb, with a name or a pronoun as its subject
    ("Николай Фёдоров стал министром сельского хозяйства России.",
     [("Николай Фёдоров", "министр сельского хозяйства", "Россия")]),
    ("Ирина Волкова родилась в Казани. Сейчас она является директором городского музея.",
     [("Ирина Волкова", "директор", "городской музей")]),
    ("Председателем комиссии стал Виктор Лапин.", [("Виктор Лапин", "председатель", "комиссия")]),
    ("Совет директоров назначил Максима Орлова генеральным директором компании.",
     [("Максим Орлов", "генеральный директор", "компания")]),
    # modifiers agree with the title: a participle in another case is not part of it
    ("Программу, начатую президентом Иваном Петровым, продолжат.", [("Иван Петров", "президент", None)]),
]

NOT_POSTS = [
    "Заявление распространили официальные представители Сергея Иванова.",    # the name is the title's complement
    "Советник Хосе Мурильо по вопросам образования сообщил о реформе.",      # his adviser, not him
    "Сотрудники Ивана Петрова отказались от комментариев.",                  # a plural title
    "Иван Петров сказал, что его сын является директором школы.",            # another subject
    "Вчера выступил Иван Петров.",
]


@pytest.mark.parametrize("text, rows", POSTS)
def test_posts(tools, text, rows):
    got = [(p.name, p.position, p.organization) for p in people_in(text, tools).positions]
    assert got == rows


@pytest.mark.parametrize("text", NOT_POSTS)
def test_not_a_post(tools, text):
    assert people_in(text, tools).positions == []


def test_gender_from_agreement(tools):
    people = people_in("Марин Дюпон заявила, что не согласна.", tools)
    assert people.gender(people.people[0].person_id) == "femn"


def test_merging_and_interface(tools):
    text = ("Мэр Москвы Сергей Собянин открыл станцию. Собянин отметил, что работы завершены. "
            "Вице-мэр Наталья Сергунина добавила, что она довольна.")
    people = people_in(text, tools)
    rows = {p.name: p for p in people.people}
    assert set(rows) == {"Сергей Собянин", "Наталья Сергунина"}
    mayor = rows["Сергей Собянин"]
    assert (mayor.position, mayor.organization, mayor.n_mentions) == ("мэр", "Москва", 2)
    assert people.by_title("мэр") == mayor
    assert people.at(text.index("Собянин отметил"), text.index("Собянин отметил") + 7) == mayor
    assert people.last_before(text.index("она"), "femn").name == "Наталья Сергунина"
    assert people.last_before(text.index("она"), "masc") == mayor
    assert people.gender(mayor.person_id) == "masc"
    counted = people.with_quote_counts({mayor.person_id: 2})
    assert counted.person(mayor.person_id).n_quotes == 2


def test_seed_end_to_end(tools):
    text = (CORPUS / "000_87938b6d2d0e720c.txt").read_text(encoding="utf-8")
    people = people_in(text, tools)
    got = {p.name: (p.position, p.organization, p.position_full) for p in people.people}
    assert got == {
        "Анастасия Ракова": ("заместитель мэра", "Москва", "заместитель мэра Москвы"),
        "Сергей Собянин": ("мэр", "Москва", "мэр Москвы"),
    }
    sobyanin = next(p for p in people.people if p.name == "Сергей Собянин")
    assert sobyanin.n_mentions >= 5                      # the headline `Собянин:` and four full names


ORGS = [
    ("Департамента транспорта", "Департамент транспорта"),
    ("ОАО «Северсталь»", "Северсталь"),
    ("независимой газеты «Новый вторник»", "Новый вторник"),
    ("тульского «Арсенала»", "Арсенал"),
    ("футбольного клуба Зенит", "Зенит"),
    ("Мытищ", "Мытищи"),
    ("вооружённых сил", "вооружённые силы"),
    ("бюджетно-финансового комитета", "бюджетно-финансовый комитет"),
    ("московского отделения движения «Солидарность»", "московское отделение движения «Солидарность»"),
    ("Москвы", "Москва"),
    ("управы района Отрадное", "управа района Отрадное"),
    ("партии «Яблоко»", "Яблоко"),
    ("Общественной палаты", "Общественная палата"),
    ("NASA", "NASA"),
]


@pytest.mark.parametrize("org, nominative", ORGS)
def test_normalize_org(org, nominative):
    assert normalize_org(org) == nominative


TITLES = [
    ("заместителя Мэра", ("заместитель мэра", None)),
    ("французского президента", ("президент", "Франция")),
    ("российского министра", ("министр", "Россия")),
    ("народного депутата", ("народный депутат", None)),
    ("главу", ("глава", None)),
    ("вице-губернатора", ("вице-губернатор", None)),
    ("первому президенту", ("первый президент", None)),
    ("известного певца", ("певец", None)),
    ("бывшего министра", ("министр", None)),
    ("уличных художников", ("уличный художник", None)),
    ("первого польского космонавта", ("первый космонавт", "Польша")),
]


@pytest.mark.parametrize("title, expected", TITLES)
def test_normalize_title(title, expected):
    assert normalize_title(title) == expected


@pytest.mark.parametrize("adjective, place", [("московский", "Москва"), ("тбилисский", "Тбилиси"),
                                              ("британский", "Британия"), ("подмосковный", "Подмосковье"),
                                              ("классический", None), ("хороший", None)])
def test_place_of(adjective, place):
    assert place_of(adjective) == place


NAME_CASES = [
    (("Сергеем", "Лавровым"), {"ablt"}),
    (("Анастасии", "Раковой"), {"gent", "datv", "loct"}),
    (("Путина",), {"gent", "accs", "nomn"}),
    (("Хосе", "Мурильо"), {"nomn", "gent", "datv", "accs", "ablt", "loct"}),   # indeclinable
]


@pytest.mark.parametrize("words, cases", NAME_CASES)
def test_name_cases(words, cases):
    assert name_cases(words) == cases


# A lone surname or initials + surname whose form is ambiguous (`Воронцова`: feminine nominative or
# masculine genitive) joins the person the document names in full.
SURNAME_MERGES = [
    # text                                                                                   names, mentions
    ("Глава департамента Илья Воронцов открыл ярмарку. По словам Воронцова, цены снизились.", {"Илья Воронцов": 2}),
    ("Вера Николаевна Соколова возглавила управу. Как рассказала В. Н. Соколова, ремонт завершён.",
     {"Вера Николаевна Соколова": 2}),
    ("Ирина Смирнова открыла школу. По словам Смирновой, классов стало больше.", {"Ирина Смирнова": 2}),
    ("Петр Смирнов и Ирина Смирнова открыли школу. По словам Смирновой, классов стало больше.",
     {"Петр Смирнов": 1, "Ирина Смирнова": 2}),
]


@pytest.mark.parametrize("text, expected", SURNAME_MERGES, ids=[row[0][:40] for row in SURNAME_MERGES])
def test_lone_surname_merges(tools, text, expected):
    assert {p.name: p.n_mentions for p in people_in(text, tools).people} == expected


def test_named_tokens_map_each_token_inside_a_name_to_its_person(tools):
    from pipeline.people.mentions import Cluster, NameMention, named_tokens
    from pipeline.people.names import Name

    text = "Мэр Москвы Сергей Собянин и Анастасия Ракова открыли центр."
    _, sentences = doc_and_sentences(text, tools)

    def mention(words: str) -> NameMention:
        start = text.index(words)
        return NameMention(start, start + len(words), Name(None, None, words.split()[-1], None), tuple(words.split()))
    sobyanin, rakova = Cluster([mention("Сергей Собянин")]), Cluster([mention("Анастасия Ракова")])
    overlapping = Cluster([mention("Собянин и Анастасия")])     # starts later: the earlier mention keeps its tokens
    named = named_tokens(sentences, [sobyanin, rakova, overlapping])
    assert {text[s:text.index(" ", s)]: i for s, i in named.items()} == {
        "Сергей": 0, "Собянин": 0, "и": 2, "Анастасия": 2, "Ракова": 1}

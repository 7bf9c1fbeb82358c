"""The within-case linking rules added for generated-scenario recall (issue #6), each on a
small hand-written statement in Azerbaijani, Russian or English; each test fails without
its rule."""

from ingest.resolve.coref import Span, link_statement, name_fits
from ingest.resolve.mentions import StatementInput, mention_records
from ingest.resolve.names import parse_name


def _spans(text, names, prefix="p"):
    out, pos = [], 0
    for n, name in enumerate(names):
        start = text.index(name, pos)
        out.append(Span(f"{prefix}{n}", start, start + len(name), name))
        pos = start + len(name)
    return out


def _phone(text, value, clean, vid):
    start = text.index(value)
    return Span(vid, start, start + len(value), value, "phone", clean)


def _statements(case, texts_and_names, phone=None, clean=None):
    out = []
    for n, (text, names) in enumerate(texts_and_names):
        values = [_phone(text, phone, clean, f"v{n}")] if phone and phone in text else []
        out.append(StatementInput(f"s{n}", case, text, _spans(text, names, f"m{n}-"), values))
    return out


# --- parsing -----------------------------------------------------------------------------------


def test_russian_declined_name_with_an_undeclined_fathers_name_is_parsed():
    """"Камран оглы" does not decline and "Али" never does: the instrumental surname alone
    says the case, so the words are read as Mustafayev Ali, father Kamran."""
    n = parse_name("Мустафаевым Али Камран оглы")
    m = parse_name("Mustafayev Əli")
    assert (n.surname_key, n.given_key) == (m.surname_key, m.given_key)
    assert n.patronymic_key == parse_name("Kamran").given_key and n.gender == "m"
    r = parse_name("Ахмедовым Руфатом Рашад оглы")
    assert (r.surname_key, r.given_key) == (parse_name("Əhmədov Rüfət").surname_key,
                                             parse_name("Rüfət").given_key)


def test_a_misspelt_surname_that_lost_its_ending_is_still_the_surname():
    n = parse_name("Novruzvo Vugar Farid oglu")
    assert n.given_key == parse_name("Vüqar").given_key
    assert n.surname_key.startswith("nOvrUz")
    assert parse_name("Xəyal Eyvazvo").given_key == parse_name("Xəyal").given_key


def test_an_azerbaijani_ending_leaves_a_listed_name_rather_than_an_unknown_stem():
    """"Aygünün" is Aygün + ün (after a consonant), not an unlisted "Aygü" + nün; a name that
    ends in a vowel still takes the buffered ending ("Zəhranın" -> Zəhra)."""
    assert parse_name("Süleymanova Aygünün").given_key == parse_name("Aygün").given_key
    assert parse_name("Aygünün").given_key == parse_name("Айгюн").given_key
    assert parse_name("Rəhimova Zəhranın").given_key == parse_name("Zəhra").given_key


# --- one statement -------------------------------------------------------------------------------


def test_a_given_name_is_not_a_shorter_surname():
    """"Əli" is no form of "Алиева": it fits Quliyev Əli only, and joins him."""
    assert name_fits(parse_name("Əli"), parse_name("Алиева Гюнай")) is None
    text = ("Quliyev Əli Rauf oğlu və Əliyeva Günay maşında idilər. Sonra Əli məni "
            "Tbilisiyə apardı.")
    persons = _spans(text, ["Quliyev Əli Rauf oğlu", "Əliyeva Günay", "Əli"])
    group = link_statement(text, persons).group_of()
    assert group["p2"] == group["p0"] != group["p1"]


def test_a_given_name_goes_to_the_person_named_last_before_it():
    text = ("Quliyev Əli məni işə götürdü. Sonra Həsənov Əli Tofiq oğlu məni sərhədə apardı. "
            "Əli yolda pasportumu aldı.")
    persons = _spans(text, ["Quliyev Əli", "Həsənov Əli Tofiq oğlu", "Əli"])
    links = link_statement(text, persons)
    group = links.group_of()
    assert group["p2"] == group["p1"] != group["p0"]
    assert "named last before it" in links.reasons["p2"]
    # both named in the sentence before: either could be meant
    both = "Quliyev Əli və Həsənov Əli gəldilər. Əli pul istədi."
    group = link_statement(both, _spans(both, ["Quliyev Əli", "Həsənov Əli", "Əli"])).group_of()
    assert len({group["p0"], group["p1"], group["p2"]}) == 3
    # named long before: not a discourse antecedent any more
    far = ("Quliyev Əli məni işə götürdü. Həsənov Əli sərhədə apardı. Orada gözlədik. "
           "Sonra avtobusla getdik. Əli pul istədi.")
    group = link_statement(far, _spans(far, ["Quliyev Əli", "Həsənov Əli", "Əli"])).group_of()
    assert group["p2"] == "p2"


def test_a_given_name_is_not_the_last_one_named_when_another_was_named_just_before():
    """"Arzu Quliyeva gave me Arzu Səfərova's number. We gave Səfərova Arzu money to find Arzu
    a job": Quliyeva was named in the sentence before, so the last "Arzu" may be either."""
    text = ("Arzu Səfərovanın telefon nömrəsini Arzu Quliyeva mənə vermişdi. "
            "Biz Səfərova Arzuya pul verdik ki, Arzunu işə düzəltsin.")
    persons = _spans(text, ["Arzu Səfərovanın", "Arzu Quliyeva", "Səfərova Arzuya", "Arzunu"])
    links = link_statement(text, persons)
    group = links.group_of()
    assert group["p2"] == group["p0"] != group["p1"]
    assert group["p3"] == "p3"
    assert links.reasons["p3"] == "fits several persons here: left apart"


def test_a_listed_nickname_is_not_a_given_name_that_sounds_like_it():
    """"Lələ" (a nickname, "nanny") and "Lalə" are two words in Azerbaijani: "Lələ" is not
    Hüseynova Lalə of the statement nor of the case; "Lalə" and "Laləni" still are."""
    assert name_fits(parse_name("Lələ"), parse_name("Hüseynova Lalə")) is None
    assert name_fits(parse_name("Laləni"), parse_name("Hüseynova Lalə")) == "given name of"
    text = "Hüseynova Lalə məni Lələ ilə tanış etdi. Sonra Lalə pasportumu aldı."
    group = link_statement(text, _spans(text, ["Hüseynova Lalə", "Lələ", "Lalə"])).group_of()
    assert group["p2"] == group["p0"] != group["p1"]
    out = mention_records(_statements("C1", [
        ("Hüseynova Lalə məni qəbul etdi.", ["Hüseynova Lalə"]),
        ("Lələ mənə zəng etdi.", ["Lələ"])]))
    assert out.record_of["m0-0"] != out.record_of["m1-0"]


def test_a_header_official_known_by_an_initial_is_not_a_person_of_the_account():
    text = ("Polis kapitanı Hüseynov Z. dindirmə aparmışdır.\n"
            "Mən, Məmmədova Aysel Ceyhun qızı, 1992-ci il anadan olmuşam.\n"
            "Zümrüd Hüseynova mənə pul vermirdi. Hüseynov Zaur gəldi.")
    persons = _spans(text, ["Hüseynov Z.", "Məmmədova Aysel Ceyhun qızı", "Zümrüd Hüseynova",
                            "Hüseynov Zaur"])
    group = link_statement(text, persons).group_of()
    assert group["p2"] != group["p0"]
    assert group["p3"] != group["p0"]  # only the initial in common: not the officer either
    named = ("Polis kapitanı Hüseynov Zaur dindirmə aparmışdır.\n"
             "Mən, Məmmədova Aysel Ceyhun qızı, 1992-ci il anadan olmuşam.\n"
             "Zaur Hüseynov mənə sənədləri göstərdi.")
    group = link_statement(named, _spans(named, ["Hüseynov Zaur", "Məmmədova Aysel Ceyhun qızı",
                                                 "Zaur Hüseynov"])).group_of()
    assert group["p2"] == group["p0"]  # the officer's full name still joins him


def test_a_second_initial_is_the_fathers_name():
    text = "Гуссейнов Хаял Ниджат оглы приехал. Гусеинов Х.Т. ждал. Гусеинов Х.Н. уехал."
    persons = _spans(text, ["Гуссейнов Хаял Ниджат оглы", "Гусеинов Х.Т.", "Гусеинов Х.Н."])
    group = link_statement(text, persons).group_of()
    assert group["p2"] == group["p0"] != group["p1"]


# --- one case --------------------------------------------------------------------------------


def test_one_letter_slips_in_one_name_word_join_in_a_case_but_not_two_listed_surnames():
    linked = mention_records(_statements("C-1", [
        ("Sadıqov Rauf məni işə götürdü.", ["Sadıqov Rauf"]),
        ("Rauf Sadkyhov pul aldı.", ["Rauf Sadkyhov"]),
        ("Hüseynov Elşən sərhəddə idi.", ["Hüseynov Elşən"]),
        ("Guseynov Elsen drove the car.", ["Guseynov Elsen"]),
        ("Vəliyev Tofiq pasport verdi.", ["Vəliyev Tofiq"]),
        ("Əliyev Tofiq Bakıda idi.", ["Əliyev Tofiq"]),
    ]))
    rec = linked.record_of
    assert rec["m0-0"] == rec["m1-0"]  # surname slip, same given name
    assert "surname one letter from" in linked.reasons["m1-0"] + linked.reasons["m0-0"]
    assert rec["m2-0"] == rec["m3-0"]  # given-name slip, same surname
    assert rec["m4-0"] != rec["m5-0"]  # Vəliyev and Əliyev are two families


def test_a_russian_declined_name_joins_its_azerbaijani_spelling_in_the_case():
    linked = mention_records(_statements("C-2", [
        ("Я поехал с Мустафаевым Али Камран оглы в Тбилиси.", ["Мустафаевым Али Камран оглы"]),
        ("Mustafayev Əli məni sərhədə apardı.", ["Mustafayev Əli"]),
    ]))
    assert linked.record_of["m0-0"] == linked.record_of["m1-0"]


def test_the_same_nickname_in_two_statements_of_a_case_goes_to_review():
    """Two members of one network may share a common nickname ("Xala", "Bığ", "Kürd"): the
    same nickname in two statements, with nothing else in common, is a reviewer's call, as
    two bare given names are; within one statement it is one person."""
    linked = mention_records(_statements("C-3", [
        ("Bacı məni qəbul etdi. Bacıya pul verdim.", ["Bacı", "Bacıya"]),
        ("Баджы позвонила мне.", ["Баджы"]),
        ("Elvin gəldi.", ["Elvin"]),
        ("Elvin getdi.", ["Elvin"]),
    ]))
    rec = linked.record_of
    assert rec["m0-0"] == rec["m0-1"] != rec["m1-0"]
    queued = [why for a, b, why in linked.review if {a, b} == {rec["m0-0"], rec["m1-0"]}]
    assert queued and "the same nickname" in queued[0]
    assert rec["m2-0"] != rec["m3-0"]  # two bare given names: still a reviewer's call
    assert any({a, b} == {rec["m2-0"], rec["m3-0"]} for a, b, _ in linked.review)


def test_a_nickname_tied_to_a_named_person_by_a_phone_puts_its_other_uses_in_review():
    """Two members of a group may share a nickname: "Bacı" in a third statement goes to a
    reviewer next to the person the phone showed to be Bacı, not into them."""
    phone, clean = "0505140129", "+994505140129"
    linked = mention_records(_statements("C-4", [
        ("Bacı mənə 0505140129 nömrəli telefondan zəng edirdi.", ["Bacı"]),
        ("0505140129 nömrəsindən zəng gəldi, danışan İsmayılova Mələk idi.", ["İsmayılova Mələk"]),
        ("Bacıya pul verdim.", ["Bacıya"]),
    ], phone, clean))
    rec = linked.record_of
    assert rec["m0-0"] == rec["m1-0"]  # the shared phone
    assert rec["m2-0"] != rec["m1-0"]
    queued = [why for a, b, why in linked.review if {a, b} == {rec["m1-0"], rec["m2-0"]}]
    assert queued and "nickname" in queued[0]


def test_two_spellings_in_one_statement_are_two_people_of_that_name():
    """A statement spells one person one way: "Gasanova Sabnam" and "Shabnam Hasanova" left
    apart in one statement are two people, so a bare "Hasanova Shabnam" elsewhere in the case
    is for a reviewer, not joined by the one-letter slip."""
    linked = mention_records(_statements("C-5", [
        ("Gasanova Sabnam took my passport. Shabnam Hasanova kept the money.",
         ["Gasanova Sabnam", "Shabnam Hasanova"]),
        ("Hasanova Shabnam called me.", ["Hasanova Shabnam"]),
    ]))
    rec = linked.record_of
    assert rec["m0-0"] != rec["m0-1"]
    assert rec["m1-0"] not in (rec["m0-0"], rec["m0-1"])
    assert any("two people of that name" in why for _, _, why in linked.review)
    alone = mention_records(_statements("C-6", [
        ("Gasanova Sabnam took my passport.", ["Gasanova Sabnam"]),
        ("Hasanova Shabnam called me.", ["Hasanova Shabnam"]),
    ]))
    assert alone.record_of["m0-0"] == alone.record_of["m1-0"]  # the slip alone joins


def test_a_surname_with_initials_and_a_slip_joins_the_only_full_name_it_fits():
    linked = mention_records(_statements("C-7", [
        ("Novruzov Vüqar Fərid oğlu pasport verdi.", ["Novruzov Vüqar Fərid oğlu"]),
        ("Novruzvo V. mənə zəng etdi.", ["Novruzvo V."]),
        ("Vəliyev R. Bakıda idi. Əliyev Rauf gəldi.", ["Vəliyev R.", "Əliyev Rauf"]),
    ]))
    rec = linked.record_of
    assert rec["m1-0"] == rec["m0-0"]
    assert "surname one letter from" in linked.reasons["m1-0"]
    assert rec["m2-0"] != rec["m2-1"]  # two listed surnames: two families


# --- phones: whose number it is ------------------------------------------------------------------


def _phone_owner(text, names, phone):
    persons = _spans(text, names)
    links = link_statement(text, persons, [_phone(text, phone, "+994557134123", "v")])
    owner = next(h for h, ph in links.phones.items() if "+994557134123" in ph)
    return next(p.text for p in persons if p.id == owner)


def test_the_caller_named_after_the_number_owns_it_not_the_person_named_before():
    """"While I was with Vüqar a call came from N, the one speaking was Vüqar Abdullayev":
    the number is the caller's, not the host's."""
    text = ("Mən, Əliyeva Günay, danışıram.\n2023 Vüqarın yanında olarkən +994557134123 "
            "nömrəsindən zəng gəldi, danışan Elşən Abdullayev idi.")
    assert _phone_owner(text, ["Əliyeva Günay", "Vüqarın", "Elşən Abdullayev"],
                        "+994557134123") == "Elşən Abdullayev"
    ru = ("Я, Алиева Гюнай, показываю.\n5 мая, когда я была рядом с Вугаром, поступил звонок с "
          "номера +994557134123, звонил Эльшан Абдуллаев.")
    assert _phone_owner(ru, ["Алиева Гюнай", "Вугаром", "Эльшан Абдуллаев"],
                        "+994557134123") == "Эльшан Абдуллаев"


def test_the_owner_in_a_possessive_owns_the_number_not_who_gave_it():
    """"X-in telefon nömrəsini V mənə vermişdi: N": the number is X's."""
    text = ("Mən, Əliyeva Günay, danışıram.\nElşən Abdullayevin telefon nömrəsini Vüqar mənə "
            "vermişdi: +994557134123.")
    assert _phone_owner(text, ["Əliyeva Günay", "Elşən Abdullayevin", "Vüqar"],
                        "+994557134123") == "Elşən Abdullayevin"
    ru = ("Я, Алиева Гюнай, показываю.\nНомер телефона Эльшана Абдуллаева мне дал Вугар: "
          "+994557134123.")
    assert _phone_owner(ru, ["Алиева Гюнай", "Эльшана Абдуллаева", "Вугар"],
                        "+994557134123") == "Эльшана Абдуллаева"


# --- genders and officials -----------------------------------------------------------------------


def test_a_russian_masculine_surname_is_not_a_woman_of_the_case():
    """"Ахмедов Н.Ф." is a man: it does not fit "Nigar Əhmədova" (a Russian "-ова", which may
    be a man's genitive, is still no evidence against a man)."""
    assert name_fits(parse_name("Ахмедов Н.Ф."), parse_name("Əhmədova Nigar Fuad qızı")) is None
    assert name_fits(parse_name("Ахмедов Н.Ф."), parse_name("Əhmədov Nicat Fuad oğlu"))
    texts = [("Mən, Quliyeva Leyla, danışıram.\nƏhmədova Nigar Fuad qızı pasportumu aldı.",
              ["Quliyeva Leyla", "Əhmədova Nigar Fuad qızı"]),
             ("Я, Алиева Гюнай, показываю.\nАхмедов Н.Ф. отвёз нас в аэропорт.",
              ["Алиева Гюнай", "Ахмедов Н.Ф."])]
    out = mention_records(_statements("C1", texts))
    assert out.record_of["m0-1"] != out.record_of["m1-1"]


def test_a_given_name_of_the_account_does_not_join_the_protocols_official():
    """The investigator named in the header ("Dindirmə Fuad Məmmədov tərəfindən aparılmışdır")
    is not the "Fuad" of a statement's account, even as the only Fuad of the case."""
    header = ("Dindirmə Fuad Məmmədov tərəfindən aparılmışdır.\n\nMən, Quliyeva Leyla, "
              "danışıram.\nRüfət mənə zəng etdi.")
    account = "Mən, Əliyeva Günay, danışıram.\nFuad deyirdi ki, borcluyam."
    texts = [(header, ["Fuad Məmmədov", "Quliyeva Leyla", "Rüfət"]),
             (account, ["Əliyeva Günay", "Fuad"])]
    out = mention_records(_statements("C1", texts))
    assert out.record_of["m0-0"] != out.record_of["m1-1"]
    # the same full name in the account of another statement is a person of the case: joined
    named = "Mən, Əliyeva Günay, danışıram.\nFuad Məmmədov mənə zəng etdi. Fuad pul istədi."
    out = mention_records(_statements("C1", [(named, ["Əliyeva Günay", "Fuad Məmmədov", "Fuad"]),
                                             (account.replace("Əliyeva Günay", "Rzayeva Aytən"),
                                              ["Rzayeva Aytən", "Fuad"])]))
    assert out.record_of["m0-1"] == out.record_of["m1-1"]


# --- two people of one name, forward references ------------------------------------------------


def test_one_given_name_twice_in_one_clause_is_two_people_who_join_no_one_by_name():
    """"Заур увёз Заура": someone driving themself would be "себя"; the statement names two
    Zaurs, so neither its "Заур" nor its "Заура" is the case's only Zaur by name alone."""
    texts = [("Я, Алиева Гюнай, показываю.\nЗаур Керимов звонил мне.",
              ["Алиева Гюнай", "Заур Керимов"]),
             ("Я, Рзаева Айтен, показываю.\nС Зауром я знакома. Заур увёз Заура в Тбилиси.",
              ["Рзаева Айтен", "Зауром", "Заур", "Заура"])]
    out = mention_records(_statements("C1", texts))
    kerimov = out.record_of["m0-1"]
    assert kerimov not in {out.record_of[m] for m in ("m1-1", "m1-2", "m1-3")}
    assert out.record_of["m1-2"] != out.record_of["m1-3"]
    az = "Mən, Rzayeva Aytən, danışıram.\nZaur Zauru Tbilisiyə apardı."
    links = link_statement(az, _spans(az, ["Rzayeva Aytən", "Zaur", "Zauru"]))
    assert len(links.groups) == 3
    # a name repeated in two clauses is the same person, as before
    one = "Я, Рзаева Айтен, показываю.\nЗаур позвонил, и Заура я встретила в Баку."
    links = link_statement(one, _spans(one, ["Рзаева Айтен", "Заур", "Заура"]))
    assert len(links.groups) == 2


def test_a_date_between_one_given_name_twice_leaves_them_in_one_clause():
    """"Orxanın xahişi ilə 10.11.2020 Orxanın adına pasport hazırladım" (at Orxan's request
    I made a passport in Orxan's name): the date is part of the clause, so the two are two
    Orxans; a passport in the requester's own name would be "öz adına"."""
    az = ("Mən, Əliyev Ramil, danışıram.\nOrxanın xahişi ilə 10.11.2020 Orxanın adına "
          "pasport hazırladım.")
    links = link_statement(az, _spans(az, ["Əliyev Ramil", "Orxanın", "Orxanın"]))
    assert len(links.groups) == 3 and links.ambiguous
    ru = "Я, Алиев Рамиль, показываю.\nЗаур 5 мая 2021 г. увёз Заура в Тбилиси."
    links = link_statement(ru, _spans(ru, ["Алиев Рамиль", "Заур", "Заура"]))
    assert len(links.groups) == 3


def test_a_given_name_before_the_full_name_is_left_to_the_case():
    """"we gave Fuad money ... Valliyev Fuad saw him off": a forward reference is no link
    within the statement; the case has two Fuads, so the first "Fuad" stays apart, and in a
    case with one Fuad it joins him."""
    witness = ("I, Safarov Ilgar, state the following:\nOn 5 May we gave Fuad AZN 2,600. "
               "On June 8 Valliyev Fuad saw him off.")
    names = ["Safarov Ilgar", "Fuad", "Valliyev Fuad"]
    other = ("I, Aliyeva Gunay, state the following:\nHajiyev Fuad and Valiyev Fuad met me.",
             ["Aliyeva Gunay", "Hajiyev Fuad", "Valiyev Fuad"])
    out = mention_records(_statements("C1", [(witness, names), other]))
    assert out.record_of["m0-1"] != out.record_of["m0-2"]
    out = mention_records(_statements("C1", [(witness, names)]))
    assert out.record_of["m0-1"] == out.record_of["m0-2"]


def test_a_slip_in_both_words_does_not_stand_against_a_shared_phone():
    """"Шабнам Велиева" and "Veileva Sabnam" (a slip in each word) are not one name on their
    own, but with one phone number they are one person; two listed surnames ("Vəliyev",
    "Əliyev") stay two families even with a shared phone."""
    texts = [("Я, Алиева Гюнай, показываю.\nШабнам Велиева звонила мне с номера 0 99 634 86 21.",
              ["Алиева Гюнай", "Шабнам Велиева"]),
             ("Mən, Rzayeva Aytən, danışıram.\nVeileva Sabnam 0 99 634 86 21 nömrəsindən zəng etdi.",
              ["Rzayeva Aytən", "Veileva Sabnam"])]
    out = mention_records(_statements("C1", texts, "0 99 634 86 21", "+994996348621"))
    assert out.record_of["m0-1"] == out.record_of["m1-1"]
    texts = [("Mən, Rzayeva Aytən, danışıram.\nVəliyev Elşən 050 111 22 33 nömrəsindən zəng etdi.",
              ["Rzayeva Aytən", "Vəliyev Elşən"]),
             ("Mən, Quliyeva Leyla, danışıram.\nƏliyev Elsen 050 111 22 33 nömrəsindən zəng etdi.",
              ["Quliyeva Leyla", "Əliyev Elsen"])]
    out = mention_records(_statements("C1", texts, "050 111 22 33", "+994501112233"))
    assert out.record_of["m0-1"] != out.record_of["m1-1"]


def test_a_speaker_who_says_they_were_confused_with_someone_joins_no_one_by_name():
    """"I have been confused with someone else" / "Меня перепутали с другим человеком" /
    "... adlı şəxsi tanımıram, mənim adaşım ola bilər": the speaker contests being the
    person the case names, so their name alone joins them to no one of the case (a reviewer
    decides), and a short name of the accounts is not theirs either; without such words the
    speaker joins the only person of the case they fit, as before."""
    account = ("I, Kerimova Gulnara, state the following:\nOn 28 September Hajiyev Emin gave "
               "me a new passport. Emin took me to Tbilisi.",
               ["Kerimova Gulnara", "Hajiyev Emin", "Emin"])
    for denial in ("I have been confused with someone else. On January 13 I was at work.",
                   "Меня перепутали с другим человеком. 13 января я был на работе.",
                   "Hacıyev Emin adlı şəxsi tanımıram, mənim adaşım ola bilər.",
                   "I do not know the persons named; on 13 January I was in Masalli."):
        speaker = (f"I, Gadzhiev Emin Cavid oglu, born on 21.12.1962, state:\n{denial}",
                   ["Gadzhiev Emin Cavid oglu"])
        later = ("I, Aliyev Samir, state the following:\nEmin met us at the border.",
                 ["Aliyev Samir", "Emin"])
        out = mention_records(_statements("C1", [account, speaker, later]))
        assert out.record_of["m1-0"] != out.record_of["m0-1"], denial
        assert out.record_of["m2-1"] == out.record_of["m0-1"], denial
        assert any("not the person the case names" in why for *_, why in out.review)
    speaker = ("I, Gadzhiev Emin Cavid oglu, born on 21.12.1962, state:\nI took her to Tbilisi.",
               ["Gadzhiev Emin Cavid oglu"])
    out = mention_records(_statements("C1", [account, speaker]))
    assert out.record_of["m1-0"] == out.record_of["m0-1"]

"""Statement extraction: exact spans and values on hand-written sentences in az, ru and en."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ingest.extract import Mention, detect_language, extract
from intel.cli import app


def found(text: str, lang: str | None = None) -> dict[tuple[str, str], Mention]:
    mentions = extract(text, lang)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return {(m.type, m.text): m for m in mentions}


def value_of(text: str, type_: str, span: str, lang: str | None = None) -> str:
    got = found(text, lang)
    assert (type_, span) in got, f"{type_} {span!r} not in {sorted(got)}"
    m = got[(type_, span)]
    assert m.start == text.index(span)
    return m.value


# --- language --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,lang",
    [
        ("Mən onunla Bakıda tanış oldum və o mənə iş təklif etdi.", "az"),
        ("Я познакомилась с ним в Баку, он предложил работу.", "ru"),
        ("I met him in Baku and he offered me a job in Dubai.", "en"),
        ("He said Məmmədov would meet us at the airport and take the passports.", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# --- persons ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,parts",
    [
        ("Məmmədov Rəşad Əli oğlu məni Bakıdan apardı.", "Məmmədov Rəşad Əli oğlu",
         {"surname": "Məmmədov", "given": "Rəşad", "patronymic": "Əli oğlu"}),
        ("Həsənova Leyla Vüqar qızı ilə tanış oldum.", "Həsənova Leyla Vüqar qızı",
         {"surname": "Həsənova", "given": "Leyla", "patronymic": "Vüqar qızı"}),
        ("Мамедов Рашад Рауф оглы встретил нас.", "Мамедов Рашад Рауф оглы",
         {"surname": "Мамедов", "given": "Рашад", "patronymic": "Рауф оглы"}),
        ("Гусейнова Айгюн Рауфовна подписала договор.", "Гусейнова Айгюн Рауфовна",
         {"surname": "Гусейнова", "given": "Айгюн", "patronymic": "Рауфовна"}),
        ("Then Rashad Ali oglu Mammadov took our passports.", "Rashad Ali oglu Mammadov",
         {"surname": "Mammadov", "given": "Rashad", "patronymic": "Ali oglu"}),
        ("Я разговаривала с Мамедовым Эльчином по телефону.", "Мамедовым Эльчином",
         {"surname": "Мамедовым", "given": "Эльчином"}),
    ],
)
def test_person_full_names_with_patronymic(text, span, parts):
    got = found(text)
    assert ("person", span) in got, sorted(got)
    assert {k: v for k, v in got[("person", span)].parts.items() if k in parts} == parts


@pytest.mark.parametrize(
    "text,span",
    [
        ("Protokolu Həsənov R. imzaladı.", "Həsənov R."),
        ("Документы забрал Мамедов Р.Р. в тот же день.", "Мамедов Р.Р."),
        ("The contract was signed by Guliyev T. in Baku.", "Guliyev T."),
    ],
)
def test_person_initials(text, span):
    assert ("person", span) in found(text)


@pytest.mark.parametrize(
    "text,span,key",
    [
        ("Rəşad adlı bir kişi mənə zəng etdi.", "Rəşad", "given"),
        ("Потом пришёл мужчина по имени Рашад.", "Рашад", "given"),
        ("A man called Rashad met us at the station.", "Rashad", "given"),
        ('Onu hamı "Qara" ləqəbi ilə tanıyırdı, ləqəbi "Qara" idi.', "Qara", "nickname"),
        ("Главного звали по кличке «Шейтан».", "Шейтан", "nickname"),
        ('The driver, nicknamed "Dayi", kept the keys.', "Dayi", "nickname"),
    ],
)
def test_person_first_name_or_nickname_after_cue(text, span, key):
    got = found(text)
    assert ("person", span) in got, sorted(got)
    assert key in got[("person", span)].parts


def test_person_not_found_in_plain_words():
    got = found("Sonra biz evə qayıtdıq və heç kimə heç nə demədik.")
    assert not [k for k in got if k[0] == "person"]


# --- phones ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw,e164",
    [
        ("+994 50 123 45 67", "+994501234567"),
        ("0501234567", "+994501234567"),
        ("(050) 123-45-67", "+994501234567"),
        ("994501234567", "+994501234567"),
        ("050-123-45-67", "+994501234567"),
        ("(+994) 55 234 56 78", "+994552345678"),
        ("+7 916 123-45-67", "+79161234567"),
        ("8 (916) 123-45-67", "+79161234567"),
        ("+995 555 12 34 56", "+995555123456"),
        ("+90 532 123 45 67", "+905321234567"),
    ],
)
def test_phone_formats(raw, e164):
    text = f"Onun nömrəsi {raw} idi."
    assert value_of(text, "phone", raw) == e164


# --- documents -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Pasportu C01234567 idi.", "C01234567", "C01234567"),
        ("Köhnə pasport AZE 12345678 onda qaldı.", "AZE 12345678", "AZE12345678"),
        ("Şəxsiyyət vəsiqəsi AA1234567 itib.", "AA1234567", "AA1234567"),
        ("паспорт 45 12 345678 выдан в Москве", "45 12 345678", "4512345678"),
        ("passport aze12345678 was taken", "aze12345678", "AZE12345678"),
    ],
)
def test_documents(text, span, value):
    assert value_of(text, "document", span) == value


# --- dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,iso",
    [
        ("12 mart 2023 tarixində getdik.", "12 mart 2023", "2023-03-12"),
        ("Мы выехали 12 марта 2023 г. утром.", "12 марта 2023 г.", "2023-03-12"),
        ("Мы выехали 1 сентября 2022 года.", "1 сентября 2022 года", "2022-09-01"),
        ("We left on 12 March 2023.", "12 March 2023", "2023-03-12"),
        ("We left on March 12, 2023 at night.", "March 12, 2023", "2023-03-12"),
        ("Tarix: 12.03.2023.", "12.03.2023", "2023-03-12"),
        ("Date 2023-03-12 recorded.", "2023-03-12", "2023-03-12"),
    ],
)
def test_dates(text, span, iso):
    assert value_of(text, "date", span) == iso


def test_impossible_date_is_not_reported():
    assert not [k for k in found("Tarix 31.02.2023 yazılıb.") if k[0] == "date"]


# --- money -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Ona 500 manat verdim.", "500 manat", "500.00 AZN"),
        ("Он взял 1 500 долларов.", "1 500 долларов", "1500.00 USD"),
        ("He paid $1,500 in cash.", "$1,500", "1500.00 USD"),
        ("Заплатили 2000 евро.", "2000 евро", "2000.00 EUR"),
        ("Borc 3000 avro idi.", "3000 avro", "3000.00 EUR"),
        ("Долг 10 000 руб. за дорогу.", "10 000 руб.", "10000.00 RUB"),
        ("Bilet 12,50 AZN idi.", "12,50 AZN", "12.50 AZN"),
        ("Cost €200 per week.", "€200", "200.00 EUR"),
        ("Ona 300 rubl verdilər.", "300 rubl", "300.00 RUB"),
    ],
)
def test_money(text, span, value):
    assert value_of(text, "money", span) == value


# --- places ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Məni Bakıya gətirdilər.", "Bakıya", "Baku"),
        ("Bakıdan Dubaya uçduq.", "Bakıdan", "Baku"),
        ("Bakıdan Dubaya uçduq.", "Dubaya", "Dubai"),
        ("Мы жили в Дубае два месяца.", "Дубае", "Dubai"),
        ("Нас привезли в Баку.", "Баку", "Baku"),
        ("Потом в Москву.", "Москву", "Moscow"),
        ("Qırmızı Körpü keçid məntəqəsindən keçdik.", "Qırmızı Körpü", "Red Bridge"),
        ("Через Красный мост в Грузию.", "Красный мост", "Red Bridge"),
        ("Через Красный мост в Грузию.", "Грузию", "Georgia"),
        ("We crossed at Red Bridge into Georgia.", "Red Bridge", "Red Bridge"),
        ("Samur sərhəd məntəqəsi", "Samur", "Samur"),
        ("We flew from Heydar Aliyev International Airport.", "Heydar Aliyev International Airport",
         "Heydar Aliyev International Airport"),
        ("Sonra Türkiyəyə getdik.", "Türkiyəyə", "Turkiye"),
        ("Sumqayıtda yaşayırdım.", "Sumqayıtda", "Sumgait"),
    ],
)
def test_places_with_case_endings(text, span, value):
    assert value_of(text, "place", span) == value


# --- organisations and plates -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span",
    [
        ("O, Sahil Turizm MMC-də işləyirdi, Sahil Turizm MMC adlı firmada.", "Sahil Turizm MMC"),
        ("Работала в ООО «Каспий Тур» администратором.", "ООО «Каспий Тур»"),
        ("Нас отправило брачное агентство «Лотос» из Баку.", "брачное агентство «Лотос»"),
        ("She worked for Caspian Travel LLC in Dubai.", "Caspian Travel LLC"),
        ("Xəzər nikah agentliyi bizi aldatdı.", "Xəzər nikah agentliyi"),
    ],
)
def test_organizations(text, span):
    assert ("organization", span) in found(text)


@pytest.mark.parametrize(
    "raw,value", [("10-AB-123", "10-AB-123"), ("90 RR 456", "90-RR-456"), ("77XY321", "77-XY-321")]
)
def test_plates(raw, value):
    assert value_of(f"Maşının nömrəsi {raw} idi.", "plate", raw) == value


# --- a whole statement -----------------------------------------------------------------------
def test_offsets_hold_for_every_mention_of_a_mixed_statement():
    text = (
        "Мамедов Рашад Рауф оглы 12 марта 2023 г. забрал мой паспорт C01234567 и 500 манат. "
        "Телефон +994 50 123 45 67. Машина 10-AB-123 ждала у Красного моста."
    )
    mentions = extract(text)
    types = {m.type for m in mentions}
    assert types == {"person", "date", "document", "money", "phone", "plate", "place"}
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert 0 < m.confidence <= 1
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


# --- CLI ---------------------------------------------------------------------------------------
runner = CliRunner()


def test_cli_json(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("Rəşad adlı kişi 0501234567 nömrəsindən zəng etdi, Bakıya getdi.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["lang"] == "az"
    got = {(m["type"], m["value"]) for m in payload["mentions"]}
    assert {("person", "Rəşad"), ("phone", "+994501234567"), ("place", "Baku")} <= got


def test_cli_table_and_legacy_encoding(tmp_path):
    f = tmp_path / "ru.txt"
    f.write_bytes("Мамедов Рашад уехал в Москву 12 марта 2023 г. с Алиевым Эльчином.".encode("cp1251"))
    result = runner.invoke(app, ["extract", str(f), "--lang", "auto", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Moscow" in result.output and "2023-03-12" in result.output


@pytest.mark.parametrize(
    "content,problem",
    [
        (None, "not found"),
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_cli_bad_input(tmp_path, content, problem):
    from intel.errors import InvalidInput

    f = tmp_path / "bad.txt"
    if content is not None:
        f.write_bytes(content)
    result = runner.invoke(app, ["extract", str(f)])
    assert result.exit_code != 0
    assert isinstance(result.exception, InvalidInput)
    message = str(result.exception)
    assert str(f) in message and problem in message and "\n" not in message


def test_cli_file_over_10_mb(tmp_path):
    from intel.errors import InvalidInput

    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    result = runner.invoke(app, ["extract", str(f)])
    assert isinstance(result.exception, InvalidInput)
    assert "10 MB" in str(result.exception)


def test_cli_bad_options(tmp_path):
    from intel.errors import InvalidInput

    f = tmp_path / "s.txt"
    f.write_text("Bakı", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--lang", "de"])
    assert isinstance(result.exception, InvalidInput)


# --- forms added for generated and real interview records (issue 5) ---------------------------
def persons(text: str, lang: str | None = None) -> set[str]:
    return {span for (type_, span) in found(text, lang) if type_ == "person"}


@pytest.mark.parametrize(
    "text,expected",
    [
        # a given name on its own, inflected too
        ("Rəşad mənə zəng etdi, pulu Ceyhunun xahişi ilə verdim.", {"Rəşad", "Ceyhunun"}),
        ("Я пришла туда и поговорила с Лалой. Потом Рашид позвонил мне.", {"Лалой", "Рашид"}),
        ("Then Rashad called me and Gulnar demanded the money.", {"Rashad", "Gulnar"}),
        # nicknames: mid-sentence, or opening a sentence as its subject
        ("Sənədlər üçün Çolaq 1 950 manat istədi.", {"Çolaq"}),
        ("Qaranın nömrəsi məndə idi. Dayı mənə zəng etdi.", {"Qaranın", "Dayı"}),
        ("По словам Быга, долг был большой. Капитан говорила, что я должна ей.", {"Быга", "Капитан"}),
        ("We spoke on 28 Dec 2020. Big called me many times.", {"Big"}),
        # a word a cue showed to be a name is a name again later in the statement
        ('Onu "Pələng" ləqəbi ilə tanıyırdım. Sonra Pələngə pul verdim.', {"Pələng", "Pələngə"}),
        # the whole name after a cue
        ("Человека по имени Нурлана Гассымова я не знаю.", {"Нурлана Гассымова"}),
        ("I do not know anyone called Sukurov Xayal.", {"Sukurov Xayal"}),
        # inflected Russian patronymics
        ("С Ахмедовым Шахином Вугаровичем мы встретились в кафе.", {"Ахмедовым Шахином Вугаровичем"}),
        ("Кулиеву Шабнам Зауровну я хорошо знаю.", {"Кулиеву Шабнам Зауровну"}),
        # two Russian names side by side, told apart by their cases
        ("31.03.2020 через Мамедова Ровшана Ниджату Гусейнову было переведено 1500 EUR.",
         {"Мамедова Ровшана", "Ниджату Гусейнову"}),
        ("С Эльвином Гусеиновой Нурланой Элчин кызы познакомил я.", {"Эльвином", "Гусеиновой Нурланой Элчин кызы"}),
        # a woman's name that does not decline agrees with any case
        ("В Баку меня познакомили с Арзу Насировой.", {"Арзу Насировой"}),
        # an Azerbaijani case ending closes a name
        ("31.07.2022 tarixində Ülviyyənin Hacıyev Namiq Hüseyn oğlu ilə getdik.",
         {"Ülviyyənin", "Hacıyev Namiq Hüseyn oğlu"}),
        # words of headings, ranks and institutions are not part of a name
        ("Dindirmə Zaur Vəliyev tərəfindən aparılmışdır.", {"Zaur Vəliyev"}),
        ("Interviewing officer: Police Captain Mammadov Jeyhun, Anti-Trafficking Department.", {"Mammadov Jeyhun"}),
        ("Номер Лалы — 0501234567.", {"Лалы"}),
        ("Daxili İşlər Nazirliyinin İnsan alverinə qarşı mübarizə baş idarəsi", set()),
        # surnames mistyped the way hurried records do
        ("9 ноября 2021г., со мной был Рзаэв Фарид.", {"Рзаэв Фарид"}),
        ("Officer in charge: Hasanvo Djavid. Interview recorded in English.", {"Hasanvo Djavid"}),
        # initials at the end of a sentence
        ("I got a call; it was Taghiyev A.. Anar demanded 2,750 manat.", {"Taghiyev A.", "Anar"}),
    ],
)
def test_person_forms_in_running_text(text, expected):
    assert persons(text) == expected


# "Given Surname Given" reads as "Given Surname" + "Given" or as "Given" + "Surname Given", both
# orders being usual in protocols; the rest of the statement decides who is who.
_RUN_RU = "Перед отъездом Гюнай Исмаилова Малак взяла у семьи 2900 AZN."
_RUN_AZ = "Səfərdən əvvəl Günay İsmayılova Mələk ailədən 2900 AZN aldı."
_RUN_EN = "Before leaving, Gunay Ismayilova Malak took 2900 AZN from the family."


@pytest.mark.parametrize(
    "before,run,lang,expected",
    [
        # Гюнай is Алиева elsewhere (in another case, in either order): Гюнай + Исмаилова Малак
        ("С Алиевой Гюнай меня связывает следующее: коллега.", _RUN_RU, "ru", ["Гюнай", "Исмаилова Малак"]),
        ("Гюнай Алиева позвонила мне.", _RUN_RU, "ru", ["Гюнай", "Исмаилова Малак"]),
        ("Əliyeva Günay ilə iş yoldaşıyıq.", _RUN_AZ, "az", ["Günay", "İsmayılova Mələk"]),
        ("Günay Əliyevanın nömrəsi məndə var.", _RUN_AZ, "az", ["Günay", "İsmayılova Mələk"]),
        ("I know Gunay Aliyeva from work.", _RUN_EN, "en", ["Gunay", "Ismayilova Malak"]),
        # the statement pairs Малак with Исмаилова itself
        ("Я знаю Исмаилову Малак.", _RUN_RU, "ru", ["Гюнай", "Исмаилова Малак"]),
        # Малак is Гасанова elsewhere: Гюнай Исмаилова + Малак
        ("Малак Гасанова позвонила мне.", _RUN_RU, "ru", ["Гюнай Исмаилова", "Малак"]),
        ("Mələk Həsənova mənə zəng etdi.", _RUN_AZ, "az", ["Günay İsmayılova", "Mələk"]),
        ("Mən Əliyeva Günayla işləyirəm.", _RUN_AZ, "az", ["Günay", "İsmayılova Mələk"]),
        # nothing in the statement decides: as before, the given name first
        ("", _RUN_RU, "ru", ["Гюнай Исмаилова", "Малак"]),
        ("", _RUN_AZ, "az", ["Günay İsmayılova", "Mələk"]),
        # Гюнай has other surnames in the statement: still nothing decides
        ("Гюнай Алиева и Малак Гасанова позвонили мне.", _RUN_RU, "ru", ["Гюнай Исмаилова", "Малак"]),
        # a surname in another gender is another surname: Рашид is Исмаилов (a man's form)
        # elsewhere, which does not make Исмаиловой (a woman's form) Рашид one name
        ("Рашид Исмаилов позвонил мне.", "Вместе с Гюнай Исмаиловой Рашид уехал.", "ru", ["Гюнай Исмаиловой", "Рашид"]),
    ],
)
def test_a_run_of_three_name_words_is_cut_as_the_statement_names_them(before, run, lang, expected):
    text = f"{before} {run}".strip()
    offset = text.index(run)
    got = sorted((m.start, m.text) for m in extract(text, lang) if m.type == "person" and m.start >= offset)
    assert [t for _, t in got] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Uzun müddət orada qaldım.",  # "for a long time", not the nickname Uzun
        "Qara maşın gəldi və biz getdik.",  # "a black car"
        "Arzu edirəm ki, onlar tapılsın.",  # "I wish", not the name Arzu
    ],
)
def test_everyday_words_opening_a_sentence_are_not_names(text):
    assert persons(text) == set()


@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Hazırda Bakı şəhəri, Səməd Vurğun küçəsi, ev 12, mənzil 5 ünvanında yaşayıram.",
         "Bakı şəhəri, Səməd Vurğun küçəsi, ev 12, mənzil 5", "12 Samad Vurgun St., apt. 5, Baku"),
        ("Проживаю по адресу: г. Баку, ул. Самеда Вургуна, д. 12, кв. 5, тел. 0501234567.",
         "г. Баку, ул. Самеда Вургуна, д. 12, кв. 5", "12 Samad Vurgun St., apt. 5, Baku"),
        ("I live at 12 Samad Vurgun St., apt. 5, Baku. My phone is 0501234567.",
         "12 Samad Vurgun St., apt. 5, Baku", "12 Samad Vurgun St., apt. 5, Baku"),
        ("Gəncə şəhəri, Atatürk prospekti, ev 7 ünvanında", "Gəncə şəhəri, Atatürk prospekti, ev 7", "7 Ataturk Ave., Ganja"),
        # a street not in the list keeps its name, in English letters
        ("Quba şəhəri, Çinar küçəsi, ev 3 ünvanında", "Quba şəhəri, Çinar küçəsi, ev 3", "3 Chinar St., Guba"),
        ("г. Шеки, пр. Ататюрка, д. 3, кв. 8", "г. Шеки, пр. Ататюрка, д. 3, кв. 8", "3 Ataturk Ave., apt. 8, Shaki"),
    ],
)
def test_addresses_are_places_and_hide_street_names(text, span, value):
    got = found(text)
    assert ("place", span) in got, sorted(got)
    m = got[("place", span)]
    assert m.value == value and m.parts["kind"] == "address"
    assert not [k for k in got if k[0] == "person"]  # Səməd Vurğun here is a street


def test_street_word_inside_a_city_name_is_not_an_address():
    got = found("Он посоветовал ехать в Стамбул. Номер Хаяла — 994106744587.", "ru")
    assert ("place", "Стамбул") in got and ("person", "Хаяла") in got


def test_country_named_for_a_language_is_not_a_place():
    got = found("Dindirmə Azərbaycan dilində aparılmışdır. Sonra Azərbaycana qayıtdım.", "az")
    assert ("place", "Azərbaycan") not in got
    assert ("place", "Azərbaycana") in got


@pytest.mark.parametrize(
    "text,org,not_org",
    [
        ("Tarixindən etibarən Dubayda Nur masaj salonu adlı yerdə işlədim.", "Nur masaj salonu", "Dubayda Nur masaj salonu"),
        ("Həsənov Samir özünü Günəş Turizm MMC şirkətinin işçisi kimi təqdim etdi.", "Günəş Turizm MMC",
         "Günəş Turizm MMC şirkətinin"),
        ("On 29 Jun 2023 she took my passport, and at Hotel Gizil Gul we were made to work.", "Hotel Gizil Gul", "Hotel Gizil"),
    ],
)
def test_organization_names_start_and_end_where_the_name_does(text, org, not_org):
    got = found(text)
    assert ("organization", org) in got, sorted(got)
    assert ("organization", not_org) not in got


def test_a_kind_of_place_without_a_name_is_not_an_organization():
    got = found("O vaxt Xədicə Əliyeva Batumidə gözəllik salonunda iş olduğunu demişdi.", "az")
    assert not [k for k in got if k[0] == "organization"]
    assert ("person", "Xədicə Əliyeva") in got and ("place", "Batumidə") in got


@pytest.mark.parametrize(
    "text,span,value",
    [
        ("Я, Гаджиев Эльшан Хаял оглы, 1990 г.р., место рождения — Закатала.", "1990", "1990"),
        ("Mən, Süleymanov Nicat Ramil oğlu, 1987-ci ildə Masallıda anadan olmuşam.", "1987-ci", "1987"),
        ("Mən 1995-ci il təvəllüdlüyəm.", "1995-ci", "1995"),
        ("I, Aliev Sahin Eli oglu, was born in 1988 in Salyan.", "1988", "1988"),
        ("Я, Алиева Нигяр Эльнуровна, 07.04.1992 года рождения, уроженка г. Ленкорань.", "07.04.1992", "1992-04-07"),
        ("Я, Алиева Нигяр, 07.04.1992 г.р.", "07.04.1992", "1992-04-07"),
    ],
)
def test_birth_dates_and_birth_years(text, span, value):
    assert value_of(text, "date", span) == value


def test_a_bare_year_is_not_a_date():
    assert not [k for k in found("Мы уехали в 2019 году, а в 2020 вернулись.", "ru") if k[0] == "date"]


def test_phone_with_country_code_in_a_range_phonenumbers_does_not_list():
    # +995 50... is not (yet) in phonenumbers' Georgian metadata; written with its country code
    # and of the right length, it is still a phone number
    assert value_of("Nömrəsi +995 502 796 049 idi.", "phone", "+995 502 796 049") == "+995502796049"
    assert value_of("Nömrəsi 00995 502796049 idi.", "phone", "00995 502796049") == "+995502796049"


def test_long_digit_run_without_country_code_must_be_a_valid_number():
    assert not [k for k in found("Hesab nömrəsi 123456789012 idi.", "az") if k[0] == "phone"]

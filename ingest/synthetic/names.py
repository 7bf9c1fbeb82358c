"""Azerbaijani personal names and the ways they are written.

A name is held once in Azerbaijani Latin and rendered in Russian Cyrillic or English
(transliterated) on demand, in one of several spelling schemes, sometimes with a typo.
Russian renderings decline (``с Мамедовым Эльчином``); Azerbaijani ones take case suffixes
(``Elçinin``). Pure data and functions; no I/O.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# given name (az) -> (Russian spellings, English spellings); the first spelling is the usual one
MALE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Elçin": (("Эльчин", "Элчин"), ("Elchin", "Elcin")),
    "Rauf": (("Рауф",), ("Rauf",)),
    "Rəşad": (("Рашад", "Рашид"), ("Rashad", "Rasad")),
    "Orxan": (("Орхан",), ("Orkhan", "Orhan", "Orxan")),
    "Tural": (("Турал",), ("Tural",)),
    "Anar": (("Анар",), ("Anar",)),
    "Kamran": (("Камран",), ("Kamran",)),
    "Vüqar": (("Вугар", "Вюгар"), ("Vugar", "Vuqar")),
    "Elnur": (("Эльнур", "Элнур"), ("Elnur",)),
    "Rövşən": (("Ровшан", "Ровшен"), ("Rovshan", "Rovsan")),
    "Əli": (("Али",), ("Ali", "Eli")),
    "Mübariz": (("Мубариз",), ("Mubariz",)),
    "Namiq": (("Намик", "Намиг"), ("Namig", "Namik")),
    "Samir": (("Самир",), ("Samir",)),
    "Cavid": (("Джавид", "Чавид"), ("Javid", "Cavid", "Djavid")),
    "Fərid": (("Фарид",), ("Farid", "Ferid")),
    "Ramil": (("Рамиль", "Рамил"), ("Ramil",)),
    "Emin": (("Эмин",), ("Emin",)),
    "Ceyhun": (("Джейхун",), ("Jeyhun", "Ceyhun", "Dzheyhun")),
    "Elvin": (("Эльвин", "Элвин"), ("Elvin",)),
    "Nicat": (("Ниджат",), ("Nijat", "Nicat", "Nidzhat")),
    "Vüsal": (("Вюсал", "Вусал"), ("Vusal",)),
    "Həsən": (("Гасан", "Хасан"), ("Hasan", "Gasan")),
    "Hüseyn": (("Гусейн", "Хусейн"), ("Huseyn", "Guseyn")),
    "Məhəmməd": (("Магомед", "Мамед"), ("Mahammad", "Magomed", "Mamed")),
    "Zaur": (("Заур",), ("Zaur",)),
    "Səbuhi": (("Сабухи",), ("Sabuhi", "Sebuhi")),
    "Şahin": (("Шахин",), ("Shahin", "Sahin")),
    "Tofiq": (("Тофик", "Тофиг"), ("Tofig", "Tofik")),
    "Elşən": (("Эльшан", "Эльшен"), ("Elshan", "Elsen")),
    "İlqar": (("Ильгар", "Ильгар"), ("Ilgar", "Ilqar")),
    "Azər": (("Азер", "Азар"), ("Azer", "Azar")),
    "Fuad": (("Фуад",), ("Fuad",)),
    "Xəyal": (("Хаял",), ("Khayal", "Xayal", "Hayal")),
    "Rüfət": (("Руфат", "Руфет"), ("Rufat", "Rufet")),
}
FEMALE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Günay": (("Гюнай", "Гунай"), ("Gunay",)),
    "Aynur": (("Айнур",), ("Aynur",)),
    "Leyla": (("Лейла", "Лейли"), ("Leyla", "Leila")),
    "Səbinə": (("Сабина",), ("Sabina", "Sebine")),
    "Nərmin": (("Нармин", "Нармина"), ("Narmin", "Nermin")),
    "Aygün": (("Айгюн", "Айгун"), ("Aygun",)),
    "Sevinc": (("Севиндж",), ("Sevinj", "Sevinc", "Sevindzh")),
    "Könül": (("Кёнуль", "Конуль"), ("Konul", "Kyonul")),
    "Gülnar": (("Гюльнар", "Гульнар"), ("Gulnar",)),
    "Nigar": (("Нигяр", "Нигар"), ("Nigar",)),
    "Türkan": (("Тюркан",), ("Turkan",)),
    "Aytən": (("Айтен", "Айтан"), ("Ayten", "Aytan")),
    "Ülviyyə": (("Ульвия",), ("Ulviyya", "Ulviya")),
    "Fidan": (("Фидан",), ("Fidan",)),
    "Lalə": (("Лала", "Ляля"), ("Lala", "Lale")),
    "Xədicə": (("Хадиджа",), ("Khadija", "Xadica", "Hadija")),
    "Zəhra": (("Захра", "Захра"), ("Zahra", "Zehra")),
    "Aysel": (("Айсель", "Айсел"), ("Aysel",)),
    "Nurlanə": (("Нурлана",), ("Nurlana",)),
    "Vüsalə": (("Вюсаля", "Вусала"), ("Vusala",)),
    "Şəbnəm": (("Шабнам",), ("Shabnam", "Sabnam")),
    "Röya": (("Рёя", "Роя"), ("Roya",)),
    "Arzu": (("Арзу",), ("Arzu",)),
    "Mələk": (("Малак", "Малейка"), ("Malak", "Melek")),
    "Samirə": (("Самира",), ("Samira",)),
    "Gülnarə": (("Гюльнара", "Гульнара"), ("Gulnara",)),
    "Kəmalə": (("Камала",), ("Kamala", "Kemale")),
    "Zümrüd": (("Зумруд", "Зумрюд"), ("Zumrud",)),
    "Pərvin": (("Парвин",), ("Parvin", "Pervin")),
    "Esmira": (("Эсмира",), ("Esmira",)),
}

# surname stem (az, male form) -> (Russian spellings, English spellings), with a weight:
# the common ones make namesakes likely, as in life
SURNAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], int]] = {
    "Məmmədov": (("Мамедов", "Маммадов", "Мамадов"), ("Mammadov", "Mamedov", "Mammadli"), 14),
    "Əliyev": (("Алиев", "Алыев"), ("Aliyev", "Aliev", "Alizade"), 12),
    "Hüseynov": (("Гусейнов", "Гусеинов", "Хусейнов"), ("Huseynov", "Guseynov", "Huseinov"), 10),
    "Həsənov": (("Гасанов", "Хасанов"), ("Hasanov", "Gasanov"), 9),
    "Quliyev": (("Кулиев", "Гулиев"), ("Guliyev", "Kuliev", "Quliyev"), 7),
    "İsmayılov": (("Исмаилов", "Исмайлов"), ("Ismayilov", "Ismailov"), 7),
    "Abbasov": (("Аббасов", "Абасов"), ("Abbasov", "Abasov"), 4),
    "Babayev": (("Бабаев",), ("Babayev", "Babaev"), 4),
    "Cəfərov": (("Джафаров", "Джаферов"), ("Jafarov", "Dzhafarov", "Cafarov"), 4),
    "Rəhimov": (("Рагимов", "Рахимов"), ("Rahimov", "Ragimov"), 4),
    "Nəsirov": (("Насиров",), ("Nasirov", "Nesirov"), 2),
    "Səfərov": (("Сафаров",), ("Safarov", "Seferov"), 3),
    "Qasımov": (("Касымов", "Гасымов"), ("Gasimov", "Kasymov", "Qasimov"), 4),
    "Kərimov": (("Керимов", "Каримов"), ("Karimov", "Kerimov"), 4),
    "Vəliyev": (("Велиев", "Валиев"), ("Valiyev", "Veliev"), 4),
    "Orucov": (("Оруджев", "Оруджов"), ("Orujov", "Orudzhev", "Orucov"), 2),
    "Bağırov": (("Багиров",), ("Bagirov", "Baghirov"), 3),
    "Sadıqov": (("Садыхов", "Садыков"), ("Sadigov", "Sadykhov"), 3),
    "Rzayev": (("Рзаев",), ("Rzayev", "Rzaev"), 3),
    "Əhmədov": (("Ахмедов", "Ахмадов"), ("Ahmadov", "Akhmedov", "Ahmedov"), 5),
    "Nağıyev": (("Нагиев",), ("Nagiyev", "Nagiev"), 2),
    "Mustafayev": (("Мустафаев",), ("Mustafayev", "Mustafaev"), 3),
    "Zeynalov": (("Зейналов",), ("Zeynalov", "Zeinalov"), 2),
    "Süleymanov": (("Сулейманов",), ("Suleymanov", "Suleimanov"), 3),
    "Allahverdiyev": (("Аллахвердиев",), ("Allahverdiyev", "Allakhverdiev"), 2),
    "Hacıyev": (("Гаджиев", "Хаджиев"), ("Hajiyev", "Gadzhiev", "Haciyev"), 5),
    "Şükürov": (("Шукюров", "Шукуров"), ("Shukurov", "Sukurov"), 2),
    "Eyvazov": (("Эйвазов",), ("Eyvazov", "Eivazov"), 2),
    "Məhərrəmov": (("Магеррамов", "Махаррамов"), ("Maharramov", "Magerramov"), 3),
    "Abdullayev": (("Абдуллаев",), ("Abdullayev", "Abdullaev"), 4),
    "Ağayev": (("Агаев",), ("Agayev", "Aghayev", "Agaev"), 3),
    "Cavadov": (("Джавадов",), ("Javadov", "Dzhavadov", "Cavadov"), 2),
    "Novruzov": (("Новрузов",), ("Novruzov",), 2),
    "Tağıyev": (("Тагиев",), ("Taghiyev", "Tagiyev", "Tagiev"), 2),
    "Yusifov": (("Юсифов", "Юсуфов"), ("Yusifov", "Yusufov"), 2),
    "Ələkbərov": (("Алекперов", "Алакбаров"), ("Alakbarov", "Alekperov"), 2),
}
SURNAME_LIST = list(SURNAMES)
SURNAME_WEIGHTS = [SURNAMES[s][2] for s in SURNAME_LIST]
MALE_LIST = list(MALE)
FEMALE_LIST = list(FEMALE)

# nicknames (az, ru, en); criminals and their associates are often known by one of these
NICKNAMES: tuple[tuple[str, str, str], ...] = (
    ("Qara", "Кара", "Gara"), ("Balaca", "Баладжа", "Balaja"), ("Dayı", "Дайы", "Dayi"),
    ("Kürd", "Кюрд", "Kurd"), ("Uzun", "Узун", "Uzun"), ("Sarı", "Сары", "Sari"),
    ("Bığ", "Быг", "Big"), ("Lələ", "Ляля", "Lala"), ("Çolaq", "Чолак", "Cholag"),
    ("Şeytan", "Шейтан", "Sheytan"), ("Kapitan", "Капитан", "Kapitan"), ("Ruslan", "Руслан", "Ruslan"),
    ("Xala", "Хала", "Khala"), ("Bacı", "Баджы", "Baji"), ("Tülkü", "Тюлькю", "Tulku"),
)

_BACK = set("aıouAIOU")
_FRONT = set("eəiöüEƏİÖÜ")
_VOWELS = _BACK | _FRONT
_AZ_ASCII = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ö": "o", "Ö": "O", "ü": "u",
                           "Ü": "U", "ş": "s", "Ş": "S", "ç": "c", "Ç": "C", "ğ": "g", "Ğ": "G"})
_MRZ = str.maketrans({"Ə": "A", "İ": "I", "Ö": "O", "Ü": "U", "Ş": "S", "Ç": "C", "Ğ": "G",
                      "I": "I"})


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way of writing a person's name: language, script, transliteration scheme, typo."""

    lang: str  # az | ru | en
    scheme: int  # index into the spelling alternatives (0 = usual)
    typo: int  # 0 = none, else a typo kind (1..3)
    patronymic_style: int  # ru: 0 = "Рауф оглы", 1 = "Рауфович"; en: 0 = "oglu", 1 = omitted

    @property
    def script(self) -> str:
        return "Cyrl" if self.lang == "ru" else "Latn"


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name as held in the truth (Azerbaijani Latin)."""

    given: str
    surname_stem: str
    father: str
    gender: str  # M | F
    nickname: int = -1  # index into NICKNAMES or -1

    @property
    def surname(self) -> str:
        return self.surname_stem + ("a" if self.gender == "F" else "")

    @property
    def patronymic(self) -> str:
        return f"{self.father} {'qızı' if self.gender == 'F' else 'oğlu'}"


def pick_given(rng: random.Random, gender: str) -> str:
    return rng.choice(MALE_LIST if gender == "M" else FEMALE_LIST)


def pick_surname(rng: random.Random) -> str:
    return rng.choices(SURNAME_LIST, SURNAME_WEIGHTS)[0]


def _alt(options: tuple[str, ...], scheme: int) -> str:
    return options[scheme % len(options)]


def _typo(word: str, kind: int, lang: str) -> str:
    """A deterministic misspelling of ``word`` of the given kind (never changes its length by
    more than one character and never yields an empty string)."""
    if kind == 0 or len(word) < 4:
        return word
    if kind == 1:  # doubled letter dropped or a single one doubled
        for i in range(1, len(word) - 1):
            if word[i] == word[i + 1]:
                return word[:i] + word[i + 1:]
        return word[:2] + word[2] + word[2:]
    if kind == 2:  # Azerbaijani letters typed on a plain keyboard / Cyrillic near-miss
        if lang == "az":
            out = word.translate(_AZ_ASCII)
            return out if out != word else word[:-2] + word[-1] + word[-2]
        if lang == "ru":
            for a, b in (("е", "э"), ("и", "ы"), ("а", "о"), ("у", "ю")):
                if a in word[1:]:
                    i = word.index(a, 1)
                    return word[:i] + b + word[i + 1:]
        return word.replace("y", "i", 1) if "y" in word[1:] else word[:-2] + word[-1] + word[-2]
    # kind 3: two inner letters swapped
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1:]


def _ru_surname(stem_ru: str, gender: str) -> str:
    return stem_ru + ("а" if gender == "F" and stem_ru[-1] in "вн" else "")


def parts(name: Name, sp: Spelling) -> tuple[str, str, str]:
    """(given, surname, patronymic) written in ``sp`` (nominative case)."""
    if sp.lang == "az":
        given, surname, pat = name.given, name.surname, name.patronymic
        if sp.typo:
            surname = _typo(surname, sp.typo, "az")
        return given, surname, pat
    ru_forms, en_forms = (MALE.get(name.given) or FEMALE[name.given])
    f_ru, f_en = MALE[name.father]
    s_ru, s_en, _ = SURNAMES[name.surname_stem]
    if sp.lang == "ru":
        given = _alt(ru_forms, sp.scheme)
        surname = _ru_surname(_alt(s_ru, sp.scheme), name.gender)
        father = _alt(f_ru, sp.scheme)
        if sp.patronymic_style == 1 and father[-1] not in "аеиоуыэюяь":
            pat = father + ("овна" if name.gender == "F" else "ович")
        else:
            pat = f"{father} {'кызы' if name.gender == 'F' else 'оглы'}"
        if sp.typo:
            surname = _typo(surname, sp.typo, "ru")
        return given, surname, pat
    given = _alt(en_forms, sp.scheme)
    surname = _alt(s_en, sp.scheme)
    surname += "a" if name.gender == "F" and surname[-1] == "v" else ""
    father = _alt(f_en, sp.scheme)
    pat = "" if sp.patronymic_style == 1 else f"{father} {'gizi' if name.gender == 'F' else 'oglu'}"
    if sp.typo:
        surname = _typo(surname, sp.typo, "en")
    return given, surname, pat


def nickname(name: Name, lang: str) -> str:
    az, ru, en = NICKNAMES[name.nickname]
    return {"az": az, "ru": ru, "en": en}[lang]


def passport_latin(name: Name, mrz: bool) -> str:
    """The name as printed in an Azerbaijani passport: SURNAME GIVEN, Latin capitals."""
    text = f"{name.surname} {name.given}".upper().replace("i̇", "I")
    text = text.replace("İ", "I")
    return text.translate(_MRZ).translate(_AZ_ASCII) if mrz else text


# --- case forms -------------------------------------------------------------------------------

def az_suffix(word: str, case: str) -> str:
    """``word`` with an Azerbaijani case suffix by vowel harmony (gen, dat, acc, ins, loc, abl)."""
    if case == "nom":
        return word
    last = next((c for c in reversed(word) if c in _VOWELS), "a")
    ends_vowel = word[-1] in _VOWELS
    back = last in _BACK
    four = {"a": "ı", "ı": "ı", "A": "ı", "I": "ı", "o": "u", "u": "u", "O": "u", "U": "u",
            "ö": "ü", "ü": "ü", "Ö": "ü", "Ü": "ü"}.get(last, "i")
    two = "a" if back else "ə"
    if case == "gen":
        return word + ("n" if ends_vowel else "") + four + "n"
    if case == "acc":
        return word + ("n" if ends_vowel else "") + four
    if case == "dat":
        return word + ("y" if ends_vowel else "") + two
    if case == "ins":
        return word + ("y" if ends_vowel else "") + "l" + two
    if case == "loc":
        return word + "d" + two
    if case == "abl":
        return word + "d" + two + "n"
    raise ValueError(case)


_RU_HUSH = set("жшчщц")
_RU_VELAR = set("гкх")


def ru_given(word: str, gender: str, case: str) -> str:
    """A given name in a Russian case (nom gen dat acc ins pre)."""
    if case == "nom":
        return word
    low = word[-1]
    if word.endswith("ия"):
        return word[:-1] + {"gen": "и", "dat": "и", "acc": "ю", "ins": "ей", "pre": "и"}[case]
    if low in "ая":
        soft = low == "я" or word[-2] in _RU_HUSH
        gen = "и" if (soft or word[-2] in _RU_VELAR or word[-2] in _RU_HUSH) else "ы"
        ends = {"gen": gen, "dat": "е", "acc": "ю" if low == "я" else "у",
                "ins": "ей" if soft else "ой", "pre": "е"}
        return word[:-1] + ends[case]
    if gender == "F" or low in "еиоуыэю":
        return word  # foreign feminine names ending in a consonant, and vowel endings: fixed
    if low == "ь":
        return word[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "pre": "е"}[case]
    if low == "й":
        return word[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "pre": "е"}[case]
    ins = "ем" if low in _RU_HUSH else "ом"
    return word + {"gen": "а", "dat": "у", "acc": "а", "ins": ins, "pre": "е"}[case]


def ru_surname(word: str, gender: str, case: str) -> str:
    """A Russian -ов/-ев surname in a case."""
    if case == "nom":
        return word
    if gender == "F" and word.endswith("а"):
        return word[:-1] + ("у" if case == "acc" else "ой")
    if word[-1] in "вн":
        return word + {"gen": "а", "dat": "у", "acc": "а", "ins": "ым", "pre": "е"}[case]
    return word


def ru_patronymic(word: str, gender: str, case: str) -> str:
    if case == "nom" or " " in word:  # "Рауф оглы" does not decline
        return word
    if gender == "F":
        return word[:-1] + {"gen": "ы", "dat": "е", "acc": "у", "ins": "ой", "pre": "е"}[case]
    return word + {"gen": "а", "dat": "у", "acc": "а", "ins": "ем", "pre": "е"}[case]


STYLES = ("full", "sg", "gs", "given", "nick", "initials")


def render(name: Name, sp: Spelling, style: str, case: str = "nom") -> str:
    """The name written in spelling ``sp``, in one of STYLES, in a grammatical case.

    ``full`` is the protocol form "Surname Given Patronymic"; ``initials`` is "Surname G.F.";
    ``nick`` needs ``name.nickname >= 0``.
    """
    if style == "nick":
        nick = nickname(name, sp.lang)
        if sp.lang == "az":
            return az_suffix(nick, case)
        if sp.lang == "ru":
            return ru_given(nick, "M", case) if nick[-1] not in "аяи" else ru_given(nick, "F", case)
        return nick
    given, surname, pat = parts(name, sp)
    if sp.lang == "ru":
        g = ru_given(given, name.gender, case)
        s = ru_surname(surname, name.gender, case)
        p = ru_patronymic(pat, name.gender, case)
        words = {"full": (s, g, p), "sg": (s, g), "gs": (g, s), "given": (g,),
                 "initials": (s, f"{given[0]}.{pat[0]}.")}[style]
        return " ".join(words)
    if (style == "full" and not pat) or (sp.lang == "az" and case != "nom" and style in ("full", "initials")):
        style = "sg"
    if style == "initials":
        words = (surname, f"{given[0]}.")
    else:
        words = {"full": (surname, given, pat), "sg": (surname, given), "gs": (given, surname),
                 "given": (given,)}[style]
    if sp.lang == "az" and case != "nom":
        return " ".join(words[:-1] + (az_suffix(words[-1], case),))
    return " ".join(words)

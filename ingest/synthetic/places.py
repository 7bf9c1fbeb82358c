"""Real places on Azerbaijani trafficking routes, with their names in three languages.

Every place has a canonical key (its ``value`` in the gold mentions: the English name), an
Azerbaijani Latin name (case forms are made by vowel harmony), Russian forms (nominative,
locative "в Гяндже", genitive "из Гянджи", accusative "в Гянджу") and an English name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.synthetic.names import az_suffix


@dataclass(frozen=True, slots=True)
class Place:
    key: str  # canonical English name, the gold value
    kind: str  # city | country | border | airport
    country: str  # canonical country key
    az: str
    ru: tuple[str, str, str, str]  # nom, loc, gen, acc
    en: str
    az_forms: tuple[str, str, str, str] | None = None  # nom, loc, dat, abl when irregular

    def form(self, lang: str, case: str = "nom") -> str:
        """The place name in ``lang``: az cases nom/loc/dat/abl; ru cases nom/loc/gen/acc."""
        if lang == "en":
            return self.en
        if lang == "ru":
            return self.ru[("nom", "loc", "gen", "acc").index(case)]
        if self.az_forms:
            return self.az_forms[("nom", "loc", "dat", "abl").index(case)]
        return az_suffix(self.az, case)


def _ru_regular(nom: str) -> tuple[str, str, str, str]:
    """Russian forms of a city name ending in a hard consonant (Стамбул, Сумгаит)."""
    return (nom, nom + "е", nom + "а", nom)


def _fixed(nom: str) -> tuple[str, str, str, str]:
    return (nom, nom, nom, nom)


_ALL = [
    # Azerbaijan: origin cities and regions
    Place("Baku", "city", "Azerbaijan", "Bakı", _fixed("Баку"), "Baku"),
    Place("Sumgait", "city", "Azerbaijan", "Sumqayıt", _ru_regular("Сумгаит"), "Sumgait"),
    Place("Ganja", "city", "Azerbaijan", "Gəncə", ("Гянджа", "Гяндже", "Гянджи", "Гянджу"), "Ganja"),
    Place("Mingachevir", "city", "Azerbaijan", "Mingəçevir", _ru_regular("Мингечевир"), "Mingachevir"),
    Place("Shirvan", "city", "Azerbaijan", "Şirvan", _ru_regular("Ширван"), "Shirvan"),
    Place("Lankaran", "city", "Azerbaijan", "Lənkəran", ("Ленкорань", "Ленкорани", "Ленкорани", "Ленкорань"), "Lankaran"),
    Place("Shaki", "city", "Azerbaijan", "Şəki", _fixed("Шеки"), "Shaki"),
    Place("Guba", "city", "Azerbaijan", "Quba", ("Губа", "Губе", "Губы", "Губу"), "Guba"),
    Place("Masalli", "city", "Azerbaijan", "Masallı", _fixed("Масаллы"), "Masalli"),
    Place("Salyan", "city", "Azerbaijan", "Salyan", ("Сальяны", "Сальянах", "Сальян", "Сальяны"), "Salyan"),
    Place("Jalilabad", "city", "Azerbaijan", "Cəlilabad", _ru_regular("Джалилабад"), "Jalilabad"),
    Place("Zagatala", "city", "Azerbaijan", "Zaqatala", ("Закатала", "Закатале", "Закаталы", "Закаталу"), "Zagatala"),
    Place("Barda", "city", "Azerbaijan", "Bərdə", ("Барда", "Барде", "Барды", "Барду"), "Barda"),
    Place("Shamakhi", "city", "Azerbaijan", "Şamaxı", _fixed("Шамахы"), "Shamakhi"),
    Place("Imishli", "city", "Azerbaijan", "İmişli", _fixed("Имишли"), "Imishli"),
    Place("Khachmaz", "city", "Azerbaijan", "Xaçmaz", _ru_regular("Хачмаз"), "Khachmaz"),
    Place("Bilasuvar", "city", "Azerbaijan", "Biləsuvar", _ru_regular("Билясувар"), "Bilasuvar"),
    Place("Nakhchivan", "city", "Azerbaijan", "Naxçıvan", _ru_regular("Нахчыван"), "Nakhchivan"),
    # countries
    Place("Azerbaijan", "country", "Azerbaijan", "Azərbaycan", _ru_regular("Азербайджан"), "Azerbaijan"),
    Place("Georgia", "country", "Georgia", "Gürcüstan", ("Грузия", "Грузии", "Грузии", "Грузию"), "Georgia"),
    Place("Iran", "country", "Iran", "İran", _ru_regular("Иран"), "Iran"),
    Place("Russia", "country", "Russia", "Rusiya", ("Россия", "России", "России", "Россию"), "Russia"),
    Place("Turkiye", "country", "Turkiye", "Türkiyə", ("Турция", "Турции", "Турции", "Турцию"), "Turkiye"),
    Place("UAE", "country", "UAE", "BƏƏ", _fixed("ОАЭ"), "the UAE",
          ("BƏƏ", "BƏƏ-də", "BƏƏ-yə", "BƏƏ-dən")),
    # transit and destination cities
    Place("Tbilisi", "city", "Georgia", "Tbilisi", _fixed("Тбилиси"), "Tbilisi"),
    Place("Batumi", "city", "Georgia", "Batumi", _fixed("Батуми"), "Batumi"),
    Place("Istanbul", "city", "Turkiye", "İstanbul", _ru_regular("Стамбул"), "Istanbul"),
    Place("Antalya", "city", "Turkiye", "Antalya", ("Анталья", "Анталье", "Антальи", "Анталью"), "Antalya"),
    Place("Trabzon", "city", "Turkiye", "Trabzon", _ru_regular("Трабзон"), "Trabzon"),
    Place("Dubai", "city", "UAE", "Dubay", ("Дубай", "Дубае", "Дубая", "Дубай"), "Dubai"),
    Place("Sharjah", "city", "UAE", "Şarja", ("Шарджа", "Шардже", "Шарджи", "Шарджу"), "Sharjah"),
    Place("Moscow", "city", "Russia", "Moskva", ("Москва", "Москве", "Москвы", "Москву"), "Moscow"),
    Place("Derbent", "city", "Russia", "Dərbənd", _ru_regular("Дербент"), "Derbent"),
    Place("Saint Petersburg", "city", "Russia", "Sankt-Peterburq", _ru_regular("Санкт-Петербург"), "Saint Petersburg"),
    Place("Tehran", "city", "Iran", "Tehran", _ru_regular("Тегеран"), "Tehran"),
    # border points (always written before a noun: "Qırmızı Körpü sərhəd-buraxılış məntəqəsi")
    Place("Red Bridge", "border", "Azerbaijan", "Qırmızı Körpü", _fixed("Красный Мост"), "Red Bridge"),
    Place("Samur", "border", "Azerbaijan", "Samur", _fixed("Самур"), "Samur"),
    Place("Astara", "border", "Azerbaijan", "Astara", _fixed("Астара"), "Astara"),
    Place("Balakan", "border", "Azerbaijan", "Balakən", _fixed("Балакен"), "Balakan"),
    Place("Sarpi", "border", "Georgia", "Sarpi", _fixed("Сарпи"), "Sarpi"),
    Place("Heydar Aliyev International Airport", "airport", "Azerbaijan",
          "Heydər Əliyev Beynəlxalq Hava Limanı", _fixed("Международный аэропорт Гейдар Алиев"),
          "Heydar Aliyev International Airport"),
]
PLACES: dict[str, Place] = {p.key: p for p in _ALL}

ORIGINS = [p.key for p in _ALL if p.kind == "city" and p.country == "Azerbaijan"]
ORIGIN_WEIGHTS = [12 if k == "Baku" else 4 if k in ("Sumgait", "Ganja", "Lankaran") else 2
                  for k in ORIGINS]

# streets for addresses: (az, ru, en)
STREETS: tuple[tuple[str, str, str], ...] = (
    ("Nizami küçəsi", "ул. Низами", "Nizami St."),
    ("Füzuli küçəsi", "ул. Физули", "Fuzuli St."),
    ("Azadlıq prospekti", "пр. Азадлыг", "Azadlig Ave."),
    ("Səməd Vurğun küçəsi", "ул. Самеда Вургуна", "Samad Vurgun St."),
    ("Xətai prospekti", "пр. Хатаи", "Khatai Ave."),
    ("Neftçilər prospekti", "пр. Нефтчиляр", "Neftchilar Ave."),
    ("Şərifzadə küçəsi", "ул. Шарифзаде", "Sharifzade St."),
    ("28 May küçəsi", "ул. 28 Мая", "28 May St."),
    ("Cəfər Cabbarlı küçəsi", "ул. Джафара Джаббарлы", "Jafar Jabbarli St."),
    ("Atatürk prospekti", "пр. Ататюрка", "Ataturk Ave."),
    ("Qara Qarayev prospekti", "пр. Кара Караева", "Gara Garayev Ave."),
    ("Məhsəti küçəsi", "ул. Мехсети", "Mahsati St."),
)


@dataclass(frozen=True, slots=True)
class Address:
    city: str  # place key
    street: int
    house: int
    flat: int

    def render(self, lang: str) -> str:
        az, ru, en = STREETS[self.street]
        city = PLACES[self.city]
        if lang == "az":
            flat = f", mənzil {self.flat}" if self.flat else ""
            return f"{city.az} şəhəri, {az}, ev {self.house}{flat}"
        if lang == "ru":
            flat = f", кв. {self.flat}" if self.flat else ""
            return f"г. {city.ru[0]}, {ru}, д. {self.house}{flat}"
        flat = f", apt. {self.flat}" if self.flat else ""
        return f"{self.house} {en}{flat}, {city.en}"

    @property
    def value(self) -> str:
        """Canonical form: the English rendering."""
        return self.render("en")


# organisation name roots and kinds: (az, ru, en)
ORG_ROOTS: tuple[tuple[str, str, str], ...] = (
    ("Sahil", "Сахиль", "Sahil"), ("Xəzər", "Хазар", "Khazar"), ("Nur", "Нур", "Nur"),
    ("Ulduz", "Улдуз", "Ulduz"), ("Günəş", "Гюнеш", "Gunesh"), ("Mavi", "Мави", "Mavi"),
    ("Lotus", "Лотос", "Lotus"), ("Palma", "Пальма", "Palma"), ("Atlas", "Атлас", "Atlas"),
    ("Zirvə", "Зирве", "Zirve"), ("Şərq", "Шарг", "Sharg"), ("İnci", "Инджи", "Inji"),
    ("Yasəmən", "Ясемен", "Yasaman"), ("Qızıl Gül", "Кызыл Гюль", "Gizil Gul"),
    ("Aypara", "Айпара", "Aypara"), ("Dəniz", "Дениз", "Deniz"),
)
# kind -> (az pattern, ru pattern, en pattern); {n} is the root in that language
ORG_KINDS: dict[str, tuple[str, str, str]] = {
    "agency": ("{n} Turizm MMC", "ООО «{n} Туризм»", "{n} Tourism LLC"),
    "employment": ("{n} İş Mərkəzi", "кадровое агентство «{n}»", "{n} Employment Centre"),
    "restaurant": ("{n} restoranı", "ресторан «{n}»", "{n} Restaurant"),
    "hotel": ("{n} oteli", "отель «{n}»", "Hotel {n}"),
    "sauna": ("{n} masaj salonu", "массажный салон «{n}»", "{n} Spa"),
    "construction": ("{n} İnşaat şirkəti", "строительная компания «{n}»", "{n} Construction"),
    "textile": ("{n} tikiş sexi", "швейный цех «{n}»", "{n} Textile Workshop"),
    "marriage": ("{n} nikah agentliyi", "брачное агентство «{n}»", "{n} Marriage Agency"),
}

# Russian genitive and locative of the kind words
ORG_KINDS_RU: dict[str, tuple[str, str]] = {
    "agency": ("ООО «{n} Туризм»", "ООО «{n} Туризм»"),
    "employment": ("кадрового агентства «{n}»", "кадровом агентстве «{n}»"),
    "restaurant": ("ресторана «{n}»", "ресторане «{n}»"),
    "hotel": ("отеля «{n}»", "отеле «{n}»"),
    "sauna": ("массажного салона «{n}»", "массажном салоне «{n}»"),
    "construction": ("строительной компании «{n}»", "строительной компании «{n}»"),
    "textile": ("швейного цеха «{n}»", "швейном цехе «{n}»"),
    "marriage": ("брачного агентства «{n}»", "брачном агентстве «{n}»"),
}


@dataclass(frozen=True, slots=True)
class Organization:
    org_id: str
    root: int
    kind: str
    city: str  # place key

    def render(self, lang: str, case: str = "nom") -> str:
        """The name in ``lang``; Russian also in the genitive or locative ("в ресторане «Нур»")."""
        i = ("az", "ru", "en").index(lang)
        if lang == "ru" and case in ("gen", "loc"):
            return ORG_KINDS_RU[self.kind][case == "loc"].format(n=ORG_ROOTS[self.root][i])
        return ORG_KINDS[self.kind][i].format(n=ORG_ROOTS[self.root][i])

    @property
    def canonical(self) -> str:
        return self.render("az")

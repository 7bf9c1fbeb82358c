"""Azerbaijani (Latin) phrasing of interview records.

Slots: ``{name}`` or ``{name|case}`` (persons: nom gen dat acc ins; places: nom loc dat abl);
``[name:masculine|feminine]`` agrees with a person's gender.
"""

TITLES = {
    "victim": ("ZƏRƏRÇƏKMİŞİN DİNDİRİLMƏSİ PROTOKOLU", "Zərərçəkmiş şəxsin dindirilməsi protokolu", "İZAHAT"),
    "witness": ("ŞAHİDİN DİNDİRİLMƏSİ PROTOKOLU", "Şahidin dindirilməsi protokolu", "İZAHAT"),
    "suspect": ("ŞÜBHƏLİNİN DİNDİRİLMƏSİ PROTOKOLU", "Şübhəli şəxsin dindirilməsi protokolu"),
}
PLACE_DATE = ("{hplace} şəhəri{pad}{hdate}", "{hdate}, {hplace} şəhəri", "Tərtib olunduğu yer: {hplace} şəhəri. Tarix: {hdate}")
CASE = ("Cinayət işi № {case}", "Cinayət işi üzrə № {case}", "İş № {case}")
OFFICER = (
    "Daxili İşlər Nazirliyinin İnsan alverinə qarşı mübarizə idarəsinin əməkdaşı polis kapitanı {off} dindirmə aparmışdır.",
    "Dindirməni aparan: baş əməliyyat müvəkkili, polis mayoru {off}.",
    "İAMİ-nin müstəntiqi {off} tərəfindən xidməti otaqda dindirilmişdir.",
    "Dindirmə {off} tərəfindən Azərbaycan dilində aparılmışdır.",
)
INTRO = (
    "Mən, {me}, {bd} tarixində {bplace|loc} anadan olmuşam, hazırda {addr} ünvanında yaşayıram. Mobil nömrəm {ph}.",
    "Mən, {me}, {bd} tarixində anadan olmuşam. Doğulduğum yer {bplace} şəhəridir. {addr} ünvanında qeydiyyatdayam, telefon nömrəm {ph}-dır.",
    "Mən, {me}, {by} ildə {bplace|loc} anadan olmuşam. Yaşayış yerim: {addr}. Əlaqə nömrəsi: {ph}.",
    "Mən, {me}, {bd} təvəllüdlüyəm, {bplace|loc} doğulmuşam, {addr} ünvanında yaşayıram, istifadə etdiyim nömrə {ph}-dir.",
    "Mən, {me}, {bd} tarixində anadan olmuşam, {addr} ünvanında yaşayıram. Mənimlə {ph} nömrəsi ilə əlaqə saxlamaq olar.",
)
INTRO_TAIL = ("Mənə cinayət məsuliyyəti izah edildi, ifadə verməyə razıyam.",
              "İşin mahiyyəti üzrə aşağıdakıları bildirirəm:",
              "Məsələ ilə bağlı izah edirəm ki,",
              "Verilən suallara belə cavab verirəm:")

V = {
    "recruit": (
        "{d} tarixində {city|loc} {R} adlı şəxslə tanış oldum. O, mənə {country|loc} {job} təklif etdi.",
        "Təxminən {d} {R} mənimlə görüşüb {dest|loc} yaxşı maaşlı iş olduğunu dedi və {job} təklif etdi.",
        "{d} qonşum vasitəsilə {R} ilə tanış oldum, o mənə {dest|loc} {job} vəd etdi.",
        "{R} ilə {city|loc}, kafedə görüşdük, bu {d} idi. O deyirdi ki, {country|loc} ayda 1000 dollar qazanacağam.",
        "{d} {R} evimizə gəldi və {country|dat} getməyi, orada {job} təklif etdi.",
        "Mənim {R|ins} tanışlığım {d} tarixində olub, o vaxt {R} {dest|loc} {job} olduğunu demişdi.",
    ),
    "recruit_org": (
        "{d} {org} adlı şirkətin elanını gördüm, ofisdə məni {R} qəbul etdi və {dest|loc} {job} təklif etdi.",
        "İnstaqramda {org} səhifəsində {country|loc} iş elanı var idi. {d} oraya getdim, {R} ilə danışdım.",
        "{d} tarixində {city|loc} yerləşən {org} ofisində {R} mənə {job} təklif etdi.",
        "{R} özünü {org} şirkətinin işçisi kimi təqdim etdi, bu {d} idi, və {dest|dat} getməyi məsləhət gördü.",
    ),
    "call": (
        "{d} {X} mənə {ph} nömrəsindən zəng etdi və yolun hazır olduğunu dedi.",
        "{X} mənə {ph} nömrəli telefondan dəfələrlə zəng edirdi, ilk dəfə {d} tarixində.",
        "{d} tarixində {ph} nömrəsindən zəng gəldi, danışan {X} idi.",
        "{X|gen} nömrəsi {ph} idi, o {d} mənə zəng edib sənədlərimi hazırlamağı tapşırdı.",
        "{d} {X} {ph} nömrəsi ilə mənə vatsapda yazdı.",
    ),
    "pay": (
        "{d} bilet və viza üçün {X|dat} {amt} verdim.",
        "Yol xərci adı ilə {X} məndən {amt} aldı, bu pulu ona {d} tarixində nağd verdim.",
        "{d} anam {X|dat} {amt} ödədi.",
        "Sənədlər üçün {X} {amt} istədi, {d} həmin pulu verdik.",
    ),
    "forged": (
        "{d} {X} mənim üçün başqa pasport düzəltdi, nömrəsi {doc} idi, bunun üçün {amt} alındı.",
        "Pasportumda yaşım düz deyildi, {X} {d} mənə {doc} nömrəli yeni pasport verdi.",
        "{d} tarixində {X} mənə {doc} nömrəli saxta pasport gətirdi.",
        "{X} pasport məsələsini həll etdi: {d} mənə {doc} nömrəli pasport verildi, {amt} ödənildi.",
    ),
    "leg": (
        "{d} {T} ilə {mode} {to|dat} getdik.",
        "Sonra {mode} {to|dat} apardılar, bu {d} idi, yanımda {T} var idi.",
        "{d} tarixində {T} məni {mode} {to|dat} apardı.",
    ),
    "leg_border": (
        "{d} {T} məni {plate} nömrəli maşında {bp} sərhəd-buraxılış məntəqəsindən keçirib {to|dat} apardı.",
        "{d} tarixində {bp} keçid məntəqəsindən {mode} {to|dat} keçdik, sürücü {T} idi, maşının nömrəsi {plate} idi.",
        "Biz {d} {bp} sərhəd məntəqəsindən keçdik. {T} {plate} dövlət nişanlı avtomobili idarə edirdi.",
        "{T} ilə birlikdə {d} {bp} postundan {to|dat} keçdik, nömrə nişanı {plate} olan maşınla.",
        "{d} {mode} yola düşdük, {bp} sərhədini keçəndə yanımda {T} var idi, maşının nömrəsi {plate} idi.",
    ),
    "leg_air": (
        "{d} {T} ilə birlikdə {bp} vasitəsilə təyyarə ilə {to|dat} uçduq.",
        "{d} tarixində {bp} vasitəsilə {to|dat} uçdum, məni {T} yola saldı.",
        "{T} məni {d} hava limanına aparıb {to|dat} uçan reysə mindirdi.",
        "Biletlərimi {T} almışdı, {d} {bp} vasitəsilə {to|dat} getdik.",
    ),
    "exploit": (
        "{dest|dat} çatanda {H} pasportumu ({doc}) əlimdən aldı və məni {org} adlı yerdə işləməyə məcbur etdi.",
        "{d} bizi {H} qarşıladı, {org} obyektində saxladılar, pasportum {doc} {H|gen} yanında qaldı.",
        "{dest|loc} məni {H} ilə tanış etdilər. O, {d} pasportumu götürdü, {org} adlı yerdə gecə-gündüz işlədirdilər.",
        "{d} tarixindən etibarən {dest|loc} {org} adlı yerdə işləyirdim, {H} bizə pul vermirdi, pasportum ({doc}) onda idi.",
        "{H} {d} sənədlərimi ({doc}) aldı, bizi {org} binasında kilid altında saxlayırdı.",
    ),
    "debt": (
        "{H} deyirdi ki, ona {amt} borcluyam və borcu qaytarmayınca gedə bilmərəm.",
        "Mənə dedilər ki, yol xərci ilə birlikdə borcum {amt} edir, {H} bunu hər gün xatırladırdı.",
        "{H|gen} dediyinə görə borcum {amt} idi.",
    ),
    "escape": (
        "{d} fürsət tapıb qaçdım və 152 qaynar xəttinə zəng etdim.",
        "{d} tarixində {dest|loc} polis əməliyyatı zamanı azad edildim.",
        "{d} konsulluğa müraciət etdim, bundan sonra məni vətənə qaytardılar.",
        "Nəhayət {d} tarixində {dest|dat} gələn bir həmyerlimizin köməyi ilə qaçmağa müvəffəq oldum.",
    ),
}
W = {
    "rel": (
        "{V} mənim {rel} olur.", "{V|ins} {rel} kimi yaxından tanışam.", "Mən {V|acc} çoxdan tanıyıram, o mənim {rel} olur.",
        "{V} ilə münasibətim: {rel}.",
    ),
    "recruit": (
        "{d} {V|acc} {city|loc} {R} ilə birlikdə gördüm.",
        "{V} mənə danışırdı ki, {R} ona {dest|loc} {job} təklif edib. Bu {d} tarixində olub.",
        "Bildiyimə görə {d} {R} {V|ins} görüşüb, ona {country|dat} getməyi təklif edib.",
        "{R|acc} tanıyıram, {d} o, {V|ins} bizim həyətdə danışırdı.",
    ),
    "call": (
        "{V} deyirdi ki, {X} ona {ph} nömrəsindən zəng edir.",
        "{d} {V|gen} yanında olarkən {ph} nömrəsindən zəng gəldi, danışan {X} idi.",
        "{X|gen} telefon nömrəsini {V} mənə vermişdi: {ph}.",
    ),
    "pay": (
        "{d} biz {X|dat} {amt} verdik ki, {V|acc} işə düzəltsin.",
        "{V} getməzdən əvvəl {X} ailədən {amt} aldı, bu {d} idi.",
        "Mən özüm {d} tarixində {X|dat} {amt} ödədim.",
    ),
    "leg_border": (
        "{d} {V} {plate} nömrəli maşınla getdi, maşını {T} sürürdü.",
        "{V|acc} {d} {T} apardı, maşının nömrəsi {plate} idi, deyəsən {bp} tərəfə getdilər.",
        "{d} tarixində {V|gen} {T} ilə {plate} nömrəli avtomobilə mindiyini gördüm.",
    ),
    "leg_air": (
        "{d} {V} {bp} vasitəsilə {to|dat} uçdu, onu {T} yola saldı.",
        "{V|acc} {d} {T} hava limanına apardı.",
    ),
    "escape": (
        "{d} {V} {dest|abl} zəng edib kömək istədi.",
        "{V} {d} tarixində geri qayıtdı, çox pis vəziyyətdə idi.",
        "{d} {V|gen} qaçdığını eşitdim.",
    ),
}
S = {
    "deny": (
        "Mənə qarşı olan şübhəni qəbul etmirəm, heç kimi aldatmamışam.",
        "İnsan alveri ilə heç bir əlaqəm yoxdur.",
        "Günahımı qismən etiraf edirəm.",
        "Etdiyim əmələ görə peşmanam, həqiqəti danışacağam.",
    ),
    "know": (
        "{O|acc} {d} tarixindən tanıyıram.",
        "{O} ilə {d} tanış olmuşam, o, bu işlərin başında durur.",
        "Mən {O|gen} tapşırığı ilə işləyirdim, onu {d} tanıyıram.",
    ),
    "recruit": (
        "{d} {V|ins} {city|loc} görüşdüm və ona {dest|loc} iş təklif etdim.",
        "{V|acc} {O|dat} mən tanış etmişəm, bu {d} olub.",
        "{d} tarixində {V|dat} {country|loc} iş olduğunu dedim.",
    ),
    "leg_border": (
        "{d} {V|acc} {plate} nömrəli maşınımla {bp} məntəqəsindən keçirdim.",
        "Mən {d} {plate} nömrəli avtomobildə {V|acc} {to|dat} apardım.",
        "{d} tarixində {V} ilə {bp} sərhədindən {to|dat} keçdik, maşın {plate} idi.",
    ),
    "leg_air": (
        "{d} {V|acc} hava limanına apardım və {to|dat} uçan reysə mindirdim.",
        "{V|gen} biletini mən almışdım, o {d} {to|dat} uçdu.",
    ),
    "forged": (
        "{O|gen} xahişi ilə {d} {V|gen} adına {doc} nömrəli pasport hazırladım, {amt} aldım.",
        "{d} {doc} nömrəli sənədi mən düzəltmişəm, pulunu {O} verdi: {amt}.",
    ),
    "exploit": (
        "{V} {d} tarixindən {org} adlı yerdə işləyirdi.",
        "{d} {V|acc} {dest|loc} qarşıladım və {org} obyektinə apardım.",
    ),
    "transfer": (
        "{d} {H|abl} {amt} aldım və {O|dat} çatdırdım.",
        "{H} mənə {d} {amt} göndərdi, mən pulu {O|dat} verdim.",
        "{d} tarixində {M} vasitəsilə {O|dat} {amt} göndərildi.",
    ),
    "transfer_denied": (
        "{d} {M} vasitəsilə mənə {amt} göndərildiyini inkar edirəm.",
        "{H} və ya {M} ilə heç bir pul münasibətim olmayıb, {d} tarixində {amt} almamışam.",
        "{M|gen} {d} kimə {amt} göndərdiyini bilmirəm.",
    ),
    "phone": (
        "{ph} nömrəsi mənə məxsusdur.",
        "İstifadə etdiyim nömrə {ph}-dir.",
    ),
}
N = (
    "Adları çəkilən şəxsləri tanımıram, {d} tarixində {city|loc} idim.",
    "Məni başqa adamla səhv salıblar. {d} mən {city|loc} işdə idim, nömrəm {ph}-dir.",
    "Həmin vaxt, yəni {d}, heç yerə getməmişəm, {city|loc} yaşayıram.",
    "{V} adlı şəxsi tanımıram, mənim adaşım ola bilər.",
)
CLOSING = (
    "Protokolu oxudum, ifadəm düzgün yazılıb. Əlavəm yoxdur.",
    "Protokol mənim sözlərimdən düzgün yazılıb, şəxsən oxudum.",
    "Başqa deməyə sözüm yoxdur.",
    "İfadəmi oxudum, iradım yoxdur. İmza.",
)
RELATIONS = {"mother": ("qızım", "oğlum"), "father": ("qızım", "oğlum"), "brother": ("bacım", "qardaşım"),
             "sister": ("bacım", "qardaşım"), "spouse": ("həyat yoldaşım", "həyat yoldaşım"),
             "neighbour": ("qonşum", "qonşum"), "friend": ("rəfiqəm", "dostum"),
             "colleague": ("iş yoldaşım", "iş yoldaşım"), "driver": ("sərnişinim", "sərnişinim")}

"""Case endings: the surface forms a name or place takes in running text.

Azerbaijani is agglutinative (Bakı -> Bakıya, Bakıdan, Bakıdakı); Russian declines (Москва ->
в Москве, из Москвы; Дубай -> в Дубае). English adds a possessive. Forms are generated from the
dictionary spelling, so the gazetteers hold only base forms.
"""

from __future__ import annotations

from ingest.extract.folding import fold

AZ_SUFFIXES = tuple(
    fold(s)
    for s in (
        "a ə ya yə da də dan dən ı i u ü yı yi yu yü nı ni nu nü ın in un ün nın nin nun nün "
        "la lə yla ylə dakı dəki dakılar dəkilər na nə nda ndə ndan ndən nı gil ilə"
    ).split()
)
RU_ENDINGS = tuple(
    fold(s)
    for s in (
        "а я у ю е и ы ой ей ом ем ью ии ию ией ая ую ого его ому ему ым им ых их ые ие ый ий "
        "ой ым"
    ).split()
)
_RU_STRIP2 = tuple(fold(s) for s in "ый ий ой ая яя ое ее ые ие".split())
_RU_STRIP1 = tuple("аяйеоиыьу")
EN_SUFFIXES = ("'s", "s'")


def russian_stem(word: str) -> str:
    w = fold(word)
    if len(w) > 4 and w.endswith(_RU_STRIP2):
        return w[:-2]
    if len(w) > 3 and w.endswith(_RU_STRIP1):
        return w[:-1]
    if len(w) == 3 and w.endswith(("а", "я")):  # Роя -> Рои, Роей
        return w[:-1]
    return w


def forms(word: str, lang: str) -> set[str]:
    """Folded surface forms of one word written in ``lang`` (the word itself included)."""
    base = fold(word)
    out = {base}
    if lang == "az":
        out.update(base + s for s in AZ_SUFFIXES)
        if base.endswith("k"):  # Azerbaijani k -> y before a vowel (Türk -> Türkə is rare)
            out.update(base[:-1] + "y" + s for s in AZ_SUFFIXES if s[:1] in "aəıiuü")
        if base.endswith("q"):  # q -> ğ before a vowel (Çolaq -> Çolağa)
            out.update(base[:-1] + "ğ" + s for s in AZ_SUFFIXES if s[:1] in "aəıiuü")
    elif lang == "ru":
        stem = russian_stem(word)
        out.update(stem + e for e in RU_ENDINGS)
        if stem.endswith("ь"):
            out.update(stem[:-1] + e for e in RU_ENDINGS)
        if base.endswith("ец"):  # Дербент-like stems keep; -ец loses its vowel
            out.update(base[:-2] + "ц" + e for e in RU_ENDINGS)
    else:
        out.update(base + s for s in EN_SUFFIXES)
    return out


def strip_az(word: str) -> list[str]:
    """Possible Azerbaijani base forms of a folded word (the word itself first)."""
    out = [word]
    for s in AZ_SUFFIXES:
        if len(word) > len(s) + 2 and word.endswith(s):
            out.append(word[: -len(s)])
    return out

"""Russian and English spellings of Azerbaijani Latin names ("Rəşad" -> Рашад, Rashad).

Used to widen the name gazetteer; each letter may have a few customary renderings, so a name
yields a small set of spellings (capped), not one.
"""

from __future__ import annotations

from itertools import product

_EN = {
    "ə": ("a", "e"), "ı": ("i",), "ş": ("sh",), "ç": ("ch",), "ğ": ("g", "gh"), "ö": ("o",),
    "ü": ("u",), "x": ("kh", "x"), "c": ("j",), "q": ("g", "q", "k"), "i̇": ("i",),
}
_RU_DIGRAPHS = {"ya": ("я",), "yə": ("я",), "yu": ("ю",), "yü": ("ю",), "ye": ("е",), "yo": ("ё",)}
_RU = {
    "a": ("а",), "b": ("б",), "c": ("дж",), "ç": ("ч",), "d": ("д",), "e": ("е",),
    "ə": ("а", "е", "я"), "f": ("ф",), "g": ("г",), "ğ": ("г",), "h": ("г", "х"), "x": ("х",),
    "ı": ("ы", "и"), "i": ("и",), "j": ("ж",), "k": ("к",), "q": ("г", "к"), "l": ("л",),
    "m": ("м",), "n": ("н",), "o": ("о",), "ö": ("ё", "о"), "p": ("п",), "r": ("р",),
    "s": ("с",), "ş": ("ш",), "t": ("т",), "u": ("у",), "ü": ("ю", "у"), "v": ("в",),
    "y": ("й",), "z": ("з",),
}
_RU_INITIAL = {"e": ("э",), "ə": ("а", "э")}
_CAP = 24


def _lower(word: str) -> str:
    return word.replace("İ", "i").replace("I", "ı").lower()


def _expand(pieces: list[tuple[str, ...]]) -> set[str]:
    out: set[str] = set()
    for combo in product(*pieces):
        out.add("".join(combo).capitalize())
        if len(out) >= _CAP:
            break
    return out


def english_spellings(name: str) -> set[str]:
    pieces = [_EN.get(ch, (ch,)) for ch in _lower(name)]
    return _expand(pieces)


def english_spelling(text: str) -> str:
    """The customary English spelling of Azerbaijani Latin text, word by word ("Səməd Vurğun"
    -> "Samad Vurgun"): the first rendering of every letter, capitals kept."""
    out = []
    for ch in text:
        low = _lower(ch)
        rendering = _EN.get(low, (low,))[0]
        out.append(rendering.capitalize() if ch.isupper() and ch != low else rendering)
    return "".join(out)


def russian_spellings(name: str) -> set[str]:
    word = _lower(name)
    pieces: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _RU_DIGRAPHS:
            pieces.append(_RU_DIGRAPHS[pair])
            i += 2
            continue
        ch = word[i]
        if i == 0 and ch in _RU_INITIAL:
            pieces.append(_RU_INITIAL[ch])
        else:
            pieces.append(_RU.get(ch, (ch,)))
        i += 1
    return _expand(pieces)

"""The statement cut into tokens once, as plain parallel lists the rule components share.

Words are runs of letters or digits; every other non-space character is a token of its own,
except initials ("R.", "Р.Р."), which stay one token. ``sentence_start[i]`` says whether token
``i`` opens a sentence or a line (a capital there says less about being a name).
A regular expression does this in one pass: on 2 KB statements it is ~10x quicker than a
spaCy tokenizer plus ``Token`` objects, and the rules need nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.folding import fold

UPPER = "A-ZƏÜÖĞIŞÇİА-ЯЁ"
_TOKEN = re.compile(rf"(?:[{UPPER}]\.){{1,3}}(?![^\W\d_])|[^\W_]+|\S")
_SENTENCE_END = frozenset("!?:;\n")
# A full stop after these abbreviations does not end the sentence ("г. Баку", "ул. Низами").
_ABBREVIATIONS = frozenset(
    "г гг ул д кв пр тел им т см стр корп пос с обл st mr mrs ms dr no ave apt rd tel küç prosp".split()
)


@dataclass(frozen=True, slots=True)
class Tokens:
    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    folded: list[str]
    sentence_start: list[bool]

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, i: int) -> str:
        """The characters between token ``i`` and token ``i + 1``."""
        return self.text[self.ends[i] : self.starts[i + 1]]


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentence_start: list[bool] = []
    new_sentence = True
    prev_end = 0
    for m in _TOKEN.finditer(text):
        word = m.group()
        if "\n" in text[prev_end : m.start()]:
            new_sentence = True
        words.append(word)
        starts.append(m.start())
        ends.append(m.end())
        sentence_start.append(new_sentence)
        if word == ".":
            new_sentence = not (words[-2:-1] and words[-2].lower() in _ABBREVIATIONS)
        else:
            new_sentence = word in _SENTENCE_END
        prev_end = m.end()
    whole = fold(text)
    if len(whole) == len(text):  # folding kept every offset: slice it instead of folding each word
        folded = [whole[a:b] for a, b in zip(starts, ends)]
    else:
        folded = [fold(w) for w in words]
    return Tokens(text, words, starts, ends, folded, sentence_start)

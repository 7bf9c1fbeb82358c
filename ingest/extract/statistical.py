"""The optional statistical model: the one place where a trained spaCy NER may join the rules.

If a spaCy model package for the statement's language is installed (``ru_core_news_sm``,
``en_core_web_sm``, ...), its PER entities are offered as extra person candidates with a lower
confidence; the rules win every overlap. Nothing is ever downloaded: when no package is
installed, this returns no candidates and the rules work alone.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from ingest.extract.mention import Mention

MODEL_PACKAGES = {"ru": ("ru_core_news_sm", "ru_core_news_md"), "en": ("en_core_web_sm", "en_core_web_md")}
_PERSON_LABELS = {"PER", "PERSON"}


@cache
def model(lang: str) -> Language | None:
    for package in MODEL_PACKAGES.get(lang, ()):
        if spacy.util.is_package(package):
            return spacy.load(package, exclude=["parser", "lemmatizer", "attribute_ruler"])
    return None


def person_candidates(text: str, lang: str) -> list[Mention]:
    nlp = model(lang)
    if nlp is None:
        return []
    return [
        Mention("person", ent.text, ent.start_char, ent.end_char, ent.text, 0.6)
        for ent in nlp(text).ents
        if ent.label_ in _PERSON_LABELS
    ]

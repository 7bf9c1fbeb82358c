"""Statement extraction: Azerbaijani, Russian and English statements -> typed mentions.

``extract(text, lang=None)`` returns :class:`Mention` objects with exact character offsets
and normalised values; ``detect_language(text)`` tells az / ru / en. Pure: nothing is written.
"""

from ingest.extract.language import LANGUAGES, detect_language
from ingest.extract.mention import MENTION_TYPES, Mention
from ingest.extract.pipeline import extract

__all__ = ["LANGUAGES", "MENTION_TYPES", "Mention", "detect_language", "extract"]

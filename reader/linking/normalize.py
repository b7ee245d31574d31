"""Fold text so that spelling noise does not stop a match.

Matching works on tokens (runs of word characters, or single punctuation
marks), each folded: diacritics removed (`Wałęsa` → `Walesa`), curly quotes
and apostrophes made straight, dashes made plain. Tokens are folded one by
one and matched where they stand, so folding never shifts a highlight.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Letters that Unicode does not decompose into a base letter and a mark.
SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
    "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
    "Þ": "Th", "ð": "d", "Ð": "D",
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
})

TOKEN = re.compile(r"\w+|[^\w\s]")
#: A paragraph break: a line with nothing but spaces between two newlines. No name runs across one,
#: and cue words are read within their paragraph.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


#: `11th`, `2nd`: an ordinal is its number, so `September 11th` is `September 11`.
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Strip diacritics, normalise quotes and dashes, and read ordinals as numbers; keeps case."""
    ascii_only = text.isascii()
    if not ascii_only:
        text = text.translate(SPECIAL)
    elif "`" in text:  # the one ASCII character SPECIAL changes: `translate` is slow for what it leaves alone
        text = text.replace("`", "'")
    if text[:1].isdigit():
        ordinal = _ORDINAL.fullmatch(text)
        text = ordinal.group(1) if ordinal else text
    if ascii_only or text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_tokens(text: str) -> tuple[str, ...]:
    """The folded tokens of a short text, such as an alias or a query; none is empty."""
    return tuple(filter(None, map(fold, TOKEN.findall(text))))  # in C throughout: a build folds every alias

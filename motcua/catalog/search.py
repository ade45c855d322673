"""Diacritics-insensitive Vietnamese text for search.

"Đăng ký khai sinh", "dang ky khai sinh" and "DANG KY KHAI SINH" all become "dang ky khai sinh"
(``normalise``; the applicant names of the work queues are folded this way). The procedure
catalogue goes one step further (``canonical``): the spellings Vietnamese orthography allows side
by side fold to one form, so "đăng kí", "dang ki" and "đăng ký" find the same procedures. Tone
placement ("uỷ"/"ủy", "hoà"/"hòa") disappears with the diacritics already.

The folded text is stored on the version (search_name, search_text) by the services and matched
token by token at word starts, which behaves the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d plus a combining mark, so NFD leaves them alone.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# A syllable whose only vowel is a final i or y after its initial consonant(s) is written
# either way (kí/ký, lí/lý, mĩ/mỹ, sĩ/sỹ, tí/tý, hi/hy, công ti/công ty, qui/quy định): both
# spellings are in use in official texts, so they fold to "i". Where the i/y follows another
# vowel (tai/tay, hui/huy, thùi/thủy) the words differ and are left alone.
_I_OR_Y = re.compile(r"^(?:[bcdghklmnprstvx]+|qu)y$")


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_LETTER_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", stripped.lower()).split())


def padded(text: str) -> str:
    """The stored form: normalised with a space at each end, so that " word" finds a word start
    and " phrase " a whole phrase anywhere, including at the edges."""
    return f" {normalise(text)} "


def tokens(query: str) -> list[str]:
    """The distinct words of a query, in order."""
    return _distinct(normalise(query).split())


def _canonical_word(word: str) -> str:
    return word[:-1] + "i" if _I_OR_Y.match(word) else word


def canonical(text: str) -> str:
    """``normalise`` with the alternative spellings folded to one (đăng kí = đăng ký)."""
    return " ".join(_canonical_word(word) for word in normalise(text).split())


def canonical_tokens(query: str) -> list[str]:
    """The distinct words of a catalogue query, folded as the catalogue's search columns are."""
    return _distinct(canonical(query).split())


def _distinct(words: list[str]) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word not in seen:
            seen.append(word)
    return seen

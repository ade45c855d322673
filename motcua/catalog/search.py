"""Diacritics-insensitive Vietnamese text for procedure search.

"Đăng ký khai sinh", "dang ky khai sinh" and "DANG KY KHAI SINH" all become "dang ky khai sinh".
The normalised text is stored on the version (search_name, search_text) by the services and
matched token by token at word starts, which behaves the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d plus a combining mark, so NFD leaves them alone.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


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
    seen: list[str] = []
    for word in normalise(query).split():
        if word not in seen:
            seen.append(word)
    return seen

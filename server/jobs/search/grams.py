"""CJK bigram normalisation shared by the indexer and the query builder (DESIGN §5).

Text is NFKC-normalised and lower-cased, then cut into *runs* of word characters (Unicode
letters, digits and combining marks); everything else separates runs. A document is indexed
twice over:

* the overlapping bigrams `c1c2 … c(n-1)cn` of every run, in order (positions matter):
  a word of 2+ characters is the phrase of its bigrams;
* the set of its single characters: a word of 1 character is one lookup there. (This is the
  "prefix" of DESIGN §5 made exact and cheap: a set of distinct characters per document is
  far smaller than a prefix index over every gram.)

The same grams serve SQLite (FTS5 over space-separated gram text) and PostgreSQL (a text[]
of grams under GIN), so this module has no database code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Longest single free word we accept (characters after normalisation); longer words are
# refused by the API rather than silently truncated.
MAX_WORD_CHARS = 50


def normalise(text: str) -> str:
    """NFKC + lower-case: full/half-width and case variants compare equal."""
    return unicodedata.normalize("NFKC", text).lower()


def _is_word_char(c: str) -> bool:
    cat = unicodedata.category(c)
    return cat[0] in "LNM"


# Runs found by the regex engine instead of one Python step per character: `[^\W_]` is a
# letter or a number. It is used for a text only when every distinct character in it was
# checked once to be in a run exactly when its category is L or N — so never for a text
# with a combining mark (M), which `\w` leaves out (the character loop handles those).
_LETTERS_OR_NUMBERS = re.compile(r"[^\W_]+")
_CHECKED: set[str] = set()


def _checked(chars: set[str]) -> bool:
    for c in chars - _CHECKED:
        if bool(_LETTERS_OR_NUMBERS.fullmatch(c)) != (unicodedata.category(c)[0] in "LN"):
            return False
        if unicodedata.category(c)[0] == "M":
            return False
        if len(_CHECKED) < 100_000:
            _CHECKED.add(c)
    return True


def runs(text: str) -> Iterator[str]:
    """Maximal runs of word characters of the normalised text."""
    norm = normalise(text)
    if _CHECKED.issuperset(norm) or _checked(set(norm)):
        yield from _LETTERS_OR_NUMBERS.findall(norm)
        return
    start = -1
    for i, c in enumerate(norm):
        if _is_word_char(c):
            if start < 0:
                start = i
        elif start >= 0:
            yield norm[start:i]
            start = -1
    if start >= 0:
        yield norm[start:]


def bigrams(text: str) -> list[str]:
    """The overlapping bigrams of every run of `text`, in order."""
    return [r[i : i + 2] for r in runs(text) for i in range(len(r) - 1)]


def chars(text: str) -> set[str]:
    """The distinct word characters of `text`."""
    return {c for r in runs(text) for c in r}


# Put between runs in the positional column so that the last bigram of one run and the first
# of the next are not adjacent ("ab。bc" must not match the word "abc"). NFKC turns this
# full-width bar into "|", so no normalised gram can ever equal it.
RUN_BREAK = "\uff5c"


def gram_text(text: str) -> str:
    """Space-separated bigrams, runs kept apart: the positional column of the index."""
    return runs_gram_text(runs(text))


def runs_gram_text(text_runs: Iterable[str]) -> str:
    """gram_text of the text with these runs."""
    return f" {RUN_BREAK} ".join(
        " ".join(r[i : i + 2] for i in range(len(r) - 1)) for r in text_runs if len(r) > 1
    )


def char_text(text: str) -> str:
    """Space-separated distinct characters, sorted: the single-character column."""
    return " ".join(sorted(chars(text)))


@dataclass(frozen=True)
class WordQuery:
    """One query word as database-neutral pieces: each run is a phrase or a character.

    `phrases` are runs of 2+ characters as bigram lists; `singles` are 1-character runs.
    A word matches a document when every piece matches (a word like "C++" or "東京 都"
    contains several runs).
    """

    word: str
    phrases: tuple[tuple[str, ...], ...]
    singles: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.singles


def word_query(word: str) -> WordQuery:
    phrases: list[tuple[str, ...]] = []
    singles: list[str] = []
    for r in runs(word):
        if len(r) == 1:
            singles.append(r)
        else:
            phrases.append(tuple(r[i : i + 2] for i in range(len(r) - 1)))
    return WordQuery(word, tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(singles)))


def split_words(text: str) -> list[str]:
    """Split a free-word box on (full- or half-width) spaces."""
    return [w for w in normalise(text).split() if w]

"""What SQLite's index carries besides the tokens both engines share (tokens.py), and why.

FTS5 intersects posting lists by leapfrogging, but inside a 4 KB page a seek is a linear
walk: once candidates come more often than one a page, every list of the expression is
decoded whole (≈ 20 ns an entry). Two additions keep the costly cases short.

Regional facets. The form's yes/no, day-off, 定年, 免許 and 求人区分/就業形態/雇用形態 boxes hold
for a third to nine tenths of all postings, and a search within a prefecture used to walk
their national lists (日 off: 673,000 of 980,000). Each such facet token t is also carried as
`p{prefecture}{t}` (`p13dosat`), and a search within some prefectures (its 就業場所 slots,
with or without municipalities: at most three) asks for those instead, an OR of the
prefectures' lists when there are several: 1/10 to 1/100 as long for one. Exact: within
prefecture P, t and `pPt` hold for the same postings, and the search's own place clause
keeps it within its prefectures. Not regional: the cumulative hour, wage and age steps (dozens a
posting) and the codes and places (short lists already).

Counted tokens. A free word that is one frequent phrase (phrases.PHRASES: 未経験 is in
440,000 open postings of 1,000,000) or a 事業所名 that is one legal form (株式会社) is one long
list, and counting it is FTS5's row loop at ≈ 100 ns a match. `job_token_days` keeps the
number of open postings carrying each such token per (受付年月日, 紹介期限日), as
job_open_days does for all of them (open_days.py): a search for just that word takes its
exact total, and its 紹介期限日 groups, from a few hundred rows. It changes with the index
row in the same transaction (index.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from server.jobs.search.phrases import COMPANY_PHRASES, PHRASES
from server.jobs.search.tokens import COMPANY, Memo, facet_text, text_parts

REGION = "p"  # p{prefecture code}{facet token}: no shared token starts with p and a digit
_REGIONAL_PATTERN = r"(?:f|ws|et|ca|do|ra|dl|cr|isno|em|otle)[a-z0-9]+|agelim"
_REGIONAL = re.compile(_REGIONAL_PATTERN)
# The same over a whole space-separated column, in one pass (importer speed).
_REGIONAL_IN = re.compile(rf"(?<!\S)(?:{_REGIONAL_PATTERN})(?!\S)")
_PREFECTURE_IN = re.compile(r"(?<!\S)pf(\d+)(?!\S)")
_LONG_IN = re.compile(r"(?<!\S)[^ ]{3,}(?!\S)")  # the bag's phrases (its characters: 1)
_COMPANY_IN = re.compile(rf"(?<!\S){COMPANY}[^ ]{{4,}}(?!\S)")  # no bigram or character
COMPANY_TOKENS: frozenset[str] = frozenset(COMPANY + p for p in COMPANY_PHRASES)
COUNTED: frozenset[str] = PHRASES | COMPANY_TOKENS


@lru_cache(maxsize=4096)
def regional(token: str) -> bool:
    """A facet token that is also carried per prefecture."""
    return _REGIONAL.fullmatch(token) is not None


def regional_token(prefecture: str, token: str) -> str:
    return f"{REGION}{prefecture}{token}"


# counted_tokens finds the company tokens by this pattern: every counted one must match it.
assert all(_COMPANY_IN.fullmatch(t) for t in COMPANY_TOKENS)


def sqlite_document(p: Mapping[str, Any]) -> tuple[str, str, int, str, list[str]]:
    """A posting's index document for the importer's workers: g, u, the length of f,
    sqlite_facets(f) and counted_tokens(u, f), where (g, u, f) = tokens.index_document(p).

    Made from the facets' groups of tokens as text (tokens.FacetText): the same few group
    texts recur from posting to posting, so their regional copies and counted tokens are
    remembered per text. A test compares this with the joined-text way.
    """
    g, bag = text_parts(p)
    facets = facet_text(p)
    f = facets.text
    code = facets.prefecture
    if code.isascii() and code.isdigit():
        # Its token `pf{code}` is what _PREFECTURE_IN finds: no token before it starts with pf.
        head = REGION + code
    elif prefecture := _PREFECTURE_IN.search(f):
        head = REGION + prefecture.group(1)
    else:
        head = ""
    sf = f
    if head:
        regional_text = " ".join(filter(None, map(_REGIONAL_TEXT.__getitem__, facets.boxes)))
        if regional_text:
            # Box tokens hold no space (fixed names and enum values), so one replace puts
            # the prefix before each.
            sf = f"{f} {head}{regional_text.replace(' ', ' ' + head)}"
    counted = sorted(bag & PHRASES)
    if facets.company:
        counted.extend(_COUNTED_COMPANY[facets.company])
    return g, " ".join(sorted(bag)), len(f), sf, counted


# A box group's text → the regional ones of its tokens, as text.
_REGIONAL_TEXT: Memo[str, str] = Memo(
    lambda text: " ".join(t for t in text.split(" ") if regional(t)), 100_000
)
# A 事業所名's tokens as text → its counted ones.
_COUNTED_COMPANY: Memo[str, tuple[str, ...]] = Memo(
    lambda text: tuple(t for t in text.split(" ") if t in COMPANY_TOKENS), 100_000
)


def sqlite_facets(f: str) -> str:
    """The facet column as SQLite indexes it: the shared facet tokens, then the regional
    copies of those that have one."""
    prefecture = _PREFECTURE_IN.search(f)
    if prefecture is None:
        return f
    head = REGION + prefecture.group(1)
    extra = [head + t for t in _REGIONAL_IN.findall(f)]
    return f"{f} {' '.join(extra)}" if extra else f


def counted_tokens(u: str, f: str) -> list[str]:
    """The tokens of an index row whose open postings are counted per day."""
    out = [t for t in _LONG_IN.findall(u) if t in PHRASES]
    out.extend(t for t in _COMPANY_IN.findall(f) if t in COMPANY_TOKENS)
    return out


def prefectures_of(places: Iterable[str]) -> tuple[str, ...]:
    """The prefectures of a place clause's tokens (`pf13`, `mu13103` …), sorted."""
    return tuple(sorted({t[2:4] for t in places}))

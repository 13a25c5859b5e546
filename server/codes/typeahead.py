"""Type-ahead over the 職業分類: its 1,345 names and its 16,178 example job titles (該当例).

Typing プログラマー offers 10404 プログラマー first (its name is the word), then the 細分類
whose example titles contain the word (ＷＥＢアプリケーションプログラマー is an example of
10404 too, ＮＣ工作機械プログラマー of a 細分類 elsewhere). Text is compared NFKC-folded, so
full- and half-width letters and case do not matter; a code typed as such finds its node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from server.codes.tables import (
    Classification,
    ancestors,
    classification_by_code,
    example_titles,
    fold,
)

MAX_EXAMPLES = 3  # example titles shown with one match


@dataclass(frozen=True)
class Match:
    node: Classification
    path: tuple[str, ...]  # names of its ancestors, broadest first
    examples: tuple[str, ...]  # matching example titles


@cache
def _folded_names() -> tuple[tuple[str, Classification], ...]:
    return tuple((fold(c.name_ja), c) for c in classification_by_code().values())


@cache
def _folded_examples() -> tuple[tuple[str, str, str], ...]:
    """(folded title, 細分類, title) in code order."""
    return tuple((fold(e.title), e.fine, e.title) for e in example_titles())


def _match(node: Classification, examples: tuple[str, ...] = ()) -> Match:
    path = tuple(a.name_ja for a in ancestors(node.code)[:-1])
    return Match(node, path, examples)


def search(query: str, limit: int = 20) -> list[Match]:
    """Matches for a typed word, best first: a code, names equal to / starting with /
    containing the word (broader levels first), then 細分類 by their matching examples."""
    q = fold(query).strip()
    if not q:
        return []
    nodes = classification_by_code()
    out: list[Match] = []
    seen: set[str] = set()

    def add(m: Match) -> bool:
        if m.node.code not in seen:
            seen.add(m.node.code)
            out.append(m)
        return len(out) >= limit

    code = q.upper()
    if code in nodes and add(_match(nodes[code])):
        return out
    names = _folded_names()
    tiers = (
        [c for name, c in names if name == q],
        [c for name, c in names if name.startswith(q) and name != q],
        [c for name, c in names if q in name and not name.startswith(q)],
    )
    for tier in tiers:
        for node in sorted(tier, key=lambda c: (c.level, c.code)):
            if add(_match(node, _examples_in(node.code, q))):
                return out
    by_fine: dict[str, list[str]] = {}
    for folded, fine, title in _folded_examples():
        if q in folded:
            by_fine.setdefault(fine, []).append(title)
    for fine, titles in sorted(by_fine.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if add(_match(nodes[fine], tuple(titles[:MAX_EXAMPLES]))):
            return out
    return out


def _examples_in(code: str, q: str) -> tuple[str, ...]:
    if len(code) != 5:
        return ()
    return tuple(t for f, fine, t in _folded_examples() if fine == code and q in f)[:MAX_EXAMPLES]

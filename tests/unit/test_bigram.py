"""The bigram normaliser and query builder, checked against a real SQLite FTS5 index.

Property: a document that contains a word (after NFKC + lower-case) is always found by that
word — including 1- and 2-character words and mixed full/half-width text — and a word whose
runs are absent is never found.
"""

from __future__ import annotations

import sqlite3
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from server.jobs.search.engine import fts_expression
from server.jobs.search.fts import CREATE_FTS, INSERT_FTS
from server.jobs.search.grams import (
    RUN_BREAK,
    bigrams,
    chars,
    gram_text,
    normalise,
    runs,
    split_words,
    word_query,
)
from server.jobs.search.phrases import PHRASES
from server.jobs.search.tokens import SearchPlan, text_columns


def _index(texts: list[str]) -> sqlite3.Connection:
    """A real FTS5 index of the texts, built as postings are (tokens.text_columns)."""
    conn = sqlite3.connect(":memory:")
    conn.execute(CREATE_FTS)
    conn.executemany(INSERT_FTS, [(i + 1, *text_columns([t]), "xall") for i, t in enumerate(texts)])
    return conn


def _found(conn: sqlite3.Connection, word: str, *, frequent: bool = True) -> set[int]:
    q = word_query(word)
    expr = fts_expression(SearchPlan(clauses=((q,),), not_words=()), frequent=frequent)
    assert expr is not None
    return {r[0] for r in conn.execute("SELECT rowid FROM job_fts WHERE job_fts MATCH ?", (expr,))}


# Japanese and Latin text with the width variants people type.
JA = st.sampled_from(
    list(
        "あいうえおかきくけこがぎぐアイウエオカキクケコガギグ介護事務車英語看護師未経験者歓迎東京都大阪府"
    )
    + list("ｱｲｳｴｵｶｷｸｹｺｶﾞｷﾞｸﾞﾊﾟ")
    + list("ABCabcＡＢＣａｂｃ012０１２")
    + list(" 　、。・（）()-ー/")
)
ja_text = st.lists(JA, max_size=40).map("".join)


@given(before=ja_text, word=st.lists(JA, min_size=1, max_size=6).map("".join), after=ja_text)
@settings(max_examples=300, deadline=None)
def test_a_contained_word_is_found(before: str, word: str, after: str) -> None:
    text = before + word + after
    assume(any(runs(word)))  # a word of punctuation only is not a search word
    assume(normalise(word) in normalise(text))  # e.g. ｶ + ﾞ composes across the boundary
    conn = _index(["無関係な文章です", text])
    for w in split_words(word):
        if any(runs(w)):
            assert 2 in _found(conn, w), (text, w)


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_any_unicode_substring_is_found(data: st.DataObject) -> None:
    text = data.draw(st.text(min_size=1, max_size=60))
    start = data.draw(st.integers(0, len(text) - 1))
    word = text[start : start + data.draw(st.integers(1, 6))]
    for w in split_words(word):
        if any(runs(w)) and normalise(w) in normalise(text):
            assert _found(_index([text]), w) == {1}, (text, w)


@given(text=ja_text, word=st.lists(JA, min_size=1, max_size=4).map("".join))
@settings(max_examples=300, deadline=None)
def test_a_single_run_word_is_found_exactly_when_contained(text: str, word: str) -> None:
    w_runs = list(runs(word))
    assume(len(w_runs) == 1)
    contained = any(w_runs[0] in r for r in runs(text))
    assert bool(_found(_index([text]), word)) == contained, (text, word)


def test_one_and_two_character_words() -> None:
    conn = _index(["社用車で配送", "介護職員", "車", "営業事務", "自動車整備"])
    assert _found(conn, "車") == {1, 3, 5}
    assert _found(conn, "介護") == {2}
    assert _found(conn, "事務") == {4}
    assert _found(conn, "護") == {2}  # the last character of a run


def test_width_and_case_variants_meet() -> None:
    conn = _index(["ＥＸＣＥＬ経験者", "ｶﾞｲﾄﾞ業務", "excel"])
    assert _found(conn, "excel") == {1, 3}
    assert _found(conn, "Ｅｘｃｅｌ") == {1, 3}
    assert _found(conn, "ガイド") == {2}
    assert _found(conn, "ｶﾞｲﾄﾞ") == {2}


def test_runs_do_not_join_across_punctuation() -> None:
    conn = _index(["xab。bcd", "abcd"])
    assert _found(conn, "abc") == {2}


def test_run_break_never_equals_a_gram() -> None:
    assert unicodedata.normalize("NFKC", RUN_BREAK) == "|"
    assert RUN_BREAK not in bigrams("a｜b ab｜cd") + sorted(chars("a｜b"))
    assert gram_text("ab｜cd") == f"ab {RUN_BREAK} cd"


# Texts made of pieces of the frequent phrases, so phrases occur whole, cut and overlapping.
PHRASE_BITS = st.sampled_from(
    sorted(PHRASES)
    + [p[: len(p) // 2] for p in PHRASES]
    + [p[len(p) // 2 :] for p in PHRASES]
    + ["。", "、", " ", "・", "ｱ", "な"]
)


@given(pieces=st.lists(PHRASE_BITS, max_size=8), word=st.sampled_from(sorted(PHRASES)))
@settings(max_examples=300, deadline=None)
def test_frequent_phrase_tokens_answer_exactly_like_bigram_phrases(
    pieces: list[str], word: str
) -> None:
    texts = ["".join(pieces), "".join(reversed(pieces)), "・".join(pieces)]
    conn = _index(texts)
    want = {i + 1 for i, t in enumerate(texts) if any(word in r for r in runs(t))}
    assert _found(conn, word, frequent=False) == want
    assert _found(conn, word, frequent=True) == want


def _runs_one_character_at_a_time(text: str) -> list[str]:
    """Runs by the definition: maximal stretches of characters of category L, N or M."""
    out: list[str] = []
    current = ""
    for c in normalise(text):
        if unicodedata.category(c)[0] in "LNM":
            current += c
        elif current:
            out.append(current)
            current = ""
    return [*out, current] if current else out


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_runs_are_those_of_the_definition(text: str) -> None:
    assert list(runs(text)) == _runs_one_character_at_a_time(text)


def test_runs_keep_combining_marks_and_split_at_underscores() -> None:
    for text in ("ｶﾞｲﾄﾞ", "a\u0301b c", "क्षत्रिय", "snake_case", "Ⅻ番地", "x\u200dy", "²³"):
        assert list(runs(text)) == _runs_one_character_at_a_time(text), text

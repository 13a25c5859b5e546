"""SQLite's extra index columns made from a posting's token lists (the importer's workers)
equal the ones made from its joined text (every other write path and the rebuild)."""

from __future__ import annotations

from datetime import date

import pytest

from server.jobs.demo.generate import Calendar, chunk_rows
from server.jobs.search import sqlite_extras
from server.jobs.search.sqlite_extras import (
    counted_tokens,
    counted_tokens_of,
    sqlite_document,
    sqlite_facets,
    sqlite_facets_of,
)
from server.jobs.search.tokens import COMPANY, index_document, index_parts


def _postings() -> list[dict[str, object]]:
    rows = chunk_rows(5, 0, 600, Calendar.make(date(2026, 5, 1)))
    rows[1]["prefecture_code"] = ""  # no prefecture token: no regional copies
    rows[2]["disclosure"] = 2  # a hidden 事業所名 carries no company tokens
    rows[3]["company_name"] = "株式会社 医療法人 大和 株式会社大和"  # legal forms, repeated
    rows[4]["prefecture_code"] = "１３"  # not ASCII: its token is found in the text instead
    rows[5]["municipality_code"] = None
    return rows


def test_token_lists_give_the_columns_the_text_gives() -> None:
    regional = counted = 0
    for row in _postings():
        g, u, f = index_document(row)
        g2, bag, facets = index_parts(row)
        assert (g2, " ".join(sorted(bag)), " ".join(facets.tokens)) == (g, u, f)
        assert sqlite_facets_of(f, facets) == sqlite_facets(f)
        assert counted_tokens_of(bag, facets) == counted_tokens(u, f)
        regional += sqlite_facets(f) != f
        counted += any(t.startswith(COMPANY) for t in counted_tokens(u, f))
    assert regional > 500 and counted > 100  # both kinds occur


def test_a_full_memo_of_seen_tokens_stops_growing_and_still_answers_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sqlite_extras, "_REGIONAL_SEEN", {})
    monkeypatch.setattr(sqlite_extras, "_REGIONAL_SEEN_MAX", 30)
    sizes = []
    for row in _postings()[:100]:
        _, _, f = index_document(row)
        _, _, facets = index_parts(row)
        assert sqlite_facets_of(f, facets) == sqlite_facets(f)
        sizes.append(len(sqlite_extras._REGIONAL_SEEN))
    assert sizes[-1] >= 30 and sizes[-1] == sizes[-20]


def test_the_importers_document_is_the_one_the_joined_text_gives() -> None:
    for row in _postings():
        g, u, f = index_document(row)
        assert sqlite_document(row) == (g, u, len(f), sqlite_facets(f), counted_tokens(u, f))

"""SQLite's extra index columns made from a posting's groups of facet tokens (the importer's
workers) equal the ones made from its joined text (every other write path and the rebuild)."""

from __future__ import annotations

from datetime import date

from server.jobs.demo.generate import Calendar, chunk_rows
from server.jobs.search.sqlite_extras import counted_tokens, sqlite_document, sqlite_facets
from server.jobs.search.tokens import COMPANY, index_document


def _postings() -> list[dict[str, object]]:
    rows = chunk_rows(5, 0, 600, Calendar.make(date(2026, 5, 1)))
    rows[1]["prefecture_code"] = ""  # no prefecture token: no regional copies
    rows[2]["disclosure"] = 2  # a hidden 事業所名 carries no company tokens
    rows[3]["company_name"] = "株式会社 医療法人 大和 株式会社大和"  # legal forms, repeated
    rows[4]["prefecture_code"] = "１３"  # not ASCII: its token is found in the text instead
    rows[5]["municipality_code"] = None
    return rows


def test_the_importers_document_is_the_one_the_joined_text_gives() -> None:
    regional = counted = 0
    for row in _postings():
        g, u, f = index_document(row)
        assert sqlite_document(row) == (g, u, len(f), sqlite_facets(f), counted_tokens(u, f))
        regional += sqlite_facets(f) != f
        counted += any(t.startswith(COMPANY) for t in counted_tokens(u, f))
    assert regional > 500 and counted > 100  # both kinds occur

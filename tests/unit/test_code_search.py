"""Property: a search by any code, at any level of any table, finds exactly the postings that
carry it — checked on the real FTS5 index against the tables themselves."""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from api_client.job_models import JobSearchRequest
from server.codes import tables
from server.jobs.demo.generate import Calendar, chunk_rows
from server.jobs.search.engine import fts_expression
from server.jobs.search.fts import CREATE_FTS, INSERT_FTS
from server.jobs.search.tokens import index_document, plan


@cache
def _index() -> tuple[sqlite3.Connection, tuple[dict[str, Any], ...]]:
    rows = tuple(chunk_rows(17, 0, 1500, Calendar.make(date(2026, 5, 11))))
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute(CREATE_FTS)
    conn.executemany(INSERT_FTS, [(r["id"], *index_document(r)) for r in rows])
    return conn, rows


def _found(req: JobSearchRequest) -> set[int]:
    conn, _ = _index()
    expr = fts_expression(plan(req))
    assert expr is not None
    return {r[0] for r in conn.execute("SELECT rowid FROM job_fts WHERE job_fts MATCH ?", (expr,))}


def _carrying(pred: Any) -> set[int]:
    return {r["id"] for r in _index()[1] if pred(r)}


_CLASSIFICATIONS = sorted(tables.classification_by_code())
_GROUPS = [g.code for g in tables.desired_job_groups()]
_DETAILS = sorted(tables.desired_job_by_code())
_INDUSTRIES = sorted(tables.industry_by_code()) + [d.code for d in tables.industry_divisions()]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_CLASSIFICATIONS))
def test_classification_at_any_level(code: str) -> None:
    want = _carrying(lambda r: code in {a.code for a in tables.ancestors(r["classification_code"])})
    assert _found(JobSearchRequest(classifications=[code])) == want


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_GROUPS), st.lists(st.sampled_from(_DETAILS), max_size=5, unique=True))
def test_desired_job_group_or_details(group: str, details: list[str]) -> None:
    details = [d for d in details if d[:2] == group]
    req = JobSearchRequest(desired_jobs=[{"group": group, "details": details}])

    def carries(r: dict[str, Any]) -> bool:
        desired = tables.desired_job_of(r["classification_code"])
        return desired in details if details else desired[:2] == group

    assert _found(req) == _carrying(carries)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_INDUSTRIES), min_size=1, max_size=3, unique=True))
def test_industries_middle_or_division(codes: list[str]) -> None:
    def carries(r: dict[str, Any]) -> bool:
        industry = tables.industry_by_code()[r["industry_code"]]
        return industry.code in codes or industry.division in codes

    assert _found(JobSearchRequest(industries=codes)) == _carrying(carries)


def test_the_sample_covers_every_level() -> None:
    """The properties above are not vacuous: the sample has postings under many codes."""
    rows = _index()[1]
    fines = {r["classification_code"] for r in rows}
    assert len(fines) > 200
    assert len({tables.ancestors(f)[0].code for f in fines}) >= 8
    assert len({r["industry_code"] for r in rows}) > 40

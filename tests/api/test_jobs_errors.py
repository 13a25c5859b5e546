"""Bad search parameters are refused with 422 naming the field (raw HTTP: the typed client
would refuse most of these before sending)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.api.flows import sign_in
from tests.conftest import Outbox, new_api, seed_account


@pytest.fixture
async def authed(
    app: FastAPI, client: httpx.AsyncClient, outbox: Outbox
) -> AsyncIterator[httpx.AsyncClient]:
    account = await seed_account(app)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        client.headers["Authorization"] = f"Bearer {api.session_token}"
        yield client


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"per_page": 20}, "per_page", "literal_error"),
    ({"page": 0}, "page", "greater_than_equal"),
    ({"surprise": 1}, "surprise", "extra_forbidden"),
    ({"words": "あ" * 51}, "words", "word_too_long"),
    ({"words": "語 " * 11}, "words", "too_many_words"),
    ({"words": "x" * 201}, "words", "string_too_long"),
    ({"not_words": "y" * 51}, "not_words", "word_too_long"),
    ({"job_numbers": ["13010-1"] * 6}, "job_numbers", "too_long"),
    ({"job_numbers": ["1301-1234"]}, "job_numbers", "job_number_format"),
    ({"employer_number": "1301-12-1"}, "employer_number", "employer_number_format"),
    ({"places": [{"prefecture": p} for p in ("13", "14", "27", "23")]}, "places", "too_long"),
    ({"places": [{"prefecture": "48"}]}, "places.0.prefecture", "unknown_code"),
    ({"places": [{"prefecture": "東京"}]}, "places.0.prefecture", "string_pattern_mismatch"),
    (
        {"places": [{"prefecture": "13", "municipalities": ["13999"]}]},
        "places.0.municipalities.0",
        "unknown_code",
    ),
    (
        {"places": [{"prefecture": "13", "municipalities": ["14101"]}]},
        "places.0",
        "municipality_prefecture",
    ),
    (
        {"places": [{"prefecture": "13", "municipalities": ["13101"] * 6}]},
        "places.0.municipalities",
        "too_long",
    ),
    (
        {"desired_jobs": [{"group": "01", "details": ["0199"]}]},
        "desired_jobs.0.details.0",
        "unknown_code",
    ),
    ({"desired_jobs": [{"group": "15"}]}, "desired_jobs.0.group", "unknown_code"),
    ({"desired_jobs": [{"group": "01", "details": ["0201"]}]}, "desired_jobs.0", "detail_group"),
    ({"classifications": ["10405"]}, "classifications.0", "unknown_code"),
    ({"classifications": ["L"]}, "classifications.0", "string_pattern_mismatch"),
    ({"industries": ["00"]}, "industries.0", "unknown_code"),
    ({"wage_monthly_min": 255_000}, "wage_monthly_min", "multiple_of"),
    ({"wage_hourly_min": 1_010}, "wage_hourly_min", "multiple_of"),
    ({"annual_holidays_min": 121}, "annual_holidays_min", "multiple_of"),
    ({"work_from": "08:15"}, "work_from", "string_pattern_mismatch"),
    ({"work_from": "18:00", "work_until": "09:00"}, "body", "work_window_empty"),
    ({"employees_min": 50}, "employees_min", "literal_error"),
    ({"category": "full"}, "category", "enum"),
    ({"age": 14}, "age", "greater_than_equal"),
    ({"sort": "salary"}, "sort", "enum"),
]


@pytest.mark.parametrize(("body", "field", "code"), BAD)
async def test_bad_search_parameters_name_the_field(
    authed: httpx.AsyncClient, body: dict[str, Any], field: str, code: str
) -> None:
    res = await authed.post("/api/v1/jobs/search", json=body)
    assert res.status_code == 422, res.text
    err = res.json()
    assert err["code"] == "validation_error"
    assert [(f["field"], f["code"]) for f in err["fields"]] == [(field, code)]


async def test_bad_job_number_in_the_path(authed: httpx.AsyncClient) -> None:
    res = await authed.get("/api/v1/jobs/13010-123456789")
    assert res.status_code == 422
    assert res.json()["fields"][0]["field"] == "job_number"
    res = await authed.get("/api/v1/jobs/13010-12345678")
    assert res.status_code == 404 and res.json()["code"] == "not_found"


async def test_municipalities_need_a_prefecture(client: httpx.AsyncClient) -> None:
    res = await client.get("/api/v1/reference/municipalities")
    assert res.status_code == 422 and res.json()["fields"][0]["field"] == "prefecture"
    res = await client.get("/api/v1/reference/municipalities", params={"prefecture": "x"})
    assert res.status_code == 422

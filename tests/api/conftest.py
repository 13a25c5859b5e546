"""Fixtures of the job-search API tests: the real app on a SQLite database loaded with the
generated postings of tests/api/jobs_data.py, and a seeker signed in to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI

from api_client.client import MyPageClient
from server.app import create_app
from server.config import ServerSettings
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import Outbox, SettableClock, new_api, seed_account, started


@pytest.fixture
async def jobs_app(
    settings: ServerSettings, clock: SettableClock, database_url: str
) -> AsyncIterator[tuple[FastAPI, list[dict[str, Any]]]]:
    """The running app and the posting rows it was loaded with (the tests' oracle)."""
    data = jobs_data.load(database_url)
    async for running in started(create_app(settings, clock=clock)):
        yield running, data


@pytest.fixture
async def seeker(
    jobs_app: tuple[FastAPI, list[dict[str, Any]]], outbox: Outbox
) -> AsyncIterator[MyPageClient]:
    app, _ = jobs_app
    account = await seed_account(app)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        yield api

"""Shared pieces of the applying/messages tests (issue 10): a few known postings, seekers
signed in through the real client, and the other side (Hello Work, the employer) played
through the staff service on the same database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.client import MyPageClient
from server.jobs.store import add_posting
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import (
    Outbox,
    SeededAccount,
    app_state,
    new_api,
    seed_account,
)

ONLINE = "13010-00001001"  # オンライン自主応募 可
ONLINE_2 = "13010-00001002"
OFFICE_ONLY = "13010-00001003"  # 自主応募 不可
EXPIRED = "13010-00001004"
WITHDRAWN = "13010-00001005"
HIDDEN_NAME = "13010-00001006"  # 公開範囲 3: the employer is not published; online 可
# Six more online postings for the no-show rule.
MANY = [f"13010-0000110{i}" for i in range(6)]

TITLE = "介護職員（テスト）"
COMPANY = "株式会社テスト介護（架空）"


def _values(job_number: str, **overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "job_number": job_number,
        "job_title": TITLE,
        "company_name": COMPANY,
        "disclosure": 1,
        "online_application": True,
    }
    return jobs_data.posting_values(**(base | overrides))


async def add_postings(app: FastAPI) -> None:
    async with app_state(app).write_sessionmaker() as db:
        await add_posting(db, _values(ONLINE))
        await add_posting(db, _values(ONLINE_2, job_title="調理補助（テスト）"))
        await add_posting(db, _values(OFFICE_ONLY, online_application=False))
        await add_posting(
            db,
            _values(EXPIRED, received_on=date(2026, 2, 2), expires_on=date(2026, 4, 30)),
        )
        await add_posting(db, _values(WITHDRAWN, status="withdrawn"))
        await add_posting(db, _values(HIDDEN_NAME, disclosure=3))
        for number in MANY:
            await add_posting(db, _values(number, expires_on=date(2026, 12, 31)))
        await db.commit()


@asynccontextmanager
async def staff(app: FastAPI) -> AsyncIterator[AsyncSession]:
    """A write session on the app's database: the other side acts through it."""
    async with app_state(app).write_sessionmaker() as db:
        yield db


@dataclass
class Seeker:
    account: SeededAccount
    api: MyPageClient

    @property
    def number(self) -> str:
        return self.account.seeker_number


async def come_back(app: FastAPI, outbox: Outbox, who: Seeker, **later: float) -> None:
    """Time passes (sessions expire after 30 idle minutes); the seeker logs in again."""
    app_state(app).env.clock.advance(**later)  # type: ignore[attr-defined]
    await sign_in(who.api, outbox, who.account)


@asynccontextmanager
async def seeker(
    app: FastAPI, outbox: Outbox, email: str = "taro@example.jp", **kwargs: object
) -> AsyncIterator[Seeker]:
    account = await seed_account(app, email=email, **kwargs)  # type: ignore[arg-type]
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        yield Seeker(account, api)


async def make_public(app: FastAPI, seeker_number: str, public: bool = True) -> None:
    from sqlalchemy import update

    from server.accounts.models import Seeker as SeekerRow

    async with staff(app) as db:
        await db.execute(
            update(SeekerRow)
            .where(SeekerRow.seeker_number == seeker_number)
            .values(publication_status="public" if public else "private")
        )
        await db.commit()

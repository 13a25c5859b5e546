"""Job sheets, 公開範囲 (company hidden on the server), withdrawal and expiry, reference data."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI

from api_client.client import MyPageClient
from api_client.errors import APIStatusError
from api_client.job_models import Disclosure, JobSearchRequest
from server.accounts.service import create_account
from server.app import create_app
from server.config import ServerSettings
from server.jobs.store import add_posting, withdraw
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import (
    Outbox,
    SeededAccount,
    SettableClock,
    app_state,
    new_api,
    seed_account,
    started,
)


@pytest.fixture
async def app(settings: ServerSettings, clock: SettableClock) -> AsyncIterator[FastAPI]:
    async for running in started(create_app(settings, clock=clock)):
        yield running


async def _add(app: FastAPI, **overrides: Any) -> str:
    async with app_state(app).sessionmaker() as db:
        posting = await add_posting(db, jobs_data.posting_values(**overrides))
        await db.commit()
        return posting.job_number


@pytest.fixture
async def seeker(app: FastAPI, outbox: Outbox) -> AsyncIterator[MyPageClient]:
    account = await seed_account(app)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        yield api


async def _online_only(app: FastAPI, outbox: Outbox) -> MyPageClient:
    """An account opened online, without a job-seeker registration."""
    state = app_state(app)
    async with state.sessionmaker() as db:
        account = await create_account(
            db, state.env, email="hanako@example.jp", password="Hanako#2026", seeker=None
        )
        await db.commit()
    api = new_api(app)
    await sign_in(
        api, outbox, SeededAccount(account.id, "hanako@example.jp", "Hanako#2026", "", "")
    )
    return api


async def _numbers(api: MyPageClient, **fields: Any) -> list[str]:
    res = await api.search_jobs(JobSearchRequest(**fields))
    return [c.job_number for c in res.items]


async def test_job_sheet_has_every_section(app: FastAPI, seeker: MyPageClient) -> None:
    number = await _add(
        app,
        job_number="13010-00000001",
        disclosure=1,
        company_name="株式会社 テスト（架空）",
        description="・介護業務\n未経験者歓迎",
    )
    sheet = await seeker.job_sheet(number)
    assert sheet.job_number == number
    assert sheet.company_name == "株式会社 テスト（架空）"
    assert sheet.employer_number is not None and sheet.company_address
    assert sheet.description == "・介護業務\n未経験者歓迎"
    assert sheet.summary == "介護業務\n未経験者歓迎"
    assert sheet.synthetic is True and sheet.insurance
    assert sheet.received_on == jobs_data.TODAY
    assert sheet.expires_on == date(2026, 7, 31)


async def test_hidden_company_is_hidden_everywhere(
    app: FastAPI, seeker: MyPageClient, outbox: Outbox
) -> None:
    public = await _add(
        app,
        job_number="13010-00000011",
        disclosure=1,
        company_name="株式会社 オモテ商事（架空）",
        employer_number="1301-000001-1",
    )
    hidden = await _add(
        app,
        job_number="13010-00000012",
        disclosure=3,
        company_name="株式会社 カクレ商事（架空）",
        employer_number="1301-000002-2",
        company_description="カクレ商事は…",
    )
    seekers = await _add(
        app,
        job_number="13010-00000013",
        disclosure=2,
        company_name="株式会社 ゲンテイ商事（架空）",
        employer_number="1301-000003-3",
    )

    cards = {c.job_number: c for c in (await seeker.search_jobs(JobSearchRequest())).items}
    assert cards[public].company_name == "株式会社 オモテ商事（架空）"
    assert cards[hidden].company_name is None
    assert cards[hidden].disclosure is Disclosure.without_company
    assert cards[seekers].company_name == "株式会社 ゲンテイ商事（架空）"  # a registered seeker
    sheet = await seeker.job_sheet(hidden)
    assert sheet.company_name is None and sheet.employer_number is None
    assert sheet.company_address is None and sheet.company_url is None
    assert sheet.company_kana is None and sheet.company_description == ""

    # Neither the name nor the employer number finds a posting that hides its employer.
    assert await _numbers(seeker, words="オモテ") == [public]
    assert await _numbers(seeker, words="カクレ") == []
    assert await _numbers(seeker, employer_number="1301-000001-1") == [public]
    assert await _numbers(seeker, employer_number="1301-000002-2") == []
    assert await _numbers(seeker, employer_number="1301-000003-3") == [seekers]

    other = await _online_only(app, outbox)
    async with other:
        cards = {c.job_number: c for c in (await other.search_jobs(JobSearchRequest())).items}
        assert cards[seekers].company_name is None  # level 3: registered seekers only
        assert await _numbers(other, employer_number="1301-000003-3") == []


async def test_withdrawn_and_expired_postings_leave_search_and_cannot_be_opened(
    app: FastAPI, seeker: MyPageClient, clock: SettableClock, outbox: Outbox
) -> None:
    keep = await _add(app, job_number="13010-00000021", description="・フォークリフト作業")
    gone = await _add(app, job_number="13010-00000022", description="・フォークリフト作業")
    assert await _numbers(seeker, words="フォークリフト") == [gone, keep]

    async with app_state(app).sessionmaker() as db:
        await withdraw(db, gone)
        await db.commit()
    res = await seeker.search_jobs(JobSearchRequest(words="フォークリフト"))
    assert res.total == 1 and [c.job_number for c in res.items] == [keep]
    with pytest.raises(APIStatusError) as err:
        await seeker.job_sheet(gone)
    assert err.value.status_code == 404 and err.value.body.params == {"status": "withdrawn"}

    clock.advance(timedelta(days=90))  # past 2026-07-31, the 紹介期限日
    later = await seed_account(app, email="later@example.jp")
    async with new_api(app) as api:
        await sign_in(api, outbox, later)
        assert (await api.search_jobs(JobSearchRequest(words="フォークリフト"))).total == 0
        with pytest.raises(APIStatusError) as err:
            await api.job_sheet(keep)
        assert err.value.status_code == 404 and err.value.body.params == {"status": "expired"}


async def test_short_and_mixed_width_words_find_a_new_posting(
    app: FastAPI, seeker: MyPageClient
) -> None:
    number = await _add(
        app,
        job_number="13010-00000031",
        job_title="配送ドライバー",
        description="・ＰＣ入力と車両点検\nｴｸｾﾙ使用",
    )
    for word in ("車", "両", "pc", "ＰＣ", "ｐｃ入力", "エクセル", "ｴｸｾﾙ", "ドライバー", "ﾄﾞﾗｲﾊﾞｰ"):
        assert await _numbers(seeker, words=word) == [number], word
    assert await _numbers(seeker, words="車 ＰＣ", not_words="ｴｸｾﾙ") == []


async def test_search_needs_a_session_and_a_valid_registration(
    app: FastAPI, seeker: MyPageClient
) -> None:
    async with new_api(app) as anonymous:
        with pytest.raises(APIStatusError) as err:
            await anonymous.search_jobs(JobSearchRequest())
        assert err.value.status_code == 401
        with pytest.raises(APIStatusError) as err:
            await anonymous.job_sheet("13010-00000001")
        assert err.value.status_code == 401

    from sqlalchemy import update

    from server.accounts.models import Seeker

    async with app_state(app).sessionmaker() as db:
        await db.execute(update(Seeker).values(registration_status="invalid"))
        await db.commit()
    with pytest.raises(APIStatusError) as err:
        await seeker.search_jobs(JobSearchRequest())
    assert err.value.status_code == 403 and err.value.code == "registration_invalid"


async def test_reference_data(app: FastAPI, seeker: MyPageClient) -> None:
    prefs = (await seeker.prefectures()).prefectures
    assert len(prefs) == 48 and prefs[12].name_ja == "東京都"
    assert (prefs[-1].code, prefs[-1].name_ja) == ("59", "海外")
    munis = (await seeker.municipalities("13")).municipalities
    assert munis[0].code == "13101" and munis[0].name_ja == "千代田区"
    assert all(m.prefecture_code == "13" for m in munis)
    groups = (await seeker.occupations()).groups
    assert len(groups) == 14 and groups[0].name_ja == "事務、管理職"
    assert groups[3].name_ja == "接客、理美容、調理、サービス"
    assert sum(len(g.occupations) for g in groups) == 179
    assert all(o.code[:2] == g.code for g in groups for o in g.occupations)
    industries = (await seeker.industries()).industries
    assert [i.code for i in industries if not i.division] == [chr(c) for c in range(65, 85)]
    assert [i.code for i in industries if i.division] == [f"{n:02d}" for n in range(1, 100)]


async def test_classification_tree_and_type_ahead(seeker: MyPageClient) -> None:
    majors = (await seeker.classifications()).items
    assert [m.code for m in majors] == list("ABCDEFGHIJK")
    minors = (await seeker.classifications("10")).items
    assert "104" in [m.code for m in minors] and all(m.parent == "10" for m in minors)
    fines = (await seeker.classifications("104")).items
    assert ("10404", "プログラマー") in [(f.code, f.name_ja) for f in fines]

    found = (await seeker.search_classifications("プログラマー")).items
    assert (found[0].code, found[0].name_ja) == ("10404", "プログラマー")
    assert found[0].path == ["専門的・技術的職業", "情報処理・通信技術者", "ソフトウェア開発技術者"]
    assert "ＷＥＢアプリケーションプログラマー" in found[0].examples
    # A word that is no 職業分類 name finds the 細分類 whose example titles contain it.
    helpers = (await seeker.search_classifications("ヘルパー")).items
    assert ("36201", ["ホームヘルパー"]) in [(m.code, m.examples) for m in helpers]
    assert all("ヘルパー" in e for m in helpers for e in m.examples)
    # Width and case do not matter; a code finds its node.
    assert (await seeker.search_classifications("ｐｌｃ")).items
    assert (await seeker.search_classifications("66301")).items[0].name_ja == "トラック運転手"

"""Demo data for a fresh embedded server: a few offices and one ready-to-use seeker account.

Log in with demo@example.jp / Demo#2026pass (the OTP arrives in the embedded outbox).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import PublicationStatus, RegistrationStatus
from server.accounts.models import Seeker
from server.accounts.service import (
    account_count,
    create_account,
    get_or_create_office,
)
from server.context import ServiceEnv
from server.jst import end_of_month_after_next, today_jst

DEMO_EMAIL = "demo@example.jp"
DEMO_PASSWORD = "Demo#2026pass"  # noqa: S105 - documented demo credential
DEMO_NAME = "求職 太郎"
DEMO_SEEKER_NUMBER = "70000-99999999"
DEMO_BIRTH_DATE = date(1990, 4, 1)

# (code, name) — synthetic codes; the names are real office names.
OFFICES = [
    ("13010", "飯田橋公共職業安定所"),
    ("13020", "上野公共職業安定所"),
    ("13030", "品川公共職業安定所"),
    ("13040", "大森公共職業安定所"),
    ("13090", "新宿公共職業安定所"),
    ("27010", "大阪東公共職業安定所"),
]


async def seed_demo(db: AsyncSession, env: ServiceEnv) -> bool:
    """Seed once: does nothing (False) when the database already has an account."""
    if await account_count(db) > 0:
        return False
    offices = [await get_or_create_office(db, code, name) for code, name in OFFICES]
    seeker = Seeker(
        seeker_number=DEMO_SEEKER_NUMBER,
        name=DEMO_NAME,
        birth_date=DEMO_BIRTH_DATE,
        office_id=offices[0].id,
        registration_status=RegistrationStatus.valid.value,
        registration_valid_until=end_of_month_after_next(today_jst(env.clock.now())),
        # 公開中, so the demo shows a リクエスト求人 (listed only while public).
        publication_status=PublicationStatus.public.value,
        created_at=env.clock.now(),
    )
    db.add(seeker)
    await db.flush()
    await create_account(db, env, email=DEMO_EMAIL, password=DEMO_PASSWORD, seeker=seeker)
    await db.commit()
    return True

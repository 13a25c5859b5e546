"""Offices, seekers, accounts: creation (admin CLI, demo seed) and the Home view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import (
    DeviceInfo,
    DeviceList,
    HomeView,
    PublicationStatus,
    RegistrationStatus,
)
from api_client.validation import (
    Problem,
    email_key,
    email_problems,
    normalise_email,
    normalise_halfwidth,
    password_problems,
    seeker_number_problems,
)
from server.accounts.models import Account, AccountCreationCode, Office, Seeker
from server.auth.devices import revoke_all_device_tokens
from server.auth.models import DeviceToken
from server.auth.single_use import digest
from server.context import ServiceEnv
from server.db.upsert import insert_or_ignore
from server.jst import end_of_month_after_next, today_jst
from server.messages.service import unread_total
from server.security import hash_password, new_creation_code

CREATION_CODE_TTL = timedelta(days=30)
NAME_MAX = 100


class InputError(ValueError):
    """Invalid input to a service call from the admin side: (field, problem) pairs."""

    def __init__(self, problems: list[tuple[str, Problem]]) -> None:
        super().__init__(", ".join(f"{f}: {p.code}" for f, p in problems))
        self.problems = problems


# --------------------------------------------------------------------------- creation


async def get_or_create_office(db: AsyncSession, code: str, name: str) -> Office:
    """The office with `code`, created if missing (atomic: concurrent first registrations
    in one office both get the same row, not a unique violation)."""
    office = await db.scalar(select(Office).where(Office.code == code))
    if office is None:
        await insert_or_ignore(db, Office, {"code": code, "name": name}, ["code"])
        office = await db.scalar(select(Office).where(Office.code == code))
    assert office is not None
    return office


@dataclass(frozen=True)
class NewSeeker:
    seeker: Seeker
    creation_code: str
    code_expires_at: datetime


def _check_seeker_input(name: str, seeker_number: str, email: str) -> list[tuple[str, Problem]]:
    problems: list[tuple[str, Problem]] = []
    if not name.strip():
        problems.append(("name", Problem("required")))
    elif len(name) > NAME_MAX:
        problems.append(("name", Problem("too_long", {"max": NAME_MAX})))
    problems += [("seeker_number", p) for p in seeker_number_problems(seeker_number)]
    problems += [("email", p) for p in email_problems(email)]
    return problems


async def create_seeker(
    db: AsyncSession,
    env: ServiceEnv,
    *,
    name: str,
    seeker_number: str,
    birth_date: date,
    email: str,
    office_code: str | None = None,
) -> NewSeeker:
    """Register a seeker at a counter and issue their アカウント作成コード (bound to `email`)."""
    number = normalise_halfwidth(seeker_number).value
    mail = normalise_email(email).value
    problems = _check_seeker_input(name, number, mail)
    office: Office | None = None
    if office_code is not None:
        office = await db.scalar(select(Office).where(Office.code == office_code))
        if office is None:
            problems.append(("office", Problem("unknown_office", {"code": office_code})))
    if await db.scalar(select(Seeker.id).where(Seeker.seeker_number == number)) is not None:
        problems.append(("seeker_number", Problem("already_registered")))
    if problems:
        raise InputError(problems)
    now = env.clock.now()
    seeker = Seeker(
        seeker_number=number,
        name=name.strip(),
        birth_date=birth_date,
        office_id=office.id if office else None,
        registration_status=RegistrationStatus.valid.value,
        registration_valid_until=end_of_month_after_next(today_jst(now)),
        publication_status=PublicationStatus.private.value,
        created_at=now,
    )
    db.add(seeker)
    await db.flush()
    code, expires_at = issue_creation_code(db, env, seeker, email_key(mail), now)
    await db.commit()
    return NewSeeker(seeker=seeker, creation_code=code, code_expires_at=expires_at)


def creation_code_hmac(env: ServiceEnv, code: str) -> str:
    return digest(env.secret, "creation-code", value=normalise_halfwidth(code).value.upper())


def issue_creation_code(
    db: AsyncSession, env: ServiceEnv, seeker: Seeker, email_key_: str | None, now: datetime
) -> tuple[str, datetime]:
    code = new_creation_code()
    expires_at = now + CREATION_CODE_TTL
    db.add(
        AccountCreationCode(
            seeker_id=seeker.id,
            email_key=email_key_,
            code_hash=creation_code_hmac(env, code),
            expires_at=expires_at,
            created_at=now,
        )
    )
    return code, expires_at


async def create_account(
    db: AsyncSession,
    env: ServiceEnv,
    *,
    email: str,
    password: str,
    seeker: Seeker | None,
) -> Account:
    """Create an active account directly (demo seed, tests, later: the opening flows)."""
    mail = normalise_email(email).value
    problems = [("email", p) for p in email_problems(mail)]
    problems += [("password", p) for p in password_problems(password)]
    if problems:
        raise InputError(problems)
    key = email_key(mail)
    now = env.clock.now()
    account = Account(
        email_key=key,
        email=mail,
        password_hash=await hash_password(password),
        seeker_id=seeker.id if seeker else None,
        created_at=now,
    )
    db.add(account)
    await db.flush()
    return account


# --------------------------------------------------------------------------- views


def _active_device_filter(account_id: int, now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        DeviceToken.account_id == account_id,
        DeviceToken.revoked_at.is_(None),
        DeviceToken.replaced_at.is_(None),
        DeviceToken.expires_at > now,
    )


async def home_view(db: AsyncSession, env: ServiceEnv, account: Account) -> HomeView:
    now = env.clock.now()
    seeker: Seeker | None = None
    office: Office | None = None
    if account.seeker_id is not None:
        seeker = await db.get(Seeker, account.seeker_id)
        if seeker is not None and seeker.office_id is not None:
            office = await db.get(Office, seeker.office_id)
    has_devices = (
        await db.scalar(
            select(DeviceToken.id).where(*_active_device_filter(account.id, now)).limit(1)
        )
        is not None
    )
    status = RegistrationStatus.invalid
    if seeker is not None:
        # Validity lapses by itself at the end of its last day (JST).
        status = RegistrationStatus.invalid
        valid_until = seeker.registration_valid_until
        if seeker.registration_status == RegistrationStatus.valid.value and (
            valid_until is None or today_jst(now) <= valid_until
        ):
            status = RegistrationStatus.valid
    return HomeView(
        name=seeker.name if seeker else account.email,
        office_name=office.name if office else None,
        seeker_number=seeker.seeker_number if seeker else None,
        last_login_at=account.previous_login_at,
        unread_messages=await unread_total(db, account),
        publication_status=PublicationStatus(seeker.publication_status)
        if seeker
        else PublicationStatus.private,
        registration_status=status,
        registration_valid_until=seeker.registration_valid_until if seeker else None,
        otp_skip_devices=has_devices,
    )


async def device_list(db: AsyncSession, env: ServiceEnv, account: Account) -> DeviceList:
    now = env.clock.now()
    rows = (
        await db.scalars(
            select(DeviceToken)
            .where(*_active_device_filter(account.id, now))
            .order_by(DeviceToken.id)
        )
    ).all()
    # created_at of the family's first token is when the device was remembered.
    firsts: dict[str, datetime] = {}
    if rows:
        for family_id, created_at in (
            await db.execute(
                select(DeviceToken.family_id, DeviceToken.created_at).where(
                    DeviceToken.family_id.in_([r.family_id for r in rows])
                )
            )
        ).all():
            if family_id not in firsts or created_at < firsts[family_id]:
                firsts[family_id] = created_at
    return DeviceList(
        devices=[
            DeviceInfo(
                id=r.id,
                label=r.label,
                created_at=firsts.get(r.family_id, r.created_at),
                last_used_at=r.last_used_at,
                expires_at=r.expires_at,
            )
            for r in rows
        ]
    )


async def resume_otp_everywhere(db: AsyncSession, env: ServiceEnv, account: Account) -> None:
    """「すべての端末でワンタイムパスワードの入力を再開する」"""
    await revoke_all_device_tokens(db, account.id, env.clock.now())
    await db.commit()


async def account_count(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(Account)) or 0)


__all__ = [
    "InputError",
    "NewSeeker",
    "account_count",
    "create_account",
    "create_seeker",
    "device_list",
    "get_or_create_office",
    "home_view",
    "resume_otp_everywhere",
]

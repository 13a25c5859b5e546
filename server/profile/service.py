"""求職者情報 (view and change the registration) and 各種設定: registration 有効 ⇔ 無効,
特集求人 delivery, e-mail change (verified at the new address), password change, withdrawal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, PublicationStatus, RegistrationStatus
from api_client.profile_models import (
    STEP_KEYS,
    BasicInfo,
    EmailChangeConfirm,
    EmailChangeRequest,
    KeySent,
    PasswordChangeRequest,
    ProfileUpdated,
    ProfileView,
    RegistrationSteps,
    ResolvedAddress,
    SettingsView,
    WithdrawRequest,
)
from api_client.validation import (
    Problem,
    email_key,
    password_confirm_problems,
    password_problems,
)
from server.accounts.locking import lock_account
from server.accounts.models import ACCOUNT_WITHDRAWN, Account, Seeker
from server.accounts.service import get_or_create_office
from server.accounts.validity import effective_status, extend
from server.auth.auth_keys import (
    PURPOSE_EMAIL_CHANGE,
    cancel_email_change,
    consume_auth_key,
    issue_auth_key,
)
from server.auth.lockout import check_password
from server.auth.models import DeviceToken, Session
from server.auth.sessions import revoke_everything
from server.context import MailNotSent, ServiceEnv
from server.errors import DomainError, field_error
from server.jst import today_jst
from server.mail.templates import password_changed_mail
from server.registration.mails import (
    email_change_mail,
    email_change_requested_mail,
    email_changed_mail,
    email_in_use_mail,
    withdrawn_mail,
)
from server.registration.models import SeekerProfile
from server.registration.opening import Checked, check_emails
from server.registration.service import (
    field_errors,
    normalisations,
    office_of,
    parse_step,
    resolve_postal,
    run_checks,
    seeker_name,
    steps_from_json,
    steps_to_json,
)
from server.security import hash_password


def _no_registration() -> DomainError:
    return DomainError(
        ErrorCode.not_found,
        404,
        params={"reason": "no_registration"},
        message="There is no job-seeker registration yet: complete the 7 steps first.",
    )


async def _seeker(db: AsyncSession, account: Account) -> Seeker:
    seeker = (
        await db.get(Seeker, account.seeker_id, populate_existing=True)
        if account.seeker_id is not None
        else None
    )
    if seeker is None:
        raise _no_registration()
    return seeker


def _counter_steps(seeker: Seeker) -> RegistrationSteps:
    """A seeker registered at a counter has no stored steps: start from what is known."""
    family, _, given = seeker.name.partition(" ")
    return RegistrationSteps(
        basic=BasicInfo(
            family_name=family, given_name=given, birth_date=seeker.birth_date.isoformat()
        )
    )


async def _steps(
    db: AsyncSession, seeker: Seeker
) -> tuple[RegistrationSteps, SeekerProfile | None]:
    profile = await db.get(SeekerProfile, seeker.id, populate_existing=True)
    if profile is None:
        return _counter_steps(seeker), None
    return steps_from_json(profile.data), profile


# --------------------------------------------------------------------------- profile


async def profile_view(db: AsyncSession, env: ServiceEnv, account: Account) -> ProfileView:
    seeker = await _seeker(db, account)
    steps, _profile = await _steps(db, seeker)
    office = await office_of(db, seeker)
    address: ResolvedAddress | None = (
        resolve_postal(steps.basic.postal_code) if steps.basic.postal_code else None
    )
    return ProfileView(
        seeker_number=seeker.seeker_number,
        office_name=office.name if office else None,
        online_only=seeker.online_only,
        registration_status=effective_status(seeker, today_jst(env.clock.now())),
        registration_valid_until=seeker.registration_valid_until,
        steps=steps,
        address=address,
    )


async def update_section(
    db: AsyncSession, env: ServiceEnv, account: Account, n: int, raw: Any
) -> ProfileUpdated:
    """Change one section of the registered information: all rules, nothing stored on error.

    The stored document is read, changed and written back under the account's row lock, so
    concurrent edits of different sections all stay."""
    body = parse_step(n, raw)
    now = env.clock.now()
    checked = run_checks(n, body, today_jst(now))
    if not checked.check.complete:
        raise DomainError(ErrorCode.validation_error, 422, fields=field_errors(checked.check, n))
    account = await lock_account(db, account.id) or account
    seeker = await _seeker(db, account)
    steps, profile = await _steps(db, seeker)
    setattr(steps, STEP_KEYS[n], checked.check.body)
    if profile is None:
        profile = SeekerProfile(seeker_id=seeker.id, data="{}", updated_at=now)
        db.add(profile)
    profile.data = steps_to_json(steps)
    profile.updated_at = now
    if n == 1 and checked.address is not None:
        basic = steps.basic
        seeker.name = seeker_name(basic)
        profile.prefecture_code = checked.address.prefecture_code
        profile.municipality_code = checked.address.municipality_code
        # Moving changes the office in charge (管轄) for online registrations only; an
        # office keeps the seekers it registered at its counter.
        if seeker.online_only:
            office = await get_or_create_office(
                db, checked.address.office_code, checked.address.office_name
            )
            seeker.office_id = office.id
    if n == 2:
        seeker.publication_status = (
            PublicationStatus.public if steps.publication.publish else PublicationStatus.private
        ).value
    await db.commit()
    return ProfileUpdated(
        values=checked.check.body.model_dump(mode="json"),
        normalised=normalisations(checked.check),
        address=checked.address,
    )


# --------------------------------------------------------------------------- settings


async def settings_view(db: AsyncSession, env: ServiceEnv, account: Account) -> SettingsView:
    now = env.clock.now()
    seeker = await db.get(Seeker, account.seeker_id) if account.seeker_id is not None else None
    has_device = (
        await db.scalar(
            select(DeviceToken.id)
            .where(
                DeviceToken.account_id == account.id,
                DeviceToken.revoked_at.is_(None),
                DeviceToken.replaced_at.is_(None),
                DeviceToken.expires_at > now,
            )
            .limit(1)
        )
        is not None
    )
    return SettingsView(
        email=account.email,
        pending_email=account.pending_email,
        has_registration=seeker is not None,
        registration_status=effective_status(seeker, today_jst(now)) if seeker else None,
        registration_valid_until=seeker.registration_valid_until if seeker else None,
        feature_delivery=seeker.feature_delivery if seeker else False,
        otp_skip_devices=has_device,
        online_only=seeker.online_only if seeker else True,
    )


async def set_registration_status(
    db: AsyncSession, env: ServiceEnv, account: Account, status: RegistrationStatus
) -> SettingsView:
    seeker = await _seeker(db, account)
    today = today_jst(env.clock.now())
    if status is RegistrationStatus.valid:
        extend(seeker, today)  # switching back on counts as an application (seed 000)
    elif effective_status(seeker, today) is RegistrationStatus.valid:
        seeker.registration_status = RegistrationStatus.invalid.value
        seeker.invalid_since = today
    await db.commit()
    return await settings_view(db, env, account)


async def set_feature_delivery(
    db: AsyncSession, env: ServiceEnv, account: Account, enabled: bool
) -> SettingsView:
    seeker = await _seeker(db, account)
    seeker.feature_delivery = enabled
    await db.commit()
    return await settings_view(db, env, account)


async def request_email_change(
    db: AsyncSession, env: ServiceEnv, account: Account, req: EmailChangeRequest
) -> KeySent:
    """Change the login e-mail: the current password first (a session alone is not enough;
    wrong ones count towards the lock), then the key goes to the new address and the
    current address is told — before anything changes.

    A new address that already has a MyPage gets the same answer and the same work (the
    pending address and a key row are stored, two mails go out), so a session cannot probe
    which addresses are registered. That address is mailed no key (the change could never
    be confirmed) and nothing about who asked: its owner learns only what they know.
    """
    c = Checked([], [])
    email = check_emails(c, req.new_email, req.new_email_confirm, name="new_email")
    c.raise_if_any()
    key = email_key(email)
    if key == account.email_key:
        c.add("new_email", [Problem("email_same")])
        c.raise_if_any()
    await check_password(db, env, account, req.current_password, field="current_password")
    taken = await db.scalar(select(Account.id).where(Account.email_key == key)) is not None
    await db.execute(update(Account).where(Account.id == account.id).values(pending_email=email))
    value, expires_at = await issue_auth_key(
        db, env, purpose=PURPOSE_EMAIL_CHANGE, email_key_=key, account_id=account.id
    )
    await db.commit()
    now = env.clock.now()
    to_new = email_in_use_mail() if taken else email_change_mail(value, expires_at)
    try:
        await env.send_now(
            (email, to_new),
            (account.email, email_change_requested_mail(now, email)),
            kind="email_change",
        )
    except MailNotSent:
        await cancel_email_change(db, env, account.id)
        await db.commit()
        raise
    return KeySent(expires_at=expires_at, normalised=c.normalised)


async def confirm_email_change(
    db: AsyncSession, env: ServiceEnv, account: Account, req: EmailChangeConfirm
) -> SettingsView:
    pending = account.pending_email
    if pending is None:
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    key = email_key(pending)
    account_id = account.id
    row = await consume_auth_key(
        db, env, purpose=PURPOSE_EMAIL_CHANGE, email_key_=key, value=req.auth_key
    )
    fresh = await db.get(Account, account_id)
    if row.account_id != account_id or fresh is None or fresh.pending_email != pending:
        await db.rollback()
        raise DomainError(ErrorCode.auth_key_invalid, 400)
    now = env.clock.now()
    old_email = fresh.email
    fresh.previous_email = old_email
    fresh.email_changed_at = now
    fresh.email = pending
    fresh.email_key = key
    fresh.pending_email = None
    try:
        await db.commit()
    except IntegrityError:  # the address was taken meanwhile
        await db.rollback()
        raise DomainError(
            ErrorCode.conflict, 409, fields=[field_error("new_email", Problem("email_taken"))]
        ) from None
    await env.notify(old_email, email_changed_mail(now, pending), kind="email_changed")
    return await settings_view(db, env, fresh)


async def change_password(
    db: AsyncSession,
    env: ServiceEnv,
    account: Account,
    session: Session,
    req: PasswordChangeRequest,
) -> None:
    """Current password required (wrong ones count towards the lock); other sessions and
    every OTP-skip device are revoked, and a pending e-mail change is cancelled."""
    fields = [field_error("new_password", p) for p in password_problems(req.new_password)]
    fields += [
        field_error("new_password_confirm", p)
        for p in password_confirm_problems(req.new_password, req.new_password_confirm)
    ]
    if fields:
        raise DomainError(ErrorCode.password_policy, 422, fields=fields)
    await check_password(db, env, account, req.current_password, field="current_password")
    new_hash = await hash_password(req.new_password)
    now = env.clock.now()
    await db.execute(update(Account).where(Account.id == account.id).values(password_hash=new_hash))
    await revoke_everything(db, account.id, now, keep=session)
    await cancel_email_change(db, env, account.id)
    await db.commit()
    await env.notify(account.email, password_changed_mail(now), kind="password_changed")


async def withdraw(
    db: AsyncSession, env: ServiceEnv, account: Account, req: WithdrawRequest
) -> None:
    """退会: the account stays re-registrable for 30 days, then it cannot be revived. The
    password is checked (and counted) only once the confirmation is ticked."""
    if not req.confirm:
        fields = [field_error("confirm", Problem("must_agree"))]
        raise DomainError(ErrorCode.validation_error, 422, fields=fields)
    await check_password(db, env, account, req.password, field="password")
    now = env.clock.now()
    account.status = ACCOUNT_WITHDRAWN
    account.withdrawn_at = now
    await cancel_email_change(db, env, account.id)
    await revoke_everything(db, account.id, now)
    await db.commit()
    await env.notify(account.email, withdrawn_mail(now), kind="withdrawn")

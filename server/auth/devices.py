"""Device (OTP-skip) tokens: 256-bit random, stored as SHA-256, 90 days per family, rotated
on every use. Presenting an already rotated token means a copy exists somewhere: the whole
family is revoked (refresh-token reuse detection)."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import DeviceTokenGrant
from server.accounts.models import Account
from server.auth.models import DEVICE_TOKENS, DeviceToken
from server.auth.single_use import spend
from server.security import new_token, sha256_hex

log = logging.getLogger("hellowork.auth")

DEVICE_TOKEN_TTL = timedelta(days=90)


def issue_device_token(
    db: AsyncSession,
    account_id: int,
    *,
    label: str,
    now: datetime,
    family: DeviceToken | None = None,
) -> DeviceTokenGrant:
    """A new token: the next of `family` (same family id, label and absolute expiry), or the
    first of a new family, valid DEVICE_TOKEN_TTL. Added to `db`; the caller commits."""
    token = new_token()
    family_id = family.family_id if family is not None else secrets.token_hex(16)
    expires_at = family.expires_at if family is not None else now + DEVICE_TOKEN_TTL
    db.add(
        DeviceToken(
            token_hash=sha256_hex(token),
            family_id=family_id,
            account_id=account_id,
            label=family.label if family is not None else label.strip(),
            created_at=now,
            expires_at=expires_at,
            last_used_at=now,
        )
    )
    return DeviceTokenGrant(device_token=token, expires_at=expires_at)


async def _revoke_family(db: AsyncSession, family_id: str, now: datetime) -> None:
    await db.execute(
        update(DeviceToken)
        .where(DeviceToken.family_id == family_id, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def rotate_device_token(
    db: AsyncSession, account: Account, token: str, now: datetime
) -> DeviceTokenGrant | None:
    """A fresh token of the same family if `token` is live, else None (→ OTP)."""
    row = await db.scalar(select(DeviceToken).where(DeviceToken.token_hash == sha256_hex(token)))
    if row is None or row.account_id != account.id:
        return None
    if row.revoked_at is not None or now >= row.expires_at:
        return None
    if row.replaced_at is not None:
        log.warning("device token reuse; family revoked account_id=%s", account.id)
        await _revoke_family(db, row.family_id, now)
        return None
    rotated = await spend(
        db, DEVICE_TOKENS, row.id, now, DeviceToken.revoked_at.is_(None), last_used_at=now
    )
    if not rotated:  # lost a race with another use of the same token: treat as reuse
        await _revoke_family(db, row.family_id, now)
        return None
    return issue_device_token(db, account.id, label=row.label, now=now, family=row)


async def revoke_all_device_tokens(db: AsyncSession, account_id: int, now: datetime) -> None:
    """Every OTP-skip token of the account stops working. The caller commits."""
    await db.execute(
        update(DeviceToken)
        .where(DeviceToken.account_id == account_id, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )

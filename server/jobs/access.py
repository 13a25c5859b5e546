"""Who may search and what they see of an employer (公開範囲), shared by search, job sheets
and favorites.

Numbered as on the real site: level 1 shows the employer to everybody, level 2
(求職者等に限定して…) only to a seeker whose registration is valid, level 3 (事業所名等を含まない)
to nobody. Hidden employers are also kept out of the free-word index and of employer-number search
(search/tokens.py, search/engine.py), so nothing leaks through a search either.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode
from server.accounts.models import Account, Seeker
from server.errors import DomainError


async def registered_searcher(db: AsyncSession, account: Account) -> bool:
    """Whether the caller is a registered seeker; raises while the registration is 無効."""
    if account.seeker_id is None:
        return False  # online-only account without a registration yet: public postings
    seeker = await db.get(Seeker, account.seeker_id)
    if seeker is not None and seeker.registration_status != "valid":
        raise DomainError(ErrorCode.registration_invalid, 403)
    return seeker is not None


def visible_levels(registered: bool) -> tuple[int, ...]:
    """公開範囲 levels whose employer the caller may see (and search by number)."""
    return (1, 2) if registered else (1,)


def company_visible(disclosure: int, registered: bool) -> bool:
    return disclosure in visible_levels(registered)

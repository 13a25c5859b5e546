"""Building blocks of the applying / messages TUI tests (issue 10): the other side (Hello Work,
the employer) played through the staff service on the server's own database, and key-only
steps through the panes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from server.applications.models import Application, JobRequest, Referral
from server.demo import DEMO_SEEKER_NUMBER
from server.staff.service import SentMessage, sent_messages
from tests.conftest import app_state
from tests.tui.helpers import settle
from tests.tui.support import TuiServer


@asynccontextmanager
async def staff(server: TuiServer) -> AsyncIterator[AsyncSession]:
    """A write session on the server's database: Hello Work and employers act through it."""
    async with app_state(server.app).write_sessionmaker() as db:
        yield db


async def demo_rows(server: TuiServer) -> tuple[Application, Referral, JobRequest]:
    """The demo seeker's application (選考中, one unread message), referral and request."""
    async with staff(server) as db:
        application = await db.scalar(select(Application))
        referral = await db.scalar(select(Referral))
        request = await db.scalar(select(JobRequest))
    assert application is not None and referral is not None and request is not None
    return application, referral, request


async def replies(server: TuiServer, job_number: str | None = None) -> list[SentMessage]:
    """What the demo seeker sent to employers (`hellowork admin messages`)."""
    async with staff(server) as db:
        return await sent_messages(db, DEMO_SEEKER_NUMBER, job_number)


def option_texts(pilot: Pilot[object], list_id: str) -> list[str]:
    listing = pilot.app.screen.query_one(f"#{list_id}", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def highlight(pilot: Pilot[object], list_id: str, needle: str) -> None:
    """Move the highlight of a list with ↓ until its option holds `needle`."""
    listing = pilot.app.screen.query_one(f"#{list_id}", OptionList)
    listing.focus()
    await pilot.press("home")
    for _ in range(listing.option_count + 1):
        index = listing.highlighted
        if index is not None and needle in str(listing.get_option_at_index(index).prompt):
            return
        await pilot.press("down")
    raise AssertionError(f"{needle!r} not in #{list_id}: {option_texts(pilot, list_id)}")


def highlighted_text(pilot: Pilot[object], list_id: str) -> str:
    listing = pilot.app.screen.query_one(f"#{list_id}", OptionList)
    assert listing.highlighted is not None
    return str(listing.get_option_at_index(listing.highlighted).prompt)


def editor_text(pilot: Pilot[object]) -> str:
    return pilot.app.screen.query_one(TextArea).text


async def open_pane(pilot: Pilot[object], key: str) -> None:
    await pilot.press(key)
    await settle(pilot)

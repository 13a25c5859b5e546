"""Key-only building blocks of the sign-in flow, shared by the TUI tests."""

from __future__ import annotations

from textual.pilot import Pilot

from screens.home import HomeScreen
from screens.otp import OtpScreen
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_EMAIL, DEMO_PASSWORD, TuiServer

SIZE = (100, 40)


async def sign_in(
    pilot: Pilot[object], email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD
) -> None:
    """Type e-mail and password on the login screen and press Enter."""
    await settle(pilot)
    await type_text(pilot, email)
    await pilot.press("tab")
    await type_text(pilot, password)
    await pilot.press("enter")
    await settle(pilot)


async def sign_in_to_home(pilot: Pilot[object], server: TuiServer) -> None:
    await sign_in(pilot)
    assert isinstance(pilot.app.screen, OtpScreen), screen_text(pilot)
    await type_text(pilot, server.latest_otp())
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen), screen_text(pilot)

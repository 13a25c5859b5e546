"""Key-only building blocks of the opening and registration flows (issue 4 TUI tests)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import RadioSet

from screens.open_account import OpenAccountScreen, OpenConfirmScreen
from screens.registration import RegistrationScreen
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import TuiServer
from widgets.checkbox import TickBox

PASSWORD = "Hanako#2026pw"

# One entry per focus stop: text is typed, ("radio", n) picks the n-th option (0-based),
# ("tick",) ticks a box, None leaves the stop as it is. Tab follows every entry.
Entry = str | tuple[str, int] | tuple[str] | None


async def fill(pilot: Pilot[object], entries: list[Entry]) -> None:
    for entry in entries:
        if isinstance(entry, str):
            await type_text(pilot, entry)
        elif isinstance(entry, tuple) and entry[0] == "radio":
            focused = pilot.app.focused
            assert isinstance(focused, RadioSet), f"expected a RadioSet, got {focused!r}"
            # The highlight starts on the first option (or the chosen one): go to the top first.
            await pilot.press(*(["up"] * len(focused.children)))
            await pilot.press(*(["down"] * entry[1]), "enter")
        elif isinstance(entry, tuple) and entry[0] == "tick":
            assert isinstance(pilot.app.focused, TickBox), pilot.app.focused
            await pilot.press("space")
        await pilot.press("tab")
    await settle(pilot)


async def agree_to_documents(pilot: Pilot[object]) -> None:
    """Scroll each document to its end with End, then tick its box (focus starts on the first)."""
    for kind in ("privacy", "terms"):
        assert pilot.app.focused is not None and pilot.app.focused.id == f"doc-{kind}", (
            pilot.app.focused
        )
        box = pilot.app.screen.query_one(f"#agree-{kind}", TickBox)
        await pilot.press("end")
        await settle(pilot)
        assert not box.disabled, f"{kind} not enabled after scrolling to the end"
        await pilot.press("tab", "space", "tab")
        assert box.value


async def open_online(pilot: Pilot[object], server: TuiServer, email: str) -> None:
    """From the login screen to the registration wizard, by keys only."""
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, OpenAccountScreen) and screen.mode == "online"
    # Before the documents were read, the boxes cannot be ticked.
    await agree_to_documents(pilot)
    await type_text(pilot, email)
    await pilot.press("tab")
    await type_text(pilot, email)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OpenConfirmScreen), screen_text(pilot)
    await type_text(pilot, PASSWORD)
    await pilot.press("tab")
    await type_text(pilot, PASSWORD)
    await pilot.press("tab")
    await type_text(pilot, server.latest_auth_key())
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RegistrationScreen), screen_text(pilot)

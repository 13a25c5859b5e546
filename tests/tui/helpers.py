"""Key-only Pilot helpers shared by the TUI tests."""

from __future__ import annotations

import asyncio
import unicodedata

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerState

from widgets.field import Field


async def settle(pilot: Pilot[object]) -> None:
    """Let workers finish and the screen update (no sleeps: waits on Textual's own state).

    A worker cancelled meanwhile (an exclusive one replaced by a newer call) is normal; one
    that failed is a bug and is raised. Scrolling animations (End, PageDown) are waited for
    too: on a busy machine they outlast a pause."""
    for _ in range(3):
        workers = [w for w in pilot.app.workers if w.state != WorkerState.PENDING]
        results = await asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
                raise result
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type `text` as a terminal delivers it: one key event per character, in a burst.

    Pilot.press waits for idle after every key (slow) and loses the character of non-ASCII
    symbols such as a full-width ＠, so the events are built the way the terminal driver
    builds them (key name + character) and queued together.
    """
    driver = pilot.app._driver
    assert driver is not None
    for c in text:
        if c.isalnum() and c.isascii():
            key = c
        elif c == " ":
            key = "space"
        else:
            key = unicodedata.name(c).lower().replace("-", "_").replace(" ", "_")
        event = events.Key(key, c)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def press_times(pilot: Pilot[object], key: str, times: int) -> None:
    """Press a non-printing key (tab, down…) `times` times in one burst, as a held key does.

    Pilot.press waits for the CPU to go idle after every key, 40 ms or more each; a burst
    waits once. Deterministic: the keys go straight onto the App's queue (the driver would
    queue them a loop turn later), so a callback queued behind them runs after the last one
    is handled; the settle after it lets every widget process what they caused.
    """
    if times <= 0:
        return
    app = pilot.app
    for _ in range(times):
        event = events.Key(key, None)
        event.set_sender(app)
        assert app.post_message(event)
    taken = asyncio.Event()
    app.call_later(taken.set)
    await taken.wait()
    await settle(pilot)


def screen_text(pilot: Pilot[object]) -> str:
    """All text of the Static-based widgets (labels, messages, field errors) on screen."""
    return "\n".join(str(w.render()) for w in pilot.app.screen.query(Static))


def field_error(pilot: Pilot[object], field_id: str) -> str:
    return pilot.app.screen.query_one(f"#field-{field_id}", Field).error

"""Full garbage collections while the user is idle, not in the middle of a keystroke.

A TUI holds a few hundred thousand objects (Textual keeps the rendered lines of every
widget of every screen in the stack), and CPython's automatic full collection has to visit
all of them: measured here, 120-200 ms with the search form and a page of results open,
striking every few screen changes — a visible stall right after Enter.

So the automatic full (generation 2) collection is switched off while the app runs, and
done instead once the user has been idle for a moment. The young generations stay
automatic (they are cheap). A user who never pauses still gets a full collection after
FORCE_AFTER generation-1 collections, ten times CPython's own spacing, so memory stays
bounded either way.

While the app starts, no collection runs at all (`hold_collections`, from the console
script): start-up makes objects that live as long as the app, so the hundred-odd young
collections it triggered (some 50 ms of CPU in a 0.5 s start) found next to nothing.
They resume once the first frame is drawn. Signing in does the same while it builds Home
(`hold`/`release`): its forty-odd widgets cost eight young collections (1-15 ms each at
load) that found almost nothing, on the way to the first frame after the one-time password.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the console script imports this module before Textual (hold_collections)
    from textual.app import App
    from textual.timer import Timer

NEVER = 1 << 30  # a generation-2 threshold CPython will not reach
IDLE_SECONDS = 1.0  # no key or mouse input for this long counts as idle
DUE_AFTER = 10  # CPython's default: a full collection every 10 generation-1 collections
FORCE_AFTER = 100
HOLD_AT_MOST = 2.0  # seconds: a hold nobody released ends anyway (on the next tick)


def hold_collections() -> None:
    """No garbage collection until the app has drawn its first frame (IdleCollector.start
    lets them run again). For the console script, before it imports Textual."""
    gc.disable()


class IdleCollector:
    def __init__(self, app: App[Any], clock: Callable[[], float] = time.monotonic) -> None:
        self._app = app
        self._clock = clock
        self.last_input = clock()
        self._saved: tuple[int, int, int] | None = None
        self._timer: Timer | None = None
        self.collections = 0  # full collections done here (for tests and benchmarks)
        self._held_since: float | None = None

    def start(self) -> None:
        self._saved = gc.get_threshold()
        first, second, _ = self._saved
        gc.set_threshold(first, second, NEVER)
        self._timer = self._app.set_interval(IDLE_SECONDS / 2, self.tick)
        if not gc.isenabled():  # held while starting (hold_collections)
            self._app.call_after_refresh(gc.enable)

    def stop(self) -> None:
        self._held_since = None
        gc.enable()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def hold(self) -> None:
        """No collection at all until `release` (or HOLD_AT_MOST seconds): for building a
        screen, whose new objects all live as long as it does."""
        if gc.isenabled():
            gc.disable()
            self._held_since = self._clock()

    def release(self) -> None:
        if self._held_since is not None:
            self._held_since = None
            gc.enable()

    def saw_input(self) -> None:
        self.last_input = self._clock()

    def tick(self) -> None:
        if self._held_since is not None:
            if self._clock() - self._held_since < HOLD_AT_MOST:
                # Not even a forced full collection: one came in the middle of Home's build
                # after a quickly typed sign-in (50-150 ms before its first frame).
                return
            self.release()
        pending = gc.get_count()[2]  # generation-1 collections since the last full one
        idle = self._clock() - self.last_input >= IDLE_SECONDS
        if pending >= FORCE_AFTER or (pending >= DUE_AFTER and idle):
            gc.collect()
            self.collections += 1

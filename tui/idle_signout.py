"""Idle sign-out: a shared terminal forgets its user when nobody touches it.

`timeout` seconds after the last key (or click), the app signs out; for the last
WARN_SECONDS of them a full-screen warning counts down, and any key keeps the session.
The clock is injected, and `tick()` does all the work from it, so tests drive the whole
sequence by moving a clock and calling `tick()`, never by waiting.

Kiosk mode defaults to DEFAULT_KIOSK_TIMEOUT; elsewhere it is off unless asked for
(`--idle-timeout SECONDS`, HELLOWORK_IDLE_TIMEOUT).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.timer import Timer

DEFAULT_KIOSK_TIMEOUT = 300.0
WARN_SECONDS = 30.0
MIN_TIMEOUT = 10.0  # below this the warning could not be read before it ends
TICK_SECONDS = 0.5
ENV_VAR = "HELLOWORK_IDLE_TIMEOUT"


class IdleTimeoutError(ValueError):
    """A timeout that is not a number of seconds (the message says what to give)."""


def parse_timeout(value: str, source: str) -> float | None:
    """Seconds from the command line or the environment; 0 or "off" turns it off."""
    text = value.strip().lower()
    if text in ("0", "off", "none", ""):
        return None
    try:
        seconds = float(text)
    except ValueError:
        raise IdleTimeoutError(
            f"{source}: {value!r} is not a number of seconds (e.g. 300, or 0 for off)"
        ) from None
    if not math.isfinite(seconds) or seconds < MIN_TIMEOUT:
        raise IdleTimeoutError(
            f"{source}: give at least {MIN_TIMEOUT:.0f} seconds (or 0 for off), not {value!r}"
        )
    return seconds


def resolve_timeout(option: str | None, *, kiosk: bool) -> float | None:
    """The option wins over the environment; otherwise kiosk mode's default, or off."""
    if option is not None:
        return parse_timeout(option, "--idle-timeout")
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return parse_timeout(env, ENV_VAR)
    return DEFAULT_KIOSK_TIMEOUT if kiosk else None


class IdleSignOut:
    """Counts idle time while `active()` says there is someone to forget.

    `warn(seconds_left)` is called on every tick of the last WARN_SECONDS (the caller shows
    or updates its warning), `keep()` when input arrives during the warning (the caller
    hides it), and `expire()` once, when the time is up.
    """

    def __init__(
        self,
        app: App[Any],
        timeout: float | None,
        *,
        active: Callable[[], bool],
        warn: Callable[[int], None],
        keep: Callable[[], None],
        expire: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._app = app
        self.timeout = timeout
        self._active = active
        self._warn = warn
        self._keep = keep
        self._expire = expire
        self._clock = clock
        self.last_input = clock()
        self.warning = False
        self._timer: Timer | None = None

    def start(self) -> None:
        if self.timeout is not None:
            self._timer = self._app.set_interval(TICK_SECONDS, self.tick)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def saw_input(self) -> bool:
        """Input arrived: the count starts again. True if it ended a warning (the key was
        the answer to it and should do nothing else)."""
        self.last_input = self._clock()
        if not self.warning:
            return False
        self.warning = False
        self._keep()
        return True

    def remaining(self) -> float | None:
        if self.timeout is None:
            return None
        return self.timeout - (self._clock() - self.last_input)

    def tick(self) -> None:
        left = self.remaining()
        if left is None:
            return
        if not self._active():
            # Nothing to forget (signed out meanwhile): no warning, and the count restarts
            # when someone begins.
            self.last_input = self._clock()
            if self.warning:
                self.warning = False
                self._keep()
            return
        if left <= 0:
            self.warning = False
            self.last_input = self._clock()
            self._expire()
        elif left <= WARN_SECONDS:
            self.warning = True
            self._warn(math.ceil(left))

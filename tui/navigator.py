"""How the app moves between panes and screens, on Textual's modes: the login flow is the
default mode's stack, and each pane of the signed-in app is a mode with a stack of its own,
so a pane keeps its screens (and their state: a half-filled form, a highlighted row, a
scrolled sheet) while another is shown.

Rules that keep it predictable:
- A place opens in its own pane (`Place.pane`) or else in the pane of the screen asking.
- Opening a screen of a kind already open above the pane's first screen closes back to
  it first, so a stack holds each kind of screen at most once over its root: it never
  grows without bound, however long someone browses.
- A screen in a pane that is not shown (a search that answered after the user went to
  お気に入り) opens when that pane is shown again, never in the pane being looked at.
- Signing out removes every pane with everything in it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from session.panes import PaneId, Place
from tui import navigation

if TYPE_CHECKING:
    from textual.app import App

log = logging.getLogger("hellowork.tui")

LOGIN_MODE = "login"
ScreenCallback = Callable[[Any], None]


def mode_of(screen: Screen[Any]) -> str | None:
    """The mode (pane) whose stack holds `screen`, as recorded when it was last shown."""
    mode = getattr(screen, "shown_in_mode", None)
    return mode if isinstance(mode, str) else None


class Navigator:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.signed_in = False
        # Work for panes that are not shown right now, done when they are shown next.
        self._pending: dict[str, list[tuple[Screen[Any], Callable[[], object]]]] = {}

    # ------------------------------------------------------------------ state

    @property
    def current_pane(self) -> PaneId | None:
        mode = self.app.current_mode
        return PaneId(mode) if self.signed_in and mode in PaneId._value2member_map_ else None

    def stack(self) -> list[Screen[Any]]:
        return list(self.app.screen_stack)

    # ------------------------------------------------------------------ signing in and out

    async def sign_in(self, then: Screen[Any] | None = None) -> None:
        """Fresh panes for a new user, Home shown (and `then` over it)."""
        await self._close_panes()
        for pane in navigation.PANES:
            self.app.add_mode(pane.id.value, partial(self._new_root, pane.root))
        self.signed_in = True
        # The login stack keeps only the login screen. The screens over it (the OTP screen)
        # leave the stack now but are taken down while Home opens, not before: waiting for
        # that first kept Home (the user's next sight) 50-130 ms behind a removal nobody sees.
        removals = [self.app.pop_screen() for _ in range(len(self.app.screen_stack) - 1)]
        await self.app.switch_mode(PaneId.home.value)
        if then is not None:
            await self.app.push_screen(then)
        for removal in removals:
            await removal

    def _new_root(self, make: Callable[[], Screen[Any]]) -> Screen[Any]:
        """A pane's first screen, marked as styled with the stylesheet as it is now.

        Textual re-parses the whole stylesheet and restyles every screen of the app when it
        opens a mode whose screen is not so marked, and does it twice (creating the mode,
        then switching to it): 30-100 ms each, before Home or a pane's first showing could
        paint. A new screen is styled when it mounts, with the stylesheet as it is then;
        a theme change still pending when it is made restyles it with every other screen
        of the app (App.refresh_css updates them all)."""
        screen = make()
        screen._css_update_count = self.app._css_update_count
        return screen

    async def sign_out(self) -> None:
        """Back to the login stack and its first screen; every pane and everything in it is
        removed."""
        await self._close_panes()
        await self._unwind()

    async def _close_panes(self) -> None:
        """Back to the login stack; every pane and everything in it is removed."""
        self._pending.clear()
        if self.app.current_mode != LOGIN_MODE:
            await self.app.switch_mode(LOGIN_MODE)
        was_signed_in, self.signed_in = self.signed_in, False
        if was_signed_in:
            for pane in navigation.PANES:
                await self.app.remove_mode(pane.id.value)

    async def _unwind(self) -> None:
        while len(self.app.screen_stack) > 1:
            await self.app.pop_screen()

    # ------------------------------------------------------------------ panes

    def show_pane(self, pane: PaneId) -> None:
        if not self.signed_in or pane.value == self.app.current_mode:
            return
        self.app.switch_mode(pane.value)
        self._run_pending(pane.value)

    def _run_pending(self, mode: str) -> None:
        for origin, work in self._pending.pop(mode, []):
            if origin.is_attached:
                work()

    def when_shown(self, origin: Screen[Any], work: Callable[[], object]) -> None:
        """Run `work` now if `origin` is in the pane being shown, else when its pane is
        shown next; never if `origin` is gone (its pane was closed, or the user signed out)."""
        if not origin.is_attached:
            return
        mode = mode_of(origin)
        if mode is None or mode == self.app.current_mode:
            work()
        else:
            self._pending.setdefault(mode, []).append((origin, work))

    # ------------------------------------------------------------------ screens

    def open(
        self,
        place: Place,
        origin: Screen[Any] | None = None,
        callback: ScreenCallback | None = None,
    ) -> None:
        """Open `place`: in its pane if it has one (shown now if the user asked from the
        screen being looked at), else in the pane of `origin`."""
        if origin is not None and not origin.is_attached:
            return  # the screen that asked is gone: the answer has nobody to go to
        target = place.pane.value if place.pane is not None and self.signed_in else None
        origin_mode = mode_of(origin) if origin is not None else None
        looking = origin is None or origin_mode in (None, self.app.current_mode)
        if target is None:
            target = origin_mode or self.app.current_mode
        if target == self.app.current_mode:
            self._push(
                navigation.build(place),
                over_root=navigation.opens_over_root(place),
                callback=callback,
            )
        elif looking:
            self.show_pane(PaneId(target))
            self._push(navigation.build(place), over_root=False, callback=callback)
        else:
            assert origin is not None
            self._pending.setdefault(target, []).append(
                (origin, lambda: self._push(navigation.build(place), False, callback))
            )

    def push(
        self, origin: Screen[Any], screen: Screen[Any], callback: ScreenCallback | None = None
    ) -> None:
        """Show `screen` over `origin` (a dialog, a step of its flow), in origin's pane."""
        self.when_shown(origin, lambda: self._push(screen, False, callback))

    def _push(
        self, screen: Screen[Any], over_root: bool, callback: ScreenCallback | None = None
    ) -> None:
        stack = self.app.screen_stack
        cut = (
            1
            if over_root
            else next(
                (i for i in range(1, len(stack)) if type(stack[i]) is type(screen)), len(stack)
            )
        )
        for _ in range(len(stack) - cut):
            self.app.pop_screen()
        self.app.push_screen(screen, callback)

    def back(self, origin: Screen[Any], result: object = None) -> None:
        """Close `origin` (Esc). The first screen of a pane is never closed: the menu gets the
        focus instead, from where any pane is one key away."""

        def close() -> None:
            stack = self.app.screen_stack
            if origin is not stack[-1]:
                return  # something was opened over it meanwhile: leave it
            if len(stack) > 1:
                origin.dismiss(result)
            elif self.signed_in:
                focus_menu = getattr(origin, "focus_menu", None)
                if callable(focus_menu):
                    focus_menu()

        self.when_shown(origin, close)

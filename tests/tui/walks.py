"""Walking a screen by keys only at 80×24 (issue 12, Tests): Tab reaches every control and
each is on screen where it has the focus; every key the key line offers does its work and
Esc comes back, with no crash, on the real server."""

from __future__ import annotations

from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from tests.tui.helpers import settle

WIDTH, HEIGHT = 80, 24
# Keys walked by tests of their own: quitting, the language, signing out, back, help, the
# menu's entries (they change panes) and Enter (it opens what is highlighted).
NOT_WALKED = frozenset({"ctrl+q", "ctrl+t", "ctrl+l", "escape", "f1", "enter"})


def describe(widget: Widget | None) -> str:
    return "nothing" if widget is None else f"{type(widget).__name__}#{widget.id}"


def where(screen: Screen[object], widget: Widget) -> str:
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return "not laid out"
    return f"region {geometry.region}, clip {geometry.clip}"


def on_screen(screen: Screen[object], widget: Widget) -> bool:
    """The widget shows at least one cell inside the terminal."""
    try:
        visible = screen.find_widget(widget).visible_region
    except NoWidget:
        return False
    inside = visible.intersection(screen.region)
    return inside.area > 0 and inside.right <= WIDTH and inside.bottom <= HEIGHT


async def walk_focus(pilot: Pilot[object], limit: int = 120) -> list[str]:
    """Tab from the focused control round to it again; each stop must be on screen."""
    app = pilot.app
    app.animation_level = "none"
    screen = app.screen
    first = app.focused
    stops: list[str] = []
    for _ in range(limit):
        focused = app.focused
        if focused is not None:
            assert on_screen(screen, focused), (
                f"{describe(focused)} has the focus off-screen: {where(screen, focused)}"
            )
            stops.append(describe(focused))
        await pilot.press("tab")
        await pilot.pause()
        if app.focused is first:
            break
    return stops  # empty: nothing to focus (an empty mailbox), and nothing focused unseen


def offered_keys(screen: Screen[object]) -> list[str]:
    """The keys of the key line (one per action), as the user reads them there."""
    seen: set[str] = set()
    keys = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.show and active.enabled and binding.action not in seen:
            seen.add(binding.action)
            keys.append(key)
    return keys


async def walk_keys(pilot: Pilot[object], skip: frozenset[str] = frozenset()) -> list[str]:
    """Press every offered key once; whatever opens over the screen is closed with Esc."""
    app = pilot.app
    screen = app.screen
    pressed = []
    for key in offered_keys(screen):
        if key in NOT_WALKED or key in skip or key.isdigit():
            continue
        if app.screen is not screen:
            break  # a key before this one closed the screen (a form saved): walk ends
        await pilot.press(key)
        await settle(pilot)
        pressed.append(key)
        for _ in range(4):
            if app.screen is screen or screen not in app.screen_stack:
                break
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen is screen or screen not in app.screen_stack, (
            f"{key}: Esc did not come back to {describe(screen)} (at {describe(app.screen)})"
        )
    return pressed


async def walk(pilot: Pilot[object], skip: frozenset[str] = frozenset()) -> None:
    await settle(pilot)
    await walk_focus(pilot)
    await walk_keys(pilot, skip)

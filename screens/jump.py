"""The jump overlay (Ctrl+G): every control of the screen that focus can reach and that is on
screen gets a key drawn over it; pressing that key moves the focus there.

A search form of forty controls is then two key presses from anywhere instead of two dozen
Tabs. Labels are one character while there are few enough controls, else two (typed one
after the other; the first narrows the labels shown). They are drawn in reverse video, so
they stand out without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from screens.base import Localised
from strings.i18n import t
from widgets.localise import localise_bindings

# Keys of the labels: the digits and lower-case letters, easy to find on any keyboard.
KEYS = "123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Target:
    key: str
    widget: Widget
    x: int
    y: int


def labels(count: int) -> list[str]:
    """`count` labels, none the start of another: one key each while that is enough."""
    if count <= len(KEYS):
        return list(KEYS[:count])
    return ["".join(pair) for pair in product(KEYS, repeat=2)][:count]


def targets(screen: Screen[Any]) -> list[Target]:
    """The focusable controls of `screen` that are (at least partly) on screen, in focus
    order, each with its label and where to draw it (its top-left visible cell)."""
    found: list[tuple[Widget, int, int]] = []
    for widget in screen.focus_chain:
        try:
            geometry = screen.find_widget(widget)
        except NoWidget:
            continue  # scrolled out of the screen: Tab or scrolling reaches it
        visible = geometry.region.intersection(geometry.clip)
        if visible.area:
            found.append((widget, visible.x, visible.y))
    return [
        Target(key, widget, x, y)
        for key, (widget, x, y) in zip(labels(len(found)), found, strict=True)
    ]


class JumpLabel(Static):
    DEFAULT_CSS = """
    JumpLabel {
        position: absolute;
        width: auto;
        height: 1;
        padding: 0 0;
        text-style: bold reverse;
        color: $accent;
        background: $background;
    }
    JumpLabel.-other { display: none; }
    """


class JumpOverlay(ModalScreen[Widget | None], Localised):
    DEFAULT_CSS = """
    JumpOverlay > #jump-hint {
        dock: bottom;
        height: auto;
        padding: 0 1;
        text-style: bold;
        background: $footer-background;
        color: $footer-foreground;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl+G again (the App's jump key, wherever keys.toml puts it) closes it too.
        Binding("escape", "cancel", "Cancel", id="jump.key.cancel"),
    ]

    def __init__(self, over: Screen[Any]) -> None:
        super().__init__()
        self.targets = targets(over)
        self.typed = ""
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        for target in self.targets:
            label = JumpLabel(target.key, markup=False)
            label.styles.offset = (target.x, target.y)
            yield label
        yield Static(self._hint(), id="jump-hint", markup=False)

    def _hint(self) -> str:
        if not self.targets:
            return t("jump.none")
        return t("jump.hint", typed=self.typed) if self.typed else t("jump.prompt")

    def apply_language(self) -> None:
        self.query_one("#jump-hint", Static).update(self._hint())

    def relocalise(self) -> None:
        localise_bindings(self)
        self.apply_language()

    def on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if not char or char not in KEYS:
            return
        event.stop()
        event.prevent_default()
        typed = self.typed + char
        matching = [target for target in self.targets if target.key.startswith(typed)]
        if not matching:
            self.app.bell()
            return
        exact = [target for target in matching if target.key == typed]
        if exact:
            self.dismiss(exact[0].widget)
            return
        self.typed = typed
        for label, target in zip(self.query(JumpLabel), self.targets, strict=True):
            label.set_class(not target.key.startswith(typed), "-other")
        self.apply_language()

    def action_cancel(self) -> None:
        self.dismiss(None)

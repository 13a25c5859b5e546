"""The jump overlay (Ctrl+G): every control of the screen that focus can reach gets a key;
pressing it moves the focus there (scrolled into view).

Controls on screen have their key drawn over them; those scrolled out of view (the rest of
a long form) are listed by name with their keys — Space shows that list, ↑↓ / PageUp /
PageDown scroll it. A search form of a hundred controls is then two or three key presses
from anywhere instead of dozens of Tabs. Labels are one character while there are few
enough controls; otherwise the controls on screen keep one character and the others get two
(typed one after the other; the first narrows the labels shown). Labels are drawn in
reverse video, so they stand out without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll
from textual.errors import NoWidget
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Static

from screens.base import Localised
from strings.i18n import t
from widgets.localise import localise_bindings
from widgets.menu_pane import MenuPane

# Keys of the labels: the digits and lower-case letters, easy to find on any keyboard.
KEYS = "123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Target:
    key: str
    widget: Widget
    x: int
    y: int
    shown: bool  # on screen (its key drawn over it), else listed by name
    name: str


def labels(count: int, more: int = 0) -> list[str]:
    """Labels for `count` controls on screen, then `more` off it, none the start of another:
    one key each while all fit; else one key for those on screen and two for the others."""
    total = count + more
    if total <= len(KEYS):
        return list(KEYS[:total])
    if count < len(KEYS):
        pairs = ["".join(pair) for pair in product(KEYS[count:], KEYS)][:more]
        if len(pairs) == more:
            return list(KEYS[:count]) + pairs
    return ["".join(pair) for pair in product(KEYS, repeat=2)][:total]


def _text_of(widget: Widget) -> str:
    """What a widget says, on one line ("" for none): a label's text, a control's label."""
    label = getattr(widget, "label", None)
    if label is None and isinstance(widget, Static) and not widget.can_focus:
        label = widget.render()
    if label is None:
        return ""
    text = label.plain if isinstance(label, Text) else str(label)
    return " ".join(text.split())


def control_names(screen: Screen[Any]) -> dict[Widget, str]:
    """A name for each control: its own label (a box, a button) or else the nearest text
    before it in the screen's order (the label over a field or a dropdown)."""
    names: dict[Widget, str] = {}
    last = ""
    for widget in screen.walk_children(Widget, with_self=False):
        if not widget.display:
            continue
        if isinstance(widget, MenuPane):
            names[widget] = t("jump.name.menu")
        elif (
            isinstance(widget, ScrollableContainer)
            and not isinstance(widget, ScrollView)  # a text field or editor is one too
            and widget.focusable
        ):
            names[widget] = t("jump.name.page")  # the page itself: ↑↓ scroll it
        elif widget.focusable:
            names[widget] = _text_of(widget) or last
        elif isinstance(widget, Static) and not widget.focusable:
            last = _text_of(widget) or last
    return names


def targets(screen: Screen[Any]) -> list[Target]:
    """Every control of `screen` that focus can reach, in focus order, each with its label;
    one at least partly on screen is drawn over at its top-left visible cell."""
    where: list[tuple[Widget, int, int, bool]] = []
    for widget in screen.focus_chain:
        try:
            geometry = screen.find_widget(widget)
        except NoWidget:
            where.append((widget, 0, 0, False))  # scrolled out of the screen
            continue
        visible = geometry.region.intersection(geometry.clip)
        where.append((widget, visible.x, visible.y, bool(visible.area)))
    names = control_names(screen) if any(not shown for *_, shown in where) else {}
    on = [w for w in where if w[3]]
    off = [w for w in where if not w[3]]
    keys = dict(zip([w[0] for w in on + off], labels(len(on), len(off)), strict=True))
    return [
        Target(keys[widget], widget, x, y, shown, names.get(widget, ""))
        for widget, x, y, shown in where
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
    JumpOverlay > #jump-list {
        display: none;
        width: 100%;
        height: 1fr;
        border: heavy $accent;
        background: $surface;
        padding: 0 1;
    }
    JumpOverlay.-listing > #jump-list { display: block; }
    JumpOverlay.-listing > JumpLabel { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl+G again (the App's jump key, wherever keys.toml puts it) closes it too.
        Binding("escape", "cancel", "Cancel", id="jump.key.cancel"),
        Binding("space", "toggle_list", "All controls", id="jump.key.list"),
        Binding("up", "scroll('up')", show=False),
        Binding("down", "scroll('down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
    ]

    def __init__(self, over: Screen[Any]) -> None:
        super().__init__()
        self.targets = targets(over)
        self.shown_targets = [target for target in self.targets if target.shown]
        self.hidden = len(self.targets) - len(self.shown_targets)
        self.typed = ""
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        for target in self.shown_targets:
            label = JumpLabel(target.key, markup=False)
            label.styles.offset = (target.x, target.y)
            yield label
        with VerticalScroll(id="jump-list", can_focus=False):
            yield Static(self._listing(), id="jump-listing")
        yield Static(self._hint(), id="jump-hint", markup=False)

    def _listing(self) -> Text:
        """Every control by name, with its key; those off screen marked as such."""
        lines = Text(no_wrap=True, overflow="ellipsis")
        for target in self.targets:
            if not target.key.startswith(self.typed):
                continue
            if lines:
                lines.append("\n")
            lines.append(f" {target.key:<2} ", style="bold reverse")
            where = "" if target.shown else t("jump.off_screen")
            lines.append(f" {target.name or t('jump.unnamed')}{where}")
        return lines

    @property
    def listing(self) -> bool:
        return self.has_class("-listing")

    def _hint(self) -> str:
        if not self.targets:
            return t("jump.none")
        if self.typed:
            return t("jump.hint", typed=self.typed)
        if self.listing:
            return t("jump.listing")
        return t("jump.prompt_more", n=self.hidden) if self.hidden else t("jump.prompt")

    def apply_language(self) -> None:
        self.query_one("#jump-hint", Static).update(self._hint())
        self.query_one("#jump-listing", Static).update(self._listing())

    def relocalise(self) -> None:
        localise_bindings(self)
        self.apply_language()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_list":
            return bool(self.targets)
        if action == "scroll":
            return self.listing
        return True

    def action_toggle_list(self) -> None:
        self.toggle_class("-listing")
        self.refresh_bindings()
        self.apply_language()

    def action_scroll(self, how: str) -> None:
        box = self.query_one("#jump-list", VerticalScroll)
        getattr(box, f"scroll_{how}")(animate=False)

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
        for label, target in zip(self.query(JumpLabel), self.shown_targets, strict=True):
            label.set_class(not target.key.startswith(typed), "-other")
        self.apply_language()

    def action_cancel(self) -> None:
        self.dismiss(None)

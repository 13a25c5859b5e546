"""A column of links under a form: one Tab stop, ↑/↓ to choose, Enter to follow.

Each link runs an action of its screen — the same action its function key runs — so a link
and its key can never disagree. One widget rendering one text replaces a Button per link:
fewer Tab stops for keyboard users, and far less to mount, style and paint when a screen is
pushed (the login screen is the first thing anyone waits for).

The chosen link is marked with "▸" and reverse video while the list has focus, so focus is
visible without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset
from textual.reactive import reactive
from textual.widget import Widget

CURSOR = "▸ "
PLAIN = "  "


@dataclass
class Link:
    id: str
    action: str  # an action of the screen, e.g. "forgot" or "open_account('code')"
    label: str = ""
    shown: bool = True


class LinkList(Widget, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"link-list--link", "link-list--cursor"}
    DEFAULT_CSS = """
    LinkList { height: auto; margin: 1 0 0 0; }
    LinkList > .link-list--link { text-style: underline; }
    LinkList > .link-list--cursor { text-style: bold reverse; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "move(-1000)", show=False),
        Binding("end", "move(1000)", show=False),
        Binding("enter", "follow", show=False),
        Binding("space", "follow", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, *links: Link, id: str | None = None) -> None:
        super().__init__(id=id)
        self._links = list(links)

    # ------------------------------------------------------------------ content

    @property
    def shown(self) -> list[Link]:
        return [link for link in self._links if link.shown]

    def link(self, link_id: str) -> Link:
        for link in self._links:
            if link.id == link_id:
                return link
        raise KeyError(link_id)

    def set_label(self, link_id: str, label: str) -> None:
        link = self.link(link_id)
        if link.label != label:
            link.label = label
            self.refresh(layout=True)

    @property
    def current(self) -> Link | None:
        shown = self.shown
        return shown[self.cursor] if 0 <= self.cursor < len(shown) else None

    def cursor_row(self) -> Offset:
        """Where the terminal's cursor goes in plain mode: the chosen link's line."""
        return Offset(0, self.cursor)

    def render(self) -> Text:
        link_style = self.get_component_rich_style("link-list--link", partial=True)
        cursor_style = self.get_component_rich_style("link-list--cursor", partial=True)
        text = Text(end="", no_wrap=True, overflow="ellipsis")
        for index, link in enumerate(self.shown):
            if index:
                text.append("\n")
            if self.has_focus and index == self.cursor:
                text.append(CURSOR + link.label, cursor_style)
            else:
                text.append(PLAIN)
                text.append(link.label, link_style)
        return text

    # ------------------------------------------------------------------ keys and mouse

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.shown) - 1, self.cursor + step))

    async def action_follow(self) -> None:
        link = self.current
        if link is not None:
            await self.app.run_action(link.action, self.screen)

    async def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self.shown):
            self.cursor = event.y
            await self.action_follow()

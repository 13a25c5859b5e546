"""A pane whose screens are not built yet (求職活動状況, メッセージ): it says so plainly, and
the menu beside it leads on. Registered in tui/navigation.py like any other pane, so the real
screen replaces it there in one line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import SignedInScreen
from strings.i18n import t
from widgets.key_bar import KeyBar


class PlaceholderScreen(SignedInScreen):
    def __init__(self, name_key: str) -> None:
        super().__init__()
        self.name_key = name_key

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="body", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.menu.focus()

    def apply_language(self) -> None:
        name = t(self.name_key)
        self.query_one("#title", Static).update(t("placeholder.title", name=name))
        self.query_one("#body", Static).update(t("menu.not_ready", name=name))

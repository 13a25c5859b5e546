"""The full-screen warning before an idle sign-out: it covers the whole screen (nothing of
the user shows behind it while nobody is there) and counts down; any key closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from screens.base import Localised
from strings.i18n import t


class IdleWarningScreen(ModalScreen[None], Localised):
    DEFAULT_CSS = """
    IdleWarningScreen {
        align: center middle;
        background: $background;
    }
    IdleWarningScreen > Vertical {
        width: 100%;
        max-width: 76;
        height: auto;
        border: heavy $warning;
        padding: 1 2;
    }
    IdleWarningScreen #idle-title { text-style: bold; }
    IdleWarningScreen #idle-countdown {
        text-style: bold reverse;
        margin: 1 0;
        width: auto;
        padding: 0 2;
    }
    """

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="idle-title", markup=False)
            yield Static("", id="idle-countdown", markup=False)
            yield Static("", id="idle-body", markup=False)
            yield Static("", id="idle-keep", markup=False)

    def on_mount(self) -> None:
        self.apply_language()

    def relocalise(self) -> None:
        self.apply_language()

    def apply_language(self) -> None:
        self.query_one("#idle-title", Static).update(t("idle.title"))
        self.query_one("#idle-body", Static).update(t("idle.body"))
        self.query_one("#idle-keep", Static).update(t("idle.keep"))
        self._show_seconds()

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        if self.is_mounted:
            self._show_seconds()

    def _show_seconds(self) -> None:
        self.query_one("#idle-countdown", Static).update(t("idle.countdown", seconds=self.seconds))

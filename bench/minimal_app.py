"""The yardstick for start-up: the smallest Textual app that paints a line and a footer."""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Static


class MinimalApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("MINIMAL-READY")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()

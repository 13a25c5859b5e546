"""A long document (privacy policy, terms of use) shown in full in a scrollable, focusable
pane. Arrow keys, PageUp/PageDown, Home/End scroll it; once its end has been shown it says so
(`ReadToEnd`), which is when the screen lets the user tick 同意します (as on the real site)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static


class DocumentView(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    DocumentView { height: 10; border: tall $border-blurred; padding: 0 1; }
    DocumentView:focus { border: heavy $accent; }
    """

    class ReadToEnd(Message):
        def __init__(self, view: DocumentView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> DocumentView:
            return self.view

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.read_to_end = False
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Static("", classes="document--body", markup=False)

    def set_text(self, text: str) -> None:
        self.query_one(".document--body", Static).update(text)
        self._loaded = True
        self.call_after_refresh(self._check_end)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_end()

    def on_resize(self) -> None:
        self.call_after_refresh(self._check_end)

    def _check_end(self) -> None:
        if self.read_to_end or not self._loaded:
            return
        if self.scroll_y >= self.max_scroll_y:
            self.read_to_end = True
            self.post_message(self.ReadToEnd(self))

"""The status line of a screen: an error (✖), a note (ℹ) or "working…" (…), marked by symbol
and words, never by colour alone; and the cheap way to change a Static's text."""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Static

from strings.marks import BUSY, ERROR, NOTE, marked
from widgets.field import Message

# How long a request may run before the screen says it is working on it.
BUSY_DELAY = 0.15


def set_text(widget: Static, text: str) -> None:
    """Update a Static only when its text changes: every update costs the screen a layout."""
    if widget.content != text:
        widget.update(text)


class MessageLine(Static):
    """A status line: an error (✖) or a note (ℹ) — marked by symbol and words, not colour."""

    DEFAULT_CSS = """
    MessageLine { height: auto; margin: 1 0 0 0; display: none; }
    MessageLine.-shown { display: block; }
    MessageLine.-error { text-style: bold; color: $text-error; }
    MessageLine.-busy { text-style: italic; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.text = ""
        self._message: Message = None
        self._error = False
        self._busy = False
        self._pending: Timer | None = None

    def show(self, message: Message, *, error: bool = False, busy: bool = False) -> None:
        """`message` may be a function building the text, re-run on a language switch."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._message, self._error, self._busy = message, error, busy
        self.text = (message() if callable(message) else message) or ""
        mark = ERROR if error else (BUSY if busy else NOTE)
        set_text(self, marked(mark, self.text) if self.text else "")
        self.set_class(bool(self.text), "-shown")
        self.set_class(error, "-error")
        self.set_class(busy, "-busy")

    @property
    def showing_error(self) -> bool:
        return self._error and bool(self.text)

    def busy_after(self, message: Message, seconds: float | None = None) -> None:
        """Say "working…" only if the work is still running after `seconds` (BUSY_DELAY): an
        answer that comes sooner changes nothing on screen (no flash, no extra layout). Any
        `show` before then cancels it."""
        self.show(None)

        def due() -> None:
            # A timer that has fired has queued this call; stopping it then does not take
            # the call back. Only the timer still pending may show "working…".
            if self._pending is timer:
                self._pending = None
                self.show(message, busy=True)

        timer = self.set_timer(BUSY_DELAY if seconds is None else seconds, due)
        self._pending = timer

    def rebuild(self) -> None:
        self.show(self._message, error=self._error, busy=self._busy)

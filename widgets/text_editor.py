"""A multi-line text to send (志望動機, a reply): a label, the text area, a count of
characters against the limit and an error line, all in words ("312 / 1,000文字",
"✖ 1,000文字を超えています"), never colour alone.

Tab leaves the text area (it never inserts a tab), so the keyboard can always move on; the
screen's Ctrl+S sends. Every change is reported (`TextEditor.Changed`) so the screen can keep
the draft.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from strings.i18n import t
from strings.marks import ERROR, marked


class TextEditor(Vertical):
    DEFAULT_CSS = """
    TextEditor { height: auto; }
    TextEditor > TextArea { height: 8; border: tall $border-blurred; }
    TextEditor > TextArea:focus { border: heavy $accent; }
    TextEditor > .editor--label { text-style: bold; }
    TextEditor > .editor--count { color: $text-muted; }
    TextEditor > .editor--error { text-style: bold; color: $text-error; display: none; }
    TextEditor > .editor--error.-shown { display: block; }
    """

    class Changed(Message):
        def __init__(self, editor: TextEditor, text: str) -> None:
            super().__init__()
            self.editor = editor
            self.text = text

        @property
        def control(self) -> TextEditor:
            return self.editor

    def __init__(
        self, label_key: str, limit: int, text: str = "", *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.label_key = label_key
        self.limit = limit
        self._initial = text
        self._error: Callable[[], str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="editor--label", markup=False)
        yield TextArea(
            self._initial,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            id=f"{self.id}-area" if self.id else None,
        )
        yield Static("", classes="editor--count", markup=False)
        yield Static("", classes="editor--error", markup=False)

    @property
    def area(self) -> TextArea:
        return self.query_one(TextArea)

    @property
    def text(self) -> str:
        return self.area.text

    def set_text(self, text: str) -> None:
        self.area.load_text(text)
        self._count()

    def focus_text(self) -> None:
        self.area.focus()

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        self.query_one(".editor--label", Static).update(
            t(self.label_key) + "  " + t("editor.limit", max=f"{self.limit:,}")
        )
        self._count()
        error = self.query_one(".editor--error", Static)
        error.update(marked(ERROR, self._error()) if self._error is not None else "")

    def _count(self) -> None:
        length = len(self.area.text.replace("\r\n", "\n"))
        over = length > self.limit
        key = "editor.count_over" if over else "editor.count"
        self.query_one(".editor--count", Static).update(
            t(key, length=f"{length:,}", max=f"{self.limit:,}")
        )

    def set_error(self, message: Callable[[], str] | None) -> None:
        """An error under the text (rebuilt on a language switch); None clears it."""
        self._error = message
        error = self.query_one(".editor--error", Static)
        error.update(marked(ERROR, message()) if message is not None else "")
        error.set_class(message is not None, "-shown")

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._count()
        if self._error is not None:
            self.set_error(None)
        self.post_message(self.Changed(self, self.area.text))

"""The shape shared by the pages that show one document from the server and save it as text
(求人票, 紹介状): a head, a message line, the document in a scroll area that has the focus, the
key bar; W writes the text file in the user's documents folder — never in kiosk mode, where
nothing of a user may stay on a shared terminal's disk.

A subclass names its scroll area and its strings' prefix, composes its head lines, loads the
document (`load`, a worker) and says what file to write (`text_file`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import SignedInScreen
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine


def documents_dir() -> Path:
    """~/Documents when it exists (as on most desktops), else the home directory."""
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


def write_text_file(name: str, text: str, directory: Path | None = None) -> Path:
    """Write `text` as UTF-8; a file of the same name (the same document) is replaced."""
    path = (directory or documents_dir()) / name
    path.write_text(text, encoding="utf-8")
    return path


class TextPage(SignedInScreen):
    DEFAULT_CSS = """
    TextPage .document { height: 1fr; padding: 0 2; }
    TextPage .document:focus { border: heavy $accent; }
    """
    SCROLL_ID: ClassVar[str]
    # Strings <PREFIX>.save_kiosk, <PREFIX>.save_failed (reason) and <PREFIX>.saved (path).
    PREFIX: ClassVar[str]

    def head(self) -> ComposeResult:
        """The lines above the message line."""
        yield from ()

    def load(self) -> object:
        """Fetch the document (a worker)."""
        raise NotImplementedError

    def text_file(self) -> tuple[str, str] | None:
        """(file name, text) of what W saves, or None while nothing is loaded."""
        raise NotImplementedError

    def compose_content(self) -> ComposeResult:
        yield from self.head()
        yield MessageLine(id="message")
        with VerticalScroll(id=self.SCROLL_ID, classes="document"):
            yield Static("", id="body", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def scroll_area(self) -> VerticalScroll:
        return self.query_one(f"#{self.SCROLL_ID}", VerticalScroll)

    def on_mount(self) -> None:
        self.scroll_area.focus()
        self.load()

    def action_reload(self) -> None:
        self.load()

    def action_save_text(self) -> None:
        if self.services.kiosk:
            self.message.show(lambda: t(f"{self.PREFIX}.save_kiosk"), error=True)
            return
        document = self.text_file()
        if document is not None:
            self.save_text(*document)

    @work(exclusive=True, group="save-text")
    async def save_text(self, name: str, text: str) -> None:
        try:
            path = await asyncio.to_thread(write_text_file, name, text)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self.message.show(lambda: t(f"{self.PREFIX}.save_failed", reason=reason), error=True)
            return
        self.message.show(lambda: t(f"{self.PREFIX}.saved", path=str(path)))

"""紹介状 (referral letter) of an online Hello Work referral: seeker, posting, employer, office
and dates, as the server writes it. W saves it as a UTF-8 text file in the user's documents
folder — never in kiosk mode, where nothing of a user may stay on a shared terminal's disk.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import NO_ANSWER, SignedInScreen
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.application_models import ReferralLetter


def documents_dir() -> Path:
    """~/Documents when it exists (as on most desktops), else the home directory."""
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


def write_letter(letter: ReferralLetter, directory: Path | None = None) -> Path:
    """Write the letter; an existing file of the same letter is replaced (same content)."""
    path = (directory or documents_dir()) / f"紹介状_{letter.letter_number}.txt"
    path.write_text(letter.text, encoding="utf-8")
    return path


class ReferralLetterScreen(SignedInScreen):
    DEFAULT_CSS = """
    ReferralLetterScreen #letter { height: 1fr; padding: 0 2; }
    ReferralLetterScreen #letter:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "save_text", "Save as text", id="letter.key.save"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.letter: ReferralLetter | None = None

    def compose_content(self) -> ComposeResult:
        yield Static("", id="title", classes="title", markup=False)
        yield Static("", id="hint", classes="hint", markup=False)
        yield MessageLine(id="message")
        with VerticalScroll(id="letter"):
            yield Static("", id="body", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def on_mount(self) -> None:
        self.query_one("#letter", VerticalScroll).focus()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("letter.title"))
        hint = "letter.hint_kiosk" if self.services.kiosk else "letter.hint"
        self.query_one("#hint", Static).update(t(hint))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_text":
            return self.letter is not None
        return super().check_action(action, parameters)

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="letter")
    async def load(self) -> None:
        letter = await self.call(
            lambda c: c.referral_letter(self.application_id),
            busy=lambda: t("letter.loading"),
            failed="letter.failed",
            retry=self.load,
            latest="letter",
        )
        if letter is NO_ANSWER:
            return
        self.letter = letter
        self.query_one("#body", Static).update(letter.text)
        self.refresh_bindings()

    def action_save_text(self) -> None:
        if self.services.kiosk:
            self.message.show(lambda: t("letter.save_kiosk"), error=True)
            return
        if self.letter is not None:
            self.save_text(self.letter)

    @work(exclusive=True, group="save-letter")
    async def save_text(self, letter: ReferralLetter) -> None:
        try:
            path = await asyncio.to_thread(write_letter, letter)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self.message.show(lambda: t("letter.save_failed", reason=reason), error=True)
            return
        self.message.show(lambda: t("letter.saved", path=str(path)))

"""紹介状 (referral letter) of an online Hello Work referral: seeker, posting, employer, office
and dates, as the server writes it. W saves it as a UTF-8 text file in the user's documents
folder — never in kiosk mode, where nothing of a user may stay on a shared terminal's disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from screens.base import NO_ANSWER
from screens.text_page import TextPage
from strings.i18n import t

if TYPE_CHECKING:
    from api_client.application_models import ReferralLetter


class ReferralLetterScreen(TextPage):
    SCROLL_ID = "letter"
    PREFIX = "letter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "save_text", "Save as text", id="letter.key.save"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.letter: ReferralLetter | None = None

    def head(self) -> ComposeResult:
        yield Static("", id="title", classes="title", markup=False)
        yield Static("", id="hint", classes="hint", markup=False)

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("letter.title"))
        hint = "letter.hint_kiosk" if self.services.kiosk else "letter.hint"
        self.query_one("#hint", Static).update(t(hint))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_text":
            # Not offered in kiosk mode: a shared terminal keeps no files.
            return self.letter is not None and not self.services.kiosk
        return super().check_action(action, parameters)

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

    def text_file(self) -> tuple[str, str] | None:
        letter = self.letter
        return None if letter is None else (f"紹介状_{letter.letter_number}.txt", letter.text)

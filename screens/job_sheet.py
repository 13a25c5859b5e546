"""求人票: the real sheet's header and its 10 sections, as the server writes them (real labels,
2025年7月23日, 9時00分〜18時00分, 230,000円〜400,000円, 公開していません), laid out to the width of
the screen; N/P step through several (the checked postings); W saves it as UTF-8 text laid out
to print on A4 in the user's documents folder (never in kiosk mode: nothing of a user may stay
on a shared terminal's disk)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from screens.base import NO_ANSWER
from screens.text_page import TextPage
from session import places
from session.errors import error_text
from strings.i18n import t

if TYPE_CHECKING:
    from api_client.errors import NotFound
    from api_client.job_models import JobSheet


# Below this width the label column narrows so values keep room (80×24 leaves ~74 columns).
WIDE_SHEET = 80


class JobSheetScreen(TextPage):
    DEFAULT_CSS = """
    JobSheetScreen .sheet-section { text-style: bold; margin: 1 0 0 0; }
    """
    SCROLL_ID = "sheet"
    PREFIX = "sheet"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "step(1)", "Next sheet", id="search.key.next_sheet"),
        Binding("p", "step(-1)", "Previous sheet", id="search.key.prev_sheet"),
        Binding("w", "save_text", "Save as text", id="search.key.save_text"),
        Binding("f", "favorite", "Add to favorites", id="search.key.favorite"),
        Binding("a", "apply", "Apply online", id="sheet.key.apply"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, numbers: list[str], index: int = 0) -> None:
        super().__init__()
        self.numbers = numbers
        self.index = index
        self.sheet: JobSheet | None = None

    def head(self) -> ComposeResult:
        yield Static("", id="position", classes="hint", markup=False)
        yield Static("", id="hint", classes="hint", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return len(self.numbers) > 1
        if action == "apply":
            # オンライン自主応募の受付: 可 only (the sheet's header says which).
            return self.sheet is not None and self.sheet.online_application
        if action == "save_text":
            return not self.services.kiosk  # a shared terminal keeps no files: not offered
        return super().check_action(action, parameters)

    def apply_language(self) -> None:
        self.query_one("#hint", Static).update(t("sheet.hint"))
        self._show()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._show)

    def _show(self) -> None:
        from api_client.sheet_text import body_lines

        position = self.query_one("#position", Static)
        position.display = len(self.numbers) > 1
        position.update(t("sheet.position", n=self.index + 1, count=len(self.numbers)))
        sheet = self.sheet
        body = self.query_one("#body", Static)
        if sheet is None:
            body.update("")
            return
        # The scroll area's width less its scroll bar: no line is wider than the screen.
        width = max(40, self.scroll_area.content_size.width - 2)
        label_width = 28 if width >= WIDE_SHEET else 18
        body.update("\n".join(body_lines(sheet, width=width, label_width=label_width)))

    @work(exclusive=True, group="sheet")
    async def load(self) -> None:
        from api_client import errors

        number = self.numbers[self.index]
        self.sheet = None
        self._show()
        sheet = await self.call(
            lambda c: c.job_sheet(number),
            busy=lambda: t("sheet.loading"),
            failed="sheet.failed",
            retry=self.load,
            on={errors.NotFound: self._not_open},
            latest="sheet",
        )
        if sheet is NO_ANSWER:
            return
        self.sheet = sheet
        self._show()
        self.scroll_area.scroll_home(animate=False)
        self.refresh_bindings()

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.numbers)
        self.load()

    def action_apply(self) -> None:
        """オンライン自主応募 with a 志望動機 (the cautions come first)."""
        if self.sheet is None:
            return
        if not self.sheet.online_application:
            self.message.show(lambda: t("error.self_application_not_accepted"), error=True)
            return
        self.services.open(places.Apply(self.sheet.job_number), self)

    def action_favorite(self) -> None:
        self.save_favorites([self.numbers[self.index]])

    def _not_open(self, exc: NotFound) -> None:
        """The posting is no longer open (expired, withdrawn): say which, in words."""
        status = str(exc.params.get("status", ""))
        if not status:
            self.message.show(error_text(exc), error=True)
            return
        self.message.show(
            lambda: t("sheet.not_open", status=t(f"search.status.{status}")), error=True
        )

    def text_file(self) -> tuple[str, str] | None:
        from api_client.sheet_text import a4_text

        sheet = self.sheet
        return None if sheet is None else (f"求人票_{sheet.job_number}.txt", a4_text(sheet))

"""番号検索: up to 5 求人番号, apart from the condition search (as on the real site).

Type the numbers (full-width digits and ー are accepted and normalised), Ctrl+S or Enter
searches; the open postings found are listed as cards in the order typed, and the numbers with
no open posting are named. Enter on a card shows the job sheets of every posting found (N/P
step through them). A number in the wrong form is refused under its own field.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from api_client.job_models import JOB_NUMBER_RE
from screens.base import NO_ANSWER, SignedInScreen
from session import places
from strings.i18n import t
from strings.problems import search_problem
from widgets.field import Field
from widgets.job_card import card_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.search_form import halfwidth

if TYPE_CHECKING:
    from api_client.job_models import JobNumberResult

NUMBERS = 5


class NumberSearchScreen(SignedInScreen):
    DEFAULT_CSS = """
    NumberSearchScreen #numbers { height: auto; }
    NumberSearchScreen #numbers Field { width: 22; margin: 0 1 0 0; }
    NumberSearchScreen #numbers Field Input { width: 20; }
    NumberSearchScreen #numbers.-stacked { layout: vertical; }
    NumberSearchScreen #numbers.-stacked Field { width: 1fr; max-width: 60; }
    NumberSearchScreen #numbers.-stacked Field Input { width: 30; }
    NumberSearchScreen #found { height: auto; min-height: 3; }
    NumberSearchScreen #found:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "search", "Search", id="search.key.search", priority=True),
        Binding("f8", "clear", "Clear", id="search.key.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: JobNumberResult | None = None

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="number-page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            with Horizontal(id="numbers"):
                for i in range(NUMBERS):
                    yield Field("", input_id=f"job_numbers-{i}", max_length=20)
            yield MessageLine(id="message")
            yield OptionList(id="found", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def found(self) -> OptionList:
        return self.query_one("#found", OptionList)

    def on_mount(self) -> None:
        self.query_one("#job_numbers-0", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        row = self.query_one("#numbers", Horizontal)
        self.call_after_refresh(
            lambda: row.set_class(row.content_size.width < 24 * NUMBERS, "-stacked")
        )

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("numbers.title"))
        self.query_one("#intro", Static).update(t("numbers.intro"))
        for i in range(NUMBERS):
            self.query_one(f"#field-job_numbers-{i}", Field).set_label(
                t("search.f.job_number_n", n=i + 1)
            )
        self._show()

    def _fields(self) -> list[Field]:
        return [self.query_one(f"#field-job_numbers-{i}", Field) for i in range(NUMBERS)]

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_search()

    def action_search(self) -> None:
        numbers: list[str] = []
        first_bad: Field | None = None
        for i, field in enumerate(self._fields()):
            n = halfwidth(field.value)
            field.set_error(None)
            if not n:
                continue
            if JOB_NUMBER_RE.match(n):
                numbers.append(n)
                continue
            field.set_error(partial(search_problem, "job_number_format", f"job_numbers.{i}"))
            first_bad = first_bad or field
        if first_bad is not None:
            self.message.show(lambda: t("search.fix_fields"), error=True)
            first_bad.input.focus()
            return
        if not numbers:
            self.message.show(lambda: t("numbers.empty"), error=True)
            self.query_one("#job_numbers-0", Input).focus()
            return
        self.run_search(numbers)

    @work(exclusive=True, group="numbers")
    async def run_search(self, numbers: list[str]) -> None:
        result = await self.call(
            lambda c: c.jobs_by_number(numbers),
            busy=lambda: t("search.searching"),
            failed="search.failed",
            retry=lambda: self.run_search(numbers),
            latest="numbers",
        )
        if result is NO_ANSWER:
            return
        self.result = result
        self._show()
        if result.items:
            self.found.focus()

    def _show(self) -> None:
        result = self.result
        found = self.found
        found.clear_options()
        found.display = bool(result and result.items)
        if result is None:
            return
        found.add_options([Option(card_text(card), card.job_number) for card in result.items])
        if result.items:
            found.highlighted = 0
        if result.not_found:
            missing = " ".join(result.not_found)
            self.message.show(lambda: t("numbers.not_found", numbers=missing), error=True)
        else:
            count = len(result.items)
            self.message.show(lambda: t("numbers.found", count=count))

    @on(OptionList.OptionSelected, "#found")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if self.result is None:
            return
        numbers = tuple(card.job_number for card in self.result.items)
        self.services.open(places.JobSheet(numbers, event.option_index), self)

    def action_clear(self) -> None:
        for field in self._fields():
            field.value = ""
            field.set_error(None)
        self.result = None
        self._show()
        self.message.show(None)
        self.query_one("#job_numbers-0", Input).focus()

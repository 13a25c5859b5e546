"""求人検索結果: the total, cards as in seed 000, sort, 10/30/50 per page, paging with [ and ].

Two views of a page: the seed's cards, or a table of one line per posting with the card of
the highlighted row below it. A terminal under TABLE_BELOW_ROWS rows shows the table (at
80×24 the cards left room for one and a bit); T switches, and the choice holds for the rest
of the session. The highlighted posting stays highlighted across a switch, a resize and a
visit to another pane.

Space checks a posting (≤ 50, kept for the signed-in session); C lists the checked ones, V
shows their job sheets one after another, Shift+F saves them all to favorites.
Every reload runs in an exclusive worker and drops answers to an older request.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from session.user import CHECK_LIMIT
from strings.i18n import get_language, t
from widgets.job_card import card_text
from widgets.job_rows import detail_lines, header_text, row_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine, set_text

if TYPE_CHECKING:
    from api_client.job_models import JobCard, JobSearchRequest, JobSearchResult

PER_PAGE = (10, 30, 50)
# Words people type to mean "either" (the form's mode decides that, not a word).
OR_WORDS = frozenset({"OR", "or", "Or", "|", "または", "又は", "もしくは"})
# A terminal with fewer rows than this shows the table (cards need 12 lines each).
TABLE_BELOW_ROWS = 40
TABLE, CARDS = "table", "cards"
DETAIL_LINES_SHORT, DETAIL_LINES_TALL = 6, 12


class RowList(OptionList):
    """The list of results; says when its width changes (table rows are cut to it)."""

    def on_resize(self, event: events.Resize) -> None:
        screen = self.screen
        if isinstance(screen, ResultsScreen):
            screen.list_resized()


class ResultsScreen(SignedInScreen):
    DEFAULT_CSS = """
    ResultsScreen #cards:focus { border: heavy $accent; }
    ResultsScreen #head { height: auto; padding: 0 1; }
    ResultsScreen #columns { display: none; padding: 0 2 0 3; text-style: bold; }
    ResultsScreen #detail {
        display: none;
        height: auto;
        max-height: 6;
        padding: 0 1;
    }
    ResultsScreen.-table #columns { display: block; }
    ResultsScreen.-table #detail { display: block; }
    ResultsScreen.-table #title { display: none; }
    ResultsScreen.-table #checked { display: none; }
    ResultsScreen.-table #cards { min-height: 5; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_check", "Check", id="search.key.check"),
        Binding("left_square_bracket", "page(-1)", "Previous page", id="search.key.prev_page"),
        Binding("right_square_bracket", "page(1)", "Next page", id="search.key.next_page"),
        Binding("s", "sort", "Sort", id="search.key.sort"),
        Binding("p", "per_page", "Per page", id="search.key.per_page"),
        Binding("f", "favorite", "Add to favorites", id="search.key.favorite"),
        Binding("c", "checked", "Checked", id="search.key.checked"),
        Binding("v", "view_checked", "Show checked", id="search.key.view_checked"),
        Binding("F", "save_checked", "Save checked", id="search.key.save_checked"),
        Binding("g", "goto_page", "Go to page", id="results.key.goto"),
        Binding("t", "switch_view", "Table/cards", id="results.key.view"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, request: JobSearchRequest, result: JobSearchResult | None = None) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self._shown_state: tuple[object, ...] = ()
        self._row_width = 0  # cells of a table row, once the list is laid out
        self.view = self._auto_view()
        self.set_class(self.view == TABLE, "-table")

    def compose_content(self) -> ComposeResult:
        # Built with their texts and cards, so the screen is laid out once when pushed
        # instead of being laid out empty and again when filled.
        with Vertical(id="head"):
            yield Static(t("results.title"), id="title", classes="title", markup=False)
            yield Static(self._summary_text(), id="summary", classes="name", markup=False)
            yield Static(self._order_text(), id="order", markup=False)
            yield Static(self._checked_text(), id="checked", markup=False)
            yield Static(self._hint_text(), id="hint", classes="hint", markup=False)
            yield MessageLine(id="message")
        yield Static(self._header_text(), id="columns", markup=False)
        yield RowList(*self._options(), id="cards", classes="fill", markup=False)
        yield Static(self._detail_text(), id="detail", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def cards(self) -> RowList:
        return self.query_one("#cards", RowList)

    def on_mount(self) -> None:
        self._size_detail(self.app.size.height)
        self.cards.focus()
        if self.result is None:
            self.load(self.request)
        elif self.result.items:
            self.cards.highlighted = 0

    # ------------------------------------------------------------------ table or cards

    def _auto_view(self) -> str:
        chosen = self.services.user.results_view
        if chosen in (TABLE, CARDS):
            return chosen
        return TABLE if self.app.size.height < TABLE_BELOW_ROWS else CARDS

    def _set_view(self, view: str) -> None:
        if view == self.view:
            return
        self.view = view
        self.set_class(view == TABLE, "-table")
        self._fill(keep=True)
        self.call_after_refresh(self.cards.scroll_to_highlight)

    def action_switch_view(self) -> None:
        view = CARDS if self.view == TABLE else TABLE
        self.services.user.results_view = view  # the user chose: no longer by size
        self._set_view(view)
        self.message.show(lambda: t(f"results.view.{view}"))

    def on_resize(self, event: events.Resize) -> None:
        # (SignedInScreen's on_resize runs too: Textual calls the handler of every class.)
        self._size_detail(event.size.height)
        self._set_view(self._auto_view())

    def _size_detail(self, height: int) -> None:
        """The card under the table: whole on a tall terminal, its first lines on a short
        one (Enter shows the 求人票 with everything)."""
        self.query_one("#detail", Static).styles.max_height = (
            DETAIL_LINES_SHORT if height < TABLE_BELOW_ROWS else DETAIL_LINES_TALL
        )

    def list_resized(self) -> None:
        """The list's size changed: table rows are cut to the new width, and the
        highlighted posting is brought back into view (cards re-wrap at a new width)."""
        if self.view == TABLE and self._table_width() != self._row_width:
            self._fill(keep=True)
        self.call_after_refresh(self.cards.scroll_to_highlight)

    def _table_width(self) -> int:
        """Cells a table row has: the list's content less the option's padding (before the
        first layout, an estimate from the terminal's width)."""
        width = self.cards.scrollable_content_region.width if self.is_mounted else 0
        if width <= 0:
            width = self.app.size.width - 6
        return max(20, width - 2)

    def on_screen_resume(self) -> None:
        # Checks may have changed on the checked-postings screen.
        if self.result is not None:
            self._fill(keep=True)

    def apply_language(self) -> None:
        set_text(self.query_one("#title", Static), t("results.title"))
        self._fill(keep=True)

    # ------------------------------------------------------------------ display

    def _checked_text(self) -> str:
        return t("results.checked", count=len(self.services.user.checks))

    def _order_text(self) -> str:
        order = t(
            "results.order",
            sort=t(f"search.sort.{self.request.sort.value}"),
            per_page=self.request.per_page,
        )
        # The table keeps the head short: the checked count joins this line.
        return order + "  " + self._checked_text() if self.view == TABLE else order

    def _hint_text(self) -> str:
        return t("results.table_hint" if self.view == TABLE else "results.hint")

    def _header_text(self) -> str:
        return header_text(self._table_width()) if self.view == TABLE else ""

    def _detail_text(self) -> str:
        """The highlighted posting's card, under the table (the first while composing)."""
        if self.view != TABLE or self.result is None or not self.result.items:
            return ""
        card = self._current() if self.is_mounted else self.result.items[0]
        if card is None:
            return ""
        checked = card.job_number in self.services.user.checks
        return "\n".join(detail_lines(card, checked=checked))

    def _summary_text(self) -> str:
        text = self._summary_only()
        # The table has no title line: the summary says what the screen is.
        return f"{t('results.title')}  {text}" if self.view == TABLE and text else text

    def _summary_only(self) -> str:
        result = self.result
        if result is None:
            return ""
        if result.total == 0:
            return t("results.none") + self._or_hint()
        pages = self._pages()
        first = (result.page - 1) * result.per_page + 1
        return t(
            "results.summary",
            total=f"{result.total:,}",
            first=first,
            last=first + len(result.items) - 1,
            page=result.page,
            pages=pages,
        )

    def _or_hint(self) -> str:
        """ "事務 OR 経理" in AND mode looks for the word "OR" too: say which mode finds it."""
        from api_client.job_models import WordMode

        words = unicodedata.normalize("NFKC", self.request.words).split()
        if self.request.word_mode is WordMode.all and any(w in OR_WORDS for w in words):
            return "\n" + t("results.or_hint")
        return ""

    def _pages(self) -> int:
        result = self.result
        return 1 if result is None else max(1, -(-result.total // result.per_page))

    def _cards_state(self) -> tuple[object, ...]:
        """What the card list shows; refilling it with the same state is skipped."""
        checks = self.services.user.checks
        items = self.result.items if self.result is not None else []
        width = self._table_width() if self.view == TABLE else 0
        return (
            get_language(),
            id(self.result),
            tuple(c.job_number in checks for c in items),
            self.view,
            width,
        )

    def _option_text(self, card: JobCard, checked: bool) -> str:
        if self.view == TABLE:
            return row_text(card, checked=checked, width=self._row_width)
        return card_text(card, checked=checked)

    def _options(self) -> list[Option]:
        self._shown_state = self._cards_state()
        self._row_width = self._table_width() if self.view == TABLE else 0
        if self.result is None:
            return []
        checks = self.services.user.checks
        return [
            Option(self._option_text(c, c.job_number in checks), id=c.job_number)
            for c in self.result.items
        ]

    def _fill(self, *, keep: bool = False) -> None:
        set_text(self.query_one("#checked", Static), self._checked_text())
        set_text(self.query_one("#order", Static), self._order_text())
        set_text(self.query_one("#summary", Static), self._summary_text())
        set_text(self.query_one("#hint", Static), self._hint_text())
        if self._cards_state() != self._shown_state:
            highlighted = self.cards.highlighted if keep else None
            self.cards.clear_options()
            self.cards.add_options(self._options())
            set_text(self.query_one("#columns", Static), self._header_text())
            if self.result is not None and self.result.items:
                self.cards.highlighted = min(highlighted or 0, len(self.result.items) - 1)
        self._show_detail()

    @on(OptionList.OptionHighlighted, "#cards")
    def _show_detail(self) -> None:
        set_text(self.query_one("#detail", Static), self._detail_text())

    def _current(self) -> JobCard | None:
        index = self.cards.highlighted
        if self.result is None or index is None or index >= len(self.result.items):
            return None
        return self.result.items[index]

    # ------------------------------------------------------------------ loading

    @work(exclusive=True, group="results")
    async def load(self, request: JobSearchRequest) -> None:
        result = await self.call(
            lambda c: c.search_jobs(request),
            busy=lambda: t("results.loading"),
            failed="results.failed",
            retry=lambda: self.load(request),
            latest="results",  # a newer page or order asked for meanwhile wins
        )
        if result is not NO_ANSWER:
            self.request, self.result = request, result
            self._fill()

    def action_reload(self) -> None:
        self.load(self.request)

    def action_page(self, step: int) -> None:
        result = self.result
        if result is None:
            return
        pages = self._pages()
        page = self.request.page + step
        if page < 1:
            self.message.show(lambda: t("results.first_page"))
            return
        if page > pages:
            self.message.show(lambda: t("results.last_page"))
            return
        self.load(self.request.model_copy(update={"page": page}))

    def action_goto_page(self) -> None:
        if self.result is None:
            return
        pages = self._pages()

        def chosen(page: int | None) -> None:
            if page is not None and page != self.request.page:
                self.load(self.request.model_copy(update={"page": page}))

        self.services.open(places.PageNumber(self.request.page, pages), self, chosen)

    def action_sort(self) -> None:
        from api_client.job_models import SortKey

        keys = list(SortKey)
        nxt = keys[(keys.index(self.request.sort) + 1) % len(keys)]
        self.load(self.request.model_copy(update={"sort": nxt, "page": 1}))

    def action_per_page(self) -> None:
        nxt = PER_PAGE[(PER_PAGE.index(self.request.per_page) + 1) % len(PER_PAGE)]
        self.load(self.request.model_copy(update={"per_page": nxt, "page": 1}))

    # ------------------------------------------------------------------ actions on cards

    @on(OptionList.OptionSelected, "#cards")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.services.open(places.JobSheet((event.option.id,)), self)

    def action_toggle_check(self) -> None:
        card = self._current()
        if card is None:
            return
        state = self.services.user.checks.toggle(card)
        if state is None:
            self.message.show(lambda: t("checks.limit", limit=CHECK_LIMIT), error=True)
            return
        self.message.show(None)
        index = self.cards.highlighted
        assert index is not None
        self.cards.replace_option_prompt_at_index(index, self._option_text(card, state))
        self._shown_state = self._cards_state()
        set_text(self.query_one("#checked", Static), self._checked_text())
        set_text(self.query_one("#order", Static), self._order_text())
        self._show_detail()

    def action_favorite(self) -> None:
        card = self._current()
        if card is not None:
            self.save_favorites([card.job_number])

    def action_save_checked(self) -> None:
        numbers = self.services.user.checks.numbers()
        if not numbers:
            self.message.show(lambda: t("checks.none"), error=True)
            return
        self.save_favorites(numbers)

    def action_checked(self) -> None:
        self.services.open(places.Checked(), self)

    def action_view_checked(self) -> None:
        numbers = self.services.user.checks.numbers()
        if not numbers:
            self.message.show(lambda: t("checks.none"), error=True)
            return
        self.services.open(places.JobSheet(tuple(numbers)), self)

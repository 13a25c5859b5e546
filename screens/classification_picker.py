"""職業分類 (厚生労働省編, 大分類 → 中分類 → 小分類 → 細分類) for one slot of the search form.

Type a word and the server's type-ahead answers over the names and the example job titles
(「プログラマー」 offers 10404 プログラマー and the 細分類 whose examples contain it); or browse:
Enter or → opens a level, ← goes back up, and the first row of an opened level chooses that
whole level. Enter on a 細分類 or a type-ahead answer chooses it. ↓ moves from the typing
line to the list; Esc closes without a choice. Answers (code, name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER, BaseModal
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.job_models import ClassificationInfo, ClassificationMatch

FINE = 4  # 細分類: the last level
WHOLE = "="  # option id prefix: choose the opened level itself


class ClassificationPicker(BaseModal["tuple[str, str] | None"]):
    DEFAULT_CSS = """
    ClassificationPicker { align: center middle; }
    ClassificationPicker > Vertical {
        width: 95%; height: 95%; border: heavy $accent; background: $surface; padding: 0 1;
    }
    ClassificationPicker Input { width: 1fr; }
    ClassificationPicker #cls-list { height: 1fr; }
    ClassificationPicker #cls-list:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="search.key.cancel"),
        Binding("right", "open_level", "Open", id="cls.key.open"),
        Binding("left", "up", "Up a level", id="cls.key.up"),
        Binding("down", "to_list", show=False),
        Binding("f5", "reload", show=False),
    ]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current
        # The opened levels, broadest first (empty: the 大分類 list).
        self.trail: list[ClassificationInfo] = []
        self.nodes: dict[str, ClassificationInfo] = {}
        self.matches: dict[str, ClassificationMatch] = {}
        self.searching = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield Input(id="cls-query", max_length=50)
            yield Static("", id="cls-path", classes="hint", markup=False)
            yield MessageLine(id="message")
            yield OptionList(id="cls-list", markup=False)
        yield KeyBar()

    @property
    def listing(self) -> OptionList:
        return self.query_one("#cls-list", OptionList)

    def on_mount(self) -> None:
        self.query_one("#cls-query", Input).focus()
        self.browse()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("cls.title"))
        self.query_one("#hint", Static).update(t("cls.hint"))
        self.query_one("#cls-query", Input).placeholder = t("cls.placeholder")
        self._show_path()

    def _show_path(self) -> None:
        if self.searching:
            text = t("cls.matches")
        else:
            names = [f"{n.code} {n.name_ja}" for n in self.trail]
            text = " › ".join([t("cls.top"), *names])
        self.query_one("#cls-path", Static).update(text)

    # ------------------------------------------------------------------ browsing

    @work(exclusive=True, group="classifications")
    async def browse(self) -> None:
        parent = self.trail[-1] if self.trail else None
        answer = await self.call(
            lambda c: c.classifications(parent.code if parent else None),
            busy=lambda: t("search.loading_reference"),
            failed="search.reference_failed",
            retry=self.browse,
            latest="list",
        )
        if answer is NO_ANSWER or self.searching:
            return
        options: list[Option] = []
        if parent is not None:
            options.append(
                Option(t("cls.whole", name=f"{parent.code} {parent.name_ja}"), WHOLE + parent.code)
            )
        for node in answer.items:
            self.nodes[node.code] = node
            more = " ›" if node.level < FINE else ""
            options.append(Option(f"{node.code}\u00a0{node.name_ja}{more}", node.code))
        self._fill(options)
        self._show_path()

    def _fill(self, options: list[Option]) -> None:
        self.listing.clear_options()
        self.listing.add_options(options)
        if options:
            self.listing.highlighted = 0

    def action_open_level(self) -> None:
        if isinstance(self.focused, Input):
            return
        option = self.listing.highlighted_option
        node = self.nodes.get(option.id or "") if option is not None else None
        if node is not None and node.level < FINE and not self.searching:
            self.trail.append(node)
            self.browse()

    def action_up(self) -> None:
        if isinstance(self.focused, Input) or self.searching or not self.trail:
            return
        self.trail.pop()
        self.browse()

    def action_to_list(self) -> None:
        if isinstance(self.focused, Input):
            self.listing.focus()
        else:
            self.listing.action_cursor_down()

    def action_reload(self) -> None:
        self.browse()

    # ------------------------------------------------------------------ type-ahead

    @on(Input.Changed, "#cls-query")
    def _typed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.searching = bool(query)
        if query:
            self.type_ahead(query)
        else:
            self.browse()
        self._show_path()

    @on(Input.Submitted, "#cls-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.listing.focus()

    @work(exclusive=True, group="type-ahead")
    async def type_ahead(self, query: str) -> None:
        answer = await self.call(
            lambda c: c.search_classifications(query, limit=30),
            failed="search.reference_failed",
            latest="list",
        )
        if answer is NO_ANSWER:
            return
        options: list[Option] = []
        for m in answer.items:
            self.matches[m.code] = m
            lines = [f"{m.code}\u00a0{m.name_ja}"]
            if m.path:
                lines.append("  " + " › ".join(m.path))
            if m.examples:
                lines.append("  " + t("cls.examples", titles="、".join(m.examples)))
            options.append(Option("\n".join(lines), m.code))
        if not options:
            options.append(Option(t("cls.none", query=query), disabled=True))
        self._fill(options)

    # ------------------------------------------------------------------ choosing

    @on(OptionList.OptionSelected, "#cls-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        code = event.option.id or ""
        if code.startswith(WHOLE):
            node = self.nodes[code.removeprefix(WHOLE)]
            self.dismiss((node.code, node.name_ja))
        elif self.searching and code in self.matches:
            self.dismiss((code, self.matches[code].name_ja))
        elif code in self.nodes:
            node = self.nodes[code]
            if node.level >= FINE:
                self.dismiss((node.code, node.name_ja))
            else:
                self.trail.append(node)
                self.browse()

    def action_close(self) -> None:
        self.dismiss(None)

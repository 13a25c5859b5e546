"""The two-level occupation picker: a group list on the left, its occupations on the right.

Keys only: ↑↓ choose, → / Enter on a group moves to its occupations, ← goes back, Enter on an
occupation (or on "group (all)") returns its code, Esc closes without a choice.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from strings.i18n import get_language, t
from widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from api_client.job_models import OccupationGroupInfo


class OccupationPicker(ModalScreen[str | None]):
    DEFAULT_CSS = """
    OccupationPicker { align: center middle; }
    OccupationPicker > Vertical {
        width: 90%; height: 80%; border: heavy $accent; background: $surface; padding: 0 1;
    }
    OccupationPicker Horizontal { height: 1fr; }
    OccupationPicker OptionList { width: 1fr; }
    OccupationPicker OptionList:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="key.close"),
        Binding("right", "to_occupations", show=False),
        Binding("left", "to_groups", show=False),
    ]

    def __init__(self, groups: list[OccupationGroupInfo], current: str | None = None) -> None:
        super().__init__()
        self.groups = groups
        self.current = current

    def _label_of(self, item: object) -> str:
        ja, en = getattr(item, "name_ja", ""), getattr(item, "name_en", "")
        return str(ja if get_language() == "ja" else en)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("search.picker.title"), classes="title", markup=False)
            yield Static(t("search.picker.hint"), classes="hint", markup=False)
            with Horizontal():
                with Vertical():
                    yield Static(t("search.picker.groups"), classes="section", markup=False)
                    yield OptionList(
                        *[Option(self._label_of(g), id=g.code) for g in self.groups],
                        id="groups",
                        classes="fill",
                        markup=False,
                    )
                with Vertical():
                    yield Static(t("search.picker.occupations"), classes="section", markup=False)
                    yield OptionList(id="occupations", classes="fill", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # Footer texts in the UI language (as screens.base.localise_bindings does).
        bindings = self._bindings.key_to_bindings
        for key, items in bindings.items():
            bindings[key] = [replace(b, description=t(b.id)) if b.id else b for b in items]
        self.refresh_bindings()
        groups = self.query_one("#groups", OptionList)
        start = 0
        if self.current:
            codes = [g.code for g in self.groups]
            if self.current[:2] in codes:
                start = codes.index(self.current[:2])
        groups.highlighted = start
        self._fill(start)
        groups.focus()

    def _fill(self, index: int) -> None:
        group = self.groups[index]
        occupations = self.query_one("#occupations", OptionList)
        occupations.clear_options()
        occupations.add_options(
            [Option(t("search.picker.all_of", group=self._label_of(group)), id=group.code)]
            + [Option(self._label_of(o), id=o.code) for o in group.occupations]
        )
        occupations.highlighted = 0

    @on(OptionList.OptionHighlighted, "#groups")
    def _group_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._fill(event.option_index)

    @on(OptionList.OptionSelected, "#groups")
    def _group_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_to_occupations()

    @on(OptionList.OptionSelected, "#occupations")
    def _occupation_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_occupations(self) -> None:
        self.query_one("#occupations", OptionList).focus()

    def action_to_groups(self) -> None:
        self.query_one("#groups", OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)

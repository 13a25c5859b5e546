"""The two-level occupation picker: a group list on the left, its occupations on the right.

Keys only: ↑↓ choose, → / Enter on a group moves to its occupations, ← goes back, Enter on an
occupation (or on "group (all)") returns its code, Esc closes without a choice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from strings.i18n import get_language, t
from widgets.key_bar import KeyBar
from widgets.localise import LocalisedModal, localise_bindings, refill

if TYPE_CHECKING:
    from api_client.job_models import OccupationGroupInfo


class OccupationPicker(LocalisedModal[str | None]):
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
        localise_bindings(self, refresh=False)

    def _label_of(self, item: object) -> str:
        ja, en = getattr(item, "name_ja", ""), getattr(item, "name_en", "")
        return str(ja if get_language() == "ja" else en)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="picker-title", classes="title", markup=False)
            yield Static("", id="picker-hint", classes="hint", markup=False)
            with Horizontal():
                with Vertical():
                    yield Static("", id="groups-heading", classes="section", markup=False)
                    yield OptionList(
                        *self._group_options(), id="groups", classes="fill", markup=False
                    )
                with Vertical():
                    yield Static("", id="occupations-heading", classes="section", markup=False)
                    yield OptionList(id="occupations", classes="fill", markup=False)
        yield KeyBar()

    def _group_options(self) -> list[Option]:
        return [Option(self._label_of(g), id=g.code) for g in self.groups]

    def apply_language(self) -> None:
        for id, key in (
            ("picker-title", "search.picker.title"),
            ("picker-hint", "search.picker.hint"),
            ("groups-heading", "search.picker.groups"),
            ("occupations-heading", "search.picker.occupations"),
        ):
            self.query_one(f"#{id}", Static).update(t(key))
        groups = self.query_one("#groups", OptionList)
        if groups.highlighted is not None:  # shown: names in the new language, place kept
            with groups.prevent(OptionList.OptionHighlighted):
                refill(groups, self._group_options())
            self._fill(groups.highlighted or 0, keep_place=True)

    def on_mount(self) -> None:
        groups = self.query_one("#groups", OptionList)
        start = 0
        if self.current:
            codes = [g.code for g in self.groups]
            if self.current[:2] in codes:
                start = codes.index(self.current[:2])
        groups.highlighted = start
        self._fill(start)
        groups.focus()

    def _fill(self, index: int, *, keep_place: bool = False) -> None:
        group = self.groups[index]
        occupations = self.query_one("#occupations", OptionList)
        options = [Option(t("search.picker.all_of", group=self._label_of(group)), id=group.code)]
        options += [Option(self._label_of(o), id=o.code) for o in group.occupations]
        if keep_place:
            refill(occupations, options)
        else:
            occupations.clear_options()
            occupations.add_options(options)
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

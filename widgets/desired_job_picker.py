"""希望する職種 for one slot of the search form: a group (the real 14) and up to 5 of its
179 details, keys only.

↑↓ choose a group on the left (its details show on the right), → or Tab moves to the
details, Space ticks a detail, ← goes back; Enter confirms — the group alone (all of it) when
no detail is ticked. Esc closes without a change. Ticks belong to one group: moving to
another group starts its ticks afresh, as a slot of the real form holds one group.
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
from widgets.multi_picker import TickList

if TYPE_CHECKING:
    from api_client.job_models import OccupationGroupInfo

DETAILS_PER_SLOT = 5
# What the picker answers: (group, details); an empty group clears the slot.
DesiredJob = tuple[str, list[str]]


def name_of(item: object) -> str:
    ja, en = getattr(item, "name_ja", ""), getattr(item, "name_en", "")
    return str(ja if get_language() == "ja" or not en else en)


class DesiredJobPicker(LocalisedModal["DesiredJob | None"]):
    DEFAULT_CSS = """
    DesiredJobPicker { align: center middle; }
    DesiredJobPicker > Vertical {
        width: 95%; height: 90%; border: heavy $accent; background: $surface; padding: 0 1;
    }
    DesiredJobPicker Horizontal { height: 1fr; }
    DesiredJobPicker #groups { width: 2fr; height: 1fr; }
    DesiredJobPicker #details { width: 3fr; height: 1fr; }
    DesiredJobPicker OptionList:focus { border: heavy $accent; }
    DesiredJobPicker #picker-message { color: $text-error; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "OK", id="search.key.ok", priority=True),
        Binding("escape", "close", "Cancel", id="search.key.cancel"),
        Binding("right", "to_details", show=False),
        Binding("left", "to_groups", show=False),
    ]

    def __init__(
        self, groups: list[OccupationGroupInfo], current: DesiredJob | None = None
    ) -> None:
        super().__init__()
        self.groups = groups
        self.current = current
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="picker-title", classes="title", markup=False)
            yield Static("", id="picker-hint", classes="hint", markup=False)
            yield Static("", id="picker-message", markup=False)
            with Horizontal():
                yield OptionList(*self._group_options(), id="groups", markup=False)
                yield TickList(
                    limit=DETAILS_PER_SLOT,
                    selected=self.current[1] if self.current else (),
                    id="details",
                )
        yield KeyBar()

    @property
    def details(self) -> TickList:
        return self.query_one("#details", TickList)

    def _group_options(self) -> list[Option]:
        return [Option(f"{g.code}\u00a0{name_of(g)}", id=g.code) for g in self.groups]

    def apply_language(self) -> None:
        self.query_one("#picker-title", Static).update(t("search.picker.title"))
        self.query_one("#picker-hint", Static).update(t("search.picker.hint"))
        self.query_one("#picker-message", Static).update("")
        groups = self.query_one("#groups", OptionList)
        if groups.highlighted is not None:  # shown: names in the new language, ticks kept
            with groups.prevent(OptionList.OptionHighlighted):
                refill(groups, self._group_options())
            self._show_details(groups.highlighted or 0, keep_place=True)

    def on_mount(self) -> None:
        codes = [g.code for g in self.groups]
        start = codes.index(self.current[0]) if self.current and self.current[0] in codes else 0
        groups = self.query_one("#groups", OptionList)
        groups.highlighted = start
        self._fill(start, keep=True)
        groups.focus()

    def _fill(self, index: int, *, keep: bool = False) -> None:
        if not keep:
            self.details.selected = []
        self._show_details(index)

    def _show_details(self, index: int, *, keep_place: bool = False) -> None:
        group = self.groups[index]
        rows = [(f"{o.code}\u00a0{name_of(o)}", o.code) for o in group.occupations]
        self.details.show_rows(rows, keep_place=keep_place)
        self.details.border_title = t("search.picker.details_of", group=name_of(group))

    @on(OptionList.OptionHighlighted, "#groups")
    def _group_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        keep = self.current is not None and self.groups[event.option_index].code == self.current[0]
        self._fill(event.option_index, keep=keep)
        self.query_one("#picker-message", Static).update("")

    @on(TickList.Refused)
    def _refused(self, event: TickList.Refused) -> None:
        self.query_one("#picker-message", Static).update(t("picker.limit", limit=event.limit))

    def _group(self) -> str:
        index = self.query_one("#groups", OptionList).highlighted
        return self.groups[index or 0].code

    def action_to_details(self) -> None:
        self.details.focus()

    def action_to_groups(self) -> None:
        self.query_one("#groups", OptionList).focus()

    def action_confirm(self) -> None:
        self.dismiss((self._group(), list(self.details.selected)))

    def action_close(self) -> None:
        self.dismiss(None)

"""Ask for the title of a saved search condition (Enter saves, Esc cancels)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.base import BaseModal
from strings.i18n import t
from strings.problems import problem_text
from widgets.field import Field
from widgets.key_bar import KeyBar


class TitleModal(BaseModal[str | None]):
    """Ask for a saved condition's title (Enter saves, Esc cancels)."""

    DEFAULT_CSS = """
    TitleModal { align: center middle; }
    TitleModal > Vertical {
        width: 70; height: auto; border: heavy $accent; background: $surface; padding: 1 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="search.key.cancel"),
    ]

    def __init__(self, heading_key: str, value: str = "", error: str = "") -> None:
        super().__init__()
        self.heading_key = heading_key
        self.value = value
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield Field("", input_id="saved-title", value=self.value, max_length=30)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#saved-title", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t(self.heading_key))
        self.query_one("#hint", Static).update(t("saved.prompt_hint"))
        self.query_one(Field).set_label(t("search.f.title"))

    @on(Input.Submitted, "#saved-title")
    def _submitted(self, event: Input.Submitted) -> None:
        title = event.value.strip()
        if not title:
            self.query_one(Field).set_error(lambda: problem_text("required", t("search.f.title")))
            return
        from api_client.wire import control_character_codes, has_control_characters

        if has_control_characters(title):  # pasted: the server would refuse it
            self.query_one(Field).set_error(
                lambda: problem_text(
                    "control_characters",
                    t("search.f.title"),
                    {"chars": control_character_codes(title)},
                )
            )
            return
        self.dismiss(title)

    def action_cancel(self) -> None:
        self.dismiss(None)

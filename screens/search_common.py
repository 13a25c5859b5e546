"""Pieces the search screens share: failure handling, "save to favorites", the title prompt."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.base import BaseModal, BaseScreen, MessageLine, error_text, explain
from strings.i18n import t
from widgets.field import Field
from widgets.key_bar import KeyBar


def report_failure(
    screen: BaseScreen,
    exc: BaseException,
    line: MessageLine,
    key: str,
    retry: Callable[[], object] | None = None,
) -> str:
    """Show why something failed (the `key` message with the reason); a lost session goes to
    the app's re-sign-in, which keeps this screen and its input, then retries. Returns the
    error code."""
    info = explain(exc)
    if info.session_lost:
        line.show(None)
        screen.services.session_lost(retry=retry)
        return info.code
    reason = error_text(exc)
    line.show(lambda: t(key, reason=reason()), error=True)
    return info.code


async def add_to_favorites(screen: BaseScreen, numbers: list[str], line: MessageLine) -> bool:
    """Add postings to favorites and say what happened (added / already / refused)."""
    line.show(lambda: t("fav.saving"), busy=True)
    try:
        client = await screen.services.get_client()
        res = await client.add_favorites(numbers)
    except Exception as exc:
        info = explain(exc)
        if info.session_lost:
            line.show(None)
            screen.services.session_lost()
            return False
        line.show(error_text(exc), error=True)
        return False
    if len(numbers) == 1 and res.added:
        line.show(lambda: t("fav.added_one", number=numbers[0]))
    elif len(numbers) == 1 and res.already:
        line.show(lambda: t("fav.already_one", number=numbers[0]))
    else:
        line.show(
            lambda: t(
                "fav.result",
                added=len(res.added),
                already=len(res.already),
                refused=len(res.refused),
                missing=len(res.not_found),
                total=res.total,
                limit=res.limit,
            ),
            error=bool(res.refused),
        )
    return True


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
            self.query_one(Field).set_error(
                lambda: t("search.v.required", field=t("search.f.title"))
            )
            return
        self.dismiss(title)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Jump to a page of the search results (G): type its number, Enter goes there, Esc cancels."""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.base import BaseModal
from strings.i18n import t
from widgets.field import Field
from widgets.key_bar import KeyBar


def parse_page(text: str, pages: int) -> int | None:
    """The page typed (full-width digits too), or None if it is not one of 1…pages."""
    digits = unicodedata.normalize("NFKC", text).strip()
    if not digits.isdigit():
        return None
    page = int(digits)
    return page if 1 <= page <= pages else None


class PageModal(BaseModal[int | None]):
    DEFAULT_CSS = """
    PageModal { align: center middle; }
    PageModal > Vertical {
        width: 60; max-width: 100%; height: auto;
        border: heavy $accent; background: $surface; padding: 1 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="search.key.cancel"),
    ]

    def __init__(self, page: int, pages: int) -> None:
        super().__init__()
        self.page, self.pages = page, pages

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="title", classes="title", markup=False)
            yield Field("", input_id="page-number", value=str(self.page), max_length=6)
        yield KeyBar()

    def on_mount(self) -> None:
        field = self.query_one("#page-number", Input)
        field.styles.width = 12  # a page number (the app's Input width is for text)
        field.focus()
        field.select_all()  # the current page, replaced by what is typed

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("results.page_title"))
        self.query_one(Field).set_label(
            t("results.page_label"), t("results.page_hint", pages=self.pages, page=self.page)
        )

    @on(Input.Submitted, "#page-number")
    def _submitted(self, event: Input.Submitted) -> None:
        page = parse_page(event.value, self.pages)
        if page is None:
            pages = self.pages
            self.query_one(Field).set_error(lambda: t("results.page_invalid", pages=pages))
            return
        self.dismiss(page)

    def action_cancel(self) -> None:
        self.dismiss(None)

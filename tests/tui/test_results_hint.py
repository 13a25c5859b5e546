"""Results with nothing found say why when the free words hold an "OR" typed in AND mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from screens.results import ResultsScreen
from tests.tui.flows import database_with_postings, focus, open_search
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_or_typed_in_and_mode_gets_a_hint(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, lang: str
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot, tui_server)
        await focus(pilot, "words")
        await type_text(pilot, "事務 OR 経理")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen), screen_text(pilot)
        text = screen_text(pilot)
        hint = "いずれかの語を含む（OR）" if lang == "ja" else "Any word (OR)"
        assert app.screen.result is not None and app.screen.result.total == 0
        assert hint in text, text

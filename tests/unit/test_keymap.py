"""Key remapping (tui/keymap.py) and the words of every key: keys.toml is checked with an error
per problem naming its line and what to do, and every binding the app shows — its own and
Textual's — has a Japanese and an English description."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Checkbox,
    Collapsible,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    TextArea,
)
from textual.widgets._collapsible import CollapsibleTitle
from textual.widgets._select import SelectCurrent, SelectOverlay

from strings.i18n import all_strings
from tui.keymap import KeymapError, binding_classes, commands, load_keymap, parse_keymap

PATH = Path("keys.toml")


@pytest.fixture(scope="module")
def known() -> dict[str, object]:
    return dict(commands())


def problems(text: str, known: dict[str, object]) -> list[str]:
    with pytest.raises(KeymapError) as caught:
        parse_keymap(text, PATH, known)  # type: ignore[arg-type]
    return caught.value.problems


def test_a_good_file_gives_the_keymap(known: dict[str, object]) -> None:
    text = '# kiosk\n[keys]\n"key.jump" = "f12"\n"results.key.goto" = "#, ctrl+y"\n'
    keymap = parse_keymap(text, PATH, known)  # type: ignore[arg-type]
    # Characters become the names Textual gives the keys.
    assert keymap == {"key.jump": "f12", "results.key.goto": "number_sign,ctrl+y"}


def test_every_problem_is_named_with_its_line_and_what_to_do(known: dict[str, object]) -> None:
    text = (
        "[keys]\n"
        '"key.jump" = "f12"\n'
        '"search.key.sortt" = "o"\n'
        '"results.key.view" = "ctrl+gg"\n'
        '"results.key.goto" = "alt+j"\n'
        '"key.refresh" = 5\n'
    )
    found = problems(text, known)
    assert len(found) == 4
    assert found[0].startswith('line 3: "search.key.sortt" is not a command')
    assert "hellowork keys" in found[0]
    assert found[1].startswith('line 4: "ctrl+gg" is not a key name')
    assert "f9" in found[1]
    assert found[2].startswith("line 5:") and "Alt" in found[2] and "tmux" in found[2]
    assert found[3].startswith('line 6: the keys of "key.refresh" must be a string')


def test_a_key_taken_on_the_same_screen_is_refused(known: dict[str, object]) -> None:
    found = problems('[keys]\n\n"results.key.view" = "["\n', known)
    assert found == [
        'line 3: "[" for "results.key.view" is already the key of "search.key.prev_page" '
        'on the same screen. Choose another key, or remap "search.key.prev_page" too.'
    ]
    # Moving the other command away too is fine.
    text = '[keys]\n"results.key.view" = "["\n"search.key.prev_page" = "comma"\n'
    assert parse_keymap(text, PATH, known)  # type: ignore[arg-type]


def test_a_global_key_is_taken_on_every_screen(known: dict[str, object]) -> None:
    found = problems('[keys]\n"results.key.view" = "ctrl+t"\n', known)
    assert found and '"key.language"' in found[0]


def test_syntax_and_shape_errors(known: dict[str, object]) -> None:
    [found] = problems("[keys\n", known)
    assert "line 1" in found and "TOML" in found
    found = problems('[key]\n"key.jump" = "f12"\n', known)
    assert found == ['line 1: unknown entry "key": put remappings under [keys].']
    assert problems('keys = "f9"\n', known)[0].startswith('line 1: "keys" must be a table')


def test_no_file_is_no_keymap_and_a_bad_one_names_its_path(tmp_path: Path) -> None:
    assert load_keymap(tmp_path) == {}
    (tmp_path / "keys.toml").write_text('[keys]\n"nope" = "x"\n', encoding="utf-8")
    with pytest.raises(KeymapError) as caught:
        load_keymap(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'keys.toml'}: line 2:")


# ------------------------------------------------------------------ every key in both languages

# Textual widgets the screens compose (not subclassed, so not found by walking the app's
# classes), with the parts that bring bindings of their own.
TEXTUAL_PARTS = (
    Input,
    TextArea,
    OptionList,
    Checkbox,
    RadioButton,
    RadioSet,
    Select,
    SelectOverlay,
    SelectCurrent,
    Collapsible,
    CollapsibleTitle,
    VerticalScroll,
    Screen,
    ModalScreen,
)


def _bindings(cls: type) -> list[Binding]:
    return [b if isinstance(b, Binding) else Binding(*b) for b in cls.__dict__.get("BINDINGS", [])]


def undescribed(classes: list[type], strings: dict[str, tuple[str, str]]) -> list[str]:
    """Every binding of `classes` (and their bases) that shows, or could show, words with no
    Japanese or no English: ours by id, Textual's by its English description."""
    missing = []
    for cls in classes:
        for base in cls.__mro__:
            ours = base.__module__.split(".")[0] in {"tui", "screens", "widgets"}
            for binding in _bindings(base):
                where = f"{base.__module__}.{base.__name__} {binding.key!r}"
                if ours and binding.id is not None:
                    ja, en = strings.get(binding.id, ("", ""))
                    if not (ja and en):
                        missing.append(f"{where}: id {binding.id!r} has no ja/en text")
                elif ours and (binding.show or binding.description):
                    missing.append(f"{where}: shown or described, but has no id")
                elif binding.description:
                    ja, en = strings.get(f"textual.{binding.description}", ("", ""))
                    if not (ja and en):
                        missing.append(f"{where}: {binding.description!r} has no ja/en text")
    return missing


def test_every_binding_has_japanese_and_english_words() -> None:
    classes = [*binding_classes(), *TEXTUAL_PARTS]
    assert len(classes) > 40  # the walk found the app
    assert undescribed(classes, all_strings()) == []


def test_the_check_finds_a_binding_without_words() -> None:
    class Bare(Screen[None]):
        __module__ = "screens.bare"
        BINDINGS = [  # noqa: RUF012
            Binding("x", "nothing", "Nothing", id="bare.key.nothing"),
            Binding("y", "other", "Other"),
        ]

    class Plain(Screen[None]):
        BINDINGS = [Binding("z", "zap", "Zap the thing")]  # noqa: RUF012

    found = undescribed([Bare, Plain], all_strings())
    assert any("bare.key.nothing" in f for f in found)
    assert any("'y': shown or described, but has no id" in f for f in found)
    assert any("'Zap the thing' has no ja/en text" in f for f in found)

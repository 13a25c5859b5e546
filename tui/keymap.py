"""Key remapping: `keys.toml` in the config directory (HELLOWORK_HOME/config, else the XDG
config directory's hellowork/), read once at start-up.

    [keys]
    "key.jump" = "f9"                 # the jump overlay on F9 instead of Ctrl+G
    "results.key.view" = "v,ctrl+v"   # several keys: separated by commas

Each name is the id of a command (`hellowork keys` lists them, with their keys and what they
do in both languages); each value is one or more Textual key names. The file is checked
before the app starts, and every problem is reported with its line and what to do: a
command that does not exist, a key name that is not one, a key only Alt reaches (tmux and
some consoles do not deliver Alt), or a key already taken by another command on the same
screen. The commands are gathered from the screen and widget classes themselves, so a new
binding is remappable without a list to keep up to date.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

from tui.paths import KEYS_FILE

SECTION = "keys"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "super", "meta", "hyper"})
_NAMED_KEYS = frozenset(k.value for k in Keys)


class KeymapError(Exception):
    """What is wrong with keys.toml: one line per problem, each naming where and what to do."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__("\n".join(f"{path}: {p}" for p in problems))
        self.problems = problems


@dataclass
class Command:
    """A remappable command: a binding id, its default keys and the classes that bind it."""

    id: str
    keys: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


def _bindings_of(cls: type) -> list[Binding]:
    out = []
    for item in cls.__dict__.get("BINDINGS", []):
        out.append(item if isinstance(item, Binding) else Binding(*item))
    return out


def binding_classes() -> Iterator[type]:
    """Every class of the app that declares key bindings (screens, widgets and the App)."""
    names = ["tui.app"]
    for package in ("screens", "widgets"):
        module = importlib.import_module(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)]
    for name in names:
        module = importlib.import_module(name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == name and "BINDINGS" in obj.__dict__:
                yield obj


def commands() -> dict[str, Command]:
    """Every remappable command (every binding with an id), by id."""
    found: dict[str, Command] = {}
    for cls in binding_classes():
        for binding in _bindings_of(cls):
            if binding.id is None:
                continue
            command = found.setdefault(binding.id, Command(binding.id))
            for key in binding.key.split(","):
                if key.strip() not in command.keys:
                    command.keys.append(key.strip())
            if cls.__name__ not in command.owners:
                command.owners.append(cls.__name__)
    return found


def key_problem(key: str) -> str | None:
    """Why `key` is not a key name Textual knows, or None."""
    parts = key.split("+")
    base, modifiers = parts[-1], parts[:-1]
    if not base or any(m not in MODIFIERS for m in modifiers):
        return f'"{key}" is not a key name'
    if len(base) == 1 or base in _NAMED_KEYS or key_to_character(base) is not None:
        return None
    return f'"{key}" is not a key name'


def normalise(key: str) -> str:
    """The name Textual gives a key typed as its character ("[" → "left_square_bracket")."""
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return key
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _line_of(text: str, name: str) -> int:
    """The line of keys.toml where `name` is set (1 if it cannot be found)."""
    pattern = re.compile(
        rf'^\s*(?:"{re.escape(name)}"|\'{re.escape(name)}\'|{re.escape(name)})\s*='
    )
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return 1


def _scopes() -> list[tuple[str, list[Binding]]]:
    """(class name, bindings that are active together): each class's bindings with those
    of its bases and the App's, which work on every screen."""
    classes = list(binding_classes())
    app_bindings = [
        b for cls in classes if cls.__name__ == "HelloWorkApp" for b in _bindings_of(cls)
    ]
    scopes = []
    for cls in classes:
        merged = [b for base in reversed(cls.__mro__) for b in _bindings_of(base)]
        if cls.__name__ != "HelloWorkApp":
            merged += app_bindings
        scopes.append((cls.__name__, merged))
    return scopes


def _clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(remapped id, key, the other command's id or action) for every key the keymap gives a
    command that another binding active on the same screen already has."""
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for _name, bindings in _scopes():
        by_key: dict[str, list[str]] = {}
        for binding in bindings:
            keys = keymap.get(binding.id or "", binding.key)
            label = binding.id or binding.action
            for key in keys.split(","):
                by_key.setdefault(key.strip(), [])
                if label not in by_key[key.strip()]:
                    by_key[key.strip()].append(label)
        for key, labels in by_key.items():
            if len(labels) < 2:
                continue
            for label in labels:
                if label in keymap and key in [k.strip() for k in keymap[label].split(",")]:
                    other = next(x for x in labels if x != label)
                    clash = (label, key, other)
                    if clash not in seen:
                        seen.add(clash)
                        out.append(clash)
    return out


def parse_keymap(text: str, path: Path, known: Mapping[str, Command]) -> dict[str, str]:
    """The keymap written in `text` (the content of `path`), checked against `known`
    commands; raises KeymapError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KeymapError(
            path, [f'{exc}. Fix that line (the file is TOML: "command.id" = "key").']
        ) from None
    problems: list[str] = []
    for name in data:
        if name != SECTION:
            problems.append(
                f'line {_line_of(text, name)}: unknown entry "{name}": put remappings '
                f"under [{SECTION}]."
            )
    section = data.get(SECTION, {})
    if not isinstance(section, dict):
        problems.append(
            f'line {_line_of(text, SECTION)}: "{SECTION}" must be a table: [{SECTION}].'
        )
        section = {}
    keymap: dict[str, str] = {}
    for name, value in section.items():
        where = f"line {_line_of(text, name)}"
        if name not in known:
            problems.append(
                f'{where}: "{name}" is not a command. Run `hellowork keys` to list the '
                "commands and their keys."
            )
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(
                f'{where}: the keys of "{name}" must be a string such as "f9" or "ctrl+g,f9".'
            )
            continue
        keys = [k.strip() for k in value.split(",")]
        bad = [p for p in (key_problem(k) for k in keys) if p]
        if bad:
            problems += [
                f'{where}: {p} (of "{name}"). Use names such as "a", "F", "f9", '
                '"ctrl+g", "escape", "enter", "pagedown", "left_square_bracket".'
                for p in bad
            ]
            continue
        if all("alt" in k.split("+")[:-1] for k in keys):
            problems.append(
                f'{where}: "{value}" for "{name}" is reached only with Alt, which tmux and '
                'some terminals do not deliver. Add a key without Alt, e.g. "f9,alt+j".'
            )
            continue
        keymap[name] = ",".join(normalise(k) for k in keys)
    if not problems:
        for name, key, other in _clashes(keymap):
            typed = next(
                (k.strip() for k in str(section[name]).split(",") if normalise(k.strip()) == key),
                key,
            )
            problems.append(
                f'line {_line_of(text, name)}: "{typed}" for "{name}" is already the key of '
                f'"{other}" on the same screen. Choose another key, or remap "{other}" too.'
            )
    if problems:
        raise KeymapError(path, problems)
    return keymap


def load_keymap(config_dir: Path) -> dict[str, str]:
    """The checked keymap of `config_dir`/keys.toml; {} when there is no such file."""
    path = config_dir / KEYS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise KeymapError(path, [f"cannot be read ({exc}). Fix or remove the file."]) from None
    return parse_keymap(text, path, commands())

"""api_client and server must not load textual (DESIGN §1 import rules)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECK = """
import sys
import {module}
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
bad += sorted(m for m in sys.modules if m in {forbidden!r})
print(",".join(bad))
"""


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("api_client.client", ["server", "tui", "screens", "widgets"]),
        ("api_client.device_store", ["server", "tui", "screens", "widgets"]),
        ("server.app", ["tui", "screens", "widgets"]),
    ],
)
def test_module_does_not_load_forbidden(module: str, forbidden: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module, forbidden=set(forbidden))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "", f"{module} loaded {out}"


def test_widgets_import_only_contract_from_api_client() -> None:
    """widgets may use api_client.models only: never the client, httpx or keyring."""
    code = (
        "import sys, pkgutil, importlib, widgets\n"
        "for m in pkgutil.walk_packages(widgets.__path__, 'widgets.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(','.join(sorted(m for m in sys.modules if m in "
        "('api_client.client', 'httpx', 'keyring', 'server'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_strings_import_nothing_of_the_project() -> None:
    """strings is the bottom layer: screens, widgets and tui import it, never the reverse.
    Its one project import is api_client.field_messages, a table without imports that the
    server shares so that its English messages and the TUI's say the same."""
    code = (
        "import sys, pkgutil, importlib, strings\n"
        "for m in pkgutil.walk_packages(strings.__path__, 'strings.'):\n"
        "    importlib.import_module(m.name)\n"
        "from strings.i18n import all_strings\n"
        "all_strings()\n"
        "allowed = {'api_client', 'api_client.field_messages'}\n"
        "roots = ('tui', 'screens', 'widgets', 'api_client', 'server', 'textual', 'pydantic')\n"
        "print(','.join(sorted(m for m in sys.modules\n"
        "                      if m.split('.')[0] in roots and m not in allowed)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


@pytest.mark.parametrize("argv", [["--workers", "0"], ["--port", "abc"]])
def test_serve_refuses_bad_arguments_before_importing_the_server(argv: list[str]) -> None:
    """`hellowork serve --workers 0` says no at once: the web framework, the app and the
    database layers (seconds of imports on a busy machine) are loaded only for good ones."""
    code = (
        "import sys\n"
        "from server.main import serve\n"
        "try:\n"
        f"    code = serve({argv!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = ('fastapi', 'uvicorn', 'sqlalchemy', 'server.app', 'server.serving')\n"
        "print(code, ','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["2"], done.stdout
    assert "hellowork serve" in done.stderr


def test_the_login_screen_does_not_load_the_places_or_the_qr_code_maker() -> None:
    """What the app imports before its first paint (the login screen) leaves out the places
    (some 25 dataclasses, tens of ms to make) and qrcode: both are for after signing in."""
    code = (
        "import sys\n"
        "import tui.cli, tui.app, screens.login\n"
        "print(','.join(m for m in ('session.places', 'qrcode') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_start_up_without_a_keys_file_does_not_load_the_keymap(tmp_path: Path) -> None:
    """Without keys.toml there is nothing to check: start-up does not import the keymap
    module (tomllib, inspect, pkgutil) just to learn the file's name."""
    code = (
        "import sys, tui.cli\n"
        "assert tui.cli._keymap_or_exit() == {}\n"
        "print(','.join(m for m in ('tui.keymap', 'tomllib') if m in sys.modules))\n"
    )
    env = {**os.environ, "HELLOWORK_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()
    assert out == ""

"""The `hellowork` console script.

    hellowork [--server URL] [--lang ja|en] [--kiosk] [--plain] [--idle-timeout S]   the app
    hellowork serve …                                   the API server (server.main.serve)
    hellowork admin …                                   staff/employer operations (server.admin)
    hellowork mail [--last] [--list]                    the embedded server's outbox
    hellowork keys [--check]                            the commands keys.toml can remap
    hellowork demo-data --jobs N …                      synthetic postings (server.jobs.demo)

Kept import-light: Textual, httpx and the server are imported only on the path that needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        # Ctrl-C before a command has its own handler (while modules load, for one): one
        # line and the shell's status for SIGINT, not a traceback.
        name = f"hellowork {args[0]}" if args and args[0] in _SUBCOMMANDS else "hellowork"
        print(f"\n{name}: interrupted", file=sys.stderr)
        return 130


_SUBCOMMANDS = ("serve", "admin", "mail", "keys", "demo-data")


def _dispatch(args: list[str]) -> int:
    if args and args[0] == "serve":
        from server.main import serve

        return int(serve(args[1:]) or 0)
    if args and args[0] == "admin":
        from server.admin import main as admin_main

        return _database_command("admin", admin_main, args[1:])
    if args and args[0] == "mail":
        return mail_main(args[1:])
    if args and args[0] == "keys":
        return keys_main(args[1:])
    if args and args[0] == "demo-data":
        from server.jobs.demo.cli import main as demo_data_main

        return _database_command("demo-data", demo_data_main, args[1:])
    return tui_main(args)


def _database_command(name: str, run: Callable[[list[str]], int], argv: list[str]) -> int:
    """Run a server subcommand; a database it cannot use is one line on stderr and exit
    status 1, not a traceback (the URL is shown without its password)."""
    try:
        return int(run(argv) or 0)
    except Exception as exc:
        from server.db.problems import database_url_of, describe_database_error

        line = describe_database_error(exc, database_url_of(argv))
        if line is None:
            raise
        print(f"hellowork {name}: {line}", file=sys.stderr)
        return 1


def _tui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hellowork",
        description="Hello Work job-seeker MyPage in the terminal. "
        "Subcommands: serve, admin, mail, demo-data (run `hellowork SUBCOMMAND --help`).",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="MyPage server to use (default: start the built-in server)",
    )
    parser.add_argument("--lang", choices=["ja", "en"], help="display language for this run")
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="shared-terminal mode: no quitting, no one-time-password skip, "
        "sign-out after 300 s without input",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="for screen readers and braille displays: the terminal's cursor shown on the "
        "focused control, no decorative borders (default: HELLOWORK_PLAIN=1)",
    )
    parser.add_argument(
        "--idle-timeout",
        metavar="SECONDS",
        help="sign out after this many seconds without input, with a countdown for the last "
        "30 (0: never; default: HELLOWORK_IDLE_TIMEOUT, else 300 with --kiosk, else never)",
    )
    return parser


def tui_main(argv: Sequence[str]) -> int:
    from tui.idle_gc import hold_collections

    hold_collections()  # until the first frame (tui/idle_gc.py)
    parser = _tui_parser()
    opts = parser.parse_args(argv)
    from tui.idle_signout import IdleTimeoutError, resolve_timeout

    try:
        idle_timeout = resolve_timeout(opts.idle_timeout, kiosk=opts.kiosk)
    except IdleTimeoutError as exc:
        parser.error(str(exc))
    from tui.plain import PlainModeError, resolve_plain

    try:
        plain = resolve_plain(opts.plain)
    except PlainModeError as exc:
        parser.error(str(exc))
    keymap = _keymap_or_exit()
    if keymap is None:
        return 2
    from rich.console import Console

    from tui.app import HelloWorkApp

    app = HelloWorkApp(
        server_url=opts.server,
        lang=opts.lang,
        kiosk=opts.kiosk,
        idle_timeout=idle_timeout,
        keymap=keymap,
        plain=plain,
        colours=Console().color_system,  # 16 colours (TERM=linux): the high-contrast theme
    )
    app.run()
    return int(app.return_code or 0)


def _keymap_or_exit() -> dict[str, str] | None:
    """The checked keys.toml ({} without one), or None after printing what is wrong with it:
    the app does not start on keys its user did not mean."""
    from tui.paths import KEYS_FILE, resolve_paths

    config_dir = resolve_paths().config_dir
    if not (config_dir / KEYS_FILE).exists():
        return {}  # nothing to check: the screens are not imported for it
    from tui.keymap import KeymapError, load_keymap

    try:
        return load_keymap(config_dir)
    except KeymapError as exc:
        print(f"hellowork: {exc}", file=sys.stderr)
        return None


def keys_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="hellowork keys",
        description="List the commands whose keys keys.toml (in the config directory) can "
        "remap, with their keys and what they do; --check only checks the file.",
    )
    parser.add_argument("--check", action="store_true", help="check keys.toml and exit")
    opts = parser.parse_args(argv)
    from strings.i18n import CATALOGUE, has
    from tui.keymap import KeymapError, commands, load_keymap
    from tui.paths import KEYS_FILE, resolve_paths

    config_dir = resolve_paths().config_dir
    try:
        keymap = load_keymap(config_dir)
    except KeymapError as exc:
        print(f"hellowork keys: {exc}", file=sys.stderr)
        return 2
    if opts.check:
        print(f"{config_dir / KEYS_FILE}: ok ({len(keymap)} remapped)")
        return 0
    print(f"# {config_dir / KEYS_FILE}")
    for command in sorted(commands().values(), key=lambda c: c.id):
        keys = keymap.get(command.id, ",".join(command.keys))
        ja, en = CATALOGUE[command.id] if has(command.id) else ("", "")
        print(f"{command.id:<28} {keys:<24} {ja} / {en}")
    return 0


def mail_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="hellowork mail",
        description="Show mail the built-in server wrote to its outbox "
        "(newest message by default).",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--last", action="store_true", help="print the newest message (default)")
    group.add_argument("--list", action="store_true", help="list all messages, newest first")
    opts = parser.parse_args(argv)

    from session.outbox import list_messages
    from strings.dates import JST
    from strings.i18n import set_language, t
    from tui.paths import resolve_paths
    from tui.settings import load_settings

    paths = resolve_paths()
    set_language(load_settings(paths.settings_file).language)
    messages = list_messages(paths.maildir)
    if not messages:
        print(t("cli.mail_none", path=paths.maildir), file=sys.stderr)
        return 1
    if opts.list:
        for m in messages:
            # JST, as the app and the mails themselves show times, whatever the machine's zone.
            when = m.date.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S JST")
            print(f"{when}  {m.to}  {m.subject}")
        return 0
    print(messages[0].as_text(), end="")
    return 0

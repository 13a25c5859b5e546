"""Where the TUI keeps its files.

Everything lives under platformdirs' user data/config directories for "hellowork", or under
$HELLOWORK_HOME (data in it directly, config in HELLOWORK_HOME/config) when that is set — handy
for a throwaway demo and for tests.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

# The key remapping in the config directory (tui/keymap.py reads it). Named here so that
# start-up can see there is none without importing the keymap module (tomllib, inspect).
KEYS_FILE = "keys.toml"

APP_NAME = "hellowork"
# sun_path is 108 bytes on Linux and 104 on macOS; stay clear of both.
UDS_MAX_BYTES = 100


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "hellowork.db"

    @property
    def database_url(self) -> str:
        return f"sqlite+aiosqlite:///{self.database}"

    @property
    def maildir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def secret(self) -> Path:
        return self.data_dir / "secret.key"

    @property
    def socket(self) -> Path:
        return self.data_dir / "server.sock"

    @property
    def server_log(self) -> Path:
        return self.data_dir / "server.log"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    def ensure(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)


def resolve_paths(env: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env
    home = env.get("HELLOWORK_HOME")
    if home:
        base = Path(home).expanduser()
        return Paths(data_dir=base, config_dir=base / "config")
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def uds_usable(path: Path) -> bool:
    """A Unix socket works here and the path fits in sun_path."""
    return hasattr(socket, "AF_UNIX") and len(os.fsencode(path)) < UDS_MAX_BYTES


def free_loopback_port() -> int:
    """A port that was free a moment ago (the child binds it right away)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

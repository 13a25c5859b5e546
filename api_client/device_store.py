"""The OTP-skip device token, kept only in the OS keyring (SPEC §1, DESIGN §4).

A token is keyed by the server's instance id and the account's e-mail. Keyring backends can
block (D-Bus, a locked wallet), so every call runs in a worker thread. A backend that is not a
real secure store — keyring's `fail`/`null` backends, or the plain-text files of keyrings.alt —
makes the store unavailable: the token is then never written anywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_PREFIX = "hellowork"

# Backends that keep secrets in plain files or nowhere at all.
_INSECURE_MODULES = ("keyrings.alt.file", "keyring.backends.null", "keyring.backends.fail")
_INSECURE_NAMES = frozenset({"PlaintextKeyring", "EncryptedKeyring", "Windows.RegistryKeyring"})


class DeviceTokenStore:
    """Reads and writes device tokens through the `keyring` API."""

    def __init__(self, backend: KeyringBackend | None = None, *, enabled: bool = True) -> None:
        self._backend = backend
        self._enabled = enabled
        self._availability: tuple[bool, str | None] | None = None

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    def availability(self) -> tuple[bool, str | None]:
        """(usable, reason): kiosk_mode, keyring_unavailable or keyring_insecure.

        Judged once: finding the backend may touch D-Bus, so later calls (on the event
        loop, before every get/put) must not.
        """
        if not self._enabled:
            return False, "kiosk_mode"
        if self._availability is None:
            try:
                self._availability = backend_availability(self._keyring())
            except Exception:
                self._availability = (False, "keyring_unavailable")
        return self._availability

    @staticmethod
    def service(server_key: str) -> str:
        return f"{SERVICE_PREFIX}:{server_key}"

    async def get(self, server_key: str, email: str) -> str | None:
        if not self.availability()[0]:
            return None
        backend = self._keyring()
        try:
            return await asyncio.to_thread(backend.get_password, self.service(server_key), email)
        except Exception:
            # An unreadable keyring is the same as no token: the user types the OTP.
            return None

    async def put(self, server_key: str, email: str, token: str) -> bool:
        """Store a token; False when no secure store took it."""
        if not self.availability()[0]:
            return False
        backend = self._keyring()
        try:
            await asyncio.to_thread(backend.set_password, self.service(server_key), email, token)
        except Exception:
            return False
        return True

    async def delete(self, server_key: str, email: str) -> None:
        if not self.availability()[0]:
            return
        backend = self._keyring()
        # Nothing stored is the state we wanted, so a failed delete is not an error.
        with contextlib.suppress(Exception):
            await asyncio.to_thread(backend.delete_password, self.service(server_key), email)


def backend_availability(backend: KeyringBackend) -> tuple[bool, str | None]:
    """Judge one backend object; chainers are judged by the backends they chain."""
    chained = getattr(backend, "backends", None)
    if chained is not None and type(backend).__name__ == "ChainerBackend":
        judged = [backend_availability(b) for b in chained]
        if any(ok for ok, _ in judged):
            return True, None
        return False, "keyring_unavailable"
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False, "keyring_unavailable"
    if module.startswith(_INSECURE_MODULES) or name in _INSECURE_NAMES:
        return False, "keyring_insecure"
    try:
        priority = float(backend.priority)
    except Exception:
        return False, "keyring_unavailable"
    if priority <= 0:
        return False, "keyring_unavailable"
    return True, None

"""The two sign-in steps, shared by the login/OTP screens and the sign-in-again dialog.

They carry the device-token rules: send the stored token, keep the rotated one, drop one the
server no longer accepts, store a new one only when the user asked and a secure store exists.
"""

from __future__ import annotations

import platform
import re
from typing import TYPE_CHECKING, Protocol

from api_client.validation import normalise_halfwidth

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.device_store import DeviceTokenStore
    from api_client.models import LoginResponse, ServerMeta


class SignInServices(Protocol):
    """What signing in needs of the app (screens pass their `Services`)."""

    @property
    def kiosk(self) -> bool: ...

    @property
    def device_store(self) -> DeviceTokenStore: ...

    async def get_client(self) -> MyPageClient: ...

    async def get_meta(self) -> ServerMeta: ...

    async def device_availability(self) -> tuple[bool, str | None]: ...


OTP_RE = re.compile(r"^\d{6}$")


def normalise_otp(text: str) -> str:
    """Full-width digits and stray spaces are fine: ６ → 6."""
    return normalise_halfwidth(text).value.replace(" ", "")


async def start_sign_in(services: SignInServices, email: str, password: str) -> LoginResponse:
    """POST the credentials (with this device's token, if any); handle the token answer."""
    client = await services.get_client()
    meta = await services.get_meta()
    store = services.device_store
    usable, _ = await services.device_availability()
    token = await store.get(meta.instance_id, email) if usable and not services.kiosk else None
    response = await client.login(email, password, device_token=token)
    if response.status == "signed_in":
        if response.device is not None:
            await store.put(meta.instance_id, email, response.device.device_token)
    elif token is not None:
        # The server did not accept the stored token (expired or revoked): drop it.
        await store.delete(meta.instance_id, email)
    return response


async def finish_sign_in(
    services: SignInServices, email: str, ticket: str, otp: str, remember: bool
) -> bool | None:
    """Verify the OTP. Returns None (no skip asked), True/False (skip token stored or not)."""
    client = await services.get_client()
    label = f"hellowork TUI ({platform.node() or 'terminal'})"[:100]
    response = await client.verify_otp(ticket, otp, remember_device=remember, device_label=label)
    if not remember or response.device is None:
        return None
    meta = await services.get_meta()
    return await services.device_store.put(meta.instance_id, email, response.device.device_token)


def ends_attempt(exc: BaseException) -> bool:
    """Whether the error ends this login attempt: the password must be given again."""
    from api_client import errors

    return isinstance(
        exc, errors.OtpExpired | errors.OtpAttemptsExhausted | errors.LoginTicketInvalid
    )

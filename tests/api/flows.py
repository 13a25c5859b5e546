"""Small flows shared by the API tests (real client → real app → real DB and SMTP)."""

from __future__ import annotations

from api_client.client import MyPageClient
from api_client.models import LoginStatus, OtpVerifyResponse
from tests.conftest import Outbox, SeededAccount


async def sign_in(
    api: MyPageClient,
    outbox: Outbox,
    account: SeededAccount,
    *,
    remember_device: bool = False,
    label: str = "",
    password: str | None = None,
) -> OtpVerifyResponse:
    res = await api.login(account.email, password or account.password)
    assert res.status is LoginStatus.otp_required
    assert res.login_ticket is not None
    otp = outbox.read_otp(account.email)
    return await api.verify_otp(
        res.login_ticket, otp, remember_device=remember_device, device_label=label
    )

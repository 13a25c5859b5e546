"""`MyPageClient`: the typed async client of the MyPage API (/api/v1)."""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar

from pydantic import BaseModel

from ._http import AsyncBaseTransport, HttpSession, RetryPolicy, Sleep, Timeouts
from .models import (
    API_PREFIX,
    DeviceList,
    HomeView,
    LoginRequest,
    LoginResponse,
    OtpResendRequest,
    OtpResendResponse,
    OtpVerifyRequest,
    OtpVerifyResponse,
    PasswordResetConfirm,
    PasswordResetRequest,
    ServerMeta,
)

M = TypeVar("M", bound=BaseModel)


class MyPageClient:
    """One signed-in (or signing-in) user's connection to a MyPage server.

    `transport` lets tests talk to the real server app in-process (httpx.ASGITransport);
    `uds` talks to the embedded server over its Unix socket.
    """

    def __init__(
        self,
        base_url: str = "http://hellowork",
        *,
        transport: AsyncBaseTransport | None = None,
        uds: str | None = None,
        timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(),
        sleep: Sleep | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {"transport": transport, "uds": uds, "timeouts": timeouts}
        kwargs["retry"] = retry
        if sleep is not None:
            kwargs["sleep"] = sleep
        self._http = HttpSession(base_url.rstrip("/"), **kwargs)
        self._session_token: str | None = None

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> MyPageClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def session_token(self) -> str | None:
        return self._session_token

    @session_token.setter
    def session_token(self, token: str | None) -> None:
        self._session_token = token

    @property
    def signed_in(self) -> bool:
        return self._session_token is not None

    # ------------------------------------------------------------------ plumbing

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._session_token}"} if self._session_token else {}

    async def _call(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        safe: bool = False,
    ) -> Any:
        return await self._http.request(
            method,
            API_PREFIX + path,
            json=body.model_dump(mode="json") if body is not None else None,
            params=params,
            headers=self._auth(),
            safe=safe,
        )

    async def _get(self, path: str, model: type[M], params: dict[str, Any] | None = None) -> M:
        return model.model_validate(await self._call("GET", path, params=params, safe=True))

    # ------------------------------------------------------------------ meta

    async def meta(self) -> ServerMeta:
        return await self._get("/meta", ServerMeta)

    # ------------------------------------------------------------------ sign-in (never retried)

    async def login(
        self, email: str, password: str, device_token: str | None = None
    ) -> LoginResponse:
        """Start a sign-in. With a valid device token the answer is already `signed_in`."""
        req = LoginRequest(email=email, password=password, device_token=device_token)
        res = LoginResponse.model_validate(await self._call("POST", "/auth/login", body=req))
        if res.session is not None:
            self._session_token = res.session.session_token
        return res

    async def verify_otp(
        self,
        login_ticket: str,
        otp: str,
        remember_device: bool = False,
        device_label: str = "",
    ) -> OtpVerifyResponse:
        req = OtpVerifyRequest(
            login_ticket=login_ticket,
            otp=otp,
            remember_device=remember_device,
            device_label=device_label,
        )
        res = OtpVerifyResponse.model_validate(await self._call("POST", "/auth/otp", body=req))
        self._session_token = res.session.session_token
        return res

    async def resend_otp(self, login_ticket: str) -> OtpResendResponse:
        req = OtpResendRequest(login_ticket=login_ticket)
        return OtpResendResponse.model_validate(
            await self._call("POST", "/auth/otp/resend", body=req)
        )

    async def logout(self) -> None:
        """Revoke the session on the server; the local token is dropped whatever happens."""
        if self._session_token is None:
            return
        try:
            await self._call("POST", "/auth/logout")
        finally:
            self._session_token = None

    async def request_password_reset(self, email: str) -> None:
        await self._call("POST", "/auth/password-reset", body=PasswordResetRequest(email=email))

    async def confirm_password_reset(
        self, email: str, auth_key: str, new_password: str, new_password_confirm: str
    ) -> None:
        req = PasswordResetConfirm(
            email=email,
            auth_key=auth_key,
            new_password=new_password,
            new_password_confirm=new_password_confirm,
        )
        await self._call("POST", "/auth/password-reset/confirm", body=req)

    # ------------------------------------------------------------------ me

    async def home(self) -> HomeView:
        return await self._get("/me/home", HomeView)

    async def devices(self) -> DeviceList:
        return await self._get("/me/devices", DeviceList)

    async def resume_otp_all_devices(self) -> None:
        await self._call("DELETE", "/me/devices")

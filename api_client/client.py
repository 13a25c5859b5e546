"""`MyPageClient`: the typed async client of the MyPage API (/api/v1)."""

from __future__ import annotations

import secrets
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

from ._http import AsyncBaseTransport, HttpSession, RetryPolicy, Sleep, Timeouts
from .application_models import (
    IDEMPOTENCY_HEADER,
    Application,
    ApplicationList,
    HomeActivity,
    Message,
    MessageCreate,
    MessageOverview,
    ReferralApplicationCreate,
    ReferralLetter,
    ReferralList,
    RequestList,
    SelfApplicationCreate,
    Thread,
    UnreadCount,
)
from .job_models import (
    ClassificationList,
    ClassificationMatches,
    FavoriteAddRequest,
    FavoriteAddResult,
    FavoriteList,
    IndustryList,
    JobNumberResult,
    JobNumberSearch,
    JobSearchRequest,
    JobSearchResult,
    JobSheet,
    MunicipalityList,
    OccupationList,
    PrefectureList,
    SavedSearch,
    SavedSearchCreate,
    SavedSearchList,
    SavedSearchUpdate,
)
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
    RegistrationStatus,
    ServerMeta,
)
from .profile_models import (
    STEP_KEYS,
    Document,
    DocumentKind,
    EmailChangeConfirm,
    EmailChangeRequest,
    FeatureDeliveryRequest,
    KeySent,
    Notice,
    NoticeList,
    OpenConfirmRequest,
    OpenOnlineRequest,
    OpenWithCodeRequest,
    PasswordChangeRequest,
    ProfileUpdated,
    ProfileView,
    RegistrationCompleted,
    RegistrationStatusRequest,
    RegistrationView,
    ReregisterConfirm,
    ReregisterRequest,
    ResolvedAddress,
    SettingsView,
    SignedIn,
    StepBody,
    StepResult,
    WithdrawRequest,
)

M = TypeVar("M", bound=BaseModel)


def new_idempotency_key() -> str:
    """A fresh key for one submission (32 URL-safe characters). Keep it until the submission
    succeeds: sending again with it can never create a second application or message."""
    return secrets.token_urlsafe(24)


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
        headers: dict[str, str] | None = None,
    ) -> Any:
        return await self._http.request(
            method,
            API_PREFIX + path,
            json=body.model_dump(mode="json") if body is not None else None,
            params=params,
            headers=self._auth() | (headers or {}),
            safe=safe,
        )

    async def _create(self, path: str, body: BaseModel, model: type[M], key: str | None) -> M:
        """A POST that creates, under an Idempotency-Key: retried like a read, since a
        repeat answers with what the first one created."""
        headers = {IDEMPOTENCY_HEADER: key or new_idempotency_key()}
        return model.model_validate(
            await self._call("POST", path, body=body, safe=True, headers=headers)
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

    # ------------------------------------------------------------------ jobs

    async def search_jobs(self, request: JobSearchRequest) -> JobSearchResult:
        """POST /jobs/search — a read, so it is safe to retry."""
        return JobSearchResult.model_validate(
            await self._call("POST", "/jobs/search", body=request, safe=True)
        )

    async def jobs_by_number(self, job_numbers: list[str]) -> JobNumberResult:
        """番号検索 (up to 5 求人番号) — a read, so it is safe to retry."""
        body = JobNumberSearch(job_numbers=job_numbers)
        return JobNumberResult.model_validate(
            await self._call("POST", "/jobs/by-number", body=body, safe=True)
        )

    async def job_sheet(self, job_number: str) -> JobSheet:
        return await self._get(f"/jobs/{job_number}", JobSheet)

    async def prefectures(self) -> PrefectureList:
        return await self._get("/reference/prefectures", PrefectureList)

    async def municipalities(self, prefecture: str) -> MunicipalityList:
        return await self._get(
            "/reference/municipalities", MunicipalityList, {"prefecture": prefecture}
        )

    async def occupations(self) -> OccupationList:
        return await self._get("/reference/occupations", OccupationList)

    async def industries(self) -> IndustryList:
        return await self._get("/reference/industries", IndustryList)

    async def classifications(self, parent: str | None = None) -> ClassificationList:
        """職業分類: the 大分類 (no parent), or the children of a node."""
        params = {"parent": parent} if parent else None
        return await self._get("/reference/classifications", ClassificationList, params)

    async def search_classifications(self, query: str, limit: int = 20) -> ClassificationMatches:
        """職業分類 type-ahead over names and the example job titles."""
        return await self._get(
            "/reference/classifications/search",
            ClassificationMatches,
            {"q": query, "limit": limit},
        )

    # ------------------------------------------------------------------ saved conditions and
    # favorites (issue 3). Creating is never retried (a retry could take a second slot).

    async def saved_searches(self) -> SavedSearchList:
        return await self._get("/me/saved-searches", SavedSearchList)

    async def save_search(self, title: str, conditions: JobSearchRequest) -> SavedSearch:
        req = SavedSearchCreate(title=title, conditions=conditions)
        return SavedSearch.model_validate(await self._call("POST", "/me/saved-searches", body=req))

    async def update_saved_search(
        self,
        saved_id: int,
        *,
        title: str | None = None,
        conditions: JobSearchRequest | None = None,
    ) -> SavedSearch:
        req = SavedSearchUpdate(title=title, conditions=conditions)
        return SavedSearch.model_validate(
            await self._call("PUT", f"/me/saved-searches/{saved_id}", body=req, safe=True)
        )

    async def delete_saved_search(self, saved_id: int) -> None:
        await self._call("DELETE", f"/me/saved-searches/{saved_id}", safe=True)

    async def favorites(self) -> FavoriteList:
        return await self._get("/me/favorites", FavoriteList)

    async def add_favorites(self, job_numbers: list[str]) -> FavoriteAddResult:
        """Add one or more (≤ 50); safe to retry: adding twice reports "already"."""
        req = FavoriteAddRequest(job_numbers=job_numbers)
        return FavoriteAddResult.model_validate(
            await self._call("POST", "/me/favorites", body=req, safe=True)
        )

    async def remove_favorite(self, job_number: str) -> None:
        await self._call("DELETE", f"/me/favorites/{job_number}", safe=True)

    # ------------------------------------------------------------------ opening, registration,
    # profile, settings (issue 4). Key-sending and state-changing calls are never retried.

    def _signed_in(self, payload: Any) -> SignedIn:
        res = SignedIn.model_validate(payload)
        self._session_token = res.session.session_token
        return res

    async def document(self, kind: DocumentKind) -> Document:
        """The privacy policy or the terms of use, in full (ja and en)."""
        return await self._get(f"/documents/{kind.value}", Document)

    async def open_with_code(self, request: OpenWithCodeRequest) -> KeySent:
        """Open a MyPage with an アカウント作成コード: the 認証キー goes to the e-mail."""
        return KeySent.model_validate(await self._call("POST", "/auth/open/code", body=request))

    async def open_online(self, request: OpenOnlineRequest) -> KeySent:
        """Open a MyPage online (アカウント仮登録): the 認証キー goes to the e-mail."""
        return KeySent.model_validate(await self._call("POST", "/auth/open", body=request))

    async def confirm_opening(
        self, email: str, auth_key: str, password: str, password_confirm: str
    ) -> SignedIn:
        """Password ×2 + the key: the account is active and this client signed in."""
        req = OpenConfirmRequest(
            email=email, auth_key=auth_key, password=password, password_confirm=password_confirm
        )
        return self._signed_in(await self._call("POST", "/auth/open/confirm", body=req))

    async def request_reregistration(self, email: str, password: str) -> KeySent:
        req = ReregisterRequest(email=email, password=password)
        return KeySent.model_validate(await self._call("POST", "/auth/reregister", body=req))

    async def confirm_reregistration(self, email: str, auth_key: str) -> SignedIn:
        req = ReregisterConfirm(email=email, auth_key=auth_key)
        return self._signed_in(await self._call("POST", "/auth/reregister/confirm", body=req))

    async def lookup_postal_code(self, code: str) -> ResolvedAddress:
        """Prefecture, municipality and 利用安定所 of a postal code (NotFound if none)."""
        return await self._get(f"/reference/postal-codes/{quote(code, safe='')}", ResolvedAddress)

    async def registration(self) -> RegistrationView:
        return await self._get("/me/registration", RegistrationView)

    async def save_registration_step(self, step: int, body: StepBody) -> StepResult:
        """Store one step as a server-side draft; the answer lists its errors (if any)."""
        if step not in STEP_KEYS:
            raise ValueError(f"no registration step {step}")
        return StepResult.model_validate(
            await self._call("PUT", f"/me/registration/steps/{step}", body=body)
        )

    async def complete_registration(self) -> RegistrationCompleted:
        return RegistrationCompleted.model_validate(
            await self._call("POST", "/me/registration/complete")
        )

    async def profile(self) -> ProfileView:
        return await self._get("/me/profile", ProfileView)

    async def update_profile(self, step: int, body: StepBody) -> ProfileUpdated:
        """Change one section of 求職者情報 (all rules; nothing is stored on an error)."""
        return ProfileUpdated.model_validate(
            await self._call("PUT", f"/me/profile/steps/{step}", body=body)
        )

    async def settings(self) -> SettingsView:
        return await self._get("/me/settings", SettingsView)

    async def set_registration_status(self, status: RegistrationStatus) -> SettingsView:
        req = RegistrationStatusRequest(status=status)
        return SettingsView.model_validate(
            await self._call("PUT", "/me/settings/registration", body=req)
        )

    async def set_feature_delivery(self, enabled: bool) -> SettingsView:
        req = FeatureDeliveryRequest(enabled=enabled)
        return SettingsView.model_validate(
            await self._call("PUT", "/me/settings/feature-delivery", body=req)
        )

    async def request_email_change(
        self, new_email: str, new_email_confirm: str, current_password: str
    ) -> KeySent:
        """The key goes to the NEW address (and the current one is told); the login e-mail
        changes only after the key. Wrong passwords count towards the account lock."""
        req = EmailChangeRequest(
            new_email=new_email,
            new_email_confirm=new_email_confirm,
            current_password=current_password,
        )
        return KeySent.model_validate(await self._call("POST", "/me/settings/email", body=req))

    async def confirm_email_change(self, auth_key: str) -> SettingsView:
        req = EmailChangeConfirm(auth_key=auth_key)
        return SettingsView.model_validate(
            await self._call("POST", "/me/settings/email/confirm", body=req)
        )

    async def change_password(
        self, current_password: str, new_password: str, new_password_confirm: str
    ) -> None:
        """Other sessions and every OTP-skip device token are revoked; this one stays."""
        req = PasswordChangeRequest(
            current_password=current_password,
            new_password=new_password,
            new_password_confirm=new_password_confirm,
        )
        await self._call("PUT", "/me/settings/password", body=req)

    async def withdraw(self, password: str) -> None:
        """退会 (after the user confirmed). The session ends with it."""
        await self._call(
            "POST", "/me/withdraw", body=WithdrawRequest(password=password, confirm=True)
        )
        self._session_token = None

    async def notices(self) -> NoticeList:
        return await self._get("/me/notices", NoticeList)

    async def mark_notice_read(self, notice_id: int) -> Notice:
        return Notice.model_validate(await self._call("POST", f"/me/notices/{notice_id}/read"))

    # ------------------------------------------------------------------ applying, referrals,
    # request postings, messages (issue 10). Creating POSTs carry an Idempotency-Key: pass the
    # same `idempotency_key` when sending the same thing again (a draft re-sent after a
    # failure), and it is stored once.

    async def home_activity(self) -> HomeActivity:
        """Home's 新着メッセージ, 応募中の求人, リクエスト求人 and 紹介 sections."""
        return await self._get("/me/home/activity", HomeActivity)

    async def applications(self) -> ApplicationList:
        """求職活動状況: every application, newest first, and the no-show rule's state."""
        return await self._get("/me/applications", ApplicationList)

    async def application(self, application_id: int) -> Application:
        return await self._get(f"/me/applications/{int(application_id)}", Application)

    async def apply(
        self,
        job_number: str,
        motivation: str,
        *,
        cautions_acknowledged: bool,
        idempotency_key: str | None = None,
    ) -> Application:
        """オンライン自主応募 to a posting that accepts it."""
        req = SelfApplicationCreate(
            job_number=job_number,
            motivation=motivation,
            cautions_acknowledged=cautions_acknowledged,
        )
        return await self._create("/me/applications", req, Application, idempotency_key)

    async def apply_referral(
        self, referral_id: int, motivation: str, *, idempotency_key: str | None = None
    ) -> Application:
        """Apply to a posting Hello Work referred (before its deadline)."""
        req = ReferralApplicationCreate(motivation=motivation)
        return await self._create(
            f"/me/referrals/{int(referral_id)}/apply", req, Application, idempotency_key
        )

    async def withdraw_application(self, application_id: int) -> Application:
        """辞退 while 応募中 (safe to retry: a second call finds it 辞退 and says so)."""
        return Application.model_validate(
            await self._call("POST", f"/me/applications/{int(application_id)}/withdraw")
        )

    async def referral_letter(self, application_id: int) -> ReferralLetter:
        return await self._get(
            f"/me/applications/{int(application_id)}/referral-letter", ReferralLetter
        )

    async def referrals(self) -> ReferralList:
        return await self._get("/me/referrals", ReferralList)

    async def request_postings(self) -> RequestList:
        """リクエスト求人 (listed only while 求職公開状況 is 公開中)."""
        return await self._get("/me/requests", RequestList)

    async def messages(self) -> MessageOverview:
        return await self._get("/me/messages", MessageOverview)

    async def thread(self, application_id: int) -> Thread:
        return await self._get(f"/me/messages/threads/{int(application_id)}", Thread)

    async def mark_thread_read(self, application_id: int) -> UnreadCount:
        return UnreadCount.model_validate(
            await self._call("POST", f"/me/messages/threads/{int(application_id)}/read", safe=True)
        )

    async def send_message(
        self, application_id: int, body: str, *, idempotency_key: str | None = None
    ) -> Message:
        """Reply to the employer of an application."""
        return await self._create(
            f"/me/messages/threads/{int(application_id)}",
            MessageCreate(body=body),
            Message,
            idempotency_key,
        )

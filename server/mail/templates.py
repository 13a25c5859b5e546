"""Texts of every mail the server sends: Japanese first, then English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from server.jst import JST

SERVICE_JA = "ハローワークインターネットサービス"
SERVICE_EN = "Hello Work Internet Service"
# Lines the tests and the embedded mailbox screen can find values by.
OTP_LABEL_JA = "ワンタイムパスワード"
OTP_LABEL_EN = "One-time password"
AUTH_KEY_LABEL_JA = "認証キー"
AUTH_KEY_LABEL_EN = "Authentication key"

FOOTER = (
    "\n--\n"
    "このメールは送信専用です。心当たりのない場合は破棄してください。\n"
    "This address cannot receive replies. If this was not you, please ignore this mail.\n"
    f"{SERVICE_JA} / {SERVICE_EN}（架空のサービス / synthetic service）\n"
)


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def jst_text(at: datetime) -> str:
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M")


def otp_mail(otp: str, expires_at: datetime) -> MailText:
    return MailText(
        subject=f"【{SERVICE_JA}】ワンタイムパスワードのお知らせ / One-time password",
        body=(
            "求職者マイページへのログインに必要なワンタイムパスワードをお知らせします。\n\n"
            f"{OTP_LABEL_JA}：{otp}\n\n"
            f"有効期限は10分です（{jst_text(expires_at)} 日本時間まで）。\n"
            "このパスワードは一度だけ使えます。誰にも教えないでください。\n\n"
            "----\n"
            "Here is the one-time password to log in to the job-seeker MyPage.\n\n"
            f"{OTP_LABEL_EN}: {otp}\n\n"
            f"It is valid for 10 minutes (until {jst_text(expires_at)} JST) and can be used once.\n"
            "Never tell it to anyone.\n" + FOOTER
        ),
    )


def password_reset_mail(auth_key: str, expires_at: datetime) -> MailText:
    return MailText(
        # The subject the seed (004) tells users to look for on the reset screen.
        subject=f"【{SERVICE_JA}】パスワード再登録申込受付通知 / Password reset key",
        body=(
            "パスワード再登録のための認証キーをお知らせします。\n"
            "「パスワード再登録」画面で、新しいパスワードと一緒に入力してください。\n\n"
            f"{AUTH_KEY_LABEL_JA}：{auth_key}\n\n"
            f"有効期限は50分です（{jst_text(expires_at)} 日本時間まで）。\n"
            "新しい認証キーを発行すると、以前の認証キーは使えなくなります。\n\n"
            "----\n"
            "Here is the authentication key to reset your password.\n"
            "Enter it on the password reset screen together with the new password.\n\n"
            f"{AUTH_KEY_LABEL_EN}: {auth_key}\n\n"
            f"It is valid for 50 minutes (until {jst_text(expires_at)} JST).\n"
            "A newer key replaces this one.\n" + FOOTER
        ),
    )


def account_locked_mail(at: datetime) -> MailText:
    return MailText(
        subject=f"【{SERVICE_JA}】アカウントがロックされました / Account locked",
        body=(
            f"{jst_text(at)}（日本時間）、パスワードの誤りが5回続いたため、"
            "求職者マイページのアカウントをロックしました。\n"
            "ロックを解除するには、ログイン画面の「パスワードを忘れた方」から"
            "パスワードを再設定してください。\n"
            "心当たりのない場合は、第三者がログインを試みた可能性があります。\n\n"
            "----\n"
            f"At {jst_text(at)} JST your job-seeker MyPage account was locked after 5 wrong "
            "passwords in a row.\n"
            'To unlock it, reset your password from "Forgot your password" on the login '
            "screen.\nIf this was not you, someone else may have tried to log in.\n" + FOOTER
        ),
    )


def password_changed_mail(at: datetime) -> MailText:
    return MailText(
        subject=f"【{SERVICE_JA}】パスワードが変更されました / Password changed",
        body=(
            f"{jst_text(at)}（日本時間）、求職者マイページのパスワードが変更されました。\n"
            "すべての端末でログアウトし、ワンタイムパスワードの省略設定も解除しました。\n"
            "心当たりのない場合は、すぐにハローワークへご連絡ください。\n\n"
            "----\n"
            f"At {jst_text(at)} JST the password of your job-seeker MyPage was changed.\n"
            "All devices were signed out and every one-time password skip was removed.\n"
            "If this was not you, contact Hello Work at once.\n" + FOOTER
        ),
    )


def reset_no_account_mail() -> MailText:
    """A reset asked for an address with no MyPage: the owner learns it, the asker nothing
    (the answer and the work are the same as for a registered address)."""
    return MailText(
        subject=f"【{SERVICE_JA}】パスワード再設定のお申込みについて / About your password reset",
        body=(
            "このメールアドレスでパスワード再設定のお申込みがありましたが、"
            "このアドレスで登録された求職者マイページはありません。\n"
            "別のメールアドレスで登録した可能性があります。マイページをお持ちでない場合は、"
            "ログイン画面の「マイページを開設する」から開設できます。\n"
            "心当たりのない場合は、このメールを破棄してください。\n\n"
            "----\n"
            "Someone asked to reset the password of a MyPage with this address, but no MyPage "
            "uses this address.\n"
            "You may have registered with another address. Without a MyPage, open one from "
            "the login screen.\nIf this was not you, please ignore this mail.\n" + FOOTER
        ),
    )


def reset_after_email_change_mail(changed_at: datetime, possible_from: datetime) -> MailText:
    """To the new login address: a reset through it waits 24 hours after the change."""
    return MailText(
        subject=f"【{SERVICE_JA}】パスワード再設定のお申込みについて / About your password reset",
        body=(
            f"このメールアドレスは {jst_text(changed_at)}（日本時間）に求職者マイページの"
            "ログインIDになったばかりのため、安全のため、このアドレスでのパスワード再設定は"
            f"{jst_text(possible_from)}（日本時間）以降にお申込みください。\n"
            "以前のアドレスにも、このお申込みをお知らせしました。"
            "お急ぎの場合は、ハローワークの窓口にご相談ください。\n\n"
            "----\n"
            f"This address became the login e-mail of a job-seeker MyPage at {jst_text(changed_at)}"
            " JST.\nFor your security, a password reset through it is possible from "
            f"{jst_text(possible_from)} JST.\n"
            "The previous address was told of this request too. If it cannot wait, ask at a\n"
            "Hello Work office.\n" + FOOTER
        ),
    )


def reset_tried_after_email_change_mail(changed_at: datetime, new_address: str) -> MailText:
    """To the previous login address: a reset was asked through the new one, too early."""
    return MailText(
        subject=f"【{SERVICE_JA}】パスワード再設定のお申込み / Password reset requested",
        body=(
            f"{jst_text(changed_at)}（日本時間）にこのアドレスから {new_address} に変更された"
            "求職者マイページで、新しいアドレスによるパスワード再設定のお申込みがありました。\n"
            "変更から24時間以内のため、再設定は受け付けていません。\n"
            "心当たりのない場合は、すぐにハローワークへご連絡ください。\n\n"
            "----\n"
            f"The login e-mail of a job-seeker MyPage was changed from this address to\n"
            f"{new_address} at {jst_text(changed_at)} JST, and a password reset was just asked\n"
            "through the new address. Within 24 hours of the change it was refused.\n"
            "If you did not change the address, contact Hello Work at once.\n" + FOOTER
        ),
    )

"""Mails of account opening, re-registration, e-mail change and withdrawal (Japanese, then
English), in the style of server/mail/templates.py."""

from __future__ import annotations

from datetime import datetime

from server.mail.templates import (
    AUTH_KEY_LABEL_EN,
    AUTH_KEY_LABEL_JA,
    FOOTER,
    SERVICE_JA,
    MailText,
    jst_text,
)


def _key_block(key: str, expires_at: datetime) -> tuple[str, str]:
    ja = (
        f"{AUTH_KEY_LABEL_JA}：{key}\n\n"
        f"有効期限は50分です（{jst_text(expires_at)} 日本時間まで）。\n"
        "新しい認証キーを発行すると、以前の認証キーは使えなくなります。\n"
    )
    en = (
        f"{AUTH_KEY_LABEL_EN}: {key}\n\n"
        f"It is valid for 50 minutes (until {jst_text(expires_at)} JST).\n"
        "A newer key replaces this one.\n"
    )
    return ja, en


def open_online_mail(key: str, expires_at: datetime) -> MailText:
    ja, en = _key_block(key, expires_at)
    return MailText(
        subject=f"【{SERVICE_JA}】アカウント仮登録完了通知 / Account provisionally registered",
        body=(
            "求職者マイページのアカウントを仮登録しました。\n"
            "パスワード登録画面で、パスワードと次の認証キーを入力すると登録が完了します。\n"
            "続いて求職情報（7つのステップ）を登録してください。\n\n" + ja + "\n----\n"
            "Your job-seeker MyPage account is provisionally registered.\n"
            "Enter a password and this key on the password screen to finish; then register\n"
            "your job-seeker information (7 steps).\n\n" + en + FOOTER
        ),
    )


def open_with_code_mail(key: str, expires_at: datetime) -> MailText:
    ja, en = _key_block(key, expires_at)
    return MailText(
        subject=f"【{SERVICE_JA}】パスワード登録申込受付通知 / Password registration key",
        body=(
            "アカウント作成コードによるマイページ開設の申込みを受け付けました。\n"
            "パスワード登録画面で、パスワードと次の認証キーを入力してください。\n\n"
            + ja
            + "\n----\n"
            "We received your request to open a MyPage with an account creation code.\n"
            "Enter a password and this key on the password screen.\n\n" + en + FOOTER
        ),
    )


def account_exists_mail() -> MailText:
    return MailText(
        subject=f"【{SERVICE_JA}】マイページ開設のお申込みについて / About your sign-up",
        body=(
            "このメールアドレスでは、すでに求職者マイページのアカウントが登録されています。\n"
            "ログイン画面からログインしてください。パスワードを忘れた場合は"
            "「パスワードを忘れた方」から再設定できます。\n"
            "退会から30日以内の場合は「アカウントを再登録」から再開できます。\n\n"
            "----\n"
            "A job-seeker MyPage account already exists for this address.\n"
            'Log in from the login screen; if you forgot the password, use "Forgot your\n'
            'password". Within 30 days of withdrawing, use "Re-register the account".\n' + FOOTER
        ),
    )


def reregister_mail(key: str, expires_at: datetime) -> MailText:
    ja, en = _key_block(key, expires_at)
    return MailText(
        subject=f"【{SERVICE_JA}】アカウント再登録の認証キー / Re-registration key",
        body=(
            "退会したマイページのアカウント再登録の申込みを受け付けました。\n"
            "認証キー入力画面で、次の認証キーを入力してください。\n\n" + ja + "\n----\n"
            "We received your request to re-register your withdrawn MyPage account.\n"
            "Enter this key on the authentication key screen.\n\n" + en + FOOTER
        ),
    )


def email_change_mail(key: str, expires_at: datetime) -> MailText:
    ja, en = _key_block(key, expires_at)
    return MailText(
        subject=f"【{SERVICE_JA}】メールアドレス変更の認証キー / E-mail change key",
        body=(
            "求職者マイページのログインID（メールアドレス）を、このアドレスに変更する申込みを"
            "受け付けました。\n認証キーを入力すると変更が完了します。"
            "入力するまでは、以前のアドレスのままです。\n\n" + ja + "\n----\n"
            "We received a request to change the login e-mail of a job-seeker MyPage to this\n"
            "address. The change takes effect once you enter this key; until then the old\n"
            "address stays in use.\n\n" + en + FOOTER
        ),
    )


def email_changed_mail(at: datetime, new_address: str) -> MailText:
    return MailText(
        subject=f"【{SERVICE_JA}】メールアドレスが変更されました / E-mail address changed",
        body=(
            f"{jst_text(at)}（日本時間）、求職者マイページのログインID（メールアドレス）が"
            f"{new_address} に変更されました。\n"
            "今後のお知らせは新しいアドレスに送ります。"
            "心当たりのない場合は、すぐにハローワークへご連絡ください。\n\n"
            "----\n"
            f"At {jst_text(at)} JST the login e-mail of your job-seeker MyPage was changed to\n"
            f"{new_address}. Further mail goes there. If this was not you, contact Hello Work\n"
            "at once.\n" + FOOTER
        ),
    )


def withdrawn_mail(at: datetime) -> MailText:
    return MailText(
        subject=f"【{SERVICE_JA}】マイページを退会しました / You left the MyPage",
        body=(
            f"{jst_text(at)}（日本時間）、求職者マイページを退会しました。\n"
            "30日以内であれば、同じメールアドレスとパスワードで"
            "「アカウントを再登録」から再開できます。31日以上経過すると再登録はできません。\n\n"
            "----\n"
            f"At {jst_text(at)} JST you withdrew from the job-seeker MyPage.\n"
            "Within 30 days you can come back with the same e-mail and password via\n"
            '"Re-register the account"; after 31 days this is no longer possible.\n' + FOOTER
        ),
    )


def email_change_requested_mail(at: datetime, new_address: str) -> MailText:
    """To the current address, before anything changes."""
    return MailText(
        subject=f"【{SERVICE_JA}】メールアドレス変更のお申込み / E-mail change requested",
        body=(
            f"{jst_text(at)}（日本時間）、求職者マイページのログインID（メールアドレス）を "
            f"{new_address} に変更するお申込みがありました。\n"
            "新しいアドレスに送った認証キーが入力されると変更されます。それまでは、"
            "このアドレスのままです。\n"
            "心当たりのない場合は、すぐにパスワードを再設定してください"
            "（変更のお申込みは取り消されます）。あわせてハローワークへご連絡ください。\n\n"
            "----\n"
            f"At {jst_text(at)} JST a change of the login e-mail of your job-seeker MyPage to\n"
            f"{new_address} was requested. It takes effect once the key sent there is\n"
            "entered; until then this address stays in use.\n"
            "If this was not you, reset your password at once (that cancels the change) and\n"
            "contact Hello Work.\n" + FOOTER
        ),
    )


def email_in_use_mail() -> MailText:
    """To a requested new address that already has a MyPage: no key (the change could never
    be confirmed) and nothing about who asked; its owner learns nothing they did not know."""
    return MailText(
        subject=f"【{SERVICE_JA}】メールアドレス変更のお申込みについて / About an e-mail change",
        body=(
            "このメールアドレスを求職者マイページのログインIDにするお申込みがありましたが、"
            "このアドレスはすでに別のマイページで使われているため、変更はできません。\n"
            "お手続きは不要です。心当たりのない場合は、このメールを破棄してください。\n\n"
            "----\n"
            "Someone asked to make this address the login e-mail of a job-seeker MyPage, but\n"
            "it already belongs to a MyPage, so nothing will change. No action is needed;\n"
            "if this was not you, please ignore this mail.\n" + FOOTER
        ),
    )

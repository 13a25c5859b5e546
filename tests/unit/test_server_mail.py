"""The Maildir outbox (embedded mode) and message construction."""

from __future__ import annotations

import mailbox
import stat
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from server.mail import MaildirMailer, build_message
from server.mail.templates import otp_mail


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _otp_message() -> EmailMessage:
    """An OTP mail as the server builds it (its expiry 09:30 JST)."""
    now = datetime(2026, 5, 11, 0, 30, tzinfo=UTC)
    text = otp_mail("123456", now)
    return build_message(
        mail_from="system@mail.hellowork.example",
        to="taro@example.jp",
        subject=text.subject,
        body=text.body,
        now=now,
    )


async def test_maildir_outbox_is_private_and_readable(tmp_path: Path) -> None:
    msg = _otp_message()
    outbox = tmp_path / "data" / "outbox"
    await MaildirMailer(outbox).send(msg)
    await MaildirMailer(outbox).send(msg)  # an existing tree works too

    for sub in ("", "new", "cur", "tmp"):
        assert _mode(outbox / sub) == 0o700
    files = list((outbox / "new").iterdir())
    assert len(files) == 2 and all(_mode(f) == 0o600 for f in files)

    box = mailbox.Maildir(outbox, create=False)
    raw = box.get_bytes(next(iter(box.keys())))
    assert b"Subject: =?utf-8?" in raw  # encoded on the wire
    parsed = message_from_bytes(raw, policy=policy.default)
    assert str(parsed["Subject"]).startswith("【ハローワークインターネットサービス】")
    body = parsed.get_body(("plain",)).get_content()
    assert "ワンタイムパスワード：123456" in body and "One-time password: 123456" in body
    assert "09:30 日本時間" in body  # expiry shown in JST


async def test_maildir_outbox_removed_while_serving_is_made_again(tmp_path: Path) -> None:
    import shutil

    msg = _otp_message()
    outbox = tmp_path / "outbox"
    mailer = MaildirMailer(outbox)
    await mailer.send(msg)
    shutil.rmtree(outbox / "new")  # only new/ gone: the message is written, then moved
    await mailer.send(msg)
    shutil.rmtree(outbox)  # the whole tree gone
    await mailer.send(msg)
    assert len(list((outbox / "new").iterdir())) == 1
    for sub in ("", "new", "cur", "tmp"):
        assert _mode(outbox / sub) == 0o700
    assert not list((outbox / "tmp").iterdir())


def test_fast_build_writes_what_the_email_package_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """build_message writes a Japanese mail to a plain address out directly: the same bytes
    as the email package's header-by-header build, for every template and From."""
    from server.mail import base, templates

    now = datetime(2026, 5, 11, 0, 30, tzinfo=UTC)
    texts = [
        templates.otp_mail("123456", now),
        templates.password_reset_mail("ab#12CDef3", now),
        templates.account_locked_mail(now),
        templates.password_changed_mail(now),
        templates.reset_no_account_mail(),
        templates.reset_after_email_change_mail(now, now),
        templates.reset_tried_after_email_change_mail(now, "new@example.jp"),
    ]
    monkeypatch.setattr(base, "make_msgid", lambda domain: f"<1.2@{domain}>")
    senders = ["system@mail.hellowork.example", "ハローワーク <system@mail.hellowork.example>"]
    for mail_from in senders:
        for to in ("taro@example.jp", "Taro Yamada <taro@example.jp>", "太郎@例え.jp"):
            for text in texts:
                args = {"mail_from": mail_from, "to": to, "subject": text.subject, "now": now}
                fast = build_message(body=text.body, **args)
                slow = base._build_message(body=text.body, **args)
                assert fast.as_bytes() == slow.as_bytes()
                assert str(fast["Subject"]) == text.subject
                assert (
                    fast.get_body(("plain",)).get_content()
                    == slow.get_body(("plain",)).get_content()
                )
    ascii_body = build_message(body="plain text", **args)  # 8bit, as before
    assert ascii_body["Content-Transfer-Encoding"] == "8bit"

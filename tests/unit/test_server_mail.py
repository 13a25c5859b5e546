"""The Maildir outbox (embedded mode) and message construction."""

from __future__ import annotations

import mailbox
import stat
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

from server.mail import MaildirMailer, build_message
from server.mail.templates import otp_mail


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


async def test_maildir_outbox_is_private_and_readable(tmp_path: Path) -> None:
    now = datetime(2026, 5, 11, 0, 30, tzinfo=UTC)
    text = otp_mail("123456", now)
    msg = build_message(
        mail_from="system@mail.hellowork.example",
        to="taro@example.jp",
        subject=text.subject,
        body=text.body,
        now=now,
    )
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

    now = datetime(2026, 5, 11, 0, 30, tzinfo=UTC)
    text = otp_mail("123456", now)
    msg = build_message(
        mail_from="system@mail.hellowork.example",
        to="taro@example.jp",
        subject=text.subject,
        body=text.body,
        now=now,
    )
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

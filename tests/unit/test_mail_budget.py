"""Issue 11 item 7: the server gives up on a slow mail relay, and says so, before the
client gives up on the server; the client explains the answer in both languages."""

from __future__ import annotations

from api_client._http import Timeouts
from api_client.errors import MailNotSent, error_from_response
from screens.base import explain
from server.config import ServerSettings
from strings.i18n import set_language

# What a mail-sending request does besides mailing: argon2 (~0.1 s on a busy 2-core box),
# a few short transactions, the answer's trip back. Generous on purpose.
OTHER_WORK_SECONDS = 3.0


def test_the_mail_budget_ends_well_before_the_client_read_timeout() -> None:
    budget = ServerSettings.model_fields["smtp_timeout"].default
    assert budget + OTHER_WORK_SECONDS <= Timeouts().read


def test_mail_not_sent_is_its_own_error_and_is_explained() -> None:
    body = {
        "code": "mail_not_sent",
        "message": "The mail could not be sent. Please try again in a while.",
        "params": {"retry_after": 60},
    }
    error = error_from_response(503, body, 60.0)
    assert isinstance(error, MailNotSent)
    try:
        set_language("ja")
        assert explain(error).message == (
            "メールを送信できませんでした。しばらくしてからもう一度お試しください。"
        )
        set_language("en")
        assert explain(error).message == "The mail could not be sent. Please try again in a while."
    finally:
        set_language("ja")

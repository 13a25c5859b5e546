"""`hellowork admin create-seeker` and the demo seed, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from server.admin import main as admin_main
from server.jst import end_of_month_after_next


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 5, 11), date(2026, 7, 31)),
        (date(2026, 11, 30), date(2027, 1, 31)),
        (date(2026, 12, 1), date(2027, 2, 28)),
        (date(2027, 12, 31), date(2028, 2, 29)),
    ],
)
def test_end_of_month_after_next(day: date, expected: date) -> None:
    assert end_of_month_after_next(day) == expected


def test_create_seeker_prints_a_code_and_stores_only_its_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "admin.db"
    args = [
        "--data-dir",
        str(tmp_path),
        "create-seeker",
        "--database-url",
        f"sqlite+aiosqlite:///{db}",
        "--name",
        "求職 花子",
        "--seeker-number",
        "１３０１０-１２３４５６７８",
        "--birth-date",
        "1995-05-05",
        "--email",
        "Hanako@Example.JP",
    ]
    assert admin_main(args) == 0
    out = capsys.readouterr().out
    code = out.split("account creation code: ")[1].split()[0]
    assert len(code) <= 10 and code.isascii() and code.isalnum()
    with sqlite3.connect(db) as conn:
        seeker = conn.execute("select seeker_number, name, birth_date from seekers").fetchone()
        assert seeker == ("13010-12345678", "求職 花子", "1995-05-05")
        (code_hash, email_key) = conn.execute(
            "select code_hash, email_key from account_creation_codes"
        ).fetchone()
        assert code not in code_hash and email_key == "hanako@example.jp"
    assert (tmp_path / "secret.key").exists()  # SQLite setup: the shared embedded secret

    # The same number again is refused with a field message.
    assert admin_main(args) == 2
    assert "seeker_number: Already registered." in capsys.readouterr().err


def test_create_seeker_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = admin_main(
        [
            "--data-dir",
            str(tmp_path),
            "create-seeker",
            "--name",
            " ",
            "--seeker-number",
            "7000-1",
            "--birth-date",
            "1990-04-01",
            "--email",
            "bad@",
            "--office",
            "99999",
        ]
    )
    assert rc == 2
    err = capsys.readouterr().err
    for field in ("name:", "seeker_number:", "email:", "office:"):
        assert field in err
    assert (
        admin_main(
            [
                "--data-dir",
                str(tmp_path),
                "create-seeker",
                "--name",
                "x",
                "--seeker-number",
                "70000-1",
                "--birth-date",
                "1990/04/01",
                "--email",
                "a@example.jp",
            ]
        )
        == 2
    )

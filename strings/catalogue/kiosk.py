"""Strings of the shared-terminal (kiosk) features: idle sign-out, the built-in server's
recovery: key → (ja, en)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, tuple[str, str]]] = {
    "idle.title": ("まもなく自動的にログアウトします", "You will be logged out soon"),
    "idle.countdown": ("あと {seconds} 秒", "{seconds} s left"),
    "idle.body": (
        "しばらく操作がなかったため、個人情報を守るためにログアウトします。",
        "Nothing has been typed for a while: to protect your data, you will be logged out.",
    ),
    "idle.keep": (
        "続けるには、どれかキーを押してください。",
        "Press any key to continue.",
    ),
    "idle.signed_out": (
        "一定時間操作がなかったため、ログアウトしました。",
        "You were logged out because nothing was typed for a while.",
    ),
    "idle.cleared": (
        "一定時間操作がなかったため、入力内容を消去しました。",
        "What was typed was cleared because nothing was typed for a while.",
    ),
    "help.title": ("ヘルプ", "Help"),
    "help.focused": ("選択中の項目", "The focused control"),
    "help.keys": ("この画面で使えるキー", "Keys that work on this screen"),
    "help.tab": ("次の項目へ", "Next control"),
    "help.shift_tab": ("前の項目へ", "Previous control"),
    "help.close": ("Esc または F1 で閉じます。", "Esc or F1 closes this help."),
    "server.restarted": (
        "内蔵サーバーが停止したため、再起動しました。ログインは続いています。"
        "うまくいかなかった操作は、もう一度行ってください（F5 で再読み込み）。",
        "The built-in server stopped and was restarted; you are still logged in. "
        "Repeat what did not work (F5 reloads).",
    ),
    "server.restarting": (
        "内蔵サーバーが停止しました。再起動しています…",
        "The built-in server stopped. Restarting it…",
    ),
}

"""Every user-visible string of the TUI, in Japanese (default) and English.

Keys map to (ja, en). `t(key, **params)` formats the string of the current language; a
missing parameter is left visible as `{name}` rather than raising, so a message never crashes
a screen. This module imports nothing from the project, so any layer may use it.
"""

from __future__ import annotations

from typing import Final, Literal

Lang = Literal["ja", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("ja", "en")

_current: Lang = "ja"


def set_language(lang: Lang) -> None:
    global _current
    _current = lang


def get_language() -> Lang:
    return _current


def parse_language(value: str | None) -> Lang | None:
    if value in ("ja", "en"):
        return value  # type: ignore[return-value]
    return None


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, /, **params: object) -> str:
    """The text of `key` in the current language, with `params` filled in."""
    pair = CATALOGUE.get(key) or _lookup_domains(key)
    if pair is None:
        return key
    text = pair[0] if _current == "ja" else pair[1]
    return text.format_map(_Keep(params)) if params else text


def has(key: str) -> bool:
    return key in CATALOGUE or _lookup_domains(key) is not None


def all_strings() -> dict[str, tuple[str, str]]:
    """Every string of every catalogue (the domain ones loaded if they were not yet)."""
    _merge_domain_catalogues()
    return CATALOGUE


# The allowed password symbols, spelled out for messages (validation.PASSWORD_SYMBOLS).
CATALOGUE: Final[dict[str, tuple[str, str]]] = {
    # ------------------------------------------------------------------ app / global keys
    "app.title": ("ハローワーク 求職者マイページ", "Hello Work job-seeker MyPage"),
    "app.synthetic": ("架空データ", "synthetic data"),
    "key.language": ("English", "日本語"),
    "key.quit": ("終了", "Quit"),
    "key.back": ("戻る", "Back"),
    "key.logout": ("ログアウト", "Log out"),
    "key.reset": ("パスワードをお忘れの方", "Forgot password"),
    "key.mailbox": ("メールボックス", "Mailbox"),
    "key.resend": ("再送信", "Resend"),
    "key.refresh": ("再読み込み", "Reload"),
    "key.open": ("開く", "Open"),
    "key.close": ("閉じる", "Close"),
    "key.help": ("ヘルプ", "Help"),
    # On every screen's key line, the login screen's too: here, not in a domain catalogue.
    "key.jump": ("ジャンプ", "Jump"),
    "key.more": ("その他のキー", "More keys"),
    "key.undo": ("元に戻す", "Undo"),
    "key.code.pick": ("一覧から選ぶ", "Choose"),
    "key.code.clear": ("消す", "Clear"),
    "key.redo": ("やり直す", "Redo"),
    "language.changed": ("表示言語を日本語にしました。", "Display language set to English."),
    "app.quit_hint": ("終了するには Ctrl+Q を押してください。", "Press Ctrl+Q to quit."),
    "kiosk.no_quit": (
        "キオスクモードでは終了できません。係員にお声がけください。",
        "Quitting is disabled in kiosk mode. Please ask a staff member.",
    ),
    "server.starting": ("サーバーを起動しています…", "Starting the server…"),
    "server.waiting": (
        "サーバーの起動を待っています… 準備ができ次第続けます。",
        "Waiting for the server to start… will continue when it is ready.",
    ),
    "server.failed": (
        "内蔵サーバーを起動できませんでした: {reason}",
        "The built-in server could not start: {reason}",
    ),
    "working": ("処理中…", "Working…"),
    # ------------------------------------------------------------------ field names
    "field.email": ("ID（メールアドレス）", "ID (e-mail address)"),
    "field.password": ("パスワード", "Password"),
    "field.otp": ("ワンタイムパスワード", "One-time password"),
    "field.auth_key": ("認証キー", "Authentication key"),
    "field.new_password": ("新しいパスワード", "New password"),
    "field.new_password_confirm": ("新しいパスワード（確認用）", "New password (again)"),
    "field.seeker_number": ("求職番号", "Job-seeker number"),
    "field.field": ("入力欄", "Field"),
    "field.error_prefix": ("エラー", "Error"),
    "field.note_prefix": ("お知らせ", "Note"),
    # ------------------------------------------------------------------ login
    "login.title": ("求職者マイページログイン", "Job-seeker MyPage login"),
    "login.intro": (
        "アカウントとして登録したメールアドレスとパスワードを入力してください。",
        "Enter the e-mail address and password registered for your account.",
    ),
    "login.email_hint": ("半角英数字100文字以内", "Half-width, at most 100 characters"),
    "login.submit": ("ログイン", "Log in"),
    "login.forgot": ("パスワードをお忘れの方", "Forgot your password?"),
    "login.mailbox": ("メールボックス（内蔵サーバー）", "Mailbox (built-in server)"),
    "login.open_code": (
        "MyPageを開設（アカウント作成コードあり）",
        "Open a MyPage (with an account creation code)",
    ),
    "login.open_online": (
        "MyPageを開設して求職申込み（オンライン）",
        "Open a MyPage and apply as a job seeker (online)",
    ),
    "login.reregister": ("アカウントを再登録（退会後30日以内）", "Re-register (within 30 days)"),
    "key.open_code": ("MyPage開設（コードあり）", "Open MyPage (code)"),
    "key.open_online": ("MyPage開設・求職申込み", "Open MyPage online"),
    "key.reregister": ("アカウント再登録", "Re-register"),
    "login.keys_hint": (
        "Tab で項目を移動、Enter でログインします。",
        "Tab moves between fields, Enter logs in.",
    ),
    "login.normalised": (
        "メールアドレスを次のように直しました（全角→半角、ドメインは小文字）:「{before}」→「{after}」",
        "The e-mail address was normalised (full-width → half-width, domain in lower case): "
        "“{before}” → “{after}”",
    ),
    "login.signing_in": ("ログインしています…", "Signing in…"),
    "login.signed_out": ("ログアウトしました。", "You have been logged out."),
    "login.reset_done": (
        "パスワードを再設定しました。新しいパスワードでログインしてください。",
        "Your password was reset. Log in with the new password.",
    ),
    "login.retry_hint": (
        "入力内容はそのままです。Enter でもう一度お試しください。",
        "Your input is kept. Press Enter to try again.",
    ),
    "login.token_stale": (
        "この端末のワンタイムパスワード省略設定は無効になっていました。",
        "The one-time password skip for this device was no longer valid.",
    ),
    # ------------------------------------------------------------------ OTP
    "otp.title": ("ワンタイムパスワードの入力", "Enter the one-time password"),
    "otp.intro": (
        "「{email}」にワンタイムパスワード（6桁の数字）を送信しました。"
        "メールを確認して入力してください。",
        "A one-time password (6 digits) was sent to {email}. Check the e-mail and enter it.",
    ),
    "otp.expires": ("有効期限: {time}", "Valid until: {time}"),
    "otp.remember": (
        "次回以降、この端末でワンタイムパスワードを省略する（90日）",
        "Skip the one-time password on this device from next time (90 days)",
    ),
    "otp.remember_off.kiosk_mode": (
        "共用端末（キオスクモード）では省略できません。",
        "Not available on a shared terminal (kiosk mode).",
    ),
    "otp.remember_off.keyring_unavailable": (
        "安全な保存先（OSのキーリング）が見つからないため省略できません。",
        "Not available: no secure store (OS keyring) was found.",
    ),
    "otp.remember_off.keyring_insecure": (
        "OSのキーリングが平文保存のため、安全のため省略できません。",
        "Not available: the OS keyring stores secrets in plain text.",
    ),
    "otp.remember_off.unknown": (
        "この端末では省略できません。",
        "Not available on this device.",
    ),
    "otp.submit": ("認証する", "Verify"),
    "otp.resend": ("ワンタイムパスワードを再送信", "Send a new one-time password"),
    "otp.back": ("ログイン画面に戻る", "Back to login"),
    "otp.resent": (
        "新しいワンタイムパスワードを送信しました。前のものは使えません。",
        "A new one-time password was sent. The previous one no longer works.",
    ),
    "otp.remaining": (
        "あと {remaining} 回まで入力できます。",
        "{remaining} more attempt(s) allowed.",
    ),
    "otp.verifying": ("確認しています…", "Verifying…"),
    "otp.token_saved": (
        "この端末では90日間ワンタイムパスワードを省略します。",
        "This device will skip the one-time password for 90 days.",
    ),
    "otp.token_not_saved": (
        "省略設定を保存できませんでした。次回もワンタイムパスワードが必要です。",
        "The skip setting could not be stored; you will need a one-time password next time.",
    ),
    # ------------------------------------------------------------------ home
    "home.title": ("求職者マイページホーム", "Job-seeker MyPage home"),
    "home.name": ("{name} 様", "{name}"),
    "home.office": ("利用安定所名: {office}", "Hello Work office: {office}"),
    "home.office_none": ("（未設定）", "(not set)"),
    "home.last_login": ("前回のログイン日時: {time}", "Last login: {time}"),
    "home.last_login_none": ("（初めてのログイン）", "(first login)"),
    "home.unread": ("新着メッセージ: {count}件", "New messages: {count}"),
    "home.publication": ("求職公開状況: {status}", "Profile publication: {status}"),
    "home.publication.public": ("公開中", "public"),
    "home.publication.private": ("非公開", "not public"),
    "home.registration": ("求職登録: {status}", "Registration: {status}"),
    "home.registration.valid": ("有効", "valid"),
    "home.registration.invalid": ("無効", "invalid"),
    "home.valid_until": ("（{date}まで有効）", " (valid until {date})"),
    "home.invalid_hint": (
        "（6 求職者情報・設定 → S で有効に戻せます）",
        " (switch it back in 6 Profile and settings → S)",
    ),
    "home.otp_skip": (
        "ワンタイムパスワードを省略する端末: {state}",
        "Devices that skip the one-time password: {state}",
    ),
    "home.otp_skip.yes": ("あり", "yes"),
    "home.otp_skip.no": ("なし", "none"),
    "home.seeker_number_none": ("（未登録）", "(none)"),
    "home.qr_caption": (
        "ハローワークにお越しの際は、担当窓口で受付票または次の2次元バーコードをご提示ください。",
        "When you visit Hello Work, show your reception slip or this 2-D barcode at the counter.",
    ),
    "home.menu_hint": (
        "メニューは ↑↓ と Enter か数字キーで選べます。Alt+数字キーならどの画面からでも開けます。",
        "Choose from the menu with ↑↓ and Enter, or its number; Alt+number works on any screen.",
    ),
    "home.loading": ("ホーム画面を読み込んでいます…", "Loading the home screen…"),
    "home.load_failed": (
        "ホーム画面を読み込めませんでした。{reason} F5 で再読み込みします。",
        "The home screen could not be loaded. {reason} Press F5 to reload.",
    ),
    # The global menu (menu pane). `menu.short.*` are the texts of the one-line menu of a
    # narrow terminal.
    "menu.title": ("メニュー", "Menu"),
    "menu.hint": ("Alt+数字でどこからでも", "Alt+number: from anywhere"),
    "menu.home": ("ホーム", "Home"),
    "menu.search": ("求人検索", "Job search"),
    "menu.activity": ("求職活動状況", "Job-hunting status"),
    "menu.messages": ("メッセージ", "Messages"),
    "menu.favorites": ("お気に入り・チェック", "Favorites & checked"),
    "menu.profile": ("求職者情報・設定", "Profile and settings"),
    "menu.logout": ("ログアウト", "Log out"),
    "menu.short.home": ("ホーム", "Home"),
    "menu.short.search": ("求人検索", "Search"),
    "menu.short.activity": ("活動状況", "Status"),
    "menu.short.messages": ("メッセージ", "Messages"),
    "menu.short.favorites": ("お気に入り", "Favorites"),
    "menu.short.profile": ("情報・設定", "Profile"),
    "menu.short.logout": ("ログアウト", "Log out"),
    "menu.unread": ("（未読{count}件）", " ({count} unread)"),
    "key.menu": ("メニュー", "Menu"),
    "key.pane.home": ("ホーム", "Home"),
    "key.pane.search": ("求人検索", "Job search"),
    "key.pane.activity": ("求職活動状況", "Job-hunting status"),
    "key.pane.messages": ("メッセージ", "Messages"),
    "key.pane.favorites": ("お気に入り・チェック", "Favorites & checked"),
    "key.pane.profile": ("求職者情報・設定", "Profile and settings"),
    "menu.not_ready": (
        "「{name}」は準備中です。今後のバージョンで利用できるようになります。",
        "“{name}” is not available yet. It will come in a later version.",
    ),
    "placeholder.title": ("{name}（準備中）", "{name} (not available yet)"),
    "logout.done": ("ログアウトしました。", "You have been logged out."),
    # ------------------------------------------------------------------ session expiry
    "session.title": ("もう一度ログインしてください", "Please log in again"),
    "session.expired": (
        "一定時間操作がなかったか、ログインの有効期限が切れたため、ログアウトされました。"
        "もう一度ログインしてください。",
        "You were logged out because the session was idle too long or reached its time limit. "
        "Please log in again.",
    ),
    "session.to_login": ("ログイン画面へ", "Go to login"),
    "session.reauth": (
        "ログインの有効期限が切れました。続けるには「{email}」のパスワードを入力してください。"
        "表示中の画面と入力内容はそのまま残ります。",
        "Your session has expired. Enter the password of {email} to continue. "
        "The screen behind and what you typed stay as they are.",
    ),
    "session.otp_sent": (
        "「{email}」にワンタイムパスワードを送信しました。入力してください。",
        "A one-time password was sent to {email}. Please enter it.",
    ),
    "key.to_login": ("ログイン画面へ", "Go to login"),
    # ------------------------------------------------------------------ password reset
    "reset.title": ("求職者マイページパスワード再登録", "Reset your MyPage password"),
    "reset.intro": (
        "登録したメールアドレスを入力してください。認証キーをメールでお送りします（有効期限50分）。",
        "Enter your registered e-mail address. We will e-mail you an authentication key "
        "(valid for 50 minutes).",
    ),
    "reset.next": ("次へ進む", "Next"),
    "reset.sending": ("送信しています…", "Sending…"),
    "reset.confirm_title": ("パスワード再登録", "Set a new password"),
    "reset.confirm_intro": (
        "{email} 宛ての「パスワード再登録申込受付通知」メールに記載の認証キーと、"
        "新しいパスワードを入力してください。",
        "Enter the authentication key from the e-mail “Password reset key” sent to {email}, "
        "and your new password.",
    ),
    "reset.password_rule": (
        "半角数字・英字・記号をすべて含む8文字以上32文字以内。使える記号: {symbols}",
        "8 to 32 half-width characters with a digit, a letter and a symbol. Symbols: {symbols}",
    ),
    "reset.submit": ("完了", "Done"),
    "reset.saving": ("登録しています…", "Saving…"),
    "reset.restart": (
        "はじめからやり直してください（Esc で戻り、メールアドレスを入力し直します）。",
        "Please start again (Esc goes back to enter your e-mail address).",
    ),
    # ------------------------------------------------------------------ mailbox
    "mailbox.title": (
        "メールボックス（内蔵サーバーの送信済みメール）",
        "Mailbox (mail sent by the built-in server)",
    ),
    "mailbox.empty": ("このアドレス宛てのメールはまだありません。", "No mail to this address yet."),
    "mailbox.no_address": (
        "メールアドレスを入力してから開くと、そのアドレス宛てのメールが表示されます。",
        "Type your e-mail address first: the mailbox shows the mail sent to it.",
    ),
    "mailbox.unavailable": (
        "メールボックスは内蔵サーバーを使うときだけ表示できます。",
        "The mailbox is only available with the built-in server.",
    ),
    "mailbox.hint": (
        "↑↓ で選び Enter で開きます。新しいメールが上です。",
        "Choose with ↑↓ and press Enter. Newest first.",
    ),
    "mailbox.from": ("差出人", "From"),
    "mailbox.to": ("宛先", "To"),
    "mailbox.subject": ("件名", "Subject"),
    "mailbox.date": ("日時", "Date"),
    "mailbox.no_subject": ("（件名なし）", "(no subject)"),
    # ------------------------------------------------------------------ CLI
    "cli.mail_none": ("送信済みメールはありません: {path}", "No mail in the outbox: {path}"),
    # ------------------------------------------------------------------ errors (ErrorCode)
    "error.validation_error": (
        "入力内容に誤りがあります。各項目のメッセージを確認してください。",
        "Some input is not valid. Check the message under each field.",
    ),
    "error.invalid_credentials": (
        "ID（メールアドレス）またはパスワードが正しくありません。確認してもう一度入力してください。",
        "The ID (e-mail address) or password is not correct. Check them and try again.",
    ),
    "error.lock_remaining": (
        "あと{remaining}回間違えるとロックされます。",
        "{remaining} more wrong password(s) will lock the account.",
    ),
    "error.account_locked": (
        "パスワードを5回続けて誤ったため、アカウントがロックされています。"
        "「パスワードをお忘れの方」（Ctrl+R）からパスワードを再設定してください。",
        "The account is locked after 5 wrong passwords in a row. "
        "Reset your password with “Forgot password” (Ctrl+R).",
    ),
    "error.otp_invalid": (
        "ワンタイムパスワードが正しくありません。メールの6桁の数字を確認してください。",
        "The one-time password is not correct. Check the 6 digits in the e-mail.",
    ),
    "error.otp_expired": (
        "ワンタイムパスワードの有効期限が切れました。もう一度ログインしてください。",
        "The one-time password has expired. Please log in again.",
    ),
    "error.otp_attempts_exhausted": (
        "ワンタイムパスワードを規定回数以上誤りました。もう一度ログインしてください。",
        "Too many wrong one-time passwords. Please log in again.",
    ),
    "error.login_ticket_invalid": (
        "ログインの手続きが無効になりました。もう一度ログインしてください。",
        "This login attempt is no longer valid. Please log in again.",
    ),
    "error.resend_throttled": (
        "再送信は {seconds} 秒後にできます。",
        "You can resend in {seconds} seconds.",
    ),
    "error.auth_key_invalid": (
        "認証キーが正しくありません。メールに記載の認証キーを確認してください。",
        "The authentication key is not correct. Check the key in the e-mail.",
    ),
    "error.auth_key_expired": (
        "認証キーの有効期限（50分）が切れました。はじめからやり直してください。",
        "The authentication key has expired (50 minutes). Please start again.",
    ),
    "error.auth_key_attempts_exhausted": (
        "認証キーを規定回数以上誤ったため無効になりました。はじめからやり直してください。",
        "The authentication key was entered wrongly too many times. Please start again.",
    ),
    "error.password_policy": (
        "パスワードが規則を満たしていません。各項目のメッセージを確認してください。",
        "The password does not meet the rules. Check the message under each field.",
    ),
    "error.session_expired": (
        "ログインの有効期限が切れました。もう一度ログインしてください。",
        "Your session has expired. Please log in again.",
    ),
    "error.not_authenticated": (
        "ログインしていません。ログインしてください。",
        "You are not logged in. Please log in.",
    ),
    "error.not_found": (
        "お探しの情報は見つかりませんでした。",
        "The requested information was not found.",
    ),
    "error.rate_limited": (
        "操作が多すぎます。{seconds} 秒ほど待ってからもう一度お試しください。",
        "Too many requests. Wait about {seconds} seconds and try again.",
    ),
    "error.registration_invalid": (
        "求職登録が無効のため、この機能は使えません。「求職者情報・設定」で有効に切り替えてください。",
        "Your registration is invalid, so this is unavailable. "
        "Switch it to valid in “Profile and settings”.",
    ),
    "error.limit_reached": (
        "登録できる上限（{limit}件）に達しています。不要なものを削除してください。",
        "You have reached the limit ({limit}). Delete some entries first.",
    ),
    "error.conflict": (
        "他の操作と重なりました。画面を読み込み直してからもう一度お試しください。",
        "This clashed with another change. Reload and try again.",
    ),
    "error.mail_not_sent": (
        "メールを送信できませんでした。しばらくしてからもう一度お試しください。",
        "The mail could not be sent. Please try again in a while.",
    ),
    "error.internal_error": (
        "サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。",
        "The server had an error. Please try again shortly.",
    ),
    "error.database_unavailable": (
        "データベースに接続できません。変更は保存されていません。しばらくしてからもう一度お試しください。",
        "The server cannot reach its database. Nothing was changed; please try again shortly.",
    ),
    "error.transport": (
        "サーバーに接続できませんでした。通信環境を確認してもう一度お試しください。",
        "Could not reach the server. Check the connection and try again.",
    ),
    "error.unknown": (
        "予期しないエラーが発生しました: {detail}",
        "An unexpected error occurred: {detail}",
    ),
    # ------------------------------------------------------------------ validation codes
    "validation.required": ("{field}を入力してください。", "Enter the {field}."),
    "problem.choose": ("{field}を選んでください。", "Choose the {field}."),
    "validation.email_too_long": (
        "{field}は{max}文字以内で入力してください。",
        "The {field} must be at most {max} characters.",
    ),
    "validation.email_not_halfwidth": (
        "{field}は半角英数字と記号で入力してください。",
        "Enter the {field} in half-width letters, digits and symbols.",
    ),
    "validation.email_invalid": (
        "{field}の形式が正しくありません。name@example.jp の形で入力してください。",
        "The {field} is not a valid address. Use the form name@example.jp.",
    ),
    "validation.email_mismatch": (
        "{field}が一致しません。同じメールアドレスを入力してください。",
        "The {field} entries do not match. Enter the same address twice.",
    ),
    "validation.password_forbidden_char": (
        "{field}に使えない文字が含まれています（{chars}）。"
        "半角英数字と次の記号だけが使えます: {symbols}",
        "The {field} contains characters that are not allowed ({chars}). "
        "Use half-width letters, digits and these symbols only: {symbols}",
    ),
    "validation.password_too_short": (
        "{field}は{min}文字以上にしてください。",
        "The {field} must be at least {min} characters.",
    ),
    "validation.password_too_long": (
        "{field}は{max}文字以内にしてください。",
        "The {field} must be at most {max} characters.",
    ),
    "validation.password_missing_digit": (
        "{field}に半角数字を1文字以上含めてください。",
        "The {field} needs at least one half-width digit.",
    ),
    "validation.password_missing_letter": (
        "{field}に半角英字を1文字以上含めてください。",
        "The {field} needs at least one half-width letter.",
    ),
    "validation.password_missing_symbol": (
        "{field}に記号を1文字以上含めてください。使える記号: {symbols}",
        "The {field} needs at least one symbol. Allowed symbols: {symbols}",
    ),
    "validation.password_common": (
        "{field}はよく使われていて推測されやすいため使えません。別のものにしてください。",
        "The {field} is too common and easy to guess. Choose another one.",
    ),
    "validation.password_mismatch": (
        "{field}が一致しません。同じパスワードを2回入力してください。",
        "The {field} does not match. Enter the same password twice.",
    ),
    "validation.seeker_number_format": (
        "{field}は「半角数字5桁-8桁以内」（例: 70000-99999999）で入力してください。",
        "Enter the {field} as 5 digits, a hyphen and up to 8 digits (e.g. 70000-99999999).",
    ),
    "validation.otp_format": (
        "{field}はメールに記載の6桁の半角数字で入力してください。",
        "Enter the {field} as the 6 digits from the e-mail.",
    ),
    "validation.auth_key_too_long": (
        "{field}は{max}文字以内です。メールに記載のとおりに入力してください。",
        "The {field} is at most {max} characters. Enter it exactly as in the e-mail.",
    ),
    "validation.invalid": (
        "{field}の内容を確認してください。",
        "Check the {field}.",
    ),
}


_domains_merged = False


def _merge_domain_catalogues() -> None:
    """Add the per-domain catalogues (strings/catalogue/*); a key defined twice is a bug.

    Done on the first key the core catalogue lacks, not at import: the login screen needs
    none of them, and start-up is what every user waits for."""
    global _domains_merged
    if _domains_merged:
        return
    from strings.catalogue import access, activity, kiosk, profile, search, textual_keys

    for module in (search, profile, activity, kiosk, access, textual_keys):
        clash = CATALOGUE.keys() & module.STRINGS.keys()
        if clash:
            raise RuntimeError(f"i18n keys defined twice: {sorted(clash)}")
        CATALOGUE.update(module.STRINGS)
    _domains_merged = True


def _lookup_domains(key: str) -> tuple[str, str] | None:
    if _domains_merged:
        return None
    _merge_domain_catalogues()
    return CATALOGUE.get(key)

"""Strings of applying, referrals, 求職活動状況 and messages (issue 10): key → (ja, en)."""

from __future__ import annotations

from typing import Final

_ERRORS: Final[dict[str, tuple[str, str]]] = {
    "error.posting_closed": (
        "この求人は紹介期限を過ぎたか取り消されたため、応募できません。",
        "This posting has expired or was withdrawn, so you cannot apply.",
    ),
    "error.self_application_not_accepted": (
        "この求人はオンライン自主応募を受け付けていません。"
        "応募するにはハローワークで紹介を受けてください。",
        "This posting does not accept online self-applications. "
        "Ask a Hello Work office for a referral.",
    ),
    "error.self_application_restricted": (
        "面接の不参加が3か月で5件以上あったため、オンライン自主応募が制限されています。"
        "解除するにはハローワークの窓口へお越しください。",
        "Online self-application is restricted after 5 or more interview no-shows within "
        "3 months. Visit a Hello Work office to lift the restriction.",
    ),
    "error.referral_deadline_passed": (
        "この紹介の応募期限（{deadline}）を過ぎています。",
        "The deadline of this referral ({deadline}) has passed.",
    ),
    "error.already_applied": (
        "この求人にはすでに応募しています。「求職活動状況」で確認できます。",
        "You have already applied to this posting. See “Applications”.",
    ),
    "error.online_only_account": (
        "インターネットで登録した方（ハローワークでの求職登録がない方）は、"
        "オンラインハローワーク紹介を利用できません。ハローワークの窓口でご相談ください。",
        "Online Hello Work referrals need a registration at a Hello Work office; accounts "
        "registered online only do not have them. Ask at an office.",
    ),
    "error.not_withdrawable": (
        "辞退できるのは「応募中」の応募だけです。選考が始まった応募は事業所へ直接ご連絡ください。",
        "Only an application still waiting (applied) can be withdrawn. Once the selection "
        "has begun, contact the employer.",
    ),
    "error.idempotency_key_reused": (
        "送信内容が前回の送信と一致しません。もう一度送信してください。",
        "This did not match the earlier submission. Please send it again.",
    ),
    "error.registration_required": (
        "求職登録がまだ完了していません。「求職者情報・設定」から求職申込みを完了してください。",
        "Your job-seeker registration is not complete yet. Complete it under "
        "“Profile and settings”.",
    ),
}

_VALIDATION: Final[dict[str, tuple[str, str]]] = {
    "validation.text_too_long": (
        "{field}は{max}文字以内で入力してください（現在{length}文字）。",
        "The {field} must be at most {max} characters (now {length}).",
    ),
    "validation.control_characters": (
        "{field}に使えない制御文字が含まれています（{chars}）。削除してください。",
        "The {field} contains control characters that are not allowed ({chars}). Remove them.",
    ),
    "validation.cautions_not_acknowledged": (
        "{field}: 注意事項を読み、「確認しました」にチェックしてください。",
        "{field}: read the cautions and tick “I have read them”.",
    ),
}

# The screens: 求職活動状況, applying, referrals, request postings, messages, Home's sections.
_SCREENS: Final[dict[str, tuple[str, str]]] = {
    # states, methods, marks
    "apps.state_mark": ("【{state}】", "[{state}]"),
    "apps.state.applied": ("応募中", "applied"),
    "apps.state.screening": ("選考中", "in selection"),
    "apps.state.hired": ("採用", "hired"),
    "apps.state.rejected": ("不採用", "not hired"),
    "apps.state.declined": ("辞退", "withdrawn"),
    "apps.state.no_show": ("不参加", "did not attend"),
    "apps.method.self": ("オンライン自主応募", "online self-application"),
    "apps.method.referral": ("ハローワーク紹介", "Hello Work referral"),
    "apps.referral_state.open": ("応募できます", "open"),
    "apps.referral_state.applied": ("応募済み", "applied"),
    "apps.referral_state.deadline_passed": ("応募期限切れ", "deadline passed"),
    "apps.referral_state.posting_closed": ("募集終了", "posting closed"),
    "apps.posting": (
        "{title} — {company}（求人番号 {number}）",
        "{title} — {company} (job {number})",
    ),
    "apps.job_number": ("求人番号 {number}", "Job number {number}"),
    "apps.posting_closed_mark": ("【{status}】", "[{status}]"),
    "apps.unread_mark": ("●未読{count}件", "● {count} unread"),
    "apps.unread_one": ("●未読", "● unread"),
    "apps.unread_notice": ("●未読", "● unread"),
    "apps.read_mark": ("　既読", "  read"),
    "apps.applied_on": ("応募日 {date}", "applied {date}"),
    "apps.updated_on": ("更新日 {date}", "updated {date}"),
    "apps.result_on": ("結果 {date}", "result {date}"),
    "apps.referral_detail": (
        "応募期限 {deadline}まで　送付日 {sent}　{office}",
        "apply by {deadline}   sent {sent}   {office}",
    ),
    "apps.request_applied": ("【応募済み】", "[applied]"),
    "apps.requested_on": ("リクエスト日 {date}", "requested {date}"),
    # 求職活動状況
    "apps.title": ("求職活動状況", "Job-hunting status"),
    "apps.hint": (
        "Enter: 詳細　M: メッセージ　W: 辞退（応募中のみ）　L: 紹介状　J: 求人票　"
        "R: オンラインハローワーク紹介　Q: リクエスト求人",
        "Enter: details   M: messages   W: withdraw (while applied)   L: referral letter   "
        "J: job sheet   R: Hello Work referrals   Q: request postings",
    ),
    "apps.count": (
        "応募 {count}件（うち選考中・応募中 {selecting}件）",
        "Applications: {count} ({selecting} in selection)",
    ),
    "apps.none": (
        "まだ応募していません。求人票の「A: オンライン自主応募」か、"
        "オンラインハローワーク紹介（R）から応募できます。",
        "No applications yet. Apply from a job sheet (A: apply online) or from a Hello Work "
        "referral (R).",
    ),
    "apps.loading": ("応募状況を読み込んでいます…", "Loading your applications…"),
    "apps.load_failed": (
        "応募状況を読み込めませんでした: {reason}",
        "Could not load your applications: {reason}",
    ),
    "apps.detail_title": ("応募の詳細", "Application"),
    "apps.d.posting": ("求人　　　: {value}", "Posting   : {value}"),
    "apps.d.method": ("応募方法　: {value}", "Method    : {value}"),
    "apps.d.state": ("選考状況　: {value}", "State     : {value}"),
    "apps.d.applied": ("応募日時　: {value}", "Applied   : {value}"),
    "apps.d.updated": ("更新日時　: {value}", "Updated   : {value}"),
    "apps.d.result": ("結果日時　: {value}", "Result    : {value}"),
    "apps.d.deadline": ("紹介の応募期限: {value}", "Referral deadline: {value}"),
    "apps.d.withdrawable": (
        "この応募は「応募中」のため、W キーで辞退できます。",
        "This application is still waiting, so W withdraws it.",
    ),
    "apps.d.unread": (
        "事業所からのメッセージ: {mark}（M キーで読む）",
        "Messages from the employer: {mark} (M reads them)",
    ),
    "apps.withdraw_confirm": (
        "「{title}」への応募を辞退します。辞退すると元に戻せません。よろしいですか？",
        "Withdraw your application to “{title}”? This cannot be undone.",
    ),
    "apps.withdrawing": ("辞退しています…", "Withdrawing…"),
    "apps.withdrawn": (
        "「{title}」への応募を辞退しました。",
        "Your application to “{title}” was withdrawn.",
    ),
    "apps.withdraw_failed": ("辞退できませんでした: {reason}", "Could not withdraw: {reason}"),
    "apps.key.withdraw": ("辞退", "Withdraw"),
    "apps.key.thread": ("メッセージ", "Messages"),
    "apps.key.letter": ("紹介状", "Referral letter"),
    "apps.key.sheet": ("求人票", "Job sheet"),
    "apps.key.referrals": ("紹介求人", "Referrals"),
    "apps.key.requests": ("リクエスト求人", "Requests"),
    "apps.key.apply": ("応募する", "Apply"),
    "confirm.title": ("確認", "Please confirm"),
    # applying
    "apply.title_self": ("オンライン自主応募", "Apply online (self-application)"),
    "apply.title_referral": (
        "オンラインハローワーク紹介の求人に応募",
        "Apply to a Hello Work referral",
    ),
    "apply.motivation": ("志望動機", "Motivation"),
    "apply.cautions_title": (
        "オンライン自主応募についての注意事項（必ずお読みください）",
        "Before you apply online (please read)",
    ),
    "apply.acknowledge": ("上記の注意事項を確認しました", "I have read the cautions above"),
    "apply.accepts.yes": ("オンライン自主応募の受付: 可", "Online self-application: accepted"),
    "apply.accepts.no": (
        "オンライン自主応募の受付: 不可（応募するにはハローワークで紹介を受けてください）",
        "Online self-application: not accepted (ask a Hello Work office for a referral)",
    ),
    "apply.company_hidden": ("事業所名は公開していません", "employer name not published"),
    "apply.referral_deadline": (
        "応募期限: {deadline}まで（紹介元: {office}）",
        "Apply by {deadline} (referred by {office})",
    ),
    "apply.already": (
        "この求人にはすでに応募しています（求職活動状況で確認できます）。",
        "You have already applied to this posting (see Job-hunting status).",
    ),
    "apply.must_acknowledge": (
        "注意事項を読み、「上記の注意事項を確認しました」にチェック（Space）"
        "してから応募してください。",
        "Read the cautions and tick “I have read the cautions above” (Space) before applying.",
    ),
    "apply.fix_first": (
        "志望動機を直してから応募してください（入力は残っています）。",
        "Fix the motivation first (what you typed is kept).",
    ),
    "apply.draft_note": (
        "入力中の志望動機は下書きとしてこの端末に保存され、"
        "送信できた時点で削除されます。Ctrl+S で応募します。",
        "What you type is kept as a draft on this computer until it is sent, then deleted. "
        "Ctrl+S applies.",
    ),
    "apply.draft_note_kiosk": (
        "共用端末のため、下書きはファイルに保存せずメモリーにだけ保持し、"
        "ログアウトで消去します。Ctrl+S で応募します。",
        "On this shared terminal the draft is kept only in memory and erased at logout. "
        "Ctrl+S applies.",
    ),
    "apply.loading": ("求人を確認しています…", "Checking the posting…"),
    "apply.load_failed": (
        "求人を確認できませんでした: {reason}",
        "Could not check the posting: {reason}",
    ),
    "apply.sending": ("応募しています…", "Applying…"),
    "apply.failed": (
        "応募できませんでした: {reason}（入力は残っています）",
        "Not applied: {reason} (what you typed is kept)",
    ),
    "apply.done_title": ("応募しました", "Applied"),
    "apply.done": (
        "「{title}」に応募しました。求職活動状況（Alt+3）で確認できます。",
        "You applied to “{title}”. See Job-hunting status (Alt+3).",
    ),
    "apply.key.send": ("応募する", "Apply"),
    "sheet.key.apply": ("オンライン自主応募", "Apply online"),
    # referrals
    "ref.title": ("オンラインハローワーク紹介", "Online Hello Work referrals"),
    "ref.hint": (
        "ハローワークがあなたに紹介した求人です。応募期限（通常1週間程度）までに応募できます。"
        "Enter/A: 応募　L: 紹介状（応募後）　J: 求人票",
        "Postings Hello Work referred to you; apply by the deadline (usually about a week). "
        "Enter/A: apply   L: referral letter (after applying)   J: job sheet",
    ),
    "ref.count": (
        "紹介求人 {count}件（応募できるもの {open}件）",
        "Referrals: {count} ({open} open)",
    ),
    "ref.none": (
        "ハローワークからの紹介求人はまだありません。",
        "No referrals from Hello Work yet.",
    ),
    "ref.loading": ("紹介求人を読み込んでいます…", "Loading referrals…"),
    "ref.load_failed": (
        "紹介求人を読み込めませんでした: {reason}",
        "Could not load referrals: {reason}",
    ),
    "ref.cannot_apply": (
        "この紹介には応募できません（{state}）。",
        "You cannot apply to this referral ({state}).",
    ),
    # request postings
    "req.title": ("リクエスト求人", "Request postings"),
    "req.hint": (
        "事業所があなたの求職情報を見て、応募を検討してほしいとリクエストした求人です。"
        "Enter/J: 求人票　A: オンライン自主応募",
        "Postings whose employers saw your profile and asked you to consider them. "
        "Enter/J: job sheet   A: apply online",
    ),
    "req.count": ("リクエスト求人 {count}件", "Request postings: {count}"),
    "req.none": ("リクエスト求人はまだありません。", "No request postings yet."),
    "req.not_listed": (
        "求職公開状況が「非公開」のため、リクエスト求人は表示されません。"
        "「求職者情報・設定」で求職情報を公開すると表示されます。",
        "Your profile is not public, so request postings are not shown. Publish it under "
        "Profile and settings to see them.",
    ),
    "req.loading": ("リクエスト求人を読み込んでいます…", "Loading request postings…"),
    "req.load_failed": (
        "リクエスト求人を読み込めませんでした: {reason}",
        "Could not load request postings: {reason}",
    ),
    # 紹介状
    "letter.title": ("紹介状", "Referral letter"),
    "letter.hint": ("W: テキストファイルに保存　Esc: 戻る", "W: save as a text file   Esc: back"),
    "letter.hint_kiosk": (
        "共用端末のためファイルには保存できません。窓口で印刷を依頼してください。",
        "Files cannot be saved on a shared terminal; ask at the counter for a printout.",
    ),
    "letter.loading": ("紹介状を読み込んでいます…", "Loading the referral letter…"),
    "letter.failed": (
        "紹介状を読み込めませんでした: {reason}",
        "Could not load the referral letter: {reason}",
    ),
    "letter.saved": ("紹介状を保存しました: {path}", "Referral letter saved: {path}"),
    "letter.save_failed": ("保存できませんでした: {reason}", "Could not save: {reason}"),
    "letter.save_kiosk": (
        "共用端末ではファイルに保存できません。",
        "Files cannot be saved on a shared terminal.",
    ),
    "letter.key.save": ("ファイルに保存", "Save as text"),
    # messages
    "msg.title": ("メッセージ", "Messages"),
    "msg.hint": (
        "応募した事業所とのやりとりと、ハローワークからのお知らせです。Enter: 読む・返信する",
        "Conversations with the employers you applied to, and notices from Hello Work. "
        "Enter: read and reply",
    ),
    "msg.count": (
        "事業所 {threads}件・ハローワーク {notices}件（未読 {unread}件）",
        "Employer threads: {threads}, Hello Work notices: {notices} ({unread} unread)",
    ),
    "msg.none": (
        "メッセージはまだありません。応募すると、応募先の事業所とやりとりできます。",
        "No messages yet. Once you apply, you can write with the employer here.",
    ),
    "msg.loading": ("メッセージを読み込んでいます…", "Loading messages…"),
    "msg.loading_thread": ("メッセージを読み込んでいます…", "Loading the messages…"),
    "msg.load_failed": (
        "メッセージを読み込めませんでした: {reason}",
        "Could not load messages: {reason}",
    ),
    "msg.sender.employer": ("事業所", "Employer"),
    "msg.sender.seeker": ("あなた", "You"),
    "msg.last": ("最終 {time}（{who}）", "last {time} ({who})"),
    "msg.no_messages": ("まだメッセージはありません。", "No messages yet."),
    "msg.notice_from": ("ハローワークからのお知らせ: {subject}", "From Hello Work: {subject}"),
    "msg.notice_title": ("ハローワークからのお知らせ", "Notice from Hello Work"),
    "msg.notice_postings": (
        "対象の求人: {numbers}（J: 求人票）",
        "Postings: {numbers} (J: job sheets)",
    ),
    "msg.thread_title": ("事業所とのメッセージ", "Messages with the employer"),
    "msg.reply": ("返信", "Reply"),
    "msg.draft_note": (
        "入力中の返信は下書きとしてこの端末に保存され、"
        "送信できた時点で削除されます。Ctrl+S で送信します。",
        "Your reply is kept as a draft on this computer until it is sent, then deleted. "
        "Ctrl+S sends.",
    ),
    "msg.draft_note_kiosk": (
        "共用端末のため、下書きはファイルに保存せずメモリーにだけ保持し、"
        "ログアウトで消去します。Ctrl+S で送信します。",
        "On this shared terminal the draft is kept only in memory and erased at logout. "
        "Ctrl+S sends.",
    ),
    "msg.sending": ("送信しています…", "Sending…"),
    "msg.sent": ("送信しました。", "Sent."),
    "msg.send_failed": (
        "送信できませんでした: {reason}（入力は残っています）",
        "Not sent: {reason} (what you typed is kept)",
    ),
    "msg.earlier_sent": (
        "編集前の内容がすでに送信されていました（一覧に表示されています）"
        "。編集した内容は下書きに残っています。",
        "An earlier version had already been sent (shown above); your edited text is kept "
        "as a draft.",
    ),
    "msg.key.send": ("送信", "Send"),
    "msg.key.application": ("応募の詳細", "Application"),
    "msg.key.sheets": ("求人票", "Job sheets"),
    # the text editor
    "editor.limit": ("（{max}文字以内）", "(at most {max} characters)"),
    "editor.count": ("{length} / {max}文字", "{length} / {max} characters"),
    "editor.count_over": (
        "✖ {length} / {max}文字 — {max}文字を超えています",
        "✖ {length} / {max} characters — over the limit",
    ),
    "field.motivation": ("志望動機", "motivation"),
    "field.body": ("メッセージ", "message"),
    "field.cautions_acknowledged": ("注意事項の確認", "acknowledgement of the cautions"),
    # Home
    "home.activity_title": ("応募・紹介・メッセージ", "Applications, referrals and messages"),
    "home.open_messages": ("メッセージを読む（新着 {count}件）", "Read messages ({count} new)"),
    "home.in_selection": (
        "応募中・選考中の求人（{count}件）",
        "Applications in selection ({count})",
    ),
    "home.all_applications": ("求職活動状況をすべて見る", "All applications"),
    "home.requests": ("リクエスト求人（{count}件）", "Request postings ({count})"),
    "home.requests_hidden": (
        "リクエスト求人: 求職公開状況が「非公開」のため表示されません",
        "Request postings: not shown while your profile is not public",
    ),
    "home.all_requests": ("リクエスト求人をすべて見る", "All request postings"),
    "home.referrals": (
        "オンラインハローワーク紹介（応募できるもの {count}件）",
        "Hello Work referrals ({count} open)",
    ),
    "home.referrals_none_title": ("オンラインハローワーク紹介", "Online Hello Work referrals"),
    "home.referrals_unavailable.online_only_account": (
        "インターネットで登録した方（ハローワークでの求職登録がない方）はご利用いただけません。",
        "Not available to accounts registered online only (without a registration at a Hello "
        "Work office).",
    ),
    "home.referrals_unavailable.registration_invalid": (
        "求職登録が無効のため、ご利用いただけません。",
        "Not available while your registration is invalid.",
    ),
    "home.referral_deadline": ("応募期限 {date}まで", "apply by {date}"),
    "home.all_referrals": ("紹介求人をすべて見る", "All referrals"),
    "home.activity_failed": (
        "応募・紹介の情報を読み込めませんでした: {reason}",
        "Could not load applications and referrals: {reason}",
    ),
}

STRINGS: Final[dict[str, tuple[str, str]]] = {**_ERRORS, **_VALIDATION, **_SCREENS}

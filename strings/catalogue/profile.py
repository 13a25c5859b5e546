"""Strings of the opening, registration, profile and settings screens: key → (ja, en).

The texts of the registration validation codes come from api_client.field_messages (a plain
table shared with the server, so both say the same) as `regv.<code>`.
"""

from __future__ import annotations

from typing import Final

from api_client.field_messages import REGISTRATION_FIELD_MESSAGES

_STRINGS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ keys
    "key.reg.prev": ("前のステップ", "Previous step"),
    "key.reg.next": ("次のステップ", "Next step"),
    "key.reg.save": ("一時保存", "Save step"),
    "key.reg.complete": ("登録を完了", "Complete"),
    "key.reg.home": ("ホームへ", "Home"),
    "key.send_key": ("認証キーを送信", "Send key"),
    "key.submit": ("決定", "Submit"),
    "key.save": ("保存", "Save"),
    "key.edit_section": ("項目を変更", "Change section"),
    "key.settings": ("設定", "Settings"),
    "key.register": ("求職申込み", "Register"),
    "key.set.registration": ("有効/無効", "Valid/invalid"),
    "key.set.email": ("メール変更", "Change e-mail"),
    "key.set.password": ("パスワード変更", "Change password"),
    "key.set.devices": ("OTP省略を解除", "Resume OTP"),
    "key.set.delivery": ("特集求人配信", "Featured postings"),
    "key.set.withdraw": ("退会", "Withdraw"),
    "key.yes": ("はい", "Yes"),
    "key.no": ("いいえ", "No"),
    "date.year": ("年", "year"),
    "date.month": ("月", "month"),
    "date.day": ("日", "day"),
    # ------------------------------------------------------------------ login entry points
    # ------------------------------------------------------------------ opening
    "open.title_code": (
        "求職者マイページ開設（アカウント作成コードをお持ちの方）",
        "Open a job-seeker MyPage (with an account creation code)",
    ),
    "open.title_online": (
        "求職者マイページ開設（オンラインで求職申込み）",
        "Open a job-seeker MyPage (apply online)",
    ),
    "open.intro_code": (
        "ハローワークの窓口で受け取ったアカウント作成コードでマイページを開設します。"
        "プライバシーポリシーと利用規約を最後まで読み、同意してください。",
        "Open your MyPage with the account creation code from the Hello Work counter. "
        "Read the privacy policy and the terms to the end and agree to them.",
    ),
    "open.intro_online": (
        "ハローワークに行かずにマイページを開設し、続けて求職情報を登録します。"
        "プライバシーポリシーと利用規約を最後まで読み、同意してください。",
        "Open a MyPage without visiting an office, then register as a job seeker. "
        "Read the privacy policy and the terms to the end and agree to them.",
    ),
    "open.doc_hint": (
        "↑↓・PageUp/PageDown・Home/End で読めます。最後まで表示すると「同意します」を選べます。",
        "Scroll with ↑↓, PageUp/PageDown, Home/End. Once the end is shown you can agree.",
    ),
    "open.doc_loading": ("読み込み中…", "Loading…"),
    "open.doc_failed": (
        "文書を読み込めませんでした: {reason} F5 で再読み込みできます。",
        "The document could not be loaded: {reason} Press F5 to retry.",
    ),
    "open.agree_privacy": ("プライバシーポリシーに同意します", "I agree to the privacy policy"),
    "open.agree_terms": ("利用規約に同意します", "I agree to the terms of use"),
    "open.agree_locked": (
        "（文書を最後まで表示すると選べます）",
        "(available once the document has been shown to the end)",
    ),
    "open.email_hint": (
        "半角100文字以内。全角の＠や数字は半角に直します。",
        "Half-width, at most 100 characters. Full-width ＠ and digits are converted.",
    ),
    "field.email_confirm": ("ID（メールアドレス）確認用", "ID (e-mail address) again"),
    "field.birth_date": ("生年月日（西暦）", "Date of birth (Gregorian)"),
    "field.creation_code": ("アカウント作成コード", "Account creation code"),
    "field.password_confirm": ("パスワード（確認用）", "Password (again)"),
    "field.current_password": ("現在のパスワード", "Current password"),
    "field.new_email": ("新しいメールアドレス", "New e-mail address"),
    "field.new_email_confirm": ("新しいメールアドレス（確認用）", "New e-mail address (again)"),
    "field.agreed_privacy": ("プライバシーポリシーへの同意", "Agreement to the privacy policy"),
    "field.agreed_terms": ("利用規約への同意", "Agreement to the terms"),
    "field.confirm": ("退会の確認", "Confirmation"),
    "open.code_hint": (
        "半角英数字10文字以内（窓口で受け取った書面のとおり）。",
        "At most 10 half-width letters and digits, as on the paper from the counter.",
    ),
    "open.seeker_number_hint": ("例: 70000-99999999", "e.g. 70000-99999999"),
    "open.send": ("認証キーを送信 (Ctrl+S)", "Send the key (Ctrl+S)"),
    "open.sending": ("送信しています…", "Sending…"),
    "open.must_read": (
        "プライバシーポリシーと利用規約を最後まで表示し、両方に同意してください。",
        "Show both documents to the end and agree to both.",
    ),
    "open.check_fields": (
        "入力内容を確認してください（各欄の下に理由があります）。",
        "Check your input (each field says what is wrong).",
    ),
    "open.normalised": (
        "「{before}」を「{after}」に直しました。",
        "Changed “{before}” to “{after}”.",
    ),
    "open.confirm_title": ("パスワード登録", "Set your password"),
    "open.confirm_intro": (
        "{email} に認証キーを送りました（有効期限 {until}、50分）。"
        "パスワードを2回と、メールに書かれた認証キーを入力してください。"
        "メールが届かないときは、アドレスの誤りや受信拒否設定を確認し、前の画面からもう一度送信してください"
        "（新しい認証キーを送ると古いものは使えなくなります）。",
        "We sent an authentication key to {email} (valid until {until}, 50 minutes). "
        "Enter a password twice and the key from the e-mail. If no mail arrives, check the "
        "address and your mail filters, and send again from the previous screen (a new key "
        "replaces the old one).",
    ),
    "open.password_rule": (
        "8〜32文字。半角の英字・数字・記号をそれぞれ1文字以上（使える記号: {symbols}）。",
        "8–32 characters with at least one half-width letter, digit and symbol "
        "(allowed symbols: {symbols}).",
    ),
    "open.password_missing": ("まだ足りないもの: {missing}", "Still missing: {missing}"),
    "open.password_ok": ("パスワードのルールを満たしています。", "The password meets the rules."),
    "open.need.length": ("8文字以上", "8 characters or more"),
    "open.need.digit": ("数字", "a digit"),
    "open.need.letter": ("英字", "a letter"),
    "open.need.symbol": ("記号", "a symbol"),
    "open.finish": ("登録 (Enter)", "Register (Enter)"),
    "open.finishing": ("登録しています…", "Registering…"),
    "open.restart": (
        "前の画面（Esc）から認証キーをもう一度送信してください。",
        "Send a new key from the previous screen (Esc).",
    ),
    "open.done": ("マイページを開設しました。", "Your MyPage is open."),
    "reason.creation_code": (
        "アカウント作成コード・求職番号・生年月日のいずれかが一致しません。窓口で受け取った書面のとおりか"
        "確認してください（あと{remaining}回試せます）。",
        "The account creation code, job-seeker number or birth date does not match. Check "
        "them against the paper from the counter ({remaining} tries left).",
    ),
    "reason.reregistration_period_over": (
        "退会から{days}日を過ぎたため、このアカウントは再登録できません。"
        "「MyPageを開設」（F2/F3）から新しく開設してください。",
        "More than {days} days have passed since you withdrew, so this account cannot be "
        "re-registered. Open a new MyPage instead (F2/F3).",
    ),
    "reason.retry": (
        "同時に同じ手続きが行われました。もう一度お試しください。",
        "The same request arrived twice at once. Please try again.",
    ),
    # ------------------------------------------------------------------ wizard
    "reg.title": ("求職情報の登録", "Job-seeker registration"),
    "reg.loading": ("登録内容を読み込んでいます…", "Loading your registration…"),
    "reg.load_failed": (
        "サーバーから読み込めませんでした: {reason} この端末に保存された入力内容で続けられます。",
        "Could not load from the server: {reason} You can go on with what this device kept.",
    ),
    "reg.already_registered": (
        "求職登録は完了しています。変更は「求職者情報」から行ってください（Esc で戻る）。",
        "Your registration is complete. Change it under “Profile” (Esc to go back).",
    ),
    "reg.draft_restored": (
        "前回の入力内容を復元しました。",
        "Restored what you typed last time.",
    ),
    "reg.next": ("保存して次へ進む", "Save and go on"),
    "reg.complete": ("登録を完了する", "Complete the registration"),
    "reg.saving": ("ステップ{step}を保存しています…", "Saving step {step}…"),
    "reg.step_saved": ("ステップ{step}を保存しました。", "Step {step} saved."),
    "reg.step_has_errors": (
        "ステップ{step}に{count}件の入力エラーがあります。各欄の下の説明に従って直してください"
        "（入力内容は保存されています）。",
        "Step {step} has {count} problem(s). Fix them as each field says "
        "(what you typed is saved).",
    ),
    "reg.save_failed": (
        "ステップ{step}をサーバーに保存できませんでした: {reason} "
        "入力内容はこの端末に保存されています。"
        "Ctrl+S でもう一度保存できます。",
        "Step {step} could not be saved on the server: {reason} What you typed is kept on this "
        "device. Press Ctrl+S to try again.",
    ),
    "reg.completing": ("登録しています…", "Registering…"),
    "reg.complete_failed": (
        "登録できませんでした: {reason} 入力内容は保存されています。Ctrl+F でもう一度試せます。",
        "The registration failed: {reason} What you typed is kept. Press Ctrl+F to try again.",
    ),
    "reg.complete_errors": (
        "{count}件の入力エラーがあります（ステップ: {steps}）。",
        "{count} problem(s) to fix (steps: {steps}).",
    ),
    "reg.first_error": ("最初のエラー: {text}", "First: {text}"),
    "reg.done_title": ("求職登録が完了しました", "Your registration is complete"),
    "reg.done_body": (
        "求職番号は次のとおりです。ホーム画面にも2次元コードと一緒に表示されます。メモしておいてください。"
        "利用安定所: {office}",
        "Your job-seeker number is below; Home shows it with its QR code. Please note it down. "
        "Your Hello Work office: {office}",
    ),
    "reg.to_home": ("ホームへ (Enter)", "Go Home (Enter)"),
    "reg.where": ("{step} {name} ", "Step {step} {name}: "),
    "reg.item": ("{n}件目の", "entry {n} "),
    "reg.problem": ("{where}{label}は{message}", "{where}{label}: {message}"),
    "reg.normalised": (
        "「{before}」を「{after}」に直しました。",
        "Changed “{before}” to “{after}”.",
    ),
    "reg.address_found": (
        "住所: {prefecture}{municipality}{town}　利用安定所: {office}",
        "Address: {prefecture} {municipality} {town} — your office: {office}",
    ),
    "reg.step.1": ("基本情報", "Basic information"),
    "reg.step.2": ("求職情報提供", "Sharing and contact"),
    "reg.step.3": ("希望職種・時間", "Desired job and hours"),
    "reg.step.4": ("希望勤務地・賃金", "Desired place and wage"),
    "reg.step.5": ("学歴・資格", "Education and licences"),
    "reg.step.6": ("経歴", "Career"),
    "reg.step.7": ("自己PR", "Self-introduction"),
    "reg.intro.1": (
        "氏名・生年月日・性別・住所・電話番号を入力してください。郵便番号を入れると住所の都道府県・市区町村と利用安定所が決まります。",
        "Name, birth date, gender, address and phone. The postal code gives the prefecture, "
        "municipality and your Hello Work office.",
    ),
    "reg.intro.2": (
        "求職情報の公開と、ハローワークからの連絡について選んでください。",
        "Choose whether your information is shared and how Hello Work may contact you.",
    ),
    "reg.intro.3": (
        "希望する働き方を選んでください。決まっていない項目は「検討中」「希望なし」を選べます。",
        "Your desired work. Undecided items can be “undecided” or “none”.",
    ),
    "reg.intro.4": ("入力は任意です。", "Everything here is optional."),
    "reg.intro.5": (
        "最終学歴と区分を選んでください。資格・免許は任意です。",
        "Choose your last education and its status. Licences are optional.",
    ),
    "reg.intro.6": (
        "直近の仕事から入力してください。職歴がない場合は「職歴なし」を選びます。",
        "Most recent first. With no work history, tick “no career”.",
    ),
    "reg.intro.7": ("入力は任意です。", "Optional."),
    "reg.row.careers": ("経歴 {n}件目", "Career entry {n}"),
    "reg.row.licences": ("資格・免許 {n}件目", "Licence {n}"),
    # field names ({n}: slot number where a field repeats)
    "reg.f.family_name": ("氏名（姓）", "family name"),
    "reg.f.given_name": ("氏名（名）", "given name"),
    "reg.f.family_name_kana": ("フリガナ（姓）", "family name reading"),
    "reg.f.given_name_kana": ("フリガナ（名）", "given name reading"),
    "reg.f.birth_date": ("生年月日", "date of birth"),
    "reg.f.gender": ("性別", "gender"),
    "reg.f.postal_code": ("郵便番号", "postal code"),
    "reg.f.address": ("住所（市区町村より後）", "address (after the municipality)"),
    "reg.f.phone_fixed": ("固定電話", "fixed-line phone"),
    "reg.f.phone_mobile": ("携帯電話", "mobile phone"),
    "reg.f.publish": ("求職情報の公開", "publishing your information"),
    "reg.f.share_with_local_government": (
        "地方自治体・地方版ハローワークへの提供可",
        "share with local governments",
    ),
    "reg.f.share_with_private_agencies": (
        "民間人材ビジネスへの提供可",
        "share with private agencies",
    ),
    "reg.f.contact_allowed": (
        "マイページ以外のハローワークからの連絡",
        "contact from Hello Work outside MyPage",
    ),
    "reg.f.contact_means": ("連絡手段", "contact means"),
    "reg.f.work_style": ("就業形態", "work style"),
    "reg.f.employment_period": ("雇用期間", "employment period"),
    "reg.f.occupations": ("希望職種{n}", "desired occupation {n}"),
    "reg.f.occupations_undecided": ("希望する仕事は検討中", "desired job undecided"),
    "reg.f.hours_from": ("勤務時間（開始）", "working hours from"),
    "reg.f.hours_to": ("勤務時間（終了）", "working hours to"),
    "reg.f.hours_none": ("勤務時間の希望なし", "no preference for hours"),
    "reg.f.days_off": ("希望する休日", "desired days off"),
    "reg.f.days_off_none": ("休日の希望なし", "no preference for days off"),
    "reg.f.features": ("特集求人の分野", "featured categories"),
    "reg.f.prefectures": ("希望勤務地 都道府県{n}", "desired prefecture {n}"),
    "reg.f.municipalities": ("希望勤務地 市区町村{n}", "desired municipality {n}"),
    "reg.f.wage_kind": ("賃金の種類", "wage kind"),
    "reg.f.minimum_wage": ("希望賃金（下限・円）", "minimum wage (yen)"),
    "reg.f.last_education": ("最終学歴", "last education"),
    "reg.f.status": ("区分", "status"),
    "reg.f.school_name": ("学校名", "school name"),
    "reg.f.licences": ("資格・免許", "licences"),
    "reg.f.name": ("資格・免許の名称", "licence name"),
    "reg.f.acquired": ("取得年月", "acquired"),
    "reg.f.careers": ("経歴", "career"),
    "reg.f.no_career": ("職歴なし", "no career"),
    "reg.f.work_form": ("就業形態", "work form"),
    "reg.f.employment_type": ("雇用形態", "employment type"),
    "reg.f.job_content": ("仕事内容", "job content"),
    "reg.f.start": ("在籍期間（開始年月）", "from (year-month)"),
    "reg.f.end": ("在籍期間（最終年月）", "to (year-month)"),
    "reg.f.leaving_reason": ("退職（予定）理由", "reason for leaving"),
    "reg.f.self_pr": ("自己PR", "self-introduction"),
    "reg.hint.family_name": ("全角", "full-width"),
    "reg.hint.given_name": ("全角", "full-width"),
    "reg.hint.family_name_kana": (
        "カタカナ（ひらがなは直します）",
        "katakana (hiragana is converted)",
    ),
    "reg.hint.given_name_kana": (
        "カタカナ（ひらがなは直します）",
        "katakana (hiragana is converted)",
    ),
    "reg.hint.birth_date": ("西暦で（例 1995年5月5日）", "Gregorian (e.g. 1995 5 5)"),
    "reg.hint.postal_code": ("例: 100-0001（全角・〒も可）", "e.g. 100-0001"),
    "reg.hint.address": (
        "町域・番地・建物名を全角100文字以内で（半角の数字・英字は全角に直します）",
        "Town, block and building, at most 100 full-width characters "
        "(half-width digits and letters become full-width)",
    ),
    "reg.hint.phone_fixed": ("例: 03-1234-5678", "e.g. 03-1234-5678"),
    "reg.hint.phone_mobile": (
        "例: 090-1234-5678（固定電話か携帯電話の一方は必須）",
        "e.g. 090-1234-5678 (a fixed or a mobile number is required)",
    ),
    "reg.hint.occupations": (
        "Enter で一覧から選びます（Delete で消します）。決まっていなければ「検討中」を選びます。",
        "Enter opens the list (Delete clears). Undecided: tick “undecided”.",
    ),
    "reg.hint.hours_from": ("例: 09:00", "e.g. 09:00"),
    "reg.hint.hours_to": ("例: 18:00", "e.g. 18:00"),
    "reg.hint.prefectures": (
        "Enter で一覧から選びます（Delete で消します）",
        "Enter opens the list (Delete clears)",
    ),
    "reg.hint.municipalities": (
        "Enter で都道府県、続けて市区町村を一覧から選びます",
        "Enter: choose the prefecture, then the municipality",
    ),
    "code.named": ("{name}（{code}）", "{name} ({code})"),
    "reg.code_empty": ("（未選択 — Enter で選ぶ）", "(none — Enter to choose)"),
    "reg.pick_detail": (
        "「{group}」の中から職種を1つ選んでください（グループ全体は選べません）。",
        "Choose one occupation in “{group}” (not the whole group).",
    ),
    "picker.hint": (
        "文字を入力すると名前かコードで絞り込みます。↑↓ で選び Enter で決定、Esc で閉じます。",
        "Type to narrow by name or code. ↑↓ and Enter to choose, Esc to close.",
    ),
    "picker.filter_code": ("絞り込み（名前かコード）", "Filter (name or code)"),
    "picker.prefecture": ("都道府県を選ぶ", "Choose a prefecture"),
    "picker.municipality": (
        "{prefecture}の市区町村を選ぶ",
        "Choose a municipality in {prefecture}",
    ),
    "picker.loading": ("一覧を読み込んでいます…", "Loading the list…"),
    "picker.failed": (
        "一覧を読み込めませんでした: {reason} もう一度 Enter を押してください。",
        "Could not load the list: {reason} Press Enter again.",
    ),
    "reg.hint.minimum_wage": ("半角数字（例 200000）", "digits (e.g. 200000)"),
    "reg.hint.employment_type": (
        "全角30文字以内（例 正社員、パート）。自営の場合は入力しません。",
        "At most 30 full-width characters (e.g. 正社員). Empty for self-employment.",
    ),
    "reg.hint.job_content": (
        "全角100文字以内（例 施設での介護）",
        "At most 100 full-width characters",
    ),
    "reg.hint.start": ("例: 2015-04", "e.g. 2015-04"),
    "reg.hint.end": ("例: 2020-03（在職中は空欄）", "e.g. 2020-03 (empty while employed)"),
    "reg.hint.acquired": ("例: 2018-06", "e.g. 2018-06"),
    "reg.hint.self_pr": ("全角500文字以内", "At most 500 full-width characters"),
    # option labels
    "reg.o.gender.male": ("男性", "male"),
    "reg.o.gender.female": ("女性", "female"),
    "reg.o.gender.unspecified": ("回答しない", "prefer not to say"),
    "reg.o.publish.true": ("求職情報を公開する", "publish"),
    "reg.o.publish.false": ("求職情報を公開しない", "do not publish"),
    "reg.o.contact_allowed.true": ("連絡可", "allowed"),
    "reg.o.contact_allowed.false": ("連絡不可", "not allowed"),
    "reg.o.contact_means.post": ("郵便", "post"),
    "reg.o.contact_means.fixed_phone": ("固定電話", "fixed-line phone"),
    "reg.o.contact_means.mobile_phone": ("携帯電話", "mobile phone"),
    "reg.o.contact_means.email": ("メール", "e-mail"),
    "reg.o.work_style.full_time": ("フルタイム", "full-time"),
    "reg.o.work_style.part_time": ("パート（1日8時間未満）", "part-time (under 8 hours a day)"),
    "reg.o.employment_period.indefinite": ("定めなし", "indefinite"),
    "reg.o.employment_period.four_months_or_more": ("4ヶ月以上", "4 months or more"),
    "reg.o.employment_period.under_four_months": ("4ヶ月未満", "under 4 months"),
    "reg.o.days_off.mon": ("月", "Mon"),
    "reg.o.days_off.tue": ("火", "Tue"),
    "reg.o.days_off.wed": ("水", "Wed"),
    "reg.o.days_off.thu": ("木", "Thu"),
    "reg.o.days_off.fri": ("金", "Fri"),
    "reg.o.days_off.sat": ("土", "Sat"),
    "reg.o.days_off.sun": ("日", "Sun"),
    "reg.o.days_off.holidays": ("祝日", "holidays"),
    "reg.o.features.medical": ("医療・看護・保健分野", "medical and nursing"),
    "reg.o.features.care": ("介護分野", "care"),
    "reg.o.features.welfare_childcare": ("福祉・保育・こども分野", "welfare and childcare"),
    "reg.o.features.construction": ("建設分野", "construction"),
    "reg.o.features.security": ("警備分野", "security"),
    "reg.o.features.transport": ("運輸分野", "transport"),
    "reg.o.features.senior": ("シニア求人", "senior"),
    "reg.o.features.parenting": ("仕事と子育て両立求人", "work and parenting"),
    "reg.o.wage_kind.monthly": ("月給", "monthly"),
    "reg.o.wage_kind.hourly": ("時給", "hourly"),
    "reg.o.last_education.junior_high": ("中学", "junior high school"),
    "reg.o.last_education.high_school": ("高校", "high school"),
    "reg.o.last_education.vocational": ("専修学校", "vocational school"),
    "reg.o.last_education.junior_college": ("短大・高専", "junior college"),
    "reg.o.last_education.university": ("大学", "university"),
    "reg.o.last_education.graduate_school": ("大学院", "graduate school"),
    "reg.o.status.graduated": ("卒業", "graduated"),
    "reg.o.status.expected": ("卒業見込", "expected"),
    "reg.o.status.dropped_out": ("中退", "dropped out"),
    "reg.o.status.enrolled": ("在学中", "enrolled"),
    "reg.o.status.left": ("既退職", "left"),
    "reg.o.status.current": ("在職中", "currently employed"),
    "reg.o.work_form.employed": ("雇用", "employed"),
    "reg.o.work_form.self_employed": ("自営", "self-employed"),
    "reg.o.leaving_reason.own": ("自己都合", "own reasons"),
    "reg.o.leaving_reason.contract_end": ("期間満了", "end of contract"),
    "reg.o.leaving_reason.retirement_age": ("定年退職", "retirement age"),
    "reg.o.leaving_reason.company": ("会社都合", "company reasons"),
    "reg.o.leaving_reason.other": ("その他", "other"),
    "regv.too_long": ("{max}文字以内で入力してください。", "At most {max} characters."),
    # ------------------------------------------------------------------ profile
    "profile.title": ("求職者情報", "Your registered information"),
    "profile.loading": ("読み込んでいます…", "Loading…"),
    "profile.load_failed": (
        "読み込めませんでした: {reason} F5 で再試行。",
        "Could not load: {reason} F5 to retry.",
    ),
    "profile.not_registered": (
        "求職情報がまだ登録されていません。R で登録（求職申込み）の画面を開きます。",
        "You have not registered yet. Press R to open the registration.",
    ),
    "profile.keys": (
        "1〜7: その項目を変更　S: 設定（有効/無効・メール・パスワード・退会）　Esc: 戻る",
        "1–7: change that section   S: settings (validity, e-mail, password, withdraw)   Esc: back",
    ),
    "profile.header": (
        "求職番号 {number}　利用安定所 {office}　求職登録 {status}{until}",
        "Job-seeker number {number} — office {office} — registration {status}{until}",
    ),
    "profile.until": ("（{date}まで）", " (until {date})"),
    "profile.empty": ("（未入力）", "(empty)"),
    "profile.yes": ("はい", "yes"),
    "profile.no": ("いいえ", "no"),
    "profile.edit_title": ("求職者情報の変更 — {step} {name}", "Change — step {step} {name}"),
    "profile.save": ("変更を保存 (Ctrl+S)", "Save the change (Ctrl+S)"),
    "profile.saving": ("保存しています…", "Saving…"),
    "profile.saved": ("変更を保存しました。", "Your change is saved."),
    "profile.save_failed": (
        "保存できませんでした: {reason} 入力内容はそのままです。",
        "Not saved: {reason} Your input is kept.",
    ),
    # ------------------------------------------------------------------ settings
    "settings.title": ("求職者情報・設定", "Profile and settings"),
    "settings.email": ("ID（メールアドレス）: {email}", "ID (e-mail): {email}"),
    "settings.pending_email": (
        "変更手続き中: {email}（認証キーの入力で切り替わります）",
        "Change pending: {email} (takes effect after the key)",
    ),
    "settings.registration": ("求職登録: {status}{until}", "Registration: {status}{until}"),
    "settings.registration_none": ("求職登録: 未登録", "Registration: not registered"),
    "settings.status.valid": ("有効", "valid"),
    "settings.status.invalid": ("無効", "invalid"),
    "settings.invalid_explain": (
        "無効にすると、マイページでの求人検索、検索条件・お気に入りの保存、紹介状、メッセージ、"
        "オンラインハローワーク紹介が使えなくなります。有効に戻すといつでも使えます。",
        "While invalid, searching in MyPage, saving conditions and favorites, referral "
        "letters, messages and online Hello Work referral are unavailable. "
        "Switch back at any time.",
    ),
    "settings.devices": (
        "ワンタイムパスワードを省略する端末: {state}",
        "Devices that skip the one-time password: {state}",
    ),
    "settings.devices.yes": ("あり", "yes"),
    "settings.devices.no": ("なし", "none"),
    "settings.delivery": ("特集求人の配信: {state}", "Featured postings delivery: {state}"),
    "settings.delivery.on": ("配信する", "on"),
    "settings.delivery.off": ("配信しない", "off"),
    "settings.delivery_explain": (
        "毎週土曜日、希望勤務地と選んだ分野の新着求人をハローワークからのお知らせで届けます。",
        "Every Saturday, the week's new postings in your desired place and categories arrive "
        "as a Hello Work notice.",
    ),
    "settings.btn.registration_off": (
        "求職登録を無効にする (Ctrl+R)",
        "Make the registration invalid (Ctrl+R)",
    ),
    "settings.btn.registration_on": (
        "求職登録を有効にする (Ctrl+R)",
        "Make the registration valid (Ctrl+R)",
    ),
    "settings.btn.email": ("メールアドレスを変更 (Ctrl+E)", "Change the e-mail (Ctrl+E)"),
    "settings.btn.password": ("パスワードを変更 (Ctrl+P)", "Change the password (Ctrl+P)"),
    "settings.btn.devices": (
        "すべての端末でワンタイムパスワードを再開 (Ctrl+D)",
        "Resume the one-time password on all devices (Ctrl+D)",
    ),
    "settings.btn.delivery_on": (
        "特集求人を配信する (Ctrl+F)",
        "Deliver featured postings (Ctrl+F)",
    ),
    "settings.btn.delivery_off": (
        "特集求人の配信を止める (Ctrl+F)",
        "Stop featured postings (Ctrl+F)",
    ),
    "settings.btn.withdraw": ("退会する (Ctrl+W)", "Withdraw (Ctrl+W)"),
    "settings.loading": ("読み込んでいます…", "Loading…"),
    "settings.load_failed": (
        "読み込めませんでした: {reason} F5 で再試行。",
        "Could not load: {reason} F5 to retry.",
    ),
    "settings.working": ("処理しています…", "Working…"),
    "settings.failed": ("できませんでした: {reason}", "That failed: {reason}"),
    "settings.confirm_invalid": (
        "求職登録を無効にしますか？\n{explain}",
        "Make your registration invalid?\n{explain}",
    ),
    "settings.confirm_valid": ("求職登録を有効にしますか？", "Make your registration valid again?"),
    "settings.confirm_devices": (
        "すべての端末で、次回のログインからワンタイムパスワードの入力が必要になります。よろしいですか？",
        "Every device will need the one-time password at the next login. Continue?",
    ),
    "settings.now_invalid": ("求職登録を無効にしました。", "Your registration is now invalid."),
    "settings.now_valid": ("求職登録を有効にしました。", "Your registration is valid again."),
    "settings.devices_resumed": (
        "すべての端末でワンタイムパスワードを再開しました。",
        "The one-time password is required on all devices again.",
    ),
    "settings.delivery_now_on": (
        "特集求人を配信するようにしました。毎週土曜日に届きます。",
        "Featured postings will be delivered every Saturday.",
    ),
    "settings.delivery_now_off": (
        "特集求人の配信を止めました。",
        "Featured postings are no longer delivered.",
    ),
    "settings.confirm_title": ("確認", "Please confirm"),
    # e-mail change
    "email_change.title": ("メールアドレスの変更", "Change the e-mail address"),
    "email_change.intro": (
        "新しいアドレスに認証キーを送り、今のアドレスにもお知らせします。認証キーを入力するまでは"
        "今のアドレスでログインします。",
        "We send a key to the new address and tell the current one. Until you enter the key, "
        "you keep signing in with the current address.",
    ),
    "email_change.password_hint": (
        "本人確認のため、現在のパスワードを入力してください。",
        "Your current password, to confirm it is you.",
    ),
    "email_change.key_intro": (
        "{email} に認証キーを送りました（{until}まで有効）。メールの認証キーを入力してください。",
        "A key was sent to {email} (valid until {until}). Enter it.",
    ),
    "email_change.confirm": ("変更する (Enter)", "Change (Enter)"),
    "email_change.done": (
        "メールアドレスを {email} に変更しました。次回から新しいアドレスでログインします。",
        "Your e-mail is now {email}; sign in with it from now on.",
    ),
    # password change
    "password_change.title": ("パスワードの変更", "Change the password"),
    "password_change.intro": (
        "現在のパスワードと新しいパスワード（2回）を入力してください。変更すると、他の端末のログインと"
        "ワンタイムパスワード省略は解除されます。",
        "Enter the current password and the new one twice. Other sessions and OTP skips end.",
    ),
    "password_change.submit": ("変更する (Ctrl+S)", "Change (Ctrl+S)"),
    "password_change.done": ("パスワードを変更しました。", "Your password has been changed."),
    # ------------------------------------------------------------------ withdraw
    "withdraw.title": ("退会", "Withdraw"),
    "withdraw.body": (
        "退会するとマイページにログインできなくなります。退会から30日以内であれば、同じメールアドレスと"
        "パスワードで再登録できます（31日目以降は新しくマイページを開設してください）。"
        "確認のためパスワードを入力し、「退会します」にチェックしてください。",
        "After withdrawing you cannot sign in. Within 30 days you can re-register with the same "
        "e-mail and password; after that, open a new MyPage. Enter your password and tick "
        "“I withdraw” to confirm.",
    ),
    "withdraw.tick": ("退会します", "I withdraw"),
    "withdraw.submit": ("退会する (Ctrl+S)", "Withdraw (Ctrl+S)"),
    "withdraw.cancel": ("やめる (Esc)", "Cancel (Esc)"),
    "withdraw.must_tick": (
        "退会する場合は「退会します」にチェックしてください。",
        "Tick “I withdraw” to withdraw.",
    ),
    "withdraw.done": (
        "退会しました。30日以内であれば「アカウントを再登録」(F4) で元に戻せます。",
        "You have withdrawn. Within 30 days, “Re-register” (F4) restores your MyPage.",
    ),
    # ------------------------------------------------------------------ re-registration
    "rereg.title": ("アカウントの再登録", "Re-register your account"),
    "rereg.intro": (
        "退会から30日以内であれば、退会前のメールアドレスとパスワードで再登録できます。認証キーをメールで送ります。",
        "Within 30 days of withdrawing, re-register with your e-mail and password. We send a "
        "key by e-mail.",
    ),
    "rereg.key_intro": (
        "{email} に認証キーを送りました（{until}まで有効）。メールの認証キーを入力してください。",
        "A key was sent to {email} (valid until {until}). Enter it.",
    ),
    "rereg.confirm": ("再登録する (Enter)", "Re-register (Enter)"),
    "rereg.done": ("再登録しました。おかえりなさい。", "Re-registered. Welcome back."),
}

_STRINGS.update({f"regv.{code}": texts for code, texts in REGISTRATION_FIELD_MESSAGES.items()})

STRINGS: Final[dict[str, tuple[str, str]]] = _STRINGS

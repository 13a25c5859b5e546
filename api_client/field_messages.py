"""Japanese and English texts of the validation codes added by the registration rules
(issue 4), so the TUI and the server's English `message` say the same. Placeholders are the
Problem's params."""

from __future__ import annotations

REGISTRATION_FIELD_MESSAGES: dict[str, tuple[str, str]] = {
    "must_agree": (
        "内容を確認し「同意します」にチェックしてください。",
        "Read it and tick 'I agree'.",
    ),
    "email_mismatch": (
        "確認用のメールアドレスが一致しません。",
        "The two e-mail addresses differ.",
    ),
    "email_taken": (
        "別のマイページで使われています。別のアドレスを入力してください。",
        "Used by another MyPage. Enter another address.",
    ),
    "email_same": ("現在のメールアドレスと同じです。", "This is the current address."),
    "password_wrong": (
        "正しくありません。あと{remaining}回間違えるとロックされます。",
        "Not correct. {remaining} more wrong one(s) will lock the account.",
    ),
    "creation_code_format": (
        "半角英数字{max}文字以内で入力してください。",
        "At most {max} half-width letters and digits.",
    ),
    "fullwidth_too_long": (
        "全角{max}文字以内で入力してください（現在{length}文字）。",
        "At most {max} full-width characters (now {length}; half-width counts ½).",
    ),
    "postal_code_format": (
        "「123-4567」の形で入力してください。",
        "Enter it as 123-4567.",
    ),
    "postal_code_unknown": (
        "見つかりません。番号を確認してください。",
        "Not found. Check the number.",
    ),
    "phone_format": ("数字とハイフンで入力してください。", "Use digits and hyphens."),
    "phone_fixed_format": (
        "0から始まる10桁です（携帯電話の番号は携帯電話の欄へ）。",
        "10 digits starting with 0 (a mobile number goes in the mobile field).",
    ),
    "phone_mobile_format": (
        "070・080・090から始まる11桁です。",
        "11 digits starting with 070, 080 or 090.",
    ),
    "phone_one_required": (
        "または固定電話を入力してください（どちらか一方は必須です）。",
        "Enter this or a fixed-line number (one of them is required).",
    ),
    "date_format": ("西暦で「1990-04-01」の形で入力してください。", "Enter a date as 1990-04-01."),
    "date_not_real": ("存在しない日付です。", "This date does not exist."),
    "year_month_format": (
        "「2020-04」の形で入力してください。",
        "Enter year and month as 2020-04.",
    ),
    "date_in_future": ("未来の日付は入力できません。", "The date is in the future."),
    "birth_date_range": (
        "生年月日を確認してください（{min_age}歳以上）。",
        "Check the birth date (at least {min_age} years old).",
    ),
    "time_format": ("「09:00」の形で入力してください。", "Enter a time as 09:00."),
    "time_not_real": ("存在しない時刻です。", "This time does not exist."),
    "time_range": ("開始と終了が同じ時刻です。", "Start and end are the same time."),
    "kana_only": ("カタカナで入力してください。", "Use katakana."),
    "choose_one": ("一つ以上選んでください。", "Choose at least one."),
    "choose_or_undecided": (
        "希望する仕事を選ぶか「検討中」を選んでください（両方は選べません）。",
        "Choose occupations or 'undecided' (not both).",
    ),
    "choose_or_none": (
        "入力するか「なし」を選んでください（両方は選べません）。",
        "Fill this in or choose 'none' (not both).",
    ),
    "number_format": ("半角数字で入力してください。", "Use digits only."),
    "too_large": ("{max}以下で入力してください。", "At most {max}."),
    "unknown_code": (
        "一覧にないコードです（{code}）。一覧から選び直してください。",
        "No such code ({code}). Choose one from the list.",
    ),
    "not_for_self_employed": (
        "自営の場合、雇用形態は入力しません。",
        "Leave the employment type empty for self-employment.",
    ),
    "end_while_current": (
        "在職中の場合、終了年月は入力しません。",
        "Leave the end empty while still employed there.",
    ),
    "end_before_start": ("終了年月が開始年月より前です。", "The end is before the start."),
    "contact_needs_phone_fixed": (
        "固定電話を選ぶなら、1 基本情報に固定電話の番号を入力してください。",
        "To be called on a fixed line, enter its number in step 1.",
    ),
    "contact_needs_phone_mobile": (
        "携帯電話を選ぶなら、1 基本情報に携帯電話の番号を入力してください。",
        "To be called on a mobile, enter its number in step 1.",
    ),
}

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

STRINGS: Final[dict[str, tuple[str, str]]] = {**_ERRORS, **_VALIDATION}

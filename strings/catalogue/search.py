"""Strings of the search screens (求人検索, results, 求人票, checks, favorites, saved conditions):
key → (ja, en)."""

from __future__ import annotations

from typing import Final

_ENUMS: Final[dict[str, tuple[str, str]]] = {
    # 求人区分
    "search.category.general": ("一般", "General"),
    "search.category.graduate": ("新卒・既卒", "New/recent graduates"),
    "search.category.seasonal": ("季節", "Seasonal"),
    "search.category.migrant": ("出稼ぎ", "Away-from-home"),
    "search.category.disability": ("障害のある方のための求人", "For people with disabilities"),
    # フルタイム・パート
    "search.work_style.full_time": ("フルタイム", "Full-time"),
    "search.work_style.part_time": ("パート", "Part-time"),
    "search.work_style_short.full_time": ("フル", "Full"),
    "search.work_style_short.part_time": ("パート", "Part"),
    # 雇用形態
    "search.employment.regular": ("正社員", "Regular employee"),
    "search.employment.non_regular": ("正社員以外", "Non-regular"),
    "search.employment.dispatch_fixed": ("有期雇用派遣", "Fixed-term dispatch"),
    "search.employment.dispatch_open": ("無期雇用派遣", "Open-ended dispatch"),
    "search.employment.part_time_worker": ("パート労働者", "Part-time worker"),
    "search.employment.dispatch_fixed_part": ("有期雇用派遣パート", "Fixed-term dispatch, part"),
    "search.employment.dispatch_open_part": ("無期雇用派遣パート", "Open-ended dispatch, part"),
    # 新着
    "search.new.any": ("指定しない", "Any time"),
    "search.new.today_yesterday": ("当日・前日", "Today or yesterday"),
    "search.new.week": ("1週間以内", "Within a week"),
    # AND / OR
    "search.mode.all": ("すべての語を含む（AND）", "All words (AND)"),
    "search.mode.any": ("いずれかの語を含む（OR）", "Any word (OR)"),
    # 週休二日制
    "search.two_days.any_value": ("指定しない", "Any"),
    "search.two_days.every_week": ("毎週", "Every week"),
    "search.two_days.any": ("毎週・その他（隔週など）", "Every week or other (e.g. alternate)"),
    "search.two_days_value.every_week": ("毎週", "every week"),
    "search.two_days_value.other": ("その他", "other"),
    "search.two_days_value.none": ("なし", "none"),
    # sort
    "search.sort.received_desc": ("受付年月日（新しい順）", "Received date (newest first)"),
    "search.sort.deadline_asc": ("紹介期限日（近い順）", "Referral deadline (soonest first)"),
    # 公開範囲
    "search.disclosure.public": (
        "1. 事業所名等を含む求人情報を公開する",
        "1. Published with the employer's name",
    ),
    "search.disclosure.seekers_only": (
        "2. 求職者等に限定して事業所名等を含む求人情報を公開する",
        "2. Employer's name shown to registered job seekers only",
    ),
    "search.disclosure.without_company": (
        "3. 事業所名等を含まない求人情報を公開する",
        "3. Published without the employer's name",
    ),
    # tags
    "search.tag.car_commute": ("マイカー通勤可", "Car commute OK"),
    "search.tag.no_transfer": ("転勤なし", "No transfer"),
    "search.tag.commute_allowance": ("通勤手当あり", "Commuting allowance"),
    "search.tag.inexperienced_ok": ("未経験者歓迎", "Inexperienced welcome"),
    "search.tag.education_not_required": ("学歴不問", "No education required"),
    "search.tag.experience_not_required": ("経験不問", "No experience required"),
    "search.tag.licence_not_required": ("免許・資格不問", "No licence required"),
    "search.tag.uij_turn": ("UIJターン歓迎", "UIJ-turn welcome"),
    "search.tag.trial_employment": ("トライアル雇用併用", "Trial employment"),
    "search.tag.housing": ("住宅あり", "Housing"),
    "search.tag.childcare": ("託児施設あり", "Childcare"),
    "search.tag.weekends_off": ("土日祝休み", "Weekends and holidays off"),
    "search.tag.no_overtime": ("残業なし", "No overtime"),
    "search.tag.online_application": ("オンライン自主応募可", "Online application"),
    # 特集求人
    "search.feature.medical": ("医療・看護・保健分野", "Medical, nursing, health"),
    "search.feature.care": ("介護分野", "Care"),
    "search.feature.welfare_childcare": ("福祉・保育・こども分野", "Welfare, nursery, children"),
    "search.feature.construction": ("建設分野", "Construction"),
    "search.feature.security": ("警備分野", "Security"),
    "search.feature.transport": ("運輸分野", "Transport"),
    "search.feature.senior": ("シニア求人", "Senior"),
    "search.feature.parenting": ("仕事と子育て両立求人", "Work and parenting"),
    # status
    "search.status.open": ("募集中", "open"),
    "search.status.expired": ("掲載期限切れ", "expired"),
    "search.status.withdrawn": ("取消し済み", "withdrawn"),
    # 年齢
    "search.age_choice.any": ("年齢不問の条件: 指定しない", "Any-age postings: no condition"),
    "search.age_choice.unrestricted_only": ("年齢不問のみ", "Only postings open to any age"),
    "search.age_choice.limited_only": ("年齢不問をのぞく", "Exclude postings open to any age"),
    # 時間外労働
    "search.overtime.any": ("時間外労働: 指定しない", "Overtime: any"),
    "search.overtime.none": ("時間外労働なし", "No overtime"),
    "search.overtime.some": ("時間外労働あり", "With overtime"),
    "search.overtime.some_cap": (
        "時間外労働あり（月平均{n}時間以内）",
        "With overtime, at most {n} hours a month on average",
    ),
    "search.overtime.cap": (
        "月平均{n}時間以内（なしを含む）",
        "At most {n} hours a month on average (none included)",
    ),
    # 休日
    "search.day.mon": ("月", "Mon"),
    "search.day.tue": ("火", "Tue"),
    "search.day.wed": ("水", "Wed"),
    "search.day.thu": ("木", "Thu"),
    "search.day.fri": ("金", "Fri"),
    "search.day.sat": ("土", "Sat"),
    "search.day.sun": ("日", "Sun"),
    "search.day.holiday": ("祝日", "Public holidays"),
    # 加入保険等
    "search.insurance.employment": ("雇用保険", "Employment insurance"),
    "search.insurance.workers_comp": ("労災保険", "Workers' accident insurance"),
    "search.insurance.health": ("健康保険", "Health insurance"),
    "search.insurance.pension": ("厚生年金", "Employees' pension"),
    # 派遣・請負
    "search.dispatch.only": ("派遣・請負のみ", "Dispatch / contracting only"),
    "search.dispatch.exclude": ("派遣・請負をのぞく", "Exclude dispatch / contracting"),
    # 契約更新の可能性
    "search.renewal.in_principle": ("あり（原則更新）", "Renewed as a rule"),
    "search.renewal.conditional": ("あり（条件付きで更新あり）", "Renewal on conditions"),
    # 定年制
    "search.retirement.at_least": (
        "定年制なし、または{n}歳以上",
        "No retirement age, or {n} or older",
    ),
    # 入居可能住宅
    "search.housing.single": ("単身用", "For singles"),
    "search.housing.family": ("世帯用", "For families"),
    # 普通自動車運転免許
    "search.car_licence.required": ("必須", "Required"),
    "search.car_licence.preferred": ("あれば尚可", "Preferred"),
    "search.car_licence.at_ok": ("AT限定可", "Automatic-only OK"),
    # 項目 (section keys)
    "search.sec.basic": ("基本条件", "Basic conditions"),
    "search.sec.place": ("就業場所", "Workplace"),
    "search.sec.job": ("職種", "Occupation"),
    "search.sec.words": ("フリーワード・事業所", "Free words and employer"),
    "search.sec.wage": ("賃金・労働時間", "Wages and hours"),
    "search.sec.holidays": ("休日", "Days off"),
    "search.sec.terms": ("保険・雇用条件・住宅", "Insurance, terms, housing"),
    "search.sec.company": ("産業・免許・資格", "Industry and licences"),
    "search.sec.other": ("その他・特集求人", "Other and featured"),
}

_SEARCH: Final[dict[str, tuple[str, str]]] = {
    # ------------------------------------------------------------------ keys (footer)
    "search.key.search": ("検索", "Search"),
    "search.key.save": ("条件を保存", "Save conditions"),
    "search.key.update": ("保存した条件を更新", "Update saved conditions"),
    "search.key.clear": ("条件をクリア", "Clear"),
    "search.key.detail": ("詳細条件", "Detailed conditions"),
    "search.key.pick": ("職種を選ぶ", "Pick occupation"),
    "search.key.prev_page": ("前のページ", "Previous page"),
    "search.key.next_page": ("次のページ", "Next page"),
    "search.key.sort": ("並び替え", "Sort"),
    "search.key.per_page": ("表示件数", "Per page"),
    "search.key.check": ("チェック", "Check"),
    "search.key.open": ("求人票を表示", "Job sheet"),
    "search.key.favorite": ("お気に入りに保存", "Add to favorites"),
    "search.key.checked": ("チェックした求人", "Checked postings"),
    "search.key.view_checked": ("チェックした求人票を表示", "Show checked sheets"),
    "search.key.save_checked": ("チェックをお気に入りに保存", "Save checked to favorites"),
    "search.key.next_sheet": ("次の求人票", "Next sheet"),
    "search.key.prev_sheet": ("前の求人票", "Previous sheet"),
    "search.key.save_text": ("テキストに保存", "Save as text"),
    "search.key.remove": ("削除", "Remove"),
    "search.key.rename": ("名前を変更", "Rename"),
    "search.key.edit": ("条件を編集", "Edit"),
    "search.key.run": ("この条件で検索", "Search"),
    "search.key.retry": ("再試行", "Retry"),
    "search.key.ok": ("決定", "OK"),
    "search.key.cancel": ("キャンセル", "Cancel"),
    "search.key.uncheck": ("チェックを外す", "Uncheck"),
    "search.key.saved": ("保存した条件", "Saved conditions"),
    # ------------------------------------------------------------------ search form
    "search.key.sections": ("項目へ移動", "Go to section"),
    "search.key.next_section": ("次の項目", "Next section"),
    "search.key.prev_section": ("前の項目", "Previous section"),
    "search.key.number_search": ("番号検索", "Job number search"),
    "search.sec.heading": ("〔{n}〕{name}", "[{n}] {name}"),
    "search.sections.title": ("項目へ移動", "Go to a section"),
    "search.sections.hint": (
        "数字キー、または ↑↓ と Enter で選びます。Esc で閉じます。"
        "検索画面では Ctrl+N／Ctrl+P で次／前の項目へ移動します。",
        "Press a digit, or ↑↓ and Enter. Esc closes. On the search screen, Ctrl+N / "
        "Ctrl+P move to the next / previous section.",
    ),
    "search.f.age_choice": ("年齢不問の条件", "Any-age condition"),
    "search.f.age_limited_only": ("年齢不問をのぞく", "Exclude postings open to any age"),
    "search.f.place_hint": (
        "都道府県（59 海外）を選び、その下のボタン（Enter）で市区町村を5つまで選べます。",
        "Choose a prefecture (59 abroad), then press Enter on the button under it to choose "
        "up to 5 municipalities.",
    ),
    "search.f.municipalities_n": ("市区町村: {names}", "Municipalities: {names}"),
    "search.f.municipalities_of": (
        "{prefecture}の市区町村（5つまで）",
        "Municipalities of {prefecture} (up to 5)",
    ),
    "search.f.pick_hint": (
        "Enter で選択画面を開きます。Delete で解除します。",
        "Enter opens the picker; Delete clears it.",
    ),
    "search.f.desired_jobs": (
        "希望する職種（分野と、その職種を5つまで）",
        "Desired occupation (a group and up to 5 of its occupations)",
    ),
    "search.f.desired_n": ("希望する職種 {n}: {name}", "Desired occupation {n}: {name}"),
    "search.f.whole_group": ("（分野全体）", "(the whole group)"),
    "search.f.classifications": (
        "職業分類（大分類〜細分類。名称・職種名の例で探せます）",
        "Occupational classification (any level; search by name or job title)",
    ),
    "search.f.classification_n": ("職業分類 {n}: {name}", "Classification {n}: {name}"),
    "search.f.company_name": ("事業所名", "Employer name"),
    "search.f.company_name_exclude": ("この事業所名をのぞく", "Exclude this employer name"),
    "search.f.carried_numbers": (
        "この条件には求人番号 {numbers} が含まれています（番号検索は F9）。F8 でクリアします。",
        "These conditions include job numbers {numbers} (F9: job number search). F8 clears.",
    ),
    "search.f.wage_includes_allowances": (
        "手当・固定残業代を含む（外すと基本給で比べます）",
        "Include allowances and fixed overtime pay (off: compare the base wage)",
    ),
    "search.f.overtime": ("時間外労働", "Overtime"),
    "search.f.overtime_some": ("時間外労働あり", "With overtime"),
    "search.f.overtime_max": ("時間外労働の上限", "Overtime cap"),
    "search.f.exclude_shift": ("交替制（シフト制）をのぞく", "Exclude shift work"),
    "search.f.exclude_discretionary": ("裁量労働制をのぞく", "Exclude discretionary work"),
    "search.f.exclude_variable_hours": (
        "変形労働時間制をのぞく",
        "Exclude variable working hours",
    ),
    "search.f.days_off": ("休日（すべて休みの曜日）", "Days off (all of these)"),
    "search.f.insurance_items": ("加入保険等（すべてあり）", "Insurance (all of these)"),
    "search.f.dispatch": ("派遣・請負", "Dispatch / contracting"),
    "search.f.contract_renewal": (
        "契約更新の可能性（いずれか）",
        "Contract renewal (any of these)",
    ),
    "search.f.retirement_age_min": ("定年制", "Retirement age"),
    "search.f.housing_kinds": ("入居可能住宅", "Housing"),
    "search.f.industries_chosen": ("産業分類: {names}", "Industries: {names}"),
    "search.f.car_licence": (
        "普通自動車運転免許（いずれか）",
        "Ordinary driving licence (any of these)",
    ),
    "search.f.car_licence_exclude": ("のぞく", "Exclude"),
    "search.f.licence_codes": ("免許・資格コード（いずれか）", "Licence codes (any of these)"),
    "search.f.licence_codes_hint": (
        "4桁の半角数字（1001〜9999）。3つまで。",
        "4 digits (1001–9999). Up to 3.",
    ),
    "search.f.licence_code_n": ("免許・資格コード {n}", "Licence code {n}"),
    "search.f.licence_codes_exclude": ("これらの免許・資格をのぞく", "Exclude these licences"),
    "search.f.no_document_screening": ("書類選考なし", "No document screening"),
    "search.f.regular_conversion": ("正社員登用あり", "Path to regular employment"),
    "search.f.remote_work": ("在宅勤務", "Remote work"),
    "search.f.near_station": ("駅近（徒歩10分以内）", "Near a station (10 min walk)"),
    "search.f.smoking_measures": ("受動喫煙対策あり", "Passive-smoking measures"),
    "search.v.licence_code_format": (
        "{field}は4桁の半角数字（1001〜9999）で入力してください。",
        "Enter the {field} as 4 digits from 1001 to 9999.",
    ),
    # ------------------------------------------------------------------ pickers
    "picker.key.tick": ("選択／解除", "Tick / untick"),
    "picker.filter": ("名前で絞り込み", "Filter by name"),
    "picker.no_match": (
        "「{text}」に合う項目はありません。BackSpace で絞り込みを戻します。",
        "Nothing matches “{text}”. BackSpace widens the filter.",
    ),
    "picker.multi_hint": (
        "Space で選択／解除（{limit}つまで）、Enter で決定、Esc でやめます。"
        "文字を入力すると絞り込みます。",
        "Space ticks or unticks (up to {limit}); Enter confirms; Esc cancels. Type to filter "
        "(the names are in Japanese).",
    ),
    "picker.limit": (
        "{limit}つまでです。ほかの選択を外してから選んでください。",
        "At most {limit}. Untick another one first.",
    ),
    "search.picker.details_of": ("{group} の職種", "Occupations of {group}"),
    "cls.title": ("職業分類を選ぶ", "Choose an occupational classification"),
    "cls.hint": (
        "職種名を入力すると候補を表示します（例: プログラマー）。↓ で一覧へ。"
        "一覧では Enter・→ で下の分類を開き、← で戻ります。Esc で閉じます。",
        "Type a job title in Japanese to see matches (e.g. 看護師); ↓ moves to the list. In the "
        "list, Enter or → opens a level and ← goes back. Esc closes.",
    ),
    "cls.placeholder": ("職種名・分類名", "Job title or classification name"),
    "cls.matches": ("入力に合う分類", "Classifications matching the input"),
    "cls.top": ("大分類", "Major groups"),
    "cls.whole": ("「{name}」全体で選ぶ", "Choose all of “{name}”"),
    "cls.examples": ("例: {titles}", "e.g. {titles}"),
    "cls.none": ("「{query}」に合う分類はありません。", "No classification matches “{query}”."),
    "cls.key.open": ("下の分類を開く", "Open level"),
    "cls.key.up": ("上の分類へ", "Up a level"),
    "search.title": ("求人検索", "Job search"),
    "search.intro": (
        "条件を入力して Ctrl+S（入力欄では Enter）で検索します。F6 で項目へ移動"
        "（Ctrl+N／Ctrl+P で次／前の項目）、F7 で詳細条件、F9 で求人番号の番号検索です。",
        "Fill in conditions and press Ctrl+S (Enter in a text field) to search. F6 goes to "
        "a section (Ctrl+N / Ctrl+P: next / previous), F7 opens the detailed conditions, F9 "
        "searches by job number.",
    ),
    "search.editing": (
        "保存した条件「{title}」を編集しています。F3 で更新します。",
        "Editing the saved conditions “{title}”. Press F3 to update them.",
    ),
    "search.basic": ("基本条件", "Basic conditions"),
    "search.detail": ("詳細条件", "Detailed conditions"),
    "search.f.categories": ("求人区分", "Posting category"),
    "search.f.work_styles": ("フルタイム・パート", "Full-time / part-time"),
    "search.f.age": ("年齢", "Age"),
    "search.f.age_hint": ("あなたの年齢（15〜99）", "Your age (15–99)"),
    "search.f.age_unrestricted_only": ("年齢不問の求人のみ", "Only postings open to any age"),
    "search.f.place": ("就業場所 {n}", "Workplace {n}"),
    "search.f.prefectures": ("都道府県", "Prefecture"),
    "search.f.municipalities": ("市区町村", "Municipality"),
    "search.f.municipality_all": ("（すべての市区町村）", "(all municipalities)"),
    "search.f.occupations": ("職種", "Occupation"),
    "search.f.occupation_n": ("職種 {n}: {name}", "Occupation {n}: {name}"),
    "search.f.occupation_none": ("（指定なし）", "(any)"),
    "search.f.occupation_hint": (
        "Enter で選択画面を開きます。Delete で解除します。",
        "Enter opens the picker; Delete clears it.",
    ),
    "search.f.employment_types": ("雇用形態", "Employment type"),
    "search.f.new_within": ("新着", "New postings"),
    "search.f.words": ("フリーワード", "Free words"),
    "search.f.words_hint": (
        "スペースで区切って複数入力できます（例: 介護 未経験）。",
        "Separate words with spaces (e.g. 介護 未経験).",
    ),
    "search.f.word_mode": ("フリーワードの条件", "Free-word condition"),
    "search.f.not_words": ("除外するフリーワード（NOT）", "Exclude words (NOT)"),
    "search.f.job_numbers": ("求人番号", "Job number"),
    "search.f.job_number_n": ("求人番号 {n}", "Job number {n}"),
    "search.f.job_numbers_hint": (
        "5桁-8桁以内の半角数字（例: 13010-12345678）。5件まで。",
        "5 digits, a hyphen and up to 8 digits (e.g. 13010-12345678). Up to 5.",
    ),
    "search.f.employer_number": ("事業所番号", "Employer number"),
    "search.f.employer_number_hint": (
        "4桁-6桁-1桁の半角数字（例: 1381-124558-1）",
        "4 digits-6 digits-1 digit (e.g. 1381-124558-1)",
    ),
    "search.f.wage_monthly_min": ("月額賃金（下限）", "Minimum monthly wage"),
    "search.f.wage_hourly_min": ("時間額（下限）", "Minimum hourly wage"),
    "search.f.bonus": ("賞与あり", "Bonus"),
    "search.f.work_from": ("就業時間（始業がこの時刻以降）", "Hours: start at or after"),
    "search.f.work_until": ("就業時間（終業がこの時刻以前）", "Hours: end at or before"),
    "search.f.no_overtime": ("残業なし", "No overtime"),
    "search.f.weekends_off": ("土日祝休み", "Weekends and holidays off"),
    "search.f.weekly_two_days": ("週休二日制", "Two days off a week"),
    "search.f.annual_holidays_min": ("年間休日数（以上）", "Annual days off (at least)"),
    "search.f.insurance": (
        "加入保険（雇用・労災・健康・厚生）すべてあり",
        "All insurance (employment, accident, health, pension)",
    ),
    "search.f.no_transfer": ("転勤なし", "No transfer"),
    "search.f.car_commute": ("マイカー通勤可", "Car commute OK"),
    "search.f.inexperienced_ok": ("未経験者歓迎", "Inexperienced welcome"),
    "search.f.education_not_required": ("学歴不問", "No education required"),
    "search.f.experience_not_required": ("経験不問", "No experience required"),
    "search.f.licence_not_required": ("必要な免許・資格なし", "No licence required"),
    "search.f.uij_turn": ("UIJターン歓迎", "UIJ-turn welcome"),
    "search.f.trial_employment": ("トライアル雇用併用", "Trial employment"),
    "search.f.housing": ("住宅あり", "Housing provided"),
    "search.f.childcare": ("託児施設あり", "Childcare available"),
    "search.f.employees_min": ("従業員数（以上）", "Employees (at least)"),
    "search.f.industries": ("産業分類（3つまで）", "Industry (up to 3)"),
    "search.f.features": ("特集求人", "Featured categories"),
    "search.f.any": ("指定しない", "Any"),
    "search.f.yen": ("{amount}円以上", "¥{amount} or more"),
    "search.f.days": ("{n}日以上", "{n} days or more"),
    "search.f.people": ("{n}人以上", "{n} or more"),
    "search.f.sort": ("並び順", "Sort order"),
    "search.f.per_page": ("表示件数", "Per page"),
    "search.f.title": ("タイトル", "Title"),
    "search.loading_reference": ("選択肢を読み込んでいます…", "Loading the choices…"),
    "search.reference_failed": (
        "選択肢を読み込めませんでした。{reason} F5 で再読み込みします。",
        "The choices could not be loaded. {reason} Press F5 to reload.",
    ),
    "search.searching": ("検索しています…", "Searching…"),
    "search.failed": (
        "検索できませんでした。{reason} 入力内容はそのままです。Ctrl+S でもう一度検索します。",
        "The search failed. {reason} Your input is kept. Press Ctrl+S to search again.",
    ),
    "search.fix_fields": (
        "入力内容に誤りがあります。各項目のメッセージを確認してください。",
        "Some conditions are not valid. Check the message under each item.",
    ),
    # ------------------------------------------------------------------ field errors
    "search.v.job_number_format": (
        "{field}は「半角数字5桁-8桁以内」（例: 13010-12345678）で入力してください。",
        "Enter the {field} as 5 digits, a hyphen and up to 8 digits (e.g. 13010-12345678).",
    ),
    "search.v.employer_number_format": (
        "{field}は「4桁-6桁-1桁」（例: 1381-124558-1）で入力してください。",
        "Enter the {field} as 4-6-1 digits (e.g. 1381-124558-1).",
    ),
    "search.v.age": (
        "{field}は15〜99の数字で入力してください。",
        "Enter the {field} as a number from 15 to 99.",
    ),
    "search.v.too_many_words": (
        "{field}は{max}語までです。",
        "The {field} can have at most {max} words.",
    ),
    "search.v.word_too_long": (
        "{field}の1語は{max}文字までです。",
        "Each word of the {field} has at most {max} characters.",
    ),
    "search.v.string_too_long": (
        "{field}が長すぎます（{max_length}文字まで）。",
        "The {field} is too long (at most {max_length} characters).",
    ),
    "search.v.work_window_empty": (
        "{field}: 終業の時刻は始業の時刻より後にしてください。",
        "{field}: the end must be after the start.",
    ),
    "search.v.unknown_code": (
        "{field}の選択肢（{code}）が見つかりません。選び直してください。",
        "The {field} choice ({code}) does not exist. Choose again.",
    ),
    # ------------------------------------------------------------------ occupation picker
    "search.picker.title": ("希望する職種を選ぶ", "Choose a desired occupation"),
    "search.picker.hint": (
        "左で分野を選び、→ で右へ。右で Space を押して職種を5つまで選び、Enter で決定します"
        "（職種を選ばなければ分野全体）。← で左へ、Esc でやめます。",
        "Choose a group on the left, → moves right. There, Space ticks up to 5 occupations; "
        "Enter confirms (no tick: the whole group). ← moves back, Esc cancels.",
    ),
    "search.picker.groups": ("分野", "Groups"),
    "search.picker.occupations": ("職種", "Occupations"),
    "search.picker.all_of": ("{group}（すべて）", "{group} (all)"),
    # ------------------------------------------------------------------ 番号検索
    "numbers.title": ("番号検索（求人番号）", "Job number search"),
    "numbers.intro": (
        "求人番号を5件まで入力して Enter（または Ctrl+S）で検索します。"
        "見つかった求人で Enter を押すと求人票を表示します。",
        "Enter up to 5 job numbers and press Enter (or Ctrl+S). Press Enter on a posting "
        "found to see its job sheet.",
    ),
    "numbers.empty": (
        "求人番号を1件以上入力してください（例: 13010-12345678）。",
        "Enter at least one job number (e.g. 13010-12345678).",
    ),
    "numbers.found": ("{count}件の求人が見つかりました。", "{count} postings found."),
    "numbers.not_found": (
        "次の求人番号の公開中の求人は見つかりませんでした（番号の誤り、または掲載終了）: {numbers}",
        "No open posting has these numbers (a typo, or the posting has ended): {numbers}",
    ),
    # ------------------------------------------------------------------ results
    "results.title": ("求人検索結果", "Search results"),
    "results.summary": (
        "{total}件中 {first}〜{last}件目（{page}/{pages}ページ）",
        "{first}–{last} of {total} (page {page} of {pages})",
    ),
    "results.none": (
        "条件に合う求人はありませんでした。Esc で条件を変更してください。",
        "No postings match. Press Esc to change the conditions.",
    ),
    "results.or_hint": (
        "フリーワードは「すべての語を含む（AND）」で検索したため、「OR」も語として探しました。"
        "どれかの語を含む求人を探すには、Esc で条件に戻り「フリーワードの条件」を"
        "「いずれかの語を含む（OR）」にしてください。",
        "The free words were searched with “All words (AND)”, so “OR” was looked for as a "
        "word too. To find postings with any of the words, press Esc and set “Free-word "
        "condition” to “Any word (OR)”.",
    ),
    "results.order": (
        "並び順: {sort}／表示件数: {per_page}件",
        "Sort: {sort} / per page: {per_page}",
    ),
    "results.checked": ("チェック: {count}件（最大50件）", "Checked: {count} (at most 50)"),
    "results.hint": (
        "↑↓ で選び、Enter で求人票、Space でチェック。[ と ] でページを移動します。",
        "↑↓ to choose, Enter for the job sheet, Space to check. [ and ] change the page.",
    ),
    "results.loading": ("検索しています…", "Searching…"),
    "results.failed": (
        "検索結果を読み込めませんでした。{reason} F5 でもう一度読み込みます。",
        "The results could not be loaded. {reason} Press F5 to try again.",
    ),
    "results.first_page": ("最初のページです。", "This is the first page."),
    "results.last_page": ("最後のページです。", "This is the last page."),
    # ------------------------------------------------------------------ card
    "card.synthetic": ("【架空データ】", "[synthetic data]"),
    "card.checked": ("[✓] チェック済み", "[✓] checked"),
    "card.unchecked": ("[ ] 未チェック", "[ ] not checked"),
    "card.job_title": ("職種", "Job"),
    "card.company": ("事業所名", "Employer"),
    "card.company_hidden": (
        "（公開範囲により非表示。ハローワークの窓口でお伝えします）",
        "(hidden by the disclosure setting; ask at a Hello Work counter)",
    ),
    "card.workplace": ("就業場所", "Workplace"),
    "card.wage": ("賃金（手当等を含む）", "Wage (incl. allowances)"),
    "card.wage_monthly": ("月額 {low}円〜{high}円", "{low}–{high} yen a month"),
    "card.wage_hourly": ("時給 {low}円〜{high}円", "{low}–{high} yen an hour"),
    "card.wage_monthly_one": ("月額 {amount}円", "{amount} yen a month"),
    "card.wage_hourly_one": ("時給 {amount}円", "{amount} yen an hour"),
    "card.hours": ("就業時間", "Working hours"),
    "card.shift": ("（交替制・変形労働時間制）", " (shifts / variable hours)"),
    "card.holidays": ("休日", "Days off"),
    "card.weekends_off": ("土日祝休み", "weekends and holidays off"),
    "card.two_days": ("週休二日制：{value}", "two days off a week: {value}"),
    "card.annual": ("年間休日数：{n}日", "annual days off: {n}"),
    "card.job_number": ("求人番号", "Job number"),
    "card.dates": (
        # No space inside: at 80 columns the two dates wrap together, not 紹介期限日 from its date.
        "受付年月日：{received}／紹介期限日：{expires}",
        "Received {received} / referral until {expires}",
    ),
    "card.disclosure": ("公開範囲", "Disclosure"),
    "card.openings": ("求人数：{n}名", "Openings: {n}"),
    "card.status": ("状態: {status}", "Status: {status}"),
    "card.added": ("登録日 {date}", "Added {date}"),
    # ------------------------------------------------------------------ job sheet
    "sheet.position": ("{n}/{count}件目", "{n} of {count}"),
    "sheet.loading": ("求人票を読み込んでいます…", "Loading the job sheet…"),
    "sheet.failed": (
        "求人票を読み込めませんでした。{reason} F5 でもう一度読み込みます。",
        "The job sheet could not be loaded. {reason} Press F5 to try again.",
    ),
    "sheet.not_open": (
        "この求人は{status}のため表示できません。",
        "This posting is {status} and cannot be shown.",
    ),
    "sheet.hint": (
        "↑↓・PageUp/PageDown でスクロールします。",
        "Scroll with ↑↓ and PageUp/PageDown. The sheet is in Japanese, as Hello Work prints it.",
    ),
    "sheet.saved": ("求人票を保存しました: {path}", "Job sheet saved: {path}"),
    "sheet.save_failed": (
        "保存できませんでした（{reason}）。",
        "Could not save the file ({reason}).",
    ),
    "sheet.save_kiosk": (
        "共用端末（キオスクモード）ではファイルに保存できません。",
        "Saving to a file is disabled on a shared terminal (kiosk mode).",
    ),
    # ------------------------------------------------------------------ checks and favorites
    "checks.limit": (
        "チェックできるのは50件までです。ほかの求人のチェックを外してから選んでください。",
        "You can check at most 50 postings. Uncheck another one first.",
    ),
    "checks.none": (
        "チェックした求人はありません。検索結果で Space を押すとチェックできます。",
        "No postings are checked. Press Space on a search result to check it.",
    ),
    "checks.title": ("チェックした求人一覧", "Checked postings"),
    "checks.count": ("{count}件（最大50件）", "{count} (at most 50)"),
    "fav.title": ("お気に入り求人", "Favorite postings"),
    "fav.count": ("{count}件（最大{limit}件）", "{count} (at most {limit})"),
    "fav.none": (
        "お気に入りはまだありません。求人票や検索結果で F を押すと保存できます。",
        "No favorites yet. Press F on a result or a job sheet to add one.",
    ),
    "fav.loading": ("お気に入りを読み込んでいます…", "Loading favorites…"),
    "fav.failed": (
        "お気に入りを読み込めませんでした。{reason} F5 でもう一度読み込みます。",
        "Favorites could not be loaded. {reason} Press F5 to try again.",
    ),
    "fav.expired_mark": ("【掲載終了・{status}】", "[ENDED: {status}]"),
    "fav.cannot_open": (
        "この求人は{status}のため、求人票を表示できません。D で一覧から削除できます。",
        "This posting is {status}; its job sheet cannot be shown. Press D to remove it.",
    ),
    "fav.hint": (
        "↑↓ で選び、Enter で求人票、D で削除します。",
        "↑↓ to choose, Enter for the job sheet, D to remove.",
    ),
    "fav.remove_confirm": (
        "お気に入りから「{title}」（求人番号 {number}）を削除しますか？",
        "Remove “{title}” (job number {number}) from your favorites?",
    ),
    "fav.removed": ("お気に入りから削除しました: {number}", "Removed from favorites: {number}"),
    "fav.saving": ("お気に入りに保存しています…", "Saving to favorites…"),
    "fav.result": (
        "お気に入りに保存しました: 新規 {added}件／登録済み {already}件"
        "／上限のため保存できず {refused}件／見つからず {missing}件（合計 {total}/{limit}件）",
        "Saved to favorites: {added} new / {already} already there / {refused} refused "
        "by the limit / {missing} not found (total {total} of {limit})",
    ),
    "fav.added_one": ("お気に入りに保存しました: {number}", "Added to favorites: {number}"),
    "fav.already_one": (
        "この求人はすでにお気に入りにあります: {number}",
        "Already in favorites: {number}",
    ),
    # ------------------------------------------------------------------ saved conditions
    "saved.title": ("保存した検索条件", "Saved search conditions"),
    "saved.home_title": ("保存した検索条件", "Saved search conditions"),
    "saved.none": (
        "保存した条件はありません。求人検索画面で F2 を押すと保存できます（3件まで）。",
        "No saved conditions. Press F2 on the search screen to save some (up to 3).",
    ),
    "saved.count": ("{count}/3件", "{count} of 3"),
    "saved.hint": (
        "↑↓ で選び、Enter で検索。R で名前変更、E で編集、D で削除します。",
        "↑↓ to choose, Enter to search. R renames, E edits, D deletes.",
    ),
    "saved.home_hint": (
        "Enter でその条件で検索します。S で保存した条件の管理画面を開きます。",
        "Enter searches with it. S opens the saved conditions screen.",
    ),
    "saved.item": ("{title}　[検索]", "{title}  [Search]"),
    "saved.loading": ("保存した条件を読み込んでいます…", "Loading saved conditions…"),
    "saved.save_failed": (
        "検索条件を保存できませんでした。{reason}",
        "The search conditions could not be saved. {reason}",
    ),
    "saved.change_failed": (
        "保存した条件を変更できませんでした。{reason}",
        "The saved conditions could not be changed. {reason}",
    ),
    "saved.failed": (
        "保存した条件を読み込めませんでした。{reason}",
        "Saved conditions could not be loaded. {reason}",
    ),
    "saved.prompt_title": ("検索条件を保存", "Save the search conditions"),
    "saved.prompt_rename": ("名前を変更", "Rename"),
    "saved.prompt_hint": (
        "タイトルを入力して Enter（30文字まで）。Esc でやめます。",
        "Enter a title and press Enter (up to 30 characters). Esc cancels.",
    ),
    "saved.done": ("検索条件「{title}」を保存しました。", "Saved the conditions “{title}”."),
    "saved.updated": ("検索条件「{title}」を更新しました。", "Updated the conditions “{title}”."),
    "saved.delete_confirm": (
        "検索条件「{title}」を削除しますか？",
        "Delete the saved conditions “{title}”?",
    ),
    "saved.deleted": ("検索条件「{title}」を削除しました。", "Deleted the conditions “{title}”."),
    "saved.full": (
        "検索条件は3件まで保存できます。「保存した条件」画面（F4）で不要なものを削除してください。",
        "Up to 3 conditions can be saved. Delete one on the saved conditions screen (F4).",
    ),
    "saved.summary_none": ("（条件なし）", "(no conditions)"),
}

STRINGS: Final[dict[str, tuple[str, str]]] = {**_ENUMS, **_SEARCH}

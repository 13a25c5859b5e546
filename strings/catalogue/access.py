"""Strings of getting around by keys and reading the screen: the results table, the jump
overlay, jump-to-page, key remapping and plain mode: key → (ja, en)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, tuple[str, str]]] = {
    # ------------------------------------------------------------------ results table
    "row.monthly": ("月", "mo"),
    "row.hourly": ("時", "hr"),
    "row.to": ("〜", "–"),
    "row.synthetic": ("【架空】", " [synthetic]"),
    "row.col.employment": ("雇用形態", "Type"),
    "row.col.wage": ("賃金", "Wage"),
    "row.employment.regular": ("正社員", "Regular"),
    "row.employment.non_regular": ("正社員以外", "Non-reg."),
    "row.employment.dispatch_fixed": ("派遣(有期)", "Dispatch"),
    "row.employment.dispatch_open": ("派遣(無期)", "Dispatch"),
    "row.employment.part_time_worker": ("パート", "Part-time"),
    "row.employment.dispatch_fixed_part": ("派遣パート", "Disp. part"),
    "row.employment.dispatch_open_part": ("派遣パート", "Disp. part"),
    "results.key.view": ("一覧/カード切替", "Table/cards"),
    "results.view.table": ("一覧表示", "Table view"),
    "results.view.cards": ("カード表示", "Card view"),
    "results.table_hint": (
        "↑↓ で選び、Enter で求人票。選んだ求人の内容は一覧の下に表示されます。",
        "↑↓ to choose, Enter for the job sheet; the chosen posting is shown below.",
    ),
    "results.key.goto": ("ページ指定", "Go to page"),
    "results.page_title": ("ページを指定して表示", "Go to a page"),
    "results.page_label": ("ページ番号", "Page number"),
    "results.page_hint": (
        "1〜{pages} の数字を入力して Enter（いまは {page} ページ目）。Esc で取消。",
        "Type a number from 1 to {pages} and press Enter (now on page {page}). Esc cancels.",
    ),
    "results.page_invalid": (
        "ページ番号は 1〜{pages} の数字で入力してください。",
        "Page number: type a number from 1 to {pages}.",
    ),
    # ------------------------------------------------------------------ jump overlay
    "jump.key.cancel": ("取消", "Cancel"),
    "jump.prompt": (
        "移動したい項目に表示された文字のキーを押してください（Esc で取消）。",
        "Press the key shown on the control to move there (Esc cancels).",
    ),
    "jump.hint": (
        "「{typed}」に続く文字のキーを押してください（Esc で取消）。",
        "“{typed}” typed: press the next key of the label (Esc cancels).",
    ),
    "jump.prompt_more": (
        "移動したい項目に表示された文字のキーを押してください。画面の外にある項目（{n}件）"
        "は Space で一覧を表示します（Esc で取消）。",
        "Press the key shown on the control to move there. Space lists the {n} controls "
        "off the screen too (Esc cancels).",
    ),
    "jump.listing": (
        "この画面のすべての項目です。キーを押すとその項目へ移動します（↑↓ で一覧を送る、"
        "Space で戻る、Esc で取消）。",
        "Every control of this screen: press a key to move there (↑↓ scroll the list, "
        "Space goes back, Esc cancels).",
    ),
    "jump.key.list": ("一覧", "All controls"),
    "jump.off_screen": ("（画面外）", " (off screen)"),
    "jump.name.menu": ("メニュー", "Menu"),
    "jump.name.page": ("画面の本文（↑↓ でスクロール）", "The page (↑↓ scroll it)"),
    "jump.unnamed": ("（名前のない項目）", "(unnamed control)"),
    "jump.none": (
        "この画面には移動できる項目がありません（Esc で閉じます）。",
        "Nothing on this screen takes the focus (Esc closes this).",
    ),
    # ------------------------------------------------------------------ F1: the focused control
    "help.control_keys": ("この項目で使えるキー", "Keys of this control"),
    "help.control.cards": ("検索結果の一覧", "The list of results"),
    "help.name.Input": ("入力欄", "Text field"),
    "help.name.TextArea": ("文章の入力欄", "Text box"),
    "help.name.OptionList": ("一覧", "List"),
    "help.name.TickBox": ("チェックボックス", "Check box"),
    "help.name.Checkbox": ("チェックボックス", "Check box"),
    "help.name.RadioButton": ("選択肢", "Option"),
    "help.name.RadioSet": ("選択肢の組", "Options"),
    "help.name.Select": ("選択欄", "Drop-down"),
    "help.name.SelectCurrent": ("選択欄", "Drop-down"),
    "help.name.CollapsibleTitle": ("開閉できる見出し", "Section heading"),
    "help.name.PushButton": ("ボタン", "Button"),
    "help.name.Button": ("ボタン", "Button"),
    "help.name.MenuPane": ("メニュー", "Menu"),
    "help.name.LinkList": ("リンク", "Links"),
    "help.name.VerticalScroll": ("表示欄", "Text view"),
    "help.kind.Input": (
        "文字を入力します。← → でカーソル移動、Home/End で先頭/末尾、Enter で確定します。",
        "Type here. ← → move the cursor, Home/End go to the start/end, Enter submits.",
    ),
    "help.kind.TextArea": (
        "文章を入力します（Enter で改行）。Tab で次の項目へ移ります。",
        "Type text (Enter starts a new line). Tab moves to the next control.",
    ),
    "help.kind.OptionList": (
        "↑ ↓ で選び、Enter で開きます。PageUp/PageDown で1画面ずつ、Home/End で先頭/末尾へ。",
        "↑ ↓ choose, Enter opens. PageUp/PageDown move a screenful, Home/End the first/last.",
    ),
    "help.kind.TickBox": (
        "Space または Enter でチェックを付けたり外したりします。",
        "Space or Enter ticks or unticks it.",
    ),
    "help.kind.Checkbox": (
        "Space または Enter でチェックを付けたり外したりします。",
        "Space or Enter ticks or unticks it.",
    ),
    "help.kind.RadioButton": (
        "Space または Enter でこの選択肢を選びます。",
        "Space or Enter chooses this option.",
    ),
    "help.kind.RadioSet": (
        "← → または ↑ ↓ で選択肢を移り、Space または Enter で選びます。",
        "← → or ↑ ↓ move between the options, Space or Enter chooses one.",
    ),
    "help.kind.Select": (
        "Enter で一覧を開き、↑ ↓ で選んで Enter で決定します（Esc で閉じる）。",
        "Enter opens the list, ↑ ↓ choose, Enter confirms (Esc closes it).",
    ),
    "help.kind.SelectCurrent": (
        "Enter で一覧を開き、↑ ↓ で選んで Enter で決定します（Esc で閉じる）。",
        "Enter opens the list, ↑ ↓ choose, Enter confirms (Esc closes it).",
    ),
    "help.kind.CollapsibleTitle": (
        "Enter で中の項目を開いたり閉じたりします。",
        "Enter opens or closes the section under it.",
    ),
    "help.kind.PushButton": ("Enter または Space で実行します。", "Enter or Space presses it."),
    "help.kind.Button": ("Enter または Space で実行します。", "Enter or Space presses it."),
    "help.kind.MenuPane": (
        "↑ ↓ で選び Enter、または項目の数字キーで開きます。",
        "↑ ↓ choose and Enter opens, or press an entry's digit.",
    ),
    "help.kind.LinkList": (
        "↑ ↓ でリンクを選び、Enter で開きます。",
        "↑ ↓ choose a link, Enter follows it.",
    ),
    "help.kind.VerticalScroll": (
        "↑ ↓ と PageUp/PageDown で読み進めます。Home/End で先頭/末尾へ。",
        "↑ ↓ and PageUp/PageDown scroll, Home/End go to the start/end.",
    ),
}

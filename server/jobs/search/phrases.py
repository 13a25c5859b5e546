"""Frequent job-ad phrases indexed as whole tokens.

A long word is a phrase of its bigrams, and when every one of those bigrams is common
("未経験者歓迎" = 未経 経験 験者 者歓 歓迎, each in about half of all postings) the index
has to walk five long position lists to answer it. The phrases below are written in
postings all the time, so a posting also carries each of them that occurs inside one of its
runs as a single token, and the query uses that token instead of the bigram phrase.

The answer is identical either way: the token is emitted exactly when the phrase is a
substring of a run, which is exactly when its bigram phrase matches (runs are kept apart in
the positional column). Tests check the two paths against each other. Changing this list
changes the index: rebuild it (`hellowork demo-data`, or re-index) after editing.
"""

from __future__ import annotations

from server.jobs.search.grams import normalise, runs

_RAW = (
    # conditions written in almost every posting
    "未経験者歓迎",
    "未経験者",
    "未経験",
    "経験者優遇",
    "経験不問",
    "学歴不問",
    "資格不問",
    "年齢不問",
    "社会保険完備",
    "社会保険",
    "資格取得支援",
    "資格取得支援制度",
    "週休二日制",
    "完全週休二日制",
    "土日祝休み",
    "残業なし",
    "残業少なめ",
    "車通勤可",
    "車通勤可能",
    "マイカー通勤可",
    "交通費支給",
    "賞与あり",
    "昇給あり",
    "正社員登用",
    "ブランク",
    "ブランクのある方も歓迎",
    "シフト制",
    "研修期間",
    "制服貸与",
    "子育て",
    "ＵＩＪターン歓迎",
    "ＵＩＪターン",
    "６０歳以上",
    "扶養内",
    "日勤のみ",
    "夜勤なし",
    "夜勤あり",
)

# 事業所名: the legal forms, in a large share of all names (株式会社 in about half), carried
# as one company token each (tokens.company_tokens) on the same terms as PHRASES.
_COMPANY_RAW = (
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "医療法人",
    "医療法人社団",
    "医療法人財団",
    "社会福祉法人",
    "学校法人",
    "宗教法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "特定非営利活動法人",
    "独立行政法人",
    "協同組合",
    "事業協同組合",
    "農業協同組合",
    "生活協同組合",
)

PHRASES: frozenset[str] = frozenset(normalise(p) for p in _RAW)
COMPANY_PHRASES: frozenset[str] = frozenset(normalise(p) for p in _COMPANY_RAW)
assert all(len(list(runs(p))) == 1 and len(p) >= 3 for p in PHRASES | COMPANY_PHRASES)


def phrases_in_run(run: str) -> list[str]:
    """The listed phrases that occur inside one run (normalised text)."""
    return [p for p in PHRASES if p in run]


def company_phrases_in_run(run: str) -> list[str]:
    """The legal forms (COMPANY_PHRASES) that occur inside one run of a 事業所名."""
    return [p for p in COMPANY_PHRASES if p in run]

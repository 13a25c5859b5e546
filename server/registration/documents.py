"""The privacy policy and terms of use shown (in full) before a MyPage is opened.

Written for this synthetic service; Japanese is authoritative, English is a translation.
"""

from __future__ import annotations

from datetime import date

from api_client.profile_models import Document, DocumentKind

VERSION = "2026-11-01"
EFFECTIVE = date(2026, 11, 1)

_PRIVACY_JA = """\
ハローワークインターネットサービス（架空）プライバシーポリシー

本サービスは、職業安定法その他の関係法令に基づき、求職者マイページ（以下「マイページ」）の
運営に必要な範囲で利用者の個人情報を取り扱います。本サービスは架空のものであり、表示される
求人はすべて架空データです。

1. 取得する情報
  (1) アカウント情報：メールアドレス、パスワード（復元できない形でのみ保存します）
  (2) 求職登録情報：氏名、フリガナ、生年月日、性別、住所、電話番号、希望する仕事・勤務地・
      賃金、学歴・資格、職歴、自己PR
  (3) 利用記録：ログイン日時、ワンタイムパスワード省略を設定した端末の情報、検索条件、
      お気に入り、応募・メッセージの記録

2. 利用目的
  (1) 本人確認、ログイン、認証キー・ワンタイムパスワードの送信
  (2) 求人情報の提供、職業紹介、職業相談、特集求人の配信
  (3) 登録内容の確認・変更の受付、登録の有効期限の管理
  (4) 不正利用の防止、障害対応、統計（個人を識別できない形に限ります）

3. 第三者提供
  法令に基づく場合を除き、本人の同意なく第三者に提供しません。求職情報提供の設定で同意した
  場合に限り、同意した範囲（地方自治体・地方版ハローワーク、民間人材ビジネス）に提供します。
  同意はいつでも「求職者情報」から取り消せます。

4. 安全管理
  通信は暗号化し、パスワードは不可逆な方式で、認証キー等は鍵付きハッシュで保存します。
  アクセスは業務上必要な職員に限ります。

5. 保存期間
  求職登録が無効になってから5年以内に再度の求職申込みがない場合、マイページ（登録情報を
  含む）を消去します。メッセージは送受信から1年で消去します。退会後30日を過ぎたアカウントは
  再登録できません。

6. 開示・訂正・利用停止
  登録情報はマイページの「求職者情報」で確認・訂正できます。その他の請求は最寄りの
  ハローワークで受け付けます。

7. 改定
  本ポリシーを改定する場合は、本サービス上で事前にお知らせします。
"""

_PRIVACY_EN = """\
Hello Work Internet Service (synthetic) — Privacy Policy

This service handles users' personal information only as far as needed to run the job-seeker
MyPage, in line with the Employment Security Act and related laws. The service is synthetic
and every job posting shown is synthetic data.

1. Information we collect
  (1) Account: e-mail address and password (stored only in a form that cannot be reversed)
  (2) Registration: name, reading of the name, birth date, gender, address, phone numbers,
      desired work, place and wage, education and licences, work history, self-PR
  (3) Usage: sign-in times, devices that skip the one-time password, saved conditions,
      favourites, applications and messages

2. Purposes
  (1) identifying you, signing in, sending authentication keys and one-time passwords
  (2) providing job information, placement, counselling and the weekly featured postings
  (3) viewing and changing your registration and managing its validity
  (4) preventing abuse, handling failures, statistics (never identifying a person)

3. Disclosure to third parties
  Never without your consent, except where the law requires it. Only if you consent in the
  registration (local governments / local Hello Work, private employment agencies) is your
  information shared with them; you can withdraw consent at any time in your profile.

4. Security
  Connections are encrypted, passwords are stored with a one-way hash and keys with a keyed
  hash. Only staff who need it for their work can access the data.

5. Retention
  The MyPage and its data are deleted when no new application is made within 5 years after the
  registration became invalid. Messages are deleted 1 year after they were sent or received.
  An account withdrawn more than 30 days ago cannot be re-registered.

6. Access, correction and suspension
  You can view and correct your registration under "Profile"; other requests are handled at
  your nearest Hello Work office.

7. Changes
  Changes to this policy are announced in the service beforehand.
"""

_TERMS_JA = """\
ハローワークインターネットサービス（架空）求職者マイページ利用規約

第1条（目的）本規約は、求職者マイページ（以下「マイページ」）の利用条件を定めます。
マイページは、ハローワークを利用して就職活動を行う方に、求人情報の検索・閲覧など仕事探しに
必要なサービスを提供します。本サービスは架空のものです。

第2条（アカウント）ログインID（メールアドレス）とパスワードは利用者の責任で管理し、第三者に
開示、貸与、譲渡してはなりません。パスワードは半角の数字・英字・記号をすべて含む8文字以上
32文字以内とします。

第3条（求職登録の有効期間）求職登録は、登録日の翌々月末日まで有効です。ハローワークへの
来所・連絡または応募により延長されます。無効の間は、マイページ内での求人検索、検索条件・
お気に入りの保存、紹介状の確認、メッセージ、オンラインハローワーク紹介を利用できません。

第4条（オンライン自主応募）オンライン自主応募はハローワークの職業紹介に当たらず、これを要件と
する給付・助成金の対象外です。応募に伴うトラブルは当事者間で解決するものとします。面接不参加が
3か月で5件以上となった場合、一部の機能を制限し、解除にはハローワークへの来所が必要です。

第5条（禁止事項）虚偽の登録、他人へのなりすまし、業務の運営を著しく妨げる行為を禁止します。
違反した場合、マイページを利用不可とすることがあります。

第6条（退会・消去）利用者はいつでも退会できます。退会から30日以内は同じメールアドレスと
パスワードで再登録できます。求職登録が無効となってから5年以内に再度の求職申込みがない場合、
マイページは自動的に消去されます。

第7条（免責）システムの保守・障害により、予告なくサービスを停止することがあります。

第8条（準拠法・管轄）本規約には日本法を適用し、紛争は利用者の求職申込みを受理した
ハローワークの所在地を管轄する裁判所を専属的合意管轄とします。
"""

_TERMS_EN = """\
Hello Work Internet Service (synthetic) — Terms of Use of the Job-seeker MyPage

Art. 1 (Purpose) These terms govern the use of the job-seeker MyPage, which offers people
looking for work through Hello Work the services they need, such as searching and reading job
postings. The service is synthetic.

Art. 2 (Account) You are responsible for your login ID (e-mail address) and password and must
not disclose, lend or transfer them. A password has 8 to 32 characters and contains half-width
digits, letters and symbols.

Art. 3 (Validity of the registration) A registration is valid until the last day of the month
after next, and is extended by visiting or contacting Hello Work or by an application. While it
is invalid, searching inside the MyPage, saving conditions and favourites, referral letters,
messages and online Hello Work referral are unavailable.

Art. 4 (Online self-application) An online self-application is not a Hello Work referral and
does not qualify for benefits or subsidies that require one; disputes are settled between the
parties. Five or more interview no-shows within 3 months restrict some features until you
visit an office.

Art. 5 (Prohibited acts) False registration, impersonation and seriously obstructing the
service are prohibited and may lead to the MyPage being disabled.

Art. 6 (Withdrawal and deletion) You may withdraw at any time and re-register with the same
e-mail address and password within 30 days. The MyPage is deleted automatically when no new
application is made within 5 years after the registration became invalid.

Art. 7 (Disclaimer) The service may stop without notice for maintenance or failures.

Art. 8 (Law and jurisdiction) Japanese law applies; the court for the place of the Hello Work
office that accepted your application has exclusive jurisdiction.
"""

DOCUMENTS: dict[DocumentKind, Document] = {
    DocumentKind.privacy: Document(
        kind=DocumentKind.privacy,
        version=VERSION,
        effective_date=EFFECTIVE,
        title_ja="プライバシーポリシー",
        body_ja=_PRIVACY_JA,
        title_en="Privacy Policy",
        body_en=_PRIVACY_EN,
    ),
    DocumentKind.terms: Document(
        kind=DocumentKind.terms,
        version=VERSION,
        effective_date=EFFECTIVE,
        title_ja="利用規約",
        body_ja=_TERMS_JA,
        title_en="Terms of Use",
        body_en=_TERMS_EN,
    ),
}

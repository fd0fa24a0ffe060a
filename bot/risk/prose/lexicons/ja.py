"""Japanese. No spaces: entries match over character spans (削除, 消して, 無効化);
what follows the verb says whether it is past (削除した, 削除されました) or
negated (削除しないで, 削除禁止). Latin words are matched as whole words."""

from bot.risk.prose.lexicon import (
    ADMIN_ROLES,
    AI_SITES,
    AI_TOOLS,
    CONTROL_PRODUCTS,
    DATA_STORES,
    FORCE_PUSH,
    GATE_SETTINGS,
    PAGERS,
    PORT_SPECS,
    SECRET_FILES,
    SOCIAL_SITES,
    TEMPLATE_FILES,
    WIDE_CHANNELS,
    lexicon,
)


def _latin(word: str) -> str:
    return rf"(?<![a-z]){word}(?![a-z])"


LEXICON = lexicon(
    "ja",
    spaced=False,
    # … and a passive in a chain ("誤って X が実行され、…切れました"): told, never asked
    past_after=(
        r"^(?:を)?(?:し|さ)?(?:ました|た(?!め)|てしまった|てしまいました|れた|れました|ちゃった|済み"
        # not "無効化されていることを確認して" / "されておいて": a state asked for
        r"|れ(?:、|,|て(?![いおくも])))"
    ),
    entries={
        "destroy": (
            "吹っ飛ば",  # coverage audit: 本番DBを吹っ飛ばして
            "ぶっ飛ば",
            # a console cancels a contract or terminates instances, and what they hold goes
            "解約",
            r"(?:インスタンス|サーバー?|vm|ec2|ノード)\S{0,14}?終了(?=して|させ|する|します|しま|で)",
            r"(?:ディスク|ドライブ|ボリューム|パーティション)(?:を|は)?(?:全部|すべて)?フォーマット",
            "トランケート",
            "削除",
            r"潰し(?=て|ちゃ|とい|ておい|ます)",  # 本番クラスタを潰して
            # not 打ち消し (a revert) or 取り消し (a cancellation)
            # every stem form of 消す: 消さ(ないと), 消し(て), 消す, 消せ, 消そ(う)
            r"(?<!打ち)(?<!取り)消[さしすせそ]",
            "消去",
            "破棄",
            "廃棄",
            "抹消",
            "空に",
            "一掃",
            "撤去",
            "取り除",
            "ドロップ",
            "パージ",
            "捨て",
        ),
        "reset": (
            "作り直",
            "再作成",
            "再構築",
            "初期化",
            "リセット",
            "ゼロから",
            "やり直",
            "上書き",
        ),
        "disable": (
            # 「全サービスにメンテナンスウィンドウを設定」: その間は何も通知されない
            r"メンテナンス(?:ウィンドウ|ウインドウ|期間)",
            r"(?:カウント|検知|検出)モードに",
            "無効化",
            r"(?:保持|保存|保管)期間\S{0,10}?(?:短縮|短く|減ら|縮め)",  # retention cut
            "無効に",
            "オフに",
            r"オフ(?=で)",  # 今月いっぱいオフで
            "止め",
            "停止",
            "ミュート",
            "切っ",
            "切る",
            r"切ら(?=な|ず)",  # 切らなきゃ, 切らないと
            "外し",
            r"外[さす](?!か|ぐ)",  # 外さないと, 外す
            "解除",
            "アンインストール",
        ),
        "bypass": ("回避", "バイパス", "迂回", "スキップ", "すり抜け", "無視", "飛ばし"),
        "grant": (
            "譲渡",
            "移譲",
            r"持たせ(?=て|る|ます|ておいて|とい)",  # coverage audit: 管理者権限を持たせて
            r"に(?:して|する)",
            r"に(?:変更|設定|昇格)",
            "付与",
            "与え",
            r"権限を(?:渡|あげ)",
            r"付け(?=て|る|ます|ておいて)",  # 権限を付けてあげて
            "昇格",
            "割り当て",
            "追加",
        ),
        "share": (
            r"(?<![a-z])cc(?:で|に)(?:入れ|追加)",  # CCで入れて
            r"(?:パブリック|公開)\S{0,8}?(?:可能|状態)?に(?:して|する|設定|変更)",
            # 全員が閲覧できるように設定: a setting that lets everyone read
            r"(?:閲覧|アクセス|編集|ダウンロード)できる(?:ように|状態に)",
            r"(?:見られる|見れる|読める)(?:ように|状態に)",  # 誰でも見られるようにして
            # not content already published ("FAQの公開記事", "公開済みのページ"): what it is
            r"(?<!非)公開(?!済|中の|記事|ページ|情報|資料|文書|ドキュメント|版)",
            # 共有チャンネル, 共有フォルダ: a shared place named, not a verb (it is a destination)
            r"共有(?!チャンネル|フォルダ|ドライブ|スペース)",
            "招待",
            "追加",
        ),
        "move": (
            # saved into a personal place (「個人の Dropbox に保存して」), not the vault
            r"個人[^、。\n]{0,16}?に保存(?=して|し(?:と|て|ま)|する|お願い|ください)",
            r"自分の[^、。\n]{0,16}?に保存(?=して|し(?:と|て|ま)|する|お願い|ください)",
            r"私用[^、。\n]{0,16}?に保存(?=して|し(?:と|て|ま)|する|お願い|ください)",
            r"自宅[^、。\n]{0,16}?に保存(?=して|し(?:と|て|ま)|する|お願い|ください)",
            # coverage audit (issue 19)
            r"添付(?=して|し(?:て|と|ま)|する|お願い|ください)",
            # told to someone: a password said is a password sent ("パスワードを教えて")
            r"教え(?=て|と|ろ|る|ておいて|ちゃ|ましょう|ます)",  # パスワードを教えてあげて
            r"載せ(?=て|と|ておいて|ちゃ|ましょう|ます)",  # ブログに載せて
            r"流し(?=て|と|ておいて|ちゃ|ましょう|ます)",  # Slackに流して
            "コピペ",
            r"移(?:して|す|動)",
            "追記",
            "記載",
            "書き込",
            "送信",
            "送って",
            "送る",
            r"送ら(?=な|ず)",  # 送らなきゃ, 送らないと (must send)
            r"送り(?!先|状|主)",  # the masu stem of keigo: お送りいただけますか
            r"送っと(?=いて|く|け)",  # colloquial ておく: 送っといて
            r"貼っと(?=いて|く|け)",
            r"(?<!受け)渡し(?=て|いただ|ください|ます|願)",  # お渡しください
            "送付",
            "貼り付け",
            "貼って",
            "ペースト",
            "アップロード",
            # アップしといて (upload), not バックアップ or セットアップ
            r"(?<![\u30a0-\u30ff])アップ(?=して|しと|しておい|する|します|お願い)",
            "コピー",
            "転送",
            "投稿",
            "入力",
            "渡して",
            "持ち出",
            # "出力を課題にコメントして": posted as a comment where the ticket's readers see it
            r"コメント(?=して|し(?:て|ま)|する|を(?:付け|つけ|書)|お願い|ください)",
            "ピン留め",
        ),
        "open": (
            r"開け(?=ましょう|ます|ちゃ|とい)",  # coverage audit: 開けましょう
            r"(?:挿|差)(?:して|す|しと|し込)",  # plug in a device
            "開いて",
            "開く",
            r"開け(?:て|る|ておいて)",  # ポートを開けて
            "開放",
            # "0.0.0.0/0 からポート 3306 を許可して": a source let in (not 許可を求める, a request
            # for permission, nor 許可が必要, a warning)
            r"を許可(?=して|する|し|します)",
            r"(?:スマホ|端末|pc|パソコン|サーバー?)に入れ(?:て|る)",  # install on a device
            "開封",
            r"(?:つなが|繋が|接続でき)るように",  # 誰でもつながるようにして
            r"を入れ(?=て|る|ます|ておいて)",  # AnyDeskを入れてあげて: install it
            "有効に",
            "有効化",
            "実行",
            "インストール",
            "起動",
        ),
        "data": (
            # internal pricing: confidential business data
            r"(?:社内|内部)(?:価格|原価|単価)",
            _latin(DATA_STORES.removesuffix("(?![a-z])")),
            r"(?<![a-z])crm(?![a-z])",
            r"リモート(?:の|側の)?[a-z0-9._\-]{0,20}タグ",  # リモートのv3.2.0タグ
            "リモートブランチ",
            r"(?<![a-z])tags?(?![a-z])",
            "データベース",
            _latin("db"),
            "スキーマ",
            "台帳",
            "元帳",
            "データセット",
            "データ(?!ベース)",
            "バケット",
            "レコード",
            "リポジトリ",
            "履歴",
        ),
        "data_weak": (
            # the records a business console holds (CRM, support, recruiting)
            "連絡先",
            "チケット",
            "会話",
            "問い合わせ",
            "応募者",
            "候補者",
            "商談",
            r"仮想マシン",
            r"(?<![a-z])vms?(?![a-z])",
            "ディスク",
            "ノード",  # VMs and their disks
            "録画",
            "録音",
            "議事録",
            "ノートブック",
            "スライド",
            "ダッシュボード",
            "テーブル",
            "ファイル",
            "フォルダ",
            "ブランチ",
            "ドキュメント",
            "資料",
            "シート",
            "リスト",
            "一覧",  # a list of records ("メールアドレスの一覧をExcelで")
            "エクセル",
            r"(?<![a-z])(?:excel|csv|xlsx)(?![a-z])",
            "レポート",
            "サーバ",
            "インスタンス",
            "サービス",
            "環境",
            "プロジェクト",
            "ボリューム",
            r"チャンネル(?!に|へ|で)",  # "チャンネルに貼って": where it goes, not what
            "ログ(?!イン)",
        ),
        "system": (
            "クラスタ",
            "インフラ",
            "ロードバランサ",  # the edge of a service
            "vpc",
            r"dnsゾーン",
            "名前空間",
            "ネームスペース",
            "テナント",
            "組織",
            "サブスクリプション",
            "kubernetes",
        ),
        "backup": (
            "バージョン履歴",
            "版の履歴",
            "以前のバージョン",
            "ごみ箱",
            "ゴミ箱",
            "復旧ポイント",
            "復元ポイント",
            "バックアップ",
            "スナップショット",
            "保管庫",
            "ボールト",
            "ポイントインタイム",
            _latin("pitr"),
            "レプリカ",
            "保持期間",
            "バージョニング",
            "リカバリ",
        ),
        "control": (
            *CONTROL_PRODUCTS,
            _latin(r"guard\s*duty"),
            _latin(r"security\s*hub"),
            _latin("siem"),
            "条件付きアクセス",
            "サインインリスク",
            "リスク検出",
            "脅威検出",
            "侵入検知",
            "スキャン",
            "サンドボックス検査",
            "デバイス制御",
            _latin("dlp"),  # not inside a name ("Pipedrive")
            _latin("edr"),
            "センサー",
            _latin("mfa"),
            _latin("2fa"),
            "二要素",
            "2要素",
            "二段階",
            "2段階",
            "多要素",
            "認証",
            "監査",
            "ログ記録",
            "ファイアウォール",
            "ウイルス対策",
            "暗号化",
            "保護",
            "セキュリティ(?!グループ)",  # not the cloud firewall (a network object of its own)
            _latin("sso"),
        ),
        "gate": (
            *GATE_SETTINGS,
            r"必須(?:の)?(?:ステータス)?チェック",
            "マージ前",
            # "パイプラインが成功しなければマージできない": a rule that blocks merging
            r"しな(?:ければ|いと)マージ",
            "レビュー",
            "承認",
            "codeowners",
        ),
        "secret": (
            r"(?<!公開)鍵",
            "キー",
            "パスワード",
            "シークレット",
            "トークン",
            "認証情報",
            "証明書",
            "秘密",
            # a whole environment printed ("printenv no pod … e cola tudo"): every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            r"(?<![\w.])\.env(?![\w.])",
            *SECRET_FILES,
        ),
        "pii": (
            r"ユーザー(?:テーブル|データ|情報|一覧)",  # coverage audit: the users' records
            # a whole set of people's records ("応募者全員", "会員名簿", "患者リスト")
            r"(?:応募者|候補者|患者|生徒|学生|会員|リード|購読者|寄付者|見込み客|受講者)"
            r"(?:全員|全件|の?(?:リスト|名簿|一覧|データベース|台帳))",
            "社外秘",
            "部外秘",
            "人事",
            "診療",
            "役員",
            "法務",
            "患者",
            "顧客",
            "個人情報",
            "給与",
            "給料",
            "従業員",
            "社員名簿",
            "医療",
            "カルテ",
            "パスポート",
            "クレジットカード",
            "住所",
            "電話番号",
            "氏名",
            "名簿",
            r"会員(?:データ|テーブル|リスト|一覧|情報)",
            "マイナンバー",
            "契約書",
            "請求書",
            "機密",
        ),
        "people": (
            # 全顧客、全ユーザー: the whole population
            r"全(?:顧客|ユーザー?|会員|社員|従業員|患者|取引先|契約者|利用者|お客様|登録者|購読者)",
            r"(?:すべて|全て|全部)の(?:顧客|ユーザー?|会員|社員|従業員|患者|利用者|お客様|問い合わせ|"
            r"チケット|会話)",
            # a table of people named by its English name ("usersテーブル", "customers テーブル")
            r"(?:users|customers|members|employees|contacts|patients|subscribers)\s*(?:テーブル|表|コレクション)",
            r"(?:顧客|ユーザー?|会員|社員|従業員|患者|利用者)(?:の)?(?:全件|全員|マスタ|台帳|テーブル)",
        ),
        "governed": (
            r"(?:社内|自社)の?(?:データウェアハウス|dwh|データレイク|snowflake|bigquery)(?:に|へ)(?:取り込|ロード|連携)",
        ),
        "admin": (
            # every record's read-write or admin rights (「全ての連絡先の読み書き権限」)
            r"すべての[^、。\n]{0,20}?(?:読み書き|編集|管理|アクセス)権",
            r"全ての[^、。\n]{0,20}?(?:読み書き|編集|管理|アクセス)権",
            r"全[^、。\n]{0,20}?の(?:読み書き|編集|管理|アクセス)権",
            # not an admin role scoped to one area (アプリ管理者, プロジェクト管理者)
            r"管理者(?<!アプリ管理者)(?<!プロジェクト管理者)(?<!チャンネル管理者)(?<!グループ管理者)"
            r"(?<!ライセンス管理者)(?<!ヘルプデスク管理者)",
            "オーナー",
            "所有者",
            "スーパーユーザー",
            "root権限",
            "フルアクセス",
            "全権限",
            r"(?:すべて|全て|全)の?データの(?:編集|参照|表示)",  # Salesforce, in Japanese
            *ADMIN_ROLES,
        ),
        "untrusted": (
            "拾った",
            "駐車場",
            "落ちていた",
            "を名乗る",
            "自称",
            "フォーラム",
            # ネット上の見知らぬ人・場所（掲示板、知らない人、ネットで拾った）
            "掲示板",
            "知らない人",
            "見知らぬ",
            r"ネットで(?:拾|見つけ)",
            r"crx|xpi|vsix",
            # ストア外から読み込む拡張機能・アプリ
            # （デベロッパーモード、パッケージ化されていない、サイドロード）
            "デベロッパーモード",
            "開発者モード",
            "パッケージ化されていない",
            "サイドロード",
            r"\.?apk",
            "マクロ",
            "コンテンツの有効化",
            "コンテンツを有効",
            "知らない人",
            r"知らない(?=\S{0,6}(?:送信者|差出人|相手|担当|アカウント|番号|業者|サイト))",
            "見知らぬ",
            "不審",
            "怪しい",
            "フィッシング",
            "不明な送信者",
            "送信元不明",
            "未検証",
            r"\.exe(?![a-z])",
            # cracked, pirated or unofficial software
            "クラック",
            "海賊版",
            "キージェン",
            r"非公式の(?:ツール|パッケージ|インストーラ|パッチ)",
        ),
        "prod": ("本番", "プロダクション", _latin("prod")),
        "bulk": (
            "全件",
            # every customer, member, employee ("全顧客", "全会員")
            r"全(?=顧客|ユーザ|会員|社員|従業員|患者|利用者|お客様|取引先)",
            "全て",
            "すべて",
            "全部",
            "全体",
            "丸ごと",
            "一括",
        ),
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"(?<!からの)(?:すべて|全て)の(?:受信|インバウンド|着信)(?:トラフィック|通信|接続)",
            r"(?:受信|インバウンド)(?:トラフィック|通信)を(?:すべて|全て)",
            # the company's own site
            r"(?:自社|当社|弊社|会社|公式|企業)の?(?:ウェブサイト|ホームページ|サイト)",
            r"(?<!社内)ブログ",
            # a port forwarded on a router: reachable from the internet
            r"ポート(?:転送|フォワード|フォワーディング|マッピング)(?:を|の)?(?:設定|追加|有効)(?=し|する|して)",
            "匿名アクセス",
            r"0\.0\.0\.0/0",
            r"::/0",
            r"(?<!非)公開",
            "インターネット",
            "誰でも",
            "パブリック",
            "リンクを知っている",
            "全世界",
            r"(?:すべて|全て|任意|どこ)の\s*(?:ip|アドレス|送信元)",  # 任意のIPに開放
            "どこからでも",
            *SOCIAL_SITES,
        ),
        "everyone": ("全員", "全社", "社員全員", "#general", *WIDE_CHANNELS),
        "external": (
            "販売店",
            "リセラー",
            "ディストリビューター",
            "卸業者",
            # someone the writer knows outside the company, and their firm
            r"(?:友人|友達|知り合い|知人|親戚|元同僚)",
            r"コンサル(?:会社|ティング)",
            "法律事務所",
            "監査法人",
            "税理士",
            "代理店",
            "外部",
            "委託先",
            "業者",
            "ベンダー",
            "取引先",
            "パートナー",
            "コンサルタント",
            "協力会社",
            "社外",
            "第三者",
            "フリーランス",
            "外注",
            "先方",
            "広告会社",
        ),
        "personal": (
            "私物",  # coverage audit: 私物のPC
            # one's own computer: the data leaves the systems that guard it
            r"(?:自分|自宅)の?(?:ノート)?(?:pc|パソコン)",
            "個人の",
            r"個人(?:メール|アドレス|アカウント|端末|スマホ|pc)",
            "個人用",
            "私用",
            "プライベート",
            "自宅",
            "gmail",
            _latin("usb"),
            "dropbox",
        ),
        "ai": (
            r"文字起こし\S{0,4}?(?:サイト|サービス|ツール|アプリ)",
            r"(?:オンライン|無料)の?\S{0,10}?(?:サイト|ツール|サービス)",
            r"要約(?:サイト|ツール|サービス)",
            *AI_SITES,
            *AI_TOOLS,
            _latin("ai"),
            "chatgpt",
            "翻訳サイト",
            "オンライン翻訳",
            "deepl",
            "チャットボット",
        ),
        "messaging": (
            _latin("line"),
            "whatsapp",
            "テレグラム",
            "telegram",
            _latin("signal"),
            _latin("sms"),
            "ショートメール",
            "メッセンジャー",
            "wechat",
        ),
        "workspace": (
            # a console's list of domains whose people may join (許可ドメインに追加)
            "許可ドメイン",
            "許可済みドメイン",
            "承認済みドメイン",
            "信頼済みドメイン",
            "ワークスペース",
            r"slack\s*connect",
            "共有チャンネル",
            "ゲスト",
        ),
        "declined": (
            "いいえ",
            r"やめ(?:ておき|とき)?ましょう",
            r"(?:やめた|しない)ほうが(?:いい|良い)",
            r"(?:私は|僕は)?(?:そう|よく)?は?思いません",
        ),
        "warning": (r"(?:承認|許可|申請|稟議)が(?:必要|要ります|いります)",),
        "nonprod": (
            r"(?:開発|テスト|試験|検証|ステージング|サンドボックス|デモ)(?:用|環境)",
            r"ステージング(?!検)",
        ),
        "neg_before": ("絶対に(?=[^。]*(?:ない|な|禁止))",),
        "along": (
            r"も(?:一緒に|併せて|あわせて)(?=\S{0,4}(?:削除|消|破棄|解約|終了))",
            r"ごと(?=[をにで]?(?:全部|すべて|まとめて)?[\u4e00-\u9fff\u30a0-\u30ff])",
            "も含めて",
            "ともども",
        ),
        "neg_after": (
            r"(?:の|こと)は(?:絶対に)?(?:やめ|控え|避け)",
            "しないで",
            "しない",
            "ないで",
            r"ない(?:よう|こと)",
            r"(?<!しれ)ません",  # not かもしれません (maybe)
            "てはいけ",
            r"ては(?:だめ|ダメ|いけ)",
            r"ちゃ(?:だめ|ダメ)",
            "禁止",
            "厳禁",
            "べからず",
            r"なくても(?:いい|良い|よい|大丈夫|構わ|かまわ)",  # 削除しなくてもいい: no need
            r"(?<=[\u3041-\u3093])ずに",  # 書き換えずに, 消さずに: without doing it
            "せずに",
            "せず",  # 有効にせず保護ビューで開いて: without doing it, before the next act
            r"(?<=[\u3041-\u3093])ず(?=[、。]|$)",  # 送らず、…: the plain negative stem
            r"(?:は|も)?不要",  # ダウンロードは不要です: not wanted
            r"必要(?:は|も)?(?:ない|なし|ありません)",  # 削除する必要はない
            "代わりに",
            "ではなく",
            "のではなく",
        ),
        "affirm": (
            "忘れずに",
            # an obligation: 削除しなければなりません, 消さないといけない (must)
            r"なければ(?:なら|なり|いけ)|なくては(?:なら|なり|いけ)|ないと(?:いけ|だめ|ダメ)|なきゃ",
            # a request as a negative question: オフにしてくれませんか (not しないでくれませんか)
            r"(?<!ないで)(?:くれ|もらえ|いただけ)ません(?:か|でしょうか)",
        ),
        "hypothetical": (
            # a consequence that may follow: "削除すると…消えるかもしれません"
            # (not "もしかすると…かもしれません": "perhaps", a hedge, not a consequence)
            r"(?<!もしか)(?:すると|したら|すれば|されると)[^。？！]{0,40}?(?:かもしれ|恐れ|おそれ|可能性)",
            "仮に",
            "例えば",
            "たとえば",
            "としたら",
            "とすれば",
            "どうなり",
            "どうなる",
        ),
        "conditional": ("もし",),
        "cause": (r"(?:ので|ため|から)、",),
        "report": (
            r"昨日(?!の)",  # "yesterday's commit" reports nothing
            r"先週(?!の)",
            r"先月(?!の)",
            r"原因(?!を(?:聞|調|探|特定|教))",  # not "原因を聞いて" (ask for the cause)
            "障害(?!報告|レポート)",  # "障害報告書" is a document
            "インシデント(?!報告|レポート)",
            "事後",
            "ポストモーテム",
            "誤って",
            "うっかり",
            "間違って",
        ),
        "local": (
            r"サンドボックス(?!検査|分析)",
            "ローカル",
            "手元",
            r"一時的な(?:検証|テスト|開発)?(?:用の?)?(?:環境|クラスタ|[a-z0-9]+クラスタ)",
            r"検証用の一時的な",
            r"個人の?(?:検証|テスト|開発)",  # 個人の検証用クラスタ
            "自分のpc",
            "自分のパソコン",
            "ノートpc",
            "ラップトップ",
            "localhost",
        ),
        "exception": ("例外",),
        "export": (
            "吸い出",  # coverage audit
            "持ち帰",
            "持ち出",
            "エクスポート",
            "ダウンロード",
            "抽出",
            "書き出",
            r"落と(?=して|しといて|しておいて)",  # CSVで落として: download it
            # a recurring export set up ("定期エクスポートを設定", "毎晩連携するジョブを作成")
            r"(?:定期|毎日|毎晩|毎週|自動)(?:的な)?(?:エクスポート|出力|連携|転送)",
        ),
        "alerting": (
            *PAGERS,
            "モニター",
            "モニタ",
            "アラート",
            "アラーム",
            "監視",
            "通知",
        ),
        "network": (
            r"ファイアウォール(?:の)?ルール",  # coverage audit
            # not サポート, エクスポート, インポート, レポート: a katakana word of its own
            r"(?<![\u30a0-\u30ff])ポート",
            r"\d{2,5}番(?:ポート)?",  # 5432番
            _latin("ssh"),
            _latin("rdp"),
            "ファイアウォールルール",
            "セキュリティグループ",
            *PORT_SPECS,
        ),
        "channel": (
            "チャンネル",
            r"(?:slack|teams|discord)(?:で|に|上)",
            "(?<!セキュリティ)(?<!リソース)グループ",  # not a cloud firewall or resource group
            r"チケット(?!を(?:起票|作成|切))",
            r"(?:backlog|jira|zendesk)の?課題",
            r"(?<![a-z0-9_#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
        ),
        "own_space": (r"個人の?(?:検証|テスト|開発)", r"自分の(?:検証|テスト|開発)"),
        "fields": (
            "氏名",
            "名前",
            "メールアドレス",
            "電話番号",
            "住所",
            "生年月日",
            "マイナンバー",
            "給与",
            "口座番号",
        ),
        "inside": (
            "社内用",
            "社内の",
            "社外秘",
            "機密",
            "極秘",
            "生データ",
            "利益率",
            "粗利",
            "原価",
            "仕入れ値",
            "顧客別",
            "売上",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"[（(][^（）()\n]{1,30}?(?:ではなく|じゃなく|は除く|を除く|以外)[）)]",
            # masked before it goes: "Authorization の値とホスト名を *** に置き換えた"
            r"[^、。，]{1,30}?を\s*\W{0,2}(?:\*{2,}|x{3,}|伏せ字)\W{0,2}\s*に(?:置き換え|置換|差し替え)",
            r"[^、。，]{1,30}?を(?:マスク|黒塗り|伏せ字に)し",
            r"[^、。，\s]{1,12}?(?:を|は|も)?(?:含まない|含めない|含めず|含まず|除いた|除外した|削除した"
            r"|消した|伏せた|マスクした|抜いた)",
        ),
        "owned": (
            r"社内(?:の)?",
            r"自社(?:の)?",
        ),
        "sanitized": (
            # the structure only: table definitions, no rows
            r"(?:テーブル定義|スキーマ|ddl|構造)(?:だけ|のみ)",
            r"(?:データ|行)(?:は|を)?(?:含めず|含まない|入れず)",
            # masked before it goes: "…を *** に置き換えたもの"
            r"\*{2,}\W{0,2}\s*に(?:置き換え|置換|差し替え)た",
            # a template: variable names and placeholders, no values
            "プレースホルダー",
            r"(?:変数名|キー名)(?:だけ|のみ)",
            *TEMPLATE_FILES,
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"(?:承認済み|公開済み|既に公開|すでに公開)",
            "発表済み",
            "公表済み",
            r"個人情報を含まない",
            r"(?:列名|項目名|ヘッダー)のみ",
            r"公開済み",
            r"公開されている",
            r"削除した版",
            r"伏せた",
            "匿名化",
            "集計",
            "サンプル",
            "マスク",
            "ダミー",
            "合成データ",
            "テストデータ",
            "架空",
            "件数",
            # a status page is made to be read by anyone
            "ステータスページ",
            "何件",
        ),
        "dedicated": (
            "専用",
            "新しい",
            "新しく",
            r"(?:1password|bitwarden|keeper)",  # a password manager's shared vault
            "新規",
        ),
        "recipient": (
            "先方",
            "彼ら",
            "相手",
        ),
        "rewrite": ("書き換え", "書き直", "改ざん"),
        "ref": (
            r"(?:main|master|リリース|共有|リモート|本番)(?:の)?\s*ブランチ",
            "リリースタグ",
            r"リモート\S{0,3}タグ",
            "バージョンタグ",
            r"release/[\w.\-]+",
        ),
        "service": ("サービス", "アプリ"),
        "shared": ("リモート", "共有", "origin", "upstream", "保護"),
        "brief": (
            r"[0-9０-９一二三四五六七八九十]+\s*(?:時間|分間?)(?:だけ)?",
            "デプロイ中",
            "メンテナンス中",
        ),
        "hold": ("リーガルホールド", "訴訟ホールド", "legal hold", "訴訟保全"),
        "public_part": ("公開鍵", "public key"),
        "pointer": (r"(?:申請|依頼)(?:方法|手順|フォーム|ページ)",),
        # 書き手が許可を求める (「削除してもよいか」「止めてもいいですか」)
        "permission": (
            # not "削除してもいいかもしれません" (it might be fine to delete: a suggestion)
            r"[てで]も(?:よい|いい|良い|よろしい|大丈夫)(?:です|でしょう)?か(?!も)",
            r"[てで](?:よい|良い)(?:です|でしょう)?か(?!も)",
        ),
        "request": ("てもらえ", "てくれ", "ていただけ", "てください", "お願い"),
        "lasting": (
            r"[0-9０-９一二三四五六七八九十]+\s*(?:週間|年)",
            "来四半期",
            "来月まで",
            "半年",
            "無期限",
            "恒久",
            r"[0-9一二三四五六七八九十]+\s*(?:か月|ヶ月|カ月)",
        ),
        "reported": (
            r"ように(?:言われ|頼まれ|求められ)",
            # a request reported ("渡してほしいと依頼がありました")
            r"(?:て|で)(?:ほしい|欲しい|もらいたい|いただきたい)(?:と|って)(?:の)?"
            r"(?:依頼|要望|連絡|相談|言われ|頼まれ|求められ|お願いされ)",
        ),
        "history": (
            *FORCE_PUSH,
            "強制プッシュ",
            r"force\s*push",
        ),
        "email": ("メール",),
        # before a sending verb: the value a command printed ("出力を", "結果を", "それを")
        # before a removal verb: what goes is a role, access or a membership, not the thing
        "access_part": (
            r"(?:権限|ロール|アクセス権?|メンバーシップ|招待|管理者|オーナー|メンバー)(?:から|を)?$",
        ),
        # before a sending verb: a fact about a secret, not the secret ("Vaultパスだけを")
        "metadata": (
            r"(?:パス(?!ワード)|名前|名称|バージョン(?:番号|情報)?|日時|日付|有効期限|作成日|arn|ラベル|タイトル)",
            r"(?:キー名|変数名|項目名|キーの一覧|キー一覧)",
        ),
        "output": ("環境変数", "出力", "結果", "値", "中身", "それ", "内容"),
        # an object named before the verb: another thing is sent ("レポートを送って")
        "determiner": ("を",),
        # the post or article itself, or its readers: a publication named before
        # 公開するためのもの: 登壇スライド、プレスキット、ロゴ、求人票、手順動画、コード片、
        # 合成データ、オフィスアワーの予定
        # running machines and pods: all stopped at once in production, the service is down
        "workload": (
            "サーバー",
            "サーバ",
            "インスタンス",
            "ポッド",
            "ノード",
            "コンテナ",
            "仮想マシン",
            _latin("pod"),
            _latin("vm"),
        ),
        # a question about who may act ("誰が本番データベースを削除できるか"): 誰が … up to the act
        "holders": (
            r"(?:誰|だれ|どの(?:ユーザー|ロール|アカウント|グループ|人))が[^。！？\n]{0,40}$",
        ),
        "taken_up": (
            r"(?:その通りに|そのまま|言われた通りに)(?:やって|して|実行して)",
            r"(?:やって|実行して)(?:ください|おいて|ね)?(?=[。！]|$)",
        ),
        "public_content": (
            "登壇資料",
            r"(?:ウェビナー|セミナー|カンファレンス)(?:の)?(?:スライド|資料)",
            "プレスキット",
            "ロゴ",
            "求人票",
            "募集要項",
            "手順動画",
            "コード片",
            "サンプルコード",
            "合成データ",
            "オフィスアワー",
            "パンフレット",
            "よくある質問",
            "リリースノート",
            "ユーザーマニュアル",
            "取扱説明書",
            "ステータスページ",
            "公開価格表",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"バックアップ(?:は|を)?(?:もう|すでに|既に)?(?:取得済み|取りました|取った|取ってあ|作成済み|作成しました|完了)",
        ),
        "publication": (
            "記事",
            "読者",
        ),
        "pronoun": ("それ", "これ", "あれ"),
        # the file itself asks for the act when opened ("開くとマクロの有効化を求めてくる")
        "prompted": (
            r"(?:開く|開いた|起動する|起動した)(?:と|たら|際に|時に)、?[^。\n]{0,30}?(?:有効化|許可|実行)を(?:求め|要求|促)",
        ),
        "contracted": (
            r"契約済みの",
            r"委託契約(?:に基づく|の範囲で|で定めた)",
            r"(?:取り決め|合意)(?:済み)?の(?:経路|チャネル|方法)",
        ),
        "contained": (
            r"保護ビューで",
            r"サンドボックス(?:で|内で|の中で)",
            r"(?:メモ帳|テキストエディタ|エディタ)で",
        ),
        "limited": (
            "閲覧権限",
            "読み取り権限",
            "閲覧のみ",
            "読み取り専用",
            "期限付き",
        ),
        # not the setting kept inside the company (「リンクを知っている社内の全員」)
        "link": (
            r"リンクを知っている(?![^」』、。\n]{0,12}?(?:社内|組織内|社員|従業員|メンバー))",
        ),
        # a quoted setting changed from: "de «Cualquier persona con el enlace» a …"
        "withdrawn": (r"から$",),
        # right after the destination: where the thing came from ("取引先を名乗る人から届いた")
        "source": (r"[^、。，,\n]{0,8}?(?:から|より)(?:の|メール|届|来|送ら|受け|転送さ)",),
    },
    examples={
        "contracted": ("社内契約済みの", "委託契約に基づく"),
        "prompted": ("開くとマクロの有効化を求め",),
        "governed": ("社内のDWHに取り込",),
        "people": ("全顧客", "usersテーブル", "すべての問い合わせ"),
        "contained": ("保護ビューで", "メモ帳で"),
        "workload": ("サーバーをすべて", "インスタンス"),
        "holders": ("誰が本番データベースを",),
        "excluded": ("（.envではなく）",),
        "taken_up": ("。そのまま実行して", "。やってください。"),
        "fields": ("氏名・電話番号入り",),
        "inside": ("社内用の顧客リスト", "顧客別売上"),
        "public_content": (
            "ウェビナーのスライド",
            "オフィスアワー",
            "製品パンフレット",
            "リリースノート",
        ),
        "safeguard": ("バックアップは取得済み",),
        "declined": ("いいえ", "やめておきましょう", "しないほうがいい"),
        "source": ("を名乗る人からメールで届いた", "から届いた"),
        "public": (
            "すべての受信トラフィック",
            "ポート転送を設定して",
        ),
        "destroy": ("バックアップを削除して", "顧客データを消して"),
        "reset": ("本番データベースを作り直して",),
        "disable": ("二要素認証を無効化", "アラートをミュート"),
        "grant": ("管理者権限を付与",),
        "move": ("署名鍵をlineで送って", "ai翻訳に貼り付け"),
        "messaging": ("lineで",),
        "neg_after": ("削除しないでください",),
    },
)

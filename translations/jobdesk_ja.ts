<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>DialogHooks</name>
    <message>
        <source>JobDesk</source>
        <translation>JobDesk</translation>
    </message>
</context>
<context>
    <name>FixtureLoader</name>
    <message>
        <source>roles must be an array</source>
        <translation>roles は配列でなければなりません</translation>
    </message>
    <message>
        <source>%1 needs an &quot;arn&quot; such as arn:aws:iam::123456789012:role/Name</source>
        <translation>%1 には arn:aws:iam::123456789012:role/Name のような &quot;arn&quot; が必要です</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 は文字列でなければなりません</translation>
    </message>
    <message>
        <source>%1 must be 3600 to 43200 seconds</source>
        <translation>%1 は 3600～43200 秒の範囲でなければなりません</translation>
    </message>
    <message>
        <source>%1 must be an array of access key IDs</source>
        <translation>%1 はアクセスキー ID の配列でなければなりません</translation>
    </message>
    <message>
        <source>%1 is not a role key</source>
        <translation>%1 はロールで使用できるキーではありません</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 はオブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>%1.%2 must be a non-empty string</source>
        <translation>%1.%2 は空でない文字列でなければなりません</translation>
    </message>
    <message>
        <source>Cannot read the fixtures file %1: %2</source>
        <translation>フィクスチャファイル %1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>The fixtures are not a JSON object</source>
        <translation>フィクスチャが JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>credentials must be an array</source>
        <translation>credentials は配列でなければなりません</translation>
    </message>
    <message>
        <source>each credential needs an accessKeyId and a secretAccessKey</source>
        <translation>各認証情報には accessKeyId と secretAccessKey が必要です</translation>
    </message>
    <message>
        <source>actionTypes must be an array</source>
        <translation>actionTypes は配列でなければなりません</translation>
    </message>
    <message>
        <source>region must be a string</source>
        <translation>region は文字列でなければなりません</translation>
    </message>
    <message>
        <source>%1 is not a fixtures key</source>
        <translation>%1 はフィクスチャで使用できるキーではありません</translation>
    </message>
    <message>
        <source>jobs must be an array of job objects</source>
        <translation>jobs はジョブオブジェクトの配列でなければなりません</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>ジョブ %1: %2</translation>
    </message>
    <message>
        <source>a job must be a JSON object</source>
        <translation>ジョブは JSON オブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>state must be one of Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed</source>
        <translation>state は Created、Queued、Dispatched、InProgress、TimedOut、Succeeded、Failed のいずれかでなければなりません</translation>
    </message>
    <message>
        <source>details must be a JSON object</source>
        <translation>details は JSON オブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>%1 is not a job key</source>
        <translation>%1 はジョブで使用できるキーではありません</translation>
    </message>
    <message>
        <source>details.id differs from jobId</source>
        <translation>details.id が jobId と異なります</translation>
    </message>
    <message>
        <source>a job needs a jobId (or details.id)</source>
        <translation>ジョブには jobId（または details.id）が必要です</translation>
    </message>
    <message>
        <source>a job needs a clientToken</source>
        <translation>ジョブには clientToken が必要です</translation>
    </message>
    <message>
        <source>a job needs a nonce (or details.nonce)</source>
        <translation>ジョブには nonce（または details.nonce）が必要です</translation>
    </message>
    <message>
        <source>a job needs an actionTypeId (or details.data.actionTypeId)</source>
        <translation>ジョブには actionTypeId（または details.data.actionTypeId）が必要です</translation>
    </message>
    <message>
        <source>buckets must be an array</source>
        <translation>buckets は配列でなければなりません</translation>
    </message>
    <message>
        <source>%1 needs a &quot;name&quot;</source>
        <translation>%1 には &quot;name&quot; が必要です</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string</source>
        <translation>%1 は空でない文字列でなければなりません</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 は true か false でなければなりません</translation>
    </message>
    <message>
        <source>%1 is not a bucket key</source>
        <translation>%1 はバケットのキーではありません</translation>
    </message>
    <message>
        <source>objects must be an array</source>
        <translation>objects は配列でなければなりません</translation>
    </message>
    <message>
        <source>%1 needs a &quot;bucket&quot;, a &quot;key&quot;, and a &quot;file&quot; or a &quot;text&quot;</source>
        <translation>%1 には &quot;bucket&quot; と &quot;key&quot;、そして &quot;file&quot; か &quot;text&quot; のどちらかが必要です</translation>
    </message>
    <message>
        <source>%1 is not an object key</source>
        <translation>%1 はオブジェクトのキーではありません</translation>
    </message>
    <message>
        <source>objects[%1].file: cannot read %2</source>
        <translation>objects[%1].file: %2 を読み取れません</translation>
    </message>
    <message>
        <source>sso must be an object with &quot;accounts&quot;</source>
        <translation>sso は「accounts」を持つオブジェクトでなければなりません</translation>
    </message>
    <message>
        <source>sso takes only an &quot;accounts&quot; array</source>
        <translation>sso に指定できるのは「accounts」配列だけです</translation>
    </message>
    <message>
        <source>%1 needs a 12-digit &quot;accountId&quot;</source>
        <translation>%1 には 12 桁の「accountId」が必要です</translation>
    </message>
    <message>
        <source>%1.roles must be an array of names</source>
        <translation>%1.roles は名前の配列でなければなりません</translation>
    </message>
</context>
<context>
    <name>JobDocument</name>
    <message>
        <source>The JSON is nested more than %1 levels deep; no CodePipeline job is.</source>
        <translation>JSON の入れ子が %1 階層を超えています。CodePipeline のジョブがこれほど深くなることはありません。</translation>
    </message>
    <message>
        <source>Open the output of &quot;aws codepipeline get-third-party-job-details&quot; or a JobDesk export.</source>
        <translation>「aws codepipeline get-third-party-job-details」の出力か、JobDesk でエクスポートしたファイルを開いてください。</translation>
    </message>
    <message>
        <source>This is not JSON.</source>
        <translation>JSON ではありません。</translation>
    </message>
    <message>
        <source>The JSON is not an object.</source>
        <translation>JSON がオブジェクトではありません。</translation>
    </message>
    <message>
        <source>Expected an object with a &quot;jobDetails&quot; member.</source>
        <translation>&quot;jobDetails&quot; メンバーを持つオブジェクトが必要です。</translation>
    </message>
    <message>
        <source>The JSON has no &quot;jobDetails&quot; object.</source>
        <translation>JSON に &quot;jobDetails&quot; オブジェクトがありません。</translation>
    </message>
    <message>
        <source>Expected the output of &quot;aws codepipeline get-third-party-job-details&quot;.</source>
        <translation>「aws codepipeline get-third-party-job-details」の出力が必要です。</translation>
    </message>
    <message>
        <source>(no job ID)</source>
        <translation>（ジョブ ID なし）</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>貼り付け</translation>
    </message>
    <message>
        <source>The JSON&apos;s &quot;activity&quot; is not a list of objects.</source>
        <translation>JSON の「activity」がオブジェクトのリストではありません。</translation>
    </message>
    <message>
        <source>Open a JobDesk export as it was written, or remove its &quot;activity&quot; member.</source>
        <translation>JobDesk のエクスポートを書き出されたままの状態で開くか、その「activity」メンバーを削除してください。</translation>
    </message>
    <message>
        <source>polled</source>
        <translation>ポーリング</translation>
    </message>
</context>
<context>
    <name>jobdesk::InputCheck</name>
    <message>
        <source>%1 (NUL)</source>
        <translation>%1 (NUL)</translation>
    </message>
    <message>
        <source>%1 (tab)</source>
        <translation>%1（タブ）</translation>
    </message>
    <message>
        <source>%1 (line break)</source>
        <translation>%1（改行）</translation>
    </message>
    <message>
        <source>%1 (carriage return)</source>
        <translation>%1（キャリッジリターン）</translation>
    </message>
    <message>
        <source>%1 (space)</source>
        <translation>%1（スペース）</translation>
    </message>
    <message>
        <source>%1 (no-break space)</source>
        <translation>%1（ノーブレークスペース）</translation>
    </message>
    <message>
        <source>%1 is empty; enter a value.</source>
        <translation>%1 が空です。値を入力してください。</translation>
    </message>
    <message>
        <source>%1 contains a control character, %2; remove it.</source>
        <translation>%1 に制御文字 %2 が含まれています。削除してください。</translation>
    </message>
    <message>
        <source>%1 starts or ends with a space; remove the spaces around it.</source>
        <translation>%1 の先頭または末尾にスペースがあります。前後のスペースを削除してください。</translation>
    </message>
    <message>
        <source>%1 contains a space, %2; it cannot have any.</source>
        <translation>%1 にスペース %2 が含まれています。スペースは使用できません。</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1 が長すぎます。%2 文字ありますが、最大 %3 文字です。</translation>
    </message>
    <message>
        <source>%1 is too short: %2 characters, at least %3.</source>
        <translation>%1 が短すぎます。%2 文字しかありませんが、%3 文字以上必要です。</translation>
    </message>
    <message>
        <source>%1 must be one of: %2.</source>
        <translation>%1 は次のいずれかでなければなりません: %2。</translation>
    </message>
    <message>
        <source>%1 “%2” does not have the form the service expects (%3).</source>
        <translation>%1「%2」は、サービスが想定する形式ではありません (%3)。</translation>
    </message>
    <message>
        <source>%1: “%2” is not a region. A region looks like us-east-1, eu-west-2, cn-north-1 or us-gov-west-1.</source>
        <translation>%1: 「%2」はリージョンではありません。リージョンは us-east-1、eu-west-2、cn-north-1、us-gov-west-1 のような形式です。</translation>
    </message>
    <message>
        <source>%1: “%2” is not an absolute URL; start it with https:// or http://, as in %3.</source>
        <translation>%1: 「%2」は絶対 URL ではありません。%3 のように https:// または http:// で始めてください。</translation>
    </message>
    <message>
        <source>%1: “%2” uses %3://; only https:// and http:// are allowed.</source>
        <translation>%1: 「%2」は %3:// を使用しています。使用できるのは https:// と http:// だけです。</translation>
    </message>
    <message>
        <source>%1: “%2” is not a valid URL (%3).</source>
        <translation>%1: 「%2」は有効な URL ではありません (%3)。</translation>
    </message>
    <message>
        <source>%1: “%2” has no host name; write it as in %3.</source>
        <translation>%1: 「%2」にホスト名がありません。%3 のように入力してください。</translation>
    </message>
    <message>
        <source>%1 must not contain a user name or password (the part before “@”); requests are signed with the profile&apos;s keys.</source>
        <translation>%1 にユーザー名やパスワード（「@」より前の部分）を含めることはできません。リクエストはプロファイルのキーで署名されます。</translation>
    </message>
    <message>
        <source>%1 must not contain a “#” fragment; remove “#%2”.</source>
        <translation>%1 に「#」フラグメントを含めることはできません。「#%2」を削除してください。</translation>
    </message>
    <message>
        <source>%1 must be a number of seconds, not “%2”.</source>
        <translation>%1 には「%2」ではなく秒数を指定してください。</translation>
    </message>
    <message>
        <source>%1 cannot be negative (%2); give a number of seconds, or 0 for no timeout.</source>
        <translation>%1 に負の値 (%2) は指定できません。秒数を指定するか、タイムアウトなしにする場合は 0 を指定してください。</translation>
    </message>
    <message>
        <source>%1 can be at most %2 seconds, not %3.</source>
        <translation>%1 は最大 %2 秒です。%3 は指定できません。</translation>
    </message>
    <message>
        <source>%1: the file %2 does not exist.</source>
        <translation>%1: ファイル %2 が存在しません。</translation>
    </message>
    <message>
        <source>%1: %2 is a folder; choose the PEM file in it.</source>
        <translation>%1: %2 はフォルダーです。その中の PEM ファイルを選択してください。</translation>
    </message>
    <message>
        <source>%1: the file %2 cannot be read (%3).</source>
        <translation>%1: ファイル %2 を読み取れません (%3)。</translation>
    </message>
    <message>
        <source>%1: %2 holds no PEM certificate (a block starting with “-----BEGIN CERTIFICATE-----”).</source>
        <translation>%1: %2 に PEM 証明書（「-----BEGIN CERTIFICATE-----」で始まるブロック）が含まれていません。</translation>
    </message>
    <message>
        <source>%1 “%2” is not an access key ID: those are 16 to 128 letters and digits, such as AKIAIOSFODNN7EXAMPLE.</source>
        <translation>%1「%2」はアクセスキー ID ではありません。アクセスキー ID は AKIAIOSFODNN7EXAMPLE のような 16～128 文字の英数字です。</translation>
    </message>
</context>
<context>
    <name>jobdesk::ProcessHardening</name>
    <message>
        <source>Could not set the core file size limit to 0: %1</source>
        <translation>コアファイルのサイズ上限を 0 に設定できませんでした: %1</translation>
    </message>
    <message>
        <source>Could not mark the process as not dumpable: %1</source>
        <translation>プロセスをダンプ不可に設定できませんでした: %1</translation>
    </message>
    <message>
        <source>Secrets held by this process could end up in a core dump.</source>
        <translation>このプロセスが保持するシークレットがコアダンプに書き出されるおそれがあります。</translation>
    </message>
    <message>
        <source>Could not turn off crash reporting dialogs: %1</source>
        <translation>クラッシュ報告ダイアログを無効にできませんでした: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::app::DemoSession</name>
    <message>
        <source>Cannot read the demo jobs %1: %2</source>
        <translation>デモ用のジョブ %1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>The demo endpoint could not start: %1</source>
        <translation>デモ用のエンドポイントを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Sample jobs served by JobDesk itself at %1</source>
        <translation>JobDesk 自身が %1 で提供するサンプルジョブ</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ArchiveExtractor</name>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>「%1」に書き込めません: %2</translation>
    </message>
    <message>
        <source>Extraction cancelled; the files it had written were removed.</source>
        <translation>展開を中止しました。書き込み済みのファイルは削除されました。</translation>
    </message>
    <message>
        <source>would be written through the existing symbolic link &quot;%1&quot;</source>
        <translation>は既存のシンボリックリンク「%1」を経由して書き込まれることになります</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a file, not a folder</source>
        <translation>「%1」はフォルダーではなくファイルです</translation>
    </message>
    <message>
        <source>a symbolic link is in the way</source>
        <translation>シンボリックリンクが邪魔をしています</translation>
    </message>
    <message>
        <source>a file is in the way of a folder</source>
        <translation>フォルダーの位置にファイルがあります</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>フォルダーを作成できません</translation>
    </message>
    <message>
        <source>appears twice in the archive</source>
        <translation>がアーカイブ内に2回現れます</translation>
    </message>
    <message>
        <source>Nothing was extracted: the archive would unpack to more than %1 bytes (reached at &quot;%2&quot;).</source>
        <translation>何も展開されませんでした: アーカイブを展開すると %1 バイトを超えます（「%2」で到達）。</translation>
    </message>
    <message>
        <source>Extract fewer entries, or raise the limit if the artifact is known to be this large.</source>
        <translation>展開する項目を減らすか、アーティファクトが本当にこの大きさなら上限を引き上げてください。</translation>
    </message>
    <message>
        <source>would be written through the archive&apos;s symbolic link &quot;%1&quot;</source>
        <translation>はアーカイブ内のシンボリックリンク「%1」を経由して書き込まれることになります</translation>
    </message>
    <message>
        <source>lies under &quot;%1&quot;, which is a file</source>
        <translation>はファイルである「%1」の下にあります</translation>
    </message>
    <message>
        <source>is a symbolic link to &quot;%1&quot;, outside the folder</source>
        <translation>はフォルダー外の「%1」を指すシンボリックリンクです</translation>
    </message>
    <message>
        <source>something other than a folder already has this name</source>
        <translation>この名前のフォルダー以外のものが既にあります</translation>
    </message>
    <message>
        <source>a folder already has this name</source>
        <translation>この名前のフォルダーが既にあります</translation>
    </message>
    <message>
        <source>Nothing was extracted: &quot;%1&quot; already exists.</source>
        <translation>何も展開されませんでした:「%1」は既に存在します。</translation>
    </message>
    <message>
        <source>Choose an empty folder, or allow replacing existing files.</source>
        <translation>空のフォルダーを選ぶか、既存ファイルの置き換えを許可してください。</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>「%1」を開けません: %2</translation>
    </message>
    <message>
        <source>This file is not a zip archive; nothing was extracted.</source>
        <translation>このファイルは zip アーカイブではありません。何も展開されませんでした。</translation>
    </message>
    <message>
        <source>JobDesk lists %1 archives but extracts only zip archives.</source>
        <translation>JobDesk は %1 アーカイブの一覧を表示できますが、展開できるのは zip アーカイブだけです。</translation>
    </message>
    <message>
        <source>Nothing was extracted: the archive holds more than %1 entries.</source>
        <translation>何も展開されませんでした: アーカイブの項目数が %1 を超えています。</translation>
    </message>
    <message>
        <source>the symbolic link in its place cannot be removed</source>
        <translation>その位置にあるシンボリックリンクを削除できません</translation>
    </message>
    <message>
        <source>the file in its place cannot be removed</source>
        <translation>その位置にあるファイルを削除できません</translation>
    </message>
    <message>
        <source>the symbolic link cannot be created</source>
        <translation>シンボリックリンクを作成できません</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ArchiveReader</name>
    <message>
        <source>The archive has no entry named &quot;%1&quot;.</source>
        <translation>アーカイブに「%1」という項目はありません。</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>「%1」を開けません: %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>The archive cannot be read: it is not open for random access.</source>
        <translation>アーカイブを読めません: ランダムアクセス用に開かれていません。</translation>
    </message>
    <message>
        <source>This file is not a zip, tar or tar.gz archive.</source>
        <translation>このファイルは zip、tar、tar.gz のいずれのアーカイブでもありません。</translation>
    </message>
    <message>
        <source>JobDesk recognises archives by their content, not their name; this one starts with none of the known signatures.</source>
        <translation>JobDesk はアーカイブを名前ではなく内容で判別します。このファイルはどの既知のシグネチャでも始まっていません。</translation>
    </message>
    <message>
        <source>Only the entries of a zip archive can be read.</source>
        <translation>読み取れるのは zip アーカイブの項目だけです。</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is a folder, not a file.</source>
        <translation>アーカイブ項目「%1」はファイルではなくフォルダーです。</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is a symbolic link, not a file.</source>
        <translation>アーカイブ項目「%1」はファイルではなくシンボリックリンクです。</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::EntryPath</name>
    <message>
        <source>Nothing was extracted: the archive entry &quot;%1&quot; %2.</source>
        <translation>何も展開されませんでした: アーカイブ項目「%1」%2。</translation>
    </message>
    <message>
        <source>An archive whose names leave the target folder can overwrite files anywhere; ask who produced the artifact.</source>
        <translation>名前が展開先フォルダーの外を指すアーカイブは、任意の場所のファイルを上書きできます。アーティファクトの作成者に確認してください。</translation>
    </message>
    <message>
        <source>has an empty name</source>
        <translation>の名前が空です</translation>
    </message>
    <message>
        <source>has a control character in its name</source>
        <translation>の名前に制御文字が含まれています</translation>
    </message>
    <message>
        <source>has an absolute path</source>
        <translation>は絶対パスです</translation>
    </message>
    <message>
        <source>names a drive</source>
        <translation>はドライブを指定しています</translation>
    </message>
    <message>
        <source>climbs out of the folder with &quot;..&quot;</source>
        <translation>は「..」でフォルダーの外に出ます</translation>
    </message>
    <message>
        <source>has a name made only of dots and spaces, which Windows reads as &quot;..&quot;</source>
        <translation>の名前はドットと空白だけで構成され、Windows では「..」と解釈されます</translation>
    </message>
    <message>
        <source>names the folder itself</source>
        <translation>はフォルダー自体を指しています</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::TarLister</name>
    <message>
        <source>The tar archive is damaged: %1.</source>
        <translation>tar アーカイブが壊れています: %1。</translation>
    </message>
    <message>
        <source>Download the artifact again; if it stays damaged, the action that wrote it produced a broken archive.</source>
        <translation>アーティファクトをもう一度ダウンロードしてください。それでも壊れている場合は、書き込んだアクションが壊れたアーカイブを作成しています。</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>解凍処理を開始できませんでした</translation>
    </message>
    <message>
        <source>the gzip stream is cut short</source>
        <translation>gzip ストリームが途中で切れています</translation>
    </message>
    <message>
        <source>the gzip stream is damaged</source>
        <translation>gzip ストリームが壊れています</translation>
    </message>
    <message>
        <source>an extended header of %1 bytes is larger than any name</source>
        <translation>%1 バイトの拡張ヘッダーは名前としては大きすぎます</translation>
    </message>
    <message>
        <source>it ends inside an extended header</source>
        <translation>拡張ヘッダーの途中で終わっています</translation>
    </message>
    <message>
        <source>it ends inside a header</source>
        <translation>ヘッダーの途中で終わっています</translation>
    </message>
    <message>
        <source>the header after entry %1 has a wrong checksum</source>
        <translation>項目 %1 の次のヘッダーのチェックサムが正しくありません</translation>
    </message>
    <message>
        <source>the size of entry %1 is not a number</source>
        <translation>項目 %1 のサイズが数値ではありません</translation>
    </message>
    <message>
        <source>a pax extended header is malformed</source>
        <translation>pax 拡張ヘッダーの形式が不正です</translation>
    </message>
    <message>
        <source>a pax global header is malformed</source>
        <translation>pax グローバルヘッダーの形式が不正です</translation>
    </message>
    <message>
        <source>it holds more than %1 entries</source>
        <translation>項目数が %1 を超えています</translation>
    </message>
    <message>
        <source>entry %1 has no name</source>
        <translation>項目 %1 に名前がありません</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; declares an impossible size</source>
        <translation>項目「%1」のサイズがあり得ない値です</translation>
    </message>
    <message>
        <source>it ends inside the entry &quot;%1&quot;</source>
        <translation>項目「%1」の途中で終わっています</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ZipDirectory</name>
    <message>
        <source>a checksum does not match</source>
        <translation>チェックサムが一致しません</translation>
    </message>
    <message>
        <source>the zip directory is damaged or cut short</source>
        <translation>zip のディレクトリが壊れているか途中で切れています</translation>
    </message>
    <message>
        <source>the zip file could not be read (error %1)</source>
        <translation>zip ファイルを読めませんでした（エラー %1）</translation>
    </message>
    <message>
        <source>The zip archive is damaged: %1.</source>
        <translation>zip アーカイブが壊れています: %1。</translation>
    </message>
    <message>
        <source>Download the artifact again; if it stays damaged, the action that wrote it produced a broken zip.</source>
        <translation>アーティファクトをもう一度ダウンロードしてください。それでも壊れている場合は、書き込んだアクションが壊れた zip を作成しています。</translation>
    </message>
    <message>
        <source>The zip archive is damaged: its central directory, at the end of the file, is missing or cut short.</source>
        <translation>zip アーカイブが壊れています: ファイル末尾の中央ディレクトリがないか、途中で切れています。</translation>
    </message>
    <message>
        <source>A download cut short loses the end of a zip: download the artifact again.</source>
        <translation>ダウンロードが途中で切れると zip の末尾が失われます。アーティファクトをもう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is encrypted; JobDesk does not decrypt zip entries.</source>
        <translation>アーカイブ項目「%1」は暗号化されています。JobDesk は zip 項目を復号しません。</translation>
    </message>
    <message>
        <source>Decrypt the artifact with the tool that encrypted it.</source>
        <translation>暗号化したツールでアーティファクトを復号してください。</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is compressed with method %2, which JobDesk cannot read.</source>
        <translation>アーカイブ項目「%1」は JobDesk が読めない方式 %2 で圧縮されています。</translation>
    </message>
    <message>
        <source>JobDesk reads stored and deflated entries, which is what CodePipeline writes.</source>
        <translation>JobDesk が読めるのは、CodePipeline が書き込む無圧縮と deflate 圧縮の項目です。</translation>
    </message>
    <message>
        <source>The archive holds more than %1 entries.</source>
        <translation>アーカイブの項目数が %1 を超えています。</translation>
    </message>
    <message>
        <source>Artifacts this large are not shown or extracted.</source>
        <translation>これほど大きなアーティファクトは表示も展開もしません。</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; declares an impossible size</source>
        <translation>項目「%1」のサイズがあり得ない値です</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be opened (%2)</source>
        <translation>項目「%1」を開けません（%2）</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>解凍処理を開始できませんでした</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; holds more data than the %2 bytes it declares; the archive is damaged or built to fill the disk (a zip bomb).</source>
        <translation>アーカイブ項目「%1」には宣言された %2 バイトを超えるデータがあります。アーカイブが壊れているか、ディスクを埋め尽くすよう作られています（zip 爆弾）。</translation>
    </message>
    <message>
        <source>Do not extract this artifact; ask who produced it.</source>
        <translation>このアーティファクトは展開せず、作成者に確認してください。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; does not decompress</source>
        <translation>項目「%1」を解凍できません</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be read (%2)</source>
        <translation>項目「%1」を読めません（%2）</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; ends after %2 of its %3 bytes</source>
        <translation>項目「%1」は %3 バイト中 %2 バイトで終わっています</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; fails its CRC-32 check</source>
        <translation>項目「%1」は CRC-32 検査に失敗しました</translation>
    </message>
    <message>
        <source>the symbolic link &quot;%1&quot; has a target longer than %2 bytes</source>
        <translation>シンボリックリンク「%1」のリンク先が %2 バイトより長くなっています</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ZipWriter</name>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>「%1」を読めません: %2</translation>
    </message>
    <message>
        <source>Cannot write the zip &quot;%1&quot;: %2</source>
        <translation>zip「%1」を書き込めません: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a symbolic link; choose the file or folder it points to.</source>
        <translation>「%1」はシンボリックリンクです。リンク先のファイルまたはフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>存在しません</translation>
    </message>
    <message>
        <source>The zip &quot;%1&quot; cannot be written inside the folder being zipped.</source>
        <translation>zip「%1」は、圧縮対象のフォルダー内には書き込めません。</translation>
    </message>
    <message>
        <source>Save the zip outside &quot;%1&quot;.</source>
        <translation>zip は「%1」の外に保存してください。</translation>
    </message>
    <message>
        <source>it is neither a file nor a folder</source>
        <translation>ファイルでもフォルダーでもありません</translation>
    </message>
    <message>
        <source>Zipping cancelled; no zip was written.</source>
        <translation>圧縮を中止しました。zip は書き込まれていません。</translation>
    </message>
    <message>
        <source>the zip cannot be started (error %1)</source>
        <translation>zip の作成を開始できません（エラー %1）</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be added</source>
        <translation>項目「%1」を追加できません</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be finished</source>
        <translation>項目「%1」を完了できません</translation>
    </message>
    <message>
        <source>the zip&apos;s directory cannot be written</source>
        <translation>zip のディレクトリを書き込めません</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::AwsCall</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; is larger than %2 and was not read.</source>
        <translation>「%1」からの応答は %2 を超えているため、読み取りませんでした。</translation>
    </message>
    <message>
        <source>A CodePipeline job is far smaller than this. Check the endpoint URL and any proxy in between.</source>
        <translation>CodePipeline のジョブはこれよりはるかに小さいはずです。エンドポイントの URL と、途中にあるプロキシを確認してください。</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was cut short: the connection was closed or reset after %2 bytes of it had arrived.</source>
        <translation>「%1」からの応答が途中で切れました。%2 バイトを受信した後で、接続が閉じられたかリセットされました。</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was a web page (HTML), not an answer from the AWS service.</source>
        <translation>「%1」からの応答は、AWS サービスの応答ではなく Web ページ (HTML) でした。</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was a web page (HTML, titled &quot;%2&quot;), not an answer from the AWS service.</source>
        <translation>「%1」からの応答は、AWS サービスの応答ではなく Web ページ（HTML、タイトル「%2」）でした。</translation>
    </message>
    <message>
        <source>A captive portal (the sign-in page of a hotel or guest network) or a proxy probably answered instead. Open a web page in a browser and sign in to the network if it asks, then check the proxy settings and the endpoint URL.</source>
        <translation>代わりにキャプティブポータル（ホテルやゲストネットワークのサインインページ）またはプロキシが応答した可能性があります。ブラウザーで Web ページを開き、求められた場合はネットワークにサインインしてから、プロキシ設定とエンドポイントの URL を確認してください。</translation>
    </message>
    <message>
        <source>The local clock is %1 s off the service&apos;s; signing again with the service&apos;s time.</source>
        <translation>ローカルの時計がサービスの時刻と %1 秒ずれています。サービスの時刻で署名し直します。</translation>
    </message>
    <message>
        <source>The service refused the request&apos;s time: this computer&apos;s clock differs from the server&apos;s (%1)</source>
        <translation>サービスがリクエストの時刻を拒否しました。このコンピューターの時計がサーバーの時刻と異なります (%1)</translation>
    </message>
    <message>
        <source>Set this computer&apos;s date, time and time zone right (turn on automatic time setting), then try again. If they are right, a proxy may be changing the service&apos;s Date header.</source>
        <translation>このコンピューターの日付、時刻、タイムゾーンを正しく設定（時刻の自動設定をオンに）してから、もう一度お試しください。正しく設定されている場合は、プロキシがサービスの Date ヘッダーを書き換えている可能性があります。</translation>
    </message>
    <message>
        <source>Retrying after %1 (%2 s)</source>
        <translation>%1 のため、%2 秒後に再試行します</translation>
    </message>
    <message>
        <source>Connect timeout on endpoint URL: &quot;%1&quot;</source>
        <translation>エンドポイント URL「%1」への接続がタイムアウトしました</translation>
    </message>
    <message>
        <source>Read timeout on endpoint URL: &quot;%1&quot;</source>
        <translation>エンドポイント URL「%1」からの読み取りがタイムアウトしました</translation>
    </message>
    <message>
        <source>The endpoint did not accept a connection in time. Check the network, the proxy settings and the endpoint URL.</source>
        <translation>エンドポイントが時間内に接続を受け付けませんでした。ネットワーク、プロキシ設定、エンドポイントの URL を確認してください。</translation>
    </message>
    <message>
        <source>The endpoint accepted the request but did not answer in time. Try again, or raise the read timeout.</source>
        <translation>エンドポイントはリクエストを受け付けましたが、時間内に応答しませんでした。もう一度試すか、読み取りタイムアウトを長くしてください。</translation>
    </message>
    <message>
        <source>Could not connect to the endpoint URL: &quot;%1&quot; (connection refused).</source>
        <translation>エンドポイント URL「%1」に接続できませんでした（接続が拒否されました）。</translation>
    </message>
    <message>
        <source>Nothing is listening there. Check the endpoint URL and port.</source>
        <translation>接続先で待ち受けているサービスがありません。エンドポイントの URL とポートを確認してください。</translation>
    </message>
    <message>
        <source>The host name %1 could not be found, so the endpoint URL &quot;%2&quot; could not be reached.</source>
        <translation>ホスト名 %1 が見つからないため、エンドポイント URL「%2」に到達できませんでした。</translation>
    </message>
    <message>
        <source>Check the endpoint URL and the region for typing errors, then this computer&apos;s network connection, DNS and proxy settings.</source>
        <translation>エンドポイントの URL とリージョンに入力ミスがないか確認し、次にこのコンピューターのネットワーク接続、DNS、プロキシ設定を確認してください。</translation>
    </message>
    <message>
        <source>The connection to &quot;%1&quot; was closed or reset before any answer came.</source>
        <translation>応答を受信する前に、「%1」への接続が閉じられたかリセットされました。</translation>
    </message>
    <message>
        <source>The server or something in between (a proxy, VPN or firewall) dropped the connection. Try again; if it keeps happening, check the proxy and VPN settings and the endpoint URL.</source>
        <translation>サーバーまたは途中にあるもの（プロキシ、VPN、ファイアウォール）が接続を切断しました。もう一度お試しください。繰り返し発生する場合は、プロキシと VPN の設定、エンドポイントの URL を確認してください。</translation>
    </message>
    <message>
        <source>Secure connection to &quot;%1&quot; failed: %2</source>
        <translation>「%1」への安全な接続に失敗しました: %2</translation>
    </message>
    <message>
        <source>If the endpoint uses a private certificate authority, add its CA bundle in the settings (or --ca-bundle).</source>
        <translation>エンドポイントがプライベート認証局を使用している場合は、その CA バンドルを設定（または --ca-bundle）で追加してください。</translation>
    </message>
    <message>
        <source>The proxy failed: %1</source>
        <translation>プロキシでエラーが発生しました: %1</translation>
    </message>
    <message>
        <source>Check the proxy settings.</source>
        <translation>プロキシ設定を確認してください。</translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Try again, or raise the timeout.</source>
        <translation>エンドポイントが時間内に応答しませんでした。もう一度試すか、タイムアウトを長くしてください。</translation>
    </message>
    <message>
        <source>Could not reach &quot;%1&quot;: %2</source>
        <translation>「%1」に到達できませんでした: %2</translation>
    </message>
    <message>
        <source>Check the network connection and the endpoint URL.</source>
        <translation>ネットワーク接続とエンドポイントの URL を確認してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::ClientConfigBuilder</name>
    <message>
        <source>A timeout cannot be negative (%1 ms); 0 means no timeout.</source>
        <translation>タイムアウトに負の値 (%1 ms) は指定できません。0 はタイムアウトなしを意味します。</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>The number of attempts must be at least 1, the first one included (%1 given).</source>
        <translation>試行回数は初回を含めて 1 以上でなければなりません（指定値: %1）。</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::Credentials</name>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>認証情報が見つかりません。</translation>
    </message>
    <message>
        <source>Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile.</source>
        <translation>AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY を設定するか、プロファイルを選択してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::EndpointResolver</name>
    <message>
        <source>Invalid endpoint URL &quot;%1&quot;: it must be a full URL such as https://codepipeline.us-east-1.amazonaws.com.</source>
        <translation>エンドポイント URL「%1」は無効です。https://codepipeline.us-east-1.amazonaws.com のような完全な URL を指定してください。</translation>
    </message>
    <message>
        <source>Invalid endpoint URL &quot;%1&quot;: the scheme must be http or https.</source>
        <translation>エンドポイント URL「%1」は無効です。スキームは http または https でなければなりません。</translation>
    </message>
    <message>
        <source>You must specify a region.</source>
        <translation>リージョンを指定する必要があります。</translation>
    </message>
    <message>
        <source>Choose a region, or set AWS_REGION or AWS_DEFAULT_REGION.</source>
        <translation>リージョンを選択するか、AWS_REGION または AWS_DEFAULT_REGION を設定してください。</translation>
    </message>
    <message>
        <source>Invalid region name &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>リージョン名「%1」は無効です。リージョンは us-east-1 や eu-west-2 のような形式です。</translation>
    </message>
    <message>
        <source>CodePipeline has no FIPS endpoint in %1. FIPS endpoints exist in: %2.</source>
        <translation>%1 には CodePipeline の FIPS エンドポイントがありません。FIPS エンドポイントがあるリージョン: %2。</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::NetworkErrorText</name>
    <message>
        <source>The TLS handshake failed.</source>
        <translation>TLS ハンドシェイクに失敗しました。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired.</source>
        <translation>サーバーの証明書の有効期限が切れています。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid yet (check this computer&apos;s clock).</source>
        <translation>サーバーの証明書はまだ有効になっていません（このコンピューターの時計を確認してください）。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for a different host name than the endpoint.</source>
        <translation>サーバーの証明書は、エンドポイントとは異なるホスト名に対して発行されています。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed and not trusted.</source>
        <translation>サーバーの証明書は自己署名されており、信頼されていません。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was issued by a certificate authority that is not trusted.</source>
        <translation>サーバーの証明書は、信頼されていない認証局によって発行されています。</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::ServiceError</name>
    <message>
        <source>The server answered HTTP %1 with an HTML page instead of a service error.</source>
        <translation>サーバーは、サービスのエラーではなく HTML ページで HTTP %1 を返しました。</translation>
    </message>
    <message>
        <source>CodePipeline has no job with this ID for your partner account. Check that the job ID was copied whole, and that you are using the partner account&apos;s keys in the job&apos;s region.</source>
        <translation>CodePipeline には、お使いのパートナーアカウント向けのこの ID のジョブがありません。ジョブ ID が欠けることなくコピーされているか、またジョブのリージョンでパートナーアカウントのキーを使用しているかを確認してください。</translation>
    </message>
    <message>
        <source>The job exists but its details can no longer be read: it was probably already completed, failed or timed out. Poll for a newer job for this pipeline.</source>
        <translation>ジョブは存在しますが、詳細を読み取れなくなっています。すでに完了、失敗、またはタイムアウトしている可能性があります。このパイプラインのより新しいジョブをポーリングしてください。</translation>
    </message>
    <message>
        <source>The client token does not belong to this job&apos;s customer. Ask for the token that pairs this customer&apos;s pipeline with your action, or pick the right one from the token vault.</source>
        <translation>このクライアントトークンは、このジョブの顧客のものではありません。この顧客のパイプラインとお使いのアクションを関連付けるトークンを依頼するか、保存済みのトークンから正しいものを選択してください。</translation>
    </message>
    <message>
        <source>AWS does not recognise your access key ID. The AWS keys of the selected profile are wrong, deleted or from another partition; this is not about the job&apos;s client token.</source>
        <translation>AWS がアクセスキー ID を認識できません。選択したプロファイルの AWS キーが誤っているか、削除されているか、別のパーティションのものです。ジョブのクライアントトークンの問題ではありません。</translation>
    </message>
    <message>
        <source>AWS rejected the request signature. Check the secret access key of the profile, and that this computer&apos;s clock is correct.</source>
        <translation>AWS がリクエストの署名を拒否しました。プロファイルのシークレットアクセスキーと、このコンピューターの時計が正しいことを確認してください。</translation>
    </message>
    <message>
        <source>The profile&apos;s session token has expired. Refresh the temporary credentials and try again.</source>
        <translation>プロファイルのセッショントークンの有効期限が切れています。一時的な認証情報を更新してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The AWS identity is not allowed to call this operation. Check its IAM policy for codepipeline:%1 permissions.</source>
        <translation>この AWS アイデンティティには、この操作を呼び出す権限がありません。IAM ポリシーで codepipeline:%1 のアクセス許可を確認してください。</translation>
    </message>
    <message>
        <source>CodePipeline rejected a parameter. Check the job ID and client token for stray characters.</source>
        <translation>CodePipeline がパラメーターを拒否しました。ジョブ ID とクライアントトークンに余分な文字が含まれていないか確認してください。</translation>
    </message>
    <message>
        <source>The nonce does not match the job. Use the nonce from this job&apos;s details.</source>
        <translation>ノンスがジョブと一致しません。このジョブの詳細にあるノンスを使用してください。</translation>
    </message>
    <message>
        <source>The job is not in a state that accepts this result; it may already be finished.</source>
        <translation>ジョブはこの結果を受け付けられる状態ではありません。すでに終了している可能性があります。</translation>
    </message>
    <message>
        <source>No custom action type matches the category, owner, provider and version given.</source>
        <translation>指定されたカテゴリ、所有者、プロバイダー、バージョンに一致するカスタムアクションタイプがありません。</translation>
    </message>
    <message>
        <source>AWS is limiting the request rate for this account. Wait a little and try again; check whether a job worker is polling too fast.</source>
        <translation>AWS がこのアカウントのリクエストレートを制限しています。少し待ってから、もう一度お試しください。ジョブワーカーのポーリング間隔が短すぎないかも確認してください。</translation>
    </message>
    <message>
        <source>The service had an internal problem. Try again in a moment.</source>
        <translation>サービスで内部エラーが発生しました。しばらくしてから、もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::StsClient</name>
    <message>
        <source>Invalid region name &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>リージョン名「%1」は無効です。リージョンは us-east-1 や eu-west-2 のような形式です。</translation>
    </message>
    <message>
        <source>A role ARN is required.</source>
        <translation>ロール ARN が必要です。</translation>
    </message>
    <message>
        <source>The role ARN “%1” must be 20 to 2048 characters long, e.g. arn:aws:iam::123456789012:role/Name.</source>
        <translation>ロール ARN「%1」は 20～2048 文字でなければなりません（例: arn:aws:iam::123456789012:role/Name）。</translation>
    </message>
    <message>
        <source>The role session name “%1” must be 2 to 64 letters, digits and the characters + = , . @ _ -.</source>
        <translation>ロールセッション名「%1」は、英数字と記号 + = , . @ _ - からなる 2～64 文字でなければなりません。</translation>
    </message>
    <message>
        <source>duration_seconds is %1, but it must be between 900 (15 minutes) and 43200 (12 hours).</source>
        <translation>duration_seconds は %1 ですが、900（15 分）から 43200（12 時間）の間でなければなりません。</translation>
    </message>
    <message>
        <source>The external ID must be 2 to 1224 characters long.</source>
        <translation>外部 ID は 2～1224 文字でなければなりません。</translation>
    </message>
    <message>
        <source>The MFA serial “%1” must be 9 to 256 characters long, e.g. arn:aws:iam::123456789012:mfa/name.</source>
        <translation>MFA シリアル「%1」は 9～256 文字でなければなりません（例: arn:aws:iam::123456789012:mfa/name）。</translation>
    </message>
    <message>
        <source>Role %1 needs an MFA code from %2.</source>
        <translation>ロール %1 には %2 の MFA コードが必要です。</translation>
    </message>
    <message>
        <source>An MFA code is the 6 digits the MFA device shows.</source>
        <translation>MFA コードは、MFA デバイスに表示される 6 桁の数字です。</translation>
    </message>
    <message>
        <source>An MFA code was given without the MFA device&apos;s serial.</source>
        <translation>MFA デバイスのシリアル番号なしで MFA コードが指定されました。</translation>
    </message>
    <message>
        <source>The STS answer to AssumeRole is incomplete: %1</source>
        <translation>AssumeRole に対する STS の応答が不完全です: %1</translation>
    </message>
    <message>
        <source>Something other than AWS STS answered. Check the STS endpoint URL and any proxy in between.</source>
        <translation>AWS STS 以外のものが応答しました。STS エンドポイントの URL と、途中にあるプロキシを確認してください。</translation>
    </message>
    <message>
        <source>it is a &lt;%1&gt; document, not an &lt;AssumeRoleResponse&gt;.</source>
        <translation>&lt;AssumeRoleResponse&gt; ではなく &lt;%1&gt; ドキュメントです。</translation>
    </message>
    <message>
        <source>it lacks the access key ID, secret access key or session token.</source>
        <translation>アクセスキー ID、シークレットアクセスキー、またはセッショントークンがありません。</translation>
    </message>
    <message>
        <source>the expiration “%1” is not an ISO 8601 time.</source>
        <translation>有効期限「%1」が ISO 8601 形式の時刻ではありません。</translation>
    </message>
    <message>
        <source>The MFA code was not accepted. Enter the code the device shows now (each code works once), and check that mfa_serial names this person&apos;s MFA device.</source>
        <translation>MFA コードが受け付けられませんでした。デバイスに現在表示されているコードを入力し（各コードは 1 回しか使用できません）、mfa_serial がこのユーザーの MFA デバイスを指定していることを確認してください。</translation>
    </message>
    <message>
        <source>The source identity may not assume this role. Check role_arn, the role&apos;s trust policy, and whether the role requires an external_id or MFA (mfa_serial).</source>
        <translation>ソースアイデンティティにはこのロールを引き受ける権限がありません。role_arn、ロールの信頼ポリシー、およびロールで external_id または MFA (mfa_serial) が必要かどうかを確認してください。</translation>
    </message>
    <message>
        <source>AWS does not recognise the source keys used to assume the role. Check the source_profile&apos;s access key ID, or the keys in the environment for credential_source = Environment.</source>
        <translation>ロールの引き受けに使用したソースキーを AWS が認識できません。source_profile のアクセスキー ID を確認してください。credential_source = Environment の場合は、環境変数のキーを確認してください。</translation>
    </message>
    <message>
        <source>STS rejected the signature. Check the source keys&apos; secret access key, and that this computer&apos;s clock is correct.</source>
        <translation>STS が署名を拒否しました。ソースキーのシークレットアクセスキーと、このコンピューターの時計が正しいことを確認してください。</translation>
    </message>
    <message>
        <source>The source session has expired. Refresh the source credentials and try again.</source>
        <translation>ソースセッションの有効期限が切れています。ソースの認証情報を更新してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>STS is not activated in this region for the account. Activate it in IAM, or use another region.</source>
        <translation>このアカウントでは、このリージョンの STS が有効化されていません。IAM で有効化するか、別のリージョンを使用してください。</translation>
    </message>
    <message>
        <source>STS rejected a parameter. Check role_arn, role_session_name, duration_seconds and external_id in the profile.</source>
        <translation>STS がパラメーターを拒否しました。プロファイルの role_arn、role_session_name、duration_seconds、external_id を確認してください。</translation>
    </message>
    <message>
        <source>STS rejected the session policy.</source>
        <translation>STS がセッションポリシーを拒否しました。</translation>
    </message>
    <message>
        <source>There are no source keys to assume the role %1 with.</source>
        <translation>ロール %1 を引き受けるためのソースキーがありません。</translation>
    </message>
    <message>
        <source>Set source_profile to a profile with keys, or credential_source = Environment.</source>
        <translation>source_profile にキーを持つプロファイルを指定するか、credential_source = Environment を設定してください。</translation>
    </message>
    <message>
        <source>The STS answer is not valid XML: %1</source>
        <translation>STS の応答が有効な XML ではありません: %1</translation>
    </message>
    <message>
        <source>it contains a document type declaration.</source>
        <translation>文書型宣言が含まれています。</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3).</source>
        <translation>%1（%2 行目、%3 列目）。</translation>
    </message>
    <message>
        <source>the answer is empty.</source>
        <translation>応答が空です。</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::OperationCall</name>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>認証情報が見つかりません。</translation>
    </message>
    <message>
        <source>Choose a profile with AWS keys, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation>AWS キーを持つプロファイルを選択するか、AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY を設定してください。</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::ParamValidator</name>
    <message>
        <source>Parameter %1</source>
        <translation>パラメーター %1</translation>
    </message>
    <message>
        <source>Parameter %1 must be a structure.</source>
        <translation>パラメーター %1 は構造体でなければなりません。</translation>
    </message>
    <message>
        <source>Missing required parameter in %1: &quot;%2&quot;</source>
        <translation>%1 に必須パラメーター「%2」がありません</translation>
    </message>
    <message>
        <source>Unknown parameter in %1: &quot;%2&quot;, must be one of: %3</source>
        <translation>%1 に不明なパラメーター「%2」があります。次のいずれかでなければなりません: %3</translation>
    </message>
    <message>
        <source>Parameter %1 must be a list.</source>
        <translation>パラメーター %1 はリストでなければなりません。</translation>
    </message>
    <message>
        <source>Parameter %1 must be a map.</source>
        <translation>パラメーター %1 はマップでなければなりません。</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a whole number.</source>
        <translation>パラメーター %1 の型が無効です。整数が必要です。</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected true or false.</source>
        <translation>パラメーター %1 の型が無効です。true または false が必要です。</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a time.</source>
        <translation>パラメーター %1 の型が無効です。時刻が必要です。</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a string.</source>
        <translation>パラメーター %1 の型が無効です。文字列が必要です。</translation>
    </message>
    <message>
        <source>Invalid length for parameter %1, value: %2, valid min length: %3</source>
        <translation>パラメーター %1 の長さが無効です。値: %2、有効な最小長: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid min value: %3</source>
        <translation>パラメーター %1 の値が無効です。値: %2、有効な最小値: %3</translation>
    </message>
    <message>
        <source>Invalid length for parameter %1, value: %2, valid max length: %3</source>
        <translation>パラメーター %1 の長さが無効です。値: %2、有効な最大長: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid max value: %3</source>
        <translation>パラメーター %1 の値が無効です。値: %2、有効な最大値: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid values: %3</source>
        <translation>パラメーター %1 の値が無効です。値: %2、有効な値: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, must match the pattern %3</source>
        <translation>パラメーター %1 の値が無効です。値: %2、パターン %3 に一致する必要があります</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::ResponseParser</name>
    <message>
        <source>The answer nests more than %1 levels deep; no CodePipeline answer does.</source>
        <translation>応答の入れ子が %1 階層を超えています。CodePipeline の応答がこれほど深くなることはありません。</translation>
    </message>
    <message>
        <source>The answer was an HTML page, not JSON (a captive portal, proxy or wrong endpoint?).</source>
        <translation>応答が JSON ではなく HTML ページでした（キャプティブポータル、プロキシ、またはエンドポイントの誤りの可能性があります）。</translation>
    </message>
    <message numerus="yes">
        <source>The answer is not valid JSON; it may have been cut short (%n bytes received).</source>
        <translation>
            <numerusform>応答が有効な JSON ではありません。途中で切れた可能性があります（%n バイト受信）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The answer is JSON but not an object.</source>
        <translation>応答は JSON ですが、オブジェクトではありません。</translation>
    </message>
    <message>
        <source>The service or a proxy between you and it sent something that is not a CodePipeline answer. Check the endpoint URL and any proxy settings, then try again.</source>
        <translation>サービス、またはサービスとの間にあるプロキシが、CodePipeline の応答ではないものを返しました。エンドポイントの URL とプロキシ設定を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The response field %1 should be %2 but is %3.</source>
        <translation>応答のフィールド %1 は %2 であるべきですが、%3 になっています。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActionConfirmation</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Confirm: %1</source>
        <translation>確認: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;This changes the customer&apos;s pipeline.&lt;/b&gt; CodePipeline acts on it as soon as it arrives, as if the partner&apos;s own service had sent it, and it cannot be taken back.</source>
        <translation>&lt;b&gt;これはお客様のパイプラインを変更します。&lt;/b&gt;CodePipeline は受け取るとすぐに、パートナー自身のサービスが送ったものとして処理し、取り消すことはできません。</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作:</translation>
    </message>
    <message>
        <source>Job ID:</source>
        <translation>ジョブ ID:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>アカウント:</translation>
    </message>
    <message>
        <source>Pipeline:</source>
        <translation>パイプライン:</translation>
    </message>
    <message>
        <source>Stage / action:</source>
        <translation>ステージ / アクション:</translation>
    </message>
    <message>
        <source>Check before sending</source>
        <translation>送信前に確認してください</translation>
    </message>
    <message>
        <source>The same with jobdesk-&amp;cli:</source>
        <translation>jobdesk-cli で同じ操作(&amp;C):</translation>
    </message>
    <message>
        <source>Equivalent command line</source>
        <translation>同等のコマンドライン</translation>
    </message>
    <message>
        <source>The job and its customer</source>
        <translation>ジョブとそのお客様</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActivityLogDialog</name>
    <message>
        <source>Activity Log</source>
        <translation>アクティビティ記録</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>プロファイル(&amp;P):</translation>
    </message>
    <message>
        <source>Actions sent with this profile</source>
        <translation>このプロファイルで送信したアクション</translation>
    </message>
    <message>
        <source>&amp;Copy All</source>
        <translation>すべてコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>No action has been sent with this profile yet.</source>
        <translation>このプロファイルではまだアクションを送信していません。</translation>
    </message>
    <message>
        <source>Kept in %1, readable by you alone.</source>
        <translation>%1 に保存されており、あなただけが読み取れます。</translation>
    </message>
    <message>
        <source>Actions: %1, oldest first.</source>
        <translation>操作: %1 件（古い順）。</translation>
    </message>
    <message>
        <source>Lines of the log that could not be read, left out: %1.</source>
        <translation>読み取れずに除外した記録の行: %1 行。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActivityModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ジョブ ID</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>リクエスト ID</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::AppSettings</name>
    <message>
        <source>Cannot read the CA bundle %1: %2</source>
        <translation>CA バンドル %1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>Choose another file in Settings, or clear the field.</source>
        <translation>設定で別のファイルを選択するか、フィールドを空にしてください。</translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation>CA バンドル %1 に PEM 証明書が含まれていません。</translation>
    </message>
    <message>
        <source>Choose a PEM file with &quot;BEGIN CERTIFICATE&quot; blocks.</source>
        <translation>「BEGIN CERTIFICATE」ブロックを含む PEM ファイルを選択してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchiveBrowserDialog</name>
    <message>
        <source>Reading the archive…</source>
        <translation>アーカイブを読み込んでいます…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>キャンセル(&amp;N)</translation>
    </message>
    <message>
        <source>Extract &amp;Selected…</source>
        <translation>選択項目を展開(&amp;S)…</translation>
    </message>
    <message>
        <source>Extract &amp;All…</source>
        <translation>すべて展開(&amp;A)…</translation>
    </message>
    <message>
        <source>Artifact “%1”</source>
        <translation>アーティファクト「%1」</translation>
    </message>
    <message>
        <source>Entries of the archive</source>
        <translation>アーカイブの項目</translation>
    </message>
    <message>
        <source>&amp;Entries:</source>
        <translation>項目(&amp;E):</translation>
    </message>
    <message>
        <source>Extraction progress</source>
        <translation>展開の進行状況</translation>
    </message>
    <message>
        <source>This file is not an archive JobDesk can open (zip, tar or tar.gz).</source>
        <translation>このファイルは JobDesk が開けるアーカイブ (zip、tar、tar.gz) ではありません。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>ファイル %1 を読み込めません。</translation>
    </message>
    <message>
        <source>The archive could not be read: %1</source>
        <translation>アーカイブを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>形式: %1</translation>
    </message>
    <message>
        <source>Format: %1    Entries: %L2    Total size: %3</source>
        <translation>形式: %1    項目数: %L2    合計サイズ: %3</translation>
    </message>
    <message>
        <source>This %1 archive is listed only: preview and extraction work on zip archives, the format CodePipeline gives artifacts.</source>
        <translation>この %1 アーカイブは一覧表示のみです。プレビューと展開は、CodePipeline がアーティファクトに使う zip 形式でのみ使えます。</translation>
    </message>
    <message>
        <source>No preview: this archive is not a zip.</source>
        <translation>プレビューなし: このアーカイブは zip ではありません。</translation>
    </message>
    <message>
        <source>Extract Into</source>
        <translation>展開先</translation>
    </message>
    <message>
        <source>Extracting into %1…</source>
        <translation>%1 に展開しています…</translation>
    </message>
    <message>
        <source>Extracted into %1. Files: %L2, folders: %L3, links: %L4, size: %5.</source>
        <translation>%1 に展開しました。ファイル: %L2、フォルダー: %L3、リンク: %L4、サイズ: %5。</translation>
    </message>
    <message>
        <source>Some of these files already exist in %1.

%2

Replace them?</source>
        <translation>これらのファイルの一部は %1 にすでにあります。

%2

置き換えますか?</translation>
    </message>
    <message>
        <source>Nothing was extracted: the files already exist in %1.</source>
        <translation>何も展開しませんでした: ファイルは %1 にすでにあります。</translation>
    </message>
    <message>
        <source>Extraction cancelled. The files it had written were removed.</source>
        <translation>展開をキャンセルしました。書き込まれたファイルは削除されました。</translation>
    </message>
    <message>
        <source>Extraction refused: %1</source>
        <translation>展開を拒否しました: %1</translation>
    </message>
    <message>
        <source>Extraction failed: %1</source>
        <translation>展開に失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchiveEntriesModel</name>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 バイト</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>リンク</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>%1 へのリンク</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <source>Legacy name encoding (not UTF-8)</source>
        <translation>旧式の名前エンコーディング (UTF-8 以外)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>圧縮後</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>更新日時</translation>
    </message>
    <message>
        <source>CRC-32</source>
        <translation>CRC-32</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchivePreview</name>
    <message>
        <source>No preview for this kind of file</source>
        <translation>この種類のファイルはプレビューできません</translation>
    </message>
    <message>
        <source>Preview of the entry&apos;s text</source>
        <translation>項目のテキストのプレビュー</translation>
    </message>
    <message>
        <source>Preview of the entry&apos;s image</source>
        <translation>項目の画像のプレビュー</translation>
    </message>
    <message>
        <source>Choose an entry to preview it.</source>
        <translation>プレビューする項目を選んでください。</translation>
    </message>
    <message>
        <source>This entry is a folder.</source>
        <translation>この項目はフォルダーです。</translation>
    </message>
    <message>
        <source>This entry is a symbolic link.</source>
        <translation>この項目はシンボリックリンクです。</translation>
    </message>
    <message>
        <source>This entry is a symbolic link to %1.</source>
        <translation>この項目は %1 へのシンボリックリンクです。</translation>
    </message>
    <message>
        <source>This entry is encrypted.</source>
        <translation>この項目は暗号化されています。</translation>
    </message>
    <message>
        <source>The image is larger than %1.</source>
        <translation>画像が %1 を超えています。</translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation>画像をデコードできませんでした: %1</translation>
    </message>
    <message>
        <source>The entry holds binary data, not text.</source>
        <translation>この項目はテキストではなくバイナリデータです。</translation>
    </message>
    <message>
        <source>Reading the entry…</source>
        <translation>項目を読み込んでいます…</translation>
    </message>
    <message>
        <source>Encoding: %1</source>
        <translation>エンコーディング: %1</translation>
    </message>
    <message>
        <source>This text is not UTF-8; it is shown as %1.</source>
        <translation>このテキストは UTF-8 ではないため、%1 として表示しています。</translation>
    </message>
    <message>
        <source>Only the first %1 is shown.</source>
        <translation>先頭の %1 のみを表示しています。</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 ピクセル</translation>
    </message>
    <message>
        <source>The entry could not be read: %1</source>
        <translation>項目を読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactActions</name>
    <message>
        <source>Download Artifact</source>
        <translation>アーティファクトのダウンロード</translation>
    </message>
    <message>
        <source>Zip files (*.zip);;All files (*)</source>
        <translation>zip ファイル (*.zip);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Nothing was downloaded.</source>
        <translation>何もダウンロードされませんでした。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a folder.</source>
        <translation>「%1」はフォルダーです。</translation>
    </message>
    <message>
        <source>Choose a file name to save the artifact as.</source>
        <translation>アーティファクトを保存するファイル名を選んでください。</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it with the artifact %2?</source>
        <translation>%1 は既に存在します。アーティファクト %2 で置き換えますか?</translation>
    </message>
    <message>
        <source>Nothing was downloaded; %1 was left as it was.</source>
        <translation>何もダウンロードされませんでした。%1 はそのままです。</translation>
    </message>
    <message>
        <source>Nothing was uploaded.</source>
        <translation>何もアップロードされませんでした。</translation>
    </message>
    <message>
        <source>Upload artifact</source>
        <translation>アーティファクトをアップロード</translation>
    </message>
    <message>
        <source>Artifact:</source>
        <translation>アーティファクト:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>元:</translation>
    </message>
    <message>
        <source>%1 (a folder, zipped first)</source>
        <translation>%1 (フォルダー、先に zip 化されます)</translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation>バケット:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>キー:</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>KMS キー:</translation>
    </message>
    <message>
        <source>bucket default</source>
        <translation>バケットのデフォルト</translation>
    </message>
    <message>
        <source>This job was read from a file or the clipboard, not fetched: it may be stale.</source>
        <translation>このジョブは取得されたものではなく、ファイルまたはクリップボードから読み込まれたものです。古い可能性があります。</translation>
    </message>
    <message>
        <source>Uploaded %1 to %2.</source>
        <translation>%1 を %2 にアップロードしました。</translation>
    </message>
    <message>
        <source>Downloaded %1 to %2.</source>
        <translation>%1 を %2 にダウンロードしました。</translation>
    </message>
    <message>
        <source>The transfer of %1 was cancelled.</source>
        <translation>%1 の転送はキャンセルされました。</translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <translation>%1 (ジョブ %2)</translation>
    </message>
    <message>
        <source>The artifact transfer failed: %1</source>
        <translation>アーティファクトの転送に失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsModel</name>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <source>Set by your action</source>
        <translation>アクション側で設定</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>リビジョン</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>バケット</translation>
    </message>
    <message>
        <source>Object key</source>
        <translation>オブジェクトキー</translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation>S3 URI</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsPage</name>
    <message>
        <source>Fetch Again</source>
        <translation>再取得</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>ダウンロード…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Extract…</source>
        <translation>展開…</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>アップロード…</translation>
    </message>
    <message>
        <source>Copy S3 &amp;URI</source>
        <translation>S3 URI をコピー(&amp;U)</translation>
    </message>
    <message>
        <source>Input and output artifacts</source>
        <translation>入力アーティファクトと出力アーティファクト</translation>
    </message>
    <message>
        <source>Saves the artifact&apos;s zip file</source>
        <translation>アーティファクトの zip ファイルを保存します</translation>
    </message>
    <message>
        <source>Downloads the artifact and lists the files in it</source>
        <translation>アーティファクトをダウンロードし、中のファイルを一覧表示します</translation>
    </message>
    <message>
        <source>Downloads the artifact and extracts its files into a folder</source>
        <translation>アーティファクトをダウンロードし、ファイルをフォルダーに展開します</translation>
    </message>
    <message>
        <source>Uploads a zip file or a folder as this output artifact</source>
        <translation>zip ファイルまたはフォルダーをこの出力アーティファクトとしてアップロードします</translation>
    </message>
    <message>
        <source>Fetches the job again, which brings new artifact credentials</source>
        <translation>ジョブを再取得し、新しいアーティファクトの認証情報を得ます</translation>
    </message>
    <message>
        <source>Copy S3 URI</source>
        <translation>S3 URI をコピー</translation>
    </message>
    <message>
        <source>This job has no usable artifact credentials. Fetch the job to get its artifact credentials.</source>
        <translation>このジョブには使用できるアーティファクトの認証情報がありません。ジョブを取得して認証情報を入手してください。</translation>
    </message>
    <message>
        <source>The job does not say when it was fetched, so when its credentials expire is unknown.</source>
        <translation>ジョブの取得時刻が不明なため、認証情報の有効期限もわかりません。</translation>
    </message>
    <message>
        <source>Artifact credentials have expired</source>
        <translation>アーティファクトの認証情報の有効期限が切れました</translation>
    </message>
    <message>
        <source>Artifact credentials expire in %1:%2</source>
        <translation>アーティファクトの認証情報の有効期限まで %1:%2</translation>
    </message>
    <message>
        <source>Fetch the job to get its artifact credentials</source>
        <translation>ジョブを取得してアーティファクトの認証情報を入手してください</translation>
    </message>
    <message>
        <source>Select an artifact</source>
        <translation>アーティファクトを選択してください</translation>
    </message>
    <message>
        <source>This artifact has no S3 location</source>
        <translation>このアーティファクトには S3 の場所がありません</translation>
    </message>
    <message>
        <source>Only an output artifact can be uploaded</source>
        <translation>アップロードできるのは出力アーティファクトだけです</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ConfigurationModel</name>
    <message>
        <source>Secret</source>
        <translation>シークレット</translation>
    </message>
    <message>
        <source>Not secret</source>
        <translation>シークレットではない</translation>
    </message>
    <message>
        <source>Hidden value</source>
        <translation>非表示の値</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::CredentialsModel</name>
    <message>
        <source>Access key ID</source>
        <translation>アクセスキー ID</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>シークレットアクセスキー</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>セッショントークン</translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation>応答に含まれていません</translation>
    </message>
    <message>
        <source>(hidden, length %1)</source>
        <translation>（非表示、%1 文字）</translation>
    </message>
    <message>
        <source>Shown. Select the row and press Reveal to hide it again.</source>
        <translation>表示中です。行を選択して [表示] を押すと、再び非表示になります。</translation>
    </message>
    <message>
        <source>Hidden. Select the row and press Reveal to show it, or Copy to copy it.</source>
        <translation>非表示です。行を選択して [表示] を押すと表示され、[コピー] を押すとコピーされます。</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>認証情報</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DocumentActions</name>
    <message>
        <source>The file will hold the artifact credentials and every masked configuration value in plain text. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation>このファイルには、アーティファクトの認証情報とマスクされたすべての構成値が平文で保存されます。ファイルを入手した人は誰でも、有効期限が切れるまで認証情報を使用できます。シークレットを含めてエクスポートしますか?</translation>
    </message>
    <message>
        <source>Export Job JSON</source>
        <translation>ジョブ JSON のエクスポート</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>Exported %1 with secrets.</source>
        <translation>シークレットを含めて %1 にエクスポートしました。</translation>
    </message>
    <message>
        <source>Exported %1; secrets were replaced by %2.</source>
        <translation>%1 にエクスポートしました。シークレットは %2 に置き換えられています。</translation>
    </message>
    <message>
        <source>Copied the job&apos;s JSON; secrets were replaced by %1.</source>
        <translation>ジョブの JSON をコピーしました。シークレットは %1 に置き換えられています。</translation>
    </message>
    <message>
        <source>Copied the AWS CLI command; put the client token in place of %1.</source>
        <translation>AWS CLI コマンドをコピーしました。%1 をクライアントトークンに置き換えてください。</translation>
    </message>
    <message>
        <source>Open Job JSON</source>
        <translation>ジョブ JSON を開く</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>ファイルを開けません</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The clipboard holds no text.</source>
        <translation>クリップボードにテキストがありません。</translation>
    </message>
    <message>
        <source>Copy the output of &quot;aws codepipeline get-third-party-job-details&quot; first.</source>
        <translation>先に「aws codepipeline get-third-party-job-details」の出力をコピーしてください。</translation>
    </message>
    <message>
        <source>The file will hold in plain text whatever secrets the query selects: artifact credentials, masked configuration values. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation>このファイルには、クエリが選択したシークレット (アーティファクトの認証情報、マスクされた構成値) がすべて平文で保存されます。ファイルを入手した人は誰でも、有効期限が切れるまで認証情報を使用できます。シークレットを含めてエクスポートしますか?</translation>
    </message>
    <message>
        <source>Exported the query result to %1 with secrets.</source>
        <translation>シークレットを含めてクエリ結果を %1 にエクスポートしました。</translation>
    </message>
    <message>
        <source>Exported the query result to %1; secrets were replaced by %2.</source>
        <translation>クエリ結果を %1 にエクスポートしました。シークレットは %2 に置き換えられています。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DocumentTabs</name>
    <message>
        <source>Jobs</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Look up a third-party job&lt;/p&gt;&lt;p&gt;Enter the job ID and client token from the ticket, then press &lt;b&gt;Fetch&lt;/b&gt; (Ctrl+Return).&lt;br&gt;Or open or paste the JSON of &lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; (Ctrl+O, Ctrl+Shift+V).&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;サードパーティジョブを照会&lt;/p&gt;&lt;p&gt;チケットに記載されたジョブ ID とクライアントトークンを入力し、&lt;b&gt;取得&lt;/b&gt; (Ctrl+Return) を押してください。&lt;br&gt;または、&lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; の JSON を開くか貼り付けてください (Ctrl+O、Ctrl+Shift+V)。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::EnvironmentProfileSource</name>
    <message>
        <source>AWS keys from the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN variables</source>
        <translation>環境変数 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN の AWS キー</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ErrorBanner</name>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <source>JobDesk could not reach the endpoint. Check the network, the proxy settings and the endpoint address.</source>
        <translation>JobDesk はエンドポイントに到達できませんでした。ネットワーク、プロキシ設定、エンドポイントのアドレスを確認してください。</translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Check the network and proxy, or raise the timeouts in Settings.</source>
        <translation>エンドポイントが時間内に応答しませんでした。ネットワークとプロキシを確認するか、設定でタイムアウトを長くしてください。</translation>
    </message>
    <message>
        <source>The secure connection could not be set up. A proxy that inspects TLS needs its CA certificate added as a CA bundle in Settings.</source>
        <translation>安全な接続を確立できませんでした。TLS を検査するプロキシを経由する場合は、そのプロキシの CA 証明書を設定で CA バンドルとして追加する必要があります。</translation>
    </message>
    <message>
        <source>The selected profile has no usable AWS keys.</source>
        <translation>選択したプロファイルに使用可能な AWS キーがありません。</translation>
    </message>
    <message>
        <source>The answer could not be understood. The endpoint may not be CodePipeline, or something in between changed the answer.</source>
        <translation>応答を解釈できませんでした。エンドポイントが CodePipeline ではないか、途中にある何かが応答を変更した可能性があります。</translation>
    </message>
    <message>
        <source>Correct the marked field and fetch again.</source>
        <translation>マークされたフィールドを修正して、もう一度取得してください。</translation>
    </message>
    <message>
        <source>Check the file and try again.</source>
        <translation>ファイルを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>CodePipeline is limiting the request rate for this account. Wait a moment and fetch again.</source>
        <translation>CodePipeline がこのアカウントのリクエストレートを制限しています。しばらく待ってから、もう一度取得してください。</translation>
    </message>
    <message>
        <source>CodePipeline had an internal problem. Fetch again in a moment.</source>
        <translation>CodePipeline で内部エラーが発生しました。しばらくしてから、もう一度取得してください。</translation>
    </message>
    <message>
        <source>CodePipeline rejected the request.</source>
        <translation>CodePipeline がリクエストを拒否しました。</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
    <message>
        <source>The lookup failed</source>
        <translation>照会に失敗しました</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>リクエスト ID: %1</translation>
    </message>
    <message>
        <source>Sign In Again</source>
        <translation>もう一度サインイン</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::FailureResultDialog</name>
    <message>
        <source>Re&amp;view and Send…</source>
        <translation>確認して送信(&amp;V)…</translation>
    </message>
    <message>
        <source>Report Failure</source>
        <translation>失敗を報告</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>失敗の種類</translation>
    </message>
    <message>
        <source>Failure message</source>
        <translation>失敗メッセージ</translation>
    </message>
    <message>
        <source>What went wrong and what the customer can do about it</source>
        <translation>何が問題で、お客様が何をできるか</translation>
    </message>
    <message>
        <source>External execution ID</source>
        <translation>外部実行 ID</translation>
    </message>
    <message>
        <source>The run&apos;s ID in your service (optional)</source>
        <translation>お使いのサービスでの実行 ID(任意)</translation>
    </message>
    <message>
        <source>Failure &amp;type:</source>
        <translation>失敗の種類(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>メッセージ(&amp;M):</translation>
    </message>
    <message>
        <source>E&amp;xternal execution ID:</source>
        <translation>外部実行 ID(&amp;X):</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Enter a message: the customer reads it in the failed action&apos;s details.</source>
        <translation>メッセージを入力してください。お客様は失敗したアクションの詳細でこれを読みます。</translation>
    </message>
    <message>
        <source>The external execution ID</source>
        <translation>外部実行 ID</translation>
    </message>
    <message>
        <source>The failure type</source>
        <translation>失敗の種類</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 / %2 文字</translation>
    </message>
    <message>
        <source>The job ran and did not succeed (a failed build or test). The action fails and the pipeline execution stops at it.</source>
        <translation>ジョブは実行されましたが成功しませんでした(ビルドやテストの失敗)。アクションは失敗し、パイプラインの実行はそこで止まります。</translation>
    </message>
    <message>
        <source>The action&apos;s configuration is wrong or incomplete; the customer has to change it. The action fails and the pipeline execution stops at it.</source>
        <translation>アクションの設定が誤っているか不完全で、お客様が変更する必要があります。アクションは失敗し、パイプラインの実行はそこで止まります。</translation>
    </message>
    <message>
        <source>Your service was refused access it needs (the artifacts, a key, the customer&apos;s account). The action fails and the pipeline execution stops at it.</source>
        <translation>お使いのサービスが必要なアクセス(アーティファクト、キー、お客様のアカウント)を拒否されました。アクションは失敗し、パイプラインの実行はそこで止まります。</translation>
    </message>
    <message>
        <source>The revision the job was given is not the one your service expected. The action fails and the pipeline execution stops at it.</source>
        <translation>ジョブに渡されたリビジョンは、お使いのサービスが想定したものではありません。アクションは失敗し、パイプラインの実行はそこで止まります。</translation>
    </message>
    <message>
        <source>The revision or its artifacts could not be found or read. The action fails and the pipeline execution stops at it.</source>
        <translation>リビジョンまたはそのアーティファクトが見つからないか、読み取れませんでした。アクションは失敗し、パイプラインの実行はそこで止まります。</translation>
    </message>
    <message>
        <source>Your service, or one it depends on, was unavailable; a retry may succeed. The action fails and the pipeline execution stops at it.</source>
        <translation>お使いのサービス、またはその依存先が利用できませんでした。再試行すると成功する場合があります。アクションは失敗し、パイプラインの実行はそこで止まります。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::FetchController</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActionBar</name>
    <message>
        <source>Client token</source>
        <translation>クライアントトークン</translation>
    </message>
    <message>
        <source>Client token of the polled job</source>
        <translation>ポーリングしたジョブのクライアントトークン</translation>
    </message>
    <message>
        <source>This job was polled and is not fetched yet. Enter the client token of client %1 to fetch its details.</source>
        <translation>このジョブはポーリングで受け取ったもので、まだ取得していません。詳細を取得するには、クライアント %1 のクライアントトークンを入力してください。</translation>
    </message>
    <message>
        <source>&amp;Save for this client</source>
        <translation>このクライアント用に保存(&amp;S)</translation>
    </message>
    <message>
        <source>Keeps the token in the system keychain, so jobs of client %1 open fetched.</source>
        <translation>トークンをシステムのキーチェーンに保存します。以後、クライアント %1 のジョブは開いたときに取得済みになります。</translation>
    </message>
    <message>
        <source>Fetch Job</source>
        <translation>ジョブを取得</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActionController</name>
    <message>
        <source>No status</source>
        <translation>ステータスなし</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>報告済み</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
    <message>
        <source>Jobs: %1</source>
        <translation>ジョブ: %1 件</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActions</name>
    <message>
        <source>CodePipeline takes one result per job, and this job already has one or has timed out. Fetch the job to see its state; nothing more needs to be sent for it.</source>
        <translation>CodePipeline が受け付ける結果はジョブごとに 1 つだけです。このジョブにはすでに結果があるか、タイムアウトしています。ジョブを取得して状態を確認してください。このジョブについてこれ以上送信する必要はありません。</translation>
    </message>
    <message>
        <source>The job was acknowledged already, or it has finished or timed out. Fetch it again to see its state.</source>
        <translation>このジョブはすでに受領確認済みか、完了またはタイムアウトしています。もう一度取得して状態を確認してください。</translation>
    </message>
    <message>
        <source>The nonce is not the job&apos;s current one. Fetch the job again and acknowledge it with the nonce shown on its Overview.</source>
        <translation>このノンスはジョブの現在のノンスではありません。ジョブを再取得し、[概要] タブに表示されるノンスで受領確認してください。</translation>
    </message>
    <message>
        <source>No job has this ID for this account and region. Check the job ID, the profile and the region; a finished job is kept only for a while.</source>
        <translation>このアカウントとリージョンには、この ID のジョブがありません。ジョブ ID、プロファイル、リージョンを確認してください。完了したジョブは一定期間しか保持されません。</translation>
    </message>
    <message>
        <source>The client token does not belong to this job&apos;s customer. Check the token saved for the client, or ask the customer for the right one.</source>
        <translation>このクライアントトークンは、このジョブのお客様のものではありません。クライアント用に保存したトークンを確認するか、お客様に正しいトークンを問い合わせてください。</translation>
    </message>
    <message>
        <source>CodePipeline rejected a value it was sent. Check each field against its limit and the job ID and client token for stray characters.</source>
        <translation>CodePipeline が送信された値を拒否しました。各フィールドが上限を超えていないか、ジョブ ID とクライアントトークンに余分な文字が含まれていないか確認してください。</translation>
    </message>
    <message>
        <source>No custom action type matches this category, provider and version in this account and region. Check them against the action&apos;s definition.</source>
        <translation>このアカウントとリージョンには、このカテゴリ、プロバイダー、バージョンに一致するカスタムアクションタイプがありません。アクションの定義と照らし合わせて確認してください。</translation>
    </message>
    <message>
        <source>P&amp;oll for Jobs…</source>
        <translation>ジョブをポーリング(&amp;O)…</translation>
    </message>
    <message>
        <source>Takes waiting jobs of an action type off the queue</source>
        <translation>アクションタイプの待機中のジョブをキューから取り出します</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>受領確認(&amp;A)</translation>
    </message>
    <message>
        <source>Tells CodePipeline that this job has been taken</source>
        <translation>このジョブを引き受けたことを CodePipeline に通知します</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Report &amp;Success…</source>
        <translation>成功を報告(&amp;S)…</translation>
    </message>
    <message>
        <source>Reports that this job succeeded, or is still running</source>
        <translation>このジョブが成功したこと、またはまだ実行中であることを報告します</translation>
    </message>
    <message>
        <source>Report Fail&amp;ure…</source>
        <translation>失敗を報告(&amp;U)…</translation>
    </message>
    <message>
        <source>Reports that this job failed, which stops the pipeline at this action</source>
        <translation>このジョブが失敗したことを報告します。パイプラインはこのアクションで停止します</translation>
    </message>
    <message>
        <source>Activity &amp;Log…</source>
        <translation>アクティビティ記録(&amp;L)…</translation>
    </message>
    <message>
        <source>Saved the client token of client %1 in the keychain.</source>
        <translation>クライアント %1 のクライアントトークンをキーチェーンに保存しました。</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields of the lookup form.</source>
        <translation>何も送信されていません。照会フォームのマークされたフィールドを修正してください。</translation>
    </message>
    <message>
        <source>The profile %1 that fetched this job is no longer listed.</source>
        <translation>このジョブを取得したプロファイル %1 は、もう一覧にありません。</translation>
    </message>
    <message>
        <source>Add the profile again, or fetch the job with another profile and act on it from there.</source>
        <translation>プロファイルを追加し直すか、別のプロファイルでジョブを取得し、そこから操作してください。</translation>
    </message>
    <message>
        <source>Enter the client token of job %1. JobDesk keeps it only while the tab is open.</source>
        <translation>ジョブ %1 のクライアントトークンを入力してください。JobDesk はタブが開いている間だけトークンを保持します。</translation>
    </message>
    <message>
        <source>This job was not fetched but read from %1; it may be stale. CodePipeline acts on the job as it is now, so fetch it first if you can.</source>
        <translation>このジョブは取得したものではなく、%1 から読み込んだもので、古い可能性があります。CodePipeline は現在の状態のジョブに対して処理を行うため、可能であれば先に取得してください。</translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation>クリップボード</translation>
    </message>
    <message>
        <source>Client Token</source>
        <translation>クライアントトークン</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>受領確認</translation>
    </message>
    <message>
        <source>Report success</source>
        <translation>成功を報告</translation>
    </message>
    <message>
        <source>Report failure</source>
        <translation>失敗を報告</translation>
    </message>
    <message>
        <source>This job was read from a file or the clipboard, not fetched: it may be stale.</source>
        <translation>このジョブは取得したものではなく、ファイルまたはクリップボードから読み込んだもので、古い可能性があります。</translation>
    </message>
    <message>
        <source>%1: sending…</source>
        <translation>%1: 送信中…</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>何も送信されていません。</translation>
    </message>
    <message>
        <source>Acknowledged: the job is %1.</source>
        <translation>受領確認しました。ジョブの状態は %1 です。</translation>
    </message>
    <message>
        <source>Success reported.</source>
        <translation>成功を報告しました。</translation>
    </message>
    <message>
        <source>Failure reported.</source>
        <translation>失敗を報告しました。</translation>
    </message>
    <message>
        <source>%1: cancelled.</source>
        <translation>%1: キャンセルされました。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 に失敗しました: %2</translation>
    </message>
    <message>
        <source>The activity log could not be written: %1</source>
        <translation>アクティビティ記録に書き込めませんでした: %1</translation>
    </message>
    <message>
        <source>The profile, region or endpoint of the lookup form is not valid; correct them in the main window.</source>
        <translation>照会フォームのプロファイル、リージョン、またはエンドポイントが無効です。メインウィンドウで修正してください。</translation>
    </message>
    <message>
        <source>A lookup is running; open the job again when it has ended.</source>
        <translation>照会を実行中です。終了してからもう一度ジョブを開いてください。</translation>
    </message>
    <message>
        <source>Jobs handed out by the poll: %1.</source>
        <translation>ポーリングで渡されたジョブ: %1 件。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobView</name>
    <message>
        <source>&amp;Overview</source>
        <translation>概要(&amp;O)</translation>
    </message>
    <message>
        <source>Confi&amp;guration</source>
        <translation>構成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Artifacts</source>
        <translation>アーティファクト(&amp;A)</translation>
    </message>
    <message>
        <source>Cre&amp;dentials</source>
        <translation>認証情報(&amp;D)</translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation>生データ(&amp;W)</translation>
    </message>
    <message>
        <source>Job overview</source>
        <translation>ジョブの概要</translation>
    </message>
    <message>
        <source>Filter keys and values</source>
        <translation>キーと値で絞り込み</translation>
    </message>
    <message>
        <source>Filter the configuration</source>
        <translation>構成を絞り込む</translation>
    </message>
    <message>
        <source>Action configuration</source>
        <translation>アクションの構成</translation>
    </message>
    <message>
        <source>Copy Val&amp;ue</source>
        <translation>値をコピー(&amp;U)</translation>
    </message>
    <message>
        <source>Tick Secret to mask a value for every job of this provider; JobDesk remembers it.</source>
        <translation>[シークレット] にチェックを入れると、このプロバイダーのすべてのジョブでその値がマスクされます。この設定は JobDesk に記憶されます。</translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation>アーティファクトの認証情報</translation>
    </message>
    <message>
        <source>Revea&amp;l</source>
        <translation>表示(&amp;L)</translation>
    </message>
    <message>
        <source>Show or hide the selected credential</source>
        <translation>選択した認証情報の表示/非表示を切り替えます</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>コピー(&amp;Y)</translation>
    </message>
    <message>
        <source>Copy the selected credential; clipboard managers are asked not to keep it</source>
        <translation>選択した認証情報をコピーします。クリップボードマネージャーには履歴に残さないよう要求します</translation>
    </message>
    <message>
        <source>This job has no artifact credentials.</source>
        <translation>このジョブにはアーティファクトの認証情報がありません。</translation>
    </message>
    <message>
        <source>Temporary keys for the job&apos;s artifact bucket. They expire about %1 minutes after the fetch; the Overview tab counts down.</source>
        <translation>ジョブのアーティファクトバケット用の一時キーです。取得から約 %1 分後に有効期限が切れます。残り時間は [概要] タブに表示されます。</translation>
    </message>
    <message>
        <source>Search the JSON</source>
        <translation>JSON を検索</translation>
    </message>
    <message>
        <source>Search the raw JSON</source>
        <translation>生の JSON を検索</translation>
    </message>
    <message>
        <source>Previo&amp;us</source>
        <translation>前へ(&amp;U)</translation>
    </message>
    <message>
        <source>Ne&amp;xt</source>
        <translation>次へ(&amp;X)</translation>
    </message>
    <message>
        <source>Show &amp;secrets</source>
        <translation>シークレットを表示(&amp;S)</translation>
    </message>
    <message>
        <source>Show the artifact credentials and masked configuration values in the JSON</source>
        <translation>アーティファクトの認証情報とマスクされた構成値を JSON 内に表示します</translation>
    </message>
    <message>
        <source>Raw JSON, as the AWS CLI prints it</source>
        <translation>AWS CLI が出力する形式の生の JSON</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>JSON ツリー</translation>
    </message>
    <message>
        <source>Activit&amp;y</source>
        <translation>アクティビティ(&amp;Y)</translation>
    </message>
    <message>
        <source>Actions taken on this job</source>
        <translation>このジョブに対して実行したアクション</translation>
    </message>
    <message>
        <source>What JobDesk sent for this job while it was open, secrets masked. It is part of the exported JSON and of the profile&apos;s activity log.</source>
        <translation>このジョブを開いている間に JobDesk が送信した内容です（シークレットはマスク済み）。エクスポートした JSON とプロファイルのアクティビティ記録にも含まれます。</translation>
    </message>
    <message>
        <source>Copy Activity</source>
        <translation>アクティビティをコピー</translation>
    </message>
    <message>
        <source>Copies one line per action as plain text, for a support ticket</source>
        <translation>アクションごとに 1 行のプレーンテキストとしてコピーします（サポートチケット用）</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>{ %1 }</source>
        <translation>{ %1 }</translation>
    </message>
    <message>
        <source>array</source>
        <translation>配列</translation>
    </message>
    <message>
        <source>[ %1 ]</source>
        <translation>[ %1 ]</translation>
    </message>
    <message>
        <source>string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>ブール値</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::KeychainProfileSource</name>
    <message>
        <source>JobDesk profile, keys in the system keychain</source>
        <translation>JobDesk プロファイル（キーはシステムのキーチェーンに保存）</translation>
    </message>
    <message>
        <source>JobDesk profile linked to AWS profile “%1”</source>
        <translation>AWS プロファイル「%1」にリンクされた JobDesk プロファイル</translation>
    </message>
    <message>
        <source>JobDesk profile, keys from the environment</source>
        <translation>JobDesk プロファイル（キーは環境変数から取得）</translation>
    </message>
    <message>
        <source>AWS shared-config profile from %1</source>
        <translation>%1 の AWS 共有設定プロファイル</translation>
    </message>
    <message>
        <source>JobDesk profile, role %1 in account %2 through IAM Identity Center</source>
        <translation>JobDesk プロファイル、IAM Identity Center 経由でアカウント %2 のロール %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::LookupForm</name>
    <message>
        <source>Fet&amp;ch</source>
        <translation>取得(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Saved to&amp;ken:</source>
        <translation>保存済みトークン(&amp;K):</translation>
    </message>
    <message>
        <source>Save Token…</source>
        <translation>トークンを保存…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <source>Whose AWS keys sign the request</source>
        <translation>リクエストの署名に使用する AWS キー</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Public AWS endpoint</source>
        <translation>AWS のパブリックエンドポイント</translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation>エンドポイントの上書き</translation>
    </message>
    <message>
        <source>Send this lookup to another endpoint, e.g. a VPC endpoint or a test server</source>
        <translation>この照会を別のエンドポイント（VPC エンドポイントやテストサーバーなど）に送信します</translation>
    </message>
    <message>
        <source>Job ID from the ticket</source>
        <translation>チケットに記載されたジョブ ID</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ジョブ ID</translation>
    </message>
    <message>
        <source>Client token</source>
        <translation>クライアントトークン</translation>
    </message>
    <message>
        <source>Show the client token</source>
        <translation>クライアントトークンを表示</translation>
    </message>
    <message>
        <source>Show or hide the client token</source>
        <translation>クライアントトークンの表示/非表示を切り替えます</translation>
    </message>
    <message>
        <source>Fetch the job (Ctrl+Return)</source>
        <translation>ジョブを取得 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>取得</translation>
    </message>
    <message>
        <source>Cancel the request (Esc)</source>
        <translation>リクエストをキャンセル (Esc)</translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation>リクエストを処理中</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>プロファイル(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>リージョン(&amp;R):</translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation>エンドポイント(&amp;N):</translation>
    </message>
    <message>
        <source>Job &amp;ID:</source>
        <translation>ジョブ ID(&amp;I):</translation>
    </message>
    <message>
        <source>Client &amp;token:</source>
        <translation>クライアントトークン(&amp;T):</translation>
    </message>
    <message>
        <source>Saved client token</source>
        <translation>保存済みクライアントトークン</translation>
    </message>
    <message>
        <source>Use a client token saved in the system keychain instead of pasting one</source>
        <translation>貼り付ける代わりに、システムのキーチェーンに保存したクライアントトークンを使用します</translation>
    </message>
    <message>
        <source>Save client token</source>
        <translation>クライアントトークンを保存</translation>
    </message>
    <message>
        <source>Save the client token in the system keychain under a label</source>
        <translation>クライアントトークンにラベルを付けて、システムのキーチェーンに保存します</translation>
    </message>
    <message>
        <source>The job ID</source>
        <translation>ジョブ ID</translation>
    </message>
    <message>
        <source>The client token</source>
        <translation>クライアントトークン</translation>
    </message>
    <message>
        <source>Choose a profile.</source>
        <translation>プロファイルを選択してください。</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>(type or paste)</source>
        <translation>（入力または貼り付け）</translation>
    </message>
    <message>
        <source>Using the client token saved as “%1”.</source>
        <translation>「%1」として保存されたクライアントトークンを使用しています。</translation>
    </message>
    <message>
        <source>Enter the client token to save first.</source>
        <translation>保存するクライアントトークンを先に入力してください。</translation>
    </message>
    <message>
        <source>Save Client Token</source>
        <translation>クライアントトークンの保存</translation>
    </message>
    <message>
        <source>Label (e.g. the customer or clientId) for the token in the system keychain:</source>
        <translation>システムのキーチェーンに保存するトークンのラベル（顧客名や clientId など）:</translation>
    </message>
    <message>
        <source>Saved the client token as “%1”.</source>
        <translation>クライアントトークンを「%1」として保存しました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::MainWindow</name>
    <message>
        <source>JobDesk</source>
        <translation>JobDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Job JSON…</source>
        <translation>ジョブ JSON を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Paste Job JSON</source>
        <translation>ジョブ JSON を貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>JSON をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export JSON &amp;with Secrets…</source>
        <translation>シークレットを含めて JSON をエクスポート(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Close Job</source>
        <translation>ジョブを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>JSON としてコピー(&amp;J)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy as AWS &amp;CLI Command</source>
        <translation>AWS CLI コマンドとしてコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation>プロファイル(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>ジョブ(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>取得(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>&amp;Cancel Request</source>
        <translation>リクエストをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About JobDesk</source>
        <translation>JobDesk について(&amp;A)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>バージョン情報</translation>
    </message>
    <message>
        <source>JobDesk %1
Inspect AWS CodePipeline third-party jobs.</source>
        <translation>JobDesk %1
AWS CodePipeline のサードパーティジョブを調査します。</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>デモ</translation>
    </message>
    <message>
        <source>Demo mode: sample jobs are served by JobDesk itself at %1. Press Ctrl+Return to fetch.</source>
        <translation>デモモード: JobDesk 自身が %1 でサンプルジョブを提供しています。Ctrl+Return を押すと取得します。</translation>
    </message>
    <message>
        <source>TLS certificate verification is off</source>
        <translation>TLS 証明書の検証がオフになっています</translation>
    </message>
    <message>
        <source>Anyone on the network path can read and change requests and answers, including client tokens and artifact credentials. Turn it back on in Settings.</source>
        <translation>ネットワーク経路上の誰もが、クライアントトークンやアーティファクトの認証情報を含むリクエストと応答を読み取り、改ざんできます。設定で検証をオンに戻してください。</translation>
    </message>
    <message>
        <source>Getting the keys of profile %1…</source>
        <translation>プロファイル %1 のキーを取得しています…</translation>
    </message>
    <message>
        <source>Fetching job %1 from %2…</source>
        <translation>%2 からジョブ %1 を取得しています…</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields.</source>
        <translation>何も送信されていません。マークされたフィールドを修正してください。</translation>
    </message>
    <message>
        <source>Request ID %1 · %2 ms · attempts: %3</source>
        <translation>リクエスト ID %1 · %2 ms · 試行回数: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Fetched job %1.</source>
        <translation>ジョブ %1 を取得しました。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
    <message>
        <source>%1 · attempts: %2</source>
        <translation>%1 · 試行回数: %2</translation>
    </message>
    <message>
        <source>Request ID %1 · %2 · attempts: %3</source>
        <translation>リクエスト ID %1 · %2 · 試行回数: %3</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>照会に失敗しました: %1</translation>
    </message>
    <message>
        <source>Export Query Result wit&amp;h Secrets…</source>
        <translation>シークレットを含めてクエリ結果をエクスポート(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Query the Job</source>
        <translation>ジョブにクエリを実行(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>Export Q&amp;uery Result…</source>
        <translation>クエリ結果をエクスポート(&amp;U)…</translation>
    </message>
    <message>
        <source>CodePipeline answered, but with no job details for job %1.</source>
        <translation>CodePipeline から応答がありましたが、ジョブ %1 の詳細は含まれていませんでした。</translation>
    </message>
    <message>
        <source>Check the job ID. A job that has finished or timed out may no longer have details to show.</source>
        <translation>ジョブ ID を確認してください。完了またはタイムアウトしたジョブは、表示できる詳細がなくなっている場合があります。</translation>
    </message>
    <message>
        <source>The answer held no job details.</source>
        <translation>応答にジョブの詳細が含まれていませんでした。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Enter the client token of job %1 and fetch it.</source>
        <translation>ジョブ %1 のクライアントトークンを入力して取得してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::MfaDialog</name>
    <message>
        <source>MFA Code</source>
        <translation>MFA コード</translation>
    </message>
    <message>
        <source>Profile “%1” assumes the role %2, which needs a code from the MFA device %3.</source>
        <translation>プロファイル「%1」はロール %2 を引き受けます。このロールには MFA デバイス %3 のコードが必要です。</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>コード(&amp;C):</translation>
    </message>
    <message>
        <source>MFA code</source>
        <translation>MFA コード</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 桁の数字</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::OverviewModel</name>
    <message>
        <source>Probably expired (about %1 after the fetch, at %2); fetch the job again for fresh credentials</source>
        <translation>有効期限切れの可能性があります（取得から約 %1 後の %2）。新しい認証情報を得るには、ジョブを再取得してください</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>Valid for about %1:%2 more (until about %3)</source>
        <translation>あと約 %1:%2 有効（%3 頃まで）</translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation>応答に含まれていません</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ジョブ ID</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>ノンス</translation>
    </message>
    <message>
        <source>Action type (category / owner / provider / version)</source>
        <translation>アクションタイプ（カテゴリ / 所有者 / プロバイダー / バージョン）</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>パイプライン</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Action execution ID</source>
        <translation>アクション実行 ID</translation>
    </message>
    <message>
        <source>Not provided for third-party jobs (CodePipeline leaves it out)</source>
        <translation>サードパーティジョブでは提供されません（CodePipeline が省略します）</translation>
    </message>
    <message>
        <source>Pipeline ARN</source>
        <translation>パイプライン ARN</translation>
    </message>
    <message>
        <source>Pipeline execution ID</source>
        <translation>パイプライン実行 ID</translation>
    </message>
    <message>
        <source>Longer than CodePipeline&apos;s limit of %1 characters; PutThirdPartyJobSuccessResult would reject it.</source>
        <translation>CodePipeline の上限である %1 文字を超えています。PutThirdPartyJobSuccessResult で拒否されます。</translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation>継続トークン</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 characters)</source>
        <translation>%1（%2/%3 文字）</translation>
    </message>
    <message>
        <source>None (this is the job&apos;s first run, not a continuation)</source>
        <translation>なし（継続ではなく、ジョブの初回実行です）</translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation>暗号化キー</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The key is given as an alias. Aliases only resolve in the account that owns them, so decrypting the artifacts from the partner account fails; ask for the key ID or key ARN instead.</source>
        <translation>キーがエイリアスで指定されています。エイリアスは所有するアカウント内でしか解決されないため、パートナーアカウントからアーティファクトを復号すると失敗します。代わりにキー ID またはキー ARN を依頼してください。</translation>
    </message>
    <message>
        <source>None (the artifact store&apos;s default key)</source>
        <translation>なし（アーティファクトストアのデフォルトキー）</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>アーティファクト</translation>
    </message>
    <message>
        <source>%1 input, %2 output</source>
        <translation>入力 %1、出力 %2</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>取得日時</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>リクエスト ID</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>開いた日時</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1（%2 から）</translation>
    </message>
    <message>
        <source>Pasted</source>
        <translation>貼り付け日時</translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation>アーティファクトの認証情報</translation>
    </message>
    <message>
        <source>None in the answer</source>
        <translation>応答に含まれていません</translation>
    </message>
    <message>
        <source>Validity unknown: the job was not fetched by JobDesk (they last about %1 minutes from the fetch)</source>
        <translation>有効期間不明: このジョブは JobDesk で取得されたものではありません（認証情報は取得から約 %1 分間有効です）</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Polled</source>
        <translation>ポーリング日時</translation>
    </message>
    <message>
        <source>%1, not fetched yet</source>
        <translation>%1（未取得）</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::PollWindow</name>
    <message>
        <source>&amp;Poll</source>
        <translation>ポーリング(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>Poll for Jobs</source>
        <translation>ジョブのポーリング</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Partner actions are always owned by ThirdParty.</source>
        <translation>パートナーアクションの所有者は常に ThirdParty です。</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>The provider name in the action type, e.g. AcmeCI</source>
        <translation>アクションタイプのプロバイダー名(例: AcmeCI)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>e.g. 1</source>
        <translation>例: 1</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>The most jobs one poll hands to you</source>
        <translation>1 回のポーリングで受け取るジョブの最大数</translation>
    </message>
    <message>
        <source>Poll in progress</source>
        <translation>ポーリング中</translation>
    </message>
    <message>
        <source>Polled jobs</source>
        <translation>ポーリングしたジョブ</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>カテゴリ(&amp;C):</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>所有者:</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>プロバイダー(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>バージョン(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>バッチサイズ(&amp;B):</translation>
    </message>
    <message>
        <source>The category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>Enter the provider, as the action type names it.</source>
        <translation>アクションタイプでの名前どおりにプロバイダーを入力してください。</translation>
    </message>
    <message>
        <source>The version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Enter the action type&apos;s version.</source>
        <translation>アクションタイプのバージョンを入力してください。</translation>
    </message>
    <message>
        <source>The batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>&amp;Jobs handed to you:</source>
        <translation>受け取ったジョブ(&amp;J):</translation>
    </message>
    <message>
        <source>the public endpoint</source>
        <translation>公開エンドポイント</translation>
    </message>
    <message>
        <source>Choose a profile in the main window first.</source>
        <translation>まずメインウィンドウでプロファイルを選んでください。</translation>
    </message>
    <message>
        <source>Polls with profile “%1” in %2, at %3.</source>
        <translation>プロファイル「%1」で %2 の %3 をポーリングします。</translation>
    </message>
    <message>
        <source>Polling takes jobs off the queue: the jobs it returns are handed to you, here in JobDesk. Your own worker will not see them until they time out, and the pipelines wait meanwhile. Poll only when you mean to act on the jobs yourself.</source>
        <translation>ポーリングするとジョブがキューから取り出され、返されたジョブはここ JobDesk であなたに渡されます。お使いのワーカーはタイムアウトするまでそれらを受け取れず、その間パイプラインは待機します。自分でジョブを処理するときだけポーリングしてください。</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t ask again</source>
        <translation>今後確認しない(&amp;D)</translation>
    </message>
    <message>
        <source>Polling…</source>
        <translation>ポーリング中…</translation>
    </message>
    <message>
        <source>No job was waiting.</source>
        <translation>待機中のジョブはありませんでした。</translation>
    </message>
    <message>
        <source>Jobs handed to you by the last poll: %1.</source>
        <translation>前回のポーリングで受け取ったジョブ: %1 件。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::PolledJobsModel</name>
    <message>
        <source>Job ID</source>
        <translation>ジョブ ID</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>クライアント ID</translation>
    </message>
    <message>
        <source>Polled (local time)</source>
        <translation>ポーリング日時(現地時間)</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileEditDialog</name>
    <message>
        <source>Secret access key</source>
        <translation>シークレットアクセスキー</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>セッショントークン</translation>
    </message>
    <message>
        <source>&amp;Copy its keys into the keychain instead of linking it</source>
        <translation>リンクせずにキーをキーチェーンにコピーする(&amp;C)</translation>
    </message>
    <message>
        <source>Add Profile</source>
        <translation>プロファイルの追加</translation>
    </message>
    <message>
        <source>Edit Profile “%1”</source>
        <translation>プロファイル「%1」の編集</translation>
    </message>
    <message>
        <source>Import AWS Profile</source>
        <translation>AWS プロファイルのインポート</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>プロファイル名</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>e.g. us-east-1; empty: from the AWS profile or environment</source>
        <translation>例: us-east-1。空欄の場合は AWS プロファイルまたは環境変数から取得</translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation>エンドポイントの上書き</translation>
    </message>
    <message>
        <source>empty: the service&apos;s normal endpoint</source>
        <translation>空欄の場合はサービスの通常のエンドポイント</translation>
    </message>
    <message>
        <source>Credential source</source>
        <translation>認証情報の取得元</translation>
    </message>
    <message>
        <source>Keys in the system keychain</source>
        <translation>システムのキーチェーンのキー</translation>
    </message>
    <message>
        <source>Linked AWS shared-config profile</source>
        <translation>リンクした AWS 共有設定プロファイル</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>環境変数</translation>
    </message>
    <message>
        <source>AWS profile</source>
        <translation>AWS プロファイル</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>アクセスキー ID</translation>
    </message>
    <message>
        <source>stored in the keychain; leave empty to keep</source>
        <translation>キーチェーンに保存済み。変更しない場合は空欄のまま</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>リージョン(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Keys from:</source>
        <translation>キーの取得元(&amp;K):</translation>
    </message>
    <message>
        <source>AWS &amp;profile:</source>
        <translation>AWS プロファイル(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation>アクセスキー ID(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation>シークレットアクセスキー(&amp;S):</translation>
    </message>
    <message>
        <source>Session &amp;token:</source>
        <translation>セッショントークン(&amp;T):</translation>
    </message>
    <message>
        <source>The AWS profile&apos;s static keys are copied into the system keychain now; later changes to the AWS files do not apply.</source>
        <translation>AWS プロファイルの静的キーを今すぐシステムのキーチェーンにコピーします。以降に AWS のファイルを変更しても反映されません。</translation>
    </message>
    <message>
        <source>The AWS profile is read each time a request needs it; no key is copied.</source>
        <translation>AWS プロファイルはリクエストで必要になるたびに読み込まれます。キーはコピーされません。</translation>
    </message>
    <message>
        <source>Enter the access key ID and the secret access key.</source>
        <translation>アクセスキー ID とシークレットアクセスキーを入力してください。</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key, or neither to keep the stored keys.</source>
        <translation>アクセスキー ID とシークレットアクセスキーの両方を入力してください。保存済みのキーを変更しない場合は、どちらも空欄にしてください。</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>アクセスキー ID とシークレットアクセスキーの両方を入力してください。</translation>
    </message>
    <message>
        <source>The access key ID</source>
        <translation>アクセスキー ID</translation>
    </message>
    <message>
        <source>The secret access key</source>
        <translation>シークレットアクセスキー</translation>
    </message>
    <message>
        <source>The session token</source>
        <translation>セッショントークン</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>Choose the AWS profile to link.</source>
        <translation>リンクする AWS プロファイルを選択してください。</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>エンドポイント(&amp;E):</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>サインイン(&amp;I)…</translation>
    </message>
    <message>
        <source>Cancel Sign-In</source>
        <translation>サインインを取り消す</translation>
    </message>
    <message>
        <source>New SSO Profile</source>
        <translation>新しい SSO プロファイル</translation>
    </message>
    <message>
        <source>IAM Identity Center (SSO)</source>
        <translation>IAM Identity Center (SSO)</translation>
    </message>
    <message>
        <source>Start URL</source>
        <translation>開始 URL</translation>
    </message>
    <message>
        <source>SSO region</source>
        <translation>SSO リージョン</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>セッション名</translation>
    </message>
    <message>
        <source>the profile&apos;s name</source>
        <translation>プロファイル名</translation>
    </message>
    <message>
        <source>How to sign in</source>
        <translation>サインイン方法</translation>
    </message>
    <message>
        <source>The browser on this computer</source>
        <translation>このコンピューターのブラウザー</translation>
    </message>
    <message>
        <source>A code confirmed on another device</source>
        <translation>別のデバイスで確認するコード</translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation>サインイン方法(&amp;W):</translation>
    </message>
    <message>
        <source>Start &amp;URL:</source>
        <translation>開始 URL(&amp;U):</translation>
    </message>
    <message>
        <source>SSO re&amp;gion:</source>
        <translation>SSO リージョン(&amp;G):</translation>
    </message>
    <message>
        <source>Session na&amp;me:</source>
        <translation>セッション名(&amp;M):</translation>
    </message>
    <message>
        <source>The address of your AWS access portal, where you sign in to IAM Identity Center</source>
        <translation>IAM Identity Center にサインインする AWS アクセスポータルのアドレス</translation>
    </message>
    <message>
        <source>The region where your organisation runs IAM Identity Center</source>
        <translation>組織が IAM Identity Center を運用しているリージョン</translation>
    </message>
    <message>
        <source>Names the sign-in, as an sso-session does for the AWS CLI. Profiles with the same session share one sign-in: signing in once serves them all.</source>
        <translation>AWS CLI の sso-session と同じように、サインインに名前を付けます。同じセッションのプロファイルは 1 つのサインインを共有するため、一度サインインすればすべてで使えます。</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>サインインすると、使用できるアカウントとロールが一覧表示されます。</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>サインインを取り消しました。</translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation>サインインに失敗しました: %1</translation>
    </message>
    <message>
        <source>Waiting for the sign-in under way…</source>
        <translation>進行中のサインインを待っています…</translation>
    </message>
    <message>
        <source>Enter the start URL of your AWS access portal, e.g. https://d-1234567890.awsapps.com/start.</source>
        <translation>AWS アクセスポータルの開始 URL を入力してください（例: https://d-1234567890.awsapps.com/start）。</translation>
    </message>
    <message>
        <source>The start URL</source>
        <translation>開始 URL</translation>
    </message>
    <message>
        <source>The start URL must begin with https://: IAM Identity Center signs in only over HTTPS.</source>
        <translation>開始 URL は https:// で始まる必要があります。IAM Identity Center は HTTPS でのみサインインします。</translation>
    </message>
    <message>
        <source>Choose the region where IAM Identity Center runs.</source>
        <translation>IAM Identity Center が動作しているリージョンを選んでください。</translation>
    </message>
    <message>
        <source>The SSO region</source>
        <translation>SSO リージョン</translation>
    </message>
    <message>
        <source>The session name</source>
        <translation>セッション名</translation>
    </message>
    <message>
        <source>Sign in, then choose the account this profile uses.</source>
        <translation>サインインしてから、このプロファイルで使うアカウントを選んでください。</translation>
    </message>
    <message>
        <source>An AWS account ID is 12 digits; choose the account again.</source>
        <translation>AWS アカウント ID は 12 桁です。アカウントを選び直してください。</translation>
    </message>
    <message>
        <source>Choose the role this profile takes in the account.</source>
        <translation>このプロファイルがアカウントで使うロールを選んでください。</translation>
    </message>
    <message>
        <source>Signing in is not available here.</source>
        <translation>ここではサインインできません。</translation>
    </message>
    <message>
        <source>Looking for a sign-in to reuse…</source>
        <translation>再利用できるサインインを探しています…</translation>
    </message>
    <message>
        <source>The sign-in could not start.</source>
        <translation>サインインを開始できませんでした。</translation>
    </message>
    <message>
        <source>Continue in your browser: sign in there and allow JobDesk access. %1</source>
        <translation>ブラウザーで続けてください。サインインして JobDesk へのアクセスを許可します。%1</translation>
    </message>
    <message>
        <source>Open the page again</source>
        <translation>ページをもう一度開く</translation>
    </message>
    <message>
        <source>Open %1 in a browser, sign in there and allow JobDesk access.</source>
        <translation>ブラウザーで %1 を開き、サインインして JobDesk へのアクセスを許可してください。</translation>
    </message>
    <message>
        <source>the sign-in page</source>
        <translation>サインインページ</translation>
    </message>
    <message>
        <source>On any device, open %1 and confirm the code %2.</source>
        <translation>任意のデバイスで %1 を開き、コード %2 を確認してください。</translation>
    </message>
    <message>
        <source>Starting the sign-in…</source>
        <translation>サインインを開始しています…</translation>
    </message>
    <message>
        <source>Signed in, but the accounts cannot be listed: %1</source>
        <translation>サインインしましたが、アカウントを一覧表示できません: %1</translation>
    </message>
    <message>
        <source>Signed in to %1.</source>
        <translation>%1 にサインインしました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileListModel</name>
    <message>
        <source>No profile is selected.</source>
        <translation>プロファイルが選択されていません。</translation>
    </message>
    <message>
        <source>Choose a profile in the lookup form.</source>
        <translation>照会フォームでプロファイルを選択してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileManagerDialog</name>
    <message>
        <source>&amp;Add…</source>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import from AWS Config…</source>
        <translation>AWS 設定ファイルからインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>テスト(&amp;T)</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <source>JobDesk profiles</source>
        <translation>JobDesk プロファイル</translation>
    </message>
    <message>
        <source>Make one signed call to CodePipeline with the profile&apos;s keys</source>
        <translation>プロファイルのキーで署名した呼び出しを CodePipeline に 1 回送信します</translation>
    </message>
    <message>
        <source>%1 · region %2</source>
        <translation>%1 · リージョン %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>The AWS shared config (%1) has no profiles to import.</source>
        <translation>AWS 共有設定ファイル (%1) にインポートできるプロファイルがありません。</translation>
    </message>
    <message>
        <source>Import AWS Profile</source>
        <translation>AWS プロファイルのインポート</translation>
    </message>
    <message>
        <source>AWS profile:</source>
        <translation>AWS プロファイル:</translation>
    </message>
    <message>
        <source>Keys in the system keychain</source>
        <translation>システムのキーチェーンのキー</translation>
    </message>
    <message>
        <source>Linked to AWS profile “%1”</source>
        <translation>AWS プロファイル「%1」にリンク</translation>
    </message>
    <message>
        <source>Keys from the environment</source>
        <translation>環境変数のキー</translation>
    </message>
    <message>
        <source>There is no profile “%1”.</source>
        <translation>プロファイル「%1」はありません。</translation>
    </message>
    <message>
        <source>AWS profile “%1” has no static keys to copy (it may use a role or credential_process). Link it instead.</source>
        <translation>AWS プロファイル「%1」にはコピーできる静的キーがありません（ロールまたは credential_process を使用している可能性があります）。代わりにリンクしてください。</translation>
    </message>
    <message>
        <source>Saving profile “%1”…</source>
        <translation>プロファイル「%1」を保存しています…</translation>
    </message>
    <message>
        <source>Saved profile “%1”.</source>
        <translation>プロファイル「%1」を保存しました。</translation>
    </message>
    <message>
        <source>Delete profile “%1” and the keys it keeps in the system keychain?</source>
        <translation>プロファイル「%1」と、システムのキーチェーンに保存されているそのキーを削除しますか?</translation>
    </message>
    <message>
        <source>Delete Profile</source>
        <translation>プロファイルの削除</translation>
    </message>
    <message>
        <source>Deleted profile “%1”.</source>
        <translation>プロファイル「%1」を削除しました。</translation>
    </message>
    <message>
        <source>Choose a profile to test.</source>
        <translation>テストするプロファイルを選択してください。</translation>
    </message>
    <message>
        <source>Testing profile “%1”…</source>
        <translation>プロファイル「%1」をテストしています…</translation>
    </message>
    <message>
        <source>Profile “%1” has no usable keys: %2</source>
        <translation>プロファイル「%1」に使用可能なキーがありません: %2</translation>
    </message>
    <message>
        <source>The keys of “%1” work: CodePipeline accepted the signed call (and, as expected, does not know the test job).</source>
        <translation>「%1」のキーは有効です。CodePipeline は署名された呼び出しを受け付けました（想定どおり、テスト用のジョブは存在しないと応答しました）。</translation>
    </message>
    <message>
        <source>The keys of “%1” do not work: the secret access key does not belong to the access key ID (%2).</source>
        <translation>「%1」のキーは無効です。シークレットアクセスキーがアクセスキー ID と対応していません (%2)。</translation>
    </message>
    <message>
        <source>The keys of “%1” do not work: AWS does not know this access key ID (%2).</source>
        <translation>「%1」のキーは無効です。AWS はこのアクセスキー ID を認識していません (%2)。</translation>
    </message>
    <message>
        <source>The test of “%1” could not tell whether the keys work: %2</source>
        <translation>「%1」のテストでは、キーが有効かどうかを判断できませんでした: %2</translation>
    </message>
    <message>
        <source>Role %1 in account %2 through IAM Identity Center</source>
        <translation>IAM Identity Center 経由でアカウント %2 のロール %1</translation>
    </message>
    <message>
        <source>New &amp;SSO Profile…</source>
        <translation>新しい SSO プロファイル(&amp;S)…</translation>
    </message>
    <message>
        <source>Sign in with IAM Identity Center and pick an account and role</source>
        <translation>IAM Identity Center でサインインし、アカウントとロールを選びます</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::QueryBar</name>
    <message>
        <source>Show secrets</source>
        <translation>シークレットを表示</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>JMESPath, e.g. jobDetails.data.inputArtifacts[*].name (%1)</source>
        <translation>JMESPath (例: jobDetails.data.inputArtifacts[*].name) (%1)</translation>
    </message>
    <message>
        <source>Filters the job as the AWS CLI&apos;s --query does; the result shows as you type (%1)</source>
        <translation>AWS CLI の --query と同じようにジョブを絞り込みます。結果は入力中に表示されます (%1)</translation>
    </message>
    <message>
        <source>JMESPath query</source>
        <translation>JMESPath クエリ</translation>
    </message>
    <message>
        <source>&amp;Query:</source>
        <translation>クエリ(&amp;Q):</translation>
    </message>
    <message>
        <source>Show the result as jobdesk-cli --output prints it</source>
        <translation>jobdesk-cli --output が出力する形式で結果を表示します</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>出力形式</translation>
    </message>
    <message>
        <source>Query the artifact credentials and masked configuration values too; while this is off the query sees only %1 in their place</source>
        <translation>アーティファクトの認証情報とマスクされた構成値もクエリの対象にします。オフの間、クエリにはそれらの代わりに %1 だけが見えます</translation>
    </message>
    <message>
        <source>Query result, as jobdesk-cli prints it</source>
        <translation>jobdesk-cli が出力する形式のクエリ結果</translation>
    </message>
    <message>
        <source>Query result tree</source>
        <translation>クエリ結果のツリー</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>出力:</translation>
    </message>
    <message>
        <source>The AWS CLI&apos;s text output stops here: it cannot print a list that holds an object and other values. jobdesk-cli stops the same way.</source>
        <translation>AWS CLI のテキスト出力はここで止まります。オブジェクトとほかの値が混在するリストは出力できません。jobdesk-cli も同じところで止まります。</translation>
    </message>
    <message>
        <source>The AWS CLI cannot draw this result as a table, and neither does jobdesk-cli. Choose json or text.</source>
        <translation>AWS CLI はこの結果を表として描画できず、jobdesk-cli も同様です。json か text を選んでください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::RecentLookupsDock</name>
    <message>
        <source>Recent Lookups</source>
        <translation>最近の照会</translation>
    </message>
    <message>
        <source>Recent lookups</source>
        <translation>最近の照会</translation>
    </message>
    <message>
        <source>Activate an entry to put its job ID, profile and region back into the form</source>
        <translation>項目をダブルクリックする（または Enter キーを押す）と、そのジョブ ID、プロファイル、リージョンがフォームに戻ります</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>リストを消去</translation>
    </message>
    <message>
        <source>Forget all recent lookups?</source>
        <translation>最近の照会をすべて消去しますか?</translation>
    </message>
    <message>
        <source>Activity Log…</source>
        <translation>アクティビティ記録…</translation>
    </message>
    <message>
        <source>Every poll, acknowledgement and result sent with a profile</source>
        <translation>プロファイルで送信したすべてのポーリング、受領確認、結果</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::RecentLookupsModel</name>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ジョブ ID</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>プロファイル</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SettingsDialog</name>
    <message>
        <source>&amp;Verify TLS certificates</source>
        <translation>TLS 証明書を検証する(&amp;V)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>No timeout</source>
        <translation>タイムアウトなし</translation>
    </message>
    <message>
        <source>Connect timeout in seconds</source>
        <translation>接続タイムアウト（秒）</translation>
    </message>
    <message>
        <source>Read timeout in seconds</source>
        <translation>読み取りタイムアウト（秒）</translation>
    </message>
    <message>
        <source>Attempts per request, the first included</source>
        <translation>リクエストあたりの試行回数（初回を含む）</translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation>システムのプロキシ</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>プロキシなし</translation>
    </message>
    <message>
        <source>Manual HTTP proxy</source>
        <translation>HTTP プロキシを手動で設定</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>プロキシ</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>Proxy host</source>
        <translation>プロキシのホスト</translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation>プロキシのポート</translation>
    </message>
    <message>
        <source>Only the system&apos;s certificates</source>
        <translation>システムの証明書のみ</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA バンドルファイル</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>TLS 証明書を検証する</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification off:&lt;/b&gt; anyone on the network path can read and change what JobDesk sends and receives, including the client token and artifact credentials. Use a CA bundle instead where you can.</source>
        <translation>&lt;b&gt;検証オフ:&lt;/b&gt; ネットワーク経路上の誰もが、クライアントトークンやアーティファクトの認証情報を含め、JobDesk が送受信する内容を読み取り、改ざんできます。可能な場合は、代わりに CA バンドルを使用してください。</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>The new language is used the next time JobDesk starts.</source>
        <translation>新しい言語は、JobDesk の次回起動時から使用されます。</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>参照(&amp;W)…</translation>
    </message>
    <message>
        <source>CA Bundle</source>
        <translation>CA バンドル</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM 証明書 (*.pem *.crt *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation>接続タイムアウト(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Read timeout:</source>
        <translation>読み取りタイムアウト(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>試行回数(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>プロキシ(&amp;P):</translation>
    </message>
    <message>
        <source>Proxy &amp;host and port:</source>
        <translation>プロキシのホストとポート(&amp;H):</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA バンドル(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>テーマ(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>The proxy host</source>
        <translation>プロキシのホスト</translation>
    </message>
    <message>
        <source>The CA bundle</source>
        <translation>CA バンドル</translation>
    </message>
    <message>
        <source>S3&apos;s public endpoints</source>
        <translation>S3 の公開エンドポイント</translation>
    </message>
    <message>
        <source>S3 endpoint URL</source>
        <translation>S3 エンドポイント URL</translation>
    </message>
    <message>
        <source>Where artifacts are downloaded from and uploaded to, for a private endpoint or a local emulator. Empty: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL when set, else S3&apos;s public hosts.</source>
        <translation>アーティファクトのダウンロード元とアップロード先 (プライベートエンドポイントやローカルエミュレーター用)。空欄の場合は、設定されていれば AWS_ENDPOINT_URL_S3 または AWS_ENDPOINT_URL、なければ S3 の公開ホストを使います。</translation>
    </message>
    <message>
        <source>&amp;S3 endpoint:</source>
        <translation>S3 エンドポイント(&amp;S):</translation>
    </message>
    <message>
        <source>The S3 endpoint</source>
        <translation>S3 エンドポイント</translation>
    </message>
    <message>
        <source>Share s&amp;ign-in with the AWS CLI</source>
        <translation>サインインを AWS CLI と共有する(&amp;I)</translation>
    </message>
    <message>
        <source>Share IAM Identity Center sign-ins with the AWS CLI</source>
        <translation>IAM Identity Center のサインインを AWS CLI と共有する</translation>
    </message>
    <message>
        <source>When on, an IAM Identity Center sign-in is also written to the AWS CLI&apos;s token cache (~/.aws/sso/cache, a file only you can read), so that the AWS CLI and SDKs use it too. Off by default: JobDesk then keeps sign-ins in the system keychain only.</source>
        <translation>オンにすると、IAM Identity Center のサインインを AWS CLI のトークンキャッシュ（~/.aws/sso/cache、あなただけが読めるファイル）にも書き込み、AWS CLI と SDK もそれを使えるようにします。既定ではオフで、その場合 JobDesk はサインインをシステムのキーチェーンにのみ保存します。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoAccountPicker</name>
    <message>
        <source>Filter accounts</source>
        <translation>アカウントを絞り込む</translation>
    </message>
    <message>
        <source>Part of an account&apos;s name, ID or e-mail</source>
        <translation>アカウントの名前、ID、メールの一部</translation>
    </message>
    <message>
        <source>AWS accounts</source>
        <translation>AWS アカウント</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Choose an account first</source>
        <translation>先にアカウントを選んでください</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>絞り込み(&amp;F):</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>アカウント:</translation>
    </message>
    <message>
        <source>Ro&amp;le:</source>
        <translation>ロール(&amp;L):</translation>
    </message>
    <message>
        <source>Listing the accounts you may use…</source>
        <translation>使用できるアカウントを一覧表示しています…</translation>
    </message>
    <message>
        <source>This sign-in may use no AWS account. Ask your administrator for access, or sign in as someone else.</source>
        <translation>このサインインで使用できる AWS アカウントはありません。管理者にアクセスを依頼するか、別のユーザーとしてサインインしてください。</translation>
    </message>
    <message>
        <source>This sign-in may not use account %1.</source>
        <translation>このサインインではアカウント %1 を使用できません。</translation>
    </message>
    <message>
        <source>Choose one of the accounts listed.</source>
        <translation>一覧のアカウントから選んでください。</translation>
    </message>
    <message>
        <source>Listing your roles in %1…</source>
        <translation>%1 でのロールを一覧表示しています…</translation>
    </message>
    <message>
        <source>You have no role in %1; choose another account.</source>
        <translation>%1 にはロールがありません。別のアカウントを選んでください。</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>サインインすると、使用できるアカウントとロールが一覧表示されます。</translation>
    </message>
    <message>
        <source>Saved: role %1 in account %2. Sign in to list the accounts and roles you may use.</source>
        <translation>保存済み: アカウント %2 のロール %1。サインインすると、使用できるアカウントとロールが一覧表示されます。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>One account. Choose it, then a role.</source>
        <translation>アカウントは 1 件です。選んでから、ロールを選んでください。</translation>
    </message>
    <message>
        <source>%1 accounts. Choose one, then a role.</source>
        <translation>アカウントは %1 件です。1 つ選んでから、ロールを選んでください。</translation>
    </message>
    <message>
        <source>One role in %1.</source>
        <translation>%1 のロールは 1 件です。</translation>
    </message>
    <message>
        <source>%1 roles in %2.</source>
        <translation>%2 のロールは %1 件です。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoAccountsModel</name>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInActions</name>
    <message>
        <source>Signed out.</source>
        <translation>サインアウトしました。</translation>
    </message>
    <message>
        <source>Profile %1 waits for you to sign in…</source>
        <translation>プロファイル %1 はサインインを待っています…</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>サインインしました。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>サインインはキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInDialog</name>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>サインインはキャンセルされました。</translation>
    </message>
    <message>
        <source>&amp;Open Browser Again</source>
        <translation>ブラウザーをもう一度開く(&amp;O)</translation>
    </message>
    <message>
        <source>Co&amp;py Code</source>
        <translation>コードをコピー(&amp;P)</translation>
    </message>
    <message>
        <source>Use a Code &amp;Instead</source>
        <translation>代わりにコードを使う(&amp;I)</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center at &lt;b&gt;%1&lt;/b&gt; to continue.</source>
        <translation>続けるには &lt;b&gt;%1&lt;/b&gt; の IAM Identity Center にサインインしてください。</translation>
    </message>
    <message>
        <source>Profile “%1” needs you to sign in to IAM Identity Center at &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>プロファイル「%1」を使うには、&lt;b&gt;%2&lt;/b&gt; の IAM Identity Center にサインインする必要があります。</translation>
    </message>
    <message>
        <source>Preparing the sign-in…</source>
        <translation>サインインを準備しています…</translation>
    </message>
    <message>
        <source>Sign-in page address</source>
        <translation>サインインページのアドレス</translation>
    </message>
    <message>
        <source>Open the page below in a browser, on this computer or another one, and enter this code:</source>
        <translation>下のページをこのコンピューターまたは別のコンピューターのブラウザーで開き、このコードを入力してください:</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>サインインコード</translation>
    </message>
    <message>
        <source>Before you approve, check that the page shows this same code. Never approve a code you did not ask for.</source>
        <translation>承認する前に、ページにこれと同じコードが表示されていることを確認してください。自分で要求していないコードは決して承認しないでください。</translation>
    </message>
    <message>
        <source>For when the browser is on another computer or cannot reach JobDesk: sign in with a code you enter on the sign-in page instead.</source>
        <translation>ブラウザーが別のコンピューターにある場合や JobDesk に接続できない場合は、代わりにサインインページで入力するコードでサインインします。</translation>
    </message>
    <message>
        <source>Sign-in page: %1</source>
        <translation>サインインページ: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Continue in your browser.&lt;/b&gt; JobDesk opened the sign-in page there: sign in and allow access, and this window closes by itself. If no page opened, open this address in your browser:</source>
        <translation>&lt;b&gt;ブラウザーで続けてください。&lt;/b&gt;JobDesk がブラウザーでサインインページを開きました。サインインしてアクセスを許可すると、このウィンドウは自動的に閉じます。ページが開かなかった場合は、このアドレスをブラウザーで開いてください:</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>ブラウザーを待っています…</translation>
    </message>
    <message>
        <source>Waiting for you to approve the code…</source>
        <translation>コードの承認を待っています…</translation>
    </message>
    <message>
        <source>&lt;b&gt;JobDesk could not open a browser.&lt;/b&gt; Open this address in your browser, or use a code instead:</source>
        <translation>&lt;b&gt;JobDesk はブラウザーを開けませんでした。&lt;/b&gt;このアドレスをブラウザーで開くか、代わりにコードを使ってください:</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInPrompter</name>
    <message>
        <source>This window cannot sign in to IAM Identity Center.</source>
        <translation>このウィンドウからは IAM Identity Center にサインインできません。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoStatusWidget</name>
    <message>
        <source>Checking the sign-in to %1…</source>
        <translation>%1 へのサインインを確認しています…</translation>
    </message>
    <message>
        <source>Signed in to %1 until %2</source>
        <translation>%1 にサインイン中（%2 まで）</translation>
    </message>
    <message>
        <source>Signed in to %1</source>
        <translation>%1 にサインイン中</translation>
    </message>
    <message>
        <source>Sign-in to %1 expired</source>
        <translation>%1 へのサインインの期限が切れました</translation>
    </message>
    <message>
        <source>Not signed in to %1</source>
        <translation>%1 にサインインしていません</translation>
    </message>
    <message>
        <source>IAM Identity Center at %1: role %2 in account %3</source>
        <translation>%1 の IAM Identity Center: アカウント %3 のロール %2</translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>End the sign-in to %1 and forget its token</source>
        <translation>%1 へのサインインを終了し、そのトークンを破棄します</translation>
    </message>
    <message>
        <source>Sign in to %1 in your browser</source>
        <translation>ブラウザーで %1 にサインインします</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SuccessResultDialog</name>
    <message>
        <source>Set</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Re&amp;view and Send…</source>
        <translation>確認して送信(&amp;V)…</translation>
    </message>
    <message>
        <source>Report Success</source>
        <translation>成功を報告</translation>
    </message>
    <message>
        <source>Execution summary</source>
        <translation>実行の概要</translation>
    </message>
    <message>
        <source>What the action did, as the customer sees it in the action&apos;s details</source>
        <translation>アクションが行ったこと(お客様がアクションの詳細で見る内容)</translation>
    </message>
    <message>
        <source>External execution ID</source>
        <translation>外部実行 ID</translation>
    </message>
    <message>
        <source>The run&apos;s ID in your service (optional)</source>
        <translation>お使いのサービスでの実行 ID(任意)</translation>
    </message>
    <message>
        <source>Percent complete</source>
        <translation>完了率</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>リビジョン</translation>
    </message>
    <message>
        <source>e.g. a commit ID or build number</source>
        <translation>例: コミット ID やビルド番号</translation>
    </message>
    <message>
        <source>Change identifier</source>
        <translation>変更識別子</translation>
    </message>
    <message>
        <source>Give a creation time</source>
        <translation>作成日時を指定</translation>
    </message>
    <message>
        <source>Revision created (UTC)</source>
        <translation>リビジョン作成日時(UTC)</translation>
    </message>
    <message>
        <source>Revision summary</source>
        <translation>リビジョンの概要</translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation>継続トークン</translation>
    </message>
    <message>
        <source>empty: the job is finished</source>
        <translation>空: ジョブは完了</translation>
    </message>
    <message>
        <source>Every field is optional. A group you fill in is sent with the success result; nothing is sent before you confirm.</source>
        <translation>すべての項目は任意です。入力したグループは成功結果と一緒に送信されます。確認するまで何も送信されません。</translation>
    </message>
    <message>
        <source>Execution details</source>
        <translation>実行の詳細</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>概要(&amp;M):</translation>
    </message>
    <message>
        <source>E&amp;xternal execution ID:</source>
        <translation>外部実行 ID(&amp;X):</translation>
    </message>
    <message>
        <source>&amp;Percent complete:</source>
        <translation>完了率(&amp;P):</translation>
    </message>
    <message>
        <source>Current revision</source>
        <translation>現在のリビジョン</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>リビジョン(&amp;R):</translation>
    </message>
    <message>
        <source>C&amp;hange identifier:</source>
        <translation>変更識別子(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Created (UTC):</source>
        <translation>作成日時(UTC)(&amp;C):</translation>
    </message>
    <message>
        <source>Revision s&amp;ummary:</source>
        <translation>リビジョンの概要(&amp;U):</translation>
    </message>
    <message>
        <source>Continue the job</source>
        <translation>ジョブを継続</translation>
    </message>
    <message>
        <source>With a continuation token the action is not finished: CodePipeline gives your service another job for it, carrying this token.</source>
        <translation>継続トークンを指定するとアクションは完了しません。CodePipeline はこのトークンを付けた別のジョブをお使いのサービスに渡します。</translation>
    </message>
    <message>
        <source>Continuation t&amp;oken:</source>
        <translation>継続トークン(&amp;O):</translation>
    </message>
    <message>
        <source>The summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>The external execution ID</source>
        <translation>外部実行 ID</translation>
    </message>
    <message>
        <source>The percent complete</source>
        <translation>完了率</translation>
    </message>
    <message>
        <source>The revision</source>
        <translation>リビジョン</translation>
    </message>
    <message>
        <source>A current revision needs the revision itself: enter it, or clear the revision&apos;s fields.</source>
        <translation>現在のリビジョンにはリビジョン自体が必要です。入力するか、リビジョンの項目を空にしてください。</translation>
    </message>
    <message>
        <source>The change identifier</source>
        <translation>変更識別子</translation>
    </message>
    <message>
        <source>A current revision needs its change identifier: enter it, or clear the revision&apos;s fields.</source>
        <translation>現在のリビジョンには変更識別子が必要です。入力するか、リビジョンの項目を空にしてください。</translation>
    </message>
    <message>
        <source>The creation time</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>The revision summary</source>
        <translation>リビジョンの概要</translation>
    </message>
    <message>
        <source>The continuation token</source>
        <translation>継続トークン</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::TransferManager</name>
    <message>
        <source>The upload was cancelled.</source>
        <translation>アップロードはキャンセルされました。</translation>
    </message>
    <message>
        <source>Could not make a temporary folder for opened artifacts: %1</source>
        <translation>開いたアーティファクト用の一時フォルダーを作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Check that the temporary folder exists and has room, or use Download instead.</source>
        <translation>一時フォルダーが存在し空き容量があることを確認するか、代わりにダウンロードを使ってください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>「%1」は存在しません。</translation>
    </message>
    <message>
        <source>Choose an existing file or folder.</source>
        <translation>既存のファイルまたはフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a folder.</source>
        <translation>「%1」はファイルでもフォルダーでもありません。</translation>
    </message>
    <message>
        <source>Choose a zip file or a folder to zip.</source>
        <translation>zip ファイル、または zip 化するフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Could not make a temporary folder to zip into: %1</source>
        <translation>zip 化用の一時フォルダーを作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Zip the folder yourself and upload the zip file.</source>
        <translation>フォルダーを自分で zip 化し、その zip ファイルをアップロードしてください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::TransfersPanel</name>
    <message>
        <source>Zipping the folder</source>
        <translation>フォルダーを zip 化中</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>ファイルを読み取り中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>ダウンロード中</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>アップロード中</translation>
    </message>
    <message>
        <source>Asking S3 what it stored</source>
        <translation>S3 に保存内容を問い合わせ中</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>ダウンロード済み</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>アップロード済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>転送</translation>
    </message>
    <message>
        <source>No artifact has been downloaded or uploaded yet.</source>
        <translation>まだアーティファクトをダウンロードもアップロードもしていません。</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>完了分を消去</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>フォルダーに表示</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>残り %1</translation>
    </message>
    <message>
        <source>%1: download of %2</source>
        <translation>%1: %2 のダウンロード</translation>
    </message>
    <message>
        <source>%1: upload to %2</source>
        <translation>%1: %2 へのアップロード</translation>
    </message>
    <message>
        <source>SHA-256 of the file written: %1</source>
        <translation>書き込んだファイルの SHA-256: %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>%1 として保存</translation>
    </message>
    <message>
        <source>Stored: %1, ETag %2</source>
        <translation>保存内容: %1、ETag %2</translation>
    </message>
    <message>
        <source>Server-side encryption: %1</source>
        <translation>サーバー側の暗号化: %1</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>KMS key: %1</source>
        <translation>KMS キー: %1</translation>
    </message>
    <message>
        <source>SHA-256 of the file sent: %1</source>
        <translation>送信したファイルの SHA-256: %1</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>リクエスト ID: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::UploadDialog</name>
    <message>
        <source>File…</source>
        <translation>ファイル…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>フォルダー…</translation>
    </message>
    <message>
        <source>Upload Output Artifact</source>
        <translation>出力アーティファクトのアップロード</translation>
    </message>
    <message>
        <source>A zip file, or a folder to zip</source>
        <translation>zip ファイル、または zip 化するフォルダー</translation>
    </message>
    <message>
        <source>File or folder to upload</source>
        <translation>アップロードするファイルまたはフォルダー</translation>
    </message>
    <message>
        <source>File to Upload</source>
        <translation>アップロードするファイル</translation>
    </message>
    <message>
        <source>Zip files (*.zip);;All files (*)</source>
        <translation>zip ファイル (*.zip);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Folder to Zip and Upload</source>
        <translation>zip 化してアップロードするフォルダー</translation>
    </message>
    <message>
        <source>Output artifact</source>
        <translation>出力アーティファクト</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Bucket default (the job names no KMS key)</source>
        <translation>バケットのデフォルト (ジョブは KMS キーを指定していません)</translation>
    </message>
    <message>
        <source>%1 (the job&apos;s key, SSE-KMS)</source>
        <translation>%1 (ジョブのキー、SSE-KMS)</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>ソース(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Output artifact:</source>
        <translation>出力アーティファクト(&amp;O):</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>KMS キー:</translation>
    </message>
    <message>
        <source>A folder is zipped first, its files under their relative paths. The pipeline&apos;s next actions read the artifact as it is uploaded here.</source>
        <translation>フォルダーは先に zip 化され、ファイルは相対パスで格納されます。パイプラインの次のアクションは、ここでアップロードされたとおりのアーティファクトを読み取ります。</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>続行…</translation>
    </message>
    <message>
        <source>Choose a zip file or a folder to upload.</source>
        <translation>アップロードする zip ファイルまたはフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>「%1」は存在しません。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a folder.</source>
        <translation>「%1」はファイルでもフォルダーでもありません。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be read.</source>
        <translation>「%1」を読み取れません。</translation>
    </message>
    <message>
        <source>The job has no output artifact in S3 to upload to.</source>
        <translation>ジョブにはアップロード先となる S3 の出力アーティファクトがありません。</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::ActivityEntry</name>
    <message>
        <source>The activity record was changed or damaged outside JobDesk.</source>
        <translation>アクティビティ記録が JobDesk の外部で変更されたか、破損しています。</translation>
    </message>
    <message>
        <source>An activity entry is not a JSON object.</source>
        <translation>アクティビティのエントリが JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>Poll for jobs</source>
        <translation>ジョブをポーリング</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>受領確認</translation>
    </message>
    <message>
        <source>Report success</source>
        <translation>成功を報告</translation>
    </message>
    <message>
        <source>Report failure</source>
        <translation>失敗を報告</translation>
    </message>
    <message>
        <source>Fetch details</source>
        <translation>詳細を取得</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>ジョブ %1</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>完了: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>failed: %1: %2</source>
        <translation>失敗: %1: %2</translation>
    </message>
    <message>
        <source>request ID %1</source>
        <translation>リクエスト ID %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The activity entry has no &quot;%1&quot;.</source>
        <translation>アクティビティのエントリに「%1」がありません。</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a string.</source>
        <translation>アクティビティのエントリの「%1」が文字列ではありません。</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a date and time with its zone, such as 2026-12-03T08:45:22.123Z.</source>
        <translation>アクティビティのエントリの「%1」が、2026-12-03T08:45:22.123Z のようなタイムゾーン付きの日時ではありません。</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is empty.</source>
        <translation>アクティビティのエントリの「%1」が空です。</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not an object.</source>
        <translation>アクティビティのエントリの「%1」がオブジェクトではありません。</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not true or false.</source>
        <translation>アクティビティのエントリの「%1」が true でも false でもありません。</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a whole number of milliseconds.</source>
        <translation>アクティビティのエントリの「%1」がミリ秒単位の整数ではありません。</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::ActivityFile</name>
    <message>
        <source>Check that you can write to %1 and that the disk has space left.</source>
        <translation>%1 に書き込めること、およびディスクに空き容量があることを確認してください。</translation>
    </message>
    <message>
        <source>Cannot create the activity folder %1: %2</source>
        <translation>アクティビティフォルダー %1 を作成できません: %2</translation>
    </message>
    <message>
        <source>the folder could not be made</source>
        <translation>フォルダーを作成できませんでした</translation>
    </message>
    <message>
        <source>Cannot make the activity folder %1 private: %2</source>
        <translation>アクティビティフォルダー %1 を本人専用にできません: %2</translation>
    </message>
    <message>
        <source>its permissions could not be changed</source>
        <translation>アクセス権を変更できませんでした</translation>
    </message>
    <message>
        <source>Cannot open the activity record %1: %2</source>
        <translation>アクティビティ記録 %1 を開けません: %2</translation>
    </message>
    <message>
        <source>Cannot write to the activity record %1: %2</source>
        <translation>アクティビティ記録 %1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Cannot read the activity record %1: %2</source>
        <translation>アクティビティ記録 %1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>Check that the file is yours and readable.</source>
        <translation>ファイルの所有者が自分であり、読み取り可能であることを確認してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::JobExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with space left.</source>
        <translation>書き込み権限があり、空き容量のあるフォルダーを選んでください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::platform::FileSecurity</name>
    <message>
        <source>Could not make %1 readable by you alone: %2</source>
        <translation>%1 をあなただけが読めるようにできませんでした: %2</translation>
    </message>
    <message>
        <source>Choose a folder on a local disk that you own.</source>
        <translation>ご自分が所有するローカルディスク上のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>the file is not open</source>
        <translation>ファイルが開かれていません</translation>
    </message>
</context>
<context>
    <name>jobdesk::platform::ProgramSearch</name>
    <message>
        <source>in JobDesk&apos;s folder, the current folder, the Windows system folders or on PATH</source>
        <translation>JobDesk のフォルダー、現在のフォルダー、Windows のシステムフォルダー、PATH のいずれにも</translation>
    </message>
    <message>
        <source>on PATH</source>
        <translation>PATH 上に</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ClientTokenVault</name>
    <message>
        <source>A saved token needs a label, such as the customer or clientId.</source>
        <translation>保存するトークンには、顧客名や clientId などのラベルが必要です。</translation>
    </message>
    <message>
        <source>A label cannot start or end with a space.</source>
        <translation>ラベルの先頭または末尾にスペースは使用できません。</translation>
    </message>
    <message>
        <source>A label can be at most 256 characters long.</source>
        <translation>ラベルは 256 文字以内にしてください。</translation>
    </message>
    <message>
        <source>A label cannot contain control characters.</source>
        <translation>ラベルに制御文字は使用できません。</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>トークンが空です。</translation>
    </message>
    <message>
        <source>No client token is saved in %1 under “%2”.</source>
        <translation>%1 に「%2」というラベルで保存されたクライアントトークンはありません。</translation>
    </message>
    <message>
        <source>Save the token under that label first.</source>
        <translation>先にそのラベルでトークンを保存してください。</translation>
    </message>
    <message>
        <source>The client ID is empty.</source>
        <translation>クライアント ID が空です。</translation>
    </message>
    <message>
        <source>“%1” is not a client ID: a client ID is a lower-case UUID such as 1a2b3c4d-0000-4000-8000-0123456789ab, as a poll for jobs returns it.</source>
        <translation>「%1」はクライアント ID ではありません。クライアント ID は、ジョブのポーリングが返すような 1a2b3c4d-0000-4000-8000-0123456789ab 形式の小文字の UUID です。</translation>
    </message>
    <message>
        <source>No client token is saved in %1 for the client ID %2.</source>
        <translation>%1 にクライアント ID %2 のクライアントトークンは保存されていません。</translation>
    </message>
    <message>
        <source>Save the partner&apos;s client token for that client ID first.</source>
        <translation>先にそのクライアント ID に対するパートナーのクライアントトークンを保存してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::CredentialResolver</name>
    <message>
        <source>It is neither a JobDesk profile nor in %1 or %2.</source>
        <translation>JobDesk プロファイルではなく、%1 にも %2 にもありません。</translation>
    </message>
    <message>
        <source>The config profile (%1) could not be found.</source>
        <translation>設定プロファイル (%1) が見つかりませんでした。</translation>
    </message>
    <message>
        <source>%1 is “%2”, but it must be %3.</source>
        <translation>%1 は「%2」ですが、%3 でなければなりません。</translation>
    </message>
    <message>
        <source>Profile “%1” sets %2 to “%3”, but it must be %4.</source>
        <translation>プロファイル「%1」で %2 が「%3」に設定されていますが、%4 でなければなりません。</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.</source>
        <translation>AWS_ACCESS_KEY_ID は設定されていますが、AWS_SECRET_ACCESS_KEY が設定されていません。</translation>
    </message>
    <message>
        <source>Set both variables, or unset AWS_ACCESS_KEY_ID to use a profile.</source>
        <translation>両方の変数を設定してください。プロファイルを使用する場合は、AWS_ACCESS_KEY_ID の設定を解除してください。</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>http:// または https:// の URL</translation>
    </message>
    <message>
        <source>legacy, standard or adaptive</source>
        <translation>legacy、standard、adaptive のいずれか</translation>
    </message>
    <message>
        <source>a whole number of at least 1</source>
        <translation>1 以上の整数</translation>
    </message>
    <message>
        <source>keychain keys of JobDesk profile “%1”</source>
        <translation>JobDesk プロファイル「%1」のキーチェーン内のキー</translation>
    </message>
    <message>
        <source>environment variables (JobDesk profile “%1”)</source>
        <translation>環境変数（JobDesk プロファイル「%1」）</translation>
    </message>
    <message>
        <source>environment variables</source>
        <translation>環境変数</translation>
    </message>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>認証情報が見つかりません。</translation>
    </message>
    <message>
        <source>Choose a JobDesk profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [default] profile with `aws configure`.</source>
        <translation>JobDesk プロファイルを選択するか、AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY を設定するか、`aws configure` で [default] プロファイルを追加してください。</translation>
    </message>
    <message>
        <source>JobDesk profile “%1” uses the AWS profile “%2”, which is not in %3 or %4.</source>
        <translation>JobDesk プロファイル「%1」は AWS プロファイル「%2」を使用していますが、このプロファイルは %3 にも %4 にもありません。</translation>
    </message>
    <message>
        <source>Add that profile with `aws configure --profile %1`, or link the JobDesk profile to another one.</source>
        <translation>`aws configure --profile %1` でそのプロファイルを追加するか、JobDesk プロファイルを別のプロファイルにリンクしてください。</translation>
    </message>
    <message>
        <source>role %1 assumed by profile “%2”</source>
        <translation>プロファイル「%2」が引き受けたロール %1</translation>
    </message>
    <message>
        <source>credential_process of profile “%1”</source>
        <translation>プロファイル「%1」の credential_process</translation>
    </message>
    <message>
        <source>keys of profile “%1” in %2</source>
        <translation>%2 にあるプロファイル「%1」のキー</translation>
    </message>
    <message>
        <source>Profile “%1” has no credentials: it sets none of aws_access_key_id, credential_process and role_arn.</source>
        <translation>プロファイル「%1」に認証情報がありません。aws_access_key_id、credential_process、role_arn のいずれも設定されていません。</translation>
    </message>
    <message>
        <source>Add keys with `aws configure --profile %1`, or choose another profile.</source>
        <translation>`aws configure --profile %1` でキーを追加するか、別のプロファイルを選択してください。</translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Profile “%1” has role_arn, so it needs exactly one of source_profile and credential_source.</source>
        <translation>プロファイル「%1」には role_arn があるため、source_profile と credential_source のどちらか一方だけを設定する必要があります。</translation>
    </message>
    <message>
        <source>Profile “%1” assumes the role %2, and JobDesk cannot assume roles yet.</source>
        <translation>プロファイル「%1」はロール %2 を引き受けますが、JobDesk はまだロールの引き受けに対応していません。</translation>
    </message>
    <message>
        <source>Use a profile with its own keys or a credential_process, or export the role&apos;s temporary keys (for example from `aws sts assume-role`) as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.</source>
        <translation>独自のキーまたは credential_process を持つプロファイルを使用するか、ロールの一時キー（`aws sts assume-role` で取得したものなど）を AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN としてエクスポートしてください。</translation>
    </message>
    <message>
        <source>Profile “%1” takes its source keys from %2, which JobDesk does not read.</source>
        <translation>プロファイル「%1」はソースキーを %2 から取得しますが、JobDesk はこの取得元に対応していません。</translation>
    </message>
    <message>
        <source>Use credential_source = Environment or a source_profile.</source>
        <translation>credential_source = Environment または source_profile を使用してください。</translation>
    </message>
    <message>
        <source>Environment, EcsContainer or Ec2InstanceMetadata</source>
        <translation>Environment、EcsContainer、Ec2InstanceMetadata のいずれか</translation>
    </message>
    <message>
        <source>Profile “%1” has a source_profile loop through “%2”.</source>
        <translation>プロファイル「%1」の source_profile が「%2」を経由してループしています。</translation>
    </message>
    <message>
        <source>Make one profile in the chain use its own keys.</source>
        <translation>チェーン内のいずれかのプロファイルで、独自のキーを使用するようにしてください。</translation>
    </message>
    <message>
        <source>No MFA code was entered, so profile “%1” did not assume the role %2.</source>
        <translation>MFA コードが入力されなかったため、プロファイル「%1」はロール %2 を引き受けませんでした。</translation>
    </message>
    <message>
        <source>Enter the code that the MFA device %1 shows to use this profile.</source>
        <translation>このプロファイルを使用するには、MFA デバイス %1 に表示されるコードを入力してください。</translation>
    </message>
    <message>
        <source>That is not an MFA code: profile “%1” needs the 6 digits that the MFA device %2 shows.</source>
        <translation>MFA コードではありません。プロファイル「%1」には、MFA デバイス %2 に表示される 6 桁の数字が必要です。</translation>
    </message>
    <message>
        <source>Type the current code again, digits only.</source>
        <translation>現在のコードを、数字だけでもう一度入力してください。</translation>
    </message>
    <message>
        <source>IAM Identity Center role %1 in account %2 (JobDesk profile “%3”)</source>
        <translation>アカウント %2 の IAM Identity Center ロール %1（JobDesk プロファイル「%3」）</translation>
    </message>
    <message>
        <source>IAM Identity Center role %1 in account %2 (profile “%3”)</source>
        <translation>アカウント %2 の IAM Identity Center ロール %1（プロファイル「%3」）</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::Keychain</name>
    <message>
        <source>the macOS Keychain</source>
        <translation>macOS キーチェーン</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>Windows 資格情報マネージャー</translation>
    </message>
    <message>
        <source>the Secret Service (GNOME Keyring / KWallet)</source>
        <translation>Secret Service (GNOME Keyring / KWallet)</translation>
    </message>
    <message>
        <source>read</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>store</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Start a Secret Service provider in your desktop session (GNOME Keyring or KWallet) and unlock it, then try again. JobDesk does not store secrets anywhere else.</source>
        <translation>デスクトップセッションで Secret Service プロバイダー（GNOME Keyring または KWallet）を起動してロックを解除してから、もう一度お試しください。JobDesk はシークレットをほかの場所には保存しません。</translation>
    </message>
    <message>
        <source>Make sure the system keychain is available and unlocked, then try again.</source>
        <translation>システムのキーチェーンが利用可能で、ロックが解除されていることを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Unlock the keychain and allow JobDesk to use it when asked, then try again.</source>
        <translation>キーチェーンのロックを解除し、確認を求められたら JobDesk による使用を許可してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Check that GNOME Keyring or KWallet is running and unlocked in this session (a D-Bus session bus is needed), then try again.</source>
        <translation>このセッションで GNOME Keyring または KWallet が実行中で、ロックが解除されていることを確認してから（D-Bus セッションバスが必要です）、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Check that the system keychain is unlocked, then try again.</source>
        <translation>システムのキーチェーンのロックが解除されていることを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Could not %1 “%2” in %3: %4</source>
        <translation>%3 で「%2」の%1に失敗しました: %4</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>不明なエラー</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::KeychainChunks</name>
    <message>
        <source>A secret stored in pieces could not be put together: %1</source>
        <translation>分割して保存されたシークレットを復元できませんでした: %1</translation>
    </message>
    <message>
        <source>Save the profile&apos;s keys or the token again.</source>
        <translation>プロファイルのキーまたはトークンをもう一度保存してください。</translation>
    </message>
    <message>
        <source>The keychain&apos;s entries are too small (%1 bytes) to hold a secret in pieces.</source>
        <translation>キーチェーンのエントリが小さすぎて (%1 バイト)、シークレットを分割して保存できません。</translation>
    </message>
    <message>
        <source>The secret is %1 bytes long; the keychain takes at most %2 bytes for one secret.</source>
        <translation>シークレットの長さは %1 バイトですが、キーチェーンに保存できるのは 1 件あたり最大 %2 バイトです。</translation>
    </message>
    <message>
        <source>Check that the value is a key or token and nothing else was pasted with it.</source>
        <translation>値がキーまたはトークンだけで、ほかの文字が一緒に貼り付けられていないか確認してください。</translation>
    </message>
    <message>
        <source>%1 of %2 pieces were found</source>
        <translation>%2 個中 %1 個の断片しか見つかりませんでした</translation>
    </message>
    <message>
        <source>the pieces belong to different values</source>
        <translation>断片が別々の値に属しています</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ProcessCredentials</name>
    <message>
        <source>credential_process of profile “%1” failed: %2</source>
        <translation>プロファイル「%1」の credential_process が失敗しました: %2</translation>
    </message>
    <message>
        <source>Fix the quoting of credential_process in the AWS config file.</source>
        <translation>AWS 設定ファイルにある credential_process の引用符を修正してください。</translation>
    </message>
    <message>
        <source>the command is empty.</source>
        <translation>コマンドが空です。</translation>
    </message>
    <message>
        <source>Set credential_process to the command that prints the keys.</source>
        <translation>credential_process に、キーを出力するコマンドを設定してください。</translation>
    </message>
    <message>
        <source>Use the program&apos;s full path in credential_process, or add its folder to PATH.</source>
        <translation>credential_process でプログラムのフルパスを指定するか、そのフォルダーを PATH に追加してください。</translation>
    </message>
    <message numerus="yes">
        <source>it did not finish within %n second(s).</source>
        <translation>
            <numerusform>%n 秒以内に終了しませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check that the command runs on its own and does not wait for input.</source>
        <translation>コマンドが単独で実行でき、入力待ちにならないことを確認してください。</translation>
    </message>
    <message>
        <source>it printed more than %1 bytes.</source>
        <translation>%1 バイトを超える出力がありました。</translation>
    </message>
    <message>
        <source>It should print one small JSON object.</source>
        <translation>出力は小さな JSON オブジェクト 1 つだけにする必要があります。</translation>
    </message>
    <message>
        <source>“%1” could not be started: %2</source>
        <translation>「%1」を起動できませんでした: %2</translation>
    </message>
    <message>
        <source>Check the path in credential_process and that the file is executable.</source>
        <translation>credential_process のパスと、ファイルが実行可能であることを確認してください。</translation>
    </message>
    <message>
        <source>the command crashed.</source>
        <translation>コマンドがクラッシュしました。</translation>
    </message>
    <message>
        <source>Run the command by hand to see what goes wrong.</source>
        <translation>コマンドを手動で実行して、何が問題かを確認してください。</translation>
    </message>
    <message>
        <source>the command exited with code %1.</source>
        <translation>コマンドが終了コード %1 で終了しました。</translation>
    </message>
    <message>
        <source>the command exited with code %1: %2</source>
        <translation>コマンドが終了コード %1 で終了しました: %2</translation>
    </message>
    <message>
        <source>The command must print a JSON object with Version 1, AccessKeyId and SecretAccessKey (and optionally SessionToken and Expiration).</source>
        <translation>コマンドは、Version 1、AccessKeyId、SecretAccessKey（必要に応じて SessionToken と Expiration）を含む JSON オブジェクトを出力する必要があります。</translation>
    </message>
    <message>
        <source>its output is not valid JSON (%1 at offset %2).</source>
        <translation>出力が有効な JSON ではありません（オフセット %2 で %1）。</translation>
    </message>
    <message>
        <source>its output is not a JSON object.</source>
        <translation>出力が JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>its output has no Version; supported versions: 1.</source>
        <translation>出力に Version がありません。サポートされているバージョン: 1。</translation>
    </message>
    <message>
        <source>unsupported Version %1; supported versions: 1.</source>
        <translation>Version %1 はサポートされていません。サポートされているバージョン: 1。</translation>
    </message>
    <message>
        <source>missing required key in response: %1.</source>
        <translation>応答に必須のキーがありません: %1。</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string.</source>
        <translation>%1 は空でない文字列でなければなりません。</translation>
    </message>
    <message>
        <source>SessionToken must be a string.</source>
        <translation>SessionToken は文字列でなければなりません。</translation>
    </message>
    <message>
        <source>Expiration “%1” is not an ISO 8601 time such as 2024-01-31T12:00:00Z.</source>
        <translation>Expiration「%1」は、2024-01-31T12:00:00Z のような ISO 8601 形式の時刻ではありません。</translation>
    </message>
    <message>
        <source>the program “%1” was not found %2.</source>
        <translation>プログラム「%1」が%2見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ProfileStore</name>
    <message>
        <source>A profile needs a name.</source>
        <translation>プロファイルには名前が必要です。</translation>
    </message>
    <message>
        <source>A profile name cannot start or end with a space.</source>
        <translation>プロファイル名の先頭または末尾にスペースは使用できません。</translation>
    </message>
    <message>
        <source>A profile name can be at most 128 characters long.</source>
        <translation>プロファイル名は 128 文字以内にしてください。</translation>
    </message>
    <message>
        <source>A profile name cannot contain “/”, “\” or control characters.</source>
        <translation>プロファイル名に「/」、「\」、制御文字は使用できません。</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>Choose the AWS shared-config profile to use.</source>
        <translation>使用する AWS 共有設定プロファイルを選択してください。</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>アクセスキー ID とシークレットアクセスキーの両方を入力してください。</translation>
    </message>
    <message>
        <source>Only a profile that keeps its keys in the keychain can store keys.</source>
        <translation>キーを保存できるのは、キーをキーチェーンに保管するプロファイルだけです。</translation>
    </message>
    <message>
        <source>Profile “%1” does not keep its keys in the keychain.</source>
        <translation>プロファイル「%1」はキーをキーチェーンに保管していません。</translation>
    </message>
    <message>
        <source>No access key is stored in %1 for profile “%2”.</source>
        <translation>%1 にプロファイル「%2」のアクセスキーが保存されていません。</translation>
    </message>
    <message>
        <source>Edit the profile and enter its access key ID and secret access key.</source>
        <translation>プロファイルを編集して、アクセスキー ID とシークレットアクセスキーを入力してください。</translation>
    </message>
    <message>
        <source>There is already a profile named “%1”.</source>
        <translation>「%1」という名前のプロファイルはすでに存在します。</translation>
    </message>
    <message>
        <source>There is no JobDesk profile named “%1”.</source>
        <translation>「%1」という名前の JobDesk プロファイルはありません。</translation>
    </message>
    <message>
        <source>Choose one of the profiles in the profile list.</source>
        <translation>プロファイルの一覧からプロファイルを選択してください。</translation>
    </message>
    <message>
        <source>Enter the start URL of your AWS access portal.</source>
        <translation>AWS アクセスポータルの開始 URL を入力してください。</translation>
    </message>
    <message>
        <source>The start URL must be an https:// address, such as https://my-company.awsapps.com/start.</source>
        <translation>開始 URL は https:// のアドレスにしてください（例: https://my-company.awsapps.com/start）。</translation>
    </message>
    <message>
        <source>The SSO region</source>
        <translation>SSO リージョン</translation>
    </message>
    <message>
        <source>Choose the region of your IAM Identity Center.</source>
        <translation>IAM Identity Center のリージョンを選択してください。</translation>
    </message>
    <message>
        <source>Choose the AWS account (12 digits).</source>
        <translation>AWS アカウント（12 桁）を選択してください。</translation>
    </message>
    <message>
        <source>Choose the role to use in that account.</source>
        <translation>そのアカウントで使用するロールを選択してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::SharedConfig</name>
    <message>
        <source>%1 is not valid UTF-8 text.</source>
        <translation>%1 は有効な UTF-8 テキストではありません。</translation>
    </message>
    <message>
        <source>Save the file as UTF-8.</source>
        <translation>ファイルを UTF-8 で保存してください。</translation>
    </message>
    <message>
        <source>the section [%1] appears a second time.</source>
        <translation>セクション [%1] が重複しています。</translation>
    </message>
    <message>
        <source>Merge the two [%1] sections into one.</source>
        <translation>2 つの [%1] セクションを 1 つにまとめてください。</translation>
    </message>
    <message>
        <source>The file starts with a byte-order mark, which the AWS CLI rejects too; save it as UTF-8 without BOM.</source>
        <translation>ファイルの先頭にバイトオーダーマークがあります。これは AWS CLI でも拒否されます。BOM なしの UTF-8 で保存してください。</translation>
    </message>
    <message>
        <source>a setting comes before the first [section] header.</source>
        <translation>最初の [section] ヘッダーより前に設定があります。</translation>
    </message>
    <message>
        <source>the setting “%1” appears twice in [%2].</source>
        <translation>設定「%1」が [%2] に 2 回出現しています。</translation>
    </message>
    <message>
        <source>Remove one of the two lines.</source>
        <translation>2 行のうち 1 行を削除してください。</translation>
    </message>
    <message>
        <source>expected “name = value” or a [section] header.</source>
        <translation>「name = value」または [section] ヘッダーが必要です。</translation>
    </message>
    <message>
        <source>Check that line for a missing “=”, or indent it if it continues the setting above.</source>
        <translation>その行に「=」が抜けていないか確認してください。上の設定の続きである場合は、インデントしてください。</translation>
    </message>
    <message>
        <source>a nested setting needs the form “name = value”.</source>
        <translation>入れ子の設定は「name = value」の形式にする必要があります。</translation>
    </message>
    <message>
        <source>Profile “%1” in %2 has aws_access_key_id but no aws_secret_access_key.</source>
        <translation>%2 のプロファイル「%1」には aws_access_key_id がありますが、aws_secret_access_key がありません。</translation>
    </message>
    <message>
        <source>Add the secret access key to that profile, or remove the access key ID.</source>
        <translation>そのプロファイルにシークレットアクセスキーを追加するか、アクセスキー ID を削除してください。</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1、%2 行目: %3</translation>
    </message>
    <message>
        <source>Fix that line of the file, or run `aws configure` to rewrite it.</source>
        <translation>ファイルの該当行を修正するか、`aws configure` を実行してファイルを書き直してください。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>ファイルのアクセス許可を確認してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ShellWords</name>
    <message>
        <source>No escaped character after the final backslash.</source>
        <translation>最後のバックスラッシュの後に、エスケープする文字がありません。</translation>
    </message>
    <message>
        <source>No closing quotation.</source>
        <translation>閉じ引用符がありません。</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::SsoProfileConfigReader</name>
    <message>
        <source>Check the profile in the AWS config file, or set it up again with `aws configure sso`.</source>
        <translation>AWS 設定ファイルのプロファイルを確認するか、`aws configure sso` で設定し直してください。</translation>
    </message>
    <message>
        <source>The specified sso-session does not exist: &quot;%1&quot;</source>
        <translation>指定された sso-session は存在しません: 「%1」</translation>
    </message>
    <message>
        <source>The value for %1 is inconsistent between profile (%2) and sso-session (%3).</source>
        <translation>%1 の値がプロファイル（%2）と sso-session（%3）で一致しません。</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is configured to use SSO but is missing required configuration: %2</source>
        <translation>プロファイル「%1」は SSO を使うよう設定されていますが、必要な設定がありません: %2</translation>
    </message>
    <message>
        <source>The sso-session &quot;%1&quot; is missing required configuration: %2</source>
        <translation>sso-session「%1」に必要な設定がありません: %2</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::StsRoleAssumer</name>
    <message>
        <source>Profile “%1” needs an MFA code from %2 to assume the role %3, and nothing here can ask for one.</source>
        <translation>プロファイル「%1」がロール %3 を引き受けるには %2 の MFA コードが必要ですが、ここではコードの入力を求めることができません。</translation>
    </message>
    <message>
        <source>Use the profile from the JobDesk window or from jobdesk-cli on a terminal, where you are asked for the code.</source>
        <translation>コードの入力を求められる JobDesk のウィンドウか、ターミナル上の jobdesk-cli からこのプロファイルを使用してください。</translation>
    </message>
    <message>
        <source>The CA bundle %1 could not be read or holds no PEM certificate.</source>
        <translation>CA バンドル %1 を読み取れないか、PEM 証明書が含まれていません。</translation>
    </message>
    <message>
        <source>Check ca_bundle in the profile, or AWS_CA_BUNDLE.</source>
        <translation>プロファイルの ca_bundle、または AWS_CA_BUNDLE を確認してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::query::QueryError</name>
    <message>
        <source>An expression reference (&amp;) can only be given to a function that applies it.</source>
        <translation>式の参照 (&amp;) は、それを適用する関数の引数にしか使えません。</translation>
    </message>
    <message>
        <source>A slice step cannot be 0.</source>
        <translation>スライスのステップに 0 は指定できません。</translation>
    </message>
    <message>
        <source>Cannot compare %1 with %2.</source>
        <translation>%1 と %2 は比較できません。</translation>
    </message>
    <message>
        <source>Argument %1 of %2() must be %3, not %4.</source>
        <translation>%2() の引数 %1 は %4 ではなく %3 でなければなりません。</translation>
    </message>
    <message>
        <source>Argument %1 of %2() must be %3, but one of its elements is %4.</source>
        <translation>%2() の引数 %1 は %3 でなければなりませんが、要素の一つが %4 です。</translation>
    </message>
    <message>
        <source>The expression given to %1() must give %2 for every element, not %3.</source>
        <translation>%1() に渡す式は、すべての要素に対して %3 ではなく %2 を返す必要があります。</translation>
    </message>
    <message>
        <source>%1 cannot be converted to an integer.</source>
        <translation>%1 は整数に変換できません。</translation>
    </message>
    <message>
        <source>Unknown function %1().</source>
        <translation>不明な関数 %1() です。</translation>
    </message>
    <message>
        <source>Too few arguments for %1(): expected at least %2, got %3.</source>
        <translation>%1() の引数が足りません: %2 個以上必要ですが、%3 個です。</translation>
    </message>
    <message>
        <source>Wrong number of arguments for %1(): expected %2, got %3.</source>
        <translation>%1() の引数の数が違います: %2 個必要ですが、%3 個です。</translation>
    </message>
    <message>
        <source>The %1 that starts here is never closed.</source>
        <translation>ここで始まる %1 が閉じられていません。</translation>
    </message>
    <message>
        <source>The literal is neither JSON nor text.</source>
        <translation>リテラルが JSON でもテキストでもありません。</translation>
    </message>
    <message>
        <source>The quoted identifier is not a valid JSON string.</source>
        <translation>引用符付きの識別子が正しい JSON 文字列ではありません。</translation>
    </message>
    <message>
        <source>Unexpected character %1.</source>
        <translation>予期しない文字 %1 があります。</translation>
    </message>
    <message>
        <source>The expression is empty.</source>
        <translation>式が空です。</translation>
    </message>
    <message>
        <source>The expression is not valid UTF-8.</source>
        <translation>式が正しい UTF-8 ではありません。</translation>
    </message>
    <message>
        <source>the end of the expression</source>
        <translation>式の終わり</translation>
    </message>
    <message>
        <source>Expected %1 but found %2.</source>
        <translation>%1 が必要ですが、%2 がありました。</translation>
    </message>
    <message>
        <source>Unexpected %1.</source>
        <translation>予期しない %1 があります。</translation>
    </message>
    <message>
        <source>an identifier</source>
        <translation>識別子</translation>
    </message>
    <message>
        <source>The expression is nested more than %1 levels deep.</source>
        <translation>式の入れ子が %1 段を超えています。</translation>
    </message>
    <message>
        <source>A quoted identifier cannot name a function.</source>
        <translation>引用符付きの識別子は関数名に使えません。</translation>
    </message>
    <message>
        <source>an expression</source>
        <translation>式</translation>
    </message>
    <message>
        <source>%1 cannot name a function.</source>
        <translation>%1 は関数名に使えません。</translation>
    </message>
    <message>
        <source>a number, &apos;:&apos; or &apos;]&apos;</source>
        <translation>数値、&apos;:&apos; または &apos;]&apos;</translation>
    </message>
    <message>
        <source>an identifier, &apos;[&apos; or &apos;{&apos;</source>
        <translation>識別子、&apos;[&apos; または &apos;{&apos;</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::JobArtifacts</name>
    <message>
        <source>The artifact &quot;%1&quot; has no S3 location.</source>
        <translation>アーティファクト「%1」には S3 の場所がありません。</translation>
    </message>
    <message>
        <source>The job has no input artifacts.</source>
        <translation>ジョブに入力アーティファクトはありません。</translation>
    </message>
    <message>
        <source>The job has no output artifacts.</source>
        <translation>ジョブに出力アーティファクトはありません。</translation>
    </message>
    <message>
        <source>The job has no input artifact named &quot;%1&quot;.</source>
        <translation>ジョブに「%1」という入力アーティファクトはありません。</translation>
    </message>
    <message>
        <source>The job has no output artifact named &quot;%1&quot;.</source>
        <translation>ジョブに「%1」という出力アーティファクトはありません。</translation>
    </message>
    <message>
        <source>Its artifacts are: %1.</source>
        <translation>アーティファクトは次のとおりです: %1。</translation>
    </message>
    <message>
        <source>This job carries no usable artifact credentials.</source>
        <translation>このジョブには使用できるアーティファクトの認証情報がありません。</translation>
    </message>
    <message>
        <source>Fetch the job again with its client token: CodePipeline hands out the credentials for its artifacts with every answer.</source>
        <translation>クライアントトークンでジョブを再取得してください。CodePipeline は応答のたびにアーティファクトの認証情報を渡します。</translation>
    </message>
    <message>
        <source>The job does not say which region its artifacts are in.</source>
        <translation>ジョブはアーティファクトのリージョンを示していません。</translation>
    </message>
    <message>
        <source>Choose the pipeline&apos;s region and try again.</source>
        <translation>パイプラインのリージョンを選んで、もう一度試してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Call</name>
    <message>
        <source>Check that the folder exists, that you may write there and that the disk has room.</source>
        <translation>フォルダーが存在すること、そこに書き込めること、ディスクに空きがあることを確認してください。</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2</source>
        <translation>「%1」に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Could not read &quot;%1&quot;: %2</source>
        <translation>「%1」を読み取れませんでした: %2</translation>
    </message>
    <message>
        <source>Check that the file exists and that you may read it.</source>
        <translation>ファイルが存在し、読み取れることを確認してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2; a single S3 upload takes at most %3.</source>
        <translation>「%1」のサイズは %2 です。1 回の S3 アップロードは最大 %3 までです。</translation>
    </message>
    <message>
        <source>Make the artifact smaller; JobDesk cannot upload in parts yet.</source>
        <translation>アーティファクトを小さくしてください。JobDesk はまだ分割アップロードに対応していません。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changed while it was being read.</source>
        <translation>「%1」は読み取り中に変更されました。</translation>
    </message>
    <message>
        <source>Wait until whatever writes the file has finished, then upload it again.</source>
        <translation>ファイルを書き込んでいるプログラムが終わるまで待ってから、もう一度アップロードしてください。</translation>
    </message>
    <message>
        <source>S3 answered a whole-object download with HTTP %1.</source>
        <translation>S3 はオブジェクト全体のダウンロードに HTTP %1 で応答しました。</translation>
    </message>
    <message>
        <source>The download of %1 broke off after %2 bytes and could not go on where it stopped.</source>
        <translation>%1 のダウンロードは %2 バイトで途切れ、途切れた位置から再開できませんでした。</translation>
    </message>
    <message>
        <source>Download it again.</source>
        <translation>もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>S3 sent more bytes of %1 than the object has.</source>
        <translation>S3 は %1 について、オブジェクトのサイズより多くのバイトを送ってきました。</translation>
    </message>
    <message>
        <source>Check that the disk has room for the artifact (%1).</source>
        <translation>ディスクにアーティファクト (%1) を保存する空きがあることを確認してください。</translation>
    </message>
    <message>
        <source>The answer from S3 for %1 was cut short: the connection was closed or reset.</source>
        <translation>%1 に対する S3 の応答が途中で切れました: 接続が閉じられたかリセットされました。</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation>%2 の %1 に失敗しました: %3</translation>
    </message>
    <message>
        <source>The download of %1 does not match its ETag: the bytes were changed on the way.</source>
        <translation>%1 のダウンロード内容が ETag と一致しません: 転送中にバイトが変更されました。</translation>
    </message>
    <message>
        <source>Download it again; if it keeps happening, check any proxy in between.</source>
        <translation>もう一度ダウンロードしてください。繰り返し起きる場合は、間にあるプロキシを確認してください。</translation>
    </message>
    <message>
        <source>The transfer was cancelled.</source>
        <translation>転送はキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Endpoint</name>
    <message>
        <source>The artifact&apos;s S3 bucket name is empty.</source>
        <translation>アーティファクトの S3 バケット名が空です。</translation>
    </message>
    <message>
        <source>Invalid S3 bucket name &quot;%1&quot;: a bucket name has 1 to 255 letters, digits, dots, hyphens and underscores, and nothing else.</source>
        <translation>S3 バケット名「%1」は無効です: バケット名は 1～255 文字の英字、数字、ピリオド、ハイフン、アンダースコアだけで構成されます。</translation>
    </message>
    <message>
        <source>The artifact&apos;s S3 object key is empty.</source>
        <translation>アーティファクトの S3 オブジェクトキーが空です。</translation>
    </message>
    <message>
        <source>The S3 object key contains a broken character (an unpaired UTF-16 surrogate), so it cannot be written as UTF-8. Copy the key again from the job&apos;s details.</source>
        <translation>S3 オブジェクトキーに壊れた文字 (対になっていない UTF-16 サロゲート) が含まれているため、UTF-8 で書けません。ジョブの詳細からキーをもう一度コピーしてください。</translation>
    </message>
    <message>
        <source>The S3 object key is %1 bytes long in UTF-8; S3 keys are at most %2 bytes.</source>
        <translation>S3 オブジェクトキーは UTF-8 で %1 バイトあります。S3 のキーは最大 %2 バイトです。</translation>
    </message>
    <message>
        <source>Invalid region name &quot;%1&quot; for the artifact bucket. A region looks like us-east-1 or eu-west-2.</source>
        <translation>アーティファクトバケットのリージョン名「%1」は無効です。リージョンは us-east-1 や eu-west-2 のような形式です。</translation>
    </message>
    <message>
        <source>Invalid S3 endpoint URL &quot;%1&quot;: it must be an http or https URL such as https://s3.example.com, without a query or fragment.</source>
        <translation>S3 エンドポイント URL「%1」は無効です: https://s3.example.com のような http または https の URL で、クエリやフラグメントを含まないものにしてください。</translation>
    </message>
    <message>
        <source>The S3 object key &quot;%1&quot; has path segments (such as &quot;.&quot;, &quot;..&quot; or a leading &quot;/&quot;) that JobDesk&apos;s HTTP stack would change on the way, so it cannot be sent as it is signed.</source>
        <translation>S3 オブジェクトキー「%1」には、JobDesk の HTTP スタックが途中で書き換えてしまうパスセグメント (「.」、「..」、先頭の「/」など) があるため、署名したとおりに送信できません。</translation>
    </message>
    <message>
        <source>Transfer this object with the AWS CLI (aws s3 cp) instead.</source>
        <translation>代わりに AWS CLI (aws s3 cp) でこのオブジェクトを転送してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Error</name>
    <message>
        <source>S3&apos;s error answer could not be read: %1</source>
        <translation>S3 のエラー応答を読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>Something other than Amazon S3 may have answered. Check the S3 endpoint and any proxy in between.</source>
        <translation>Amazon S3 以外のものが応答した可能性があります。S3 エンドポイントと、間にあるプロキシを確認してください。</translation>
    </message>
    <message>
        <source>it is longer than %1 bytes.</source>
        <translation>%1 バイトを超えています。</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>空です。</translation>
    </message>
    <message>
        <source>it contains a document type declaration.</source>
        <translation>文書型宣言が含まれています。</translation>
    </message>
    <message>
        <source>it refers to an undeclared entity.</source>
        <translation>宣言されていない実体を参照しています。</translation>
    </message>
    <message>
        <source>its root element is &lt;%1&gt;, not &lt;Error&gt;.</source>
        <translation>ルート要素が &lt;Error&gt; ではなく &lt;%1&gt; です。</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3).</source>
        <translation>%1 (%2 行目、%3 列目)。</translation>
    </message>
    <message>
        <source>it has no error code.</source>
        <translation>エラーコードがありません。</translation>
    </message>
    <message>
        <source>S3 answered HTTP %1 without details.</source>
        <translation>S3 は詳細なしで HTTP %1 を返しました。</translation>
    </message>
    <message>
        <source>S3 answered HTTP %1, and %2</source>
        <translation>S3 は HTTP %1 を返しましたが、%2</translation>
    </message>
    <message>
        <source>S3 says the bucket is in %1.</source>
        <translation>S3 によると、バケットは %1 にあります。</translation>
    </message>
    <message>
        <source>For AWS Support: host ID %1.</source>
        <translation>AWS サポート向け: ホスト ID %1。</translation>
    </message>
    <message>
        <source>The job&apos;s artifact credentials have expired; fetch the job again to get fresh ones.</source>
        <translation>ジョブのアーティファクト認証情報の有効期限が切れています。新しい認証情報を得るためにジョブをもう一度取得してください。</translation>
    </message>
    <message>
        <source>S3 does not accept the session token of the job&apos;s artifact credentials. Fetch the job again and use the access key, secret key and session token that came with it, together.</source>
        <translation>S3 はジョブのアーティファクト認証情報のセッショントークンを受け付けません。ジョブをもう一度取得し、一緒に渡されたアクセスキー、シークレットキー、セッショントークンを組み合わせて使ってください。</translation>
    </message>
    <message>
        <source>S3 does not know the access key ID. The artifact credentials are incomplete, belong to another partition, or were revoked; fetch the job again.</source>
        <translation>S3 はこのアクセスキー ID を認識していません。アーティファクト認証情報が不完全か、別のパーティションのものか、取り消されています。ジョブをもう一度取得してください。</translation>
    </message>
    <message>
        <source>S3 rejected the request signature: the secret key does not belong to the access key ID. Fetch the job again so that the artifact credentials match.</source>
        <translation>S3 はリクエストの署名を拒否しました: シークレットキーがアクセスキー ID と対応していません。アーティファクト認証情報が一致するよう、ジョブをもう一度取得してください。</translation>
    </message>
    <message>
        <source>The job&apos;s artifact credentials may not do this with this object. They only cover the pipeline&apos;s artifact bucket and the job&apos;s own artifacts; check the bucket and key, and whether a KMS key policy denies the role. If the job is old, its credentials may have expired: fetch it again.</source>
        <translation>ジョブのアーティファクト認証情報では、このオブジェクトに対してこの操作はできません。認証情報が対象とするのはパイプラインのアーティファクトバケットとジョブ自身のアーティファクトだけです。バケットとキー、また KMS キーポリシーがロールを拒否していないかを確認してください。古いジョブの場合は認証情報の有効期限が切れている可能性があります: ジョブをもう一度取得してください。</translation>
    </message>
    <message>
        <source>There is no object with this key in the bucket. Check the key for a changed character, and whether the pipeline&apos;s earlier action has really written its output artifact.</source>
        <translation>バケットにこのキーのオブジェクトはありません。キーの文字が変わっていないか、パイプラインの前のアクションが出力アーティファクトを実際に書き込んだかを確認してください。</translation>
    </message>
    <message>
        <source>The bucket does not exist. Check the bucket name in the job&apos;s artifact location and the partition (China and GovCloud buckets are separate).</source>
        <translation>バケットが存在しません。ジョブのアーティファクトの場所にあるバケット名とパーティションを確認してください (中国と GovCloud のバケットは別です)。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from S3&apos;s by more than 15 minutes. Set the date, time and time zone right (turn on automatic time setting), then try again.</source>
        <translation>このコンピューターの時計が S3 の時刻と 15 分以上ずれています。日付、時刻、タイムゾーンを正しく設定 (時刻の自動設定をオン) してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>S3 is asking for fewer requests for now. Wait a little and try again.</source>
        <translation>S3 は現在リクエストを減らすよう求めています。少し待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The bucket is in another region than the one the request was sent to. Use the bucket&apos;s region: the pipeline&apos;s region, as in the job&apos;s details.</source>
        <translation>バケットは、リクエストを送ったリージョンとは別のリージョンにあります。バケットのリージョン (ジョブの詳細にあるパイプラインのリージョン) を使ってください。</translation>
    </message>
    <message>
        <source>The object changed while it was being downloaded. Download it again.</source>
        <translation>ダウンロード中にオブジェクトが変更されました。もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>S3 could not use the object&apos;s KMS key with these credentials. Check the KMS key policy and that the key is enabled.</source>
        <translation>S3 はこの認証情報でオブジェクトの KMS キーを使えませんでした。KMS キーポリシーと、キーが有効になっていることを確認してください。</translation>
    </message>
    <message>
        <source>S3 had an internal problem. Try again in a moment.</source>
        <translation>S3 で内部的な問題が発生しました。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>S3 refused the request without saying why, as it does for HEAD requests. The usual cause is an expired or broken session token in the job&apos;s artifact credentials: fetch the job again.</source>
        <translation>S3 は理由を示さずにリクエストを拒否しました (HEAD リクエストではこうなります)。よくある原因は、ジョブのアーティファクト認証情報のセッショントークンの期限切れか破損です: ジョブをもう一度取得してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Request</name>
    <message>
        <source>JobDesk sends only GET, HEAD and PUT to S3, not %1.</source>
        <translation>JobDesk が S3 に送るのは GET、HEAD、PUT だけで、%1 は送りません。</translation>
    </message>
    <message>
        <source>The job has no complete artifact credentials (access key ID and secret key).</source>
        <translation>ジョブに完全なアーティファクト認証情報 (アクセスキー ID とシークレットキー) がありません。</translation>
    </message>
    <message>
        <source>Fetch the job&apos;s details again: CodePipeline hands out the artifact credentials with the job.</source>
        <translation>ジョブの詳細をもう一度取得してください: CodePipeline はアーティファクト認証情報をジョブと一緒に渡します。</translation>
    </message>
    <message>
        <source>The header %1 belongs on uploads only; S3 refuses it on %2.</source>
        <translation>ヘッダー %1 はアップロード専用です。S3 は %2 ではこれを拒否します。</translation>
    </message>
    <message>
        <source>An unsigned upload body is only safe over HTTPS; %1 is plain HTTP.</source>
        <translation>署名しないアップロード本文は HTTPS でのみ安全です。%1 は平文の HTTP です。</translation>
    </message>
    <message>
        <source>Use an https endpoint, or let JobDesk sign the body.</source>
        <translation>https エンドポイントを使うか、JobDesk に本文を署名させてください。</translation>
    </message>
    <message>
        <source>The payload hash must be a SHA-256 in lowercase hex or UNSIGNED-PAYLOAD.</source>
        <translation>ペイロードハッシュは、小文字 16 進数の SHA-256 か UNSIGNED-PAYLOAD でなければなりません。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoLoopbackReceiver</name>
    <message>
        <source>Could not listen on 127.0.0.1 for the browser&apos;s answer: %1</source>
        <translation>ブラウザーからの応答を 127.0.0.1 で待ち受けできません: %1</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>要求が大きすぎます。</translation>
    </message>
    <message>
        <source>JobDesk only expects the browser&apos;s sign-in answer here.</source>
        <translation>ここで JobDesk が受け付けるのはブラウザーからのサインイン応答だけです。</translation>
    </message>
    <message>
        <source>This sign-in has already been answered.</source>
        <translation>このサインインにはすでに応答済みです。</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in JobDesk started, so it was refused. Sign in from JobDesk again.</source>
        <translation>この応答は JobDesk が開始したサインインのものではないため、拒否されました。JobDesk からもう一度サインインしてください。</translation>
    </message>
    <message>
        <source>The answer&apos;s state does not match this sign-in.</source>
        <translation>応答の state がこのサインインと一致しません。</translation>
    </message>
    <message>
        <source>The sign-in was not completed. You can close this page.</source>
        <translation>サインインは完了しませんでした。このページは閉じてかまいません。</translation>
    </message>
    <message>
        <source>The answer holds no authorization code.</source>
        <translation>応答に認可コードが含まれていません。</translation>
    </message>
    <message>
        <source>You are signed in to JobDesk. You can close this page.</source>
        <translation>JobDesk にサインインしました。このページは閉じてかまいません。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoOidcClient</name>
    <message>
        <source>The answer to %1 is incomplete: %2</source>
        <translation>%1 への応答が不完全です: %2</translation>
    </message>
    <message>
        <source>Something other than IAM Identity Center answered. Check the OIDC endpoint (AWS_ENDPOINT_URL_SSO_OIDC) and any proxy in between.</source>
        <translation>IAM Identity Center 以外のものが応答しました。OIDC エンドポイント (AWS_ENDPOINT_URL_SSO_OIDC) と途中のプロキシを確認してください。</translation>
    </message>
    <message>
        <source>it lacks the clientId, clientSecret or clientSecretExpiresAt.</source>
        <translation>clientId、clientSecret または clientSecretExpiresAt がありません。</translation>
    </message>
    <message>
        <source>it lacks the deviceCode, userCode, verificationUri or expiresIn.</source>
        <translation>deviceCode、userCode、verificationUri または expiresIn がありません。</translation>
    </message>
    <message>
        <source>the polling interval %1 is not 1 to 60 seconds.</source>
        <translation>ポーリング間隔 %1 が 1～60 秒の範囲外です。</translation>
    </message>
    <message>
        <source>it lacks the accessToken or expiresIn.</source>
        <translation>accessToken または expiresIn がありません。</translation>
    </message>
    <message>
        <source>IAM Identity Center no longer knows this client registration. Sign in again to register anew.</source>
        <translation>IAM Identity Center はこのクライアント登録をもう認識していません。もう一度サインインして登録し直してください。</translation>
    </message>
    <message>
        <source>The sign-in was not accepted or has been revoked. Sign in again.</source>
        <translation>サインインが受け入れられなかったか、取り消されました。もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>The sign-in request expired before it was approved. Sign in again and approve it in time.</source>
        <translation>サインイン要求は承認される前に期限切れになりました。もう一度サインインし、時間内に承認してください。</translation>
    </message>
    <message>
        <source>The sign-in was denied in the browser.</source>
        <translation>サインインはブラウザーで拒否されました。</translation>
    </message>
    <message>
        <source>Check sso_start_url, sso_region and sso_registration_scopes.</source>
        <translation>sso_start_url、sso_region、sso_registration_scopes を確認してください。</translation>
    </message>
    <message>
        <source>Check sso_start_url and sso_region, and that IAM Identity Center is reachable.</source>
        <translation>sso_start_url と sso_region、および IAM Identity Center に接続できるかを確認してください。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoPortalClient</name>
    <message>
        <source>The answer to %1 is incomplete: %2</source>
        <translation>%1 への応答が不完全です: %2</translation>
    </message>
    <message>
        <source>Something other than the IAM Identity Center portal answered. Check the portal endpoint (AWS_ENDPOINT_URL_SSO) and any proxy in between.</source>
        <translation>IAM Identity Center ポータル以外のものが応答しました。ポータルのエンドポイント (AWS_ENDPOINT_URL_SSO) と途中のプロキシを確認してください。</translation>
    </message>
    <message>
        <source>%1 is not a list.</source>
        <translation>%1 がリストではありません。</translation>
    </message>
    <message>
        <source>an entry of %1 lacks its IDs.</source>
        <translation>%1 の項目に ID がありません。</translation>
    </message>
    <message>
        <source>it lacks the access key ID, secret access key, session token or expiration.</source>
        <translation>アクセスキー ID、シークレットアクセスキー、セッショントークンまたは有効期限がありません。</translation>
    </message>
    <message>
        <source>The sign-in has expired or was revoked. Sign in again.</source>
        <translation>サインインの有効期限が切れたか、取り消されました。もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>This person may not use the role. Check sso_account_id and sso_role_name.</source>
        <translation>このユーザーはこのロールを使用できません。sso_account_id と sso_role_name を確認してください。</translation>
    </message>
    <message>
        <source>The account or role was not found. Check sso_account_id and sso_role_name.</source>
        <translation>アカウントまたはロールが見つかりません。sso_account_id と sso_role_name を確認してください。</translation>
    </message>
    <message>
        <source>IAM Identity Center is throttling requests. Wait a moment and try again.</source>
        <translation>IAM Identity Center が要求を制限しています。しばらく待ってから再試行してください。</translation>
    </message>
    <message>
        <source>Check sso_region and that the IAM Identity Center portal is reachable.</source>
        <translation>sso_region と、IAM Identity Center ポータルに接続できるかを確認してください。</translation>
    </message>
    <message>
        <source>it keeps paging past %1 pages.</source>
        <translation>%1 ページを超えてもページングが続きます。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoRequest</name>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>%1 failed with HTTP status %2.</source>
        <translation>%1 が HTTP ステータス %2 で失敗しました。</translation>
    </message>
    <message>
        <source>The answer to %1 is larger than %2 bytes.</source>
        <translation>%1 への応答が %2 バイトを超えています。</translation>
    </message>
    <message>
        <source>Something other than IAM Identity Center answered. Check the endpoint and any proxy in between.</source>
        <translation>IAM Identity Center 以外のものが応答しました。エンドポイントと途中のプロキシを確認してください。</translation>
    </message>
    <message>
        <source>The answer to %1 is not a JSON object.</source>
        <translation>%1 への応答が JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>Invalid sso_region &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>sso_region「%1」は無効です。リージョンは us-east-1 や eu-west-2 のような形式です。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoSessions</name>
    <message>
        <source>You are not signed in to IAM Identity Center for %1.</source>
        <translation>%1 の IAM Identity Center にサインインしていません。</translation>
    </message>
    <message>
        <source>Sign in: in the window with Sign In, or with `jobdesk-cli sso login`.</source>
        <translation>サインインしてください: ウィンドウの「サインイン」か、`jobdesk-cli sso login` で。</translation>
    </message>
    <message>
        <source>Your IAM Identity Center sign-in for %1 has expired.</source>
        <translation>%1 の IAM Identity Center のサインインの有効期限が切れました。</translation>
    </message>
    <message>
        <source>Sign in again: in the window with Sign In Again, or with `jobdesk-cli sso login`.</source>
        <translation>もう一度サインインしてください: ウィンドウの「再サインイン」か、`jobdesk-cli sso login` で。</translation>
    </message>
    <message>
        <source>Your IAM Identity Center sign-in for %1 has expired, and renewing it failed: %2</source>
        <translation>%1 の IAM Identity Center のサインインの有効期限が切れ、更新にも失敗しました: %2</translation>
    </message>
    <message>
        <source>IAM Identity Center no longer accepts the sign-in for %1: it has expired, was signed out, or was revoked.</source>
        <translation>IAM Identity Center は %1 のサインインを受け付けなくなりました: 有効期限切れ、サインアウト済み、または取り消されています。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoSignIn</name>
    <message>
        <source>The browser did not complete the sign-in in time.</source>
        <translation>ブラウザーでのサインインが時間内に完了しませんでした。</translation>
    </message>
    <message>
        <source>Sign in again, or use the device code instead.</source>
        <translation>もう一度サインインするか、代わりにデバイスコードを使用してください。</translation>
    </message>
    <message>
        <source>This sign-in cannot be renewed: it has no refresh token, or its client registration has expired.</source>
        <translation>このサインインは更新できません。リフレッシュトークンがないか、クライアント登録の有効期限が切れています。</translation>
    </message>
    <message>
        <source>Sign in again.</source>
        <translation>もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>サインインはキャンセルされました。</translation>
    </message>
    <message>
        <source>Use the device code to sign in instead.</source>
        <translation>代わりにデバイスコードでサインインしてください。</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser (%1).</source>
        <translation>ブラウザーでのサインインが完了しませんでした (%1)。</translation>
    </message>
    <message>
        <source>The sign-in request expired before it was approved.</source>
        <translation>サインイン要求は承認される前に期限切れになりました。</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoTokenCache</name>
    <message>
        <source>The SSO token cache file %1 is not usable: %2</source>
        <translation>SSO トークンキャッシュファイル %1 は使用できません: %2</translation>
    </message>
    <message>
        <source>Sign in again; that writes the file anew.</source>
        <translation>もう一度サインインしてください。ファイルが書き直されます。</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>it holds no accessToken or expiresAt.</source>
        <translation>accessToken または expiresAt がありません。</translation>
    </message>
    <message>
        <source>expiresAt &quot;%1&quot; is not a time.</source>
        <translation>expiresAt「%1」は時刻ではありません。</translation>
    </message>
    <message>
        <source>registrationExpiresAt &quot;%1&quot; is not a time.</source>
        <translation>registrationExpiresAt「%1」は時刻ではありません。</translation>
    </message>
    <message>
        <source>There is no SSO sign-in for %1 in %2: %3</source>
        <translation>%2 に %1 の SSO サインインがありません: %3</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>先にサインインしてください。</translation>
    </message>
    <message>
        <source>Could not write the SSO token cache file %1: %2</source>
        <translation>SSO トークンキャッシュファイル %1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Check that the folder %1 exists and is writable.</source>
        <translation>フォルダー %1 が存在し、書き込み可能かを確認してください。</translation>
    </message>
    <message>
        <source>the folder cannot be created.</source>
        <translation>フォルダーを作成できません。</translation>
    </message>
    <message>
        <source>Could not delete the SSO token cache file %1: %2</source>
        <translation>SSO トークンキャッシュファイル %1 を削除できませんでした: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>JobDesk has no translation for “%1”; it speaks %2.</source>
        <translation>JobDesk には「%1」の翻訳がありません。対応している言語: %2。</translation>
    </message>
    <message>
        <source>Inspect AWS CodePipeline third-party jobs.</source>
        <translation>AWS CodePipeline のサードパーティジョブを調査します。</translation>
    </message>
    <message>
        <source>Serve sample jobs from a built-in fake endpoint and pre-fill one.</source>
        <translation>内蔵の疑似エンドポイントからサンプルジョブを提供し、そのうち 1 件をフォームにあらかじめ入力します。</translation>
    </message>
    <message>
        <source>Use these fixtures for the demo.</source>
        <translation>デモにこのフィクスチャファイルを使用します。</translation>
    </message>
    <message>
        <source>Show the window in this language (%1), whatever the system&apos;s is.</source>
        <translation>システムの言語にかかわらず、ウィンドウをこの言語 (%1) で表示します。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>JobDesk</source>
        <translation>JobDesk</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>デモを開始できませんでした: %1</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <translation>roles muss ein Array sein</translation>
    </message>
    <message>
        <source>%1 needs an &quot;arn&quot; such as arn:aws:iam::123456789012:role/Name</source>
        <translation>%1 braucht einen Wert „arn“ wie arn:aws:iam::123456789012:role/Name</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>%1 must be 3600 to 43200 seconds</source>
        <translation>%1 muss zwischen 3600 und 43200 Sekunden liegen</translation>
    </message>
    <message>
        <source>%1 must be an array of access key IDs</source>
        <translation>%1 muss ein Array von Zugriffsschlüssel-IDs sein</translation>
    </message>
    <message>
        <source>%1 is not a role key</source>
        <translation>%1 ist kein zulässiges Feld einer Rolle</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1.%2 must be a non-empty string</source>
        <translation>%1.%2 muss eine nicht leere Zeichenkette sein</translation>
    </message>
    <message>
        <source>Cannot read the fixtures file %1: %2</source>
        <translation>Die Testdatendatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The fixtures are not a JSON object</source>
        <translation>Die Testdaten sind kein JSON-Objekt</translation>
    </message>
    <message>
        <source>credentials must be an array</source>
        <translation>credentials muss ein Array sein</translation>
    </message>
    <message>
        <source>each credential needs an accessKeyId and a secretAccessKey</source>
        <translation>jeder Eintrag in credentials braucht accessKeyId und secretAccessKey</translation>
    </message>
    <message>
        <source>actionTypes must be an array</source>
        <translation>actionTypes muss ein Array sein</translation>
    </message>
    <message>
        <source>region must be a string</source>
        <translation>region muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>%1 is not a fixtures key</source>
        <translation>%1 ist kein zulässiges Feld der Testdaten</translation>
    </message>
    <message>
        <source>jobs must be an array of job objects</source>
        <translation>jobs muss ein Array von Job-Objekten sein</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message>
        <source>a job must be a JSON object</source>
        <translation>ein Job muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>state must be one of Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed</source>
        <translation>state muss einer der Werte Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed sein</translation>
    </message>
    <message>
        <source>details must be a JSON object</source>
        <translation>details muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>%1 is not a job key</source>
        <translation>%1 ist kein zulässiges Feld eines Jobs</translation>
    </message>
    <message>
        <source>details.id differs from jobId</source>
        <translation>details.id weicht von jobId ab</translation>
    </message>
    <message>
        <source>a job needs a jobId (or details.id)</source>
        <translation>ein Job braucht eine jobId (oder details.id)</translation>
    </message>
    <message>
        <source>a job needs a clientToken</source>
        <translation>ein Job braucht ein clientToken</translation>
    </message>
    <message>
        <source>a job needs a nonce (or details.nonce)</source>
        <translation>ein Job braucht eine nonce (oder details.nonce)</translation>
    </message>
    <message>
        <source>a job needs an actionTypeId (or details.data.actionTypeId)</source>
        <translation>ein Job braucht eine actionTypeId (oder details.data.actionTypeId)</translation>
    </message>
    <message>
        <source>buckets must be an array</source>
        <translation>buckets muss ein Array sein</translation>
    </message>
    <message>
        <source>%1 needs a &quot;name&quot;</source>
        <translation>%1 braucht einen &quot;name&quot;</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string</source>
        <translation>%1 muss eine nicht leere Zeichenkette sein</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 muss true oder false sein</translation>
    </message>
    <message>
        <source>%1 is not a bucket key</source>
        <translation>%1 ist kein Schlüssel eines Buckets</translation>
    </message>
    <message>
        <source>objects must be an array</source>
        <translation>objects muss ein Array sein</translation>
    </message>
    <message>
        <source>%1 needs a &quot;bucket&quot;, a &quot;key&quot;, and a &quot;file&quot; or a &quot;text&quot;</source>
        <translation>%1 braucht &quot;bucket&quot;, &quot;key&quot; und entweder &quot;file&quot; oder &quot;text&quot;</translation>
    </message>
    <message>
        <source>%1 is not an object key</source>
        <translation>%1 ist kein Schlüssel eines Objekts</translation>
    </message>
    <message>
        <source>objects[%1].file: cannot read %2</source>
        <translation>objects[%1].file: %2 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>sso must be an object with &quot;accounts&quot;</source>
        <translation>sso muss ein Objekt mit „accounts“ sein</translation>
    </message>
    <message>
        <source>sso takes only an &quot;accounts&quot; array</source>
        <translation>sso nimmt nur ein Array „accounts“</translation>
    </message>
    <message>
        <source>%1 needs a 12-digit &quot;accountId&quot;</source>
        <translation>%1 braucht eine zwölfstellige „accountId“</translation>
    </message>
    <message>
        <source>%1.roles must be an array of names</source>
        <translation>%1.roles muss ein Array von Namen sein</translation>
    </message>
</context>
<context>
    <name>JobDocument</name>
    <message>
        <source>This is not JSON.</source>
        <translation>Das ist kein JSON.</translation>
    </message>
    <message>
        <source>Open the output of &quot;aws codepipeline get-third-party-job-details&quot; or a JobDesk export.</source>
        <translation>Öffnen Sie die Ausgabe von „aws codepipeline get-third-party-job-details“ oder einen JobDesk-Export.</translation>
    </message>
    <message>
        <source>The JSON is not an object.</source>
        <translation>Das JSON ist kein Objekt.</translation>
    </message>
    <message>
        <source>Expected an object with a &quot;jobDetails&quot; member.</source>
        <translation>Erwartet wurde ein Objekt mit dem Element „jobDetails“.</translation>
    </message>
    <message>
        <source>The JSON has no &quot;jobDetails&quot; object.</source>
        <translation>Das JSON enthält kein Objekt „jobDetails“.</translation>
    </message>
    <message>
        <source>Expected the output of &quot;aws codepipeline get-third-party-job-details&quot;.</source>
        <translation>Erwartet wurde die Ausgabe von „aws codepipeline get-third-party-job-details“.</translation>
    </message>
    <message>
        <source>(no job ID)</source>
        <translation>(keine Job-ID)</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>eingefügt</translation>
    </message>
    <message>
        <source>The JSON is nested more than %1 levels deep; no CodePipeline job is.</source>
        <translation>Das JSON ist tiefer als %1 Ebenen verschachtelt, was bei keinem CodePipeline-Job vorkommt.</translation>
    </message>
    <message>
        <source>The JSON&apos;s &quot;activity&quot; is not a list of objects.</source>
        <translation>„activity“ im JSON ist keine Liste von Objekten.</translation>
    </message>
    <message>
        <source>Open a JobDesk export as it was written, or remove its &quot;activity&quot; member.</source>
        <translation>Öffnen Sie einen JobDesk-Export so, wie er geschrieben wurde, oder entfernen Sie sein Element „activity“.</translation>
    </message>
    <message>
        <source>polled</source>
        <translation>abgefragt</translation>
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
        <translation>%1 (Tabulator)</translation>
    </message>
    <message>
        <source>%1 (line break)</source>
        <translation>%1 (Zeilenumbruch)</translation>
    </message>
    <message>
        <source>%1 (carriage return)</source>
        <translation>%1 (Wagenrücklauf)</translation>
    </message>
    <message>
        <source>%1 (space)</source>
        <translation>%1 (Leerzeichen)</translation>
    </message>
    <message>
        <source>%1 (no-break space)</source>
        <translation>%1 (geschütztes Leerzeichen)</translation>
    </message>
    <message>
        <source>%1 is empty; enter a value.</source>
        <translation>%1 ist leer; geben Sie einen Wert ein.</translation>
    </message>
    <message>
        <source>%1 contains a control character, %2; remove it.</source>
        <translation>%1 enthält ein Steuerzeichen, %2; entfernen Sie es.</translation>
    </message>
    <message>
        <source>%1 starts or ends with a space; remove the spaces around it.</source>
        <translation>%1 beginnt oder endet mit einem Leerzeichen; entfernen Sie die Leerzeichen am Anfang und Ende.</translation>
    </message>
    <message>
        <source>%1 contains a space, %2; it cannot have any.</source>
        <translation>%1 enthält ein Leerzeichen, %2; Leerzeichen sind darin nicht erlaubt.</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1 ist zu lang: %2 Zeichen, höchstens %3.</translation>
    </message>
    <message>
        <source>%1 is too short: %2 characters, at least %3.</source>
        <translation>%1 ist zu kurz: %2 Zeichen, mindestens %3.</translation>
    </message>
    <message>
        <source>%1 must be one of: %2.</source>
        <translation>%1 muss einer dieser Werte sein: %2.</translation>
    </message>
    <message>
        <source>%1 “%2” does not have the form the service expects (%3).</source>
        <translation>%1 „%2“ hat nicht die Form, die der Dienst erwartet (%3).</translation>
    </message>
    <message>
        <source>%1: “%2” is not a region. A region looks like us-east-1, eu-west-2, cn-north-1 or us-gov-west-1.</source>
        <translation>%1: „%2“ ist keine Region. Eine Region sieht aus wie us-east-1, eu-west-2, cn-north-1 oder us-gov-west-1.</translation>
    </message>
    <message>
        <source>%1: “%2” is not an absolute URL; start it with https:// or http://, as in %3.</source>
        <translation>%1: „%2“ ist keine absolute URL; beginnen Sie sie mit https:// oder http://, wie in %3.</translation>
    </message>
    <message>
        <source>%1: “%2” uses %3://; only https:// and http:// are allowed.</source>
        <translation>%1: „%2“ verwendet %3://; nur https:// und http:// sind erlaubt.</translation>
    </message>
    <message>
        <source>%1: “%2” is not a valid URL (%3).</source>
        <translation>%1: „%2“ ist keine gültige URL (%3).</translation>
    </message>
    <message>
        <source>%1: “%2” has no host name; write it as in %3.</source>
        <translation>%1: „%2“ enthält keinen Hostnamen; schreiben Sie die URL wie in %3.</translation>
    </message>
    <message>
        <source>%1 must not contain a user name or password (the part before “@”); requests are signed with the profile&apos;s keys.</source>
        <translation>%1 darf keinen Benutzernamen und kein Passwort enthalten (den Teil vor „@“); Anfragen werden mit den Schlüsseln des Profils signiert.</translation>
    </message>
    <message>
        <source>%1 must not contain a “#” fragment; remove “#%2”.</source>
        <translation>%1 darf kein Fragment mit „#“ enthalten; entfernen Sie „#%2“.</translation>
    </message>
    <message>
        <source>%1 must be a number of seconds, not “%2”.</source>
        <translation>%1 muss eine Anzahl Sekunden sein, nicht „%2“.</translation>
    </message>
    <message>
        <source>%1 cannot be negative (%2); give a number of seconds, or 0 for no timeout.</source>
        <translation>%1 darf nicht negativ sein (%2); geben Sie eine Anzahl Sekunden an oder 0 für kein Timeout.</translation>
    </message>
    <message>
        <source>%1 can be at most %2 seconds, not %3.</source>
        <translation>%1 darf höchstens %2 Sekunden betragen, nicht %3.</translation>
    </message>
    <message>
        <source>%1: the file %2 does not exist.</source>
        <translation>%1: Die Datei %2 existiert nicht.</translation>
    </message>
    <message>
        <source>%1: %2 is a folder; choose the PEM file in it.</source>
        <translation>%1: %2 ist ein Ordner; wählen Sie die PEM-Datei darin aus.</translation>
    </message>
    <message>
        <source>%1: the file %2 cannot be read (%3).</source>
        <translation>%1: Die Datei %2 kann nicht gelesen werden (%3).</translation>
    </message>
    <message>
        <source>%1: %2 holds no PEM certificate (a block starting with “-----BEGIN CERTIFICATE-----”).</source>
        <translation>%1: %2 enthält kein PEM-Zertifikat (einen Block, der mit „-----BEGIN CERTIFICATE-----“ beginnt).</translation>
    </message>
    <message>
        <source>%1 “%2” is not an access key ID: those are 16 to 128 letters and digits, such as AKIAIOSFODNN7EXAMPLE.</source>
        <translation>%1 „%2“ ist keine Zugriffsschlüssel-ID: Diese bestehen aus 16 bis 128 Buchstaben und Ziffern, etwa AKIAIOSFODNN7EXAMPLE.</translation>
    </message>
</context>
<context>
    <name>jobdesk::ProcessHardening</name>
    <message>
        <source>Could not set the core file size limit to 0: %1</source>
        <translation>Die Größenbeschränkung für Core-Dateien konnte nicht auf 0 gesetzt werden: %1</translation>
    </message>
    <message>
        <source>Could not mark the process as not dumpable: %1</source>
        <translation>Der Prozess konnte nicht als „nicht dumpbar“ markiert werden: %1</translation>
    </message>
    <message>
        <source>Secrets held by this process could end up in a core dump.</source>
        <translation>Geheime Werte, die dieser Prozess hält, könnten in einem Core-Dump landen.</translation>
    </message>
    <message>
        <source>Could not turn off crash reporting dialogs: %1</source>
        <translation>Die Absturzmeldungen konnten nicht abgeschaltet werden: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::app::DemoSession</name>
    <message>
        <source>Cannot read the demo jobs %1: %2</source>
        <translation>Die Demo-Jobs %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The demo endpoint could not start: %1</source>
        <translation>Der Demo-Endpunkt konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Sample jobs served by JobDesk itself at %1</source>
        <translation>Beispiel-Jobs, die JobDesk selbst unter %1 bereitstellt</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ArchiveExtractor</name>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Extraction cancelled; the files it had written were removed.</source>
        <translation>Entpacken abgebrochen; die bereits geschriebenen Dateien wurden entfernt.</translation>
    </message>
    <message>
        <source>would be written through the existing symbolic link &quot;%1&quot;</source>
        <translation>würde durch die vorhandene symbolische Verknüpfung „%1“ geschrieben</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a file, not a folder</source>
        <translation>„%1“ ist eine Datei, kein Ordner</translation>
    </message>
    <message>
        <source>a symbolic link is in the way</source>
        <translation>eine symbolische Verknüpfung steht im Weg</translation>
    </message>
    <message>
        <source>a file is in the way of a folder</source>
        <translation>eine Datei steht einem Ordner im Weg</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>der Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>appears twice in the archive</source>
        <translation>kommt zweimal im Archiv vor</translation>
    </message>
    <message>
        <source>Nothing was extracted: the archive would unpack to more than %1 bytes (reached at &quot;%2&quot;).</source>
        <translation>Nichts wurde entpackt: Das Archiv würde mehr als %1 Bytes ergeben (erreicht bei „%2“).</translation>
    </message>
    <message>
        <source>Extract fewer entries, or raise the limit if the artifact is known to be this large.</source>
        <translation>Entpacken Sie weniger Einträge, oder erhöhen Sie die Grenze, wenn das Artefakt bekanntermaßen so groß ist.</translation>
    </message>
    <message>
        <source>would be written through the archive&apos;s symbolic link &quot;%1&quot;</source>
        <translation>würde durch die symbolische Verknüpfung „%1“ des Archivs geschrieben</translation>
    </message>
    <message>
        <source>lies under &quot;%1&quot;, which is a file</source>
        <translation>liegt unter „%1“, das eine Datei ist</translation>
    </message>
    <message>
        <source>is a symbolic link to &quot;%1&quot;, outside the folder</source>
        <translation>ist eine symbolische Verknüpfung auf „%1“ außerhalb des Ordners</translation>
    </message>
    <message>
        <source>something other than a folder already has this name</source>
        <translation>etwas anderes als ein Ordner trägt bereits diesen Namen</translation>
    </message>
    <message>
        <source>a folder already has this name</source>
        <translation>ein Ordner trägt bereits diesen Namen</translation>
    </message>
    <message>
        <source>Nothing was extracted: &quot;%1&quot; already exists.</source>
        <translation>Nichts wurde entpackt: „%1“ ist bereits vorhanden.</translation>
    </message>
    <message>
        <source>Choose an empty folder, or allow replacing existing files.</source>
        <translation>Wählen Sie einen leeren Ordner, oder erlauben Sie das Ersetzen vorhandener Dateien.</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>This file is not a zip archive; nothing was extracted.</source>
        <translation>Diese Datei ist kein ZIP-Archiv; nichts wurde entpackt.</translation>
    </message>
    <message>
        <source>JobDesk lists %1 archives but extracts only zip archives.</source>
        <translation>JobDesk listet %1-Archive auf, entpackt aber nur ZIP-Archive.</translation>
    </message>
    <message>
        <source>Nothing was extracted: the archive holds more than %1 entries.</source>
        <translation>Nichts wurde entpackt: Das Archiv enthält mehr als %1 Einträge.</translation>
    </message>
    <message>
        <source>the symbolic link in its place cannot be removed</source>
        <translation>die symbolische Verknüpfung an seiner Stelle kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>the file in its place cannot be removed</source>
        <translation>die Datei an seiner Stelle kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>the symbolic link cannot be created</source>
        <translation>die symbolische Verknüpfung kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ArchiveReader</name>
    <message>
        <source>The archive has no entry named &quot;%1&quot;.</source>
        <translation>Das Archiv enthält keinen Eintrag namens „%1“.</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>The archive cannot be read: it is not open for random access.</source>
        <translation>Das Archiv kann nicht gelesen werden: Es ist nicht für wahlfreien Zugriff geöffnet.</translation>
    </message>
    <message>
        <source>This file is not a zip, tar or tar.gz archive.</source>
        <translation>Diese Datei ist kein ZIP-, TAR- oder TAR.GZ-Archiv.</translation>
    </message>
    <message>
        <source>JobDesk recognises archives by their content, not their name; this one starts with none of the known signatures.</source>
        <translation>JobDesk erkennt Archive an ihrem Inhalt, nicht am Namen; diese Datei beginnt mit keiner der bekannten Signaturen.</translation>
    </message>
    <message>
        <source>Only the entries of a zip archive can be read.</source>
        <translation>Nur die Einträge eines ZIP-Archivs können gelesen werden.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is a folder, not a file.</source>
        <translation>Der Archiveintrag „%1“ ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is a symbolic link, not a file.</source>
        <translation>Der Archiveintrag „%1“ ist eine symbolische Verknüpfung, keine Datei.</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::EntryPath</name>
    <message>
        <source>Nothing was extracted: the archive entry &quot;%1&quot; %2.</source>
        <translation>Nichts wurde entpackt: Der Archiveintrag „%1“ %2.</translation>
    </message>
    <message>
        <source>An archive whose names leave the target folder can overwrite files anywhere; ask who produced the artifact.</source>
        <translation>Ein Archiv, dessen Namen den Zielordner verlassen, kann Dateien an beliebiger Stelle überschreiben; fragen Sie, wer das Artefakt erzeugt hat.</translation>
    </message>
    <message>
        <source>has an empty name</source>
        <translation>hat einen leeren Namen</translation>
    </message>
    <message>
        <source>has a control character in its name</source>
        <translation>enthält ein Steuerzeichen im Namen</translation>
    </message>
    <message>
        <source>has an absolute path</source>
        <translation>hat einen absoluten Pfad</translation>
    </message>
    <message>
        <source>names a drive</source>
        <translation>nennt ein Laufwerk</translation>
    </message>
    <message>
        <source>climbs out of the folder with &quot;..&quot;</source>
        <translation>verlässt den Ordner mit „..“</translation>
    </message>
    <message>
        <source>has a name made only of dots and spaces, which Windows reads as &quot;..&quot;</source>
        <translation>hat einen Namen nur aus Punkten und Leerzeichen, den Windows als „..“ liest</translation>
    </message>
    <message>
        <source>names the folder itself</source>
        <translation>bezeichnet den Ordner selbst</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::TarLister</name>
    <message>
        <source>The tar archive is damaged: %1.</source>
        <translation>Das TAR-Archiv ist beschädigt: %1.</translation>
    </message>
    <message>
        <source>Download the artifact again; if it stays damaged, the action that wrote it produced a broken archive.</source>
        <translation>Laden Sie das Artefakt erneut herunter; bleibt es beschädigt, hat die Aktion, die es geschrieben hat, ein fehlerhaftes Archiv erzeugt.</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>der Dekomprimierer konnte nicht starten</translation>
    </message>
    <message>
        <source>the gzip stream is cut short</source>
        <translation>der gzip-Datenstrom ist abgeschnitten</translation>
    </message>
    <message>
        <source>the gzip stream is damaged</source>
        <translation>der gzip-Datenstrom ist beschädigt</translation>
    </message>
    <message>
        <source>an extended header of %1 bytes is larger than any name</source>
        <translation>ein erweiterter Header von %1 Bytes ist größer als jeder Name</translation>
    </message>
    <message>
        <source>it ends inside an extended header</source>
        <translation>es endet innerhalb eines erweiterten Headers</translation>
    </message>
    <message>
        <source>it ends inside a header</source>
        <translation>es endet innerhalb eines Headers</translation>
    </message>
    <message>
        <source>the header after entry %1 has a wrong checksum</source>
        <translation>der Header nach Eintrag %1 hat eine falsche Prüfsumme</translation>
    </message>
    <message>
        <source>the size of entry %1 is not a number</source>
        <translation>die Größe von Eintrag %1 ist keine Zahl</translation>
    </message>
    <message>
        <source>a pax extended header is malformed</source>
        <translation>ein erweiterter pax-Header ist fehlerhaft</translation>
    </message>
    <message>
        <source>a pax global header is malformed</source>
        <translation>ein globaler pax-Header ist fehlerhaft</translation>
    </message>
    <message>
        <source>it holds more than %1 entries</source>
        <translation>es enthält mehr als %1 Einträge</translation>
    </message>
    <message>
        <source>entry %1 has no name</source>
        <translation>Eintrag %1 hat keinen Namen</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; declares an impossible size</source>
        <translation>der Eintrag „%1“ gibt eine unmögliche Größe an</translation>
    </message>
    <message>
        <source>it ends inside the entry &quot;%1&quot;</source>
        <translation>es endet innerhalb des Eintrags „%1“</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ZipDirectory</name>
    <message>
        <source>a checksum does not match</source>
        <translation>eine Prüfsumme stimmt nicht</translation>
    </message>
    <message>
        <source>the zip directory is damaged or cut short</source>
        <translation>das ZIP-Verzeichnis ist beschädigt oder abgeschnitten</translation>
    </message>
    <message>
        <source>the zip file could not be read (error %1)</source>
        <translation>die ZIP-Datei konnte nicht gelesen werden (Fehler %1)</translation>
    </message>
    <message>
        <source>The zip archive is damaged: %1.</source>
        <translation>Das ZIP-Archiv ist beschädigt: %1.</translation>
    </message>
    <message>
        <source>Download the artifact again; if it stays damaged, the action that wrote it produced a broken zip.</source>
        <translation>Laden Sie das Artefakt erneut herunter; bleibt es beschädigt, hat die Aktion, die es geschrieben hat, ein fehlerhaftes ZIP erzeugt.</translation>
    </message>
    <message>
        <source>The zip archive is damaged: its central directory, at the end of the file, is missing or cut short.</source>
        <translation>Das ZIP-Archiv ist beschädigt: Sein zentrales Verzeichnis am Dateiende fehlt oder ist abgeschnitten.</translation>
    </message>
    <message>
        <source>A download cut short loses the end of a zip: download the artifact again.</source>
        <translation>Ein abgebrochener Download verliert das Ende eines ZIP: Laden Sie das Artefakt erneut herunter.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is encrypted; JobDesk does not decrypt zip entries.</source>
        <translation>Der Archiveintrag „%1“ ist verschlüsselt; JobDesk entschlüsselt keine ZIP-Einträge.</translation>
    </message>
    <message>
        <source>Decrypt the artifact with the tool that encrypted it.</source>
        <translation>Entschlüsseln Sie das Artefakt mit dem Werkzeug, das es verschlüsselt hat.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is compressed with method %2, which JobDesk cannot read.</source>
        <translation>Der Archiveintrag „%1“ ist mit Methode %2 komprimiert, die JobDesk nicht lesen kann.</translation>
    </message>
    <message>
        <source>JobDesk reads stored and deflated entries, which is what CodePipeline writes.</source>
        <translation>JobDesk liest unkomprimierte und mit Deflate komprimierte Einträge, wie CodePipeline sie schreibt.</translation>
    </message>
    <message>
        <source>The archive holds more than %1 entries.</source>
        <translation>Das Archiv enthält mehr als %1 Einträge.</translation>
    </message>
    <message>
        <source>Artifacts this large are not shown or extracted.</source>
        <translation>So große Artefakte werden weder angezeigt noch entpackt.</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; declares an impossible size</source>
        <translation>der Eintrag „%1“ gibt eine unmögliche Größe an</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be opened (%2)</source>
        <translation>der Eintrag „%1“ kann nicht geöffnet werden (%2)</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>der Dekomprimierer konnte nicht starten</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; holds more data than the %2 bytes it declares; the archive is damaged or built to fill the disk (a zip bomb).</source>
        <translation>Der Archiveintrag „%1“ enthält mehr Daten als die angegebenen %2 Bytes; das Archiv ist beschädigt oder darauf angelegt, die Festplatte zu füllen (eine ZIP-Bombe).</translation>
    </message>
    <message>
        <source>Do not extract this artifact; ask who produced it.</source>
        <translation>Entpacken Sie dieses Artefakt nicht; fragen Sie, wer es erzeugt hat.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; does not decompress</source>
        <translation>der Eintrag „%1“ lässt sich nicht dekomprimieren</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be read (%2)</source>
        <translation>der Eintrag „%1“ kann nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; ends after %2 of its %3 bytes</source>
        <translation>der Eintrag „%1“ endet nach %2 seiner %3 Bytes</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; fails its CRC-32 check</source>
        <translation>der Eintrag „%1“ besteht die CRC-32-Prüfung nicht</translation>
    </message>
    <message>
        <source>the symbolic link &quot;%1&quot; has a target longer than %2 bytes</source>
        <translation>die symbolische Verknüpfung „%1“ hat ein Ziel, das länger als %2 Bytes ist</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ZipWriter</name>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write the zip &quot;%1&quot;: %2</source>
        <translation>Das ZIP „%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a symbolic link; choose the file or folder it points to.</source>
        <translation>„%1“ ist eine symbolische Verknüpfung; wählen Sie die Datei oder den Ordner, auf den sie zeigt.</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>es ist nicht vorhanden</translation>
    </message>
    <message>
        <source>The zip &quot;%1&quot; cannot be written inside the folder being zipped.</source>
        <translation>Das ZIP „%1“ kann nicht in den Ordner geschrieben werden, der gepackt wird.</translation>
    </message>
    <message>
        <source>Save the zip outside &quot;%1&quot;.</source>
        <translation>Speichern Sie das ZIP außerhalb von „%1“.</translation>
    </message>
    <message>
        <source>it is neither a file nor a folder</source>
        <translation>es ist weder eine Datei noch ein Ordner</translation>
    </message>
    <message>
        <source>Zipping cancelled; no zip was written.</source>
        <translation>Packen abgebrochen; es wurde kein ZIP geschrieben.</translation>
    </message>
    <message>
        <source>the zip cannot be started (error %1)</source>
        <translation>das ZIP kann nicht begonnen werden (Fehler %1)</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be added</source>
        <translation>der Eintrag „%1“ kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be finished</source>
        <translation>der Eintrag „%1“ kann nicht abgeschlossen werden</translation>
    </message>
    <message>
        <source>the zip&apos;s directory cannot be written</source>
        <translation>das Verzeichnis des ZIP kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::AwsCall</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; is larger than %2 and was not read.</source>
        <translation>Die Antwort von „%1“ ist größer als %2 und wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>A CodePipeline job is far smaller than this. Check the endpoint URL and any proxy in between.</source>
        <translation>Ein CodePipeline-Job ist weit kleiner. Prüfen Sie die Endpunkt-URL und jeden Proxy dazwischen.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was cut short: the connection was closed or reset after %2 bytes of it had arrived.</source>
        <translation>Die Antwort von „%1“ ist unvollständig: Die Verbindung wurde geschlossen oder zurückgesetzt, nachdem %2 Bytes davon angekommen waren.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was a web page (HTML), not an answer from the AWS service.</source>
        <translation>Die Antwort von „%1“ war eine Webseite (HTML), keine Antwort des AWS-Dienstes.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was a web page (HTML, titled &quot;%2&quot;), not an answer from the AWS service.</source>
        <translation>Die Antwort von „%1“ war eine Webseite (HTML, Titel „%2“), keine Antwort des AWS-Dienstes.</translation>
    </message>
    <message>
        <source>A captive portal (the sign-in page of a hotel or guest network) or a proxy probably answered instead. Open a web page in a browser and sign in to the network if it asks, then check the proxy settings and the endpoint URL.</source>
        <translation>Wahrscheinlich hat stattdessen ein Captive Portal (die Anmeldeseite eines Hotel- oder Gastnetzwerks) oder ein Proxy geantwortet. Öffnen Sie eine Webseite im Browser und melden Sie sich am Netzwerk an, falls Sie dazu aufgefordert werden; prüfen Sie dann die Proxy-Einstellungen und die Endpunkt-URL.</translation>
    </message>
    <message>
        <source>The local clock is %1 s off the service&apos;s; signing again with the service&apos;s time.</source>
        <translation>Die lokale Uhr weicht um %1 s von der des Dienstes ab; es wird erneut mit der Zeit des Dienstes signiert.</translation>
    </message>
    <message>
        <source>The service refused the request&apos;s time: this computer&apos;s clock differs from the server&apos;s (%1)</source>
        <translation>Der Dienst hat den Zeitstempel der Anfrage abgelehnt: Die Uhr dieses Computers weicht von der des Servers ab (%1)</translation>
    </message>
    <message>
        <source>Set this computer&apos;s date, time and time zone right (turn on automatic time setting), then try again. If they are right, a proxy may be changing the service&apos;s Date header.</source>
        <translation>Stellen Sie Datum, Uhrzeit und Zeitzone dieses Computers richtig ein (aktivieren Sie die automatische Zeiteinstellung) und versuchen Sie es dann erneut. Stimmen diese, verändert möglicherweise ein Proxy den Date-Header des Dienstes.</translation>
    </message>
    <message>
        <source>Retrying after %1 (%2 s)</source>
        <translation>Neuer Versuch nach %1 (Wartezeit %2 s)</translation>
    </message>
    <message>
        <source>Connect timeout on endpoint URL: &quot;%1&quot;</source>
        <translation>Verbindungs-Timeout bei der Endpunkt-URL: „%1“</translation>
    </message>
    <message>
        <source>Read timeout on endpoint URL: &quot;%1&quot;</source>
        <translation>Lese-Timeout bei der Endpunkt-URL: „%1“</translation>
    </message>
    <message>
        <source>The endpoint did not accept a connection in time. Check the network, the proxy settings and the endpoint URL.</source>
        <translation>Der Endpunkt hat die Verbindung nicht rechtzeitig angenommen. Prüfen Sie das Netzwerk, die Proxy-Einstellungen und die Endpunkt-URL.</translation>
    </message>
    <message>
        <source>The endpoint accepted the request but did not answer in time. Try again, or raise the read timeout.</source>
        <translation>Der Endpunkt hat die Anfrage angenommen, aber nicht rechtzeitig geantwortet. Versuchen Sie es erneut oder erhöhen Sie das Lese-Timeout.</translation>
    </message>
    <message>
        <source>Could not connect to the endpoint URL: &quot;%1&quot; (connection refused).</source>
        <translation>Keine Verbindung zur Endpunkt-URL möglich: „%1“ (Verbindung abgelehnt).</translation>
    </message>
    <message>
        <source>Nothing is listening there. Check the endpoint URL and port.</source>
        <translation>Dort nimmt kein Dienst Verbindungen an. Prüfen Sie Endpunkt-URL und Port.</translation>
    </message>
    <message>
        <source>The host name %1 could not be found, so the endpoint URL &quot;%2&quot; could not be reached.</source>
        <translation>Der Hostname %1 wurde nicht gefunden, daher war die Endpunkt-URL „%2“ nicht erreichbar.</translation>
    </message>
    <message>
        <source>Check the endpoint URL and the region for typing errors, then this computer&apos;s network connection, DNS and proxy settings.</source>
        <translation>Prüfen Sie Endpunkt-URL und Region auf Tippfehler, danach die Netzwerkverbindung sowie die DNS- und Proxy-Einstellungen dieses Computers.</translation>
    </message>
    <message>
        <source>The connection to &quot;%1&quot; was closed or reset before any answer came.</source>
        <translation>Die Verbindung zu „%1“ wurde geschlossen oder zurückgesetzt, bevor eine Antwort kam.</translation>
    </message>
    <message>
        <source>The server or something in between (a proxy, VPN or firewall) dropped the connection. Try again; if it keeps happening, check the proxy and VPN settings and the endpoint URL.</source>
        <translation>Der Server oder etwas dazwischen (ein Proxy, VPN oder eine Firewall) hat die Verbindung getrennt. Versuchen Sie es erneut; wenn es wieder passiert, prüfen Sie die Proxy- und VPN-Einstellungen und die Endpunkt-URL.</translation>
    </message>
    <message>
        <source>Secure connection to &quot;%1&quot; failed: %2</source>
        <translation>Sichere Verbindung zu „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>If the endpoint uses a private certificate authority, add its CA bundle in the settings (or --ca-bundle).</source>
        <translation>Wenn der Endpunkt eine private Zertifizierungsstelle verwendet, fügen Sie deren CA-Bundle in den Einstellungen hinzu (oder mit --ca-bundle).</translation>
    </message>
    <message>
        <source>The proxy failed: %1</source>
        <translation>Fehler beim Proxy: %1</translation>
    </message>
    <message>
        <source>Check the proxy settings.</source>
        <translation>Prüfen Sie die Proxy-Einstellungen.</translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Try again, or raise the timeout.</source>
        <translation>Der Endpunkt hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut oder erhöhen Sie das Timeout.</translation>
    </message>
    <message>
        <source>Could not reach &quot;%1&quot;: %2</source>
        <translation>„%1“ ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Check the network connection and the endpoint URL.</source>
        <translation>Prüfen Sie die Netzwerkverbindung und die Endpunkt-URL.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::ClientConfigBuilder</name>
    <message>
        <source>A timeout cannot be negative (%1 ms); 0 means no timeout.</source>
        <translation>Ein Timeout darf nicht negativ sein (%1 ms); 0 bedeutet kein Timeout.</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>Die Region</translation>
    </message>
    <message>
        <source>The number of attempts must be at least 1, the first one included (%1 given).</source>
        <translation>Die Anzahl der Versuche muss mindestens 1 betragen, den ersten eingeschlossen (angegeben: %1).</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::Credentials</name>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>Keine Anmeldedaten gefunden.</translation>
    </message>
    <message>
        <source>Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile.</source>
        <translation>Setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY oder wählen Sie ein Profil.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::EndpointResolver</name>
    <message>
        <source>Invalid endpoint URL &quot;%1&quot;: it must be a full URL such as https://codepipeline.us-east-1.amazonaws.com.</source>
        <translation>Ungültige Endpunkt-URL „%1“: Es muss eine vollständige URL sein, etwa https://codepipeline.us-east-1.amazonaws.com.</translation>
    </message>
    <message>
        <source>Invalid endpoint URL &quot;%1&quot;: the scheme must be http or https.</source>
        <translation>Ungültige Endpunkt-URL „%1“: Das Schema muss http oder https sein.</translation>
    </message>
    <message>
        <source>You must specify a region.</source>
        <translation>Sie müssen eine Region angeben.</translation>
    </message>
    <message>
        <source>Choose a region, or set AWS_REGION or AWS_DEFAULT_REGION.</source>
        <translation>Wählen Sie eine Region oder setzen Sie AWS_REGION oder AWS_DEFAULT_REGION.</translation>
    </message>
    <message>
        <source>Invalid region name &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Ungültiger Regionsname „%1“. Eine Region sieht aus wie us-east-1 oder eu-west-2.</translation>
    </message>
    <message>
        <source>CodePipeline has no FIPS endpoint in %1. FIPS endpoints exist in: %2.</source>
        <translation>CodePipeline hat keinen FIPS-Endpunkt in %1. FIPS-Endpunkte gibt es in: %2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::NetworkErrorText</name>
    <message>
        <source>The TLS handshake failed.</source>
        <translation>Der TLS-Handshake ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired.</source>
        <translation>Das Zertifikat des Servers ist abgelaufen.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid yet (check this computer&apos;s clock).</source>
        <translation>Das Zertifikat des Servers ist noch nicht gültig (prüfen Sie die Uhr dieses Computers).</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for a different host name than the endpoint.</source>
        <translation>Das Zertifikat des Servers gilt für einen anderen Hostnamen als den des Endpunkts.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed and not trusted.</source>
        <translation>Das Zertifikat des Servers ist selbstsigniert und nicht vertrauenswürdig.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was issued by a certificate authority that is not trusted.</source>
        <translation>Das Zertifikat des Servers wurde von einer nicht vertrauenswürdigen Zertifizierungsstelle ausgestellt.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::ServiceError</name>
    <message>
        <source>The server answered HTTP %1 with an HTML page instead of a service error.</source>
        <translation>Der Server hat mit HTTP %1 und einer HTML-Seite statt mit einer Fehlermeldung des Dienstes geantwortet.</translation>
    </message>
    <message>
        <source>CodePipeline has no job with this ID for your partner account. Check that the job ID was copied whole, and that you are using the partner account&apos;s keys in the job&apos;s region.</source>
        <translation>CodePipeline hat für Ihr Partnerkonto keinen Job mit dieser ID. Prüfen Sie, ob die Job-ID vollständig kopiert wurde und ob Sie die Schlüssel des Partnerkontos in der Region des Jobs verwenden.</translation>
    </message>
    <message>
        <source>The job exists but its details can no longer be read: it was probably already completed, failed or timed out. Poll for a newer job for this pipeline.</source>
        <translation>Der Job existiert, aber seine Details können nicht mehr gelesen werden: Wahrscheinlich ist er bereits abgeschlossen, fehlgeschlagen oder abgelaufen. Fragen Sie per Polling einen neueren Job für diese Pipeline ab.</translation>
    </message>
    <message>
        <source>The client token does not belong to this job&apos;s customer. Ask for the token that pairs this customer&apos;s pipeline with your action, or pick the right one from the token vault.</source>
        <translation>Das Client-Token gehört nicht zum Kunden dieses Jobs. Fragen Sie nach dem Token, das die Pipeline dieses Kunden mit Ihrer Aktion verbindet, oder wählen Sie das richtige unter den gespeicherten Tokens aus.</translation>
    </message>
    <message>
        <source>AWS does not recognise your access key ID. The AWS keys of the selected profile are wrong, deleted or from another partition; this is not about the job&apos;s client token.</source>
        <translation>AWS erkennt Ihre Zugriffsschlüssel-ID nicht. Die AWS-Schlüssel des ausgewählten Profils sind falsch, gelöscht oder stammen aus einer anderen Partition; mit dem Client-Token des Jobs hat das nichts zu tun.</translation>
    </message>
    <message>
        <source>AWS rejected the request signature. Check the secret access key of the profile, and that this computer&apos;s clock is correct.</source>
        <translation>AWS hat die Signatur der Anfrage abgelehnt. Prüfen Sie den geheimen Zugriffsschlüssel des Profils und ob die Uhr dieses Computers richtig geht.</translation>
    </message>
    <message>
        <source>The profile&apos;s session token has expired. Refresh the temporary credentials and try again.</source>
        <translation>Das Sitzungstoken des Profils ist abgelaufen. Erneuern Sie die temporären Anmeldedaten und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The AWS identity is not allowed to call this operation. Check its IAM policy for codepipeline:%1 permissions.</source>
        <translation>Die AWS-Identität darf diese Operation nicht aufrufen. Prüfen Sie, ob ihre IAM-Richtlinie die Berechtigung codepipeline:%1 gewährt.</translation>
    </message>
    <message>
        <source>CodePipeline rejected a parameter. Check the job ID and client token for stray characters.</source>
        <translation>CodePipeline hat einen Parameter abgelehnt. Prüfen Sie Job-ID und Client-Token auf überzählige Zeichen.</translation>
    </message>
    <message>
        <source>The nonce does not match the job. Use the nonce from this job&apos;s details.</source>
        <translation>Die Nonce passt nicht zum Job. Verwenden Sie die Nonce aus den Details dieses Jobs.</translation>
    </message>
    <message>
        <source>The job is not in a state that accepts this result; it may already be finished.</source>
        <translation>Der Job ist in keinem Zustand, der dieses Ergebnis annimmt; möglicherweise ist er bereits beendet.</translation>
    </message>
    <message>
        <source>No custom action type matches the category, owner, provider and version given.</source>
        <translation>Kein benutzerdefinierter Aktionstyp passt zu der angegebenen Kategorie, dem Besitzer, dem Anbieter und der Version.</translation>
    </message>
    <message>
        <source>AWS is limiting the request rate for this account. Wait a little and try again; check whether a job worker is polling too fast.</source>
        <translation>AWS begrenzt die Anfragerate für dieses Konto. Warten Sie kurz und versuchen Sie es erneut; prüfen Sie, ob ein Job-Worker zu häufig abfragt.</translation>
    </message>
    <message>
        <source>The service had an internal problem. Try again in a moment.</source>
        <translation>Beim Dienst ist ein interner Fehler aufgetreten. Versuchen Sie es gleich noch einmal.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::StsClient</name>
    <message>
        <source>Invalid region name &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Ungültiger Regionsname „%1“. Eine Region sieht aus wie us-east-1 oder eu-west-2.</translation>
    </message>
    <message>
        <source>A role ARN is required.</source>
        <translation>Ein Rollen-ARN ist erforderlich.</translation>
    </message>
    <message>
        <source>The role ARN “%1” must be 20 to 2048 characters long, e.g. arn:aws:iam::123456789012:role/Name.</source>
        <translation>Der Rollen-ARN „%1“ muss 20 bis 2048 Zeichen lang sein, z. B. arn:aws:iam::123456789012:role/Name.</translation>
    </message>
    <message>
        <source>The role session name “%1” must be 2 to 64 letters, digits and the characters + = , . @ _ -.</source>
        <translation>Der Rollensitzungsname „%1“ muss aus 2 bis 64 Buchstaben, Ziffern und den Zeichen + = , . @ _ - bestehen.</translation>
    </message>
    <message>
        <source>duration_seconds is %1, but it must be between 900 (15 minutes) and 43200 (12 hours).</source>
        <translation>duration_seconds ist %1, muss aber zwischen 900 (15 Minuten) und 43200 (12 Stunden) liegen.</translation>
    </message>
    <message>
        <source>The external ID must be 2 to 1224 characters long.</source>
        <translation>Die externe ID muss 2 bis 1224 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The MFA serial “%1” must be 9 to 256 characters long, e.g. arn:aws:iam::123456789012:mfa/name.</source>
        <translation>Die MFA-Seriennummer „%1“ muss 9 bis 256 Zeichen lang sein, z. B. arn:aws:iam::123456789012:mfa/name.</translation>
    </message>
    <message>
        <source>Role %1 needs an MFA code from %2.</source>
        <translation>Die Rolle %1 benötigt einen MFA-Code von %2.</translation>
    </message>
    <message>
        <source>An MFA code is the 6 digits the MFA device shows.</source>
        <translation>Ein MFA-Code besteht aus den 6 Ziffern, die das MFA-Gerät anzeigt.</translation>
    </message>
    <message>
        <source>An MFA code was given without the MFA device&apos;s serial.</source>
        <translation>Ein MFA-Code wurde ohne die Seriennummer des MFA-Geräts angegeben.</translation>
    </message>
    <message>
        <source>The STS answer to AssumeRole is incomplete: %1</source>
        <translation>Die Antwort von STS auf AssumeRole ist unvollständig: %1</translation>
    </message>
    <message>
        <source>Something other than AWS STS answered. Check the STS endpoint URL and any proxy in between.</source>
        <translation>Geantwortet hat nicht AWS STS, sondern etwas anderes. Prüfen Sie die URL des STS-Endpunkts und jeden Proxy dazwischen.</translation>
    </message>
    <message>
        <source>it is a &lt;%1&gt; document, not an &lt;AssumeRoleResponse&gt;.</source>
        <translation>sie ist ein &lt;%1&gt;-Dokument, kein &lt;AssumeRoleResponse&gt;.</translation>
    </message>
    <message>
        <source>it lacks the access key ID, secret access key or session token.</source>
        <translation>ihr fehlt die Zugriffsschlüssel-ID, der geheime Zugriffsschlüssel oder das Sitzungstoken.</translation>
    </message>
    <message>
        <source>the expiration “%1” is not an ISO 8601 time.</source>
        <translation>der Ablaufzeitpunkt „%1“ ist keine ISO-8601-Zeitangabe.</translation>
    </message>
    <message>
        <source>The MFA code was not accepted. Enter the code the device shows now (each code works once), and check that mfa_serial names this person&apos;s MFA device.</source>
        <translation>Der MFA-Code wurde nicht akzeptiert. Geben Sie den Code ein, den das Gerät jetzt anzeigt (jeder Code gilt nur einmal), und prüfen Sie, ob mfa_serial das MFA-Gerät dieser Person angibt.</translation>
    </message>
    <message>
        <source>The source identity may not assume this role. Check role_arn, the role&apos;s trust policy, and whether the role requires an external_id or MFA (mfa_serial).</source>
        <translation>Die Quellidentität darf diese Rolle nicht übernehmen. Prüfen Sie role_arn, die Vertrauensrichtlinie der Rolle und ob die Rolle eine external_id oder MFA (mfa_serial) verlangt.</translation>
    </message>
    <message>
        <source>AWS does not recognise the source keys used to assume the role. Check the source_profile&apos;s access key ID, or the keys in the environment for credential_source = Environment.</source>
        <translation>AWS erkennt die Quellschlüssel nicht, mit denen die Rolle übernommen werden soll. Prüfen Sie die Zugriffsschlüssel-ID des source_profile oder, bei credential_source = Environment, die Schlüssel in der Umgebung.</translation>
    </message>
    <message>
        <source>STS rejected the signature. Check the source keys&apos; secret access key, and that this computer&apos;s clock is correct.</source>
        <translation>STS hat die Signatur abgelehnt. Prüfen Sie den geheimen Zugriffsschlüssel der Quellschlüssel und ob die Uhr dieses Computers richtig geht.</translation>
    </message>
    <message>
        <source>The source session has expired. Refresh the source credentials and try again.</source>
        <translation>Die Quellsitzung ist abgelaufen. Erneuern Sie die Quell-Anmeldedaten und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>STS is not activated in this region for the account. Activate it in IAM, or use another region.</source>
        <translation>STS ist für das Konto in dieser Region nicht aktiviert. Aktivieren Sie es in IAM oder verwenden Sie eine andere Region.</translation>
    </message>
    <message>
        <source>STS rejected a parameter. Check role_arn, role_session_name, duration_seconds and external_id in the profile.</source>
        <translation>STS hat einen Parameter abgelehnt. Prüfen Sie role_arn, role_session_name, duration_seconds und external_id im Profil.</translation>
    </message>
    <message>
        <source>STS rejected the session policy.</source>
        <translation>STS hat die Sitzungsrichtlinie abgelehnt.</translation>
    </message>
    <message>
        <source>There are no source keys to assume the role %1 with.</source>
        <translation>Es gibt keine Quellschlüssel, mit denen die Rolle %1 übernommen werden könnte.</translation>
    </message>
    <message>
        <source>Set source_profile to a profile with keys, or credential_source = Environment.</source>
        <translation>Setzen Sie source_profile auf ein Profil mit Schlüsseln oder setzen Sie credential_source = Environment.</translation>
    </message>
    <message>
        <source>The STS answer is not valid XML: %1</source>
        <translation>Die Antwort von STS ist kein gültiges XML: %1</translation>
    </message>
    <message>
        <source>it contains a document type declaration.</source>
        <translation>sie enthält eine Dokumenttypdeklaration.</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3).</source>
        <translation>%1 (Zeile %2, Spalte %3).</translation>
    </message>
    <message>
        <source>the answer is empty.</source>
        <translation>die Antwort ist leer.</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::OperationCall</name>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>Keine Anmeldedaten gefunden.</translation>
    </message>
    <message>
        <source>Choose a profile with AWS keys, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation>Wählen Sie ein Profil mit AWS-Schlüsseln oder setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::ParamValidator</name>
    <message>
        <source>Parameter %1</source>
        <translation>Parameter %1</translation>
    </message>
    <message>
        <source>Parameter %1 must be a structure.</source>
        <translation>Parameter %1 muss eine Struktur sein.</translation>
    </message>
    <message>
        <source>Missing required parameter in %1: &quot;%2&quot;</source>
        <translation>Erforderlicher Parameter fehlt in %1: „%2“</translation>
    </message>
    <message>
        <source>Unknown parameter in %1: &quot;%2&quot;, must be one of: %3</source>
        <translation>Unbekannter Parameter in %1: „%2“, zulässig sind: %3</translation>
    </message>
    <message>
        <source>Parameter %1 must be a list.</source>
        <translation>Parameter %1 muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Parameter %1 must be a map.</source>
        <translation>Parameter %1 muss eine Map sein.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a whole number.</source>
        <translation>Ungültiger Typ für Parameter %1: erwartet wird eine ganze Zahl.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected true or false.</source>
        <translation>Ungültiger Typ für Parameter %1: erwartet wird true oder false.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a time.</source>
        <translation>Ungültiger Typ für Parameter %1: erwartet wird eine Zeitangabe.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a string.</source>
        <translation>Ungültiger Typ für Parameter %1: erwartet wird eine Zeichenkette.</translation>
    </message>
    <message>
        <source>Invalid length for parameter %1, value: %2, valid min length: %3</source>
        <translation>Ungültige Länge für Parameter %1, Wert: %2, minimale gültige Länge: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid min value: %3</source>
        <translation>Ungültiger Wert für Parameter %1, Wert: %2, minimaler gültiger Wert: %3</translation>
    </message>
    <message>
        <source>Invalid length for parameter %1, value: %2, valid max length: %3</source>
        <translation>Ungültige Länge für Parameter %1, Wert: %2, maximale gültige Länge: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid max value: %3</source>
        <translation>Ungültiger Wert für Parameter %1, Wert: %2, maximaler gültiger Wert: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid values: %3</source>
        <translation>Ungültiger Wert für Parameter %1, Wert: %2, gültige Werte: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, must match the pattern %3</source>
        <translation>Ungültiger Wert für Parameter %1, Wert: %2, muss dem Muster %3 entsprechen</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::ResponseParser</name>
    <message>
        <source>The answer nests more than %1 levels deep; no CodePipeline answer does.</source>
        <translation>Die Antwort ist tiefer als %1 Ebenen verschachtelt, was bei keiner CodePipeline-Antwort vorkommt.</translation>
    </message>
    <message>
        <source>The answer was an HTML page, not JSON (a captive portal, proxy or wrong endpoint?).</source>
        <translation>Die Antwort war eine HTML-Seite, kein JSON (ein Captive Portal, ein Proxy oder ein falscher Endpunkt?).</translation>
    </message>
    <message numerus="yes">
        <source>The answer is not valid JSON; it may have been cut short (%n bytes received).</source>
        <translation>
            <numerusform>Die Antwort ist kein gültiges JSON; möglicherweise wurde sie abgeschnitten (%n Byte empfangen).</numerusform>
            <numerusform>Die Antwort ist kein gültiges JSON; möglicherweise wurde sie abgeschnitten (%n Bytes empfangen).</numerusform>
        </translation>
    </message>
    <message>
        <source>The answer is JSON but not an object.</source>
        <translation>Die Antwort ist JSON, aber kein Objekt.</translation>
    </message>
    <message>
        <source>The service or a proxy between you and it sent something that is not a CodePipeline answer. Check the endpoint URL and any proxy settings, then try again.</source>
        <translation>Der Dienst oder ein Proxy dazwischen hat etwas gesendet, das keine CodePipeline-Antwort ist. Prüfen Sie die Endpunkt-URL und die Proxy-Einstellungen und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The response field %1 should be %2 but is %3.</source>
        <translation>Das Antwortfeld %1 sollte %2 sein, ist aber %3.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActionConfirmation</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Confirm: %1</source>
        <translation>Bestätigen: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;This changes the customer&apos;s pipeline.&lt;/b&gt; CodePipeline acts on it as soon as it arrives, as if the partner&apos;s own service had sent it, and it cannot be taken back.</source>
        <translation>&lt;b&gt;Dies ändert die Pipeline des Kunden.&lt;/b&gt; CodePipeline handelt sofort danach, als hätte der eigene Dienst des Partners es gesendet, und es lässt sich nicht zurücknehmen.</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Aktion:</translation>
    </message>
    <message>
        <source>Job ID:</source>
        <translation>Job-ID:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Pipeline:</source>
        <translation>Pipeline:</translation>
    </message>
    <message>
        <source>Stage / action:</source>
        <translation>Stufe / Aktion:</translation>
    </message>
    <message>
        <source>Check before sending</source>
        <translation>Vor dem Senden prüfen</translation>
    </message>
    <message>
        <source>The same with jobdesk-&amp;cli:</source>
        <translation>Dasselbe mit jobdesk-&amp;cli:</translation>
    </message>
    <message>
        <source>Equivalent command line</source>
        <translation>Gleichwertige Befehlszeile</translation>
    </message>
    <message>
        <source>The job and its customer</source>
        <translation>Der Job und sein Kunde</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActivityLogDialog</name>
    <message>
        <source>Activity Log</source>
        <translation>Aktivitätsprotokoll</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>Actions sent with this profile</source>
        <translation>Mit diesem Profil gesendete Aktionen</translation>
    </message>
    <message>
        <source>&amp;Copy All</source>
        <translation>Alles &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>No action has been sent with this profile yet.</source>
        <translation>Mit diesem Profil wurde noch keine Aktion gesendet.</translation>
    </message>
    <message>
        <source>Kept in %1, readable by you alone.</source>
        <translation>Gespeichert in %1, nur für Sie lesbar.</translation>
    </message>
    <message>
        <source>Actions: %1, oldest first.</source>
        <translation>Aktionen: %1, die älteste zuerst.</translation>
    </message>
    <message>
        <source>Lines of the log that could not be read, left out: %1.</source>
        <translation>Nicht lesbare und daher ausgelassene Zeilen des Protokolls: %1.</translation>
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
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::AppSettings</name>
    <message>
        <source>Cannot read the CA bundle %1: %2</source>
        <translation>Das CA-Bundle %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Choose another file in Settings, or clear the field.</source>
        <translation>Wählen Sie in den Einstellungen eine andere Datei oder leeren Sie das Feld.</translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation>Das CA-Bundle %1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>Choose a PEM file with &quot;BEGIN CERTIFICATE&quot; blocks.</source>
        <translation>Wählen Sie eine PEM-Datei mit „BEGIN CERTIFICATE“-Blöcken.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchiveBrowserDialog</name>
    <message>
        <source>Reading the archive…</source>
        <translation>Archiv wird gelesen…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Extract &amp;Selected…</source>
        <translation>&amp;Ausgewählte entpacken…</translation>
    </message>
    <message>
        <source>Extract &amp;All…</source>
        <translation>A&amp;lle entpacken…</translation>
    </message>
    <message>
        <source>Artifact “%1”</source>
        <translation>Artefakt „%1“</translation>
    </message>
    <message>
        <source>Entries of the archive</source>
        <translation>Einträge des Archivs</translation>
    </message>
    <message>
        <source>&amp;Entries:</source>
        <translation>&amp;Einträge:</translation>
    </message>
    <message>
        <source>Extraction progress</source>
        <translation>Fortschritt des Entpackens</translation>
    </message>
    <message>
        <source>This file is not an archive JobDesk can open (zip, tar or tar.gz).</source>
        <translation>Diese Datei ist kein Archiv, das JobDesk öffnen kann (zip, tar oder tar.gz).</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>Die Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The archive could not be read: %1</source>
        <translation>Das Archiv konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format: %1</translation>
    </message>
    <message>
        <source>Format: %1    Entries: %L2    Total size: %3</source>
        <translation>Format: %1    Einträge: %L2    Gesamtgröße: %3</translation>
    </message>
    <message>
        <source>This %1 archive is listed only: preview and extraction work on zip archives, the format CodePipeline gives artifacts.</source>
        <translation>Dieses %1-Archiv wird nur aufgelistet: Vorschau und Entpacken gibt es für zip-Archive, das Format, in dem CodePipeline Artefakte liefert.</translation>
    </message>
    <message>
        <source>No preview: this archive is not a zip.</source>
        <translation>Keine Vorschau: Dieses Archiv ist kein zip.</translation>
    </message>
    <message>
        <source>Extract Into</source>
        <translation>Entpacken nach</translation>
    </message>
    <message>
        <source>Extracting into %1…</source>
        <translation>Wird nach %1 entpackt…</translation>
    </message>
    <message>
        <source>Extracted into %1. Files: %L2, folders: %L3, links: %L4, size: %5.</source>
        <translation>Nach %1 entpackt. Dateien: %L2, Ordner: %L3, Verknüpfungen: %L4, Größe: %5.</translation>
    </message>
    <message>
        <source>Some of these files already exist in %1.

%2

Replace them?</source>
        <translation>Einige dieser Dateien gibt es in %1 schon.

%2

Ersetzen?</translation>
    </message>
    <message>
        <source>Nothing was extracted: the files already exist in %1.</source>
        <translation>Nichts wurde entpackt: Die Dateien gibt es in %1 schon.</translation>
    </message>
    <message>
        <source>Extraction cancelled. The files it had written were removed.</source>
        <translation>Entpacken abgebrochen. Die bereits geschriebenen Dateien wurden entfernt.</translation>
    </message>
    <message>
        <source>Extraction refused: %1</source>
        <translation>Entpacken verweigert: %1</translation>
    </message>
    <message>
        <source>Extraction failed: %1</source>
        <translation>Entpacken fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchiveEntriesModel</name>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 Byte</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verknüpfung</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>Verknüpfung auf %1</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <source>Legacy name encoding (not UTF-8)</source>
        <translation>Alte Namenskodierung (nicht UTF-8)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>Gepackt</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>CRC-32</source>
        <translation>CRC-32</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchivePreview</name>
    <message>
        <source>No preview for this kind of file</source>
        <translation>Keine Vorschau für diese Art Datei</translation>
    </message>
    <message>
        <source>Preview of the entry&apos;s text</source>
        <translation>Vorschau auf den Text des Eintrags</translation>
    </message>
    <message>
        <source>Preview of the entry&apos;s image</source>
        <translation>Vorschau auf das Bild des Eintrags</translation>
    </message>
    <message>
        <source>Choose an entry to preview it.</source>
        <translation>Wählen Sie einen Eintrag für die Vorschau.</translation>
    </message>
    <message>
        <source>This entry is a folder.</source>
        <translation>Dieser Eintrag ist ein Ordner.</translation>
    </message>
    <message>
        <source>This entry is a symbolic link.</source>
        <translation>Dieser Eintrag ist eine symbolische Verknüpfung.</translation>
    </message>
    <message>
        <source>This entry is a symbolic link to %1.</source>
        <translation>Dieser Eintrag ist eine symbolische Verknüpfung auf %1.</translation>
    </message>
    <message>
        <source>This entry is encrypted.</source>
        <translation>Dieser Eintrag ist verschlüsselt.</translation>
    </message>
    <message>
        <source>The image is larger than %1.</source>
        <translation>Das Bild ist größer als %1.</translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation>Das Bild konnte nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <source>The entry holds binary data, not text.</source>
        <translation>Der Eintrag enthält Binärdaten, keinen Text.</translation>
    </message>
    <message>
        <source>Reading the entry…</source>
        <translation>Eintrag wird gelesen…</translation>
    </message>
    <message>
        <source>Encoding: %1</source>
        <translation>Kodierung: %1</translation>
    </message>
    <message>
        <source>This text is not UTF-8; it is shown as %1.</source>
        <translation>Dieser Text ist nicht UTF-8; er wird als %1 angezeigt.</translation>
    </message>
    <message>
        <source>Only the first %1 is shown.</source>
        <translation>Nur die ersten %1 werden angezeigt.</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>The entry could not be read: %1</source>
        <translation>Der Eintrag konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactActions</name>
    <message>
        <source>Download Artifact</source>
        <translation>Artefakt herunterladen</translation>
    </message>
    <message>
        <source>Zip files (*.zip);;All files (*)</source>
        <translation>Zip-Dateien (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Nothing was downloaded.</source>
        <translation>Es wurde nichts heruntergeladen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a folder.</source>
        <translation>„%1“ ist ein Ordner.</translation>
    </message>
    <message>
        <source>Choose a file name to save the artifact as.</source>
        <translation>Wählen Sie einen Dateinamen für das Artefakt.</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it with the artifact %2?</source>
        <translation>%1 existiert bereits. Durch das Artefakt %2 ersetzen?</translation>
    </message>
    <message>
        <source>Nothing was downloaded; %1 was left as it was.</source>
        <translation>Es wurde nichts heruntergeladen; %1 blieb unverändert.</translation>
    </message>
    <message>
        <source>Nothing was uploaded.</source>
        <translation>Es wurde nichts hochgeladen.</translation>
    </message>
    <message>
        <source>Upload artifact</source>
        <translation>Artefakt hochladen</translation>
    </message>
    <message>
        <source>Artifact:</source>
        <translation>Artefakt:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>%1 (a folder, zipped first)</source>
        <translation>%1 (ein Ordner, wird zuerst gezippt)</translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation>Bucket:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>KMS-Schlüssel:</translation>
    </message>
    <message>
        <source>bucket default</source>
        <translation>Standard des Buckets</translation>
    </message>
    <message>
        <source>This job was read from a file or the clipboard, not fetched: it may be stale.</source>
        <translation>Dieser Job wurde aus einer Datei oder der Zwischenablage gelesen, nicht abgerufen: Er kann veraltet sein.</translation>
    </message>
    <message>
        <source>Uploaded %1 to %2.</source>
        <translation>%1 wurde nach %2 hochgeladen.</translation>
    </message>
    <message>
        <source>Downloaded %1 to %2.</source>
        <translation>%1 wurde nach %2 heruntergeladen.</translation>
    </message>
    <message>
        <source>The transfer of %1 was cancelled.</source>
        <translation>Die Übertragung von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <translation>%1 (Job %2)</translation>
    </message>
    <message>
        <source>The artifact transfer failed: %1</source>
        <translation>Die Artefaktübertragung ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsModel</name>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Nicht angegeben</translation>
    </message>
    <message>
        <source>Set by your action</source>
        <translation>Wird von Ihrer Aktion gesetzt</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bucket</translation>
    </message>
    <message>
        <source>Object key</source>
        <translation>Objektschlüssel</translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation>S3-URI</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsPage</name>
    <message>
        <source>Fetch Again</source>
        <translation>Erneut abrufen</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Extract…</source>
        <translation>Entpacken…</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>Hochladen…</translation>
    </message>
    <message>
        <source>Copy S3 &amp;URI</source>
        <translation>S3-&amp;URI kopieren</translation>
    </message>
    <message>
        <source>Input and output artifacts</source>
        <translation>Eingabe- und Ausgabeartefakte</translation>
    </message>
    <message>
        <source>Saves the artifact&apos;s zip file</source>
        <translation>Speichert die Zip-Datei des Artefakts</translation>
    </message>
    <message>
        <source>Downloads the artifact and lists the files in it</source>
        <translation>Lädt das Artefakt herunter und listet seine Dateien auf</translation>
    </message>
    <message>
        <source>Downloads the artifact and extracts its files into a folder</source>
        <translation>Lädt das Artefakt herunter und entpackt seine Dateien in einen Ordner</translation>
    </message>
    <message>
        <source>Uploads a zip file or a folder as this output artifact</source>
        <translation>Lädt eine Zip-Datei oder einen Ordner als dieses Ausgabeartefakt hoch</translation>
    </message>
    <message>
        <source>Fetches the job again, which brings new artifact credentials</source>
        <translation>Ruft den Job erneut ab, was neue Artefakt-Anmeldedaten bringt</translation>
    </message>
    <message>
        <source>Copy S3 URI</source>
        <translation>S3-URI kopieren</translation>
    </message>
    <message>
        <source>This job has no usable artifact credentials. Fetch the job to get its artifact credentials.</source>
        <translation>Dieser Job hat keine verwendbaren Artefakt-Anmeldedaten. Rufen Sie den Job ab, um seine Artefakt-Anmeldedaten zu erhalten.</translation>
    </message>
    <message>
        <source>The job does not say when it was fetched, so when its credentials expire is unknown.</source>
        <translation>Der Job sagt nicht, wann er abgerufen wurde; wann seine Anmeldedaten ablaufen, ist daher unbekannt.</translation>
    </message>
    <message>
        <source>Artifact credentials have expired</source>
        <translation>Die Artefakt-Anmeldedaten sind abgelaufen</translation>
    </message>
    <message>
        <source>Artifact credentials expire in %1:%2</source>
        <translation>Artefakt-Anmeldedaten laufen ab in %1:%2</translation>
    </message>
    <message>
        <source>Fetch the job to get its artifact credentials</source>
        <translation>Rufen Sie den Job ab, um seine Artefakt-Anmeldedaten zu erhalten</translation>
    </message>
    <message>
        <source>Select an artifact</source>
        <translation>Wählen Sie ein Artefakt</translation>
    </message>
    <message>
        <source>This artifact has no S3 location</source>
        <translation>Dieses Artefakt hat keinen S3-Speicherort</translation>
    </message>
    <message>
        <source>Only an output artifact can be uploaded</source>
        <translation>Nur ein Ausgabeartefakt kann hochgeladen werden</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ConfigurationModel</name>
    <message>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
    <message>
        <source>Not secret</source>
        <translation>Nicht geheim</translation>
    </message>
    <message>
        <source>Hidden value</source>
        <translation>Verborgener Wert</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::CredentialsModel</name>
    <message>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>Sitzungstoken</translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation>Nicht in der Antwort</translation>
    </message>
    <message>
        <source>(hidden, length %1)</source>
        <translation>(verborgen, Länge %1)</translation>
    </message>
    <message>
        <source>Shown. Select the row and press Reveal to hide it again.</source>
        <translation>Angezeigt. Wählen Sie die Zeile aus und klicken Sie auf „Ein-/Ausblenden“, um den Wert wieder zu verbergen.</translation>
    </message>
    <message>
        <source>Hidden. Select the row and press Reveal to show it, or Copy to copy it.</source>
        <translation>Verborgen. Wählen Sie die Zeile aus und klicken Sie auf „Ein-/Ausblenden“, um den Wert anzuzeigen, oder auf „Kopieren“, um ihn zu kopieren.</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DocumentActions</name>
    <message>
        <source>The file will hold the artifact credentials and every masked configuration value in plain text. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation>Die Datei enthält die Artefakt-Anmeldedaten und alle maskierten Konfigurationswerte im Klartext. Jeder, der die Datei erhält, kann die Anmeldedaten bis zu ihrem Ablauf verwenden. Mit geheimen Werten exportieren?</translation>
    </message>
    <message>
        <source>Export Job JSON</source>
        <translation>Job-JSON exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exported %1 with secrets.</source>
        <translation>%1 mit geheimen Werten exportiert.</translation>
    </message>
    <message>
        <source>Exported %1; secrets were replaced by %2.</source>
        <translation>%1 exportiert; geheime Werte wurden durch %2 ersetzt.</translation>
    </message>
    <message>
        <source>Copied the job&apos;s JSON; secrets were replaced by %1.</source>
        <translation>JSON des Jobs kopiert; geheime Werte wurden durch %1 ersetzt.</translation>
    </message>
    <message>
        <source>Copied the AWS CLI command; put the client token in place of %1.</source>
        <translation>AWS-CLI-Befehl kopiert; setzen Sie anstelle von %1 das Client-Token ein.</translation>
    </message>
    <message>
        <source>Open Job JSON</source>
        <translation>Job-JSON öffnen</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>Die Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The clipboard holds no text.</source>
        <translation>Die Zwischenablage enthält keinen Text.</translation>
    </message>
    <message>
        <source>Copy the output of &quot;aws codepipeline get-third-party-job-details&quot; first.</source>
        <translation>Kopieren Sie zuerst die Ausgabe von „aws codepipeline get-third-party-job-details“.</translation>
    </message>
    <message>
        <source>The file will hold in plain text whatever secrets the query selects: artifact credentials, masked configuration values. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation>Die Datei enthält im Klartext alle geheimen Werte, die die Abfrage auswählt: Artefakt-Anmeldedaten, maskierte Konfigurationswerte. Jeder, der die Datei erhält, kann die Anmeldedaten bis zu ihrem Ablauf verwenden. Mit geheimen Werten exportieren?</translation>
    </message>
    <message>
        <source>Exported the query result to %1 with secrets.</source>
        <translation>Abfrageergebnis mit geheimen Werten nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Exported the query result to %1; secrets were replaced by %2.</source>
        <translation>Abfrageergebnis nach %1 exportiert; geheime Werte wurden durch %2 ersetzt.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DocumentTabs</name>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Look up a third-party job&lt;/p&gt;&lt;p&gt;Enter the job ID and client token from the ticket, then press &lt;b&gt;Fetch&lt;/b&gt; (Ctrl+Return).&lt;br&gt;Or open or paste the JSON of &lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; (Ctrl+O, Ctrl+Shift+V).&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;Drittanbieter-Job abfragen&lt;/p&gt;&lt;p&gt;Geben Sie die Job-ID und das Client-Token aus dem Ticket ein und klicken Sie dann auf &lt;b&gt;Abrufen&lt;/b&gt; (Ctrl+Return).&lt;br&gt;Oder öffnen Sie das JSON von &lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; bzw. fügen Sie es ein (Ctrl+O, Ctrl+Shift+V).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::EnvironmentProfileSource</name>
    <message>
        <source>AWS keys from the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN variables</source>
        <translation>AWS-Schlüssel aus den Variablen AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY und AWS_SESSION_TOKEN</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ErrorBanner</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>JobDesk could not reach the endpoint. Check the network, the proxy settings and the endpoint address.</source>
        <translation>JobDesk konnte den Endpunkt nicht erreichen. Prüfen Sie das Netzwerk, die Proxy-Einstellungen und die Adresse des Endpunkts.</translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Check the network and proxy, or raise the timeouts in Settings.</source>
        <translation>Der Endpunkt hat nicht rechtzeitig geantwortet. Prüfen Sie Netzwerk und Proxy oder erhöhen Sie die Timeouts in den Einstellungen.</translation>
    </message>
    <message>
        <source>The secure connection could not be set up. A proxy that inspects TLS needs its CA certificate added as a CA bundle in Settings.</source>
        <translation>Die sichere Verbindung konnte nicht aufgebaut werden. Bei einem Proxy, der TLS-Verbindungen untersucht, muss dessen CA-Zertifikat in den Einstellungen als CA-Bundle hinzugefügt werden.</translation>
    </message>
    <message>
        <source>The selected profile has no usable AWS keys.</source>
        <translation>Das ausgewählte Profil hat keine verwendbaren AWS-Schlüssel.</translation>
    </message>
    <message>
        <source>The answer could not be understood. The endpoint may not be CodePipeline, or something in between changed the answer.</source>
        <translation>Die Antwort konnte nicht ausgewertet werden. Der Endpunkt ist möglicherweise nicht CodePipeline, oder etwas dazwischen hat die Antwort verändert.</translation>
    </message>
    <message>
        <source>Correct the marked field and fetch again.</source>
        <translation>Korrigieren Sie das markierte Feld und rufen Sie den Job erneut ab.</translation>
    </message>
    <message>
        <source>Check the file and try again.</source>
        <translation>Prüfen Sie die Datei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>CodePipeline is limiting the request rate for this account. Wait a moment and fetch again.</source>
        <translation>CodePipeline begrenzt die Anfragerate für dieses Konto. Warten Sie einen Moment und rufen Sie den Job erneut ab.</translation>
    </message>
    <message>
        <source>CodePipeline had an internal problem. Fetch again in a moment.</source>
        <translation>Bei CodePipeline ist ein interner Fehler aufgetreten. Rufen Sie den Job gleich noch einmal ab.</translation>
    </message>
    <message>
        <source>CodePipeline rejected the request.</source>
        <translation>CodePipeline hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The lookup failed</source>
        <translation>Die Abfrage ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
    <message>
        <source>Sign In Again</source>
        <translation>Erneut anmelden</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::FailureResultDialog</name>
    <message>
        <source>Re&amp;view and Send…</source>
        <translation>Prüfen und &amp;senden…</translation>
    </message>
    <message>
        <source>Report Failure</source>
        <translation>Fehlschlag melden</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>Fehlerart</translation>
    </message>
    <message>
        <source>Failure message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <source>What went wrong and what the customer can do about it</source>
        <translation>Was schiefging und was der Kunde tun kann</translation>
    </message>
    <message>
        <source>External execution ID</source>
        <translation>Externe Ausführungs-ID</translation>
    </message>
    <message>
        <source>The run&apos;s ID in your service (optional)</source>
        <translation>Die ID des Laufs in Ihrem Dienst (optional)</translation>
    </message>
    <message>
        <source>Failure &amp;type:</source>
        <translation>Fehler&amp;art:</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Meldung:</translation>
    </message>
    <message>
        <source>E&amp;xternal execution ID:</source>
        <translation>E&amp;xterne Ausführungs-ID:</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>Die Meldung</translation>
    </message>
    <message>
        <source>Enter a message: the customer reads it in the failed action&apos;s details.</source>
        <translation>Geben Sie eine Meldung ein: Der Kunde liest sie in den Details der fehlgeschlagenen Aktion.</translation>
    </message>
    <message>
        <source>The external execution ID</source>
        <translation>Die externe Ausführungs-ID</translation>
    </message>
    <message>
        <source>The failure type</source>
        <translation>Die Fehlerart</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 von %2 Zeichen</translation>
    </message>
    <message>
        <source>The job ran and did not succeed (a failed build or test). The action fails and the pipeline execution stops at it.</source>
        <translation>Der Job lief und war nicht erfolgreich (ein fehlgeschlagener Build oder Test). Die Aktion schlägt fehl und die Pipeline-Ausführung hält bei ihr an.</translation>
    </message>
    <message>
        <source>The action&apos;s configuration is wrong or incomplete; the customer has to change it. The action fails and the pipeline execution stops at it.</source>
        <translation>Die Konfiguration der Aktion ist falsch oder unvollständig; der Kunde muss sie ändern. Die Aktion schlägt fehl und die Pipeline-Ausführung hält bei ihr an.</translation>
    </message>
    <message>
        <source>Your service was refused access it needs (the artifacts, a key, the customer&apos;s account). The action fails and the pipeline execution stops at it.</source>
        <translation>Ihrem Dienst wurde ein nötiger Zugriff verweigert (die Artefakte, ein Schlüssel, das Konto des Kunden). Die Aktion schlägt fehl und die Pipeline-Ausführung hält bei ihr an.</translation>
    </message>
    <message>
        <source>The revision the job was given is not the one your service expected. The action fails and the pipeline execution stops at it.</source>
        <translation>Die Revision, die der Job erhielt, ist nicht die, die Ihr Dienst erwartete. Die Aktion schlägt fehl und die Pipeline-Ausführung hält bei ihr an.</translation>
    </message>
    <message>
        <source>The revision or its artifacts could not be found or read. The action fails and the pipeline execution stops at it.</source>
        <translation>Die Revision oder ihre Artefakte ließen sich nicht finden oder lesen. Die Aktion schlägt fehl und die Pipeline-Ausführung hält bei ihr an.</translation>
    </message>
    <message>
        <source>Your service, or one it depends on, was unavailable; a retry may succeed. The action fails and the pipeline execution stops at it.</source>
        <translation>Ihr Dienst oder einer, von dem er abhängt, war nicht erreichbar; ein erneuter Versuch kann gelingen. Die Aktion schlägt fehl und die Pipeline-Ausführung hält bei ihr an.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::FetchController</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActionBar</name>
    <message>
        <source>Client token</source>
        <translation>Client-Token</translation>
    </message>
    <message>
        <source>Client token of the polled job</source>
        <translation>Client-Token des abgefragten Jobs</translation>
    </message>
    <message>
        <source>This job was polled and is not fetched yet. Enter the client token of client %1 to fetch its details.</source>
        <translation>Dieser Job wurde abgefragt, aber noch nicht abgerufen. Geben Sie das Client-Token von Client %1 ein, um seine Details abzurufen.</translation>
    </message>
    <message>
        <source>&amp;Save for this client</source>
        <translation>Für diesen Client &amp;speichern</translation>
    </message>
    <message>
        <source>Keeps the token in the system keychain, so jobs of client %1 open fetched.</source>
        <translation>Speichert das Token im Schlüsselbund des Systems, damit Jobs von Client %1 beim Öffnen gleich abgerufen werden.</translation>
    </message>
    <message>
        <source>Fetch Job</source>
        <translation>Job abrufen</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActionController</name>
    <message>
        <source>No status</source>
        <translation>Kein Status</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Gemeldet</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Jobs: %1</source>
        <translation>Jobs: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActions</name>
    <message>
        <source>CodePipeline takes one result per job, and this job already has one or has timed out. Fetch the job to see its state; nothing more needs to be sent for it.</source>
        <translation>CodePipeline nimmt pro Job nur ein Ergebnis an, und dieser Job hat bereits eines oder ist abgelaufen. Rufen Sie den Job ab, um seinen Status zu sehen; für ihn muss nichts mehr gesendet werden.</translation>
    </message>
    <message>
        <source>The job was acknowledged already, or it has finished or timed out. Fetch it again to see its state.</source>
        <translation>Der Job wurde bereits bestätigt oder ist beendet bzw. abgelaufen. Rufen Sie ihn erneut ab, um seinen Status zu sehen.</translation>
    </message>
    <message>
        <source>The nonce is not the job&apos;s current one. Fetch the job again and acknowledge it with the nonce shown on its Overview.</source>
        <translation>Die Nonce ist nicht die aktuelle des Jobs. Rufen Sie den Job erneut ab und bestätigen Sie ihn mit der Nonce, die im Tab „Übersicht“ angezeigt wird.</translation>
    </message>
    <message>
        <source>No job has this ID for this account and region. Check the job ID, the profile and the region; a finished job is kept only for a while.</source>
        <translation>Für dieses Konto und diese Region gibt es keinen Job mit dieser ID. Prüfen Sie Job-ID, Profil und Region; ein beendeter Job wird nur eine Zeit lang aufbewahrt.</translation>
    </message>
    <message>
        <source>The client token does not belong to this job&apos;s customer. Check the token saved for the client, or ask the customer for the right one.</source>
        <translation>Das Client-Token gehört nicht zum Kunden dieses Jobs. Prüfen Sie das für den Client gespeicherte Token oder fragen Sie den Kunden nach dem richtigen.</translation>
    </message>
    <message>
        <source>CodePipeline rejected a value it was sent. Check each field against its limit and the job ID and client token for stray characters.</source>
        <translation>CodePipeline hat einen gesendeten Wert abgelehnt. Prüfen Sie jedes Feld auf sein Limit und Job-ID und Client-Token auf überzählige Zeichen.</translation>
    </message>
    <message>
        <source>No custom action type matches this category, provider and version in this account and region. Check them against the action&apos;s definition.</source>
        <translation>In diesem Konto und dieser Region passt kein benutzerdefinierter Aktionstyp zu dieser Kategorie, diesem Anbieter und dieser Version. Gleichen Sie sie mit der Definition der Aktion ab.</translation>
    </message>
    <message>
        <source>P&amp;oll for Jobs…</source>
        <translation>J&amp;obs abfragen…</translation>
    </message>
    <message>
        <source>Takes waiting jobs of an action type off the queue</source>
        <translation>Nimmt wartende Jobs eines Aktionstyps aus der Warteschlange</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>Bes&amp;tätigen</translation>
    </message>
    <message>
        <source>Tells CodePipeline that this job has been taken</source>
        <translation>Teilt CodePipeline mit, dass dieser Job übernommen wurde</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Report &amp;Success…</source>
        <translation>&amp;Erfolg melden…</translation>
    </message>
    <message>
        <source>Reports that this job succeeded, or is still running</source>
        <translation>Meldet, dass dieser Job erfolgreich war oder noch läuft</translation>
    </message>
    <message>
        <source>Report Fail&amp;ure…</source>
        <translation>Fehl&amp;schlag melden…</translation>
    </message>
    <message>
        <source>Reports that this job failed, which stops the pipeline at this action</source>
        <translation>Meldet, dass dieser Job fehlgeschlagen ist; die Pipeline hält dann bei dieser Aktion an</translation>
    </message>
    <message>
        <source>Activity &amp;Log…</source>
        <translation>Aktivitäts&amp;protokoll…</translation>
    </message>
    <message>
        <source>Saved the client token of client %1 in the keychain.</source>
        <translation>Das Client-Token von Client %1 wurde im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields of the lookup form.</source>
        <translation>Es wurde nichts gesendet: Korrigieren Sie die markierten Felder des Abfrageformulars.</translation>
    </message>
    <message>
        <source>The profile %1 that fetched this job is no longer listed.</source>
        <translation>Das Profil %1, mit dem dieser Job abgerufen wurde, ist nicht mehr aufgeführt.</translation>
    </message>
    <message>
        <source>Add the profile again, or fetch the job with another profile and act on it from there.</source>
        <translation>Fügen Sie das Profil erneut hinzu oder rufen Sie den Job mit einem anderen Profil ab und bearbeiten Sie ihn von dort aus.</translation>
    </message>
    <message>
        <source>Enter the client token of job %1. JobDesk keeps it only while the tab is open.</source>
        <translation>Geben Sie das Client-Token von Job %1 ein. JobDesk behält es nur, solange der Tab geöffnet ist.</translation>
    </message>
    <message>
        <source>This job was not fetched but read from %1; it may be stale. CodePipeline acts on the job as it is now, so fetch it first if you can.</source>
        <translation>Dieser Job wurde nicht abgerufen, sondern aus %1 gelesen; er ist möglicherweise veraltet. CodePipeline handelt auf Grundlage des aktuellen Stands des Jobs, rufen Sie ihn also nach Möglichkeit zuerst ab.</translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation>der Zwischenablage</translation>
    </message>
    <message>
        <source>Client Token</source>
        <translation>Client-Token</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Report success</source>
        <translation>Erfolg melden</translation>
    </message>
    <message>
        <source>Report failure</source>
        <translation>Fehlschlag melden</translation>
    </message>
    <message>
        <source>This job was read from a file or the clipboard, not fetched: it may be stale.</source>
        <translation>Dieser Job wurde aus einer Datei oder der Zwischenablage gelesen, nicht abgerufen: Er ist möglicherweise veraltet.</translation>
    </message>
    <message>
        <source>%1: sending…</source>
        <translation>%1: wird gesendet…</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Acknowledged: the job is %1.</source>
        <translation>Bestätigt: Der Job hat den Status %1.</translation>
    </message>
    <message>
        <source>Success reported.</source>
        <translation>Erfolg gemeldet.</translation>
    </message>
    <message>
        <source>Failure reported.</source>
        <translation>Fehlschlag gemeldet.</translation>
    </message>
    <message>
        <source>%1: cancelled.</source>
        <translation>%1: abgebrochen.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The activity log could not be written: %1</source>
        <translation>Das Aktivitätsprotokoll konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The profile, region or endpoint of the lookup form is not valid; correct them in the main window.</source>
        <translation>Profil, Region oder Endpunkt im Abfrageformular sind ungültig; korrigieren Sie sie im Hauptfenster.</translation>
    </message>
    <message>
        <source>A lookup is running; open the job again when it has ended.</source>
        <translation>Eine Abfrage läuft; öffnen Sie den Job erneut, wenn sie beendet ist.</translation>
    </message>
    <message>
        <source>Jobs handed out by the poll: %1.</source>
        <translation>Vom Abruf übergebene Jobs: %1.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobView</name>
    <message>
        <source>&amp;Overview</source>
        <translation>Über&amp;sicht</translation>
    </message>
    <message>
        <source>Confi&amp;guration</source>
        <translation>&amp;Konfiguration</translation>
    </message>
    <message>
        <source>&amp;Artifacts</source>
        <translation>Ar&amp;tefakte</translation>
    </message>
    <message>
        <source>Cre&amp;dentials</source>
        <translation>An&amp;meldedaten</translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation>R&amp;ohdaten</translation>
    </message>
    <message>
        <source>Job overview</source>
        <translation>Job-Übersicht</translation>
    </message>
    <message>
        <source>Filter keys and values</source>
        <translation>Schlüssel und Werte filtern</translation>
    </message>
    <message>
        <source>Filter the configuration</source>
        <translation>Konfiguration filtern</translation>
    </message>
    <message>
        <source>Action configuration</source>
        <translation>Aktionskonfiguration</translation>
    </message>
    <message>
        <source>Tick Secret to mask a value for every job of this provider; JobDesk remembers it.</source>
        <translation>Setzen Sie ein Häkchen bei „Geheim“, um einen Wert für alle Jobs dieses Anbieters zu maskieren; JobDesk merkt sich das.</translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation>Artefakt-Anmeldedaten</translation>
    </message>
    <message>
        <source>Show or hide the selected credential</source>
        <translation>Den ausgewählten Wert ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Copy the selected credential; clipboard managers are asked not to keep it</source>
        <translation>Den ausgewählten Wert kopieren; Zwischenablage-Manager werden gebeten, ihn nicht zu speichern</translation>
    </message>
    <message>
        <source>This job has no artifact credentials.</source>
        <translation>Dieser Job hat keine Artefakt-Anmeldedaten.</translation>
    </message>
    <message>
        <source>Temporary keys for the job&apos;s artifact bucket. They expire about %1 minutes after the fetch; the Overview tab counts down.</source>
        <translation>Temporäre Schlüssel für den Artefakt-Bucket des Jobs. Sie laufen etwa %1 Minuten nach dem Abruf ab; der Tab „Übersicht“ zeigt die verbleibende Zeit.</translation>
    </message>
    <message>
        <source>Search the JSON</source>
        <translation>JSON durchsuchen</translation>
    </message>
    <message>
        <source>Search the raw JSON</source>
        <translation>Roh-JSON durchsuchen</translation>
    </message>
    <message>
        <source>Show &amp;secrets</source>
        <translation>Geheime &amp;Werte zeigen</translation>
    </message>
    <message>
        <source>Show the artifact credentials and masked configuration values in the JSON</source>
        <translation>Artefakt-Anmeldedaten und maskierte Konfigurationswerte im JSON anzeigen</translation>
    </message>
    <message>
        <source>Raw JSON, as the AWS CLI prints it</source>
        <translation>Roh-JSON, wie es die AWS CLI ausgibt</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>JSON-Baum</translation>
    </message>
    <message>
        <source>Copy Val&amp;ue</source>
        <translation>&amp;Wert kopieren</translation>
    </message>
    <message>
        <source>Revea&amp;l</source>
        <translation>Ein-/Ausb&amp;lenden</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Kopi&amp;eren</translation>
    </message>
    <message>
        <source>Previo&amp;us</source>
        <translation>&amp;Vorheriges</translation>
    </message>
    <message>
        <source>Ne&amp;xt</source>
        <translation>Nächst&amp;es</translation>
    </message>
    <message>
        <source>Activit&amp;y</source>
        <translation>Akti&amp;vität</translation>
    </message>
    <message>
        <source>Actions taken on this job</source>
        <translation>Für diesen Job ausgeführte Aktionen</translation>
    </message>
    <message>
        <source>What JobDesk sent for this job while it was open, secrets masked. It is part of the exported JSON and of the profile&apos;s activity log.</source>
        <translation>Was JobDesk für diesen Job gesendet hat, während er geöffnet war, mit maskierten geheimen Werten. Es ist Teil des exportierten JSON und des Aktivitätsprotokolls des Profils.</translation>
    </message>
    <message>
        <source>Copy Activity</source>
        <translation>Aktivität kopieren</translation>
    </message>
    <message>
        <source>Copies one line per action as plain text, for a support ticket</source>
        <translation>Kopiert eine Zeile pro Aktion als reinen Text, etwa für ein Support-Ticket</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>{ %1 }</source>
        <translation>{ %1 }</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>[ %1 ]</source>
        <translation>[ %1 ]</translation>
    </message>
    <message>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Boolescher Wert</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::KeychainProfileSource</name>
    <message>
        <source>JobDesk profile, keys in the system keychain</source>
        <translation>JobDesk-Profil, Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>JobDesk profile linked to AWS profile “%1”</source>
        <translation>JobDesk-Profil, verknüpft mit AWS-Profil „%1“</translation>
    </message>
    <message>
        <source>JobDesk profile, keys from the environment</source>
        <translation>JobDesk-Profil, Schlüssel aus der Umgebung</translation>
    </message>
    <message>
        <source>AWS shared-config profile from %1</source>
        <translation>AWS-Profil (gemeinsame Konfiguration) aus %1</translation>
    </message>
    <message>
        <source>JobDesk profile, role %1 in account %2 through IAM Identity Center</source>
        <translation>JobDesk-Profil, Rolle %1 im Konto %2 über IAM Identity Center</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::LookupForm</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Whose AWS keys sign the request</source>
        <translation>Mit wessen AWS-Schlüsseln die Anfrage signiert wird</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Public AWS endpoint</source>
        <translation>Öffentlicher AWS-Endpunkt</translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation>Abweichender Endpunkt</translation>
    </message>
    <message>
        <source>Send this lookup to another endpoint, e.g. a VPC endpoint or a test server</source>
        <translation>Diese Abfrage an einen anderen Endpunkt senden, z. B. einen VPC-Endpunkt oder einen Testserver</translation>
    </message>
    <message>
        <source>Job ID from the ticket</source>
        <translation>Job-ID aus dem Ticket</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Client token</source>
        <translation>Client-Token</translation>
    </message>
    <message>
        <source>Show the client token</source>
        <translation>Client-Token anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the client token</source>
        <translation>Client-Token ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Fetch the job (Ctrl+Return)</source>
        <translation>Job abrufen (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <source>Cancel the request (Esc)</source>
        <translation>Anfrage abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation>Anfrage läuft</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Client &amp;token:</source>
        <translation>&amp;Client-Token:</translation>
    </message>
    <message>
        <source>Fet&amp;ch</source>
        <translation>Abru&amp;fen</translation>
    </message>
    <message>
        <source>Saved to&amp;ken:</source>
        <translation>&amp;Gespeichertes Token:</translation>
    </message>
    <message>
        <source>Save Token…</source>
        <translation>Token speichern…</translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation>E&amp;ndpunkt:</translation>
    </message>
    <message>
        <source>Job &amp;ID:</source>
        <translation>Job-&amp;ID:</translation>
    </message>
    <message>
        <source>Saved client token</source>
        <translation>Gespeichertes Client-Token</translation>
    </message>
    <message>
        <source>Use a client token saved in the system keychain instead of pasting one</source>
        <translation>Ein im Schlüsselbund des Systems gespeichertes Client-Token verwenden, statt eines einzufügen</translation>
    </message>
    <message>
        <source>Save client token</source>
        <translation>Client-Token speichern</translation>
    </message>
    <message>
        <source>Save the client token in the system keychain under a label</source>
        <translation>Das Client-Token unter einer Bezeichnung im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>The job ID</source>
        <translation>Die Job-ID</translation>
    </message>
    <message>
        <source>The client token</source>
        <translation>Das Client-Token</translation>
    </message>
    <message>
        <source>Choose a profile.</source>
        <translation>Wählen Sie ein Profil.</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>Die Region</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Der Endpunkt</translation>
    </message>
    <message>
        <source>(type or paste)</source>
        <translation>(eingeben oder einfügen)</translation>
    </message>
    <message>
        <source>Using the client token saved as “%1”.</source>
        <translation>Das als „%1“ gespeicherte Client-Token wird verwendet.</translation>
    </message>
    <message>
        <source>Enter the client token to save first.</source>
        <translation>Geben Sie zuerst das zu speichernde Client-Token ein.</translation>
    </message>
    <message>
        <source>Save Client Token</source>
        <translation>Client-Token speichern</translation>
    </message>
    <message>
        <source>Label (e.g. the customer or clientId) for the token in the system keychain:</source>
        <translation>Bezeichnung (z. B. der Kunde oder die clientId) für das Token im Schlüsselbund des Systems:</translation>
    </message>
    <message>
        <source>Saved the client token as “%1”.</source>
        <translation>Client-Token als „%1“ gespeichert.</translation>
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
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Job JSON…</source>
        <translation>Job-JSON ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Paste Job JSON</source>
        <translation>Job-JSON &amp;einfügen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>JSON e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export JSON &amp;with Secrets…</source>
        <translation>JSON mit &amp;geheimen Werten exportieren…</translation>
    </message>
    <message>
        <source>&amp;Close Job</source>
        <translation>Job &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>Als &amp;JSON kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy as AWS &amp;CLI Command</source>
        <translation>Als AWS-&amp;CLI-Befehl kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>&amp;Job</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>&amp;Abrufen</translation>
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
        <translation>Anfrage a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About JobDesk</source>
        <translation>Ü&amp;ber JobDesk</translation>
    </message>
    <message>
        <source>JobDesk %1
Inspect AWS CodePipeline third-party jobs.</source>
        <translation>JobDesk %1
Drittanbieter-Jobs von AWS CodePipeline untersuchen.</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Demo mode: sample jobs are served by JobDesk itself at %1. Press Ctrl+Return to fetch.</source>
        <translation>Demomodus: Beispiel-Jobs werden von JobDesk selbst unter %1 bereitgestellt. Drücken Sie Ctrl+Return, um einen Job abzurufen.</translation>
    </message>
    <message>
        <source>TLS certificate verification is off</source>
        <translation>Die Prüfung der TLS-Zertifikate ist ausgeschaltet</translation>
    </message>
    <message>
        <source>Anyone on the network path can read and change requests and answers, including client tokens and artifact credentials. Turn it back on in Settings.</source>
        <translation>Jeder auf dem Netzwerkpfad kann Anfragen und Antworten lesen und verändern, einschließlich Client-Tokens und Artefakt-Anmeldedaten. Schalten Sie die Prüfung in den Einstellungen wieder ein.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields.</source>
        <translation>Es wurde nichts gesendet: Korrigieren Sie die markierten Felder.</translation>
    </message>
    <message>
        <source>Getting the keys of profile %1…</source>
        <translation>Schlüssel des Profils %1 werden abgerufen…</translation>
    </message>
    <message>
        <source>Fetching job %1 from %2…</source>
        <translation>Job %1 wird von %2 abgerufen…</translation>
    </message>
    <message>
        <source>Request ID %1 · %2 ms · attempts: %3</source>
        <translation>Anfrage-ID %1 · %2 ms · Versuche: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Fetched job %1.</source>
        <translation>Job %1 abgerufen.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 · attempts: %2</source>
        <translation>%1 · Versuche: %2</translation>
    </message>
    <message>
        <source>Request ID %1 · %2 · attempts: %3</source>
        <translation>Anfrage-ID %1 · %2 · Versuche: %3</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>Die Abfrage ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation>&amp;Profile…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über JobDesk</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Export Query Result wit&amp;h Secrets…</source>
        <translation>Abfrageergebnis mi&amp;t geheimen Werten exportieren…</translation>
    </message>
    <message>
        <source>&amp;Query the Job</source>
        <translation>Job ab&amp;fragen</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>Export Q&amp;uery Result…</source>
        <translation>&amp;Abfrageergebnis exportieren…</translation>
    </message>
    <message>
        <source>CodePipeline answered, but with no job details for job %1.</source>
        <translation>CodePipeline hat geantwortet, aber ohne Job-Details für Job %1.</translation>
    </message>
    <message>
        <source>Check the job ID. A job that has finished or timed out may no longer have details to show.</source>
        <translation>Prüfen Sie die Job-ID. Für einen beendeten oder abgelaufenen Job gibt es möglicherweise keine Details mehr.</translation>
    </message>
    <message>
        <source>The answer held no job details.</source>
        <translation>Die Antwort enthielt keine Job-Details.</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Enter the client token of job %1 and fetch it.</source>
        <translation>Geben Sie das Client-Token von Job %1 ein und rufen Sie ihn ab.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::MfaDialog</name>
    <message>
        <source>MFA Code</source>
        <translation>MFA-Code</translation>
    </message>
    <message>
        <source>Profile “%1” assumes the role %2, which needs a code from the MFA device %3.</source>
        <translation>Das Profil „%1“ übernimmt die Rolle %2, die einen Code vom MFA-Gerät %3 benötigt.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>MFA code</source>
        <translation>MFA-Code</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 Ziffern</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::OverviewModel</name>
    <message>
        <source>Probably expired (about %1 after the fetch, at %2); fetch the job again for fresh credentials</source>
        <translation>Wahrscheinlich abgelaufen (etwa %1 nach dem Abruf, um %2); rufen Sie den Job erneut ab, um neue Anmeldedaten zu erhalten</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>Valid for about %1:%2 more (until about %3)</source>
        <translation>Noch etwa %1:%2 gültig (bis etwa %3)</translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation>Nicht in der Antwort</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>Nonce</translation>
    </message>
    <message>
        <source>Action type (category / owner / provider / version)</source>
        <translation>Aktionstyp (Kategorie / Besitzer / Anbieter / Version)</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Action execution ID</source>
        <translation>ID der Aktionsausführung</translation>
    </message>
    <message>
        <source>Not provided for third-party jobs (CodePipeline leaves it out)</source>
        <translation>Bei Drittanbieter-Jobs nicht vorhanden (CodePipeline lässt sie weg)</translation>
    </message>
    <message>
        <source>Pipeline ARN</source>
        <translation>Pipeline-ARN</translation>
    </message>
    <message>
        <source>Pipeline execution ID</source>
        <translation>ID der Pipeline-Ausführung</translation>
    </message>
    <message>
        <source>Longer than CodePipeline&apos;s limit of %1 characters; PutThirdPartyJobSuccessResult would reject it.</source>
        <translation>Länger als das CodePipeline-Limit von %1 Zeichen; PutThirdPartyJobSuccessResult würde es ablehnen.</translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation>Fortsetzungstoken</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 characters)</source>
        <translation>%1 (%2 von %3 Zeichen)</translation>
    </message>
    <message>
        <source>None (this is the job&apos;s first run, not a continuation)</source>
        <translation>Keins (dies ist der erste Lauf des Jobs, keine Fortsetzung)</translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation>Verschlüsselungsschlüssel</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The key is given as an alias. Aliases only resolve in the account that owns them, so decrypting the artifacts from the partner account fails; ask for the key ID or key ARN instead.</source>
        <translation>Der Schlüssel ist als Alias angegeben. Aliasse werden nur in dem Konto aufgelöst, dem sie gehören, daher schlägt das Entschlüsseln der Artefakte aus dem Partnerkonto fehl; fragen Sie stattdessen nach der Schlüssel-ID oder dem Schlüssel-ARN.</translation>
    </message>
    <message>
        <source>None (the artifact store&apos;s default key)</source>
        <translation>Keiner (Standardschlüssel des Artefaktspeichers)</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>Artefakte</translation>
    </message>
    <message>
        <source>%1 input, %2 output</source>
        <translation>Eingabe: %1, Ausgabe: %2</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>Abgerufen</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1, aus %2</translation>
    </message>
    <message>
        <source>Pasted</source>
        <translation>Eingefügt</translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation>Artefakt-Anmeldedaten</translation>
    </message>
    <message>
        <source>None in the answer</source>
        <translation>Keine in der Antwort</translation>
    </message>
    <message>
        <source>Validity unknown: the job was not fetched by JobDesk (they last about %1 minutes from the fetch)</source>
        <translation>Gültigkeit unbekannt: Der Job wurde nicht von JobDesk abgerufen (sie gelten etwa %1 Minuten ab dem Abruf)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Polled</source>
        <translation>Abgefragt</translation>
    </message>
    <message>
        <source>%1, not fetched yet</source>
        <translation>%1, noch nicht abgerufen</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::PollWindow</name>
    <message>
        <source>&amp;Poll</source>
        <translation>&amp;Abfragen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Poll for Jobs</source>
        <translation>Jobs abfragen</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Partner actions are always owned by ThirdParty.</source>
        <translation>Partneraktionen gehören immer ThirdParty.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>The provider name in the action type, e.g. AcmeCI</source>
        <translation>Der Anbietername im Aktionstyp, z. B. AcmeCI</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>e.g. 1</source>
        <translation>z. B. 1</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <source>The most jobs one poll hands to you</source>
        <translation>Die meisten Jobs, die eine Abfrage Ihnen übergibt</translation>
    </message>
    <message>
        <source>Poll in progress</source>
        <translation>Abfrage läuft</translation>
    </message>
    <message>
        <source>Polled jobs</source>
        <translation>Abgefragte Jobs</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Eigentümer:</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>Anbiete&amp;r:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Stapelgröße:</translation>
    </message>
    <message>
        <source>The category</source>
        <translation>Die Kategorie</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>Der Anbieter</translation>
    </message>
    <message>
        <source>Enter the provider, as the action type names it.</source>
        <translation>Geben Sie den Anbieter so ein, wie der Aktionstyp ihn nennt.</translation>
    </message>
    <message>
        <source>The version</source>
        <translation>Die Version</translation>
    </message>
    <message>
        <source>Enter the action type&apos;s version.</source>
        <translation>Geben Sie die Version des Aktionstyps ein.</translation>
    </message>
    <message>
        <source>The batch size</source>
        <translation>Die Stapelgröße</translation>
    </message>
    <message>
        <source>&amp;Jobs handed to you:</source>
        <translation>&amp;Jobs, die Ihnen übergeben wurden:</translation>
    </message>
    <message>
        <source>the public endpoint</source>
        <translation>dem öffentlichen Endpunkt</translation>
    </message>
    <message>
        <source>Choose a profile in the main window first.</source>
        <translation>Wählen Sie zuerst im Hauptfenster ein Profil.</translation>
    </message>
    <message>
        <source>Polls with profile “%1” in %2, at %3.</source>
        <translation>Fragt mit dem Profil „%1“ in %2 ab, an %3.</translation>
    </message>
    <message>
        <source>Polling takes jobs off the queue: the jobs it returns are handed to you, here in JobDesk. Your own worker will not see them until they time out, and the pipelines wait meanwhile. Poll only when you mean to act on the jobs yourself.</source>
        <translation>Eine Abfrage nimmt Jobs aus der Warteschlange: Die gelieferten Jobs werden Ihnen übergeben, hier in JobDesk. Ihr eigener Worker sieht sie erst, wenn ihre Zeit abläuft, und die Pipelines warten so lange. Fragen Sie nur ab, wenn Sie die Jobs selbst bearbeiten wollen.</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t ask again</source>
        <translation>&amp;Nicht mehr fragen</translation>
    </message>
    <message>
        <source>Polling…</source>
        <translation>Abfrage läuft…</translation>
    </message>
    <message>
        <source>No job was waiting.</source>
        <translation>Kein Job wartete.</translation>
    </message>
    <message>
        <source>Jobs handed to you by the last poll: %1.</source>
        <translation>Jobs, die Ihnen die letzte Abfrage übergab: %1.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::PolledJobsModel</name>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Polled (local time)</source>
        <translation>Abgefragt (Ortszeit)</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileEditDialog</name>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>Sitzungstoken</translation>
    </message>
    <message>
        <source>&amp;Copy its keys into the keychain instead of linking it</source>
        <translation>Schlüssel in den Schlüsselbund &amp;kopieren, statt das Profil zu verknüpfen</translation>
    </message>
    <message>
        <source>Add Profile</source>
        <translation>Profil hinzufügen</translation>
    </message>
    <message>
        <source>Edit Profile “%1”</source>
        <translation>Profil „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Import AWS Profile</source>
        <translation>AWS-Profil importieren</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>e.g. us-east-1; empty: from the AWS profile or environment</source>
        <translation>z. B. us-east-1; leer: aus dem AWS-Profil oder der Umgebung</translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation>Abweichender Endpunkt</translation>
    </message>
    <message>
        <source>empty: the service&apos;s normal endpoint</source>
        <translation>leer: der normale Endpunkt des Dienstes</translation>
    </message>
    <message>
        <source>Credential source</source>
        <translation>Quelle der Anmeldedaten</translation>
    </message>
    <message>
        <source>Keys in the system keychain</source>
        <translation>Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>Linked AWS shared-config profile</source>
        <translation>Verknüpftes AWS-Profil (gemeinsame Konfiguration)</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>AWS profile</source>
        <translation>AWS-Profil</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>stored in the keychain; leave empty to keep</source>
        <translation>im Schlüsselbund gespeichert; zum Beibehalten leer lassen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>&amp;Keys from:</source>
        <translation>&amp;Schlüssel aus:</translation>
    </message>
    <message>
        <source>AWS &amp;profile:</source>
        <translation>AWS-&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation>&amp;Zugriffsschlüssel-ID:</translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation>&amp;Geheimer Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>Session &amp;token:</source>
        <translation>Sitzungs&amp;token:</translation>
    </message>
    <message>
        <source>The AWS profile&apos;s static keys are copied into the system keychain now; later changes to the AWS files do not apply.</source>
        <translation>Die statischen Schlüssel des AWS-Profils werden jetzt in den Schlüsselbund des Systems kopiert; spätere Änderungen an den AWS-Dateien werden nicht übernommen.</translation>
    </message>
    <message>
        <source>The AWS profile is read each time a request needs it; no key is copied.</source>
        <translation>Das AWS-Profil wird bei jeder Anfrage, die es braucht, neu gelesen; es wird kein Schlüssel kopiert.</translation>
    </message>
    <message>
        <source>Enter the access key ID and the secret access key.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID und den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key, or neither to keep the stored keys.</source>
        <translation>Geben Sie sowohl die Zugriffsschlüssel-ID als auch den geheimen Zugriffsschlüssel ein oder keines von beiden, um die gespeicherten Schlüssel zu behalten.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>Geben Sie sowohl die Zugriffsschlüssel-ID als auch den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>The access key ID</source>
        <translation>Die Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>The secret access key</source>
        <translation>Der geheime Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>The session token</source>
        <translation>Das Sitzungstoken</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>Die Region</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Der Endpunkt</translation>
    </message>
    <message>
        <source>Choose the AWS profile to link.</source>
        <translation>Wählen Sie das AWS-Profil aus, das verknüpft werden soll.</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Cancel Sign-In</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>New SSO Profile</source>
        <translation>Neues SSO-Profil</translation>
    </message>
    <message>
        <source>IAM Identity Center (SSO)</source>
        <translation>IAM Identity Center (SSO)</translation>
    </message>
    <message>
        <source>Start URL</source>
        <translation>Start-URL</translation>
    </message>
    <message>
        <source>SSO region</source>
        <translation>SSO-Region</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Sitzungsname</translation>
    </message>
    <message>
        <source>the profile&apos;s name</source>
        <translation>der Name des Profils</translation>
    </message>
    <message>
        <source>How to sign in</source>
        <translation>Art der Anmeldung</translation>
    </message>
    <message>
        <source>The browser on this computer</source>
        <translation>Browser auf diesem Computer</translation>
    </message>
    <message>
        <source>A code confirmed on another device</source>
        <translation>Code, auf einem anderen Gerät bestätigt</translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation>Anmel&amp;dung über:</translation>
    </message>
    <message>
        <source>Start &amp;URL:</source>
        <translation>Start-&amp;URL:</translation>
    </message>
    <message>
        <source>SSO re&amp;gion:</source>
        <translation>SSO-Regi&amp;on:</translation>
    </message>
    <message>
        <source>Session na&amp;me:</source>
        <translation>Sitzungsna&amp;me:</translation>
    </message>
    <message>
        <source>The address of your AWS access portal, where you sign in to IAM Identity Center</source>
        <translation>Die Adresse Ihres AWS-Zugriffsportals, an dem Sie sich bei IAM Identity Center anmelden</translation>
    </message>
    <message>
        <source>The region where your organisation runs IAM Identity Center</source>
        <translation>Die Region, in der Ihre Organisation IAM Identity Center betreibt</translation>
    </message>
    <message>
        <source>Names the sign-in, as an sso-session does for the AWS CLI. Profiles with the same session share one sign-in: signing in once serves them all.</source>
        <translation>Benennt die Anmeldung, wie es eine sso-session für die AWS CLI tut. Profile mit derselben Sitzung teilen sich eine Anmeldung: Einmal anmelden genügt für alle.</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>Melden Sie sich an, um die Konten und Rollen aufzulisten, die Sie verwenden dürfen.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Anmeldung abgebrochen.</translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation>Die Anmeldung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Waiting for the sign-in under way…</source>
        <translation>Warten auf die laufende Anmeldung…</translation>
    </message>
    <message>
        <source>Enter the start URL of your AWS access portal, e.g. https://d-1234567890.awsapps.com/start.</source>
        <translation>Geben Sie die Start-URL Ihres AWS-Zugriffsportals ein, z. B. https://d-1234567890.awsapps.com/start.</translation>
    </message>
    <message>
        <source>The start URL</source>
        <translation>Die Start-URL</translation>
    </message>
    <message>
        <source>The start URL must begin with https://: IAM Identity Center signs in only over HTTPS.</source>
        <translation>Die Start-URL muss mit https:// beginnen: IAM Identity Center meldet nur über HTTPS an.</translation>
    </message>
    <message>
        <source>Choose the region where IAM Identity Center runs.</source>
        <translation>Wählen Sie die Region, in der IAM Identity Center läuft.</translation>
    </message>
    <message>
        <source>The SSO region</source>
        <translation>Die SSO-Region</translation>
    </message>
    <message>
        <source>The session name</source>
        <translation>Der Sitzungsname</translation>
    </message>
    <message>
        <source>Sign in, then choose the account this profile uses.</source>
        <translation>Melden Sie sich an und wählen Sie dann das Konto, das dieses Profil verwendet.</translation>
    </message>
    <message>
        <source>An AWS account ID is 12 digits; choose the account again.</source>
        <translation>Eine AWS-Konto-ID hat 12 Ziffern; wählen Sie das Konto erneut.</translation>
    </message>
    <message>
        <source>Choose the role this profile takes in the account.</source>
        <translation>Wählen Sie die Rolle, die dieses Profil im Konto übernimmt.</translation>
    </message>
    <message>
        <source>Signing in is not available here.</source>
        <translation>Anmelden ist hier nicht möglich.</translation>
    </message>
    <message>
        <source>Looking for a sign-in to reuse…</source>
        <translation>Suche nach einer wiederverwendbaren Anmeldung…</translation>
    </message>
    <message>
        <source>The sign-in could not start.</source>
        <translation>Die Anmeldung konnte nicht beginnen.</translation>
    </message>
    <message>
        <source>Continue in your browser: sign in there and allow JobDesk access. %1</source>
        <translation>Fahren Sie im Browser fort: Melden Sie sich dort an und erlauben Sie JobDesk den Zugriff. %1</translation>
    </message>
    <message>
        <source>Open the page again</source>
        <translation>Seite erneut öffnen</translation>
    </message>
    <message>
        <source>Open %1 in a browser, sign in there and allow JobDesk access.</source>
        <translation>Öffnen Sie %1 in einem Browser, melden Sie sich dort an und erlauben Sie JobDesk den Zugriff.</translation>
    </message>
    <message>
        <source>the sign-in page</source>
        <translation>die Anmeldeseite</translation>
    </message>
    <message>
        <source>On any device, open %1 and confirm the code %2.</source>
        <translation>Öffnen Sie auf einem beliebigen Gerät %1 und bestätigen Sie den Code %2.</translation>
    </message>
    <message>
        <source>Starting the sign-in…</source>
        <translation>Anmeldung wird gestartet…</translation>
    </message>
    <message>
        <source>Signed in, but the accounts cannot be listed: %1</source>
        <translation>Angemeldet, aber die Konten können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Signed in to %1.</source>
        <translation>Angemeldet bei %1.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileListModel</name>
    <message>
        <source>No profile is selected.</source>
        <translation>Es ist kein Profil ausgewählt.</translation>
    </message>
    <message>
        <source>Choose a profile in the lookup form.</source>
        <translation>Wählen Sie im Abfrageformular ein Profil aus.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileManagerDialog</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import from AWS Config…</source>
        <translation>Aus AWS-Konfiguration &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>JobDesk profiles</source>
        <translation>JobDesk-Profile</translation>
    </message>
    <message>
        <source>Make one signed call to CodePipeline with the profile&apos;s keys</source>
        <translation>Einen signierten Aufruf mit den Schlüsseln des Profils an CodePipeline senden</translation>
    </message>
    <message>
        <source>%1 · region %2</source>
        <translation>%1 · Region %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>The AWS shared config (%1) has no profiles to import.</source>
        <translation>Die gemeinsame AWS-Konfiguration (%1) enthält keine Profile zum Importieren.</translation>
    </message>
    <message>
        <source>Import AWS Profile</source>
        <translation>AWS-Profil importieren</translation>
    </message>
    <message>
        <source>AWS profile:</source>
        <translation>AWS-Profil:</translation>
    </message>
    <message>
        <source>Keys in the system keychain</source>
        <translation>Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>Linked to AWS profile “%1”</source>
        <translation>Verknüpft mit AWS-Profil „%1“</translation>
    </message>
    <message>
        <source>Keys from the environment</source>
        <translation>Schlüssel aus der Umgebung</translation>
    </message>
    <message>
        <source>There is no profile “%1”.</source>
        <translation>Es gibt kein Profil „%1“.</translation>
    </message>
    <message>
        <source>AWS profile “%1” has no static keys to copy (it may use a role or credential_process). Link it instead.</source>
        <translation>Das AWS-Profil „%1“ hat keine statischen Schlüssel zum Kopieren (es verwendet vielleicht eine Rolle oder credential_process). Verknüpfen Sie es stattdessen.</translation>
    </message>
    <message>
        <source>Saving profile “%1”…</source>
        <translation>Profil „%1“ wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved profile “%1”.</source>
        <translation>Profil „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Delete profile “%1” and the keys it keeps in the system keychain?</source>
        <translation>Profil „%1“ und seine Schlüssel im Schlüsselbund des Systems löschen?</translation>
    </message>
    <message>
        <source>Delete Profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Deleted profile “%1”.</source>
        <translation>Profil „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Choose a profile to test.</source>
        <translation>Wählen Sie ein Profil zum Testen aus.</translation>
    </message>
    <message>
        <source>Testing profile “%1”…</source>
        <translation>Profil „%1“ wird getestet…</translation>
    </message>
    <message>
        <source>Profile “%1” has no usable keys: %2</source>
        <translation>Das Profil „%1“ hat keine verwendbaren Schlüssel: %2</translation>
    </message>
    <message>
        <source>The keys of “%1” work: CodePipeline accepted the signed call (and, as expected, does not know the test job).</source>
        <translation>Die Schlüssel von „%1“ funktionieren: CodePipeline hat den signierten Aufruf akzeptiert (und kennt den Test-Job erwartungsgemäß nicht).</translation>
    </message>
    <message>
        <source>The keys of “%1” do not work: the secret access key does not belong to the access key ID (%2).</source>
        <translation>Die Schlüssel von „%1“ funktionieren nicht: Der geheime Zugriffsschlüssel gehört nicht zur Zugriffsschlüssel-ID (%2).</translation>
    </message>
    <message>
        <source>The keys of “%1” do not work: AWS does not know this access key ID (%2).</source>
        <translation>Die Schlüssel von „%1“ funktionieren nicht: AWS kennt diese Zugriffsschlüssel-ID nicht (%2).</translation>
    </message>
    <message>
        <source>The test of “%1” could not tell whether the keys work: %2</source>
        <translation>Der Test von „%1“ konnte nicht feststellen, ob die Schlüssel funktionieren: %2</translation>
    </message>
    <message>
        <source>Role %1 in account %2 through IAM Identity Center</source>
        <translation>Rolle %1 im Konto %2 über IAM Identity Center</translation>
    </message>
    <message>
        <source>New &amp;SSO Profile…</source>
        <translation>Neues &amp;SSO-Profil…</translation>
    </message>
    <message>
        <source>Sign in with IAM Identity Center and pick an account and role</source>
        <translation>Bei IAM Identity Center anmelden und ein Konto und eine Rolle wählen</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::QueryBar</name>
    <message>
        <source>Show secrets</source>
        <translation>Geheime Werte zeigen</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>JMESPath, e.g. jobDetails.data.inputArtifacts[*].name (%1)</source>
        <translation>JMESPath, z. B. jobDetails.data.inputArtifacts[*].name (%1)</translation>
    </message>
    <message>
        <source>Filters the job as the AWS CLI&apos;s --query does; the result shows as you type (%1)</source>
        <translation>Filtert den Job wie --query der AWS CLI; das Ergebnis erscheint schon beim Tippen (%1)</translation>
    </message>
    <message>
        <source>JMESPath query</source>
        <translation>JMESPath-Abfrage</translation>
    </message>
    <message>
        <source>&amp;Query:</source>
        <translation>&amp;Query:</translation>
    </message>
    <message>
        <source>Show the result as jobdesk-cli --output prints it</source>
        <translation>Das Ergebnis so zeigen, wie jobdesk-cli --output es ausgibt</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>Ausgabeformat</translation>
    </message>
    <message>
        <source>Query the artifact credentials and masked configuration values too; while this is off the query sees only %1 in their place</source>
        <translation>Auch die Artefakt-Anmeldedaten und maskierten Konfigurationswerte abfragen; solange dies aus ist, sieht die Abfrage an ihrer Stelle nur %1</translation>
    </message>
    <message>
        <source>Query result, as jobdesk-cli prints it</source>
        <translation>Abfrageergebnis, wie jobdesk-cli es ausgibt</translation>
    </message>
    <message>
        <source>Query result tree</source>
        <translation>Baum des Abfrageergebnisses</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Ausgabe:</translation>
    </message>
    <message>
        <source>The AWS CLI&apos;s text output stops here: it cannot print a list that holds an object and other values. jobdesk-cli stops the same way.</source>
        <translation>Die Textausgabe der AWS CLI endet hier: Sie kann keine Liste ausgeben, die ein Objekt und andere Werte enthält. jobdesk-cli endet an derselben Stelle.</translation>
    </message>
    <message>
        <source>The AWS CLI cannot draw this result as a table, and neither does jobdesk-cli. Choose json or text.</source>
        <translation>Die AWS CLI kann dieses Ergebnis nicht als Tabelle darstellen, jobdesk-cli ebenso wenig. Wählen Sie json oder text.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::RecentLookupsDock</name>
    <message>
        <source>Recent Lookups</source>
        <translation>Letzte Abfragen</translation>
    </message>
    <message>
        <source>Recent lookups</source>
        <translation>Letzte Abfragen</translation>
    </message>
    <message>
        <source>Activate an entry to put its job ID, profile and region back into the form</source>
        <translation>Aktivieren Sie einen Eintrag, um dessen Job-ID, Profil und Region wieder ins Formular zu übernehmen</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Forget all recent lookups?</source>
        <translation>Alle letzten Abfragen vergessen?</translation>
    </message>
    <message>
        <source>Activity Log…</source>
        <translation>Aktivitätsprotokoll…</translation>
    </message>
    <message>
        <source>Every poll, acknowledgement and result sent with a profile</source>
        <translation>Alle mit einem Profil gesendeten Abfragen nach Jobs, Bestätigungen und Ergebnisse</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::RecentLookupsModel</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>Job-ID</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SettingsDialog</name>
    <message>
        <source>&amp;Verify TLS certificates</source>
        <translation>TLS-&amp;Zertifikate prüfen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>No timeout</source>
        <translation>Kein Timeout</translation>
    </message>
    <message>
        <source>Connect timeout in seconds</source>
        <translation>Verbindungs-Timeout in Sekunden</translation>
    </message>
    <message>
        <source>Read timeout in seconds</source>
        <translation>Lese-Timeout in Sekunden</translation>
    </message>
    <message>
        <source>Attempts per request, the first included</source>
        <translation>Versuche pro Anfrage, einschließlich des ersten</translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation>System-Proxy</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>Manual HTTP proxy</source>
        <translation>Manueller HTTP-Proxy</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation>proxy.example.com</translation>
    </message>
    <message>
        <source>Proxy host</source>
        <translation>Proxy-Host</translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation>Proxy-Port</translation>
    </message>
    <message>
        <source>Only the system&apos;s certificates</source>
        <translation>Nur die Zertifikate des Systems</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA-Bundle-Datei</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification off:&lt;/b&gt; anyone on the network path can read and change what JobDesk sends and receives, including the client token and artifact credentials. Use a CA bundle instead where you can.</source>
        <translation>&lt;b&gt;Prüfung aus:&lt;/b&gt; Jeder auf dem Netzwerkpfad kann lesen und verändern, was JobDesk sendet und empfängt, einschließlich Client-Token und Artefakt-Anmeldedaten. Verwenden Sie nach Möglichkeit stattdessen ein CA-Bundle.</translation>
    </message>
    <message>
        <source>CA Bundle</source>
        <translation>CA-Bundle</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation>&amp;Verbindungs-Timeout:</translation>
    </message>
    <message>
        <source>&amp;Read timeout:</source>
        <translation>&amp;Lese-Timeout:</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>Vers&amp;uche:</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Proxy:</translation>
    </message>
    <message>
        <source>Proxy &amp;host and port:</source>
        <translation>Proxy-&amp;Host und -Port:</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA-&amp;Bundle:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>The new language is used the next time JobDesk starts.</source>
        <translation>Die neue Sprache wird beim nächsten Start von JobDesk verwendet.</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The proxy host</source>
        <translation>Der Proxy-Host</translation>
    </message>
    <message>
        <source>The CA bundle</source>
        <translation>Das CA-Bundle</translation>
    </message>
    <message>
        <source>S3&apos;s public endpoints</source>
        <translation>Die öffentlichen Endpunkte von S3</translation>
    </message>
    <message>
        <source>S3 endpoint URL</source>
        <translation>S3-Endpunkt-URL</translation>
    </message>
    <message>
        <source>Where artifacts are downloaded from and uploaded to, for a private endpoint or a local emulator. Empty: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL when set, else S3&apos;s public hosts.</source>
        <translation>Woher Artefakte heruntergeladen und wohin sie hochgeladen werden, für einen privaten Endpunkt oder einen lokalen Emulator. Leer: AWS_ENDPOINT_URL_S3 oder AWS_ENDPOINT_URL, falls gesetzt, sonst die öffentlichen Hosts von S3.</translation>
    </message>
    <message>
        <source>&amp;S3 endpoint:</source>
        <translation>S3-&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>The S3 endpoint</source>
        <translation>Der S3-Endpunkt</translation>
    </message>
    <message>
        <source>Share s&amp;ign-in with the AWS CLI</source>
        <translation>Anmeldung mit der AWS CLI &amp;teilen</translation>
    </message>
    <message>
        <source>Share IAM Identity Center sign-ins with the AWS CLI</source>
        <translation>IAM-Identity-Center-Anmeldungen mit der AWS CLI teilen</translation>
    </message>
    <message>
        <source>When on, an IAM Identity Center sign-in is also written to the AWS CLI&apos;s token cache (~/.aws/sso/cache, a file only you can read), so that the AWS CLI and SDKs use it too. Off by default: JobDesk then keeps sign-ins in the system keychain only.</source>
        <translation>Wenn eingeschaltet, wird eine IAM-Identity-Center-Anmeldung auch in den Token-Cache der AWS CLI geschrieben (~/.aws/sso/cache, eine Datei, die nur Sie lesen können), sodass die AWS CLI und die SDKs sie ebenfalls nutzen. Standardmäßig aus: Dann bewahrt JobDesk Anmeldungen nur im Schlüsselbund des Systems auf.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoAccountPicker</name>
    <message>
        <source>Filter accounts</source>
        <translation>Konten filtern</translation>
    </message>
    <message>
        <source>Part of an account&apos;s name, ID or e-mail</source>
        <translation>Teil von Name, ID oder E-Mail eines Kontos</translation>
    </message>
    <message>
        <source>AWS accounts</source>
        <translation>AWS-Konten</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Choose an account first</source>
        <translation>Zuerst ein Konto wählen</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>Konten:</translation>
    </message>
    <message>
        <source>Ro&amp;le:</source>
        <translation>Ro&amp;lle:</translation>
    </message>
    <message>
        <source>Listing the accounts you may use…</source>
        <translation>Die Konten, die Sie verwenden dürfen, werden aufgelistet…</translation>
    </message>
    <message>
        <source>This sign-in may use no AWS account. Ask your administrator for access, or sign in as someone else.</source>
        <translation>Diese Anmeldung darf kein AWS-Konto verwenden. Bitten Sie Ihre Administration um Zugriff oder melden Sie sich als jemand anderes an.</translation>
    </message>
    <message>
        <source>This sign-in may not use account %1.</source>
        <translation>Diese Anmeldung darf Konto %1 nicht verwenden.</translation>
    </message>
    <message>
        <source>Choose one of the accounts listed.</source>
        <translation>Wählen Sie eines der aufgelisteten Konten.</translation>
    </message>
    <message>
        <source>Listing your roles in %1…</source>
        <translation>Ihre Rollen in %1 werden aufgelistet…</translation>
    </message>
    <message>
        <source>You have no role in %1; choose another account.</source>
        <translation>Sie haben keine Rolle in %1; wählen Sie ein anderes Konto.</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>Melden Sie sich an, um die Konten und Rollen aufzulisten, die Sie verwenden dürfen.</translation>
    </message>
    <message>
        <source>Saved: role %1 in account %2. Sign in to list the accounts and roles you may use.</source>
        <translation>Gespeichert: Rolle %1 in Konto %2. Melden Sie sich an, um die Konten und Rollen aufzulisten, die Sie verwenden dürfen.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>One account. Choose it, then a role.</source>
        <translation>Ein Konto. Wählen Sie es, dann eine Rolle.</translation>
    </message>
    <message>
        <source>%1 accounts. Choose one, then a role.</source>
        <translation>%1 Konten. Wählen Sie eines, dann eine Rolle.</translation>
    </message>
    <message>
        <source>One role in %1.</source>
        <translation>Eine Rolle in %1.</translation>
    </message>
    <message>
        <source>%1 roles in %2.</source>
        <translation>%1 Rollen in %2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoAccountsModel</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInActions</name>
    <message>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <source>Profile %1 waits for you to sign in…</source>
        <translation>Profil %1 wartet auf Ihre Anmeldung…</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInDialog</name>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>&amp;Open Browser Again</source>
        <translation>Browser erneut ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Co&amp;py Code</source>
        <translation>Code &amp;kopieren</translation>
    </message>
    <message>
        <source>Use a Code &amp;Instead</source>
        <translation>&amp;Stattdessen einen Code verwenden</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center at &lt;b&gt;%1&lt;/b&gt; to continue.</source>
        <translation>Melden Sie sich bei IAM Identity Center unter &lt;b&gt;%1&lt;/b&gt; an, um fortzufahren.</translation>
    </message>
    <message>
        <source>Profile “%1” needs you to sign in to IAM Identity Center at &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Für das Profil „%1“ müssen Sie sich bei IAM Identity Center unter &lt;b&gt;%2&lt;/b&gt; anmelden.</translation>
    </message>
    <message>
        <source>Preparing the sign-in…</source>
        <translation>Die Anmeldung wird vorbereitet…</translation>
    </message>
    <message>
        <source>Sign-in page address</source>
        <translation>Adresse der Anmeldeseite</translation>
    </message>
    <message>
        <source>Open the page below in a browser, on this computer or another one, and enter this code:</source>
        <translation>Öffnen Sie die Seite unten in einem Browser, auf diesem oder einem anderen Computer, und geben Sie diesen Code ein:</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Anmeldecode</translation>
    </message>
    <message>
        <source>Before you approve, check that the page shows this same code. Never approve a code you did not ask for.</source>
        <translation>Prüfen Sie vor der Freigabe, dass die Seite genau diesen Code zeigt. Geben Sie nie einen Code frei, den Sie nicht angefordert haben.</translation>
    </message>
    <message>
        <source>For when the browser is on another computer or cannot reach JobDesk: sign in with a code you enter on the sign-in page instead.</source>
        <translation>Für den Fall, dass der Browser auf einem anderen Computer läuft oder JobDesk nicht erreicht: Melden Sie sich stattdessen mit einem Code an, den Sie auf der Anmeldeseite eingeben.</translation>
    </message>
    <message>
        <source>Sign-in page: %1</source>
        <translation>Anmeldeseite: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Continue in your browser.&lt;/b&gt; JobDesk opened the sign-in page there: sign in and allow access, and this window closes by itself. If no page opened, open this address in your browser:</source>
        <translation>&lt;b&gt;Fahren Sie im Browser fort.&lt;/b&gt; JobDesk hat dort die Anmeldeseite geöffnet: Melden Sie sich an und erlauben Sie den Zugriff; dieses Fenster schließt sich dann von selbst. Wenn sich keine Seite geöffnet hat, öffnen Sie diese Adresse im Browser:</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>Warten auf den Browser…</translation>
    </message>
    <message>
        <source>Waiting for you to approve the code…</source>
        <translation>Warten auf Ihre Freigabe des Codes…</translation>
    </message>
    <message>
        <source>&lt;b&gt;JobDesk could not open a browser.&lt;/b&gt; Open this address in your browser, or use a code instead:</source>
        <translation>&lt;b&gt;JobDesk konnte keinen Browser öffnen.&lt;/b&gt; Öffnen Sie diese Adresse in Ihrem Browser oder verwenden Sie stattdessen einen Code:</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInPrompter</name>
    <message>
        <source>This window cannot sign in to IAM Identity Center.</source>
        <translation>Dieses Fenster kann sich nicht bei IAM Identity Center anmelden.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoStatusWidget</name>
    <message>
        <source>Checking the sign-in to %1…</source>
        <translation>Anmeldung bei %1 wird geprüft…</translation>
    </message>
    <message>
        <source>Signed in to %1 until %2</source>
        <translation>Bei %1 angemeldet bis %2</translation>
    </message>
    <message>
        <source>Signed in to %1</source>
        <translation>Bei %1 angemeldet</translation>
    </message>
    <message>
        <source>Sign-in to %1 expired</source>
        <translation>Anmeldung bei %1 abgelaufen</translation>
    </message>
    <message>
        <source>Not signed in to %1</source>
        <translation>Nicht bei %1 angemeldet</translation>
    </message>
    <message>
        <source>IAM Identity Center at %1: role %2 in account %3</source>
        <translation>IAM Identity Center unter %1: Rolle %2 im Konto %3</translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>End the sign-in to %1 and forget its token</source>
        <translation>Die Anmeldung bei %1 beenden und ihr Token vergessen</translation>
    </message>
    <message>
        <source>Sign in to %1 in your browser</source>
        <translation>Im Browser bei %1 anmelden</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SuccessResultDialog</name>
    <message>
        <source>Set</source>
        <translation>Angeben</translation>
    </message>
    <message>
        <source>Re&amp;view and Send…</source>
        <translation>Prüfen und &amp;senden…</translation>
    </message>
    <message>
        <source>Report Success</source>
        <translation>Erfolg melden</translation>
    </message>
    <message>
        <source>Execution summary</source>
        <translation>Zusammenfassung der Ausführung</translation>
    </message>
    <message>
        <source>What the action did, as the customer sees it in the action&apos;s details</source>
        <translation>Was die Aktion tat, wie der Kunde es in den Details der Aktion sieht</translation>
    </message>
    <message>
        <source>External execution ID</source>
        <translation>Externe Ausführungs-ID</translation>
    </message>
    <message>
        <source>The run&apos;s ID in your service (optional)</source>
        <translation>Die ID des Laufs in Ihrem Dienst (optional)</translation>
    </message>
    <message>
        <source>Percent complete</source>
        <translation>Prozent abgeschlossen</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>e.g. a commit ID or build number</source>
        <translation>z. B. eine Commit-ID oder Build-Nummer</translation>
    </message>
    <message>
        <source>Change identifier</source>
        <translation>Änderungskennung</translation>
    </message>
    <message>
        <source>Give a creation time</source>
        <translation>Erstellungszeit angeben</translation>
    </message>
    <message>
        <source>Revision created (UTC)</source>
        <translation>Revision erstellt (UTC)</translation>
    </message>
    <message>
        <source>Revision summary</source>
        <translation>Zusammenfassung der Revision</translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation>Fortsetzungstoken</translation>
    </message>
    <message>
        <source>empty: the job is finished</source>
        <translation>leer: der Job ist beendet</translation>
    </message>
    <message>
        <source>Every field is optional. A group you fill in is sent with the success result; nothing is sent before you confirm.</source>
        <translation>Jedes Feld ist optional. Eine ausgefüllte Gruppe wird mit dem Erfolgsergebnis gesendet; nichts wird gesendet, bevor Sie bestätigen.</translation>
    </message>
    <message>
        <source>Execution details</source>
        <translation>Ausführungsdetails</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>&amp;Zusammenfassung:</translation>
    </message>
    <message>
        <source>E&amp;xternal execution ID:</source>
        <translation>E&amp;xterne Ausführungs-ID:</translation>
    </message>
    <message>
        <source>&amp;Percent complete:</source>
        <translation>&amp;Prozent abgeschlossen:</translation>
    </message>
    <message>
        <source>Current revision</source>
        <translation>Aktuelle Revision</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>&amp;Revision:</translation>
    </message>
    <message>
        <source>C&amp;hange identifier:</source>
        <translation>Ä&amp;nderungskennung:</translation>
    </message>
    <message>
        <source>&amp;Created (UTC):</source>
        <translation>&amp;Erstellt (UTC):</translation>
    </message>
    <message>
        <source>Revision s&amp;ummary:</source>
        <translation>Zusammenfassung der Re&amp;vision:</translation>
    </message>
    <message>
        <source>Continue the job</source>
        <translation>Den Job fortsetzen</translation>
    </message>
    <message>
        <source>With a continuation token the action is not finished: CodePipeline gives your service another job for it, carrying this token.</source>
        <translation>Mit einem Fortsetzungstoken ist die Aktion nicht beendet: CodePipeline gibt Ihrem Dienst einen weiteren Job für sie, der dieses Token trägt.</translation>
    </message>
    <message>
        <source>Continuation t&amp;oken:</source>
        <translation>F&amp;ortsetzungstoken:</translation>
    </message>
    <message>
        <source>The summary</source>
        <translation>Die Zusammenfassung</translation>
    </message>
    <message>
        <source>The external execution ID</source>
        <translation>Die externe Ausführungs-ID</translation>
    </message>
    <message>
        <source>The percent complete</source>
        <translation>Der Prozentwert</translation>
    </message>
    <message>
        <source>The revision</source>
        <translation>Die Revision</translation>
    </message>
    <message>
        <source>A current revision needs the revision itself: enter it, or clear the revision&apos;s fields.</source>
        <translation>Eine aktuelle Revision braucht die Revision selbst: Geben Sie sie ein oder leeren Sie die Felder der Revision.</translation>
    </message>
    <message>
        <source>The change identifier</source>
        <translation>Die Änderungskennung</translation>
    </message>
    <message>
        <source>A current revision needs its change identifier: enter it, or clear the revision&apos;s fields.</source>
        <translation>Eine aktuelle Revision braucht ihre Änderungskennung: Geben Sie sie ein oder leeren Sie die Felder der Revision.</translation>
    </message>
    <message>
        <source>The creation time</source>
        <translation>Die Erstellungszeit</translation>
    </message>
    <message>
        <source>The revision summary</source>
        <translation>Die Zusammenfassung der Revision</translation>
    </message>
    <message>
        <source>The continuation token</source>
        <translation>Das Fortsetzungstoken</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::TransferManager</name>
    <message>
        <source>The upload was cancelled.</source>
        <translation>Der Upload wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Could not make a temporary folder for opened artifacts: %1</source>
        <translation>Für geöffnete Artefakte konnte kein temporärer Ordner angelegt werden: %1</translation>
    </message>
    <message>
        <source>Check that the temporary folder exists and has room, or use Download instead.</source>
        <translation>Prüfen Sie, ob der temporäre Ordner existiert und Platz hat, oder verwenden Sie stattdessen „Herunterladen“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>Choose an existing file or folder.</source>
        <translation>Wählen Sie eine vorhandene Datei oder einen vorhandenen Ordner.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a folder.</source>
        <translation>„%1“ ist weder eine Datei noch ein Ordner.</translation>
    </message>
    <message>
        <source>Choose a zip file or a folder to zip.</source>
        <translation>Wählen Sie eine Zip-Datei oder einen zu zippenden Ordner.</translation>
    </message>
    <message>
        <source>Could not make a temporary folder to zip into: %1</source>
        <translation>Es konnte kein temporärer Ordner zum Zippen angelegt werden: %1</translation>
    </message>
    <message>
        <source>Zip the folder yourself and upload the zip file.</source>
        <translation>Zippen Sie den Ordner selbst und laden Sie die Zip-Datei hoch.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::TransfersPanel</name>
    <message>
        <source>Zipping the folder</source>
        <translation>Ordner wird gezippt</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Datei wird gelesen</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <source>Asking S3 what it stored</source>
        <translation>S3 wird gefragt, was gespeichert wurde</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Übertragungen</translation>
    </message>
    <message>
        <source>No artifact has been downloaded or uploaded yet.</source>
        <translation>Es wurde noch kein Artefakt herunter- oder hochgeladen.</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>%1: download of %2</source>
        <translation>%1: Download von %2</translation>
    </message>
    <message>
        <source>%1: upload to %2</source>
        <translation>%1: Upload nach %2</translation>
    </message>
    <message>
        <source>SHA-256 of the file written: %1</source>
        <translation>SHA-256 der geschriebenen Datei: %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Gespeichert als %1</translation>
    </message>
    <message>
        <source>Stored: %1, ETag %2</source>
        <translation>Gespeichert: %1, ETag %2</translation>
    </message>
    <message>
        <source>Server-side encryption: %1</source>
        <translation>Serverseitige Verschlüsselung: %1</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>KMS key: %1</source>
        <translation>KMS-Schlüssel: %1</translation>
    </message>
    <message>
        <source>SHA-256 of the file sent: %1</source>
        <translation>SHA-256 der gesendeten Datei: %1</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>Anfrage-ID: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::UploadDialog</name>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Upload Output Artifact</source>
        <translation>Ausgabeartefakt hochladen</translation>
    </message>
    <message>
        <source>A zip file, or a folder to zip</source>
        <translation>Eine Zip-Datei oder ein zu zippender Ordner</translation>
    </message>
    <message>
        <source>File or folder to upload</source>
        <translation>Hochzuladende Datei oder hochzuladender Ordner</translation>
    </message>
    <message>
        <source>File to Upload</source>
        <translation>Hochzuladende Datei</translation>
    </message>
    <message>
        <source>Zip files (*.zip);;All files (*)</source>
        <translation>Zip-Dateien (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Folder to Zip and Upload</source>
        <translation>Zu zippender und hochzuladender Ordner</translation>
    </message>
    <message>
        <source>Output artifact</source>
        <translation>Ausgabeartefakt</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Bucket default (the job names no KMS key)</source>
        <translation>Standard des Buckets (der Job nennt keinen KMS-Schlüssel)</translation>
    </message>
    <message>
        <source>%1 (the job&apos;s key, SSE-KMS)</source>
        <translation>%1 (der Schlüssel des Jobs, SSE-KMS)</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Output artifact:</source>
        <translation>&amp;Ausgabeartefakt:</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>KMS-Schlüssel:</translation>
    </message>
    <message>
        <source>A folder is zipped first, its files under their relative paths. The pipeline&apos;s next actions read the artifact as it is uploaded here.</source>
        <translation>Ein Ordner wird zuerst gezippt, seine Dateien unter ihren relativen Pfaden. Die nächsten Aktionen der Pipeline lesen das Artefakt so, wie es hier hochgeladen wird.</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>Weiter…</translation>
    </message>
    <message>
        <source>Choose a zip file or a folder to upload.</source>
        <translation>Wählen Sie eine Zip-Datei oder einen Ordner zum Hochladen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a folder.</source>
        <translation>„%1“ ist weder eine Datei noch ein Ordner.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be read.</source>
        <translation>„%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The job has no output artifact in S3 to upload to.</source>
        <translation>Der Job hat kein Ausgabeartefakt in S3, in das hochgeladen werden kann.</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::ActivityEntry</name>
    <message>
        <source>The activity record was changed or damaged outside JobDesk.</source>
        <translation>Das Aktivitätsprotokoll wurde außerhalb von JobDesk geändert oder beschädigt.</translation>
    </message>
    <message>
        <source>An activity entry is not a JSON object.</source>
        <translation>Ein Aktivitätseintrag ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Poll for jobs</source>
        <translation>Nach Jobs abfragen</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Report success</source>
        <translation>Erfolg melden</translation>
    </message>
    <message>
        <source>Report failure</source>
        <translation>Fehlschlag melden</translation>
    </message>
    <message>
        <source>Fetch details</source>
        <translation>Details abrufen</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>erledigt: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>failed: %1: %2</source>
        <translation>fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <source>request ID %1</source>
        <translation>Anfrage-ID %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The activity entry has no &quot;%1&quot;.</source>
        <translation>Dem Aktivitätseintrag fehlt „%1“.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a string.</source>
        <translation>„%1“ des Aktivitätseintrags ist keine Zeichenkette.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a date and time with its zone, such as 2026-12-03T08:45:22.123Z.</source>
        <translation>„%1“ des Aktivitätseintrags ist kein Zeitpunkt mit Zeitzone wie 2026-12-03T08:45:22.123Z.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is empty.</source>
        <translation>„%1“ des Aktivitätseintrags ist leer.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not an object.</source>
        <translation>„%1“ des Aktivitätseintrags ist kein Objekt.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not true or false.</source>
        <translation>„%1“ des Aktivitätseintrags ist weder true noch false.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a whole number of milliseconds.</source>
        <translation>„%1“ des Aktivitätseintrags ist keine ganze Zahl von Millisekunden.</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::ActivityFile</name>
    <message>
        <source>Check that you can write to %1 and that the disk has space left.</source>
        <translation>Prüfen Sie, ob Sie in %1 schreiben dürfen und ob auf dem Datenträger noch Platz ist.</translation>
    </message>
    <message>
        <source>Cannot create the activity folder %1: %2</source>
        <translation>Der Aktivitätsordner %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>the folder could not be made</source>
        <translation>der Ordner konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot make the activity folder %1 private: %2</source>
        <translation>Der Aktivitätsordner %1 kann nicht auf Sie allein beschränkt werden: %2</translation>
    </message>
    <message>
        <source>its permissions could not be changed</source>
        <translation>seine Berechtigungen ließen sich nicht ändern</translation>
    </message>
    <message>
        <source>Cannot open the activity record %1: %2</source>
        <translation>Das Aktivitätsprotokoll %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot write to the activity record %1: %2</source>
        <translation>In das Aktivitätsprotokoll %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the activity record %1: %2</source>
        <translation>Das Aktivitätsprotokoll %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Check that the file is yours and readable.</source>
        <translation>Prüfen Sie, ob die Datei Ihnen gehört und lesbar ist.</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::JobExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with space left.</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben können und der noch Platz hat.</translation>
    </message>
</context>
<context>
    <name>jobdesk::platform::FileSecurity</name>
    <message>
        <source>Could not make %1 readable by you alone: %2</source>
        <translation>%1 konnte nicht nur für Sie lesbar gemacht werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder on a local disk that you own.</source>
        <translation>Wählen Sie einen Ordner auf einem lokalen Datenträger, der Ihnen gehört.</translation>
    </message>
    <message>
        <source>the file is not open</source>
        <translation>die Datei ist nicht geöffnet</translation>
    </message>
</context>
<context>
    <name>jobdesk::platform::ProgramSearch</name>
    <message>
        <source>in JobDesk&apos;s folder, the current folder, the Windows system folders or on PATH</source>
        <translation>im Ordner von JobDesk, im aktuellen Ordner, in den Windows-Systemordnern oder in PATH</translation>
    </message>
    <message>
        <source>on PATH</source>
        <translation>in PATH</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ClientTokenVault</name>
    <message>
        <source>A saved token needs a label, such as the customer or clientId.</source>
        <translation>Ein gespeichertes Token braucht eine Bezeichnung, etwa den Kunden oder die clientId.</translation>
    </message>
    <message>
        <source>A label cannot start or end with a space.</source>
        <translation>Eine Bezeichnung darf nicht mit einem Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>A label can be at most 256 characters long.</source>
        <translation>Eine Bezeichnung darf höchstens 256 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>A label cannot contain control characters.</source>
        <translation>Eine Bezeichnung darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>Das Token ist leer.</translation>
    </message>
    <message>
        <source>No client token is saved in %1 under “%2”.</source>
        <translation>In %1 ist unter „%2“ kein Client-Token gespeichert.</translation>
    </message>
    <message>
        <source>Save the token under that label first.</source>
        <translation>Speichern Sie das Token zuerst unter dieser Bezeichnung.</translation>
    </message>
    <message>
        <source>The client ID is empty.</source>
        <translation>Die Client-ID ist leer.</translation>
    </message>
    <message>
        <source>“%1” is not a client ID: a client ID is a lower-case UUID such as 1a2b3c4d-0000-4000-8000-0123456789ab, as a poll for jobs returns it.</source>
        <translation>„%1“ ist keine Client-ID: Eine Client-ID ist eine UUID in Kleinbuchstaben wie 1a2b3c4d-0000-4000-8000-0123456789ab, so wie eine Abfrage nach Jobs sie liefert.</translation>
    </message>
    <message>
        <source>No client token is saved in %1 for the client ID %2.</source>
        <translation>In %1 ist für die Client-ID %2 kein Client-Token gespeichert.</translation>
    </message>
    <message>
        <source>Save the partner&apos;s client token for that client ID first.</source>
        <translation>Speichern Sie zuerst das Client-Token des Partners für diese Client-ID.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::CredentialResolver</name>
    <message>
        <source>It is neither a JobDesk profile nor in %1 or %2.</source>
        <translation>Es ist weder ein JobDesk-Profil noch in %1 oder %2 enthalten.</translation>
    </message>
    <message>
        <source>The config profile (%1) could not be found.</source>
        <translation>Das Konfigurationsprofil (%1) wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>%1 is “%2”, but it must be %3.</source>
        <translation>%1 ist „%2“, muss aber %3 sein.</translation>
    </message>
    <message>
        <source>Profile “%1” sets %2 to “%3”, but it must be %4.</source>
        <translation>Das Profil „%1“ setzt %2 auf „%3“, der Wert muss aber %4 sein.</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.</source>
        <translation>AWS_ACCESS_KEY_ID ist gesetzt, AWS_SECRET_ACCESS_KEY aber nicht.</translation>
    </message>
    <message>
        <source>Set both variables, or unset AWS_ACCESS_KEY_ID to use a profile.</source>
        <translation>Setzen Sie beide Variablen oder entfernen Sie AWS_ACCESS_KEY_ID, um ein Profil zu verwenden.</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>eine http://- oder https://-URL</translation>
    </message>
    <message>
        <source>legacy, standard or adaptive</source>
        <translation>legacy, standard oder adaptive</translation>
    </message>
    <message>
        <source>a whole number of at least 1</source>
        <translation>eine ganze Zahl ab 1</translation>
    </message>
    <message>
        <source>keychain keys of JobDesk profile “%1”</source>
        <translation>Schlüssel des JobDesk-Profils „%1“ im Schlüsselbund</translation>
    </message>
    <message>
        <source>environment variables (JobDesk profile “%1”)</source>
        <translation>Umgebungsvariablen (JobDesk-Profil „%1“)</translation>
    </message>
    <message>
        <source>environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>Keine Anmeldedaten gefunden.</translation>
    </message>
    <message>
        <source>Choose a JobDesk profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [default] profile with `aws configure`.</source>
        <translation>Wählen Sie ein JobDesk-Profil, setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY oder legen Sie mit `aws configure` ein Profil [default] an.</translation>
    </message>
    <message>
        <source>JobDesk profile “%1” uses the AWS profile “%2”, which is not in %3 or %4.</source>
        <translation>Das JobDesk-Profil „%1“ verwendet das AWS-Profil „%2“, das weder in %3 noch in %4 steht.</translation>
    </message>
    <message>
        <source>Add that profile with `aws configure --profile %1`, or link the JobDesk profile to another one.</source>
        <translation>Legen Sie dieses Profil mit `aws configure --profile %1` an oder verknüpfen Sie das JobDesk-Profil mit einem anderen.</translation>
    </message>
    <message>
        <source>role %1 assumed by profile “%2”</source>
        <translation>Rolle %1, übernommen von Profil „%2“</translation>
    </message>
    <message>
        <source>credential_process of profile “%1”</source>
        <translation>credential_process von Profil „%1“</translation>
    </message>
    <message>
        <source>keys of profile “%1” in %2</source>
        <translation>Schlüssel von Profil „%1“ in %2</translation>
    </message>
    <message>
        <source>Profile “%1” has no credentials: it sets none of aws_access_key_id, credential_process and role_arn.</source>
        <translation>Das Profil „%1“ hat keine Anmeldedaten: Es setzt weder aws_access_key_id noch credential_process noch role_arn.</translation>
    </message>
    <message>
        <source>Add keys with `aws configure --profile %1`, or choose another profile.</source>
        <translation>Fügen Sie mit `aws configure --profile %1` Schlüssel hinzu oder wählen Sie ein anderes Profil.</translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation>eine Anzahl Sekunden</translation>
    </message>
    <message>
        <source>Profile “%1” has role_arn, so it needs exactly one of source_profile and credential_source.</source>
        <translation>Das Profil „%1“ hat role_arn und braucht daher genau eines von source_profile und credential_source.</translation>
    </message>
    <message>
        <source>Profile “%1” assumes the role %2, and JobDesk cannot assume roles yet.</source>
        <translation>Das Profil „%1“ übernimmt die Rolle %2, aber JobDesk kann noch keine Rollen übernehmen.</translation>
    </message>
    <message>
        <source>Use a profile with its own keys or a credential_process, or export the role&apos;s temporary keys (for example from `aws sts assume-role`) as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.</source>
        <translation>Verwenden Sie ein Profil mit eigenen Schlüsseln oder einem credential_process, oder exportieren Sie die temporären Schlüssel der Rolle (zum Beispiel aus `aws sts assume-role`) als AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY und AWS_SESSION_TOKEN.</translation>
    </message>
    <message>
        <source>Profile “%1” takes its source keys from %2, which JobDesk does not read.</source>
        <translation>Das Profil „%1“ bezieht seine Quellschlüssel aus %2; diese Quelle liest JobDesk nicht.</translation>
    </message>
    <message>
        <source>Use credential_source = Environment or a source_profile.</source>
        <translation>Verwenden Sie credential_source = Environment oder ein source_profile.</translation>
    </message>
    <message>
        <source>Environment, EcsContainer or Ec2InstanceMetadata</source>
        <translation>Environment, EcsContainer oder Ec2InstanceMetadata</translation>
    </message>
    <message>
        <source>Profile “%1” has a source_profile loop through “%2”.</source>
        <translation>Das Profil „%1“ hat eine source_profile-Schleife über „%2“.</translation>
    </message>
    <message>
        <source>Make one profile in the chain use its own keys.</source>
        <translation>Lassen Sie ein Profil in der Kette eigene Schlüssel verwenden.</translation>
    </message>
    <message>
        <source>No MFA code was entered, so profile “%1” did not assume the role %2.</source>
        <translation>Es wurde kein MFA-Code eingegeben, daher hat das Profil „%1“ die Rolle %2 nicht übernommen.</translation>
    </message>
    <message>
        <source>Enter the code that the MFA device %1 shows to use this profile.</source>
        <translation>Geben Sie den Code ein, den das MFA-Gerät %1 anzeigt, um dieses Profil zu verwenden.</translation>
    </message>
    <message>
        <source>That is not an MFA code: profile “%1” needs the 6 digits that the MFA device %2 shows.</source>
        <translation>Das ist kein MFA-Code: Das Profil „%1“ braucht die 6 Ziffern, die das MFA-Gerät %2 anzeigt.</translation>
    </message>
    <message>
        <source>Type the current code again, digits only.</source>
        <translation>Geben Sie den aktuellen Code erneut ein, nur Ziffern.</translation>
    </message>
    <message>
        <source>IAM Identity Center role %1 in account %2 (JobDesk profile “%3”)</source>
        <translation>IAM-Identity-Center-Rolle %1 im Konto %2 (JobDesk-Profil „%3“)</translation>
    </message>
    <message>
        <source>IAM Identity Center role %1 in account %2 (profile “%3”)</source>
        <translation>IAM-Identity-Center-Rolle %1 im Konto %2 (Profil „%3“)</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::Keychain</name>
    <message>
        <source>the macOS Keychain</source>
        <translation>dem macOS-Schlüsselbund</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>der Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <source>the Secret Service (GNOME Keyring / KWallet)</source>
        <translation>dem Secret Service (GNOME Keyring / KWallet)</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>store</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>Start a Secret Service provider in your desktop session (GNOME Keyring or KWallet) and unlock it, then try again. JobDesk does not store secrets anywhere else.</source>
        <translation>Starten Sie in Ihrer Desktop-Sitzung einen Secret-Service-Anbieter (GNOME Keyring oder KWallet), entsperren Sie ihn und versuchen Sie es dann erneut. JobDesk speichert geheime Werte nirgendwo sonst.</translation>
    </message>
    <message>
        <source>Make sure the system keychain is available and unlocked, then try again.</source>
        <translation>Stellen Sie sicher, dass der Schlüsselbund des Systems verfügbar und entsperrt ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Unlock the keychain and allow JobDesk to use it when asked, then try again.</source>
        <translation>Entsperren Sie den Schlüsselbund, erlauben Sie JobDesk auf Nachfrage den Zugriff und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Check that GNOME Keyring or KWallet is running and unlocked in this session (a D-Bus session bus is needed), then try again.</source>
        <translation>Prüfen Sie, ob GNOME Keyring oder KWallet in dieser Sitzung läuft und entsperrt ist (ein D-Bus-Sitzungsbus ist erforderlich), und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Check that the system keychain is unlocked, then try again.</source>
        <translation>Prüfen Sie, ob der Schlüsselbund des Systems entsperrt ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Could not %1 “%2” in %3: %4</source>
        <translation>„%2“ konnte in %3 nicht %1 werden: %4</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::KeychainChunks</name>
    <message>
        <source>A secret stored in pieces could not be put together: %1</source>
        <translation>Ein in Teilen gespeicherter geheimer Wert konnte nicht zusammengesetzt werden: %1</translation>
    </message>
    <message>
        <source>Save the profile&apos;s keys or the token again.</source>
        <translation>Speichern Sie die Schlüssel des Profils oder das Token erneut.</translation>
    </message>
    <message>
        <source>The keychain&apos;s entries are too small (%1 bytes) to hold a secret in pieces.</source>
        <translation>Die Einträge des Schlüsselbunds sind zu klein (%1 Bytes), um einen geheimen Wert in Teilen aufzunehmen.</translation>
    </message>
    <message>
        <source>The secret is %1 bytes long; the keychain takes at most %2 bytes for one secret.</source>
        <translation>Der geheime Wert ist %1 Bytes lang; der Schlüsselbund nimmt höchstens %2 Bytes pro geheimem Wert auf.</translation>
    </message>
    <message>
        <source>Check that the value is a key or token and nothing else was pasted with it.</source>
        <translation>Prüfen Sie, ob der Wert ein Schlüssel oder Token ist und nichts anderes mit eingefügt wurde.</translation>
    </message>
    <message>
        <source>%1 of %2 pieces were found</source>
        <translation>%1 von %2 Teilen wurden gefunden</translation>
    </message>
    <message>
        <source>the pieces belong to different values</source>
        <translation>die Teile gehören zu verschiedenen Werten</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ProcessCredentials</name>
    <message>
        <source>credential_process of profile “%1” failed: %2</source>
        <translation>credential_process von Profil „%1“ ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Fix the quoting of credential_process in the AWS config file.</source>
        <translation>Korrigieren Sie die Anführungszeichen in credential_process in der AWS-Konfigurationsdatei.</translation>
    </message>
    <message>
        <source>the command is empty.</source>
        <translation>der Befehl ist leer.</translation>
    </message>
    <message>
        <source>Set credential_process to the command that prints the keys.</source>
        <translation>Setzen Sie credential_process auf den Befehl, der die Schlüssel ausgibt.</translation>
    </message>
    <message>
        <source>Use the program&apos;s full path in credential_process, or add its folder to PATH.</source>
        <translation>Verwenden Sie in credential_process den vollständigen Pfad des Programms oder fügen Sie dessen Ordner zu PATH hinzu.</translation>
    </message>
    <message numerus="yes">
        <source>it did not finish within %n second(s).</source>
        <translation>
            <numerusform>er wurde nicht innerhalb von %n Sekunde beendet.</numerusform>
            <numerusform>er wurde nicht innerhalb von %n Sekunden beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check that the command runs on its own and does not wait for input.</source>
        <translation>Prüfen Sie, ob der Befehl eigenständig läuft und nicht auf Eingaben wartet.</translation>
    </message>
    <message>
        <source>it printed more than %1 bytes.</source>
        <translation>er hat mehr als %1 Bytes ausgegeben.</translation>
    </message>
    <message>
        <source>It should print one small JSON object.</source>
        <translation>Er sollte ein einzelnes kleines JSON-Objekt ausgeben.</translation>
    </message>
    <message>
        <source>“%1” could not be started: %2</source>
        <translation>„%1“ konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Check the path in credential_process and that the file is executable.</source>
        <translation>Prüfen Sie den Pfad in credential_process und ob die Datei ausführbar ist.</translation>
    </message>
    <message>
        <source>the command crashed.</source>
        <translation>der Befehl ist abgestürzt.</translation>
    </message>
    <message>
        <source>Run the command by hand to see what goes wrong.</source>
        <translation>Führen Sie den Befehl von Hand aus, um zu sehen, was schiefgeht.</translation>
    </message>
    <message>
        <source>the command exited with code %1.</source>
        <translation>der Befehl wurde mit Code %1 beendet.</translation>
    </message>
    <message>
        <source>the command exited with code %1: %2</source>
        <translation>der Befehl wurde mit Code %1 beendet: %2</translation>
    </message>
    <message>
        <source>The command must print a JSON object with Version 1, AccessKeyId and SecretAccessKey (and optionally SessionToken and Expiration).</source>
        <translation>Der Befehl muss ein JSON-Objekt mit Version 1, AccessKeyId und SecretAccessKey (und optional SessionToken und Expiration) ausgeben.</translation>
    </message>
    <message>
        <source>its output is not valid JSON (%1 at offset %2).</source>
        <translation>seine Ausgabe ist kein gültiges JSON (%1 an Position %2).</translation>
    </message>
    <message>
        <source>its output is not a JSON object.</source>
        <translation>seine Ausgabe ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>its output has no Version; supported versions: 1.</source>
        <translation>seine Ausgabe enthält kein Feld Version; unterstützte Versionen: 1.</translation>
    </message>
    <message>
        <source>unsupported Version %1; supported versions: 1.</source>
        <translation>nicht unterstützte Version %1; unterstützte Versionen: 1.</translation>
    </message>
    <message>
        <source>missing required key in response: %1.</source>
        <translation>in der Antwort fehlt das erforderliche Feld %1.</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string.</source>
        <translation>%1 muss eine nicht leere Zeichenkette sein.</translation>
    </message>
    <message>
        <source>SessionToken must be a string.</source>
        <translation>SessionToken muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>Expiration “%1” is not an ISO 8601 time such as 2024-01-31T12:00:00Z.</source>
        <translation>Expiration „%1“ ist keine ISO-8601-Zeitangabe wie 2024-01-31T12:00:00Z.</translation>
    </message>
    <message>
        <source>the program “%1” was not found %2.</source>
        <translation>das Programm „%1“ wurde %2 nicht gefunden.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ProfileStore</name>
    <message>
        <source>A profile needs a name.</source>
        <translation>Ein Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>A profile name cannot start or end with a space.</source>
        <translation>Ein Profilname darf nicht mit einem Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>A profile name can be at most 128 characters long.</source>
        <translation>Ein Profilname darf höchstens 128 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>A profile name cannot contain “/”, “\” or control characters.</source>
        <translation>Ein Profilname darf weder „/“ noch „\“ noch Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>Die Region</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Der Endpunkt</translation>
    </message>
    <message>
        <source>Choose the AWS shared-config profile to use.</source>
        <translation>Wählen Sie das AWS-Profil (gemeinsame Konfiguration) aus, das verwendet werden soll.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>Geben Sie sowohl die Zugriffsschlüssel-ID als auch den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>Only a profile that keeps its keys in the keychain can store keys.</source>
        <translation>Nur ein Profil, das seine Schlüssel im Schlüsselbund aufbewahrt, kann Schlüssel speichern.</translation>
    </message>
    <message>
        <source>Profile “%1” does not keep its keys in the keychain.</source>
        <translation>Das Profil „%1“ bewahrt seine Schlüssel nicht im Schlüsselbund auf.</translation>
    </message>
    <message>
        <source>No access key is stored in %1 for profile “%2”.</source>
        <translation>In %1 ist für das Profil „%2“ kein Zugriffsschlüssel gespeichert.</translation>
    </message>
    <message>
        <source>Edit the profile and enter its access key ID and secret access key.</source>
        <translation>Bearbeiten Sie das Profil und geben Sie seine Zugriffsschlüssel-ID und seinen geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>There is already a profile named “%1”.</source>
        <translation>Es gibt bereits ein Profil namens „%1“.</translation>
    </message>
    <message>
        <source>There is no JobDesk profile named “%1”.</source>
        <translation>Es gibt kein JobDesk-Profil namens „%1“.</translation>
    </message>
    <message>
        <source>Choose one of the profiles in the profile list.</source>
        <translation>Wählen Sie eines der Profile in der Profilliste aus.</translation>
    </message>
    <message>
        <source>Enter the start URL of your AWS access portal.</source>
        <translation>Geben Sie die Start-URL Ihres AWS-Zugriffsportals ein.</translation>
    </message>
    <message>
        <source>The start URL must be an https:// address, such as https://my-company.awsapps.com/start.</source>
        <translation>Die Start-URL muss eine https://-Adresse sein, etwa https://my-company.awsapps.com/start.</translation>
    </message>
    <message>
        <source>The SSO region</source>
        <translation>Die SSO-Region</translation>
    </message>
    <message>
        <source>Choose the region of your IAM Identity Center.</source>
        <translation>Wählen Sie die Region Ihres IAM Identity Center.</translation>
    </message>
    <message>
        <source>Choose the AWS account (12 digits).</source>
        <translation>Wählen Sie das AWS-Konto (12 Ziffern).</translation>
    </message>
    <message>
        <source>Choose the role to use in that account.</source>
        <translation>Wählen Sie die Rolle, die in diesem Konto verwendet werden soll.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::SharedConfig</name>
    <message>
        <source>%1 is not valid UTF-8 text.</source>
        <translation>%1 ist kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <source>Save the file as UTF-8.</source>
        <translation>Speichern Sie die Datei als UTF-8.</translation>
    </message>
    <message>
        <source>the section [%1] appears a second time.</source>
        <translation>der Abschnitt [%1] kommt ein zweites Mal vor.</translation>
    </message>
    <message>
        <source>Merge the two [%1] sections into one.</source>
        <translation>Führen Sie die beiden Abschnitte [%1] zu einem zusammen.</translation>
    </message>
    <message>
        <source>The file starts with a byte-order mark, which the AWS CLI rejects too; save it as UTF-8 without BOM.</source>
        <translation>Die Datei beginnt mit einer Bytereihenfolge-Markierung (BOM), die auch die AWS CLI ablehnt; speichern Sie sie als UTF-8 ohne BOM.</translation>
    </message>
    <message>
        <source>a setting comes before the first [section] header.</source>
        <translation>eine Einstellung steht vor der ersten Abschnittsüberschrift [section].</translation>
    </message>
    <message>
        <source>the setting “%1” appears twice in [%2].</source>
        <translation>die Einstellung „%1“ kommt in [%2] zweimal vor.</translation>
    </message>
    <message>
        <source>Remove one of the two lines.</source>
        <translation>Entfernen Sie eine der beiden Zeilen.</translation>
    </message>
    <message>
        <source>expected “name = value” or a [section] header.</source>
        <translation>erwartet wurde „name = value“ oder eine Abschnittsüberschrift [section].</translation>
    </message>
    <message>
        <source>Check that line for a missing “=”, or indent it if it continues the setting above.</source>
        <translation>Prüfen Sie diese Zeile auf ein fehlendes „=“, oder rücken Sie sie ein, wenn sie die Einstellung darüber fortsetzt.</translation>
    </message>
    <message>
        <source>a nested setting needs the form “name = value”.</source>
        <translation>eine verschachtelte Einstellung braucht die Form „name = value“.</translation>
    </message>
    <message>
        <source>Profile “%1” in %2 has aws_access_key_id but no aws_secret_access_key.</source>
        <translation>Das Profil „%1“ in %2 hat aws_access_key_id, aber kein aws_secret_access_key.</translation>
    </message>
    <message>
        <source>Add the secret access key to that profile, or remove the access key ID.</source>
        <translation>Fügen Sie diesem Profil den geheimen Zugriffsschlüssel hinzu oder entfernen Sie die Zugriffsschlüssel-ID.</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>Fix that line of the file, or run `aws configure` to rewrite it.</source>
        <translation>Korrigieren Sie diese Zeile der Datei oder führen Sie `aws configure` aus, um sie neu zu schreiben.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>Prüfen Sie die Zugriffsrechte der Datei.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ShellWords</name>
    <message>
        <source>No escaped character after the final backslash.</source>
        <translation>Nach dem letzten Backslash folgt kein maskiertes Zeichen.</translation>
    </message>
    <message>
        <source>No closing quotation.</source>
        <translation>Schließendes Anführungszeichen fehlt.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::SsoProfileConfigReader</name>
    <message>
        <source>Check the profile in the AWS config file, or set it up again with `aws configure sso`.</source>
        <translation>Prüfen Sie das Profil in der AWS-Konfigurationsdatei oder richten Sie es mit `aws configure sso` neu ein.</translation>
    </message>
    <message>
        <source>The specified sso-session does not exist: &quot;%1&quot;</source>
        <translation>Die angegebene sso-session existiert nicht: „%1“</translation>
    </message>
    <message>
        <source>The value for %1 is inconsistent between profile (%2) and sso-session (%3).</source>
        <translation>Der Wert für %1 stimmt zwischen Profil (%2) und sso-session (%3) nicht überein.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is configured to use SSO but is missing required configuration: %2</source>
        <translation>Das Profil „%1“ ist für SSO eingerichtet, aber es fehlen erforderliche Einstellungen: %2</translation>
    </message>
    <message>
        <source>The sso-session &quot;%1&quot; is missing required configuration: %2</source>
        <translation>Der sso-session „%1“ fehlen erforderliche Einstellungen: %2</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::StsRoleAssumer</name>
    <message>
        <source>Profile “%1” needs an MFA code from %2 to assume the role %3, and nothing here can ask for one.</source>
        <translation>Das Profil „%1“ braucht einen MFA-Code von %2, um die Rolle %3 zu übernehmen, aber hier kann nicht danach gefragt werden.</translation>
    </message>
    <message>
        <source>Use the profile from the JobDesk window or from jobdesk-cli on a terminal, where you are asked for the code.</source>
        <translation>Verwenden Sie das Profil im JobDesk-Fenster oder mit jobdesk-cli in einem Terminal; dort werden Sie nach dem Code gefragt.</translation>
    </message>
    <message>
        <source>The CA bundle %1 could not be read or holds no PEM certificate.</source>
        <translation>Das CA-Bundle %1 konnte nicht gelesen werden oder enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>Check ca_bundle in the profile, or AWS_CA_BUNDLE.</source>
        <translation>Prüfen Sie ca_bundle im Profil oder AWS_CA_BUNDLE.</translation>
    </message>
</context>
<context>
    <name>jobdesk::query::QueryError</name>
    <message>
        <source>An expression reference (&amp;) can only be given to a function that applies it.</source>
        <translation>Ein Ausdrucksverweis (&amp;) kann nur einer Funktion übergeben werden, die ihn anwendet.</translation>
    </message>
    <message>
        <source>A slice step cannot be 0.</source>
        <translation>Die Schrittweite eines Ausschnitts darf nicht 0 sein.</translation>
    </message>
    <message>
        <source>Cannot compare %1 with %2.</source>
        <translation>%1 kann nicht mit %2 verglichen werden.</translation>
    </message>
    <message>
        <source>Argument %1 of %2() must be %3, not %4.</source>
        <translation>Argument %1 von %2() muss %3 sein, nicht %4.</translation>
    </message>
    <message>
        <source>Argument %1 of %2() must be %3, but one of its elements is %4.</source>
        <translation>Argument %1 von %2() muss %3 sein, aber eines seiner Elemente ist %4.</translation>
    </message>
    <message>
        <source>The expression given to %1() must give %2 for every element, not %3.</source>
        <translation>Der an %1() übergebene Ausdruck muss für jedes Element %2 ergeben, nicht %3.</translation>
    </message>
    <message>
        <source>%1 cannot be converted to an integer.</source>
        <translation>%1 kann nicht in eine ganze Zahl umgewandelt werden.</translation>
    </message>
    <message>
        <source>Unknown function %1().</source>
        <translation>Unbekannte Funktion %1().</translation>
    </message>
    <message>
        <source>Too few arguments for %1(): expected at least %2, got %3.</source>
        <translation>Zu wenige Argumente für %1(): mindestens %2 erwartet, %3 erhalten.</translation>
    </message>
    <message>
        <source>Wrong number of arguments for %1(): expected %2, got %3.</source>
        <translation>Falsche Anzahl von Argumenten für %1(): %2 erwartet, %3 erhalten.</translation>
    </message>
    <message>
        <source>The %1 that starts here is never closed.</source>
        <translation>Das hier beginnende %1 wird nie geschlossen.</translation>
    </message>
    <message>
        <source>The literal is neither JSON nor text.</source>
        <translation>Das Literal ist weder JSON noch Text.</translation>
    </message>
    <message>
        <source>The quoted identifier is not a valid JSON string.</source>
        <translation>Der Bezeichner in Anführungszeichen ist keine gültige JSON-Zeichenkette.</translation>
    </message>
    <message>
        <source>Unexpected character %1.</source>
        <translation>Unerwartetes Zeichen %1.</translation>
    </message>
    <message>
        <source>The expression is empty.</source>
        <translation>Der Ausdruck ist leer.</translation>
    </message>
    <message>
        <source>The expression is not valid UTF-8.</source>
        <translation>Der Ausdruck ist kein gültiges UTF-8.</translation>
    </message>
    <message>
        <source>the end of the expression</source>
        <translation>das Ende des Ausdrucks</translation>
    </message>
    <message>
        <source>Expected %1 but found %2.</source>
        <translation>%1 erwartet, aber %2 gefunden.</translation>
    </message>
    <message>
        <source>Unexpected %1.</source>
        <translation>Unerwartetes %1.</translation>
    </message>
    <message>
        <source>an identifier</source>
        <translation>ein Bezeichner</translation>
    </message>
    <message>
        <source>The expression is nested more than %1 levels deep.</source>
        <translation>Der Ausdruck ist mehr als %1 Ebenen tief verschachtelt.</translation>
    </message>
    <message>
        <source>A quoted identifier cannot name a function.</source>
        <translation>Ein Bezeichner in Anführungszeichen kann keine Funktion benennen.</translation>
    </message>
    <message>
        <source>an expression</source>
        <translation>ein Ausdruck</translation>
    </message>
    <message>
        <source>%1 cannot name a function.</source>
        <translation>%1 kann keine Funktion benennen.</translation>
    </message>
    <message>
        <source>a number, &apos;:&apos; or &apos;]&apos;</source>
        <translation>eine Zahl, &apos;:&apos; oder &apos;]&apos;</translation>
    </message>
    <message>
        <source>an identifier, &apos;[&apos; or &apos;{&apos;</source>
        <translation>ein Bezeichner, &apos;[&apos; oder &apos;{&apos;</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::JobArtifacts</name>
    <message>
        <source>The artifact &quot;%1&quot; has no S3 location.</source>
        <translation>Das Artefakt „%1“ hat keinen S3-Speicherort.</translation>
    </message>
    <message>
        <source>The job has no input artifacts.</source>
        <translation>Der Job hat keine Eingabeartefakte.</translation>
    </message>
    <message>
        <source>The job has no output artifacts.</source>
        <translation>Der Job hat keine Ausgabeartefakte.</translation>
    </message>
    <message>
        <source>The job has no input artifact named &quot;%1&quot;.</source>
        <translation>Der Job hat kein Eingabeartefakt namens „%1“.</translation>
    </message>
    <message>
        <source>The job has no output artifact named &quot;%1&quot;.</source>
        <translation>Der Job hat kein Ausgabeartefakt namens „%1“.</translation>
    </message>
    <message>
        <source>Its artifacts are: %1.</source>
        <translation>Seine Artefakte sind: %1.</translation>
    </message>
    <message>
        <source>This job carries no usable artifact credentials.</source>
        <translation>Dieser Job enthält keine verwendbaren Artefakt-Anmeldedaten.</translation>
    </message>
    <message>
        <source>Fetch the job again with its client token: CodePipeline hands out the credentials for its artifacts with every answer.</source>
        <translation>Rufen Sie den Job mit seinem Client-Token erneut ab: CodePipeline gibt die Anmeldedaten für seine Artefakte mit jeder Antwort aus.</translation>
    </message>
    <message>
        <source>The job does not say which region its artifacts are in.</source>
        <translation>Der Job sagt nicht, in welcher Region seine Artefakte liegen.</translation>
    </message>
    <message>
        <source>Choose the pipeline&apos;s region and try again.</source>
        <translation>Wählen Sie die Region der Pipeline und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Call</name>
    <message>
        <source>Check that the folder exists, that you may write there and that the disk has room.</source>
        <translation>Prüfen Sie, ob der Ordner existiert, ob Sie dort schreiben dürfen und ob auf dem Datenträger Platz ist.</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not read &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2; a single S3 upload takes at most %3.</source>
        <translation>„%1“ ist %2 groß; ein einzelner S3-Upload nimmt höchstens %3 an.</translation>
    </message>
    <message>
        <source>Make the artifact smaller; JobDesk cannot upload in parts yet.</source>
        <translation>Verkleinern Sie das Artefakt; JobDesk kann noch nicht in Teilen hochladen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changed while it was being read.</source>
        <translation>„%1“ wurde verändert, während es gelesen wurde.</translation>
    </message>
    <message>
        <source>Wait until whatever writes the file has finished, then upload it again.</source>
        <translation>Warten Sie, bis das Programm, das die Datei schreibt, fertig ist, und laden Sie sie dann erneut hoch.</translation>
    </message>
    <message>
        <source>S3 answered a whole-object download with HTTP %1.</source>
        <translation>S3 hat einen Download des ganzen Objekts mit HTTP %1 beantwortet.</translation>
    </message>
    <message>
        <source>The download of %1 broke off after %2 bytes and could not go on where it stopped.</source>
        <translation>Der Download von %1 brach nach %2 Bytes ab und konnte nicht an dieser Stelle fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Download it again.</source>
        <translation>Laden Sie es erneut herunter.</translation>
    </message>
    <message>
        <source>S3 sent more bytes of %1 than the object has.</source>
        <translation>S3 hat mehr Bytes von %1 gesendet, als das Objekt hat.</translation>
    </message>
    <message>
        <source>Check that the disk has room for the artifact (%1).</source>
        <translation>Prüfen Sie, ob auf dem Datenträger Platz für das Artefakt (%1) ist.</translation>
    </message>
    <message>
        <source>The answer from S3 for %1 was cut short: the connection was closed or reset.</source>
        <translation>Die Antwort von S3 für %1 wurde abgeschnitten: Die Verbindung wurde geschlossen oder zurückgesetzt.</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation>%1 von %2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>The download of %1 does not match its ETag: the bytes were changed on the way.</source>
        <translation>Der Download von %1 passt nicht zu seinem ETag: Die Bytes wurden unterwegs verändert.</translation>
    </message>
    <message>
        <source>Download it again; if it keeps happening, check any proxy in between.</source>
        <translation>Laden Sie es erneut herunter; wenn das wieder passiert, prüfen Sie einen eventuell dazwischenliegenden Proxy.</translation>
    </message>
    <message>
        <source>The transfer was cancelled.</source>
        <translation>Die Übertragung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Endpoint</name>
    <message>
        <source>The artifact&apos;s S3 bucket name is empty.</source>
        <translation>Der S3-Bucket-Name des Artefakts ist leer.</translation>
    </message>
    <message>
        <source>Invalid S3 bucket name &quot;%1&quot;: a bucket name has 1 to 255 letters, digits, dots, hyphens and underscores, and nothing else.</source>
        <translation>Ungültiger S3-Bucket-Name „%1“: Ein Bucket-Name besteht aus 1 bis 255 Buchstaben, Ziffern, Punkten, Bindestrichen und Unterstrichen, sonst nichts.</translation>
    </message>
    <message>
        <source>The artifact&apos;s S3 object key is empty.</source>
        <translation>Der S3-Objektschlüssel des Artefakts ist leer.</translation>
    </message>
    <message>
        <source>The S3 object key contains a broken character (an unpaired UTF-16 surrogate), so it cannot be written as UTF-8. Copy the key again from the job&apos;s details.</source>
        <translation>Der S3-Objektschlüssel enthält ein beschädigtes Zeichen (ein ungepaartes UTF-16-Surrogat) und lässt sich daher nicht als UTF-8 schreiben. Kopieren Sie den Schlüssel erneut aus den Jobdetails.</translation>
    </message>
    <message>
        <source>The S3 object key is %1 bytes long in UTF-8; S3 keys are at most %2 bytes.</source>
        <translation>Der S3-Objektschlüssel ist in UTF-8 %1 Bytes lang; S3-Schlüssel haben höchstens %2 Bytes.</translation>
    </message>
    <message>
        <source>Invalid region name &quot;%1&quot; for the artifact bucket. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Ungültiger Regionsname „%1“ für den Artefakt-Bucket. Eine Region sieht aus wie us-east-1 oder eu-west-2.</translation>
    </message>
    <message>
        <source>Invalid S3 endpoint URL &quot;%1&quot;: it must be an http or https URL such as https://s3.example.com, without a query or fragment.</source>
        <translation>Ungültige S3-Endpunkt-URL „%1“: Sie muss eine http- oder https-URL wie https://s3.example.com sein, ohne Abfrage oder Fragment.</translation>
    </message>
    <message>
        <source>The S3 object key &quot;%1&quot; has path segments (such as &quot;.&quot;, &quot;..&quot; or a leading &quot;/&quot;) that JobDesk&apos;s HTTP stack would change on the way, so it cannot be sent as it is signed.</source>
        <translation>Der S3-Objektschlüssel „%1“ hat Pfadsegmente (etwa „.“, „..“ oder ein führendes „/“), die der HTTP-Stack von JobDesk unterwegs verändern würde; er kann daher nicht so gesendet werden, wie er signiert ist.</translation>
    </message>
    <message>
        <source>Transfer this object with the AWS CLI (aws s3 cp) instead.</source>
        <translation>Übertragen Sie dieses Objekt stattdessen mit der AWS CLI (aws s3 cp).</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Error</name>
    <message>
        <source>S3&apos;s error answer could not be read: %1</source>
        <translation>Die Fehlerantwort von S3 konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Something other than Amazon S3 may have answered. Check the S3 endpoint and any proxy in between.</source>
        <translation>Möglicherweise hat etwas anderes als Amazon S3 geantwortet. Prüfen Sie den S3-Endpunkt und einen eventuell dazwischenliegenden Proxy.</translation>
    </message>
    <message>
        <source>it is longer than %1 bytes.</source>
        <translation>sie ist länger als %1 Bytes.</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>sie ist leer.</translation>
    </message>
    <message>
        <source>it contains a document type declaration.</source>
        <translation>sie enthält eine Dokumenttypdeklaration.</translation>
    </message>
    <message>
        <source>it refers to an undeclared entity.</source>
        <translation>sie verweist auf eine nicht deklarierte Entität.</translation>
    </message>
    <message>
        <source>its root element is &lt;%1&gt;, not &lt;Error&gt;.</source>
        <translation>ihr Wurzelelement ist &lt;%1&gt;, nicht &lt;Error&gt;.</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3).</source>
        <translation>%1 (Zeile %2, Spalte %3).</translation>
    </message>
    <message>
        <source>it has no error code.</source>
        <translation>sie hat keinen Fehlercode.</translation>
    </message>
    <message>
        <source>S3 answered HTTP %1 without details.</source>
        <translation>S3 hat mit HTTP %1 ohne weitere Angaben geantwortet.</translation>
    </message>
    <message>
        <source>S3 answered HTTP %1, and %2</source>
        <translation>S3 hat mit HTTP %1 geantwortet, und %2</translation>
    </message>
    <message>
        <source>S3 says the bucket is in %1.</source>
        <translation>Laut S3 liegt der Bucket in %1.</translation>
    </message>
    <message>
        <source>For AWS Support: host ID %1.</source>
        <translation>Für den AWS Support: Host-ID %1.</translation>
    </message>
    <message>
        <source>The job&apos;s artifact credentials have expired; fetch the job again to get fresh ones.</source>
        <translation>Die Artefakt-Anmeldedaten des Jobs sind abgelaufen; rufen Sie den Job erneut ab, um neue zu erhalten.</translation>
    </message>
    <message>
        <source>S3 does not accept the session token of the job&apos;s artifact credentials. Fetch the job again and use the access key, secret key and session token that came with it, together.</source>
        <translation>S3 akzeptiert das Sitzungstoken der Artefakt-Anmeldedaten des Jobs nicht. Rufen Sie den Job erneut ab und verwenden Sie Zugriffsschlüssel, geheimen Schlüssel und Sitzungstoken, die mit ihm kamen, zusammen.</translation>
    </message>
    <message>
        <source>S3 does not know the access key ID. The artifact credentials are incomplete, belong to another partition, or were revoked; fetch the job again.</source>
        <translation>S3 kennt die Zugriffsschlüssel-ID nicht. Die Artefakt-Anmeldedaten sind unvollständig, gehören zu einer anderen Partition oder wurden widerrufen; rufen Sie den Job erneut ab.</translation>
    </message>
    <message>
        <source>S3 rejected the request signature: the secret key does not belong to the access key ID. Fetch the job again so that the artifact credentials match.</source>
        <translation>S3 hat die Signatur der Anfrage abgelehnt: Der geheime Schlüssel gehört nicht zur Zugriffsschlüssel-ID. Rufen Sie den Job erneut ab, damit die Artefakt-Anmeldedaten zusammenpassen.</translation>
    </message>
    <message>
        <source>The job&apos;s artifact credentials may not do this with this object. They only cover the pipeline&apos;s artifact bucket and the job&apos;s own artifacts; check the bucket and key, and whether a KMS key policy denies the role. If the job is old, its credentials may have expired: fetch it again.</source>
        <translation>Die Artefakt-Anmeldedaten des Jobs erlauben dies für dieses Objekt nicht. Sie gelten nur für den Artefakt-Bucket der Pipeline und die eigenen Artefakte des Jobs; prüfen Sie Bucket und Schlüssel und ob eine KMS-Schlüsselrichtlinie die Rolle ablehnt. Ist der Job alt, sind seine Anmeldedaten womöglich abgelaufen: Rufen Sie ihn erneut ab.</translation>
    </message>
    <message>
        <source>There is no object with this key in the bucket. Check the key for a changed character, and whether the pipeline&apos;s earlier action has really written its output artifact.</source>
        <translation>Im Bucket gibt es kein Objekt mit diesem Schlüssel. Prüfen Sie den Schlüssel auf ein verändertes Zeichen und ob die vorherige Aktion der Pipeline ihr Ausgabeartefakt wirklich geschrieben hat.</translation>
    </message>
    <message>
        <source>The bucket does not exist. Check the bucket name in the job&apos;s artifact location and the partition (China and GovCloud buckets are separate).</source>
        <translation>Der Bucket existiert nicht. Prüfen Sie den Bucket-Namen im Artefaktort des Jobs und die Partition (Buckets in China und GovCloud sind getrennt).</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from S3&apos;s by more than 15 minutes. Set the date, time and time zone right (turn on automatic time setting), then try again.</source>
        <translation>Die Uhr dieses Computers weicht um mehr als 15 Minuten von der von S3 ab. Stellen Sie Datum, Uhrzeit und Zeitzone richtig ein (automatische Zeiteinstellung einschalten) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>S3 is asking for fewer requests for now. Wait a little and try again.</source>
        <translation>S3 bittet vorerst um weniger Anfragen. Warten Sie kurz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The bucket is in another region than the one the request was sent to. Use the bucket&apos;s region: the pipeline&apos;s region, as in the job&apos;s details.</source>
        <translation>Der Bucket liegt in einer anderen Region als der, an die die Anfrage ging. Verwenden Sie die Region des Buckets: die Region der Pipeline, wie in den Jobdetails.</translation>
    </message>
    <message>
        <source>The object changed while it was being downloaded. Download it again.</source>
        <translation>Das Objekt hat sich während des Downloads verändert. Laden Sie es erneut herunter.</translation>
    </message>
    <message>
        <source>S3 could not use the object&apos;s KMS key with these credentials. Check the KMS key policy and that the key is enabled.</source>
        <translation>S3 konnte den KMS-Schlüssel des Objekts mit diesen Anmeldedaten nicht verwenden. Prüfen Sie die KMS-Schlüsselrichtlinie und ob der Schlüssel aktiviert ist.</translation>
    </message>
    <message>
        <source>S3 had an internal problem. Try again in a moment.</source>
        <translation>S3 hatte ein internes Problem. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>S3 refused the request without saying why, as it does for HEAD requests. The usual cause is an expired or broken session token in the job&apos;s artifact credentials: fetch the job again.</source>
        <translation>S3 hat die Anfrage ohne Begründung abgelehnt, wie bei HEAD-Anfragen üblich. Meist ist das Sitzungstoken in den Artefakt-Anmeldedaten des Jobs abgelaufen oder beschädigt: Rufen Sie den Job erneut ab.</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Request</name>
    <message>
        <source>JobDesk sends only GET, HEAD and PUT to S3, not %1.</source>
        <translation>JobDesk sendet an S3 nur GET, HEAD und PUT, nicht %1.</translation>
    </message>
    <message>
        <source>The job has no complete artifact credentials (access key ID and secret key).</source>
        <translation>Der Job hat keine vollständigen Artefakt-Anmeldedaten (Zugriffsschlüssel-ID und geheimer Schlüssel).</translation>
    </message>
    <message>
        <source>Fetch the job&apos;s details again: CodePipeline hands out the artifact credentials with the job.</source>
        <translation>Rufen Sie die Jobdetails erneut ab: CodePipeline gibt die Artefakt-Anmeldedaten mit dem Job heraus.</translation>
    </message>
    <message>
        <source>The header %1 belongs on uploads only; S3 refuses it on %2.</source>
        <translation>Der Header %1 gehört nur zu Uploads; S3 lehnt ihn bei %2 ab.</translation>
    </message>
    <message>
        <source>An unsigned upload body is only safe over HTTPS; %1 is plain HTTP.</source>
        <translation>Ein unsignierter Upload-Inhalt ist nur über HTTPS sicher; %1 ist einfaches HTTP.</translation>
    </message>
    <message>
        <source>Use an https endpoint, or let JobDesk sign the body.</source>
        <translation>Verwenden Sie einen https-Endpunkt oder lassen Sie JobDesk den Inhalt signieren.</translation>
    </message>
    <message>
        <source>The payload hash must be a SHA-256 in lowercase hex or UNSIGNED-PAYLOAD.</source>
        <translation>Der Payload-Hash muss ein SHA-256 in Kleinbuchstaben-Hex oder UNSIGNED-PAYLOAD sein.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoLoopbackReceiver</name>
    <message>
        <source>Could not listen on 127.0.0.1 for the browser&apos;s answer: %1</source>
        <translation>Auf 127.0.0.1 kann nicht auf die Antwort des Browsers gewartet werden: %1</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>Die Anfrage ist zu groß.</translation>
    </message>
    <message>
        <source>JobDesk only expects the browser&apos;s sign-in answer here.</source>
        <translation>JobDesk erwartet hier nur die Anmeldeantwort des Browsers.</translation>
    </message>
    <message>
        <source>This sign-in has already been answered.</source>
        <translation>Diese Anmeldung wurde bereits beantwortet.</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in JobDesk started, so it was refused. Sign in from JobDesk again.</source>
        <translation>Diese Antwort gehört nicht zu der Anmeldung, die JobDesk begonnen hat, und wurde daher abgelehnt. Melden Sie sich erneut aus JobDesk an.</translation>
    </message>
    <message>
        <source>The answer&apos;s state does not match this sign-in.</source>
        <translation>Der state der Antwort passt nicht zu dieser Anmeldung.</translation>
    </message>
    <message>
        <source>The sign-in was not completed. You can close this page.</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen. Sie können diese Seite schließen.</translation>
    </message>
    <message>
        <source>The answer holds no authorization code.</source>
        <translation>Die Antwort enthält keinen Autorisierungscode.</translation>
    </message>
    <message>
        <source>You are signed in to JobDesk. You can close this page.</source>
        <translation>Sie sind bei JobDesk angemeldet. Sie können diese Seite schließen.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoOidcClient</name>
    <message>
        <source>The answer to %1 is incomplete: %2</source>
        <translation>Die Antwort auf %1 ist unvollständig: %2</translation>
    </message>
    <message>
        <source>Something other than IAM Identity Center answered. Check the OIDC endpoint (AWS_ENDPOINT_URL_SSO_OIDC) and any proxy in between.</source>
        <translation>Geantwortet hat etwas anderes als IAM Identity Center. Prüfen Sie den OIDC-Endpunkt (AWS_ENDPOINT_URL_SSO_OIDC) und einen eventuell dazwischenliegenden Proxy.</translation>
    </message>
    <message>
        <source>it lacks the clientId, clientSecret or clientSecretExpiresAt.</source>
        <translation>clientId, clientSecret oder clientSecretExpiresAt fehlt.</translation>
    </message>
    <message>
        <source>it lacks the deviceCode, userCode, verificationUri or expiresIn.</source>
        <translation>deviceCode, userCode, verificationUri oder expiresIn fehlt.</translation>
    </message>
    <message>
        <source>the polling interval %1 is not 1 to 60 seconds.</source>
        <translation>das Abfrageintervall %1 liegt nicht zwischen 1 und 60 Sekunden.</translation>
    </message>
    <message>
        <source>it lacks the accessToken or expiresIn.</source>
        <translation>accessToken oder expiresIn fehlt.</translation>
    </message>
    <message>
        <source>IAM Identity Center no longer knows this client registration. Sign in again to register anew.</source>
        <translation>IAM Identity Center kennt diese Client-Registrierung nicht mehr. Melden Sie sich erneut an, um neu zu registrieren.</translation>
    </message>
    <message>
        <source>The sign-in was not accepted or has been revoked. Sign in again.</source>
        <translation>Die Anmeldung wurde nicht angenommen oder widerrufen. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The sign-in request expired before it was approved. Sign in again and approve it in time.</source>
        <translation>Die Anmeldeanfrage ist abgelaufen, bevor sie bestätigt wurde. Melden Sie sich erneut an und bestätigen Sie rechtzeitig.</translation>
    </message>
    <message>
        <source>The sign-in was denied in the browser.</source>
        <translation>Die Anmeldung wurde im Browser abgelehnt.</translation>
    </message>
    <message>
        <source>Check sso_start_url, sso_region and sso_registration_scopes.</source>
        <translation>Prüfen Sie sso_start_url, sso_region und sso_registration_scopes.</translation>
    </message>
    <message>
        <source>Check sso_start_url and sso_region, and that IAM Identity Center is reachable.</source>
        <translation>Prüfen Sie sso_start_url und sso_region und ob IAM Identity Center erreichbar ist.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoPortalClient</name>
    <message>
        <source>The answer to %1 is incomplete: %2</source>
        <translation>Die Antwort auf %1 ist unvollständig: %2</translation>
    </message>
    <message>
        <source>Something other than the IAM Identity Center portal answered. Check the portal endpoint (AWS_ENDPOINT_URL_SSO) and any proxy in between.</source>
        <translation>Geantwortet hat etwas anderes als das IAM-Identity-Center-Portal. Prüfen Sie den Portal-Endpunkt (AWS_ENDPOINT_URL_SSO) und einen eventuell dazwischenliegenden Proxy.</translation>
    </message>
    <message>
        <source>%1 is not a list.</source>
        <translation>%1 ist keine Liste.</translation>
    </message>
    <message>
        <source>an entry of %1 lacks its IDs.</source>
        <translation>einem Eintrag von %1 fehlen seine IDs.</translation>
    </message>
    <message>
        <source>it lacks the access key ID, secret access key, session token or expiration.</source>
        <translation>Zugriffsschlüssel-ID, geheimer Zugriffsschlüssel, Sitzungstoken oder Ablaufzeit fehlt.</translation>
    </message>
    <message>
        <source>The sign-in has expired or was revoked. Sign in again.</source>
        <translation>Die Anmeldung ist abgelaufen oder wurde widerrufen. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>This person may not use the role. Check sso_account_id and sso_role_name.</source>
        <translation>Diese Person darf die Rolle nicht verwenden. Prüfen Sie sso_account_id und sso_role_name.</translation>
    </message>
    <message>
        <source>The account or role was not found. Check sso_account_id and sso_role_name.</source>
        <translation>Das Konto oder die Rolle wurde nicht gefunden. Prüfen Sie sso_account_id und sso_role_name.</translation>
    </message>
    <message>
        <source>IAM Identity Center is throttling requests. Wait a moment and try again.</source>
        <translation>IAM Identity Center drosselt Anfragen. Warten Sie kurz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Check sso_region and that the IAM Identity Center portal is reachable.</source>
        <translation>Prüfen Sie sso_region und ob das IAM-Identity-Center-Portal erreichbar ist.</translation>
    </message>
    <message>
        <source>it keeps paging past %1 pages.</source>
        <translation>es blättert über %1 Seiten hinaus weiter.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoRequest</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 failed with HTTP status %2.</source>
        <translation>%1 ist mit HTTP-Status %2 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The answer to %1 is larger than %2 bytes.</source>
        <translation>Die Antwort auf %1 ist größer als %2 Bytes.</translation>
    </message>
    <message>
        <source>Something other than IAM Identity Center answered. Check the endpoint and any proxy in between.</source>
        <translation>Geantwortet hat etwas anderes als IAM Identity Center. Prüfen Sie den Endpunkt und einen eventuell dazwischenliegenden Proxy.</translation>
    </message>
    <message>
        <source>The answer to %1 is not a JSON object.</source>
        <translation>Die Antwort auf %1 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Invalid sso_region &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Ungültige sso_region „%1“. Eine Region sieht aus wie us-east-1 oder eu-west-2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoSessions</name>
    <message>
        <source>You are not signed in to IAM Identity Center for %1.</source>
        <translation>Sie sind nicht bei IAM Identity Center für %1 angemeldet.</translation>
    </message>
    <message>
        <source>Sign in: in the window with Sign In, or with `jobdesk-cli sso login`.</source>
        <translation>Melden Sie sich an: im Fenster mit „Anmelden“ oder mit `jobdesk-cli sso login`.</translation>
    </message>
    <message>
        <source>Your IAM Identity Center sign-in for %1 has expired.</source>
        <translation>Ihre IAM-Identity-Center-Anmeldung für %1 ist abgelaufen.</translation>
    </message>
    <message>
        <source>Sign in again: in the window with Sign In Again, or with `jobdesk-cli sso login`.</source>
        <translation>Melden Sie sich erneut an: im Fenster mit „Erneut anmelden“ oder mit `jobdesk-cli sso login`.</translation>
    </message>
    <message>
        <source>Your IAM Identity Center sign-in for %1 has expired, and renewing it failed: %2</source>
        <translation>Ihre IAM-Identity-Center-Anmeldung für %1 ist abgelaufen, und die Erneuerung ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>IAM Identity Center no longer accepts the sign-in for %1: it has expired, was signed out, or was revoked.</source>
        <translation>IAM Identity Center akzeptiert die Anmeldung für %1 nicht mehr: Sie ist abgelaufen, wurde abgemeldet oder widerrufen.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoSignIn</name>
    <message>
        <source>The browser did not complete the sign-in in time.</source>
        <translation>Der Browser hat die Anmeldung nicht rechtzeitig abgeschlossen.</translation>
    </message>
    <message>
        <source>Sign in again, or use the device code instead.</source>
        <translation>Melden Sie sich erneut an oder verwenden Sie stattdessen den Gerätecode.</translation>
    </message>
    <message>
        <source>This sign-in cannot be renewed: it has no refresh token, or its client registration has expired.</source>
        <translation>Diese Anmeldung kann nicht erneuert werden: Sie hat kein Aktualisierungstoken, oder ihre Client-Registrierung ist abgelaufen.</translation>
    </message>
    <message>
        <source>Sign in again.</source>
        <translation>Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Use the device code to sign in instead.</source>
        <translation>Melden Sie sich stattdessen mit dem Gerätecode an.</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser (%1).</source>
        <translation>Die Anmeldung wurde im Browser nicht abgeschlossen (%1).</translation>
    </message>
    <message>
        <source>The sign-in request expired before it was approved.</source>
        <translation>Die Anmeldeanfrage ist abgelaufen, bevor sie bestätigt wurde.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoTokenCache</name>
    <message>
        <source>The SSO token cache file %1 is not usable: %2</source>
        <translation>Die SSO-Token-Cachedatei %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>Sign in again; that writes the file anew.</source>
        <translation>Melden Sie sich erneut an; dabei wird die Datei neu geschrieben.</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>sie ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>it holds no accessToken or expiresAt.</source>
        <translation>sie enthält kein accessToken oder expiresAt.</translation>
    </message>
    <message>
        <source>expiresAt &quot;%1&quot; is not a time.</source>
        <translation>expiresAt „%1“ ist keine Zeitangabe.</translation>
    </message>
    <message>
        <source>registrationExpiresAt &quot;%1&quot; is not a time.</source>
        <translation>registrationExpiresAt „%1“ ist keine Zeitangabe.</translation>
    </message>
    <message>
        <source>There is no SSO sign-in for %1 in %2: %3</source>
        <translation>Für %1 gibt es in %2 keine SSO-Anmeldung: %3</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Melden Sie sich zuerst an.</translation>
    </message>
    <message>
        <source>Could not write the SSO token cache file %1: %2</source>
        <translation>Die SSO-Token-Cachedatei %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Check that the folder %1 exists and is writable.</source>
        <translation>Prüfen Sie, ob der Ordner %1 existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>the folder cannot be created.</source>
        <translation>der Ordner kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not delete the SSO token cache file %1: %2</source>
        <translation>Die SSO-Token-Cachedatei %1 konnte nicht gelöscht werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Inspect AWS CodePipeline third-party jobs.</source>
        <translation>Drittanbieter-Jobs von AWS CodePipeline untersuchen.</translation>
    </message>
    <message>
        <source>Serve sample jobs from a built-in fake endpoint and pre-fill one.</source>
        <translation>Beispiel-Jobs von einem eingebauten simulierten Endpunkt bereitstellen und einen davon vorausfüllen.</translation>
    </message>
    <message>
        <source>Use these fixtures for the demo.</source>
        <translation>Diese Testdaten für die Demo verwenden.</translation>
    </message>
    <message>
        <source>JobDesk</source>
        <translation>JobDesk</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>Die Demo konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>JobDesk has no translation for “%1”; it speaks %2.</source>
        <translation>Für „%1“ gibt es keine JobDesk-Übersetzung; verfügbar sind: %2.</translation>
    </message>
    <message>
        <source>Show the window in this language (%1), whatever the system&apos;s is.</source>
        <translation>Das Fenster in dieser Sprache (%1) anzeigen, unabhängig von der Systemsprache.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
</context>
</TS>

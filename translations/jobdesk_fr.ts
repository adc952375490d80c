<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
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
        <translation>roles doit être un tableau</translation>
    </message>
    <message>
        <source>%1 needs an &quot;arn&quot; such as arn:aws:iam::123456789012:role/Name</source>
        <translation>%1 doit avoir un «&#xa0;arn&#xa0;», par exemple arn:aws:iam::123456789012:role/Name</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 doit être une chaîne</translation>
    </message>
    <message>
        <source>%1 must be 3600 to 43200 seconds</source>
        <translation>%1 doit valoir entre 3600 et 43200 secondes</translation>
    </message>
    <message>
        <source>%1 must be an array of access key IDs</source>
        <translation>%1 doit être un tableau d’ID de clé d’accès</translation>
    </message>
    <message>
        <source>%1 is not a role key</source>
        <translation>%1 n’est pas une clé valide pour un rôle</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 doit être un objet</translation>
    </message>
    <message>
        <source>%1.%2 must be a non-empty string</source>
        <translation>%1.%2 doit être une chaîne non vide</translation>
    </message>
    <message>
        <source>Cannot read the fixtures file %1: %2</source>
        <translation>Impossible de lire le fichier de données de démo %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The fixtures are not a JSON object</source>
        <translation>Les données de démo ne sont pas un objet JSON</translation>
    </message>
    <message>
        <source>credentials must be an array</source>
        <translation>credentials doit être un tableau</translation>
    </message>
    <message>
        <source>each credential needs an accessKeyId and a secretAccessKey</source>
        <translation>chaque entrée de credentials doit avoir un accessKeyId et un secretAccessKey</translation>
    </message>
    <message>
        <source>actionTypes must be an array</source>
        <translation>actionTypes doit être un tableau</translation>
    </message>
    <message>
        <source>region must be a string</source>
        <translation>region doit être une chaîne</translation>
    </message>
    <message>
        <source>%1 is not a fixtures key</source>
        <translation>%1 n’est pas une clé valide pour les données de démo</translation>
    </message>
    <message>
        <source>jobs must be an array of job objects</source>
        <translation>jobs doit être un tableau d’objets de tâche</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>Tâche %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>a job must be a JSON object</source>
        <translation>une tâche doit être un objet JSON</translation>
    </message>
    <message>
        <source>state must be one of Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed</source>
        <translation>state doit valoir Created, Queued, Dispatched, InProgress, TimedOut, Succeeded ou Failed</translation>
    </message>
    <message>
        <source>details must be a JSON object</source>
        <translation>details doit être un objet JSON</translation>
    </message>
    <message>
        <source>%1 is not a job key</source>
        <translation>%1 n’est pas une clé valide pour une tâche</translation>
    </message>
    <message>
        <source>details.id differs from jobId</source>
        <translation>details.id diffère de jobId</translation>
    </message>
    <message>
        <source>a job needs a jobId (or details.id)</source>
        <translation>une tâche doit avoir un jobId (ou details.id)</translation>
    </message>
    <message>
        <source>a job needs a clientToken</source>
        <translation>une tâche doit avoir un clientToken</translation>
    </message>
    <message>
        <source>a job needs a nonce (or details.nonce)</source>
        <translation>une tâche doit avoir un nonce (ou details.nonce)</translation>
    </message>
    <message>
        <source>a job needs an actionTypeId (or details.data.actionTypeId)</source>
        <translation>une tâche doit avoir un actionTypeId (ou details.data.actionTypeId)</translation>
    </message>
    <message>
        <source>buckets must be an array</source>
        <translation>buckets doit être un tableau</translation>
    </message>
    <message>
        <source>%1 needs a &quot;name&quot;</source>
        <translation>%1 doit avoir un &quot;name&quot;</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string</source>
        <translation>%1 doit être une chaîne non vide</translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 doit valoir true ou false</translation>
    </message>
    <message>
        <source>%1 is not a bucket key</source>
        <translation>%1 n’est pas une clé de compartiment</translation>
    </message>
    <message>
        <source>objects must be an array</source>
        <translation>objects doit être un tableau</translation>
    </message>
    <message>
        <source>%1 needs a &quot;bucket&quot;, a &quot;key&quot;, and a &quot;file&quot; or a &quot;text&quot;</source>
        <translation>%1 doit avoir un &quot;bucket&quot;, une &quot;key&quot;, et un &quot;file&quot; ou un &quot;text&quot;</translation>
    </message>
    <message>
        <source>%1 is not an object key</source>
        <translation>%1 n’est pas une clé d’objet</translation>
    </message>
    <message>
        <source>objects[%1].file: cannot read %2</source>
        <translation>objects[%1].file : impossible de lire %2</translation>
    </message>
    <message>
        <source>sso must be an object with &quot;accounts&quot;</source>
        <translation>sso doit être un objet avec « accounts »</translation>
    </message>
    <message>
        <source>sso takes only an &quot;accounts&quot; array</source>
        <translation>sso n’accepte qu’un tableau « accounts »</translation>
    </message>
    <message>
        <source>%1 needs a 12-digit &quot;accountId&quot;</source>
        <translation>%1 doit avoir un « accountId » de 12 chiffres</translation>
    </message>
    <message>
        <source>%1.roles must be an array of names</source>
        <translation>%1.roles doit être un tableau de noms</translation>
    </message>
</context>
<context>
    <name>JobDocument</name>
    <message>
        <source>The JSON is nested more than %1 levels deep; no CodePipeline job is.</source>
        <translation>Le JSON comporte plus de %1 niveaux d’imbrication&#xa0;; aucune tâche CodePipeline n’en a autant.</translation>
    </message>
    <message>
        <source>Open the output of &quot;aws codepipeline get-third-party-job-details&quot; or a JobDesk export.</source>
        <translation>Ouvrez la sortie de «&#xa0;aws codepipeline get-third-party-job-details&#xa0;» ou un export JobDesk.</translation>
    </message>
    <message>
        <source>This is not JSON.</source>
        <translation>Ce n’est pas du JSON.</translation>
    </message>
    <message>
        <source>The JSON is not an object.</source>
        <translation>Le JSON n’est pas un objet.</translation>
    </message>
    <message>
        <source>Expected an object with a &quot;jobDetails&quot; member.</source>
        <translation>Un objet avec un membre «&#xa0;jobDetails&#xa0;» était attendu.</translation>
    </message>
    <message>
        <source>The JSON has no &quot;jobDetails&quot; object.</source>
        <translation>Le JSON n’a pas d’objet «&#xa0;jobDetails&#xa0;».</translation>
    </message>
    <message>
        <source>Expected the output of &quot;aws codepipeline get-third-party-job-details&quot;.</source>
        <translation>La sortie de «&#xa0;aws codepipeline get-third-party-job-details&#xa0;» était attendue.</translation>
    </message>
    <message>
        <source>(no job ID)</source>
        <translation>(pas d’ID de tâche)</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>collée</translation>
    </message>
    <message>
        <source>The JSON&apos;s &quot;activity&quot; is not a list of objects.</source>
        <translation>L’élément «&#xa0;activity&#xa0;» du JSON n’est pas une liste d’objets.</translation>
    </message>
    <message>
        <source>Open a JobDesk export as it was written, or remove its &quot;activity&quot; member.</source>
        <translation>Ouvrez un export JobDesk tel qu’il a été écrit, ou retirez-en l’élément «&#xa0;activity&#xa0;».</translation>
    </message>
    <message>
        <source>polled</source>
        <translation>reçue</translation>
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
        <translation>%1 (tabulation)</translation>
    </message>
    <message>
        <source>%1 (line break)</source>
        <translation>%1 (saut de ligne)</translation>
    </message>
    <message>
        <source>%1 (carriage return)</source>
        <translation>%1 (retour chariot)</translation>
    </message>
    <message>
        <source>%1 (space)</source>
        <translation>%1 (espace)</translation>
    </message>
    <message>
        <source>%1 (no-break space)</source>
        <translation>%1 (espace insécable)</translation>
    </message>
    <message>
        <source>%1 is empty; enter a value.</source>
        <translation>%1 est vide&#xa0;; saisissez une valeur.</translation>
    </message>
    <message>
        <source>%1 contains a control character, %2; remove it.</source>
        <translation>%1 contient un caractère de contrôle, %2&#xa0;; supprimez-le.</translation>
    </message>
    <message>
        <source>%1 starts or ends with a space; remove the spaces around it.</source>
        <translation>%1 commence ou se termine par un espace&#xa0;; supprimez les espaces autour.</translation>
    </message>
    <message>
        <source>%1 contains a space, %2; it cannot have any.</source>
        <translation>%1 contient un espace, %2&#xa0;; aucun espace n’est autorisé.</translation>
    </message>
    <message>
        <source>%1 is too long: %2 characters, at most %3.</source>
        <translation>%1&#xa0;: trop de caractères (%2, au maximum %3).</translation>
    </message>
    <message>
        <source>%1 is too short: %2 characters, at least %3.</source>
        <translation>%1&#xa0;: pas assez de caractères (%2, au minimum %3).</translation>
    </message>
    <message>
        <source>%1 must be one of: %2.</source>
        <translation>%1 doit prendre l’une des valeurs suivantes&#xa0;: %2.</translation>
    </message>
    <message>
        <source>%1 “%2” does not have the form the service expects (%3).</source>
        <translation>%1 «&#xa0;%2&#xa0;» n’a pas la forme attendue par le service (%3).</translation>
    </message>
    <message>
        <source>%1: “%2” is not a region. A region looks like us-east-1, eu-west-2, cn-north-1 or us-gov-west-1.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n’est pas une région. Une région ressemble à us-east-1, eu-west-2, cn-north-1 ou us-gov-west-1.</translation>
    </message>
    <message>
        <source>%1: “%2” is not an absolute URL; start it with https:// or http://, as in %3.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n’est pas une URL absolue&#xa0;; commencez-la par https:// ou http://, comme dans %3.</translation>
    </message>
    <message>
        <source>%1: “%2” uses %3://; only https:// and http:// are allowed.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» utilise %3://&#xa0;; seuls https:// et http:// sont autorisés.</translation>
    </message>
    <message>
        <source>%1: “%2” is not a valid URL (%3).</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n’est pas une URL valide (%3).</translation>
    </message>
    <message>
        <source>%1: “%2” has no host name; write it as in %3.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n’a pas de nom d’hôte&#xa0;; écrivez-la comme dans %3.</translation>
    </message>
    <message>
        <source>%1 must not contain a user name or password (the part before “@”); requests are signed with the profile&apos;s keys.</source>
        <translation>%1 ne doit contenir ni nom d’utilisateur ni mot de passe (la partie avant «&#xa0;@&#xa0;»)&#xa0;; les requêtes sont signées avec les clés du profil.</translation>
    </message>
    <message>
        <source>%1 must not contain a “#” fragment; remove “#%2”.</source>
        <translation>%1 ne doit pas contenir de fragment «&#xa0;#&#xa0;»&#xa0;; supprimez «&#xa0;#%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1 must be a number of seconds, not “%2”.</source>
        <translation>%1 doit être un nombre de secondes, et non «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1 cannot be negative (%2); give a number of seconds, or 0 for no timeout.</source>
        <translation>%1 ne peut pas avoir une valeur négative (%2)&#xa0;; indiquez un nombre de secondes, ou 0 pour aucun délai.</translation>
    </message>
    <message>
        <source>%1 can be at most %2 seconds, not %3.</source>
        <translation>%1 ne peut pas dépasser %2 secondes (valeur indiquée&#xa0;: %3).</translation>
    </message>
    <message>
        <source>%1: the file %2 does not exist.</source>
        <translation>%1&#xa0;: le fichier %2 n’existe pas.</translation>
    </message>
    <message>
        <source>%1: %2 is a folder; choose the PEM file in it.</source>
        <translation>%1&#xa0;: %2 est un dossier&#xa0;; choisissez le fichier PEM qu’il contient.</translation>
    </message>
    <message>
        <source>%1: the file %2 cannot be read (%3).</source>
        <translation>%1&#xa0;: impossible de lire le fichier %2 (%3).</translation>
    </message>
    <message>
        <source>%1: %2 holds no PEM certificate (a block starting with “-----BEGIN CERTIFICATE-----”).</source>
        <translation>%1&#xa0;: %2 ne contient aucun certificat PEM (un bloc commençant par «&#xa0;-----BEGIN CERTIFICATE-----&#xa0;»).</translation>
    </message>
    <message>
        <source>%1 “%2” is not an access key ID: those are 16 to 128 letters and digits, such as AKIAIOSFODNN7EXAMPLE.</source>
        <translation>%1 «&#xa0;%2&#xa0;» n’est pas un ID de clé d’accès&#xa0;: un tel ID compte de 16 à 128 lettres et chiffres, comme AKIAIOSFODNN7EXAMPLE.</translation>
    </message>
</context>
<context>
    <name>jobdesk::ProcessHardening</name>
    <message>
        <source>Could not set the core file size limit to 0: %1</source>
        <translation>Impossible de limiter à 0 la taille des fichiers core&#xa0;: %1</translation>
    </message>
    <message>
        <source>Could not mark the process as not dumpable: %1</source>
        <translation>Impossible d’interdire le vidage mémoire du processus&#xa0;: %1</translation>
    </message>
    <message>
        <source>Secrets held by this process could end up in a core dump.</source>
        <translation>Les secrets détenus par ce processus pourraient se retrouver dans un vidage mémoire (core dump).</translation>
    </message>
    <message>
        <source>Could not turn off crash reporting dialogs: %1</source>
        <translation>Impossible de désactiver les boîtes de dialogue de rapport d’incident&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::app::DemoSession</name>
    <message>
        <source>Cannot read the demo jobs %1: %2</source>
        <translation>Impossible de lire les tâches de démo %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The demo endpoint could not start: %1</source>
        <translation>Le point de terminaison de démo n’a pas pu démarrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sample jobs served by JobDesk itself at %1</source>
        <translation>Tâches d’exemple servies par JobDesk lui-même à l’adresse %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ArchiveExtractor</name>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>Impossible d’écrire «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Extraction cancelled; the files it had written were removed.</source>
        <translation>Extraction annulée&#xa0;; les fichiers déjà écrits ont été supprimés.</translation>
    </message>
    <message>
        <source>would be written through the existing symbolic link &quot;%1&quot;</source>
        <translation>serait écrite à travers le lien symbolique existant «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a file, not a folder</source>
        <translation>«&#xa0;%1&#xa0;» est un fichier, pas un dossier</translation>
    </message>
    <message>
        <source>a symbolic link is in the way</source>
        <translation>un lien symbolique est dans le chemin</translation>
    </message>
    <message>
        <source>a file is in the way of a folder</source>
        <translation>un fichier occupe la place d’un dossier</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>le dossier ne peut pas être créé</translation>
    </message>
    <message>
        <source>appears twice in the archive</source>
        <translation>figure deux fois dans l’archive</translation>
    </message>
    <message>
        <source>Nothing was extracted: the archive would unpack to more than %1 bytes (reached at &quot;%2&quot;).</source>
        <translation>Rien n’a été extrait&#xa0;: l’archive occuperait plus de %1 octets une fois décompressée (atteint à «&#xa0;%2&#xa0;»).</translation>
    </message>
    <message>
        <source>Extract fewer entries, or raise the limit if the artifact is known to be this large.</source>
        <translation>Extrayez moins d’entrées, ou relevez la limite si l’artefact est réellement aussi volumineux.</translation>
    </message>
    <message>
        <source>would be written through the archive&apos;s symbolic link &quot;%1&quot;</source>
        <translation>serait écrite à travers le lien symbolique «&#xa0;%1&#xa0;» de l’archive</translation>
    </message>
    <message>
        <source>lies under &quot;%1&quot;, which is a file</source>
        <translation>se trouve sous «&#xa0;%1&#xa0;», qui est un fichier</translation>
    </message>
    <message>
        <source>is a symbolic link to &quot;%1&quot;, outside the folder</source>
        <translation>est un lien symbolique vers «&#xa0;%1&#xa0;», hors du dossier</translation>
    </message>
    <message>
        <source>something other than a folder already has this name</source>
        <translation>un élément qui n’est pas un dossier porte déjà ce nom</translation>
    </message>
    <message>
        <source>a folder already has this name</source>
        <translation>un dossier porte déjà ce nom</translation>
    </message>
    <message>
        <source>Nothing was extracted: &quot;%1&quot; already exists.</source>
        <translation>Rien n’a été extrait&#xa0;: «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>Choose an empty folder, or allow replacing existing files.</source>
        <translation>Choisissez un dossier vide, ou autorisez le remplacement des fichiers existants.</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>Impossible d’ouvrir «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>This file is not a zip archive; nothing was extracted.</source>
        <translation>Ce fichier n’est pas une archive zip&#xa0;; rien n’a été extrait.</translation>
    </message>
    <message>
        <source>JobDesk lists %1 archives but extracts only zip archives.</source>
        <translation>JobDesk liste les archives %1 mais n’extrait que les archives zip.</translation>
    </message>
    <message>
        <source>Nothing was extracted: the archive holds more than %1 entries.</source>
        <translation>Rien n’a été extrait&#xa0;: l’archive contient plus de %1 entrées.</translation>
    </message>
    <message>
        <source>the symbolic link in its place cannot be removed</source>
        <translation>le lien symbolique à sa place ne peut pas être supprimé</translation>
    </message>
    <message>
        <source>the file in its place cannot be removed</source>
        <translation>le fichier à sa place ne peut pas être supprimé</translation>
    </message>
    <message>
        <source>the symbolic link cannot be created</source>
        <translation>le lien symbolique ne peut pas être créé</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ArchiveReader</name>
    <message>
        <source>The archive has no entry named &quot;%1&quot;.</source>
        <translation>L’archive ne contient aucune entrée nommée «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>Impossible d’ouvrir «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>The archive cannot be read: it is not open for random access.</source>
        <translation>L’archive ne peut pas être lue&#xa0;: elle n’est pas ouverte en accès direct.</translation>
    </message>
    <message>
        <source>This file is not a zip, tar or tar.gz archive.</source>
        <translation>Ce fichier n’est pas une archive zip, tar ou tar.gz.</translation>
    </message>
    <message>
        <source>JobDesk recognises archives by their content, not their name; this one starts with none of the known signatures.</source>
        <translation>JobDesk reconnaît les archives à leur contenu, pas à leur nom&#xa0;; ce fichier ne commence par aucune des signatures connues.</translation>
    </message>
    <message>
        <source>Only the entries of a zip archive can be read.</source>
        <translation>Seules les entrées d’une archive zip peuvent être lues.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is a folder, not a file.</source>
        <translation>L’entrée d’archive «&#xa0;%1&#xa0;» est un dossier, pas un fichier.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is a symbolic link, not a file.</source>
        <translation>L’entrée d’archive «&#xa0;%1&#xa0;» est un lien symbolique, pas un fichier.</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::EntryPath</name>
    <message>
        <source>Nothing was extracted: the archive entry &quot;%1&quot; %2.</source>
        <translation>Rien n’a été extrait&#xa0;: l’entrée d’archive «&#xa0;%1&#xa0;» %2.</translation>
    </message>
    <message>
        <source>An archive whose names leave the target folder can overwrite files anywhere; ask who produced the artifact.</source>
        <translation>Une archive dont les noms sortent du dossier cible peut écraser des fichiers n’importe où&#xa0;; demandez qui a produit l’artefact.</translation>
    </message>
    <message>
        <source>has an empty name</source>
        <translation>a un nom vide</translation>
    </message>
    <message>
        <source>has a control character in its name</source>
        <translation>contient un caractère de contrôle dans son nom</translation>
    </message>
    <message>
        <source>has an absolute path</source>
        <translation>a un chemin absolu</translation>
    </message>
    <message>
        <source>names a drive</source>
        <translation>désigne un lecteur</translation>
    </message>
    <message>
        <source>climbs out of the folder with &quot;..&quot;</source>
        <translation>sort du dossier avec «&#xa0;..&#xa0;»</translation>
    </message>
    <message>
        <source>has a name made only of dots and spaces, which Windows reads as &quot;..&quot;</source>
        <translation>a un nom fait uniquement de points et d’espaces, que Windows lit comme «&#xa0;..&#xa0;»</translation>
    </message>
    <message>
        <source>names the folder itself</source>
        <translation>désigne le dossier lui-même</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::TarLister</name>
    <message>
        <source>The tar archive is damaged: %1.</source>
        <translation>L’archive tar est endommagée&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Download the artifact again; if it stays damaged, the action that wrote it produced a broken archive.</source>
        <translation>Téléchargez à nouveau l’artefact&#xa0;; s’il reste endommagé, l’action qui l’a écrit a produit une archive défectueuse.</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>le décompresseur n’a pas pu démarrer</translation>
    </message>
    <message>
        <source>the gzip stream is cut short</source>
        <translation>le flux gzip est tronqué</translation>
    </message>
    <message>
        <source>the gzip stream is damaged</source>
        <translation>le flux gzip est endommagé</translation>
    </message>
    <message>
        <source>an extended header of %1 bytes is larger than any name</source>
        <translation>un en-tête étendu de %1 octets est plus grand que n’importe quel nom</translation>
    </message>
    <message>
        <source>it ends inside an extended header</source>
        <translation>elle se termine au milieu d’un en-tête étendu</translation>
    </message>
    <message>
        <source>it ends inside a header</source>
        <translation>elle se termine au milieu d’un en-tête</translation>
    </message>
    <message>
        <source>the header after entry %1 has a wrong checksum</source>
        <translation>l’en-tête qui suit l’entrée %1 a une somme de contrôle erronée</translation>
    </message>
    <message>
        <source>the size of entry %1 is not a number</source>
        <translation>la taille de l’entrée %1 n’est pas un nombre</translation>
    </message>
    <message>
        <source>a pax extended header is malformed</source>
        <translation>un en-tête étendu pax est mal formé</translation>
    </message>
    <message>
        <source>a pax global header is malformed</source>
        <translation>un en-tête global pax est mal formé</translation>
    </message>
    <message>
        <source>it holds more than %1 entries</source>
        <translation>elle contient plus de %1 entrées</translation>
    </message>
    <message>
        <source>entry %1 has no name</source>
        <translation>l’entrée %1 n’a pas de nom</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; declares an impossible size</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» déclare une taille impossible</translation>
    </message>
    <message>
        <source>it ends inside the entry &quot;%1&quot;</source>
        <translation>elle se termine au milieu de l’entrée «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ZipDirectory</name>
    <message>
        <source>a checksum does not match</source>
        <translation>une somme de contrôle ne correspond pas</translation>
    </message>
    <message>
        <source>the zip directory is damaged or cut short</source>
        <translation>le répertoire zip est endommagé ou tronqué</translation>
    </message>
    <message>
        <source>the zip file could not be read (error %1)</source>
        <translation>le fichier zip n’a pas pu être lu (erreur %1)</translation>
    </message>
    <message>
        <source>The zip archive is damaged: %1.</source>
        <translation>L’archive zip est endommagée&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Download the artifact again; if it stays damaged, the action that wrote it produced a broken zip.</source>
        <translation>Téléchargez à nouveau l’artefact&#xa0;; s’il reste endommagé, l’action qui l’a écrit a produit un zip défectueux.</translation>
    </message>
    <message>
        <source>The zip archive is damaged: its central directory, at the end of the file, is missing or cut short.</source>
        <translation>L’archive zip est endommagée&#xa0;: son répertoire central, à la fin du fichier, manque ou est tronqué.</translation>
    </message>
    <message>
        <source>A download cut short loses the end of a zip: download the artifact again.</source>
        <translation>Un téléchargement interrompu perd la fin d’un zip&#xa0;: téléchargez à nouveau l’artefact.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is encrypted; JobDesk does not decrypt zip entries.</source>
        <translation>L’entrée d’archive «&#xa0;%1&#xa0;» est chiffrée&#xa0;; JobDesk ne déchiffre pas les entrées zip.</translation>
    </message>
    <message>
        <source>Decrypt the artifact with the tool that encrypted it.</source>
        <translation>Déchiffrez l’artefact avec l’outil qui l’a chiffré.</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; is compressed with method %2, which JobDesk cannot read.</source>
        <translation>L’entrée d’archive «&#xa0;%1&#xa0;» est compressée avec la méthode %2, que JobDesk ne sait pas lire.</translation>
    </message>
    <message>
        <source>JobDesk reads stored and deflated entries, which is what CodePipeline writes.</source>
        <translation>JobDesk lit les entrées stockées et compressées par deflate, ce qu’écrit CodePipeline.</translation>
    </message>
    <message>
        <source>The archive holds more than %1 entries.</source>
        <translation>L’archive contient plus de %1 entrées.</translation>
    </message>
    <message>
        <source>Artifacts this large are not shown or extracted.</source>
        <translation>Les artefacts aussi volumineux ne sont ni affichés ni extraits.</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; declares an impossible size</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» déclare une taille impossible</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be opened (%2)</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» ne peut pas être ouverte (%2)</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>le décompresseur n’a pas pu démarrer</translation>
    </message>
    <message>
        <source>The archive entry &quot;%1&quot; holds more data than the %2 bytes it declares; the archive is damaged or built to fill the disk (a zip bomb).</source>
        <translation>L’entrée d’archive «&#xa0;%1&#xa0;» contient plus de données que les %2 octets déclarés&#xa0;; l’archive est endommagée ou conçue pour remplir le disque (une bombe zip).</translation>
    </message>
    <message>
        <source>Do not extract this artifact; ask who produced it.</source>
        <translation>N’extrayez pas cet artefact&#xa0;; demandez qui l’a produit.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; does not decompress</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» ne se décompresse pas</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be read (%2)</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» ne peut pas être lue (%2)</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; ends after %2 of its %3 bytes</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» s’arrête après %2 de ses %3 octets</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; fails its CRC-32 check</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» échoue au contrôle CRC-32</translation>
    </message>
    <message>
        <source>the symbolic link &quot;%1&quot; has a target longer than %2 bytes</source>
        <translation>le lien symbolique «&#xa0;%1&#xa0;» a une cible de plus de %2 octets</translation>
    </message>
</context>
<context>
    <name>jobdesk::archive::ZipWriter</name>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>Impossible de lire «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot write the zip &quot;%1&quot;: %2</source>
        <translation>Impossible d’écrire le zip «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a symbolic link; choose the file or folder it points to.</source>
        <translation>«&#xa0;%1&#xa0;» est un lien symbolique&#xa0;; choisissez le fichier ou le dossier vers lequel il pointe.</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>il n’existe pas</translation>
    </message>
    <message>
        <source>The zip &quot;%1&quot; cannot be written inside the folder being zipped.</source>
        <translation>Le zip «&#xa0;%1&#xa0;» ne peut pas être écrit dans le dossier en cours de compression.</translation>
    </message>
    <message>
        <source>Save the zip outside &quot;%1&quot;.</source>
        <translation>Enregistrez le zip en dehors de «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>it is neither a file nor a folder</source>
        <translation>ce n’est ni un fichier ni un dossier</translation>
    </message>
    <message>
        <source>Zipping cancelled; no zip was written.</source>
        <translation>Compression annulée&#xa0;; aucun zip n’a été écrit.</translation>
    </message>
    <message>
        <source>the zip cannot be started (error %1)</source>
        <translation>le zip ne peut pas être commencé (erreur %1)</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be added</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» ne peut pas être ajoutée</translation>
    </message>
    <message>
        <source>the entry &quot;%1&quot; cannot be finished</source>
        <translation>l’entrée «&#xa0;%1&#xa0;» ne peut pas être terminée</translation>
    </message>
    <message>
        <source>the zip&apos;s directory cannot be written</source>
        <translation>le répertoire du zip ne peut pas être écrit</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::AwsCall</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; is larger than %2 and was not read.</source>
        <translation>La réponse de «&#xa0;%1&#xa0;» dépasse %2 et n’a pas été lue.</translation>
    </message>
    <message>
        <source>A CodePipeline job is far smaller than this. Check the endpoint URL and any proxy in between.</source>
        <translation>Une tâche CodePipeline est bien plus petite que cela. Vérifiez l’URL du point de terminaison et tout proxy intermédiaire.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was cut short: the connection was closed or reset after %2 bytes of it had arrived.</source>
        <translation>La réponse de «&#xa0;%1&#xa0;» a été tronquée&#xa0;: la connexion a été fermée ou réinitialisée après la réception de %2 octets.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was a web page (HTML), not an answer from the AWS service.</source>
        <translation>La réponse de «&#xa0;%1&#xa0;» était une page web (HTML), et non une réponse du service AWS.</translation>
    </message>
    <message>
        <source>The answer from &quot;%1&quot; was a web page (HTML, titled &quot;%2&quot;), not an answer from the AWS service.</source>
        <translation>La réponse de «&#xa0;%1&#xa0;» était une page web (HTML, intitulée «&#xa0;%2&#xa0;»), et non une réponse du service AWS.</translation>
    </message>
    <message>
        <source>A captive portal (the sign-in page of a hotel or guest network) or a proxy probably answered instead. Open a web page in a browser and sign in to the network if it asks, then check the proxy settings and the endpoint URL.</source>
        <translation>Un portail captif (la page de connexion d’un hôtel ou d’un réseau invité) ou un proxy a probablement répondu à sa place. Ouvrez une page web dans un navigateur et connectez-vous au réseau si cela vous est demandé, puis vérifiez les paramètres du proxy et l’URL du point de terminaison.</translation>
    </message>
    <message>
        <source>The local clock is %1 s off the service&apos;s; signing again with the service&apos;s time.</source>
        <translation>L’horloge locale est décalée de %1 s par rapport à celle du service&#xa0;; nouvelle signature avec l’heure du service.</translation>
    </message>
    <message>
        <source>The service refused the request&apos;s time: this computer&apos;s clock differs from the server&apos;s (%1)</source>
        <translation>Le service a refusé l’heure de la requête&#xa0;: l’horloge de cet ordinateur diffère de celle du serveur (%1)</translation>
    </message>
    <message>
        <source>Set this computer&apos;s date, time and time zone right (turn on automatic time setting), then try again. If they are right, a proxy may be changing the service&apos;s Date header.</source>
        <translation>Corrigez la date, l’heure et le fuseau horaire de cet ordinateur (activez le réglage automatique de l’heure), puis réessayez. S’ils sont corrects, un proxy modifie peut-être l’en-tête Date du service.</translation>
    </message>
    <message>
        <source>Retrying after %1 (%2 s)</source>
        <translation>Nouvelle tentative après %1 (%2 s)</translation>
    </message>
    <message>
        <source>Connect timeout on endpoint URL: &quot;%1&quot;</source>
        <translation>Délai de connexion dépassé pour l’URL du point de terminaison&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Read timeout on endpoint URL: &quot;%1&quot;</source>
        <translation>Délai de lecture dépassé pour l’URL du point de terminaison&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The endpoint did not accept a connection in time. Check the network, the proxy settings and the endpoint URL.</source>
        <translation>Le point de terminaison n’a pas accepté la connexion à temps. Vérifiez le réseau, les paramètres du proxy et l’URL du point de terminaison.</translation>
    </message>
    <message>
        <source>The endpoint accepted the request but did not answer in time. Try again, or raise the read timeout.</source>
        <translation>Le point de terminaison a accepté la requête, mais n’a pas répondu à temps. Réessayez ou augmentez le délai de lecture.</translation>
    </message>
    <message>
        <source>Could not connect to the endpoint URL: &quot;%1&quot; (connection refused).</source>
        <translation>Impossible de se connecter à l’URL du point de terminaison&#xa0;: «&#xa0;%1&#xa0;» (connexion refusée).</translation>
    </message>
    <message>
        <source>Nothing is listening there. Check the endpoint URL and port.</source>
        <translation>Rien n’écoute à cette adresse. Vérifiez l’URL et le port du point de terminaison.</translation>
    </message>
    <message>
        <source>The host name %1 could not be found, so the endpoint URL &quot;%2&quot; could not be reached.</source>
        <translation>Le nom d’hôte %1 est introuvable&#xa0;; l’URL du point de terminaison «&#xa0;%2&#xa0;» n’a donc pas pu être atteinte.</translation>
    </message>
    <message>
        <source>Check the endpoint URL and the region for typing errors, then this computer&apos;s network connection, DNS and proxy settings.</source>
        <translation>Vérifiez que l’URL du point de terminaison et la région ne contiennent pas de faute de frappe, puis vérifiez la connexion réseau, le DNS et les paramètres du proxy de cet ordinateur.</translation>
    </message>
    <message>
        <source>The connection to &quot;%1&quot; was closed or reset before any answer came.</source>
        <translation>La connexion à «&#xa0;%1&#xa0;» a été fermée ou réinitialisée avant toute réponse.</translation>
    </message>
    <message>
        <source>The server or something in between (a proxy, VPN or firewall) dropped the connection. Try again; if it keeps happening, check the proxy and VPN settings and the endpoint URL.</source>
        <translation>Le serveur ou un intermédiaire (proxy, VPN ou pare-feu) a coupé la connexion. Réessayez&#xa0;; si cela se reproduit, vérifiez les paramètres du proxy et du VPN ainsi que l’URL du point de terminaison.</translation>
    </message>
    <message>
        <source>Secure connection to &quot;%1&quot; failed: %2</source>
        <translation>Échec de la connexion sécurisée à «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>If the endpoint uses a private certificate authority, add its CA bundle in the settings (or --ca-bundle).</source>
        <translation>Si le point de terminaison utilise une autorité de certification privée, ajoutez son bundle CA dans les paramètres (ou avec --ca-bundle).</translation>
    </message>
    <message>
        <source>The proxy failed: %1</source>
        <translation>Échec du proxy&#xa0;: %1</translation>
    </message>
    <message>
        <source>Check the proxy settings.</source>
        <translation>Vérifiez les paramètres du proxy.</translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Try again, or raise the timeout.</source>
        <translation>Le point de terminaison n’a pas répondu à temps. Réessayez ou augmentez le délai d’expiration.</translation>
    </message>
    <message>
        <source>Could not reach &quot;%1&quot;: %2</source>
        <translation>Impossible de joindre «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check the network connection and the endpoint URL.</source>
        <translation>Vérifiez la connexion réseau et l’URL du point de terminaison.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::ClientConfigBuilder</name>
    <message>
        <source>A timeout cannot be negative (%1 ms); 0 means no timeout.</source>
        <translation>Un délai d’expiration ne peut pas être négatif (%1 ms)&#xa0;; 0 signifie aucun délai.</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>La région</translation>
    </message>
    <message>
        <source>The number of attempts must be at least 1, the first one included (%1 given).</source>
        <translation>Le nombre de tentatives doit être d’au moins 1, la première comprise (valeur indiquée&#xa0;: %1).</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::Credentials</name>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>Impossible de trouver des identifiants.</translation>
    </message>
    <message>
        <source>Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile.</source>
        <translation>Définissez AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, ou choisissez un profil.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::EndpointResolver</name>
    <message>
        <source>Invalid endpoint URL &quot;%1&quot;: it must be a full URL such as https://codepipeline.us-east-1.amazonaws.com.</source>
        <translation>URL de point de terminaison non valide «&#xa0;%1&#xa0;»&#xa0;: une URL complète est requise, par exemple https://codepipeline.us-east-1.amazonaws.com.</translation>
    </message>
    <message>
        <source>Invalid endpoint URL &quot;%1&quot;: the scheme must be http or https.</source>
        <translation>URL de point de terminaison non valide «&#xa0;%1&#xa0;»&#xa0;: le schéma doit être http ou https.</translation>
    </message>
    <message>
        <source>You must specify a region.</source>
        <translation>Vous devez indiquer une région.</translation>
    </message>
    <message>
        <source>Choose a region, or set AWS_REGION or AWS_DEFAULT_REGION.</source>
        <translation>Choisissez une région, ou définissez AWS_REGION ou AWS_DEFAULT_REGION.</translation>
    </message>
    <message>
        <source>Invalid region name &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Nom de région non valide «&#xa0;%1&#xa0;». Une région ressemble à us-east-1 ou eu-west-2.</translation>
    </message>
    <message>
        <source>CodePipeline has no FIPS endpoint in %1. FIPS endpoints exist in: %2.</source>
        <translation>CodePipeline n’a pas de point de terminaison FIPS dans la région %1. Régions dotées de points de terminaison FIPS&#xa0;: %2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::NetworkErrorText</name>
    <message>
        <source>The TLS handshake failed.</source>
        <translation>La négociation TLS a échoué.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired.</source>
        <translation>Le certificat du serveur a expiré.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid yet (check this computer&apos;s clock).</source>
        <translation>Le certificat du serveur n’est pas encore valide (vérifiez l’horloge de cet ordinateur).</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for a different host name than the endpoint.</source>
        <translation>Le certificat du serveur correspond à un autre nom d’hôte que celui du point de terminaison.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed and not trusted.</source>
        <translation>Le certificat du serveur est autosigné et n’est pas approuvé.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was issued by a certificate authority that is not trusted.</source>
        <translation>Le certificat du serveur a été émis par une autorité de certification non approuvée.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::ServiceError</name>
    <message>
        <source>The server answered HTTP %1 with an HTML page instead of a service error.</source>
        <translation>Le serveur a renvoyé le code HTTP %1 avec une page HTML au lieu d’une erreur du service.</translation>
    </message>
    <message>
        <source>CodePipeline has no job with this ID for your partner account. Check that the job ID was copied whole, and that you are using the partner account&apos;s keys in the job&apos;s region.</source>
        <translation>CodePipeline n’a aucune tâche avec cet ID pour votre compte partenaire. Vérifiez que l’ID de tâche a été copié en entier et que vous utilisez les clés du compte partenaire dans la région de la tâche.</translation>
    </message>
    <message>
        <source>The job exists but its details can no longer be read: it was probably already completed, failed or timed out. Poll for a newer job for this pipeline.</source>
        <translation>La tâche existe, mais ses détails ne peuvent plus être lus&#xa0;: elle est probablement déjà terminée, en échec ou expirée. Interrogez le service pour obtenir une tâche plus récente de ce pipeline.</translation>
    </message>
    <message>
        <source>The client token does not belong to this job&apos;s customer. Ask for the token that pairs this customer&apos;s pipeline with your action, or pick the right one from the token vault.</source>
        <translation>Le jeton client n’appartient pas au client de cette tâche. Demandez le jeton qui associe le pipeline de ce client à votre action, ou choisissez le bon parmi les jetons enregistrés.</translation>
    </message>
    <message>
        <source>AWS does not recognise your access key ID. The AWS keys of the selected profile are wrong, deleted or from another partition; this is not about the job&apos;s client token.</source>
        <translation>AWS ne reconnaît pas votre ID de clé d’accès. Les clés AWS du profil sélectionné sont erronées, supprimées ou d’une autre partition&#xa0;; le jeton client de la tâche n’est pas en cause.</translation>
    </message>
    <message>
        <source>AWS rejected the request signature. Check the secret access key of the profile, and that this computer&apos;s clock is correct.</source>
        <translation>AWS a rejeté la signature de la requête. Vérifiez la clé d’accès secrète du profil, ainsi que l’heure de cet ordinateur.</translation>
    </message>
    <message>
        <source>The profile&apos;s session token has expired. Refresh the temporary credentials and try again.</source>
        <translation>Le jeton de session du profil a expiré. Renouvelez les identifiants temporaires, puis réessayez.</translation>
    </message>
    <message>
        <source>The AWS identity is not allowed to call this operation. Check its IAM policy for codepipeline:%1 permissions.</source>
        <translation>L’identité AWS n’est pas autorisée à appeler cette opération. Vérifiez que sa politique IAM accorde l’autorisation codepipeline:%1.</translation>
    </message>
    <message>
        <source>CodePipeline rejected a parameter. Check the job ID and client token for stray characters.</source>
        <translation>CodePipeline a rejeté un paramètre. Vérifiez que l’ID de tâche et le jeton client ne contiennent pas de caractères parasites.</translation>
    </message>
    <message>
        <source>The nonce does not match the job. Use the nonce from this job&apos;s details.</source>
        <translation>Le nonce ne correspond pas à la tâche. Utilisez le nonce indiqué dans les détails de cette tâche.</translation>
    </message>
    <message>
        <source>The job is not in a state that accepts this result; it may already be finished.</source>
        <translation>La tâche n’est pas dans un état qui accepte ce résultat&#xa0;; elle est peut-être déjà terminée.</translation>
    </message>
    <message>
        <source>No custom action type matches the category, owner, provider and version given.</source>
        <translation>Aucun type d’action personnalisée ne correspond à la catégorie, au propriétaire, au fournisseur et à la version indiqués.</translation>
    </message>
    <message>
        <source>AWS is limiting the request rate for this account. Wait a little and try again; check whether a job worker is polling too fast.</source>
        <translation>AWS limite le débit des requêtes pour ce compte. Patientez un peu, puis réessayez&#xa0;; vérifiez qu’aucun exécutant de tâches (job worker) n’interroge le service trop fréquemment.</translation>
    </message>
    <message>
        <source>The service had an internal problem. Try again in a moment.</source>
        <translation>Le service a rencontré un problème interne. Réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>jobdesk::aws::StsClient</name>
    <message>
        <source>Invalid region name &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Nom de région non valide «&#xa0;%1&#xa0;». Une région ressemble à us-east-1 ou eu-west-2.</translation>
    </message>
    <message>
        <source>A role ARN is required.</source>
        <translation>Un ARN de rôle est requis.</translation>
    </message>
    <message>
        <source>The role ARN “%1” must be 20 to 2048 characters long, e.g. arn:aws:iam::123456789012:role/Name.</source>
        <translation>L’ARN de rôle «&#xa0;%1&#xa0;» doit compter de 20 à 2048 caractères, par exemple arn:aws:iam::123456789012:role/Name.</translation>
    </message>
    <message>
        <source>The role session name “%1” must be 2 to 64 letters, digits and the characters + = , . @ _ -.</source>
        <translation>Le nom de session de rôle «&#xa0;%1&#xa0;» doit compter de 2 à 64 lettres, chiffres et caractères + = , . @ _ -.</translation>
    </message>
    <message>
        <source>duration_seconds is %1, but it must be between 900 (15 minutes) and 43200 (12 hours).</source>
        <translation>duration_seconds vaut %1, mais doit être compris entre 900 (15 minutes) et 43200 (12 heures).</translation>
    </message>
    <message>
        <source>The external ID must be 2 to 1224 characters long.</source>
        <translation>L’ID externe doit compter de 2 à 1224 caractères.</translation>
    </message>
    <message>
        <source>The MFA serial “%1” must be 9 to 256 characters long, e.g. arn:aws:iam::123456789012:mfa/name.</source>
        <translation>Le numéro de série MFA «&#xa0;%1&#xa0;» doit compter de 9 à 256 caractères, par exemple arn:aws:iam::123456789012:mfa/name.</translation>
    </message>
    <message>
        <source>Role %1 needs an MFA code from %2.</source>
        <translation>Le rôle %1 exige un code MFA de l’appareil %2.</translation>
    </message>
    <message>
        <source>An MFA code is the 6 digits the MFA device shows.</source>
        <translation>Un code MFA se compose des 6 chiffres affichés par l’appareil MFA.</translation>
    </message>
    <message>
        <source>An MFA code was given without the MFA device&apos;s serial.</source>
        <translation>Un code MFA a été fourni sans le numéro de série de l’appareil MFA.</translation>
    </message>
    <message>
        <source>The STS answer to AssumeRole is incomplete: %1</source>
        <translation>La réponse de STS à AssumeRole est incomplète&#xa0;: %1</translation>
    </message>
    <message>
        <source>Something other than AWS STS answered. Check the STS endpoint URL and any proxy in between.</source>
        <translation>Ce n’est pas AWS STS qui a répondu. Vérifiez l’URL du point de terminaison STS et tout proxy intermédiaire.</translation>
    </message>
    <message>
        <source>it is a &lt;%1&gt; document, not an &lt;AssumeRoleResponse&gt;.</source>
        <translation>c’est un document &lt;%1&gt;, et non un &lt;AssumeRoleResponse&gt;.</translation>
    </message>
    <message>
        <source>it lacks the access key ID, secret access key or session token.</source>
        <translation>il manque l’ID de clé d’accès, la clé d’accès secrète ou le jeton de session.</translation>
    </message>
    <message>
        <source>the expiration “%1” is not an ISO 8601 time.</source>
        <translation>la date d’expiration «&#xa0;%1&#xa0;» n’est pas au format ISO 8601.</translation>
    </message>
    <message>
        <source>The MFA code was not accepted. Enter the code the device shows now (each code works once), and check that mfa_serial names this person&apos;s MFA device.</source>
        <translation>Le code MFA n’a pas été accepté. Saisissez le code affiché en ce moment par l’appareil (chaque code ne sert qu’une fois) et vérifiez que mfa_serial désigne bien l’appareil MFA de cette personne.</translation>
    </message>
    <message>
        <source>The source identity may not assume this role. Check role_arn, the role&apos;s trust policy, and whether the role requires an external_id or MFA (mfa_serial).</source>
        <translation>L’identité source n’est pas autorisée à assumer ce rôle. Vérifiez role_arn, la politique d’approbation du rôle, et si le rôle exige un external_id ou la MFA (mfa_serial).</translation>
    </message>
    <message>
        <source>AWS does not recognise the source keys used to assume the role. Check the source_profile&apos;s access key ID, or the keys in the environment for credential_source = Environment.</source>
        <translation>AWS ne reconnaît pas les clés sources utilisées pour assumer le rôle. Vérifiez l’ID de clé d’accès du source_profile, ou les clés de l’environnement si credential_source = Environment.</translation>
    </message>
    <message>
        <source>STS rejected the signature. Check the source keys&apos; secret access key, and that this computer&apos;s clock is correct.</source>
        <translation>STS a rejeté la signature. Vérifiez la clé d’accès secrète des clés sources, ainsi que l’heure de cet ordinateur.</translation>
    </message>
    <message>
        <source>The source session has expired. Refresh the source credentials and try again.</source>
        <translation>La session source a expiré. Renouvelez les identifiants sources, puis réessayez.</translation>
    </message>
    <message>
        <source>STS is not activated in this region for the account. Activate it in IAM, or use another region.</source>
        <translation>STS n’est pas activé dans cette région pour ce compte. Activez-le dans IAM ou utilisez une autre région.</translation>
    </message>
    <message>
        <source>STS rejected a parameter. Check role_arn, role_session_name, duration_seconds and external_id in the profile.</source>
        <translation>STS a rejeté un paramètre. Vérifiez role_arn, role_session_name, duration_seconds et external_id dans le profil.</translation>
    </message>
    <message>
        <source>STS rejected the session policy.</source>
        <translation>STS a rejeté la politique de session.</translation>
    </message>
    <message>
        <source>There are no source keys to assume the role %1 with.</source>
        <translation>Aucune clé source ne permet d’assumer le rôle %1.</translation>
    </message>
    <message>
        <source>Set source_profile to a profile with keys, or credential_source = Environment.</source>
        <translation>Définissez source_profile sur un profil doté de clés, ou credential_source = Environment.</translation>
    </message>
    <message>
        <source>The STS answer is not valid XML: %1</source>
        <translation>La réponse de STS n’est pas du XML valide&#xa0;: %1</translation>
    </message>
    <message>
        <source>it contains a document type declaration.</source>
        <translation>elle contient une déclaration de type de document.</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3).</source>
        <translation>%1 (ligne %2, colonne %3).</translation>
    </message>
    <message>
        <source>the answer is empty.</source>
        <translation>la réponse est vide.</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::OperationCall</name>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>Impossible de trouver des identifiants.</translation>
    </message>
    <message>
        <source>Choose a profile with AWS keys, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation>Choisissez un profil doté de clés AWS, ou définissez AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::ParamValidator</name>
    <message>
        <source>Parameter %1</source>
        <translation>Le paramètre %1</translation>
    </message>
    <message>
        <source>Parameter %1 must be a structure.</source>
        <translation>Le paramètre %1 doit être une structure.</translation>
    </message>
    <message>
        <source>Missing required parameter in %1: &quot;%2&quot;</source>
        <translation>Paramètre obligatoire manquant dans %1&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Unknown parameter in %1: &quot;%2&quot;, must be one of: %3</source>
        <translation>Paramètre inconnu dans %1&#xa0;: «&#xa0;%2&#xa0;», il doit s’agir de l’un des suivants&#xa0;: %3</translation>
    </message>
    <message>
        <source>Parameter %1 must be a list.</source>
        <translation>Le paramètre %1 doit être une liste.</translation>
    </message>
    <message>
        <source>Parameter %1 must be a map.</source>
        <translation>Le paramètre %1 doit être un dictionnaire (map).</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a whole number.</source>
        <translation>Type non valide pour le paramètre %1&#xa0;: nombre entier attendu.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected true or false.</source>
        <translation>Type non valide pour le paramètre %1&#xa0;: true ou false attendu.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a time.</source>
        <translation>Type non valide pour le paramètre %1&#xa0;: date et heure attendues.</translation>
    </message>
    <message>
        <source>Invalid type for parameter %1: expected a string.</source>
        <translation>Type non valide pour le paramètre %1&#xa0;: chaîne attendue.</translation>
    </message>
    <message>
        <source>Invalid length for parameter %1, value: %2, valid min length: %3</source>
        <translation>Longueur non valide pour le paramètre %1, valeur&#xa0;: %2, longueur minimale valide&#xa0;: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid min value: %3</source>
        <translation>Valeur non valide pour le paramètre %1, valeur&#xa0;: %2, valeur minimale valide&#xa0;: %3</translation>
    </message>
    <message>
        <source>Invalid length for parameter %1, value: %2, valid max length: %3</source>
        <translation>Longueur non valide pour le paramètre %1, valeur&#xa0;: %2, longueur maximale valide&#xa0;: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid max value: %3</source>
        <translation>Valeur non valide pour le paramètre %1, valeur&#xa0;: %2, valeur maximale valide&#xa0;: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, valid values: %3</source>
        <translation>Valeur non valide pour le paramètre %1, valeur&#xa0;: %2, valeurs valides&#xa0;: %3</translation>
    </message>
    <message>
        <source>Invalid value for parameter %1, value: %2, must match the pattern %3</source>
        <translation>Valeur non valide pour le paramètre %1, valeur&#xa0;: %2, doit correspondre au motif %3</translation>
    </message>
</context>
<context>
    <name>jobdesk::codepipeline::ResponseParser</name>
    <message>
        <source>The answer nests more than %1 levels deep; no CodePipeline answer does.</source>
        <translation>La réponse comporte plus de %1 niveaux d’imbrication&#xa0;; aucune réponse CodePipeline n’en a autant.</translation>
    </message>
    <message>
        <source>The answer was an HTML page, not JSON (a captive portal, proxy or wrong endpoint?).</source>
        <translation>La réponse était une page HTML, et non du JSON (portail captif, proxy ou mauvais point de terminaison&#xa0;?).</translation>
    </message>
    <message numerus="yes">
        <source>The answer is not valid JSON; it may have been cut short (%n bytes received).</source>
        <translation>
            <numerusform>La réponse n’est pas du JSON valide&#xa0;; elle a peut-être été tronquée (%n octet reçu).</numerusform>
            <numerusform>La réponse n’est pas du JSON valide&#xa0;; elle a peut-être été tronquée (%n octets reçus).</numerusform>
        </translation>
    </message>
    <message>
        <source>The answer is JSON but not an object.</source>
        <translation>La réponse est du JSON, mais pas un objet.</translation>
    </message>
    <message>
        <source>The service or a proxy between you and it sent something that is not a CodePipeline answer. Check the endpoint URL and any proxy settings, then try again.</source>
        <translation>Le service, ou un proxy situé entre vous et lui, a envoyé autre chose qu’une réponse CodePipeline. Vérifiez l’URL du point de terminaison et les éventuels paramètres de proxy, puis réessayez.</translation>
    </message>
    <message>
        <source>The response field %1 should be %2 but is %3.</source>
        <translation>Le champ de réponse %1 devrait être de type %2, mais il est de type %3.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActionConfirmation</name>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Confirm: %1</source>
        <translation>Confirmer : %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;This changes the customer&apos;s pipeline.&lt;/b&gt; CodePipeline acts on it as soon as it arrives, as if the partner&apos;s own service had sent it, and it cannot be taken back.</source>
        <translation>&lt;b&gt;Ceci modifie le pipeline du client.&lt;/b&gt; CodePipeline agit dès réception, comme si le service du partenaire l&apos;avait envoyé lui-même, et on ne peut pas revenir en arrière.</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Action :</translation>
    </message>
    <message>
        <source>Job ID:</source>
        <translation>ID du job :</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>Pipeline:</source>
        <translation>Pipeline :</translation>
    </message>
    <message>
        <source>Stage / action:</source>
        <translation>Étape / action :</translation>
    </message>
    <message>
        <source>Check before sending</source>
        <translation>À vérifier avant l&apos;envoi</translation>
    </message>
    <message>
        <source>The same with jobdesk-&amp;cli:</source>
        <translation>La même chose avec jobdesk-&amp;cli :</translation>
    </message>
    <message>
        <source>Equivalent command line</source>
        <translation>Ligne de commande équivalente</translation>
    </message>
    <message>
        <source>The job and its customer</source>
        <translation>Le job et son client</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ActivityLogDialog</name>
    <message>
        <source>Activity Log</source>
        <translation>Journal d’activité</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil&#xa0;:</translation>
    </message>
    <message>
        <source>Actions sent with this profile</source>
        <translation>Actions envoyées avec ce profil</translation>
    </message>
    <message>
        <source>&amp;Copy All</source>
        <translation>Tout &amp;copier</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>No action has been sent with this profile yet.</source>
        <translation>Aucune action n’a encore été envoyée avec ce profil.</translation>
    </message>
    <message>
        <source>Kept in %1, readable by you alone.</source>
        <translation>Conservé dans %1, lisible par vous seul.</translation>
    </message>
    <message>
        <source>Actions: %1, oldest first.</source>
        <translation>Actions&#xa0;: %1, la plus ancienne en premier.</translation>
    </message>
    <message>
        <source>Lines of the log that could not be read, left out: %1.</source>
        <translation>Lignes du journal illisibles, laissées de côté&#xa0;: %1.</translation>
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
        <translation>Heure</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ID de tâche</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::AppSettings</name>
    <message>
        <source>Cannot read the CA bundle %1: %2</source>
        <translation>Impossible de lire le bundle CA %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Choose another file in Settings, or clear the field.</source>
        <translation>Choisissez un autre fichier dans les Paramètres, ou videz le champ.</translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation>Le bundle CA %1 ne contient aucun certificat PEM.</translation>
    </message>
    <message>
        <source>Choose a PEM file with &quot;BEGIN CERTIFICATE&quot; blocks.</source>
        <translation>Choisissez un fichier PEM contenant des blocs «&#xa0;BEGIN CERTIFICATE&#xa0;».</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchiveBrowserDialog</name>
    <message>
        <source>Reading the archive…</source>
        <translation>Lecture de l’archive…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Extract &amp;Selected…</source>
        <translation>Extraire la &amp;sélection…</translation>
    </message>
    <message>
        <source>Extract &amp;All…</source>
        <translation>Extraire &amp;tout…</translation>
    </message>
    <message>
        <source>Artifact “%1”</source>
        <translation>Artefact «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Entries of the archive</source>
        <translation>Entrées de l’archive</translation>
    </message>
    <message>
        <source>&amp;Entries:</source>
        <translation>&amp;Entrées&#xa0;:</translation>
    </message>
    <message>
        <source>Extraction progress</source>
        <translation>Progression de l’extraction</translation>
    </message>
    <message>
        <source>This file is not an archive JobDesk can open (zip, tar or tar.gz).</source>
        <translation>Ce fichier n’est pas une archive que JobDesk sait ouvrir (zip, tar ou tar.gz).</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>Le fichier %1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The archive could not be read: %1</source>
        <translation>L’archive n’a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Format&#xa0;: %1</translation>
    </message>
    <message>
        <source>Format: %1    Entries: %L2    Total size: %3</source>
        <translation>Format&#xa0;: %1    Entrées&#xa0;: %L2    Taille totale&#xa0;: %3</translation>
    </message>
    <message>
        <source>This %1 archive is listed only: preview and extraction work on zip archives, the format CodePipeline gives artifacts.</source>
        <translation>Cette archive %1 est seulement listée&#xa0;: l’aperçu et l’extraction fonctionnent sur les archives zip, le format que CodePipeline donne aux artefacts.</translation>
    </message>
    <message>
        <source>No preview: this archive is not a zip.</source>
        <translation>Pas d’aperçu&#xa0;: cette archive n’est pas un zip.</translation>
    </message>
    <message>
        <source>Extract Into</source>
        <translation>Extraire dans</translation>
    </message>
    <message>
        <source>Extracting into %1…</source>
        <translation>Extraction dans %1…</translation>
    </message>
    <message>
        <source>Extracted into %1. Files: %L2, folders: %L3, links: %L4, size: %5.</source>
        <translation>Extrait dans %1. Fichiers&#xa0;: %L2, dossiers&#xa0;: %L3, liens&#xa0;: %L4, taille&#xa0;: %5.</translation>
    </message>
    <message>
        <source>Some of these files already exist in %1.

%2

Replace them?</source>
        <translation>Certains de ces fichiers existent déjà dans %1.

%2

Les remplacer&#xa0;?</translation>
    </message>
    <message>
        <source>Nothing was extracted: the files already exist in %1.</source>
        <translation>Rien n’a été extrait&#xa0;: les fichiers existent déjà dans %1.</translation>
    </message>
    <message>
        <source>Extraction cancelled. The files it had written were removed.</source>
        <translation>Extraction annulée. Les fichiers déjà écrits ont été supprimés.</translation>
    </message>
    <message>
        <source>Extraction refused: %1</source>
        <translation>Extraction refusée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Extraction failed: %1</source>
        <translation>L’extraction a échoué&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchiveEntriesModel</name>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 octets</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>Lien vers %1</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <source>Legacy name encoding (not UTF-8)</source>
        <translation>Ancien codage du nom (pas UTF-8)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>Compressé</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>CRC-32</source>
        <translation>CRC-32</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArchivePreview</name>
    <message>
        <source>No preview for this kind of file</source>
        <translation>Pas d’aperçu pour ce type de fichier</translation>
    </message>
    <message>
        <source>Preview of the entry&apos;s text</source>
        <translation>Aperçu du texte de l’entrée</translation>
    </message>
    <message>
        <source>Preview of the entry&apos;s image</source>
        <translation>Aperçu de l’image de l’entrée</translation>
    </message>
    <message>
        <source>Choose an entry to preview it.</source>
        <translation>Choisissez une entrée pour l’afficher.</translation>
    </message>
    <message>
        <source>This entry is a folder.</source>
        <translation>Cette entrée est un dossier.</translation>
    </message>
    <message>
        <source>This entry is a symbolic link.</source>
        <translation>Cette entrée est un lien symbolique.</translation>
    </message>
    <message>
        <source>This entry is a symbolic link to %1.</source>
        <translation>Cette entrée est un lien symbolique vers %1.</translation>
    </message>
    <message>
        <source>This entry is encrypted.</source>
        <translation>Cette entrée est chiffrée.</translation>
    </message>
    <message>
        <source>The image is larger than %1.</source>
        <translation>L’image dépasse %1.</translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation>L’image n’a pas pu être décodée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The entry holds binary data, not text.</source>
        <translation>L’entrée contient des données binaires, pas du texte.</translation>
    </message>
    <message>
        <source>Reading the entry…</source>
        <translation>Lecture de l’entrée…</translation>
    </message>
    <message>
        <source>Encoding: %1</source>
        <translation>Codage&#xa0;: %1</translation>
    </message>
    <message>
        <source>This text is not UTF-8; it is shown as %1.</source>
        <translation>Ce texte n’est pas en UTF-8&#xa0;; il est affiché en %1.</translation>
    </message>
    <message>
        <source>Only the first %1 is shown.</source>
        <translation>Seuls les premiers %1 sont affichés.</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 pixels</translation>
    </message>
    <message>
        <source>The entry could not be read: %1</source>
        <translation>L’entrée n’a pas pu être lue&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactActions</name>
    <message>
        <source>Download Artifact</source>
        <translation>Télécharger l’artefact</translation>
    </message>
    <message>
        <source>Zip files (*.zip);;All files (*)</source>
        <translation>Fichiers zip (*.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Nothing was downloaded.</source>
        <translation>Rien n’a été téléchargé.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a folder.</source>
        <translation>« %1 » est un dossier.</translation>
    </message>
    <message>
        <source>Choose a file name to save the artifact as.</source>
        <translation>Choisissez un nom de fichier pour enregistrer l’artefact.</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it with the artifact %2?</source>
        <translation>%1 existe déjà. Le remplacer par l’artefact %2 ?</translation>
    </message>
    <message>
        <source>Nothing was downloaded; %1 was left as it was.</source>
        <translation>Rien n’a été téléchargé ; %1 est resté tel quel.</translation>
    </message>
    <message>
        <source>Nothing was uploaded.</source>
        <translation>Rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>Upload artifact</source>
        <translation>Envoyer l’artefact</translation>
    </message>
    <message>
        <source>Artifact:</source>
        <translation>Artefact&#xa0;:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Depuis&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (a folder, zipped first)</source>
        <translation>%1 (un dossier, zippé d’abord)</translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation>Compartiment&#xa0;:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Clé&#xa0;:</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>Clé KMS&#xa0;:</translation>
    </message>
    <message>
        <source>bucket default</source>
        <translation>par défaut du compartiment</translation>
    </message>
    <message>
        <source>This job was read from a file or the clipboard, not fetched: it may be stale.</source>
        <translation>Cette tâche a été lue depuis un fichier ou le presse-papiers, pas récupérée : elle peut être périmée.</translation>
    </message>
    <message>
        <source>Uploaded %1 to %2.</source>
        <translation>%1 envoyé vers %2.</translation>
    </message>
    <message>
        <source>Downloaded %1 to %2.</source>
        <translation>%1 téléchargé dans %2.</translation>
    </message>
    <message>
        <source>The transfer of %1 was cancelled.</source>
        <translation>Le transfert de %1 a été annulé.</translation>
    </message>
    <message>
        <source>%1 (job %2)</source>
        <translation>%1 (tâche %2)</translation>
    </message>
    <message>
        <source>The artifact transfer failed: %1</source>
        <translation>Le transfert de l’artefact a échoué : %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsModel</name>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Non indiquée</translation>
    </message>
    <message>
        <source>Set by your action</source>
        <translation>Définie par votre action</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Compartiment</translation>
    </message>
    <message>
        <source>Object key</source>
        <translation>Clé d’objet</translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation>URI S3</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsPage</name>
    <message>
        <source>Fetch Again</source>
        <translation>Récupérer à nouveau</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Télécharger…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Extract…</source>
        <translation>Extraire…</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>Envoyer…</translation>
    </message>
    <message>
        <source>Copy S3 &amp;URI</source>
        <translation>&amp;Copier l’URI S3</translation>
    </message>
    <message>
        <source>Input and output artifacts</source>
        <translation>Artefacts d’entrée et de sortie</translation>
    </message>
    <message>
        <source>Saves the artifact&apos;s zip file</source>
        <translation>Enregistre le fichier zip de l’artefact</translation>
    </message>
    <message>
        <source>Downloads the artifact and lists the files in it</source>
        <translation>Télécharge l’artefact et liste ses fichiers</translation>
    </message>
    <message>
        <source>Downloads the artifact and extracts its files into a folder</source>
        <translation>Télécharge l’artefact et extrait ses fichiers dans un dossier</translation>
    </message>
    <message>
        <source>Uploads a zip file or a folder as this output artifact</source>
        <translation>Envoie un fichier zip ou un dossier comme cet artefact de sortie</translation>
    </message>
    <message>
        <source>Fetches the job again, which brings new artifact credentials</source>
        <translation>Récupère à nouveau la tâche, ce qui apporte de nouveaux identifiants d’artefacts</translation>
    </message>
    <message>
        <source>Copy S3 URI</source>
        <translation>Copier l’URI S3</translation>
    </message>
    <message>
        <source>This job has no usable artifact credentials. Fetch the job to get its artifact credentials.</source>
        <translation>Cette tâche n’a aucun identifiant d’artefact utilisable. Récupérez la tâche pour obtenir les identifiants de ses artefacts.</translation>
    </message>
    <message>
        <source>The job does not say when it was fetched, so when its credentials expire is unknown.</source>
        <translation>La tâche ne dit pas quand elle a été récupérée : l’expiration de ses identifiants est donc inconnue.</translation>
    </message>
    <message>
        <source>Artifact credentials have expired</source>
        <translation>Les identifiants des artefacts ont expiré</translation>
    </message>
    <message>
        <source>Artifact credentials expire in %1:%2</source>
        <translation>Les identifiants des artefacts expirent dans %1:%2</translation>
    </message>
    <message>
        <source>Fetch the job to get its artifact credentials</source>
        <translation>Récupérez la tâche pour obtenir les identifiants de ses artefacts</translation>
    </message>
    <message>
        <source>Select an artifact</source>
        <translation>Sélectionnez un artefact</translation>
    </message>
    <message>
        <source>This artifact has no S3 location</source>
        <translation>Cet artefact n’a pas d’emplacement S3</translation>
    </message>
    <message>
        <source>Only an output artifact can be uploaded</source>
        <translation>Seul un artefact de sortie peut être envoyé</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ConfigurationModel</name>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Not secret</source>
        <translation>Non secret</translation>
    </message>
    <message>
        <source>Hidden value</source>
        <translation>Valeur masquée</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::CredentialsModel</name>
    <message>
        <source>Access key ID</source>
        <translation>ID de clé d’accès</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Clé d’accès secrète</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>Jeton de session</translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation>Ne figure pas dans la réponse</translation>
    </message>
    <message>
        <source>(hidden, length %1)</source>
        <translation>(masqué, longueur %1)</translation>
    </message>
    <message>
        <source>Shown. Select the row and press Reveal to hide it again.</source>
        <translation>Valeur affichée. Sélectionnez la ligne et cliquez sur Révéler pour la masquer à nouveau.</translation>
    </message>
    <message>
        <source>Hidden. Select the row and press Reveal to show it, or Copy to copy it.</source>
        <translation>Valeur masquée. Sélectionnez la ligne et cliquez sur Révéler pour l’afficher, ou sur Copier pour la copier.</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DocumentActions</name>
    <message>
        <source>The file will hold the artifact credentials and every masked configuration value in plain text. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation>Le fichier contiendra en clair les identifiants d’artefact et toutes les valeurs de configuration masquées. Toute personne qui obtient le fichier pourra utiliser les identifiants jusqu’à leur expiration. Exporter avec les secrets&#xa0;?</translation>
    </message>
    <message>
        <source>Export Job JSON</source>
        <translation>Exporter le JSON de la tâche</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’export</translation>
    </message>
    <message>
        <source>Exported %1 with secrets.</source>
        <translation>%1 exporté avec les secrets.</translation>
    </message>
    <message>
        <source>Exported %1; secrets were replaced by %2.</source>
        <translation>%1 exporté&#xa0;; les secrets ont été remplacés par %2.</translation>
    </message>
    <message>
        <source>Copied the job&apos;s JSON; secrets were replaced by %1.</source>
        <translation>JSON de la tâche copié&#xa0;; les secrets ont été remplacés par %1.</translation>
    </message>
    <message>
        <source>Copied the AWS CLI command; put the client token in place of %1.</source>
        <translation>Commande AWS CLI copiée&#xa0;; remplacez %1 par le jeton client.</translation>
    </message>
    <message>
        <source>Open Job JSON</source>
        <translation>Ouvrir le JSON d’une tâche</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>Impossible d’ouvrir le fichier</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The clipboard holds no text.</source>
        <translation>Le presse-papiers ne contient pas de texte.</translation>
    </message>
    <message>
        <source>Copy the output of &quot;aws codepipeline get-third-party-job-details&quot; first.</source>
        <translation>Copiez d’abord la sortie de «&#xa0;aws codepipeline get-third-party-job-details&#xa0;».</translation>
    </message>
    <message>
        <source>The file will hold in plain text whatever secrets the query selects: artifact credentials, masked configuration values. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation>Le fichier contiendra en clair tous les secrets que la requête sélectionne&#xa0;: identifiants d’artefact, valeurs de configuration masquées. Toute personne qui obtient le fichier pourra utiliser les identifiants jusqu’à leur expiration. Exporter avec les secrets&#xa0;?</translation>
    </message>
    <message>
        <source>Exported the query result to %1 with secrets.</source>
        <translation>Résultat de la requête exporté vers %1 avec les secrets.</translation>
    </message>
    <message>
        <source>Exported the query result to %1; secrets were replaced by %2.</source>
        <translation>Résultat de la requête exporté vers %1&#xa0;; les secrets ont été remplacés par %2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DocumentTabs</name>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Look up a third-party job&lt;/p&gt;&lt;p&gt;Enter the job ID and client token from the ticket, then press &lt;b&gt;Fetch&lt;/b&gt; (Ctrl+Return).&lt;br&gt;Or open or paste the JSON of &lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; (Ctrl+O, Ctrl+Shift+V).&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;Rechercher une tâche tierce&lt;/p&gt;&lt;p&gt;Saisissez l’ID de tâche et le jeton client indiqués dans le ticket, puis cliquez sur &lt;b&gt;Récupérer&lt;/b&gt; (Ctrl+Return).&lt;br&gt;Vous pouvez aussi ouvrir ou coller le JSON de &lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; (Ctrl+O, Ctrl+Shift+V).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::EnvironmentProfileSource</name>
    <message>
        <source>AWS keys from the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN variables</source>
        <translation>Clés AWS issues des variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY et AWS_SESSION_TOKEN</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ErrorBanner</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>JobDesk could not reach the endpoint. Check the network, the proxy settings and the endpoint address.</source>
        <translation>JobDesk n’a pas pu joindre le point de terminaison. Vérifiez le réseau, les paramètres du proxy et l’adresse du point de terminaison.</translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Check the network and proxy, or raise the timeouts in Settings.</source>
        <translation>Le point de terminaison n’a pas répondu à temps. Vérifiez le réseau et le proxy, ou augmentez les délais d’expiration dans les Paramètres.</translation>
    </message>
    <message>
        <source>The secure connection could not be set up. A proxy that inspects TLS needs its CA certificate added as a CA bundle in Settings.</source>
        <translation>La connexion sécurisée n’a pas pu être établie. Si un proxy inspecte le trafic TLS, ajoutez son certificat d’autorité de certification comme bundle CA dans les Paramètres.</translation>
    </message>
    <message>
        <source>The selected profile has no usable AWS keys.</source>
        <translation>Le profil sélectionné n’a pas de clés AWS utilisables.</translation>
    </message>
    <message>
        <source>The answer could not be understood. The endpoint may not be CodePipeline, or something in between changed the answer.</source>
        <translation>La réponse est incompréhensible. Le point de terminaison n’est peut-être pas CodePipeline, ou un intermédiaire a modifié la réponse.</translation>
    </message>
    <message>
        <source>Correct the marked field and fetch again.</source>
        <translation>Corrigez le champ signalé et relancez la récupération.</translation>
    </message>
    <message>
        <source>Check the file and try again.</source>
        <translation>Vérifiez le fichier et réessayez.</translation>
    </message>
    <message>
        <source>CodePipeline is limiting the request rate for this account. Wait a moment and fetch again.</source>
        <translation>CodePipeline limite le débit des requêtes pour ce compte. Patientez un instant, puis relancez la récupération.</translation>
    </message>
    <message>
        <source>CodePipeline had an internal problem. Fetch again in a moment.</source>
        <translation>CodePipeline a rencontré un problème interne. Relancez la récupération dans un instant.</translation>
    </message>
    <message>
        <source>CodePipeline rejected the request.</source>
        <translation>CodePipeline a rejeté la requête.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
    <message>
        <source>The lookup failed</source>
        <translation>La recherche a échoué</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>ID de requête&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sign In Again</source>
        <translation>Se reconnecter</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::FailureResultDialog</name>
    <message>
        <source>Re&amp;view and Send…</source>
        <translation>&amp;Vérifier et envoyer…</translation>
    </message>
    <message>
        <source>Report Failure</source>
        <translation>Signaler un échec</translation>
    </message>
    <message>
        <source>Failure type</source>
        <translation>Type d&apos;échec</translation>
    </message>
    <message>
        <source>Failure message</source>
        <translation>Message d&apos;échec</translation>
    </message>
    <message>
        <source>What went wrong and what the customer can do about it</source>
        <translation>Ce qui n&apos;a pas marché et ce que le client peut y faire</translation>
    </message>
    <message>
        <source>External execution ID</source>
        <translation>ID d&apos;exécution externe</translation>
    </message>
    <message>
        <source>The run&apos;s ID in your service (optional)</source>
        <translation>L&apos;ID de l&apos;exécution dans votre service (facultatif)</translation>
    </message>
    <message>
        <source>Failure &amp;type:</source>
        <translation>&amp;Type d&apos;échec :</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Message :</translation>
    </message>
    <message>
        <source>E&amp;xternal execution ID:</source>
        <translation>ID d&apos;e&amp;xécution externe :</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>Le message</translation>
    </message>
    <message>
        <source>Enter a message: the customer reads it in the failed action&apos;s details.</source>
        <translation>Saisissez un message : le client le lit dans les détails de l&apos;action en échec.</translation>
    </message>
    <message>
        <source>The external execution ID</source>
        <translation>L&apos;ID d&apos;exécution externe</translation>
    </message>
    <message>
        <source>The failure type</source>
        <translation>Le type d&apos;échec</translation>
    </message>
    <message>
        <source>%1 of %2 characters</source>
        <translation>%1 sur %2 caractères</translation>
    </message>
    <message>
        <source>The job ran and did not succeed (a failed build or test). The action fails and the pipeline execution stops at it.</source>
        <translation>Le job s&apos;est exécuté sans réussir (un build ou un test en échec). L&apos;action échoue et l&apos;exécution du pipeline s&apos;y arrête.</translation>
    </message>
    <message>
        <source>The action&apos;s configuration is wrong or incomplete; the customer has to change it. The action fails and the pipeline execution stops at it.</source>
        <translation>La configuration de l&apos;action est erronée ou incomplète ; le client doit la modifier. L&apos;action échoue et l&apos;exécution du pipeline s&apos;y arrête.</translation>
    </message>
    <message>
        <source>Your service was refused access it needs (the artifacts, a key, the customer&apos;s account). The action fails and the pipeline execution stops at it.</source>
        <translation>Votre service s&apos;est vu refuser un accès nécessaire (les artefacts, une clé, le compte du client). L&apos;action échoue et l&apos;exécution du pipeline s&apos;y arrête.</translation>
    </message>
    <message>
        <source>The revision the job was given is not the one your service expected. The action fails and the pipeline execution stops at it.</source>
        <translation>La révision reçue par le job n&apos;est pas celle qu&apos;attendait votre service. L&apos;action échoue et l&apos;exécution du pipeline s&apos;y arrête.</translation>
    </message>
    <message>
        <source>The revision or its artifacts could not be found or read. The action fails and the pipeline execution stops at it.</source>
        <translation>La révision ou ses artefacts sont introuvables ou illisibles. L&apos;action échoue et l&apos;exécution du pipeline s&apos;y arrête.</translation>
    </message>
    <message>
        <source>Your service, or one it depends on, was unavailable; a retry may succeed. The action fails and the pipeline execution stops at it.</source>
        <translation>Votre service, ou un service dont il dépend, était indisponible ; une nouvelle tentative peut réussir. L&apos;action échoue et l&apos;exécution du pipeline s&apos;y arrête.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::FetchController</name>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActionBar</name>
    <message>
        <source>Client token</source>
        <translation>Jeton client</translation>
    </message>
    <message>
        <source>Client token of the polled job</source>
        <translation>Jeton client de la tâche reçue</translation>
    </message>
    <message>
        <source>This job was polled and is not fetched yet. Enter the client token of client %1 to fetch its details.</source>
        <translation>Cette tâche a été reçue par interrogation et n’est pas encore récupérée. Saisissez le jeton client du client %1 pour récupérer ses détails.</translation>
    </message>
    <message>
        <source>&amp;Save for this client</source>
        <translation>&amp;Enregistrer pour ce client</translation>
    </message>
    <message>
        <source>Keeps the token in the system keychain, so jobs of client %1 open fetched.</source>
        <translation>Conserve le jeton dans le trousseau du système, pour que les tâches du client %1 s’ouvrent déjà récupérées.</translation>
    </message>
    <message>
        <source>Fetch Job</source>
        <translation>Récupérer la tâche</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActionController</name>
    <message>
        <source>No status</source>
        <translation>Aucun statut</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Résultat signalé</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
    <message>
        <source>Jobs: %1</source>
        <translation>Tâches&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobActions</name>
    <message>
        <source>CodePipeline takes one result per job, and this job already has one or has timed out. Fetch the job to see its state; nothing more needs to be sent for it.</source>
        <translation>CodePipeline n’accepte qu’un résultat par tâche, et cette tâche en a déjà un ou a expiré. Récupérez la tâche pour voir son état&#xa0;; il n’y a plus rien à envoyer pour elle.</translation>
    </message>
    <message>
        <source>The job was acknowledged already, or it has finished or timed out. Fetch it again to see its state.</source>
        <translation>La réception de cette tâche a déjà été accusée, ou elle est terminée ou expirée. Récupérez-la à nouveau pour voir son état.</translation>
    </message>
    <message>
        <source>The nonce is not the job&apos;s current one. Fetch the job again and acknowledge it with the nonce shown on its Overview.</source>
        <translation>Ce nonce n’est pas le nonce actuel de la tâche. Récupérez à nouveau la tâche et accusez-en réception avec le nonce affiché dans son onglet Vue d’ensemble.</translation>
    </message>
    <message>
        <source>No job has this ID for this account and region. Check the job ID, the profile and the region; a finished job is kept only for a while.</source>
        <translation>Aucune tâche n’a cet ID pour ce compte et cette région. Vérifiez l’ID de tâche, le profil et la région&#xa0;; une tâche terminée n’est conservée que pendant un certain temps.</translation>
    </message>
    <message>
        <source>The client token does not belong to this job&apos;s customer. Check the token saved for the client, or ask the customer for the right one.</source>
        <translation>Le jeton client n’appartient pas au client de cette tâche. Vérifiez le jeton enregistré pour ce client, ou demandez le bon jeton au client.</translation>
    </message>
    <message>
        <source>CodePipeline rejected a value it was sent. Check each field against its limit and the job ID and client token for stray characters.</source>
        <translation>CodePipeline a rejeté une valeur qui lui a été envoyée. Vérifiez que chaque champ respecte sa limite et que l’ID de tâche et le jeton client ne contiennent pas de caractères parasites.</translation>
    </message>
    <message>
        <source>No custom action type matches this category, provider and version in this account and region. Check them against the action&apos;s definition.</source>
        <translation>Aucun type d’action personnalisée ne correspond à cette catégorie, ce fournisseur et cette version dans ce compte et cette région. Comparez-les à la définition de l’action.</translation>
    </message>
    <message>
        <source>P&amp;oll for Jobs…</source>
        <translation>Relever les &amp;tâches en attente…</translation>
    </message>
    <message>
        <source>Takes waiting jobs of an action type off the queue</source>
        <translation>Retire de la file d’attente les tâches en attente d’un type d’action</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>A&amp;ccuser réception</translation>
    </message>
    <message>
        <source>Tells CodePipeline that this job has been taken</source>
        <translation>Indique à CodePipeline que cette tâche a été prise en charge</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Report &amp;Success…</source>
        <translation>Signaler la réu&amp;ssite…</translation>
    </message>
    <message>
        <source>Reports that this job succeeded, or is still running</source>
        <translation>Signale que cette tâche a réussi ou est toujours en cours</translation>
    </message>
    <message>
        <source>Report Fail&amp;ure…</source>
        <translation>Signaler l’éc&amp;hec…</translation>
    </message>
    <message>
        <source>Reports that this job failed, which stops the pipeline at this action</source>
        <translation>Signale que cette tâche a échoué, ce qui arrête le pipeline à cette action</translation>
    </message>
    <message>
        <source>Activity &amp;Log…</source>
        <translation>&amp;Journal d’activité…</translation>
    </message>
    <message>
        <source>Saved the client token of client %1 in the keychain.</source>
        <translation>Le jeton client du client %1 a été enregistré dans le trousseau.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields of the lookup form.</source>
        <translation>Rien n’a été envoyé&#xa0;: corrigez les champs signalés du formulaire de recherche.</translation>
    </message>
    <message>
        <source>The profile %1 that fetched this job is no longer listed.</source>
        <translation>Le profil %1 qui a récupéré cette tâche ne figure plus dans la liste.</translation>
    </message>
    <message>
        <source>Add the profile again, or fetch the job with another profile and act on it from there.</source>
        <translation>Ajoutez de nouveau le profil, ou récupérez la tâche avec un autre profil et agissez sur elle depuis celui-ci.</translation>
    </message>
    <message>
        <source>Enter the client token of job %1. JobDesk keeps it only while the tab is open.</source>
        <translation>Saisissez le jeton client de la tâche %1. JobDesk ne le conserve que tant que l’onglet est ouvert.</translation>
    </message>
    <message>
        <source>This job was not fetched but read from %1; it may be stale. CodePipeline acts on the job as it is now, so fetch it first if you can.</source>
        <translation>Cette tâche n’a pas été récupérée mais lue depuis %1&#xa0;; elle est peut-être périmée. CodePipeline agit sur la tâche telle qu’elle est maintenant&#xa0;: récupérez-la d’abord si vous le pouvez.</translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation>le presse-papiers</translation>
    </message>
    <message>
        <source>Client Token</source>
        <translation>Jeton client</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Accuser réception</translation>
    </message>
    <message>
        <source>Report success</source>
        <translation>Signaler la réussite</translation>
    </message>
    <message>
        <source>Report failure</source>
        <translation>Signaler l’échec</translation>
    </message>
    <message>
        <source>This job was read from a file or the clipboard, not fetched: it may be stale.</source>
        <translation>Cette tâche a été lue depuis un fichier ou le presse-papiers, et non récupérée&#xa0;: elle est peut-être périmée.</translation>
    </message>
    <message>
        <source>%1: sending…</source>
        <translation>%1&#xa0;: envoi en cours…</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>Acknowledged: the job is %1.</source>
        <translation>Réception accusée&#xa0;: la tâche est à l’état %1.</translation>
    </message>
    <message>
        <source>Success reported.</source>
        <translation>Réussite signalée.</translation>
    </message>
    <message>
        <source>Failure reported.</source>
        <translation>Échec signalé.</translation>
    </message>
    <message>
        <source>%1: cancelled.</source>
        <translation>%1&#xa0;: annulé.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>The activity log could not be written: %1</source>
        <translation>Impossible d’écrire dans le journal d’activité&#xa0;: %1</translation>
    </message>
    <message>
        <source>The profile, region or endpoint of the lookup form is not valid; correct them in the main window.</source>
        <translation>Le profil, la région ou le point de terminaison du formulaire de recherche n’est pas valide&#xa0;; corrigez-les dans la fenêtre principale.</translation>
    </message>
    <message>
        <source>A lookup is running; open the job again when it has ended.</source>
        <translation>Une recherche est en cours&#xa0;; rouvrez la tâche quand elle sera terminée.</translation>
    </message>
    <message>
        <source>Jobs handed out by the poll: %1.</source>
        <translation>Tâches remises par le relevé&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobView</name>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Vue d’ensemble</translation>
    </message>
    <message>
        <source>Confi&amp;guration</source>
        <translation>Confi&amp;guration</translation>
    </message>
    <message>
        <source>&amp;Artifacts</source>
        <translation>&amp;Artefacts</translation>
    </message>
    <message>
        <source>Cre&amp;dentials</source>
        <translation>Ide&amp;ntifiants</translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation>&amp;Brut</translation>
    </message>
    <message>
        <source>Job overview</source>
        <translation>Vue d’ensemble de la tâche</translation>
    </message>
    <message>
        <source>Filter keys and values</source>
        <translation>Filtrer les clés et les valeurs</translation>
    </message>
    <message>
        <source>Filter the configuration</source>
        <translation>Filtrer la configuration</translation>
    </message>
    <message>
        <source>Action configuration</source>
        <translation>Configuration de l’action</translation>
    </message>
    <message>
        <source>Copy Val&amp;ue</source>
        <translation>&amp;Copier la valeur</translation>
    </message>
    <message>
        <source>Tick Secret to mask a value for every job of this provider; JobDesk remembers it.</source>
        <translation>Cochez Secret pour masquer une valeur dans toutes les tâches de ce fournisseur&#xa0;; JobDesk s’en souvient.</translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation>Identifiants d’artefact</translation>
    </message>
    <message>
        <source>Revea&amp;l</source>
        <translation>Révé&amp;ler</translation>
    </message>
    <message>
        <source>Show or hide the selected credential</source>
        <translation>Afficher ou masquer l’identifiant sélectionné</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the selected credential; clipboard managers are asked not to keep it</source>
        <translation>Copier l’identifiant sélectionné&#xa0;; les gestionnaires de presse-papiers sont invités à ne pas le conserver</translation>
    </message>
    <message>
        <source>This job has no artifact credentials.</source>
        <translation>Cette tâche n’a pas d’identifiants d’artefact.</translation>
    </message>
    <message>
        <source>Temporary keys for the job&apos;s artifact bucket. They expire about %1 minutes after the fetch; the Overview tab counts down.</source>
        <translation>Clés temporaires pour le compartiment d’artefacts de la tâche. Elles expirent environ %1 minutes après la récupération&#xa0;; l’onglet Vue d’ensemble affiche le temps restant.</translation>
    </message>
    <message>
        <source>Search the JSON</source>
        <translation>Rechercher dans le JSON</translation>
    </message>
    <message>
        <source>Search the raw JSON</source>
        <translation>Rechercher dans le JSON brut</translation>
    </message>
    <message>
        <source>Previo&amp;us</source>
        <translation>Pré&amp;cédent</translation>
    </message>
    <message>
        <source>Ne&amp;xt</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <source>Show &amp;secrets</source>
        <translation>Afficher &amp;les secrets</translation>
    </message>
    <message>
        <source>Show the artifact credentials and masked configuration values in the JSON</source>
        <translation>Afficher dans le JSON les identifiants d’artefact et les valeurs de configuration masquées</translation>
    </message>
    <message>
        <source>Raw JSON, as the AWS CLI prints it</source>
        <translation>JSON brut, tel que l’affiche l’AWS CLI</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>Arborescence JSON</translation>
    </message>
    <message>
        <source>Activit&amp;y</source>
        <translation>Activit&amp;é</translation>
    </message>
    <message>
        <source>Actions taken on this job</source>
        <translation>Actions effectuées sur cette tâche</translation>
    </message>
    <message>
        <source>What JobDesk sent for this job while it was open, secrets masked. It is part of the exported JSON and of the profile&apos;s activity log.</source>
        <translation>Ce que JobDesk a envoyé pour cette tâche pendant qu’elle était ouverte, secrets masqués. Cela fait partie du JSON exporté et du journal d’activité du profil.</translation>
    </message>
    <message>
        <source>Copy Activity</source>
        <translation>Copier l’activité</translation>
    </message>
    <message>
        <source>Copies one line per action as plain text, for a support ticket</source>
        <translation>Copie une ligne par action en texte brut, pour un ticket de support</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>objet</translation>
    </message>
    <message>
        <source>{ %1 }</source>
        <translation>{ %1 }</translation>
    </message>
    <message>
        <source>array</source>
        <translation>tableau</translation>
    </message>
    <message>
        <source>[ %1 ]</source>
        <translation>[ %1 ]</translation>
    </message>
    <message>
        <source>string</source>
        <translation>chaîne</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>booléen</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>number</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::KeychainProfileSource</name>
    <message>
        <source>JobDesk profile, keys in the system keychain</source>
        <translation>Profil JobDesk, clés dans le trousseau du système</translation>
    </message>
    <message>
        <source>JobDesk profile linked to AWS profile “%1”</source>
        <translation>Profil JobDesk lié au profil AWS «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>JobDesk profile, keys from the environment</source>
        <translation>Profil JobDesk, clés issues de l’environnement</translation>
    </message>
    <message>
        <source>AWS shared-config profile from %1</source>
        <translation>Profil de la configuration partagée AWS, issu de %1</translation>
    </message>
    <message>
        <source>JobDesk profile, role %1 in account %2 through IAM Identity Center</source>
        <translation>Profil JobDesk, rôle %1 dans le compte %2 via IAM Identity Center</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::LookupForm</name>
    <message>
        <source>Fet&amp;ch</source>
        <translation>Réc&amp;upérer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Saved to&amp;ken:</source>
        <translation>Jet&amp;on enregistré&#xa0;:</translation>
    </message>
    <message>
        <source>Save Token…</source>
        <translation>Enregistrer le jeton…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Whose AWS keys sign the request</source>
        <translation>Profil dont les clés AWS signent la requête</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Public AWS endpoint</source>
        <translation>Point de terminaison AWS public</translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation>Point de terminaison personnalisé</translation>
    </message>
    <message>
        <source>Send this lookup to another endpoint, e.g. a VPC endpoint or a test server</source>
        <translation>Envoyer cette recherche à un autre point de terminaison, par exemple un point de terminaison VPC ou un serveur de test</translation>
    </message>
    <message>
        <source>Job ID from the ticket</source>
        <translation>ID de tâche indiqué dans le ticket</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ID de tâche</translation>
    </message>
    <message>
        <source>Client token</source>
        <translation>Jeton client</translation>
    </message>
    <message>
        <source>Show the client token</source>
        <translation>Afficher le jeton client</translation>
    </message>
    <message>
        <source>Show or hide the client token</source>
        <translation>Afficher ou masquer le jeton client</translation>
    </message>
    <message>
        <source>Fetch the job (Ctrl+Return)</source>
        <translation>Récupérer la tâche (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Cancel the request (Esc)</source>
        <translation>Annuler la requête (Esc)</translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation>Requête en cours</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Région&#xa0;:</translation>
    </message>
    <message>
        <source>E&amp;ndpoint:</source>
        <translation>Point de ter&amp;minaison&#xa0;:</translation>
    </message>
    <message>
        <source>Job &amp;ID:</source>
        <translation>&amp;ID de tâche&#xa0;:</translation>
    </message>
    <message>
        <source>Client &amp;token:</source>
        <translation>&amp;Jeton client&#xa0;:</translation>
    </message>
    <message>
        <source>Saved client token</source>
        <translation>Jeton client enregistré</translation>
    </message>
    <message>
        <source>Use a client token saved in the system keychain instead of pasting one</source>
        <translation>Utiliser un jeton client enregistré dans le trousseau du système au lieu d’en coller un</translation>
    </message>
    <message>
        <source>Save client token</source>
        <translation>Enregistrer le jeton client</translation>
    </message>
    <message>
        <source>Save the client token in the system keychain under a label</source>
        <translation>Enregistrer le jeton client dans le trousseau du système sous un libellé</translation>
    </message>
    <message>
        <source>The job ID</source>
        <translation>L’ID de tâche</translation>
    </message>
    <message>
        <source>The client token</source>
        <translation>Le jeton client</translation>
    </message>
    <message>
        <source>Choose a profile.</source>
        <translation>Choisissez un profil.</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>La région</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Le point de terminaison</translation>
    </message>
    <message>
        <source>(type or paste)</source>
        <translation>(saisir ou coller)</translation>
    </message>
    <message>
        <source>Using the client token saved as “%1”.</source>
        <translation>Utilisation du jeton client enregistré sous «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Enter the client token to save first.</source>
        <translation>Saisissez d’abord le jeton client à enregistrer.</translation>
    </message>
    <message>
        <source>Save Client Token</source>
        <translation>Enregistrer le jeton client</translation>
    </message>
    <message>
        <source>Label (e.g. the customer or clientId) for the token in the system keychain:</source>
        <translation>Libellé du jeton dans le trousseau du système (par exemple le client ou le clientId)&#xa0;:</translation>
    </message>
    <message>
        <source>Saved the client token as “%1”.</source>
        <translation>Jeton client enregistré sous «&#xa0;%1&#xa0;».</translation>
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
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Job JSON…</source>
        <translation>&amp;Ouvrir un JSON de tâche…</translation>
    </message>
    <message>
        <source>&amp;Paste Job JSON</source>
        <translation>&amp;Coller un JSON de tâche</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>&amp;Exporter le JSON…</translation>
    </message>
    <message>
        <source>Export JSON &amp;with Secrets…</source>
        <translation>Exporter le JSON &amp;avec les secrets…</translation>
    </message>
    <message>
        <source>&amp;Close Job</source>
        <translation>&amp;Fermer la tâche</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>Copier en &amp;JSON</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy as AWS &amp;CLI Command</source>
        <translation>Copier en commande AWS &amp;CLI</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation>P&amp;rofils…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>&amp;Tâche</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>&amp;Récupérer</translation>
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
        <translation>&amp;Annuler la requête</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About JobDesk</source>
        <translation>À &amp;propos de JobDesk</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>JobDesk %1
Inspect AWS CodePipeline third-party jobs.</source>
        <translation>JobDesk %1
Inspecter les tâches tierces AWS CodePipeline.</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Démo</translation>
    </message>
    <message>
        <source>Demo mode: sample jobs are served by JobDesk itself at %1. Press Ctrl+Return to fetch.</source>
        <translation>Mode démo&#xa0;: des tâches d’exemple sont servies par JobDesk lui-même à l’adresse %1. Appuyez sur Ctrl+Return pour lancer la récupération.</translation>
    </message>
    <message>
        <source>TLS certificate verification is off</source>
        <translation>La vérification des certificats TLS est désactivée</translation>
    </message>
    <message>
        <source>Anyone on the network path can read and change requests and answers, including client tokens and artifact credentials. Turn it back on in Settings.</source>
        <translation>Toute personne sur le chemin réseau peut lire et modifier les requêtes et les réponses, y compris les jetons client et les identifiants d’artefact. Réactivez-la dans les Paramètres.</translation>
    </message>
    <message>
        <source>Getting the keys of profile %1…</source>
        <translation>Obtention des clés du profil %1…</translation>
    </message>
    <message>
        <source>Fetching job %1 from %2…</source>
        <translation>Récupération de la tâche %1 depuis %2…</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields.</source>
        <translation>Rien n’a été envoyé&#xa0;: corrigez les champs signalés.</translation>
    </message>
    <message>
        <source>Request ID %1 · %2 ms · attempts: %3</source>
        <translation>ID de requête %1 · %2 ms · tentatives&#xa0;: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Fetched job %1.</source>
        <translation>Tâche %1 récupérée.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>La requête a été annulée.</translation>
    </message>
    <message>
        <source>%1 · attempts: %2</source>
        <translation>%1 · tentatives&#xa0;: %2</translation>
    </message>
    <message>
        <source>Request ID %1 · %2 · attempts: %3</source>
        <translation>ID de requête %1 · %2 · tentatives&#xa0;: %3</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>La recherche a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Export Query Result wit&amp;h Secrets…</source>
        <translation>Exporter le résultat avec les secre&amp;ts…</translation>
    </message>
    <message>
        <source>&amp;Query the Job</source>
        <translation>&amp;Interroger la tâche</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>Export Q&amp;uery Result…</source>
        <translation>Exporter le &amp;résultat de la requête…</translation>
    </message>
    <message>
        <source>CodePipeline answered, but with no job details for job %1.</source>
        <translation>CodePipeline a répondu, mais sans détails pour la tâche %1.</translation>
    </message>
    <message>
        <source>Check the job ID. A job that has finished or timed out may no longer have details to show.</source>
        <translation>Vérifiez l’ID de tâche. Une tâche terminée ou expirée n’a peut-être plus de détails à afficher.</translation>
    </message>
    <message>
        <source>The answer held no job details.</source>
        <translation>La réponse ne contenait aucun détail de tâche.</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Enter the client token of job %1 and fetch it.</source>
        <translation>Saisissez le jeton client de la tâche %1 et récupérez-la.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::MfaDialog</name>
    <message>
        <source>MFA Code</source>
        <translation>Code MFA</translation>
    </message>
    <message>
        <source>Profile “%1” assumes the role %2, which needs a code from the MFA device %3.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» assume le rôle %2, qui exige un code de l’appareil MFA %3.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code&#xa0;:</translation>
    </message>
    <message>
        <source>MFA code</source>
        <translation>Code MFA</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 chiffres</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::OverviewModel</name>
    <message>
        <source>Probably expired (about %1 after the fetch, at %2); fetch the job again for fresh credentials</source>
        <translation>Probablement expirés (environ %1 après la récupération, à %2)&#xa0;; récupérez à nouveau la tâche pour obtenir de nouveaux identifiants</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>Valid for about %1:%2 more (until about %3)</source>
        <translation>Encore valides pendant environ %1:%2 (jusqu’à %3 environ)</translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation>Ne figure pas dans la réponse</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ID de tâche</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>Nonce</translation>
    </message>
    <message>
        <source>Action type (category / owner / provider / version)</source>
        <translation>Type d’action (catégorie / propriétaire / fournisseur / version)</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Action execution ID</source>
        <translation>ID d’exécution de l’action</translation>
    </message>
    <message>
        <source>Not provided for third-party jobs (CodePipeline leaves it out)</source>
        <translation>Non fourni pour les tâches tierces (CodePipeline l’omet)</translation>
    </message>
    <message>
        <source>Pipeline ARN</source>
        <translation>ARN du pipeline</translation>
    </message>
    <message>
        <source>Pipeline execution ID</source>
        <translation>ID d’exécution du pipeline</translation>
    </message>
    <message>
        <source>Longer than CodePipeline&apos;s limit of %1 characters; PutThirdPartyJobSuccessResult would reject it.</source>
        <translation>Dépasse la limite de %1 caractères fixée par CodePipeline&#xa0;; PutThirdPartyJobSuccessResult le rejetterait.</translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation>Jeton de continuation</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 characters)</source>
        <translation>%1 (%2 caractères sur %3)</translation>
    </message>
    <message>
        <source>None (this is the job&apos;s first run, not a continuation)</source>
        <translation>Aucun (première exécution de la tâche, pas une continuation)</translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation>Clé de chiffrement</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The key is given as an alias. Aliases only resolve in the account that owns them, so decrypting the artifacts from the partner account fails; ask for the key ID or key ARN instead.</source>
        <translation>La clé est indiquée sous forme d’alias. Un alias n’est résolu que dans le compte qui le possède&#xa0;: le déchiffrement des artefacts depuis le compte partenaire échoue donc&#xa0;; demandez plutôt l’ID ou l’ARN de la clé.</translation>
    </message>
    <message>
        <source>None (the artifact store&apos;s default key)</source>
        <translation>Aucune (clé par défaut du magasin d’artefacts)</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>Artefacts</translation>
    </message>
    <message>
        <source>%1 input, %2 output</source>
        <translation>%1 en entrée, %2 en sortie</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>Récupérée</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1, depuis %2</translation>
    </message>
    <message>
        <source>Pasted</source>
        <translation>Collée</translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation>Identifiants d’artefact</translation>
    </message>
    <message>
        <source>None in the answer</source>
        <translation>Aucun dans la réponse</translation>
    </message>
    <message>
        <source>Validity unknown: the job was not fetched by JobDesk (they last about %1 minutes from the fetch)</source>
        <translation>Validité inconnue&#xa0;: la tâche n’a pas été récupérée par JobDesk (les identifiants restent valides environ %1 minutes après la récupération)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Polled</source>
        <translation>Reçue</translation>
    </message>
    <message>
        <source>%1, not fetched yet</source>
        <translation>%1, pas encore récupérée</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::PollWindow</name>
    <message>
        <source>&amp;Poll</source>
        <translation>&amp;Relever</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Poll for Jobs</source>
        <translation>Relever les tâches en attente</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Partner actions are always owned by ThirdParty.</source>
        <translation>Les actions de partenaires appartiennent toujours à ThirdParty.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>The provider name in the action type, e.g. AcmeCI</source>
        <translation>Le nom du fournisseur dans le type d&apos;action, p. ex. AcmeCI</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>e.g. 1</source>
        <translation>p. ex. 1</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille du lot</translation>
    </message>
    <message>
        <source>The most jobs one poll hands to you</source>
        <translation>Le nombre maximal de jobs qu&apos;une interrogation vous remet</translation>
    </message>
    <message>
        <source>Poll in progress</source>
        <translation>Interrogation en cours</translation>
    </message>
    <message>
        <source>Polled jobs</source>
        <translation>Jobs reçus</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Catégorie :</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Propriétaire :</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>Fou&amp;rnisseur :</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version :</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Taille du lot :</translation>
    </message>
    <message>
        <source>The category</source>
        <translation>La catégorie</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>Le fournisseur</translation>
    </message>
    <message>
        <source>Enter the provider, as the action type names it.</source>
        <translation>Saisissez le fournisseur tel que le type d&apos;action le nomme.</translation>
    </message>
    <message>
        <source>The version</source>
        <translation>La version</translation>
    </message>
    <message>
        <source>Enter the action type&apos;s version.</source>
        <translation>Saisissez la version du type d&apos;action.</translation>
    </message>
    <message>
        <source>The batch size</source>
        <translation>La taille du lot</translation>
    </message>
    <message>
        <source>&amp;Jobs handed to you:</source>
        <translation>&amp;Jobs qui vous ont été remis :</translation>
    </message>
    <message>
        <source>the public endpoint</source>
        <translation>le point de terminaison public</translation>
    </message>
    <message>
        <source>Choose a profile in the main window first.</source>
        <translation>Choisissez d&apos;abord un profil dans la fenêtre principale.</translation>
    </message>
    <message>
        <source>Polls with profile “%1” in %2, at %3.</source>
        <translation>Interroge avec le profil « %1 » dans %2, sur %3.</translation>
    </message>
    <message>
        <source>Polling takes jobs off the queue: the jobs it returns are handed to you, here in JobDesk. Your own worker will not see them until they time out, and the pipelines wait meanwhile. Poll only when you mean to act on the jobs yourself.</source>
        <translation>Interroger retire des jobs de la file : les jobs renvoyés vous sont remis, ici dans JobDesk. Votre propre worker ne les verra qu&apos;à l&apos;expiration de leur délai, et les pipelines attendent entre-temps. N&apos;interrogez que si vous comptez traiter les jobs vous-même.</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t ask again</source>
        <translation>&amp;Ne plus demander</translation>
    </message>
    <message>
        <source>Polling…</source>
        <translation>Interrogation…</translation>
    </message>
    <message>
        <source>No job was waiting.</source>
        <translation>Aucun job n&apos;attendait.</translation>
    </message>
    <message>
        <source>Jobs handed to you by the last poll: %1.</source>
        <translation>Jobs remis par la dernière interrogation : %1.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::PolledJobsModel</name>
    <message>
        <source>Job ID</source>
        <translation>ID du job</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>Polled (local time)</source>
        <translation>Reçu (heure locale)</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileEditDialog</name>
    <message>
        <source>Secret access key</source>
        <translation>Clé d’accès secrète</translation>
    </message>
    <message>
        <source>Session token</source>
        <translation>Jeton de session</translation>
    </message>
    <message>
        <source>&amp;Copy its keys into the keychain instead of linking it</source>
        <translation>C&amp;opier ses clés dans le trousseau au lieu de le lier</translation>
    </message>
    <message>
        <source>Add Profile</source>
        <translation>Ajouter un profil</translation>
    </message>
    <message>
        <source>Edit Profile “%1”</source>
        <translation>Modifier le profil «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Import AWS Profile</source>
        <translation>Importer un profil AWS</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>e.g. us-east-1; empty: from the AWS profile or environment</source>
        <translation>ex. us-east-1&#xa0;; vide&#xa0;: celle du profil AWS ou de l’environnement</translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation>Point de terminaison personnalisé</translation>
    </message>
    <message>
        <source>empty: the service&apos;s normal endpoint</source>
        <translation>vide&#xa0;: point de terminaison habituel du service</translation>
    </message>
    <message>
        <source>Credential source</source>
        <translation>Source des identifiants</translation>
    </message>
    <message>
        <source>Keys in the system keychain</source>
        <translation>Clés dans le trousseau du système</translation>
    </message>
    <message>
        <source>Linked AWS shared-config profile</source>
        <translation>Profil lié de la configuration partagée AWS</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Variables d’environnement</translation>
    </message>
    <message>
        <source>AWS profile</source>
        <translation>Profil AWS</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>ID de clé d’accès</translation>
    </message>
    <message>
        <source>stored in the keychain; leave empty to keep</source>
        <translation>dans le trousseau&#xa0;; laisser vide pour conserver</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Région&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Keys from:</source>
        <translation>Source des &amp;clés&#xa0;:</translation>
    </message>
    <message>
        <source>AWS &amp;profile:</source>
        <translation>&amp;Profil AWS&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Access key ID:</source>
        <translation>ID de clé d’&amp;accès&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation>Clé d’accès &amp;secrète&#xa0;:</translation>
    </message>
    <message>
        <source>Session &amp;token:</source>
        <translation>&amp;Jeton de session&#xa0;:</translation>
    </message>
    <message>
        <source>The AWS profile&apos;s static keys are copied into the system keychain now; later changes to the AWS files do not apply.</source>
        <translation>Les clés statiques du profil AWS sont copiées dès maintenant dans le trousseau du système&#xa0;; les modifications ultérieures des fichiers AWS ne seront pas prises en compte.</translation>
    </message>
    <message>
        <source>The AWS profile is read each time a request needs it; no key is copied.</source>
        <translation>Le profil AWS est lu chaque fois qu’une requête en a besoin&#xa0;; aucune clé n’est copiée.</translation>
    </message>
    <message>
        <source>Enter the access key ID and the secret access key.</source>
        <translation>Saisissez l’ID de clé d’accès et la clé d’accès secrète.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key, or neither to keep the stored keys.</source>
        <translation>Saisissez à la fois l’ID de clé d’accès et la clé d’accès secrète, ou aucun des deux pour conserver les clés enregistrées.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>Saisissez à la fois l’ID de clé d’accès et la clé d’accès secrète.</translation>
    </message>
    <message>
        <source>The access key ID</source>
        <translation>L’ID de clé d’accès</translation>
    </message>
    <message>
        <source>The secret access key</source>
        <translation>La clé d’accès secrète</translation>
    </message>
    <message>
        <source>The session token</source>
        <translation>Le jeton de session</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>La région</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Le point de terminaison</translation>
    </message>
    <message>
        <source>Choose the AWS profile to link.</source>
        <translation>Choisissez le profil AWS à lier.</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>Point de &amp;terminaison&#xa0;:</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>Se conn&amp;ecter…</translation>
    </message>
    <message>
        <source>Cancel Sign-In</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <source>New SSO Profile</source>
        <translation>Nouveau profil SSO</translation>
    </message>
    <message>
        <source>IAM Identity Center (SSO)</source>
        <translation>IAM Identity Center (SSO)</translation>
    </message>
    <message>
        <source>Start URL</source>
        <translation>URL de démarrage</translation>
    </message>
    <message>
        <source>SSO region</source>
        <translation>Région SSO</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Nom de session</translation>
    </message>
    <message>
        <source>the profile&apos;s name</source>
        <translation>le nom du profil</translation>
    </message>
    <message>
        <source>How to sign in</source>
        <translation>Mode de connexion</translation>
    </message>
    <message>
        <source>The browser on this computer</source>
        <translation>Le navigateur de cet ordinateur</translation>
    </message>
    <message>
        <source>A code confirmed on another device</source>
        <translation>Un code confirmé sur un autre appareil</translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation>Se connecter a&amp;vec&#xa0;:</translation>
    </message>
    <message>
        <source>Start &amp;URL:</source>
        <translation>&amp;URL de démarrage&#xa0;:</translation>
    </message>
    <message>
        <source>SSO re&amp;gion:</source>
        <translation>Ré&amp;gion SSO&#xa0;:</translation>
    </message>
    <message>
        <source>Session na&amp;me:</source>
        <translation>No&amp;m de session&#xa0;:</translation>
    </message>
    <message>
        <source>The address of your AWS access portal, where you sign in to IAM Identity Center</source>
        <translation>L’adresse de votre portail d’accès AWS, où vous vous connectez à IAM Identity Center</translation>
    </message>
    <message>
        <source>The region where your organisation runs IAM Identity Center</source>
        <translation>La région où votre organisation exécute IAM Identity Center</translation>
    </message>
    <message>
        <source>Names the sign-in, as an sso-session does for the AWS CLI. Profiles with the same session share one sign-in: signing in once serves them all.</source>
        <translation>Nomme la connexion, comme le fait une sso-session pour l’AWS CLI. Les profils ayant la même session partagent une connexion&#xa0;: une seule connexion les sert tous.</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>Connectez-vous pour lister les comptes et rôles que vous pouvez utiliser.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
    <message>
        <source>The sign-in failed: %1</source>
        <translation>La connexion a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Waiting for the sign-in under way…</source>
        <translation>Attente de la connexion en cours…</translation>
    </message>
    <message>
        <source>Enter the start URL of your AWS access portal, e.g. https://d-1234567890.awsapps.com/start.</source>
        <translation>Saisissez l’URL de démarrage de votre portail d’accès AWS, par ex. https://d-1234567890.awsapps.com/start.</translation>
    </message>
    <message>
        <source>The start URL</source>
        <translation>L’URL de démarrage</translation>
    </message>
    <message>
        <source>The start URL must begin with https://: IAM Identity Center signs in only over HTTPS.</source>
        <translation>L’URL de démarrage doit commencer par https://&#xa0;: IAM Identity Center ne connecte que par HTTPS.</translation>
    </message>
    <message>
        <source>Choose the region where IAM Identity Center runs.</source>
        <translation>Choisissez la région où s’exécute IAM Identity Center.</translation>
    </message>
    <message>
        <source>The SSO region</source>
        <translation>La région SSO</translation>
    </message>
    <message>
        <source>The session name</source>
        <translation>Le nom de session</translation>
    </message>
    <message>
        <source>Sign in, then choose the account this profile uses.</source>
        <translation>Connectez-vous, puis choisissez le compte qu’utilise ce profil.</translation>
    </message>
    <message>
        <source>An AWS account ID is 12 digits; choose the account again.</source>
        <translation>Un ID de compte AWS compte 12 chiffres&#xa0;; choisissez de nouveau le compte.</translation>
    </message>
    <message>
        <source>Choose the role this profile takes in the account.</source>
        <translation>Choisissez le rôle que ce profil prend dans le compte.</translation>
    </message>
    <message>
        <source>Signing in is not available here.</source>
        <translation>La connexion n’est pas disponible ici.</translation>
    </message>
    <message>
        <source>Looking for a sign-in to reuse…</source>
        <translation>Recherche d’une connexion à réutiliser…</translation>
    </message>
    <message>
        <source>The sign-in could not start.</source>
        <translation>La connexion n’a pas pu démarrer.</translation>
    </message>
    <message>
        <source>Continue in your browser: sign in there and allow JobDesk access. %1</source>
        <translation>Continuez dans votre navigateur&#xa0;: connectez-vous et autorisez l’accès à JobDesk. %1</translation>
    </message>
    <message>
        <source>Open the page again</source>
        <translation>Rouvrir la page</translation>
    </message>
    <message>
        <source>Open %1 in a browser, sign in there and allow JobDesk access.</source>
        <translation>Ouvrez %1 dans un navigateur, connectez-vous et autorisez l’accès à JobDesk.</translation>
    </message>
    <message>
        <source>the sign-in page</source>
        <translation>la page de connexion</translation>
    </message>
    <message>
        <source>On any device, open %1 and confirm the code %2.</source>
        <translation>Sur n’importe quel appareil, ouvrez %1 et confirmez le code %2.</translation>
    </message>
    <message>
        <source>Starting the sign-in…</source>
        <translation>Démarrage de la connexion…</translation>
    </message>
    <message>
        <source>Signed in, but the accounts cannot be listed: %1</source>
        <translation>Connecté, mais les comptes ne peuvent pas être listés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Signed in to %1.</source>
        <translation>Connecté à %1.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileListModel</name>
    <message>
        <source>No profile is selected.</source>
        <translation>Aucun profil n’est sélectionné.</translation>
    </message>
    <message>
        <source>Choose a profile in the lookup form.</source>
        <translation>Choisissez un profil dans le formulaire de recherche.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileManagerDialog</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Import from AWS Config…</source>
        <translation>&amp;Importer un profil AWS…</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Tester</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <source>JobDesk profiles</source>
        <translation>Profils JobDesk</translation>
    </message>
    <message>
        <source>Make one signed call to CodePipeline with the profile&apos;s keys</source>
        <translation>Effectuer un appel signé à CodePipeline avec les clés du profil</translation>
    </message>
    <message>
        <source>%1 · region %2</source>
        <translation>%1 · région %2</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non définie</translation>
    </message>
    <message>
        <source>The AWS shared config (%1) has no profiles to import.</source>
        <translation>La configuration partagée AWS (%1) ne contient aucun profil à importer.</translation>
    </message>
    <message>
        <source>Import AWS Profile</source>
        <translation>Importer un profil AWS</translation>
    </message>
    <message>
        <source>AWS profile:</source>
        <translation>Profil AWS&#xa0;:</translation>
    </message>
    <message>
        <source>Keys in the system keychain</source>
        <translation>Clés dans le trousseau du système</translation>
    </message>
    <message>
        <source>Linked to AWS profile “%1”</source>
        <translation>Lié au profil AWS «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Keys from the environment</source>
        <translation>Clés issues de l’environnement</translation>
    </message>
    <message>
        <source>There is no profile “%1”.</source>
        <translation>Il n’existe aucun profil «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>AWS profile “%1” has no static keys to copy (it may use a role or credential_process). Link it instead.</source>
        <translation>Le profil AWS «&#xa0;%1&#xa0;» n’a pas de clés statiques à copier (il utilise peut-être un rôle ou credential_process). Liez-le plutôt.</translation>
    </message>
    <message>
        <source>Saving profile “%1”…</source>
        <translation>Enregistrement du profil «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Saved profile “%1”.</source>
        <translation>Profil «&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Delete profile “%1” and the keys it keeps in the system keychain?</source>
        <translation>Supprimer le profil «&#xa0;%1&#xa0;» et les clés qu’il conserve dans le trousseau du système&#xa0;?</translation>
    </message>
    <message>
        <source>Delete Profile</source>
        <translation>Supprimer le profil</translation>
    </message>
    <message>
        <source>Deleted profile “%1”.</source>
        <translation>Profil «&#xa0;%1&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>Choose a profile to test.</source>
        <translation>Choisissez un profil à tester.</translation>
    </message>
    <message>
        <source>Testing profile “%1”…</source>
        <translation>Test du profil «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Profile “%1” has no usable keys: %2</source>
        <translation>Le profil «&#xa0;%1&#xa0;» n’a pas de clés utilisables&#xa0;: %2</translation>
    </message>
    <message>
        <source>The keys of “%1” work: CodePipeline accepted the signed call (and, as expected, does not know the test job).</source>
        <translation>Les clés de «&#xa0;%1&#xa0;» fonctionnent&#xa0;: CodePipeline a accepté l’appel signé (et, comme prévu, ne connaît pas la tâche de test).</translation>
    </message>
    <message>
        <source>The keys of “%1” do not work: the secret access key does not belong to the access key ID (%2).</source>
        <translation>Les clés de «&#xa0;%1&#xa0;» ne fonctionnent pas&#xa0;: la clé d’accès secrète ne correspond pas à l’ID de clé d’accès (%2).</translation>
    </message>
    <message>
        <source>The keys of “%1” do not work: AWS does not know this access key ID (%2).</source>
        <translation>Les clés de «&#xa0;%1&#xa0;» ne fonctionnent pas&#xa0;: AWS ne connaît pas cet ID de clé d’accès (%2).</translation>
    </message>
    <message>
        <source>The test of “%1” could not tell whether the keys work: %2</source>
        <translation>Le test de «&#xa0;%1&#xa0;» n’a pas permis de déterminer si les clés fonctionnent&#xa0;: %2</translation>
    </message>
    <message>
        <source>Role %1 in account %2 through IAM Identity Center</source>
        <translation>Rôle %1 dans le compte %2 via IAM Identity Center</translation>
    </message>
    <message>
        <source>New &amp;SSO Profile…</source>
        <translation>&amp;Nouveau profil SSO…</translation>
    </message>
    <message>
        <source>Sign in with IAM Identity Center and pick an account and role</source>
        <translation>Se connecter avec IAM Identity Center et choisir un compte et un rôle</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::QueryBar</name>
    <message>
        <source>Show secrets</source>
        <translation>Afficher les secrets</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>JMESPath, e.g. jobDetails.data.inputArtifacts[*].name (%1)</source>
        <translation>JMESPath, p. ex. jobDetails.data.inputArtifacts[*].name (%1)</translation>
    </message>
    <message>
        <source>Filters the job as the AWS CLI&apos;s --query does; the result shows as you type (%1)</source>
        <translation>Filtre la tâche comme le fait --query de l’AWS CLI&#xa0;; le résultat s’affiche pendant la saisie (%1)</translation>
    </message>
    <message>
        <source>JMESPath query</source>
        <translation>Requête JMESPath</translation>
    </message>
    <message>
        <source>&amp;Query:</source>
        <translation>Re&amp;quête&#xa0;:</translation>
    </message>
    <message>
        <source>Show the result as jobdesk-cli --output prints it</source>
        <translation>Afficher le résultat tel que jobdesk-cli --output l’affiche</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>Format de sortie</translation>
    </message>
    <message>
        <source>Query the artifact credentials and masked configuration values too; while this is off the query sees only %1 in their place</source>
        <translation>Interroger aussi les identifiants d’artefact et les valeurs de configuration masquées&#xa0;; tant que cette case est décochée, la requête ne voit que %1 à leur place</translation>
    </message>
    <message>
        <source>Query result, as jobdesk-cli prints it</source>
        <translation>Résultat de la requête, tel que l’affiche jobdesk-cli</translation>
    </message>
    <message>
        <source>Query result tree</source>
        <translation>Arborescence du résultat de la requête</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Sortie&#xa0;:</translation>
    </message>
    <message>
        <source>The AWS CLI&apos;s text output stops here: it cannot print a list that holds an object and other values. jobdesk-cli stops the same way.</source>
        <translation>La sortie texte de l’AWS CLI s’arrête ici&#xa0;: elle ne peut pas afficher une liste qui contient un objet et d’autres valeurs. jobdesk-cli s’arrête de la même façon.</translation>
    </message>
    <message>
        <source>The AWS CLI cannot draw this result as a table, and neither does jobdesk-cli. Choose json or text.</source>
        <translation>L’AWS CLI ne peut pas présenter ce résultat sous forme de tableau, jobdesk-cli non plus. Choisissez json ou text.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::RecentLookupsDock</name>
    <message>
        <source>Recent Lookups</source>
        <translation>Recherches récentes</translation>
    </message>
    <message>
        <source>Recent lookups</source>
        <translation>Recherches récentes</translation>
    </message>
    <message>
        <source>Activate an entry to put its job ID, profile and region back into the form</source>
        <translation>Activez une entrée pour remettre son ID de tâche, son profil et sa région dans le formulaire</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Effacer la liste</translation>
    </message>
    <message>
        <source>Forget all recent lookups?</source>
        <translation>Oublier toutes les recherches récentes&#xa0;?</translation>
    </message>
    <message>
        <source>Activity Log…</source>
        <translation>Journal d’activité…</translation>
    </message>
    <message>
        <source>Every poll, acknowledgement and result sent with a profile</source>
        <translation>Chaque interrogation, accusé de réception et résultat envoyé avec un profil</translation>
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
        <translation>Heure</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ID de tâche</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SettingsDialog</name>
    <message>
        <source>&amp;Verify TLS certificates</source>
        <translation>&amp;Vérifier les certificats TLS</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>No timeout</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>Connect timeout in seconds</source>
        <translation>Délai de connexion en secondes</translation>
    </message>
    <message>
        <source>Read timeout in seconds</source>
        <translation>Délai de lecture en secondes</translation>
    </message>
    <message>
        <source>Attempts per request, the first included</source>
        <translation>Tentatives par requête, la première comprise</translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation>Proxy du système</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Aucun proxy</translation>
    </message>
    <message>
        <source>Manual HTTP proxy</source>
        <translation>Proxy HTTP manuel</translation>
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
        <translation>Hôte du proxy</translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation>Port du proxy</translation>
    </message>
    <message>
        <source>Only the system&apos;s certificates</source>
        <translation>Certificats du système uniquement</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>Fichier du bundle CA</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>Vérifier les certificats TLS</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification off:&lt;/b&gt; anyone on the network path can read and change what JobDesk sends and receives, including the client token and artifact credentials. Use a CA bundle instead where you can.</source>
        <translation>&lt;b&gt;Vérification désactivée&#xa0;:&lt;/b&gt; toute personne sur le chemin réseau peut lire et modifier ce que JobDesk envoie et reçoit, y compris le jeton client et les identifiants d’artefact. Utilisez plutôt un bundle CA lorsque c’est possible.</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>The new language is used the next time JobDesk starts.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage de JobDesk.</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>CA Bundle</source>
        <translation>Bundle CA</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation>Délai de &amp;connexion&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Read timeout:</source>
        <translation>Délai de l&amp;ecture&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation>&amp;Tentatives&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Proxy&#xa0;:</translation>
    </message>
    <message>
        <source>Proxy &amp;host and port:</source>
        <translation>&amp;Hôte et port du proxy&#xa0;:</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>&amp;Bundle CA&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>Thè&amp;me&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>The proxy host</source>
        <translation>L’hôte du proxy</translation>
    </message>
    <message>
        <source>The CA bundle</source>
        <translation>Le bundle CA</translation>
    </message>
    <message>
        <source>S3&apos;s public endpoints</source>
        <translation>Les points de terminaison publics de S3</translation>
    </message>
    <message>
        <source>S3 endpoint URL</source>
        <translation>URL du point de terminaison S3</translation>
    </message>
    <message>
        <source>Where artifacts are downloaded from and uploaded to, for a private endpoint or a local emulator. Empty: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL when set, else S3&apos;s public hosts.</source>
        <translation>D’où les artefacts sont téléchargés et où ils sont envoyés, pour un point de terminaison privé ou un émulateur local. Vide : AWS_ENDPOINT_URL_S3 ou AWS_ENDPOINT_URL s’ils sont définis, sinon les hôtes publics de S3.</translation>
    </message>
    <message>
        <source>&amp;S3 endpoint:</source>
        <translation>Point de terminaison &amp;S3&#xa0;:</translation>
    </message>
    <message>
        <source>The S3 endpoint</source>
        <translation>Le point de terminaison S3</translation>
    </message>
    <message>
        <source>Share s&amp;ign-in with the AWS CLI</source>
        <translation>Partager la connexion &amp;avec l&apos;AWS CLI</translation>
    </message>
    <message>
        <source>Share IAM Identity Center sign-ins with the AWS CLI</source>
        <translation>Partager les connexions IAM Identity Center avec l&apos;AWS CLI</translation>
    </message>
    <message>
        <source>When on, an IAM Identity Center sign-in is also written to the AWS CLI&apos;s token cache (~/.aws/sso/cache, a file only you can read), so that the AWS CLI and SDKs use it too. Off by default: JobDesk then keeps sign-ins in the system keychain only.</source>
        <translation>Si activé, une connexion IAM Identity Center est aussi écrite dans le cache de jetons de l&apos;AWS CLI (~/.aws/sso/cache, un fichier que vous seul pouvez lire), afin que l&apos;AWS CLI et les SDK l&apos;utilisent aussi. Désactivé par défaut : JobDesk garde alors les connexions dans le trousseau du système uniquement.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoAccountPicker</name>
    <message>
        <source>Filter accounts</source>
        <translation>Filtrer les comptes</translation>
    </message>
    <message>
        <source>Part of an account&apos;s name, ID or e-mail</source>
        <translation>Partie du nom, de l’ID ou de l’e-mail d’un compte</translation>
    </message>
    <message>
        <source>AWS accounts</source>
        <translation>Comptes AWS</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Choose an account first</source>
        <translation>Choisissez d’abord un compte</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtrer&#xa0;:</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>Comptes&#xa0;:</translation>
    </message>
    <message>
        <source>Ro&amp;le:</source>
        <translation>Rô&amp;le&#xa0;:</translation>
    </message>
    <message>
        <source>Listing the accounts you may use…</source>
        <translation>Liste des comptes que vous pouvez utiliser…</translation>
    </message>
    <message>
        <source>This sign-in may use no AWS account. Ask your administrator for access, or sign in as someone else.</source>
        <translation>Cette connexion ne peut utiliser aucun compte AWS. Demandez un accès à votre administrateur ou connectez-vous sous une autre identité.</translation>
    </message>
    <message>
        <source>This sign-in may not use account %1.</source>
        <translation>Cette connexion ne peut pas utiliser le compte %1.</translation>
    </message>
    <message>
        <source>Choose one of the accounts listed.</source>
        <translation>Choisissez l’un des comptes listés.</translation>
    </message>
    <message>
        <source>Listing your roles in %1…</source>
        <translation>Liste de vos rôles dans %1…</translation>
    </message>
    <message>
        <source>You have no role in %1; choose another account.</source>
        <translation>Vous n’avez aucun rôle dans %1&#xa0;; choisissez un autre compte.</translation>
    </message>
    <message>
        <source>Sign in to list the accounts and roles you may use.</source>
        <translation>Connectez-vous pour lister les comptes et rôles que vous pouvez utiliser.</translation>
    </message>
    <message>
        <source>Saved: role %1 in account %2. Sign in to list the accounts and roles you may use.</source>
        <translation>Enregistré&#xa0;: rôle %1 dans le compte %2. Connectez-vous pour lister les comptes et rôles que vous pouvez utiliser.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>One account. Choose it, then a role.</source>
        <translation>Un compte. Choisissez-le, puis un rôle.</translation>
    </message>
    <message>
        <source>%1 accounts. Choose one, then a role.</source>
        <translation>%1 comptes. Choisissez-en un, puis un rôle.</translation>
    </message>
    <message>
        <source>One role in %1.</source>
        <translation>Un rôle dans %1.</translation>
    </message>
    <message>
        <source>%1 roles in %2.</source>
        <translation>%1 rôles dans %2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoAccountsModel</name>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInActions</name>
    <message>
        <source>Signed out.</source>
        <translation>Déconnecté.</translation>
    </message>
    <message>
        <source>Profile %1 waits for you to sign in…</source>
        <translation>Le profil %1 attend que vous vous connectiez…</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInDialog</name>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>&amp;Open Browser Again</source>
        <translation>&amp;Rouvrir le navigateur</translation>
    </message>
    <message>
        <source>Co&amp;py Code</source>
        <translation>Co&amp;pier le code</translation>
    </message>
    <message>
        <source>Use a Code &amp;Instead</source>
        <translation>Utiliser plutôt un &amp;code</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center at &lt;b&gt;%1&lt;/b&gt; to continue.</source>
        <translation>Connectez-vous à IAM Identity Center sur &lt;b&gt;%1&lt;/b&gt; pour continuer.</translation>
    </message>
    <message>
        <source>Profile “%1” needs you to sign in to IAM Identity Center at &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» a besoin que vous vous connectiez à IAM Identity Center sur &lt;b&gt;%2&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Preparing the sign-in…</source>
        <translation>Préparation de la connexion…</translation>
    </message>
    <message>
        <source>Sign-in page address</source>
        <translation>Adresse de la page de connexion</translation>
    </message>
    <message>
        <source>Open the page below in a browser, on this computer or another one, and enter this code:</source>
        <translation>Ouvrez la page ci-dessous dans un navigateur, sur cet ordinateur ou un autre, et saisissez ce code&#xa0;:</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Code de connexion</translation>
    </message>
    <message>
        <source>Before you approve, check that the page shows this same code. Never approve a code you did not ask for.</source>
        <translation>Avant d&apos;approuver, vérifiez que la page affiche ce même code. N&apos;approuvez jamais un code que vous n&apos;avez pas demandé.</translation>
    </message>
    <message>
        <source>For when the browser is on another computer or cannot reach JobDesk: sign in with a code you enter on the sign-in page instead.</source>
        <translation>Si le navigateur est sur un autre ordinateur ou ne peut pas joindre JobDesk&#xa0;: connectez-vous plutôt avec un code que vous saisissez sur la page de connexion.</translation>
    </message>
    <message>
        <source>Sign-in page: %1</source>
        <translation>Page de connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Continue in your browser.&lt;/b&gt; JobDesk opened the sign-in page there: sign in and allow access, and this window closes by itself. If no page opened, open this address in your browser:</source>
        <translation>&lt;b&gt;Continuez dans votre navigateur.&lt;/b&gt; JobDesk y a ouvert la page de connexion&#xa0;: connectez-vous et autorisez l&apos;accès, et cette fenêtre se fermera d&apos;elle-même. Si aucune page ne s&apos;est ouverte, ouvrez cette adresse dans votre navigateur&#xa0;:</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>En attente du navigateur…</translation>
    </message>
    <message>
        <source>Waiting for you to approve the code…</source>
        <translation>En attente de votre approbation du code…</translation>
    </message>
    <message>
        <source>&lt;b&gt;JobDesk could not open a browser.&lt;/b&gt; Open this address in your browser, or use a code instead:</source>
        <translation>&lt;b&gt;JobDesk n&apos;a pas pu ouvrir de navigateur.&lt;/b&gt; Ouvrez cette adresse dans votre navigateur, ou utilisez plutôt un code&#xa0;:</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoSignInPrompter</name>
    <message>
        <source>This window cannot sign in to IAM Identity Center.</source>
        <translation>Cette fenêtre ne peut pas se connecter à IAM Identity Center.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SsoStatusWidget</name>
    <message>
        <source>Checking the sign-in to %1…</source>
        <translation>Vérification de la connexion à %1…</translation>
    </message>
    <message>
        <source>Signed in to %1 until %2</source>
        <translation>Connecté à %1 jusqu’à %2</translation>
    </message>
    <message>
        <source>Signed in to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Sign-in to %1 expired</source>
        <translation>Connexion à %1 expirée</translation>
    </message>
    <message>
        <source>Not signed in to %1</source>
        <translation>Non connecté à %1</translation>
    </message>
    <message>
        <source>IAM Identity Center at %1: role %2 in account %3</source>
        <translation>IAM Identity Center sur %1&#xa0;: rôle %2 dans le compte %3</translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>End the sign-in to %1 and forget its token</source>
        <translation>Mettre fin à la connexion à %1 et oublier son jeton</translation>
    </message>
    <message>
        <source>Sign in to %1 in your browser</source>
        <translation>Se connecter à %1 dans votre navigateur</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SuccessResultDialog</name>
    <message>
        <source>Set</source>
        <translation>Indiquer</translation>
    </message>
    <message>
        <source>Re&amp;view and Send…</source>
        <translation>&amp;Vérifier et envoyer…</translation>
    </message>
    <message>
        <source>Report Success</source>
        <translation>Signaler une réussite</translation>
    </message>
    <message>
        <source>Execution summary</source>
        <translation>Résumé de l&apos;exécution</translation>
    </message>
    <message>
        <source>What the action did, as the customer sees it in the action&apos;s details</source>
        <translation>Ce que l&apos;action a fait, tel que le client le voit dans les détails de l&apos;action</translation>
    </message>
    <message>
        <source>External execution ID</source>
        <translation>ID d&apos;exécution externe</translation>
    </message>
    <message>
        <source>The run&apos;s ID in your service (optional)</source>
        <translation>L&apos;ID de l&apos;exécution dans votre service (facultatif)</translation>
    </message>
    <message>
        <source>Percent complete</source>
        <translation>Pourcentage achevé</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>e.g. a commit ID or build number</source>
        <translation>p. ex. un ID de commit ou un numéro de build</translation>
    </message>
    <message>
        <source>Change identifier</source>
        <translation>Identifiant de modification</translation>
    </message>
    <message>
        <source>Give a creation time</source>
        <translation>Indiquer une date de création</translation>
    </message>
    <message>
        <source>Revision created (UTC)</source>
        <translation>Révision créée (UTC)</translation>
    </message>
    <message>
        <source>Revision summary</source>
        <translation>Résumé de la révision</translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation>Jeton de continuation</translation>
    </message>
    <message>
        <source>empty: the job is finished</source>
        <translation>vide : le job est terminé</translation>
    </message>
    <message>
        <source>Every field is optional. A group you fill in is sent with the success result; nothing is sent before you confirm.</source>
        <translation>Chaque champ est facultatif. Un groupe rempli est envoyé avec le résultat de réussite ; rien n&apos;est envoyé avant votre confirmation.</translation>
    </message>
    <message>
        <source>Execution details</source>
        <translation>Détails de l&apos;exécution</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>Ré&amp;sumé :</translation>
    </message>
    <message>
        <source>E&amp;xternal execution ID:</source>
        <translation>ID d&apos;e&amp;xécution externe :</translation>
    </message>
    <message>
        <source>&amp;Percent complete:</source>
        <translation>&amp;Pourcentage achevé :</translation>
    </message>
    <message>
        <source>Current revision</source>
        <translation>Révision actuelle</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>&amp;Révision :</translation>
    </message>
    <message>
        <source>C&amp;hange identifier:</source>
        <translation>Identifiant de &amp;modification :</translation>
    </message>
    <message>
        <source>&amp;Created (UTC):</source>
        <translation>&amp;Créée (UTC) :</translation>
    </message>
    <message>
        <source>Revision s&amp;ummary:</source>
        <translation>Résumé &amp;de la révision :</translation>
    </message>
    <message>
        <source>Continue the job</source>
        <translation>Poursuivre le job</translation>
    </message>
    <message>
        <source>With a continuation token the action is not finished: CodePipeline gives your service another job for it, carrying this token.</source>
        <translation>Avec un jeton de continuation, l&apos;action n&apos;est pas terminée : CodePipeline donne à votre service un autre job pour elle, porteur de ce jeton.</translation>
    </message>
    <message>
        <source>Continuation t&amp;oken:</source>
        <translation>&amp;Jeton de continuation :</translation>
    </message>
    <message>
        <source>The summary</source>
        <translation>Le résumé</translation>
    </message>
    <message>
        <source>The external execution ID</source>
        <translation>L&apos;ID d&apos;exécution externe</translation>
    </message>
    <message>
        <source>The percent complete</source>
        <translation>Le pourcentage achevé</translation>
    </message>
    <message>
        <source>The revision</source>
        <translation>La révision</translation>
    </message>
    <message>
        <source>A current revision needs the revision itself: enter it, or clear the revision&apos;s fields.</source>
        <translation>Une révision actuelle a besoin de la révision elle-même : saisissez-la ou videz les champs de la révision.</translation>
    </message>
    <message>
        <source>The change identifier</source>
        <translation>L&apos;identifiant de modification</translation>
    </message>
    <message>
        <source>A current revision needs its change identifier: enter it, or clear the revision&apos;s fields.</source>
        <translation>Une révision actuelle a besoin de son identifiant de modification : saisissez-le ou videz les champs de la révision.</translation>
    </message>
    <message>
        <source>The creation time</source>
        <translation>La date de création</translation>
    </message>
    <message>
        <source>The revision summary</source>
        <translation>Le résumé de la révision</translation>
    </message>
    <message>
        <source>The continuation token</source>
        <translation>Le jeton de continuation</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::TransferManager</name>
    <message>
        <source>The upload was cancelled.</source>
        <translation>L’envoi a été annulé.</translation>
    </message>
    <message>
        <source>Could not make a temporary folder for opened artifacts: %1</source>
        <translation>Impossible de créer un dossier temporaire pour les artefacts ouverts : %1</translation>
    </message>
    <message>
        <source>Check that the temporary folder exists and has room, or use Download instead.</source>
        <translation>Vérifiez que le dossier temporaire existe et a de la place, ou utilisez plutôt Télécharger.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>« %1 » n’existe pas.</translation>
    </message>
    <message>
        <source>Choose an existing file or folder.</source>
        <translation>Choisissez un fichier ou un dossier existant.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a folder.</source>
        <translation>« %1 » n’est ni un fichier ni un dossier.</translation>
    </message>
    <message>
        <source>Choose a zip file or a folder to zip.</source>
        <translation>Choisissez un fichier zip ou un dossier à zipper.</translation>
    </message>
    <message>
        <source>Could not make a temporary folder to zip into: %1</source>
        <translation>Impossible de créer un dossier temporaire pour zipper : %1</translation>
    </message>
    <message>
        <source>Zip the folder yourself and upload the zip file.</source>
        <translation>Zippez le dossier vous-même et envoyez le fichier zip.</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::TransfersPanel</name>
    <message>
        <source>Zipping the folder</source>
        <translation>Compression du dossier</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Lecture du fichier</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Asking S3 what it stored</source>
        <translation>Demande à S3 ce qu’il a stocké</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Téléchargé</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>No artifact has been downloaded or uploaded yet.</source>
        <translation>Aucun artefact n’a encore été téléchargé ni envoyé.</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Effacer les terminés</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 restantes</translation>
    </message>
    <message>
        <source>%1: download of %2</source>
        <translation>%1 : téléchargement de %2</translation>
    </message>
    <message>
        <source>%1: upload to %2</source>
        <translation>%1 : envoi vers %2</translation>
    </message>
    <message>
        <source>SHA-256 of the file written: %1</source>
        <translation>SHA-256 du fichier écrit : %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Enregistré sous %1</translation>
    </message>
    <message>
        <source>Stored: %1, ETag %2</source>
        <translation>Stocké : %1, ETag %2</translation>
    </message>
    <message>
        <source>Server-side encryption: %1</source>
        <translation>Chiffrement côté serveur : %1</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>non indiqué</translation>
    </message>
    <message>
        <source>KMS key: %1</source>
        <translation>Clé KMS : %1</translation>
    </message>
    <message>
        <source>SHA-256 of the file sent: %1</source>
        <translation>SHA-256 du fichier envoyé : %1</translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation>ID de requête : %1</translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::UploadDialog</name>
    <message>
        <source>File…</source>
        <translation>Fichier…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>Upload Output Artifact</source>
        <translation>Envoyer l’artefact de sortie</translation>
    </message>
    <message>
        <source>A zip file, or a folder to zip</source>
        <translation>Un fichier zip, ou un dossier à zipper</translation>
    </message>
    <message>
        <source>File or folder to upload</source>
        <translation>Fichier ou dossier à envoyer</translation>
    </message>
    <message>
        <source>File to Upload</source>
        <translation>Fichier à envoyer</translation>
    </message>
    <message>
        <source>Zip files (*.zip);;All files (*)</source>
        <translation>Fichiers zip (*.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Folder to Zip and Upload</source>
        <translation>Dossier à zipper et envoyer</translation>
    </message>
    <message>
        <source>Output artifact</source>
        <translation>Artefact de sortie</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Bucket default (the job names no KMS key)</source>
        <translation>Par défaut du compartiment (la tâche ne nomme aucune clé KMS)</translation>
    </message>
    <message>
        <source>%1 (the job&apos;s key, SSE-KMS)</source>
        <translation>%1 (la clé de la tâche, SSE-KMS)</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>S&amp;ource&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Output artifact:</source>
        <translation>Artefact de &amp;sortie&#xa0;:</translation>
    </message>
    <message>
        <source>KMS key:</source>
        <translation>Clé KMS&#xa0;:</translation>
    </message>
    <message>
        <source>A folder is zipped first, its files under their relative paths. The pipeline&apos;s next actions read the artifact as it is uploaded here.</source>
        <translation>Un dossier est d’abord zippé, ses fichiers sous leurs chemins relatifs. Les actions suivantes du pipeline lisent l’artefact tel qu’il est envoyé ici.</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>Continuer…</translation>
    </message>
    <message>
        <source>Choose a zip file or a folder to upload.</source>
        <translation>Choisissez un fichier zip ou un dossier à envoyer.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not exist.</source>
        <translation>« %1 » n’existe pas.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a folder.</source>
        <translation>« %1 » n’est ni un fichier ni un dossier.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be read.</source>
        <translation>« %1 » ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The job has no output artifact in S3 to upload to.</source>
        <translation>La tâche n’a pas d’artefact de sortie dans S3 vers lequel envoyer.</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::ActivityEntry</name>
    <message>
        <source>The activity record was changed or damaged outside JobDesk.</source>
        <translation>Le journal d’activité a été modifié ou endommagé en dehors de JobDesk.</translation>
    </message>
    <message>
        <source>An activity entry is not a JSON object.</source>
        <translation>Une entrée d’activité n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>Poll for jobs</source>
        <translation>Relever les tâches</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Accuser réception</translation>
    </message>
    <message>
        <source>Report success</source>
        <translation>Signaler la réussite</translation>
    </message>
    <message>
        <source>Report failure</source>
        <translation>Signaler l’échec</translation>
    </message>
    <message>
        <source>Fetch details</source>
        <translation>Récupérer les détails</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>tâche %1</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>terminé&#xa0;: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>failed: %1: %2</source>
        <translation>échec&#xa0;: %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>request ID %1</source>
        <translation>ID de requête %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The activity entry has no &quot;%1&quot;.</source>
        <translation>L’entrée d’activité n’a pas de «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a string.</source>
        <translation>«&#xa0;%1&#xa0;» de l’entrée d’activité n’est pas une chaîne.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a date and time with its zone, such as 2026-12-03T08:45:22.123Z.</source>
        <translation>«&#xa0;%1&#xa0;» de l’entrée d’activité n’est pas une date et heure avec son fuseau, comme 2026-12-03T08:45:22.123Z.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is empty.</source>
        <translation>«&#xa0;%1&#xa0;» de l’entrée d’activité est vide.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not an object.</source>
        <translation>«&#xa0;%1&#xa0;» de l’entrée d’activité n’est pas un objet.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not true or false.</source>
        <translation>«&#xa0;%1&#xa0;» de l’entrée d’activité n’est ni true ni false.</translation>
    </message>
    <message>
        <source>The activity entry&apos;s &quot;%1&quot; is not a whole number of milliseconds.</source>
        <translation>«&#xa0;%1&#xa0;» de l’entrée d’activité n’est pas un nombre entier de millisecondes.</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::ActivityFile</name>
    <message>
        <source>Check that you can write to %1 and that the disk has space left.</source>
        <translation>Vérifiez que vous pouvez écrire dans %1 et qu’il reste de la place sur le disque.</translation>
    </message>
    <message>
        <source>Cannot create the activity folder %1: %2</source>
        <translation>Impossible de créer le dossier d’activité %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the folder could not be made</source>
        <translation>le dossier n’a pas pu être créé</translation>
    </message>
    <message>
        <source>Cannot make the activity folder %1 private: %2</source>
        <translation>Impossible de rendre le dossier d’activité %1 privé&#xa0;: %2</translation>
    </message>
    <message>
        <source>its permissions could not be changed</source>
        <translation>ses permissions n’ont pas pu être modifiées</translation>
    </message>
    <message>
        <source>Cannot open the activity record %1: %2</source>
        <translation>Impossible d’ouvrir le journal d’activité %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot write to the activity record %1: %2</source>
        <translation>Impossible d’écrire dans le journal d’activité %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot read the activity record %1: %2</source>
        <translation>Impossible de lire le journal d’activité %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check that the file is yours and readable.</source>
        <translation>Vérifiez que le fichier vous appartient et qu’il est lisible.</translation>
    </message>
</context>
<context>
    <name>jobdesk::output::JobExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with space left.</source>
        <translation>Choisissez un dossier où vous pouvez écrire et qui dispose d’espace libre.</translation>
    </message>
</context>
<context>
    <name>jobdesk::platform::FileSecurity</name>
    <message>
        <source>Could not make %1 readable by you alone: %2</source>
        <translation>Impossible de rendre %1 lisible par vous seul&#xa0;: %2</translation>
    </message>
    <message>
        <source>Choose a folder on a local disk that you own.</source>
        <translation>Choisissez un dossier sur un disque local dont vous êtes propriétaire.</translation>
    </message>
    <message>
        <source>the file is not open</source>
        <translation>le fichier n’est pas ouvert</translation>
    </message>
</context>
<context>
    <name>jobdesk::platform::ProgramSearch</name>
    <message>
        <source>in JobDesk&apos;s folder, the current folder, the Windows system folders or on PATH</source>
        <translation>dans le dossier de JobDesk, le dossier courant, les dossiers système de Windows ou le PATH</translation>
    </message>
    <message>
        <source>on PATH</source>
        <translation>dans le PATH</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ClientTokenVault</name>
    <message>
        <source>A saved token needs a label, such as the customer or clientId.</source>
        <translation>Un jeton enregistré doit avoir un libellé, par exemple le client ou le clientId.</translation>
    </message>
    <message>
        <source>A label cannot start or end with a space.</source>
        <translation>Un libellé ne peut ni commencer ni se terminer par un espace.</translation>
    </message>
    <message>
        <source>A label can be at most 256 characters long.</source>
        <translation>Un libellé ne peut pas dépasser 256 caractères.</translation>
    </message>
    <message>
        <source>A label cannot contain control characters.</source>
        <translation>Un libellé ne peut pas contenir de caractères de contrôle.</translation>
    </message>
    <message>
        <source>The token is empty.</source>
        <translation>Le jeton est vide.</translation>
    </message>
    <message>
        <source>No client token is saved in %1 under “%2”.</source>
        <translation>Aucun jeton client n’est enregistré dans %1 sous «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Save the token under that label first.</source>
        <translation>Enregistrez d’abord le jeton sous ce libellé.</translation>
    </message>
    <message>
        <source>The client ID is empty.</source>
        <translation>L’ID client est vide.</translation>
    </message>
    <message>
        <source>“%1” is not a client ID: a client ID is a lower-case UUID such as 1a2b3c4d-0000-4000-8000-0123456789ab, as a poll for jobs returns it.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un ID client&#xa0;: un ID client est un UUID en minuscules comme 1a2b3c4d-0000-4000-8000-0123456789ab, tel que l’interrogation des tâches le renvoie.</translation>
    </message>
    <message>
        <source>No client token is saved in %1 for the client ID %2.</source>
        <translation>Aucun jeton client n’est enregistré dans %1 pour l’ID client %2.</translation>
    </message>
    <message>
        <source>Save the partner&apos;s client token for that client ID first.</source>
        <translation>Enregistrez d’abord le jeton client du partenaire pour cet ID client.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::CredentialResolver</name>
    <message>
        <source>It is neither a JobDesk profile nor in %1 or %2.</source>
        <translation>Ce n’est ni un profil JobDesk ni un profil présent dans %1 ou %2.</translation>
    </message>
    <message>
        <source>The config profile (%1) could not be found.</source>
        <translation>Le profil de configuration (%1) est introuvable.</translation>
    </message>
    <message>
        <source>%1 is “%2”, but it must be %3.</source>
        <translation>%1 vaut «&#xa0;%2&#xa0;», mais doit être %3.</translation>
    </message>
    <message>
        <source>Profile “%1” sets %2 to “%3”, but it must be %4.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» définit %2 sur «&#xa0;%3&#xa0;», mais la valeur doit être %4.</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.</source>
        <translation>AWS_ACCESS_KEY_ID est défini, mais pas AWS_SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <source>Set both variables, or unset AWS_ACCESS_KEY_ID to use a profile.</source>
        <translation>Définissez les deux variables, ou supprimez AWS_ACCESS_KEY_ID pour utiliser un profil.</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>une URL http:// ou https://</translation>
    </message>
    <message>
        <source>legacy, standard or adaptive</source>
        <translation>legacy, standard ou adaptive</translation>
    </message>
    <message>
        <source>a whole number of at least 1</source>
        <translation>un nombre entier supérieur ou égal à 1</translation>
    </message>
    <message>
        <source>keychain keys of JobDesk profile “%1”</source>
        <translation>clés du profil JobDesk «&#xa0;%1&#xa0;» dans le trousseau</translation>
    </message>
    <message>
        <source>environment variables (JobDesk profile “%1”)</source>
        <translation>variables d’environnement (profil JobDesk «&#xa0;%1&#xa0;»)</translation>
    </message>
    <message>
        <source>environment variables</source>
        <translation>variables d’environnement</translation>
    </message>
    <message>
        <source>Unable to locate credentials.</source>
        <translation>Impossible de trouver des identifiants.</translation>
    </message>
    <message>
        <source>Choose a JobDesk profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [default] profile with `aws configure`.</source>
        <translation>Choisissez un profil JobDesk, définissez AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, ou ajoutez un profil [default] avec `aws configure`.</translation>
    </message>
    <message>
        <source>JobDesk profile “%1” uses the AWS profile “%2”, which is not in %3 or %4.</source>
        <translation>Le profil JobDesk «&#xa0;%1&#xa0;» utilise le profil AWS «&#xa0;%2&#xa0;», qui ne figure ni dans %3 ni dans %4.</translation>
    </message>
    <message>
        <source>Add that profile with `aws configure --profile %1`, or link the JobDesk profile to another one.</source>
        <translation>Ajoutez ce profil avec `aws configure --profile %1`, ou liez le profil JobDesk à un autre profil.</translation>
    </message>
    <message>
        <source>role %1 assumed by profile “%2”</source>
        <translation>rôle %1 assumé par le profil «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>credential_process of profile “%1”</source>
        <translation>credential_process du profil «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>keys of profile “%1” in %2</source>
        <translation>clés du profil «&#xa0;%1&#xa0;» dans %2</translation>
    </message>
    <message>
        <source>Profile “%1” has no credentials: it sets none of aws_access_key_id, credential_process and role_arn.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» n’a pas d’identifiants&#xa0;: il ne définit ni aws_access_key_id, ni credential_process, ni role_arn.</translation>
    </message>
    <message>
        <source>Add keys with `aws configure --profile %1`, or choose another profile.</source>
        <translation>Ajoutez des clés avec `aws configure --profile %1`, ou choisissez un autre profil.</translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation>un nombre de secondes</translation>
    </message>
    <message>
        <source>Profile “%1” has role_arn, so it needs exactly one of source_profile and credential_source.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» définit role_arn&#xa0;; il doit donc définir soit source_profile, soit credential_source, mais pas les deux.</translation>
    </message>
    <message>
        <source>Profile “%1” assumes the role %2, and JobDesk cannot assume roles yet.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» assume le rôle %2, et JobDesk ne sait pas encore assumer de rôles.</translation>
    </message>
    <message>
        <source>Use a profile with its own keys or a credential_process, or export the role&apos;s temporary keys (for example from `aws sts assume-role`) as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.</source>
        <translation>Utilisez un profil doté de ses propres clés ou d’un credential_process, ou exportez les clés temporaires du rôle (obtenues par exemple avec `aws sts assume-role`) dans AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY et AWS_SESSION_TOKEN.</translation>
    </message>
    <message>
        <source>Profile “%1” takes its source keys from %2, which JobDesk does not read.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» tire ses clés sources de %2, que JobDesk ne lit pas.</translation>
    </message>
    <message>
        <source>Use credential_source = Environment or a source_profile.</source>
        <translation>Utilisez credential_source = Environment ou un source_profile.</translation>
    </message>
    <message>
        <source>Environment, EcsContainer or Ec2InstanceMetadata</source>
        <translation>Environment, EcsContainer ou Ec2InstanceMetadata</translation>
    </message>
    <message>
        <source>Profile “%1” has a source_profile loop through “%2”.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» forme une boucle de source_profile passant par «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Make one profile in the chain use its own keys.</source>
        <translation>Faites en sorte qu’un des profils de la chaîne utilise ses propres clés.</translation>
    </message>
    <message>
        <source>No MFA code was entered, so profile “%1” did not assume the role %2.</source>
        <translation>Aucun code MFA n’a été saisi&#xa0;; le profil «&#xa0;%1&#xa0;» n’a donc pas assumé le rôle %2.</translation>
    </message>
    <message>
        <source>Enter the code that the MFA device %1 shows to use this profile.</source>
        <translation>Pour utiliser ce profil, saisissez le code affiché par l’appareil MFA %1.</translation>
    </message>
    <message>
        <source>That is not an MFA code: profile “%1” needs the 6 digits that the MFA device %2 shows.</source>
        <translation>Ce n’est pas un code MFA&#xa0;: le profil «&#xa0;%1&#xa0;» a besoin des 6 chiffres affichés par l’appareil MFA %2.</translation>
    </message>
    <message>
        <source>Type the current code again, digits only.</source>
        <translation>Saisissez à nouveau le code actuel, uniquement des chiffres.</translation>
    </message>
    <message>
        <source>IAM Identity Center role %1 in account %2 (JobDesk profile “%3”)</source>
        <translation>rôle IAM Identity Center %1 dans le compte %2 (profil JobDesk « %3 »)</translation>
    </message>
    <message>
        <source>IAM Identity Center role %1 in account %2 (profile “%3”)</source>
        <translation>rôle IAM Identity Center %1 dans le compte %2 (profil « %3 »)</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::Keychain</name>
    <message>
        <source>the macOS Keychain</source>
        <translation>le trousseau macOS</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>le Gestionnaire d’identification Windows</translation>
    </message>
    <message>
        <source>the Secret Service (GNOME Keyring / KWallet)</source>
        <translation>le Secret Service (GNOME Keyring / KWallet)</translation>
    </message>
    <message>
        <source>read</source>
        <translation>lire</translation>
    </message>
    <message>
        <source>store</source>
        <translation>stocker</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>supprimer</translation>
    </message>
    <message>
        <source>Start a Secret Service provider in your desktop session (GNOME Keyring or KWallet) and unlock it, then try again. JobDesk does not store secrets anywhere else.</source>
        <translation>Démarrez un fournisseur Secret Service dans votre session de bureau (GNOME Keyring ou KWallet) et déverrouillez-le, puis réessayez. JobDesk ne stocke les secrets nulle part ailleurs.</translation>
    </message>
    <message>
        <source>Make sure the system keychain is available and unlocked, then try again.</source>
        <translation>Assurez-vous que le trousseau du système est disponible et déverrouillé, puis réessayez.</translation>
    </message>
    <message>
        <source>Unlock the keychain and allow JobDesk to use it when asked, then try again.</source>
        <translation>Déverrouillez le trousseau et autorisez JobDesk à l’utiliser lorsque cela vous est demandé, puis réessayez.</translation>
    </message>
    <message>
        <source>Check that GNOME Keyring or KWallet is running and unlocked in this session (a D-Bus session bus is needed), then try again.</source>
        <translation>Vérifiez que GNOME Keyring ou KWallet est lancé et déverrouillé dans cette session (un bus de session D-Bus est nécessaire), puis réessayez.</translation>
    </message>
    <message>
        <source>Check that the system keychain is unlocked, then try again.</source>
        <translation>Vérifiez que le trousseau du système est déverrouillé, puis réessayez.</translation>
    </message>
    <message>
        <source>Could not %1 “%2” in %3: %4</source>
        <translation>Impossible de %1 «&#xa0;%2&#xa0;» dans %3&#xa0;: %4</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::KeychainChunks</name>
    <message>
        <source>A secret stored in pieces could not be put together: %1</source>
        <translation>Impossible de reconstituer un secret enregistré en plusieurs morceaux&#xa0;: %1</translation>
    </message>
    <message>
        <source>Save the profile&apos;s keys or the token again.</source>
        <translation>Enregistrez à nouveau les clés du profil ou le jeton.</translation>
    </message>
    <message>
        <source>The keychain&apos;s entries are too small (%1 bytes) to hold a secret in pieces.</source>
        <translation>Les entrées du trousseau sont trop petites (%1&#xa0;octets) pour contenir un secret en plusieurs morceaux.</translation>
    </message>
    <message>
        <source>The secret is %1 bytes long; the keychain takes at most %2 bytes for one secret.</source>
        <translation>Le secret fait %1&#xa0;octets&#xa0;; le trousseau accepte au plus %2&#xa0;octets par secret.</translation>
    </message>
    <message>
        <source>Check that the value is a key or token and nothing else was pasted with it.</source>
        <translation>Vérifiez que la valeur est une clé ou un jeton et que rien d’autre n’a été collé avec.</translation>
    </message>
    <message>
        <source>%1 of %2 pieces were found</source>
        <translation>%1 morceaux sur %2 ont été trouvés</translation>
    </message>
    <message>
        <source>the pieces belong to different values</source>
        <translation>les morceaux appartiennent à des valeurs différentes</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ProcessCredentials</name>
    <message>
        <source>credential_process of profile “%1” failed: %2</source>
        <translation>Échec du credential_process du profil «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Fix the quoting of credential_process in the AWS config file.</source>
        <translation>Corrigez l’emploi des guillemets dans credential_process, dans le fichier de configuration AWS.</translation>
    </message>
    <message>
        <source>the command is empty.</source>
        <translation>la commande est vide.</translation>
    </message>
    <message>
        <source>Set credential_process to the command that prints the keys.</source>
        <translation>Définissez credential_process sur la commande qui affiche les clés.</translation>
    </message>
    <message>
        <source>Use the program&apos;s full path in credential_process, or add its folder to PATH.</source>
        <translation>Indiquez le chemin complet du programme dans credential_process, ou ajoutez son dossier au PATH.</translation>
    </message>
    <message numerus="yes">
        <source>it did not finish within %n second(s).</source>
        <translation>
            <numerusform>la commande ne s’est pas terminée en %n seconde.</numerusform>
            <numerusform>la commande ne s’est pas terminée en %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check that the command runs on its own and does not wait for input.</source>
        <translation>Vérifiez que la commande s’exécute seule et n’attend aucune saisie.</translation>
    </message>
    <message>
        <source>it printed more than %1 bytes.</source>
        <translation>la commande a affiché plus de %1 octets.</translation>
    </message>
    <message>
        <source>It should print one small JSON object.</source>
        <translation>La commande doit afficher un seul petit objet JSON.</translation>
    </message>
    <message>
        <source>“%1” could not be started: %2</source>
        <translation>impossible de démarrer «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check the path in credential_process and that the file is executable.</source>
        <translation>Vérifiez le chemin indiqué dans credential_process et que le fichier est exécutable.</translation>
    </message>
    <message>
        <source>the command crashed.</source>
        <translation>la commande a planté.</translation>
    </message>
    <message>
        <source>Run the command by hand to see what goes wrong.</source>
        <translation>Exécutez la commande manuellement pour voir ce qui ne va pas.</translation>
    </message>
    <message>
        <source>the command exited with code %1.</source>
        <translation>la commande s’est terminée avec le code %1.</translation>
    </message>
    <message>
        <source>the command exited with code %1: %2</source>
        <translation>la commande s’est terminée avec le code %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The command must print a JSON object with Version 1, AccessKeyId and SecretAccessKey (and optionally SessionToken and Expiration).</source>
        <translation>La commande doit afficher un objet JSON avec Version 1, AccessKeyId et SecretAccessKey (et éventuellement SessionToken et Expiration).</translation>
    </message>
    <message>
        <source>its output is not valid JSON (%1 at offset %2).</source>
        <translation>sa sortie n’est pas du JSON valide (%1 à la position %2).</translation>
    </message>
    <message>
        <source>its output is not a JSON object.</source>
        <translation>sa sortie n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>its output has no Version; supported versions: 1.</source>
        <translation>sa sortie n’a pas de Version&#xa0;; versions prises en charge&#xa0;: 1.</translation>
    </message>
    <message>
        <source>unsupported Version %1; supported versions: 1.</source>
        <translation>Version %1 non prise en charge&#xa0;; versions prises en charge&#xa0;: 1.</translation>
    </message>
    <message>
        <source>missing required key in response: %1.</source>
        <translation>clé obligatoire manquante dans la réponse&#xa0;: %1.</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string.</source>
        <translation>%1 doit être une chaîne non vide.</translation>
    </message>
    <message>
        <source>SessionToken must be a string.</source>
        <translation>SessionToken doit être une chaîne.</translation>
    </message>
    <message>
        <source>Expiration “%1” is not an ISO 8601 time such as 2024-01-31T12:00:00Z.</source>
        <translation>La valeur Expiration «&#xa0;%1&#xa0;» n’est pas une date au format ISO 8601, comme 2024-01-31T12:00:00Z.</translation>
    </message>
    <message>
        <source>the program “%1” was not found %2.</source>
        <translation>le programme « %1 » est introuvable %2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ProfileStore</name>
    <message>
        <source>A profile needs a name.</source>
        <translation>Un profil doit avoir un nom.</translation>
    </message>
    <message>
        <source>A profile name cannot start or end with a space.</source>
        <translation>Un nom de profil ne peut ni commencer ni se terminer par un espace.</translation>
    </message>
    <message>
        <source>A profile name can be at most 128 characters long.</source>
        <translation>Un nom de profil ne peut pas dépasser 128 caractères.</translation>
    </message>
    <message>
        <source>A profile name cannot contain “/”, “\” or control characters.</source>
        <translation>Un nom de profil ne peut contenir ni «&#xa0;/&#xa0;», ni «&#xa0;\&#xa0;», ni caractères de contrôle.</translation>
    </message>
    <message>
        <source>The region</source>
        <translation>La région</translation>
    </message>
    <message>
        <source>The endpoint</source>
        <translation>Le point de terminaison</translation>
    </message>
    <message>
        <source>Choose the AWS shared-config profile to use.</source>
        <translation>Choisissez le profil de la configuration partagée AWS à utiliser.</translation>
    </message>
    <message>
        <source>Enter both the access key ID and the secret access key.</source>
        <translation>Saisissez à la fois l’ID de clé d’accès et la clé d’accès secrète.</translation>
    </message>
    <message>
        <source>Only a profile that keeps its keys in the keychain can store keys.</source>
        <translation>Seul un profil qui conserve ses clés dans le trousseau peut stocker des clés.</translation>
    </message>
    <message>
        <source>Profile “%1” does not keep its keys in the keychain.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» ne conserve pas ses clés dans le trousseau.</translation>
    </message>
    <message>
        <source>No access key is stored in %1 for profile “%2”.</source>
        <translation>Aucune clé d’accès n’est stockée dans %1 pour le profil «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Edit the profile and enter its access key ID and secret access key.</source>
        <translation>Modifiez le profil et saisissez son ID de clé d’accès et sa clé d’accès secrète.</translation>
    </message>
    <message>
        <source>There is already a profile named “%1”.</source>
        <translation>Il existe déjà un profil nommé «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>There is no JobDesk profile named “%1”.</source>
        <translation>Il n’existe aucun profil JobDesk nommé «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Choose one of the profiles in the profile list.</source>
        <translation>Choisissez l’un des profils de la liste des profils.</translation>
    </message>
    <message>
        <source>Enter the start URL of your AWS access portal.</source>
        <translation>Saisissez l’URL de démarrage de votre portail d’accès AWS.</translation>
    </message>
    <message>
        <source>The start URL must be an https:// address, such as https://my-company.awsapps.com/start.</source>
        <translation>L’URL de démarrage doit être une adresse https://, par exemple https://my-company.awsapps.com/start.</translation>
    </message>
    <message>
        <source>The SSO region</source>
        <translation>La région SSO</translation>
    </message>
    <message>
        <source>Choose the region of your IAM Identity Center.</source>
        <translation>Choisissez la région de votre IAM Identity Center.</translation>
    </message>
    <message>
        <source>Choose the AWS account (12 digits).</source>
        <translation>Choisissez le compte AWS (12 chiffres).</translation>
    </message>
    <message>
        <source>Choose the role to use in that account.</source>
        <translation>Choisissez le rôle à utiliser dans ce compte.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::SharedConfig</name>
    <message>
        <source>%1 is not valid UTF-8 text.</source>
        <translation>%1 n’est pas un texte UTF-8 valide.</translation>
    </message>
    <message>
        <source>Save the file as UTF-8.</source>
        <translation>Enregistrez le fichier en UTF-8.</translation>
    </message>
    <message>
        <source>the section [%1] appears a second time.</source>
        <translation>la section [%1] apparaît une deuxième fois.</translation>
    </message>
    <message>
        <source>Merge the two [%1] sections into one.</source>
        <translation>Fusionnez les deux sections [%1] en une seule.</translation>
    </message>
    <message>
        <source>The file starts with a byte-order mark, which the AWS CLI rejects too; save it as UTF-8 without BOM.</source>
        <translation>Le fichier commence par une marque d’ordre des octets (BOM), que l’AWS CLI rejette également&#xa0;; enregistrez-le en UTF-8 sans BOM.</translation>
    </message>
    <message>
        <source>a setting comes before the first [section] header.</source>
        <translation>un paramètre précède le premier en-tête [section].</translation>
    </message>
    <message>
        <source>the setting “%1” appears twice in [%2].</source>
        <translation>le paramètre «&#xa0;%1&#xa0;» apparaît deux fois dans [%2].</translation>
    </message>
    <message>
        <source>Remove one of the two lines.</source>
        <translation>Supprimez l’une des deux lignes.</translation>
    </message>
    <message>
        <source>expected “name = value” or a [section] header.</source>
        <translation>«&#xa0;nom = valeur&#xa0;» ou en-tête [section] attendu.</translation>
    </message>
    <message>
        <source>Check that line for a missing “=”, or indent it if it continues the setting above.</source>
        <translation>Vérifiez s’il manque un «&#xa0;=&#xa0;» sur cette ligne, ou indentez-la si elle prolonge le paramètre précédent.</translation>
    </message>
    <message>
        <source>a nested setting needs the form “name = value”.</source>
        <translation>un paramètre imbriqué doit avoir la forme «&#xa0;nom = valeur&#xa0;».</translation>
    </message>
    <message>
        <source>Profile “%1” in %2 has aws_access_key_id but no aws_secret_access_key.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» dans %2 a un aws_access_key_id, mais pas d’aws_secret_access_key.</translation>
    </message>
    <message>
        <source>Add the secret access key to that profile, or remove the access key ID.</source>
        <translation>Ajoutez la clé d’accès secrète à ce profil, ou supprimez l’ID de clé d’accès.</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, ligne %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Fix that line of the file, or run `aws configure` to rewrite it.</source>
        <translation>Corrigez cette ligne du fichier, ou exécutez `aws configure` pour réécrire le fichier.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>Vérifiez les autorisations du fichier.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::ShellWords</name>
    <message>
        <source>No escaped character after the final backslash.</source>
        <translation>Aucun caractère échappé après la barre oblique inverse finale.</translation>
    </message>
    <message>
        <source>No closing quotation.</source>
        <translation>Guillemet fermant manquant.</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::SsoProfileConfigReader</name>
    <message>
        <source>Check the profile in the AWS config file, or set it up again with `aws configure sso`.</source>
        <translation>Vérifiez le profil dans le fichier de configuration AWS, ou configurez-le de nouveau avec `aws configure sso`.</translation>
    </message>
    <message>
        <source>The specified sso-session does not exist: &quot;%1&quot;</source>
        <translation>La sso-session indiquée n’existe pas : « %1 »</translation>
    </message>
    <message>
        <source>The value for %1 is inconsistent between profile (%2) and sso-session (%3).</source>
        <translation>La valeur de %1 diffère entre le profil (%2) et la sso-session (%3).</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is configured to use SSO but is missing required configuration: %2</source>
        <translation>Le profil « %1 » est configuré pour SSO, mais des réglages requis manquent : %2</translation>
    </message>
    <message>
        <source>The sso-session &quot;%1&quot; is missing required configuration: %2</source>
        <translation>Des réglages requis manquent à la sso-session « %1 » : %2</translation>
    </message>
</context>
<context>
    <name>jobdesk::profiles::StsRoleAssumer</name>
    <message>
        <source>Profile “%1” needs an MFA code from %2 to assume the role %3, and nothing here can ask for one.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» a besoin d’un code MFA de %2 pour assumer le rôle %3, et rien ici ne permet de le demander.</translation>
    </message>
    <message>
        <source>Use the profile from the JobDesk window or from jobdesk-cli on a terminal, where you are asked for the code.</source>
        <translation>Utilisez le profil depuis la fenêtre JobDesk ou depuis jobdesk-cli dans un terminal&#xa0;: le code vous y sera demandé.</translation>
    </message>
    <message>
        <source>The CA bundle %1 could not be read or holds no PEM certificate.</source>
        <translation>Le bundle CA %1 est illisible ou ne contient aucun certificat PEM.</translation>
    </message>
    <message>
        <source>Check ca_bundle in the profile, or AWS_CA_BUNDLE.</source>
        <translation>Vérifiez ca_bundle dans le profil, ou AWS_CA_BUNDLE.</translation>
    </message>
</context>
<context>
    <name>jobdesk::query::QueryError</name>
    <message>
        <source>An expression reference (&amp;) can only be given to a function that applies it.</source>
        <translation>Une référence d’expression (&amp;) ne peut être passée qu’à une fonction qui l’applique.</translation>
    </message>
    <message>
        <source>A slice step cannot be 0.</source>
        <translation>Le pas d’une tranche ne peut pas être 0.</translation>
    </message>
    <message>
        <source>Cannot compare %1 with %2.</source>
        <translation>Impossible de comparer %1 avec %2.</translation>
    </message>
    <message>
        <source>Argument %1 of %2() must be %3, not %4.</source>
        <translation>L’argument %1 de %2() doit être %3, pas %4.</translation>
    </message>
    <message>
        <source>Argument %1 of %2() must be %3, but one of its elements is %4.</source>
        <translation>L’argument %1 de %2() doit être %3, mais l’un de ses éléments est %4.</translation>
    </message>
    <message>
        <source>The expression given to %1() must give %2 for every element, not %3.</source>
        <translation>L’expression passée à %1() doit donner %2 pour chaque élément, pas %3.</translation>
    </message>
    <message>
        <source>%1 cannot be converted to an integer.</source>
        <translation>%1 ne peut pas être converti en entier.</translation>
    </message>
    <message>
        <source>Unknown function %1().</source>
        <translation>Fonction inconnue %1().</translation>
    </message>
    <message>
        <source>Too few arguments for %1(): expected at least %2, got %3.</source>
        <translation>Trop peu d’arguments pour %1()&#xa0;: au moins %2 attendus, %3 reçus.</translation>
    </message>
    <message>
        <source>Wrong number of arguments for %1(): expected %2, got %3.</source>
        <translation>Mauvais nombre d’arguments pour %1()&#xa0;: %2 attendus, %3 reçus.</translation>
    </message>
    <message>
        <source>The %1 that starts here is never closed.</source>
        <translation>Le %1 qui commence ici n’est jamais fermé.</translation>
    </message>
    <message>
        <source>The literal is neither JSON nor text.</source>
        <translation>Le littéral n’est ni du JSON ni du texte.</translation>
    </message>
    <message>
        <source>The quoted identifier is not a valid JSON string.</source>
        <translation>L’identifiant entre guillemets n’est pas une chaîne JSON valide.</translation>
    </message>
    <message>
        <source>Unexpected character %1.</source>
        <translation>Caractère inattendu %1.</translation>
    </message>
    <message>
        <source>The expression is empty.</source>
        <translation>L’expression est vide.</translation>
    </message>
    <message>
        <source>The expression is not valid UTF-8.</source>
        <translation>L’expression n’est pas de l’UTF-8 valide.</translation>
    </message>
    <message>
        <source>the end of the expression</source>
        <translation>la fin de l’expression</translation>
    </message>
    <message>
        <source>Expected %1 but found %2.</source>
        <translation>%1 attendu, mais %2 trouvé.</translation>
    </message>
    <message>
        <source>Unexpected %1.</source>
        <translation>%1 inattendu.</translation>
    </message>
    <message>
        <source>an identifier</source>
        <translation>un identifiant</translation>
    </message>
    <message>
        <source>The expression is nested more than %1 levels deep.</source>
        <translation>L’expression est imbriquée sur plus de %1 niveaux.</translation>
    </message>
    <message>
        <source>A quoted identifier cannot name a function.</source>
        <translation>Un identifiant entre guillemets ne peut pas nommer une fonction.</translation>
    </message>
    <message>
        <source>an expression</source>
        <translation>une expression</translation>
    </message>
    <message>
        <source>%1 cannot name a function.</source>
        <translation>%1 ne peut pas nommer une fonction.</translation>
    </message>
    <message>
        <source>a number, &apos;:&apos; or &apos;]&apos;</source>
        <translation>un nombre, &apos;:&apos; ou &apos;]&apos;</translation>
    </message>
    <message>
        <source>an identifier, &apos;[&apos; or &apos;{&apos;</source>
        <translation>un identifiant, &apos;[&apos; ou &apos;{&apos;</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::JobArtifacts</name>
    <message>
        <source>The artifact &quot;%1&quot; has no S3 location.</source>
        <translation>L’artefact « %1 » n’a pas d’emplacement S3.</translation>
    </message>
    <message>
        <source>The job has no input artifacts.</source>
        <translation>La tâche n’a pas d’artefacts d’entrée.</translation>
    </message>
    <message>
        <source>The job has no output artifacts.</source>
        <translation>La tâche n’a pas d’artefacts de sortie.</translation>
    </message>
    <message>
        <source>The job has no input artifact named &quot;%1&quot;.</source>
        <translation>La tâche n’a pas d’artefact d’entrée nommé « %1 ».</translation>
    </message>
    <message>
        <source>The job has no output artifact named &quot;%1&quot;.</source>
        <translation>La tâche n’a pas d’artefact de sortie nommé « %1 ».</translation>
    </message>
    <message>
        <source>Its artifacts are: %1.</source>
        <translation>Ses artefacts sont : %1.</translation>
    </message>
    <message>
        <source>This job carries no usable artifact credentials.</source>
        <translation>Cette tâche ne contient aucun identifiant d’artefact utilisable.</translation>
    </message>
    <message>
        <source>Fetch the job again with its client token: CodePipeline hands out the credentials for its artifacts with every answer.</source>
        <translation>Récupérez à nouveau la tâche avec son jeton client : CodePipeline fournit les identifiants de ses artefacts à chaque réponse.</translation>
    </message>
    <message>
        <source>The job does not say which region its artifacts are in.</source>
        <translation>La tâche ne dit pas dans quelle région se trouvent ses artefacts.</translation>
    </message>
    <message>
        <source>Choose the pipeline&apos;s region and try again.</source>
        <translation>Choisissez la région du pipeline et réessayez.</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Call</name>
    <message>
        <source>Check that the folder exists, that you may write there and that the disk has room.</source>
        <translation>Vérifiez que le dossier existe, que vous pouvez y écrire et que le disque a de la place.</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2</source>
        <translation>Impossible d’écrire «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not read &quot;%1&quot;: %2</source>
        <translation>Impossible de lire «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Vérifiez que le fichier existe et que vous pouvez le lire.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2; a single S3 upload takes at most %3.</source>
        <translation>«&#xa0;%1&#xa0;» fait %2&#xa0;; un seul envoi S3 accepte au plus %3.</translation>
    </message>
    <message>
        <source>Make the artifact smaller; JobDesk cannot upload in parts yet.</source>
        <translation>Réduisez la taille de l’artefact&#xa0;; JobDesk ne sait pas encore envoyer en plusieurs parties.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changed while it was being read.</source>
        <translation>«&#xa0;%1&#xa0;» a changé pendant sa lecture.</translation>
    </message>
    <message>
        <source>Wait until whatever writes the file has finished, then upload it again.</source>
        <translation>Attendez que le programme qui écrit le fichier ait terminé, puis envoyez-le de nouveau.</translation>
    </message>
    <message>
        <source>S3 answered a whole-object download with HTTP %1.</source>
        <translation>S3 a répondu à un téléchargement de l’objet entier par HTTP %1.</translation>
    </message>
    <message>
        <source>The download of %1 broke off after %2 bytes and could not go on where it stopped.</source>
        <translation>Le téléchargement de %1 s’est interrompu après %2 octets et n’a pas pu reprendre là où il s’était arrêté.</translation>
    </message>
    <message>
        <source>Download it again.</source>
        <translation>Téléchargez-le de nouveau.</translation>
    </message>
    <message>
        <source>S3 sent more bytes of %1 than the object has.</source>
        <translation>S3 a envoyé plus d’octets de %1 que l’objet n’en contient.</translation>
    </message>
    <message>
        <source>Check that the disk has room for the artifact (%1).</source>
        <translation>Vérifiez que le disque a de la place pour l’artefact (%1).</translation>
    </message>
    <message>
        <source>The answer from S3 for %1 was cut short: the connection was closed or reset.</source>
        <translation>La réponse de S3 pour %1 a été tronquée&#xa0;: la connexion a été fermée ou réinitialisée.</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation>%1 de %2 a échoué&#xa0;: %3</translation>
    </message>
    <message>
        <source>The download of %1 does not match its ETag: the bytes were changed on the way.</source>
        <translation>Le téléchargement de %1 ne correspond pas à son ETag&#xa0;: les octets ont été modifiés en route.</translation>
    </message>
    <message>
        <source>Download it again; if it keeps happening, check any proxy in between.</source>
        <translation>Téléchargez-le de nouveau&#xa0;; si cela se reproduit, vérifiez le proxy éventuel entre les deux.</translation>
    </message>
    <message>
        <source>The transfer was cancelled.</source>
        <translation>Le transfert a été annulé.</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Endpoint</name>
    <message>
        <source>The artifact&apos;s S3 bucket name is empty.</source>
        <translation>Le nom du compartiment S3 de l’artefact est vide.</translation>
    </message>
    <message>
        <source>Invalid S3 bucket name &quot;%1&quot;: a bucket name has 1 to 255 letters, digits, dots, hyphens and underscores, and nothing else.</source>
        <translation>Nom de compartiment S3 «&#xa0;%1&#xa0;» non valide&#xa0;: un nom de compartiment compte de 1 à 255 lettres, chiffres, points, tirets et traits de soulignement, et rien d’autre.</translation>
    </message>
    <message>
        <source>The artifact&apos;s S3 object key is empty.</source>
        <translation>La clé d’objet S3 de l’artefact est vide.</translation>
    </message>
    <message>
        <source>The S3 object key contains a broken character (an unpaired UTF-16 surrogate), so it cannot be written as UTF-8. Copy the key again from the job&apos;s details.</source>
        <translation>La clé d’objet S3 contient un caractère abîmé (un demi-codet UTF-16 isolé) et ne peut donc pas être écrite en UTF-8. Copiez de nouveau la clé depuis les détails de la tâche.</translation>
    </message>
    <message>
        <source>The S3 object key is %1 bytes long in UTF-8; S3 keys are at most %2 bytes.</source>
        <translation>La clé d’objet S3 fait %1 octets en UTF-8&#xa0;; les clés S3 font au plus %2 octets.</translation>
    </message>
    <message>
        <source>Invalid region name &quot;%1&quot; for the artifact bucket. A region looks like us-east-1 or eu-west-2.</source>
        <translation>Nom de région «&#xa0;%1&#xa0;» non valide pour le compartiment des artefacts. Une région ressemble à us-east-1 ou eu-west-2.</translation>
    </message>
    <message>
        <source>Invalid S3 endpoint URL &quot;%1&quot;: it must be an http or https URL such as https://s3.example.com, without a query or fragment.</source>
        <translation>URL de point de terminaison S3 «&#xa0;%1&#xa0;» non valide&#xa0;: ce doit être une URL http ou https telle que https://s3.example.com, sans requête ni fragment.</translation>
    </message>
    <message>
        <source>The S3 object key &quot;%1&quot; has path segments (such as &quot;.&quot;, &quot;..&quot; or a leading &quot;/&quot;) that JobDesk&apos;s HTTP stack would change on the way, so it cannot be sent as it is signed.</source>
        <translation>La clé d’objet S3 «&#xa0;%1&#xa0;» a des segments de chemin (comme «&#xa0;.&#xa0;», «&#xa0;..&#xa0;» ou un «&#xa0;/&#xa0;» initial) que la pile HTTP de JobDesk modifierait en route&#xa0;; elle ne peut donc pas être envoyée telle qu’elle est signée.</translation>
    </message>
    <message>
        <source>Transfer this object with the AWS CLI (aws s3 cp) instead.</source>
        <translation>Transférez plutôt cet objet avec l’AWS CLI (aws s3 cp).</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Error</name>
    <message>
        <source>S3&apos;s error answer could not be read: %1</source>
        <translation>La réponse d’erreur de S3 n’a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <source>Something other than Amazon S3 may have answered. Check the S3 endpoint and any proxy in between.</source>
        <translation>Quelque chose d’autre qu’Amazon S3 a peut-être répondu. Vérifiez le point de terminaison S3 et le proxy éventuel entre les deux.</translation>
    </message>
    <message>
        <source>it is longer than %1 bytes.</source>
        <translation>elle dépasse %1 octets.</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>elle est vide.</translation>
    </message>
    <message>
        <source>it contains a document type declaration.</source>
        <translation>elle contient une déclaration de type de document.</translation>
    </message>
    <message>
        <source>it refers to an undeclared entity.</source>
        <translation>elle fait référence à une entité non déclarée.</translation>
    </message>
    <message>
        <source>its root element is &lt;%1&gt;, not &lt;Error&gt;.</source>
        <translation>son élément racine est &lt;%1&gt;, et non &lt;Error&gt;.</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3).</source>
        <translation>%1 (ligne %2, colonne %3).</translation>
    </message>
    <message>
        <source>it has no error code.</source>
        <translation>elle n’a pas de code d’erreur.</translation>
    </message>
    <message>
        <source>S3 answered HTTP %1 without details.</source>
        <translation>S3 a répondu HTTP %1 sans détails.</translation>
    </message>
    <message>
        <source>S3 answered HTTP %1, and %2</source>
        <translation>S3 a répondu HTTP %1, et %2</translation>
    </message>
    <message>
        <source>S3 says the bucket is in %1.</source>
        <translation>Selon S3, le compartiment se trouve dans %1.</translation>
    </message>
    <message>
        <source>For AWS Support: host ID %1.</source>
        <translation>Pour le support AWS&#xa0;: ID d’hôte %1.</translation>
    </message>
    <message>
        <source>The job&apos;s artifact credentials have expired; fetch the job again to get fresh ones.</source>
        <translation>Les informations d’identification des artefacts de la tâche ont expiré&#xa0;; récupérez de nouveau la tâche pour en obtenir de nouvelles.</translation>
    </message>
    <message>
        <source>S3 does not accept the session token of the job&apos;s artifact credentials. Fetch the job again and use the access key, secret key and session token that came with it, together.</source>
        <translation>S3 n’accepte pas le jeton de session des informations d’identification des artefacts de la tâche. Récupérez de nouveau la tâche et utilisez ensemble la clé d’accès, la clé secrète et le jeton de session fournis avec elle.</translation>
    </message>
    <message>
        <source>S3 does not know the access key ID. The artifact credentials are incomplete, belong to another partition, or were revoked; fetch the job again.</source>
        <translation>S3 ne connaît pas l’ID de clé d’accès. Les informations d’identification des artefacts sont incomplètes, appartiennent à une autre partition ou ont été révoquées&#xa0;; récupérez de nouveau la tâche.</translation>
    </message>
    <message>
        <source>S3 rejected the request signature: the secret key does not belong to the access key ID. Fetch the job again so that the artifact credentials match.</source>
        <translation>S3 a rejeté la signature de la requête&#xa0;: la clé secrète ne correspond pas à l’ID de clé d’accès. Récupérez de nouveau la tâche pour que les informations d’identification des artefacts concordent.</translation>
    </message>
    <message>
        <source>The job&apos;s artifact credentials may not do this with this object. They only cover the pipeline&apos;s artifact bucket and the job&apos;s own artifacts; check the bucket and key, and whether a KMS key policy denies the role. If the job is old, its credentials may have expired: fetch it again.</source>
        <translation>Les informations d’identification des artefacts de la tâche ne permettent pas cette opération sur cet objet. Elles ne couvrent que le compartiment des artefacts du pipeline et les artefacts propres à la tâche&#xa0;; vérifiez le compartiment et la clé, et si une stratégie de clé KMS refuse le rôle. Si la tâche est ancienne, ses informations d’identification ont peut-être expiré&#xa0;: récupérez-la de nouveau.</translation>
    </message>
    <message>
        <source>There is no object with this key in the bucket. Check the key for a changed character, and whether the pipeline&apos;s earlier action has really written its output artifact.</source>
        <translation>Le compartiment ne contient aucun objet avec cette clé. Vérifiez que la clé n’a pas un caractère modifié, et que l’action précédente du pipeline a bien écrit son artefact de sortie.</translation>
    </message>
    <message>
        <source>The bucket does not exist. Check the bucket name in the job&apos;s artifact location and the partition (China and GovCloud buckets are separate).</source>
        <translation>Le compartiment n’existe pas. Vérifiez le nom du compartiment dans l’emplacement des artefacts de la tâche et la partition (les compartiments de Chine et de GovCloud sont séparés).</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from S3&apos;s by more than 15 minutes. Set the date, time and time zone right (turn on automatic time setting), then try again.</source>
        <translation>L’horloge de cet ordinateur diffère de celle de S3 de plus de 15 minutes. Réglez correctement la date, l’heure et le fuseau horaire (activez le réglage automatique de l’heure), puis réessayez.</translation>
    </message>
    <message>
        <source>S3 is asking for fewer requests for now. Wait a little and try again.</source>
        <translation>S3 demande moins de requêtes pour le moment. Patientez un peu et réessayez.</translation>
    </message>
    <message>
        <source>The bucket is in another region than the one the request was sent to. Use the bucket&apos;s region: the pipeline&apos;s region, as in the job&apos;s details.</source>
        <translation>Le compartiment se trouve dans une autre région que celle où la requête a été envoyée. Utilisez la région du compartiment&#xa0;: celle du pipeline, indiquée dans les détails de la tâche.</translation>
    </message>
    <message>
        <source>The object changed while it was being downloaded. Download it again.</source>
        <translation>L’objet a changé pendant son téléchargement. Téléchargez-le de nouveau.</translation>
    </message>
    <message>
        <source>S3 could not use the object&apos;s KMS key with these credentials. Check the KMS key policy and that the key is enabled.</source>
        <translation>S3 n’a pas pu utiliser la clé KMS de l’objet avec ces informations d’identification. Vérifiez la stratégie de la clé KMS et que la clé est activée.</translation>
    </message>
    <message>
        <source>S3 had an internal problem. Try again in a moment.</source>
        <translation>S3 a rencontré un problème interne. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>S3 refused the request without saying why, as it does for HEAD requests. The usual cause is an expired or broken session token in the job&apos;s artifact credentials: fetch the job again.</source>
        <translation>S3 a refusé la requête sans dire pourquoi, comme il le fait pour les requêtes HEAD. La cause habituelle est un jeton de session expiré ou abîmé dans les informations d’identification des artefacts de la tâche&#xa0;: récupérez de nouveau la tâche.</translation>
    </message>
</context>
<context>
    <name>jobdesk::s3::S3Request</name>
    <message>
        <source>JobDesk sends only GET, HEAD and PUT to S3, not %1.</source>
        <translation>JobDesk n’envoie à S3 que GET, HEAD et PUT, pas %1.</translation>
    </message>
    <message>
        <source>The job has no complete artifact credentials (access key ID and secret key).</source>
        <translation>La tâche n’a pas d’informations d’identification d’artefacts complètes (ID de clé d’accès et clé secrète).</translation>
    </message>
    <message>
        <source>Fetch the job&apos;s details again: CodePipeline hands out the artifact credentials with the job.</source>
        <translation>Récupérez de nouveau les détails de la tâche&#xa0;: CodePipeline fournit les informations d’identification des artefacts avec la tâche.</translation>
    </message>
    <message>
        <source>The header %1 belongs on uploads only; S3 refuses it on %2.</source>
        <translation>L’en-tête %1 n’est valable que pour les envois&#xa0;; S3 le refuse pour %2.</translation>
    </message>
    <message>
        <source>An unsigned upload body is only safe over HTTPS; %1 is plain HTTP.</source>
        <translation>Un contenu d’envoi non signé n’est sûr que sur HTTPS&#xa0;; %1 est en HTTP simple.</translation>
    </message>
    <message>
        <source>Use an https endpoint, or let JobDesk sign the body.</source>
        <translation>Utilisez un point de terminaison https, ou laissez JobDesk signer le contenu.</translation>
    </message>
    <message>
        <source>The payload hash must be a SHA-256 in lowercase hex or UNSIGNED-PAYLOAD.</source>
        <translation>Le hachage du contenu doit être un SHA-256 en hexadécimal minuscule ou UNSIGNED-PAYLOAD.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoLoopbackReceiver</name>
    <message>
        <source>Could not listen on 127.0.0.1 for the browser&apos;s answer: %1</source>
        <translation>Impossible d’écouter sur 127.0.0.1 la réponse du navigateur : %1</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>La requête est trop volumineuse.</translation>
    </message>
    <message>
        <source>JobDesk only expects the browser&apos;s sign-in answer here.</source>
        <translation>JobDesk n’attend ici que la réponse de connexion du navigateur.</translation>
    </message>
    <message>
        <source>This sign-in has already been answered.</source>
        <translation>Cette connexion a déjà reçu sa réponse.</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in JobDesk started, so it was refused. Sign in from JobDesk again.</source>
        <translation>Cette réponse n’appartient pas à la connexion lancée par JobDesk ; elle a donc été refusée. Reconnectez-vous depuis JobDesk.</translation>
    </message>
    <message>
        <source>The answer&apos;s state does not match this sign-in.</source>
        <translation>Le paramètre state de la réponse ne correspond pas à cette connexion.</translation>
    </message>
    <message>
        <source>The sign-in was not completed. You can close this page.</source>
        <translation>La connexion n’a pas abouti. Vous pouvez fermer cette page.</translation>
    </message>
    <message>
        <source>The answer holds no authorization code.</source>
        <translation>La réponse ne contient aucun code d’autorisation.</translation>
    </message>
    <message>
        <source>You are signed in to JobDesk. You can close this page.</source>
        <translation>Vous êtes connecté à JobDesk. Vous pouvez fermer cette page.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoOidcClient</name>
    <message>
        <source>The answer to %1 is incomplete: %2</source>
        <translation>La réponse à %1 est incomplète : %2</translation>
    </message>
    <message>
        <source>Something other than IAM Identity Center answered. Check the OIDC endpoint (AWS_ENDPOINT_URL_SSO_OIDC) and any proxy in between.</source>
        <translation>Autre chose qu’IAM Identity Center a répondu. Vérifiez le point de terminaison OIDC (AWS_ENDPOINT_URL_SSO_OIDC) et tout proxy intermédiaire.</translation>
    </message>
    <message>
        <source>it lacks the clientId, clientSecret or clientSecretExpiresAt.</source>
        <translation>il manque clientId, clientSecret ou clientSecretExpiresAt.</translation>
    </message>
    <message>
        <source>it lacks the deviceCode, userCode, verificationUri or expiresIn.</source>
        <translation>il manque deviceCode, userCode, verificationUri ou expiresIn.</translation>
    </message>
    <message>
        <source>the polling interval %1 is not 1 to 60 seconds.</source>
        <translation>l’intervalle d’interrogation %1 n’est pas compris entre 1 et 60 secondes.</translation>
    </message>
    <message>
        <source>it lacks the accessToken or expiresIn.</source>
        <translation>il manque accessToken ou expiresIn.</translation>
    </message>
    <message>
        <source>IAM Identity Center no longer knows this client registration. Sign in again to register anew.</source>
        <translation>IAM Identity Center ne connaît plus cet enregistrement de client. Reconnectez-vous pour l’enregistrer à nouveau.</translation>
    </message>
    <message>
        <source>The sign-in was not accepted or has been revoked. Sign in again.</source>
        <translation>La connexion n’a pas été acceptée ou a été révoquée. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The sign-in request expired before it was approved. Sign in again and approve it in time.</source>
        <translation>La demande de connexion a expiré avant d’être approuvée. Reconnectez-vous et approuvez-la à temps.</translation>
    </message>
    <message>
        <source>The sign-in was denied in the browser.</source>
        <translation>La connexion a été refusée dans le navigateur.</translation>
    </message>
    <message>
        <source>Check sso_start_url, sso_region and sso_registration_scopes.</source>
        <translation>Vérifiez sso_start_url, sso_region et sso_registration_scopes.</translation>
    </message>
    <message>
        <source>Check sso_start_url and sso_region, and that IAM Identity Center is reachable.</source>
        <translation>Vérifiez sso_start_url et sso_region, et qu’IAM Identity Center est joignable.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoPortalClient</name>
    <message>
        <source>The answer to %1 is incomplete: %2</source>
        <translation>La réponse à %1 est incomplète : %2</translation>
    </message>
    <message>
        <source>Something other than the IAM Identity Center portal answered. Check the portal endpoint (AWS_ENDPOINT_URL_SSO) and any proxy in between.</source>
        <translation>Autre chose que le portail IAM Identity Center a répondu. Vérifiez le point de terminaison du portail (AWS_ENDPOINT_URL_SSO) et tout proxy intermédiaire.</translation>
    </message>
    <message>
        <source>%1 is not a list.</source>
        <translation>%1 n’est pas une liste.</translation>
    </message>
    <message>
        <source>an entry of %1 lacks its IDs.</source>
        <translation>une entrée de %1 n’a pas ses identifiants.</translation>
    </message>
    <message>
        <source>it lacks the access key ID, secret access key, session token or expiration.</source>
        <translation>il manque l’ID de clé d’accès, la clé d’accès secrète, le jeton de session ou l’expiration.</translation>
    </message>
    <message>
        <source>The sign-in has expired or was revoked. Sign in again.</source>
        <translation>La connexion a expiré ou a été révoquée. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>This person may not use the role. Check sso_account_id and sso_role_name.</source>
        <translation>Cette personne ne peut pas utiliser ce rôle. Vérifiez sso_account_id et sso_role_name.</translation>
    </message>
    <message>
        <source>The account or role was not found. Check sso_account_id and sso_role_name.</source>
        <translation>Le compte ou le rôle est introuvable. Vérifiez sso_account_id et sso_role_name.</translation>
    </message>
    <message>
        <source>IAM Identity Center is throttling requests. Wait a moment and try again.</source>
        <translation>IAM Identity Center limite les requêtes. Patientez un instant puis réessayez.</translation>
    </message>
    <message>
        <source>Check sso_region and that the IAM Identity Center portal is reachable.</source>
        <translation>Vérifiez sso_region et que le portail IAM Identity Center est joignable.</translation>
    </message>
    <message>
        <source>it keeps paging past %1 pages.</source>
        <translation>elle continue de paginer au-delà de %1 pages.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoRequest</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>%1 failed with HTTP status %2.</source>
        <translation>%1 a échoué avec le statut HTTP %2.</translation>
    </message>
    <message>
        <source>The answer to %1 is larger than %2 bytes.</source>
        <translation>La réponse à %1 dépasse %2 octets.</translation>
    </message>
    <message>
        <source>Something other than IAM Identity Center answered. Check the endpoint and any proxy in between.</source>
        <translation>Autre chose qu’IAM Identity Center a répondu. Vérifiez le point de terminaison et tout proxy intermédiaire.</translation>
    </message>
    <message>
        <source>The answer to %1 is not a JSON object.</source>
        <translation>La réponse à %1 n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>Invalid sso_region &quot;%1&quot;. A region looks like us-east-1 or eu-west-2.</source>
        <translation>sso_region « %1 » non valide. Une région ressemble à us-east-1 ou eu-west-2.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoSessions</name>
    <message>
        <source>You are not signed in to IAM Identity Center for %1.</source>
        <translation>Vous n’êtes pas connecté à IAM Identity Center pour %1.</translation>
    </message>
    <message>
        <source>Sign in: in the window with Sign In, or with `jobdesk-cli sso login`.</source>
        <translation>Connectez-vous : dans la fenêtre avec « Se connecter », ou avec `jobdesk-cli sso login`.</translation>
    </message>
    <message>
        <source>Your IAM Identity Center sign-in for %1 has expired.</source>
        <translation>Votre connexion IAM Identity Center pour %1 a expiré.</translation>
    </message>
    <message>
        <source>Sign in again: in the window with Sign In Again, or with `jobdesk-cli sso login`.</source>
        <translation>Reconnectez-vous : dans la fenêtre avec « Se reconnecter », ou avec `jobdesk-cli sso login`.</translation>
    </message>
    <message>
        <source>Your IAM Identity Center sign-in for %1 has expired, and renewing it failed: %2</source>
        <translation>Votre connexion IAM Identity Center pour %1 a expiré, et son renouvellement a échoué : %2</translation>
    </message>
    <message>
        <source>IAM Identity Center no longer accepts the sign-in for %1: it has expired, was signed out, or was revoked.</source>
        <translation>IAM Identity Center n’accepte plus la connexion pour %1 : elle a expiré, a été fermée ou a été révoquée.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoSignIn</name>
    <message>
        <source>The browser did not complete the sign-in in time.</source>
        <translation>Le navigateur n’a pas terminé la connexion à temps.</translation>
    </message>
    <message>
        <source>Sign in again, or use the device code instead.</source>
        <translation>Reconnectez-vous, ou utilisez plutôt le code d’appareil.</translation>
    </message>
    <message>
        <source>This sign-in cannot be renewed: it has no refresh token, or its client registration has expired.</source>
        <translation>Cette connexion ne peut pas être renouvelée : elle n’a pas de jeton d’actualisation, ou l’enregistrement de son client a expiré.</translation>
    </message>
    <message>
        <source>Sign in again.</source>
        <translation>Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>Use the device code to sign in instead.</source>
        <translation>Connectez-vous plutôt avec le code d’appareil.</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser (%1).</source>
        <translation>La connexion n’a pas été terminée dans le navigateur (%1).</translation>
    </message>
    <message>
        <source>The sign-in request expired before it was approved.</source>
        <translation>La demande de connexion a expiré avant d’être approuvée.</translation>
    </message>
</context>
<context>
    <name>jobdesk::sso::SsoTokenCache</name>
    <message>
        <source>The SSO token cache file %1 is not usable: %2</source>
        <translation>Le fichier de cache de jetons SSO %1 est inutilisable : %2</translation>
    </message>
    <message>
        <source>Sign in again; that writes the file anew.</source>
        <translation>Reconnectez-vous ; cela réécrit le fichier.</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>ce n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>it holds no accessToken or expiresAt.</source>
        <translation>il ne contient ni accessToken ni expiresAt.</translation>
    </message>
    <message>
        <source>expiresAt &quot;%1&quot; is not a time.</source>
        <translation>expiresAt « %1 » n’est pas une date.</translation>
    </message>
    <message>
        <source>registrationExpiresAt &quot;%1&quot; is not a time.</source>
        <translation>registrationExpiresAt « %1 » n’est pas une date.</translation>
    </message>
    <message>
        <source>There is no SSO sign-in for %1 in %2: %3</source>
        <translation>Aucune connexion SSO pour %1 dans %2 : %3</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d’abord.</translation>
    </message>
    <message>
        <source>Could not write the SSO token cache file %1: %2</source>
        <translation>Impossible d’écrire le fichier de cache de jetons SSO %1 : %2</translation>
    </message>
    <message>
        <source>Check that the folder %1 exists and is writable.</source>
        <translation>Vérifiez que le dossier %1 existe et est accessible en écriture.</translation>
    </message>
    <message>
        <source>the folder cannot be created.</source>
        <translation>le dossier ne peut pas être créé.</translation>
    </message>
    <message>
        <source>Could not delete the SSO token cache file %1: %2</source>
        <translation>Impossible de supprimer le fichier de cache de jetons SSO %1 : %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>JobDesk has no translation for “%1”; it speaks %2.</source>
        <translation>JobDesk n’a pas de traduction pour «&#xa0;%1&#xa0;»&#xa0;; langues disponibles&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Inspect AWS CodePipeline third-party jobs.</source>
        <translation>Inspecter les tâches tierces AWS CodePipeline.</translation>
    </message>
    <message>
        <source>Serve sample jobs from a built-in fake endpoint and pre-fill one.</source>
        <translation>Servir des tâches d’exemple depuis un faux point de terminaison intégré et en préremplir une.</translation>
    </message>
    <message>
        <source>Use these fixtures for the demo.</source>
        <translation>Utiliser les données de démo de ce fichier.</translation>
    </message>
    <message>
        <source>Show the window in this language (%1), whatever the system&apos;s is.</source>
        <translation>Afficher la fenêtre dans cette langue (%1), quelle que soit celle du système.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>JobDesk</source>
        <translation>JobDesk</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>La démo n’a pas pu démarrer&#xa0;: %1</translation>
    </message>
</context>
</TS>

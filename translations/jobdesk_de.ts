<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>JobDocument</name>
    <message>
        <source>This is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the output of &quot;aws codepipeline get-third-party-job-details&quot; or a JobDesk export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected an object with a &quot;jobDetails&quot; member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON has no &quot;jobDetails&quot; object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected the output of &quot;aws codepipeline get-third-party-job-details&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no job ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::AppSettings</name>
    <message>
        <source>Cannot read the CA bundle %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another file in Settings, or clear the field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PEM file with &quot;BEGIN CERTIFICATE&quot; blocks.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ArtifactsModel</name>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 URI</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ConfigurationModel</name>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::CredentialsModel</name>
    <message>
        <source>Access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(hidden, length %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown. Select the row and press Reveal to hide it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden. Select the row and press Reveal to show it, or Copy to copy it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::DemoSession</name>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the demo jobs %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo endpoint could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample jobs served by JobDesk itself at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::EnvironmentProfileSource</name>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS keys from the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN variables</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ErrorBanner</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobDesk could not reach the endpoint. Check the network, the proxy settings and the endpoint address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint did not answer in time. Check the network and proxy, or raise the timeouts in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection could not be set up. A proxy that inspects TLS needs its CA certificate added as a CA bundle in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected profile has no usable AWS keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer could not be understood. The endpoint may not be CodePipeline, or something in between changed the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the marked field and fetch again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CodePipeline is limiting the request rate for this account. Wait a moment and fetch again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CodePipeline had an internal problem. Fetch again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CodePipeline rejected the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JobView</name>
    <message>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confi&amp;guration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Artifacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cre&amp;dentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter keys and values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick Secret to mask a value for every job of this provider; JobDesk remembers it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input and output artifacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy S3 &amp;URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the selected credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected credential; clipboard managers are asked not to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This job has no artifact credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary keys for the job&apos;s artifact bucket. They expire about %1 minutes after the fetch; the Overview tab counts down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the raw JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the artifact credentials and masked configuration values in the JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw JSON, as the AWS CLI prints it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ %1 }</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[ %1 ]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::LookupForm</name>
    <message>
        <source>&amp;Fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose AWS keys sign the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public AWS endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this lookup to another endpoint, e.g. a VPC endpoint or a test server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job ID from the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the client token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the client token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the job (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the request (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::MainWindow</name>
    <message>
        <source>JobDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Look up a third-party job&lt;/p&gt;&lt;p&gt;Enter the job ID and client token from the ticket, then press &lt;b&gt;Fetch&lt;/b&gt; (Ctrl+Return).&lt;br&gt;Or open or paste the JSON of &lt;tt&gt;aws codepipeline get-third-party-job-details&lt;/tt&gt; (Ctrl+O, Ctrl+Shift+V).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Job JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste Job JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON &amp;with Secrets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as AWS &amp;CLI Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About JobDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About JobDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobDesk %1
Inspect AWS CodePipeline third-party jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent Lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activate an entry to put its job ID, profile and region back into the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobDesk — Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: sample jobs are served by JobDesk itself at %1. Press Ctrl+Return to fetch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate verification is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone on the network path can read and change requests and answers, including client tokens and artifact credentials. Turn it back on in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: correct the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting the keys of profile %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching job %1 from %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID %1 · %2 ms · attempts: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · attempts: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID %1 · %2 · attempts: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file will hold the artifact credentials and every masked configuration value in plain text. Anyone who gets the file can use the credentials until they expire. Export with secrets?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Job JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 with secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1; secrets were replaced by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the job&apos;s JSON; secrets were replaced by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the AWS CLI command; put the client token in place of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Job JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the output of &quot;aws codepipeline get-third-party-job-details&quot; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget all recent lookups?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::OverviewModel</name>
    <message>
        <source>Probably expired (about %1 after the fetch, at %2); fetch the job again for fresh credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid for about %1:%2 more (until about %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action type (category / owner / provider / version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action execution ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not provided for third-party jobs (CodePipeline leaves it out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline execution ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longer than CodePipeline&apos;s limit of %1 characters; PutThirdPartyJobSuccessResult would reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuation token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (this is the job&apos;s first run, not a continuation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is given as an alias. Aliases only resolve in the account that owns them, so decrypting the artifacts from the partner account fails; ask for the key ID or key ARN instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the artifact store&apos;s default key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 input, %2 output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifact credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validity unknown: the job was not fetched by JobDesk (they last about %1 minutes from the fetch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::ProfileListModel</name>
    <message>
        <source>No profile is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a profile in the lookup form.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::RecentLookupsModel</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>jobdesk::gui::SettingsDialog</name>
    <message>
        <source>&amp;Verify TLS certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobDesk Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts per request, the first included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual HTTP proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the system&apos;s certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification off:&lt;/b&gt; anyone on the network path can read and change what JobDesk sends and receives, including the client token and artifact credentials. Use a CA bundle instead where you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy &amp;host and port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Inspect AWS CodePipeline third-party jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve sample jobs from a built-in fake endpoint and pre-fill one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use these fixtures for the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JobDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

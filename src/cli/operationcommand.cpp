#include "cli/operationcommand.h"

#include "cli/debuglog.h"
#include "cli/environmentproxy.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/skeleton.h"
#include "cli/ssocommand.h"
#include "cli/ssotexts.h"
#include "cli/terminalinput.h"
#include "core/aws/awsclient.h"
#include "core/aws/clientconfigbuilder.h"
#include "core/aws/stsclient.h"
#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/paramvalidator.h"
#include "core/inputcheck.h"
#include "core/output/jsonwriter.h"
#include "core/output/keyvaluewriter.h"
#include "core/output/tablewriter.h"
#include "core/output/textwriter.h"
#include "core/platform/terminal.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/sso/ssosessions.h"

#include <QNetworkAccessManager>

#include <optional>

namespace jobdesk::cli {

namespace {

using Json = nlohmann::ordered_json;

// Seconds as the AWS CLI takes them (checked by checkInput()); 0 means no timeout.
int timeoutMs(const QString &option, const QString &seconds, int fallbackMs)
{
    if (seconds.isEmpty())
        return fallbackMs;
    const auto value = InputCheck::seconds(option, seconds, InputCheck::maxTimeoutSeconds());
    return value ? static_cast<int>(value.value() * 1000) : fallbackMs;
}

// How the checks the AWS CLI does not make name a parameter: by its option, "--job-id",
// with the path inside it for nested members ("--failure-details message").
QString optionForPath(const std::string &path)
{
    const std::size_t end = path.find_first_of(".[ ");
    QString name = CommandLine::optionName(path.substr(0, end));
    if (end != std::string::npos)
        name += QLatin1Char(' ') + QString::fromStdString(path.substr(end + (path[end] == '.' ? 1 : 0)));
    return name;
}

// The width the AWS CLI lays tables out for: COLUMNS, else the terminal's, else 80.
int terminalWidth(std::FILE *stream, const QProcessEnvironment &env)
{
    bool ok = false;
    const int columns = env.value(QStringLiteral("COLUMNS")).toInt(&ok);
    if (ok && columns > 0)
        return columns;
    const int terminal = platform::Terminal::columns(stream);
    return terminal > 0 ? terminal : 80;
}

const QStringList &outputFormats()
{
    static const QStringList formats = {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table"),
                                        QStringLiteral("keyvalue")};
    return formats;
}

// The value of every secret member (client tokens, artifact credentials) anywhere in the parameters
// or an answer, so the log can hide it wherever it shows up.
void collectClientTokens(const Json &value, output::Redactor &redactor)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (output::Redactor::isSecretMemberName(it.key()) && it.value().is_string())
                redactor.addSecret(QString::fromStdString(it.value().get<std::string>()));
            else
                collectClientTokens(it.value(), redactor);
        }
    } else if (value.is_array()) {
        for (const Json &item : value)
            collectClientTokens(item, redactor);
    }
}

// The command line as typed, with the values of secret options hidden.
QString argumentsForLog(const QStringList &arguments)
{
    QStringList shown;
    bool hideNext = false;
    for (const QString &arg : arguments) {
        if (hideNext) {
            shown << QLatin1Char('\'') + Secret::placeholder() + QLatin1Char('\'');
            hideNext = false;
            continue;
        }
        if (arg == QLatin1String("--client-token") || arg == QLatin1String("--cli-input-json")) {
            hideNext = true;
        } else if (arg.startsWith(QLatin1String("--client-token="))
                   || arg.startsWith(QLatin1String("--cli-input-json="))) {
            shown << QLatin1Char('\'') + arg.section(QLatin1Char('='), 0, 0) + QLatin1Char('=') + Secret::placeholder()
                    + QLatin1Char('\'');
            continue;
        }
        shown << QLatin1Char('\'') + arg + QLatin1Char('\'');
    }
    return QLatin1Char('[') + shown.join(QStringLiteral(", ")) + QLatin1Char(']');
}

Error failure(Error::Kind kind, const QString &code, const QString &message)
{
    return Error::make(kind, code, message);
}

}  // namespace

OperationCommand::OperationCommand(QStringList arguments, QProcessEnvironment env, Streams streams, QObject *parent)
    : Command(streams, parent), m_env(std::move(env)), m_arguments(std::move(arguments))
{
}

OperationCommand::~OperationCommand() = default;

QString OperationCommand::tableFailureText(const output::TableFailure &failure)
{
    const QString type = QString::fromStdString(failure.typeName);
    switch (failure.kind) {
    case output::TableFailure::Kind::RowLength:
        return tr("Row should have %1 elements, instead it has %2").arg(failure.expected).arg(failure.actual);
    case output::TableFailure::Kind::IndexRange: return tr("list index out of range");
    case output::TableFailure::Kind::NotIterable: return tr("'%1' object is not iterable").arg(type);
    case output::TableFailure::Kind::StringIndex: return tr("string indices must be integers, not 'str'");
    case output::TableFailure::Kind::ListIndex: return tr("list indices must be integers or slices, not %1").arg(type);
    case output::TableFailure::Kind::Unorderable: return tr("'<' not supported between instances of 'int' and 'str'");
    case output::TableFailure::Kind::NoGet: return tr("'%1' object has no attribute 'get'").arg(type);
    }
    return {};
}

QString OperationCommand::name() const
{
    return m_cl.operation ? QString::fromStdString(m_cl.operation->cliName) : QStringLiteral("OPERATION");
}

QString OperationCommand::help() const
{
    return m_cl.operation ? HelpText::operationSummary(*m_cl.operation)
                          : tr("Call a CodePipeline third-party job operation");
}

QString OperationCommand::shown(const QString &message) const
{
    return m_debug ? m_redactor.redactText(message) : message;
}

void OperationCommand::debug(const char *logger, const QString &message)
{
    if (m_debug)
        m_debug->log(logger, message);
}

QString OperationCommand::tableTitle() const
{
    return QString::fromStdString(m_cl.operation->name);
}

bool OperationCommand::printResponse(const Json &data)
{
    // --query selects from the answer once it is parsed, before any format sees it, as in the AWS CLI.
    std::optional<Json> selected;
    if (m_cl.query) {
        auto result = m_cl.query->apply(data);
        if (!result) {
            // The failure may quote a value of the answer: under --debug, secret ones are hidden.
            collectClientTokens(data, m_redactor);
            fail(result.error());
            return false;
        }
        selected = std::move(result).value();
    }
    const Json &shown = selected ? *selected : data;
    std::FILE *out = m_streams.out;
    if (m_outputFormat == QLatin1String("text")) {
        std::string failedType;
        write(out, output::writeText(shown, &failedType));
        if (!failedType.empty()) {
            // What the AWS CLI's text formatter ends with, after the lines it printed.
            fail(failure(Error::Kind::Protocol, QStringLiteral("TextLayout"),
                         tr("'%1' object has no attribute 'items'").arg(QString::fromStdString(failedType))));
            return false;
        }
    } else if (m_outputFormat == QLatin1String("table")) {
        output::TableOptions options;
        options.title = tableTitle();
        options.terminalWidth = terminalWidth(out, m_env);
        const QString color = m_cl.color.isEmpty() ? QStringLiteral("auto") : m_cl.color;
        options.color =
            color == QLatin1String("on") || (color == QLatin1String("auto") && platform::Terminal::isTerminal(out));
        const auto table = output::writeTable(shown, options);
        if (!table) {
            fail(failure(Error::Kind::Protocol, QStringLiteral("TableLayout"), tableFailureText(table.error())));
            return false;
        }
        write(out, table.value());
    } else if (m_outputFormat == QLatin1String("keyvalue")) {
        write(out, output::writeKeyValue(shown));
    } else {
        write(out, output::writeJson(shown));
    }
    return true;
}

void OperationCommand::run(const CommandLine &commandLine)
{
    m_cl = commandLine;
    const codepipeline::Operation &operation = *m_cl.operation;
    m_redactor = output::Redactor(&operation);
    if (m_cl.debug)
        m_debug = std::make_unique<DebugLog>(m_streams.err, m_redactor);

    m_outputFormat =
        m_cl.output.isEmpty() ? m_env.value(QStringLiteral("AWS_DEFAULT_OUTPUT"), QStringLiteral("json")) : m_cl.output;
    if (!outputFormats().contains(m_outputFormat)) {
        fail(failure(Error::Kind::Validation, CommandLine::usageErrorCode(),
                     tr("argument --output: Invalid choice, valid choices are:\n\n%1")
                         .arg(outputFormats().join(QStringLiteral(" | ")))));
        return;
    }

    if (m_cl.skeleton == QLatin1String("input")) {
        write(m_streams.out, output::writeJson(Skeleton::input(operation.input)));
        finish(ExitSuccess);
        return;
    }
    if (m_cl.skeleton == QLatin1String("output")) {
        // The AWS CLI prints the output skeleton through its formatter: --query applies to it.
        if (printResponse(Skeleton::output(operation.output)))
            finish(ExitSuccess);
        return;
    }

    if (!checkInput())
        return;

    if (operation.name == "PollForThirdPartyJobs" && !m_cl.quietPollWarning) {
        write(m_streams.err,
              tr("warning: poll-for-third-party-jobs takes the jobs it returns off the queue your job workers "
                 "read; a job not acknowledged comes back only after it times out "
                 "(--quiet-poll-warning hides this)\n")
                  .toUtf8());
    }

    collectClientTokens(m_cl.params, m_redactor);
    debug("jobdesk.clidriver",
          QStringLiteral("CLI version: jobdesk-cli/" JOBDESK_VERSION ", Qt %1").arg(QLatin1String(qVersion())));
    debug("jobdesk.clidriver", QStringLiteral("Arguments entered to CLI: ") + argumentsForLog(m_arguments));
    resolveAndSend();
}

bool OperationCommand::checkInput()
{
    // Each refusal's exit code is exitCodeFor()'s: the AWS CLI v2's where it refuses the same
    // input before sending, and parameter validation's, 252, for what only jobdesk-cli refuses.
    const auto given = [this](const char *option) { return m_cl.givenOptions.contains(QLatin1String(option)); };
    const auto refuse = [this](const Error &error) {
        fail(error);
        return false;
    };
    if (given("--region")) {
        if (Status s = InputCheck::region(QStringLiteral("--region"), m_cl.region); !s)
            return refuse(s.error());
    }
    if (given("--endpoint-url")) {
        if (auto url = InputCheck::endpointUrl(QStringLiteral("--endpoint-url"), m_cl.endpointUrl); !url)
            return refuse(url.error());
    }
    for (const char *option : {"--cli-connect-timeout", "--cli-read-timeout"}) {
        if (!given(option))
            continue;
        const QString name = QLatin1String(option);
        const QString &value = name == QLatin1String("--cli-read-timeout") ? m_cl.readTimeout : m_cl.connectTimeout;
        if (auto seconds = InputCheck::seconds(name, value, InputCheck::maxTimeoutSeconds()); !seconds)
            return refuse(seconds.error());
    }
    if (given("--ca-bundle") && !m_cl.noVerifySsl) {
        if (auto bundle = InputCheck::caBundle(QStringLiteral("--ca-bundle"), m_cl.caBundle); !bundle)
            return refuse(bundle.error());
    }
    if (given("--profile")) {
        InputCheck::TextRules rules;
        rules.allowSpacesInside = true;  // the AWS CLI's profile names may have them
        if (Status s = InputCheck::text(QStringLiteral("--profile"), m_cl.profile, rules); !s)
            return refuse(s.error());
    }
    const QList<codepipeline::ParamValidator::Problem> problems =
        codepipeline::ParamValidator::check(m_cl.operation->input, m_cl.params, optionForPath);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const auto &problem : problems)
            lines << problem.message;
        return refuse(failure(Error::Kind::Validation, QStringLiteral("ParamValidation"),
                              tr("Parameter validation failed:\n%1").arg(lines.join(QLatin1Char('\n')))));
    }
    return true;
}

void OperationCommand::resolveAndSend()
{
    const QString profileName = m_cl.profile;
    m_store = new profiles::ProfileStore(this);
    m_resolver = new profiles::CredentialResolver(m_store, m_env, Clock::system(), this);
    // Assume-role profiles call STS through the same network stack; timeouts follow the command line.
    auto *network = new QNetworkAccessManager(this);
    m_client = new aws::AwsClient(network, this);
    m_sts = new aws::StsClient(m_client, this);
    const aws::ClientConfig defaults;
    const auto stsBase =
        aws::ClientConfigBuilder()
            .setConnectTimeoutMs(
                timeoutMs(QStringLiteral("--cli-connect-timeout"), m_cl.connectTimeout, defaults.connectTimeoutMs))
            .setReadTimeoutMs(timeoutMs(QStringLiteral("--cli-read-timeout"), m_cl.readTimeout, defaults.readTimeoutMs))
            .setUserAgent(QStringLiteral("jobdesk-cli/" JOBDESK_VERSION))
            .build();
    m_resolver->setStsClient(m_sts, stsBase ? stsBase.value() : defaults);
    m_resolver->setMfaPrompt([this](const profiles::CredentialResolver::MfaChallenge &challenge,
                                    profiles::CredentialResolver::MfaAnswer answer) {
        // The AWS CLI's prompt; an empty line or end of input cancels.
        std::optional<QString> code =
            readHiddenLine(m_streams.in, m_streams.err, tr("Enter MFA code for %1: ").arg(challenge.mfaSerial));
        if (code && code->isEmpty())
            code.reset();
        answer(code);
    });
    debug("jobdesk.credentials",
          profileName.isEmpty() ? QStringLiteral("Looking for credentials via the AWS CLI chain")
                                : QStringLiteral("Looking for profile %1").arg(profileName));
    m_resolver->resolve(profileName, this, [this](Result<profiles::ResolvedConfig> resolved) {
        if (!resolved)
            onResolveFailed(resolved.error());
        else
            send(resolved.value());
    });
}

void OperationCommand::onResolveFailed(const Error &e)
{
    if (m_cl.noSignRequest && e.code == QLatin1String("NoCredentials")) {
        // Unsigned requests need no keys; the rest of the settings still come from the environment.
        profiles::ResolvedConfig config;
        config.region = m_env.value(QStringLiteral("AWS_REGION"), m_env.value(QStringLiteral("AWS_DEFAULT_REGION")));
        config.caBundle = m_env.value(QStringLiteral("AWS_CA_BUNDLE"));
        config.retryMode = m_env.value(QStringLiteral("AWS_RETRY_MODE"));
        bool ok = false;
        const int attempts = m_env.value(QStringLiteral("AWS_MAX_ATTEMPTS")).toInt(&ok);
        if (ok && attempts > 0)
            config.maxAttempts = attempts;
        send(config);
        return;
    }
    if (e.code == QLatin1String("ProfileNotFound")) {
        fail(failure(Error::Kind::Credentials, e.code,
                     tr("The config profile (%1) could not be found")
                         .arg(m_cl.profile.isEmpty() ? m_env.value(QStringLiteral("AWS_PROFILE")) : m_cl.profile)));
        return;
    }
    if (e.code == QLatin1String("NoCredentials")) {
        fail(failure(Error::Kind::Credentials, e.code,
                     tr("Unable to locate credentials. You can configure credentials by running \"aws configure\".")));
        return;
    }
    if (sso::SsoSessions::needsSignIn(e)) {
        onSsoSignInNeeded(e);
        return;
    }
    if (e.code == QLatin1String("InvalidSsoConfig")) {
        // botocore's InvalidConfigError: the message alone, and a general failure.
        fail(failure(Error::Kind::Protocol, e.code, e.message));
        return;
    }
    // Whatever stops the profile from resolving is a configuration error to the AWS CLI.
    QString message = e.message;
    if (!e.hint.isEmpty())
        message += QLatin1Char('\n') + e.hint;
    fail(failure(Error::Kind::Credentials, e.code, message));
}

void OperationCommand::onSsoSignInNeeded(const Error &e)
{
    // The session the resolver asked for, found the way it found it.
    const auto profile = SsoCommand::profileConfig(m_cl.profile, m_env, m_store);
    sso::SsoSignIn::Settings session;
    if (profile) {
        session = profile->session;
    } else {
        session.sessionName = e.field;  // the label is all the message needs
    }
    if (e.code == sso::SsoSessions::notSignedInCode() || !profile || session.sessionName.isEmpty()) {
        fail(SsoTexts::resolveFailure(e, session, false));
        return;
    }
    // A token that is still valid was turned down by the portal (revoked, signed out
    // elsewhere): botocore words that differently from one that ran out.
    m_resolver->ssoSessions()->token(session, this, [this, e, session](Result<sso::SsoCachedToken> token) {
        fail(SsoTexts::resolveFailure(e, session, token.ok()));
    });
}

void OperationCommand::send(const profiles::ResolvedConfig &resolved)
{
    const codepipeline::Operation &operation = *m_cl.operation;
    m_redactor.addSecret(resolved.credentials.secretAccessKey);
    m_redactor.addSecret(resolved.credentials.sessionToken);
    if (!resolved.credentialSource.isEmpty())
        debug("jobdesk.credentials", QStringLiteral("Found credentials in %1").arg(resolved.credentialSource));

    const QString region = m_cl.region.isEmpty() ? resolved.region : m_cl.region;
    if (region.isEmpty()) {
        fail(failure(Error::Kind::Validation, QStringLiteral("NoRegion"),
                     tr("You must specify a region. You can also configure your region by running \"aws "
                        "configure\".")));
        return;
    }
    const aws::ClientConfig defaults;
    aws::ClientConfigBuilder builder;
    // From the profile or AWS_REGION the region is checked here, named by where it came from.
    builder.setRegion(
        region, m_cl.region.isEmpty() ? tr("The region of the profile or environment") : QStringLiteral("--region"));
    builder.setUseFips(m_env.value(QStringLiteral("AWS_USE_FIPS_ENDPOINT")).toLower() == QLatin1String("true"));
    builder.setEndpointUrl(m_cl.endpointUrl.isEmpty() ? resolved.endpointUrl.toString() : m_cl.endpointUrl);
    builder.setEnvironment(m_env);
    builder.setConnectTimeoutMs(
        timeoutMs(QStringLiteral("--cli-connect-timeout"), m_cl.connectTimeout, defaults.connectTimeoutMs));
    builder.setReadTimeoutMs(timeoutMs(QStringLiteral("--cli-read-timeout"), m_cl.readTimeout, defaults.readTimeoutMs));
    // Retries as the AWS CLI v2 sets them: standard (3 attempts) unless told otherwise.
    builder.setRetryMode(resolved.retryMode == QLatin1String("legacy") ? aws::RetryMode::Legacy
                                                                       : aws::RetryMode::Standard);
    if (resolved.maxAttempts && *resolved.maxAttempts > 0)
        builder.setMaxAttempts(*resolved.maxAttempts);
    builder.setVerifyTls(!m_cl.noVerifySsl);
    const QString caBundle = m_cl.caBundle.isEmpty() ? resolved.caBundle : m_cl.caBundle;
    if (!caBundle.isEmpty()) {
        // Named by where it came from; AWS_CA_BUNDLE wins over the profile's ca_bundle, as in the AWS CLI.
        const QString source = !m_cl.caBundle.isEmpty()               ? QStringLiteral("--ca-bundle")
            : !m_env.value(QStringLiteral("AWS_CA_BUNDLE")).isEmpty() ? QStringLiteral("AWS_CA_BUNDLE")
                                                                      : tr("The profile's ca_bundle");
        builder.setCaBundle(caBundle, source);
    }
    builder.setSignRequests(!m_cl.noSignRequest);
    builder.setCredentials(resolved.credentials);
    builder.setUserAgent(QStringLiteral("jobdesk-cli/" JOBDESK_VERSION));
    builder.setTrace([this](const char *topic, const QString &line) { debug(topic, line); });
    const Result<aws::ClientConfig> built = builder.build();
    if (!built) {
        fail(built.error());
        return;
    }
    m_config = built.value();
    const aws::ClientConfig &config = m_config;
    if (m_cl.noVerifySsl && config.endpoint.url.scheme() == QLatin1String("https")) {
        write(m_streams.err,
              tr("InsecureRequestWarning: Unverified HTTPS request is being made to host '%1'. Adding certificate "
                 "verification is strongly advised.\n")
                  .arg(config.endpoint.url.host())
                  .toUtf8());
    }

    const QNetworkProxy proxy = EnvironmentProxy::forUrl(config.endpoint.url, m_env);
    m_client->network()->setProxy(proxy);
    if (proxy.type() != QNetworkProxy::NoProxy)
        debug("jobdesk.endpoint", QStringLiteral("Using proxy %1:%2").arg(proxy.hostName()).arg(proxy.port()));
    debug("jobdesk.endpoint",
          QStringLiteral("Making request for %1 with params: %2")
              .arg(QString::fromStdString(operation.name),
                   QString::fromStdString(m_redactor.redactJson(operation.input, m_cl.params).dump())));
    auto *call = codepipeline::OperationCall::start(m_client, config, operation, m_cl.params);
    if (m_debug)
        connect(call, &codepipeline::OperationCall::wireEvent, this,
                [this](const aws::WireEvent &event) { m_debug->wire(event); });
    connect(call, &codepipeline::OperationCall::finished, this, [this, call] { onFinished(call); });
}

void OperationCommand::onFinished(codepipeline::OperationCall *call)
{
    const auto &result = call->result();
    if (result.ok()) {
        if (!result.value().requestId.isEmpty())
            debug("jobdesk.formatter", QStringLiteral("RequestId: %1").arg(result.value().requestId));
        const Json &data = result.value().response.data;
        if (!printResponse(data))
            return;
        // The AWS CLI prints nothing and succeeds; the person is left wondering why.
        if (call->operation().name == "GetThirdPartyJobDetails" && !data.contains("jobDetails")) {
            write(m_streams.err,
                  tr("note: the service answered GetThirdPartyJobDetails but with no job details. Check the job "
                     "ID; the job may also have finished or timed out.\n")
                      .toUtf8());
        }
        finish(ExitSuccess);
        return;
    }
    const Error &error = result.error();
    const QString operation = QString::fromStdString(call->operation().name);
    switch (error.kind) {
    case Error::Kind::Service: {
        const QString retryInfo =
            error.retriesExhausted ? tr(" (reached max retries: %1)").arg(error.attempts - 1) : QString();
        Error shownError = error;
        shownError.message = tr("An error occurred (%1) when calling the %2 operation%3: %4")
                                 .arg(error.code, operation, retryInfo, error.message);
        fail(shownError);
        return;
    }
    case Error::Kind::Validation:
        fail(failure(Error::Kind::Validation, QStringLiteral("ParamValidation"),
                     tr("Parameter validation failed:\n%1").arg(error.message)));
        return;
    case Error::Kind::Credentials:
        fail(failure(Error::Kind::Credentials, QStringLiteral("NoCredentials"),
                     tr("Unable to locate credentials. You can configure credentials by running \"aws configure\".")));
        return;
    default: {
        QString message = error.message;
        if (!error.requestId.isEmpty())
            message += QLatin1Char('\n') + tr("Request ID: %1").arg(error.requestId);
        if (!error.hint.isEmpty())
            message += QLatin1Char('\n') + error.hint;
        fail(failure(error.kind, error.code, message));
        return;
    }
    }
}

}  // namespace jobdesk::cli

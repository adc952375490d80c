#include "cli/clirunner.h"

#include "cli/completion.h"
#include "cli/debuglog.h"
#include "cli/helptext.h"
#include "cli/profilecommand.h"
#include "cli/skeleton.h"
#include "cli/terminalinput.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/stsclient.h"
#include "core/codepipeline/paramvalidator.h"
#include "core/inputcheck.h"
#include "core/output/jsonwriter.h"
#include "core/output/keyvaluewriter.h"
#include "core/output/tablewriter.h"
#include "core/output/textwriter.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QTimer>

#include <sys/ioctl.h>
#include <unistd.h>

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
    winsize size{};
    if (::isatty(::fileno(stream)) && ::ioctl(::fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

const QStringList &outputFormats()
{
    static const QStringList formats = {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table"),
                                        QStringLiteral("keyvalue")};
    return formats;
}

QString usageLines()
{
    return QCoreApplication::translate("jobdesk::cli::CliRunner",
                                       "usage: jobdesk-cli [options] <operation> [parameters]\n"
                                       "To see help text, you can run:\n"
                                       "\n"
                                       "  jobdesk-cli help\n"
                                       "  jobdesk-cli <operation> help\n"
                                       "\n");
}

// Every clientToken anywhere in the parameters, so the log can hide it wherever it shows up.
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

bool hostMatches(const QString &host, int port, const QString &entryIn)
{
    QString entry = entryIn.trimmed().toLower();
    if (entry.isEmpty())
        return false;
    if (entry == QLatin1String("*"))
        return true;
    // "host:port" matches only that port.
    const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !entry.contains(QLatin1Char(']')) && entry.count(QLatin1Char(':')) == 1) {
        bool ok = false;
        const int entryPort = entry.mid(colon + 1).toInt(&ok);
        if (ok && entryPort != port)
            return false;
        if (ok)
            entry = entry.left(colon);
    }
    if (entry.startsWith(QLatin1Char('.')))
        entry = entry.mid(1);
    const QString h = host.toLower();
    return h == entry || h.endsWith(QLatin1Char('.') + entry);
}

}  // namespace

CliRunner::CliRunner(QStringList arguments, QProcessEnvironment env, std::FILE *out, std::FILE *err, QObject *parent)
    : QObject(parent), m_arguments(std::move(arguments)), m_env(std::move(env)), m_out(out), m_err(err)
{
}

CliRunner::~CliRunner() = default;

QNetworkProxy CliRunner::proxyFor(const QUrl &url, const QProcessEnvironment &env)
{
    const auto variable = [&env](const QString &name) {
        const QString lower = env.value(name.toLower());
        return lower.isEmpty() ? env.value(name.toUpper()) : lower;
    };
    const bool https = url.scheme() == QLatin1String("https");
    const QString proxy = variable(https ? QStringLiteral("https_proxy") : QStringLiteral("http_proxy"));
    if (proxy.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QString noProxy = variable(QStringLiteral("no_proxy"));
    const int port = url.port(https ? 443 : 80);
    for (const QString &entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (hostMatches(url.host(), port, entry))
            return QNetworkProxy(QNetworkProxy::NoProxy);
    }
    QUrl proxyUrl(proxy.contains(QLatin1String("://")) ? proxy : QStringLiteral("http://") + proxy);
    QNetworkProxy out(QNetworkProxy::HttpProxy, proxyUrl.host(), quint16(proxyUrl.port(8080)));
    if (!proxyUrl.userName().isEmpty()) {
        out.setUser(proxyUrl.userName(QUrl::FullyDecoded));
        out.setPassword(proxyUrl.password(QUrl::FullyDecoded));
    }
    return out;
}

void CliRunner::write(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void CliRunner::debug(const char *logger, const QString &message)
{
    if (m_debug)
        m_debug->log(logger, message);
}

void CliRunner::fail(const QString &message, int exitCode)
{
    const QString shown = m_debug ? m_redactor.redactText(message) : message;
    write(m_err, "\n" + shown.toUtf8() + "\n");
    Q_EMIT done(exitCode);
}

void CliRunner::failUsage(const Error &error)
{
    if (error.code == CommandLine::usageErrorCode()) {
        write(m_err, "\n" + usageLines().toUtf8() + "jobdesk-cli: error: " + error.message.toUtf8() + "\n\n");
        Q_EMIT done(ExitParamError);
        return;
    }
    if (error.code == CommandLine::unknownOptionsCode()) {
        write(m_err, "\n" + usageLines().toUtf8() + error.message.toUtf8() + "\n\n");
        Q_EMIT done(ExitParamError);
        return;
    }
    // A bad number is a Python ValueError in the AWS CLI, which exits 255 for it.
    fail(error.message, error.code == QLatin1String("InvalidInteger") ? ExitGeneralError : ExitParamError);
}

void CliRunner::start()
{
    auto parsed = CommandLine::parse(m_arguments);
    if (!parsed) {
        failUsage(parsed.error());
        return;
    }
    m_cl = std::move(parsed).value();

    switch (m_cl.command) {
    case CommandLine::Command::Version:
        write(m_out, QByteArrayLiteral("jobdesk-cli/" JOBDESK_VERSION "\n"));
        Q_EMIT done(ExitSuccess);
        return;
    case CommandLine::Command::Help:
        write(m_out, (m_cl.operation ? HelpText::operationPage(*m_cl.operation) : HelpText::overview()).toUtf8());
        Q_EMIT done(ExitSuccess);
        return;
    case CommandLine::Command::Completion: {
        const QString shell = m_cl.commandArguments.value(0);
        const auto script = Completion::script(shell);
        if (!script || m_cl.commandArguments.size() != 1) {
            failUsage(Error::make(Error::Kind::Validation, CommandLine::usageErrorCode(),
                                  tr("completion takes one shell: bash or zsh")));
            return;
        }
        write(m_out, script->toUtf8());
        Q_EMIT done(ExitSuccess);
        return;
    }
    case CommandLine::Command::Profile: {
        auto *command =
            new ProfileCommand(m_cl.commandArguments, m_cl.region, m_cl.endpointUrl, stdin, m_out, m_err, this);
        connect(command, &ProfileCommand::done, this, &CliRunner::done);
        command->start();
        return;
    }
    case CommandLine::Command::Operation: runOperation(); return;
    }
}

void CliRunner::printResponse(const Json &data)
{
    if (m_outputFormat == QLatin1String("text")) {
        write(m_out, output::writeText(data));
    } else if (m_outputFormat == QLatin1String("table")) {
        output::TableOptions options;
        options.title = QString::fromStdString(m_cl.operation->name);
        options.terminalWidth = terminalWidth(m_out, m_env);
        const QString color = m_cl.color.isEmpty() ? QStringLiteral("auto") : m_cl.color;
        options.color = color == QLatin1String("on") || (color == QLatin1String("auto") && ::isatty(::fileno(m_out)));
        write(m_out, output::writeTable(data, options));
    } else if (m_outputFormat == QLatin1String("keyvalue")) {
        write(m_out, output::writeKeyValue(data));
    } else {
        write(m_out, output::writeJson(data));
    }
}

void CliRunner::runOperation()
{
    const codepipeline::Operation &operation = *m_cl.operation;
    m_redactor = output::Redactor(&operation);
    if (m_cl.debug)
        m_debug = std::make_unique<DebugLog>(m_err, m_redactor);

    m_outputFormat =
        m_cl.output.isEmpty() ? m_env.value(QStringLiteral("AWS_DEFAULT_OUTPUT"), QStringLiteral("json")) : m_cl.output;
    if (!outputFormats().contains(m_outputFormat)) {
        failUsage(Error::make(Error::Kind::Validation, CommandLine::usageErrorCode(),
                              tr("argument --output: Invalid choice, valid choices are:\n\n%1")
                                  .arg(outputFormats().join(QStringLiteral(" | ")))));
        return;
    }

    if (m_cl.skeleton == QLatin1String("input")) {
        write(m_out, output::writeJson(Skeleton::input(operation.input)));
        Q_EMIT done(ExitSuccess);
        return;
    }
    if (m_cl.skeleton == QLatin1String("output")) {
        printResponse(Skeleton::output(operation.output));
        Q_EMIT done(ExitSuccess);
        return;
    }

    if (!checkInput())
        return;

    if (operation.name == "PollForThirdPartyJobs" && !m_cl.quietPollWarning) {
        write(m_err,
              tr("warning: poll-for-third-party-jobs takes the jobs it returns off the queue your job workers "
                 "read; a job not acknowledged comes back only after it times out "
                 "(--quiet-poll-warning hides this)\n")
                  .toUtf8());
    }

    collectClientTokens(m_cl.params, m_redactor);
    debug("jobdesk.clidriver",
          QStringLiteral("CLI version: jobdesk-cli/" JOBDESK_VERSION ", Qt %1").arg(QLatin1String(qVersion())));
    debug("jobdesk.clidriver", QStringLiteral("Arguments entered to CLI: ") + argumentsForLog(m_arguments));

    QString profileName = m_cl.profile;
    m_store = new profiles::ProfileStore(this);
    m_resolver = new profiles::CredentialResolver(m_store, m_env, Clock::system(), this);
    // Assume-role profiles call STS through the same network stack; timeouts follow the command line.
    auto *network = new QNetworkAccessManager(this);
    m_client = new aws::AwsClient(network, this);
    m_sts = new aws::StsClient(m_client, this);
    aws::ClientConfig stsBase;
    stsBase.connectTimeoutMs =
        timeoutMs(QStringLiteral("--cli-connect-timeout"), m_cl.connectTimeout, stsBase.connectTimeoutMs);
    stsBase.readTimeoutMs = timeoutMs(QStringLiteral("--cli-read-timeout"), m_cl.readTimeout, stsBase.readTimeoutMs);
    stsBase.userAgent = QStringLiteral("jobdesk-cli/" JOBDESK_VERSION);
    m_resolver->setStsClient(m_sts, stsBase);
    m_resolver->setMfaPrompt([this](const profiles::CredentialResolver::MfaChallenge &challenge,
                                    profiles::CredentialResolver::MfaAnswer answer) {
        // The AWS CLI's prompt; an empty line or end of input cancels.
        std::optional<QString> code =
            readHiddenLine(stdin, m_err, tr("Enter MFA code for %1: ").arg(challenge.mfaSerial));
        if (code && code->isEmpty())
            code.reset();
        answer(code);
    });
    debug("jobdesk.credentials",
          profileName.isEmpty() ? QStringLiteral("Looking for credentials via the AWS CLI chain")
                                : QStringLiteral("Looking for profile %1").arg(profileName));
    m_resolver->resolve(profileName, this, [this](Result<profiles::ResolvedConfig> resolved) {
        if (!resolved) {
            const Error &e = resolved.error();
            if (m_cl.noSignRequest && e.code == QLatin1String("NoCredentials")) {
                // Unsigned requests need no keys; the rest of the settings still come from the environment.
                profiles::ResolvedConfig config;
                config.region =
                    m_env.value(QStringLiteral("AWS_REGION"), m_env.value(QStringLiteral("AWS_DEFAULT_REGION")));
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
                fail(tr("The config profile (%1) could not be found")
                         .arg(m_cl.profile.isEmpty() ? m_env.value(QStringLiteral("AWS_PROFILE")) : m_cl.profile),
                     ExitGeneralError);
                return;
            }
            if (e.code == QLatin1String("NoCredentials")) {
                fail(tr("Unable to locate credentials. You can configure credentials by running \"aws configure\"."),
                     ExitConfigError);
                return;
            }
            QString message = e.message;
            if (!e.hint.isEmpty())
                message += QLatin1Char('\n') + e.hint;
            fail(message, ExitConfigError);
            return;
        }
        send(resolved.value());
    });
}

bool CliRunner::checkInput()
{
    // Exit codes: the AWS CLI v2's where it refuses the same input before sending (255 for a
    // region, a timeout, an endpoint without a host and a CA bundle; 252 for an endpoint without
    // a scheme), and its code for parameter validation, 252, for what only jobdesk-cli refuses.
    const auto given = [this](const char *option) { return m_cl.givenOptions.contains(QLatin1String(option)); };
    const auto refuse = [this](const Error &error, int exitCode) {
        fail(error.message, exitCode);
        return false;
    };
    if (given("--region")) {
        if (Status s = InputCheck::region(QStringLiteral("--region"), m_cl.region); !s)
            return refuse(s.error(), s.error().code == QLatin1String("Empty") ? ExitParamError : ExitGeneralError);
    }
    if (given("--endpoint-url")) {
        if (auto url = InputCheck::endpointUrl(QStringLiteral("--endpoint-url"), m_cl.endpointUrl); !url)
            return refuse(url.error(), url.error().code == QLatin1String("NoHost") ? ExitGeneralError : ExitParamError);
    }
    for (const char *option : {"--cli-connect-timeout", "--cli-read-timeout"}) {
        if (!given(option))
            continue;
        const QString name = QLatin1String(option);
        const QString &value = name == QLatin1String("--cli-read-timeout") ? m_cl.readTimeout : m_cl.connectTimeout;
        if (auto seconds = InputCheck::seconds(name, value, InputCheck::maxTimeoutSeconds()); !seconds)
            return refuse(seconds.error(), ExitGeneralError);
    }
    if (given("--ca-bundle") && !m_cl.noVerifySsl) {
        if (auto bundle = InputCheck::caBundle(QStringLiteral("--ca-bundle"), m_cl.caBundle); !bundle)
            return refuse(bundle.error(), ExitGeneralError);
    }
    if (given("--profile")) {
        InputCheck::TextRules rules;
        rules.allowSpacesInside = true;  // the AWS CLI's profile names may have them
        if (Status s = InputCheck::text(QStringLiteral("--profile"), m_cl.profile, rules); !s)
            return refuse(s.error(), ExitParamError);
    }
    const QList<codepipeline::ParamValidator::Problem> problems =
        codepipeline::ParamValidator::check(m_cl.operation->input, m_cl.params, optionForPath);
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const auto &problem : problems)
            lines << problem.message;
        fail(tr("Parameter validation failed:\n%1").arg(lines.join(QLatin1Char('\n'))), ExitParamError);
        return false;
    }
    return true;
}

void CliRunner::send(const profiles::ResolvedConfig &resolved)
{
    const codepipeline::Operation &operation = *m_cl.operation;
    m_redactor.addSecret(resolved.credentials.secretAccessKey);
    m_redactor.addSecret(resolved.credentials.sessionToken);
    if (!resolved.credentialSource.isEmpty())
        debug("jobdesk.credentials", QStringLiteral("Found credentials in %1").arg(resolved.credentialSource));

    aws::ClientConfig config;
    config.connectTimeoutMs =
        timeoutMs(QStringLiteral("--cli-connect-timeout"), m_cl.connectTimeout, config.connectTimeoutMs);
    config.readTimeoutMs = timeoutMs(QStringLiteral("--cli-read-timeout"), m_cl.readTimeout, config.readTimeoutMs);

    const QString region = m_cl.region.isEmpty() ? resolved.region : m_cl.region;
    if (region.isEmpty()) {
        fail(tr("You must specify a region. You can also configure your region by running \"aws configure\"."),
             ExitConfigError);
        return;
    }
    if (m_cl.region.isEmpty()) {
        // From the profile or AWS_REGION: the AWS CLI v2 exits 255 for a name it cannot use, as for --region.
        if (Status s = InputCheck::region(tr("The region of the profile or environment"), region); !s) {
            fail(s.error().message, ExitGeneralError);
            return;
        }
    }
    const QString endpointUrl = m_cl.endpointUrl.isEmpty() ? resolved.endpointUrl.toString() : m_cl.endpointUrl;
    const bool fips = m_env.value(QStringLiteral("AWS_USE_FIPS_ENDPOINT")).toLower() == QLatin1String("true");
    auto endpoint = aws::EndpointResolver::resolve(region, fips, endpointUrl, m_env);
    if (!endpoint) {
        fail(endpoint.error().message,
             endpoint.error().kind == Error::Kind::Validation ? ExitParamError : ExitConfigError);
        return;
    }
    config.endpoint = endpoint.value();
    debug("jobdesk.endpoint",
          QStringLiteral("Endpoint: %1, signing region %2")
              .arg(config.endpoint.url.toString(), config.endpoint.signingRegion));

    // Retries as the AWS CLI v2 sets them: standard (3 attempts) unless told otherwise.
    if (resolved.retryMode == QLatin1String("legacy"))
        config.retry = aws::RetryPolicy::legacy();
    else
        config.retry = aws::RetryPolicy::standard();
    if (resolved.maxAttempts && *resolved.maxAttempts > 0)
        config.retry.maxAttempts = *resolved.maxAttempts;
    debug("jobdesk.retries",
          QStringLiteral("Retry mode %1, at most %2 attempts")
              .arg(config.retry.mode == aws::RetryMode::Legacy ? QStringLiteral("legacy") : QStringLiteral("standard"))
              .arg(config.retry.maxAttempts));

    const bool https = config.endpoint.url.scheme() == QLatin1String("https");
    config.verifyTls = !m_cl.noVerifySsl;
    const QString caBundle = m_cl.caBundle.isEmpty() ? resolved.caBundle : m_cl.caBundle;
    if (https && !caBundle.isEmpty() && !m_cl.noVerifySsl) {
        // Named by where it came from; AWS_CA_BUNDLE wins over the profile's ca_bundle, as in the AWS CLI.
        const QString source = !m_cl.caBundle.isEmpty()               ? QStringLiteral("--ca-bundle")
            : !m_env.value(QStringLiteral("AWS_CA_BUNDLE")).isEmpty() ? QStringLiteral("AWS_CA_BUNDLE")
                                                                      : tr("The profile's ca_bundle");
        const auto bundle = InputCheck::caBundle(source, caBundle);
        if (!bundle) {
            fail(bundle.error().message, ExitGeneralError);
            return;
        }
        const QList<QSslCertificate> &certificates = bundle.value();
        config.extraCaCertificates = certificates;
        config.onlyExtraCaCertificates = true;
        debug("jobdesk.endpoint",
              QStringLiteral("Trusting the %1 certificates of %2").arg(certificates.size()).arg(caBundle));
    }
    if (m_cl.noVerifySsl && https) {
        write(m_err,
              tr("InsecureRequestWarning: Unverified HTTPS request is being made to host '%1'. Adding certificate "
                 "verification is strongly advised.\n")
                  .arg(config.endpoint.url.host())
                  .toUtf8());
    }

    config.signRequests = !m_cl.noSignRequest;
    config.credentials = resolved.credentials;
    config.userAgent = QStringLiteral("jobdesk-cli/" JOBDESK_VERSION);

    const QNetworkProxy proxy = proxyFor(config.endpoint.url, m_env);
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

void CliRunner::onFinished(codepipeline::OperationCall *call)
{
    const auto &result = call->result();
    if (result.ok()) {
        if (!result.value().requestId.isEmpty())
            debug("jobdesk.formatter", QStringLiteral("RequestId: %1").arg(result.value().requestId));
        printResponse(result.value().response.data);
        Q_EMIT done(ExitSuccess);
        return;
    }
    const Error &error = result.error();
    const QString operation = QString::fromStdString(call->operation().name);
    switch (error.kind) {
    case Error::Kind::Service: {
        const QString retryInfo =
            error.retriesExhausted ? tr(" (reached max retries: %1)").arg(error.attempts - 1) : QString();
        fail(tr("An error occurred (%1) when calling the %2 operation%3: %4")
                 .arg(error.code, operation, retryInfo, error.message),
             ExitServiceError);
        return;
    }
    case Error::Kind::Validation:
        fail(tr("Parameter validation failed:\n%1").arg(error.message), ExitParamError);
        return;
    case Error::Kind::Credentials:
        fail(tr("Unable to locate credentials. You can configure credentials by running \"aws configure\"."),
             ExitConfigError);
        return;
    default: {
        QString message = error.message;
        if (!error.requestId.isEmpty())
            message += QLatin1Char('\n') + tr("Request ID: %1").arg(error.requestId);
        if (!error.hint.isEmpty())
            message += QLatin1Char('\n') + error.hint;
        fail(message, ExitGeneralError);
        return;
    }
    }
}

}  // namespace jobdesk::cli

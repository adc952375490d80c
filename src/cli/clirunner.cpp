#include "clirunner.h"

#include "cli/commandline.h"
#include "core/aws/endpointresolver.h"
#include "core/output/jsonwriter.h"
#include "core/output/keyvaluewriter.h"
#include "core/output/tablewriter.h"
#include "core/output/textwriter.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

#include <sys/ioctl.h>
#include <unistd.h>

namespace jobdesk::cli {

namespace {

// Seconds as the AWS CLI takes them; 0 means no timeout. -1 on bad input.
int timeoutMs(const QString &seconds, int fallbackMs)
{
    if (seconds.isEmpty())
        return fallbackMs;
    bool ok = false;
    const double value = seconds.toDouble(&ok);
    if (!ok || value < 0 || value > 24 * 3600)
        return -1;
    return static_cast<int>(value * 1000);
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

} // namespace

CliRunner::CliRunner(QStringList arguments, QProcessEnvironment env, std::FILE *out, std::FILE *err, QObject *parent)
    : QObject(parent), m_arguments(std::move(arguments)), m_env(std::move(env)), m_out(out), m_err(err)
{
}

void CliRunner::write(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void CliRunner::fail(const QString &message, int exitCode)
{
    write(m_err, "\n" + message.toUtf8() + "\n");
    Q_EMIT done(exitCode);
}

void CliRunner::start()
{
    auto parsed = CommandLine::parse(m_arguments);
    if (!parsed) {
        fail(parsed.error().message, ExitParamError);
        return;
    }
    const CommandLine &cl = parsed.value();
    if (cl.showVersion) {
        write(m_out, QByteArrayLiteral("jobdesk-cli/" JOBDESK_VERSION "\n"));
        Q_EMIT done(ExitSuccess);
        return;
    }

    m_outputFormat = cl.output.isEmpty() ? m_env.value(QStringLiteral("AWS_DEFAULT_OUTPUT"), QStringLiteral("json"))
                                         : cl.output;
    if (!outputFormats().contains(m_outputFormat)) {
        fail(tr("argument --output: Invalid choice, valid choices are:\n\n%1")
                 .arg(outputFormats().join(QStringLiteral(" | "))),
             ExitParamError);
        return;
    }

    aws::ClientConfig config;
    config.connectTimeoutMs = timeoutMs(cl.connectTimeout, config.connectTimeoutMs);
    config.readTimeoutMs = timeoutMs(cl.readTimeout, config.readTimeoutMs);
    if (config.connectTimeoutMs < 0 || config.readTimeoutMs < 0) {
        fail(tr("The timeouts must be a number of seconds, 0 for none."), ExitParamError);
        return;
    }

    QString region = cl.region;
    if (region.isEmpty())
        region = m_env.value(QStringLiteral("AWS_REGION"));
    if (region.isEmpty())
        region = m_env.value(QStringLiteral("AWS_DEFAULT_REGION"));
    if (region.isEmpty()) {
        fail(tr("You must specify a region. You can also configure your region by running \"aws configure\"."),
             ExitConfigError);
        return;
    }
    const bool fips = m_env.value(QStringLiteral("AWS_USE_FIPS_ENDPOINT")).toLower() == QLatin1String("true");
    auto endpoint = aws::EndpointResolver::resolve(region, fips, cl.endpointUrl, m_env);
    if (!endpoint) {
        fail(endpoint.error().message, endpoint.error().kind == Error::Kind::Validation ? ExitParamError
                                                                                         : ExitConfigError);
        return;
    }
    config.endpoint = endpoint.value();

    auto credentials = aws::Credentials::fromEnvironment(m_env);
    if (!credentials) {
        fail(tr("Unable to locate credentials. You can configure credentials by running \"aws configure\"."),
             ExitConfigError);
        return;
    }
    config.credentials = credentials.value();
    config.userAgent = QStringLiteral("jobdesk-cli/" JOBDESK_VERSION);

    auto *network = new QNetworkAccessManager(this);
    m_client = new aws::AwsClient(network, this);
    auto *call = codepipeline::OperationCall::start(m_client, config, *cl.operation, cl.params);
    connect(call, &codepipeline::OperationCall::finished, this, [this, call] { onFinished(call); });
}

void CliRunner::onFinished(codepipeline::OperationCall *call)
{
    const auto &result = call->result();
    if (result.ok()) {
        const auto &data = result.value().response.data;
        if (m_outputFormat == QLatin1String("text")) {
            write(m_out, output::writeText(data));
        } else if (m_outputFormat == QLatin1String("table")) {
            output::TableOptions options;
            options.title = QString::fromStdString(call->operation().name);
            options.terminalWidth = terminalWidth(m_out, m_env);
            write(m_out, output::writeTable(data, options));
        } else if (m_outputFormat == QLatin1String("keyvalue")) {
            write(m_out, output::writeKeyValue(data));
        } else {
            write(m_out, output::writeJson(data));
        }
        Q_EMIT done(ExitSuccess);
        return;
    }
    const Error &error = result.error();
    const QString operation = QString::fromStdString(call->operation().name);
    switch (error.kind) {
    case Error::Kind::Service: {
        const QString retryInfo = error.retriesExhausted
            ? tr(" (reached max retries: %1)").arg(error.attempts - 1)
            : QString();
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

} // namespace jobdesk::cli

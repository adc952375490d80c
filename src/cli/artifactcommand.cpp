#include "cli/artifactcommand.h"

#include "cli/artifactoutput.h"
#include "cli/environmentproxy.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "core/archive/archiveextractor.h"
#include "core/archive/archivereader.h"
#include "core/archive/zipwriter.h"
#include "core/aws/awsclient.h"
#include "core/codepipeline/operationcall.h"
#include "core/platform/interruptwatcher.h"
#include "core/platform/terminal.h"
#include "core/s3/s3client.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QThread>
#include <QTimer>

namespace jobdesk::cli {

namespace {

using Json = nlohmann::ordered_json;
using s3::JobArtifact;
using s3::JobArtifacts;

Error usageError(const QString &message)
{
    return Error::make(Error::Kind::Validation, CommandLine::usageErrorCode(), message);
}

// What the archive and file steps refuse is neither the command line's fault nor the
// service's: the AWS CLI ends such failures of its s3 commands with 255.
constexpr int ExitLocalFailure = ExitGeneralError;

}  // namespace

Result<ArtifactCommand::Options> ArtifactCommand::parseOptions(const QStringList &arguments)
{
    Options o;
    if (arguments.isEmpty())
        return o;
    if (asksForHelp(arguments)) {
        o.helpAsked = true;
        return o;
    }
    const QString sub = arguments.first();
    if (sub == QLatin1String("list"))
        o.action = Action::List;
    else if (sub == QLatin1String("get"))
        o.action = Action::Get;
    else if (sub == QLatin1String("put"))
        o.action = Action::Put;
    else
        return usageError(
            tr("argument subcommand: Invalid choice '%1', valid choices are: list, get, put, help").arg(sub));

    struct Known
    {
        const char *name;
        QString *value;
        bool allowed;
    };
    const Known known[] = {
        {"--job-id", &o.jobId, true},
        {"--client-token", &o.clientToken, true},
        {"--name", &o.name, true},
        {"--s3-endpoint-url", &o.s3EndpointUrl, true},
        {"--output-file", &o.outputFile, o.action == Action::Get},
        {"--extract-to", &o.extractTo, o.action == Action::Get},
        {"--source", &o.source, o.action == Action::Put},
    };
    QStringList given;
    QStringList unknown;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString name = arguments.at(i);
        QString value;
        bool hasValue = false;
        if (name.startsWith(QLatin1String("--")) && name.contains(QLatin1Char('='))) {
            value = name.section(QLatin1Char('='), 1);
            name = name.section(QLatin1Char('='), 0, 0);
            hasValue = true;
        }
        const Known *option = nullptr;
        for (const Known &k : known) {
            if (k.allowed && name == QLatin1String(k.name))
                option = &k;
        }
        if (!option) {
            unknown << arguments.at(i);
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).startsWith(QLatin1String("--")))
                return usageError(tr("argument %1: expected one argument").arg(name));
            value = arguments.at(++i);
        }
        *option->value = value;
        given << name;
    }
    if (!unknown.isEmpty()) {
        return Error::make(Error::Kind::Validation, CommandLine::unknownOptionsCode(),
                           tr("Unknown options: %1").arg(unknown.join(QStringLiteral(", "))));
    }
    QStringList missing;
    for (const char *required : {"--job-id", "--client-token"}) {
        if (!given.contains(QLatin1String(required)))
            missing << QLatin1String(required);
    }
    if (o.action != Action::List && !given.contains(QLatin1String("--name")))
        missing << QStringLiteral("--name");
    if (o.action == Action::Put && !given.contains(QLatin1String("--source")))
        missing << QStringLiteral("--source");
    if (o.action == Action::Get && !given.contains(QLatin1String("--output-file"))
        && !given.contains(QLatin1String("--extract-to")))
        missing << QStringLiteral("--output-file or --extract-to");
    if (!missing.isEmpty())
        return usageError(tr("the following arguments are required: %1").arg(missing.join(QStringLiteral(", "))));
    if (given.contains(QLatin1String("--output-file")) && given.contains(QLatin1String("--extract-to")))
        return usageError(tr("argument --extract-to: not allowed with argument --output-file"));
    for (const char *path : {"--output-file", "--extract-to", "--source"}) {
        const QString name = QLatin1String(path);
        const QString &value = name == QLatin1String("--output-file") ? o.outputFile
            : name == QLatin1String("--extract-to")                   ? o.extractTo
                                                                      : o.source;
        if (given.contains(name) && value.isEmpty())
            return usageError(tr("argument %1: expected a path, not an empty value").arg(name));
    }
    if (given.contains(QLatin1String("--name")) && o.name.isEmpty())
        return usageError(tr("argument --name: expected an artifact name, not an empty value"));
    return o;
}

ArtifactCommand::ArtifactCommand(QStringList arguments, QProcessEnvironment env, Streams streams, QObject *parent)
    : OperationCommand(std::move(arguments), std::move(env), streams, parent)
    , m_progress(streams.err, platform::Terminal::isTerminal(streams.err))
{
}

ArtifactCommand::~ArtifactCommand() = default;

QString ArtifactCommand::help() const
{
    return tr("List, download, extract and upload a job's S3 artifacts");
}

QString ArtifactCommand::tableTitle() const
{
    switch (m_options.action) {
    case Action::List:
        return m_options.name.isEmpty() ? QStringLiteral("Artifacts") : QStringLiteral("ArtifactEntries");
    case Action::Get: return QStringLiteral("GetArtifact");
    case Action::Put: return QStringLiteral("PutArtifact");
    case Action::Help: break;
    }
    return QStringLiteral("Artifact");
}

void ArtifactCommand::run(const CommandLine &commandLine)
{
    auto parsed = parseOptions(commandLine.commandArguments);
    if (!parsed) {
        fail(parsed.error());
        return;
    }
    m_options = parsed.value();
    if (m_options.action == Action::Help) {
        write(m_streams.out, HelpText::artifactPage().toUtf8());
        finish(m_options.helpAsked ? ExitSuccess : ExitParamError);
        return;
    }
    auto endpoint = JobArtifacts::endpointOverride(m_options.s3EndpointUrl, m_env);
    if (!endpoint) {
        Error error = endpoint.error();
        error.message = tr("Bad S3 endpoint URL (--s3-endpoint-url, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL): %1")
                            .arg(error.message);
        refuse(error, ExitParamError);
        return;
    }
    m_s3Endpoint = endpoint.value();
    if (Status local = checkLocalPaths(); !local) {
        refuse(local.error(), ExitLocalFailure);
        return;
    }

    // The job first: the same operation, options and credentials as get-third-party-job-details.
    CommandLine job = commandLine;
    job.command = CommandLine::Command::Operation;
    job.operation = codepipeline::ServiceModel::codePipeline().operationByCliName("get-third-party-job-details");
    job.params = Json::object();
    job.params["jobId"] = m_options.jobId.toStdString();
    job.params["clientToken"] = m_options.clientToken.toStdString();
    job.skeleton.clear();
    m_interrupts = new platform::InterruptWatcher(this);
    connect(m_interrupts, &platform::InterruptWatcher::interrupted, this, &ArtifactCommand::onInterrupted);
    OperationCommand::run(job);
}

Status ArtifactCommand::checkLocalPaths() const
{
    const auto refused = [](const QString &code, const QString &message) {
        return Error::make(Error::Kind::Validation, code, message);
    };
    if (!m_options.source.isEmpty()) {
        const QFileInfo source(m_options.source);
        if (!source.exists())
            return refused(QStringLiteral("NoSuchFile"),
                           tr("The user-provided path %1 does not exist.").arg(m_options.source));
        if (!source.isReadable())
            return refused(QStringLiteral("Unreadable"), tr("%1 cannot be read.").arg(m_options.source));
    }
    if (!m_options.outputFile.isEmpty()) {
        const QFileInfo file(m_options.outputFile);
        if (file.isDir())
            return refused(QStringLiteral("NotAFile"),
                           tr("--output-file %1 is a folder; name the file to write.").arg(m_options.outputFile));
        if (!file.absoluteDir().exists())
            return refused(QStringLiteral("NoSuchFolder"),
                           tr("The folder of --output-file %1 does not exist.").arg(m_options.outputFile));
    }
    if (!m_options.extractTo.isEmpty()) {
        const QFileInfo folder(m_options.extractTo);
        if (folder.exists() && !folder.isDir())
            return refused(QStringLiteral("NotAFolder"),
                           tr("--extract-to %1 is a file, not a folder.").arg(m_options.extractTo));
    }
    return success();
}

void ArtifactCommand::onFinished(codepipeline::OperationCall *call)
{
    if (m_ended)
        return;
    const auto &result = call->result();
    if (!result.ok()) {
        m_ended = true;
        OperationCommand::onFinished(call);
        return;
    }
    if (!result.value().response.data.contains("jobDetails")) {
        refuse(Error::make(Error::Kind::Protocol, QStringLiteral("NoJobDetails"),
                           tr("The service answered GetThirdPartyJobDetails with no job details. Check the job ID "
                              "and client token; the job may also have finished or timed out.")),
               ExitGeneralError);
        return;
    }
    codepipeline::LookupInfo lookup;
    lookup.jobId = m_options.jobId;
    lookup.profile = m_cl.profile;
    lookup.region = m_config.endpoint.signingRegion;
    if (m_config.endpoint.custom)
        lookup.endpointOverride = m_config.endpoint.url.toString();
    const auto document =
        codepipeline::JobDocument::fromResponse(result.value(), lookup, QDateTime::currentDateTimeUtc());
    // From here on the job's artifact credentials are in memory: nothing printed may show them.
    if (auto keys = JobArtifacts::credentials(document)) {
        m_redactor.addSecret(keys.value().secretAccessKey);
        m_redactor.addSecret(keys.value().sessionToken);
    }
    startS3(document);
}

void ArtifactCommand::startS3(const codepipeline::JobDocument &document)
{
    if (m_options.action == Action::List && m_options.name.isEmpty()) {
        succeed(ArtifactOutput::artifacts(JobArtifacts::list(document)));
        return;
    }
    const auto direction =
        m_options.action == Action::Put ? JobArtifact::Direction::Output : JobArtifact::Direction::Input;
    auto found = JobArtifacts::find(document, m_options.name, direction);
    if (!found) {
        refuse(found.error(), exitCodeFor(found.error()));
        return;
    }
    m_artifact = found.value();
    m_kmsKeyId = JobArtifacts::kmsKeyId(document);
    auto config = JobArtifacts::s3Config(document, m_config, m_s3Endpoint, m_config.endpoint.signingRegion);
    if (!config) {
        refuse(config.error(), config.error().kind == Error::Kind::Credentials ? ExitConfigError : ExitGeneralError);
        return;
    }
    m_s3Config = config.value();
    if (auto address = s3::S3Endpoint::address(m_artifact.location, m_s3Config.endpoint.signingRegion, m_s3Endpoint))
        m_client->network()->setProxy(EnvironmentProxy::forUrl(address.value().url, m_env));
    m_s3 = new s3::S3Client(m_client->network(), this);
    debug("jobdesk.s3",
          QStringLiteral("Artifact %1 is %2 in %3%4")
              .arg(m_artifact.name, ArtifactOutput::uri(m_artifact.location), m_s3Config.endpoint.signingRegion,
                   m_s3Endpoint.isEmpty() ? QString() : QStringLiteral(" through ") + m_s3Endpoint.toString()));

    switch (m_options.action) {
    case Action::List:
    case Action::Get: {
        if (!m_options.outputFile.isEmpty()) {
            download(QFileInfo(m_options.outputFile).absoluteFilePath(), [this](const s3::S3Transfer &transfer) {
                succeed(ArtifactOutput::download(m_artifact, transfer));
            });
            return;
        }
        if (!makeTemporaryFolder())
            return;
        const QString file = m_temp->filePath(QStringLiteral("artifact"));
        if (m_options.action == Action::List)
            download(file, [this](const s3::S3Transfer &transfer) { listEntries(transfer); });
        else
            download(file, [this](const s3::S3Transfer &transfer) { extract(transfer); });
        return;
    }
    case Action::Put: {
        const QString source = QFileInfo(m_options.source).absoluteFilePath();
        if (!QFileInfo(source).isDir()) {
            upload(source);
            return;
        }
        if (!makeTemporaryFolder())
            return;
        const QString zip = m_temp->filePath(QStringLiteral("artifact.zip"));
        runOffThread(
            tr("Zipped"),
            [source, zip](const std::function<bool(qint64, qint64)> &progress) -> Status {
                auto zipped = archive::ZipWriter::zip(source, zip, progress);
                if (!zipped)
                    return zipped.error();
                return success();
            },
            [this, zip] { upload(zip); });
        return;
    }
    case Action::Help: break;
    }
}

void ArtifactCommand::watchCall(s3::S3Call *call, const QString &verb)
{
    m_call = call;
    m_progress.start(verb);
    connect(call, &s3::S3Call::progress, this, [this](qint64 bytes, qint64 total) { m_progress.update(bytes, total); });
}

void ArtifactCommand::download(const QString &destination, std::function<void(const s3::S3Transfer &)> next)
{
    debug("jobdesk.s3",
          QStringLiteral("GetObject %1 to %2").arg(ArtifactOutput::uri(m_artifact.location), destination));
    s3::S3Call *call = m_s3->getObject(m_s3Config, m_artifact.location, destination);
    watchCall(call, tr("Downloaded"));
    connect(call, &s3::S3Call::finished, this, [this, call, next = std::move(next)] {
        m_progress.clear();
        const Result<s3::S3Transfer> result = call->result();
        if (!result) {
            failS3(result.error(), QStringLiteral("GetObject"));
            return;
        }
        debug("jobdesk.s3",
              QStringLiteral("GetObject wrote %1 bytes, %2 resumes")
                  .arg(result.value().bytes)
                  .arg(result.value().resumes));
        next(result.value());
    });
}

void ArtifactCommand::listEntries(const s3::S3Transfer &transfer)
{
    const archive::ArchiveFormat format = archive::ArchiveReader::detect(transfer.file);
    if (format == archive::ArchiveFormat::Unknown) {
        refuse(Error::make(Error::Kind::Protocol, archive::ArchiveReader::NotAnArchive(),
                           tr("The artifact \"%1\" (%2) is not a zip, tar or tar.gz archive.")
                               .arg(m_artifact.name, ArtifactOutput::uri(m_artifact.location))),
               ExitLocalFailure);
        return;
    }
    const auto entries = archive::ArchiveReader::list(transfer.file);
    if (!entries) {
        refuse(entries.error(), ExitLocalFailure);
        return;
    }
    m_temp.reset();
    succeed(ArtifactOutput::entries(m_artifact, format, entries.value()));
}

void ArtifactCommand::extract(const s3::S3Transfer &transfer)
{
    const QString folder = QFileInfo(m_options.extractTo).absoluteFilePath();
    auto summary = std::make_shared<archive::ExtractSummary>();
    const QString zip = transfer.file;
    runOffThread(
        tr("Extracted"),
        [zip, folder, summary](const std::function<bool(qint64, qint64)> &progress) -> Status {
            archive::ExtractOptions options;
            options.overwrite = true;  // the command line asked for this folder: no prompt
            auto extracted = archive::ArchiveExtractor::extract(zip, folder, options, progress);
            if (!extracted)
                return extracted.error();
            *summary = extracted.value();
            return success();
        },
        [this, transfer, folder, summary] {
            m_temp.reset();
            succeed(ArtifactOutput::extraction(m_artifact, transfer, folder, *summary));
        });
}

void ArtifactCommand::upload(const QString &file)
{
    s3::S3PutOptions options;
    options.contentType = "application/zip";
    // The pipeline's bucket policy usually refuses an upload without the job's own key.
    options.kmsKeyId = m_kmsKeyId;
    debug("jobdesk.s3",
          QStringLiteral("PutObject %1 from %2%3")
              .arg(ArtifactOutput::uri(m_artifact.location), file,
                   m_kmsKeyId.isEmpty() ? QString() : QStringLiteral(" with aws:kms ") + m_kmsKeyId));
    s3::S3Call *call = m_s3->putObject(m_s3Config, m_artifact.location, file, options);
    watchCall(call, tr("Uploaded"));
    connect(call, &s3::S3Call::finished, this, [this, call] {
        m_progress.clear();
        const Result<s3::S3Transfer> put = call->result();
        if (!put) {
            failS3(put.error(), QStringLiteral("PutObject"));
            return;
        }
        s3::S3Call *head = m_s3->headObject(m_s3Config, m_artifact.location);
        m_call = head;
        connect(head, &s3::S3Call::finished, this, [this, head, put] {
            const Result<s3::S3Transfer> answer = head->result();
            if (!answer) {
                failS3(answer.error(), QStringLiteral("HeadObject"));
                return;
            }
            m_temp.reset();
            succeed(ArtifactOutput::upload(m_artifact, QFileInfo(m_options.source).absoluteFilePath(), put.value(),
                                           answer.value()));
        });
    });
}

void ArtifactCommand::runOffThread(const QString &verb,
                                   std::function<Status(const std::function<bool(qint64, qint64)> &)> work,
                                   std::function<void()> then)
{
    m_working = true;
    m_cancel = false;
    m_workDone = 0;
    m_workTotal = -1;
    m_progress.start(verb);
    auto status = std::make_shared<Status>(success());
    // Runs on the worker: only atomics cross over; Ctrl+C reaches the work through m_cancel.
    std::function<bool(qint64, qint64)> progress = [this](qint64 done, qint64 total) {
        m_workDone = done;
        m_workTotal = total;
        return !m_cancel.load();
    };
    QThread *thread = QThread::create([work = std::move(work), progress, status] { *status = work(progress); });
    auto *timer = new QTimer(this);
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, this, [this] { m_progress.update(m_workDone.load(), m_workTotal.load()); });
    connect(thread, &QThread::finished, this, [this, thread, timer, status, then = std::move(then)] {
        timer->deleteLater();
        thread->deleteLater();
        m_working = false;
        m_progress.clear();
        if (m_interrupted) {
            end(ExitInterrupted);
            return;
        }
        if (!*status) {
            const Error &error = status->error();
            refuse(error, error.kind == Error::Kind::Cancelled ? ExitInterrupted : ExitLocalFailure);
            return;
        }
        then();
    });
    timer->start();
    thread->start();
}

void ArtifactCommand::onInterrupted()
{
    if (m_ended)
        return;
    if (!m_interrupted) {
        m_interrupted = true;
        m_progress.clear();
        write(m_streams.err, tr("\ncancelled: ctrl-c received\n").toUtf8());
    }
    // Whatever runs stops first and then ends the command, so that its partial files are gone.
    if (m_working) {
        m_cancel = true;
        return;
    }
    if (m_call && !m_call->isFinished()) {
        m_call->cancel();
        return;
    }
    end(ExitInterrupted);
}

void ArtifactCommand::failS3(const Error &error, const QString &operation)
{
    if (m_interrupted || error.kind == Error::Kind::Cancelled) {
        end(ExitInterrupted);
        return;
    }
    Error shownError = error;
    if (error.kind == Error::Kind::Service) {
        const QString retryInfo =
            error.retriesExhausted ? tr(" (reached max retries: %1)").arg(error.attempts - 1) : QString();
        shownError.message = tr("An error occurred (%1) when calling the %2 operation%3: %4")
                                 .arg(error.code, operation, retryInfo, error.message);
    }
    if (!error.requestId.isEmpty())
        shownError.message += QLatin1Char('\n') + tr("Request ID: %1").arg(error.requestId);
    refuse(shownError, error.kind == Error::Kind::Service ? ExitServiceError : ExitGeneralError);
}

void ArtifactCommand::succeed(const Json &document)
{
    if (m_ended)
        return;
    m_ended = true;
    m_temp.reset();
    if (printResponse(document))
        finish(ExitSuccess);
}

bool ArtifactCommand::makeTemporaryFolder()
{
    m_temp = std::make_unique<QTemporaryDir>();
    if (m_temp->isValid())
        return true;
    refuse(Error::make(Error::Kind::Io, QStringLiteral("NoTemporaryFolder"),
                       tr("Could not make a temporary folder: %1").arg(m_temp->errorString())),
           ExitLocalFailure);
    return false;
}

void ArtifactCommand::refuse(const Error &error, int exitCode)
{
    if (m_ended)
        return;
    QString message = error.message;
    if (!error.hint.isEmpty())
        message += QLatin1Char('\n') + error.hint;
    const bool usage = error.code == CommandLine::usageErrorCode() || error.code == CommandLine::unknownOptionsCode();
    write(m_streams.err, errorText(error, usage ? message : shown(message)));
    end(exitCode);
}

void ArtifactCommand::end(int exitCode)
{
    if (m_ended)
        return;
    m_ended = true;
    m_progress.clear();
    m_temp.reset();  // a download, a zip or an unfinished extraction's source: gone
    finish(exitCode);
}

}  // namespace jobdesk::cli

#pragma once

// `jobdesk-cli artifact list|get|put`: a job's S3 artifacts. Fetches the job with
// GetThirdPartyJobDetails exactly as the operation command does (same options, profile and
// credentials), then reaches S3 with the job's artifact credentials to list the artifacts or
// an archive's entries, download or extract an input artifact, or upload an output one.

#include "cli/operationcommand.h"
#include "cli/progressline.h"
#include "core/codepipeline/jobdocument.h"
#include "core/s3/jobartifacts.h"
#include "core/s3/s3call.h"

#include <QPointer>
#include <QTemporaryDir>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace jobdesk::platform {
class InterruptWatcher;
}
namespace jobdesk::s3 {
class S3Client;
}

namespace jobdesk::cli {

class ArtifactCommand : public OperationCommand
{
    Q_OBJECT

public:
    enum class Action { Help, List, Get, Put };

    // What follows "artifact" on the command line (the global options already taken out).
    struct Options
    {
        Action action = Action::Help;
        QString jobId;
        QString clientToken;
        QString name;
        QString outputFile;
        QString extractTo;
        QString source;
        QString s3EndpointUrl;
        bool helpAsked = false;  // "help" or --help, rather than nothing at all
    };
    // Refuses unknown options, missing and conflicting ones with usage errors.
    static Result<Options> parseOptions(const QStringList &arguments);

    ArtifactCommand(QStringList arguments, QProcessEnvironment env, Streams streams, QObject *parent = nullptr);
    ~ArtifactCommand() override;

    QString name() const override { return QStringLiteral("artifact"); }
    QString help() const override;
    void run(const CommandLine &commandLine) override;

protected:
    void onFinished(codepipeline::OperationCall *call) override;
    QString tableTitle() const override;

private:
    Status checkLocalPaths() const;
    void startS3(const codepipeline::JobDocument &document);
    void download(const QString &destination, std::function<void(const s3::S3Transfer &)> next);
    void listEntries(const s3::S3Transfer &transfer);
    void extract(const s3::S3Transfer &transfer);
    void upload(const QString &file);
    // Runs work (an extraction or a zip) on a worker thread with Ctrl+C reaching it through
    // the flag it is given; then on this thread.
    void runOffThread(const QString &verb, std::function<Status(const std::function<bool(qint64, qint64)> &)> work,
                      std::function<void()> then);
    void watchCall(s3::S3Call *call, const QString &verb);
    void onInterrupted();
    void failS3(const Error &error, const QString &operation);
    void succeed(const nlohmann::ordered_json &document);
    // Prints the error (its hint on the next line) and ends with exitCode.
    // The folder for a download to list or extract, or a folder's zip; false: refused.
    bool makeTemporaryFolder();
    void refuse(const Error &error, int exitCode);
    void end(int exitCode);

    Options m_options;
    QUrl m_s3Endpoint;
    aws::ClientConfig m_s3Config;
    s3::JobArtifact m_artifact;
    QString m_kmsKeyId;
    platform::InterruptWatcher *m_interrupts = nullptr;
    s3::S3Client *m_s3 = nullptr;
    QPointer<s3::S3Call> m_call;
    std::unique_ptr<QTemporaryDir> m_temp;
    ProgressLine m_progress;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_workDone{0};
    std::atomic<qint64> m_workTotal{-1};
    bool m_working = false;  // a worker thread runs
    bool m_interrupted = false;
    bool m_ended = false;
};

}  // namespace jobdesk::cli

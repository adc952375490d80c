#pragma once

// The window's artifact transfers: downloads, opened artifacts and uploads of one
// window, each with its progress, speed, outcome and error. Owns the S3 client on the
// window's network access manager and a temporary folder for opened artifacts, which
// goes with the manager. Transfers outlive the tab and the dialog that started them.

#include "core/aws/clientconfig.h"
#include "core/codepipeline/jobdocument.h"
#include "core/error.h"
#include "core/result.h"
#include "core/s3/jobartifacts.h"
#include "core/s3/s3objectinfo.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QUrl>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace jobdesk::s3 {
class S3Call;
class S3Client;
}  // namespace jobdesk::s3

namespace jobdesk::gui {

struct AppSettings;

class TransferManager : public QObject
{
    Q_OBJECT

public:
    enum class Direction { Download, Upload };
    enum class State { Preparing, Running, Verifying, Finished, Failed, Cancelled };

    struct Transfer
    {
        int id = 0;
        Direction direction = Direction::Download;
        bool temporary = false;  // an opened artifact, kept in the manager's folder
        QString artifact;
        QString jobId;
        QString uri;     // s3://bucket/key
        QString file;    // the file written (download) or sent (upload)
        QString source;  // an upload's chosen file or folder
        State state = State::Preparing;
        qint64 bytes = 0;
        qint64 total = -1;
        double bytesPerSecond = 0;  // smoothed; 0 while unknown
        QString sha256;             // of the bytes written or sent, once known
        s3::S3ObjectInfo head;      // after an upload: what HeadObject says about the object
        Error error;

        bool isRunning() const
        {
            return state == State::Preparing || state == State::Running || state == State::Verifying;
        }
        // Seconds until done at the current speed; -1 while unknown.
        qint64 secondsLeft() const;
    };

    // network must outlive the manager.
    explicit TransferManager(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~TransferManager() override;

    // The timeouts, retries and TLS settings every S3 call starts from (the window's
    // CodePipeline settings), and the S3 endpoint override (empty: S3's public hosts).
    void setBaseConfig(const aws::ClientConfig &base)
    {
        m_base = base;
        m_configError.reset();
    }
    // The window's settings: its timeouts, retries and TLS settings, and its S3 endpoint
    // (else the environment's); demoEndpoint, when set, wins over both.
    void setSettings(const AppSettings &settings, const QUrl &demoEndpoint);
    // The settings could not be applied (an unreadable CA bundle): transfers fail with this.
    void setConfigError(const Error &error) { m_configError = error; }
    void setEndpointOverride(const QUrl &url) { m_endpoint = url; }
    QUrl endpointOverride() const { return m_endpoint; }

    // A file name for the artifact: its name made safe for a folder, with .zip.
    static QString fileNameFor(const QString &artifactName);

    // Streams the artifact into destination; the answer is the transfer's ID.
    Result<int> download(const codepipeline::JobDocument &document, const s3::JobArtifact &artifact,
                         const QString &destination);
    // Downloads the artifact into the temporary folder, or joins the download of it that is
    // running, or reuses the one that finished.
    Result<int> open(const codepipeline::JobDocument &document, const s3::JobArtifact &artifact);
    // Uploads source (a zip file as it is; a folder zipped first, on a worker thread) as the
    // output artifact, encrypted with kmsKeyId (empty: the bucket's default), then asks S3
    // what it stored.
    Result<int> upload(const codepipeline::JobDocument &document, const s3::JobArtifact &artifact,
                       const QString &source, const QString &kmsKeyId);
    void cancel(int id);

    const Transfer *transfer(int id) const;
    QList<int> ids() const;
    QString temporaryFolder() const { return m_temp.path(); }
    s3::S3Client *client() const { return m_client; }
    bool hasRunning() const;

Q_SIGNALS:
    void added(int id);
    void changed(int id);
    // The transfer reached Finished, Failed or Cancelled.
    void finished(int id);

private:
    struct Job;
    Result<aws::ClientConfig> configFor(const codepipeline::JobDocument &document) const;
    Transfer &create(Direction direction, const codepipeline::JobDocument &document, const s3::JobArtifact &artifact);
    void startGet(int id, const aws::ClientConfig &config, const s3::S3Location &location);
    void prepareUpload(int id, const QString &source);
    void startPut(int id, const QString &file);
    void startHead(int id);
    void onProgress(int id, qint64 bytes, qint64 total);
    void end(int id, State state, const Error &error = {});

    QNetworkAccessManager *m_network;
    s3::S3Client *m_client;
    QTemporaryDir m_temp;
    aws::ClientConfig m_base;
    std::optional<Error> m_configError;
    QUrl m_endpoint;
    int m_nextId = 1;
    std::map<int, Transfer> m_transfers;
    std::map<int, std::unique_ptr<Job>> m_jobs;  // what a running transfer needs
};

}  // namespace jobdesk::gui

#include "gui/transfermanager.h"

#include "gui/appsettings.h"
#include "gui/artifactsmodel.h"

#include "core/archive/zipwriter.h"
#include "core/s3/s3call.h"
#include "core/s3/s3client.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QThread>

namespace jobdesk::gui {

using codepipeline::JobDocument;

// What a running transfer holds besides its row: the S3 settings it was started with
// (so that it goes on after its tab closes), the call in flight and the speed samples.
struct TransferManager::Job
{
    aws::ClientConfig config;
    s3::S3Location location;
    s3::S3PutOptions options;
    QPointer<s3::S3Call> call;
    QElapsedTimer clock;
    qint64 sampleMs = 0;
    qint64 sampleBytes = 0;
    std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);
    QThread *worker = nullptr;
    QString zipFile;  // a folder's zip, removed when the transfer ends
};

qint64 TransferManager::Transfer::secondsLeft() const
{
    if (state != State::Running || total < 0 || bytesPerSecond <= 0)
        return -1;
    return qint64((total - bytes) / bytesPerSecond + 0.5);
}

TransferManager::TransferManager(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_client(new s3::S3Client(network, this))
    , m_temp(QDir::tempPath() + QStringLiteral("/jobdesk-artifacts-XXXXXX"))
{
    // Opened artifacts may hold a customer's code: readable by their owner only.
    if (m_temp.isValid())
        QFile::setPermissions(m_temp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TransferManager::setSettings(const AppSettings &settings, const QUrl &demoEndpoint)
{
    // Artifact transfers take the same timeouts, retries and TLS settings as the lookups.
    aws::ClientConfig base;
    base.userAgent = QStringLiteral("JobDesk/") + QStringLiteral(JOBDESK_VERSION);
    if (Status applied = settings.applyTo(base); applied)
        setBaseConfig(base);
    else
        setConfigError(applied.error());
    if (!demoEndpoint.isEmpty())
        return setEndpointOverride(demoEndpoint);
    Result<QUrl> s3 = s3::JobArtifacts::endpointOverride(settings.s3Endpoint, QProcessEnvironment::systemEnvironment());
    setEndpointOverride(s3 ? s3.value() : QUrl());
    if (!s3)
        setConfigError(s3.error());  // told when a transfer starts, not at every start-up
}

TransferManager::~TransferManager()
{
    // The window's parts that listen may be gone already; the calls end unheard.
    blockSignals(true);
    for (auto &[id, job] : m_jobs) {
        job->cancelled->store(true);
        if (job->call)
            job->call->cancel();
        if (job->worker)
            job->worker->wait();
    }
}

Result<aws::ClientConfig> TransferManager::configFor(const JobDocument &document) const
{
    if (m_configError)
        return *m_configError;
    return s3::JobArtifacts::s3Config(document, m_base, m_endpoint);
}

TransferManager::Transfer &TransferManager::create(Direction direction, const JobDocument &document,
                                                   const s3::JobArtifact &artifact)
{
    const int id = m_nextId++;
    Transfer &t = m_transfers[id];
    t.id = id;
    t.direction = direction;
    t.artifact = artifact.name;
    t.jobId = document.jobId();
    t.uri = ArtifactsModel::s3Uri(artifact.location.bucket, artifact.location.key);
    return t;
}

Result<int> TransferManager::download(const JobDocument &document, const s3::JobArtifact &artifact,
                                      const QString &destination)
{
    Result<aws::ClientConfig> config = configFor(document);
    if (!config)
        return config.error();
    Transfer &t = create(Direction::Download, document, artifact);
    t.file = destination;
    const int id = t.id;
    Q_EMIT added(id);
    startGet(id, config.value(), artifact.location);
    return id;
}

Result<int> TransferManager::open(const JobDocument &document, const s3::JobArtifact &artifact)
{
    const QString uri = ArtifactsModel::s3Uri(artifact.location.bucket, artifact.location.key);
    // The newest download of the same object for the same job: running, join it; finished, reuse it.
    for (auto it = m_transfers.rbegin(); it != m_transfers.rend(); ++it) {
        const Transfer &t = it->second;
        if (!t.temporary || t.uri != uri || t.jobId != document.jobId())
            continue;
        if (t.isRunning() || (t.state == State::Finished && QFileInfo::exists(t.file)))
            return t.id;
        break;
    }
    if (!m_temp.isValid()) {
        return Error::make(Error::Kind::Io, QStringLiteral("NoTemporaryFolder"),
                           tr("Could not make a temporary folder for opened artifacts: %1").arg(m_temp.errorString()),
                           tr("Check that the temporary folder exists and has room, or use Download instead."));
    }
    Result<aws::ClientConfig> config = configFor(document);
    if (!config)
        return config.error();
    Transfer &t = create(Direction::Download, document, artifact);
    t.temporary = true;
    // One folder per transfer keeps the artifact's own name without clashes.
    const QString folder = m_temp.filePath(QString::number(t.id));
    QDir().mkpath(folder);
    t.file = folder + QLatin1Char('/') + fileNameFor(artifact.name);
    const int id = t.id;
    Q_EMIT added(id);
    startGet(id, config.value(), artifact.location);
    return id;
}

QString TransferManager::fileNameFor(const QString &artifactName)
{
    QString name = artifactName;
    name.replace(QLatin1Char('/'), QLatin1Char('_')).replace(QLatin1Char('\\'), QLatin1Char('_'));
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        name = QStringLiteral("artifact");
    return name + QStringLiteral(".zip");
}

void TransferManager::startGet(int id, const aws::ClientConfig &config, const s3::S3Location &location)
{
    auto job = std::make_unique<Job>();
    job->config = config;
    job->location = location;
    job->clock.start();
    job->call = m_client->getObject(config, location, m_transfers[id].file);
    connect(job->call, &s3::S3Call::progress, this,
            [this, id](qint64 bytes, qint64 total) { onProgress(id, bytes, total); });
    s3::S3Call *call = job->call;
    connect(call, &s3::S3Call::finished, this, [this, id, call] {
        const Result<s3::S3Transfer> &result = call->result();
        if (!result) {
            const Error &error = result.error();
            end(id, error.kind == Error::Kind::Cancelled ? State::Cancelled : State::Failed, error);
            return;
        }
        Transfer &t = m_transfers[id];
        t.bytes = result.value().bytes;
        t.total = t.bytes;
        t.sha256 = QString::fromLatin1(result.value().sha256);
        end(id, State::Finished);
    });
    m_transfers[id].state = State::Running;
    m_jobs[id] = std::move(job);
    Q_EMIT changed(id);
}

Result<int> TransferManager::upload(const JobDocument &document, const s3::JobArtifact &artifact, const QString &source,
                                    const QString &kmsKeyId)
{
    const QFileInfo info(source);
    if (!info.exists()) {
        return Error::make(Error::Kind::Io, QStringLiteral("NoSuchSource"), tr("\"%1\" does not exist.").arg(source),
                           tr("Choose an existing file or folder."));
    }
    if (!info.isDir() && !info.isFile()) {
        return Error::make(Error::Kind::Io, QStringLiteral("NotAFile"),
                           tr("\"%1\" is neither a file nor a folder.").arg(source),
                           tr("Choose a zip file or a folder to zip."));
    }
    if (info.isDir() && !m_temp.isValid()) {
        return Error::make(Error::Kind::Io, QStringLiteral("NoTemporaryFolder"),
                           tr("Could not make a temporary folder to zip into: %1").arg(m_temp.errorString()),
                           tr("Zip the folder yourself and upload the zip file."));
    }
    Result<aws::ClientConfig> config = configFor(document);
    if (!config)
        return config.error();
    Transfer &t = create(Direction::Upload, document, artifact);
    t.source = source;
    const int id = t.id;
    auto job = std::make_unique<Job>();
    job->config = config.value();
    job->location = artifact.location;
    job->options.contentType = "application/zip";
    job->options.kmsKeyId = kmsKeyId;
    m_jobs[id] = std::move(job);
    Q_EMIT added(id);
    prepareUpload(id, info.absoluteFilePath());
    return id;
}

void TransferManager::prepareUpload(int id, const QString &source)
{
    Job &job = *m_jobs[id];
    if (!QFileInfo(source).isDir()) {
        // S3Call reads the file for its signed hash on a thread of its own.
        startPut(id, source);
        return;
    }
    // Zipping a folder reads every byte: a worker does it.
    job.zipFile = m_temp.filePath(QStringLiteral("upload-%1.zip").arg(id));
    const QString zipFile = job.zipFile;
    const std::shared_ptr<std::atomic<bool>> cancelled = job.cancelled;
    job.worker = QThread::create([this, id, source, zipFile, cancelled] {
        QElapsedTimer sinceReport;
        sinceReport.start();
        Result<archive::ZipSummary> zipped =
            archive::ZipWriter::zip(source, zipFile, [this, id, cancelled, &sinceReport](qint64 done, qint64 total) {
                // A few reports a second are enough for a progress bar.
                if (done == total || sinceReport.elapsed() >= 100) {
                    sinceReport.restart();
                    QMetaObject::invokeMethod(
                        this, [this, id, done, total] { onProgress(id, done, total); }, Qt::QueuedConnection);
                }
                return !cancelled->load();
            });
        const Error failure = zipped ? Error() : zipped.error();
        // Queued to the manager: dropped if the manager is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, id, zipFile, failure] {
                auto it = m_jobs.find(id);
                if (it == m_jobs.end())
                    return;
                if (it->second->worker) {
                    it->second->worker->wait();
                    it->second->worker->deleteLater();
                    it->second->worker = nullptr;
                }
                if (it->second->cancelled->load())
                    return end(id, State::Cancelled,
                               Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"),
                                           tr("The upload was cancelled.")));
                if (!failure.code.isEmpty())
                    return end(id, failure.kind == Error::Kind::Cancelled ? State::Cancelled : State::Failed, failure);
                startPut(id, zipFile);
            },
            Qt::QueuedConnection);
    });
    job.worker->setParent(this);  // deleted after the destructor waited for it
    m_transfers[id].state = State::Preparing;
    job.worker->start();
    Q_EMIT changed(id);
}

void TransferManager::startPut(int id, const QString &file)
{
    Job &job = *m_jobs[id];
    Transfer &t = m_transfers[id];
    t.file = file;
    t.bytes = 0;
    t.total = QFileInfo(file).size();
    t.state = State::Running;
    job.clock.restart();
    job.sampleMs = 0;
    job.sampleBytes = 0;
    job.call = m_client->putObject(job.config, job.location, file, job.options);
    connect(job.call, &s3::S3Call::progress, this,
            [this, id](qint64 bytes, qint64 total) { onProgress(id, bytes, total); });
    s3::S3Call *call = job.call;
    connect(call, &s3::S3Call::finished, this, [this, id, call] {
        const Result<s3::S3Transfer> &result = call->result();
        if (!result) {
            const Error &error = result.error();
            end(id, error.kind == Error::Kind::Cancelled ? State::Cancelled : State::Failed, error);
            return;
        }
        m_transfers[id].bytes = result.value().bytes;
        m_transfers[id].sha256 = QString::fromLatin1(result.value().sha256);
        m_transfers[id].head = result.value().object;
        startHead(id);
    });
    Q_EMIT changed(id);
}

void TransferManager::startHead(int id)
{
    // PutObject's answer leaves out the size; HeadObject says what S3 stored.
    Job &job = *m_jobs[id];
    m_transfers[id].state = State::Verifying;
    job.call = m_client->headObject(job.config, job.location);
    s3::S3Call *call = job.call;
    connect(call, &s3::S3Call::finished, this, [this, id, call] {
        const Result<s3::S3Transfer> &result = call->result();
        if (!result) {
            const Error &error = result.error();
            end(id, error.kind == Error::Kind::Cancelled ? State::Cancelled : State::Failed, error);
            return;
        }
        m_transfers[id].head = result.value().object;
        end(id, State::Finished);
    });
    Q_EMIT changed(id);
}

void TransferManager::onProgress(int id, qint64 bytes, qint64 total)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job &job = *it->second;
    Transfer &t = m_transfers[id];
    // A zip's progress comes before the upload's; the speed is the upload's only.
    if (t.state == State::Running) {
        const qint64 now = job.clock.elapsed();
        if (now - job.sampleMs >= 250 && bytes >= job.sampleBytes) {
            const double rate = double(bytes - job.sampleBytes) * 1000.0 / double(now - job.sampleMs);
            t.bytesPerSecond = t.bytesPerSecond <= 0 ? rate : 0.7 * t.bytesPerSecond + 0.3 * rate;
            job.sampleMs = now;
            job.sampleBytes = bytes;
        }
    }
    t.bytes = bytes;
    t.total = total;
    Q_EMIT changed(id);
}

void TransferManager::end(int id, State state, const Error &error)
{
    auto it = m_jobs.find(id);
    if (it != m_jobs.end()) {
        if (!it->second->zipFile.isEmpty())
            QFile::remove(it->second->zipFile);
        m_jobs.erase(it);
    }
    Transfer &t = m_transfers[id];
    t.state = state;
    t.error = error;
    t.bytesPerSecond = 0;
    if (t.direction == Direction::Upload)
        t.file = t.source;
    Q_EMIT changed(id);
    Q_EMIT finished(id);
}

void TransferManager::cancel(int id)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    it->second->cancelled->store(true);
    // A call reports its cancellation itself; a worker's end is picked up when it returns.
    if (it->second->call)
        it->second->call->cancel();
}

const TransferManager::Transfer *TransferManager::transfer(int id) const
{
    auto it = m_transfers.find(id);
    return it == m_transfers.end() ? nullptr : &it->second;
}

QList<int> TransferManager::ids() const
{
    QList<int> list;
    for (const auto &[id, t] : m_transfers)
        list.append(id);
    return list;
}

bool TransferManager::hasRunning() const
{
    return !m_jobs.empty();
}

}  // namespace jobdesk::gui

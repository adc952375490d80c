#include "gui/artifactactions.h"

#include "gui/actionconfirmation.h"
#include "gui/archivebrowserdialog.h"
#include "gui/artifactsmodel.h"
#include "gui/artifactspage.h"
#include "gui/dialoghooks.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/transfermanager.h"
#include "gui/uploaddialog.h"

#include "core/s3/s3error.h"

#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

namespace jobdesk::gui {

using codepipeline::JobDocument;

ArtifactActions::ArtifactActions(const Parts &parts, QObject *parent) : QObject(parent), m_parts(parts)
{
    connect(m_parts.transfers, &TransferManager::finished, this, &ArtifactActions::onFinished);
}

void ArtifactActions::attach(JobView *view)
{
    connect(view, &JobView::downloadArtifactRequested, this,
            [this, view](const s3::JobArtifact &artifact) { download(view, artifact); });
    connect(view, &JobView::openArtifactRequested, this,
            [this, view](const s3::JobArtifact &artifact) { open(view, artifact, false); });
    connect(view, &JobView::extractArtifactRequested, this,
            [this, view](const s3::JobArtifact &artifact) { open(view, artifact, true); });
    connect(view, &JobView::uploadArtifactRequested, this,
            [this, view](const s3::JobArtifact &artifact) { upload(view, artifact); });
    connect(view, &JobView::fetchAgainRequested, this, [this, view] { Q_EMIT fetchAgainRequested(view); });
}

int ArtifactActions::download(JobView *view, const s3::JobArtifact &artifact)
{
    if (!view || view->isWiped())
        return 0;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString suggested = QDir(dir).filePath(TransferManager::fileNameFor(artifact.name));
    const QString path = m_parts.hooks->saveFileName
        ? m_parts.hooks->saveFileName(suggested)
        : QFileDialog::getSaveFileName(m_parts.window, tr("Download Artifact"), suggested,
                                       tr("Zip files (*.zip);;All files (*)"), nullptr,
                                       QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) {
        Q_EMIT statusMessage(tr("Nothing was downloaded."), 5000);
        return 0;
    }
    const QFileInfo target(path);
    if (target.isDir()) {
        fail(Error::make(Error::Kind::Io, QStringLiteral("IsAFolder"), tr("\"%1\" is a folder.").arg(path),
                         tr("Choose a file name to save the artifact as.")),
             view);
        return 0;
    }
    // The dialog is told not to ask, so the question is the same with and without it.
    if (target.exists()
        && !m_parts.hooks->askToConfirm(m_parts.window,
                                        tr("%1 exists already. Replace it with the artifact %2?")
                                            .arg(QDir::toNativeSeparators(path), artifact.name))) {
        Q_EMIT statusMessage(tr("Nothing was downloaded; %1 was left as it was.").arg(QDir::toNativeSeparators(path)),
                             5000);
        return 0;
    }
    Result<int> id = m_parts.transfers->download(view->document(), artifact, path);
    if (!id) {
        fail(id.error(), view);
        return 0;
    }
    m_views.insert(id.value(), view);
    return id.value();
}

int ArtifactActions::open(JobView *view, const s3::JobArtifact &artifact, bool extract)
{
    if (!view || view->isWiped())
        return 0;
    Result<int> id = m_parts.transfers->open(view->document(), artifact);
    if (!id) {
        fail(id.error(), view);
        return 0;
    }
    m_views.insert(id.value(), view);
    const TransferManager::Transfer *t = m_parts.transfers->transfer(id.value());
    if (t && t->state == TransferManager::State::Finished)
        showBrowser(id.value(), extract);
    else
        m_pendingOpens[id.value()].append(extract);
    return id.value();
}

int ArtifactActions::upload(JobView *view, const s3::JobArtifact &artifact)
{
    if (!view || view->isWiped())
        return 0;
    const JobDocument &doc = view->document();
    const QList<s3::JobArtifact> outputs = view->artifactsPage()->outputs();
    UploadDialog dialog(outputs, artifact.name, s3::JobArtifacts::kmsKeyId(doc), m_parts.hooks, m_parts.window);
    const bool accepted = m_parts.hooks->upload ? m_parts.hooks->upload(&dialog) && dialog.validate()
                                                : dialog.exec() == QDialog::Accepted;
    if (!accepted) {
        Q_EMIT statusMessage(tr("Nothing was uploaded."), 5000);
        return 0;
    }
    const s3::JobArtifact output = dialog.output();
    const QString source = QDir::fromNativeSeparators(dialog.source());
    const QString kmsKey = dialog.kmsKeyId();

    ActionSummary summary = ActionSummary::forJob(doc, tr("Upload artifact"));
    summary.details.append({tr("Artifact:"), output.name});
    summary.details.append({tr("From:"),
                            QFileInfo(source).isDir()
                                ? tr("%1 (a folder, zipped first)").arg(QDir::toNativeSeparators(source))
                                : QDir::toNativeSeparators(source)});
    summary.details.append({tr("Bucket:"), output.location.bucket});
    summary.details.append({tr("Key:"), output.location.key});
    summary.details.append({tr("KMS key:"), kmsKey.isEmpty() ? tr("bucket default") : kmsKey});
    if (doc.origin() != JobDocument::Origin::Fetched)
        summary.warning = tr("This job was read from a file or the clipboard, not fetched: it may be stale.");
    if (!ActionConfirmation::ask(m_parts.window, *m_parts.hooks, summary)) {
        Q_EMIT statusMessage(tr("Nothing was uploaded."), 5000);
        return 0;
    }
    m_parts.banner->dismiss();
    Result<int> id = m_parts.transfers->upload(doc, output, source, kmsKey);
    if (!id) {
        fail(id.error(), view);
        return 0;
    }
    m_views.insert(id.value(), view);
    return id.value();
}

void ArtifactActions::onFinished(int id)
{
    const TransferManager::Transfer *t = m_parts.transfers->transfer(id);
    const QList<bool> opens = m_pendingOpens.take(id);
    const QPointer<JobView> view = m_views.take(id);
    if (!t)
        return;
    switch (t->state) {
    case TransferManager::State::Finished:
        if (t->direction == TransferManager::Direction::Upload)
            Q_EMIT statusMessage(tr("Uploaded %1 to %2.").arg(t->artifact, t->uri), 8000);
        else if (!t->temporary)
            Q_EMIT statusMessage(tr("Downloaded %1 to %2.").arg(t->artifact, QDir::toNativeSeparators(t->file)), 8000);
        // Several Opens of one download show one browser; an Extract among them asks for a folder.
        if (!opens.isEmpty())
            showBrowser(id, opens.contains(true));
        break;
    case TransferManager::State::Failed: fail(t->error, view); break;
    case TransferManager::State::Cancelled:
        Q_EMIT statusMessage(tr("The transfer of %1 was cancelled.").arg(t->artifact), 5000);
        break;
    default: break;
    }
}

void ArtifactActions::showBrowser(int id, bool extract)
{
    const TransferManager::Transfer *t = m_parts.transfers->transfer(id);
    if (!t)
        return;
    auto *dialog =
        new ArchiveBrowserDialog(t->file, tr("%1 (job %2)").arg(t->artifact, t->jobId), m_parts.hooks, m_parts.window);
    m_browsers.append(dialog);
    dialog->show();
    dialog->raise();
    Q_EMIT browserOpened(dialog);
    if (!extract)
        return;
    // Extract All asks for a folder once the archive has been listed.
    if (dialog->isListing())
        connect(dialog, &ArchiveBrowserDialog::listed, dialog, &ArchiveBrowserDialog::extractAll,
                Qt::SingleShotConnection);
    else
        dialog->extractAll();
}

QList<QDialog *> ArtifactActions::browsers() const
{
    QList<QDialog *> open;
    for (const QPointer<QDialog> &dialog : m_browsers) {
        if (dialog)
            open.append(dialog.data());
    }
    return open;
}

void ArtifactActions::fail(const Error &error, JobView *view)
{
    Error shown = error;
    if (shown.hint.isEmpty())
        shown.hint = s3::S3Error::explain(error);
    m_parts.banner->showError(shown);
    Q_EMIT statusMessage(tr("The artifact transfer failed: %1").arg(error.code), 8000);
    // S3 says the credentials are spent whatever the countdown said: offer a new fetch.
    if (view && !view->isWiped() && error.code == QLatin1String("ExpiredToken"))
        view->artifactsPage()->setExpired();
}

}  // namespace jobdesk::gui

#pragma once

// The window's actions on a job's artifacts: Download (a save dialog that never
// replaces a file unasked), Open (downloaded to the transfers' temporary folder,
// then shown in an archive browser), Extract (Open, then Extract All) and Upload
// (a dialog, the same confirmation as the job actions, then the transfer). The
// transfers themselves are the TransferManager's; errors go to the window's banner.

#include "core/codepipeline/jobdocument.h"
#include "core/s3/jobartifacts.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QDialog;
class QWidget;

namespace jobdesk::gui {

class ArchiveBrowserDialog;
class ErrorBanner;
class JobView;
class TransferManager;
struct DialogHooks;

class ArtifactActions : public QObject
{
    Q_OBJECT

public:
    // Everything given must outlive the actions.
    struct Parts
    {
        QWidget *window = nullptr;
        const DialogHooks *hooks = nullptr;
        TransferManager *transfers = nullptr;
        ErrorBanner *banner = nullptr;
    };

    explicit ArtifactActions(const Parts &parts, QObject *parent = nullptr);

    // Runs the actions the tab's Artifacts page asks for.
    void attach(JobView *view);

    // Each returns the transfer's ID, or 0 when nothing was started (cancelled at a
    // dialog, or an error the banner shows).
    int download(JobView *view, const s3::JobArtifact &artifact);
    int open(JobView *view, const s3::JobArtifact &artifact, bool extract = false);
    int upload(JobView *view, const s3::JobArtifact &artifact);

    // The archive browsers opened so far that are still open, newest last.
    QList<QDialog *> browsers() const;

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);
    // The job's artifact credentials have expired (the countdown, or S3's ExpiredToken).
    void fetchAgainRequested(jobdesk::gui::JobView *view);
    // An archive browser was opened for a downloaded artifact.
    void browserOpened(jobdesk::gui::ArchiveBrowserDialog *dialog);

private:
    void onFinished(int id);
    void showBrowser(int id, bool extract);
    void fail(const Error &error, JobView *view);

    Parts m_parts;
    QHash<int, QList<bool>> m_pendingOpens;  // transfer ID -> one entry per Open (true: extract)
    QHash<int, QPointer<JobView>> m_views;   // transfer ID -> the tab that started it
    QList<QPointer<QDialog>> m_browsers;
};

}  // namespace jobdesk::gui

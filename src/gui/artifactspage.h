#pragma once

// The Artifacts tab of a job: the table of its input and output artifacts, the
// actions on the selected one (Download, Open, Extract, Upload, Copy S3 URI) and
// the countdown to the expiry of the job's artifact credentials, with Fetch Again
// once they have expired. It asks for the actions with signals; the window runs them.

#include "core/clock.h"
#include "core/codepipeline/jobdocument.h"
#include "core/s3/jobartifacts.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QMenu;
class QPushButton;
class QTableView;
class QTimer;

namespace jobdesk::gui {

class ArtifactsModel;

class ArtifactsPage : public QWidget
{
    Q_OBJECT

public:
    // The model must outlive the page; it is already filled from document.
    ArtifactsPage(const codepipeline::JobDocument &document, ArtifactsModel *model, QWidget *parent = nullptr);

    // Tests move time; the countdown reads it once a second.
    void setClock(const Clock *clock);
    // Reads the clock now, as the timer does every second.
    void updateCountdown();
    // S3 refused the credentials as expired, whatever the countdown says.
    void setExpired();

    QTableView *view() const { return m_view; }
    QLabel *countdownLabel() const { return m_countdown; }
    QPushButton *fetchAgainButton() const { return m_fetchAgain; }
    QPushButton *downloadButton() const { return m_download; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *extractButton() const { return m_extract; }
    QPushButton *uploadButton() const { return m_upload; }
    QPushButton *copyUriButton() const { return m_copy; }
    // The selected row's context menu, as a right click shows it.
    QMenu *contextMenu() const { return m_menu; }

    // Whether the job carries artifact credentials to reach S3 with.
    bool hasCredentials() const { return m_hasCredentials; }
    bool isExpired() const { return m_expired; }
    // The artifact of the selected row, or of row when given.
    std::optional<s3::JobArtifact> artifact(int row = -1) const;
    // The job's output artifacts, for the upload dialog.
    QList<s3::JobArtifact> outputs() const;
    void selectRow(int row);

Q_SIGNALS:
    void downloadRequested(const jobdesk::s3::JobArtifact &artifact);
    void openRequested(const jobdesk::s3::JobArtifact &artifact);
    void extractRequested(const jobdesk::s3::JobArtifact &artifact);
    void uploadRequested(const jobdesk::s3::JobArtifact &artifact);
    void copyUriRequested();
    void fetchAgainRequested();

private:
    void updateButtons();
    void trigger(void (ArtifactsPage::*signal)(const s3::JobArtifact &));

    QList<s3::JobArtifact> m_artifacts;
    QDateTime m_expires;
    bool m_hasCredentials;
    bool m_expired = false;
    bool m_refused = false;  // S3 answered ExpiredToken
    const Clock *m_clock = &Clock::system();
    ArtifactsModel *m_model;
    QTableView *m_view;
    QLabel *m_countdown;
    QPushButton *m_fetchAgain;
    QPushButton *m_download;
    QPushButton *m_open;
    QPushButton *m_extract;
    QPushButton *m_upload;
    QPushButton *m_copy;
    QMenu *m_menu;
    QAction *m_downloadAction;
    QAction *m_openAction;
    QAction *m_extractAction;
    QAction *m_uploadAction;
    QAction *m_copyAction;
    QTimer *m_tick;
};

}  // namespace jobdesk::gui

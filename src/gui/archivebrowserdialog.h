#pragma once

// What is inside a job's artifact: lists a zip, tar or tar.gz, previews a zip entry's text or
// image, and extracts chosen entries or all of them into a folder, refusing unsafe archives.
// Every read runs on a worker thread; the dialog stays responsive and can cancel an extraction.

#include "core/archive/archiveentry.h"
#include "core/result.h"

#include <QDialog>
#include <QStringList>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;

namespace jobdesk::archive {
struct ExtractSummary;
}

namespace jobdesk::gui {

class ArchiveEntriesModel;
class ArchiveExtraction;
class ArchivePreview;
struct DialogHooks;

class ArchiveBrowserDialog : public QDialog
{
    Q_OBJECT

public:
    // archivePath: a local file (zip, tar or tar.gz; kept by the caller while the dialog is open).
    // title: the artifact's name, shown in the window title. Non-modal; deletes itself on close.
    // hooks (may be null) must outlive the dialog.
    ArchiveBrowserDialog(const QString &archivePath, const QString &title, const DialogHooks *hooks,
                         QWidget *parent = nullptr);
    ~ArchiveBrowserDialog() override;

    // Previews the entry at the view's current row (Enter in the list does the same).
    void previewCurrent();
    // Ask for a folder, then extract the selected entries or all of them into it.
    void extractSelected();
    void extractAll();
    void cancelExtraction();

    bool isListing() const { return m_listing; }
    bool isPreviewing() const { return m_previewing; }
    bool isExtracting() const;
    bool canPreview() const { return m_zip; }

    ArchiveEntriesModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    ArchivePreview *preview() const { return m_preview; }
    QPushButton *extractSelectedButton() const { return m_extractSelected; }
    QPushButton *extractAllButton() const { return m_extractAll; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QString summaryText() const;
    QString noticeText() const;   // why preview and extraction are off; empty for a zip
    QString failureText() const;  // shown instead of the list when the file cannot be listed
    QString statusText() const;   // the last extraction's outcome
    bool statusIsError() const { return m_statusIsError; }

Q_SIGNALS:
    void listed();  // the listing finished, with entries or a failure
    void previewShown();
    void extractionFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Listing;
    void startListing();
    void showListing(const Listing &listing);
    void previewRow(int row);
    void startPreview(int row);
    void extractEntries(const QStringList &names);
    void runExtraction(bool overwrite);
    void showExtraction(const Result<archive::ExtractSummary> &result);
    void showStatus(const QString &text, bool error);
    void setExtracting(bool extracting);
    void updateButtons();
    QString chooseFolder();

    QString m_path;
    const DialogHooks *m_hooks;
    bool m_listing = false;
    bool m_zip = false;
    bool m_previewing = false;
    int m_pendingPreview = -1;  // the row asked for while another was being read
    bool m_statusIsError = false;
    QStringList m_extractNames;  // the running extraction's entries (empty: all) and folder
    QString m_extractFolder;
    bool m_extractOverwrite = false;
    QString m_lastFolder;

    ArchiveEntriesModel *m_model;
    QSortFilterProxyModel *m_proxy;
    ArchiveExtraction *m_extraction;
    QLabel *m_summary;
    QLabel *m_notice;
    QStackedWidget *m_body;
    QLabel *m_loading;
    QLabel *m_failure;
    QTreeView *m_view;
    ArchivePreview *m_preview;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_status;
    QPushButton *m_extractSelected;
    QPushButton *m_extractAll;
};

}  // namespace jobdesk::gui

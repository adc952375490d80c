#pragma once

// The Transfers dock: one row per artifact transfer of the window, with what moves
// where, a progress bar, bytes, speed, time left and state; Cancel while it runs; the
// SHA-256 of a download with Show in Folder, and what S3 stored after an upload.

#include <QDockWidget>
#include <QHash>

class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace jobdesk::gui {

class TransferManager;

class TransfersPanel : public QDockWidget
{
    Q_OBJECT

public:
    // The manager must outlive the panel.
    explicit TransfersPanel(TransferManager *manager, QWidget *parent = nullptr);

    // A transfer's row, for tests and for people: its widgets by transfer ID.
    QProgressBar *progressBar(int id) const;
    QLabel *titleLabel(int id) const;
    QLabel *statusLabel(int id) const;
    QLabel *detailLabel(int id) const;
    QPushButton *cancelButton(int id) const;
    QPushButton *showInFolderButton(int id) const;
    int rowCount() const { return int(m_rows.size()); }

    // "12.5 MB of 40 MB · 2.1 MB/s · 0:13 left · Downloading", as the row shows it.
    static QString statusText(const TransferManager *manager, int id);

private:
    struct Row
    {
        QFrame *frame = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *status = nullptr;
        QLabel *detail = nullptr;
        QPushButton *cancel = nullptr;
        QPushButton *show = nullptr;
    };
    void addRow(int id);
    void updateRow(int id);
    void clearFinished();

    TransferManager *m_manager;
    QVBoxLayout *m_rowsLayout;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_empty;
    QPushButton *m_clear;
    QHash<int, Row> m_rows;
};

}  // namespace jobdesk::gui

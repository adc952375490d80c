#pragma once

// Runs one extraction of a zip into a folder on a worker thread for the archive browser:
// reports progress, can be cancelled, and cancels itself when its owner goes away.

#include "core/archive/archiveextractor.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace jobdesk::gui {

class ArchiveExtraction : public QObject
{
    Q_OBJECT

public:
    explicit ArchiveExtraction(QObject *parent = nullptr);
    ~ArchiveExtraction() override;

    // Starts unless one is running (then false).
    bool start(const QString &zipPath, const QString &folder, const archive::ExtractOptions &options);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const jobdesk::Result<jobdesk::archive::ExtractSummary> &result);

private:
    // Shared with the worker, which may outlive this object after a cancel.
    struct Shared
    {
        std::atomic<bool> cancelled{false};
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
    };
    void report();

    std::shared_ptr<Shared> m_shared;
    QTimer m_ticker;  // the worker's progress is shown at this pace, not at every call
    bool m_running = false;
};

}  // namespace jobdesk::gui

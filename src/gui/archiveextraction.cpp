#include "gui/archiveextraction.h"

#include "gui/backgroundtask.h"

namespace jobdesk::gui {

using archive::ArchiveExtractor;
using archive::ExtractOptions;
using archive::ExtractSummary;

ArchiveExtraction::ArchiveExtraction(QObject *parent) : QObject(parent)
{
    m_ticker.setInterval(100);
    connect(&m_ticker, &QTimer::timeout, this, &ArchiveExtraction::report);
}

ArchiveExtraction::~ArchiveExtraction()
{
    cancel();
}

bool ArchiveExtraction::start(const QString &zipPath, const QString &folder, const ExtractOptions &options)
{
    if (m_running)
        return false;
    m_running = true;
    m_shared = std::make_shared<Shared>();
    std::shared_ptr<Shared> shared = m_shared;
    runInBackground<Result<ExtractSummary>>(
        this,
        [shared, zipPath, folder, options] {
            return ArchiveExtractor::extract(zipPath, folder, options, [shared](qint64 done, qint64 total) {
                shared->done = done;
                shared->total = total;
                return !shared->cancelled.load();
            });
        },
        [this](Result<ExtractSummary> result) {
            m_ticker.stop();
            report();
            m_running = false;
            Q_EMIT finished(result);
        });
    m_ticker.start();
    return true;
}

void ArchiveExtraction::cancel()
{
    if (m_shared)
        m_shared->cancelled = true;
}

void ArchiveExtraction::report()
{
    if (m_shared)
        Q_EMIT progress(m_shared->done.load(), m_shared->total.load());
}

}  // namespace jobdesk::gui

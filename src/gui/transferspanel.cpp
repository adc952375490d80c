#include "gui/transferspanel.h"

#include "gui/theme.h"
#include "gui/transfermanager.h"

#include "core/s3/s3error.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace jobdesk::gui {

using State = TransferManager::State;
using Direction = TransferManager::Direction;

namespace {

QString duration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString stateName(const TransferManager::Transfer &t)
{
    const bool down = t.direction == Direction::Download;
    switch (t.state) {
    case State::Preparing:
        return QFileInfo(t.source).isDir() ? TransfersPanel::tr("Zipping the folder")
                                           : TransfersPanel::tr("Reading the file");
    case State::Running: return down ? TransfersPanel::tr("Downloading") : TransfersPanel::tr("Uploading");
    case State::Verifying: return TransfersPanel::tr("Asking S3 what it stored");
    case State::Finished: return down ? TransfersPanel::tr("Downloaded") : TransfersPanel::tr("Uploaded");
    case State::Failed: return TransfersPanel::tr("Failed");
    case State::Cancelled: return TransfersPanel::tr("Cancelled");
    }
    return {};
}

QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

}  // namespace

TransfersPanel::TransfersPanel(TransferManager *manager, QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_manager(manager)
    , m_rowsLayout(new QVBoxLayout)
    , m_empty(new QLabel(tr("No artifact has been downloaded or uploaded yet."), this))
    , m_clear(new QPushButton(tr("Clear Finished"), this))
{
    setObjectName(QStringLiteral("transfersDock"));
    auto *content = new QWidget(this);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->addWidget(m_empty);
    m_rowsLayout->addStretch();
    content->setLayout(m_rowsLayout);
    auto *scroll = m_scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    m_clear->setObjectName(QStringLiteral("clearTransfers"));
    m_clear->setEnabled(false);
    connect(m_clear, &QPushButton::clicked, this, &TransfersPanel::clearFinished);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_clear);
    auto *holder = new QWidget(this);
    auto *layout = new QVBoxLayout(holder);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    setWidget(holder);

    connect(m_manager, &TransferManager::added, this, [this](int id) {
        addRow(id);
        // A transfer that starts shows where it goes, even when the panel was closed.
        show();
        raise();
    });
    connect(m_manager, &TransferManager::changed, this, &TransfersPanel::updateRow);
    for (int id : m_manager->ids())
        addRow(id);
}

void TransfersPanel::addRow(int id)
{
    if (m_rows.contains(id))
        return;
    Row &row = m_rows[id];
    row.frame = new QFrame(this);
    row.frame->setObjectName(QStringLiteral("transfer%1").arg(id));
    row.frame->setFrameShape(QFrame::StyledPanel);
    row.title = selectableLabel(row.frame);
    row.bar = new QProgressBar(row.frame);
    row.bar->setTextVisible(false);
    row.status = new QLabel(row.frame);
    row.detail = selectableLabel(row.frame);
    row.cancel = new QPushButton(tr("Cancel"), row.frame);
    row.cancel->setObjectName(QStringLiteral("cancelTransfer"));
    row.show = new QPushButton(tr("Show in Folder"), row.frame);
    row.show->setObjectName(QStringLiteral("showInFolder"));
    connect(row.cancel, &QPushButton::clicked, this, [this, id] { m_manager->cancel(id); });
    connect(row.show, &QPushButton::clicked, this, [this, id] {
        if (const TransferManager::Transfer *t = m_manager->transfer(id))
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(t->file).absolutePath()));
    });

    auto *top = new QHBoxLayout;
    top->addWidget(row.title, 1);
    top->addWidget(row.cancel);
    top->addWidget(row.show);
    auto *layout = new QVBoxLayout(row.frame);
    layout->addLayout(top);
    layout->addWidget(row.bar);
    layout->addWidget(row.status);
    layout->addWidget(row.detail);
    // Newest first, above the older rows.
    m_rowsLayout->insertWidget(0, row.frame);
    m_empty->hide();
    updateRow(id);
    // At least one whole row, with its detail lines, without scrolling.
    m_scroll->setMinimumHeight(
        qMax(m_scroll->minimumHeight(), qMin(row.frame->sizeHint().height() + 2 * m_scroll->frameWidth() + 4, 220)));
}

QString TransfersPanel::statusText(const TransferManager *manager, int id)
{
    const TransferManager::Transfer *t = manager->transfer(id);
    if (!t)
        return {};
    const QLocale locale;
    QStringList parts;
    if (t->total >= 0)
        parts << tr("%1 of %2").arg(locale.formattedDataSize(t->bytes), locale.formattedDataSize(t->total));
    else if (t->bytes > 0)
        parts << locale.formattedDataSize(t->bytes);
    if (t->state == State::Running && t->bytesPerSecond > 0)
        parts << tr("%1/s").arg(locale.formattedDataSize(qint64(t->bytesPerSecond)));
    if (const qint64 left = t->secondsLeft(); left >= 0)
        parts << tr("%1 left").arg(duration(left));
    parts << stateName(*t);
    return parts.join(QStringLiteral(" · "));
}

void TransfersPanel::updateRow(int id)
{
    auto found = m_rows.find(id);
    const TransferManager::Transfer *t = m_manager->transfer(id);
    if (found == m_rows.end() || !t)
        return;
    Row *row = &found.value();
    const bool down = t->direction == Direction::Download;
    row->title->setText(down ? tr("%1: download of %2").arg(t->artifact, t->uri)
                             : tr("%1: upload to %2").arg(t->artifact, t->uri));
    row->title->setToolTip(t->file);
    if (t->total > 0) {
        // QProgressBar counts in int; kibibytes keep 2 TiB in range.
        row->bar->setRange(0, int(qMax<qint64>(1, t->total / 1024)));
        row->bar->setValue(int(t->bytes / 1024));
    } else if (t->state == State::Finished) {
        row->bar->setRange(0, 1);
        row->bar->setValue(1);
    } else if (t->isRunning()) {
        row->bar->setRange(0, 0);  // busy until the size is known
    } else {
        row->bar->setRange(0, 1);
        row->bar->setValue(0);
    }
    row->status->setText(statusText(m_manager, id));
    row->cancel->setVisible(t->isRunning());
    row->show->setVisible(down && t->state == State::Finished);

    QString detail;
    if (t->state == State::Finished && down) {
        detail = tr("SHA-256 of the file written: %1").arg(t->sha256);
        if (!t->temporary)
            detail += QLatin1Char('\n') + tr("Saved as %1").arg(QDir::toNativeSeparators(t->file));
    } else if (t->state == State::Finished) {
        const s3::S3ObjectInfo &head = t->head;
        QStringList lines;
        lines << tr("Stored: %1, ETag %2").arg(QLocale().formattedDataSize(head.size), QString::fromLatin1(head.etag));
        lines << tr("Server-side encryption: %1")
                     .arg(head.serverSideEncryption.isEmpty() ? tr("not said") : head.serverSideEncryption);
        if (!head.kmsKeyId.isEmpty())
            lines << tr("KMS key: %1").arg(head.kmsKeyId);
        lines << tr("SHA-256 of the file sent: %1").arg(t->sha256);
        detail = lines.join(QLatin1Char('\n'));
    } else if (t->state == State::Failed) {
        const QString hint = t->error.hint.isEmpty() ? s3::S3Error::explain(t->error) : t->error.hint;
        detail = t->error.code.isEmpty() ? t->error.message : t->error.code + QStringLiteral(": ") + t->error.message;
        if (!t->error.requestId.isEmpty())
            detail += QLatin1Char('\n') + tr("Request ID: %1").arg(t->error.requestId);
        if (!hint.isEmpty())
            detail += QLatin1Char('\n') + hint;
    }
    row->detail->setText(detail);
    row->detail->setVisible(!detail.isEmpty());
    QPalette p = palette();
    if (t->state == State::Failed)
        p.setColor(QPalette::WindowText, Theme::errorText(p));
    row->detail->setPalette(p);
    bool anyDone = false;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const TransferManager::Transfer *other = m_manager->transfer(it.key());
        anyDone = anyDone || (other && !other->isRunning());
    }
    m_clear->setEnabled(anyDone);
}

void TransfersPanel::clearFinished()
{
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        const TransferManager::Transfer *t = m_manager->transfer(it.key());
        if (t && t->isRunning()) {
            ++it;
            continue;
        }
        it.value().frame->deleteLater();
        it = m_rows.erase(it);
    }
    m_empty->setVisible(m_rows.isEmpty());
    m_clear->setEnabled(false);
}

#define ROW_ACCESSOR(type, name, member)                                                                               \
    type *TransfersPanel::name(int id) const                                                                           \
    {                                                                                                                  \
        auto it = m_rows.find(id);                                                                                     \
        return it == m_rows.end() ? nullptr : it->member;                                                              \
    }
ROW_ACCESSOR(QProgressBar, progressBar, bar)
ROW_ACCESSOR(QLabel, titleLabel, title)
ROW_ACCESSOR(QLabel, statusLabel, status)
ROW_ACCESSOR(QLabel, detailLabel, detail)
ROW_ACCESSOR(QPushButton, cancelButton, cancel)
ROW_ACCESSOR(QPushButton, showInFolderButton, show)
#undef ROW_ACCESSOR

}  // namespace jobdesk::gui

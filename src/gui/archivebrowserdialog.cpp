#include "gui/archivebrowserdialog.h"

#include "gui/archiveentriesmodel.h"
#include "gui/archiveextraction.h"
#include "gui/archivepreview.h"
#include "gui/backgroundtask.h"
#include "gui/dialoghooks.h"
#include "gui/theme.h"

#include "core/archive/archiveextractor.h"
#include "core/archive/archivereader.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTreeView>
#include <QVBoxLayout>

namespace jobdesk::gui {

using archive::ArchiveEntry;
using archive::ArchiveExtractor;
using archive::ArchiveFormat;
using archive::ArchiveReader;
using archive::ExtractSummary;

namespace {

enum BodyPage { LoadingPage, ContentPage, FailurePage };

const DialogHooks &noHooks()
{
    static const DialogHooks hooks;
    return hooks;
}

}  // namespace

struct ArchiveBrowserDialog::Listing
{
    ArchiveFormat format = ArchiveFormat::Unknown;
    Result<QList<ArchiveEntry>> entries = QList<ArchiveEntry>{};
};

ArchiveBrowserDialog::ArchiveBrowserDialog(const QString &archivePath, const QString &title, const DialogHooks *hooks,
                                           QWidget *parent)
    : QDialog(parent)
    , m_path(archivePath)
    , m_hooks(hooks ? hooks : &noHooks())
    , m_model(new ArchiveEntriesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_extraction(new ArchiveExtraction(this))
    , m_summary(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_body(new QStackedWidget(this))
    , m_loading(new QLabel(tr("Reading the archive…"), this))
    , m_failure(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_preview(new ArchivePreview(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Ca&ncel"), this))
    , m_status(new QLabel(this))
    , m_extractSelected(new QPushButton(tr("Extract &Selected…"), this))
    , m_extractAll(new QPushButton(tr("Extract &All…"), this))
{
    setObjectName(QStringLiteral("archiveBrowserDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(false);
    const QString name = title.isEmpty() ? QFileInfo(archivePath).fileName() : title;
    setWindowTitle(tr("Artifact “%1”").arg(name));

    m_summary->setObjectName(QStringLiteral("archiveSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setObjectName(QStringLiteral("archiveNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->hide();

    m_loading->setAlignment(Qt::AlignCenter);
    m_failure->setObjectName(QStringLiteral("archiveFailure"));
    m_failure->setTextFormat(Qt::PlainText);
    m_failure->setWordWrap(true);
    m_failure->setAlignment(Qt::AlignCenter);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ArchiveEntriesModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("archiveEntries"));
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Entries of the archive"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ArchiveEntriesModel::NameColumn, Qt::AscendingOrder);
    m_view->header()->setStretchLastSection(true);
    m_view->installEventFilter(this);
    auto *entriesLabel = new QLabel(tr("&Entries:"), this);
    entriesLabel->setBuddy(m_view);

    m_preview->setObjectName(QStringLiteral("archivePreview"));
    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(entriesLabel);
    listLayout->addWidget(m_view, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(listSide);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // The list's columns (name to CRC-32) fit at first; the preview takes the rest.
    splitter->setSizes({680, 420});

    m_body->insertWidget(LoadingPage, m_loading);
    m_body->insertWidget(ContentPage, splitter);
    m_body->insertWidget(FailurePage, m_failure);

    m_progress->setObjectName(QStringLiteral("extractProgress"));
    m_progress->setAccessibleName(tr("Extraction progress"));
    m_cancel->setObjectName(QStringLiteral("extractCancel"));
    m_cancel->setAutoDefault(false);
    auto *progressRow = new QWidget(this);
    progressRow->setObjectName(QStringLiteral("extractProgressRow"));
    auto *progressLayout = new QHBoxLayout(progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(m_cancel);
    progressRow->hide();
    connect(m_cancel, &QPushButton::clicked, this, &ArchiveBrowserDialog::cancelExtraction);

    m_status->setObjectName(QStringLiteral("extractStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    m_extractSelected->setObjectName(QStringLiteral("extractSelected"));
    m_extractAll->setObjectName(QStringLiteral("extractAll"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_extractSelected, QDialogButtonBox::ActionRole);
    buttons->addButton(m_extractAll, QDialogButtonBox::ActionRole);
    for (QAbstractButton *button : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);  // Enter in the list previews; it must not press a button
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_extractSelected, &QPushButton::clicked, this, &ArchiveBrowserDialog::extractSelected);
    connect(m_extractAll, &QPushButton::clicked, this, &ArchiveBrowserDialog::extractAll);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    previewRow(m_proxy->mapToSource(current).row());
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ArchiveBrowserDialog::updateButtons);
    connect(m_extraction, &ArchiveExtraction::progress, this, [this](qint64 done, qint64 total) {
        if (total <= 0) {
            m_progress->setRange(0, 0);
            return;
        }
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(qBound(qint64(0), done * 1000 / total, qint64(1000))));
    });
    connect(m_extraction, &ArchiveExtraction::finished, this, &ArchiveBrowserDialog::showExtraction);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_notice);
    layout->addWidget(m_body, 1);
    layout->addWidget(progressRow);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(1120, 600);

    startListing();
}

ArchiveBrowserDialog::~ArchiveBrowserDialog() = default;

bool ArchiveBrowserDialog::isExtracting() const
{
    return m_extraction->isRunning();
}

QString ArchiveBrowserDialog::summaryText() const
{
    return m_summary->text();
}

QString ArchiveBrowserDialog::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

QString ArchiveBrowserDialog::failureText() const
{
    return m_body->currentIndex() == FailurePage ? m_failure->text() : QString();
}

QString ArchiveBrowserDialog::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void ArchiveBrowserDialog::startListing()
{
    m_listing = true;
    m_body->setCurrentIndex(LoadingPage);
    m_summary->setText(tr("Reading the archive…"));
    updateButtons();
    const QString path = m_path;
    // A tar.gz is inflated whole to be listed, and a zip's directory can be large: never on this thread.
    runInBackground<Listing>(
        this,
        [path] {
            Listing listing;
            listing.format = ArchiveReader::detect(path);
            if (listing.format != ArchiveFormat::Unknown)
                listing.entries = ArchiveReader::list(path);
            return listing;
        },
        [this](Listing listing) { showListing(listing); });
}

void ArchiveBrowserDialog::showListing(const Listing &listing)
{
    m_listing = false;
    if (listing.format == ArchiveFormat::Unknown || !listing.entries) {
        if (listing.format == ArchiveFormat::Unknown) {
            QFileInfo info(m_path);
            m_failure->setText(info.isFile() ? tr("This file is not an archive JobDesk can open (zip, tar or tar.gz).")
                                             : tr("The file %1 cannot be read.").arg(QDir::toNativeSeparators(m_path)));
        } else {
            m_failure->setText(tr("The archive could not be read: %1").arg(listing.entries.error().message));
        }
        m_summary->setText(tr("Format: %1").arg(ArchiveReader::formatName(listing.format)));
        m_body->setCurrentIndex(FailurePage);
        updateButtons();
        Q_EMIT listed();
        return;
    }
    m_zip = listing.format == ArchiveFormat::Zip;
    m_model->setEntries(listing.entries.value(), listing.format);
    const qint64 total = m_model->totalSize();
    m_summary->setText(tr("Format: %1    Entries: %L2    Total size: %3")
                           .arg(ArchiveReader::formatName(listing.format))
                           .arg(m_model->rowCount())
                           .arg(ArchiveEntriesModel::sizeText(total)));
    m_summary->setToolTip(ArchiveEntriesModel::exactSize(total));
    if (!m_zip) {
        m_notice->setText(tr("This %1 archive is listed only: preview and extraction work on zip archives, "
                             "the format CodePipeline gives artifacts.")
                              .arg(ArchiveReader::formatName(listing.format)));
        m_notice->show();
        m_preview->showNothing(tr("No preview: this archive is not a zip."));
    }
    for (int column = 0; column < ArchiveEntriesModel::NotesColumn; ++column)
        m_view->resizeColumnToContents(column);
    m_body->setCurrentIndex(ContentPage);
    updateButtons();
    m_view->setFocus();
    Q_EMIT listed();
}

void ArchiveBrowserDialog::previewCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        previewRow(m_proxy->mapToSource(current).row());
}

void ArchiveBrowserDialog::previewRow(int row)
{
    if (!m_zip || row < 0 || row >= m_model->rowCount())
        return;
    // One read at a time: while one runs, only the latest row asked for waits its turn.
    if (m_previewing) {
        m_pendingPreview = row;
        return;
    }
    startPreview(row);
}

void ArchiveBrowserDialog::startPreview(int row)
{
    const ArchiveEntry entry = m_model->entry(row);
    const PreviewContent immediate = ArchivePreview::withoutReading(entry);
    if (!immediate.reason.isEmpty()) {
        m_preview->showContent(entry.name, immediate);
        Q_EMIT previewShown();
        return;
    }
    m_previewing = true;
    m_preview->showLoading(entry.name);
    const QString path = m_path;
    runInBackground<PreviewContent>(
        this, [path, entry] { return ArchivePreview::load(path, entry); },
        [this, name = entry.name](PreviewContent content) {
            m_previewing = false;
            const int pending = std::exchange(m_pendingPreview, -1);
            if (pending >= 0 && pending < m_model->rowCount() && m_model->entry(pending).name != name) {
                startPreview(pending);
                return;
            }
            m_preview->showContent(name, content);
            Q_EMIT previewShown();
        });
}

QString ArchiveBrowserDialog::chooseFolder()
{
    const QString suggested =
        m_lastFolder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation) : m_lastFolder;
    if (m_hooks->folderName)
        return m_hooks->folderName(suggested);
    return QFileDialog::getExistingDirectory(this, tr("Extract Into"), suggested);
}

void ArchiveBrowserDialog::extractSelected()
{
    QStringList names;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(ArchiveEntriesModel::NameColumn);
    for (const QModelIndex &index : rows)
        names.append(index.data(ArchiveEntriesModel::EntryNameRole).toString());
    if (names.isEmpty())
        return;
    extractEntries(names);
}

void ArchiveBrowserDialog::extractAll()
{
    extractEntries({});
}

void ArchiveBrowserDialog::extractEntries(const QStringList &names)
{
    if (!m_zip || isExtracting())
        return;
    const QString folder = chooseFolder();
    if (folder.isEmpty())
        return;
    m_lastFolder = folder;
    m_extractNames = names;
    m_extractFolder = folder;
    runExtraction(false);
}

void ArchiveBrowserDialog::runExtraction(bool overwrite)
{
    archive::ExtractOptions options;
    options.entries = m_extractNames;
    options.overwrite = overwrite;
    m_extractOverwrite = overwrite;
    if (!m_extraction->start(m_path, m_extractFolder, options))
        return;
    m_progress->setRange(0, 0);
    setExtracting(true);
    showStatus(tr("Extracting into %1…").arg(QDir::toNativeSeparators(m_extractFolder)), false);
}

void ArchiveBrowserDialog::cancelExtraction()
{
    m_extraction->cancel();
}

void ArchiveBrowserDialog::showExtraction(const Result<ExtractSummary> &result)
{
    setExtracting(false);
    const QString folder = QDir::toNativeSeparators(m_extractFolder);
    if (result) {
        const ExtractSummary &s = result.value();
        showStatus(tr("Extracted into %1. Files: %L2, folders: %L3, links: %L4, size: %5.")
                       .arg(folder)
                       .arg(s.files)
                       .arg(s.directories)
                       .arg(s.symlinks)
                       .arg(ArchiveEntriesModel::sizeText(s.bytes)),
                   false);
    } else if (result.error().code == ArchiveExtractor::FileExists() && !m_extractOverwrite) {
        if (m_hooks->askToConfirm(this,
                                  tr("Some of these files already exist in %1.\n\n%2\n\nReplace them?")
                                      .arg(folder, result.error().message))) {
            runExtraction(true);
            return;
        }
        showStatus(tr("Nothing was extracted: the files already exist in %1.").arg(folder), true);
    } else if (result.error().kind == Error::Kind::Cancelled) {
        showStatus(tr("Extraction cancelled. The files it had written were removed."), false);
    } else {
        const Error &error = result.error();
        const bool refused = error.code == ArchiveExtractor::UnsafeEntry() || error.code == ArchiveExtractor::TooLarge()
            || error.code == ArchiveExtractor::TooManyEntries() || error.code == ArchiveExtractor::SizeMismatch();
        QString text =
            refused ? tr("Extraction refused: %1").arg(error.message) : tr("Extraction failed: %1").arg(error.message);
        if (!error.hint.isEmpty())
            text += QLatin1Char(' ') + error.hint;
        showStatus(text, true);
    }
    Q_EMIT extractionFinished();
}

void ArchiveBrowserDialog::showStatus(const QString &text, bool error)
{
    m_statusIsError = error;
    m_status->setText(text);
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, Theme::errorText(palette));
    m_status->setPalette(palette);
    m_status->show();
}

void ArchiveBrowserDialog::setExtracting(bool extracting)
{
    if (QWidget *row = findChild<QWidget *>(QStringLiteral("extractProgressRow")))
        row->setVisible(extracting);
    if (extracting)
        m_cancel->setFocus();
    else if (m_cancel->hasFocus())
        m_view->setFocus();
    updateButtons();
}

void ArchiveBrowserDialog::updateButtons()
{
    const bool ready = m_zip && !m_listing && !isExtracting();
    m_extractAll->setEnabled(ready && m_model->rowCount() > 0);
    m_extractSelected->setEnabled(ready && m_view->selectionModel()->hasSelection());
}

bool ArchiveBrowserDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            previewCurrent();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ArchiveBrowserDialog::changeEvent(QEvent *event)
{
    // The error colour is picked from the palette: follow a switch between light and dark.
    if (event->type() == QEvent::PaletteChange && !m_status->isHidden())
        showStatus(m_status->text(), m_statusIsError);
    QDialog::changeEvent(event);
}

}  // namespace jobdesk::gui

#include "gui/artifactspage.h"

#include "gui/artifactsmodel.h"
#include "gui/theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace jobdesk::gui {

namespace {

// Enter and Return open the selected input, as a double click does.
class ArtifactsTable : public QTableView
{
public:
    using QTableView::QTableView;
    std::function<void()> activate;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && event->modifiers() == Qt::NoModifier
            && activate) {
            activate();
            event->accept();
            return;
        }
        QTableView::keyPressEvent(event);
    }
};

constexpr int kAmberSeconds = 3 * 60;

}  // namespace

ArtifactsPage::ArtifactsPage(const codepipeline::JobDocument &document, ArtifactsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_artifacts(s3::JobArtifacts::list(document))
    , m_expires(s3::JobArtifacts::credentialsExpireUtc(document))
    , m_hasCredentials(s3::JobArtifacts::credentials(document).ok())
    , m_model(model)
    , m_view(new ArtifactsTable(this))
    , m_countdown(new QLabel(this))
    , m_fetchAgain(new QPushButton(QIcon(QStringLiteral(":/icons/fetch.svg")), tr("Fetch Again"), this))
    , m_download(new QPushButton(tr("Download…"), this))
    , m_open(new QPushButton(tr("Open"), this))
    , m_extract(new QPushButton(tr("Extract…"), this))
    , m_upload(new QPushButton(tr("Upload…"), this))
    , m_copy(new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy S3 &URI"), this))
    , m_menu(new QMenu(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("artifactsPage"));
    m_view->setObjectName(QStringLiteral("artifactsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTabKeyNavigation(false);
    m_view->setAccessibleName(tr("Input and output artifacts"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    m_download->setObjectName(QStringLiteral("downloadArtifact"));
    m_open->setObjectName(QStringLiteral("openArtifact"));
    m_extract->setObjectName(QStringLiteral("extractArtifact"));
    m_upload->setObjectName(QStringLiteral("uploadArtifact"));
    m_copy->setObjectName(QStringLiteral("copyUri"));
    m_fetchAgain->setObjectName(QStringLiteral("fetchAgain"));
    m_countdown->setObjectName(QStringLiteral("credentialCountdown"));
    m_download->setToolTip(tr("Saves the artifact's zip file"));
    m_open->setToolTip(tr("Downloads the artifact and lists the files in it"));
    m_extract->setToolTip(tr("Downloads the artifact and extracts its files into a folder"));
    m_upload->setToolTip(tr("Uploads a zip file or a folder as this output artifact"));
    m_fetchAgain->setToolTip(tr("Fetches the job again, which brings new artifact credentials"));

    m_downloadAction = m_menu->addAction(tr("Download…"));
    m_openAction = m_menu->addAction(tr("Open"));
    m_extractAction = m_menu->addAction(tr("Extract…"));
    m_uploadAction = m_menu->addAction(tr("Upload…"));
    m_menu->addSeparator();
    m_copyAction = m_menu->addAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy S3 URI"));
    m_menu->setDefaultAction(m_openAction);

    const auto both = [this](QPushButton *button, QAction *action, auto slot) {
        connect(button, &QPushButton::clicked, this, slot);
        connect(action, &QAction::triggered, this, slot);
    };
    both(m_download, m_downloadAction, [this] { trigger(&ArtifactsPage::downloadRequested); });
    both(m_open, m_openAction, [this] { trigger(&ArtifactsPage::openRequested); });
    both(m_extract, m_extractAction, [this] { trigger(&ArtifactsPage::extractRequested); });
    both(m_upload, m_uploadAction, [this] { trigger(&ArtifactsPage::uploadRequested); });
    both(m_copy, m_copyAction, [this] { Q_EMIT copyUriRequested(); });
    connect(m_fetchAgain, &QPushButton::clicked, this, &ArtifactsPage::fetchAgainRequested);

    // Opening is what an input is for; an output is usually still to be made.
    const auto openInput = [this] {
        const std::optional<s3::JobArtifact> selected = artifact();
        if (m_open->isEnabled() && selected && selected->isInput())
            trigger(&ArtifactsPage::openRequested);
    };
    static_cast<ArtifactsTable *>(m_view)->activate = openInput;
    connect(m_view, &QTableView::doubleClicked, this, openInput);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        selectRow(index.row());
        m_menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ArtifactsPage::updateButtons);

    auto *countdownRow = new QHBoxLayout;
    countdownRow->addWidget(m_countdown, 1);
    countdownRow->addWidget(m_fetchAgain);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_download);
    buttons->addWidget(m_open);
    buttons->addWidget(m_extract);
    buttons->addWidget(m_upload);
    buttons->addStretch();
    buttons->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(countdownRow);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &ArtifactsPage::updateCountdown);
    if (m_hasCredentials && m_expires.isValid())
        m_tick->start();
    if (!m_artifacts.isEmpty())
        selectRow(0);
    updateCountdown();
    updateButtons();
}

void ArtifactsPage::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &Clock::system();
    updateCountdown();
}

void ArtifactsPage::updateCountdown()
{
    QPalette p = palette();
    if (!m_hasCredentials) {
        m_countdown->setText(
            tr("This job has no usable artifact credentials. Fetch the job to get its artifact credentials."));
        m_fetchAgain->hide();
    } else if (!m_expires.isValid() && !m_refused) {
        m_countdown->setText(
            tr("The job does not say when it was fetched, so when its credentials expire is unknown."));
        m_fetchAgain->hide();
    } else {
        const qint64 left = m_refused ? 0 : m_clock->nowUtc().secsTo(m_expires);
        m_expired = left <= 0;
        if (m_expired) {
            m_countdown->setText(tr("Artifact credentials have expired"));
            p.setColor(QPalette::WindowText, Theme::errorText(p));
            m_tick->stop();
        } else {
            m_countdown->setText(
                tr("Artifact credentials expire in %1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
            if (left <= kAmberSeconds)
                p.setColor(QPalette::WindowText, Theme::warningText(p));
        }
        m_fetchAgain->setVisible(m_expired);
    }
    m_countdown->setPalette(p);
}

void ArtifactsPage::setExpired()
{
    m_refused = true;
    updateCountdown();
}

std::optional<s3::JobArtifact> ArtifactsPage::artifact(int row) const
{
    if (row < 0)
        row = m_view->currentIndex().row();
    if (row < 0 || row >= m_artifacts.size())
        return std::nullopt;
    return m_artifacts.at(row);
}

QList<s3::JobArtifact> ArtifactsPage::outputs() const
{
    QList<s3::JobArtifact> list;
    for (const s3::JobArtifact &a : m_artifacts) {
        if (!a.isInput() && a.isInS3())
            list.append(a);
    }
    return list;
}

void ArtifactsPage::selectRow(int row)
{
    m_view->setCurrentIndex(m_model->index(row, ArtifactsModel::NameColumn));
}

void ArtifactsPage::updateButtons()
{
    const std::optional<s3::JobArtifact> selected = artifact();
    const bool inS3 = selected && selected->isInS3();
    const bool input = inS3 && selected->isInput();
    const QString why = !m_hasCredentials ? tr("Fetch the job to get its artifact credentials")
        : !selected                       ? tr("Select an artifact")
        : !inS3                           ? tr("This artifact has no S3 location")
                                          : QString();
    const auto set = [&](QPushButton *button, QAction *action, bool enabled, const QString &tip,
                         const QString &disabledWhy) {
        const bool on = m_hasCredentials && enabled;
        button->setEnabled(on);
        action->setEnabled(on);
        const QString reason = why.isEmpty() ? disabledWhy : why;
        button->setToolTip(on ? tip : reason);
        action->setToolTip(on ? tip : reason);
    };
    set(m_download, m_downloadAction, inS3, tr("Saves the artifact's zip file"), {});
    set(m_open, m_openAction, inS3, tr("Downloads the artifact and lists the files in it"), {});
    set(m_extract, m_extractAction, inS3, tr("Downloads the artifact and extracts its files into a folder"), {});
    set(m_upload, m_uploadAction, inS3 && !input, tr("Uploads a zip file or a folder as this output artifact"),
        tr("Only an output artifact can be uploaded"));
    m_copy->setEnabled(selected.has_value());
    m_copyAction->setEnabled(selected.has_value());
}

void ArtifactsPage::trigger(void (ArtifactsPage::*signal)(const s3::JobArtifact &))
{
    const std::optional<s3::JobArtifact> selected = artifact();
    if (!selected || !m_hasCredentials || !selected->isInS3())
        return;
    Q_EMIT(this->*signal)(*selected);
}

}  // namespace jobdesk::gui

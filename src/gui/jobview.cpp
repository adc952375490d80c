#include "gui/jobview.h"

#include "gui/activitymodel.h"
#include "gui/artifactsmodel.h"
#include "gui/artifactspage.h"
#include "gui/clipboard.h"
#include "gui/configurationmodel.h"
#include "gui/credentialsmodel.h"
#include "gui/jobactionbar.h"
#include "gui/jsontreemodel.h"
#include "gui/overviewmodel.h"
#include "gui/querybar.h"
#include "gui/secretkeypolicy.h"

#include "core/output/jobexporter.h"
#include "core/output/jsonwriter.h"
#include "core/secret.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace jobdesk::gui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->setTabKeyNavigation(false);
    return view;
}

const QString kSplitterKey = QStringLiteral("JobView/rawSplitter");

}  // namespace

JobView::JobView(codepipeline::JobDocument document, SecretKeyPolicy *policy, QWidget *parent)
    : QWidget(parent)
    , m_document(std::move(document))
    , m_policy(policy)
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewModel(this))
    , m_configuration(new ConfigurationModel(policy, this))
    , m_configurationProxy(new QSortFilterProxyModel(this))
    , m_artifacts(new ArtifactsModel(this))
    , m_credentials(new CredentialsModel(this))
    , m_json(new JsonTreeModel(this))
    , m_queryBar(new QueryBar(&m_document, this))
    , m_actionBar(new JobActionBar(this))
    , m_activity(new ActivityModel(this))
    , m_querySplitter(new QSplitter(Qt::Vertical, this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("jobView"));
    m_overview->setNow(QDateTime::currentDateTimeUtc());
    m_overview->setDocument(m_document);
    m_configuration->setDocument(m_document);
    m_artifacts->setDocument(m_document);
    m_credentials->setDocument(m_document);

    m_tabs->setObjectName(QStringLiteral("jobTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildOverview(), tr("&Overview"));
    m_built[OverviewTab] = true;
    // The other pages are empty holders until first shown.
    for (const QString &title :
         {tr("Confi&guration"), tr("&Artifacts"), tr("Cre&dentials"), tr("Ra&w"), tr("Activit&y")}) {
        auto *holder = new QWidget(m_tabs);
        auto *holderLayout = new QVBoxLayout(holder);
        holderLayout->setContentsMargins(0, 0, 0, 0);
        m_tabs->addTab(holder, title);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index >= 0 && index <= ActivityTab)
            ensureBuilt(Tab(index));
    });
    connect(m_configuration, &QAbstractItemModel::dataChanged, this, &JobView::refreshRaw);
    refreshRaw();

    // The query's result under the pages, as tall as the person drags it; hidden while the bar is empty.
    m_queryBar->setMaskedConfigurationKeys(m_configuration->maskedKeys());
    connect(m_configuration, &QAbstractItemModel::dataChanged, m_queryBar,
            [this] { m_queryBar->setMaskedConfigurationKeys(m_configuration->maskedKeys()); });
    m_querySplitter->setObjectName(QStringLiteral("querySplitter"));
    m_querySplitter->setChildrenCollapsible(false);
    m_querySplitter->addWidget(m_tabs);
    m_querySplitter->addWidget(m_queryBar->resultArea());
    m_querySplitter->setStretchFactor(0, 3);
    m_querySplitter->setStretchFactor(1, 2);

    // An export read back brings the actions it recorded.
    const codepipeline::Json &recorded = m_document.activity();
    for (const codepipeline::Json &item : recorded) {
        if (auto entry = output::ActivityEntry::fromJson(item))
            m_activity->append(entry.value());
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_actionBar);
    auto *bar = new QVBoxLayout;
    bar->setContentsMargins(9, 6, 9, 0);
    bar->addWidget(m_queryBar);
    layout->addLayout(bar);
    layout->addWidget(m_querySplitter, 1);

    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] { m_overview->setNow(QDateTime::currentDateTimeUtc()); });
    if (m_document.hasArtifactCredentials())
        m_tick->start();
}

JobView::~JobView()
{
    if (m_rawSplitter) {
        QSettings settings;
        settings.setValue(kSplitterKey, m_rawSplitter->saveState());
    }
}

QStringList JobView::maskedConfigurationKeys() const
{
    return m_configuration->maskedKeys();
}

QWidget *JobView::buildOverview()
{
    auto *page = new QWidget(this);
    auto *view = makeTable(m_overview, page, QStringLiteral("overviewView"));
    view->setAccessibleName(tr("Job overview"));
    view->horizontalHeader()->setSectionResizeMode(OverviewModel::FieldColumn, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(view);
    return page;
}

QWidget *JobView::buildConfiguration()
{
    auto *page = new QWidget(this);
    m_configFilter = new QLineEdit(page);
    m_configFilter->setObjectName(QStringLiteral("configurationFilter"));
    m_configFilter->setPlaceholderText(tr("Filter keys and values"));
    m_configFilter->setAccessibleName(tr("Filter the configuration"));
    m_configFilter->setClearButtonEnabled(true);

    m_configurationProxy->setSourceModel(m_configuration);
    m_configurationProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_configurationProxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    // Keys and values only; the Secret column has no text, and masked values show the mask.
    m_configurationProxy->setFilterKeyColumn(-1);
    connect(m_configFilter, &QLineEdit::textChanged, m_configurationProxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *view = makeTable(m_configurationProxy, page, QStringLiteral("configurationView"));
    view->setAccessibleName(tr("Action configuration"));
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);  // wire order until the user sorts
    view->horizontalHeader()->setSectionResizeMode(ConfigurationModel::KeyColumn, QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSectionResizeMode(ConfigurationModel::ValueColumn, QHeaderView::Stretch);
    view->horizontalHeader()->setSectionResizeMode(ConfigurationModel::SecretColumn, QHeaderView::ResizeToContents);

    auto *copy = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy Val&ue"), page);
    copy->setObjectName(QStringLiteral("copyConfigValue"));
    connect(copy, &QPushButton::clicked, this, [this, view] {
        const QModelIndex current = view->currentIndex();
        if (!current.isValid())
            return;
        const QModelIndex source = m_configurationProxy->mapToSource(current);
        const QString value = m_configuration->data(source, ConfigurationModel::PlainValueRole).toString();
        if (m_configuration->data(source, ConfigurationModel::IsSecretRole).toBool())
            Clipboard::copySecret(Secret(value));
        else
            Clipboard::copyText(value);
    });
    auto *hint =
        new QLabel(tr("Tick Secret to mask a value for every job of this provider; JobDesk remembers it."), page);
    hint->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_configFilter, 1);
    top->addWidget(copy);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(view);
    layout->addWidget(hint);
    return page;
}

QWidget *JobView::buildArtifacts()
{
    m_artifactsPage = new ArtifactsPage(m_document, m_artifacts, this);
    m_artifactsView = m_artifactsPage->view();
    connect(m_artifactsPage, &ArtifactsPage::copyUriRequested, this, &JobView::copySelectedUri);
    connect(m_artifactsPage, &ArtifactsPage::downloadRequested, this, &JobView::downloadArtifactRequested);
    connect(m_artifactsPage, &ArtifactsPage::openRequested, this, &JobView::openArtifactRequested);
    connect(m_artifactsPage, &ArtifactsPage::extractRequested, this, &JobView::extractArtifactRequested);
    connect(m_artifactsPage, &ArtifactsPage::uploadRequested, this, &JobView::uploadArtifactRequested);
    connect(m_artifactsPage, &ArtifactsPage::fetchAgainRequested, this, &JobView::fetchAgainRequested);
    return m_artifactsPage;
}

void JobView::copySelectedUri()
{
    ensureBuilt(ArtifactsTab);
    const QModelIndex current = m_artifactsView->currentIndex();
    if (!current.isValid())
        return;
    const QString uri = m_artifacts->data(current, ArtifactsModel::UriRole).toString();
    if (!uri.isEmpty())
        Clipboard::copyText(uri);
}

QWidget *JobView::buildCredentials()
{
    auto *page = new QWidget(this);
    m_credentialsView = makeTable(m_credentials, page, QStringLiteral("credentialsView"));
    m_credentialsView->setAccessibleName(tr("Artifact credentials"));
    m_credentialsView->horizontalHeader()->setSectionResizeMode(CredentialsModel::FieldColumn,
                                                                QHeaderView::ResizeToContents);
    m_credentialsView->setCurrentIndex(m_credentials->index(0, CredentialsModel::ValueColumn));

    auto *reveal = new QPushButton(QIcon(QStringLiteral(":/icons/reveal.svg")), tr("Revea&l"), page);
    reveal->setObjectName(QStringLiteral("revealCredential"));
    reveal->setToolTip(tr("Show or hide the selected credential"));
    auto *copy = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Cop&y"), page);
    copy->setObjectName(QStringLiteral("copyCredential"));
    copy->setToolTip(tr("Copy the selected credential; clipboard managers are asked not to keep it"));
    connect(reveal, &QPushButton::clicked, this, [this] { toggleCredential(m_credentialsView->currentIndex().row()); });
    connect(copy, &QPushButton::clicked, this, [this] { copyCredential(m_credentialsView->currentIndex().row()); });
    connect(m_credentialsView, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { toggleCredential(index.row()); });

    auto *note = new QLabel(page);
    note->setWordWrap(true);
    note->setText(m_credentials->isEmpty()
                      ? tr("This job has no artifact credentials.")
                      : tr("Temporary keys for the job's artifact bucket. They expire about %1 minutes after "
                           "the fetch; the Overview tab counts down.")
                            .arg(OverviewModel::kCredentialLifetimeSeconds / 60));
    reveal->setEnabled(!m_credentials->isEmpty());
    copy->setEnabled(!m_credentials->isEmpty());

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(note, 1);
    buttons->addWidget(reveal);
    buttons->addWidget(copy);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_credentialsView);
    layout->addLayout(buttons);
    return page;
}

void JobView::toggleCredential(int row)
{
    if (row < 0 || row >= CredentialsModel::RowCount)
        return;
    m_credentials->setRevealed(row, !m_credentials->isRevealed(row));
}

void JobView::copyCredential(int row)
{
    const Secret &secret = m_credentials->secret(row);
    if (!secret.isEmpty())
        Clipboard::copySecret(secret);
}

QWidget *JobView::buildRaw()
{
    auto *page = new QWidget(this);
    m_rawSearch = new QLineEdit(page);
    m_rawSearch->setObjectName(QStringLiteral("rawSearch"));
    m_rawSearch->setPlaceholderText(tr("Search the JSON"));
    m_rawSearch->setAccessibleName(tr("Search the raw JSON"));
    m_rawSearch->setClearButtonEnabled(true);
    auto *previous = new QPushButton(tr("Previo&us"), page);
    auto *next = new QPushButton(tr("Ne&xt"), page);
    m_rawSecrets = new QCheckBox(tr("Show &secrets"), page);
    m_rawSecrets->setObjectName(QStringLiteral("rawShowSecrets"));
    m_rawSecrets->setToolTip(tr("Show the artifact credentials and masked configuration values in the JSON"));

    m_raw = new QPlainTextEdit(page);
    m_raw->setObjectName(QStringLiteral("rawText"));
    m_raw->setReadOnly(true);
    m_raw->setAccessibleName(tr("Raw JSON, as the AWS CLI prints it"));
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_jsonView = new QTreeView(page);
    m_jsonView->setObjectName(QStringLiteral("jsonTree"));
    m_jsonView->setModel(m_json);
    m_jsonView->setAccessibleName(tr("JSON tree"));
    m_jsonView->setUniformRowHeights(true);
    m_jsonView->setAlternatingRowColors(true);

    m_rawSplitter = new QSplitter(Qt::Horizontal, page);
    m_rawSplitter->setObjectName(QStringLiteral("rawSplitter"));
    m_rawSplitter->addWidget(m_raw);
    m_rawSplitter->addWidget(m_jsonView);
    m_rawSplitter->setStretchFactor(0, 3);
    m_rawSplitter->setStretchFactor(1, 2);
    m_rawSplitter->restoreState(QSettings().value(kSplitterKey).toByteArray());

    connect(m_rawSearch, &QLineEdit::textChanged, this, [this] {
        highlightMatches();
        QTextCursor c = m_raw->textCursor();
        c.movePosition(QTextCursor::Start);
        m_raw->setTextCursor(c);
        findInRaw();
    });
    connect(m_rawSearch, &QLineEdit::returnPressed, this, [this] { findInRaw(); });
    connect(next, &QPushButton::clicked, this, [this] { findInRaw(); });
    connect(previous, &QPushButton::clicked, this, [this] { findInRaw(true); });
    connect(m_rawSecrets, &QCheckBox::toggled, this, &JobView::refreshRaw);

    auto *top = new QHBoxLayout;
    top->addWidget(m_rawSearch, 1);
    top->addWidget(previous);
    top->addWidget(next);
    top->addWidget(m_rawSecrets);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_rawSplitter);
    return page;
}

QWidget *JobView::buildActivity()
{
    auto *page = new QWidget(this);
    m_activityView = makeTable(m_activity, page, QStringLiteral("activityView"));
    m_activityView->setAccessibleName(tr("Actions taken on this job"));
    m_activityView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_activityView->horizontalHeader()->setStretchLastSection(false);
    m_activityView->horizontalHeader()->setSectionResizeMode(ActivityModel::ParametersColumn, QHeaderView::Stretch);
    auto *hint = new QLabel(tr("What JobDesk sent for this job while it was open, secrets masked. It is part of "
                               "the exported JSON and of the profile's activity log."),
                            page);
    hint->setWordWrap(true);
    auto *copy = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy Activity"), page);
    copy->setObjectName(QStringLiteral("copyActivity"));
    copy->setToolTip(tr("Copies one line per action as plain text, for a support ticket"));
    connect(copy, &QPushButton::clicked, this, &JobView::copyActivity);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(copy);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_activityView);
    layout->addLayout(buttons);
    return page;
}

void JobView::copyActivity()
{
    Clipboard::copyText(m_activity->summaryText());
}

void JobView::setClientToken(const Secret &token)
{
    m_clientToken = token;
    m_queryBar->addSecret(token);
}

void JobView::ensureBuilt(Tab tab) const
{
    if (m_built[tab])
        return;
    // Building a page changes no observable state of the job, only which widgets exist.
    auto *self = const_cast<JobView *>(this);
    self->m_built[tab] = true;
    QWidget *page = nullptr;
    switch (tab) {
    case OverviewTab: return;
    case ConfigurationTab: page = self->buildConfiguration(); break;
    case ArtifactsTab: page = self->buildArtifacts(); break;
    case CredentialsTab: page = self->buildCredentials(); break;
    case RawTab: page = self->buildRaw(); break;
    case ActivityTab: page = self->buildActivity(); break;
    }
    QWidget *holder = m_tabs->widget(tab);
    page->setParent(holder);
    holder->layout()->addWidget(page);
    if (tab == RawTab)
        self->refreshRaw();
}

void JobView::refreshRaw()
{
    if (m_wiped)
        return;
    const bool includeSecrets = m_rawSecrets && m_rawSecrets->isChecked();
    // Even the redacted form keeps the continuation token, so each temporary copy is scrubbed.
    codepipeline::Json shown = includeSecrets
        ? m_document.data()
        : output::JobExporter::redacted(m_document.data(), m_configuration->maskedKeys());
    m_json->setJson(shown);
    if (m_raw) {  // the text is made when the Raw tab is first shown
        QByteArray bytes = output::writeJson(shown);
        QString text = QString::fromUtf8(bytes);
        m_raw->setPlainText(text);
        wipeString(text);
        wipeString(bytes);
        m_jsonView->expandToDepth(2);
        m_jsonView->resizeColumnToContents(0);
        highlightMatches();
    }
    codepipeline::wipeJson(shown);
}

int JobView::wipeSecrets()
{
    if (m_wiped)
        return 0;
    m_wiped = true;
    m_tick->stop();

    // A secret this job put on the clipboard goes with the job (as a password manager
    // clears it when the database locks); anything else there is left alone.
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (const QMimeData *mime = clipboard->mimeData(); Clipboard::isConcealed(mime)) {
        // Compared without making more copies: the text is shared with the clipboard's own.
        const QString onClipboard = mime->text();
        bool ours = false;
        for (int row = 0; row < CredentialsModel::RowCount && !ours; ++row) {
            const Secret &secret = m_credentials->secret(row);
            ours = !secret.isEmpty() && QAnyStringView::compare(onClipboard, QUtf8StringView(secret.reveal())) == 0;
        }
        for (int row = 0; row < m_configuration->rowCount() && !ours; ++row) {
            const QModelIndex index = m_configuration->index(row, ConfigurationModel::ValueColumn);
            ours = m_configuration->data(index, ConfigurationModel::IsSecretRole).toBool()
                && onClipboard == m_configuration->data(index, ConfigurationModel::PlainValueRole).toString();
        }
        if (ours)
            clipboard->clear();
    }

    int left = 0;
    if (m_raw)
        m_raw->clear();  // QTextDocument keeps its text privately; this only releases it
    if (m_rawSearch)
        m_rawSearch->clear();
    if (m_configFilter)
        m_configFilter->clear();
    left += m_queryBar->wipe();
    m_clientToken.clear();
    m_actionBar->hideTokenPrompt();
    // The document first: what it shares with a model (the request ID, say) is then
    // scrubbed by the model, its last holder.
    m_document.wipe();
    m_credentials->wipe();
    left += m_configuration->wipe();
    left += m_overview->wipe();
    left += m_json->wipe();
    Q_EMIT secretsWiped(left);
    return left;
}

bool JobView::findInRaw(bool backwards)
{
    ensureBuilt(RawTab);
    const QString needle = m_rawSearch->text();
    if (needle.isEmpty())
        return false;
    QTextDocument::FindFlags flags;
    if (backwards)
        flags |= QTextDocument::FindBackward;
    if (m_raw->find(needle, flags))
        return true;
    // Wrap around once.
    QTextCursor c = m_raw->textCursor();
    c.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_raw->setTextCursor(c);
    return m_raw->find(needle, flags);
}

void JobView::highlightMatches()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QString needle = m_rawSearch->text();
    if (!needle.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(palette().color(QPalette::Highlight).lighter(160));
        format.setForeground(palette().color(QPalette::Text));
        QTextCursor cursor(m_raw->document());
        while (true) {
            cursor = m_raw->document()->find(needle, cursor);
            if (cursor.isNull())
                break;
            selections.append({cursor, format});
        }
    }
    m_raw->setExtraSelections(selections);
}

}  // namespace jobdesk::gui

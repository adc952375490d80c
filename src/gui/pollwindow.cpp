#include "gui/pollwindow.h"

#include "gui/dialoghooks.h"
#include "gui/errorbanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace jobdesk::gui {

namespace {

// One notice per process: a person who polled once knows what it does.
bool s_noticeAccepted = false;

const char *const kDontAskKey = "PollForJobsNotice/dontAskAgain";
constexpr int kMaxBatchSize = 100;  // the model sets no upper limit; a hundred jobs is already a lot to hand out

QString group(const QString &profile)
{
    return QStringLiteral("PollForJobs/") + profile;
}

}  // namespace

PollWindow::PollWindow(const DialogHooks *hooks, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_hooks(hooks)
    , m_target(new QLabel(this))
    , m_category(new QComboBox(this))
    , m_owner(new QLabel(QStringLiteral("ThirdParty"), this))
    , m_provider(new QLineEdit(this))
    , m_version(new QLineEdit(this))
    , m_batchSize(new QSpinBox(this))
    , m_poll(new QPushButton(tr("&Poll"), this))
    , m_busyBar(new QProgressBar(this))
    , m_banner(new ErrorBanner(ErrorBanner::Style::Error, this))
    , m_status(new QLabel(this))
    , m_view(new QTableView(this))
    , m_model(new PolledJobsModel(this))
    , m_open(new QPushButton(tr("&Open"), this))
    , m_check("PollForThirdPartyJobsInput")
{
    setObjectName(QStringLiteral("pollWindow"));
    setWindowTitle(tr("Poll for Jobs"));

    m_target->setObjectName(QStringLiteral("pollTarget"));
    m_target->setWordWrap(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_category->setObjectName(QStringLiteral("category"));
    m_category->setAccessibleName(tr("Category"));
    for (const std::string &value : m_check.shapeAt("actionTypeId.category")->enumValues)
        m_category->addItem(QString::fromStdString(value));
    m_category->setCurrentText(QStringLiteral("Build"));
    m_owner->setObjectName(QStringLiteral("owner"));
    m_owner->setToolTip(tr("Partner actions are always owned by ThirdParty."));
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->setAccessibleName(tr("Provider"));
    m_provider->setPlaceholderText(tr("The provider name in the action type, e.g. AcmeCI"));
    m_version->setObjectName(QStringLiteral("version"));
    m_version->setAccessibleName(tr("Version"));
    m_version->setPlaceholderText(tr("e.g. 1"));
    m_batchSize->setObjectName(QStringLiteral("maxBatchSize"));
    m_batchSize->setAccessibleName(tr("Batch size"));
    m_batchSize->setToolTip(tr("The most jobs one poll hands to you"));
    m_batchSize->setRange(int(m_check.shapeAt("maxBatchSize")->min.value_or(1)), kMaxBatchSize);
    m_batchSize->setValue(1);  // as the AWS CLI asks for when none is given

    m_poll->setObjectName(QStringLiteral("pollButton"));
    m_poll->setIcon(QIcon(QStringLiteral(":/icons/fetch.svg")));
    m_busyBar->setObjectName(QStringLiteral("pollBusy"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setAccessibleName(tr("Poll in progress"));
    m_busyBar->hide();
    m_banner->setObjectName(QStringLiteral("pollError"));
    m_banner->hide();
    m_status->setObjectName(QStringLiteral("pollStatus"));
    m_status->setWordWrap(true);

    m_view->setObjectName(QStringLiteral("polledJobs"));
    m_view->setAccessibleName(tr("Polled jobs"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_open->setObjectName(QStringLiteral("openButton"));
    m_open->setIcon(QIcon(QStringLiteral(":/icons/open.svg")));
    m_open->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Category:"), m_category);
    form->addRow(tr("Owner:"), m_owner);
    form->addRow(tr("P&rovider:"), m_provider);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("&Batch size:"), m_batchSize);
    m_check.add("actionTypeId.category", m_category, tr("The category"));
    m_check.add("actionTypeId.provider", m_provider, tr("The provider"),
                tr("Enter the provider, as the action type names it."));
    m_check.add("actionTypeId.version", m_version, tr("The version"), tr("Enter the action type's version."));
    m_check.add("maxBatchSize", m_batchSize, tr("The batch size"));
    m_fieldErrors.addBelow(form, m_category);
    m_fieldErrors.addBelow(form, m_provider);
    m_fieldErrors.addBelow(form, m_version);
    m_fieldErrors.addBelow(form, m_batchSize);

    auto *pollRow = new QHBoxLayout;
    pollRow->addStretch();
    pollRow->addWidget(m_busyBar);
    pollRow->addWidget(m_poll);
    auto *jobsLabel = new QLabel(tr("&Jobs handed to you:"), this);
    jobsLabel->setBuddy(m_view);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_open);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addLayout(form);
    layout->addLayout(pollRow);
    layout->addWidget(m_banner);
    layout->addWidget(jobsLabel);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusRow);

    setTabOrder(m_category, m_provider);
    setTabOrder(m_provider, m_version);
    setTabOrder(m_version, m_batchSize);
    setTabOrder(m_batchSize, m_poll);
    setTabOrder(m_poll, m_view);
    setTabOrder(m_view, m_open);

    connect(m_poll, &QPushButton::clicked, this, &PollWindow::poll);
    // Enter in a field polls, as the default button would in a dialog.
    for (QLineEdit *edit : {m_provider, m_version})
        connect(edit, &QLineEdit::returnPressed, this, &PollWindow::poll);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_open, &QPushButton::clicked, this, [this] { openRow(m_view->currentIndex().row()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_open->setEnabled(current.isValid()); });
    setTarget(QString(), QString(), QString());
    resize(qMax(860, sizeHint().width()), qMax(520, sizeHint().height()));
}

void PollWindow::setTarget(const QString &profile, const QString &region, const QString &endpoint)
{
    m_profile = profile;
    const QString where = endpoint.isEmpty() ? tr("the public endpoint") : endpoint;
    m_target->setText(profile.isEmpty() ? tr("Choose a profile in the main window first.")
                                        : tr("Polls with profile “%1” in %2, at %3.").arg(profile, region, where));
    m_poll->setEnabled(!profile.isEmpty() && !m_busy);
    load();
}

void PollWindow::load()
{
    QSettings settings;
    settings.beginGroup(group(m_profile));
    const QString category = settings.value(QStringLiteral("category"), QStringLiteral("Build")).toString();
    const int index = m_category->findText(category);
    m_category->setCurrentIndex(index < 0 ? m_category->findText(QStringLiteral("Build")) : index);
    m_provider->setText(settings.value(QStringLiteral("provider")).toString());
    m_version->setText(settings.value(QStringLiteral("version")).toString());
    m_batchSize->setValue(settings.value(QStringLiteral("maxBatchSize"), 1).toInt());
    m_fieldErrors.clear();
}

void PollWindow::remember(const codepipeline::Json &parameters) const
{
    if (m_profile.isEmpty())
        return;
    const codepipeline::Json &type = parameters.at("actionTypeId");
    QSettings settings;
    settings.beginGroup(group(m_profile));
    settings.setValue(QStringLiteral("category"), QString::fromStdString(type.at("category").get<std::string>()));
    settings.setValue(QStringLiteral("provider"), QString::fromStdString(type.at("provider").get<std::string>()));
    settings.setValue(QStringLiteral("version"), QString::fromStdString(type.at("version").get<std::string>()));
    settings.setValue(QStringLiteral("maxBatchSize"), parameters.at("maxBatchSize").get<int>());
}

std::optional<codepipeline::Json> PollWindow::validatedParameters()
{
    codepipeline::Json type = codepipeline::Json::object();
    type["category"] = m_category->currentText().toStdString();
    type["owner"] = "ThirdParty";
    // A provider or version is a name: spaces around a paste are not part of it.
    if (const QString provider = m_provider->text().trimmed(); !provider.isEmpty())
        type["provider"] = provider.toStdString();
    if (const QString version = m_version->text().trimmed(); !version.isEmpty())
        type["version"] = version.toStdString();
    codepipeline::Json params = codepipeline::Json::object();
    params["actionTypeId"] = type;
    params["maxBatchSize"] = m_batchSize->value();
    const QStringList others = m_check.check(params, m_fieldErrors);
    if (!others.isEmpty()) {
        Error e = Error::validation(QString(), others.join(QLatin1Char('\n')));
        m_banner->showError(e);
    }
    if (m_fieldErrors.firstWithMessage() || !others.isEmpty())
        return std::nullopt;
    return params;
}

QString PollWindow::noticeText()
{
    return tr("Polling takes jobs off the queue: the jobs it returns are handed to you, here in JobDesk. "
              "Your own worker will not see them until they time out, and the pipelines wait meanwhile. "
              "Poll only when you mean to act on the jobs yourself.");
}

void PollWindow::resetSessionNotice()
{
    s_noticeAccepted = false;
}

bool PollWindow::noticeAccepted()
{
    if (s_noticeAccepted || QSettings().value(QLatin1String(kDontAskKey), false).toBool())
        return true;
    bool dontAsk = false;
    bool poll = false;
    if (m_hooks && m_hooks->pollNotice) {
        poll = m_hooks->pollNotice(noticeText(), dontAsk);
    } else {
        QMessageBox box(QMessageBox::Warning, tr("Poll for Jobs"), noticeText(), QMessageBox::NoButton, this);
        QPushButton *pollButton = box.addButton(tr("&Poll"), QMessageBox::AcceptRole);
        QPushButton *cancel = box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(cancel);
        box.setCheckBox(new QCheckBox(tr("&Don't ask again"), &box));
        box.exec();
        poll = box.clickedButton() == pollButton;
        dontAsk = box.checkBox()->isChecked();
    }
    if (!poll)
        return false;
    s_noticeAccepted = true;
    if (dontAsk)
        QSettings().setValue(QLatin1String(kDontAskKey), true);
    return true;
}

void PollWindow::poll()
{
    if (m_busy || m_profile.isEmpty())
        return;
    m_banner->dismiss();
    const std::optional<codepipeline::Json> params = validatedParameters();
    if (!params || !noticeAccepted())
        return;
    remember(*params);
    Q_EMIT pollRequested(*params);
}

void PollWindow::setBusy(bool busy)
{
    m_busy = busy;
    m_poll->setEnabled(!busy && !m_profile.isEmpty());
    m_busyBar->setVisible(busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_category, m_provider, m_version, m_batchSize})
        w->setEnabled(!busy);
    if (busy)
        m_status->setText(tr("Polling…"));
}

void PollWindow::addJobs(const QList<PolledJob> &jobs)
{
    m_banner->dismiss();
    if (jobs.isEmpty()) {
        m_status->setText(tr("No job was waiting."));
        return;
    }
    m_model->addBatch(jobs);
    // IDs are read whole (they go into tickets): the columns take the width they need.
    m_view->resizeColumnsToContents();
    m_status->setText(tr("Jobs handed to you by the last poll: %1.").arg(jobs.size()));
    // The newest job is on top: ready for Enter.
    m_view->setCurrentIndex(m_model->index(0, PolledJobsModel::JobIdColumn));
}

void PollWindow::showError(const Error &error)
{
    m_status->clear();
    m_banner->showError(error);
}

QString PollWindow::fieldError(QWidget *field) const
{
    return m_fieldErrors.message(field);
}

void PollWindow::openRow(int row)
{
    const PolledJob job = m_model->job(row);
    if (!job.jobId.isEmpty())
        Q_EMIT jobActivated(job.jobId, job.clientId);
}

}  // namespace jobdesk::gui

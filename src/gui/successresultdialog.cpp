#include "gui/successresultdialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

namespace jobdesk::gui {

namespace {

// A single-line paste keeps no spaces around it; whitespace alone is nothing typed.
QString lineText(const QLineEdit *edit)
{
    return edit->text().trimmed();
}

QString blockText(const QPlainTextEdit *edit)
{
    const QString text = edit->toPlainText();
    return text.trimmed().isEmpty() ? QString() : text;
}

QPlainTextEdit *newBlockEdit(QWidget *parent, int lines)
{
    auto *edit = new QPlainTextEdit(parent);
    // Tab moves on, as in a line edit: the model refuses tabs in the text anyway.
    edit->setTabChangesFocus(true);
    const QFontMetrics metrics(edit->font());
    edit->setFixedHeight(metrics.lineSpacing() * lines + 2 * edit->frameWidth()
                         + int(edit->document()->documentMargin() * 2));
    return edit;
}

}  // namespace

SuccessResultDialog::SuccessResultDialog(QWidget *parent)
    : QDialog(parent)
    , m_summary(newBlockEdit(this, 3))
    , m_externalId(new QLineEdit(this))
    , m_percent(new QSpinBox(this))
    , m_revision(new QLineEdit(this))
    , m_changeId(new QLineEdit(this))
    , m_createdSet(new QCheckBox(tr("Set"), this))
    , m_created(new QDateTimeEdit(this))
    , m_revisionSummary(new QLineEdit(this))
    , m_continuationToken(new QLineEdit(this))
    , m_error(FieldErrors::newLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_send(m_buttons->addButton(tr("Re&view and Send…"), QDialogButtonBox::AcceptRole))
    , m_check("PutThirdPartyJobSuccessResultInput")
{
    setObjectName(QStringLiteral("successResultDialog"));
    setWindowTitle(tr("Report Success"));

    m_summary->setObjectName(QStringLiteral("executionSummary"));
    m_summary->setAccessibleName(tr("Execution summary"));
    m_summary->setPlaceholderText(tr("What the action did, as the customer sees it in the action's details"));
    m_externalId->setObjectName(QStringLiteral("externalExecutionId"));
    m_externalId->setAccessibleName(tr("External execution ID"));
    m_externalId->setPlaceholderText(tr("The run's ID in your service (optional)"));
    // The range is the model's; one below its minimum stands for "not set".
    const codepipeline::Shape *percentage = m_check.shapeAt("executionDetails.percentComplete");
    m_percent->setObjectName(QStringLiteral("percentComplete"));
    m_percent->setAccessibleName(tr("Percent complete"));
    m_percent->setRange(int(percentage->min.value_or(0)) - 1, int(percentage->max.value_or(100)));
    m_percent->setSpecialValueText(tr("not set"));
    m_percent->setSuffix(tr(" %"));
    m_percent->setValue(m_percent->minimum());

    m_revision->setObjectName(QStringLiteral("revision"));
    m_revision->setAccessibleName(tr("Revision"));
    m_revision->setPlaceholderText(tr("e.g. a commit ID or build number"));
    m_changeId->setObjectName(QStringLiteral("changeIdentifier"));
    m_changeId->setAccessibleName(tr("Change identifier"));
    m_createdSet->setObjectName(QStringLiteral("createdSet"));
    m_createdSet->setAccessibleName(tr("Give a creation time"));
    m_created->setObjectName(QStringLiteral("created"));
    m_created->setAccessibleName(tr("Revision created (UTC)"));
    m_created->setTimeSpec(Qt::UTC);
    m_created->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_created->setCalendarPopup(true);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_created->setDateTime(now.addMSecs(-now.time().msec()));
    m_created->setEnabled(false);
    m_revisionSummary->setObjectName(QStringLiteral("revisionSummary"));
    m_revisionSummary->setAccessibleName(tr("Revision summary"));
    m_continuationToken->setObjectName(QStringLiteral("continuationToken"));
    m_continuationToken->setAccessibleName(tr("Continuation token"));
    m_continuationToken->setPlaceholderText(tr("empty: the job is finished"));
    m_error->setObjectName(QStringLiteral("successResultError"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);

    auto *intro = new QLabel(tr("Every field is optional. A group you fill in is sent with the success "
                                "result; nothing is sent before you confirm."),
                             this);
    intro->setWordWrap(true);

    auto *execution = new QGroupBox(tr("Execution details"), this);
    auto *executionForm = new QFormLayout(execution);
    executionForm->addRow(tr("Su&mmary:"), m_summary);
    executionForm->addRow(tr("E&xternal execution ID:"), m_externalId);
    executionForm->addRow(tr("&Percent complete:"), m_percent);

    auto *revision = new QGroupBox(tr("Current revision"), this);
    auto *revisionForm = new QFormLayout(revision);
    revisionForm->addRow(tr("&Revision:"), m_revision);
    revisionForm->addRow(tr("C&hange identifier:"), m_changeId);
    auto *createdRow = new QHBoxLayout;
    createdRow->addWidget(m_createdSet);
    createdRow->addWidget(m_created, 1);
    auto *createdLabel = new QLabel(tr("&Created (UTC):"), this);
    createdLabel->setBuddy(m_createdSet);
    revisionForm->addRow(createdLabel, createdRow);
    revisionForm->addRow(tr("Revision s&ummary:"), m_revisionSummary);

    auto *continuation = new QGroupBox(tr("Continue the job"), this);
    auto *continuationForm = new QFormLayout(continuation);
    auto *continuationNote = new QLabel(tr("With a continuation token the action is not finished: CodePipeline "
                                           "gives your service another job for it, carrying this token."),
                                        this);
    continuationNote->setWordWrap(true);
    continuationForm->addRow(continuationNote);
    continuationForm->addRow(tr("Continuation t&oken:"), m_continuationToken);

    m_check.add("executionDetails.summary", m_summary, tr("The summary"));
    m_check.add("executionDetails.externalExecutionId", m_externalId, tr("The external execution ID"));
    m_check.add("executionDetails.percentComplete", m_percent, tr("The percent complete"));
    m_check.add("currentRevision.revision", m_revision, tr("The revision"),
                tr("A current revision needs the revision itself: enter it, or clear the revision's fields."));
    m_check.add("currentRevision.changeIdentifier", m_changeId, tr("The change identifier"),
                tr("A current revision needs its change identifier: enter it, or clear the revision's fields."));
    m_check.add("currentRevision.created", m_created, tr("The creation time"));
    m_check.add("currentRevision.revisionSummary", m_revisionSummary, tr("The revision summary"));
    m_check.add("continuationToken", m_continuationToken, tr("The continuation token"));
    m_fieldErrors.addBelow(executionForm, m_summary);
    m_fieldErrors.addBelow(executionForm, m_externalId);
    m_fieldErrors.addBelow(executionForm, m_percent);
    m_fieldErrors.addBelow(revisionForm, m_revision);
    m_fieldErrors.addBelow(revisionForm, m_changeId);
    m_fieldErrors.addBelow(revisionForm, m_created);
    m_fieldErrors.addBelow(revisionForm, m_revisionSummary);
    m_fieldErrors.addBelow(continuationForm, m_continuationToken);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(execution);
    layout->addWidget(revision);
    layout->addWidget(continuation);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    setTabOrder(m_summary, m_externalId);
    setTabOrder(m_externalId, m_percent);
    setTabOrder(m_percent, m_revision);
    setTabOrder(m_revision, m_changeId);
    setTabOrder(m_changeId, m_createdSet);
    setTabOrder(m_createdSet, m_created);
    setTabOrder(m_created, m_revisionSummary);
    setTabOrder(m_revisionSummary, m_continuationToken);
    setTabOrder(m_continuationToken, m_send);

    connect(m_createdSet, &QCheckBox::toggled, m_created, &QWidget::setEnabled);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SuccessResultDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(qMax(560, layout->minimumSize().width()));
    m_summary->setFocus();
}

codepipeline::Json SuccessResultDialog::parameters() const
{
    codepipeline::Json out = codepipeline::Json::object();
    codepipeline::Json revision = codepipeline::Json::object();
    if (const QString text = lineText(m_revision); !text.isEmpty())
        revision["revision"] = text.toStdString();
    if (const QString text = lineText(m_changeId); !text.isEmpty())
        revision["changeIdentifier"] = text.toStdString();
    if (m_createdSet->isChecked())
        revision["created"] = static_cast<long long>(m_created->dateTime().toSecsSinceEpoch());
    if (const QString text = lineText(m_revisionSummary); !text.isEmpty())
        revision["revisionSummary"] = text.toStdString();
    if (!revision.empty())
        out["currentRevision"] = revision;
    if (const QString text = lineText(m_continuationToken); !text.isEmpty())
        out["continuationToken"] = text.toStdString();
    codepipeline::Json execution = codepipeline::Json::object();
    if (const QString text = blockText(m_summary); !text.isEmpty())
        execution["summary"] = text.toStdString();
    if (const QString text = lineText(m_externalId); !text.isEmpty())
        execution["externalExecutionId"] = text.toStdString();
    if (m_percent->value() != m_percent->minimum())
        execution["percentComplete"] = m_percent->value();
    if (!execution.empty())
        out["executionDetails"] = execution;
    return out;
}

bool SuccessResultDialog::validate()
{
    m_error->hide();
    // The job ID and client token are the caller's: the form checks only its own members.
    const QStringList others =
        m_check.check(parameters(), m_fieldErrors, {QStringLiteral("jobId"), QStringLiteral("clientToken")});
    if (!others.isEmpty())
        FieldErrors::show(m_error, m_send, others.join(QLatin1Char('\n')));
    return m_fieldErrors.firstWithMessage() == nullptr && others.isEmpty();
}

QString SuccessResultDialog::fieldError(QWidget *field) const
{
    return m_fieldErrors.message(field);
}

QString SuccessResultDialog::errorText() const
{
    QStringList all = m_fieldErrors.messages();
    if (!m_error->isHidden())
        all << m_error->text();
    return all.join(QLatin1Char('\n'));
}

void SuccessResultDialog::accept()
{
    if (validate())
        QDialog::accept();
}

}  // namespace jobdesk::gui

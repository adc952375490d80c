#include "gui/failureresultdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace jobdesk::gui {

FailureResultDialog::FailureResultDialog(QWidget *parent)
    : QDialog(parent)
    , m_type(new QComboBox(this))
    , m_explanation(new QLabel(this))
    , m_message(new QPlainTextEdit(this))
    , m_count(new QLabel(this))
    , m_externalId(new QLineEdit(this))
    , m_error(FieldErrors::newLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_send(m_buttons->addButton(tr("Re&view and Send…"), QDialogButtonBox::AcceptRole))
    , m_check("PutThirdPartyJobFailureResultInput")
{
    setObjectName(QStringLiteral("failureResultDialog"));
    setWindowTitle(tr("Report Failure"));

    // The model's values, as the API and the console spell them.
    m_type->setObjectName(QStringLiteral("failureType"));
    m_type->setAccessibleName(tr("Failure type"));
    for (const std::string &value : m_check.shapeAt("failureDetails.type")->enumValues)
        m_type->addItem(QString::fromStdString(value));
    m_explanation->setObjectName(QStringLiteral("failureTypeExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("failureMessage"));
    m_message->setAccessibleName(tr("Failure message"));
    m_message->setPlaceholderText(tr("What went wrong and what the customer can do about it"));
    m_message->setTabChangesFocus(true);
    const QFontMetrics metrics(m_message->font());
    m_message->setMinimumHeight(metrics.lineSpacing() * 5);
    m_count->setObjectName(QStringLiteral("failureMessageCount"));
    m_externalId->setObjectName(QStringLiteral("externalExecutionId"));
    m_externalId->setAccessibleName(tr("External execution ID"));
    m_externalId->setPlaceholderText(tr("The run's ID in your service (optional)"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_error->setObjectName(QStringLiteral("failureResultError"));

    // The explanation and the count belong to their field: they sit in its row, the messages below them.
    auto *typeColumn = new QVBoxLayout;
    typeColumn->addWidget(m_type);
    typeColumn->addWidget(m_explanation);
    auto *messageColumn = new QVBoxLayout;
    messageColumn->addWidget(m_message, 1);
    messageColumn->addWidget(m_count, 0, Qt::AlignRight);
    auto *form = new QFormLayout;
    form->addRow(tr("Failure &type:"), typeColumn);
    form->addRow(tr("&Message:"), messageColumn);
    form->addRow(tr("E&xternal execution ID:"), m_externalId);
    qobject_cast<QLabel *>(form->labelForField(typeColumn))->setBuddy(m_type);
    qobject_cast<QLabel *>(form->labelForField(messageColumn))->setBuddy(m_message);
    m_check.add("failureDetails.message", m_message, tr("The message"),
                tr("Enter a message: the customer reads it in the failed action's details."));
    m_check.add("failureDetails.externalExecutionId", m_externalId, tr("The external execution ID"));
    m_check.add("failureDetails.type", m_type, tr("The failure type"));
    m_fieldErrors.addBelow(form, m_type);
    m_fieldErrors.addBelow(form, m_message);
    m_fieldErrors.addBelow(form, m_externalId);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    setTabOrder(m_type, m_message);
    setTabOrder(m_message, m_externalId);
    setTabOrder(m_externalId, m_send);

    const auto explain = [this] {
        const QString text = explainFailureType(m_type->currentText());
        m_explanation->setText(text);
        m_type->setAccessibleDescription(text);
    };
    // The limit is the model's; the count lets a long message be cut before the service refuses it.
    const long long limit = m_check.shapeAt("failureDetails.message")->max.value_or(0);
    const auto count = [this, limit] {
        const qsizetype length = m_message->toPlainText().toUcs4().size();
        m_count->setText(tr("%1 of %2 characters").arg(length).arg(limit));
    };
    connect(m_type, &QComboBox::currentIndexChanged, this, explain);
    connect(m_message, &QPlainTextEdit::textChanged, this, count);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FailureResultDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    explain();
    count();
    setMinimumWidth(qMax(560, layout->minimumSize().width()));
    m_type->setFocus();
}

QString FailureResultDialog::explainFailureType(const QString &type)
{
    // Whatever the type, CodePipeline fails the action; the type tells the customer where the fault lies.
    if (type == QLatin1String("JobFailed"))
        return tr("The job ran and did not succeed (a failed build or test). The action fails and the pipeline "
                  "execution stops at it.");
    if (type == QLatin1String("ConfigurationError"))
        return tr("The action's configuration is wrong or incomplete; the customer has to change it. The action "
                  "fails and the pipeline execution stops at it.");
    if (type == QLatin1String("PermissionError"))
        return tr("Your service was refused access it needs (the artifacts, a key, the customer's account). The "
                  "action fails and the pipeline execution stops at it.");
    if (type == QLatin1String("RevisionOutOfSync"))
        return tr("The revision the job was given is not the one your service expected. The action fails and the "
                  "pipeline execution stops at it.");
    if (type == QLatin1String("RevisionUnavailable"))
        return tr("The revision or its artifacts could not be found or read. The action fails and the pipeline "
                  "execution stops at it.");
    if (type == QLatin1String("SystemUnavailable"))
        return tr("Your service, or one it depends on, was unavailable; a retry may succeed. The action fails and "
                  "the pipeline execution stops at it.");
    return {};
}

codepipeline::Json FailureResultDialog::failureDetails() const
{
    codepipeline::Json details = codepipeline::Json::object();
    details["type"] = m_type->currentText().toStdString();
    // The message is sent as written; only a message of spaces alone counts as none.
    if (const QString text = m_message->toPlainText(); !text.trimmed().isEmpty())
        details["message"] = text.toStdString();
    if (const QString id = m_externalId->text().trimmed(); !id.isEmpty())
        details["externalExecutionId"] = id.toStdString();
    return details;
}

bool FailureResultDialog::validate()
{
    m_error->hide();
    codepipeline::Json params = codepipeline::Json::object();
    params["failureDetails"] = failureDetails();
    const QStringList others =
        m_check.check(params, m_fieldErrors, {QStringLiteral("jobId"), QStringLiteral("clientToken")});
    if (!others.isEmpty())
        FieldErrors::show(m_error, m_send, others.join(QLatin1Char('\n')));
    return m_fieldErrors.firstWithMessage() == nullptr && others.isEmpty();
}

QString FailureResultDialog::fieldError(QWidget *field) const
{
    return m_fieldErrors.message(field);
}

QString FailureResultDialog::errorText() const
{
    QStringList all = m_fieldErrors.messages();
    if (!m_error->isHidden())
        all << m_error->text();
    return all.join(QLatin1Char('\n'));
}

void FailureResultDialog::accept()
{
    if (validate())
        QDialog::accept();
}

}  // namespace jobdesk::gui

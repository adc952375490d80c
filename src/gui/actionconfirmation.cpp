#include "gui/actionconfirmation.h"

#include "gui/dialoghooks.h"
#include "gui/errorbanner.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace jobdesk::gui {

ActionSummary ActionSummary::forJob(const codepipeline::JobDocument &document, const QString &action)
{
    ActionSummary s;
    s.action = action;
    s.jobId = document.jobId();
    s.pipelineName = document.dataString("pipelineContext.pipelineName").value_or(QString());
    // arn:PARTITION:codepipeline:REGION:ACCOUNT:NAME; anything else says nothing about the account.
    const QStringList arn =
        document.dataString("pipelineContext.pipelineArn").value_or(QString()).split(QLatin1Char(':'));
    if (arn.size() >= 6 && arn.at(0) == QLatin1String("arn") && arn.at(4).size() == 12) {
        bool digits = true;
        for (const QChar c : arn.at(4))
            digits = digits && c.isDigit() && c.unicode() < 128;
        if (digits)
            s.accountId = arn.at(4);
    }
    const QString stage = document.dataString("pipelineContext.stage.name").value_or(QString());
    const QString actionName = document.dataString("pipelineContext.action.name").value_or(QString());
    if (!stage.isEmpty() && !actionName.isEmpty())
        s.stageAndAction = stage + QStringLiteral(" / ") + actionName;
    else
        s.stageAndAction = stage.isEmpty() ? actionName : stage;
    return s;
}

namespace {

QLabel *valueLabel(const QString &value, QWidget *parent)
{
    auto *label = new QLabel(parent);
    if (value.isEmpty())
        label->setText(QStringLiteral("<i>%1</i>").arg(ActionConfirmation::tr("unknown").toHtmlEscaped()));
    else
        label->setText(value.toHtmlEscaped());
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

}  // namespace

ActionConfirmation::ActionConfirmation(const ActionSummary &summary, QWidget *parent)
    : QDialog(parent)
    , m_customer(new QLabel(this))
    , m_warning(new ErrorBanner(ErrorBanner::Style::Warning, this))
    , m_commandLine(new QPlainTextEdit(this))
    , m_send(new QPushButton(summary.action, this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("actionConfirmation"));
    setWindowTitle(tr("Confirm: %1").arg(summary.action));

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/warning.svg")).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    auto *headline = new QLabel(
        tr("<b>This changes the customer's pipeline.</b> CodePipeline acts on it as soon as it arrives, as if the "
           "partner's own service had sent it, and it cannot be taken back."),
        this);
    headline->setObjectName(QStringLiteral("confirmationHeadline"));
    headline->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(headline, 1);

    m_customer->setObjectName(QStringLiteral("customerLabel"));
    m_customer->setText(tr("The job and its customer"));
    QFont bold = m_customer->font();
    bold.setBold(true);
    m_customer->setFont(bold);
    auto *form = new QFormLayout;
    form->addRow(tr("Action:"), valueLabel(summary.action, this));
    for (const auto &[label, value] : summary.details)
        form->addRow(label, valueLabel(value, this));
    form->addRow(tr("Job ID:"), valueLabel(summary.jobId, this));
    form->addRow(tr("Account:"), valueLabel(summary.accountId, this));
    form->addRow(tr("Pipeline:"), valueLabel(summary.pipelineName, this));
    form->addRow(tr("Stage / action:"), valueLabel(summary.stageAndAction, this));

    m_warning->setObjectName(QStringLiteral("confirmationWarning"));
    m_warning->setClosable(false);
    if (summary.warning.isEmpty())
        m_warning->hide();
    else
        m_warning->showText(tr("Check before sending"), summary.warning);

    auto *commandLabel = new QLabel(tr("The same with jobdesk-&cli:"), this);
    commandLabel->setBuddy(m_commandLine);
    m_commandLine->setObjectName(QStringLiteral("commandLine"));
    m_commandLine->setAccessibleName(tr("Equivalent command line"));
    m_commandLine->setPlainText(summary.commandLine);
    m_commandLine->setReadOnly(true);
    m_commandLine->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_commandLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandLine->setTabChangesFocus(true);
    m_commandLine->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    const QFontMetrics metrics(m_commandLine->font());
    m_commandLine->setFixedHeight(metrics.lineSpacing() * 6 + 2 * m_commandLine->frameWidth()
                                  + int(m_commandLine->document()->documentMargin() * 2));

    m_send->setObjectName(QStringLiteral("sendButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    // Cancel is the default and has the focus: sending takes a deliberate choice.
    m_send->setAutoDefault(false);
    m_cancel->setAutoDefault(true);
    m_cancel->setDefault(true);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_send, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(6);
    layout->addWidget(m_customer);
    layout->addLayout(form);
    layout->addWidget(m_warning);
    layout->addWidget(commandLabel);
    layout->addWidget(m_commandLine);
    // Not every action has a jobdesk-cli command of its own.
    commandLabel->setVisible(!summary.commandLine.isEmpty());
    m_commandLine->setVisible(!summary.commandLine.isEmpty());
    layout->addWidget(buttons);

    setTabOrder(m_cancel, m_send);
    setTabOrder(m_send, m_commandLine);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(qMax(640, layout->minimumSize().width()));
    m_cancel->setFocus();
}

bool ActionConfirmation::ask(QWidget *parent, const DialogHooks &hooks, const ActionSummary &summary)
{
    if (hooks.confirmAction)
        return hooks.confirmAction(summary);
    ActionConfirmation dialog(summary, parent);
    return dialog.exec() == QDialog::Accepted;
}

}  // namespace jobdesk::gui

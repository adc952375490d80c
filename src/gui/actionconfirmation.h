#pragma once

// What a person sees and accepts before any call that changes a customer's pipeline: which
// customer, pipeline and action the job belongs to, and the equivalent jobdesk-cli command.
// Cancel is the default, so a stray Enter sends nothing.

#include "core/codepipeline/jobdocument.h"

#include <QCoreApplication>
#include <QDialog>
#include <QList>
#include <QString>

#include <utility>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace jobdesk::gui {

struct DialogHooks;
class ErrorBanner;

struct ActionSummary
{
    QString action;  // "Report failure", translated
    QString jobId;
    QString accountId;       // from pipelineContext.pipelineArn's account field; may be empty
    QString pipelineName;    // pipelineContext.pipelineName; may be empty
    QString stageAndAction;  // "Build / MyAction" from pipelineContext.stage.name and .action.name; may be empty
    QString commandLine;     // the equivalent jobdesk-cli command, client token masked (made by the caller)
    QString warning;         // e.g. the job was opened from a file and may be stale; may be empty
    // More of what will be sent, shown after the action (an upload's file, bucket and key,
    // KMS key): a label and its value each.
    QList<std::pair<QString, QString>> details;

    // The job's ID and the customer's account, pipeline, stage and action, as far as the job says.
    static ActionSummary forJob(const codepipeline::JobDocument &document, const QString &action);
};

class ActionConfirmation : public QDialog
{
    Q_OBJECT

public:
    explicit ActionConfirmation(const ActionSummary &summary, QWidget *parent = nullptr);

    // The confirmAction hook's answer when set, otherwise the dialog's; true: send.
    static bool ask(QWidget *parent, const DialogHooks &hooks, const ActionSummary &summary);

    QPushButton *sendButton() const { return m_send; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPlainTextEdit *commandLineView() const { return m_commandLine; }
    QLabel *customerLabel() const { return m_customer; }
    ErrorBanner *warningBanner() const { return m_warning; }

private:
    QLabel *m_customer;
    ErrorBanner *m_warning;
    QPlainTextEdit *m_commandLine;
    QPushButton *m_send;
    QPushButton *m_cancel;
};

}  // namespace jobdesk::gui

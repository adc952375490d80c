#pragma once

// Collects the optional members of a PutThirdPartyJobSuccessResult request (execution details,
// current revision, continuation token) and checks them against the service model. It sends
// nothing: the caller adds the job ID and client token, confirms and sends.

#include "core/codepipeline/responseparser.h"
#include "gui/fielderrors.h"
#include "gui/modelfieldcheck.h"

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace jobdesk::gui {

class SuccessResultDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SuccessResultDialog(QWidget *parent = nullptr);

    // Checks every field against the model's rules and shows each problem under its field (the
    // first bad field focused); true when all are good. Accepting calls it and stays open while a
    // field is bad.
    bool validate();
    // What was filled in, as the request's members in model order: any of currentRevision,
    // continuationToken and executionDetails; empty groups are left out. `created` is whole
    // epoch seconds, as the AWS CLI and jobdesk-cli send a timestamp.
    codepipeline::Json parameters() const;
    QString fieldError(QWidget *field) const;
    QString errorText() const;  // every message shown, one per line

    QPlainTextEdit *summaryEdit() const { return m_summary; }
    QLineEdit *externalIdEdit() const { return m_externalId; }
    QSpinBox *percentSpin() const { return m_percent; }  // its minimum means "not set"
    QLineEdit *revisionEdit() const { return m_revision; }
    QLineEdit *changeIdEdit() const { return m_changeId; }
    QCheckBox *createdCheck() const { return m_createdSet; }  // unchecked: no creation time
    QDateTimeEdit *createdEdit() const { return m_created; }  // in UTC
    QLineEdit *revisionSummaryEdit() const { return m_revisionSummary; }
    QLineEdit *continuationTokenEdit() const { return m_continuationToken; }
    QPushButton *sendButton() const { return m_send; }

    void accept() override;

private:
    QPlainTextEdit *m_summary;
    QLineEdit *m_externalId;
    QSpinBox *m_percent;
    QLineEdit *m_revision;
    QLineEdit *m_changeId;
    QCheckBox *m_createdSet;
    QDateTimeEdit *m_created;
    QLineEdit *m_revisionSummary;
    QLineEdit *m_continuationToken;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_send;
    FieldErrors m_fieldErrors;
    ModelFieldCheck m_check;
};

}  // namespace jobdesk::gui
